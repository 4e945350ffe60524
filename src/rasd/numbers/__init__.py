"""Numbers that matter: quantities, casualty facts and quotes (issue #5).

``words`` reads number words and digits, ``quantities`` parses quantities
with ACLED bounds, ``casualties`` turns them into facts, ``quotes`` finds
reported speech and its speakers; ``component`` wires them into the
pipeline. Importing does no I/O: lexicons load on first use.
"""
