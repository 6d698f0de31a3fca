"""Format extractors: one module per format, and :func:`extract_file` to pick one.

The contract (what an extractor may do and returns) is in :mod:`delil.ingest.formats.base`;
:func:`delil.ingest.formats.sniff.sniff_media_type` names a file's type from its content.

=========================================  ==========================================
media type                                 module
=========================================  ==========================================
application/pdf                            :mod:`.pdf` (text layer, OCR per page)
DOCX                                       :mod:`.wordproc`
XLSX, text/csv                             :mod:`.sheets`
text/html, application/xml, image/svg+xml  :mod:`.web`
message/rfc822, application/mbox           :mod:`.mail`
zip, tar (+gz/bz2/xz), gzip, bzip2, xz     :mod:`.archive`
image/png, jpeg, tiff, gif, bmp, webp      :mod:`.image` (OCR)
text/plain                                 :mod:`.plain`
=========================================  ==========================================

A type with no extractor is not an error: the file is kept, with no pages and a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from delil.errors import RejectedInput
from delil.ingest.formats import media
from delil.ingest.formats._util import check_input_size
from delil.ingest.formats.base import ChildFile, ExtractedPage, Extraction, Limits

__all__ = [
    "ChildFile",
    "ExtractedPage",
    "Extraction",
    "Limits",
    "check_depth",
    "extract_file",
    "supported_media_types",
]

Extractor = Callable[[Path, Limits, Path], Extraction]


def _pdf(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.pdf import extract_pdf

    return extract_pdf(path, limits, scratch)


def _docx(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.wordproc import extract_docx

    return extract_docx(path, limits, scratch)


def _xlsx(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.sheets import extract_xlsx

    return extract_xlsx(path, limits, scratch)


def _csv(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.sheets import extract_csv

    return extract_csv(path, limits, scratch)


def _html(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.web import extract_html

    return extract_html(path, limits, scratch)


def _xml(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.web import extract_xml

    return extract_xml(path, limits, scratch)


def _eml(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.mail import extract_eml

    return extract_eml(path, limits, scratch)


def _mbox(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.mail import extract_mbox

    return extract_mbox(path, limits, scratch)


def _zip(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.archive import extract_zip

    return extract_zip(path, limits, scratch)


def _text(path: Path, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.plain import extract_text

    return extract_text(path, limits, scratch)


def _with_type(
    media_type: str, function: Callable[[Path, str, Limits, Path], Extraction]
) -> Extractor:
    def run(path: Path, limits: Limits, scratch: Path) -> Extraction:
        return function(path, media_type, limits, scratch)

    return run


def _tar(path: Path, media_type: str, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.archive import extract_tar

    return extract_tar(path, limits, scratch, media_type)


def _compressed(path: Path, media_type: str, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.archive import extract_compressed

    return extract_compressed(path, limits, scratch, media_type)


def _image(path: Path, media_type: str, limits: Limits, scratch: Path) -> Extraction:
    from delil.ingest.formats.image import extract_image

    return extract_image(path, media_type, limits, scratch)


# Modules are imported on first use: a worker that only sees text never loads PDFium or lxml.
_EXTRACTORS: dict[str, Extractor] = {
    media.PDF: _pdf,
    media.DOCX: _docx,
    media.XLSX: _xlsx,
    media.CSV: _csv,
    media.HTML: _html,
    media.XHTML: _html,
    media.XML: _xml,
    media.SVG: _xml,
    media.EML: _eml,
    media.MBOX: _mbox,
    media.ZIP: _zip,
    media.TEXT: _text,
    **{t: _with_type(t, _tar) for t in media.TAR_TYPES},
    **{t: _with_type(t, _compressed) for t in media.COMPRESSED_TYPES},
    **{t: _with_type(t, _image) for t in media.IMAGE_TYPES},
}


def supported_media_types() -> frozenset[str]:
    """Return the media types :func:`extract_file` has an extractor for."""
    return frozenset(_EXTRACTORS)


def extract_file(path: Path, media_type: str, limits: Limits, scratch: Path) -> Extraction:
    """Extract text, child files and metadata from one file with the extractor for its type.

    Args:
        path: the file (already copied into the store; read only).
        media_type: its type as :func:`~delil.ingest.formats.sniff.sniff_media_type` named it.
        limits: caps for this file.
        scratch: an existing, empty folder for child files; nothing is written elsewhere.

    Returns:
        The extraction. For a type with no extractor: no pages and a warning naming the type
        (the file itself is still kept by the caller).

    Raises:
        RejectedInput: the file is hostile, broken or over a limit; the reason is specific and
            never quotes the file's name or content.
    """
    check_input_size(path, limits)
    canonical = media.canonical(media_type)
    extractor = _EXTRACTORS.get(canonical)
    if canonical == media.EMPTY:
        return Extraction(media_type=canonical, warnings=["file is empty"])
    if extractor is None:
        return Extraction(
            media_type=canonical,
            warnings=[f"no text extractor for {canonical}; the file is kept as it is"],
        )
    return extractor(path, limits, scratch)


def check_depth(depth: int, limits: Limits) -> None:
    """Refuse a container nested deeper than ``limits.max_depth``.

    Extractors never recurse into nested containers; the orchestrator ingests each child as a
    source of its own and calls this with the child's depth (the file given is depth 0, a member
    of it depth 1, ...) before extracting it.

    Args:
        depth: how many containers enclose the file.
        limits: caps.

    Raises:
        RejectedInput: ``containers nested N deep, over the M limit``.
    """
    if depth > limits.max_depth:
        raise RejectedInput(f"containers nested {depth} deep, over the {limits.max_depth} limit")
