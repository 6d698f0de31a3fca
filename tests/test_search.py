"""Search across English, Chinese and Uyghur in three scripts, with filters and snippets."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from delil.config import Settings
from delil.errors import InvalidInput
from delil.model import Acquisition
from delil.search import build_match, search
from delil.storage.sqlite import SQLiteStore
from tests.helpers import run_ingest, write_files

DOCS = {
    "en1.txt": "The detainees were held in a detention centre outside the fictional town.",
    "en2.txt": "Teachers described the schools and the weather in spring.",
    "zh1.txt": "联合国人权事务高级专员办事处发布了关于虚构县看守所的报告。",
    "zh2.txt": "虚构人物古丽巴哈尔·海提瓦吉的家人在等待消息。",
    "ug-arab1.txt": "ئۇ لاگېردا ئۈچ ئاي تۇرغان. ئائىلىسى خەۋەر كۈتكەن.",
    "ug-arab2.txt": "نۇرغۇن كىشىلەر لاگېرلارغا ئەۋەتىلگەن دەپ ئېيتىلىدۇ.",
    "ug-latn.txt": "U lagérda üch ay turghan. Aile xewer kütken.",
    "ug-cyrl.txt": "У лагерда үч ай турған. Аилиси хәвәр күткән.",
    "ug-other.txt": "بۈگۈن ھاۋا ئوچۇق، بالىلار مەكتەپكە باردى.",
}


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    from delil.case import create_case

    tmp = tmp_path_factory.mktemp("search")
    store = create_case(tmp / "case")
    settings = Settings(home=tmp / "case", workers=1)
    root = write_files(tmp / "evidence", DOCS)
    run_ingest(store, settings, [root])
    late = write_files(tmp / "late", {"late.txt": "A later fictional detention report."})
    run_ingest(
        store,
        settings,
        [late],
        Acquisition(acquired_from="Second fictional source", acquired_on="2025-06-01"),
    )
    return store


def _names(store: SQLiteStore, query: str, **kw: str) -> set[str]:
    hits = search(store, query, **kw)  # type: ignore[arg-type]
    return {store.get_source(h.source_id).original_path.split("/")[-1] for h in hits}


def test_english_stemming(case: SQLiteStore) -> None:
    assert _names(case, "detention centre") == {"en1.txt"}
    assert "en1.txt" in _names(case, "detainee")
    assert _names(case, "school") == {"en2.txt"}


def test_chinese_two_character_words_inside_runs(case: SQLiteStore) -> None:
    assert _names(case, "人权") == {"zh1.txt"}
    assert _names(case, "看守所") == {"zh1.txt"}
    assert _names(case, "古丽") == {"zh2.txt"}
    assert _names(case, "提瓦") == {"zh2.txt"}
    assert _names(case, "看所") == set()


def test_chinese_single_character(case: SQLiteStore) -> None:
    assert "zh1.txt" in _names(case, "县")


def test_uyghur_stem_finds_suffixed_forms_in_every_script(case: SQLiteStore) -> None:
    expected = {"ug-arab1.txt", "ug-arab2.txt", "ug-latn.txt", "ug-cyrl.txt"}
    assert _names(case, "لاگېر") == expected
    assert _names(case, "lagér") == expected
    assert _names(case, "лагер") == expected
    assert _names(case, "لاگېر") & {"ug-other.txt"} == set()


def test_phrase_and_exclusion(case: SQLiteStore) -> None:
    assert _names(case, '"detention centre"') == {"en1.txt"}
    assert _names(case, '"centre detention"') == set()
    assert _names(case, "detention -town") == {"late.txt"}
    assert _names(case, "school OR detainee") == {"en1.txt", "en2.txt"}


def test_filters(case: SQLiteStore) -> None:
    assert _names(case, "detention", acquisition="Second") == {"late.txt"}
    assert _names(case, "detention", since="2025") == {"late.txt"}
    assert _names(case, "detention", until="2024-12") == {"en1.txt"}
    assert _names(case, "人权", language="en") == set()
    assert _names(case, "人权", language="zh") == {"zh1.txt"}
    assert _names(case, "detention", media_type="text/*") == {"en1.txt", "late.txt"}
    assert _names(case, "detention", media_type="application/pdf") == set()


def test_snippets_highlight_matches(case: SQLiteStore) -> None:
    (hit,) = search(case, "看守所")
    assert "«" in hit.snippet and "»" in hit.snippet
    (hit,) = search(case, "schools")
    assert "<mark>schools</mark>" in hit.snippet_html


def test_user_input_cannot_break_the_query_syntax(case: SQLiteStore) -> None:
    for q in ['"unbalanced', "NEAR(a b)", "a AND", "col:val", "*", "^x", "a) OR (b"]:
        with contextlib.suppress(InvalidInput):
            search(case, q)


def test_empty_query_is_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="nothing to search"):
        build_match("  ,,, ")
    with pytest.raises(InvalidInput):
        build_match("-camp")


def test_reindex_rebuilds_identically(case: SQLiteStore) -> None:
    before = {h.source_id for h in search(case, "لاگېر")}
    case.db.execute("INSERT INTO page_fts(page_fts) VALUES ('delete-all')")
    assert any("search index" in p for p in case.check_database())
    case.reindex()
    assert {h.source_id for h in search(case, "لاگېر")} == before
    assert case.check_database() == []


def test_search_index_is_derived_not_evidence(case: SQLiteStore, tmp_path: Path) -> None:
    # The index holds no copy of the text: it is external-content over the page table.
    rows = case.db.execute("SELECT count(*) FROM sqlite_master WHERE name='page_fts_content'")
    assert next(iter(rows))[0] == 0


def test_every_hit_highlights_its_match_even_across_scripts(case: SQLiteStore) -> None:
    for q in ["لاگېر", "лагер", "县", "detainee", '"detention centre"', "提瓦"]:
        hits = search(case, q)
        assert hits, q
        for h in hits:
            assert "«" in h.snippet and "»" in h.snippet, (q, h.snippet)
    (cyr,) = [h for h in search(case, "لاگېر") if "лагерда" in h.snippet]
    assert "«лагерда»" in cyr.snippet


def test_ranking_window_is_reported_when_more_pages_match(case: SQLiteStore) -> None:
    full = search(case, "lagér", window=None)
    assert len(full) == 4 and not full.windowed
    small = search(case, "lagér", window=2)
    assert small.windowed and len(small) == 2
    exact = search(case, "lagér", window=4)
    assert not exact.windowed and len(exact) == 4
