"""Bytes to text for files and web pages whose encoding is unknown or mislabelled.

Evidence arrives as exports from old Chinese and Uyghur systems (GBK, Windows-1256), Windows
Notepad (UTF-16 without a BOM), and web pages that declare one encoding and use another. The
decoder never fails: the last resort decodes with replacement characters and says so in the
encoding name it returns.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

__all__ = ["decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared labels that are, in practice, a superset encoding. GB2312 and GBK documents routinely
# contain characters only GB18030 has, and browsers treat Latin-1/ASCII labels as Windows-1252.
_LABEL_MAP = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc_cn": "gb18030",
    "hz": "gb18030",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "utf_16": "utf-16-le",
    "utf_32": "utf-32-le",
}

# What charset-normalizer may choose from. Limiting it keeps it from picking exotic code pages
# for short texts; these are the encodings our sources actually use.
_CANDIDATES = [
    "gb18030",
    "big5hkscs",
    "cp1252",
    "cp1256",
    "cp1251",
    "koi8_r",
    "cp1254",
    "cp1250",
    "shift_jis",
    "euc_kr",
]


def _codec_name(label: str) -> str | None:
    """Python codec name for a declared label, after the superset mapping; None if unknown."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    canonical = name.replace("-", "_")
    mapped = _LABEL_MAP.get(canonical)
    if mapped:
        return mapped
    return name


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _controls_share(text: str) -> float:
    # Text decoded under the wrong UTF-16 byte order is full of control characters.
    return len(_CONTROLS.findall(text)) / len(text) if text else 0.0


def _wide_unicode(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16/UTF-32 from where the NUL bytes fall."""
    n = len(data)
    if n < 4:
        return None
    if n % 4 == 0:
        quads = n // 4
        # UTF-32: outside the rare supplementary planes, two of every four bytes are zero.
        le = min(data[2::4].count(0), data[3::4].count(0))
        be = min(data[0::4].count(0), data[1::4].count(0))
        for count, enc in ((le, "utf-32-le"), (be, "utf-32-be")):
            if count >= 0.9 * quads:
                text = _try(data, enc)
                if text is not None and _controls_share(text) < 0.05:
                    return text, enc
    if n % 2:
        return None
    pairs = n // 2
    even_zero = data[0::2].count(0)
    odd_zero = data[1::2].count(0)
    # ASCII spaces, digits and punctuation put a NUL in the high byte; text in UTF-16 has them
    # in one parity only. 5% is one space every twenty characters, which even CJK text exceeds.
    orders = ((odd_zero, even_zero, "utf-16-le"), (even_zero, odd_zero, "utf-16-be"))
    for zeros, others, enc in orders:
        if zeros >= 0.05 * pairs and others <= zeros // 20:
            text = _try(data, enc)
            if text is not None and _controls_share(text) < 0.05:
                return text, enc
    return None


_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\n\r ]")


def _utf16_cjk(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16 Chinese, which has no NUL bytes to give it away.

    Any even-length byte string decodes as UTF-16, so this demands that nearly every character
    be a CJK ideograph or CJK punctuation. GBK and Big5 bytes read as UTF-16 land in Hangul,
    Yi, surrogates and private use instead, so they do not pass.
    """
    if len(data) % 2 or len(data) < 8:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        text = _try(data, enc)
        if text is not None and len(_CJK.findall(text)) >= 0.9 * len(text):
            return text, enc
    return None


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        return None
    # Close code pages (1252/1250/1254) often tie on short Latin text; among the matches as
    # good as the best, take the one listed first in _CANDIDATES, i.e. the most common one.
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + 0.01]

    def rank(encoding: str) -> int:
        name = _codec_name(encoding) or encoding
        return _CANDIDATES.index(name) if name in _CANDIDATES else len(_CANDIDATES)

    for match in sorted(tied, key=lambda m: (rank(m.encoding), -m.coherence)):
        name = _codec_name(match.encoding) or match.encoding
        text = _try(data, name)
        if text is not None:
            return text, name
    return None


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences (a damaged UTF-8 file)."""
    text = data.decode("utf-8", "replace")
    errors = text.count("\ufffd")
    multibyte = len(_NON_ASCII.findall(text))
    return multibyte >= 2 and errors * 2 <= multibyte


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, detecting the encoding.

    The order: a byte-order mark (UTF-8, UTF-16, UTF-32); BOM-less UTF-16/UTF-32 from the
    pattern of NUL bytes (checked before UTF-8 because NUL bytes are valid UTF-8); strict UTF-8
    (pure ASCII comes out as 'utf-8'); the declared label, if it decodes without error (GB2312
    and GBK labels decode as GB18030, Latin-1/ASCII as Windows-1252, Big5 as Big5-HKSCS);
    UTF-8 with replacement characters when the bytes are mostly valid UTF-8 (a damaged file);
    BOM-less UTF-16 Chinese (which has no NUL bytes); charset-normalizer restricted to GB18030,
    Big5, Windows-1252/1256/1251/1254/1250, KOI8-R, Shift_JIS and EUC-KR; then Windows-1252,
    with replacement characters for its five undefined bytes if need be.

    Args:
        data: the bytes.
        declared: the encoding label the source declared (HTTP header, HTML meta, e-mail part),
            if any. Trusted only when the bytes decode under it.

    Returns:
        ``(text, encoding)``. The encoding is a Python codec name ('utf-8', 'utf-8-sig',
        'utf-16-le', 'gb18030', 'cp1256', …); a BOM is never part of the text. When
        replacement characters were needed, the name ends in '+replace' ('utf-8+replace').
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            name = "utf-8" if enc == "utf-8-sig" else enc
            strict = _try(body, name)
            if strict is not None:
                return strict, enc
            return body.decode(name, "replace"), enc + "+replace"

    if 0 in data:
        wide = _wide_unicode(data)
        if wide is not None:
            return wide

    strict = _try(data, "utf-8")
    if strict is not None:
        return strict, "utf-8"

    if declared:
        codec = _codec_name(declared)
        if codec is not None and codec not in ("utf-8", "utf-8-sig"):
            strict = _try(data, codec)
            if strict is not None:
                return strict, codec

    if _looks_like_broken_utf8(data):
        return data.decode("utf-8", "replace"), "utf-8+replace"

    wide_cjk = _utf16_cjk(data)
    if wide_cjk is not None:
        return wide_cjk

    detected = _charset_normalizer(data)
    if detected is not None:
        return detected

    strict = _try(data, "cp1252")
    if strict is not None:
        return strict, "cp1252"
    return data.decode("cp1252", "replace"), "cp1252+replace"
