"""decode_bytes: every encoding our sources use, with Chinese, Uyghur, Russian and French."""

from __future__ import annotations

import codecs

from delil.text import decode_bytes

ZH = "新学期开始了，学生们领到了新课本，和老师们一起走进了刚刚粉刷过的教室。"
UG = (
    "بۈگۈن قەشقەردە ھاۋا ئىسسىق بولدى. بالىلار مەكتەپتىن كېيىن دەريا بويىدا ئويناپ، كەچتە ئۆيگە"
    " قايتتى."
)
RU = (
    "Сегодня в Москве было холодно, а вечером ожидается снег. Синоптики посоветовали"
    " одеваться теплее."
)
FR = "Les élèves ont reçu leurs nouveaux livres à l’école ce matin, avant la récréation."
SAMPLES = {"zh": ZH, "ug": UG, "ru": RU, "fr": FR}


def test_utf8_with_and_without_bom() -> None:
    for text in SAMPLES.values():
        assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
        assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")


def test_ascii_is_utf8() -> None:
    assert decode_bytes(b"plain text") == ("plain text", "utf-8")
    assert decode_bytes(b"") == ("", "utf-8")


def test_utf16_with_bom() -> None:
    for text in SAMPLES.values():
        assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "utf-16-le")
        assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "utf-16-be")


def test_utf16_without_bom() -> None:
    for text in SAMPLES.values():
        assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
        assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_utf32_with_bom() -> None:
    for text in SAMPLES.values():
        assert decode_bytes(codecs.BOM_UTF32_LE + text.encode("utf-32-le")) == (text, "utf-32-le")
        assert decode_bytes(codecs.BOM_UTF32_BE + text.encode("utf-32-be")) == (text, "utf-32-be")


def test_gb18030_detected_and_gb2312_label_decodes_as_gb18030() -> None:
    assert decode_bytes(ZH.encode("gb18030")) == (ZH, "gb18030")
    assert decode_bytes(ZH.encode("gbk"), "gb2312") == (ZH, "gb18030")
    # 㐀 (extension A) is in GB18030 but not in GB2312 or GBK: a mislabelled file still decodes.
    rare = "古丽㐀巴哈尔"
    assert decode_bytes(rare.encode("gb18030"), "GB2312") == (rare, "gb18030")
    assert decode_bytes(rare.encode("gb18030"), "gbk") == (rare, "gb18030")


def test_windows_1252_french() -> None:
    assert decode_bytes(FR.encode("cp1252")) == (FR, "cp1252")
    assert decode_bytes(FR.encode("cp1252"), "iso-8859-1") == (FR, "cp1252")


def test_windows_1251_russian() -> None:
    assert decode_bytes(RU.encode("cp1251")) == (RU, "cp1251")
    assert decode_bytes(RU.encode("cp1251"), "windows-1251") == (RU, "cp1251")


def test_windows_1256_uyghur_and_persian() -> None:
    # Windows-1256 has no ې ۆ ۈ ۇ ە ڭ ۋ: old Uyghur files used the nearest Arabic letters.
    ug_1256 = (
        "بوگون قهشقهرده ھاوا ئىسسىق بولدى. بالىلار مهكتهپتىن كىيىن دهريا بويىدا ئويناپ قايتتى."
    )
    assert decode_bytes(ug_1256.encode("cp1256")) == (ug_1256, "cp1256")
    fa = "كودكان امروز صبح با پدر و مادرشان به مدرسه رفتند و درس خواندند."
    assert decode_bytes(fa.encode("cp1256")) == (fa, "cp1256")
    assert decode_bytes(fa.encode("cp1256"), "windows-1256") == (fa, "cp1256")


def test_declared_label_is_ignored_when_it_does_not_fit() -> None:
    # Declared Shift_JIS, but the bytes are UTF-8.
    assert decode_bytes(ZH.encode("utf-8"), "shift_jis") == (ZH, "utf-8")
    # An unknown label is ignored.
    assert decode_bytes(ZH.encode("gb18030"), "x-no-such-charset") == (ZH, "gb18030")


def test_invalid_bytes_decode_with_replacement() -> None:
    damaged = "古丽 said: ".encode() + b"\xff\xfe\xfd" + " 海提瓦吉".encode()
    text, encoding = decode_bytes(damaged)
    assert encoding == "utf-8+replace"
    assert text.startswith("古丽 said: ") and text.endswith(" 海提瓦吉") and "\ufffd" in text


def test_truncated_utf16_with_bom() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"c")
    assert encoding == "utf-16-le+replace"
    assert text.startswith("ab")


def test_never_fails() -> None:
    for data in (b"\x81\x8d\x8f\x90\x9d", bytes(range(256)), b"\x00", b"\xff"):
        text, encoding = decode_bytes(data)
        assert isinstance(text, str) and encoding
