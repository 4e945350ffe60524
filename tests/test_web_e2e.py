"""End to end in a real browser: headless Chromium (Debian's package) driven by Playwright.

Loads the dashboard over a store built from real articles, searches in Arabic,
opens an article and checks that the highlights land on the right words.
Skipped, with the reason, when /usr/bin/chromium or Playwright is absent
(``.ci/run`` installs chromium).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store_helpers import build_db, serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = os.environ.get("RASD_SCREENSHOTS")  # a folder: save screenshots there for a person to look at

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"
    ),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    db = build_db(tmp_path_factory.mktemp("e2e") / "rasd.db")
    with serve(db) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            blocked: list[str] = []
            page.route(
                "**/*",
                lambda route: (
                    (blocked.append(route.request.url), route.abort())
                    if not route.request.url.startswith(base)
                    else route.continue_()
                ),
            )
            page.blocked = blocked  # type: ignore[attr-defined]
            refused: list[str] = []  # what the Content-Security-Policy stopped (issue 16): nothing
            page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text
                    else None)
            page.refused = refused  # type: ignore[attr-defined]
            yield page, base
        finally:
            browser.close()


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_e2e_search_in_arabic_and_open_article(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/")
    _shot(page, "home")
    page.fill("input[name=q]", "مُحَمَّد OR طائرة")
    page.click("form.search button")
    page.wait_for_selector("li.hit")
    assert "طائرة" in page.url or "%D8%B7" in page.url
    _shot(page, "search")
    marks = page.locator("li.hit .snippet mark").all_inner_texts()
    assert marks and all("طائر" in m or "محمد" in m for m in marks)
    # the search box reads right to left
    assert page.eval_on_selector("input[name=q]", "e => getComputedStyle(e).direction") == "rtl"

    page.click("li.hit a >> nth=0")
    page.wait_for_selector("article.text")
    _shot(page, "article")
    assert page.eval_on_selector("article.text", "e => getComputedStyle(e).direction") == "rtl"
    text = page.evaluate(
        "async () => (await (await fetch('/api/articles/' + location.pathname.split('/').pop())).json()).text"
    )
    marks = page.eval_on_selector_all(
        "mark.hl", "ms => ms.map(m => [m.dataset.layer, +m.dataset.start, +m.dataset.end, m.textContent])"
    )
    matches = [m for m in marks if m[0] == "match"]
    assert matches, "the query's words are highlighted in the article"
    for layer, start, end, shown in marks:
        # a mark shows exactly the words its span covers, unless a crossing span split it
        assert shown in text[start:end], (layer, start, end, shown)
    assert all("طائر" in m[3] or "محمد" in m[3] for m in matches)


def test_e2e_article_layers_toggle_and_details(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/article/1")
    mark = page.locator("mark.hl-sources").first
    assert mark.inner_text() == "العربي"
    mark.click()
    assert "Al-Araby" in page.inner_text("#span-details")
    page.uncheck("input[data-toggle=sources]")
    assert "hide-sources" in (page.get_attribute("body", "class") or "")


def test_e2e_stories_events_map_entities(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/stories")
    assert page.locator("table.stories tbody tr").count() >= 1
    _shot(page, "stories")
    page.click("table.stories tbody tr >> nth=0 >> a >> nth=1")
    page.wait_for_selector("h1")
    assert page.locator("table tbody tr").count() >= 2
    page.goto(base + "/events")
    assert page.locator("svg.timeline rect.bar").count() >= 3
    _shot(page, "events")
    page.goto(base + "/map")
    assert page.locator("svg.map path.country").count() > 150
    _shot(page, "map")
    page.goto(base + "/entities")
    assert page.locator("h1").inner_text() == "Entities"
    assert page.blocked == []  # type: ignore[attr-defined]  # nothing was fetched from outside
    assert page.refused == []  # type: ignore[attr-defined]  # nothing the pages do breaks the CSP
