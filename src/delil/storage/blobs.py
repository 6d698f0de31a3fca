"""The content-addressed blob folder: original bytes, stored once, never changed.

Layout: ``blobs/ab/abcd…`` (the SHA-256 in hex), the 256 prefix folders made when the case is
created, so storing a blob never has to create (and fsync) a folder. A million blobs make about
4,000 files per folder, which ext4 and its peers index well. A blob is written in the order the
crash tests check, each step labelled for :mod:`delil.faults`:

1. copy into a temp file (``blobs/tmp/.tmp-PID-RANDOM``) while hashing,
2. ``fsync`` the temp file,
3. ``rename`` it to its final name (atomic on one file system),
4. ``fsync`` the final folder, so the new name survives a power cut.

Only then does the caller commit the database row that references the blob. A crash before the
commit leaves at most an orphan blob (harmless, reused on the next run) or a temp file of a dead
process (swept by :meth:`BlobStore.sweep_temp`), never a row pointing at missing bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from delil import faults
from delil.errors import StorageError

CHUNK = 1 << 20


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (temp and scratch names carry their pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class BlobStore:
    """Original bytes under their SHA-256, in a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def create(self) -> None:
        """Make the folders, the 256 prefix folders included (idempotent)."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        for i in range(256):
            (self.root / f"{i:02x}").mkdir(exist_ok=True)
        _fsync_dir(self.root)
        _fsync_dir(self.root.parent)

    def path_for(self, sha256: str) -> Path:
        """Where the blob with this hash lives (whether or not it exists)."""
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str, size: int) -> bool:
        """Whether a blob of this hash and size is already stored."""
        try:
            return self.path_for(sha256).stat().st_size == size
        except FileNotFoundError:
            return False

    def put_file(self, src: Path, limit: int | None = None) -> tuple[str, int, bool]:
        """Store a file's bytes durably, returning ``(sha256, size, stored)``.

        The file is read once, copied and hashed together. When ``limit`` is given and the
        file is larger, it is hashed but not kept (``stored`` is False).

        Raises:
            OSError: the input file cannot be opened (the caller reports it for that file).
            StorageError: writing to the store failed; nothing was acknowledged.
        """
        with open(src, "rb") as fin:
            size = os.fstat(fin.fileno()).st_size
            try:
                if limit is not None and size > limit:
                    return (*self._hash_only(fin), False)
                return (*self._copy_in(fin), True)
            except OSError as e:
                raise StorageError(f"could not store a blob: {e.strerror or e}") from e

    @staticmethod
    def _hash_only(fin: BinaryIO) -> tuple[str, int]:
        h = hashlib.sha256()
        size = 0
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
        return h.hexdigest(), size

    def _copy_in(self, fin: BinaryIO) -> tuple[str, int]:
        tmp = self.tmp / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
        h = hashlib.sha256()
        size = 0
        try:
            with open(tmp, "xb") as fout:
                while chunk := fin.read(CHUNK):
                    h.update(chunk)
                    fout.write(chunk)
                    size += len(chunk)
                faults.point("blob.temp-written")
                sha = h.hexdigest()
                if self.has(sha, size):
                    # Already stored (same bytes from another arrival, or a re-run after a
                    # crash): the existing file is the original; drop the copy.
                    return sha, size
                fout.flush()
                os.fsync(fout.fileno())
            faults.point("blob.fsynced")
            final = self.path_for(sha)
            self._ensure_dir(final.parent)
            os.chmod(tmp, 0o444)
            os.rename(tmp, final)
            faults.point("blob.renamed")
            _fsync_dir(final.parent)
            faults.point("blob.dir-fsynced")
            return sha, size
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    def _ensure_dir(self, d: Path) -> None:
        # The prefix folders exist from case creation; this only mends a deleted one.
        if not d.is_dir():
            d.mkdir(exist_ok=True)
            _fsync_dir(d.parent)

    def open(self, sha256: str) -> Iterator[bytes]:
        """The blob's bytes, in chunks."""
        with open(self.path_for(sha256), "rb") as f:
            while chunk := f.read(CHUNK):
                yield chunk

    def rehash(self, sha256: str) -> tuple[str, int] | None:
        """SHA-256 and size of what is on disk for this blob, or None if it is missing."""
        path = self.path_for(sha256)
        if not path.is_file():
            return None
        with open(path, "rb") as f:
            return self._hash_only(f)

    def iter_hashes(self) -> Iterator[str]:
        """Every blob name in the folder (orphans included)."""
        for d in sorted(self.root.iterdir()):
            if len(d.name) != 2 or not d.is_dir():
                continue
            for f in sorted(d.iterdir()):
                yield f.name

    def sweep_temp(self) -> int:
        """Remove temp files left by processes that died; returns how many."""
        n = 0
        if not self.tmp.is_dir():
            return 0
        for f in self.tmp.iterdir():
            parts = f.name.split("-")
            if len(parts) >= 3 and parts[1].isdigit() and not pid_alive(int(parts[1])):
                with contextlib.suppress(FileNotFoundError):
                    f.unlink()
                    n += 1
        return n
