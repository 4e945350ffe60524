from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.cli import main, markdown_reference
from rasd.errors import REASONS
from rasd.settings import SETTINGS, Settings, load_settings

from .conftest import DATA, PAGES, SEED

ROOT = Path(__file__).resolve().parents[1]


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, out)
    return code, out.getvalue()


def test_cli_text_report_is_readable_rtl() -> None:
    code, text = _run(["analyze", str(SEED), "--quiet"])
    assert code == 0
    assert "Headline   كازاخستان.. واشنطن" in text
    assert "Sources    Al-Araby (outlet) · AFP (agency)" in text
    assert "credit, Getty Images" not in text and "credit: Getty Images" in text
    assert "شارك القصة" not in text
    # no invisible bidi controls in text a person copies, and no colour codes when piped
    assert not any(ch in text for ch in "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e")
    assert "\x1b[" not in text


def test_cli_folder_gives_json_lines_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_bytes(SEED.read_bytes())
    (folder / "2.txt").write_bytes(b"")
    (folder / "3.txt").write_bytes((DATA / "ant" / "BB-internationalNews-1-20180218.txt").read_bytes())
    code, out = _run(["analyze", str(folder), "--format", "json", "--no-tokens"])
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [d["status"] for d in lines] == ["ok", "rejected", "ok"]
    assert lines[1]["reason"] == "empty"
    assert lines[2]["url"].startswith("http://www.bbc.co.uk/arabic/")
    assert "tokens" not in lines[0]
    err = capsys.readouterr().err
    assert "processed 2, rejected 1 (empty: 1)" in err


def test_cli_all_rejected_exit_1_and_bad_date_exit_2() -> None:
    persian = PAGES / "mediacloud" / "1523806243.html.gz"
    code, out = _run(["analyze", str(persian), "--format", "json", "--quiet"])
    assert code == 1 and json.loads(out)["reason"] == "not_arabic"
    code, _ = _run(["analyze", str(SEED), "--published", "8/1/2022", "--quiet"])
    assert code == 2


def test_cli_stdin_entry_point() -> None:
    exe = Path(sys.executable).parent / "rasd"
    proc = subprocess.run([str(exe), "analyze", "-", "--format", "json", "--quiet"],
                          input=SEED.read_bytes(), capture_output=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["headline"].startswith("كازاخستان..")


def test_cli_reference_in_docs_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").strip() == markdown_reference().strip()


def test_settings_each_documented_in_cli_reference() -> None:
    reference = markdown_reference()
    for spec in SETTINGS:
        assert f"`{spec.name}`" in reference and spec.help


def test_settings_file_merges_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"min_chars": 5}')
    assert load_settings(path).min_chars == 5
    path.write_text('{"min_charz": 5}')
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings(path)
    with pytest.raises(ValueError):
        Settings(on_error="ignore")


def test_reasons_documented_in_readme_schema() -> None:
    reference = markdown_reference()
    for reason in REASONS:
        assert f"`{reason}`" in reference


def test_flags_documented_in_cli_reference() -> None:
    from rasd.errors import FLAGS

    reference = markdown_reference()
    for code in FLAGS:
        assert f"`{code}`" in reference


def test_cli_ingest_published_and_summary_on_stderr(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    db = tmp_path / "p.db"
    code, out = _run(["ingest", str(SEED), "--db", str(db), "--published", "2022-01-08"])
    assert code == 0 and out == ""  # nothing on stdout: the summary goes to stderr
    assert "stored 1" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT published FROM articles").fetchone()[0] == "2022-01-08"
        # the riots are dated by the given publication date, not by the day the page was viewed
        assert conn.execute("SELECT count(*) FROM events WHERE event_type = 'Riots' "
                            "AND event_date = '2022-01-08'").fetchone()[0] == 1


def test_cli_ingest_missing_path_fails_and_creates_no_database(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "never.db"
    code, _ = _run(["ingest", str(tmp_path / "no-such-folder"), "--db", str(db)])
    assert code == 2 and not db.exists()
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["search", "x", "--bogus"], ["export", "-o", "x.csv", "--nope"],
                                  ["ingest", "x", "--workerz", "2"]])
def test_cli_bad_flag_prints_the_subcommand_usage(argv: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert f"usage: rasd {argv[0]} " in err and "unrecognized arguments" in err


@pytest.mark.parametrize("flag", ["--from", "--to", "--event-from", "--event-to"])
def test_cli_search_bad_date_is_a_clear_error(tmp_path: Path, flag: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["search", "", "--db", str(tmp_path / "x.db"), flag, "yesterday"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "expected a date YYYY-MM-DD, got 'yesterday'" in err
    assert "0 hit" not in err
