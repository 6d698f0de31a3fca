"""Ingest overhead vs the bare extraction libraries, on the same files, in the same run.

Corpus (generated once, cached outside the repository): a fixed mix by count — 40% HTML, 20%
TXT, 20% DOCX, 15% text-layer PDF, 5% EML — of fictional multilingual text, ``--files`` in all
(2,000 by default). No OCR here; OCR throughput is measured separately, in pages per second per
language.

Bare: each file opened with the library Delil uses for it (trafilatura, python-docx, pypdfium2,
the stdlib email and codecs), in one process, text discarded.
Delil: ``delil.ingest.ingest`` into a fresh case: blob copy with fsyncs, one transaction per
source with ``synchronous=FULL``, sniffing, normalisation, language id per paragraph, the search
index and the custody ledger — once with one parser worker, once with the default two.

    .venv/bin/python bench/bench_ingest.py --files 2000
"""

from __future__ import annotations

import argparse
import email
import email.policy
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import cache_dir, table

from delil.case import create_case
from delil.config import Settings
from delil.ingest import ingest
from delil.model import Acquisition
from delil.testing import samples, writers

MIX = [("html", 0.40), ("txt", 0.20), ("docx", 0.20), ("pdf", 0.15), ("eml", 0.05)]


def _paragraphs(rng: random.Random, lang: str, n: int) -> list[str]:
    pool = samples.paragraphs(lang)
    return [rng.choice(pool) for _ in range(n)]


def build_corpus(n: int) -> Path:
    root = cache_dir("ingest") / f"corpus-{n}"
    if (root / "READY").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    rng = random.Random(n)
    counts = {k: round(n * f) for k, f in MIX}
    i = 0
    for kind, count in counts.items():
        for _ in range(count):
            lang = rng.choice(samples.LANGUAGES)
            paras = _paragraphs(rng, lang, rng.randint(3, 12))
            p = root / f"{i:05d}.{kind}"
            if kind == "html":
                writers.write_html(p, f"Fictional page {i}", paras, lang=lang)
            elif kind == "txt":
                writers.write_text(p, "\n\n".join(paras), "utf-8")
            elif kind == "docx":
                writers.write_docx(p, paras)
            elif kind == "pdf":
                half = len(paras) // 2 + 1
                pages = ["\n\n".join(paras[:half]), "\n\n".join(paras[half:]) or paras[0]]
                writers.write_pdf(p, pages, lang=lang)
            else:
                writers.write_eml(p, f"Fictional message {i}", "\n\n".join(paras), [])
            i += 1
    (root / "READY").write_text(str(counts))
    return root


def bare(files: list[Path]) -> float:
    import docx
    import pypdfium2
    import trafilatura

    t = time.perf_counter()
    for f in files:
        ext = f.suffix
        if ext == ".html":
            trafilatura.extract(f.read_bytes().decode("utf-8", "replace"))
        elif ext == ".txt":
            f.read_bytes().decode("utf-8")
        elif ext == ".docx":
            d = docx.Document(str(f))
            "\n".join(p.text for p in d.paragraphs)
        elif ext == ".pdf":
            pdf = pypdfium2.PdfDocument(str(f))
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()
        elif ext == ".eml":
            msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
            body = msg.get_body(("plain", "html"))
            if body is not None:
                body.get_content()
    return time.perf_counter() - t


def delil_ingest(corpus: Path, workers: int) -> float:
    home = cache_dir("ingest") / f"case-w{workers}"
    shutil.rmtree(home, ignore_errors=True)
    store = create_case(home)
    settings = Settings(home=home, workers=workers)
    t = time.perf_counter()
    report = ingest(store, [corpus], Acquisition(acquired_from="bench"), settings)
    dt = time.perf_counter() - t
    store.close()
    assert report.count("extracted") >= len(list(corpus.glob("*.*"))), report.summary()
    return dt


def ocr_rates() -> list[list[object]]:
    if not shutil.which("tesseract"):
        return [["OCR", "tesseract not found", "", ""]]
    from delil.ingest.formats import extract_file
    from delil.ingest.formats.base import Limits

    rows = []
    tmp = cache_dir("ingest") / "ocr"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    texts = {
        "English": samples.ENGLISH,
        "Chinese": samples.CHINESE,
        "Uyghur (Arabic)": samples.UYGHUR_ARABIC,
        "Uyghur (Latin)": samples.UYGHUR_LATIN,
        "Uyghur (Cyrillic)": samples.UYGHUR_CYRILLIC,
    }
    for name, lang in texts.items():
        img = tmp / f"{lang}-{len(rows)}.png"
        writers.write_image(img, samples.short_text(lang), lang=lang)
        n = 3
        t = time.perf_counter()
        for _ in range(n):
            extract_file(img, "image/png", Limits(), tmp)
        dt = time.perf_counter() - t
        rows.append([name, n, dt, n / dt])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    corpus = build_corpus(args.files)
    files = sorted(p for p in corpus.iterdir() if p.name != "READY")
    subprocess.run(["sync"], check=False)
    results: dict[str, list[float]] = {"bare": [], "delil-1": [], "delil-2": []}
    for _ in range(args.rounds):
        results["bare"].append(bare(files))
        results["delil-1"].append(delil_ingest(corpus, 1))
        results["delil-2"].append(delil_ingest(corpus, 2))
    import statistics

    b = statistics.median(results["bare"])
    rows = []
    for k, v in results.items():
        m = statistics.median(v)
        rows.append([k, len(files), m, len(files) / m, m / b])
    print(f"\n### Ingest, {len(files)} files (median of {args.rounds} rounds)\n")
    print(table(["run", "files", "seconds", "files/s", "× bare"], rows))
    print("\n### OCR throughput (one page per image)\n")
    print(table(["language", "pages", "seconds", "pages/s"], ocr_rates()))


if __name__ == "__main__":
    main()
