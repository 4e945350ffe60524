"""``python -m rasd.spark MANIFEST --out DIR``: ``rasd crawl --engine spark`` for
``spark-submit`` (docs/scale.md shows a cluster run with a packed environment)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``rasd crawl``'s arguments (without ``--engine``) and run the Spark engine."""
    from .cli import _formatter
    from .cli.crawl import add_arguments, cmd_crawl
    from .errors import RasdError

    parser = argparse.ArgumentParser(prog="python -m rasd.spark", formatter_class=_formatter,
                                     description=__doc__.splitlines()[0])
    add_arguments(parser, engine=False)
    args = parser.parse_args(argv)
    args.engine = "spark"
    try:
        return cmd_crawl(args, sys.stdout)
    except RasdError as exc:
        print(f"rasd: error {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
