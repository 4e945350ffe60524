"""Take the README's two dashboard screenshots over the real ANT week (18-24 February 2018).

    .venv/bin/python scripts/dashboard_screenshots.py [--db /tmp/week.db] [--out docs/images]
                                                      [--width 1400] [--height 900]

Inputs: ANT (``../shared/data/corpora/ant-multisource``), the ``middleEast`` and
``internationalNews`` articles dated 18-24 February 2018 (497 articles, unpacked by
``eval/week_events.py``'s ``unpack_week``). When ``--db`` does not exist yet, the week is
unpacked to a temporary folder and stored with ``rasd ingest FOLDER --db DB`` (default
settings); an existing ``--db`` is used as it is (delete it to rebuild from the current code).

Outputs: ``OUT/dashboard-events.png`` (the /events page with its default filters: the top
of the page, filters, timeline and the first rows of the events table) and
``OUT/dashboard-map.png`` (the /map page once ``#map[data-ready]``), both one viewport
(``--width`` x ``--height`` CSS pixels). Printed: each file's size and the events count
the table header shows.

Needs: the ``dev`` extra (``rasd[web]`` and Playwright; ``make .venv/.installed``) and a
Chromium: ``/usr/bin/chromium`` (Debian's ``chromium`` package, as tests/test_web_e2e.py)
or else Playwright's own (``.venv/bin/playwright install chromium``). ``rasd serve`` runs
on 127.0.0.1 and a free port for the duration and is always stopped; the browser may load
nothing from outside that address.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
RASD = Path(sys.executable).with_name("rasd")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_db(db: Path) -> None:
    """Unpack the week to a temporary folder and ``rasd ingest`` it into ``db`` (default settings)."""
    from week_events import unpack_week

    with tempfile.TemporaryDirectory(prefix="rasd-week-") as tmp:
        n = unpack_week(Path(tmp))
        print(f"unpacked {n} articles; ingesting into {db}", file=sys.stderr)
        subprocess.run([str(RASD), "ingest", tmp, "--db", str(db), "--quiet"], check=True)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(base: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Return once ``base`` answers; raises RuntimeError if the server exits or never answers."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"rasd serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"rasd serve did not answer at {base} within {seconds:.0f} s")


def shoot(base: str, out: Path, width: int, height: int) -> dict[str, str]:
    """Screenshot /events and /map into ``out``; returns the events table's header text."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        exe = str(CHROMIUM) if CHROMIUM.exists() else None
        browser = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(base)
                       else route.continue_())
            page.goto(base + "/events")
            page.wait_for_selector("svg.timeline")
            header = page.get_by_text("Events 1").first.inner_text()
            page.screenshot(path=str(out / "dashboard-events.png"))
            page.goto(base + "/map")
            page.wait_for_selector("#map[data-ready]")
            page.screenshot(path=str(out / "dashboard-map.png"))
        finally:
            browser.close()
    return {"events header": header}


def main(argv: list[str] | None = None) -> int:
    """Build the week's store if needed, serve it, take both screenshots; 0 on success."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/week.db"))
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    if not args.db.exists():
        build_db(args.db)
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(RASD), "serve", "--db", str(args.db), "--host", "127.0.0.1",
                             "--port", str(port)])
    try:
        wait_up(base, proc)
        info = shoot(base, args.out, args.width, args.height)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    for name in ("dashboard-events.png", "dashboard-map.png"):
        print(f"{args.out / name}: {(args.out / name).stat().st_size:,} bytes")
    for key, value in info.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
