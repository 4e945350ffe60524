"""Every exporter in one place: event records as ACLED CSV and PLOVER JSON Lines
(:mod:`.events`), stored articles as JSON Lines, CSV or Parquet (:mod:`.articles`).
"""
