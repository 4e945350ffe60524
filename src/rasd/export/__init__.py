"""Every exporter in one place: event records as ACLED CSV and PLOVER 2 JSON Lines
(:mod:`.events`, :mod:`.plover`), stored articles as JSON Lines, CSV or Parquet
(:mod:`.articles`), the store's fused events and reports (:mod:`.store_events`).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError


def writable(output: str) -> Path:
    """``output`` as a path to write; raises :class:`StoreError` (reason ``not_found``) when its
    folder does not exist (an exporter creates no folders: a mistyped path is an error, not a
    new directory) or when it is a folder itself."""
    path = Path(output)
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(f"cannot write {output}: the folder {parent} does not exist", reason="not_found")
    if path.is_dir():
        raise StoreError(f"cannot write {output}: it is a folder", reason="malformed")
    return path
