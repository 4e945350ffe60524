"""Named entities: a CRF recogniser trained in the project, an offline knowledge
base, and linking of mentions to it (component ``ar.entities.v1``).

Modules: :mod:`.features` (token features), :mod:`.model` (the tagger),
:mod:`.kb` (knowledge base), :mod:`.linking` (mention -> record),
:mod:`.translit` (Latin transliteration), :mod:`.component` (the pipeline
component). Importing any of them does no I/O; data loads on first use.
"""
