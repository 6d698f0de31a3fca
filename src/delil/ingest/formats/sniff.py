"""Media type of a file from its content, never its name.

libmagic (python-magic) knows hundreds of binary formats, but it cannot tell the containers and
texts Delil cares about apart: a DOCX and an XLSX are both zips to it (or it guesses from member
order), a gzip-compressed tar is "application/gzip", an e-mail, a mailbox, a CSV file are
often "text/plain", UTF-16 text without a byte order mark is "application/octet-stream". So
our own rules run first and libmagic answers the rest:

* signatures: PDF, ZIP (then the members decide: ``word/document.xml`` is DOCX,
  ``xl/workbook.xml`` XLSX), gzip/bzip2/xz (decompressing 1 KiB shows whether a tar is inside),
  tar (a valid header checksum, so old v7 tars count too);
* images as libmagic names them;
* text (any encoding, with or without BOM, UTF-16 without BOM by its byte pattern), then by
  content: mbox (``From `` line then headers), e-mail (a header block with known fields),
  HTML (doctype or html/head/body tags), other XML, CSV (two or more rows with the same number
  of fields), else plain text.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import io
import lzma
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

from delil.ingest.formats import media

_HEAD = 65536
_EMAIL_HEADERS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "received", "return-path",
     "mime-version", "content-type", "delivered-to", "reply-to", "sender", "in-reply-to",
     "references", "x-mailer", "user-agent", "content-transfer-encoding", "dkim-signature",
     "authentication-results", "list-id", "bcc", "x-original-to"}
)  # fmt: skip
_EMAIL_KEY_HEADERS = frozenset(
    {"from", "subject", "date", "message-id", "received", "mime-version", "return-path"}
)
_PDF_OBJECT = re.compile(rb"[\r\n]\s*\d+\s+\d+\s+obj\b")
_HEADER_LINE = re.compile(r"^([!-9;-~]+):")
_MBOX_FROM = re.compile(r"^From \S+")
_HTML_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]")
_XML_START = re.compile(r"^(<\?xml|<!--|<!doctype|<[A-Za-z_][\w.:-]*[\s/>])", re.IGNORECASE)


def _is_tar_header(block: bytes) -> bool:
    """Whether a 512-byte block is a tar header: its checksum field matches its bytes."""
    if len(block) < 512:
        return False
    if block[257:262] == b"ustar":
        return True
    field = block[148:156].replace(b"\x00", b" ").strip()
    if not field or not re.fullmatch(rb"[0-7]+", field):
        return False
    expected = int(field, 8)
    unsigned = sum(block[:148]) + 8 * 32 + sum(block[156:512])
    return expected == unsigned and block[0] != 0


def _decompressed_prefix(head: bytes, kind: str) -> bytes:
    try:
        if kind == "gz":
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 1024)
        if kind == "xz":
            return lzma.LZMADecompressor().decompress(head, max_length=1024)
        return bz2.BZ2Decompressor().decompress(head, max_length=1024)
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError):
        return b""


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return media.ZIP
    if "word/document.xml" in names:
        return media.DOCX
    if "xl/workbook.xml" in names:
        return media.XLSX
    return media.ZIP


def _plausible_share(text: str) -> float:
    """Share of characters that are letters, digits, spacing or punctuation of real text."""
    if not text:
        return 0.0
    good = 0
    for char in text:
        category = unicodedata.category(char)
        textual = char in "\t\n\r" or category[0] in "LNPZ" or category in {"Sc", "Sm", "Mn", "Mc"}
        # Random byte pairs land in the large Hangul and Yi blocks; text in our sources never.
        rare = "\uac00" <= char <= "\ud7a3" or "\ua000" <= char <= "\ua4cf"
        if textual and not rare:
            good += 1
    return good / len(text)


def _utf16_without_bom(head: bytes) -> str | None:
    """Decode a head as UTF-16 (LE or BE) when it clearly is, else ``None``.

    ASCII-range UTF-16 has a zero in every other byte; CJK UTF-16 has none, so both byte orders
    are decoded and the one that reads as real text (letters, spaces, punctuation; not the
    Hangul and Yi blocks random bytes fall into) wins.
    """
    sample = head[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text)
        if share >= 0.97 and (best is None or share > best[0]):
            best = (share, text)
    if best is None:
        return None
    text = best[1]
    # Text has spacing: a newline, space or ideographic punctuation at least every 80 chars.
    breaks = sum(1 for c in text if c in " \n\u3000\u3001\u3002\uff0c")
    return text if breaks * 80 >= len(text) else None


def _utf8_text(head: bytes, truncated: bool) -> str | None:
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is not an error.
        if truncated and exc.start >= len(head) - 3:
            return head[: exc.start].decode("utf-8")
        return None


def _as_text(head: bytes, magic_type: str, truncated: bool) -> str | None:
    """Return the head decoded for classification, or ``None`` when it is not text."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if b"\x00" in head:
        return _utf16_without_bom(head)
    text = _utf8_text(head, truncated)
    if text is not None:
        return text
    if magic_type.startswith("text/"):
        # A legacy single- or double-byte encoding: markup and header names are ASCII in all
        # of them, which is all classification looks at.
        return head.decode("latin-1")
    return _utf16_without_bom(head)


def _is_mbox(text: str) -> bool:
    lines = text.split("\n", 8)
    if not lines or not _MBOX_FROM.match(lines[0]):
        return False
    rest = [line for line in lines[1:] if line.strip()]
    return bool(rest) and _HEADER_LINE.match(rest[0]) is not None


def _is_eml(text: str) -> bool:
    names: set[str] = set()
    for line in text.splitlines()[:200]:
        if not line.strip():
            break
        if line[0] in " \t":
            if not names:
                return False
            continue  # a folded continuation line
        found = _HEADER_LINE.match(line)
        if not found:
            return False
        names.add(found.group(1).lower())
    else:
        if len(text.splitlines()) > 200:
            return False
    known = names & _EMAIL_HEADERS
    return len(known) >= 2 and bool(names & _EMAIL_KEY_HEADERS)


def _is_csv(text: str, truncated: bool) -> bool:
    lines = text.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    # csv.Sniffer's regular expressions are slow on long odd input: keep the sample small.
    sample = "\n".join(lines[:20])[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return False
    rows = [row for row in csv.reader(io.StringIO(sample), dialect) if row]
    if len(rows) < 2:
        return False
    widths = {len(row) for row in rows}
    return len(widths) == 1 and widths.pop() >= 2


def _text_kind(text: str, magic_type: str, truncated: bool) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if _is_mbox(stripped):
        return media.MBOX
    if _is_eml(stripped):
        return media.EML
    lower = stripped[:4096].lower()
    if magic_type == media.HTML or _HTML_MARKERS.search(lower):
        return media.HTML
    if _XML_START.match(stripped):
        return media.SVG if "<svg" in lower else media.XML
    if _is_csv(stripped, truncated):
        return media.CSV
    return media.TEXT


def sniff_media_type(path: Path) -> str:
    """Return the media type of a file from its content.

    Args:
        path: the file; its name and extension are ignored.

    Returns:
        A media type such as ``application/pdf``, the DOCX/XLSX types, ``application/zip``,
        ``application/x-tar``, ``application/x-compressed-tar``, ``message/rfc822``,
        ``application/mbox``, ``text/html``, ``text/csv``, ``text/plain``, ``image/png``;
        ``application/x-empty`` for an empty file; libmagic's answer for anything else.
    """
    import magic

    size = path.stat().st_size
    if size == 0:
        return media.EMPTY
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
    truncated = size > len(head)
    pdf_at = head.find(b"%PDF-", 0, 1024)
    # Readers accept a PDF header anywhere in the first KiB (after a mail-gateway banner, say);
    # past offset 0 an object definition must follow, so a text quoting "%PDF-" stays text.
    if pdf_at == 0 or (pdf_at > 0 and _PDF_OBJECT.search(head, pdf_at) is not None):
        return media.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    for signature, kind, tar_type, plain_type in (
        (b"\x1f\x8b", "gz", media.TAR_GZ, media.GZIP),
        (b"\xfd7zXZ\x00", "xz", media.TAR_XZ, media.XZ),
        (b"BZh", "bz2", media.TAR_BZ2, media.BZIP2),
    ):
        if head.startswith(signature):
            if kind == "bz2" and head[4:10] != b"1AY&SY":
                continue
            prefix = _decompressed_prefix(head, kind)
            return tar_type if _is_tar_header(prefix[:512]) else plain_type
    if _is_tar_header(head[:512]):
        return media.TAR
    if b"\x00" not in head:
        # UTF-8 text (most of what arrives) is classified by our own checks; libmagic costs
        # about half a millisecond a file and adds nothing there. Binary and legacy-encoded
        # heads still go to libmagic.
        text = _utf8_text(head, truncated)
        if text is not None:
            return _text_kind(text.lstrip("\ufeff"), "", truncated)
    magic_type = str(magic.from_buffer(head, mime=True))
    magic_type = media.canonical(magic_type)
    if magic_type.startswith("image/") and magic_type != media.SVG:
        return magic_type
    text = _as_text(head, magic_type, truncated)
    if text is not None:
        return _text_kind(text, magic_type, truncated)
    return magic_type
