"""Bytes to text: detect the encoding of Arabic news and say which was used.

Order of evidence: a byte-order mark; strict UTF-8; the charset an HTML or
XML document declares; then the Arabic single-byte code pages
(Windows-1256, ISO-8859-6), scored by how many common Arabic words each
decoding yields; charset-normalizer as a last resort.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_ARABIC_CODEPAGES = ("cp1256", "iso-8859-6")
# Frequent Arabic function words: the right decoding is full of them.
_COMMON = re.compile(r"(?<!\S)(?:في|من|على|إلى|الى|أن|ان|عن|مع|التي|الذي|هذا|هذه|كان|قال|بين)(?!\S)")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    method: str  # bom | utf-8 | declared | detected


def is_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def _score(text: str) -> float:
    hits = len(_COMMON.findall(text))
    bad = text.count("\ufffd") + sum(1 for ch in text if 0x80 <= ord(ch) < 0xA0)
    return hits - 5 * bad


def _declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`InputError` (binary, decode_error)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name.replace("-sig", ""), "bom")
    if is_binary(data):
        raise InputError("input looks binary (NUL or control bytes)", reason="binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared(data)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except UnicodeDecodeError:
            pass
    candidates = []
    for name in _ARABIC_CODEPAGES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), name, text))
    if candidates:
        score, name, text = max(candidates, key=lambda c: c[0])
        if score > 0:
            return Decoded(text, name, "detected")
    return _fallback(data, utf8_error)


def _fallback(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        # Mostly UTF-8 with a few broken bytes (a truncated multi-byte char).
        if utf8_error.start > len(data) * 0.9:
            return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf-8-with-errors")
        raise InputError("no encoding decodes this input", reason="decode_error")
    return Decoded(str(best), best.encoding, "detected")
