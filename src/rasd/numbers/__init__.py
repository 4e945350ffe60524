"""Numbers: Arabic number words and digit strings (:mod:`.words`), quantities with
ACLED-style min/best/max (:mod:`.quantities`), and the ``ar.quantities.v1``
component (:mod:`.component`). The one number reader of rasd: other components
read the ``quantities`` layer. Importing does no I/O: lexicons load on first use.
"""
