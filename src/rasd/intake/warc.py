"""WARC files (web archives, ``.warc`` / ``.warc.gz``), read with warcio.

Each ``response`` record with a 2xx HTTP status and a text or HTML body, and
each ``resource`` record, becomes one :class:`~rasd.intake.inputs.RawInput`: the
record's ``WARC-Target-URI`` is the URL and its ``WARC-Date`` the published
date (the capture time: a floor, not the publication date, hence
``published_source="warc"``). Other records (requests, metadata, redirects,
images) are skipped; a broken archive yields a ``malformed`` rejection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Rejection
from .inputs import RawInput

WARC_SUFFIXES = (".warc", ".warc.gz")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def iter_warc(path: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """Yield the articles of a WARC file, in record order."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    try:
        with path.open("rb") as stream:
            for index, record in enumerate(ArchiveIterator(stream)):
                item = _record(path, index, record, max_bytes)
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        yield Rejection(str(path), "malformed", f"cannot read WARC {path}: {exc}")


def _record(path: Path, index: int, record: object, max_bytes: int) -> RawInput | None:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    content_type = ""
    if rec_type == "response":
        http = record.http_headers  # type: ignore[attr-defined]
        if http is None or not http.get_statuscode().startswith("2"):
            return None
        content_type = (http.get_header("Content-Type") or "").lower()
    else:
        content_type = (headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(_TEXT_TYPES):
        return None
    data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    return RawInput(
        f"{path}#{index + 1}",
        data[:max_bytes],
        kind="text" if content_type.startswith("text/plain") else "html",
        url=url,
        published=headers.get_header("WARC-Date"),
        truncated=len(data) > max_bytes,
        published_source="warc",
        extra={"warc_record_id": headers.get_header("WARC-Record-ID")},
    )
