"""Casualty facts: killed, injured, arrested, missing, displaced, crowds, with who,
subsets, running totals and whose figure (component ``ar.casualties.v1``).

:mod:`.facts` turns the quantities of the ``quantities`` layer into facts;
:mod:`.lexicon` owns the casualty vocabulary (``data/casualties_ar.json``).
"""
