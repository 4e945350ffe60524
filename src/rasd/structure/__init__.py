"""Structure: headline, lead, paragraphs, captions, credits, datelines and the
sources line of an article (:mod:`.blocks`, component ``ar.structure.v1``), and
the outlet and agency names of sources lines (:mod:`.sources`).
"""
