"""Plain text: decoded with charset detection, one page."""

from __future__ import annotations

from pathlib import Path

from delil.ingest.formats import media
from delil.ingest.formats._text import TextBudget, decode, read_limited
from delil.ingest.formats.base import ExtractedPage, Extraction, Limits

MEDIA_TYPE = media.TEXT


def extract_text(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Decode a plain-text file (any encoding :func:`delil.text.decode.decode_bytes` knows).

    Args:
        path: the file.
        limits: caps; ``max_text_chars`` applies.
        scratch: unused.

    Returns:
        One page with method ``plain`` (none for an empty file).
    """
    del scratch
    text = TextBudget(limits).add(decode(read_limited(path, limits)))
    extraction = Extraction(media_type=MEDIA_TYPE)
    if text.strip():
        extraction.pages.append(ExtractedPage(number=1, text=text, method="plain"))
    return extraction
