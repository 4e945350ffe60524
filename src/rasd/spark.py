"""``python -m rasd.spark MANIFEST --out DIR``: ``rasd crawl --engine spark`` for
``spark-submit`` (docs/scale.md shows a cluster run with a packed environment).

``spark-submit`` runs this file as a script, so it imports rasd by absolute names."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __name__ == "__main__":
    # Run as a script (spark-submit), this file's folder comes first on sys.path, and rasd's
    # subpackages (rasd/numbers) would shadow the standard library's modules of the same name.
    _HERE = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``rasd crawl``'s arguments (without ``--engine``) and run the Spark engine."""
    from rasd.cli import _formatter
    from rasd.cli.crawl import add_arguments, cmd_crawl
    from rasd.errors import RasdError

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
