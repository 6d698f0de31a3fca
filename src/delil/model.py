"""The domain model: plain records, no I/O.

Only what the stages built so far use lives here; later stages add ``Mention``, ``Entity``,
``Link``, ``Incident``, ``Finding``, ``Witness`` and ``Consent`` (see docs/architecture.md).

Source lifecycle, as declared by :class:`SourceStatus`::

    (file arrives) ──► extracted     text pages stored (possibly none, with warnings)
                  ├──► unsupported   original kept, no extractor for its media type
                  └──► rejected      original kept (up to the input cap), a specific reason stored

Later stages move an extracted source on (linked, assessed, published) in their own records; the
ingest status itself never changes once written, because a source is stored whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceStatus(StrEnum):
    """What ingest made of one arriving file."""

    EXTRACTED = "extracted"
    UNSUPPORTED = "unsupported"
    REJECTED = "rejected"


class Confidentiality(StrEnum):
    """Who may see a source. ``restricted`` sources are encrypted at rest (a later issue)."""

    NORMAL = "normal"
    RESTRICTED = "restricted"


RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
"""Admiralty source-reliability grades: A completely reliable … E unreliable, F cannot be judged."""


@dataclass(frozen=True)
class Blob:
    """Original bytes, stored once under their SHA-256."""

    sha256: str
    size: int
    media_type: str
    stored: bool = True
    """False only when a rejected file was over the input cap: hashed, but its bytes not kept."""


@dataclass(frozen=True)
class Acquisition:
    """How a batch of files reached the case: when, from whom, how, and by whom it was entered."""

    acquired_from: str | None = None
    acquired_on: str | None = None
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of acquisition, if known."""
    method: str | None = None
    reliability: str = "F"
    """Admiralty reliability of the supplier, A–F; F (cannot be judged) by default."""
    note: str | None = None
    actor: str = "local:analyst"
    """The case-local principal who ingested, ``local:NAME``."""

    def identity(self) -> list[str | None]:
        """The fields that make two acquisitions the same one."""
        return [self.acquired_from, self.acquired_on, self.method]


@dataclass(frozen=True)
class Source:
    """One arrival of a blob as evidence, with its acquisition."""

    id: str
    blob_sha256: str
    parent_id: str | None
    original_path: str
    """Path as it arrived (relative to the folder ingested, or the member name)."""
    acquisition_id: str
    acquired_from: str | None
    acquired_on: str | None
    method: str | None
    media_type: str
    status: SourceStatus
    reason: str | None
    """Why a ``rejected`` source was refused; never quotes its name or content."""
    language: str | None
    script: str | None
    confidentiality: Confidentiality
    reliability: str
    note: str | None
    actor: str
    depth: int
    """0 for a file given to ingest, 1 for a member of it, and so on."""
    ingested_at: str
    metadata: dict[str, str]
    warnings: list[str]
    page_count: int
    text_sha256: str
    size: int
    """Size of the original in bytes."""


@dataclass(frozen=True)
class Paragraph:
    """Language of one stretch of a page (character offsets into ``Page.text``)."""

    start: int
    end: int
    language: str
    script: str


@dataclass(frozen=True)
class Page:
    """Text of one page or part of a source; every span in Delil points into ``text``."""

    source_id: str
    number: int
    text: str
    """Normalised (NFKC and our folds, see ``delil.text.normalize``)."""
    raw_text: str
    """The extraction as the library returned it."""
    method: str
    language: str | None = None
    script: str | None = None
    label: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class CustodyEvent:
    """One link of the custody ledger's hash chain.

    ``details_hash`` commits to the details (stored beside the chain with their salt), so a detail
    can later be redacted without breaking the chain.
    """

    seq: int
    time: str
    actor: str
    action: str
    subject: str
    details_hash: str
    prev_hash: str
    hash: str
