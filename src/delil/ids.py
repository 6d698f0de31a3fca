"""Content hashes and deterministic ids.

Ids are a hash of the fields that define a record, so a stage that runs twice produces the same
ids and no duplicates. A source id, for instance, is derived from its blob, its parent container,
its original path and its acquisition: the same file from the same acquisition is the same source.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def canonical_json(value: Any) -> bytes:
    """Serialise ``value`` to canonical JSON bytes (sorted keys, no spaces, UTF-8).

    Hashes are taken over this form, so it must never change for a given value.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> tuple[str, int]:
    """Hex SHA-256 and size of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def derive_id(prefix: str, *parts: str | None, length: int = 16) -> str:
    """A deterministic id: ``prefix`` + the first ``length`` hex digits of a hash of ``parts``.

    Example:
        >>> derive_id("S", "ab" * 32, None, "evidence/a.pdf", "acq1")[:1]
        'S'
    """
    digest = hashlib.sha256(canonical_json(list(parts))).hexdigest()
    return prefix + digest[:length]


def salted_digest(salt: bytes, value: Any) -> str:
    """Hex SHA-256 of ``salt`` followed by the canonical JSON of ``value``.

    A salted commitment: it binds ``value`` without revealing it, so it can sit in the custody
    ledger while the value itself stays (redactably) beside it.
    """
    return hashlib.sha256(salt + canonical_json(value)).hexdigest()


def new_salt() -> bytes:
    """16 random bytes for a salted commitment."""
    return secrets.token_bytes(16)


def sha256_texts(texts: Iterable[str]) -> str:
    """One digest over a sequence of texts (page texts in order), length-prefixed."""
    h = hashlib.sha256()
    for t in texts:
        b = t.encode()
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()
