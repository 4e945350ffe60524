"""Untrusted input never escapes (issue 16): hypothesis over every input family.

Each example is a file built from real articles and pages (the seed, the ANT fixtures, the CNN
and LBC pages, the RSS sample), generated or mutated (bytes flipped, cut, nasty characters
inserted: bidi controls, lone surrogates, NaN, 400-digit numbers, non-text charsets, deep
nesting, bad URLs), in one of the families rasd reads: bytes, text, HTML, JSON Lines, JSON
arrays, TREC, RSS/Atom, WARC, gz, zip, tar. The property, for each:

- ``analyze_path`` raises nothing and yields one result per input (exactly, where the file's
  structure says how many: JSON Lines, arrays whole or cut off, TREC files that start with
  ``<DOC>``, WARC; at least one otherwise, and one per visible archive member); the run summary
  counts each;
- no result is an ``internal_error`` rejection and no article has a ``component_failed`` flag;
- every result is strict JSON (no NaN/Infinity, valid UTF-8) and every span's ``text`` is
  ``text[start:end]``.

Profiles: ``RASD_FUZZ=short`` (the default; ``make test``) runs a few derandomized examples per
family; ``RASD_FUZZ=long`` (``make fuzz``) runs 1,000 per family (11,000 in all;
``RASD_FUZZ_EXAMPLES=N`` changes it). The counts are printed at the end of the run
(``tests/conftest.py``).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import tarfile
import tempfile
import zipfile
from collections import Counter
from itertools import accumulate
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.api import Summary, analyze_path
from rasd.batch import analyze_one
from rasd.errors import REASONS, Rejection
from rasd.intake.inputs import RawInput, _from_bytes
from rasd.model import Article
from rasd.pipeline import resolve
from rasd.settings import Settings

from .conftest import DATA, PAGES, SEED
from .robust_helpers import non_finite, offset_mismatches, strict_line

PROFILE = os.environ.get("RASD_FUZZ", "short")
settings.register_profile("short", max_examples=6, deadline=None, derandomize=True, database=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=int(os.environ.get("RASD_FUZZ_EXAMPLES", "1000")),
                          deadline=None, suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile(PROFILE)
#: Counts of the run, printed by tests/conftest.py: examples per family, results, checks, failures.
STATS: Counter[str] = Counter()

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = [line for line in SEED_TEXT.splitlines() if line.strip()]
ANT = [f.read_bytes() for f in sorted((DATA / "ant").glob("*.txt"))]
ANT_TEXT = [t.decode("utf-8") for t in ANT]
CNN_HTML = (PAGES / "html__arabic_article.html").read_bytes()
LBC_HTML = gzip.decompress((PAGES / "LBCGroup_2026_01_08.html.gz").read_bytes())
FEED = (DATA / "feeds" / "ant-sample.rss").read_bytes()
COMPONENTS = resolve()
SETTINGS = Settings(max_input_bytes=400_000, max_markup_chars=300_000, max_text_chars=60_000)

#: Characters and pieces that broke rasd once, or could.
NASTY = ["\u202e", "\u200f", "\u2067", "\u200b", "\u00ad", "\ufeff", "\u0640\u0640", "\ufefb", "\ufdf2",
         "٣٫٥", "1" * 400, "قتل " + "9" * 400 + " شخصا", "1e309", "\x00", "\r", "\r\n", "\t", "<", ">", "&",
         "&#xD800;", "&#0;", "<!--", "<script>", "<DOC>", "</DOC>", "{", "[", '"', "\\", "\u00a0", "ـ", "ﷺ",
         '<meta charset="hex">', "charset=idna ", "encoding=base64 ", "javascript:alert(1)", "http://[::1",
         "\U0001f600", "ال", "*", "🇸🇦"]
nasty = st.sampled_from(NASTY)
lines = st.sampled_from(SEED_LINES + [line for t in ANT_TEXT for line in t.splitlines() if line.strip()])


@st.composite
def arabic_text(draw: st.DrawFn) -> str:
    """A few real lines with nasty pieces spliced in, some inside words."""
    parts = draw(st.lists(lines, min_size=1, max_size=6))
    text = "\n".join(parts)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(nasty, st.text(max_size=8))) + text[at:]
    return text


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with bytes flipped, cut, inserted or repeated."""
    out = bytearray(data)
    for _ in range(draw(st.integers(0, 5))):
        if not out:
            break
        op = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "delete"]))
        at = draw(st.integers(0, len(out) - 1))
        if op == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del out[at:]
        elif op == "insert":
            out[at:at] = draw(st.one_of(nasty.map(lambda s: s.encode("utf-8", "surrogatepass")),
                                        st.binary(max_size=16)))
        elif op == "repeat":
            out[at:at] = bytes(out[at:at + 64]) * draw(st.integers(1, 4))
        else:
            del out[at:at + draw(st.integers(1, 64))]
    return bytes(out)


json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(),
                        st.text(max_size=12), nasty)
json_value = st.recursive(json_scalar, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                             st.dictionaries(st.text(max_size=6), kids,
                                                                             max_size=4)), max_leaves=12)


BAD_FIELDS = ["https://example.org/a", "http://[::1", "javascript:x", "2018-02-18", "\ud800",
              "لندن: رنيم حنوش"]


@st.composite
def record(draw: st.DrawFn) -> dict[str, Any]:
    """A JSON article record: text or html, and the fields rasd reads, some of them bad."""
    rec: dict[str, Any] = {}
    body = draw(arabic_text())
    if draw(st.booleans()):
        rec["html"] = "<html><body>" + "".join(f"<p>{x}</p>" for x in body.splitlines()) + "</body></html>"
    else:
        rec[draw(st.sampled_from(["text", "content", "body"]))] = body
    for name in ("url", "published", "title", "author"):
        if draw(st.booleans()):
            rec[name] = draw(st.one_of(st.sampled_from(BAD_FIELDS), json_value))
    rec.update(draw(st.dictionaries(st.sampled_from(["score", "tags", "extra", "n"]), json_value,
                                    max_size=2)))
    if draw(st.integers(0, 9)) == 0:
        rec["deep"] = json.loads("[" * 150 + "]" * 150)
    return rec


def _dump(value: Any) -> str:
    """JSON as a careless producer writes it: NaN and Infinity as such, lone surrogates escaped."""
    return json.dumps(value, allow_nan=True)


def run_file(family: str, name: str, data: bytes, exact: int | None = None, at_least: int = 1,  # noqa: PLR0917
             allow_internal_error: bool = False) -> list[Article | Rejection]:
    """Write ``data`` to a file named ``name`` and check the property; the results."""
    STATS[f"examples:{family}"] += 1
    STATS["examples"] += 1
    with tempfile.TemporaryDirectory(prefix="rasd-fuzz-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        summary = Summary()
        try:
            results = list(analyze_path(str(path), settings=SETTINGS, summary=summary))
        except BaseException:
            STATS["failures:escape"] += 1
            raise
    STATS["results"] += len(results)
    assert summary.read == len(results)
    if exact is not None:
        assert len(results) == exact, (len(results), exact)
    assert len(results) >= at_least
    for result in results:
        check(result, allow_internal_error)
    return results


def check(result: Article | Rejection, allow_internal_error: bool = False) -> None:
    if isinstance(result, Rejection):
        STATS[f"rejected:{result.reason}"] += 1
        assert result.reason in REASONS
        if not allow_internal_error:
            assert result.reason != "internal_error", result.message
    else:
        STATS["articles"] += 1
        failed = [f for f in result.flags if f.code == "component_failed"]
        if failed:
            STATS["failures:component_failed"] += 1
        assert not failed, failed
    try:
        doc = json.loads(strict_line(result))
    except (ValueError, UnicodeError):
        STATS["failures:non_strict_json"] += 1
        raise
    STATS["json_lines_checked"] += 1
    assert not non_finite(doc)
    if isinstance(result, Article):
        bad = offset_mismatches(doc)
        STATS["spans_checked"] += _count_spans(doc)
        if bad:
            STATS["failures:offset_mismatch"] += len(bad)
        assert not bad, bad[:3]


def _count_spans(value: Any) -> int:
    if isinstance(value, dict):
        own = int(all(k in value for k in ("start", "end", "text")))
        return own + sum(_count_spans(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_spans(v) for v in value)
    return 0


# -- the families ------------------------------------------------------------------------------
@FUZZ
@given(st.one_of(st.binary(max_size=3000), st.sampled_from([*ANT, CNN_HTML[:4000]]).flatmap(mutated)))
def test_fuzz_bytes(data: bytes) -> None:
    run_file("bytes", "input.bin", data)


@FUZZ
@given(arabic_text(), st.sampled_from(["utf-8", "utf-16", "cp1256", "iso-8859-6", "utf-8-sig"]))
def test_fuzz_text(text: str, encoding: str) -> None:
    run_file("text", "input.txt", text.encode(encoding, errors="ignore"))


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(mutated(draw(st.sampled_from([CNN_HTML, LBC_HTML[:60_000]]))))
    body = draw(arabic_text())
    charset = draw(st.sampled_from(["utf-8", "windows-1256", "hex", "idna", "base64", "utf-7", "x-bogus"]))
    head = f'<html><head><meta charset="{charset}"><title>{draw(lines)}</title></head><body>'
    page = head + "".join(f"<p>{x}</p>" for x in body.splitlines()) + "</body></html>"
    return page.encode(draw(st.sampled_from(["utf-8", "cp1256"])), errors="ignore")


@FUZZ
@given(html_page())
def test_fuzz_html(data: bytes) -> None:
    run_file("html", "page.html", data)


@FUZZ
@given(st.lists(st.one_of(record().map(_dump), st.text(max_size=40), nasty), min_size=1, max_size=5))
def test_fuzz_json_lines(items: list[str]) -> None:
    data = "\n".join(items).encode("utf-8", "surrogatepass") + b"\n"
    expected = sum(1 for line in data.split(b"\n") if line.strip())
    if expected:
        run_file("jsonl", "records.jsonl", data, exact=expected)


@FUZZ
@given(st.lists(record(), min_size=1, max_size=4), st.sampled_from(["whole", "cut", "cut+garbage"]),
       st.sampled_from(["day.json", "day.txt"]), st.data())
def test_fuzz_json_array(records: list[dict[str, Any]], how: str, name: str, data: st.DataObject) -> None:
    """A whole array gives one result per record; one cut off anywhere (the way a copy or a
    download ends) gives one per complete record, then one ``malformed`` rejection for the rest,
    never a text article of JSON characters."""
    items = [_dump(r).encode("utf-8") for r in records]
    whole = b"[" + b", ".join(items) + b"]"
    if how == "whole":
        run_file("json_array", name, whole, exact=len(records))
        return
    cut = data.draw(st.integers(1, len(whole) - 1))
    if how == "cut+garbage":
        run_file("json_array", name, whole[:cut] + b"\x00]]")
        return
    ends = list(accumulate(len(item) + 2 for item in items))  # each item ends here (", " counted)
    complete = sum(1 for end in ends if end - 1 <= cut)
    results = run_file("json_array", name, whole[:cut], exact=complete + 1)
    assert isinstance(results[-1], Rejection) and results[-1].reason == "malformed"
    assert not any(isinstance(r, Article) and r.text.lstrip().startswith(("[", "{")) for r in results)


@st.composite
def trec_file(draw: st.DrawFn) -> tuple[bytes, int]:
    docs = draw(st.lists(st.sampled_from(ANT_TEXT), min_size=1, max_size=3))
    out = []
    for original in docs:
        doc = original
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(doc)))
            doc = doc[:at] + draw(nasty) + doc[at:]
        out.append(doc)
    data = "\n".join(out).encode(draw(st.sampled_from(["utf-8", "cp1256"])), errors="ignore")
    return data, len(out)


_BLANK = rb"(?:\s|\xef\xbb\xbf|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xc2\xad)*"
_BLANK_THEN_DOC = re.compile(_BLANK + rb"<DOC>")


def _trec_parts(data: bytes) -> int:
    """Results a TREC file must give: one per complete document and one per stretch of text
    outside them (a document whose tag a nasty character broke); one for a file with neither."""
    blank = re.compile(_BLANK)
    parts, pos = 0, 0
    for m in re.finditer(rb"<DOC>.*?</DOC>", data, re.S):
        parts += 1 + (blank.fullmatch(data[pos:m.start()]) is None)
        pos = m.end()
    return parts + (blank.fullmatch(data[pos:]) is None) if parts else 1


@FUZZ
@given(trec_file(), st.booleans())
def test_fuzz_trec(trec: tuple[bytes, int], mutate: bool) -> None:
    data, _ = trec
    if not mutate and _BLANK_THEN_DOC.match(data):  # TREC by the documented rule: <DOC> at the start
        run_file("trec", "doc.txt", data, exact=_trec_parts(data))
    elif not mutate:  # a nasty character broke the first tag: read some other way, one result at least
        run_file("trec", "doc.txt", data)
    else:
        run_file("trec", "doc.txt", data[: len(data) * 2 // 3])


def _atom(records: list[dict[str, Any]]) -> bytes:
    from xml.sax.saxutils import escape

    def entry(r: dict[str, Any]) -> str:
        body = escape(str(r.get("html") or r.get("text") or r.get("content") or ""))
        link = escape(str(r.get("url", "")))
        return (f"<entry><title>{escape(str(r.get('title', '')))}</title>"
                f'<link href="{link}"/><content type="html">{body}</content></entry>')

    entries = "".join(entry(r) for r in records)
    feed = ('<?xml version="1.0" encoding="utf-8"?>'
            f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>')
    return feed.encode("utf-8", "surrogatepass")


@FUZZ
@given(st.one_of(mutated(FEED), st.lists(record(), min_size=1, max_size=3).map(_atom)))
def test_fuzz_feeds(data: bytes) -> None:
    run_file("feed", "feed.xml", data)


def _warc(pages: list[bytes], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
    from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        fixed = {"WARC-Date": "2018-02-18T08:14:44Z",  # fixed, so the same draw gives the same bytes
                 "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>"}
        rec = writer.create_warc_record(f"https://example.org/{i}", "response", payload=io.BytesIO(page),
                                        http_headers=http, warc_headers_dict=fixed)
        writer.write_record(rec)
    return out.getvalue()


@st.composite
def warc_pages(draw: st.DrawFn) -> list[str]:
    bodies = draw(st.lists(arabic_text(), min_size=1, max_size=3))
    return ["<html><body>" + "".join(f"<p>{x}</p>" for x in b.splitlines()) + "</body></html>"
            for b in bodies]


@FUZZ
@given(warc_pages(), st.booleans())
def test_fuzz_warc(pages: list[str], gz: bool) -> None:
    data = _warc([p.encode("utf-8", "surrogatepass") for p in pages], gz)
    run_file("warc", "crawl.warc.gz" if gz else "crawl.warc", data, exact=len(pages))


@FUZZ
@given(warc_pages(), st.booleans(), st.data())
def test_fuzz_warc_mutated(pages: list[str], gz: bool, data: st.DataObject) -> None:
    """Truncated and corrupt WARC files (an xfail until issue 17's WARC reader rejected them)."""
    raw = _warc([p.encode("utf-8", "surrogatepass") for p in pages], gz)
    run_file("warc_mutated", "crawl.warc.gz" if gz else "crawl.warc", data.draw(mutated(raw)))


@st.composite
def members(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    names = st.sampled_from(["a.txt", "b.html", "c.jsonl", "..x.txt", ".hidden", "dir/d.txt", "e.json",
                             "f.xml", "\u0645.txt"])
    contents = st.one_of(arabic_text().map(lambda t: t.encode("utf-8", "surrogatepass")),
                         st.sampled_from(ANT), html_page(),
                         st.lists(record(), min_size=1, max_size=2).map(
                             lambda rs: "\n".join(map(_dump, rs)).encode("utf-8", "surrogatepass")))
    return draw(st.lists(st.tuples(names, contents), min_size=1, max_size=3, unique_by=lambda m: m[0]))


def _visible(items: list[tuple[str, bytes]]) -> int:
    return sum(1 for name, _ in items if not name.rsplit("/", 1)[-1].startswith(".")
               or name.rsplit("/", 1)[-1].startswith(".."))


@FUZZ
@given(members(), st.booleans(), st.data())
def test_fuzz_zip(items: list[tuple[str, bytes]], mutate: bool, data: st.DataObject) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in items:
            z.writestr(name, content)
    raw = buf.getvalue()
    if mutate:
        run_file("zip", "day.zip", data.draw(mutated(raw)))
    else:
        run_file("zip", "day.zip", raw, at_least=_visible(items))


@FUZZ
@given(members(), st.sampled_from(["tar", "tar.gz", "tar.xz", "tar.bz2"]), st.booleans(), st.data())
def test_fuzz_tar(items: list[tuple[str, bytes]], kind: str, mutate: bool, data: st.DataObject) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:" + (kind.split(".")[1] if "." in kind else "")) as tar:
        for name, content in items:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    raw = buf.getvalue()
    if mutate:
        run_file("tar", f"ant.{kind}", data.draw(mutated(raw)))
    else:
        run_file("tar", f"ant.{kind}", raw, at_least=_visible(items))


@FUZZ
@given(st.one_of(arabic_text().map(lambda t: t.encode("utf-8", "surrogatepass")), st.sampled_from(ANT),
                 html_page()), st.booleans(), st.data())
def test_fuzz_gzip(content: bytes, mutate: bool, data: st.DataObject) -> None:
    raw = gzip.compress(content, mtime=0)
    run_file("gz", "page.html.gz", data.draw(mutated(raw)) if mutate else raw)


# -- earlier fuzz findings, kept ----------------------------------------------------------------
tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<h1>", "<html>", "<body>", "<!--", "-->",
                        "<script>", "</script>", "<img alt='(غيتي)'>", "&amp;", "<DOC>", "<TEXT>",
                        "</DOC>", "{", "}", "[", '"text":', "\n", "<rss>", "<item>", "<title>"])
fragments = st.lists(st.one_of(tags, st.sampled_from(SEED_LINES), st.text(max_size=30)), max_size=25)


def _check_soup(data: bytes) -> None:
    for item in _from_bytes("fuzz", data, False, SETTINGS.max_input_bytes):
        result = item if isinstance(item, Rejection) else analyze_one(item, SETTINGS, None, COMPONENTS)
        check(result)


@FUZZ
@given(fragments, st.sampled_from(["utf-8", "cp1256", "utf-16"]))
def test_fuzz_markup_and_text_soup(parts: list[str], encoding: str) -> None:
    STATS["examples:soup"] += 1
    STATS["examples"] += 1
    _check_soup("".join(parts).encode(encoding, errors="ignore"))


def test_fuzz_raw_input_string_kinds() -> None:
    for kind in ("text", "html", "trec", None):
        raw = RawInput("s", "\n".join(SEED_LINES[:6]), kind)
        check(analyze_one(raw, SETTINGS, None, COMPONENTS))


def test_fuzz_regression_comment_only_html() -> None:
    """Found by the soup fuzzer: lxml parsed '<body><!--' as a bare comment node."""
    _check_soup(b"<body><!--")
