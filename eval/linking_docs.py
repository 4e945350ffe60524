"""Real articles for the linking evaluation, read from the shared data folder.

Each document has a reference (``corpus`` plus ``member`` / ``file`` + ``index`` /
``link``) and a text built the same way every time: the title, a blank line, the
body. Item offsets (``tests/data/entities/linking_items.jsonl``) index that text;
the texts themselves are never copied into the project (their licences forbid
redistribution). Used by ``eval/select_linking.py`` and ``eval/eval_linking.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ANT_ARCHIVE = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
SNN_DIR = Path("corpora") / "saudinewsnet" / "dataset"
LEDES_DIR = Path("corpora") / "aljazeera-gaza-ledes"
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class Doc:
    corpus: str
    ref: str  # archive member, "file#index" or link
    text: str

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


def _join(title: str, body: str) -> str:
    return f"{title.strip()}\n\n{body.strip()}\n"


def ant_docs(data: Path, folders: tuple[str, ...] = ("middleEast", "internationalNews")) -> Iterator[Doc]:
    """ANT articles (TREC files in the archive) of the given category folders, in archive order."""
    with tarfile.open(data / ANT_ARCHIVE) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            if not any(f"/{f}/" in member.name for f in folders):
                continue
            fh = tar.extractfile(member)
            raw = fh.read().decode("utf-8", "replace") if fh else ""
            title, body = _TITLE.search(raw), _TEXT.search(raw)
            if body and body.group(1).strip():
                text = _join(title.group(1) if title else "", body.group(1))
                yield Doc("ant-multisource", member.name, text)


def saudinewsnet_docs(data: Path) -> Iterator[Doc]:
    for path in sorted((data / SNN_DIR).glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                records = json.loads(zf.read(name).decode("utf-8"))
                for i, rec in enumerate(records):
                    if rec.get("content"):
                        text = _join(rec.get("title") or "", rec["content"])
                        yield Doc("saudinewsnet", f"{path.name}#{i}", text)


def ledes_docs(data: Path) -> Iterator[Doc]:
    seen: set[str] = set()
    for path in sorted((data / LEDES_DIR).glob("articles_data_*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            link = rec.get("link") or ""
            if link and link not in seen and rec.get("excerpt"):
                seen.add(link)
                yield Doc("aljazeera-gaza-ledes", link, _join(rec.get("title") or "", rec["excerpt"]))


def find_docs(data: Path, refs: set[tuple[str, str]]) -> dict[tuple[str, str], Doc]:
    """The documents named by ``(corpus, ref)`` pairs."""
    readers = {"ant-multisource": ant_docs, "saudinewsnet": saudinewsnet_docs,
               "aljazeera-gaza-ledes": ledes_docs}
    out: dict[tuple[str, str], Doc] = {}
    for corpus, reader in readers.items():
        wanted = {r for c, r in refs if c == corpus}
        if not wanted:
            continue
        kwargs = {"folders": ("middleEast", "internationalNews", "economy", "sport", "culture",
                              "technology")} if corpus == "ant-multisource" else {}
        for doc in reader(data, **kwargs):  # type: ignore[operator]
            if doc.ref in wanted:
                out[(corpus, doc.ref)] = doc
    return out
