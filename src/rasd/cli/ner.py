"""``rasd ner``: the named-entity tagger on its own.

``rasd ner --conll`` reads token-per-line input on stdin (first column the
token, blank lines between sentences) and writes ``TOKEN TAG`` lines with
ANERcorp IOB2 tags, one per input token, blank lines kept, so scores are
comparable with published ones. The input is one document: a name tagged in
one sentence is tagged where it recurs (pass one article per run to keep
articles apart). ``rasd ner PATH`` analyses an article and
prints its linked entities, one per line (``--format json`` for JSON Lines).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO


def add_parser(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ner", formatter_class=formatter,
        help="Tag named entities: CoNLL tokens on stdin (--conll), or an article's linked entities.",
        description="With --conll: read one token per line on stdin (first column the token, blank "
                    "lines between sentences) and write 'TOKEN TAG' lines with ANERcorp IOB2 tags "
                    "(B-PERS, I-LOC, B-ORG, B-MISC, O...); the input is one document (names made "
                    "consistent across its sentences). With PATH: analyse the article and list "
                    "its entities with their knowledge-base links.")
    p.add_argument("path", nargs="?", metavar="PATH", help="an article (text or HTML file, or - for stdin)")
    p.add_argument("--conll", action="store_true", help="tag CoNLL token-per-line input from stdin")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output for PATH: text (one entity per line) or json (JSON Lines)")
    p.set_defaults(func=cmd_ner)


def conll_sentences(lines: Iterable[str]) -> Iterator[list[str]]:
    """Sentences of raw token strings; an empty list stands for each run of blank lines."""
    sent: list[str] = []
    for line in lines:
        parts = line.split()
        if parts:
            sent.append(parts[0])
            continue
        if sent:
            yield sent
            sent = []
        yield []
    if sent:
        yield sent


def tag_conll(lines: Iterable[str], out: TextIO) -> int:
    """Tag CoNLL input as one document (names made consistent across all its sentences,
    see :mod:`rasd.entities.document`); returns the number of tokens written."""
    from ..entities.model import default_tagger

    sentences = list(conll_sentences(lines))
    tagged = iter(default_tagger().tag_document([s for s in sentences if s]))
    count = 0
    for sent in sentences:
        if not sent:
            out.write("\n")
            continue
        for token, label in zip(sent, next(tagged), strict=True):
            out.write(f"{token} {label}\n")
            count += 1
    return count


def _entity_line(ent: dict[str, Any]) -> str:
    name = ent.get("name_en") or ent.get("translit") or ""
    extra = [ent.get("kb_id") or "", ent.get("role") or ""]
    if "lat" in ent:
        extra.append(f"{ent['lat']},{ent['lon']}")
    fields = [str(ent["start"]), str(ent["end"]), ent["label"], ent["text"], name, *extra]
    return "\t".join(f for f in fields if f is not None)


def cmd_ner(args: argparse.Namespace, out: TextIO) -> int:
    if args.conll:
        tag_conll(sys.stdin, out)
        return 0
    if not args.path:
        print("rasd ner: give PATH or --conll", file=sys.stderr)
        return 2
    from ..api import analyze_path
    from ..errors import Rejection
    from ..settings import Settings

    status = 0
    for result in analyze_path([args.path], settings=Settings()):
        if isinstance(result, Rejection):
            print(f"rasd: {result.source}: rejected [{result.reason}] {result.message}", file=sys.stderr)
            status = 1
            continue
        for span in result.layer("entities"):
            ent = span.to_dict(result.text)
            line = json.dumps(ent, ensure_ascii=False) if args.format == "json" else _entity_line(ent)
            out.write(line + "\n")
    return status
