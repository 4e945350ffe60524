"""Opening the store: one writer, any number of read-only readers.

:func:`open_store` opens (and for a writer creates and migrates) the SQLite
database. Readers open it with a ``mode=ro`` URI, so the web app and the
search command can never change it. On read-only storage (a read-only mount,
a folder the reader cannot write) SQLite cannot create the WAL index
(``-shm``) that ``mode=ro`` needs for a WAL database; the reader then opens
it ``immutable=1``, as datasette does for immutable files: nothing can change
it while it is served.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError
from .reports import ReportRow
from .schema import SCHEMA_VERSION, current_version, migrate

DEFAULT_DB = "rasd.db"
#: Articles written per transaction: a killed ingest loses at most one batch, which a rerun redoes.
DEFAULT_BATCH = 200


@dataclass
class ArticleRow:
    """Everything stored for one article, prepared away from the writer (in a worker)."""

    url: str | None
    text_hash: str
    raw_hash: str
    source: str
    outlet: str | None
    published: str | None
    date: str | None
    headline: str | None
    clean_text: str
    text: str
    doc: str
    spans: list[tuple[str, str, int, int, str, str]]  # layer label start end norm attrs
    surface: str
    stems: str
    sig: bytes
    flags: tuple[str, ...] = ()  # the article's flag codes (counted by the run summary)
    reports: list[ReportRow] = field(default_factory=list)  # one per event record (rasd.store.reports)
    terms: str = ""  # salient headline/lead words (rasd.store.stories.terms), space-separated


def compact_doc(doc: dict[str, Any], layers: list[str]) -> dict[str, Any]:
    """The article JSON without what other columns and tables hold: ``text``, ``clean_text`` and
    the span layers (rows of ``spans``). ``_layers`` keeps the layer names, so :func:`expand_doc`
    restores empty layers too."""
    out = {k: v for k, v in doc.items() if k not in ("text", "clean_text") and k not in layers}
    out["_layers"] = layers
    return out


def expand_doc(
    doc: dict[str, Any], text: str, clean_text: str, spans: list[dict[str, Any]]
) -> dict[str, Any]:
    """The stored article JSON as ``rasd analyze --format json`` wrote it (without tokens)."""
    out = {k: v for k, v in doc.items() if k != "_layers"}
    for layer in doc.get("_layers", []):
        out[layer] = []
    for span in spans:
        out.setdefault(span["layer"], []).append(
            {
                "start": span["start"],
                "end": span["end"],
                "text": span["text"],
                "label": span["label"],
                **span["attrs"],
            }
        )
    out["clean_text"] = clean_text
    out["text"] = text
    return out


class Store:
    """A connection to the article store."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # reading ------------------------------------------------------------
    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def known(self, url: str | None, raw_hash: str) -> bool:
        """Whether an input is already stored (same URL or same input bytes), as an article or
        as a syndicated copy of one."""
        for table in ("articles", "article_copies"):
            row = self.conn.execute(
                f"SELECT 1 FROM {table} WHERE raw_hash = ? OR (? IS NOT NULL AND url = ?) LIMIT 1",
                (raw_hash, url, url),
            ).fetchone()
            if row is not None:
                return True
        return False

    def duplicate_of(self, url: str | None, text_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE text_hash = ? OR (? IS NOT NULL AND url = ?) LIMIT 1",
            (text_hash, url, url),
        ).fetchone()
        return None if row is None else int(row[0])

    def url_stored(self, url: str | None) -> bool:
        """Whether a URL is stored, as an article's or a copy's."""
        if url is None:
            return False
        return any(self.conn.execute(f"SELECT 1 FROM {t} WHERE url = ? LIMIT 1", (url,)).fetchone()
                   for t in ("articles", "article_copies"))

    def insert_copy(self, conn: sqlite3.Connection, article_id: int, row: ArticleRow, now: str) -> int:
        """Record a syndicated copy: the same normalized text as a stored article, another URL."""
        cur = conn.execute(
            "INSERT INTO article_copies (article_id, url, raw_hash, source, outlet, published, date, "
            "ingested_at) VALUES (?,?,?,?,?,?,?,?)",
            (article_id, row.url, row.raw_hash, row.source, row.outlet, row.published, row.date, now),
        )
        return int(cur.lastrowid or 0)

    def article(self, article_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, url, source, outlet, published, date, headline, clean_text, text, doc, story_id "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        keys = (
            "id",
            "url",
            "source",
            "outlet",
            "published",
            "date",
            "headline",
            "clean_text",
            "text",
            "doc",
            "story_id",
        )
        out = dict(zip(keys, row, strict=True))
        out["doc"] = expand_doc(
            json.loads(out["doc"]), out["text"], out["clean_text"], self.spans(article_id, order="id")
        )
        return out

    def spans(
        self, article_id: int, layers: Iterable[str] | None = None, order: str = "offsets"
    ) -> list[dict[str, Any]]:
        """An article's spans with their text, by offsets (or in stored order, ``order="id"``)."""
        text = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if text is None:
            return []
        sql = 'SELECT layer, label, start, "end", attrs FROM spans WHERE article_id = ?'
        params: list[Any] = [article_id]
        if layers is not None:
            names = list(layers)
            sql += f" AND layer IN ({','.join('?' * len(names))})"
            params += names
        sort = "id" if order == "id" else 'start, "end" DESC, id'
        rows = self.conn.execute(f"{sql} ORDER BY {sort}", params).fetchall()
        return [
            {
                "layer": r[0],
                "label": r[1],
                "start": r[2],
                "end": r[3],
                "text": text[0][r[2] : r[3]],
                "attrs": json.loads(r[4]),
            }
            for r in rows
        ]

    def layers(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT layer, count(*) FROM spans GROUP BY layer ORDER BY layer")
        return {r[0]: r[1] for r in rows}

    # writing --------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it does."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only", reason="malformed")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def insert(self, conn: sqlite3.Connection, row: ArticleRow, now: str) -> int:
        cur = conn.execute(
            "INSERT INTO articles (url, text_hash, raw_hash, source, outlet, published, date, headline, "
            "clean_text, text, doc, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                row.url,
                row.text_hash,
                row.raw_hash,
                row.source,
                row.outlet,
                row.published,
                row.date,
                row.headline,
                row.clean_text,
                row.text,
                row.doc,
                now,
            ),
        )
        article_id = int(cur.lastrowid or 0)
        conn.executemany(
            'INSERT INTO spans (article_id, layer, label, start, "end", norm, attrs) VALUES (?,?,?,?,?,?,?)',
            [(article_id, *s) for s in row.spans],
        )
        conn.execute(
            "INSERT INTO search_docs (id, surface, stems) VALUES (?,?,?)",
            (article_id, row.surface, row.stems),
        )
        conn.execute("INSERT INTO minhashes (article_id, sig, terms) VALUES (?,?,?)",
                     (article_id, row.sig, row.terms))
        return article_id


def _connect_readonly(path: str) -> sqlite3.Connection:
    """``mode=ro``, or ``immutable=1`` when the storage is read-only (see the module doc)."""
    if not Path(path).is_file():
        raise StoreError(f"no database at {path} (run 'rasd ingest' first)", reason="not_found")
    base = "file:" + quote(os.fsencode(Path(path).resolve()))
    conn = sqlite3.connect(f"{base}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the WAL index, if any
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if _writable(Path(path).resolve().parent):
            raise
    return sqlite3.connect(f"{base}?immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (a real attempt: root ignores permission bits,
    not a read-only mount)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _connect(path: str, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = _connect_readonly(path)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def open_store(path: str = DEFAULT_DB, *, readonly: bool = False) -> Store:
    """Open the store; a writer creates the file and applies pending migrations."""
    try:
        conn = _connect(path, readonly)
        if readonly:
            version = current_version(conn)
            if version != SCHEMA_VERSION:
                conn.close()
                raise StoreError(
                    f"{path} has schema {version}, this rasd reads {SCHEMA_VERSION}"
                    " (run 'rasd ingest' to migrate)",
                    reason="malformed",
                )
        else:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {path}: {exc}", reason="malformed") from exc
    return Store(conn, path, readonly)
