"""Labelled persistence points and the test hook that kills the process at one of them.

Every step that makes a source durable is labelled (see :data:`LABELS`). Setting
``DELIL_CRASH_AT=LABEL`` (or ``LABEL:N`` for the N-th time that label is reached, counting from 1)
makes the process SIGKILL itself there, so tests and ``bench/bench_crash.py`` can show that each
source ends complete or absent whatever the moment of death. Unset, :func:`point` costs one dict
lookup.
"""

from __future__ import annotations

import os
import signal

LABELS = (
    "blob.temp-written",
    "blob.fsynced",
    "blob.renamed",
    "blob.dir-fsynced",
    "db.in-transaction",
    "db.committed",
)

_counts: dict[str, int] = {}
_target: tuple[str, int] | None = None
_loaded = False


def _load() -> None:
    global _target, _loaded
    _loaded = True
    spec = os.environ.get("DELIL_CRASH_AT")
    if not spec:
        return
    label, _, n = spec.partition(":")
    _target = (label, int(n) if n else 1)


def point(label: str) -> None:
    """Mark that persistence step ``label`` has just happened; die here if told to."""
    if not _loaded:
        _load()
    if _target is None or _target[0] != label:
        return
    _counts[label] = _counts.get(label, 0) + 1
    if _counts[label] == _target[1]:
        os.kill(os.getpid(), signal.SIGKILL)
