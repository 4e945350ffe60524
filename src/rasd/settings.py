"""One options object for the whole pipeline (trafilatura's ``Extractor``).

Each setting is declared once, with its default and its help text
(datasette's ``Setting``). A user's JSON file merges over the defaults and
everything is validated once, when it is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_input_bytes", 10_000_000,
            "Bytes read from one input; a larger input is cut to this size and flagged too_large."),
    Setting("max_markup_chars", 1_000_000,
            "Characters of HTML given to main-content extraction; a longer page loses its scripts, "
            "styles and comments, then is cut to this size, and is flagged too_large."),
    Setting("max_text_chars", 200_000,
            "Characters of text analysed per article (about 100 printed pages; the longest ANT article "
            "has 21,510); the rest is dropped and flagged too_large."),
    Setting("max_array_bytes", 64_000_000,
            "Bytes read of a file that is one JSON array of articles (SaudiNewsNet's daily files, up "
            "to 13 MB); each of its records is still bounded by max_input_bytes. A larger array is "
            "rejected as too_large."),
    Setting("max_json_depth", 100,
            "Deepest nesting of arrays and objects accepted in a JSON line, array or record; a deeper "
            "one is rejected as malformed before it is parsed."),
    Setting("min_arabic_ratio", 0.5,
            "Share of letters that must be Arabic-script for a text to count as Arabic."),
    Setting("max_persian_ratio", 0.02,
            "Share of Arabic-script letters that may be Persian/Urdu-only (پ چ ژ گ ی ک ...) in Arabic."),
    Setting("min_chars", 20,
            "An extracted text shorter than this (in letters) is rejected as empty."),
    Setting("max_subheading_words", 12,
            "A line of at most this many words, without final punctuation, may be a subheading."),
    Setting("on_error", "record",
            "What a component failure does: 'record' (flag the article and go on) or 'raise'."),
    Setting("include_tokens", True,
            "Whether JSON output lists every token."),
    Setting("html_extractor", "fast",
            "Main content of HTML: 'fast' (resiliparse, trafilatura when its result looks poor) or "
            "'trafilatura' (always)."),
    Setting("event_threshold", 0.5,
            "Events whose confidence (the trained check: does a sentence report the event "
            "happening?) is below this are candidates, left out of the events layer, the "
            "exports and the dashboard; 0.5 is the operating point chosen on held-out documents "
            "(docs/events.md). Higher: fewer, surer events."),
    Setting("all_candidates", False,
            "Keep events below event_threshold too, marked \"candidate\": true "
            "(rasd analyze --all-candidates)."),
)


@dataclass(frozen=True)
class Settings:
    max_input_bytes: int = 10_000_000
    max_markup_chars: int = 1_000_000
    max_text_chars: int = 200_000
    max_array_bytes: int = 64_000_000
    max_json_depth: int = 100
    min_arabic_ratio: float = 0.5
    max_persian_ratio: float = 0.02
    min_chars: int = 20
    max_subheading_words: int = 12
    on_error: str = "record"
    include_tokens: bool = True
    html_extractor: str = "fast"
    event_threshold: float = 0.5
    all_candidates: bool = False

    def __post_init__(self) -> None:
        validate(self)

    def merged(self, overrides: dict[str, Any]) -> Settings:
        known = {s.name for s in SETTINGS}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **overrides)


def validate(settings: Settings) -> None:
    """Check types and ranges of every declared setting."""
    for spec in SETTINGS:
        value = getattr(settings, spec.name)
        expected = type(spec.default)
        ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
        if not ok or (expected is int and isinstance(value, bool)):
            raise SettingsError(f"setting {spec.name} must be {expected.__name__}, got {value!r}")
    if settings.on_error not in ("record", "raise"):
        raise SettingsError("setting on_error must be 'record' or 'raise'")
    if settings.html_extractor not in ("fast", "trafilatura"):
        raise SettingsError("setting html_extractor must be 'fast' or 'trafilatura'")
    for name in ("max_input_bytes", "max_array_bytes", "max_markup_chars", "max_text_chars", "max_json_depth",
                 "max_subheading_words"):
        if getattr(settings, name) <= 0:
            raise SettingsError(f"setting {name} must be positive")
    for name in ("min_arabic_ratio", "max_persian_ratio", "event_threshold"):
        if not 0.0 <= getattr(settings, name) <= 1.0:
            raise SettingsError(f"setting {name} must lie in [0, 1]")


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then a user's JSON file, then keyword overrides."""
    merged: dict[str, Any] = {}
    if path is not None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise SettingsError(f"settings file {path} must hold a JSON object")
        merged.update(data)
    merged.update(overrides)
    return Settings().merged(merged)


def _check_declared() -> None:
    declared = {s.name: s.default for s in SETTINGS}
    defaults = {f.name: f.default for f in fields(Settings)}
    if declared != defaults:
        raise SettingsError("SETTINGS and Settings disagree on names or defaults")


_check_declared()
