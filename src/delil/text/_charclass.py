"""Character classes shared by the script detector and the search analyser.

Written as explicit code-point ranges for the standard :mod:`re` module, which has no ``\\p{..}``
but is several times faster than the ``regex`` package on the simple scans done here. Each
constant is the inside of a ``[...]`` class.
"""

from __future__ import annotations

# Combining marks that can sit inside a word of any script.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

# Latin letters (ASCII, Latin-1 letters without × and ÷, Extended-A/B, IPA, Extended Additional,
# Extended-C/D/E) and combining marks.
LATIN = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af"
    "\u1d00-\u1d7f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f" + MARKS
)

# Cyrillic letters and combining marks (not U+0482 ҂, a number sign).
CYRILLIC = "\u0400-\u0481\u0483-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f" + MARKS

# Arabic-script letters and vowel marks, without Arabic punctuation (، ؛ ؟ ٪ ۔) and digits
# (U+0660–0669, U+06F0–06F9). ZWNJ and ZWJ belong to words in Persian spelling.
ARABIC = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u0870-\u089f\u08a0-\u08ff"
    "\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc\u200c\u200d"
)

# Han ideographs: URO, extension A, compatibility, the supplementary planes, radicals, and the
# iteration / ideographic-number marks 々 〇 〻.
HAN = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)

# Japanese kana (not U+30FB, the katakana middle dot, a name separator).
KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
