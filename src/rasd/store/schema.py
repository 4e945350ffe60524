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
