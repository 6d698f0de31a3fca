-- Delil case store, schema version 1.
-- Records, the custody ledger and the search index live in one SQLite file (WAL mode).
-- Blobs live beside it in a content-addressed folder.

CREATE TABLE case_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    stored     INTEGER NOT NULL            -- 0: rejected over the input cap, bytes not kept
);

CREATE TABLE acquisition (
    id            TEXT PRIMARY KEY,         -- hash of (acquired_from, acquired_on, method)
    acquired_from TEXT,
    acquired_on   TEXT,
    method        TEXT
);

CREATE TABLE source (
    id              TEXT PRIMARY KEY,       -- hash of (blob, parent, original path, acquisition)
    blob_sha256     TEXT NOT NULL REFERENCES blob(sha256),
    parent_id       TEXT REFERENCES source(id),
    original_path   TEXT NOT NULL,
    acquisition_id  TEXT NOT NULL REFERENCES acquisition(id),
    media_type      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('extracted', 'unsupported', 'rejected')),
    reason          TEXT,
    language        TEXT,
    script          TEXT,
    confidentiality TEXT NOT NULL DEFAULT 'normal',
    reliability     TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    note            TEXT,
    actor           TEXT NOT NULL,
    depth           INTEGER NOT NULL,
    ingested_at     TEXT NOT NULL,
    metadata        TEXT NOT NULL,          -- JSON object
    warnings        TEXT NOT NULL,          -- JSON list
    page_count      INTEGER NOT NULL,
    text_sha256     TEXT NOT NULL           -- digest over the pages' text and raw text
);
CREATE INDEX source_status ON source(status);
CREATE INDEX source_parent ON source(parent_id);
CREATE INDEX source_blob ON source(blob_sha256);

CREATE TABLE page (
    id         INTEGER PRIMARY KEY,         -- the search index's rowid
    source_id  TEXT NOT NULL REFERENCES source(id),
    number     INTEGER NOT NULL,
    label      TEXT,
    text       TEXT NOT NULL,               -- normalised; every span points into it
    raw_text   TEXT NOT NULL,
    method     TEXT NOT NULL,
    language   TEXT,
    script     TEXT,
    paragraphs TEXT NOT NULL,               -- JSON [[start, end, lang, script], ...]
    UNIQUE (source_id, number)
);
CREATE INDEX page_language ON page(language);

-- The custody ledger: a linear hash chain. Each event commits to its details by a salted hash;
-- the details sit in custody_detail so one can be redacted without breaking the chain.
CREATE TABLE custody_event (
    seq          INTEGER PRIMARY KEY,
    time         TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    details_hash TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE
);
CREATE INDEX custody_subject ON custody_event(subject);

CREATE TABLE custody_detail (
    seq         INTEGER PRIMARY KEY REFERENCES custody_event(seq),
    salt        BLOB NOT NULL,
    details     TEXT,                        -- JSON; NULL once redacted
    redacted_at TEXT
);

CREATE TABLE checkpoint (
    seq        INTEGER NOT NULL,
    head       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    document   TEXT NOT NULL                 -- the signed JSON handed out
);

-- Search index over page text: derived, rebuildable with `delil reindex`.
CREATE VIRTUAL TABLE page_fts USING fts5(
    text, content='page', content_rowid='id', tokenize='delil'
);
