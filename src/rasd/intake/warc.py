"""WARC files (web archives, ``.warc`` / ``.warc.gz``): typed records, read with warcio
or, optionally, FastWARC.

:func:`read_records` walks a WARC stream and yields one :class:`WarcRecord` per record
(its WARC and HTTP headers, and a ``payload()`` method that reads the body on demand,
so a caller that drops a record on its headers never reads the body), or one
:class:`WarcError` when the file cannot be read further (a truncated file, a garbled
header): what was read before it stays read. A record whose body is shorter than its
headers declare (the file was cut inside it) says so (``WarcPayload.cut``).

:func:`iter_warc` turns a WARC file into rasd inputs: each ``response`` record with a
2xx HTTP status and a text or HTML body, and each ``resource`` record, becomes one
:class:`~rasd.intake.inputs.RawInput`: ``WARC-Target-URI`` is the URL and ``WARC-Date``
the published date (the capture time: a floor, not the publication date, hence
``published_source="warc"``). A record cut short is analysed and flagged
``truncated_record``; a file that cannot be read yields a ``malformed`` rejection and
the records before the damage are kept.

Readers: ``warcio`` (the default, pure Python) and ``fastwarc`` (the ``resiliparse``
project's C++ reader, several times faster on headers). Both give the same records (a
test reads the same files with both); with FastWARC, chunked transfer coding and
gzip/deflate content coding are undone here, as warcio does.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import Rejection
from .inputs import RawInput

WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
READERS = ("warcio", "fastwarc")


@dataclass(frozen=True)
class WarcPayload:
    """A record's HTTP body (at most ``max_bytes``): ``too_large`` when there was more,
    ``cut`` when the file ended before the length its headers declare."""

    data: bytes
    too_large: bool
    cut: bool
    declared: int | None


@dataclass
class WarcRecord:
    """One WARC record's headers; :meth:`payload` reads its body (once, before the next record).

    ``index`` counts records from 1 in file order; ``status`` is the HTTP status of a
    ``response`` record (``None`` when the record has no readable HTTP headers);
    ``content_type`` is the lower-cased ``Content-Type`` (HTTP for responses, WARC for
    resources), parameters included.
    """

    index: int
    rec_type: str
    url: str | None
    date: str | None
    record_id: str | None
    status: int | None
    content_type: str
    _read: Callable[[int], WarcPayload]

    def payload(self, max_bytes: int) -> WarcPayload:
        """The body, at most ``max_bytes`` of it (read from the stream: call once)."""
        return self._read(max_bytes)


@dataclass(frozen=True)
class WarcError:
    """The file cannot be read past record ``index`` (1-based; 0 before the first)."""

    index: int
    message: str


def read_records(stream: IO[bytes], reader: str = "warcio") -> Iterator[WarcRecord | WarcError]:
    """Yield the records of a WARC stream (plain or gzipped), then a :class:`WarcError` if
    the stream broke off; never raises for bad bytes. ``reader`` is one of :data:`READERS`
    (``ValueError`` otherwise; ``ImportError`` when FastWARC is asked for and absent)."""
    if reader == "warcio":
        yield from _warcio_records(stream)
    elif reader == "fastwarc":
        yield from _fastwarc_records(stream)
    else:
        raise ValueError(f"unknown WARC reader {reader!r}; expected one of {READERS}")


# warcio raises these on garbled or truncated input; AttributeError and TypeError come from
# headers cut in the middle (warcio 1.8 reads a missing status line as None).
_BROKEN = (ValueError, EOFError, OSError, zlib.error, AttributeError, TypeError, IndexError)


def _warcio_records(stream: IO[bytes]) -> Iterator[WarcRecord | WarcError]:
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    index = 0
    try:
        for record in ArchiveIterator(stream):
            index += 1
            yield _warcio_record(index, record)
    except (ArchiveLoadFailed, *_BROKEN) as exc:
        yield WarcError(index, f"{type(exc).__name__}: {exc}")


def _warcio_record(index: int, record: Any) -> WarcRecord:
    headers = record.rec_headers
    status: int | None = None
    if record.rec_type == "response":
        http = record.http_headers
        content_type = (http.get_header("Content-Type") or "") if http is not None else ""
        code = http.get_statuscode() if http is not None else None
        status = int(code) if code and code.isdigit() else None
    else:
        content_type = headers.get_header("Content-Type") or ""

    def read(max_bytes: int) -> WarcPayload:
        data = record.content_stream().read(max_bytes + 1)
        too_large = len(data) > max_bytes
        # The record's block is a LimitReader over the declared Content-Length: bytes
        # still owed after a complete read mean the file ended inside this record.
        cut = not too_large and getattr(record.raw_stream, "limit", 0) > 0
        return WarcPayload(data[:max_bytes], too_large, cut, record.length)

    return WarcRecord(index, record.rec_type, headers.get_header("WARC-Target-URI"),
                      headers.get_header("WARC-Date"), headers.get_header("WARC-Record-ID"),
                      status, content_type.lower(), read)


def _fastwarc_records(stream: IO[bytes]) -> Iterator[WarcRecord | WarcError]:
    from fastwarc.warc import ArchiveIterator

    index = 0
    try:
        for record in ArchiveIterator(stream, parse_http=True):
            if not record.headers.get("WARC-Record-ID") or record.headers.get("Content-Length") is None:
                # FastWARC yields a header cut mid-way as a record; warcio raises on it.
                yield WarcError(index, "a record header is cut short")
                return
            index += 1
            yield _fastwarc_record(index, record)
    except _BROKEN as exc:
        yield WarcError(index, f"{type(exc).__name__}: {exc}")


def _fastwarc_record(index: int, record: Any) -> WarcRecord:
    headers = record.headers
    rec_type = str(headers.get("WARC-Type") or "").lower()
    http = record.http_headers if rec_type == "response" else None
    status = http.status_code if http is not None and http.status_code else None
    if rec_type == "response":
        content_type = (http.get("Content-Type") or "") if http is not None else ""
    else:
        content_type = headers.get("Content-Type") or ""
    encodings = _encodings(http)

    def read(max_bytes: int) -> WarcPayload:
        declared = int(record.content_length)
        raw = record.reader.read() if encodings else record.reader.read(max_bytes + 1)
        cut = len(raw) < declared and (bool(encodings) or len(raw) <= max_bytes)
        data = _decode_body(raw, encodings) if encodings else raw
        return WarcPayload(data[:max_bytes], len(data) > max_bytes, cut, declared)

    return WarcRecord(index, rec_type, headers.get("WARC-Target-URI"), headers.get("WARC-Date"),
                      headers.get("WARC-Record-ID"), status, content_type.lower(), read)


def _encodings(http: Any) -> list[str]:
    """Codings to undo, in order: chunked transfer coding, then the content coding."""
    if http is None:
        return []
    out = []
    if "chunked" in (http.get("Transfer-Encoding") or "").lower():
        out.append("chunked")
    coding = (http.get("Content-Encoding") or "").lower().strip()
    if coding in ("gzip", "x-gzip", "deflate"):
        out.append(coding)
    return out


def _decode_body(raw: bytes, encodings: list[str]) -> bytes:
    """Undo chunked transfer coding and gzip/deflate as warcio does; bytes that do not decode
    are kept as they are (warcio does the same)."""
    data = raw
    for coding in encodings:
        try:
            if coding == "chunked":
                data = _dechunk(data)
            else:
                wbits = 16 + zlib.MAX_WBITS if coding != "deflate" else zlib.MAX_WBITS
                data = zlib.decompressobj(wbits).decompress(data)
        except (ValueError, zlib.error):
            return data
    return data


def _dechunk(data: bytes) -> bytes:
    out, pos = bytearray(), 0
    while pos < len(data):
        end = data.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("chunk size line without CRLF")
        size = int(data[pos:end].split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        out += data[end + 2:end + 2 + size]
        pos = end + 2 + size + 2
    return bytes(out)


# -- WARC files as rasd inputs -------------------------------------------------------------
def iter_warc(path: Path, max_bytes: int, reader: str = "warcio") -> Iterator[RawInput | Rejection]:
    """Yield the articles of a WARC file, in record order; a ``malformed`` rejection for a
    record or a file that cannot be read (never an exception)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        reason = "not_found" if isinstance(exc, FileNotFoundError) else "malformed"
        yield Rejection(str(path), reason, f"cannot read WARC {path}: {exc}")
        return
    with stream:
        seen = broken = 0
        for item in read_records(stream, reader):
            if isinstance(item, WarcError):
                broken += 1
                yield warc_rejection(str(path), item)
                continue
            seen += 1
            result = record_input(str(path), item, max_bytes)
            if result is not None:
                yield result
    if not seen and not broken and path.stat().st_size > 0:
        yield warc_rejection(str(path), WarcError(0, "no complete record"))


def warc_rejection(warc: str, error: WarcError) -> Rejection:
    """The ``malformed`` rejection for a WARC file that breaks off after ``error.index`` records."""
    return Rejection(f"{warc}#{error.index + 1}", "malformed",
                     f"WARC {warc} breaks off after record {error.index}: {error.message}")


def is_article_record(record: WarcRecord) -> str | None:
    """Why a record cannot be an article (``None`` when it may be): ``not_response`` for
    requests, metadata, warcinfo...; ``http_status`` for a non-2xx response;
    ``mime_type`` for a body that is not HTML or text."""
    if record.rec_type not in ("response", "resource"):
        return "not_response"
    if record.rec_type == "response" and (record.status is None or not 200 <= record.status < 300):
        return "http_status"
    if record.content_type and not record.content_type.startswith(TEXT_TYPES):
        return "mime_type"
    return None


def record_input(warc: str, record: WarcRecord, max_bytes: int,
                 payload: WarcPayload | None = None) -> RawInput | Rejection | None:
    """The rasd input for one record: ``None`` for a record that is not an article, a
    ``malformed`` rejection for a response without readable HTTP headers, else a
    :class:`RawInput` (flagged ``truncated_record`` when the file ended inside it).
    ``payload`` is the body when the caller has read it already."""
    source = f"{warc}#{record.index}"
    if record.rec_type == "response" and record.status is None:
        return Rejection(source, "malformed", "response record without a readable HTTP status line",
                         record.url)
    if is_article_record(record) is not None:
        return None
    body = payload or record.payload(max_bytes)
    raw = RawInput(
        source, body.data,
        kind="text" if record.content_type.startswith("text/plain") else "html",
        url=record.url, published=record.date, truncated=body.too_large, published_source="warc",
        extra={"warc_record_id": record.record_id},
    )
    if body.cut:
        raw.flags.append(("truncated_record", f"the WARC file ends inside this record: "
                          f"{len(body.data)} of {body.declared} bytes read; the text is cut"))
    return raw
