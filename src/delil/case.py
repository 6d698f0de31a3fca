"""Creating a case, checkpointing its ledger and verifying it against a checkpoint."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from delil.custody import (
    check_checkpoint,
    create_signing_key,
    fingerprint,
    load_signing_key,
    sign_checkpoint,
)
from delil.errors import IntegrityError, InvalidInput
from delil.storage.base import Store, VerifyReport
from delil.storage.sqlite import DB_NAME, SQLiteStore, utc_now

SIGNING_KEY = Path("keys") / "ledger-signing.pem"


def create_case(home: Path, actor: str = "local:owner") -> SQLiteStore:
    """Create a case folder: the store, the signing key and the ledger's first event.

    Raises:
        InvalidInput: ``home`` already holds a case.
    """
    if (home / DB_NAME).exists():
        raise InvalidInput(f"{home} already holds a Delil case")
    case_id = "C" + secrets.token_hex(8)
    store = SQLiteStore.create(home, case_id)
    key = create_signing_key(home / SIGNING_KEY)
    fp = fingerprint(key.public_key())
    store.set_info("signing_key", fp)
    store.append_event(actor, "init", case_id, {"case": case_id, "signing_key": fp})
    return store


def signing_fingerprint(store: Store) -> str:
    """Fingerprint of the case's current signing key (as on disk)."""
    return fingerprint(load_signing_key(store.home / SIGNING_KEY).public_key())


def make_checkpoint(store: Store) -> dict[str, Any]:
    """Sign the ledger head with the case key; the document is also kept in the store."""
    seq, head = store.head()
    key = load_signing_key(store.home / SIGNING_KEY)
    doc = sign_checkpoint(key, store.case_id, seq, head, utc_now())
    store.record_checkpoint(doc)
    return doc


@dataclass
class SinceResult:
    """How the ledger relates to a saved checkpoint."""

    seq: int
    head: str
    events_since: int


def verify_since(store: Store, doc: object, trusted_fingerprint: str) -> SinceResult:
    """Check that the ledger still contains the head a trusted checkpoint recorded.

    Raises:
        IntegrityError: signed by another key, for another case, or the ledger no longer holds
            that head (rewritten, rolled back or truncated).
        InvalidInput: the document is not a checkpoint.
    """
    cp = check_checkpoint(doc, trusted_fingerprint)
    if cp["case"] != store.case_id:
        raise IntegrityError(f"checkpoint is for case {cp['case']}, not this case {store.case_id}")
    seq = int(cp["seq"])
    last, _ = store.head()
    if seq > last:
        raise IntegrityError(
            f"ledger ends at event {last} but the checkpoint recorded event {seq}: "
            "events were removed (truncated or rolled back)"
        )
    ev = store.event_at(seq)
    if seq > 0 and (ev is None or ev.hash != cp["head"]):
        raise IntegrityError(
            f"ledger event {seq} differs from the checkpoint's head: the ledger was rewritten"
        )
    return SinceResult(seq, str(cp["head"]), last - seq)


def verify_case(store: Store, rehash: bool = True) -> VerifyReport:
    """Everything ``Store.verify`` checks, plus the signing key against the recorded one."""
    report = store.verify(rehash=rehash)
    recorded = store.info("signing_key")
    try:
        current = signing_fingerprint(store)
    except (OSError, ValueError, IntegrityError):
        report.problems.append("the case signing key is missing or unreadable")
    else:
        if recorded != current:
            report.problems.append(
                f"the case signing key changed: recorded {recorded}, found {current}"
            )
    return report


def rebuild_index(store: Store, actor: str = "local:system") -> int:
    """Rebuild the derived search index from the stored pages, on the record.

    Returns:
        How many pages were indexed.
    """
    n = store.reindex()
    store.append_event(actor, "reindex", store.case_id, {"pages": n})
    return n
