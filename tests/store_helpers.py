"""Helpers shared by the store and dashboard tests: a store built from real articles, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasd.settings import Settings

STORE_DATA = Path(__file__).parent / "data" / "store"
ARTICLES = STORE_DATA / "articles"  # the seed and nine real ANT articles (see tests/data/PROVENANCE.md)
#: The store tests are about storing, fusing, querying and serving events, not about the
#: trained check: their fixture keeps events the check scores from 0.3 up (at the default
#: 0.5 the US embassy attack in Podgorica, the one incident two outlets of the fixture report,
#: scores 0.40-0.50 and is left out; docs/events.md, Known gaps).
FIXTURE_SETTINGS = Settings(event_threshold=0.3)


def build_db(path: Path) -> Path:
    from rasd.store.ingest import ingest_paths

    ingest_paths([str(ARTICLES)], str(path), settings=FIXTURE_SETTINGS)
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
