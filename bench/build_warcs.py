"""Build WARC files from the ANT corpus for the crawl benchmark (warcio).

Each ANT article (TREC: URL, TITLE, TIME, TEXT) becomes an HTML news page (head with
charset, title and canonical link; navigation, the article's title and paragraphs, a
footer) in a ``response`` record after its ``request`` record, with WARC-Date its TIME.
Mixed in, as a news crawl has them: English pages (``--english`` per Arabic article;
sentences drawn from a fixed list), images, 404 responses, a page of an excluded host,
and the 3 Persian pages of ../shared/data/pages/htmldate-mediacloud (Arabic script, not
Arabic: they pass the byte gate and stop at the language check). Articles are sampled
evenly over the archive (as bench/bench_analyze.py does) and spread over ``--warcs`` files.

Usage: python bench/build_warcs.py OUT_DIR [-n 400] [--warcs 4] [--english 1.0] [--pages-dir DIR]
``--pages-dir`` also writes each Arabic page as an .html file (for plain ``rasd analyze``).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tarfile
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import Path

from rasd.metrics import shared_data

ARCHIVE = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
_FIELD = re.compile(r"<(URL|TITLE|TIME|TEXT)>(.*?)</\1>", re.S)
SENTENCES = (
    "Stocks rose on Tuesday as investors weighed new data on inflation and jobs.",
    "The central bank left interest rates unchanged for a third consecutive meeting.",
    "Officials said the new bridge would open to traffic by the end of the year.",
    "The team won its fourth straight match after a late goal in the second half.",
    "Researchers reported that the vaccine was effective in a large clinical trial.",
    "Heavy rain caused flooding in several districts, and schools were closed.",
    "The company announced plans to hire two thousand workers at its new plant.",
    "Lawmakers debated the budget late into the night before a final vote.",
)


def ant_articles(n: int) -> list[tuple[str, str, str, list[str]]]:
    """(url, WARC date, title, paragraphs) of ``n`` ANT articles spread over the archive."""
    archive = shared_data() / ARCHIVE
    with tarfile.open(archive, "r:xz") as tar:
        names = sorted(m.name for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt"))
    step = max(1, len(names) // n)
    wanted = set(names[::step][:n])
    out = []
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.name not in wanted or (stream := tar.extractfile(member)) is None:
                continue
            fields = dict(_FIELD.findall(stream.read().decode("utf-8", "replace")))
            try:
                date = parsedate_to_datetime(fields.get("TIME", "")).strftime("%Y-%m-%dT%H:%M:%SZ")
            except (TypeError, ValueError):
                date = "2018-02-20T00:00:00Z"
            paras = [p.strip() for p in fields.get("TEXT", "").splitlines() if p.strip()]
            out.append((fields.get("URL", "").strip() or f"https://ant.example/{member.name}", date,
                        fields.get("TITLE", "").strip(), paras))
    return out


def arabic_page(url: str, title: str, paras: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><link rel='canonical' href='{html.escape(url)}'></head>"
            f"<body><nav><a href='/'>الرئيسية</a> <a href='/politics'>سياسة</a> <a href='/sport'>رياضة</a>"
            f"</nav><article><h1>{html.escape(title)}</h1>{body}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


def english_page(rng: random.Random, i: int) -> bytes:
    paras = "".join(f"<p>{' '.join(rng.choice(SENTENCES) for _ in range(4))}</p>" for _ in range(8))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story {i}</title></head>"
            f"<body><article><h1>Story {i}</h1>{paras}</article></body></html>").encode()


def write_record(writer: object, url: str, date: str, response: tuple[str, str, bytes]) -> None:
    """A request record, then the ``(status, content type, body)`` response to it."""
    status, ctype, body = response
    from warcio.statusandheaders import StatusAndHeaders

    req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=req))  # type: ignore[attr-defined]
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(  # type: ignore[attr-defined]
        url, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}))


def build(out: Path, n: int, warcs: int, english: float, pages_dir: Path | None = None) -> dict[str, int]:
    """Write the WARC files; return how many records of each kind."""
    from warcio.warcwriter import WARCWriter

    rng = random.Random(17)
    articles = ant_articles(n)
    index = (shared_data() / "pages" / "htmldate-mediacloud" / "INDEX.generated.tsv").read_text().splitlines()
    fa = {line.split("\t")[0] for line in index[1:] if line.split("\t")[1] == "fa"}
    persian = [p.read_bytes() for p in sorted((shared_data() / "pages" / "htmldate-mediacloud" / "pages")
                                              .glob("*.html")) if p.name in fa]
    out.mkdir(parents=True, exist_ok=True)
    if pages_dir is not None:
        pages_dir.mkdir(parents=True, exist_ok=True)
    counts = {"arabic": 0, "english": 0, "image": 0, "not_found": 0, "excluded_host": 0, "persian": 0}
    per = -(-len(articles) // warcs)
    for w in range(warcs):
        chunk = articles[w * per:(w + 1) * per]
        with (out / f"ant-{w:05d}.warc.gz").open("wb") as f:
            writer = WARCWriter(f, gzip=True)
            for i, (url, date, title, paras) in enumerate(chunk):
                page = arabic_page(url, title, paras)
                write_record(writer, url, date, ("200 OK", "text/html; charset=utf-8", page))
                counts["arabic"] += 1
                if pages_dir is not None:
                    (pages_dir / f"{w:05d}-{i:05d}.html").write_bytes(page)
                for _ in range(int(english) + (rng.random() < english - int(english))):
                    write_record(writer, f"https://news.example.com/{w}/{i}/{counts['english']}", date,
                                 ("200 OK", "text/html; charset=utf-8", english_page(rng, counts["english"])))
                    counts["english"] += 1
                if i % 3 == 0:
                    image = b"\xff\xd8\xff\xe0" + rng.randbytes(2000)
                    write_record(writer, f"https://img.example.com/{w}/{i}.jpg", date,
                                 ("200 OK", "image/jpeg", image))
                    counts["image"] += 1
                if i % 10 == 0:
                    write_record(writer, f"https://news.example.com/gone/{w}/{i}", date,
                                 ("404 Not Found", "text/html", b"<html><body>not found</body></html>"))
                    write_record(writer, f"https://www.nytimes.com/{w}/{i}.html", date,
                                 ("200 OK", "text/html", english_page(rng, i)))
                    counts["not_found"] += 1
                    counts["excluded_host"] += 1
            for j, page in enumerate(persian if w == 0 else []):
                write_record(writer, f"https://fa.example.ir/{j}", "2020-02-18T00:00:00Z",
                             ("200 OK", "text/html", page))
                counts["persian"] += 1
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder for the WARC files")
    ap.add_argument("-n", type=int, default=400, help="ANT articles (default 400)")
    ap.add_argument("--warcs", type=int, default=4, help="WARC files (default 4)")
    ap.add_argument("--english", type=float, default=1.0, help="English pages per Arabic one (about)")
    ap.add_argument("--pages-dir", type=Path, help="also write the Arabic pages as .html files here")
    args = ap.parse_args()
    if not (shared_data() / ARCHIVE).is_file():
        print("build_warcs: ANT archive not found (set RASD_SHARED_DATA); nothing to do")
        return 0
    print(build(args.out, args.n, args.warcs, args.english, args.pages_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
