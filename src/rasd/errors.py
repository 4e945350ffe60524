"""One root for every error rasd raises, with stable reason codes.

A rejected document is never an exception that escapes a batch: the batch
runner turns a :class:`RasdError` into a :class:`Rejection` record whose
``reason`` is one of :data:`REASONS`, and the run summary counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Stable reason codes, documented in the README; tests check each is listed.
REASONS: dict[str, str] = {
    "empty": "the input has no text (zero bytes, only whitespace, or no extractable content)",
    "binary": "the input is not text (NUL bytes or control characters)",
    "too_large": "the input is larger than the max_input_bytes setting; only its head was read",
    "decode_error": "no candidate encoding decodes the bytes",
    "not_arabic": "the text is in another language or script (Persian, Urdu, Latin...)",
    "malformed": "the input could not be parsed as the kind it claims to be (HTML, JSON, TREC)",
    "not_found": "the path does not exist or cannot be read",
    "component_failed": "an analysis component raised; the article is kept without its layer",
    "internal_error": "an unexpected error while reading the input (a bug: please report it)",
    "duplicate": "the same article (canonical URL or normalized text) was already read in this crawl",
    "not_response": "crawl gate: a WARC record that is not a response or resource (request, metadata...)",
    "http_status": "crawl gate: an HTTP response whose status is not 2xx",
    "mime_type": "crawl gate: a body that is neither HTML nor text",
    "host_excluded": "crawl gate: a host known to publish no Arabic (rasd/data/crawl_hosts.json)",
    "no_arabic_bytes": "crawl gate: too few Arabic letters in the first 64 KB of the body",
}


class RasdError(Exception):
    """Root of rasd's errors. ``reason`` is a stable code from :data:`REASONS`."""

    reason = "component_failed"

    def __init__(self, message: str, reason: str | None = None) -> None:
        if reason is not None:
            if reason not in REASONS:
                raise ValueError(f"unknown reason code {reason!r}")
            self.reason = reason
        self.detail = message
        super().__init__(f"[{self.reason}] {message}")


class InputError(RasdError, ValueError):
    """The input cannot be turned into an article (empty, binary, not Arabic...)."""

    reason = "malformed"


class SettingsError(RasdError, ValueError):
    """A settings file or value is invalid."""

    reason = "malformed"


class LexiconError(RasdError, ValueError):
    """A data file beside the code is missing, malformed or has an empty group."""

    reason = "malformed"


class ComponentError(RasdError, RuntimeError):
    """A pipeline component failed on one article."""

    reason = "component_failed"


class PipelineError(RasdError, ValueError):
    """A pipeline is wrongly assembled: a component reads a layer no earlier component
    writes, a name is unknown, or a component wrote a layer it did not declare."""

    reason = "component_failed"


class StoreError(RasdError, RuntimeError):
    """The article store cannot be opened, migrated, read or written."""

    reason = "malformed"


@dataclass(frozen=True)
class Rejection:
    """What a batch reports for an input it could not analyse."""

    source: str
    reason: str
    message: str
    url: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "status": "rejected",
            "source": self.source,
            "reason": self.reason,
            "message": self.message,
        }
        if self.url is not None:
            out["url"] = self.url
        return out
