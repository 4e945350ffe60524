"""The dashboard and its JSON API over a store built from real articles (live server, httpx)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from rasd.web.render import highlight
from tests.store_helpers import build_db, serve


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("web") / "rasd.db")
    with serve(db) as url:
        yield url


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=10)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path", ["/", "/stories", "/stories?min_size=1", "/events", "/map", "/entities", "/api/"]
)
def test_web_pages_render(base: str, path: str) -> None:
    resp = get(base, path)
    assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
    assert "http://" not in re.sub(r'href="http[^"]*"|xmlns="[^"]*"', "", resp.text).replace("http://127", "")


def test_web_search_page_highlights(base: str) -> None:
    resp = get(base, "/", q="طائرة")
    assert resp.status_code == 200
    marks = re.findall(r"<mark>(.*?)</mark>", resp.text)
    assert marks and all("طائر" in unescape(m) for m in marks)


def test_web_api_search_and_article(base: str) -> None:
    found = get(base, "/api/search", q="الغوطة").json()
    assert found["total"] == 2
    article = get(base, f"/api/articles/{found['hits'][0]['id']}").json()
    for span in article["spans"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]


class Marks(HTMLParser):
    """Every highlight of a page: (layer, start, end, the text inside it, nested marks included)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[Any]] = []
        self.found: list[tuple[str, int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            a = dict(attrs)
            self.open.append(
                [a.get("data-layer"), int(a.get("data-start") or -1), int(a.get("data-end") or -1), ""]
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.open:
            layer, start, end, text = self.open.pop()
            self.found.append((layer, start, end, text))

    def handle_data(self, data: str) -> None:
        for item in self.open:
            item[3] += data


def test_web_article_page_marks_match_offsets(base: str) -> None:
    article = get(base, "/api/articles/1").json()
    parser = Marks()
    parser.feed(get(base, "/article/1", q="واشنطن").text)
    marks = parser.found
    assert {"match", "sources"} <= {layer for layer, *_ in marks}
    assert ("sources", *_span(article, "sources", "العربي")) in [(m[0], m[1], m[2]) for m in marks]
    for _layer, start, end, text in marks:
        # a mark holds exactly its span's words, or part of them when a crossing span split it
        assert text and text in article["text"][start:end]


def _span(article: dict[str, Any], layer: str, text: str) -> tuple[int, int]:
    span = next(s for s in article["spans"] if s["layer"] == layer and s["text"] == text)
    return span["start"], span["end"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/999", 404, "not_found"),
        ("/api/search?from=yesterday", 422, "invalid_parameter"),
        ("/api/stories/999", 404, "not_found"),
        ("/api/entities/nobody", 404, "not_found"),
        ("/api/nothing", 404, "not_found"),
        ("/api/search?q=%22", 200, None),
    ],
)
def test_web_api_error_shape(base: str, path: str, status: int, code: str | None) -> None:
    resp = httpx.get(base + path, timeout=10)
    assert resp.status_code == status
    if code:
        assert resp.json() == {
            "error": {"status": status, "code": code, "message": resp.json()["error"]["message"]}
        }


@pytest.mark.parametrize(
    "path",
    ["/api", "/api/stats", "/api/stories", "/api/events", "/api/timeline", "/api/map", "/api/entities"],
)
def test_web_api_endpoints(base: str, path: str) -> None:
    resp = get(base, path)
    assert resp.status_code == 200 and isinstance(resp.json(), dict)


def test_web_story_groups_crash_reports(base: str) -> None:
    stories = get(base, "/api/stories").json()["stories"]
    assert any(s["size"] >= 3 and s["outlets"] >= 3 for s in stories)


def test_web_store_is_read_only(tmp_path: Path) -> None:
    db = build_db(tmp_path / "ro.db")
    before = db.stat().st_mtime_ns
    with serve(db) as url:
        assert httpx.get(url + "/api/stats", timeout=10).status_code == 200
        assert httpx.post(url + "/api/stats", timeout=10).status_code == 405
    assert db.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], "abcdef"),
        ([(1, 3, "x")], "a<m x>bc</m>def"),
        ([(0, 6, "q"), (1, 3, "e")], "<m q>a<m e>bc</m>def</m>"),
        ([(0, 3, "a"), (2, 5, "b")], "<m a>ab<m b>c</m></m><m b>de</m>f"),
    ],
)
def test_web_highlight_nests_and_splits(spans: list[tuple[int, int, str]], expected: str) -> None:
    items = [{"start": s, "end": e, "layer": layer, "label": "L", "attrs": {}} for s, e, layer in spans]
    html = highlight("abcdef", 0, 6, items)
    simple = re.sub(r'<mark class="hl hl-(\w+)"[^>]*>', r"<m \1>", html).replace("</mark>", "</m>")
    assert simple == expected


def test_web_api_fused_events_filters_and_detail(base: str) -> None:
    every = get(base, "/api/fused-events").json()
    assert every["total"] == len(every["events"]) > 0
    montenegro = get(base, "/api/fused-events", country="MNE", type="violence", realis="actual").json()
    assert montenegro["events"] and all(e["country"] == "ME" for e in montenegro["events"])
    assert montenegro["total"] < every["total"]
    fused = max(montenegro["events"], key=lambda e: e["reports"])
    detail = get(base, f"/api/fused-events/{fused['id']}").json()
    assert len(detail["reports"]) == fused["reports"] == 2
    assert {r["outlet"] for r in detail["reports"]} == set(fused["outlets"])
    dated = get(base, "/api/fused-events", **{"from": "2018-02-22", "to": "2018-02-22"}).json()["events"]
    assert dated and all(e["event_date"] == "2018-02-22" for e in dated)
    assert get(base, "/api/fused-events", min_confidence=2).status_code == 422
    assert get(base, "/api/fused-events", realis="maybe").status_code == 422
    assert get(base, "/api/fused-events/ev-0000000000000000").status_code == 404
    assert isinstance(get(base, "/api/event-changes").json()["changes"], list)
