"""End to end in a real browser: headless Chromium (Debian's package) driven by Playwright.

Loads the dashboard over a store built from real articles: searches in Arabic, opens an
article and checks that the highlights land on the right words, filters the events, follows
an event to its evidence sentence, opens an event's detail, zooms and clicks the map,
downloads what a page shows. A screenshot of each page is saved for a person to look at, in
``artifacts/screenshots/`` (ignored by git; ``RASD_SCREENSHOTS=DIR`` elsewhere). Skipped, with
the reason, when /usr/bin/chromium or Playwright is absent (``.ci/run`` installs chromium).
"""

from __future__ import annotations

import math
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
#: Where screenshots go for a person to look at (artifacts/ is ignored by git).
SHOTS = Path(os.environ.get("RASD_SCREENSHOTS")
             or Path(__file__).resolve().parents[1] / "artifacts" / "screenshots")

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


def _shot(page: Any, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


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


def test_e2e_stories_and_entities(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/stories")
    assert page.locator("table.stories tbody tr").count() >= 1
    _shot(page, "stories")
    page.click("table.stories tbody tr >> nth=0 >> a >> nth=1")
    page.wait_for_selector("h1")
    assert page.locator("table tbody tr").count() >= 2
    page.goto(base + "/entities")
    assert page.locator("h1").inner_text() == "Entities"
    _shot(page, "entities")


def test_e2e_events_filter_with_one_type_control(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/events")
    page.select_option("select[name=realis]", "")
    page.fill("input[name=type]", "violence")
    page.click("form.filters button")
    page.wait_for_url("**/events?**type=violence**")
    types = page.locator("table.events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.split("\n")[0] in ("Battles", "Explosions/Remote violence",
                                                "Violence against civilians") for t in types)
    assert page.locator("svg.timeline rect.bar").count() >= 2
    _shot(page, "events")


def test_e2e_home_to_evidence_in_two_clicks(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/")
    _shot(page, "home")
    page.click("nav a >> text=Events")  # 1
    page.click("table.events a.evidence >> nth=0")  # 2
    page.wait_for_selector("#evidence")
    mark = page.locator("#evidence")
    assert mark.is_visible() and "hl-evidence" in (mark.get_attribute("class") or "")
    box = mark.bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < page.viewport_size["height"]
    text = page.evaluate("async () => (await (await fetch('/api/articles/' + "
                         "location.pathname.split('/').pop())).json()).text")
    start, end = (int(x) for x in page.url.split("ev=")[1].split("#")[0].split("-"))
    shown = "".join(page.locator("mark.hl-evidence").all_text_contents())
    assert shown.strip() and shown in text[start:end]
    _shot(page, "evidence", full_page=False)


def test_e2e_event_detail(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/events?realis=&min_confidence=&country=MNE")
    page.click("table.events a.detail >> nth=0")
    page.wait_for_selector("table.reports")
    assert page.locator("dl.facts").inner_text().count("ACLED id") == 1
    outlets = page.locator("table.reports tbody tr td:nth-child(1)").all_inner_texts()
    assert outlets  # every report and its outlet
    _shot(page, "event")


def test_e2e_map_zoom_and_click(browser_page: tuple[Any, str]) -> None:
    page, base = browser_page
    page.goto(base + "/map?realis=")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map path.country.has-events").count() >= 1  # country-level events shade
    _shot(page, "map")
    # the shaded country nearest the map's centre (zooming in keeps the centre in view)
    shaded = page.locator("#map path.has-events")
    frame = page.locator("#map").bounding_box()
    assert frame
    centre = (frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    boxes = [shaded.nth(i).bounding_box() for i in range(shaded.count())]
    nearest = min((i for i, b in enumerate(boxes) if b), key=lambda i: math.dist(
        centre, (boxes[i]["x"] + boxes[i]["width"] / 2, boxes[i]["y"] + boxes[i]["height"] / 2)))  # type: ignore[index]
    before = boxes[nearest]
    page.click(".leaflet-control-zoom-in")
    page.wait_for_timeout(400)
    after = shaded.nth(nearest).bounding_box()
    assert before and after and after["width"] > before["width"] * 1.5
    page.locator("#map path.point >> nth=0").click(force=True)
    page.wait_for_selector("#map-list li a")
    assert page.locator("#map-list li a").first.get_attribute("href").startswith("/event/ev-")
    # the type filter filters events: only riots are left
    page.goto(base + "/map?type=Riots")
    page.wait_for_selector("#map[data-ready]")
    assert "1 event(s)" in page.inner_text("#map-count")


def test_e2e_download_what_you_see(browser_page: tuple[Any, str], tmp_path: Path) -> None:
    import csv

    page, base = browser_page
    page.goto(base + "/events?type=violence")
    total = page.locator("p.pager").first.inner_text().split(" of ")[1]
    with page.expect_download() as info:
        page.click("a.download >> text=CSV >> nth=0")
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == int(total)
    assert page.blocked == []  # type: ignore[attr-defined]  # nothing was fetched from outside
    assert page.refused == []  # type: ignore[attr-defined]  # nothing the pages do breaks the CSP
