"""The embedded backend: one SQLite file (through APSW, which bundles SQLite 3.54 with FTS5).

Why APSW and not the standard library's ``sqlite3``: the system SQLite here is 3.40, whose FTS5
cannot run a tokenizer written in Python, and Chinese and Uyghur search needs ours
(``delil.text.analysis``). Two SQLite libraries must never open the same file in one process
(their POSIX locks would not see each other), so every connection in Delil goes through APSW,
and only this module touches it.

Durability: WAL mode with ``synchronous=FULL``, so a committed source survives a power cut.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import apsw

from delil import faults
from delil.custody import GENESIS, details_hash, event_hash
from delil.errors import CaseNotInitialised, NotFound, StorageError
from delil.ids import new_salt, salted_digest
from delil.model import Confidentiality, CustodyEvent, Page, Paragraph, Source, SourceStatus
from delil.storage.base import (
    Hit,
    NewSource,
    SearchSpec,
    Store,
    pages_digest,
    source_record,
)
from delil.storage.blobs import BlobStore
from delil.storage.fts import register_tokenizer

DB_NAME = "delil.db"


def _first(rows: list[Any]) -> Any:
    """The first row of a fully read result, or None.

    We always read results to the end: APSW keeps a statement active until its cursor is
    exhausted, and an active statement makes the next COMMIT fail.
    """
    return rows[0] if rows else None


def utc_now() -> str:
    """The current time, ISO 8601 in UTC with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _migrations() -> list[tuple[int, str]]:
    out = []
    for f in resources.files("delil.storage.migrations").iterdir():
        if f.name.endswith(".sql"):
            out.append((int(f.name.split("_", 1)[0]), f.read_text(encoding="utf-8")))
    return sorted(out)


def _to_source(row: dict[str, Any]) -> Source:
    return Source(
        **{
            **row,
            "status": SourceStatus(row["status"]),
            "confidentiality": Confidentiality(row["confidentiality"]),
        }
    )


def peek_source_count(home: Path) -> int | None:
    """Sources stored in the case at ``home``, read without writing anything (or None).

    For watchers such as the crash trials, which look at a case another process is writing.
    """
    try:
        con = apsw.Connection(str(home / DB_NAME), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            n: int = con.execute("SELECT count(*) FROM source").fetchall()[0][0]  # type: ignore[assignment]
            return n
        finally:
            con.close()
    except apsw.Error:
        return None


class SQLiteStore(Store):
    """A case in a folder: ``delil.db`` (records, ledger, index) and ``blobs/``."""

    def __init__(self, home: Path, db: apsw.Connection) -> None:
        self.home = home
        self.db = db
        self._owner = threading.get_ident()
        self._local = threading.local()
        self._readers: list[apsw.Connection] = []
        self._readers_lock = threading.Lock()
        self.blobs = BlobStore(home / "blobs")
        self.case_id = self._info("case_id")

    # -- opening ---------------------------------------------------------------------------

    @staticmethod
    def _connect(path: Path) -> apsw.Connection:
        try:
            db = apsw.Connection(str(path))
            register_tokenizer(db)
            db.set_busy_timeout(30_000)
            db.execute("PRAGMA journal_mode=WAL").fetchall()
            db.execute("PRAGMA synchronous=FULL").fetchall()
            db.execute("PRAGMA foreign_keys=ON").fetchall()
        except apsw.Error as e:
            raise StorageError(f"cannot open the case database: {e}") from e
        return db

    @classmethod
    def create(cls, home: Path, case_id: str) -> SQLiteStore:
        """Create the store in ``home`` (which may exist but must hold no case)."""
        home.mkdir(parents=True, exist_ok=True)
        db = cls._connect(home / DB_NAME)
        cls._migrate(db)
        with db:
            db.execute(
                "INSERT OR IGNORE INTO case_info(key, value) VALUES ('case_id', ?), "
                "('created_at', ?)",
                (case_id, utc_now()),
            )
        store = cls(home, db)
        store.blobs.create()
        return store

    @classmethod
    def open(cls, home: Path) -> SQLiteStore:
        """Open the store in ``home``.

        Raises:
            CaseNotInitialised: there is no case there.
        """
        if not (home / DB_NAME).is_file():
            raise CaseNotInitialised(
                f"no Delil case in {home}; create one with `delil init {home}`"
            )
        db = cls._connect(home / DB_NAME)
        cls._migrate(db)
        store = cls(home, db)
        store.blobs.sweep_temp()
        return store

    @staticmethod
    def _migrate(db: apsw.Connection) -> None:
        current: int = db.execute("PRAGMA user_version").fetchall()[0][0]  # type: ignore[assignment]
        for version, sql in _migrations():
            if version <= current:
                continue
            with db:
                db.execute(sql)
                db.execute(f"PRAGMA user_version={version:d}")

    def close(self) -> None:
        """Close the database connection (and any reader connections of other threads)."""
        with self._readers_lock:
            for con in self._readers:
                con.close()
            self._readers.clear()
        self.db.close()

    def _reader(self) -> apsw.Connection:
        """This thread's read-only connection (the main one belongs to the opening thread).

        Ingest checks whether a source exists from its staging threads while the main thread
        writes; WAL lets such readers run beside the writer.
        """
        con: apsw.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = apsw.Connection(str(self.home / DB_NAME), flags=apsw.SQLITE_OPEN_READONLY)
            con.set_busy_timeout(30_000)
            self._local.con = con
            with self._readers_lock:
                self._readers.append(con)
        return con

    def _info(self, key: str) -> str:
        row = _first(self.db.execute("SELECT value FROM case_info WHERE key=?", (key,)).fetchall())
        if row is None:
            raise CaseNotInitialised(f"case store in {self.home} has no {key}")
        return str(row[0])

    def set_info(self, key: str, value: str) -> None:
        """Record a case-level fact (e.g. the signing key's fingerprint)."""
        with self.db:
            self.db.execute(
                "INSERT INTO case_info(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    def info(self, key: str) -> str | None:
        """A case-level fact, or None."""
        try:
            return self._info(key)
        except CaseNotInitialised:
            return None

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, taken with BEGIN IMMEDIATE so the ledger tail is ours."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except apsw.Error as e:
            raise StorageError(f"cannot start a write transaction: {e}") from e
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except apsw.Error as e:
            raise StorageError(f"commit failed: {e}") from e

    # -- ledger ----------------------------------------------------------------------------

    def _append(
        self, actor: str, action: str, subject: str, details: dict[str, Any], salt: bytes
    ) -> CustodyEvent:
        row = _first(
            self.db.execute(
                "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1"
            ).fetchall()
        )
        seq, prev = (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS)
        time = utc_now()
        dh = details_hash(salt, details)
        h = event_hash(seq, time, actor, action, subject, dh, prev)
        self.db.execute(
            "INSERT INTO custody_event(seq, time, actor, action, subject, details_hash, "
            "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
            (seq, time, actor, action, subject, dh, prev, h),
        )
        self.db.execute(
            "INSERT INTO custody_detail(seq, salt, details) VALUES (?,?,?)",
            (seq, salt, json.dumps(details, sort_keys=True)),
        )
        return CustodyEvent(seq, time, actor, action, subject, dh, prev, h)

    def append_event(
        self, actor: str, action: str, subject: str, details: dict[str, Any]
    ) -> CustodyEvent:
        with self._write():
            return self._append(actor, action, subject, details, new_salt())

    def iter_events(self) -> Iterator[CustodyEvent]:
        rows = self.db.execute(
            "SELECT seq, time, actor, action, subject, details_hash, prev_hash, hash "
            "FROM custody_event ORDER BY seq"
        ).fetchall()
        for r in rows:
            yield CustodyEvent(*r)  # type: ignore[arg-type]

    def event_details(self) -> dict[int, tuple[bytes, dict[str, Any] | None]]:
        out: dict[int, tuple[bytes, dict[str, Any] | None]] = {}
        for seq, salt, details in self.db.execute("SELECT seq, salt, details FROM custody_detail"):
            out[int(seq)] = (bytes(salt), json.loads(details) if details else None)
        return out

    def head(self) -> tuple[int, str]:
        """Sequence number and hash of the last event."""
        row = _first(
            self.db.execute(
                "SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1"
            ).fetchall()
        )
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    def event_at(self, seq: int) -> CustodyEvent | None:
        """The event with this sequence number."""
        r = _first(
            self.db.execute(
                "SELECT seq, time, actor, action, subject, details_hash, prev_hash, hash "
                "FROM custody_event WHERE seq=?",
                (seq,),
            ).fetchall()
        )
        return CustodyEvent(*r) if r else None

    def record_checkpoint(self, doc: dict[str, Any]) -> None:
        """Keep a copy of a checkpoint handed out."""
        with self.db:
            self.db.execute(
                "INSERT INTO checkpoint(seq, head, created_at, document) VALUES (?,?,?,?)",
                (doc["seq"], doc["head"], doc["time"], json.dumps(doc, sort_keys=True)),
            )

    # -- sources ---------------------------------------------------------------------------

    def has_source(self, source_id: str) -> bool:
        """Whether the source is stored; safe to call from any thread."""
        db = self.db if threading.get_ident() == self._owner else self._reader()
        return bool(db.execute("SELECT 1 FROM source WHERE id=?", (source_id,)).fetchall())

    def add_source(self, new: NewSource, salt: bytes) -> CustodyEvent | None:
        triples = [(p.text, p.raw_text, p.method) for p in new.pages]
        meta = dict(new.metadata)
        if new.children_expected:
            meta["children_expected"] = str(new.children_expected)
        row = {
            "id": new.id,
            "blob_sha256": new.blob_sha256,
            "parent_id": new.parent_id,
            "original_path": new.original_path,
            "acquisition_id": new.acquisition_id,
            "acquired_from": new.acquired_from,
            "acquired_on": new.acquired_on,
            "method": new.method,
            "media_type": new.media_type,
            "status": new.status,
            "reason": new.reason,
            "reliability": new.reliability,
            "note": new.note,
            "actor": new.actor,
            "depth": new.depth,
            "page_count": len(new.pages),
            "text_sha256": pages_digest(triples),
            "confidentiality": "normal",
        }
        details = {
            "source": new.id,
            "blob": new.blob_sha256,
            "size": new.blob_size,
            "parent": new.parent_id,
            "acquisition": new.acquisition_id,
            "status": new.status,
            "pages": len(new.pages),
            "text": row["text_sha256"],
            "record": salted_digest(salt, source_record(row)),
        }
        try:
            with self._write():
                faults.point("db.in-transaction")
                db = self.db
                if db.execute("SELECT 1 FROM source WHERE id=?", (new.id,)).fetchall():
                    # Another ingest (another process on the same case) stored it first.
                    return None
                db.execute(
                    "INSERT OR IGNORE INTO blob(sha256, size, media_type, stored) VALUES (?,?,?,?)",
                    (new.blob_sha256, new.blob_size, new.media_type, int(new.blob_stored)),
                )
                if new.blob_stored:
                    # A blob first seen over the cap and later stored whole is now kept.
                    db.execute("UPDATE blob SET stored=1 WHERE sha256=?", (new.blob_sha256,))
                db.execute(
                    "INSERT OR IGNORE INTO acquisition(id, acquired_from, acquired_on, method) "
                    "VALUES (?,?,?,?)",
                    (new.acquisition_id, new.acquired_from, new.acquired_on, new.method),
                )
                db.execute(
                    "INSERT INTO source(id, blob_sha256, parent_id, original_path, "
                    "acquisition_id, media_type, status, reason, language, script, reliability, "
                    "note, actor, depth, ingested_at, metadata, warnings, page_count, text_sha256)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        new.id,
                        new.blob_sha256,
                        new.parent_id,
                        new.original_path,
                        new.acquisition_id,
                        new.media_type,
                        new.status,
                        new.reason,
                        new.language,
                        new.script,
                        new.reliability,
                        new.note,
                        new.actor,
                        new.depth,
                        utc_now(),
                        json.dumps(meta, sort_keys=True),
                        json.dumps(new.warnings),
                        len(new.pages),
                        row["text_sha256"],
                    ),
                )
                for p in new.pages:
                    cur = db.execute(
                        "INSERT INTO page(source_id, number, label, text, raw_text, method, "
                        "language, script, paragraphs) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                        (
                            new.id,
                            p.number,
                            p.label,
                            p.text,
                            p.raw_text,
                            p.method,
                            p.language,
                            p.script,
                            json.dumps(
                                [[q.start, q.end, q.language, q.script] for q in p.paragraphs]
                            ),
                        ),
                    )
                    page_id = cur.fetchall()[0][0]
                    db.execute("INSERT INTO page_fts(rowid, text) VALUES (?, ?)", (page_id, p.text))
                event = self._append(new.actor, "ingest", new.id, details, salt)
            faults.point("db.committed")
            return event
        except apsw.Error as e:
            raise StorageError(f"could not store source {new.id}: {e}") from e

    def get_source(self, source_id: str) -> Source:
        """One source with its acquisition, as a dict.

        Raises:
            NotFound: no such source.
        """
        rows = list(self._source_rows("WHERE s.id=?", (source_id,)))
        if not rows:
            raise NotFound("source", source_id)
        return _to_source(rows[0])

    def list_sources(
        self, status: str | None = None, parent: str | None = None, limit: int | None = None
    ) -> list[Source]:
        """Sources, oldest first, optionally by status or parent."""
        where, args = [], []
        if status:
            where.append("s.status=?")
            args.append(status)
        if parent:
            where.append("s.parent_id=?")
            args.append(parent)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        if limit:
            clause += f" LIMIT {int(limit)}"
        return [_to_source(r) for r in self._source_rows(clause, tuple(args))]

    def count_children(self, source_id: str) -> int:
        """How many child sources a container has stored."""
        row = _first(
            self.db.execute(
                "SELECT count(*) FROM source WHERE parent_id=?", (source_id,)
            ).fetchall()
        )
        return int(row[0])

    _SOURCE_COLUMNS = (
        "s.id", "s.blob_sha256", "s.parent_id", "s.original_path", "s.acquisition_id",
        "a.acquired_from", "a.acquired_on", "a.method", "s.media_type", "s.status", "s.reason",
        "s.language", "s.script", "s.confidentiality", "s.reliability", "s.note", "s.actor",
        "s.depth", "s.ingested_at", "s.metadata", "s.warnings", "s.page_count", "s.text_sha256",
        "b.size",
    )  # fmt: skip

    def _source_rows(self, clause: str, args: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
        rows = self.db.execute(
            f"SELECT {', '.join(self._SOURCE_COLUMNS)} "
            "FROM source s JOIN acquisition a ON a.id = s.acquisition_id "
            f"JOIN blob b ON b.sha256 = s.blob_sha256 {clause}",
            args,
        ).fetchall()
        names = [c.split(".", 1)[1] for c in self._SOURCE_COLUMNS]
        for r in rows:
            d: dict[str, Any] = dict(zip(names, r, strict=True))
            d["metadata"] = json.loads(d["metadata"])
            d["warnings"] = json.loads(d["warnings"])
            yield d

    def iter_source_rows(self) -> Iterator[dict[str, Any]]:
        yield from self._source_rows("ORDER BY s.rowid", ())

    def get_pages(self, source_id: str) -> list[Page]:
        """A source's pages in order."""
        out = []
        for r in self.db.execute(
            "SELECT source_id, number, text, raw_text, method, language, script, label, "
            "paragraphs FROM page WHERE source_id=? ORDER BY number",
            (source_id,),
        ):
            paras = tuple(Paragraph(*q) for q in json.loads(r[8]))
            out.append(
                Page(
                    source_id=str(r[0]),
                    number=int(r[1]),
                    text=str(r[2]),
                    raw_text=str(r[3]),
                    method=str(r[4]),
                    language=r[5],
                    script=r[6],
                    label=r[7],
                    paragraphs=paras,
                )
            )
        return out

    def page_triples(self, source_id: str) -> list[tuple[str, str, str]]:
        return [
            (str(t), str(r), str(m))
            for t, r, m in self.db.execute(
                "SELECT text, raw_text, method FROM page WHERE source_id=? ORDER BY number",
                (source_id,),
            )
        ]

    def blob_rows(self) -> Iterator[tuple[str, int, bool]]:
        for sha, size, stored in self.db.execute("SELECT sha256, size, stored FROM blob"):
            yield str(sha), int(size), bool(stored)

    # -- search ----------------------------------------------------------------------------

    def search(self, spec: SearchSpec) -> tuple[list[Hit], bool]:
        """Pages matching ``spec``, best first, with highlighted snippets.

        Returns:
            The hits, and whether ranking was limited to the newest ``spec.window`` matches.

        Ranking works in two steps so the costly parts touch few rows: the newest ``window``
        matching pages (FTS5 walks its doclists backwards and stops there) are scored with
        BM25. ``Hit.snippet`` holds the whole page text here; ``delil.search`` cuts the
        snippet, analysing only what it needs.
        """
        where = ["page_fts MATCH ?"]
        args: list[Any] = [spec.match]
        joins = ""
        if spec.language:
            where.append("p.language = ?")
            args.append(spec.language)
        if spec.media_type or spec.acquisition or spec.since or spec.until:
            joins = (
                " JOIN source s ON s.id = p.source_id JOIN acquisition a ON a.id = s.acquisition_id"
            )
        if spec.media_type:
            where.append("(s.media_type = ? OR s.media_type LIKE ?)")
            args += [spec.media_type, spec.media_type.rstrip("*") + "%"]
        if spec.acquisition:
            where.append("(a.id = ? OR a.acquired_from LIKE ?)")
            args += [spec.acquisition, f"%{spec.acquisition}%"]
        if spec.since:
            where.append("coalesce(a.acquired_on, substr(s.ingested_at, 1, 10)) >= ?")
            args.append(spec.since)
        if spec.until:
            where.append("coalesce(a.acquired_on, substr(s.ingested_at, 1, 10)) <= ?")
            args.append(spec.until + "\uffff")
        if spec.language or joins:
            joins = " JOIN page p ON p.id = page_fts.rowid" + joins
        cond = " AND ".join(where)
        # The newest window+1 matches are materialised once: the extra row tells whether
        # more matched than the window, and only the first `window` of them are ranked.
        window = spec.window or -1
        sql = (
            "WITH win AS MATERIALIZED (SELECT page_fts.rowid AS id, bm25(page_fts) AS score "
            f"FROM page_fts{joins} WHERE {cond} ORDER BY page_fts.rowid DESC LIMIT ?) "
            "SELECT id, score, (SELECT count(*) FROM win) FROM (SELECT id, score FROM win "
            "LIMIT ?) ORDER BY score, id DESC LIMIT ? OFFSET ?"
        )
        try:
            top = self.db.execute(
                sql, [*args, window + 1 if spec.window else -1, window, spec.limit, spec.offset]
            ).fetchall()
            windowed = bool(spec.window and top and int(top[0][2]) > spec.window)  # type: ignore[arg-type]
            scores = {int(page_id): float(score) for page_id, score, _ in top}  # type: ignore[arg-type]
            marks = ",".join("?" * len(scores))
            rows = self.db.execute(
                "SELECT p.id, p.source_id, p.number, p.text, p.language, s.media_type "
                f"FROM page p JOIN source s ON s.id = p.source_id WHERE p.id IN ({marks})",
                list(scores),
            ).fetchall()
            by_id = {int(r[0]): r for r in rows}  # type: ignore[arg-type]
            hits = [
                Hit(str(r[1]), int(r[2]), str(r[3]), scores[pid], r[4], str(r[5]))  # type: ignore[arg-type]
                for pid in scores
                if (r := by_id.get(pid)) is not None
            ]
            return hits, windowed
        except apsw.SQLError as e:
            raise StorageError(f"search failed: {e}") from e

    def reindex(self) -> int:
        """Rebuild the search index from the stored pages; returns the page count."""
        with self._write():
            self.db.execute("INSERT INTO page_fts(page_fts) VALUES ('rebuild')")
        n: int = self.db.execute("SELECT count(*) FROM page").fetchall()[0][0]  # type: ignore[assignment]
        return n

    # -- checks ----------------------------------------------------------------------------

    def check_database(self) -> list[str]:
        problems = []
        for (r,) in self.db.execute("PRAGMA integrity_check"):
            if r != "ok":
                problems.append(f"database integrity: {r}")
        for r in self.db.execute("PRAGMA foreign_key_check"):
            problems.append(f"database foreign key broken in table {r[0]} row {r[1]}")
        try:
            # For an external-content index this compares the index with the page table.
            self.db.execute("INSERT INTO page_fts(page_fts, rank) VALUES ('integrity-check', 1)")
        except apsw.Error:
            problems.append(
                "search index does not match the stored pages; run `delil reindex` to rebuild it"
            )
        return problems
