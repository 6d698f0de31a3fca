"""The ``Store`` interface: what every backend offers, and the flows that are the same for all.

Backends (SQLite now, PostgreSQL later) implement the abstract hooks; the public flows that
must behave identically everywhere — verification above all — are written once here on top of
those hooks and marked ``@final``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, final

from delil.custody import verify_chain
from delil.ids import salted_digest, sha256_texts
from delil.model import CustodyEvent, Page, Source
from delil.storage.blobs import BlobStore


@dataclass
class NewSource:
    """Everything ingest writes for one source in its single transaction."""

    id: str
    blob_sha256: str
    blob_size: int
    blob_stored: bool
    parent_id: str | None
    original_path: str
    acquisition_id: str
    acquired_from: str | None
    acquired_on: str | None
    method: str | None
    media_type: str
    status: str
    reason: str | None
    language: str | None
    script: str | None
    reliability: str
    note: str | None
    actor: str
    depth: int
    metadata: dict[str, str]
    warnings: list[str]
    children_expected: int
    pages: list[Page] = field(default_factory=list)


@dataclass
class SearchSpec:
    """A search request: the analysed query and the filters."""

    match: str
    """An FTS match expression built by ``delil.search`` from analysed tokens."""
    language: str | None = None
    media_type: str | None = None
    acquisition: str | None = None
    """An acquisition id, or text matched against who it came from."""
    since: str | None = None
    until: str | None = None
    limit: int = 20
    offset: int = 0
    window: int | None = 20_000
    """Rank only the newest this-many matching pages (None: rank every match)."""


@dataclass
class Hit:
    """One page that matched a search."""

    source_id: str
    page: int
    snippet: str
    """The page text, cut to a snippet by the caller."""
    score: float
    language: str | None
    media_type: str


@dataclass
class VerifyReport:
    """What ``delil verify`` found. Clean when ``problems`` is empty."""

    events: int = 0
    head: str = ""
    sources: int = 0
    blobs_checked: int = 0
    orphan_blobs: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem found."""
        return not self.problems


def source_record(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a source (and its acquisition) that its ingest event commits to."""
    keys = (
        "id",
        "blob_sha256",
        "parent_id",
        "original_path",
        "acquisition_id",
        "acquired_from",
        "acquired_on",
        "method",
        "media_type",
        "status",
        "reason",
        "reliability",
        "note",
        "actor",
        "depth",
        "page_count",
        "text_sha256",
        "confidentiality",
    )
    return {k: row.get(k) for k in keys}


def pages_digest(pages: list[tuple[str, str, str]]) -> str:
    """Digest over (text, raw text, method) of every page, in order."""
    return sha256_texts(x for p in pages for x in p)


class Store(ABC):
    """A case store: records, blobs, custody ledger and search index.

    Code outside ``delil.storage`` depends on this interface only; ``SQLiteStore`` is the
    embedded backend (a PostgreSQL one comes later).
    """

    home: Path
    """The case folder (blobs, keys and logs live under it whatever the record backend)."""
    blobs: BlobStore
    case_id: str

    @abstractmethod
    def close(self) -> None:
        """Release the backend's connection."""

    @abstractmethod
    def info(self, key: str) -> str | None:
        """A case-level fact (e.g. ``signing_key``), or None."""

    @abstractmethod
    def set_info(self, key: str, value: str) -> None:
        """Record a case-level fact."""

    @abstractmethod
    def get_source(self, source_id: str) -> Source:
        """One source with its acquisition. Raises ``NotFound``."""

    @abstractmethod
    def list_sources(
        self, status: str | None = None, parent: str | None = None, limit: int | None = None
    ) -> list[Source]:
        """Sources, oldest first, optionally by status or parent."""

    @abstractmethod
    def count_children(self, source_id: str) -> int:
        """How many child sources a container has stored."""

    @abstractmethod
    def get_pages(self, source_id: str) -> list[Page]:
        """A source's pages in order."""

    @abstractmethod
    def search(self, spec: SearchSpec) -> tuple[list[Hit], bool]:
        """Matching pages, best first, and whether ranking was windowed."""

    @abstractmethod
    def reindex(self) -> int:
        """Rebuild the search index from stored pages; returns the page count."""

    @abstractmethod
    def head(self) -> tuple[int, str]:
        """Sequence number and hash of the last custody event."""

    @abstractmethod
    def event_at(self, seq: int) -> CustodyEvent | None:
        """The custody event with this sequence number."""

    @abstractmethod
    def record_checkpoint(self, doc: dict[str, Any]) -> None:
        """Keep a copy of a checkpoint handed out."""

    # -- hooks each backend implements ------------------------------------------------------

    @abstractmethod
    def has_source(self, source_id: str) -> bool:
        """Whether a source with this id is stored."""

    @abstractmethod
    def add_source(self, new: NewSource, salt: bytes) -> CustodyEvent | None:
        """Write a source, its blob row, pages, index entries and ingest event atomically.

        Returns None, writing nothing, when a source with that id is already stored (another
        writer got there first).
        """

    @abstractmethod
    def append_event(
        self, actor: str, action: str, subject: str, details: dict[str, Any]
    ) -> CustodyEvent:
        """Append one custody event in its own transaction."""

    @abstractmethod
    def iter_events(self) -> Iterator[CustodyEvent]:
        """Every custody event in sequence order."""

    @abstractmethod
    def event_details(self) -> dict[int, tuple[bytes, dict[str, Any] | None]]:
        """Salt and details (None when redacted) of every event."""

    @abstractmethod
    def iter_source_rows(self) -> Iterator[dict[str, Any]]:
        """Every source row joined with its acquisition, as dicts."""

    @abstractmethod
    def page_triples(self, source_id: str) -> list[tuple[str, str, str]]:
        """(text, raw text, method) of a source's pages in order."""

    @abstractmethod
    def blob_rows(self) -> Iterator[tuple[str, int, bool]]:
        """(sha256, size, stored) of every blob row."""

    @abstractmethod
    def check_database(self) -> list[str]:
        """Backend integrity checks (page structure, foreign keys, index vs content)."""

    # -- flows, the same for every backend -----------------------------------------------------

    @final
    def verify(self, rehash: bool = True) -> VerifyReport:
        """Re-check everything the case promises: chain, records, blobs, index.

        Args:
            rehash: re-hash every blob (the slow part); off only for quick checks.
        """
        report = VerifyReport()
        report.problems.extend(self.check_database())
        details = self.event_details()
        events = list(self.iter_events())
        report.events, report.head, chain = verify_chain(events, details)
        report.problems.extend(f"ledger event {p.seq}: {p.problem}" for p in chain)

        ingest_events: dict[str, list[int]] = {}
        for ev in events:
            if ev.action == "ingest":
                ingest_events.setdefault(ev.subject, []).append(ev.seq)
        seen: set[str] = set()
        for row in self.iter_source_rows():
            report.sources += 1
            sid = row["id"]
            seen.add(sid)
            seqs = ingest_events.get(sid, [])
            if len(seqs) != 1:
                report.problems.append(
                    f"source {sid}: {len(seqs)} ingest events in the ledger (expected 1)"
                )
                continue
            salt, d = details.get(seqs[0], (b"", None))
            if d is None:
                report.notes.append(f"source {sid}: ingest details redacted; record not checked")
                continue
            if row["page_count"] != len(self.page_triples(sid)):
                report.problems.append(f"source {sid}: page count differs from its record")
            if pages_digest(self.page_triples(sid)) != row["text_sha256"]:
                report.problems.append(f"source {sid}: page text differs from what was ingested")
            if d.get("record") != salted_digest(salt, source_record(row)):
                report.problems.append(
                    f"source {sid}: record differs from what ledger event {seqs[0]} committed to"
                )
        for sid in sorted(set(ingest_events) - seen):
            report.problems.append(f"source {sid}: in the ledger but missing from the records")

        known: set[str] = set()
        for sha, size, stored in self.blob_rows():
            known.add(sha)
            if not stored:
                continue
            report.blobs_checked += 1
            if not rehash:
                continue
            got = self.blobs.rehash(sha)
            if got is None:
                report.problems.append(f"blob {sha}: missing")
            elif got[0] != sha:
                report.problems.append(f"blob {sha}: content does not match its hash")
            elif got[1] != size:
                report.problems.append(f"blob {sha}: size differs from its record")
        report.orphan_blobs = sum(1 for h in self.blobs.iter_hashes() if h not in known)
        if report.orphan_blobs:
            report.notes.append(
                f"{report.orphan_blobs} stored blob(s) not referenced by any source "
                "(left by an interrupted ingest; reused when the file is ingested again)"
            )
        return report
