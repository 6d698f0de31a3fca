"""normalize_text: the canonical page text every stored span indexes into; fold_key."""

from __future__ import annotations

from delil.text import fold_key, normalize_text


def test_line_endings_become_lf() -> None:
    assert normalize_text("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"


def test_arabic_presentation_forms_become_letters() -> None:
    # ﺑﯘﮔﯜﻥ: presentation forms as a PDF text layer gives them.
    raw = "\ufe91\ufbd8\ufb94\ufbdc\ufee5"
    assert normalize_text(raw) == "بۇگۈن"


def test_kangxi_radicals_become_ideographs() -> None:
    assert normalize_text("\u2f08\u2f54") == "人水"


def test_name_middle_dots_fold_to_u00b7() -> None:
    for dot in ("\u30fb", "\uff65", "\u2027", "\u0387", "\u16eb"):
        assert normalize_text(f"古丽巴哈尔{dot}海提瓦吉") == "古丽巴哈尔·海提瓦吉"
    for dot in ("\u2022", "\u22c5", "\u2219"):
        assert normalize_text(f"Aygul{dot}Tursun") == "Aygul·Tursun"


def test_bullets_at_line_start_are_kept() -> None:
    assert normalize_text("\u2022 first\n\u2022 second") == "\u2022 first\n\u2022 second"
    assert normalize_text("3 \u22c5 4") == "3 \u22c5 4"


def test_bidi_controls_and_zero_width_space_removed_zwnj_kept() -> None:
    raw = "\u202bسالام\u202c \u2067x\u2069 a\u200bb \ufeffc \u200e\u200f\u061c"
    assert normalize_text(raw) == "سالام x ab c"
    assert normalize_text("می\u200cخواهم") == "می\u200cخواهم"
    assert normalize_text("a\u200db") == "a\u200db"


def test_controls_removed_tab_and_newline_kept() -> None:
    assert normalize_text("a\x00b\x07c\td\ne\x1bf\x7fg\x90h") == "abc\td\nefgh"


def test_trailing_spaces_removed() -> None:
    assert normalize_text("one  \ntwo\t\n three \u00a0") == "one\ntwo\n three"


def test_full_width_and_nbsp() -> None:
    assert normalize_text("\uff12\uff10\uff11\uff18\u00a0\u5e74") == "2018 年"


def test_normalize_is_idempotent() -> None:
    samples = [
        "Gülnar\u2022Tursun \r\n\ufe91\ufbd8 \u2f08\uff65\u30fb x \u200b\u00ad\t \n",
        "\u2022 item\r\n  \u3000end\u3000",
        "ﻻ ﷲ ﬁ ½ ² Å",
    ]
    for raw in samples:
        once = normalize_text(raw)
        assert normalize_text(once) == once


def test_fold_key_latin_diacritics_and_case() -> None:
    assert fold_key("Lagérda") == "lagerda"
    assert fold_key("ÜRÜMCHI") == "urumchi"
    assert fold_key("Gözaltı") == "gozalti"
    assert fold_key("İstanbul") == "istanbul"
    assert fold_key("Straße") == "strasse"
    assert fold_key("Øresund") == "oresund"


def test_fold_key_keeps_cyrillic_and_arabic_letters() -> None:
    assert fold_key("Йәнә") == "йәнә"
    assert fold_key("ئۆي") == "ئۆي"


def test_fold_key_folds_arabic_variants() -> None:
    # Persian keheh and a final Arabic heh, as typed on a Persian keyboard.
    assert fold_key("مەکتەپ") == fold_key("مەكتەپ")
    assert fold_key("كەلمه") == "كەلمە"
