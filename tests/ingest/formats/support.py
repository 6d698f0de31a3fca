"""Helpers of the format-extractor tests (fixtures are in conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from delil.ingest.formats import extract_file, ocr
from delil.ingest.formats.base import Extraction, Limits
from delil.ingest.formats.sniff import sniff_media_type

TESSERACT_MISSING = shutil.which("tesseract") is None
requires_tesseract = pytest.mark.skipif(
    TESSERACT_MISSING, reason="tesseract not installed (Debian tesseract-ocr and its models)"
)


def latin_model_missing() -> bool:
    """Whether tesseract lacks a model with ü and ö (``eng`` has neither)."""
    return not ({"Latin", "script/Latin"} & ocr.installed_languages())


SMALL_LIMITS = Limits(
    max_seconds=60.0,
    max_input_bytes=64 << 20,
    max_expanded_bytes=16 << 20,
    max_members=2000,
    max_depth=4,
    max_pixels=40_000_000,
    max_pages=50,
    max_text_chars=2_000_000,
)


def run_extract(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Sniff a file's type from its content and extract it, as the worker does."""
    return extract_file(path, sniff_media_type(path), limits, scratch)


def all_text(extraction: Extraction) -> str:
    """The text of every page, joined."""
    return "\n".join(page.text for page in extraction.pages)
