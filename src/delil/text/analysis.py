"""The search analyser: text to tokens with colocated forms, for any full-text backend.

One pass of one compiled regex splits the text into runs of Han/kana, digits, Latin, Cyrillic,
Arabic-script and other letters; everything else (punctuation, spaces, symbols, the name middle
dot ·) separates tokens. Each run becomes tokens:

- Han and kana: overlapping bigrams, plus the run's last character as a unigram so that every
  character starts a token; a one-character run is a unigram. Queries of two or more characters
  become the bigrams only, to be searched as a phrase.
- Digits: the number in ASCII digits.
- Latin: case-folded, diacritics removed, apostrophes dropped; colocated forms are the English
  Snowball stem and, for words that look Uyghur, Uyghur stems.
- Arabic script: variant letters folded, converted to Uyghur Latin (ULY) with umsc, then as
  Latin with Uyghur stems (no English stem).
- Cyrillic: converted to ULY Latin with umsc (Russian words get a consistent transliteration),
  then with Uyghur stems.
- Other scripts: case-folded.

So one query in any Uyghur script finds the word in all three, and a stem finds its inflected
forms. Per-word results are cached, since a corpus repeats the same words endlessly.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from delil.text._charclass import ARABIC, CYRILLIC, HAN, KANA, LATIN
from delil.text.normalize import fold_key
from delil.text.scripts import uyghur_to_latin

__all__ = ["Token", "index_tokens", "query_tokens", "uyghur_stems"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token of analysed text.

    Attributes:
        start: character offset of the token in the analysed text.
        end: character offset just past it.
        forms: the token strings; ``forms[0]`` is the primary (the folded word), the others are
            alternatives at the same position: the English stem, then Uyghur stems from least
            to most stripped, so ``forms[-1]`` is the broadest form. Never empty; no form is
            empty or contains whitespace.
    """

    start: int
    end: int
    forms: tuple[str, ...]


_OTHER_LETTER = f"(?:(?![{LATIN}{CYRILLIC}{ARABIC}{HAN}{KANA}])[^\\W\\d_])"
_TOKEN = re.compile(
    f"(?P<cjk>[{HAN}{KANA}]+)"
    r"|(?P<num>\d+)"
    f"|(?P<lat>[{LATIN}]+(?:['’ʼ‘ʻ][{LATIN}]+)*)"
    f"|(?P<cyr>[{CYRILLIC}]+)"
    f"|(?P<arb>[{ARABIC}]+)"
    f"|(?P<oth>{_OTHER_LETTER}+)"
)

# --- Uyghur suffix stripping ---------------------------------------------------------------------

# Suffixes in folded ULY (é→e, ö→o, ü→u, apostrophes dropped), longest first within a group. Verbs
# are not stemmed: their suffix chains are long and ambiguous, and names and nouns are what
# investigators search for. The derivational -liq/-lik/-luq/-luk is stripped too, so that a
# place name finds its demonym (Qeshqer / Qeshqerlik); over-matching is cheaper than missing.
_UG_SUFFIXES = tuple(
    sorted(
        (
            # case and particles
            "ning", "ni", "gha", "qa", "ge", "ke", "da", "de", "ta", "te", "din", "tin", "diin",
            "diki", "tiki", "dek", "tek", "ghiche", "qiche", "giche", "kiche", "che", "mu", "chu",
            # possessive
            "im", "imiz", "ing", "ingiz", "i", "si", "miz", "ngiz", "liri", "lirimiz",
            "liringiz",
            # plural
            "lar", "ler",
            # derivational
            "liq", "lik", "luq", "luk",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
# For Latin words that do not look Uyghur, only suffixes that English words rarely end in.
_UG_SUFFIXES_SAFE = tuple(
    s
    for s in _UG_SUFFIXES
    if s
    in {"ning", "gha", "qa", "din", "tin", "diin", "diki", "tiki", "ghiche", "qiche", "liri",
        "lirimiz", "liringiz", "lar", "ler", "liq", "luq", "imiz", "ingiz"}
)  # fmt: skip
_VOWEL = re.compile("[aeiou]")
_MAX_STRIPS = 4


_LAST_VOWEL = re.compile("([aeiou])([^aeiou]*)$")


def _unraised(stem: str, suffix: str) -> tuple[str, ...]:
    """Spellings of a stem before Uyghur vowel raising.

    Uyghur raises a or e in a stem's last syllable before suffixes: bala -> balilar, balisi;
    mektep -> mektipi; at -> éti (é folds to e). So a stem whose last vowel is i may stand for
    one with a or e there, and one whose last vowel is e (from é), after a suffix that starts
    with a vowel, for one with a. Over-generating here costs a few spurious forms; missing a
    form loses a hit.
    """
    m = _LAST_VOWEL.search(stem)
    if m is None:
        return ()
    head, vowel, tail = stem[: m.start()], m.group(1), m.group(2)
    if vowel == "i":
        return (f"{head}a{tail}", f"{head}e{tail}")
    if vowel == "e" and suffix[0] in "aeiou":
        return (f"{head}a{tail}",)
    return ()


def _stems(
    word: str, suffixes: tuple[str, ...], raised: bool = True, min_stem: int = 2
) -> tuple[str, ...]:
    """Strip suffixes repeatedly, outermost first; return every intermediate stem."""
    out: list[str] = []
    current = word
    for _ in range(_MAX_STRIPS):
        for suffix in suffixes:
            if current.endswith(suffix):
                stem = current[: -len(suffix)]
                # A stem needs a vowel and some length (öy "house" is a word, so 2 letters are
                # allowed for Uyghur). No suffix is a word-final -er or -a alone, so 'lager'
                # stays 'lager' and 'bala' stays 'bala'.
                if len(stem) >= min_stem and _VOWEL.search(stem):
                    break
        else:
            break
        current = stem
        # Restored spellings go before the stem they come from, so that the last form is always
        # the most-stripped stem (search builds phrase queries from forms[-1]).
        if raised:
            out.extend(_unraised(current, suffix))
        out.append(current)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=262144)
def uyghur_stems(key: str) -> tuple[str, ...]:
    """Return the stems of a folded ULY Uyghur word, outermost suffix stripped first.

    Strips case endings (-da/-de/-ta/-te, -din/-tin, -gha/-ge/-qa/-ke, -ning, -ni,
    -diki/-tiki, -dek, -ghiche …), particles (-mu, -chu, -che), possessives (-im, -ing, -i,
    -si, -imiz, -ingiz, -liri …), plurals (-lar/-ler) and -liq/-lik, repeatedly (at most 4
    times), never leaving a stem shorter than 2 letters or without a vowel. After a strip that
    leaves a final i, the a and e spellings are added (Uyghur vowel raising: bala → balilar).
    Verbs are not stemmed.

    Args:
        key: one word as produced by the analyser (folded ULY: lower case, no diacritics).

    Returns:
        The stems, without the word itself, least stripped first and ending with the most
        stripped one; empty when nothing was stripped.
    """
    return _stems(key, _UG_SUFFIXES)


# --- Per-word forms ------------------------------------------------------------------------------


class _Stemmers(threading.local):
    # PyStemmer objects are not thread-safe, and SQLite may call the tokenizer from several
    # threads: one set per thread.
    def __init__(self) -> None:
        self.english = Stemmer.Stemmer("english")
        self.russian = Stemmer.Stemmer("russian")


_THREAD_STEMMERS = _Stemmers()


def _stemmers() -> _Stemmers:
    return _THREAD_STEMMERS


_APOSTROPHES = re.compile("['’ʼ‘ʻ\u200c\u200d]")
# Spellings only Uyghur (ULY) uses: é ö ü, q not before u, gh + vowel inside a word.
_LOOKS_UYGHUR = re.compile("[éöüÉÖÜ]|q(?!u)|(?<=.)gh[aeiouéöü]", re.IGNORECASE)


def _forms(key: str, *extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((key, *(f for group in extra for f in group))))


# A one-letter (or qu) elided article or pronoun before an apostrophe: l'école, d'accord,
# qu'il, O'Brien. Uyghur apostrophes come after whole syllables (sa'et, Turpan'gha).
_ELISION = re.compile("^(?:[a-z]|qu)['’ʼ‘ʻ](?=[^\\W\\d_]{2})", re.IGNORECASE)


@lru_cache(maxsize=262144)
def _latin_forms(word: str, uyghur_text: bool) -> tuple[str, ...]:
    key = _APOSTROPHES.sub("", word.lower() if word.isascii() else fold_key(word))
    if not key:
        return ()
    elided = _ELISION.match(word)
    if elided:
        # Index the word both with and without the elided letter (lecole, ecole).
        return _forms(key, _latin_forms(word[elided.end() :], uyghur_text))
    if uyghur_text:
        # The whole text is Uyghur in Latin letters: English stems would only add noise.
        return _forms(key, uyghur_stems(key))
    english = _stemmers().english.stemWord(key)
    if _LOOKS_UYGHUR.search(word):
        return _forms(key, (english,), uyghur_stems(key))
    # An English-looking word in a text that is not Uyghur: only endings English words rarely
    # have, and stems of at least 3 letters.
    return _forms(key, (english,), _stems(key, _UG_SUFFIXES_SAFE, min_stem=3))


@lru_cache(maxsize=262144)
def _arabic_forms(word: str) -> tuple[str, ...]:
    latin = uyghur_to_latin(word, "Arab")
    key = _APOSTROPHES.sub("", fold_key(latin))
    if not key:
        return ()
    return _forms(key, uyghur_stems(key))


# Letters of Kazakh and Uyghur Cyrillic that Russian lacks.
_TURKIC_CYRILLIC = re.compile("[әғқңөүһұіҗӘҒҚҢӨҮҺҰІҖ]")


@lru_cache(maxsize=262144)
def _cyrillic_forms(word: str) -> tuple[str, ...]:
    latin = uyghur_to_latin(word, "Cyrl")
    key = _APOSTROPHES.sub("", fold_key(latin))
    if not key:
        return ()
    if _TURKIC_CYRILLIC.search(word):
        return _forms(key, uyghur_stems(key))
    # Possibly Russian: the Russian Snowball stem, transliterated the same way, meets the other
    # case forms (Москва, Москве -> москв); Uyghur stems too, since Uyghur Cyrillic words need
    # not contain a letter Russian lacks (лагерда).
    russian = uyghur_to_latin(_stemmers().russian.stemWord(word.lower()), "Cyrl")
    return _forms(key, (_APOSTROPHES.sub("", fold_key(russian)),), uyghur_stems(key))


@lru_cache(maxsize=65536)
def _number(digits: str) -> str:
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(ch, 0)) for ch in digits)


@lru_cache(maxsize=65536)
def _other_forms(word: str) -> tuple[str, ...]:
    key = fold_key(word)
    return (key,) if key else ()


# Markers of Uyghur written in Latin letters, for deciding whether a whole text is Uyghur Latin
# (then every Latin word gets the full Uyghur suffix list, ASCII spellings included).
_UG_LATIN_MARKERS = re.compile(
    r"[éöü]|\b(?:we|bilen|uchun|idi|bolup|qilip|dep|hem|emes|kerek|ular|nurghun|bolghan)\b",
    re.IGNORECASE,
)


def _uyghur_latin_context(text: str) -> bool:
    # Sample the start of long texts: a page is one language far more often than not.
    sample = text[:4000]
    words = sample.count(" ") + 1
    return len(_UG_LATIN_MARKERS.findall(sample)) >= max(2, words // 12)


def _analyse(text: str, query: bool) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    uyghur = _uyghur_latin_context(text)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        word = m.group()
        if kind == "lat":
            forms = _latin_forms(word, uyghur)
        elif kind == "cjk":
            n = end - start
            if n == 1:
                append(Token(start, end, (word,)))
                continue
            for i in range(n - 1):
                append(Token(start + i, start + i + 2, (word[i : i + 2],)))
            if not query:
                append(Token(end - 1, end, (word[-1],)))
            continue
        elif kind == "num":
            forms = (_number(word),)
        elif kind == "arb":
            forms = _arabic_forms(word)
        elif kind == "cyr":
            forms = _cyrillic_forms(word)
        else:
            forms = _other_forms(word)
        if forms:
            append(Token(start, end, forms))
    return tokens


def index_tokens(text: str) -> list[Token]:
    """Analyse text for indexing.

    Args:
        text: the text, normally from :func:`delil.text.normalize.normalize_text` (the analyser
            also copes with text that is not).

    Returns:
        Tokens in order of their start offsets (character offsets into ``text``; starts never
        decrease).
    """
    return _analyse(text, query=False)


def query_tokens(text: str) -> list[Token]:
    """Analyse a user's query with the same rules as :func:`index_tokens`.

    The differences: a Han run of two or more characters yields only its bigrams (no final
    unigram), which the caller should search as a phrase; a one-character Han query is a unigram,
    which only matches a character at the end of an indexed run, so the caller should search it
    as a prefix (``古*``). Words get the same forms as when indexed, and the caller should accept
    any of them (FTS5: ``(a OR b)``); for Latin text the Uyghur-context test is made on the query
    alone.

    Args:
        text: the query text.

    Returns:
        Tokens in order, offsets into ``text``.
    """
    return _analyse(text, query=True)
