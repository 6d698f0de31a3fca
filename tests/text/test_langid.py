"""Language identification: per-pair accuracy on the paragraph test set, and paragraph spans."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from delil.text import LanguageGuess, detect_language, detect_page, detect_paragraphs

DATA = Path(__file__).parent / "data" / "langid_paragraphs.tsv"
PAIRS = {
    ("en", "Latn"),
    ("zh", "Hani"),
    ("ug", "Arab"),
    ("ug", "Latn"),
    ("ug", "Cyrl"),
    ("kk", "Arab"),
    ("kk", "Cyrl"),
    ("ru", "Cyrl"),
    ("tr", "Latn"),
}


def _rows() -> list[tuple[str, str, str]]:
    lines = DATA.read_text(encoding="utf-8").splitlines()[1:]
    return [(lang, script, text) for lang, script, text in (ln.split("\t") for ln in lines)]


def test_test_set_is_complete() -> None:
    counts = Counter((lang, script) for lang, script, _ in _rows())
    assert set(counts) == PAIRS
    assert all(n >= 15 for n in counts.values()), counts
    assert all(40 <= len(text) <= 400 for _, _, text in _rows())


def _accuracy(cut: int | None) -> dict[tuple[str, str], Counter[tuple[str, str]]]:
    confusion: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    for lang, script, text in _rows():
        guess = detect_language(text[:cut] if cut else text)
        confusion[(lang, script)][(guess.lang, guess.script)] += 1
    return confusion


def test_accuracy_per_language_and_script() -> None:
    confusion = _accuracy(None)
    for pair, got in sorted(confusion.items()):
        accuracy = got[pair] / sum(got.values())
        print(pair, f"{accuracy:.2f}", dict(got))
        assert accuracy >= 0.9, (pair, dict(got))


def test_accuracy_on_40_character_snippets() -> None:
    confusion = _accuracy(40)
    for pair, got in sorted(confusion.items()):
        accuracy = got[pair] / sum(got.values())
        assert accuracy >= 0.85, (pair, dict(got))


def test_other_languages_are_not_forced_into_ours() -> None:
    assert (
        detect_language("Les enfants sont allés à l'école ce matin avec leurs parents.").lang
        == "fr"
    )
    assert (
        detect_language("Die Kinder sind heute Morgen mit ihren Eltern zur Schule gegangen.").lang
        == "de"
    )
    assert detect_language("Діти сьогодні вранці пішли до школи разом із батьками.").lang == "uk"
    assert detect_language("子供たちは今朝、両親と一緒に学校へ行きました。").lang == "ja"


def test_no_letters_is_undetermined() -> None:
    guess = detect_language("12.03.2019 — 15:40")
    assert guess == LanguageGuess("und", "Zyyy", 0.0)
    assert detect_language("").lang == "und"


def test_short_text_has_low_confidence() -> None:
    assert detect_language("Gülnar").confidence < 0.5


def test_paragraph_spans_index_into_the_text() -> None:
    text = (
        "  The witness said that dozens of people were detained at the market.\n\n"
        "一名证人说，他亲眼看到几十人在集市上被带走。\n"
        "بۈگۈن قەشقەردە ھاۋا ئىسسىق بولدى. بالىلار مەكتەپتىن كېيىن ئويناپ قايتتى.\n"
        "Сегодня в Москве было холодно, а вечером ожидается снег.\n"
    )
    spans = detect_paragraphs(text)
    assert [g.lang for _, _, g in spans] == ["en", "zh", "ug", "ru"]
    assert text[spans[0][0] : spans[0][1]].startswith("The witness")
    assert text[spans[1][0] : spans[1][1]] == "一名证人说，他亲眼看到几十人在集市上被带走。"
    for start, end, _ in spans:
        assert text[start:end] == text[start:end].strip()


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "Families living overseas say they have not heard\n"
        "from their relatives for years, and many have lost\n"
        "all contact with them.\n"
        "Bizning mehellimizde yéngi bir bazar échildi. Bazarda méwiler sétiliwatidu."
    )
    spans = detect_paragraphs(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("all contact with them.")
    assert [g.lang for _, _, g in spans] == ["en", "ug"]


def test_page_language_is_majority_by_characters() -> None:
    text = (
        "Heavy snow is expected tonight.\n\n"
        "Ötken yili küzde Mehmut Tursun öz öyidin élip kétilgen. Uning ayali Gülnar hazirghiche"
        " uning qeyerde ikenlikini bilmeydu.\n\n"
        "12.03.2019\n"
    )
    page, paragraphs = detect_page(text)
    assert (page.lang, page.script) == ("ug", "Latn")
    assert len(paragraphs) == 3
    assert paragraphs[2][2].lang == "und"
    assert 0 < page.confidence <= 1


def test_empty_page() -> None:
    page, paragraphs = detect_page("\n\n  \n")
    assert page.lang == "und" and paragraphs == []
