"""Find and read inputs: files, folders, JSON Lines, TREC files, archives, stdin.

:func:`iter_inputs` yields one :class:`RawInput` per article, in input
order, or a :class:`~rasd.errors.Rejection` for an input that cannot even
be read. Nothing here parses HTML or decides the language: that is
:mod:`rasd.intake.document`'s job.

Reading never ends a batch. A path that is not a regular file or folder (a
FIFO, a dangling symbolic link, a link loop) is ``not_a_file``; one that
cannot be opened is ``unreadable``; compressed data that does not decompress
is ``corrupt_archive`` (a zip's other members still count); a JSON line
longer than ``max_input_bytes`` is ``too_large``, found while it is read; an
input named ``.json`` or starting like JSON is never read as text: a JSON
array cut off is read up to its last complete record, then ``malformed``.
Names that are not UTF-8 are shown with their bytes escaped
(:func:`~rasd.intake.decode.escape_surrogates`).
"""

from __future__ import annotations

import errno
import gzip
import io
import lzma
import os
import re
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError, Rejection
from .decode import decode, escape_surrogates
from .feeds import iter_feed, looks_like_feed
from .raw import RawInput
from .records import (
    DATE_FIELDS,
    JSON_START,
    TEXT_FIELDS,
    URL_FIELDS,
    from_record,
    iter_json_array,
    iter_json_document,
    iter_jsonl,
    looks_jsonl,
)

__all__ = ["DATE_FIELDS", "TEXT_FIELDS", "URL_FIELDS", "RawInput", "display_name", "iter_inputs"]

_TREC_DOC = re.compile(rb"<DOC>.*?</DOC>", re.S)
#: A TREC file with something before its first document, or whose first tag is broken
#: (``<\u202eDOC>``), still shows a DOC and its DOCNO near the start.
_TREC_HEAD = re.compile(rb"<DOC>\s*<DOCNO>|^<[^\n<>]{0,16}>\s*<DOCNO>")
_TREC_FIELD = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2")
#: Errors of a compressed stream that does not decompress (bz2 raises a bare OSError).
_CORRUPT = (zlib.error, EOFError, gzip.BadGzipFile, lzma.LZMAError, zipfile.BadZipFile, tarfile.TarError,
            UnicodeDecodeError)
DEFAULT_JSON_DEPTH = 100
#: What may come before a container's first byte: whitespace, a UTF-8 byte-order mark, and the
#: invisible marks normalization deletes (zero-width characters, bidi controls), in UTF-8.
_LEADING = re.compile(rb"(?:\s|\xef\xbb\xbf|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xc2\xad)+")


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as rasd stores and prints it: bytes that are not UTF-8 escaped (``\\xff``)."""
    return escape_surrogates(os.fspath(path))


def _read_head(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def _read_input(stream: IO[bytes], limit: int, array_limit: int) -> tuple[bytes, bool]:
    """The head of one input (``limit`` bytes, ``max_input_bytes``), or, for a file that is one
    JSON array of articles, the whole array up to ``array_limit`` (``max_array_bytes``): its
    records are bounded one by one, so a 13 MB day of SaudiNewsNet is read as its articles."""
    data = stream.read(limit + 1)
    if len(data) > limit and _is_array(data):
        data += stream.read(max(0, array_limit - len(data)) + 1)
        return data[:array_limit], len(data) > array_limit
    return data[:limit], len(data) > limit


def _is_array(data: bytes) -> bool:
    lead = _LEADING.match(data)
    return data[lead.end() if lead else 0:][:1] == b"["


def iter_inputs(path: str, max_bytes: int, max_depth: int = DEFAULT_JSON_DEPTH,
                max_array_bytes: int = 64_000_000) -> Iterator[RawInput | Rejection]:
    """Yield inputs found at ``path`` ('-' is standard input).

    ``max_bytes`` bounds what is read of one input (``max_input_bytes``), ``max_depth`` the
    nesting of JSON (``max_json_depth``), ``max_array_bytes`` a file that is one JSON array of
    records. Never raises for a bad input: each yields a rejection.
    """
    max_array = max(max_bytes, max_array_bytes)
    if path == "-":
        data, truncated = _read_input(sys.stdin.buffer, max_bytes, max_array)
        yield from _guarded("<stdin>", _from_bytes("<stdin>", data, truncated, max_bytes, max_depth))
        return
    yield from _from_path(Path(path), display_name(path), max_bytes, max_depth, max_array)


def _from_path(p: Path, name: str, max_bytes: int, max_depth: int,
               max_array: int) -> Iterator[RawInput | Rejection]:
    kind, problem = _classify(p)
    if kind == "folder":
        yield from _from_folder(p, name, max_bytes, max_depth, max_array)
    elif kind == "file":
        yield from _guarded(name, _from_file(p, name, max_bytes, max_depth, max_array))
    else:
        yield Rejection(name, kind, f"cannot read {name}: {problem}")


def _classify(p: Path) -> tuple[str, str]:
    """``("file" | "folder", "")``, or a rejection reason and what the path is."""
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        if p.is_symlink():
            return "not_a_file", "a dangling symbolic link"
        return "not_found", "no such file or folder"
    except PermissionError as exc:
        return "unreadable", exc.strerror or "permission denied"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "not_a_file", "a symbolic link loop"
        return "unreadable", exc.strerror or str(exc)
    if stat.S_ISDIR(mode):
        return "folder", ""
    if stat.S_ISREG(mode):
        return "file", ""
    what = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
            stat.S_IFBLK: "a block device"}.get(stat.S_IFMT(mode), "not a regular file")
    return "not_a_file", what


def is_hidden(part: str) -> bool:
    """A hidden name (``.git``, ``.DS_Store``); ``..x`` is an ordinary name."""
    return part.startswith(".") and not part.startswith("..")


def _from_folder(folder: Path, name: str, max_bytes: int, max_depth: int,
                 max_array: int) -> Iterator[RawInput | Rejection]:
    """Every entry, sorted by name, depth first; hidden ones skipped, symbolic links to folders
    not followed (a rejection), special files rejected."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        reason = "not_found" if isinstance(exc, FileNotFoundError) else "unreadable"
        yield Rejection(name, reason, f"cannot list {name}: {exc.strerror or exc}")
        return
    for entry in entries:
        if is_hidden(entry.name):
            continue
        path, shown = Path(entry.path), display_name(entry.path)
        if entry.is_symlink() and _is_dir(entry):
            yield Rejection(shown, "not_a_file", f"cannot read {shown}: a symbolic link to a folder "
                            "(not followed)")
        elif entry.is_dir(follow_symlinks=False):
            yield from _from_folder(path, shown, max_bytes, max_depth, max_array)
        else:
            yield from _from_path(path, shown, max_bytes, max_depth, max_array)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: classified as not_a_file by _from_path
        return False


def _guarded(name: str, items: Iterator[RawInput | Rejection]) -> Iterator[RawInput | Rejection]:
    """One file's results. A reader's unexpected error ends that file, never the batch: it is
    reported, like an analysis error in :func:`rasd.batch.analyze_one`. A file that holds nothing
    to read (an archive of hidden files only, ``[]``, blank lines) says so: every input has a
    result."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except Exception as exc:  # noqa: BLE001 - a bug in a reader ends that file, reported (errors.REASONS)
        count += 1
        yield Rejection(name, "internal_error", f"reading {name} failed: {type(exc).__name__}: {exc}")
    if not count:
        yield Rejection(name, "empty", f"{name} holds nothing to read (an empty container, or hidden "
                        "members only)")


def _claims_json(name: str) -> bool:
    """Whether a file or member name says JSON (``.json``, ``.json.gz``): such an input that does
    not parse is a ``malformed`` rejection, never text."""
    return name.lower().removesuffix(".gz").endswith(".json")


def _compressed(lower: str) -> bool:
    return lower.endswith((".gz", ".tgz", ".xz", ".bz2", ".zip"))


def _from_file(p: Path, name: str, max_bytes: int, max_depth: int,
               max_array: int) -> Iterator[RawInput | Rejection]:
    lower = p.name.lower()
    try:
        if lower.endswith((".warc", ".warc.gz")):
            from .warc import iter_warc

            yield from iter_warc(p, max_bytes)
            return
        if lower.endswith(TAR_SUFFIXES):
            yield from _from_tar(p, name, max_bytes, max_depth, max_array)
            return
        if lower.endswith(".zip"):
            yield from _from_zip(p, name, max_bytes, max_depth, max_array)
            return
        with _open(p) as stream:
            if lower.endswith(JSONL_SUFFIXES):
                yield from iter_jsonl(name, stream, max_bytes, max_depth)
                return
            data, truncated = _read_input(stream, max_bytes, max_array)
    except (*_CORRUPT, OSError) as exc:
        yield _read_error(name, exc, _compressed(lower))
        return
    yield from _from_bytes(name, data, truncated, max_bytes, max_depth, _claims_json(lower))


def _read_error(name: str, exc: BaseException, compressed: bool) -> Rejection:
    if isinstance(exc, FileNotFoundError):
        return Rejection(name, "not_found", f"cannot read {name}: {exc.strerror}")
    if isinstance(exc, PermissionError):
        return Rejection(name, "unreadable", f"cannot read {name}: {exc.strerror}")
    if compressed or isinstance(exc, _CORRUPT):
        return Rejection(name, "corrupt_archive", f"cannot decompress {name}: {type(exc).__name__}: {exc}")
    return Rejection(name, "unreadable", f"cannot read {name}: {exc}")


def _open(p: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when its name ends in .gz."""
    if p.name.lower().endswith(".gz"):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return p.open("rb")


def _member_hidden(member: str) -> bool:
    return any(is_hidden(part) for part in member.split("/") if part not in ("", ".", ".."))


def _from_zip(p: Path, name: str, max_bytes: int, max_depth: int,
              max_array: int) -> Iterator[RawInput | Rejection]:
    """Each member in order; a corrupt or encrypted member is a rejection, the rest go on."""
    with zipfile.ZipFile(p) as archive:
        for info in archive.infolist():
            if info.is_dir() or _member_hidden(info.filename):
                continue
            where = f"{name}!{escape_surrogates(info.filename)}"
            try:
                with archive.open(info) as stream:
                    data, truncated = _read_input(stream, max_bytes, max_array)
            except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
                yield Rejection(where, "unreadable", f"cannot read {where}: {exc}")
                continue
            except (*_CORRUPT, OSError) as exc:
                yield _read_error(where, exc, compressed=True)
                continue
            yield from _from_bytes(where, data, truncated, max_bytes, max_depth, _claims_json(info.filename))


def _from_tar(p: Path, name: str, max_bytes: int, max_depth: int,
              max_array: int) -> Iterator[RawInput | Rejection]:
    """Each regular member in order. A tar is one stream: after a corrupt member nothing more can
    be read, so that member (or the archive) is rejected and the archive ends there."""
    with tarfile.open(p, "r:*") as tar:
        where = name
        try:
            for member in tar:
                if not member.isfile() or _member_hidden(member.name):
                    continue
                where = f"{name}!{escape_surrogates(member.name)}"
                stream = tar.extractfile(member)
                if stream is None:
                    continue
                data, truncated = _read_input(stream, max_bytes, max_array)
                yield from _from_bytes(where, data, truncated, max_bytes, max_depth,
                                       _claims_json(member.name))
            where = name
            _drain(tar)
        except (*_CORRUPT, OSError) as exc:
            yield _read_error(where, exc, compressed=True)


def _drain(tar: tarfile.TarFile) -> None:
    """Read a compressed tar to its end, so that its checksum is checked: a flipped byte that
    still decompresses is only caught by the gzip CRC (``BadGzipFile``), which tarfile never
    reads when it stops at the end-of-archive blocks."""
    stream = tar.fileobj
    if stream is not None and not isinstance(stream, io.BufferedReader | io.FileIO):
        while stream.read(1 << 20):
            pass


def _from_bytes(source: str, data: bytes, truncated: bool, max_bytes: int,  # noqa: PLR0917
                max_depth: int = DEFAULT_JSON_DEPTH,
                claims_json: bool = False) -> Iterator[RawInput | Rejection]:
    """The articles in one input's bytes; a container is recognised by how it starts (after
    whitespace, a byte-order mark and invisible marks: a TREC file saved with a BOM is TREC).
    An input named ``.json`` (``claims_json``) or starting like JSON (``[{"``, ``{"``:
    :data:`~rasd.intake.records.JSON_START`) is read as JSON and never falls back to text."""
    lead = _LEADING.match(data)
    body = data[lead.end():] if lead else data
    head = body[:200]
    if body.strip() and (claims_json or JSON_START.match(body)):
        yield from _from_json(source, body, truncated, max_bytes, max_depth)
    elif head.startswith(b"<DOC>"):
        yield from _from_trec(source, data)
    elif head.startswith(b"[") and truncated:
        yield Rejection(source, "too_large", "a JSON array larger than max_array_bytes: split it or raise "
                        "the setting")
    elif head.startswith(b"["):
        yield from iter_json_array(source, body, max_bytes, max_depth)
    elif _TREC_HEAD.search(head):
        yield from _from_trec(source, data)
    elif looks_like_feed(data[:2048]):
        yield from iter_feed(source, data)
    else:
        yield RawInput(source, data[:max_bytes], truncated=truncated or len(data) > max_bytes)


def _from_json(source: str, body: bytes, truncated: bool, max_bytes: int,
               max_depth: int) -> Iterator[RawInput | Rejection]:
    """An input that is (or claims to be) JSON: an array (cut off or broken ones read up to
    where they stop), JSON Lines (a head cut at ``max_input_bytes`` says what was not read), or
    one document."""
    if body.startswith(b"[") and truncated:
        yield Rejection(source, "too_large", "a JSON array larger than max_array_bytes: split it or raise "
                        "the setting")
    elif body.startswith(b"["):
        yield from iter_json_array(source, body, max_bytes, max_depth, json_like=True)
    elif looks_jsonl(body, max_depth):
        yield from iter_jsonl(source, io.BytesIO(body), max_bytes, max_depth)
        if truncated:
            yield Rejection(source, "too_large", f"only the first max_input_bytes={max_bytes} bytes of "
                            "these JSON Lines were read: name the file .jsonl to read it line by line")
    else:
        yield from iter_json_document(source, body, truncated, max_bytes, max_depth)


def _from_record(where: str, record: dict[str, object], max_bytes: int) -> RawInput | Rejection:
    """A JSON record already parsed (kept for callers of the former name)."""
    return from_record(where, record, max_bytes)


def _trec_pieces(data: bytes) -> list[bytes | None]:
    """The complete ``<DOC>...</DOC>`` of a TREC file, in order, with ``None`` where text stands
    outside any of them (a document whose tag is broken): nothing in the file goes unreported."""
    pieces: list[bytes | None] = []
    pos = 0
    for m in _TREC_DOC.finditer(data):
        if not _blank(data[pos:m.start()]):
            pieces.append(None)
        pieces.append(m.group())
        pos = m.end()
    if not _blank(data[pos:]):
        pieces.append(None)
    return pieces


def _blank(gap: bytes) -> bool:
    """Whitespace, byte-order marks and invisible marks only."""
    return not gap.strip() or _LEADING.fullmatch(gap) is not None


def _from_trec(source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    pieces = _trec_pieces(data)
    if not any(pieces):
        yield Rejection(source, "malformed", "TREC file without a complete <DOC>...</DOC>")
        return
    for i, doc in enumerate(pieces):
        where = source if len(pieces) == 1 else f"{source}#{i + 1}"
        if doc is None:
            yield Rejection(where, "malformed", "text outside <DOC>...</DOC> (a broken tag?)")
            continue
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
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
