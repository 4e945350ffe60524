"""``python -m rasd.cli`` (``--markdown`` prints the CLI reference for docs/cli.md)."""

from __future__ import annotations

import sys

from . import main, markdown_reference

if sys.argv[1:] == ["--markdown"]:
    print(markdown_reference())
    raise SystemExit(0)
raise SystemExit(main())
