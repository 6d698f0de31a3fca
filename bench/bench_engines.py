"""Embedded full-text engines compared: SQLite FTS5 (what Delil uses) vs Tantivy, same analysis.

Both engines index the same pages of the cached search case built by ``bench_search.py``
(``~/.cache/delil-bench/search/pages-N/delil.db``, read-only here; run ``bench_search.py``
first) with the same analyser, ``delil.text.analysis.index_tokens``, and answer the same
queries (``bench_search.QUERIES``).

Method.

- Pages (id, text) are read once into memory. The analyser's per-word caches are emptied
  before each build, so neither engine profits from the other having warmed them.
- FTS5 build: the pages go into a scratch SQLite database (not timed), then the external
  content index Delil uses (``content='page'``, ``tokenize='delil'``) is created, rebuilt and
  optimised (timed), exactly as ``bench_search.build`` does. The FTS5 size is the ``dbstat``
  size of the ``page_fts*`` tables of the cached case (the scratch copy's is printed too).
- Tantivy build (tantivy-py, one writer thread): every page is analysed in Python and handed
  over as a ``PreTokenizedString``. tantivy-py 0.27 lets each token carry its own position, so
  colocated forms are reproduced exactly: every form of a token (primary, English stem, Uyghur
  stems, script-folded keys) is indexed at the token's position, and the last character of a
  Han run is folded into the run's last bigram position, as ``delil.storage.fts`` does for FTS5.
  No field text is stored (Delil keeps page text in its own table); the page id is a fast u64
  field. Timed: analysis, token objects, ``add_document``, ``commit``, waiting for merges.
- "analysis only" is ``index_tokens`` over every page (cold caches): the floor both builds share.
- Queries. FTS5: the match expression from ``delil.search.build_match``, run as the exact query
  (``ORDER BY rank LIMIT 20``) and as Delil's windowed one (BM25 over the newest ``--window``
  matches). Tantivy: the same query structure built from ``query_tokens`` with ``tantivy.Query``
  constructors (a term or an OR of its forms; a phrase over each token's broadest form for
  phrases and Chinese runs; ``Occur.MustNot`` for ``-word``; OR as a nested boolean), and for a
  one-character Han query a regex ``X.*`` over the terms (FTS5 uses the prefix query ``"X"*``).
  Timed: ``searcher.search(q, 20, count=False)`` plus reading the 20 page ids from the fast
  field ("Tantivy"), and the same with ``count=True`` ("Tantivy+count": it also counts every
  match, as Delil counts to tell whether the window overflowed). Query
  objects and match strings are built outside the timing. Each query runs once untimed, then
  ``--repeats`` times per variant (the order rotating); the table gives medians, and the ALL
  rows percentiles over every run.
- Check: the number of matching pages must agree (FTS5 ``count(*)`` vs Tantivy's count);
  mismatches are printed. "top-20 overlap" is how many of Tantivy's 20 page ids are among FTS5's
  exact top 20 (BM25 in both with k1=1.2, b=0.75, but document lengths differ: FTS5 counts
  positions, Tantivy counts every token including colocated forms, and quantises the length
  to one byte; Tantivy's regex query is constant-score).

    .venv/bin/python bench/bench_engines.py --size 100000
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import apsw
import tantivy
from _common import cache_dir, median, percentile, table
from bench_search import QUERIES
from tantivy import Occur, PreTokenizedString, Query, Token

from delil.search import _ITEM, build_match
from delil.storage.fts import register_tokenizer
from delil.text.analysis import Token as DToken
from delil.text.analysis import index_tokens, query_tokens

FIELD = "text"


def clear_analysis_caches() -> None:
    """Empty the analyser's per-word LRU caches (not the cached script converters)."""
    for name in ("delil.text.analysis", "delil.text.scripts", "delil.text.normalize"):
        mod = importlib.import_module(name)
        for obj in vars(mod).values():
            info = getattr(obj, "cache_info", None)
            if info is not None and info().maxsize is not None:
                obj.cache_clear()


def positioned(tokens: list[DToken]) -> Iterator[tuple[int, int, int, tuple[str, ...]]]:
    """``(position, start, end, forms)`` with the position rule of ``delil.storage.fts``.

    A token that ends where the previous one ends and starts inside it (the final unigram of a
    Han run) shares the previous token's position.
    """
    pos = -1
    prev: DToken | None = None
    for tok in tokens:
        if prev is not None and tok.end == prev.end and prev.start < tok.start:
            yield pos, prev.start, prev.end, tok.forms
            continue
        pos += 1
        prev = tok
        yield pos, tok.start, tok.end, tok.forms


# --- data --------------------------------------------------------------------------------------


def case_db(size: int) -> Path:
    path = cache_dir("search") / f"pages-{size}" / "delil.db"
    if not path.exists() or not (path.parent / "READY").exists():
        sys.exit(f"{path} is missing: build it with bench/bench_search.py --sizes {size}")
    return path


def open_case(path: Path) -> apsw.Connection:
    con = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READONLY)
    register_tokenizer(con)
    return con


def fts_size(con: apsw.Connection) -> float:
    """Bytes of the page_fts* tables (dbstat), or the file size when dbstat is missing."""
    try:
        n = con.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'page_fts%'").fetchall()
        return float(n[0][0] or 0)
    except apsw.SQLError:
        return float(Path(con.filename).stat().st_size)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- builds ------------------------------------------------------------------------------------


def build_fts5(pages: list[tuple[int, str]], work: Path) -> tuple[float, float]:
    """Seconds to build and optimise the FTS5 index in a scratch database, and its bytes."""
    con = apsw.Connection(str(work / "fts5.db"))
    register_tokenizer(con)
    con.execute("PRAGMA journal_mode=WAL").fetchall()
    with con:
        con.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        con.executemany("INSERT INTO page VALUES (?, ?)", pages)
    clear_analysis_caches()
    t = time.perf_counter()
    con.execute(
        "CREATE VIRTUAL TABLE page_fts USING fts5(text, content='page', "
        "content_rowid='id', tokenize='delil')"
    )
    con.execute("INSERT INTO page_fts(page_fts) VALUES ('rebuild')")
    con.execute("INSERT INTO page_fts(page_fts) VALUES ('optimize')")
    secs = time.perf_counter() - t
    size = fts_size(con)
    con.close()
    return secs, size


def tantivy_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=False, indexed=False, fast=True)
    # "raw" is only the declared tokenizer; documents arrive pre-tokenized.
    sb.add_text_field(FIELD, stored=False, tokenizer_name="raw", index_option="position")
    return sb.build()


def build_tantivy(pages: list[tuple[int, str]], path: Path, heap: int) -> float:
    """Seconds to analyse and index every page, commit and finish merging."""
    index = tantivy.Index(tantivy_schema(), path=str(path))
    writer = index.writer(heap, 1)
    clear_analysis_caches()
    t = time.perf_counter()
    for page_id, text in pages:
        toks = [
            Token(form, pos, start, end)
            for pos, start, end, forms in positioned(index_tokens(text))
            for form in forms
        ]
        doc = tantivy.Document()
        doc.add_unsigned("id", page_id)
        # The text itself is not stored, so an empty string avoids copying it into Rust.
        doc.add_pre_tokenized_text(FIELD, PreTokenizedString("", toks))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - t


def analysis_only(pages: list[tuple[int, str]]) -> float:
    clear_analysis_caches()
    t = time.perf_counter()
    for _, text in pages:
        index_tokens(text)
    return time.perf_counter() - t


# --- queries -----------------------------------------------------------------------------------


def tantivy_expression(schema: tantivy.Schema, text: str) -> Query | None:
    """The Tantivy counterpart of ``delil.search._expression``."""
    tokens = query_tokens(text)
    if not tokens:
        return None
    if len(tokens) == 1:
        tok = tokens[0]
        first = tok.forms[0]
        if len(first) == 1 and "\u3400" <= first <= "\u9fff":
            return Query.regex_query(schema, FIELD, first + ".*")
        forms = list(dict.fromkeys(tok.forms))
        if len(forms) == 1:
            return Query.term_query(schema, FIELD, forms[0])
        return Query.boolean_query(
            [(Occur.Should, Query.term_query(schema, FIELD, f)) for f in forms]
        )
    return Query.phrase_query(schema, FIELD, [t.forms[-1] for t in tokens])


def tantivy_query(schema: tantivy.Schema, query: str) -> Query:
    """The Tantivy counterpart of ``delil.search.parse_query`` (same item grammar)."""
    pos: list[Query] = []
    neg: list[Query] = []
    pending_or = False
    last_or_group: list[Query] | None = None
    groups: list[list[Query]] = []
    for m in _ITEM.finditer(query):
        minus, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            pending_or = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            minus, word = "-", word[1:]
        expr = tantivy_expression(schema, phrase if phrase is not None else word)
        if expr is None:
            continue
        if minus:
            neg.append(expr)
            last_or_group = None  # as in parse_query: no OR across an exclusion
            continue
        if pending_or and last_or_group is not None:
            last_or_group.append(expr)
        else:
            last_or_group = [expr]
            groups.append(last_or_group)
        pending_or = False
    for g in groups:
        if len(g) == 1:
            pos.append(g[0])
        else:
            pos.append(Query.boolean_query([(Occur.Should, q) for q in g]))
    if len(pos) == 1 and not neg:
        return pos[0]
    return Query.boolean_query([(Occur.Must, q) for q in pos] + [(Occur.MustNot, q) for q in neg])


def clock_ms(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - t) * 1000


def measure(
    con: apsw.Connection, index: tantivy.Index, repeats: int, window: int
) -> tuple[list[list[object]], list[str]]:
    raw_exact = "SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rank LIMIT 20"
    raw_window = (
        "SELECT id FROM (SELECT rowid AS id, bm25(page_fts) AS score FROM page_fts "
        "WHERE page_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT 20"
    )
    schema = index.schema
    searcher = index.searcher()

    def sql(statement: str, args: tuple[object, ...]) -> list[object]:
        return list(con.execute(statement, args).fetchall())

    def tv(q: Query, count: bool) -> list[object]:
        res = searcher.search(q, 20, count=count)
        return list(searcher.fast_field_values("id", [a for _, a in res.hits]))

    keys = ("exact", "window", "tv", "tvc")
    series: dict[str, list[float]] = {k: [] for k in keys}
    rows: list[list[object]] = []
    problems: list[str] = []
    for name, text in QUERIES:
        match = build_match(text)
        q = tantivy_query(schema, text)
        runs: dict[str, Callable[[], object]] = {
            "exact": partial(sql, raw_exact, (match,)),
            "window": partial(sql, raw_window, (match, window)),
            "tv": partial(tv, q, False),
            "tvc": partial(tv, q, True),
        }
        for fn in runs.values():
            fn()  # warm-up, untimed
        times: dict[str, list[float]] = {k: [] for k in keys}
        order = list(keys)
        for _ in range(repeats):
            for k in order:
                times[k].append(clock_ms(runs[k]))
            order.append(order.pop(0))  # rotate, so no variant always runs first
        count_sql = "SELECT count(*) FROM page_fts WHERE page_fts MATCH ?"
        n_fts = con.execute(count_sql, (match,)).fetchall()[0][0]
        n_tv = searcher.search(q, 1, count=True).count  # type: ignore[attr-defined]
        if n_fts != n_tv:
            problems.append(f"{name} ({text}): FTS5 {n_fts} pages, Tantivy {n_tv}")
        fts_top = {r[0] for r in con.execute(raw_exact, (match,)).fetchall()}
        overlap = len(fts_top.intersection(tv(q, False)))
        for k in keys:
            series[k] += times[k]
        rows.append([name, text, n_fts, n_tv, overlap, *(median(times[k]) for k in keys)])
    for p in (50, 95):
        rows.append([f"ALL p{p}", "", "", "", "", *(percentile(series[k], p) for k in keys)])
    return rows, problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--window", type=int, default=20_000)
    ap.add_argument("--heap", type=int, default=512_000_000, help="Tantivy writer heap, bytes")
    ap.add_argument("--keep", action="store_true", help="keep the scratch indexes")
    args = ap.parse_args()

    path = case_db(args.size)
    con = open_case(path)
    pages: list[tuple[int, str]] = con.execute("SELECT id, text FROM page ORDER BY id").fetchall()  # type: ignore[assignment]
    chars = sum(len(t) for _, t in pages)
    case_fts_bytes = fts_size(con)
    work = Path(tempfile.mkdtemp(prefix=f"pages-{args.size}-", dir=cache_dir("engines")))
    try:
        t_an = analysis_only(pages)
        t_fts, scratch_fts_bytes = build_fts5(pages, work)
        tv_path = work / "tantivy"
        tv_path.mkdir()
        t_tv = build_tantivy(pages, tv_path, args.heap)
        tv_bytes = dir_size(tv_path)
        index = tantivy.Index.open(str(tv_path))
        index.reload()
        segments = index.searcher().num_segments
        mib = 1024 * 1024
        build_rows = [
            ["analysis only (index_tokens)", t_an, chars / t_an, ""],
            ["SQLite FTS5 (rebuild+optimize)", t_fts, chars / t_fts, case_fts_bytes / mib],
            [f"Tantivy ({segments} segment(s))", t_tv, chars / t_tv, tv_bytes / mib],
        ]
        print(f"\n### Build, {len(pages):,} pages, {chars:,} chars\n")
        print(table(["engine", "seconds", "chars/s", "index MiB"], build_rows))
        print(
            f"\n(FTS5 index of the scratch copy: {scratch_fts_bytes / mib:.1f} MiB; the table "
            "gives the cached case's.)"
        )

        rows, problems = measure(con, index, args.repeats, args.window)
        print(
            f"\n### Queries, {len(pages):,} pages (ms, median of {args.repeats} runs; "
            f"window {args.window:,})\n"
        )
        print(
            table(
                [
                    "query",
                    "text",
                    "pages FTS5",
                    "pages Tantivy",
                    "top-20 overlap",
                    "FTS5 exact",
                    "FTS5 windowed",
                    "Tantivy",
                    "Tantivy+count",
                ],
                rows,
            )
        )
        print()
        if problems:
            print("Match-count mismatches:")
            for p in problems:
                print(f"- {p}")
        else:
            print("Match counts agree for every query.")
    finally:
        con.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\nscratch indexes kept in {work}")


if __name__ == "__main__":
    main()
