"""Document-level consistency of IOB2 tags.

A news article names a person in full once and by surname later, and names a
place several times; a sentence-level tagger finds some of these mentions and
misses others. :func:`consistent` makes the tags of one document agree: a name
tagged at one mention is tagged at its other mentions. Used by the article
pipeline (:mod:`.mentions`), ``rasd ner --conll`` (the input is one document)
and ``eval/eval_ner.py --document``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .kb import key


def decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> ``(first, end, label)`` token ranges; a stray ``I-`` opens a mention."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == label and start >= 0
        if start >= 0 and not inside:
            out.append((start, i, label))
            start, label = -1, ""
        if tag.startswith("B-") or (tag.startswith("I-") and not inside):
            start, label = i, tag[2:]
    return out


def propagate(words: list[list[str]], tags: list[list[str]], common: frozenset[str]) -> list[list[str]]:
    """One label per name in a document: a name the tagger labelled somewhere is labelled
    where it recurs untagged (``أينشتاين`` tagged once, missed later). Names made only of
    common words or shorter than three letters are left alone."""
    names: dict[tuple[str, ...], Counter[str]] = {}
    normed = [[key(w) for w in sent] for sent in words]
    for sent, sent_tags in zip(normed, tags, strict=True):
        for a, b, label in decode(sent_tags):
            name = tuple(sent[a:b])
            if len(name) <= 3 and len(name[0]) >= 3 and not all(w in common for w in name):
                names.setdefault(name, Counter())[label] += 1
    if not names:
        return tags
    longest = max(map(len, names))
    out = []
    for sent, sent_tags in zip(normed, tags, strict=True):
        new = list(sent_tags)
        i = 0
        while i < len(sent):
            for size in range(min(longest, len(sent) - i), 0, -1):
                hit = names.get(tuple(sent[i:i + size]))
                if hit and all(t == "O" for t in new[i:i + size]) and _free(new, i, size):
                    label = hit.most_common(1)[0][0]
                    new[i:i + size] = ["B-" + label] + ["I-" + label] * (size - 1)
                    i += size - 1
                    break
            i += 1
        out.append(new)
    return out


def _free(tags: list[str], i: int, size: int) -> bool:
    """The next tag does not continue an entity into the span's end."""
    return i + size >= len(tags) or not tags[i + size].startswith("I-")



def consistent(words: list[list[str]], tags: list[list[str]], common: frozenset[str]) -> list[list[str]]:
    """The document's tags made consistent (see the module docstring)."""
    return propagate(words, tags, common)
