"""Script detection, Uyghur script conversion and Arabic-script language hints."""

from __future__ import annotations

import pytest

from delil.text import (
    arabic_script_language_hint,
    detect_script,
    fold_uyghur_arabic,
    latin_to_uyghur_arabic,
    uyghur_to_cyrillic,
    uyghur_to_latin,
)


def test_detect_script_majority_by_letters() -> None:
    assert detect_script("Hello world") == "Latn"
    assert detect_script("بۈگۈن ھاۋا ئىسسىق") == "Arab"
    assert detect_script("Сегодня холодно") == "Cyrl"
    assert detect_script("今天很冷") == "Hani"
    assert detect_script("㐀㐁 丽") == "Hani"  # extension A
    assert detect_script("豈更") == "Hani"  # compatibility ideographs
    assert detect_script("2018-03-12 !?") == "Zyyy"
    assert detect_script("") == "Zyyy"
    assert detect_script("In 2018 年 the camp 营") == "Latn"
    assert detect_script("古丽巴哈尔 said") == "Hani"
    assert detect_script("Τα παιδιά") == "Grek"


def test_uyghur_arabic_to_latin_and_cyrillic() -> None:
    assert uyghur_to_latin("لاگېردا", "Arab") == "lagérda"
    assert uyghur_to_latin("ئۈرۈمچىدە", "Arab") == "ürümchide"
    assert uyghur_to_cyrillic("لاگېرلارغا", "Arab") == "лагерларға"
    assert uyghur_to_latin("Лагерларға", "Cyrl") == "lagérlargha"
    assert uyghur_to_cyrillic("lagérda", "Latn") == "лагерда"
    assert latin_to_uyghur_arabic("lagérda") == "لاگېردا"


def test_uyghur_to_latin_transliterates_russian_letters() -> None:
    # е is é in Uyghur Cyrillic; ъ ы щ ц are not Uyghur letters and are transliterated plainly.
    assert uyghur_to_latin("Объявление", "Cyrl") == "obyawlénié"
    assert uyghur_to_latin("Щука Цех Ёлка", "Cyrl") == "shchuka tséx yolka"


def test_unknown_script_rejected() -> None:
    with pytest.raises(ValueError):
        uyghur_to_latin("古丽", "Hani")


def test_fold_persian_keyboard_variants() -> None:
    # keheh -> kaf
    assert fold_uyghur_arabic("مەکتەپ") == "مەكتەپ"
    # word-final Arabic heh -> ە, inside a word -> ھ
    assert fold_uyghur_arabic("مەكتەپته") == "مەكتەپتە"
    assert fold_uyghur_arabic("هاۋا") == "ھاۋا"
    # tatweel and harakat removed
    assert fold_uyghur_arabic("بـــالَا") == "بالا"
    # Farsi yeh: i between consonants, y next to a vowel, i after hamza
    assert fold_uyghur_arabic("بیلەن") == "بىلەن"
    assert fold_uyghur_arabic("یېزا") == "يېزا"
    assert fold_uyghur_arabic("ئیش") == "ئىش"
    assert fold_uyghur_arabic("قوی") == "قوي"
    # yeh + combining hamza above -> ئ
    assert fold_uyghur_arabic("\u0649\u0654ش") == "ئش"
    # presentation forms
    assert fold_uyghur_arabic("\ufe91\ufbd8") == "بۇ"


def test_folded_variants_convert_like_standard_spelling() -> None:
    assert uyghur_to_latin("مەکتەپته", "Arab") == uyghur_to_latin("مەكتەپتە", "Arab")
    assert uyghur_to_latin("بیلەن", "Arab") == "bilen"


def test_arabic_script_language_hint() -> None:
    assert arabic_script_language_hint("بۈگۈن قەشقەردە ھاۋا ئىسسىق بولدى") == "ug"
    assert arabic_script_language_hint("مەنىڭ اپام ٴار كۇنى تاڭەرتەڭ ەرتە تۇرىپ") == "kk"
    assert arabic_script_language_hint("کودکان امروز صبح با پدر و مادرشان به مدرسه رفتند") == "fa"
    assert arabic_script_language_hint("ذهب الأطفال إلى المدرسة هذا الصباح مع والديهم") == "ar"
    assert arabic_script_language_hint("سلام") is None
    assert arabic_script_language_hint("no Arabic here at all") is None
