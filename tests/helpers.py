"""Small helpers shared by tests (no fixtures here: see conftest.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from delil.config import Settings
from delil.ingest import IngestReport, ingest
from delil.model import Acquisition
from delil.storage.sqlite import SQLiteStore

ACQ = Acquisition(
    acquired_from="Fictional NGO", acquired_on="2024-03", method="upload", reliability="B"
)


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative name -> text or bytes) under ``root``; returns ``root``."""
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
    return root


def run_ingest(
    store: SQLiteStore, settings: Settings, paths: list[Path], acq: Acquisition = ACQ
) -> IngestReport:
    """Ingest with the test settings."""
    return ingest(store, paths, acq, settings)


def sql(store: SQLiteStore, query: str, *args: object) -> list[tuple[object, ...]]:
    """Run SQL directly on the case database (to tamper, or to look underneath)."""
    return [tuple(r) for r in store.db.execute(query, args)]
