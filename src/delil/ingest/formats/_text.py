"""Turning bytes into text for the text-based formats, honouring a declared charset."""

from __future__ import annotations

import codecs
from pathlib import Path

from delil.errors import RejectedInput
from delil.ingest.formats.base import Limits

# Labels whose decoder is a strict subset of a wider one that real files need: GB 2312 pages
# routinely contain GBK/GB 18030 characters, and "latin-1" web pages are cp1252 (the WHATWG
# Encoding Standard maps these the same way).
_WIDER = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "chinese": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "windows-1256": "cp1256",
    "utf8": "utf-8",
}


def charset_label(label: str | None) -> str | None:
    """Return the Python codec for a declared charset label, widened where files need it.

    Args:
        label: a charset as a file declares it (``GB2312``, ``"utf-8"``, ``latin1``...).

    Returns:
        A codec name Python knows, or ``None`` for a missing or unknown label.
    """
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _WIDER.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes with :func:`delil.text.decode.decode_bytes`, passing a declared charset.

    Args:
        data: the bytes.
        declared: a charset label the file or its container declared, if any.
    """
    from delil.text.decode import decode_bytes

    # decode_bytes trusts a BOM, then strict UTF-8 (valid UTF-8 is almost never an accident),
    # and only then the declared label: pages that declare Latin-1 but are UTF-8 are common.
    text, _encoding = decode_bytes(data, declared)
    return text


def read_limited(path: Path, limits: Limits) -> bytes:
    """Read a text file whole, refusing one that must yield more than ``max_text_chars``.

    Every encoding we decode uses at most four bytes per character, so a file over four bytes
    per allowed character is refused without reading it.
    """
    size = path.stat().st_size
    if size > 4 * limits.max_text_chars:
        raise RejectedInput(too_much_text(limits))
    return path.read_bytes()


def too_much_text(limits: Limits) -> str:
    """The rejection reason for text over ``max_text_chars`` (the worker uses the same words)."""
    return f"file yields over {limits.max_text_chars} characters of text"


class TextBudget:
    """Counts characters extracted so far and refuses a file once it passes the limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.used = 0

    def add(self, text: str) -> str:
        """Count ``text``; return it unchanged."""
        self.used += len(text)
        if self.used > self.limits.max_text_chars:
            raise RejectedInput(too_much_text(self.limits))
        return text
