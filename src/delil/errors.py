"""Every exception Delil raises.

The tree, grouped by what the caller can do about it::

    DelilError
    ├── InvalidInput          fix the input (bad flag value, malformed file given to a parser)
    │   └── RejectedInput     a file refused by ingest; stored with status ``rejected`` and a reason
    ├── NotFound              an id that does not exist (carries ``kind`` and ``id``)
    ├── StorageError          the store failed; retry or escalate
    │   └── IntegrityError    verification found tampering or corruption
    ├── CaseNotInitialised    the case folder has no store yet
    └── StageError            a pipeline stage failed on one item (stage, version, item id)

Messages refer to evidence by id, never by content or file name: logs and stored errors leave
the system, evidence must not.
"""

from __future__ import annotations


class DelilError(Exception):
    """Base class of every error Delil raises."""


class InvalidInput(DelilError):
    """The input is wrong; fixing it fixes the error.

    Args:
        message: what is wrong and what to do.
        errors: per-field messages, when several fields are at fault.
    """

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class RejectedInput(InvalidInput):
    """A file ingest refuses: hostile, broken, or over a limit.

    ``reason`` is specific ("zip member expands past the 2 GiB limit") and never quotes the
    file's name or content, because it is stored and shown in listings.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotFound(DelilError):
    """Something asked for by id does not exist."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"{kind} {id!r} not found")
        self.kind = kind
        self.id = id


class StorageError(DelilError):
    """The store failed to read or write; the original error is chained."""


class IntegrityError(StorageError):
    """Verification found a blob, row or ledger event that does not match what was recorded."""


class CaseNotInitialised(DelilError):
    """The case folder holds no Delil store."""


class StageError(DelilError):
    """A pipeline stage failed on one item."""

    def __init__(self, stage: str, item_id: str, message: str) -> None:
        super().__init__(f"{stage} failed on {item_id}: {message}")
        self.stage = stage
        self.item_id = item_id
