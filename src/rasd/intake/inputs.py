"""Find and read inputs: files, folders, JSON Lines, TREC files, tar archives, stdin.

:func:`iter_inputs` yields one :class:`RawInput` per article, in input
order, or a :class:`~rasd.errors.Rejection` for an input that cannot even
be read (a missing file, a malformed JSON line). Nothing here parses HTML or
decides the language: that is :mod:`rasd.intake.document`'s job.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, Rejection
from .decode import decode
from .feeds import iter_feed, looks_like_feed

_TREC_DOC = re.compile(rb"<DOC>.*?</DOC>", re.S)
_TREC_FIELD = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2")


@dataclass
class RawInput:
    """One article as it arrived, before decoding and extraction."""

    source: str  # a path, path:line, or archive!member
    data: bytes | str
    kind: str | None = None  # text | html | trec | None (detect)
    url: str | None = None
    published: str | None = None
    title: str | None = None
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    published_source: str = "input"  # input | trec | feed | warc
    #: (code, message) of doubts the reader found (a WARC record cut short), flagged on the article.
    flags: list[tuple[str, str]] = field(default_factory=list)


def _read_head(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def iter_inputs(path: str, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """Yield inputs found at ``path`` ('-' is standard input)."""
    if path == "-":
        data, truncated = _read_head(sys.stdin.buffer, max_bytes)
        yield from _from_bytes("<stdin>", data, truncated, max_bytes)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and not _hidden(f, p))
        for f in files:
            yield from _from_file(f, max_bytes)
        return
    yield from _from_file(p, max_bytes)


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def _from_file(p: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    name = p.name.lower()
    try:
        if name.endswith((".warc", ".warc.gz")):
            from .warc import iter_warc

            yield from iter_warc(p, max_bytes)
            return
        if name.endswith(TAR_SUFFIXES):
            yield from _from_tar(p, max_bytes)
            return
        if name.endswith(".zip"):
            yield from _from_zip(p, max_bytes)
            return
        with _open(p) as stream:
            if name.endswith(JSONL_SUFFIXES):
                yield from _from_jsonl(str(p), stream, max_bytes)
                return
            data, truncated = _read_head(stream, max_bytes)
    except (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile) as exc:
        yield Rejection(str(p), "not_found" if isinstance(exc, FileNotFoundError) else "malformed",
                        f"cannot read {p}: {exc}")
        return
    yield from _from_bytes(str(p), data, truncated, max_bytes)


def _open(p: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when its name ends in .gz."""
    if p.name.lower().endswith(".gz"):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return p.open("rb")


def _from_zip(p: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    with zipfile.ZipFile(p) as archive:
        for info in archive.infolist():
            if info.is_dir() or info.filename.rsplit("/", 1)[-1].startswith("."):
                continue
            with archive.open(info) as stream:
                data, truncated = _read_head(stream, max_bytes)
            yield from _from_bytes(f"{p}!{info.filename}", data, truncated, max_bytes)


def _from_tar(p: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    with tarfile.open(p, "r:*") as tar:
        for member in tar:
            if not member.isfile() or member.name.rsplit("/", 1)[-1].startswith("."):
                continue
            stream = tar.extractfile(member)
            if stream is None:
                continue
            data, truncated = _read_head(stream, max_bytes)
            yield from _from_bytes(f"{p}!{member.name}", data, truncated, max_bytes)


def _from_bytes(source: str, data: bytes, truncated: bool, max_bytes: int) -> Iterator[RawInput | Rejection]:
    head = data.lstrip()[:200]
    if head.startswith(b"<DOC>"):
        yield from _from_trec(source, data)
    elif head.startswith(b"{") and _looks_jsonl(data):
        yield from _from_jsonl(source, io.BytesIO(data), max_bytes)
    elif head.startswith(b"[") and not truncated:
        yield from _from_json_array(source, data, max_bytes)
    elif looks_like_feed(data[:2048]):
        yield from iter_feed(source, data)
    else:
        yield RawInput(source, data, truncated=truncated)


def _from_json_array(source: str, data: bytes, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """A JSON array of article objects (SaudiNewsNet's daily files)."""
    try:
        records = json.loads(data)
    except ValueError:
        yield RawInput(source, data)  # not JSON after all: let the text path judge it
        return
    if not isinstance(records, list):
        yield Rejection(source, "malformed", "JSON input is neither an object per line nor an array")
        return
    for i, record in enumerate(records):
        where = f"{source}[{i}]"
        if isinstance(record, dict):
            yield _from_record(where, record, max_bytes)
        else:
            yield Rejection(where, "malformed", f"item {i} is not a JSON object")


def _looks_jsonl(data: bytes) -> bool:
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _from_jsonl(source: str, stream: IO[bytes], max_bytes: int) -> Iterator[RawInput | Rejection]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Rejection(where, "malformed", f"line {lineno} is not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield Rejection(where, "malformed", f"line {lineno} is not a JSON object")
            continue
        yield _from_record(where, record, max_bytes)


# Field names accepted in JSON records, first match wins.
TEXT_FIELDS = ("text", "content", "body")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "pubDate", "date_published", "date_extracted")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    return next((v for n in names if (v := _str_or_none(record.get(n)))), None)


def _from_record(where: str, record: dict[str, Any], max_bytes: int) -> RawInput | Rejection:
    url = _first(record, URL_FIELDS)
    if isinstance(record.get("html"), str):
        kind, body = "html", record["html"]
    elif (text := next((record[n] for n in TEXT_FIELDS if isinstance(record.get(n), str)), None)) is not None:
        kind, body = "text", text
    else:
        return Rejection(where, "empty", "record has no 'text', 'content', 'body' or 'html' string", url)
    truncated = len(body) > max_bytes
    used = {"html", *TEXT_FIELDS, *URL_FIELDS, *DATE_FIELDS, "title"}
    extra = {k: v for k, v in record.items() if k not in used}
    return RawInput(where, body[:max_bytes], kind, url, _first(record, DATE_FIELDS),
                    _str_or_none(record.get("title")), truncated, extra)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _from_trec(source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    docs = _TREC_DOC.findall(data)
    if not docs:
        yield Rejection(source, "malformed", "TREC file without a complete <DOC>...</DOC>")
        return
    for i, doc in enumerate(docs):
        where = source if len(docs) == 1 else f"{source}#{i + 1}"
        try:
            text = decode(doc).text
        except InputError as exc:
            yield Rejection(where, exc.reason, str(exc))
            continue
        fields = {m.group(1): m.group(2).strip() for m in _TREC_FIELD.finditer(text)}
        yield RawInput(
            where, doc, "trec", url=fields.get("URL") or None,
            published=_rfc822_to_iso(fields.get("TIME")), title=fields.get("TITLE") or None,
            published_source="trec",
            extra={k.lower(): v for k, v in fields.items()
                   if k in ("DOCNO", "SRC", "CAT", "AUTHOR", "TIME") and v},
        )


def _rfc822_to_iso(value: str | None) -> str | None:
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None
