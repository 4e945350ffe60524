"""Untrusted input never escapes as an exception: every input gives an Article or a Rejection."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.batch import analyze_one
from rasd.errors import REASONS, Rejection
from rasd.intake.inputs import RawInput, _from_bytes
from rasd.model import Article
from rasd.pipeline import resolve
from rasd.settings import Settings

from .conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
COMPONENTS = resolve()
SETTINGS = Settings()

tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<h1>", "<html>", "<body>", "<!--", "-->",
                        "<script>", "</script>", "<img alt='(غيتي)'>", "&amp;", "<DOC>", "<TEXT>",
                        "</DOC>", "{", "}", "[", '"text":', "\n", "<rss>", "<item>", "<title>"])
fragments = st.lists(st.one_of(tags, st.sampled_from(SEED_LINES), st.text(max_size=30)), max_size=25)


def _check(data: bytes) -> None:
    for item in _from_bytes("fuzz", data, False, SETTINGS.max_input_bytes):
        result = item if isinstance(item, Rejection) else analyze_one(item, SETTINGS, None, COMPONENTS)
        assert isinstance(result, (Article, Rejection))
        if isinstance(result, Rejection):
            assert result.reason in REASONS and result.reason != "internal_error", result.message
        else:
            assert not [f for f in result.flags if f.code == "component_failed"]
            for span in result.blocks + result.sentences:
                assert 0 <= span.start <= span.end <= len(result.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments, st.sampled_from(["utf-8", "cp1256", "utf-16"]))
def test_fuzz_markup_and_text_soup(parts: list[str], encoding: str) -> None:
    _check("".join(parts).encode(encoding, errors="ignore"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(data: bytes) -> None:
    _check(data)


def test_fuzz_raw_input_string_kinds() -> None:
    for kind in ("text", "html", "trec", None):
        raw = RawInput("s", "\n".join(SEED_LINES[:6]), kind)
        result = analyze_one(raw, SETTINGS, None, COMPONENTS)
        assert isinstance(result, (Article, Rejection))


def test_fuzz_regression_comment_only_html() -> None:
    """Found by the soup fuzzer: lxml parsed '<body><!--' as a bare comment node."""
    _check(b"<body><!--")
