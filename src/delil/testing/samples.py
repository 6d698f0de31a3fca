"""Fictional multilingual sample texts with known content, for tests and demo cases.

Every paragraph is invented, plain news-like prose about no real person or event. The Uyghur
Latin (ULY) and Cyrillic texts are converted from the Arabic-script originals with ``umsc`` so
the three Uyghur scripts always say the same thing.

Languages are keyed by a BCP 47 tag: ``en``, ``zh-Hans``, ``ug-Arab``, ``ug-Latn``, ``ug-Cyrl``.
"""

from __future__ import annotations

from functools import cache

from umsc import UgMultiScriptConverter

ENGLISH = "en"
CHINESE = "zh-Hans"
UYGHUR_ARABIC = "ug-Arab"
UYGHUR_LATIN = "ug-Latn"
UYGHUR_CYRILLIC = "ug-Cyrl"

LANGUAGES: tuple[str, ...] = (ENGLISH, CHINESE, UYGHUR_ARABIC, UYGHUR_LATIN, UYGHUR_CYRILLIC)
"""Every language tag this module has samples for."""

_ENGLISH_PARAGRAPHS = (
    "A new public library opened on Monday morning in the centre of the fictional town of "
    "Karasu. The building holds more than ten thousand books on history, science and poetry.",
    "Teachers and parents attended the opening ceremony. The director spoke about the value of "
    "reading and thanked the volunteers who painted the reading rooms during the summer.",
    "Farmers from nearby villages will sell fresh fruit and vegetables at the weekly market "
    "tomorrow. Organisers expect warm weather and a large crowd near the old bridge.",
)

_CHINESE_PARAGRAPHS = (
    "星期一上午，虚构的卡拉苏镇中心的新公共图书馆正式开放。图书馆收藏了一万多本历史、科学和诗歌方面的书籍。",
    "许多老师和家长参加了开幕仪式。馆长在讲话中谈到了阅读的意义，并感谢了夏天粉刷阅览室的志愿者。",
    "明天，附近村庄的农民将在每周集市上出售新鲜的水果和蔬菜。组织者预计天气温暖，老桥附近会有很多人。",
)

_UYGHUR_ARABIC_PARAGRAPHS = (
    "دۈشەنبە كۈنى ئەتىگەن، ئويدۇرما قاراسۇ بازىرىنىڭ مەركىزىدە يېڭى ئاممىۋى كۇتۇپخانا ئېچىلدى. "
    "كۇتۇپخانىدا تارىخ، پەن ۋە شېئىرىيەت ھەققىدە ئون مىڭدىن ئارتۇق كىتاب بار.",
    "ئوقۇتقۇچىلار ۋە ئاتا-ئانىلار ئېچىلىش مۇراسىمىغا قاتناشتى. مۇدىر كىتاب ئوقۇشنىڭ "
    "ئەھمىيىتى توغرىسىدا سۆزلەپ، يازدا ئوقۇش زاللىرىنى سىرلىغان پىدائىيلارغا رەھمەت ئېيتتى.",
    "ئەتە يېقىن يېزىلاردىكى دېھقانلار ھەپتىلىك بازاردا يېڭى مېۋە ۋە كۆكتات ساتىدۇ. "
    "تەشكىللىگۈچىلەر ھاۋانىڭ ئىللىق بولۇشىنى ۋە كونا كۆۋرۈك يېنىغا نۇرغۇن ئادەم كېلىشىنى "
    "كۈتمەكتە.",
)

# Short texts for OCR tests: OCR costs about half a second per small image, so these stay one
# sentence long and are rendered once per script.
_ENGLISH_SHORT = "The new library in Karasu opened on Monday with ten thousand books."
_CHINESE_SHORT = "卡拉苏镇的新图书馆星期一开放，收藏了一万多本书。"
_UYGHUR_ARABIC_SHORT = "قاراسۇدىكى يېڭى كۇتۇپخانا دۈشەنبە كۈنى ئون مىڭ كىتاب بىلەن ئېچىلدى."


@cache
def _converter(target: str) -> UgMultiScriptConverter:
    return UgMultiScriptConverter("UAS", target)


def _convert(text: str, target: str) -> str:
    return str(_converter(target)(text))


def paragraphs(lang: str) -> list[str]:
    """Return the sample paragraphs of one language.

    Args:
        lang: one of :data:`LANGUAGES`.

    Returns:
        A fresh list of paragraphs (three for every language).

    Raises:
        KeyError: for a language with no samples.
    """
    if lang == ENGLISH:
        return list(_ENGLISH_PARAGRAPHS)
    if lang == CHINESE:
        return list(_CHINESE_PARAGRAPHS)
    if lang == UYGHUR_ARABIC:
        return list(_UYGHUR_ARABIC_PARAGRAPHS)
    if lang == UYGHUR_LATIN:
        return [_convert(p, "ULS") for p in _UYGHUR_ARABIC_PARAGRAPHS]
    if lang == UYGHUR_CYRILLIC:
        return [_convert(p, "UCS") for p in _UYGHUR_ARABIC_PARAGRAPHS]
    raise KeyError(lang)


def short_text(lang: str) -> str:
    """Return one short sentence of a language, sized for a small OCR test image.

    Args:
        lang: one of :data:`LANGUAGES`.

    Raises:
        KeyError: for a language with no samples.
    """
    if lang == ENGLISH:
        return _ENGLISH_SHORT
    if lang == CHINESE:
        return _CHINESE_SHORT
    if lang == UYGHUR_ARABIC:
        return _UYGHUR_ARABIC_SHORT
    if lang == UYGHUR_LATIN:
        return _convert(_UYGHUR_ARABIC_SHORT, "ULS")
    if lang == UYGHUR_CYRILLIC:
        return _convert(_UYGHUR_ARABIC_SHORT, "UCS")
    raise KeyError(lang)


def script_of(lang: str) -> str:
    """Return the ISO 15924 script code of a sample language (``Latn``, ``Hans``, ...)."""
    if lang == ENGLISH:
        return "Latn"
    if lang == CHINESE:
        return "Hans"
    if lang not in LANGUAGES:
        raise KeyError(lang)
    return lang.split("-", 1)[1]


def is_rtl(lang: str) -> bool:
    """Whether a language tag's script is written right to left (Arabic script)."""
    return lang.endswith("-Arab") or lang in {"ar", "fa", "ug", "ur"}
