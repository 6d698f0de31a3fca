"""Crash trials at scale: kill -9 an ingest, check, re-run, check. Prints the kill-point histogram.

Each trial copies an empty case, ingests a small mixed folder (text files and a zip with
members) and is killed — at a labelled persistence point (``DELIL_CRASH_AT=label:n``) or at a
random moment after the first source is stored. After the kill: ``verify`` must be clean (every
source complete or absent). Then the same ingest runs again: it must finish the batch with every
expected source and no duplicates.

    .venv/bin/python bench/bench_crash.py --trials 1000
"""

from __future__ import annotations

import argparse
import collections
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import cache_dir, table

from delil.faults import LABELS
from delil.testing import writers
from delil.testing.crash import _env, ingest_command, run_trial, source_ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=float("inf"), help="stop after this long")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    base = cache_dir("crash")
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    evidence = base / "evidence"
    evidence.mkdir()
    for i in range(6):
        (evidence / f"note-{i}.txt").write_text(f"Fictional note {i} about a camp. " * 20)
    writers.write_zip(
        evidence / "bundle.zip", {f"m{i}.txt": f"member {i} ".encode() * 50 for i in range(4)}
    )
    template = base / "template"
    subprocess.run(
        [sys.executable, "-m", "delil", "init", str(template)], check=True, capture_output=True
    )
    ref = base / "reference"
    shutil.copytree(template, ref)
    subprocess.run(ingest_command(ref, evidence), env=_env({}), check=True, capture_output=True)
    expected = set(source_ids(ref))
    rng = random.Random(args.seed)
    hist: collections.Counter[str] = collections.Counter()
    failures = []
    start = time.monotonic()
    run = 0
    for i in range(args.trials):
        if time.monotonic() - start > args.seconds:
            break
        if rng.random() < 0.6:
            label, nth = rng.choice(LABELS), rng.randint(1, 10)
            r = run_trial(template, evidence, base / "work", expected, label, nth)
            key = f"label {label}" if r.killed else f"label {label} (not reached)"
        else:
            r = run_trial(template, evidence, base / "work", expected, None, rng=rng, max_delay=1.5)
            key = f"random: {r.state}"
        run += 1
        hist[key] += 1
        if not r.ok:
            failures.append((i, r))
        if run % 50 == 0:
            print(
                f"{run} trials, {len(failures)} failures, {time.monotonic() - start:.0f} s",
                flush=True,
            )
    killed = sum(v for k, v in hist.items() if "not reached" not in k and "finished" not in k)
    lost = sum(r.missing_after_rerun for _, r in failures)
    half = sum(1 for _, r in failures if r.problems_after_kill)
    dups = sum(r.duplicates for _, r in failures)
    print(
        f"\n### Crash trials: {run} run, {killed} killed mid-ingest, "
        f"{time.monotonic() - start:.0f} s\n"
    )
    print(table(["kill point", "trials"], sorted(hist.items())))
    print()
    print(
        table(
            ["trials", "killed", "lost", "half-stored", "duplicates", "other failures"],
            [[run, killed, lost, half, dups, len(failures)]],
        )
    )
    for i, r in failures[:10]:
        print(f"trial {i}: {r}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
