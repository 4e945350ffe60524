"""The article store: SQLite with versioned migrations, Arabic-aware search, stories, exports.

One writer (:class:`rasd.store.db.Store` opened for writing) ingests articles;
readers (the search command, the exports, the web app) open the database
read-only. See docs/store.md.
"""

from __future__ import annotations

from .db import DEFAULT_DB, Store, open_store
from .search import Filters, SearchHit, search

__all__ = ["DEFAULT_DB", "Filters", "SearchHit", "Store", "open_store", "search"]
