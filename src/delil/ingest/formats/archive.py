"""Archives: ZIP, TAR (plain, gzip, bzip2, xz) and single gzip/bzip2/xz-compressed files.

Members become child files; nested archives are not opened here: the orchestrator ingests each
child as its own source and tracks nesting depth (:func:`delil.ingest.formats.check_depth`).

Safety rules, applied while streaming each member once:

* member bytes go to ``scratch/member-NNNNN``; a member's name is never used as a path;
* decompressed bytes are counted as they are produced (declared sizes lie) against
  ``max_expanded_bytes``; a member's compression ratio is capped (:data:`~._util.MAX_RATIO`);
  the number of members against ``max_members``;
* names that are absolute (``/etc/x``, ``C:\\x``) or climb out with ``..`` are refused: no
  archiving tool writes them by accident (GNU tar and zip strip them), they are made to attack
  extractors, so the whole archive is rejected;
* links: a symlink or hardlink whose target leaves the archive (absolute, or ``..`` past the
  top) is refused the same way; other links are skipped with a warning (they carry no bytes
  of their own; a hardlink's bytes are another member, already kept);
* devices, FIFOs and encrypted or unsupported-compression ZIP members are skipped with a
  warning; the original archive is stored whole either way.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

from delil.errors import RejectedInput
from delil.ingest.formats import media
from delil.ingest.formats._util import (
    ByteBudget,
    check_ratio,
    copy_counted,
    scratch_path,
)
from delil.ingest.formats.base import ChildFile, Extraction, Limits

ZIP = media.ZIP
TAR = media.TAR
TAR_GZ = media.TAR_GZ
TAR_BZ2 = media.TAR_BZ2
TAR_XZ = media.TAR_XZ
GZIP = media.GZIP
BZIP2 = media.BZIP2
XZ = media.XZ

_DAMAGED = (EOFError, zlib.error, lzma.LZMAError, OSError, ValueError)


def display_name(name: str) -> str:
    """Make a member name safe to store and show: undecodable bytes become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_member_name(name: str) -> None:
    """Refuse a member name that is absolute or climbs out of the archive with ``..``.

    Both separators count, since an extractor on Windows would honour ``\\``.

    Raises:
        RejectedInput: ``archive member name is absolute`` or
            ``archive member name climbs out with '..'``.
    """
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        raise RejectedInput("archive member name is absolute")
    if ".." in unified.split("/"):
        raise RejectedInput("archive member name climbs out with '..'")


def _link_escapes(member: str, target: str, *, hard: bool) -> bool:
    """Whether a link's target leaves the archive (hardlink targets are relative to the top)."""
    unified = target.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return True
    base = "" if hard else posixpath.dirname(member.replace("\\", "/"))
    resolved = posixpath.normpath(posixpath.join(base, unified) if base else unified)
    return resolved == ".." or resolved.startswith("../")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Recover a member name that zipfile decoded as cp437 although it was UTF-8 or GBK.

    Zip tools on Chinese Windows write GBK names without setting the UTF-8 flag.
    """
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    raw = name.encode("cp437", errors="replace")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return name


def _warn_skipped(extraction: Extraction, count: int, what: str) -> None:
    if count:
        extraction.warnings.append(f"{count} {what} skipped")


def extract_zip(path: Path, limits: Limits, scratch: Path) -> Extraction:
    """Write every regular member of a ZIP archive to scratch as a child file.

    Args:
        path: the archive.
        limits: ``max_members``, ``max_expanded_bytes`` apply.
        scratch: folder the members are written to.

    Returns:
        No pages; one child per member (name as recorded, metadata ``container``, ``index``,
        ``modified``).

    Raises:
        RejectedInput: unsafe names or links, over a limit, a bomb, or a damaged archive.
    """
    extraction = Extraction(media_type=ZIP)
    budget = ByteBudget(limits)
    encrypted = unsupported = links = 0
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise RejectedInput(
                    f"archive has {len(infos)} members, over the {limits.max_members} limit"
                )
            for info in infos:
                check_member_name(info.filename)
            for index, info in enumerate(infos, start=1):
                if info.is_dir():
                    continue
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    with archive.open(info) as stream:
                        target = stream.read(4096).decode("utf-8", "replace")
                    if _link_escapes(info.filename, target, hard=False):
                        raise RejectedInput("archive link points outside the archive")
                    links += 1
                    continue
                if mode and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
                    unsupported += 1
                    continue
                if info.flag_bits & 0x1:
                    encrypted += 1
                    continue
                target_path = scratch_path(scratch, "member", index)
                try:
                    with archive.open(info) as stream:
                        copy_counted(stream, target_path, budget, compressed=info.compress_size)
                except NotImplementedError:
                    target_path.unlink(missing_ok=True)
                    unsupported += 1
                    continue
                child = ChildFile(
                    name=display_name(_zip_name(info)),
                    path=target_path,
                    metadata={"container": "zip", "index": str(index)},
                )
                try:
                    year, month, day, hour, minute, second = info.date_time
                    child.metadata["modified"] = (
                        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
                    )
                except ValueError:
                    pass
                extraction.children.append(child)
    except zipfile.BadZipFile as exc:
        reason = (
            "archive member is corrupt (bad CRC)"
            if "CRC" in str(exc)
            else "archive is damaged or not a zip file"
        )
        raise RejectedInput(reason) from None
    except zipfile.LargeZipFile:
        raise RejectedInput("archive is damaged or not a zip file") from None
    except _DAMAGED as exc:
        raise RejectedInput(f"archive is damaged or truncated ({type(exc).__name__})") from None
    _warn_skipped(extraction, encrypted, "encrypted members")
    _warn_skipped(extraction, unsupported, "members with unsupported compression or type")
    _warn_skipped(extraction, links, "link members")
    return extraction


def extract_tar(path: Path, limits: Limits, scratch: Path, media_type: str = TAR) -> Extraction:
    """Write every regular member of a TAR archive (any compression) to scratch.

    The archive is read as a stream, once, in order: no random access, so a compressed tar is
    decompressed exactly once and never held in memory.

    Args:
        path: the archive.
        limits: ``max_members``, ``max_expanded_bytes`` apply.
        scratch: folder the members are written to.
        media_type: the sniffed media type, recorded on the extraction.

    Returns:
        No pages; one child per regular member.

    Raises:
        RejectedInput: unsafe names or links, over a limit, a bomb, or a damaged archive.
    """
    extraction = Extraction(media_type=media_type)
    budget = ByteBudget(limits)
    compressed_size = path.stat().st_size
    links = special = 0
    count = 0
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                count += 1
                if count > limits.max_members:
                    raise RejectedInput(f"archive has over {limits.max_members} members, the limit")
                check_member_name(member.name)
                if member.issym() or member.islnk():
                    if _link_escapes(member.name, member.linkname, hard=member.islnk()):
                        raise RejectedInput("archive link points outside the archive")
                    links += 1
                    continue
                if member.isdir():
                    continue
                if not member.isfile():
                    special += 1
                    continue
                stream = archive.extractfile(member)
                if stream is None:
                    special += 1
                    continue
                target = scratch_path(scratch, "member", count)
                with stream:
                    copy_counted(stream, target, budget)
                # Compressed tars have no per-member size: check the archive's overall ratio.
                if media_type != TAR:
                    check_ratio(budget.used, compressed_size, "archive")
                extraction.children.append(
                    ChildFile(
                        name=display_name(member.name),
                        path=target,
                        metadata={
                            "container": "tar",
                            "index": str(count),
                            "modified": str(int(member.mtime)),
                        },
                    )
                )
    except (tarfile.ReadError, tarfile.CompressionError, tarfile.StreamError) as exc:
        raise RejectedInput(f"archive is damaged or truncated ({type(exc).__name__})") from None
    except _DAMAGED as exc:
        raise RejectedInput(f"archive is damaged or truncated ({type(exc).__name__})") from None
    _warn_skipped(extraction, links, "link members")
    _warn_skipped(extraction, special, "device, FIFO or other special members")
    return extraction


def _gzip_name(path: Path) -> str | None:
    """Return the original file name a gzip header records (FNAME), if any."""
    with path.open("rb") as handle:
        header = handle.read(10)
        if len(header) < 10 or header[:2] != b"\x1f\x8b" or not header[3] & 0x08:
            return None
        if header[3] & 0x04:  # FEXTRA comes first
            extra = handle.read(2)
            if len(extra) < 2:
                return None
            handle.seek(int.from_bytes(extra, "little"), 1)
        name = handle.read(1024).split(b"\x00", 1)[0]
    return name.decode("latin-1") or None


def extract_compressed(
    path: Path, limits: Limits, scratch: Path, media_type: str = GZIP
) -> Extraction:
    """Decompress a single gzip, bzip2 or xz file into one child file.

    Args:
        path: the compressed file.
        limits: ``max_expanded_bytes`` and the ratio cap apply.
        scratch: folder the decompressed file is written to.
        media_type: ``application/gzip``, ``application/x-bzip2`` or ``application/x-xz``.

    Returns:
        No pages; one child named as the gzip header records, else ``decompressed``.

    Raises:
        RejectedInput: a bomb, over the expansion limit, or damaged.
    """
    extraction = Extraction(media_type=media_type)
    budget = ByteBudget(limits, "compressed file")
    target = scratch_path(scratch, "member", 1)
    opener: Callable[[Path], IO[bytes]] = {
        GZIP: gzip.GzipFile,
        BZIP2: bz2.BZ2File,
        XZ: lzma.LZMAFile,
    }.get(media_type, gzip.GzipFile)
    try:
        with opener(path) as stream:
            copy_counted(
                stream, target, budget, compressed=path.stat().st_size, what="compressed file"
            )
    except (gzip.BadGzipFile, *_DAMAGED) as exc:
        raise RejectedInput(
            f"compressed file is damaged or truncated ({type(exc).__name__})"
        ) from None
    name = _gzip_name(path) if media_type == GZIP else None
    extraction.children.append(
        ChildFile(
            name=display_name(name or "decompressed"),
            path=target,
            metadata={"container": media_type.rsplit("/", 1)[-1]},
        )
    )
    return extraction
