"""Search latency at 100k and 1M pages: Delil's `search()` vs the raw FTS5 engine, same run.

The index is bulk-loaded from generated pages (not through ingest) and cached outside the
repository (``~/.cache/delil-bench``, or ``$DELIL_BENCH_CACHE``), so a second run only queries.
Pages mix English, Chinese and Uyghur (Arabic, Latin and Cyrillic script) drawn from a Zipf
distribution, so some query terms are rare and some hit a large share of the pages.

Raw engine, with the same match expression Delil builds: (a) exact ranking,
``SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rank LIMIT 20``; (b) the same
two-step ranking Delil uses (BM25 over the newest ``--window`` matches). Delil:
``delil.search.search`` (query analysis, the windowed ranking, joins, snippets for the 20
results).

    .venv/bin/python bench/bench_search.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from functools import partial
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


_SYLLABLES = (
    "ka ri mo ten sa lu vi ne da po gu shi re ba to mi la ke nu fa ho ze ja wi qo me yu ra no si"
).split()


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct pseudo-words: the filler that makes up most of a realistic page."""
    seen: set[str] = set()
    out = []
    while len(out) < n:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


class Generator:
    """Pages of Zipf-distributed filler with domain words at realistic rates.

    About half the pages are English, a quarter Chinese and a quarter Uyghur (of which a fifth in
    Latin and a sixth in Cyrillic script). A domain word appears in a sentence with probability
    ~3% × 1/rank, so the commonest ones end up on a sizeable share of pages and the rarest on a
    few hundred per million.
    """

    def __init__(self, seed: int) -> None:
        from umsc import UgMultiScriptConverter as C

        self.rng = random.Random(seed)
        self.filler = _vocabulary(self.rng, 30_000)
        self.to_latin, self.to_cyr = C("UAS", "ULS"), C("UAS", "UCS")

    def _zipf(self, n: int, s: float = 1.05) -> int:
        return min(int(self.rng.paretovariate(s)) - 1, n - 1)

    def sentence(self) -> str:
        rng = self.rng
        kind = rng.random()
        n = rng.randint(8, 18)
        if kind < 0.5:
            words = [self.filler[self._zipf(len(self.filler))] for _ in range(n)]
            if rng.random() < 0.3:
                words[rng.randrange(n)] = EN[self._zipf(len(EN), 1.2)]
            return " ".join(words) + "."
        if kind < 0.75:
            chars = [chr(0x4E00 + self._zipf(6000)) for _ in range(n * 2)]
            if rng.random() < 0.3:
                i = self._zipf(len(ZH) - 2, 1.2)
                chars[rng.randrange(n)] = ZH[i : i + rng.choice((2, 3))]
            return "".join(chars) + "。"
        words = [
            "ئە" + "".join(chr(0x0628 + self._zipf(20)) for _ in range(rng.randint(2, 6)))
            for _ in range(n)
        ]
        if rng.random() < 0.3:
            words[rng.randrange(n)] = UG[self._zipf(len(UG), 1.2)] + rng.choice(UG_SUFFIX_AR)
        text = " ".join(words) + "."
        r = rng.random()
        if r < 0.2:
            return str(self.to_latin(text))
        if r < 0.35:
            return str(self.to_cyr(text))
        return text

    def page(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 8)))


def build(size: int) -> Path:
    """Create (or reuse) a case with ``size`` generated pages, indexed."""
    home = cache_dir("search") / f"pages-{size}"
    if (home / "delil.db").exists() and (home / "READY").exists():
        return home
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    store = create_case(home)
    gen = Generator(size)
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
                text = gen.page()
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


def measure(home: Path, repeats: int, window: int) -> list[list[object]]:
    store = SQLiteStore.open(home)
    rows = []
    series: dict[str, list[float]] = {"exact": [], "window": [], "ours": []}
    raw_exact = "SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rank LIMIT 20"
    raw_window = (
        "SELECT id FROM (SELECT rowid AS id, bm25(page_fts) AS score FROM page_fts "
        "WHERE page_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT 20"
    )

    def clock(fn: object) -> float:
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        return (time.perf_counter() - t) * 1000

    for name, q in QUERIES:
        match = build_match(q)
        exact, win, ours = [], [], []
        for _ in range(repeats):
            exact.append(clock(lambda m=match: store.db.execute(raw_exact, (m,)).fetchall()))
            win.append(clock(lambda m=match: store.db.execute(raw_window, (m, window)).fetchall()))
            ours.append(clock(partial(search, store, q, limit=20, window=window)))
        total = store.db.execute(
            "SELECT count(*) FROM page_fts WHERE page_fts MATCH ?", (match,)
        ).fetchall()[0][0]
        series["exact"] += exact
        series["window"] += win
        series["ours"] += ours
        rows.append(
            [
                name,
                q,
                total,
                median(exact),
                median(win),
                median(ours),
                median(ours) / max(median(win), 1e-6),
            ]
        )
    store.close()
    for p in (50, 95):
        e, w, o = (percentile(series[k], p) for k in ("exact", "window", "ours"))
        rows.append([f"ALL p{p}", "", "", e, w, o, o / w])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--window", type=int, default=20_000)
    args = ap.parse_args()
    for size in args.sizes:
        home = build(size)
        rows = measure(home, args.repeats, args.window)
        print(
            f"\n### Search, {size:,} pages (ms; median of {args.repeats} runs per query; "
            f"rank window {args.window:,})\n"
        )
        headers = ["query", "text", "matching pages", "raw FTS5, exact rank",
                   "raw FTS5, windowed rank", "delil search()", "delil / raw windowed"]  # fmt: skip
        print(table(headers, rows))


if __name__ == "__main__":
    main()
