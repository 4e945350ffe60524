"""Intake: from raw inputs to an :class:`~rasd.model.Article`.

Reading files, folders, archives, JSON Lines, TREC, feeds and WARC
(:mod:`.inputs`, :mod:`.feeds`, :mod:`.warc`), decoding bytes (:mod:`.decode`),
main-content extraction from HTML (:mod:`.html`), language identification
(:mod:`.language`) and building the article (:mod:`.document`).
"""
