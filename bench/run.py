"""`make bench`: every benchmark, one after the other, each printing its table.

Defaults are the issue's sizes (2,000 files; 100k and 1M pages; 1,000 crash trials), which take
a long while on 2 cores; ``--quick`` runs small sizes to check the benchmarks themselves work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    py = sys.executable
    runs = [
        [py, str(HERE / "bench_pdf_choice.py")],
        [py, str(HERE / "bench_ingest.py"), "--files", "200" if args.quick else "2000"],
        [
            py,
            str(HERE / "bench_search.py"),
            "--sizes",
            *(["20000"] if args.quick else ["100000", "1000000"]),
        ],
        [py, str(HERE / "bench_crash.py"), "--trials", "20" if args.quick else "1000"],
    ]
    failed = 0
    for cmd in runs:
        print(f"\n## {' '.join(Path(c).name for c in cmd[1:])}\n", flush=True)
        failed |= subprocess.run(cmd).returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
