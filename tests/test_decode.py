from __future__ import annotations

import codecs

import pytest

from rasd.errors import InputError
from rasd.intake.decode import decode, is_binary

from .conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_decode_arabic_codepages(encoding: str) -> None:
    # The seed has characters outside ISO-8859-6 (quotes, em dash); keep those it can encode.
    text = SEED_TEXT.encode(encoding, errors="ignore").decode(encoding)
    decoded = decode(text.encode(encoding))
    assert decoded.encoding == encoding
    assert decoded.method == "detected"
    assert decoded.text == text


def test_decode_utf8_and_bom() -> None:
    assert decode(SEED_TEXT.encode("utf-8")).method == "utf-8"
    bom = decode(codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"))
    assert (bom.method, bom.text) == ("bom", SEED_TEXT)
    utf16 = decode(SEED_TEXT.encode("utf-16"))
    assert utf16.method == "bom" and utf16.text == SEED_TEXT


def test_decode_declared_charset() -> None:
    html = f'<html><head><meta charset="windows-1256"></head><body><p>{SEED_TEXT[:400]}</p></body></html>'
    data = html.encode("cp1256", errors="ignore")
    decoded = decode(data)
    assert decoded.encoding == "cp1256" and decoded.method == "declared"


def test_decode_binary_rejected() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert is_binary(png)
    with pytest.raises(InputError) as err:
        decode(png)
    assert err.value.reason == "binary"
