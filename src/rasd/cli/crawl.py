"""``rasd crawl``: WARC files (a manifest, folders or paths) to Parquet tables, on the
cores of one machine (``--engine local``) or on Spark (``--engine spark``).

Shares its names with :func:`rasd.crawl.run.crawl`; ``python -m rasd.spark`` runs the
same command with ``--engine spark`` (for ``spark-submit``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ..crawl.run import ENGINES
from ..serialize import dumps


def add_parser(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "crawl", formatter_class=formatter,
        help="Analyse the Arabic articles of WARC files (a news crawl) into Parquet tables.",
        description="Read WARC files (paths or URLs, folders of them, or a manifest file with one per "
                    "line), drop what cannot be an Arabic article (record type, HTTP status, MIME type, "
                    "hosts without Arabic, an Arabic byte count, then the language check), analyse the "
                    "rest and write OUT/{articles,events,reports,rejections}/<warc>.parquet and a marker "
                    "per WARC in OUT/_markers. A WARC whose marker matches is skipped, so a rerun does only "
                    "new work. Then duplicates, stories and crawl-wide events (OUT/duplicates, OUT/stories, "
                    "OUT/fused_events). See docs/scale.md.")
    add_arguments(p)
    p.set_defaults(func=cmd_crawl)


def add_arguments(p: argparse.ArgumentParser, engine: bool = True) -> None:
    p.add_argument("paths", nargs="+", metavar="MANIFEST|WARC",
                   help="a manifest file (one WARC path or URL a line), a WARC file or URL, or a folder")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reruns add to it)")
    if engine:
        p.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: a process pool on this machine; spark: PySpark (the 'spark' extra)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="local engine: processes, each handed whole WARC files (models load once, "
                        "before the fork); default 1")
    p.add_argument("--spark-master", metavar="URL",
                   help="Spark master for a new session (default local[*], or what spark-submit set)")
    p.add_argument("--settings", metavar="FILE",
                   help="JSON file of analysis and crawl settings (docs/scale.md) merged over the defaults")
    p.add_argument("--format", choices=("text", "json"), default="text", help="how the summary is printed")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _settings(path: str | None) -> tuple[Any, Any]:
    from pathlib import Path

    from ..crawl.options import CrawlOptions, split_settings
    from ..errors import SettingsError
    from ..settings import load_settings

    if path is None:
        return load_settings(), CrawlOptions()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"settings file {path} must hold a JSON object")
    analysis, crawl = split_settings(data)
    return load_settings(None, **analysis), CrawlOptions.from_dict(crawl)


def cmd_crawl(args: argparse.Namespace, out: TextIO) -> int:
    from ..crawl.run import crawl, read_manifest

    settings, options = _settings(args.settings)
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(read_manifest(args.paths)), unit="warc", file=sys.stderr, leave=False)
    summary = crawl(args.paths, args.out, engine=getattr(args, "engine", "spark"),
                    workers=max(1, args.workers), settings=settings, options=options,
                    spark_master=args.spark_master, on_result=(lambda _r: bar.update(1)) if bar else None)
    if bar is not None:
        bar.close()
    if args.format == "json":
        out.write(dumps(summary.to_dict()) + "\n")
    else:
        out.write(f"rasd: {summary.render()}\n")
    return 1 if summary.warcs and not (summary.done or summary.skipped) else 0
