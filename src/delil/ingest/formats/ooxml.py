"""Checks an Office Open XML package (DOCX, XLSX) must pass before a library parses it.

python-docx and openpyxl read every part of the zip into memory and parse its XML with lxml or
expat. A hostile package can carry a zip bomb, a billion-laughs entity expansion or external
entities (``file:///etc/passwd``, ``http://...``). Parser settings alone are not enough to trust:
python-docx turns entity resolution off but openpyxl's read-only path uses the standard
library's expat, which expands internal entities. So before either library sees the file,
:func:`check_package` streams every member once, counting the bytes it really decompresses, and
scans each XML part for a document type declaration. OOXML parts never have one (ECMA-376
forbids DTDs), so any ``<!DOCTYPE`` or ``<!ENTITY`` is refused outright.

Encodings: libxml2 and expat also read UTF-16 XML, so the scan looks for the markers in
UTF-8/ASCII, UTF-16LE and UTF-16BE; a part in any other encoding (UTF-32, EBCDIC) is refused.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from delil.errors import RejectedInput
from delil.ingest.formats._util import CHUNK, ByteBudget, check_ratio
from delil.ingest.formats.base import Limits

_MARKERS = ("<!DOCTYPE", "<!ENTITY")
_PATTERNS: tuple[bytes, ...] = tuple(
    marker.encode(encoding)
    for marker in _MARKERS
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(p) for p in _PATTERNS)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_EXTERNAL = re.compile(rb"\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)
# Byte starts of XML that libxml2/expat would read in an encoding our scan does not cover.
_UNSUPPORTED_STARTS = (
    b"\x00\x00\xfe\xff",  # UTF-32BE BOM
    b"\xff\xfe\x00\x00",  # UTF-32LE BOM
    b"\x00\x00\x00<",  # UTF-32BE
    b"<\x00\x00\x00",  # UTF-32LE
    b"\x4c\x6f\xa7\x94",  # EBCDIC "<?xm"
)


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith(_XML_SUFFIXES) or name == "[Content_Types].xml"


def _refuse(declaration: bytes) -> RejectedInput:
    """The reason for a part that declares a DTD; ``declaration`` is the bytes around it."""
    text = declaration.replace(b"\x00", b"")
    if b"<!ENTITY" in text.upper() and _EXTERNAL.search(text.split(b"<!ENTITY", 1)[-1]):
        return RejectedInput("external XML entity refused")
    if b"<!ENTITY" in text.upper():
        return RejectedInput("XML entity expansion refused")
    if _EXTERNAL.search(text):
        return RejectedInput("external XML entity refused")
    return RejectedInput("XML document type declaration refused")


def _declares(window: bytes) -> bool:
    """Whether ``window`` holds ``<!DOCTYPE`` or ``<!ENTITY`` (any case, UTF-8 or UTF-16).

    Most parts hold no ``!`` byte at all (it appears in both encodings of the markers), so that
    single-byte search runs first; ``upper()`` only touches ASCII letters, which is what the
    markers are made of in every encoding we scan.
    """
    if b"!" not in window:
        return False
    upper = window.upper()
    return any(p in upper for p in _PATTERNS)


def _scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: ByteBudget) -> None:
    xml = _is_xml_part(info.filename)
    tail = b""
    expanded = 0
    first = True
    found: bytes | None = None
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            budget.add(len(chunk))
            expanded += len(chunk)
            check_ratio(expanded, info.compress_size, "document part")
            if not xml:
                continue
            if first and chunk.startswith(_UNSUPPORTED_STARTS):
                raise RejectedInput("XML part uses an unsupported character encoding")
            first = False
            window = tail + chunk
            if found is None and _declares(window):
                found = window
            elif found is not None and len(found) < 4 * CHUNK:
                # Keep reading what follows the declaration, up to a bound, to tell an internal
                # entity from an external one; the whole part is still counted either way.
                found += chunk
            tail = window[-_OVERLAP:]
    if found is not None:
        raise _refuse(found)


def check_package(path: Path, limits: Limits) -> None:
    """Refuse an OOXML package that is a bomb or declares XML entities.

    Streams every member once, counting decompressed bytes against
    ``limits.max_expanded_bytes`` (declared sizes are not trusted), checks each member's
    compression ratio, the member count, and scans XML parts for ``<!DOCTYPE``/``<!ENTITY``.

    Args:
        path: the package.
        limits: caps.

    Raises:
        RejectedInput: 'XML entity expansion refused', 'external XML entity refused', an
            expansion, ratio or member-count limit, or a damaged zip.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise RejectedInput(
                    f"document package has {len(infos)} parts, over the {limits.max_members} limit"
                )
            budget = ByteBudget(limits, "document package")
            for info in infos:
                if info.is_dir():
                    continue
                if info.flag_bits & 0x1:
                    raise RejectedInput("document package is encrypted")
                _scan_member(archive, info, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise RejectedInput(f"document package is a damaged zip ({type(exc).__name__})") from None
    except (ValueError, OSError, zlib.error) as exc:
        # zlib errors and CRC mismatches surface as these from zipfile's reader.
        raise RejectedInput(f"document package is a damaged zip ({type(exc).__name__})") from None
