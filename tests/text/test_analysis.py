"""The search analyser: the acceptance tests for search, backend-independent.

``matches(query, text)`` models how an FTS backend uses the tokens: each query token matches an
index token at the same relative position when they share any form, and the query's tokens must
appear consecutively (a phrase).
"""

from __future__ import annotations

import time
from itertools import pairwise

from delil.text import Token, index_tokens, normalize_text, query_tokens, uyghur_stems


def matches(query: str, text: str) -> bool:
    """True when the query, as a phrase of analysed tokens, occurs in the indexed text."""
    q = query_tokens(query)
    if not q:
        return False
    # Positions: one per token start; tokens at the same start are colocated.
    starts = sorted({t.start for t in index_tokens(text)})
    at: dict[int, set[str]] = {}
    for t in index_tokens(text):
        at.setdefault(starts.index(t.start), set()).update(t.forms)
    for i in range(len(starts)):
        if all(i + k in at and set(tok.forms) & at[i + k] for k, tok in enumerate(q)):
            return True
    return False


def spans(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[t.start : t.end], t.forms) for t in index_tokens(text)]


# --- Latin / English -----------------------------------------------------------------------------


def test_english_words_casefold_and_stem() -> None:
    assert spans("Detentions") == [("Detentions", ("detentions", "detent"))]
    for indexed in ("detention", "Detentions", "DETENTION"):
        assert matches("detention", indexed)
        assert matches("detentions", indexed)
    assert matches("detained", "they were detaining him")
    assert matches("detain", "two men were detained")


def test_diacritics_fold() -> None:
    assert matches("ecole", "à l’École")
    assert matches("École", "ecole")
    assert matches("gozalti", "gözaltı")


def test_numbers_are_tokens() -> None:
    assert spans("in 2018, 3 times") == [
        ("in", ("in",)),
        ("2018", ("2018",)),
        ("3", ("3",)),
        ("times", ("times", "time")),
    ]
    assert matches("2018", "٢٠١٨")


def test_punctuation_and_whitespace_are_never_tokens() -> None:
    assert index_tokens(" \n\t.,;:!?«»()[]—–-…·•、。，！？؟،") == []
    for tok in index_tokens("Hello, world! «古丽» — ئۇيغۇر، кто?"):
        assert all(form and " " not in form for form in tok.forms)


def test_apostrophes_inside_words() -> None:
    assert spans("children's") == [("children's", ("childrens", "children"))]
    assert matches("sa'et", "saet")


# --- Han -----------------------------------------------------------------------------------------


def test_han_bigrams_with_final_unigram() -> None:
    assert spans("古丽巴哈尔") == [
        ("古丽", ("古丽",)),
        ("丽巴", ("丽巴",)),
        ("巴哈", ("巴哈",)),
        ("哈尔", ("哈尔",)),
        ("尔", ("尔",)),
    ]
    assert spans("人") == [("人", ("人",))]


def test_every_han_character_starts_a_token() -> None:
    text = "联合国人权事务"
    assert {t.start for t in index_tokens(text)} == set(range(len(text)))


def test_han_query_is_bigrams_only() -> None:
    assert [t.forms for t in query_tokens("古丽巴哈尔")] == [
        ("古丽",),
        ("丽巴",),
        ("巴哈",),
        ("哈尔",),
    ]
    assert [t.forms for t in query_tokens("古")] == [("古",)]


def test_han_phrase_matching() -> None:
    assert matches("人权", "联合国人权事务")
    assert matches("古丽", "古丽巴哈尔·海提瓦吉")
    assert matches("提瓦", "古丽巴哈尔·海提瓦吉")
    assert matches("海提瓦吉", "古丽巴哈尔·海提瓦吉")
    assert not matches("尔海", "古丽巴哈尔·海提瓦吉")  # the middle dot separates the names
    assert not matches("人事", "联合国人权事务")


def test_mixed_script_without_spaces() -> None:
    assert spans("2018年3月在喀什") == [
        ("2018", ("2018",)),
        ("年", ("年",)),
        ("3", ("3",)),
        ("月在", ("月在",)),
        ("在喀", ("在喀",)),
        ("喀什", ("喀什",)),
        ("什", ("什",)),
    ]
    assert matches("喀什", "2018年3月在喀什")
    assert [f for _, f in spans("Kashgar市")] == [("kashgar",), ("市",)]


# --- Uyghur --------------------------------------------------------------------------------------


def test_uyghur_stem_finds_suffixed_forms_in_all_scripts() -> None:
    for indexed in ("لاگېردا", "لاگېرلارغا", "lagérda", "лагерда", "лагерларға", "Lagérlarda"):
        assert matches("لاگېر", indexed), indexed
        assert matches("lagér", indexed), indexed
        assert matches("лагер", indexed), indexed


def test_uyghur_stem_is_conservative() -> None:
    assert uyghur_stems("lager") == ()
    assert "lag" not in uyghur_stems("lagerda")
    assert uyghur_stems("bala") == ()
    assert "lager" in uyghur_stems("lagerlirimizdiki")


def test_uyghur_case_and_possessive_suffixes() -> None:
    word = "مەكتەپ"
    for form in ("مەكتەپتە", "مەكتەپتىن", "مەكتەپكە", "مەكتەپنىڭ", "مەكتەپنى", "مەكتەپتىكى",
                 "مەكتەپلەر", "مەكتەپلىرىمىز", "مەكتىپىمىز", "مەكتەپمۇ"):  # fmt: skip
        assert matches(word, form), form
    # Vowel raising: bala, balilar, balisi
    assert matches("بالا", "بالىلار")
    assert matches("بالا", "بالىسى")
    # Two-letter stems: öy (house), öyide (in his house)
    assert matches("ئۆي", "ئۆيىدە")


def test_place_name_finds_demonym() -> None:
    assert matches("قەشقەر", "قەشقەرلىك")
    assert matches("Qeshqer", "Qeshqerlik")


def test_arabic_keyboard_variants_match_standard_spelling() -> None:
    # Persian keheh, final Arabic heh, tatweel.
    assert matches("مەكتەپتە", "مەکتەپته")
    assert matches("بالا", "بـالا")


def test_latin_uyghur_text_gets_uyghur_stems_english_is_not_wrecked() -> None:
    uyghur = "Biz bu yil lagerda we mektepte bolduq, ular bilen bille."
    assert matches("لاگېر", uyghur)
    assert matches("mektep", uyghur)
    english = "The panda ate bamboo in the state park, and building work started."
    assert matches("panda", english)
    assert matches("building", english)
    assert matches("build", english)
    assert not matches("pan", english)
    assert not matches("sta", english)


def test_russian_words_get_consistent_keys() -> None:
    assert matches("Москва", "в Москве")
    assert matches("москве", "МОСКВА")


def test_token_offsets_are_character_offsets_in_order() -> None:
    text = normalize_text("Gülnar 古丽·海提 ئۇيغۇر лагерда 2018年")
    tokens = index_tokens(text)
    assert all(isinstance(t, Token) for t in tokens)
    assert [text[t.start : t.end] for t in tokens] == [
        "Gülnar", "古丽", "丽", "海提", "提", "ئۇيغۇر", "лагерда", "2018", "年",
    ]  # fmt: skip
    assert all(a.start <= b.start for a, b in pairwise(tokens))


def test_speed_on_english_text() -> None:
    text = (
        "The witness said that dozens of people were detained at the market in 2018, including"
        " two of his cousins and a neighbour. "
    ) * 2000
    index_tokens(text)  # warm the caches
    t0 = time.perf_counter()
    index_tokens(text)
    rate = len(text) / (time.perf_counter() - t0)
    # The benchmark (bench/bench_text.py) is the real measure; this guards against a collapse.
    assert rate > 300_000, rate
