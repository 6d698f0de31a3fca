"""Writing systems: which script a text is in, and Uyghur script conversion.

Uyghur is written in Arabic script (UEY, official in China), Latin (ULY, common online and in
the diaspora) and Cyrillic (Central Asia). Search keys everything in ULY Latin so that one query
finds all three; the converters here wrap ``umsc`` and first repair the Arabic-script variants
that umsc does not know.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from umsc import UgMultiScriptConverter

from delil.text._charclass import ARABIC, CYRILLIC, HAN, KANA, LATIN

__all__ = [
    "arabic_script_language_hint",
    "detect_script",
    "fold_uyghur_arabic",
    "latin_to_uyghur_arabic",
    "script_letter_counts",
    "uyghur_to_cyrillic",
    "uyghur_to_latin",
]

# Letter runs per script. Marks are in the classes so that a run is not cut by an accent, but
# they are not letters, so counts use the mark-free length (see _letters()).
_RUNS: dict[str, re.Pattern[str]] = {
    "Latn": re.compile(f"[{LATIN}]+"),
    "Arab": re.compile(f"[{ARABIC}]+"),
    "Cyrl": re.compile(f"[{CYRILLIC}]+"),
    "Hani": re.compile(f"[{HAN}]+"),
    "Kana": re.compile(f"[{KANA}]+"),
}
_ANY_LETTER = re.compile(r"[^\W\d_]")
_MARKS_ONLY = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u0610-\u061a\u200c\u200d]")

# First word of a Unicode character name -> ISO 15924, for the scripts outside the main four.
_OTHER_SCRIPTS = {
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "HANGUL": "Hang",
    "THAI": "Thai",
    "DEVANAGARI": "Deva",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "TIBETAN": "Tibt",
    "MONGOLIAN": "Mong",
    "BENGALI": "Beng",
    "TAMIL": "Taml",
    "ETHIOPIC": "Ethi",
}


def script_letter_counts(text: str) -> dict[str, int]:
    """Count letters per script.

    Args:
        text: any text.

    Returns:
        Letter counts keyed by ISO 15924 code: 'Latn', 'Arab', 'Cyrl', 'Hani', 'Kana' (Japanese
        kana), and 'Zzzz' for letters of every other script.
    """
    counts: dict[str, int] = {}
    total_known = 0
    for code, pattern in _RUNS.items():
        runs = pattern.findall(text)
        n = sum(map(len, runs))
        if code in ("Latn", "Arab", "Cyrl"):
            # Marks are inside the runs so that accents do not cut them; they are not letters.
            n -= sum(len(_MARKS_ONLY.findall(run)) for run in runs if not run.isascii())
        counts[code] = n
        total_known += n
    counts["Zzzz"] = max(0, len(_ANY_LETTER.findall(text)) - total_known)
    return counts


def detect_script(text: str) -> str:
    """Return the main script of a text by letter count.

    Args:
        text: any text.

    Returns:
        An ISO 15924 code: 'Latn', 'Arab', 'Cyrl', 'Hani' (Han ideographs, extension A,
        compatibility ideographs, radicals; text that mixes Han and kana counts as 'Hani' when
        Han letters are the majority, else 'Kana'), a code for a few other scripts ('Grek',
        'Hebr', 'Hang', …), 'Zzzz' for letters of a script not listed, or 'Zyyy' when the text
        has no letters at all.
    """
    counts = script_letter_counts(text)
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        return "Zyyy"
    if best != "Zzzz":
        return best
    tally: dict[str, int] = {}
    for ch in _ANY_LETTER.findall(text):
        name = unicodedata.name(ch, "")
        code = _OTHER_SCRIPTS.get(name.split(" ", 1)[0], "Zzzz")
        tally[code] = tally.get(code, 0) + 1
    tally = {k: v for k, v in tally.items() if k not in ("Latn", "Arab", "Cyrl", "Hani")}
    return max(tally, key=tally.__getitem__) if tally else "Zzzz"


# --- Arabic-script Uyghur variant folding -------------------------------------------------------

_ARABIC_LETTER = f"[{ARABIC}]"
_UG_VOWELS = "اەېىوۇۆۈ"
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# Tatweel, harakat and Quranic annotation marks: never part of Uyghur spelling. U+0654 (hamza
# above) is handled separately because it builds ئ. ZWNJ/ZWJ only affect shaping.
_ARABIC_STRIP = re.compile(
    "[\u0640\u064b-\u0653\u0655-\u065f\u0670\u06d6-\u06ed\u0610-\u061a\u200c\u200d\u0674]"
)
_HAMZA_ON_YEH = re.compile("[\u0649\u064a\u06cc]\u0654")
_LONE_HAMZA_ABOVE = re.compile("\u0654")
_FARSI_YEH_AFTER_HAMZA = re.compile("(?<=ئ)\u06cc")
_FARSI_YEH_AFTER_VOWEL = re.compile(f"(?<=[{_UG_VOWELS}])\u06cc")
_FARSI_YEH_BEFORE_VOWEL = re.compile(f"\u06cc(?=[{_UG_VOWELS}])")
# A heh not followed by a letter of the same word is the final form of ە (e); inside a word it
# can only have been meant as ھ (h), because ە never joins the letter after it.
_HEH_FINAL = re.compile(f"[\u0647\u06c1](?!{_ARABIC_LETTER})")
_HEH_OTHER = re.compile("[\u0647\u06c1]")
# Letters that Uyghur spelling does not use, mapped to the Uyghur letter of the same sound (the
# usual spelling of Arabic and Persian loans), so that umsc turns them into Latin too.
_ARABIC_LOAN_LETTERS = str.maketrans(
    {
        "\u06a9": "\u0643",  # ک keheh -> ك
        "\u06aa": "\u0643",  # ڪ swash kaf -> ك
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0624": "\u06c7",  # ؤ -> ۇ
        "\u0621": "",  # ء lone hamza: a glottal stop Uyghur spells with ئ or not at all
        "\u0629": "\u06d5",  # ة -> ە
        "\u06c0": "\u06d5",  # ۀ -> ە
        "\u062b": "\u0633",  # ث -> س
        "\u0635": "\u0633",  # ص -> س
        "\u0630": "\u0632",  # ذ -> ز
        "\u0636": "\u0632",  # ض -> ز
        "\u0638": "\u0632",  # ظ -> ز
        "\u0637": "\u062a",  # ط -> ت
        "\u062d": "\u06be",  # ح -> ھ
        "\u0639": "",  # ع: dropped, as in Uyghur spellings of Arabic loans
        "\u06ba": "\u0646",  # ں -> ن
        "\u06d2": "\u06d0",  # ے -> ې
        "\u0679": "\u062a",  # ٹ -> ت
        "\u0688": "\u062f",  # ڈ -> د
        "\u0691": "\u0631",  # ڑ -> ر
        "\u06c9": "\u06c7",  # ۉ -> ۇ
        "\u06cb": "\u06cb",  # ۋ (kept; listed to document it is standard)
        "\u0678": "\u0649",  # ٸ (Kazakh і) -> ى
        "\u0675": "\u0627",  # ٵ -> ا
        "\u0676": "\u0648",  # ٶ -> و
        "\u0677": "\u06c7",  # ٷ -> ۇ
    }
)


@lru_cache(maxsize=65536)
def fold_uyghur_arabic(text: str) -> str:
    """Rewrite Arabic-script variants into the standard Uyghur letters umsc converts.

    Uyghur text typed on Arabic or Persian keyboards, or extracted from old PDFs, uses letters
    that look right but are not the Uyghur code points; umsc passes them through unconverted.
    The folds (only Arabic-script characters are touched):

    - presentation forms are NFKC-normalised first;
    - removed: tatweel U+0640, harakat U+064B–065F (except hamza above), superscript alef,
      Quranic marks, Kazakh high hamza U+0674 (a vowel-harmony sign), ZWNJ/ZWJ, and lone ع/ء;
    - yeh + hamza above (ى ي ی + U+0654) becomes ئ U+0626;
    - keheh ک U+06A9 becomes ك U+0643;
    - Farsi yeh ی U+06CC becomes ى U+0649 (i) after ئ, ي U+064A (y) after a vowel letter or
      before one, and ى (i) otherwise: Uyghur spells every vowel, so a yeh between consonants
      is the vowel i;
    - heh ه U+0647 (and Urdu ہ U+06C1) becomes ە U+06D5 (e) at the end of a word and ھ U+06BE
      (h) inside one; ة and ۀ become ە;
    - letters Uyghur does not use become the Uyghur letter of the same sound (ث ص→س, ذ ض ظ→ز,
      ط→ت, ح→ھ, أ إ آ→ا, ؤ→ۇ, Urdu ں ے ٹ ڈ ڑ, Kazakh ٵ ٶ ٷ ٸ).

    These folds are for keys and conversion; stored text is never rewritten with them.

    Args:
        text: text in any script; non-Arabic characters pass through.

    Returns:
        The folded text.
    """
    if _PRESENTATION_FORMS.search(text):
        text = unicodedata.normalize("NFKC", text)
    text = _HAMZA_ON_YEH.sub("ئ", text)
    text = _ARABIC_STRIP.sub("", _LONE_HAMZA_ABOVE.sub("", text) if "\u0654" in text else text)
    text = text.translate(_ARABIC_LOAN_LETTERS)
    if "\u06cc" in text:
        text = _FARSI_YEH_AFTER_HAMZA.sub("\u0649", text)
        text = _FARSI_YEH_AFTER_VOWEL.sub("\u064a", text)
        text = _FARSI_YEH_BEFORE_VOWEL.sub("\u064a", text)
        text = text.replace("\u06cc", "\u0649")
    if "\u0647" in text or "\u06c1" in text:
        text = _HEH_FINAL.sub("\u06d5", text)
        text = _HEH_OTHER.sub("\u06be", text)
    return text


# --- Conversion -------------------------------------------------------------------------------


@cache
def _converter(source: str, target: str) -> Any:
    # One instance per direction. Only its conversion methods are called, never __call__, which
    # mutates the instance and so is not safe to share between threads.
    return UgMultiScriptConverter(source, target)


# Cyrillic letters outside the Uyghur Cyrillic alphabet (Russian, Kazakh, Ukrainian), which umsc
# leaves in Cyrillic. A plain transliteration, so Russian and Kazakh words get Latin keys too.
_CYRILLIC_EXTRA = str.maketrans(
    {
        "ё": "yo",
        "ц": "ts",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ы": "y",
        "э": "e",
        "і": "i",
        "ұ": "u",
        "ї": "yi",
        "є": "ye",
        "ў": "w",
        "ґ": "g",
        "ј": "j",
        "ђ": "dj",
        "ћ": "c",
        "љ": "lj",
        "њ": "nj",
        "џ": "dzh",
        "ѕ": "dz",
    }
)


def uyghur_to_latin(text: str, script: str) -> str:
    """Convert Uyghur text to the Uyghur Latin alphabet (ULY).

    Arabic-script input is first folded with :func:`fold_uyghur_arabic`. Cyrillic letters that
    Uyghur does not use (ы ц щ ь ъ ё э і ұ …) are transliterated plainly so that Russian and
    Kazakh words also come out in Latin. umsc lower-cases its output.

    Args:
        text: the text.
        script: its script: 'Arab', 'Cyrl' or 'Latn' (returned lower-cased).

    Returns:
        The text in ULY, lower case.

    Raises:
        ValueError: for any other script code.
    """
    if script == "Arab":
        return str(_converter("UAS", "ULS").UAS2ULS(fold_uyghur_arabic(text)))
    if script == "Cyrl":
        return str(_converter("UCS", "ULS").UCS2ULS(text)).translate(_CYRILLIC_EXTRA)
    if script == "Latn":
        return text.lower()
    raise ValueError(f"no Uyghur conversion from script {script!r}")


def latin_to_uyghur_arabic(text: str) -> str:
    """Convert ULY Latin Uyghur text to the Uyghur Arabic alphabet.

    Args:
        text: Uyghur in ULY (case is ignored).

    Returns:
        The text in Uyghur Arabic script.
    """
    return str(_converter("ULS", "UAS").ULS2UAS(text))


def uyghur_to_cyrillic(text: str, script: str) -> str:
    """Convert Uyghur text to the Uyghur Cyrillic alphabet.

    Args:
        text: the text.
        script: its script: 'Arab' (folded first with :func:`fold_uyghur_arabic`), 'Latn' or
            'Cyrl' (returned lower-cased).

    Returns:
        The text in Uyghur Cyrillic, lower case.

    Raises:
        ValueError: for any other script code.
    """
    if script == "Arab":
        return str(_converter("UAS", "UCS").UAS2UCS(fold_uyghur_arabic(text)))
    if script == "Latn":
        return str(_converter("ULS", "UCS").ULS2UCS(text))
    if script == "Cyrl":
        return text.lower()
    raise ValueError(f"no Uyghur conversion from script {script!r}")


# --- Arabic-script language hint ----------------------------------------------------------------

# Letters of Turkic Arabic-script alphabets that Arabic and Persian do not use.
_TURKIC = re.compile(
    "[\u06d5\u06c7\u06cb\u06ad\u06d0\u06c6\u06c8\u0674-\u0678\u0626]"
    # ى inside a word: Arabic writes alef maksura only at the end of one.
    "|\u0649(?=[\u0620-\u064a\u066e-\u06d3\u06d5])"
)
# Uyghur: ئ carries every vowel that starts a word or follows a vowel; ې and ۈ are not Kazakh.
_UG_MARKS = re.compile("[\u0626\u06d0\u06c8]")
# Kazakh: the high hamza (and its precomposed letters), ع for ғ, ح for х, and words starting with
# a bare vowel letter, which Uyghur always writes after ئ.
_KK_MARKS = re.compile("[\u0674-\u0678\u0639\u062d]|(?<!\\w)[\u0627\u06d5\u0648\u06c7\u0649]")
# Urdu letters: leave Urdu to the statistical detectors.
_UR = re.compile("[\u06d2\u06ba\u0679\u0688\u0691]")
# Persian-only letter forms and Persian letters Arabic lacks.
_FA = re.compile("[\u06a9\u06cc\u067e\u0686\u0698\u06af]")
_ARABIC_LETTERS = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff]")


def arabic_script_language_hint(text: str) -> str | None:
    """Guess the language of Arabic-script text from letters only some languages use.

    The clues: ە ۇ ۋ ڭ ې ۆ ۈ mark a Turkic language. Among those, Uyghur writes ئ before every
    vowel that starts a word and has ې and ۈ; Kazakh has the high hamza ٴ (ٵ ٶ ٷ ٸ), writes ғ and
    х as ع and ح, and starts words with bare vowel letters. Otherwise Persian uses پ چ ژ گ and
    the Persian forms ک ی, and Arabic none of them.

    Args:
        text: text, ideally NFKC-normalised; other scripts are ignored.

    Returns:
        'ug', 'kk', 'fa' or 'ar', or None when there are fewer than 8 Arabic-script letters or
        the text looks like another language (Urdu).
    """
    letters = len(_ARABIC_LETTERS.findall(text))
    if letters < 8:
        return None
    if len(_UR.findall(text)) >= 0.01 * letters:
        return None
    if len(_TURKIC.findall(text)) >= 0.04 * letters:
        ug = len(_UG_MARKS.findall(text))
        kk = len(_KK_MARKS.findall(text))
        return "kk" if kk > ug else "ug"
    return "fa" if _FA.search(text) else "ar"
