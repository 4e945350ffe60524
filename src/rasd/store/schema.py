"""Versioned schema migrations, recorded in the database.

Each migration is ``(version, description, sql)``; :func:`migrate` applies the
ones above ``PRAGMA user_version`` in one transaction each and records them in
the ``migrations`` table, so a database says which schema it has and how it
got there. Never edit a released migration: add the next one.

The display text (``articles.text``, ``articles.clean_text``) and the search
copy (``search_docs``: normalized, dediacritized surface words and their
clitic-stripped stems) are separate tables; ``articles_fts`` is an FTS5 index
with ``search_docs`` as its external content, kept in sync by triggers.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from ..errors import StoreError

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "articles, spans, search index, stories, ingest runs",
        """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,   -- sha256 of the normalized clean text
    raw_hash TEXT,                    -- sha256 of the input bytes (skip before analysis)
    source TEXT,                      -- where it was read (path, archive!member)
    outlet TEXT,                      -- site host or the TREC SRC
    published TEXT,                   -- as given (ISO)
    date TEXT,                        -- YYYY-MM-DD of published (or page date)
    headline TEXT,
    clean_text TEXT NOT NULL,
    text TEXT NOT NULL,
    doc TEXT NOT NULL,                -- the article JSON, all layers, compacted (db.expand_doc)
    story_id INTEGER,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_raw_hash ON articles(raw_hash);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    norm TEXT NOT NULL DEFAULT '',    -- normalized span text ('' for blocks and sentences)
    attrs TEXT NOT NULL DEFAULT '{}'  -- JSON
);
CREATE INDEX spans_article ON spans(article_id, layer);
CREATE INDEX spans_layer_norm ON spans(layer, norm) WHERE norm != '';
CREATE INDEX spans_layer_label ON spans(layer, label);

CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    surface TEXT NOT NULL,            -- normalized words of headline and clean text
    stems TEXT NOT NULL               -- clitic-stripped readings of those words
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    surface, stems, content='search_docs', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO articles_fts(rowid, surface, stems) VALUES (new.id, new.surface, new.stems);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, surface, stems)
        VALUES ('delete', old.id, old.surface, old.stems);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, surface, stems)
        VALUES ('delete', old.id, old.surface, old.stems);
    INSERT INTO articles_fts(rowid, surface, stems) VALUES (new.id, new.surface, new.stems);
END;

CREATE TABLE minhashes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig BLOB NOT NULL                 -- MinHash signature (affine32), uint32 little-endian
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    headline TEXT,
    first_date TEXT,
    last_date TEXT
);
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    paths TEXT NOT NULL,
    summary TEXT
);
""",
    ),
    (
        2,
        "events fused across reports, event reports, event changes, syndicated copies, story indexes",
        """
ALTER TABLE articles ADD COLUMN syndicate_id INTEGER;  -- near-duplicate group: smallest article id in it
CREATE INDEX articles_syndicate ON articles(syndicate_id);
ALTER TABLE minhashes ADD COLUMN terms TEXT;           -- salient headline/lead words (stories.terms), spaced

CREATE TABLE article_copies (                          -- the same normalized text under another URL
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL UNIQUE,
    raw_hash TEXT,
    source TEXT,
    outlet TEXT,
    published TEXT,
    date TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX article_copies_article ON article_copies(article_id);
CREATE INDEX article_copies_raw_hash ON article_copies(raw_hash);

CREATE TABLE lsh_buckets (                             -- MinHash LSH index, one row per band
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
CREATE TABLE story_terms (                             -- postings of salient words, by date
    term TEXT NOT NULL,
    date TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (term, date, article_id)
) WITHOUT ROWID;
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE events (
    id TEXT PRIMARY KEY,                 -- stable: derived from the founding report's key
    event_id_cnty TEXT NOT NULL,         -- ACLED-style: ISO3 + a number derived from id
    event_type TEXT,
    sub_event_type TEXT,
    disorder_type TEXT,
    rasd_type TEXT,
    family TEXT NOT NULL,
    plover_event TEXT,
    plover_mode TEXT,
    actor1 TEXT,
    actor1_type TEXT,
    inter1 INTEGER,
    assoc_actor_1 TEXT,
    actor2 TEXT,
    actor2_type TEXT,
    inter2 INTEGER,
    assoc_actor_2 TEXT,
    interaction INTEGER,
    civilian_targeting TEXT,
    actors TEXT NOT NULL DEFAULT '[]',   -- JSON: [{role, name, type, inter, country, kb_id}]
    location TEXT,
    location_kb_id TEXT,
    country TEXT,                        -- ISO2
    country_name TEXT,
    iso3 TEXT,
    iso INTEGER,
    region TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    event_date TEXT,
    date_precision TEXT,
    time_precision INTEGER,
    date_basis TEXT,
    fatalities_min INTEGER,
    fatalities_best INTEGER,
    fatalities_max INTEGER,
    fatalities_report TEXT,              -- key of the report whose figure was chosen
    injured_min INTEGER,
    injured_best INTEGER,
    injured_max INTEGER,
    injured_report TEXT,
    arrested_min INTEGER,
    arrested_best INTEGER,
    arrested_max INTEGER,
    arrested_report TEXT,
    realis TEXT NOT NULL,
    confidence REAL,
    reports INTEGER NOT NULL,
    sources INTEGER NOT NULL,            -- independent sources: syndicated copies of one wire count once
    outlets TEXT NOT NULL DEFAULT '[]',  -- JSON list
    agencies TEXT NOT NULL DEFAULT '[]', -- JSON list
    first_published TEXT,
    last_published TEXT,
    notes TEXT,
    tags TEXT,
    updated TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_country_date ON events(country, event_date);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_admin1 ON events(admin1);

CREATE TABLE event_reports (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,                   -- text hash (16 hex) + ':' + record id; a copy shares it
    event_id TEXT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_id INTEGER REFERENCES article_copies(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    start INTEGER NOT NULL,              -- trigger offsets into articles.text
    "end" INTEGER NOT NULL,
    mentions TEXT NOT NULL DEFAULT '[]', -- JSON [[start, end], ...]: the sentences that report it
    evidence TEXT NOT NULL DEFAULT '{}', -- JSON {field: [start, end]}
    event_type TEXT,
    sub_event_type TEXT,
    disorder_type TEXT,
    rasd_type TEXT,
    family TEXT NOT NULL,
    plover_event TEXT,
    plover_mode TEXT,
    realis TEXT NOT NULL,
    confidence REAL,
    actor1 TEXT,
    actor1_type TEXT,
    inter1 INTEGER,
    actor2 TEXT,
    actor2_type TEXT,
    inter2 INTEGER,
    interaction INTEGER,
    civilian_targeting TEXT,
    actors TEXT NOT NULL DEFAULT '[]',
    location TEXT,
    location_kb_id TEXT,
    country TEXT,
    country_name TEXT,
    iso INTEGER,
    region TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    event_date TEXT,
    date_precision TEXT,
    time_precision INTEGER,
    date_basis TEXT,
    lo TEXT,                             -- the days the incident can be on (fusion window)
    hi TEXT,
    dated INTEGER NOT NULL,              -- 1: a day read from the text
    fatalities_min INTEGER,
    fatalities_best INTEGER,
    fatalities_max INTEGER,
    fatalities_cumulative INTEGER NOT NULL DEFAULT 0,
    injured_min INTEGER,
    injured_best INTEGER,
    injured_max INTEGER,
    injured_cumulative INTEGER NOT NULL DEFAULT 0,
    arrested_min INTEGER,
    arrested_best INTEGER,
    arrested_max INTEGER,
    arrested_cumulative INTEGER NOT NULL DEFAULT 0,
    outlet TEXT,
    agencies TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    published TEXT,
    notes TEXT,
    tags TEXT,
    cluster TEXT                         -- fusion: the dated cluster it belongs or is attached to
);
CREATE UNIQUE INDEX event_reports_key ON event_reports(key, coalesce(copy_id, 0));
CREATE INDEX event_reports_event ON event_reports(event_id);
CREATE INDEX event_reports_article ON event_reports(article_id);
CREATE INDEX event_reports_block ON event_reports(family, country, dated, hi);
CREATE INDEX event_reports_cluster ON event_reports(cluster);

CREATE TABLE event_changes (
    id INTEGER PRIMARY KEY,
    run_id INTEGER,
    changed TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- merged, split or renamed
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL
);
CREATE INDEX event_changes_old ON event_changes(old_id);
""",
    ),
    (
        3,
        "prefix indexes (2, 3 and 4 letters) on the search index, for bounded prefix queries",
        """
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    surface, stems, content='search_docs', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
""",
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply pending migrations; return the versions applied."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema {version} is newer than this rasd ({SCHEMA_VERSION})", reason="malformed"
        )
    applied = []
    for number, description, sql in MIGRATIONS:
        if number <= version:
            continue
        # executescript commits first; the BEGIN inside makes the migration all-or-nothing.
        try:
            _apply(conn, number, description, sql)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {number} failed: {exc}", reason="malformed") from exc
        applied.append(number)
    return applied


def _apply(conn: sqlite3.Connection, number: int, description: str, sql: str) -> None:
    conn.executescript(
        "BEGIN IMMEDIATE;\n"
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied TEXT NOT NULL);\n"
        f"{sql}\n"
        f"INSERT INTO migrations VALUES ({number}, '{description}', "
        f"'{datetime.now(UTC).isoformat(timespec='seconds')}');\n"
        f"PRAGMA user_version = {number};\n"
        "COMMIT;"
    )
