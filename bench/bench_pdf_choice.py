"""Which PDF text extractor: pypdfium2 (in process) or poppler's pdftotext (subprocess)?

Run with ``.venv/bin/python bench/bench_pdf_choice.py``. For each test PDF it prints the word
recall (character recall for Chinese) of the known text after NFKC, and pages per second
(best of a few runs, including process start for pdftotext, as ingest would pay it):

* text PDFs written by WeasyPrint in English, Chinese, Uyghur Arabic, Latin and Cyrillic
  (the three sample paragraphs on every page, 20 pages);
* OCR-style PDFs, as scanners and ``tesseract ... pdf`` make them: a page picture under an
  invisible GlyphLessFont text layer, for English, Chinese and Uyghur Arabic (the expected
  text is what tesseract recognised, so the comparison is about extraction, not OCR);
* a PDF whose Uyghur text layer is stored in visual (reversed) order;
* damaged PDFs (truncated at 90% and 60%): does either extractor still get text out?

Needs the test dependencies (WeasyPrint, pypdf), tesseract and poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from delil.testing import samples, writers
from delil.testing.recall import recall

PAGES = 20
RUNS = 3


def pdfium_text(path: Path) -> list[str]:
    """Text of every page with pypdfium2."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        doc.close()


def pdftotext_text(path: Path) -> list[str]:
    """Text of every page with poppler's pdftotext (pages are separated by form feeds)."""
    exe = shutil.which("pdftotext") or "pdftotext"
    out = subprocess.run(
        [exe, "-enc", "UTF-8", "--", str(path), "-"], capture_output=True, check=True, timeout=120
    ).stdout.decode("utf-8", "replace")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def best_rate(function: Callable[[Path], list[str]], path: Path, pages: int) -> float:
    """Pages per second, best of RUNS runs."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        function(path)
        best = min(best, time.perf_counter() - start)
    return pages / best


def ocr_style_pdf(folder: Path, lang: str) -> tuple[Path, str]:
    """Make a PDF with tesseract's own text layer; return it and the text tesseract read."""
    image = folder / f"ocr-{lang}.png"
    writers.write_image(image, samples.paragraphs(lang)[0], "PNG", lang=lang)
    models = {"en": "eng", "zh-Hans": "chi_sim", "ug-Arab": "uig"}[lang]
    base = folder / f"ocr-{lang}"
    exe = shutil.which("tesseract") or "tesseract"
    subprocess.run(
        [exe, str(image), str(base), "-l", models, "--dpi", "300", "pdf", "txt"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return base.with_suffix(".pdf"), base.with_suffix(".txt").read_text(encoding="utf-8")


def main() -> int:
    """Build the PDFs, measure both extractors, print the table."""
    rows: list[tuple[str, str, int, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, str, Path, str, int]] = []
        for lang in samples.LANGUAGES:
            page = "\n\n".join(samples.paragraphs(lang))
            path = writers.write_pdf(folder / f"{lang}.pdf", [page] * PAGES, lang=lang)
            cases.append((f"text {lang}", lang, path, "\n".join([page] * PAGES), PAGES))
        if shutil.which("tesseract"):
            for lang in ("en", "zh-Hans", "ug-Arab"):
                path, text = ocr_style_pdf(folder, lang)
                cases.append((f"ocr-layer {lang}", lang, path, text, 1))
        short = samples.short_text("ug-Arab")
        visual = writers.write_pdf_with_text_layer(
            folder / "visual.pdf", short, short, lang="ug-Arab"
        )
        cases.append(("visual-order ug-Arab", "ug-Arab", visual, short, 1))
        for name, lang, path, expected, pages in cases:
            a = "\n".join(pdfium_text(path))
            b = "\n".join(pdftotext_text(path))
            rows.append(
                (
                    name,
                    lang,
                    pages,
                    recall(expected, a, lang=lang),
                    recall(expected, b, lang=lang),
                    best_rate(pdfium_text, path, pages),
                    best_rate(pdftotext_text, path, pages),
                )
            )
        damaged = []
        for keep in (0.9, 0.6):
            whole = (folder / "en.pdf").read_bytes()
            cut = folder / f"cut-{keep}.pdf"
            cut.write_bytes(whole[: int(len(whole) * keep)])
            try:
                got_a = "yes" if "".join(pdfium_text(cut)).strip() else "no text"
            except pdfium.PdfiumError:
                got_a = "refused"
            try:
                got_b = "yes" if "".join(pdftotext_text(cut)).strip() else "no text"
            except subprocess.CalledProcessError:
                got_b = "refused"
            damaged.append((keep, got_a, got_b))
    header = (
        "| PDF | pages | recall pypdfium2 | recall pdftotext | pages/s pypdfium2 "
        "| pages/s pdftotext |"
    )
    print(header)
    print("|" + "---|" * 6)
    for name, _lang, pages, ra, rb, sa, sb in rows:
        print(f"| {name} | {pages} | {ra:.3f} | {rb:.3f} | {sa:,.0f} | {sb:,.0f} |")
    for keep, got_a, got_b in damaged:
        print(f"| truncated at {keep:.0%} | - | text: {got_a} | text: {got_b} | - | - |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
