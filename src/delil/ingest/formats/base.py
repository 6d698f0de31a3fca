"""The contract between the ingest orchestrator and the format extractors.

An extractor runs inside a worker process (see ``delil.ingest.worker``). It reads one input file,
writes nothing but files under its ``scratch`` folder, and returns an :class:`Extraction`: raw text
per page, child files (archive members, mail attachments) and metadata. It never touches the
store: the orchestrator hashes and stores what comes back. Text is returned *raw*; normalisation
(NFKC and our folds), language and script identification happen in the orchestrator so that every
format gets the same treatment.

An extractor raises :class:`delil.errors.RejectedInput` with a specific reason for a hostile,
broken or over-limit file. Its reason never quotes the file's name or content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from delil.config import Limits

__all__ = ["ChildFile", "ExtractedPage", "Extraction", "Limits"]


@dataclass
class ExtractedPage:
    """Raw text of one page (or part: a sheet, a mail body) of a file."""

    number: int
    """1-based page number."""
    text: str
    """Text as the library returned it; the orchestrator normalises it."""
    method: str
    """How the text was obtained: ``text-layer``, ``ocr``, ``markup``, ``plain``, ``cells``."""
    label: str | None = None
    """A part's name where pages are not numbered in the file (sheet name, mail part)."""


@dataclass
class ChildFile:
    """A file found inside a container, written by the extractor under its scratch folder."""

    name: str
    """The member's name as the container records it (for display; never used as a path)."""
    path: Path
    """Where the extractor wrote its bytes, always inside ``scratch``."""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class Extraction:
    """What an extractor returns for one file."""

    media_type: str
    pages: list[ExtractedPage] = field(default_factory=list)
    children: list[ChildFile] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    """Non-fatal problems (a page that failed OCR); ids and counts only, no content."""
