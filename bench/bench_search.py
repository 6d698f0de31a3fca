"""Search latency at 100k and 1M pages: Delil's `search()` vs the raw FTS5 engine, same run.

The index is bulk-loaded from generated pages (not through ingest) and cached outside the
repository (``~/.cache/delil-bench``, or ``$DELIL_BENCH_CACHE``), so a second run only queries.
Pages mix English, Chinese and Uyghur (Arabic, Latin and Cyrillic script) drawn from a Zipf
distribution, so some query terms are rare and some hit a large share of the pages.

Raw engine: ``SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rank LIMIT 20`` with the
same match expression Delil builds. Delil: ``delil.search.search`` (query analysis, filters,
joins to page/source/acquisition, snippets).

    .venv/bin/python bench/bench_search.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import cache_dir, median, percentile, table

from delil.case import create_case
from delil.search import build_match, search
from delil.storage.sqlite import SQLiteStore, utc_now

EN = [
    "detention",
    "centre",
    "camp",
    "family",
    "police",
    "report",
    "village",
    "county",
    "school",
    "teacher",
    "transfer",
    "interview",
    "relatives",
    "prison",
    "sentence",
    "court",
    "mosque",
    "farm",
    "cotton",
    "factory",
    "labour",
    "child",
    "students",
    "spring",
    "winter",
    "border",
    "passport",
    "phone",
    "message",
    "letter",
    "worker",
    "official",
    "notice",
    "hospital",
    "release",
    "arrested",
    "disappeared",
    "training",
    "education",
    "political",
    "meeting",
]
ZH = "看守所拘留所监狱职业技能教育培训中心公安局派出所司法局人权报告家属学生工厂县乡村学校警察"
UG = [
    "لاگېر",
    "تۈرمە",
    "ساقچى",
    "ئائىلە",
    "مەكتەپ",
    "ئوقۇغۇچى",
    "دېھقان",
    "ئىشچى",
    "خەت",
    "تېلېفون",
    "سوت",
    "مەسچىت",
    "يېزا",
    "ناھىيە",
    "ئۇيغۇر",
    "ئانا",
    "بالا",
    "ئاكا",
    "ھەدە",
]
UG_SUFFIX = ["", "", "da", "lar", "gha", "ning", "din"]
UG_SUFFIX_AR = ["", "", "دا", "لار", "غا", "نىڭ", "دىن"]

QUERIES = [
    ("en rare", "passport"),
    ("en common", "detention"),
    ("en phrase", '"detention centre"'),
    ("en two words", "police report"),
    ("zh 2-char", "人权"),
    ("zh 3-char", "看守所"),
    ("zh name-like", "培训"),
    ("ug arabic stem", "لاگېر"),
    ("ug latin", "lagér"),
    ("ug cyrillic", "лагер"),
    ("ug common", "ئائىلە"),
    ("en OR", "prison OR court"),
    ("en NOT", "camp -school"),
    ("zh single", "县"),
]


def _words(rng: random.Random, n: int) -> str:
    from umsc import UgMultiScriptConverter as C

    to_latin, to_cyr = C("UAS", "ULS"), C("UAS", "UCS")
    kind = rng.random()
    out = []
    if kind < 0.5:
        for _ in range(n):
            out.append(EN[min(int(rng.paretovariate(1.1)) - 1, len(EN) - 1)])
        return " ".join(out) + "."
    if kind < 0.75:
        return (
            "".join(ZH[min(int(rng.paretovariate(1.0)) - 1, len(ZH) - 1)] for _ in range(n * 2))
            + "。"
        )
    for _ in range(n):
        w = UG[min(int(rng.paretovariate(1.1)) - 1, len(UG) - 1)]
        out.append(w + rng.choice(UG_SUFFIX_AR))
    text = " ".join(out) + "."
    r = rng.random()
    if r < 0.2:
        return str(to_latin(text))
    if r < 0.35:
        return str(to_cyr(text))
    return text


def build(size: int) -> Path:
    """Create (or reuse) a case with ``size`` generated pages, indexed."""
    home = cache_dir("search") / f"pages-{size}"
    if (home / "delil.db").exists() and (home / "READY").exists():
        return home
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    store = create_case(home)
    rng = random.Random(size)
    db = store.db
    t = time.perf_counter()
    db.execute("DROP TABLE page_fts")  # build the index once, after the bulk load
    with db:
        db.execute("INSERT INTO acquisition VALUES ('Abench', 'Generated pages', NULL, NULL)")
        db.execute("INSERT INTO blob VALUES (?, 0, 'text/plain', 1)", ("0" * 64,))
        per_source = 10
        for s in range(size // per_source):
            sid = f"S{s:015d}"
            db.execute(
                "INSERT INTO source (id, blob_sha256, parent_id, original_path, acquisition_id, "
                "media_type, status, reliability, actor, depth, ingested_at, metadata, warnings, "
                "page_count, text_sha256) VALUES (?, ?, NULL, ?, 'Abench', 'text/plain', "
                "'extracted', 'F', 'local:bench', 0, ?, '{}', '[]', ?, '')",
                (sid, "0" * 64, f"gen/{s}.txt", utc_now(), per_source),
            )
            rows = []
            for n in range(per_source):
                text = " ".join(_words(rng, rng.randint(6, 14)) for _ in range(rng.randint(3, 8)))
                rows.append((sid, n + 1, text, text, "plain", None, None, "[]"))
            db.executemany(
                "INSERT INTO page (source_id, number, text, raw_text, method, language, script,"
                " paragraphs) VALUES (?,?,?,?,?,?,?,?)",
                rows,
            )
    load = time.perf_counter() - t
    t = time.perf_counter()
    db.execute(
        "CREATE VIRTUAL TABLE page_fts USING fts5(text, content='page', "
        "content_rowid='id', tokenize='delil')"
    )
    db.execute("INSERT INTO page_fts(page_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO page_fts(page_fts) VALUES ('optimize')")
    index = time.perf_counter() - t
    chars = db.execute("SELECT sum(length(text)) FROM page").fetchone()[0]
    store.close()
    (home / "READY").write_text(f"load {load:.1f}s index {index:.1f}s chars {chars}\n")
    print(
        f"built {size:,} pages ({chars:,} chars): load {load:.1f} s, index {index:.1f} s "
        f"({chars / index:,.0f} chars/s)",
        flush=True,
    )
    return home


def measure(home: Path, repeats: int) -> list[list[object]]:
    store = SQLiteStore.open(home)
    rows = []
    ours_all: list[float] = []
    raw_all: list[float] = []
    for name, q in QUERIES:
        match = build_match(q)
        ours, raw = [], []
        hits = 0
        for _ in range(repeats):
            t = time.perf_counter()
            res = search(store, q, limit=20)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            list(
                store.db.execute(
                    "SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rank LIMIT 20",
                    (match,),
                )
            )
            raw.append((time.perf_counter() - t) * 1000)
            hits = len(res)
        total = store.db.execute(
            "SELECT count(*) FROM page_fts WHERE page_fts MATCH ?", (match,)
        ).fetchone()[0]
        ours_all += ours
        raw_all += raw
        rows.append(
            [name, q, total, hits, median(raw), median(ours), median(ours) / max(median(raw), 1e-6)]
        )
    store.close()
    rows.append(
        [
            "ALL p50",
            "",
            "",
            "",
            percentile(raw_all, 50),
            percentile(ours_all, 50),
            percentile(ours_all, 50) / percentile(raw_all, 50),
        ]
    )
    rows.append(
        [
            "ALL p95",
            "",
            "",
            "",
            percentile(raw_all, 95),
            percentile(ours_all, 95),
            percentile(ours_all, 95) / percentile(raw_all, 95),
        ]
    )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    for size in args.sizes:
        home = build(size)
        rows = measure(home, args.repeats)
        print(f"\n### Search, {size:,} pages (ms; median of {args.repeats} runs per query)\n")
        print(
            table(
                ["query", "text", "matching pages", "returned", "raw FTS5 ms", "delil ms", "ratio"],
                rows,
            )
        )


if __name__ == "__main__":
    main()
