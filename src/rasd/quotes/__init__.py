"""Reported speech and its speakers (component ``ar.quotes.v1``): :mod:`.speech`
finds statements, :mod:`.component` writes the ``quotes`` layer; the speech
vocabulary is ``data/quotes_ar.json``.
"""
