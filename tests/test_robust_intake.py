"""Issue 16: kinds of input that used to escape a batch as an exception, each fixed as a kind.

Every test feeds real text (the seed article, real ANT documents) carrying the bad element and
checks that the batch yields one result per input, the right rejection reason or flag, and
strict JSON.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from rasd.api import Summary, analyze, analyze_path
from rasd.cli import main
from rasd.errors import REASONS, InputError, Rejection
from rasd.model import Article
from rasd.settings import Settings
from rasd.store.ingest import ingest_paths

from .conftest import DATA, SEED
from .robust_helpers import check_result

SEED_TEXT = SEED.read_text(encoding="utf-8")
ANT = sorted((DATA / "ant").glob("*.txt"))
ROBUST = DATA / "robust"


def codes(article: Article) -> set[str]:
    return {f.code for f in article.flags}


def outcomes(results: list[Article | Rejection]) -> list[str]:
    return [r.reason if isinstance(r, Rejection) else "ok" for r in results]


# -- declared charsets that are not text codecs ----------------------------------------------
#: Codec names Python knows that are not character sets: bytes-to-bytes transforms, str-to-str
#: transforms, and text codecs that no page is written in.
NOT_CHARSETS = ["hex", "base64", "rot13", "zlib", "bz2", "uu", "quopri", "idna", "punycode",
                "unicode_escape", "raw_unicode_escape", "undefined", "utf-7"]


def _page(charset: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line.strip())
    html = f'<html><head><meta charset="{charset}"><title>خبر</title></head><body>{body}</body></html>'
    return html.encode("cp1256", errors="ignore")  # not UTF-8: the declaration is consulted


@pytest.mark.parametrize("label", NOT_CHARSETS)
def test_robust_declared_non_text_codec_ignored_in_html(label: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_page(label))
    [result] = list(analyze_path(str(path)))
    assert isinstance(result, Article), result
    assert result.meta.encoding == "cp1256" and "charset_ignored" in codes(result)
    check_result(result)


@pytest.mark.parametrize("label", ["hex", "base64", "idna"])
def test_robust_declared_non_text_codec_ignored_in_trec(label: str, tmp_path: Path) -> None:
    """A TREC file whose URL happens to carry ``encoding=...`` (the declaration pattern)."""
    docs = []
    for f in ANT[:3]:
        doc = f.read_text(encoding="utf-8")
        docs.append(doc.replace("</URL>", f"?encoding={label}</URL>", 1))
    path = tmp_path / "trec.txt"
    path.write_bytes("\n".join(docs).encode("cp1256", errors="ignore"))
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["ok"] * 3
    assert all("charset_ignored" in codes(r) for r in results if isinstance(r, Article))


@pytest.mark.parametrize("label", ["hex", "base64", "idna", "utf-7", "undefined"])
def test_robust_declared_non_text_codec_ignored_in_feed(label: str, tmp_path: Path) -> None:
    """feedparser itself raised UnicodeError on ``encoding="undefined"``: rasd decodes such a feed."""
    feed = (DATA / "feeds" / "ant-sample.rss").read_bytes()
    path = tmp_path / "feed.xml"
    path.write_bytes(feed.replace(b'encoding="UTF-8"', f'encoding="{label}"'.encode(), 1))
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["ok"] * 5
    assert all("charset_ignored" in codes(r) for r in results if isinstance(r, Article))


# -- a string is text, a path is a Path ------------------------------------------------------
def test_robust_analyze_one_line_string_is_text() -> None:
    line = max(SEED_TEXT.splitlines(), key=len)
    assert len(line) > 130 and "\n" not in line
    article = analyze(line)
    assert article.text == line and article.meta.path == "<string>"


def test_robust_analyze_string_naming_a_file_is_still_text() -> None:
    with pytest.raises(InputError) as err:
        analyze(str(SEED))  # the path's letters are Latin: a text, not Arabic
    assert err.value.reason == "not_arabic"
    assert analyze(SEED).headline == analyze(path=str(SEED)).headline


# -- file names that are not UTF-8 -----------------------------------------------------------
def _non_utf8_folder(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"\xff\xfe-\xd8\xae\xd8\xa8\xd8\xb1.txt")  # Latin-1 bytes, then UTF-8 Arabic
    (folder / name).write_bytes(SEED.read_bytes())
    return folder, "\\xff\\xfe-خبر.txt"


def test_robust_non_utf8_file_name_analyze(tmp_path: Path) -> None:
    folder, shown = _non_utf8_folder(tmp_path)
    [result] = list(analyze_path(str(folder)))
    assert isinstance(result, Article) and result.meta.path.endswith(shown)
    check_result(result)
    out = io.StringIO()
    assert main(["analyze", str(folder), "--format", "json", "--quiet"], out) == 0
    out.getvalue().encode("utf-8")  # strict: no surrogate reaches the output
    assert json.loads(out.getvalue())["meta"]["path"].endswith(shown)


def test_robust_non_utf8_file_name_ingest(tmp_path: Path) -> None:
    folder, shown = _non_utf8_folder(tmp_path)
    db = tmp_path / "rasd.db"
    assert ingest_paths([str(folder)], str(db)).stored == 1
    assert ingest_paths([str(folder)], str(db)).already_stored == 1  # a rerun does not fail
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source FROM articles").fetchone()[0].endswith(shown)


# -- lone surrogates -------------------------------------------------------------------------
def _surrogate_record() -> dict[str, object]:
    text = SEED_TEXT.replace("كازاخستان", "كازاخ\ud800ستان", 3)
    return {"text": text, "title": "\udc00كازاخستان", "url": "https://example.org/\ud83d",
            "author": "ألماتي\udfff", "tags": ["\ud800", "ok"]}


def test_robust_lone_surrogates_replaced_with_flag(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(_surrogate_record()) + "\n" + json.dumps({"text": SEED_TEXT}) + "\n")
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["ok", "ok"]
    first = results[0]
    assert isinstance(first, Article)
    assert "invalid_unicode" in codes(first) and "component_failed" not in codes(first)
    assert first.meta.extra["tags"] == ["\ufffd", "ok"] and "\ufffd" in first.text
    check_result(first)
    assert ingest_paths([str(path)], str(tmp_path / "rasd.db")).stored == 2


def test_robust_lone_surrogate_in_api_string() -> None:
    article = analyze(SEED_TEXT + "\ud800", settings=Settings(on_error="raise"))
    assert "invalid_unicode" in codes(article)
    check_result(article)


# -- corrupt compressed data ------------------------------------------------------------------
def _corrupt_deflate(data: bytes, decompress: object) -> bytes:
    """``data`` with one byte of its compressed stream flipped, the first flip that makes
    ``decompress`` fail (deterministic)."""
    for at in range(len(data) // 2, len(data) - 16):
        bad = bytearray(data)
        bad[at] ^= 0xFF
        try:
            decompress(bytes(bad))  # type: ignore[operator]
        except (zlib.error, OSError, EOFError, zipfile.BadZipFile):
            return bytes(bad)
    raise AssertionError("no corrupting flip found")


def test_robust_corrupt_gzip_rejected_and_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    packed = gzip.compress(SEED.read_bytes() * 3, mtime=0)
    (folder / "a.txt.gz").write_bytes(_corrupt_deflate(packed, gzip.decompress))
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    summary = Summary()
    results = list(analyze_path(str(folder), summary=summary))
    assert outcomes(results) == ["corrupt_archive", "ok"]
    assert summary.rejected == {"corrupt_archive": 1}


def test_robust_corrupt_zip_member_rejected_rest_continues(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", SEED.read_bytes() * 2)
        for f in ANT[:2]:
            z.writestr(f.name, f.read_bytes())
    data = buf.getvalue()
    start = data.index(b"a.txt") + len(b"a.txt")
    bad = data[:start] + _corrupt_deflate(data[start:start + 2000], zlib.decompressobj(-15).decompress) \
        + data[start + 2000:]
    path = tmp_path / "day.zip"
    path.write_bytes(bad)
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["corrupt_archive", "ok", "ok"]


def test_robust_corrupt_jsonl_gz_keeps_lines_before(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f.read_text(encoding="utf-8")}) + "\n" for f in ANT).encode()
    packed = bytearray(gzip.compress(lines, mtime=0))
    packed[-6] ^= 0xFF  # the CRC-32 in the trailer: every line decompresses, the check fails
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(bytes(packed))
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["ok"] * len(ANT) + ["corrupt_archive"]


def _fixed_header(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname, info.mtime = 0o644, 0, 0, "", "", 0
    return info


@pytest.mark.parametrize("mode", [0o644, 0o664])
def test_robust_tar_gz_crc_is_checked(tmp_path: Path, mode: int) -> None:
    # a flipped byte that still inflates is only caught by the gzip CRC at the stream's end
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        info = tarfile.TarInfo("seed.txt")
        data = SEED.read_bytes()
        info.size, info.mode = len(data), mode
        tar.addfile(info, io.BytesIO(data))
    packed = bytearray(gzip.compress(raw.getvalue(), mtime=0))
    packed[-6] ^= 0xFF  # the stored CRC-32
    path = tmp_path / "seed.tar.gz"
    path.write_bytes(bytes(packed))
    assert outcomes(list(analyze_path([str(path), str(SEED)]))) == ["ok", "corrupt_archive", "ok"]


def test_robust_corrupt_tar_gz_rejected(tmp_path: Path) -> None:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for f in ANT:  # headers fixed, so the flipped byte does not depend on the checkout's modes
            tar.add(f, arcname=f.name, filter=_fixed_header)
    packed = gzip.compress(raw.getvalue(), mtime=0)
    path = tmp_path / "ant.tar.gz"
    path.write_bytes(_corrupt_deflate(packed, gzip.decompress))
    results = list(analyze_path([str(path), str(SEED)]))
    assert "corrupt_archive" in outcomes(results) and outcomes(results)[-1] == "ok"


def test_robust_archive_member_dotdot_name_is_ordinary(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("..x.txt", SEED.read_bytes())
        z.writestr(".hidden.txt", SEED.read_bytes())
        z.writestr("dir/..y.txt", ANT[0].read_bytes())
    results = list(analyze_path(str(path)))
    assert [r.meta.path.rsplit("!", 1)[1] for r in results if isinstance(r, Article)] == [
        "..x.txt", "dir/..y.txt"]


# -- deeply nested JSON ----------------------------------------------------------------------
def test_robust_deep_json_line_rejected_next_line_read(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    path = tmp_path / "deep.jsonl"
    path.write_text(f'{{"text": {json.dumps(SEED_TEXT)}, "x": {deep}}}\n{json.dumps({"text": SEED_TEXT})}\n')
    results = list(analyze_path(str(path)))
    assert outcomes(results) == ["malformed", "ok"]
    assert "nest" in results[0].message  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["deep.json", "deep.txt"])
def test_robust_deep_json_array_or_first_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    opener, closer = ("[", "]") if name.endswith(".json") else ('{"a":', "}")
    path.write_text(opener * 5000 + "1" + closer * 5000 + "\n" + SEED_TEXT)
    results = list(analyze_path(str(path)))
    assert results and outcomes(results)[0] == "malformed"


# -- NaN and Infinity in input fields ----------------------------------------------------------
def test_robust_non_finite_input_fields_not_copied(tmp_path: Path) -> None:
    path = tmp_path / "nan.jsonl"
    fields = '"score": NaN, "ratio": -Infinity, "big": 1e400, "ok": 2.5, "nested": {"v": Infinity}'
    path.write_text(f'{{"text": {json.dumps(SEED_TEXT)}, {fields}}}\n')
    [result] = list(analyze_path(str(path)))
    assert isinstance(result, Article) and "non_finite_value" in codes(result)
    extra = result.meta.extra
    assert (extra["score"], extra["ratio"], extra["big"], extra["ok"], extra["nested"]) == (
        None, None, None, 2.5, {"v": None})
    check_result(result)


# -- special files ---------------------------------------------------------------------------
def test_robust_special_files_in_folder_are_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b_loop").symlink_to(folder / "b_loop")
    (folder / "c_dangling").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "d_fifo")
    (folder / "e_dirlink").symlink_to(folder / "sub")
    (folder / "f_link.txt").symlink_to(folder / "a.txt")
    (folder / "sub" / "..x.txt").write_bytes(ANT[0].read_bytes())
    (folder / ".hidden.txt").write_bytes(SEED.read_bytes())
    summary = Summary()
    results = list(analyze_path(str(folder), summary=summary))
    assert outcomes(results) == ["ok", "not_a_file", "not_a_file", "not_a_file", "not_a_file", "ok", "ok"]
    assert summary.rejected == {"not_a_file": 4} and summary.read == 7
    assert all(r.message for r in results if isinstance(r, Rejection))


def test_robust_fifo_given_as_path_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    exe = Path(sys.executable).parent / "rasd"
    proc = subprocess.run([str(exe), "analyze", str(fifo), "--format", "json", "--quiet"],
                          capture_output=True, timeout=120, check=False)
    assert json.loads(proc.stdout)["reason"] == "not_a_file"


def _without_dac_override() -> list[str]:
    """A command prefix under which this process's user cannot bypass file permissions."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_robust_permission_denied_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    (folder / "a.txt").chmod(0)
    exe = Path(sys.executable).parent / "rasd"
    proc = subprocess.run([*_without_dac_override(), str(exe), "analyze", str(folder), "--format", "json",
                           "--quiet"], capture_output=True, timeout=300, check=False)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d.get("reason", "ok") for d in lines] == ["unreadable", "ok"], proc.stderr[-2000:]


# -- malformed URLs --------------------------------------------------------------------------
BAD_URLS = ["http://[::1", "https://[zz]/a", "http://example.org:port/", "http://exa mple.org/",
            "http://example.org/\x00a"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_robust_malformed_url_same_rule_for_analyze_and_ingest(url: str, tmp_path: Path) -> None:
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"text": SEED_TEXT, "url": url}) + "\n")
    [result] = list(analyze_path(str(path)))
    assert isinstance(result, Article) and result.meta.url is None
    assert "malformed_url" in codes(result)
    summary = ingest_paths([str(path)], str(tmp_path / "rasd.db"))
    assert summary.stored == 1 and not summary.rejected


# -- resources --------------------------------------------------------------------------------
def test_robust_long_json_line_read_with_a_bound(tmp_path: Path) -> None:
    """A line longer than max_input_bytes is rejected as too_large while it is read (the memory
    peak is measured by bench/bench_intake_limits.py); the lines after it are read."""
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"text": SEED_TEXT * 400}) + "\n")
        out.write(json.dumps({"text": SEED_TEXT}) + "\n")
    settings = Settings(max_input_bytes=200_000)
    results = list(analyze_path(str(path), settings=settings))
    assert outcomes(results) == ["too_large", "ok"]


def test_robust_oversized_html_cut_before_extraction(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for f in ANT for line in f.read_text(encoding="utf-8").splitlines())
    page = f"<html><head><title>خبر</title></head><body>{body * 20}</body></html>"
    path = tmp_path / "big.html"
    path.write_text(page, encoding="utf-8")
    settings = Settings(max_markup_chars=100_000, max_text_chars=50_000)
    [result] = list(analyze_path(str(path), settings=settings))
    assert isinstance(result, Article) and len(result.text) <= 50_000
    assert [f.code for f in result.flags].count("too_large") >= 1
    assert any("max_markup_chars" in f.message for f in result.flags)


def test_robust_reasons_declared() -> None:
    for reason in ("corrupt_archive", "not_a_file", "unreadable"):
        assert reason in REASONS


# -- bidi controls inside words --------------------------------------------------------------
@pytest.mark.parametrize("mark", ["\u202e", "\u200f", "\u2067", "\u200b"])
def test_robust_bidi_control_inside_word_no_component_fails(mark: str) -> None:
    """Every component runs. Events once raised IndexError: the tokenizer split ``الديب\u202eلوماسي``
    at the mark while the normalized view, which deletes it, unified the spelling variant
    ``ديبلوماسي`` across it; the token ``لوماسي`` (tagged LOC) then had an empty normalized form."""
    text = SEED_TEXT.replace("الديبلوماسي", f"الديب{mark}لوماسي").replace("الأميركية", f"الأمير{mark}كية")
    article = analyze(text, settings=Settings(on_error="raise"))
    check_result(article)


@pytest.mark.parametrize("name", sorted(p.name for p in ROBUST.glob("*.txt")))
def test_robust_real_articles_with_invisible_marks(name: str) -> None:
    article = analyze(ROBUST / name, settings=Settings(on_error="raise"))
    check_result(article)


def test_robust_deep_item_in_json_array_rejected_alone(tmp_path: Path) -> None:
    """Found by the fuzzer: one deep item no longer costs the array's other articles."""
    items = [{"text": SEED_TEXT}, {"text": SEED_TEXT, "x": json.loads("[" * 150 + "]" * 150)},
             {"text": ANT[0].read_text(encoding="utf-8")}]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert outcomes(list(analyze_path(str(path)))) == ["ok", "malformed", "ok"]


@pytest.mark.parametrize("lead", [b"\xef\xbb\xbf", "\u202e".encode(), b"\n \xe2\x80\x8f"])
def test_robust_container_after_bom_or_invisible_mark(lead: bytes, tmp_path: Path) -> None:
    """Found by the fuzzer: a TREC file (or JSON Lines, or a JSON array) that starts with a
    byte-order mark or an invisible mark was read as one plain-text article, tags and all."""
    trec = tmp_path / "trec.txt"
    trec.write_bytes(lead + b"\n".join(f.read_bytes() for f in ANT[:2]))
    assert outcomes(list(analyze_path(str(trec)))) == ["ok", "ok"]
    records = [json.dumps({"text": f.read_text(encoding="utf-8")}) for f in ANT[:2]]
    lines = tmp_path / "records.txt"
    lines.write_bytes(lead + "\n".join(records).encode())
    assert outcomes(list(analyze_path(str(lines)))) == ["ok", "ok"]
    array = tmp_path / "day.json"
    array.write_bytes(lead + f"[{', '.join(records)}]".encode())
    assert outcomes(list(analyze_path(str(array)))) == ["ok", "ok"]


@pytest.mark.parametrize(("name", "data"), [("only-hidden.zip", None), ("empty.json", b"[]"),
                                            ("blank.jsonl", b"\n\n  \n")])
def test_robust_container_with_nothing_to_read_says_so(name: str, data: bytes | None, tmp_path: Path) -> None:
    """Found by the fuzzer: an archive whose only member is hidden yielded no result at all."""
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(".hidden", SEED.read_bytes())
    else:
        path.write_bytes(data)
    summary = Summary()
    assert outcomes(list(analyze_path([str(path), str(SEED)], summary=summary))) == ["empty", "ok"]
    assert summary.read == 2


def test_robust_trec_broken_first_tag_reported_not_merged(tmp_path: Path) -> None:
    """Found by the fuzzer: ``<\u202eDOC>`` made the file one plain-text article, tags and all;
    now the broken document is a rejection and the others are read."""
    docs = [f.read_bytes() for f in ANT[:3]]
    path = tmp_path / "trec.txt"
    path.write_bytes(b"\n".join([docs[0].replace(b"<DOC>", "<\u202eDOC>".encode(), 1), *docs[1:]]))
    assert outcomes(list(analyze_path(str(path)))) == ["malformed", "ok", "ok"]


def test_robust_json_array_whose_text_starts_with_docno_is_json(tmp_path: Path) -> None:
    """Found by the fuzzer: a JSON array whose first text began with ``<DOCNO>`` was taken for a
    TREC file with a broken first tag."""
    path = tmp_path / "day.json"
    path.write_text(json.dumps([{"text": "<DOCNO>X</DOCNO>\n" + SEED_TEXT}, {"text": SEED_TEXT + "\nنسخة"}]))
    assert outcomes(list(analyze_path(str(path)))) == ["ok", "ok"]


def test_robust_trec_after_stray_text_reports_it(tmp_path: Path) -> None:
    """Found by the fuzzer: two tatweels before the first <DOC> made the file one plain-text
    article; now the stray text is a rejection and the document is read."""
    path = tmp_path / "trec.txt"
    path.write_bytes("ــ".encode() + ANT[0].read_bytes())
    assert outcomes(list(analyze_path(str(path)))) == ["malformed", "ok"]


def test_json_array_larger_than_max_input_bytes_is_read_record_by_record(tmp_path: Path) -> None:
    """SaudiNewsNet's daily files (a JSON array, up to 13 MB) are larger than max_input_bytes:
    the array is read whole up to max_array_bytes and each record is bounded by itself."""
    text = "قالت وزارة الصحة في بيان إن الأوضاع في المستشفيات مستقرة بعد الحادث. " * 8
    records = [{"title": f"خبر رقم {i}", "content": text} for i in range(6)]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    size = path.stat().st_size
    settings = Settings(max_input_bytes=size // 3, max_array_bytes=size + 10)
    results = list(analyze_path(str(path), settings=settings, pipeline=("ar.structure.v1",)))
    assert len(results) == 6 and all(not isinstance(r, Rejection) for r in results)
    small = Settings(max_input_bytes=size // 3, max_array_bytes=size // 2)
    (rejected,) = list(analyze_path(str(path), settings=small, pipeline=("ar.structure.v1",)))
    assert isinstance(rejected, Rejection) and rejected.reason == "too_large"


# -- JSON cut off or broken: never read as text --------------------------------------------------
def _ant_record(path: Path) -> dict[str, object]:
    """A real ANT article as a SaudiNewsNet-style record, with a number and a literal to cut."""
    doc = path.read_text(encoding="utf-8")
    field = {name: re.search(f"<{name}>(.*?)</{name}>", doc, re.S).group(1).strip()  # type: ignore[union-attr]
             for name in ("TEXT", "URL", "TITLE")}
    return {"title": field["TITLE"], "text": field["TEXT"], "url": field["URL"], "year": 2018,
            "checked": True}


def _array(records: list[dict[str, object]], ascii_only: bool = False) -> tuple[bytes, int]:
    """The array's bytes and where its last record starts."""
    items = [json.dumps(r, ensure_ascii=ascii_only).encode("utf-8") for r in records]
    data = b"[" + b", ".join(items) + b"]"
    return data, len(data) - 1 - len(items[-1])


def _cut_inside_last(kind: str) -> tuple[bytes, list[dict[str, object]]]:
    """Three real records cut off inside the third, at a place of ``kind``."""
    records = [_ant_record(f) for f in ANT[:3]]
    data, last = _array(records, ascii_only=kind == "unicode_escape")
    rest = data[last:]
    at = {
        "after_comma": 0,
        "inside_key": len(b'{"ti'),
        "mid_character": rest.index("مراسل".encode()) + 3 if "مراسل".encode() in rest else None,
        "inside_text": rest.index(b'"text": "') + 40,
        "inside_number": rest.index(b'"year": 20') + len(b'"year": 20'),
        "inside_literal": rest.index(b'"checked": tr') + len(b'"checked": tr'),
        "unicode_escape": rest.index(b'"text": "') + len(b'"text": "\\u06'),
        "before_close": len(rest) - 1,
    }[kind]
    if at is None:  # the third article has no مراسل: cut inside its first Arabic letter instead
        at = rest.index(b'"text": "') + len(b'"text": "') + 1
    return data[:last + at], records


CUTS = ["after_comma", "inside_key", "mid_character", "inside_text", "inside_number", "inside_literal",
        "unicode_escape", "before_close"]


@pytest.mark.parametrize("name", ["day.json", "day.txt"])
@pytest.mark.parametrize("kind", CUTS)
def test_robust_cut_json_array_keeps_complete_records(kind: str, name: str, tmp_path: Path) -> None:
    """A new user's file: a JSON array of articles cut off mid-way was one text article made of
    its raw JSON (headline ``[{"text":...``, URL lost, status ok). Now every complete record is an
    article with its URL, flagged truncated_array, and the cut remainder is a malformed rejection;
    by content as well as by the .json name."""
    data, records = _cut_inside_last(kind)
    path = tmp_path / name
    path.write_bytes(data)
    results = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    complete = 3 if kind == "before_close" else 2
    assert outcomes(results) == ["ok"] * complete + ["malformed"]
    for result, record in zip(results[:complete], records, strict=False):
        assert isinstance(result, Article)
        assert result.meta.url == record["url"] and result.meta.input_kind == "text"
        assert not result.text.lstrip().startswith("[")
        assert "truncated_array" in codes(result)
        check_result(result)
    cut = results[-1]
    assert isinstance(cut, Rejection) and cut.source == f"{path}[{complete}]" and "cut off" in cut.message


@pytest.mark.parametrize("data", [b"[", b"[{", b'[ {"te', '[{"text": "أفاد مراسل'.encode(),
                                  b'[\n  {\n    "title": "x",\n    "text": "'])
@pytest.mark.parametrize("name", ["day.json", "day.txt"])
def test_robust_cut_json_array_without_complete_record_is_malformed(data: bytes, name: str,
                                                                    tmp_path: Path) -> None:
    """Cut before its first record is complete: one malformed rejection for the file, never
    ``empty`` and never a text article."""
    path = tmp_path / name
    path.write_bytes(data)
    (result,) = list(analyze_path(str(path)))
    assert isinstance(result, Rejection) and result.reason == "malformed" and result.source == str(path)
    assert "no item is complete" in result.message


def test_robust_cut_array_of_one_short_record_is_malformed_not_empty(tmp_path: Path) -> None:
    """The issue's second example, ``[{"text":"x"},``: the whole file was rejected ``empty``; now
    the record is read (too short, ``empty`` as a record) and the cut is ``malformed``."""
    path = tmp_path / "short.json"
    path.write_bytes(b'[{"text":"x"},')
    results = list(analyze_path(str(path)))
    assert [(r.source, r.reason) for r in results if isinstance(r, Rejection)] == [
        (f"{path}[0]", "empty"), (f"{path}[1]", "malformed")]


@pytest.mark.parametrize(("name", "make", "parser_says"), [
    ("trailing-comma.json", lambda t: json.dumps({"text": t, "url": "http://a/1"})[:-1] + ",}",
     "property name"),
    ("single-quotes.json", lambda t: "{'text': " + repr(t) + "}", "property name"),
    ("cut-object.json", lambda t: json.dumps({"text": t}, ensure_ascii=False)[:300], "Unterminated string"),
    ("cut-object.txt", lambda t: json.dumps({"text": t}, ensure_ascii=False)[:300], "Unterminated string"),
    ("plain-text.json", lambda t: t, "Expecting value"),
])
def test_robust_invalid_json_is_malformed_with_parser_message(name: str, make: Callable[[str], str],
                                                              parser_says: str, tmp_path: Path) -> None:
    """A file named .json, or one starting like a JSON object, that does not parse was read as a
    text article made of its JSON characters; now it is a malformed rejection with the parser's
    message."""
    path = tmp_path / name
    path.write_text(make(SEED_TEXT), encoding="utf-8")
    (result,) = list(analyze_path(str(path)))
    assert isinstance(result, Rejection) and result.reason == "malformed" and parser_says in result.message


def test_robust_json_array_broken_mid_way_keeps_records_before(tmp_path: Path) -> None:
    """An item that is not JSON (here an unquoted value) ends what can be read of an array: the
    records before it are kept and flagged, the rest is one rejection with the parser's message."""
    first, broken, third = (json.dumps(_ant_record(f), ensure_ascii=False) for f in ANT[:3])
    path = tmp_path / "day.json"
    path.write_text(f"[{first}, {broken.replace('true', 'yes')}, {third}]", encoding="utf-8")
    results = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert outcomes(results) == ["ok", "malformed"]
    assert isinstance(results[0], Article) and "truncated_array" in codes(results[0])
    assert results[1].source == f"{path}[1]" and "Expecting value" in results[1].message  # type: ignore[union-attr]


def test_robust_json_array_with_text_after_it_keeps_every_record(tmp_path: Path) -> None:
    """Two arrays appended to one file: the first is whole (no flag), what follows is rejected."""
    one = json.dumps([_ant_record(f) for f in ANT[:2]], ensure_ascii=False)
    path = tmp_path / "day.json"
    path.write_text(one + "\n" + one, encoding="utf-8")
    results = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert outcomes(results) == ["ok", "ok", "malformed"]
    assert not any("truncated_array" in codes(r) for r in results if isinstance(r, Article))
    assert "after the JSON array" in results[2].message  # type: ignore[union-attr]


#: Real articles that open with a bracket: text, never JSON.
BRACKETED = ["[عاجل] ", "[ ", "[1] ", "[[", "[صورة أرشيفية]\n", '["'[0] + "تحديث] "]


@pytest.mark.parametrize("lead", BRACKETED)
def test_robust_text_starting_with_bracket_stays_text(lead: str, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    text = lead + _ant_record(ANT[1])["text"]  # type: ignore[operator]
    path.write_text(text, encoding="utf-8")
    (result,) = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert isinstance(result, Article) and result.meta.input_kind == "text"
    assert result.text.startswith(lead.strip()[:1]) and "truncated_array" not in codes(result)


def test_robust_long_text_starting_with_bracket_is_cut_to_max_input_bytes(tmp_path: Path) -> None:
    """A text opening with ``[`` is read like an array (up to max_array_bytes) until it fails to
    parse; it was then analysed whole, past max_input_bytes. It is cut there and flagged."""
    path = tmp_path / "article.txt"
    path.write_text("[عاجل] " + SEED_TEXT * 3, encoding="utf-8")
    limit = len(SEED_TEXT.encode())
    (result,) = list(analyze_path(str(path), settings=Settings(max_input_bytes=limit),
                                  pipeline=("ar.structure.v1",)))
    assert isinstance(result, Article) and "too_large" in codes(result)
    assert len(result.text) < len(SEED_TEXT) and not result.text.startswith("[{")


def test_robust_pretty_printed_json_object_is_one_record(tmp_path: Path) -> None:
    """One JSON object over several lines was a text article of JSON characters."""
    record = _ant_record(ANT[2])
    path = tmp_path / "article.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    (result,) = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert isinstance(result, Article) and result.meta.url == record["url"]
    assert result.meta.title == record["title"] and not result.text.startswith("{")


def test_robust_json_lines_with_broken_first_line_read_line_by_line(tmp_path: Path) -> None:
    """JSON Lines not named .jsonl whose first line is cut: that line is rejected, the rest read
    (it was one text article of raw JSON)."""
    lines = [json.dumps(_ant_record(f), ensure_ascii=False) for f in ANT[:3]]
    path = tmp_path / "records.txt"
    path.write_text("\n".join([lines[0][:200], *lines[1:]]) + "\n", encoding="utf-8")
    results = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert outcomes(results) == ["malformed", "ok", "ok"]
    assert [r.meta.url for r in results[1:]] == [_ant_record(f)["url"] for f in ANT[1:3]]  # type: ignore[union-attr]


def test_robust_json_lines_head_says_what_was_not_read(tmp_path: Path) -> None:
    """JSON Lines not named .jsonl and longer than max_input_bytes are read from their head; the
    lines past it were lost without a word. Now a too_large rejection says so."""
    lines = [json.dumps(_ant_record(f), ensure_ascii=False).encode() for f in ANT[:3]]
    path = tmp_path / "records.txt"
    path.write_bytes(b"\n".join(lines) + b"\n")
    limit = len(lines[0]) + len(lines[1]) // 2
    results = list(analyze_path(str(path), settings=Settings(max_input_bytes=limit),
                                pipeline=("ar.structure.v1",)))
    assert outcomes(results) == ["ok", "malformed", "too_large"]


def test_robust_cut_json_array_in_zip_member(tmp_path: Path) -> None:
    """SaudiNewsNet ships its days as .json inside zips: a cut member is read the same way."""
    data, records = _cut_inside_last("inside_text")
    path = tmp_path / "days.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("2015-07-21.json", data)
        z.writestr("notes.json", SEED_TEXT)
    results = list(analyze_path(str(path), pipeline=("ar.structure.v1",)))
    assert outcomes(results) == ["ok", "ok", "malformed", "malformed"]
    assert [r.meta.url for r in results[:2]] == [r["url"] for r in records[:2]]  # type: ignore[union-attr]
    assert results[3].source.endswith("!notes.json") and "not JSON" in results[3].message  # type: ignore[union-attr]


def test_robust_cut_json_array_from_the_cli(tmp_path: Path) -> None:
    """The issue's command: ``rasd analyze trunc_array.json --format json``."""
    data, records = _cut_inside_last("inside_text")
    path = tmp_path / "trunc_array.json"
    path.write_bytes(data)
    out = io.StringIO()
    main(["analyze", str(path), "--format", "json", "--quiet"], out)
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [d["status"] for d in docs] == ["ok", "ok", "rejected"]
    assert [d["meta"]["url"] for d in docs[:2]] == [r["url"] for r in records[:2]]
    assert docs[2]["reason"] == "malformed" and docs[2]["source"] == f"{path}[2]"
