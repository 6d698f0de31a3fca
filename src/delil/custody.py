"""The custody ledger: a linear hash chain of events, and signed checkpoints of its head.

Each event hashes the previous one. It commits to its *details* (ids, hashes and salted digests,
never names or content) by ``details_hash = SHA-256(salt ‖ canonical(details))``; the details and
salt are stored beside the chain, so a detail can be redacted later without breaking the chain.

A checkpoint is the head (sequence number and hash) signed with the case's Ed25519 key, with the
key's fingerprint embedded. Someone who keeps a checkpoint can later run
``delil verify --since head.json --key FINGERPRINT``: the ledger must still contain that head, and
the checkpoint must be signed by that key. Rewriting the ledger and re-signing it with a fresh key
therefore fails for anyone holding an older checkpoint. (Merkle proofs and outside witnesses come
in a later step.)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from delil.errors import IntegrityError, InvalidInput
from delil.ids import canonical_json, salted_digest
from delil.model import CustodyEvent

GENESIS = "0" * 64
CHECKPOINT_FORMAT = "delil-checkpoint/1"


def event_hash(
    seq: int, time: str, actor: str, action: str, subject: str, details_hash: str, prev_hash: str
) -> str:
    """The hash that chains an event to its predecessor."""
    return hashlib.sha256(
        canonical_json([seq, time, actor, action, subject, details_hash, prev_hash])
    ).hexdigest()


def details_hash(salt: bytes, details: dict[str, Any]) -> str:
    """The salted commitment to an event's details."""
    return salted_digest(salt, details)


@dataclass(frozen=True)
class ChainProblem:
    """The first place the chain fails to verify."""

    seq: int
    problem: str


def verify_chain(
    events: Iterable[CustodyEvent], details: dict[int, tuple[bytes, dict[str, Any] | None]]
) -> tuple[int, str, list[ChainProblem]]:
    """Walk the chain from genesis.

    Args:
        events: every event, in ``seq`` order.
        details: salt and details (None once redacted) per ``seq``.

    Returns:
        ``(count, head_hash, problems)``; problems name each broken link, first one first.
    """
    prev = GENESIS
    expected_seq = 1
    count = 0
    problems: list[ChainProblem] = []
    for ev in events:
        count += 1
        if ev.seq != expected_seq:
            problems.append(
                ChainProblem(ev.seq, f"sequence gap: expected event {expected_seq}, found {ev.seq}")
            )
        if ev.prev_hash != prev:
            problems.append(ChainProblem(ev.seq, "previous-hash link broken"))
        h = event_hash(
            ev.seq, ev.time, ev.actor, ev.action, ev.subject, ev.details_hash, ev.prev_hash
        )
        if h != ev.hash:
            problems.append(ChainProblem(ev.seq, "event fields do not match its hash"))
        d = details.get(ev.seq)
        if d is None:
            problems.append(ChainProblem(ev.seq, "details row missing"))
        elif d[1] is not None and details_hash(d[0], d[1]) != ev.details_hash:
            problems.append(ChainProblem(ev.seq, "details do not match their commitment"))
        prev = ev.hash
        expected_seq = ev.seq + 1
    return count, prev, problems


# --- signing keys and checkpoints -------------------------------------------------------------


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """``SHA256:`` + unpadded base64 of the SHA-256 of the raw public key (ssh style)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + base64.b64encode(hashlib.sha256(raw).digest()).decode().rstrip("=")


def create_signing_key(path: Path) -> Ed25519PrivateKey:
    """Generate the case's Ed25519 key and write it (PKCS#8 PEM, mode 0600)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "wb") as f:
        f.write(pem)
    return key


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    """Read the case's Ed25519 key."""
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise IntegrityError("the case signing key is not an Ed25519 key")
    return key


def _public_b64(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign_checkpoint(
    key: Ed25519PrivateKey, case_id: str, seq: int, head: str, time: str
) -> dict[str, Any]:
    """A checkpoint document: the head, signed, with the public key and its fingerprint."""
    public = key.public_key()
    body = {
        "format": CHECKPOINT_FORMAT,
        "case": case_id,
        "seq": seq,
        "head": head,
        "time": time,
        "key": _public_b64(public),
        "fingerprint": fingerprint(public),
    }
    sig = key.sign(canonical_json(body))
    return {**body, "signature": base64.b64encode(sig).decode()}


def check_checkpoint(doc: object, trusted_fingerprint: str) -> dict[str, Any]:
    """Check a checkpoint's form and signature against the key the caller trusts.

    Raises:
        InvalidInput: the document is not a Delil checkpoint.
        IntegrityError: it was signed by another key, or the signature does not verify.
    """
    fields = ("format", "case", "seq", "head", "time", "key", "fingerprint", "signature")
    if not isinstance(doc, dict) or doc.get("format") != CHECKPOINT_FORMAT:
        raise InvalidInput(f"not a Delil checkpoint (expected format {CHECKPOINT_FORMAT!r})")
    missing = [f for f in fields if f not in doc]
    if missing:
        raise InvalidInput(f"checkpoint lacks field(s): {', '.join(missing)}")
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(doc["key"], validate=True))
        signature = base64.b64decode(doc["signature"], validate=True)
    except ValueError as e:
        raise InvalidInput("checkpoint key or signature is not valid base64 Ed25519") from e
    actual = fingerprint(public)
    if actual != trusted_fingerprint:
        raise IntegrityError(
            f"checkpoint is signed by key {actual}, not the trusted key {trusted_fingerprint}; "
            "refusing it"
        )
    if doc["fingerprint"] != actual:
        raise IntegrityError("checkpoint's stated fingerprint does not match its key")
    body = {k: doc[k] for k in fields if k != "signature"}
    try:
        public.verify(signature, canonical_json(body))
    except InvalidSignature as e:
        raise IntegrityError("checkpoint signature does not verify") from e
    return dict(doc)


def load_checkpoint(path: Path) -> object:
    """Parse a checkpoint file (JSON)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InvalidInput(f"cannot read checkpoint file: {e}") from e
