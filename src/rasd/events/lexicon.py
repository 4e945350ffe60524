"""Every events vocabulary matched in one pass over a sentence's words.

The events vocabularies (``data/events_triggers.json``, ``data/events_actors.json``,
``data/events_roles.json``) are lists of *terms* in one small syntax, normalized like
the text when they load: a term is one or more words; a word may take proclitics
(``و ف``, then ``ب ك ل``, then the article) and, after it, a common inflectional ending
(:data:`SUFFIXES`); ``*`` after a word lets any ending follow, ``!`` allows none, ``=``
before it allows only ``و``/``ف`` before it; a lexicon word spelt with the article
(``الشغب``) needs the article (or ``لل``) in the text. Words of a term follow each
other, separated only by spaces, quotes, brackets or hyphens.

Instead of one regular expression per group run over every word (as before), each
distinct normalized word is read once — which word specifications it satisfies, cached
across articles — and :class:`Matches` finds every term of every group that starts at
each word of a sentence. Callers ask for one group's leftmost-longest, non-overlapping
matches in a range (:meth:`Matches.find`), the way a regular-expression alternation
sorted by length would give them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..errors import LexiconError
from ..normalize import normalize_str

#: Inflectional endings a lexicon word may take (normalized letters), longest first.
SUFFIXES = tuple(sorted(("ها", "هم", "هن", "ه", "ات", "ون", "ين", "ان", "ا", "وا", "ي", "يه", "يين",
                         "يون", "تا", "تين", "هما"), key=len, reverse=True))
_SUFFIX_SET = frozenset(SUFFIXES)
_MAX_SUFFIX = max(map(len, SUFFIXES))
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
#: Characters that may separate the words of a term.
_GAP = re.compile(r"[\s\"'«»“”()\-]+")


@dataclass(frozen=True, slots=True)
class WordSpec:
    """One lexicon word: its core letters, which proclitics it allows (``bare``: only و/ف;
    ``article``: the article is required; ``open``: any), and which endings (``suffix``:
    one of :data:`SUFFIXES` or none; ``star``: anything; ``exact``: none)."""

    core: str
    prefix: str  # open | article | bare
    tail: str  # suffix | star | exact


def parse_word(word: str) -> WordSpec:
    """The specification of one normalized lexicon word (``=لم!``, ``متظاهر*``, ``الشغب``)."""
    prefix = "bare" if word.startswith("=") else "open"
    tail = "exact" if word.endswith("!") else "suffix"
    word = word.lstrip("=").rstrip("!")
    if word.endswith("*"):
        tail, word = "star", word.rstrip("*")
    if prefix == "open" and word.startswith("ال") and len(word) > 3:
        prefix, word = "article", word[2:]
    if not word:
        raise LexiconError("an events lexicon term has an empty word")
    return WordSpec(word, prefix, tail)


def _proclitics() -> dict[str, frozenset[str]]:
    """Allowed surface prefixes by prefix mode."""
    bare = set(_CONJ)
    opened = {c + p + a for c in _CONJ for p in _PREP for a in ("", "ال")} | {c + "لل" for c in _CONJ}
    article = {c + p + "ال" for c in _CONJ for p in _PREP} | {c + "لل" for c in _CONJ}
    return {"bare": frozenset(bare), "open": frozenset(opened), "article": frozenset(article)}


_PREFIXES = _proclitics()
_ALL_PREFIXES = tuple(sorted(_PREFIXES["open"], key=len))


@dataclass(frozen=True, slots=True)
class Entry:
    """A term of a group: its words' specification ids and the value it stands for."""

    group: str
    value: Any
    term: str
    specs: tuple[int, ...]
    order: tuple[int, str, str]  # sort key: longer (normalized) terms first, as the old alternation


class Lexicon:
    """All terms of all groups, indexed by the specification of their first word."""

    def __init__(self, groups: Iterable[tuple[str, Iterable[tuple[str, Any]]]]) -> None:
        self.specs: list[WordSpec] = []
        self._spec_ids: dict[WordSpec, int] = {}
        self.by_first: dict[int, list[Entry]] = {}
        self.groups: set[str] = set()
        self._exact: dict[str, list[int]] = {}  # core -> spec ids (suffix/exact tails)
        self._star: dict[str, list[int]] = {}  # core -> spec ids (star tails)
        for group, terms in groups:
            count = 0
            for term, value in terms:
                self._add(group, str(term), value)
                count += 1
            if not count:
                raise LexiconError(f"events lexicon group {group!r} is empty")
            self.groups.add(group)
        for entries in self.by_first.values():
            entries.sort(key=lambda e: e.order)
        self._max_star = max((len(s.core) for s in self.specs if s.tail == "star"), default=0)
        # the first letters of every core: a reading that starts otherwise matches nothing
        self._anchors = frozenset(s.core[:3] for s in self.specs)
        self._anchor_lens = sorted({min(3, len(s.core)) for s in self.specs})

    def _spec_id(self, spec: WordSpec) -> int:
        sid = self._spec_ids.get(spec)
        if sid is None:
            sid = self._spec_ids[spec] = len(self.specs)
            self.specs.append(spec)
            (self._star if spec.tail == "star" else self._exact).setdefault(spec.core, []).append(sid)
        return sid

    def _add(self, group: str, term: str, value: Any) -> None:
        words = normalize_str(term).split()
        if not words:
            raise LexiconError(f"events lexicon group {group!r} has an empty term")
        specs = tuple(self._spec_id(parse_word(w)) for w in words)
        norm_len = len(normalize_str(term.replace("=", "").replace("!", "").replace("*", "")))
        entry = Entry(group, value, term, specs, (-norm_len, term, str(value)))
        self.by_first.setdefault(specs[0], []).append(entry)

    def word_specs(self, norm: str) -> frozenset[int]:
        """The ids of every word specification a normalized word satisfies (cached)."""
        return _word_specs(self, norm)

    def _compute(self, norm: str) -> frozenset[int]:
        out: set[int] = set()
        for plen in range(min(len(norm) - 1, 5) + 1):
            prefix, rest = norm[:plen], norm[plen:]
            if prefix not in _PREFIXES["open"] or not rest:
                continue
            for sid in self._exact.get(rest, ()):
                if prefix in _PREFIXES[self.specs[sid].prefix]:
                    out.add(sid)
            for cut in range(1, min(_MAX_SUFFIX, len(rest) - 1) + 1):
                if rest[-cut:] not in _SUFFIX_SET:
                    continue
                for sid in self._exact.get(rest[:-cut], ()):
                    spec = self.specs[sid]
                    if spec.tail == "suffix" and prefix in _PREFIXES[spec.prefix]:
                        out.add(sid)
            for k in range(1, min(len(rest), self._max_star) + 1):
                for sid in self._star.get(rest[:k], ()):
                    if prefix in _PREFIXES[self.specs[sid].prefix]:
                        out.add(sid)
        return frozenset(out)

    def matches(self, words: list[tuple[int, int, str]], text: str) -> Matches:
        """Every term of every group starting at each of ``words`` (``(start, end, norm)``
        in ``text``, the normalized sentence)."""
        return Matches(self, words, text)


@lru_cache(maxsize=262144)
def _word_specs(lex: Lexicon, norm: str) -> frozenset[int]:
    return lex._compute(norm)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    value: Any
    term: str


class Matches:
    """The terms found in one sentence, by group, queried with :meth:`find`."""

    def __init__(self, lex: Lexicon, words: list[tuple[int, int, str]], text: str) -> None:
        self.words = words
        specs = [lex.word_specs(w) for _s, _e, w in words]
        joinable = [bool(_GAP.fullmatch(text[words[i][1]:words[i + 1][0]]))
                    for i in range(len(words) - 1)]
        # per group: (word start, [(entry, end offset)...] in lexicon order), left to right
        self.by_group: dict[str, list[tuple[int, list[tuple[Entry, int]]]]] = {}
        for i, here in enumerate(specs):
            if not here:
                continue
            found: dict[str, list[tuple[Entry, int]]] = {}
            for sid in here:
                for entry in lex.by_first.get(sid, ()):
                    end = _extend(entry, i, specs, joinable, words)
                    if end is not None:
                        found.setdefault(entry.group, []).append((entry, end))
            for group, items in found.items():
                items.sort(key=lambda ee: ee[0].order)
                self.by_group.setdefault(group, []).append((words[i][0], items))

    def find(self, group: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """The group's matches lying in ``[start, end)``, leftmost first, never overlapping;
        at one word the first term in the lexicon order (longest first) wins."""
        pos = start
        for ws, items in self.by_group.get(group, ()):
            if ws < pos:
                continue
            if end is not None and ws >= end:
                return
            for entry, stop in items:
                if end is None or stop <= end:
                    yield Match(ws, stop, entry.value, entry.term)
                    pos = stop
                    break

    def any(self, group: str, start: int = 0, end: int | None = None) -> bool:
        return next(self.find(group, start, end), None) is not None

    def values(self, group: str, start: int = 0, end: int | None = None) -> list[Any]:
        return [m.value for m in self.find(group, start, end)]


def _extend(entry: Entry, i: int, specs: list[frozenset[int]], joinable: list[bool],
            words: list[tuple[int, int, str]]) -> int | None:
    """The end offset of ``entry`` matched from word ``i``, or None."""
    n = len(entry.specs)
    if i + n > len(words):
        return None
    for k in range(1, n):
        if not joinable[i + k - 1] or entry.specs[k] not in specs[i + k]:
            return None
    return words[i + n - 1][1]


# -- the events vocabularies ------------------------------------------------------
def _dict_groups(data: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    return [(t, label) for label, terms in data[key].items() if not label.startswith("_") for t in terms]


def _exact(term: str) -> str:
    return " ".join(f"={w}!" for w in term.split())


@cache
def events_lexicon() -> Lexicon:
    """The one lexicon of the events component (loaded and checked on first use)."""
    from ..lexicon import load

    trig = load("events_triggers")
    actors = load("events_actors")
    roles = load("events_roles")
    groups = _trigger_groups(trig)
    entries: list[tuple[str, Any]] = []
    for name, spec in actors["groups"].items():
        if not name.startswith("_"):
            entries += [(t, ("group", name)) for t in spec["terms"]]
    entries += [(t, ("org", t)) for t in actors["organizations"] if not t.startswith("_")]
    groups.append(("actor", entries))
    groups.append(("region", [(t, "region") for t in actors["region_words"]]))
    groups.append(("near", [(t, "near") for t in actors["near_words"]]))
    groups.append(("seat", [(t, "seat") for t in actors["seat_words"]]))
    for key, terms in roles["term_groups"].items():
        groups.append((key, [(t, key) for t in terms]))
    return Lexicon(groups)


def _trigger_groups(trig: dict[str, Any]) -> list[tuple[str, Iterable[tuple[str, Any]]]]:
    """The groups of ``events_triggers.json``: triggers, combos, realis, cues and the rest."""
    kinds = set(trig["kinds"])
    groups: list[tuple[str, Iterable[tuple[str, Any]]]] = []
    triggers: list[tuple[str, Any]] = []
    for kind, terms in trig["terms"].items():
        if kind not in kinds:
            raise LexiconError(f"events_triggers: terms for undeclared kind {kind}")
        if not terms:
            raise LexiconError(f"events_triggers: kind {kind} has no terms")
        triggers += [(t, kind) for t in terms]
    groups.append(("trigger", triggers))
    for n, combo in enumerate(trig["combos"]):
        if combo["kind"] not in kinds:
            raise LexiconError(f"events_triggers: combo for undeclared kind {combo['kind']}")
        for j, terms in enumerate(combo["all"]):
            groups.append((f"combo:{n}:{j}", [(t, j) for t in terms]))
    groups.append(("realis", [(_exact(t), label) for t, label in _dict_groups(trig, "realis")]))
    for key in ("tags", "departure_mode", "not_violence"):
        groups.append((key, _dict_groups(trig, key)))
    for key in ("violence_cues", "purpose", "eventive", "happening", "motive"):
        groups.append((key, [(t, key) for t in trig[key]]))
    for name, terms in trig["cues"].items():
        if not name.startswith("_"):
            groups.append((f"cue:{name}", [(t, name) for t in terms]))
    protest_eventive = trig["protest_eventive"] + trig["happening"]
    groups.append(("protest_eventive", [(t, "eventive") for t in protest_eventive]))
    return groups


def terms_of(text: str) -> list[str]:
    """The normalized words of a phrase (for word-list checks in callers)."""
    return normalize_str(text).split()
