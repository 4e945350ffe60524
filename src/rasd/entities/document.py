"""Document-level consistency of IOB2 tags.

A news article names a person in full once and by surname later, and names a
place several times; a sentence-level tagger finds some of these mentions and
misses others. :func:`consistent` makes the tags of one document agree: a name
tagged at one mention is tagged at its other mentions, a lone surname after a
full name is that person, and Latin-script names (``CNN``) are names. Used by the article
pipeline (:mod:`.mentions`), ``rasd ner --conll`` (the input is one document)
and ``eval/eval_ner.py --document``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .features import strip_clitics
from .kb import key

#: name particles that are no surname on their own
_PARTICLES = frozenset({"بن", "ابن", "ابو", "ال", "عبد", "ولد", "ام", "بنت"})


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


def collect_names(normed: list[list[str]], tags: list[list[str]],
                  common: frozenset[str]) -> dict[tuple[str, ...], Counter[str]]:
    """Names the tagger labelled in the document (up to three words, not only common
    words, first word of three letters or more), with their labels; a person's last name
    (``بلينكن`` of ``أنتوني بلينكن``) counts as a name of that person too."""
    names: dict[tuple[str, ...], Counter[str]] = {}
    for sent, sent_tags in zip(normed, tags, strict=True):
        for a, b, label in decode(sent_tags):
            name = tuple(sent[a:b])
            if len(name) <= 3 and len(name[0]) >= 3 and not all(w in common for w in name):
                names.setdefault(name, Counter())[label] += 1
            last = strip_clitics(name[-1])[1] if label == "PERS" and len(name) > 1 else ""
            if len(last) >= 3 and last not in common and last not in _PARTICLES:
                names.setdefault((last,), Counter())["PERS"] += 1
    return names


def propagate(words: list[list[str]], tags: list[list[str]], common: frozenset[str]) -> list[list[str]]:
    """One label per name in a document: a name the tagger labelled somewhere is labelled
    where it recurs untagged (``أينشتاين`` tagged once, missed later), also behind a
    proclitic (``وبلينكن``); a lone surname after a full name is that person. Names made
    only of common words or shorter than three letters are left alone."""
    normed = [[key(w) for w in sent] for sent in words]
    names = collect_names(normed, tags, common)
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
                if hit is None and sent[i]:
                    pre, stem = strip_clitics(sent[i])
                    if pre and not pre.endswith(("ال", "لل")):
                        hit = names.get((stem, *sent[i + 1:i + size]))
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


def latin_names(words: list[str], tags: list[str]) -> list[str]:
    """Latin-script names inside Arabic text are entities: a run of capitalised Latin
    words or an acronym (``CNN``, ``IBM``, ``NATO``, ``Apple``) that the tagger left
    ``O`` becomes an ``ORG`` (in Arabic news, Latin script is mostly brands, outlets and
    agencies; people are written in Arabic script). A run in parentheses right after an
    entity is that entity's Latin spelling and stays as tagged; a run with lower-case words
    other than connectors (``http``, ``Nwe moon``) is English text, not a name."""
    out = list(tags)
    i = 0
    while i < len(words):
        if not _is_latin(words[i]):
            i += 1
            continue
        j = i
        while j < len(words) and _is_latin(words[j]):
            j += 1
        run = words[i:j]
        # a run with a lower-case word other than a connector is English text, not a name
        name = all(_is_latin_name(w) or w in _CONNECTORS for w in run) and _is_latin_name(run[0])
        gloss = i >= 2 and words[i - 1] == "(" and out[i - 2] != "O"
        if name and not gloss and all(t == "O" for t in tags[i:j]):
            out[i:j] = ["B-ORG"] + ["I-ORG"] * (j - i - 1)
        i = j
    return out


_CONNECTORS = frozenset({"of", "and", "the", "de", "du", "la", "al", "for", "&"})


def _is_latin(word: str) -> bool:
    return word.isascii() and (word.isalpha() or word == "&")


def _is_latin_name(word: str) -> bool:
    return word.isascii() and word.isalpha() and ((word.isupper() and len(word) >= 2) or (
        word[:1].isupper() and len(word) >= 3))


def consistent(words: list[list[str]], tags: list[list[str]], common: frozenset[str]) -> list[list[str]]:
    """The document's tags made consistent (see the module docstring): Latin-script names
    tagged, then names propagated to their other mentions."""
    tags = [latin_names(w, t) for w, t in zip(words, tags, strict=True)]
    return propagate(words, tags, common)
