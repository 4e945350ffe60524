"""Named entities: a CRF recogniser trained in the project, an offline knowledge
base, and linking of mentions to it (component ``ar.entities.v1``).

Modules: :mod:`.features` (token features), :mod:`.model` (the tagger),
:mod:`.document` (document-level consistency), :mod:`.kb` (knowledge base),
:mod:`.prior` (how often a place name is a name in news), :mod:`.places` (is
this mention a place here), :mod:`.linking` (mention -> record),
:mod:`.speakers` (who a quote's speaker is), :mod:`.translit` (Latin
transliteration), :mod:`.component` (the pipeline component). Importing any of
them does no I/O; data loads on first use.

Public helpers for other components: :mod:`.countries` (:func:`demonym_country`:
nationality adjective -> ISO2; country records), :func:`~rasd.entities.speakers.speaker_attrs`.
"""

from .countries import demonym_country

__all__ = ["demonym_country"]
