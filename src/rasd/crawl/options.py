"""The crawl's own settings, declared once with their defaults and help (like
:mod:`rasd.settings`), and the hash that ties an output folder to them.

Analysis settings (``--settings FILE``) are the usual :class:`~rasd.settings.Settings`;
the crawl adds how WARC files are read and gated. A WARC's completion marker holds
:func:`settings_hash` of both, of the pipeline and of rasd's version: a marker written
under other settings does not count as done.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from .. import __version__
from ..errors import SettingsError
from ..settings import Setting, Settings

CRAWL_SETTINGS: tuple[Setting, ...] = (
    Setting("warc_reader", "warcio",
            "WARC reader: 'warcio' or 'fastwarc' (faster on headers; the resiliparse project's, installed "
            "with rasd); both read the same records."),
    Setting("gate_head_bytes", 65_536,
            "Bytes of a body the Arabic byte count looks at (its head)."),
    Setting("gate_min_arabic_bytes", 40,
            "Arabic letters (UTF-8 lead bytes D8-DB) a body's head must hold to be analysed; pages that "
            "declare Windows-1256 or ISO-8859-6 skip this count."),
    Setting("exclude_hosts", (),
            "Hosts (and their subdomains) dropped before their body is read, added to "
            "rasd/data/crawl_hosts.json."),
    Setting("row_group_articles", 256,
            "Articles written per Parquet row group (bounds a worker's memory on a large WARC)."),
)


@dataclass(frozen=True)
class CrawlOptions:
    warc_reader: str = "warcio"
    gate_head_bytes: int = 65_536
    gate_min_arabic_bytes: int = 40
    exclude_hosts: tuple[str, ...] = ()
    row_group_articles: int = 256

    def __post_init__(self) -> None:
        if self.warc_reader not in ("warcio", "fastwarc"):
            raise SettingsError(
                f"setting warc_reader must be 'warcio' or 'fastwarc', got {self.warc_reader!r}")
        for name in ("gate_head_bytes", "row_group_articles"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) <= 0:
                raise SettingsError(f"setting {name} must be a positive integer")
        if not isinstance(self.gate_min_arabic_bytes, int) or self.gate_min_arabic_bytes < 0:
            raise SettingsError("setting gate_min_arabic_bytes must be a non-negative integer")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlOptions:
        """Options from a JSON object (unknown names raise :class:`SettingsError`)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SettingsError(f"unknown crawl setting(s): {', '.join(unknown)}")
        values = dict(data)
        if "exclude_hosts" in values:
            values["exclude_hosts"] = tuple(str(h).lower() for h in values["exclude_hosts"])
        return replace(cls(), **values)


def split_settings(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split one settings object into analysis settings and crawl settings (by name)."""
    crawl_names = {s.name for s in CRAWL_SETTINGS}
    return ({k: v for k, v in data.items() if k not in crawl_names},
            {k: v for k, v in data.items() if k in crawl_names})


def settings_hash(settings: Settings, options: CrawlOptions, pipeline: tuple[str, ...] | None) -> str:
    """16 hex digits of sha256 over the analysis settings, crawl options, pipeline and version."""
    analysis, crawl = asdict(settings), asdict(options)
    analysis.pop("on_error", None)  # how failures are routed does not change the rows
    crawl.pop("row_group_articles", None)
    state = {"settings": analysis, "crawl": crawl, "pipeline": pipeline, "rasd": __version__}
    blob = json.dumps(state, sort_keys=True, default=list).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _check_declared() -> None:
    declared = {s.name: s.default for s in CRAWL_SETTINGS}
    defaults = {f.name: f.default for f in fields(CrawlOptions)}
    if declared != defaults:
        raise SettingsError("CRAWL_SETTINGS and CrawlOptions disagree on names or defaults")


_check_declared()
