"""Who is speaking: the English name of a quote's speaker, read from the entities layer.

The speech reader (``ar.quotes.v1``) finds the speaker's words; this module, owned by
the entities component, says who they name:

1. an unnamed or collective source (``مصادر طبية``, ``الجيش الإسرائيلي``): the stable
   English label of ``entities_context.json`` (``medical sources``, ``Israeli army``);
2. a person tagged in the speaker's words: that person (linked, or transliterated);
3. a person described by a role (``مندوب السعودية لدى مجلس الأمن``): the role in English
   (``Saudi envoy to the UN Security Council``), not the organisation in the title;
4. an organisation that heads the speaker's words (``وزارة الخارجية``...): it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import load
from ..model import Span
from ..normalize import normalize_str
from ..tokens import clitic_candidates
from .kb import default_kb, key

_AT_KEYS = frozenset({"لدي", "في"})


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load("entities_context")
    generic = {key(k): v for k, v in data["generic_sources"].items()}
    roles = {normalize_str(k): v for k, v in data["speaker_roles"].items()}
    return generic, roles


def generic_label(text: str) -> str | None:
    """The English label of an unnamed source, matched on the speaker's first words
    (``مصادر طبية فلسطينية`` -> ``medical sources``), or ``None``."""
    generic, _ = _tables()
    words = key(text).split()
    for size in range(min(4, len(words)), 0, -1):
        for _prefix, stem in clitic_candidates(words[0]):
            hit = generic.get(" ".join([stem, *words[1:size]]))
            if hit:
                return hit
    return None


def speaker_attrs(text: str, entities: list[Span], span: tuple[int, int] | None) -> dict[str, Any]:
    """Attributes for a quote's speaker at raw ``span`` of ``text`` (the article's text):
    ``name_en`` (always, when known), ``kb_id`` (a linked person or organisation) and
    ``speaker_type`` (``generic``/``person``/``role``/``organisation``). ``{}`` when
    nothing is known."""
    if span is None:
        return {}
    words = text[span[0]:span[1]]
    label = generic_label(words)
    if label:
        return {"name_en": label, "speaker_type": "generic"}
    inside = [e for e in entities if e.start < span[1] and span[0] < e.end]
    person = next((e for e in inside if e.label == "PERS"), None)
    if person is not None:
        name = person.attrs.get("name_en") or person.attrs.get("translit")
        out = {"name_en": name, "kb_id": person.attrs.get("kb_id"), "speaker_type": "person"}
        return {k: v for k, v in out.items() if v}
    after = [e for e in entities if span[1] <= e.start <= span[1] + 12 and e.label == "ORG"
             and key(text[span[1]:e.start]) in _AT_KEYS]  # مندوب السعودية | لدى مجلس الأمن
    role = role_text(words, inside + after)
    if role:
        return {"name_en": role, "speaker_type": "role"}
    head = next((e for e in inside if e.label == "ORG" and e.start <= span[0] + 2), None)
    if head is not None:
        out = {"name_en": head.attrs.get("name_en") or head.attrs.get("translit"),
               "kb_id": head.attrs.get("kb_id"), "speaker_type": "organisation"}
        return {k: v for k, v in out.items() if v}
    return {}


def role_text(words: str, inside: list[Span]) -> str | None:
    """``مندوب السعودية لدى مجلس الأمن`` -> ``Saudi envoy to the UN Security Council``: a
    role noun first, then the country it serves (a name or a nationality adjective) and
    the body it is accredited to (an ``ORG`` of ``inside``: in the speaker's words, or
    right after them behind ``لدى``/``في``). ``None`` when the first
    word is no role noun."""
    _, roles = _tables()
    kb = default_kb()
    norms = key(words).split()
    if not norms:
        return None
    role = next((roles[s] for _p, s in clitic_candidates(norms[0]) if s in roles), None)
    if role is None:
        return None
    country = None
    for word in norms[1:3]:
        rid = kb.demonym(word)
        found = kb.lookup(word)
        rid = rid or next((i for i in (found.ids if found else ()) if i.startswith("iso:")), None)
        rec = kb.get(rid) if rid else None
        if rec is not None and rec.type == "country":
            country = rec.role or rec.name_en
            break
    body = None
    org = next((e for e in inside if e.label == "ORG" and e.attrs.get("name_en")), None)
    if org is not None:
        body = org.attrs["name_en"] if org is not None else None
    text = f"{country} {role}" if country else role
    return f"{text} to the {body}" if body else text
