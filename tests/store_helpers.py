"""Helpers shared by the store and dashboard tests: a store built from real articles, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STORE_DATA = Path(__file__).parent / "data" / "store"
ARTICLES = STORE_DATA / "articles"  # the seed and nine real ANT articles (see tests/data/PROVENANCE.md)


def build_db(path: Path) -> Path:
    from rasd.store.ingest import ingest_paths

    ingest_paths([str(ARTICLES)], str(path))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """The dashboard over ``db`` on 127.0.0.1 and a free port, in a thread; always shut down."""
    import uvicorn

    from rasd.web.app import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
