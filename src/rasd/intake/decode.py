"""Bytes to text: detect the encoding of Arabic news and say which was used.

Order of evidence: a byte-order mark; strict UTF-8; the charset an HTML or
XML document declares (only a character set counts: a codec such as ``hex``,
``base64`` or ``idna`` is ignored, and :attr:`Decoded.ignored` says so); then
the Arabic single-byte code pages (Windows-1256, ISO-8859-6), scored by how
many common Arabic words each decoding yields; charset-normalizer as a last
resort.

Also here: the two ways of making any ``str`` safe to write as UTF-8, for text
(:func:`replace_surrogates`, lone surrogates become U+FFFD) and for names
(:func:`escape_surrogates`, the bytes of a file name that is not UTF-8 are
shown escaped, ``\\xff``).
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


#: Codecs Python knows that are not character sets a page is written in (besides the
#: bytes-to-bytes and str-to-str transforms, which codecs marks as not text encodings).
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape",
                           "utf-7", "mbcs", "oem"})
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Decoded:
    """``text`` decoded with ``encoding`` by ``method`` (bom | utf-8 | declared | detected |
    utf-8-with-errors); ``ignored`` explains a declared charset that was not used, if any."""

    text: str
    encoding: str
    method: str
    ignored: str | None = None


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


def declared_charset(data: bytes) -> tuple[str | None, str | None]:
    """The character set ``data`` declares (``charset=`` or ``encoding=`` in its first 4 KB), as a
    Python codec name, and, when a declaration is there but is not a character set, why it is
    ignored: ``(codec, None)``, ``(None, reason)`` or ``(None, None)`` (nothing declared, or a
    name Python does not know)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None, None
    label = match.group(1).decode("ascii", "replace").lower()
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None, None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None, f"declared charset {label!r} is not a character set; ignored"
    return info.name, None


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
    declared, ignored = declared_charset(data)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except UnicodeError:  # UnicodeDecodeError, or a codec's own error on these bytes
            ignored = f"declared charset {declared!r} does not decode the input; ignored"
    found = _detect(data, utf8_error)
    return Decoded(found.text, found.encoding, found.method, ignored)


def _detect(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
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


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD, and how
    many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def escape_surrogates(name: str) -> str:
    """A name (a path, an archive member) safe to store and print: the bytes of a name that is not
    UTF-8 (decoded by Python with ``surrogateescape``) shown as ``\\xff``, any other lone surrogate
    as ``\\ud800``."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(_escape_one, name)


def _escape_one(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
