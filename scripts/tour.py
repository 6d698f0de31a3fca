"""A short CLI tour on generated, fictional files (what `make demo` runs until the demo case lands).

It writes a handful of sample files (English, Chinese and Uyghur in three scripts; HTML, DOCX, a
ZIP, a broken PDF), creates a case in ./demo-case, and runs the commands a user would, showing
each one and its output.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from delil.testing import writers

ROOT = Path("demo-case")
EVIDENCE = Path("demo-evidence")


def show(*args: str, check: bool = True) -> str:
    cmd = ["delil", "--home", str(ROOT), *args]
    print(f"\n$ {shlex.join(cmd)}")
    res = subprocess.run(
        [sys.executable, "-m", "delil", "--home", str(ROOT), *args],
        capture_output=True,
        text=True,
    )
    print((res.stdout + res.stderr).rstrip())
    if check and res.returncode not in (0, 3):
        raise SystemExit(res.returncode)
    return res.stdout


def make_evidence() -> None:
    shutil.rmtree(EVIDENCE, ignore_errors=True)
    EVIDENCE.mkdir()
    writers.write_text(
        EVIDENCE / "statement-en.txt",
        "Fictional witness W-001 said she was held in a detention centre for "
        "three months in 2018.\n",
        "utf-8",
    )
    writers.write_text(
        EVIDENCE / "notice-zh.txt",
        "虚构县公安局通知：当事人被送往看守所。联合国人权事务高级专员办事处关注此事。",
        "gb18030",
    )
    writers.write_text(
        EVIDENCE / "testimony-ug.txt", "ئۇ لاگېردا ئۈچ ئاي تۇرغان. ئائىلىسى خەۋەر كۈتكەن.", "utf-8"
    )
    writers.write_text(
        EVIDENCE / "testimony-ug-cyrillic.txt",
        "У лагерларға әвәтилгән кишиләр хәвәр күтти.",
        "utf-8",
    )
    writers.write_html(
        EVIDENCE / "article.html",
        "A fictional news article",
        [
            "Relatives say the camp was expanded in the spring.",
            "The county office declined to comment.",
        ],
    )
    writers.write_docx(EVIDENCE / "memo.docx", ["A fictional memo listing transfers to a camp."])
    writers.write_zip(
        EVIDENCE / "submission.zip",
        {
            "letters/letter-1.txt": b"A fictional letter about a detention centre.",
            "letters/letter-2.txt": b"Another fictional letter.",
        },
    )
    (EVIDENCE / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")


def main() -> None:
    print("Delil CLI tour: every file here is generated and fictional.")
    make_evidence()
    shutil.rmtree(ROOT, ignore_errors=True)
    show("init")
    show(
        "ingest",
        str(EVIDENCE),
        "--acquired-from",
        "Fictional NGO",
        "--acquired-on",
        "2024-03",
        "--reliability",
        "B",
    )
    show("sources")
    show("sources", "--status", "rejected", "--json")
    show("search", "detention centre", "--lang", "en")
    show("search", "看守所")
    show("search", "لاگېر")
    first = show("search", "camp", "--json")
    import json

    hits = json.loads(first)
    if hits:
        show("text", hits[0]["source_id"])
    show(
        "ingest",
        str(EVIDENCE / "statement-en.txt"),
        "--acquired-from",
        "Fictional NGO",
        "--acquired-on",
        "2024-03",
    )
    show("verify")
    show("ledger", "events", "--limit", "5")
    show("ledger", "checkpoint")
    print(f"\nThe case is in ./{ROOT}; try `.venv/bin/delil --home {ROOT} search ...`.")


if __name__ == "__main__":
    main()
