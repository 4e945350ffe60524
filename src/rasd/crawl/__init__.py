"""Crawl scale: WARC files (a news crawl such as CC-NEWS) to Parquet tables, on every core
of one machine or on a Spark cluster.

- :func:`rasd.crawl.process.process_warc`: the engine-free unit of work (one WARC file
  in; ``articles``, ``events``, ``reports``, ``rejections`` Parquet files and a
  completion marker out);
- :func:`rasd.crawl.run.crawl`: a manifest of WARC files through ``local`` (a process
  pool) or ``spark`` (PySpark, the ``spark`` extra), then the second stage
  (:mod:`rasd.crawl.dedup`), and one :class:`~rasd.crawl.run.CrawlSummary`.

See docs/scale.md.
"""
