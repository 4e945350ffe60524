"""The ``rasd`` command line. Every command has help; the README's CLI
reference is generated from it (``python -m rasd.cli --markdown``) and a test
checks the two agree.

Exit status: 0 when at least one input was analysed (or there was nothing
to reject), 1 when every input was rejected, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from ..errors import FLAGS, REASONS, RasdError, Rejection
from ..settings import SETTINGS, Settings, load_settings

if TYPE_CHECKING:
    from ..batch import Summary
    from ..intake.inputs import RawInput
    from ..model import Article


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=100)


def _add_analyze(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "analyze", formatter_class=_formatter,
        help="Analyse Arabic news: text, HTML, JSON Lines, TREC files, folders or '-'.",
        description="Turn each input article into a clean, structured article. Several inputs "
                    "(a folder, JSON Lines, several paths) give JSON Lines: one object per "
                    "article, in input order; rejected inputs give a rejection object.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, JSON Lines file, or - for stdin")
    p.add_argument("--format", choices=("json", "text", "acled-csv", "plover-jsonl"), default="text",
                   help="json: one JSON object per line (schema in README); text: a readable report; "
                        "acled-csv / plover-jsonl: the event records (docs/events.md)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of the input(s); overrides dates found in metadata")
    p.add_argument("--settings", metavar="FILE", help="JSON file of settings merged over the defaults")
    p.add_argument("--no-tokens", action="store_true", help="leave the token list out of JSON output")
    p.add_argument("--no-text", action="store_true",
                   help="text format: leave the cleaned text out of the report (events, figures, quotes, "
                        "entities only)")
    p.add_argument("--all-candidates", action="store_true",
                   help="keep events whose confidence is below the event_threshold setting too, marked "
                        "\"candidate\": true (a candidate column in acled-csv); by default they are left out")
    p.add_argument("--pretty", action="store_true", help="indent JSON output (one object spans lines)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary on stderr")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="analysis processes (models load once, before the fork; output stays in "
                        "input order); default 1")
    p.set_defaults(func=cmd_analyze)


# Modules that add a sub-command: each defines ``add_parser(sub, formatter)`` whose parser
# sets ``func(args, out) -> int`` as its default. Listed explicitly; imported only here.
COMMAND_MODULES: tuple[str, ...] = (
    "rasd.cli.store",
    "rasd.cli.crawl",
    "rasd.cli.ner",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasd", formatter_class=_formatter,
        description="rasd (رصد): Arabic news to clean, structured event data.")
    parser.add_argument("--version", action="version", version=f"rasd {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_analyze(sub)
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(name).add_parser(sub, _formatter)
    return parser


def _count_files(paths: Sequence[str]) -> int | None:
    total = 0
    for path in paths:
        p = Path(path)
        if path == "-" or not p.exists():
            return None
        if p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.suffix.lower() in (".jsonl", ".ndjson", ".xz", ".gz", ".tar"):
            return None
        else:
            total += 1
    return total


@dataclass(frozen=True)
class Rendered:
    """An analysed article as its output in one format, made where it was analysed (a
    worker sends back this string, not the article); ``flags`` are its flag codes."""

    text: str
    flags: tuple[str, ...]


#: Formats rendered in the worker that analysed the article (the text report is drawn by
#: the parent's console, which knows the terminal).
WORKER_FORMATS = ("json", "acled-csv", "plover-jsonl")


@dataclass(frozen=True)
class Renderer:
    """The ``finish`` of ``rasd analyze`` for :data:`WORKER_FORMATS`: an article to its
    output text (``json``, ``acled-csv`` rows without the header, ``plover-jsonl``)."""

    fmt: str
    include_tokens: bool = True
    pretty: bool = False

    def __call__(self, article: Article, raw: RawInput | None = None) -> Rendered:
        from ..serialize import article_to_dict, dumps

        if self.fmt == "json":
            indent = 2 if self.pretty else None
            text = dumps(article_to_dict(article, self.include_tokens), indent=indent) + "\n"
        else:
            from ..export.events import EventWriter

            buf = io.StringIO()
            EventWriter(self.fmt, buf, header=False).write(article)
            text = buf.getvalue()
        return Rendered(text, tuple(f.code for f in article.flags))

    def rejection(self, rejection: Rejection) -> str:
        """A rejection's output (nothing in the event formats)."""
        if self.fmt == "json":
            indent = 2 if self.pretty else None
            from ..serialize import dumps

            return dumps(rejection.to_dict(), indent=indent) + "\n"
        return ""


def analyze_output(inputs: Iterable[RawInput | Rejection], *, settings: Settings, fmt: str,
                   workers: int = 1, include_tokens: bool = True, pretty: bool = False,
                   published: str | None = None, summary: Summary | None = None,
                   ) -> Iterator[str | Rejection | Article]:
    """``rasd analyze``'s output for ``inputs``, in input order: for :data:`WORKER_FORMATS`
    the text of each article (rendered in the worker that analysed it, so only strings cross
    processes), for ``text`` the article; each :class:`Rejection` as it is."""
    from ..batch import run_batch

    renderer = Renderer(fmt, include_tokens, pretty) if fmt in WORKER_FORMATS else None
    for item in run_batch(inputs, settings=settings, published=published, workers=workers,
                          finish=renderer, summary=summary):
        yield item.text if isinstance(item, Rendered) else item


def _analyze_settings(args: argparse.Namespace) -> Settings:
    """The settings file merged over the defaults, and ``--all-candidates``."""
    settings = load_settings(args.settings)
    return replace(settings, all_candidates=True) if args.all_candidates else settings


def cmd_analyze(args: argparse.Namespace, out: TextIO) -> int:
    from ..api import Summary, check_date, input_stream
    from ..report import console_for, render, render_rejection

    settings = _analyze_settings(args)
    summary = Summary()
    include_tokens = settings.include_tokens and not args.no_tokens
    renderer = Renderer(args.format, include_tokens, args.pretty)
    results = analyze_output(input_stream(args.paths, settings), settings=settings, fmt=args.format,
                             workers=max(1, args.workers), include_tokens=include_tokens,
                             pretty=args.pretty, published=check_date(args.published), summary=summary)
    several = len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)
    progress = None
    if not args.quiet and several:
        from tqdm import tqdm

        progress = tqdm(total=_count_files(args.paths), unit="file", file=sys.stderr, leave=False)
    console = console_for(out) if args.format == "text" else None
    if args.format == "acled-csv":
        from ..export.events import EventWriter

        EventWriter(args.format, out)  # the header
    for result in results:
        if console is not None:
            if isinstance(result, Rejection):
                render_rejection(result, console)
            elif not isinstance(result, str):
                render(result, console, text=not args.no_text)
            console.print()
        elif isinstance(result, Rejection):
            out.write(renderer.rejection(result))
        elif isinstance(result, str):
            out.write(result)
        if isinstance(result, Rejection) and not args.quiet:
            print(f"rasd: {result.source}: rejected [{result.reason}] {result.message}", file=sys.stderr)
        if progress is not None:
            progress.update(1)
    if progress is not None:
        progress.close()
    if not args.quiet:
        print(f"rasd: {summary.render()}", file=sys.stderr)
    rejected = sum(summary.rejected.values())
    return 1 if rejected and not summary.processed else 0


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            sub: argparse.ArgumentParser = action.choices[name]
            return sub
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # a flag the command does not know: its own usage, not the top-level one
        _subparser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args, out or sys.stdout))
    except RasdError as exc:
        print(f"rasd: error {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def markdown_reference() -> str:
    """The CLI reference (README section), generated from the parsers' help."""
    parser = build_parser()
    parts = ["```", parser.format_help().rstrip(), "```"]
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        assert isinstance(action, argparse._SubParsersAction)
        for name, sub in action.choices.items():
            parts += ["", f"### rasd {name}", "", "```", sub.format_help().rstrip(), "```"]
    parts += ["", "### Settings (`--settings FILE`, a JSON object)", "", "| setting | default | meaning |",
              "|---|---|---|"]
    parts += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    parts += ["", "### Rejection reason codes", "", "| reason | meaning |", "|---|---|"]
    parts += [f"| `{k}` | {v} |" for k, v in REASONS.items()]
    parts += ["", "### Flag codes", "", "An article kept with a doubt or a partial result carries flags "
              "(`flags` in the JSON output).", "", "| flag | meaning |", "|---|---|"]
    parts += [f"| `{k}` | {v} |" for k, v in FLAGS.items()]
    return "\n".join(parts)


if __name__ == "__main__":
    if sys.argv[1:] == ["--markdown"]:
        print(markdown_reference())
        raise SystemExit(0)
    raise SystemExit(main())
