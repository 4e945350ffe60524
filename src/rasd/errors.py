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
    "too_large": "a JSON line (or record) larger than the max_input_bytes setting: it cannot be parsed "
                 "from its head alone (other inputs are cut to their head and flagged too_large)",
    "decode_error": "no candidate encoding decodes the bytes",
    "not_arabic": "the text is in another language or script (Persian, Urdu, Latin...)",
    "malformed": "the input could not be parsed as the kind it claims to be (HTML, JSON, TREC)",
    "not_found": "the path does not exist",
    "not_a_file": "the path is not a regular file or folder: a FIFO, socket or device, a dangling "
                  "symbolic link, a symbolic link loop, or a symbolic link to a folder (not followed)",
    "unreadable": "the file or folder exists but cannot be read (permission denied, I/O error), or an "
                  "archive member is encrypted",
    "corrupt_archive": "compressed data that cannot be decompressed (a corrupt .gz, .zip, .tar.* or "
                       ".xz stream, a failed CRC check); the archive's other members still count",
    "component_failed": "an analysis component raised; the article is kept without its layer",
    "internal_error": "an unexpected error while reading the input (a bug: please report it)",
    "duplicate": "the same article (canonical URL or normalized text) was already read in this crawl",
    "not_response": "crawl gate: a WARC record that is not a response or resource (request, metadata...)",
    "http_status": "crawl gate: an HTTP response whose status is not 2xx",
    "mime_type": "crawl gate: a body that is neither HTML nor text",
    "host_excluded": "crawl gate: a host known to publish no Arabic (rasd/data/crawl_hosts.json)",
    "no_arabic_bytes": "crawl gate: too few Arabic letters in the first 64 KB of the body",
}


#: Flag codes an article may carry (``article.flags``): the article is kept, with a doubt or a
#: partial result that its reader should know. Documented in the CLI reference.
FLAGS: dict[str, str] = {
    "too_large": "the input or its text was longer than a limit (max_input_bytes, max_markup_chars, "
                 "max_text_chars) and was cut; the message says which",
    "component_failed": "an analysis component raised; its layer is missing or partial",
    "extraction_fallback": "trafilatura found no main content in the HTML; the page text was used",
    "mixed_script": "a good share of the letters are not Arabic",
    "truncated_record": "a WARC file ends inside this record: the text is cut",
    "truncated_array": "the JSON array this record comes from is cut off after it (or breaks at a "
                       "later item that is not JSON): the record is whole, the rest of the array is a "
                       "malformed rejection",
    "charset_ignored": "the input declares a charset that is not a text encoding (hex, base64, "
                       "idna...) or does not decode it; the declaration was ignored",
    "invalid_unicode": "the input held lone surrogates (\\ud800 escapes in JSON, or in a string "
                       "given to the API); each was replaced by U+FFFD",
    "non_finite_value": "a number was NaN or infinite (in an input field or in a layer's attributes); "
                        "it was replaced by null, since output is strict JSON",
    "malformed_url": "the input's URL cannot be parsed (bad IPv6 host, bad port, spaces or control "
                     "characters); it was dropped",
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
