"""Small WARC files for the crawl tests, built with warcio from the real articles in
tests/data (ANT TREC documents as news pages, the CNN Arabic page, Persian MediaCloud
pages) with the records a crawl also holds: requests, an image, a 404, an English page."""

from __future__ import annotations

import gzip
import html
import re
from io import BytesIO
from pathlib import Path

DATA = Path(__file__).parent / "data"
ANT = sorted((DATA / "store" / "articles" / "ant").glob("*.txt"))
_FIELD = re.compile(r"<(URL|TITLE|TIME|TEXT)>(.*?)</\1>", re.S)
ENGLISH = ("<html><head><meta charset='utf-8'><title>Markets close higher</title></head><body>"
           "<article><h1>Markets close higher</h1>"
           + "<p>Stocks rose on Tuesday as investors weighed new data on inflation and jobs.</p>" * 12
           + "</article></body></html>").encode()


def ant_page(path: Path) -> tuple[str, str, bytes]:
    """(url, WARC-Date, HTML page) for one ANT TREC document: its title and paragraphs."""
    fields = dict(_FIELD.findall(path.read_text(encoding="utf-8")))
    lines = [line.strip() for line in fields["TEXT"].splitlines() if line.strip()]
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            f"<title>{html.escape(fields['TITLE'].strip())}</title></head><body>"
            f"<nav><a href='/'>الرئيسية</a> <a href='/news'>أخبار</a></nav><article>"
            f"<h1>{html.escape(fields['TITLE'].strip())}</h1>{paras}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")
    return fields["URL"].strip(), "2018-02-22T10:00:00Z", page.encode("utf-8")


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], with_requests: bool = True) -> Path:
    """Write ``(url, status, content type, body)`` responses (each after its request record)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        for url, status, ctype, body in records:
            if with_requests:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2018-02-22T10:00:00Z"}))
    return path


def crawl_records(first: int, last: int) -> list[tuple[str, str, str, bytes]]:
    """ANT pages ``first..last-1`` plus an English page, an image, a 404 and a Persian page."""
    out = []
    for path in ANT[first:last]:
        url, _, page = ant_page(path)
        out.append((url, "200 OK", "text/html; charset=utf-8", page))
    persian = gzip.decompress(sorted((DATA / "pages" / "mediacloud").glob("*.html.gz"))[0].read_bytes())
    out += [
        ("https://www.example.com/markets", "200 OK", "text/html; charset=utf-8", ENGLISH),
        ("https://www.nytimes.com/a", "200 OK", "text/html", ENGLISH),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<html>not found</html>"),
        ("https://fa.example.org/news", "200 OK", "text/html", persian),
    ]
    return out
