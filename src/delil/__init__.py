"""Delil: evidence and documentation for investigations of mass human-rights violations.

The public API: open or create a case, ingest files, search, verify. The stages are
modules (``delil.ingest.ingest``, ``delil.search.search``); their records and errors are
re-exported here.
"""

from delil.case import create_case, make_checkpoint, verify_case, verify_since
from delil.config import Settings, load_settings
from delil.errors import (
    CaseNotInitialised,
    DelilError,
    IntegrityError,
    InvalidInput,
    NotFound,
    RejectedInput,
    StageError,
    StorageError,
)
from delil.ingest import IngestReport, Outcome
from delil.model import Acquisition, Blob, CustodyEvent, Page, Source, SourceStatus
from delil.search import SearchResult, SearchResults
from delil.storage.sqlite import SQLiteStore

__all__ = [
    "Acquisition",
    "Blob",
    "CaseNotInitialised",
    "CustodyEvent",
    "DelilError",
    "IngestReport",
    "IntegrityError",
    "InvalidInput",
    "NotFound",
    "Outcome",
    "Page",
    "RejectedInput",
    "SQLiteStore",
    "SearchResult",
    "SearchResults",
    "Settings",
    "Source",
    "SourceStatus",
    "StageError",
    "StorageError",
    "create_case",
    "load_settings",
    "make_checkpoint",
    "verify_case",
    "verify_since",
]
