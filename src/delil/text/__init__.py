"""Text handling: normalisation, decoding, scripts, language identification, search analysis."""

from delil.text.analysis import Token, index_tokens, query_tokens, uyghur_stems
from delil.text.decode import decode_bytes
from delil.text.langid import LanguageGuess, detect_language, detect_page, detect_paragraphs
from delil.text.normalize import fold_key, normalize_text
from delil.text.scripts import (
    arabic_script_language_hint,
    detect_script,
    fold_uyghur_arabic,
    latin_to_uyghur_arabic,
    script_letter_counts,
    uyghur_to_cyrillic,
    uyghur_to_latin,
)

__all__ = [
    "LanguageGuess",
    "Token",
    "arabic_script_language_hint",
    "decode_bytes",
    "detect_language",
    "detect_page",
    "detect_paragraphs",
    "detect_script",
    "fold_key",
    "fold_uyghur_arabic",
    "index_tokens",
    "latin_to_uyghur_arabic",
    "normalize_text",
    "query_tokens",
    "script_letter_counts",
    "uyghur_stems",
    "uyghur_to_cyrillic",
    "uyghur_to_latin",
]
