"""The canonical stored form of page text, and comparison keys.

Every character span in Delil (search hits, annotations, language spans) is an offset into the
text returned by :func:`normalize_text`. Changing what it does changes those offsets, so each fold
is listed in its docstring and any change to it needs a migration of stored spans.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from delil.text.scripts import fold_uyghur_arabic

__all__ = ["fold_key", "normalize_text"]

# Line separators other than LF. CRLF first so that it becomes one LF, not two.
_NEWLINES = re.compile(r"\r\n|[\r\u0085\u2028\u2029]")

# Invisible characters removed outright: bidi embeddings/overrides (U+202A–202E), isolates
# (U+2066–2069), LRM/RLM (U+200E/200F), the Arabic letter mark (U+061C), zero-width space
# (U+200B), BOM/ZWNBSP (U+FEFF), word joiner (U+2060) and soft hyphen (U+00AD). They come from
# PDFs and word processors, are invisible, and split words for search. ZWNJ/ZWJ (U+200C/200D) are
# kept: they change how Persian and Indic words are spelled and shaped. C0 controls except TAB
# and LF, DEL, and C1 controls are removed too (NUL bytes from bad extractors, mis-decoded bytes).
_REMOVE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\ufeff\u2060\u00ad"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]"
)

# Middle dots that always mean "name separator" when they reach us.
_DOTS_ALWAYS = re.compile("[\u30fb\u2027\u16eb]")
# Bullets and operators that are a middle dot only when written between two letters; at the start
# of a line they are list bullets and must stay. Python's re has no \p{L}, so "letter" is tested
# with the \w-minus-digits-and-underscore idiom.
_DOTS_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[\u2022\u22c5\u2219](?=[^\W\d_])")

_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n|\Z)")


def normalize_text(raw: str) -> str:
    """Return the canonical stored form of page text.

    The folds, in the order applied:

    1. Line ends: ``\\r\\n``, ``\\r``, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
       SEPARATOR (U+2029) each become ``\\n``.
    2. Removed: bidi controls (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C), zero-width
       space U+200B, BOM U+FEFF, word joiner U+2060, soft hyphen U+00AD, every C0 control except
       ``\\t`` and ``\\n``, DEL, and C1 controls (U+0080–009F). ZWNJ U+200C and ZWJ U+200D are
       kept.
    3. Unicode NFKC: Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) become letters,
       Kangxi and CJK radicals (⼈) become ideographs (人), full-width ASCII becomes ASCII,
       compatibility spaces (NBSP, ideographic space, U+2000–200A) become U+0020, ligatures
       (ﬁ) split, U+0387 becomes U+00B7 and U+FF65 becomes U+30FB.
    4. Name middle dots: U+30FB ・, U+2027 ‧ and U+16EB ᛫ always become U+00B7 ·; U+2022 •,
       U+22C5 ⋅ and U+2219 ∙ become U+00B7 only between two letters (elsewhere they are
       bullets or operators).
    5. Spaces and tabs at the end of each line, and of the text, are removed.

    The result is idempotent: ``normalize_text(normalize_text(s)) == normalize_text(s)``.

    Args:
        raw: text as extracted or decoded.

    Returns:
        The normalised text.
    """
    text = _NEWLINES.sub("\n", raw)
    text = _REMOVE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _DOTS_ALWAYS.sub("\u00b7", text)
    text = _DOTS_BETWEEN_LETTERS.sub("\u00b7", text)
    return _TRAILING_SPACE.sub("", text)


# Latin letters with no canonical decomposition, folded by hand. Dotless ı (Turkish) becomes i so
# that Turkish and ASCII spellings of names meet; schwa ə (Uyghur Yengi Yéziq, Azerbaijani) is e.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ŧ": "t",
        "ə": "e",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ŋ": "ng",
    }
)
# A Latin base letter followed by combining marks: the marks are dropped. Marks after other
# scripts stay, because in Arabic and Cyrillic they are part of letters (ئ is ي + hamza above,
# й is и + breve).
_LATIN_MARKS = re.compile(r"([A-Za-z\u00c0-\u024f\u1e00-\u1eff])[\u0300-\u036f]+")


@lru_cache(maxsize=65536)
def fold_key(s: str) -> str:
    """Return a comparison key: equal keys mean "the same word" for search and matching.

    Folds: NFKC, case folding, Arabic-script Uyghur variant letters (see
    :func:`delil.text.scripts.fold_uyghur_arabic`), and diacritics removed from Latin letters
    only (é→e, ş→s, ı→i, ø→o, ß→ss through case folding).

    Choice for Uyghur Latin: ö, ü and é are distinct letters in the Uyghur Latin alphabet (ULY),
    but people writing on ASCII keyboards drop the marks all the time, so for keys they fold to
    o, u and e. The cost is a few collisions (öy "house" and oy "thought" share a key); for
    finding evidence, recall matters more than that precision. The stored text keeps them.

    Args:
        s: any text, usually one word.

    Returns:
        The key; not meant for display.
    """
    text = unicodedata.normalize("NFKC", s).casefold()
    if text.isascii():
        return text
    text = fold_uyghur_arabic(text)
    text = unicodedata.normalize("NFD", text.translate(_LATIN_EXTRA))
    text = _LATIN_MARKS.sub(r"\1", text)
    return unicodedata.normalize("NFC", text)
