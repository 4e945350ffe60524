"""Issue 16: a row the database refuses costs that row only; stores migrate to the prefix index."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from rasd.api import analyze
from rasd.batch import Summary
from rasd.settings import Settings
from rasd.store.db import open_store
from rasd.store.ingest import _write, to_row
from rasd.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from rasd.store.search import search

from .conftest import DATA, SEED


def test_store_refused_row_is_rolled_back_alone(tmp_path: Path) -> None:
    """Three real articles, the second carrying a string SQLite cannot encode (a lone surrogate,
    as a non-UTF-8 file name once did): the other two are stored, the second is counted as an
    internal_error rejection, and a rerun does not fail the same way."""
    settings = Settings(on_error="raise")
    paths = [SEED, *sorted((DATA / "ant").glob("*.txt"))[:2]]
    rows = [to_row(analyze(p, settings=settings), f"hash{i}", str(p)) for i, p in enumerate(paths)]
    rows[1] = replace(rows[1], source="bad\udcff")
    summary = Summary(processed=3, stored=0, duplicates=0)
    with open_store(str(tmp_path / "rasd.db")) as store:
        _write(store, rows, summary)
        assert store.count() == 2
        assert summary.stored == 2 and summary.rejected == {"internal_error": 1} and summary.processed == 2
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        _write(store, [rows[2]], Summary(stored=0, duplicates=0))  # rerun: a duplicate, no error
        assert store.count() == 2


def test_store_migration_adds_prefix_index_to_an_old_store(tmp_path: Path) -> None:
    """A store written by schema 1 is migrated (its search index rebuilt with prefix indexes)
    and finds the same articles."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path, isolation_level=None) as conn:
        number, description, sql = MIGRATIONS[0]
        conn.executescript(f"BEGIN; CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT "
                           f"NOT NULL, applied TEXT NOT NULL); {sql} INSERT INTO migrations VALUES "
                           f"({number}, '{description}', 'x'); PRAGMA user_version = {number}; COMMIT;")
    with open_store(str(path)) as store:  # the writer migrates
        from rasd.store.ingest import ingest

        ingest(store, [str(SEED)])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        table = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        assert "prefix" in table
        assert migrate(conn) == []
    with open_store(str(path), readonly=True) as store:
        assert [h.id for h in search(store.conn, "كازاخ*")] == [1]
