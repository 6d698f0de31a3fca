"""PDF: the text layer of each page with pypdfium2, and OCR for pages whose layer is not usable.

pypdfium2 (PDFium, Apache-2.0/BSD) is the only extractor: ``bench/bench_pdf_choice.py``
measured it against poppler's ``pdftotext`` on English, Chinese and Uyghur (Arabic, Latin,
Cyrillic) PDFs and OCR-layer PDFs. Recall was the same (1.000 everywhere; both fail alike on a
visual-order layer, which goes to OCR); PDFium was 1.0-2.6 times faster on 20-page files and
about 20 times faster on one-page files, where pdftotext pays a process start. pdftotext is not
a fallback: it recovered nothing from the damaged files PDFium refused, and its Arabic output
carries bidi control characters that would need stripping.

A page is OCRed (rendered with PDFium, read by tesseract) when its text layer is

* missing or too short for the page while images cover much of it (a scan, perhaps with a
  stamped page number), or the page is drawn with many vector paths (outlined text);
* garbled: mostly U+FFFD, private-use or control characters (fonts without a Unicode map), or
  Arabic-script words stored in reversed, visual order (see :func:`text_layer_problem`).

Files encrypted with an empty user password (common: "no editing" PDFs) open as usual; others
are refused. Embedded files (PDF attachments) become child files.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from delil.errors import RejectedInput
from delil.ingest.formats import media, ocr
from delil.ingest.formats._util import ByteBudget, Deadline, scratch_path
from delil.ingest.formats.base import ChildFile, ExtractedPage, Extraction, Limits

MEDIA_TYPE = media.PDF

RENDER_DPI = 300
"""Resolution pages without images are rendered at for OCR (text of 9-12 pt reads well)."""
_MIN_DPI = 150
_MAX_DPI = 400
_MAX_RENDER_PIXELS = 40_000_000
_SHORT_TEXT = 40
"""A page with fewer non-space characters than this is 'too short' if it also has graphics."""
_IMAGE_COVER = 0.3
"""Share of the page area images must cover for a short page to count as a scan."""
_MANY_PATHS = 300
"""Vector paths on a page with no text above which it may be outlined text worth OCR."""
_BAD_SHARE = 0.3
_MAX_LISTED = 10
"""Page numbers a summarising warning lists before it says 'and N more'."""

_ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_HAMZA_YEH = "\u0626"
_FINAL_VOWELS = frozenset("\u0649\u06d5\u06d0\u06c7\u06c6\u06c8")  # ى ە ې ۇ ۆ ۈ


def _form(char: str) -> str | None:
    """Return ``INITIAL``, ``MEDIAL``, ``FINAL`` or ``ISOLATED`` for a presentation form."""
    if not ("\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"):
        return None
    name = unicodedata.name(char, "")
    for form in ("INITIAL", "MEDIAL", "FINAL", "ISOLATED"):
        if name.endswith(f"{form} FORM"):
            return form
    return None


def _reversed_arabic(text: str) -> bool:
    """Whether Arabic-script words in ``text`` look stored in visual (reversed) order.

    Two independent signs, each needing at least three words:

    * presentation forms (before NFKC): in logical order a word starts with an initial or
      isolated form and ends with a final or isolated one; reversed, words start with final
      forms and end with initial ones;
    * after NFKC, word edges: Uyghur writes ``ئ`` before every word-initial vowel, so ``ئ``
      begins words and almost never ends one, and the vowel letters ``ى ە ې ۇ ۆ ۈ`` end
      words but never begin one (Arabic ``ى`` too is only final). Reversed words show the
      opposite.
    """
    runs = _ARABIC_RUN.findall(text)
    if len(runs) < 3:
        return False
    good = bad = 0
    for run in runs:
        first, last = _form(run[0]), _form(run[-1])
        if first in {"FINAL", "MEDIAL"} or last in {"INITIAL", "MEDIAL"}:
            bad += 1
        elif first == "INITIAL" or last == "FINAL":
            good += 1
    if bad >= 3 and bad > good:
        return True
    good = bad = 0
    for word in _ARABIC_RUN.findall(unicodedata.normalize("NFKC", text)):
        if len(word) < 2:
            continue
        good += (word[0] == _HAMZA_YEH) + (word[-1] in _FINAL_VOWELS)
        bad += (word[-1] == _HAMZA_YEH) + (word[0] in _FINAL_VOWELS)
    return bad >= 3 and bad > 2 * good


def _is_bad_char(char: str) -> bool:
    code = ord(char)
    if char == "\ufffd" or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return True
    return unicodedata.category(char) == "Cc" and char not in "\t\n\r"


def text_layer_problem(text: str) -> str | None:
    """Say why a page's text layer is garbled, or ``None`` when it looks like real text.

    Args:
        text: the page's text as PDFium returned it (before any normalisation).

    Returns:
        ``"unmapped-glyphs"`` when at least 30% of its visible characters are U+FFFD,
        private-use or control characters; ``"visual-order"`` when its Arabic-script words are
        reversed; else ``None``.
    """
    visible = [c for c in text if not c.isspace()]
    if len(visible) >= 5 and sum(map(_is_bad_char, visible)) >= _BAD_SHARE * len(visible):
        return "unmapped-glyphs"
    if _reversed_arabic(text):
        return "visual-order"
    return None


def _pages_note(numbers: list[int]) -> str:
    listed = ", ".join(str(n) for n in numbers[:_MAX_LISTED])
    more = len(numbers) - _MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")


def _graphics(page: Any) -> tuple[float, float | None, int]:
    """Return (share of the page covered by images, their resolution in dpi, path count)."""
    width, height = page.get_size()
    area = max(1.0, width * height)
    covered = 0.0
    dpi: float | None = None
    paths = 0
    wanted = [pdfium.raw.FPDF_PAGEOBJ_IMAGE, pdfium.raw.FPDF_PAGEOBJ_PATH]
    for obj in page.get_objects(filter=wanted, max_depth=3):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths > _MANY_PATHS and covered:
                break
            continue
        left, bottom, right, top = obj.get_bounds()
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        covered += w * h
        try:
            px_w, _ = obj.get_px_size()
        except (pdfium.PdfiumError, AttributeError):
            continue
        if right > left and px_w:
            dpi = max(dpi or 0.0, px_w / ((right - left) / 72.0))
    return min(1.0, covered / area), dpi, paths


def _render(page: Any, dpi: float, limits: Limits) -> tuple[Any, int]:
    """Render a page to a grayscale Pillow image at ``dpi``, scaled down to the pixel caps."""
    width, height = page.get_size()
    scale = dpi / 72.0
    cap = min(_MAX_RENDER_PIXELS, limits.max_pixels)
    pixels = width * height * scale * scale
    if pixels > cap:
        scale *= (cap / pixels) ** 0.5
    bitmap = page.render(scale=scale)
    try:
        image = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    return image, max(1, round(scale * 72))


def _metadata(doc: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        values = doc.get_metadata_dict(skip_empty=True)
    except (pdfium.PdfiumError, TypeError):
        return out
    for key, value in values.items():
        if isinstance(value, str) and value.strip():
            out[key.lower()] = value.strip()
    return out


def _attachments(doc: Any, limits: Limits, scratch: Path, extraction: Extraction) -> None:
    count = doc.count_attachments()
    if count > limits.max_members:
        raise RejectedInput(f"PDF has {count} embedded files, over the {limits.max_members} limit")
    budget = ByteBudget(limits, "PDF embedded files")
    skipped = 0
    for index in range(count):
        attachment = doc.get_attachment(index)
        size = ctypes.c_ulong()
        # Ask PDFium for the decoded size first, so an oversized file is refused before a buffer
        # for it is allocated.
        pdfium.raw.FPDFAttachment_GetFile(attachment, None, 0, ctypes.byref(size))
        if not size.value:
            skipped += 1
            continue
        budget.add(size.value)
        try:
            data = bytes(attachment.get_data())
        except pdfium.PdfiumError:
            skipped += 1
            continue
        target = scratch_path(scratch, "attachment", index + 1)
        target.write_bytes(data)
        name = attachment.get_name() or f"attachment-{index + 1}"
        extraction.children.append(
            ChildFile(name=name, path=target, metadata={"container": "pdf-attachment"})
        )
    if skipped:
        extraction.warnings.append(f"{skipped} embedded files could not be read")


def _open(path: Path) -> Any:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise RejectedInput("PDF is password-protected") from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise RejectedInput("PDF uses an unsupported encryption scheme") from None
        raise RejectedInput("PDF is damaged or truncated and cannot be opened") from None


def extract_pdf(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Extract the text of every page of a PDF, OCRing pages without a usable text layer.

    Args:
        path: the PDF.
        limits: caps; ``max_pages`` and ``max_seconds`` matter most here.
        scratch: folder for embedded files.

    Returns:
        One page per PDF page that yielded text (method ``text-layer`` or ``ocr``), embedded
        files as children, document information as metadata.

    Raises:
        RejectedInput: password-protected, damaged, over ``max_pages``, or no page loads.
    """
    deadline = Deadline(limits)
    extraction = Extraction(media_type=MEDIA_TYPE)
    doc = _open(path)
    try:
        count = len(doc)
        if count > limits.max_pages:
            raise RejectedInput(f"PDF has {count} pages, over the {limits.max_pages} limit")
        if count == 0:
            raise RejectedInput("PDF has no pages")
        extraction.metadata.update(_metadata(doc))
        extraction.metadata["pages"] = str(count)
        if pdfium.raw.FPDF_GetSecurityHandlerRevision(doc) != -1:
            extraction.metadata["encrypted"] = "empty user password"
        _pages(doc, count, limits, deadline, extraction)
        _attachments(doc, limits, scratch, extraction)
    finally:
        doc.close()
    return extraction


def _pages(
    doc: Any, count: int, limits: Limits, deadline: Deadline, extraction: Extraction
) -> None:
    can_ocr = ocr.ocr_available()
    broken: list[int] = []
    ocr_failed: list[int] = []
    ocr_skipped: list[int] = []
    garbled_kept: list[int] = []
    for number in range(1, count + 1):
        try:
            page = doc[number - 1]
        except pdfium.PdfiumError:
            broken.append(number)
            continue
        try:
            text = _text_layer(page)
            problem = text_layer_problem(text)
            reason = problem
            image_dpi: float | None = None
            if reason is not None:
                _, image_dpi, _ = _graphics(page)
            elif len("".join(text.split())) < _SHORT_TEXT:
                cover, image_dpi, paths = _graphics(page)
                if cover >= _IMAGE_COVER or (not text.strip() and paths > _MANY_PATHS):
                    reason = "short"
            method = "text-layer"
            if (reason is not None and not can_ocr) or (reason is not None and deadline.expired()):
                ocr_skipped.append(number)
            elif reason is not None:
                dpi = min(_MAX_DPI, max(_MIN_DPI, image_dpi or RENDER_DPI))
                image, rendered_dpi = _render(page, dpi, limits)
                try:
                    result = ocr.ocr_image(
                        image,
                        dpi=rendered_dpi,
                        timeout=min(ocr.DEFAULT_TIMEOUT, deadline.remaining()),
                    )
                except ocr.OcrError:
                    ocr_failed.append(number)
                else:
                    # A garbled layer is worse than any OCR; a short one is kept when OCR found
                    # even less (a page that really holds one line).
                    if problem or len(result.text.strip()) > len(text.strip()):
                        text, method = result.text, "ocr"
            if problem and method != "ocr":
                garbled_kept.append(number)
            if text.strip():
                extraction.pages.append(ExtractedPage(number=number, text=text, method=method))
        finally:
            page.close()
    if len(broken) == count:
        raise RejectedInput("PDF has no page that can be loaded (broken or looping page tree)")
    if broken:
        extraction.warnings.append(f"pages {_pages_note(broken)} could not be loaded")
    if ocr_skipped and not can_ocr:
        extraction.warnings.append(ocr.OCR_DISABLED_WARNING)
        extraction.warnings.append(f"pages {_pages_note(ocr_skipped)} need OCR")
    elif ocr_skipped:
        extraction.warnings.append(
            f"OCR stopped at the time limit; pages {_pages_note(ocr_skipped)} not OCRed"
        )
    if ocr_failed:
        extraction.warnings.append(f"OCR failed on pages {_pages_note(ocr_failed)}")
    if garbled_kept:
        extraction.warnings.append(f"pages {_pages_note(garbled_kept)} kept a garbled text layer")


def _text_layer(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        text: str = textpage.get_text_range()
    finally:
        textpage.close()
    # PDFium ends lines with CRLF; the rest of Delil expects LF.
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = ["MEDIA_TYPE", "extract_pdf", "text_layer_problem"]
