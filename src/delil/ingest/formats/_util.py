"""Helpers the format extractors share: time budget, byte budget, scratch file names."""

from __future__ import annotations

import time
from pathlib import Path
from typing import IO

from delil.errors import RejectedInput
from delil.ingest.formats.base import Limits

CHUNK = 1 << 20
"""Bytes read at a time when streaming a member out of a container."""

MAX_RATIO = 500
"""Largest decompressed-to-compressed ratio a container member may reach once it is big.

Text compresses about 3-20 times and office XML up to about 100; deflate cannot go past about
1,030, so a member past this ratio is almost surely a bomb of repeated bytes.
"""
RATIO_FLOOR = 8 << 20
"""The ratio check starts once a member has expanded this far: small members may compress
extremely well (a blank spreadsheet row, a run of spaces) without harm."""


def human_bytes(n: int) -> str:
    """Format a byte count for a rejection reason (``2 GiB``, ``10 MiB``, ``512 bytes``)."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


class Deadline:
    """The wall-clock budget of one extraction.

    The worker kills an extractor at ``limits.max_seconds``; slow steps (OCR) stop earlier, at
    ``share`` of it, so the extraction returns what it has with a warning instead of dying.
    """

    def __init__(self, limits: Limits, share: float = 0.8) -> None:
        self._end = time.monotonic() + limits.max_seconds * share

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        """Whether the budget is spent."""
        return self.remaining() <= 0.0


def check_input_size(path: Path, limits: Limits) -> int:
    """Refuse a file over ``limits.max_input_bytes``; return its size."""
    size = path.stat().st_size
    if size > limits.max_input_bytes:
        raise RejectedInput(
            f"file is {size} bytes, over the {human_bytes(limits.max_input_bytes)} limit"
        )
    return size


class ByteBudget:
    """Counts bytes actually decompressed out of a container against the expansion limit.

    Declared sizes in archive headers can lie; only bytes really produced are counted.
    """

    def __init__(self, limits: Limits, what: str = "archive") -> None:
        self.limit = limits.max_expanded_bytes
        self.used = 0
        self.what = what

    def add(self, n: int) -> None:
        """Count ``n`` more bytes; refuse the file once the total passes the limit."""
        self.used += n
        if self.used > self.limit:
            raise RejectedInput(f"{self.what} expands past the {human_bytes(self.limit)} limit")


def check_ratio(expanded: int, compressed: int, what: str = "archive member") -> None:
    """Refuse a member whose compression ratio marks it as a decompression bomb."""
    if expanded > RATIO_FLOOR and expanded > MAX_RATIO * max(1, compressed):
        raise RejectedInput(f"{what} compression ratio is over {MAX_RATIO}:1 (decompression bomb)")


def copy_counted(
    source: IO[bytes],
    target: Path,
    budget: ByteBudget,
    *,
    compressed: int | None = None,
    what: str = "archive member",
) -> int:
    """Stream ``source`` into a new file ``target``, counting every byte against ``budget``.

    Args:
        source: an open stream of decompressed bytes.
        target: the scratch file to create.
        budget: the byte budget of the whole container.
        compressed: the member's compressed size, to check its ratio as it grows.
        what: what the member is called in a rejection reason.

    Returns:
        The number of bytes written.
    """
    written = 0
    with target.open("xb") as out:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            budget.add(len(chunk))
            written += len(chunk)
            if compressed is not None:
                check_ratio(written, compressed, what)
            out.write(chunk)
    return written


def scratch_path(scratch: Path, prefix: str, index: int) -> Path:
    """Return ``scratch/PREFIX-NNNNN``: a name that never derives from the container's data.

    The scratch folder is made here, on the first child: most files are not containers, and
    making and removing an empty folder per file is measurable at ingest rates.
    """
    scratch.mkdir(exist_ok=True)
    return scratch / f"{prefix}-{index:05d}"
