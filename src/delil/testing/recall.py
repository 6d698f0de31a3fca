"""Recall of known text in extracted text, the measure of the extraction quality floor.

Both texts are NFKC-normalised and case-folded first, as the orchestrator normalises text before
indexing. Word recall counts words with their multiplicity; character recall (for Chinese, which
has no spaces) counts letters and digits only, ignoring punctuation and spacing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """NFKC-normalise and case-fold text."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """Split normalised text into words (runs of letters, digits and marks)."""
    return _WORD.findall(normalise(text))


def _recall(expected: Counter[str], got: Counter[str]) -> float:
    total = sum(expected.values())
    if total == 0:
        return 1.0
    return sum(min(n, got[token]) for token, n in expected.items()) / total


def word_recall(expected: str, extracted: str) -> float:
    """Share of the expected words (with multiplicity) found in the extracted text."""
    return _recall(Counter(words(expected)), Counter(words(extracted)))


def char_recall(expected: str, extracted: str) -> float:
    """Share of the expected letters and digits (with multiplicity) found in the extracted text."""

    def chars(text: str) -> Counter[str]:
        return Counter(c for c in normalise(text) if c.isalnum())

    return _recall(chars(expected), chars(extracted))


def recall(expected: str, extracted: str, *, lang: str) -> float:
    """Character recall for Chinese and Japanese, word recall for every other language."""
    if lang.startswith(("zh", "ja")):
        return char_recall(expected, extracted)
    return word_recall(expected, extracted)
