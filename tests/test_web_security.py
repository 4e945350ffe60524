"""Issue 16: no stored page can attack its reader; searches are bounded; read-only storage is served."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import anyio
import httpx
import pytest

from rasd.cli.store import is_loopback
from rasd.store.db import open_store
from rasd.store.ingest import ingest_paths
from rasd.store.query import Budget, QueryLimits, QueryTimeout, budgeted
from rasd.web.render import safe_href
from tests.store_helpers import ARTICLES, free_port, serve

from .conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
HOSTILE_URLS = ["javascript:alert(document.domain)", "JaVaScRiPt:alert(document.domain)",
                "   javascript:alert(1)", "\tjavascript:alert(2)", "java\nscript:alert(3)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real test articles plus the seed stored under each hostile URL."""
    root = tmp_path_factory.mktemp("hostile")
    lines = [{"url": url, "text": SEED_TEXT + f"\n\nنسخة {i}"} for i, url in enumerate(HOSTILE_URLS)]
    path = root / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    db = root / "rasd.db"
    ingest_paths([str(ARTICLES), str(path)], str(db))
    return db


@pytest.fixture(scope="module")
def base(hostile_db: Path) -> Iterator[str]:
    with serve(hostile_db) as url:
        yield url


class Page(HTMLParser):
    """What a page would run: inline scripts, event handlers, style attributes, link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.styles = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and not a.get("src"):
            self.inline_scripts += 1
        self.handlers += [k for k in a if k.startswith("on")]
        self.styles += "style" in a
        if a.get("href"):
            self.hrefs.append(a["href"] or "")


def test_web_stored_javascript_url_is_never_a_link(base: str, hostile_db: Path) -> None:
    with open_store(str(hostile_db), readonly=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
        stored = [r[0] for r in store.conn.execute("SELECT url FROM articles WHERE url NOT LIKE 'http%'")]
    # stored as given (stripped), except the one with a newline inside: a malformed URL, dropped
    assert len(stored) == len(HOSTILE_URLS) - 1
    for article_id in ids:
        page = Page()
        page.feed(httpx.get(f"{base}/article/{article_id}", timeout=30).text)
        assert all(h.startswith(("/", "http://", "https://")) for h in page.hrefs), page.hrefs


def test_web_http_url_still_a_link(base: str) -> None:
    page = Page()
    page.feed(httpx.get(f"{base}/article/2", timeout=30).text)
    assert any(h.startswith("http") for h in page.hrefs)


@pytest.mark.parametrize("url", [*HOSTILE_URLS, "http://[::1", "//evil.example/x", "ftp://x/y"])
def test_web_safe_href_refuses(url: str) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize("path", ["/", "/?q=طائرة", "/article/1", "/stories", "/events", "/map", "/entities",
                                  "/api/", "/api/stats", "/api/search?q=طائرة", "/static/app.js",
                                  "/api/articles/999", "/nothing"])
def test_web_every_response_sends_csp_and_nosniff(base: str, path: str) -> None:
    resp = httpx.get(base + path, timeout=30)
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    if "text/html" in resp.headers["content-type"]:
        page = Page()
        page.feed(resp.text)
        assert (page.inline_scripts, page.handlers, page.styles) == (0, [], 0)


@pytest.mark.parametrize(("query", "bound"), [
    ("ال* " * 700, "characters"),
    ("ال* " * 5, "prefix terms"),
    (" ".join(["غزة"] * 17), "terms"),
    ("ا*", "too short"),
])
def test_web_search_bounds_are_400_with_a_message(base: str, query: str, bound: str) -> None:
    api = httpx.get(base + "/api/search", params={"q": query}, timeout=30)
    assert api.status_code == 400 and api.json()["error"]["code"] == "bad_request"
    assert bound in api.json()["error"]["message"]
    page = httpx.get(base + "/", params={"q": query}, timeout=30)
    assert page.status_code == 400 and bound in page.text


def test_web_search_time_budget_is_503(hostile_db: Path) -> None:
    """A budget too small for any query: the answer is a 503 with the error shape, not a wait."""
    import uvicorn

    from rasd.web.app import create_app

    port = free_port()
    app = create_app(str(hostile_db), QueryLimits(seconds=0.0))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    import threading

    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        resp = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "طائرة"}, timeout=30)
        assert resp.status_code == 503 and resp.json()["error"]["code"] == "query_timeout"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_store_budget_interrupts_a_running_statement(hostile_db: Path) -> None:
    """SQLite's progress handler stops a statement once the budget is cancelled mid-way."""
    import threading

    with open_store(str(hostile_db), readonly=True) as store:
        budget = Budget(60.0)
        threading.Timer(0.2, budget.cancel).start()
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="client went away"), budgeted(store.conn, budget):
            store.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                               "SELECT count(*) FROM n").fetchone()
        assert time.monotonic() - started < 30


def test_web_search_stops_when_client_goes_away(hostile_db: Path) -> None:
    """run_search cancels the budget as soon as the request's client has disconnected."""
    from starlette.requests import Request

    from rasd.web.api import run_search
    from rasd.web.app import create_app

    app = create_app(str(hostile_db))
    messages = iter([{"type": "http.request", "body": b""}])

    async def receive() -> dict[str, object]:
        return next(messages, {"type": "http.disconnect"})

    request = Request({"type": "http", "app": app, "method": "GET", "path": "/", "headers": []}, receive)
    seen: list[Budget] = []

    def work(store: object, budget: Budget, limits: QueryLimits) -> bool:
        seen.append(budget)
        deadline = time.monotonic() + 30
        while not budget.expired() and time.monotonic() < deadline:
            time.sleep(0.01)
        return budget.cancelled

    assert anyio.run(run_search, request, work) is True
    assert seen[0].cancelled


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                                ("192.168.1.5", False), ("example.org", False)])
def test_serve_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_warns_when_reachable_from_network(hostile_db: Path) -> None:
    exe = Path(sys.executable).parent / "rasd"
    proc = subprocess.Popen([str(exe), "serve", "--db", str(hostile_db), "--host", "0.0.0.0", "--port",
                             str(free_port())], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = proc.stderr.readline() if proc.stderr else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "WARNING" in line and "no authentication" in line


READONLY_SCRIPT = """
import json, sys, threading, time, httpx, uvicorn
from rasd.store.db import open_store
from rasd.store.search import search
from rasd.web.app import create_app
db, port = sys.argv[1], int(sys.argv[2])
with open_store(db, readonly=True) as store:
    hits = len(search(store.conn, "طائرة"))
server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                                       lifespan="off"))
threading.Thread(target=server.run, daemon=True).start()
while not server.started:
    time.sleep(0.02)
resp = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "طائرة"}, timeout=30)
server.should_exit = True
print(json.dumps({"hits": hits, "status": resp.status_code, "total": resp.json().get("total")}))
"""


def _readonly_runner(folder: Path) -> list[str]:
    """A command prefix under which ``folder`` is read-only storage (a read-only bind mount for
    root, who ignores permission bits; the permission bits for anyone else)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "-m", "true"], capture_output=True, check=False) \
        if unshare else None
    if probe is None or probe.returncode != 0:
        pytest.skip("cannot make read-only storage here (root without unshare -m)")
    return [unshare or "unshare", "-m", "sh", "-c",
            f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"', "sh"]


def test_web_serves_and_searches_read_only_storage(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "rasd.db"
    ingest_paths([str(ARTICLES)], str(db))
    assert not Path(f"{db}-wal").exists()
    prefix = _readonly_runner(folder)
    proc = subprocess.run([*prefix, sys.executable, "-c", READONLY_SCRIPT, str(db), str(free_port())],
                          capture_output=True, text=True, timeout=300, check=False)
    if os.geteuid() != 0:
        folder.chmod(0o755)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["hits"] >= 1 and result["status"] == 200 and result["total"] == result["hits"]
