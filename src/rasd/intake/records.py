"""JSON inputs: JSON Lines, JSON arrays and the article records they hold.

Parsing is bounded and strict about what reaches an article: nesting deeper
than ``max_json_depth`` is refused before the parser sees it (so there is no
``RecursionError``); ``NaN``, ``Infinity`` and numbers too large for a float
become ``null`` with a ``non_finite_value`` flag; lone surrogates
(``"\\ud800"``), which no UTF-8 output can hold, become U+FFFD with an
``invalid_unicode`` flag. A JSON line longer than ``max_input_bytes`` is
refused while it is read (:func:`bounded_lines`), so one huge line never sits
in memory whole. A JSON array cut off (or broken) mid-way yields its complete
records, flagged ``truncated_array``, then a ``malformed`` rejection for the rest
(:func:`read_array_prefix`).
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import IO, Any

from ..errors import InputError, Rejection
from .decode import replace_surrogates
from .raw import RawInput

_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
#: Deepest nesting ever handed to the parser (Python's own recursion stays far away).
PARSE_DEPTH = 400
#: Bytes read at a time while skipping the rest of a line that is too long.
_SKIP_CHUNK = 1 << 20
#: How an input that claims to be JSON starts (after whitespace and invisible marks): an array
#: of objects or an object, ``[{"``, ``[ {}``, ``{"``, or only the start of one (a file cut off
#: after ``[`` or ``[{``). Text that merely opens with a bracket (``[عاجل]``) is not JSON.
JSON_START = re.compile(rb'\[\s*(?:\{\s*(?:["}]|\Z)|\Z)|\{\s*(?:["}]|\Z)')
_JSON_WS = re.compile(r"[ \t\n\r]*")
#: What a cut leaves where the parser stopped: the start of a number or of a literal (true,
#: false, null, NaN, Infinity), or of a ``\uXXXX`` escape; at most ``_MAX_CUT_TOKEN`` characters.
_CUT_TOKEN = re.compile(r"-?[0-9.eE+-]*|-?I(?:n(?:f(?:i(?:n(?:i(?:ty?)?)?)?)?)?)?|N(?:aN?)?"
                        r"|t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?")
_CUT_ESCAPE = re.compile(r"u[0-9a-fA-F]{0,3}")
_MAX_CUT_TOKEN = 40

# Field names accepted in JSON records, first match wins.
TEXT_FIELDS = ("text", "content", "body")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "pubDate", "date_published", "date_extracted")


def too_deep(data: bytes, limit: int) -> bool:
    """Whether the arrays and objects in JSON ``data`` nest deeper than ``limit`` (brackets inside
    strings do not count). Linear time, without recursion."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    marks = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, marks)), default=0) > limit


class _NonFinite:
    """What the parser returns for ``NaN``, ``Infinity`` or a float literal out of range, until
    :func:`clean` replaces it by ``None`` and counts it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text[:40]


def _number(text: str) -> float | _NonFinite:
    value = float(text)
    return value if math.isfinite(value) else _NonFinite(text)


#: The parser of :func:`parse_json`, item by item (:func:`read_array_prefix`).
_DECODER = json.JSONDecoder(parse_constant=_NonFinite, parse_float=_number)


def parse_json(data: bytes, max_depth: int) -> Any:
    """Parse JSON ``data`` (pass the value to :func:`clean` before use).

    Raises :class:`InputError` (``malformed``) for invalid JSON or nesting deeper than
    ``max_depth``.
    """
    if too_deep(data, max_depth):
        raise InputError(f"JSON nested deeper than max_json_depth={max_depth}", reason="malformed")
    try:
        return json.loads(data, parse_constant=_NonFinite, parse_float=_number)
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an int of > 4300 digits
        raise InputError(f"not JSON: {exc}", reason="malformed") from exc


def clean(value: Any) -> tuple[Any, list[tuple[str, str]]]:
    """A parsed value with non-finite numbers as ``None`` and lone surrogates as U+FFFD, and the
    ``(code, message)`` flags saying so."""
    dropped: list[str] = []
    value, surrogates = _clean(value, dropped)
    flags = []
    if dropped:
        flags.append(("non_finite_value", f"{len(dropped)} non-finite number(s) in the input "
                      f"({', '.join(dropped[:3])}) read as null"))
    if surrogates:
        flags.append(("invalid_unicode", f"{surrogates} lone surrogate(s) in the input's strings "
                      "replaced by U+FFFD"))
    return value, flags


def _clean(value: Any, dropped: list[str]) -> tuple[Any, int]:
    """Recursion is bounded by the nesting limit checked before parsing."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, _NonFinite):
        dropped.append(value.text)
        return None, 0
    if isinstance(value, list):
        items = [_clean(v, dropped) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        total = 0
        for k, v in value.items():
            key, n = replace_surrogates(k)
            out[key], m = _clean(v, dropped)
            total += n + m
        return out, total
    return value, 0


def bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for each line of ``stream``; ``None`` for a line longer than
    ``max_bytes``, whose rest is skipped in bounded chunks (never held whole)."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield lineno, line
            continue
        while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield lineno, None


def iter_jsonl(source: str, stream: IO[bytes], max_bytes: int,
               max_depth: int) -> Iterator[RawInput | Rejection]:
    """One result per non-blank line of a JSON Lines stream."""
    for lineno, line in bounded_lines(stream, max_bytes):
        where = f"{source}:{lineno}"
        if line is None:
            yield Rejection(where, "too_large", f"line {lineno} is longer than max_input_bytes="
                            f"{max_bytes}; a JSON line cannot be cut and still parse")
            continue
        if not line.strip():
            continue
        try:
            record, flags = clean(parse_json(line, max_depth))
        except InputError as exc:
            yield Rejection(where, exc.reason, f"line {lineno}: {exc.detail}")
            continue
        if not isinstance(record, dict):
            yield Rejection(where, "malformed", f"line {lineno} is not a JSON object")
            continue
        yield from_record(where, record, max_bytes, flags)


def looks_jsonl(data: bytes, max_depth: int) -> bool:
    """Whether ``data``'s first line is a JSON object (one nested too deeply to check counts,
    so that it is rejected as a JSON line rather than read as text)."""
    first = data.lstrip().split(b"\n", 1)[0].strip()
    if too_deep(first, max_depth):
        return first.startswith(b"{") and first.endswith(b"}")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def depth(value: Any) -> int:
    """How deep arrays and objects nest in a parsed value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


def iter_json_array(source: str, data: bytes, max_bytes: int, max_depth: int,
                    json_like: bool = False) -> Iterator[RawInput | Rejection]:
    """A JSON array of article objects (SaudiNewsNet's daily files): one result per item. An item
    nested deeper than ``max_depth`` is rejected alone; an array too deep to parse safely
    (:data:`PARSE_DEPTH`) is rejected whole.

    An array that does not parse is read up to where it breaks when the input claims to be JSON
    (``json_like``: named ``.json``, or starting like an array of objects, :data:`JSON_START`):
    see :func:`_recover_array`. Otherwise it is text that happens to start with ``[`` (an
    article opening with ``[عاجل]``), cut to ``max_bytes``.
    """
    try:
        records = parse_json(data, max(PARSE_DEPTH, max_depth + 1))
    except InputError as exc:
        if exc.detail.startswith("JSON nested"):
            yield Rejection(source, "malformed", exc.detail)
        elif json_like:
            yield from _recover_array(source, data, exc.detail, max_bytes, max_depth)
        else:
            yield RawInput(source, data[:max_bytes], truncated=len(data) > max_bytes)
        return
    if not isinstance(records, list):
        yield Rejection(source, "malformed", "JSON input is neither an object per line nor an array")
        return
    yield from _item_results(source, records, max_bytes, max_depth)


def _item_results(source: str, items: list[Any], max_bytes: int, max_depth: int,
                  flags: tuple[tuple[str, str], ...] = ()) -> Iterator[RawInput | Rejection]:
    """One result per parsed array item, ``source[i]``; ``flags`` go to every record."""
    for i, item in enumerate(items):
        where = f"{source}[{i}]"
        if depth(item) > max_depth:
            yield Rejection(where, "malformed", f"item {i} nested deeper than max_json_depth={max_depth}")
            continue
        record, own = clean(item)
        if isinstance(record, dict):
            yield from_record(where, record, max_bytes, [*own, *flags])
        else:
            yield Rejection(where, "malformed", f"item {i} is not a JSON object")


@dataclass(frozen=True)
class ArrayPrefix:
    """The complete items at the start of a JSON array that does not parse, and how it ends:
    ``cut`` (the input ends inside item ``len(items)``: a file cut off while it was written or
    copied), ``broken`` (item ``len(items)`` is not JSON) or ``trailer`` (the array is closed and
    something follows it). ``detail`` is the parser's message."""

    items: list[Any]
    ending: str
    detail: str


def _recover_array(source: str, data: bytes, error: str, max_bytes: int,
                   max_depth: int) -> Iterator[RawInput | Rejection]:
    """A JSON array that does not parse: its complete items, each read as a record (flagged
    ``truncated_array`` when the array is cut off or broken after them), then one ``malformed``
    rejection for the rest, with the parser's message (``source`` itself when no item is
    complete). ``error`` is the message of the failed whole parse (bytes that do not decode)."""
    text = _decoded(data)
    if text is None:
        yield Rejection(source, "malformed", error)
        return
    prefix = read_array_prefix(text)
    n = len(prefix.items)
    where = f"{source}[{n}]" if n else source
    if prefix.ending == "trailer":
        yield from _item_results(source, prefix.items, max_bytes, max_depth)
        yield Rejection(source, "malformed", f"text after the JSON array's closing bracket, not read: "
                        f"{prefix.detail}")
        return
    what = ("is cut off: the input ends inside" if prefix.ending == "cut" else "breaks at")
    flag = ("truncated_array", f"the JSON array this record comes from {what} item {n} (rejected as "
            f"{where}); this record, one of the {n} complete items before it, is whole")
    yield from _item_results(source, prefix.items, max_bytes, max_depth, (flag,))
    kept = f"; the {n} complete item(s) before it were read" if n else "; no item is complete"
    yield Rejection(where, "malformed", f"the JSON array {what} item {n}{kept} ({prefix.detail})")


def _decoded(data: bytes) -> str | None:
    """``data`` as text in the encoding JSON's own detection finds (as :func:`json.loads`), a
    character cut in two at the very end dropped; ``None`` when the bytes do not decode."""
    encoding = json.detect_encoding(data)
    try:
        return data.decode(encoding, "surrogatepass")
    except UnicodeDecodeError as exc:
        if exc.end < len(data):
            return None
        return data[:exc.start].decode(encoding, "surrogatepass")


def read_array_prefix(text: str) -> ArrayPrefix:
    """The complete items of JSON array ``text`` (which starts with ``[``) up to where it stops
    parsing. Its nesting must have been checked first (:func:`too_deep`): the parser recurses."""
    items: list[Any] = []
    pos = _JSON_WS.match(text, 1).end()  # type: ignore[union-attr]
    if text.startswith("]", pos):
        return ArrayPrefix(items, "trailer", f"char {pos + 1}")
    while pos < len(text):
        try:
            item, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return ArrayPrefix(items, "cut" if _cut_short(exc) else "broken", str(exc))
        except ValueError as exc:  # an int of more than 4300 digits
            return ArrayPrefix(items, "broken", str(exc))
        items.append(item)
        pos = _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("]", pos):
            return ArrayPrefix(items, "trailer", f"char {pos + 1}")
        if pos < len(text) and text[pos] != ",":
            return ArrayPrefix(items, "broken", f"expecting ',' or ']' at char {pos}")
        pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    return ArrayPrefix(items, "cut", f"the input ends at char {len(text)}")


def _cut_short(exc: json.JSONDecodeError) -> bool:
    """Whether the parser stopped because the text ends (a string never closed, or nothing but
    the start of a number, literal or ``\\u`` escape left), rather than at a wrong character."""
    if exc.msg.startswith("Unterminated string"):
        return True
    if len(exc.doc) - exc.pos > _MAX_CUT_TOKEN:
        return False
    tail = exc.doc[exc.pos:]
    if exc.msg.startswith("Invalid \\uXXXX escape"):
        return _CUT_ESCAPE.fullmatch(tail) is not None
    return _CUT_TOKEN.fullmatch(tail) is not None


def iter_json_document(source: str, data: bytes, truncated: bool, max_bytes: int,
                       max_depth: int) -> Iterator[RawInput | Rejection]:
    """An input that claims to be JSON (named ``.json``, or starting like an object) and is
    neither an array (:func:`iter_json_array`) nor JSON Lines: an object is one record. Invalid JSON is one
    ``malformed`` rejection with the parser's message, unless its lines are records (JSON Lines
    whose first line is broken: that line is rejected, the others read); an input cut at
    ``max_input_bytes`` is ``too_large`` (a document cannot be parsed from its head)."""
    if truncated:
        yield Rejection(source, "too_large", f"a JSON document longer than max_input_bytes={max_bytes} "
                        "cannot be parsed from its head")
        return
    try:
        value = parse_json(data, max_depth)
    except InputError as exc:
        if _line_records(data, max_depth):
            yield from iter_jsonl(source, io.BytesIO(data), max_bytes, max_depth)
        else:
            yield Rejection(source, exc.reason, exc.detail)
        return
    record, flags = clean(value)
    if isinstance(record, dict):
        yield from_record(source, record, max_bytes, flags)
    else:
        yield Rejection(source, "malformed", "JSON input is neither an object (one, or one per line) "
                        "nor an array")


def _line_records(data: bytes, max_depth: int) -> bool:
    """Whether ``data`` is line by line: a first line that is more than ``{`` (a pretty-printed
    object opens with ``{`` alone) and a later line that is a JSON object."""
    lines = data.lstrip().split(b"\n")
    if not lines[0].startswith(b"{") or len(lines[0].strip()) < 2:
        return False
    return any(looks_jsonl(line, max_depth) for line in lines[1:] if line.lstrip().startswith(b"{"))


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    return next((v for n in names if (v := _str_or_none(record.get(n)))), None)


def from_record(where: str, record: dict[str, Any], max_bytes: int,
                flags: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()) -> RawInput | Rejection:
    """The article a JSON record describes: ``text``/``content``/``body`` or ``html``, its URL,
    date and title; other fields go to ``extra``."""
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
                    _str_or_none(record.get("title")), truncated, extra, flags=list(flags))
