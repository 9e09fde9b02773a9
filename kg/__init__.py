"""kg: timelines of dated claims and graphs of the actors behind them, from Sorani news.

>>> import kg
>>> g = kg.build(["ساڵی ٢٠١٩ ئەمریکا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە."], dct="2019-05-01")
>>> sorted(a.name for a in g.actors())
['ئەمریکا', 'عێراق']
>>> [(c.date, c.speaker) for c in g.timeline()]
[('2019', 'united_states')]
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from kg.corpus import read_corpus
from kg.errors import InputWarning, Problem
from kg.export import read_graph
from kg.graph import build_graph
from kg.model import Document
from kg.pipeline import run_corpus
from kg.query import ActorView, ClaimLinkView, ClaimView, KnowledgeGraph

__version__ = "0.1.0"
__all__ = [
    "ActorView",
    "ClaimLinkView",
    "ClaimView",
    "Document",
    "InputWarning",
    "KnowledgeGraph",
    "build",
    "load",
]

Source = str | Path | Iterable[str | Path | Document | tuple[str, str | date]]


def build(
    source: Source,
    *,
    manifest: str | Path | None = None,
    dct: str | date | None = None,
    lang: str = "ckb",
) -> KnowledgeGraph:
    """Extract a corpus and build its graph.

    `source` is a folder of .txt/.html files, a file, one text, or a list of any of
    these (paths, texts, `(text, date)` pairs or `Document`s); `manifest` is a
    manifest.csv for the files. A `Path` is always a path. A `str` is a path when it
    names an existing file or folder; one that only looks like a path (it ends in
    .txt/.html, or has a path separator and no Arabic letters) raises
    FileNotFoundError, as does a missing `Path`; any other string is article text.

    `dct` is a fallback publication date: it dates the texts and files that have no
    date of their own (from a pair or the manifest). This differs from the command
    line, where `--dct` overrides the manifest for every document. `Document`s are
    used as given.

    Files are never dropped in silence: each file that cannot be read, each manifest
    problem and each document whose extraction fails is reported with
    `warnings.warn` (category `kg.errors.InputWarning`) and the rest is built.

    >>> import kg
    >>> kg.build("data/seeds")
    <KnowledgeGraph: 5 documents, ... actors, ... claims>
    """
    given = date.fromisoformat(dct) if isinstance(dct, str) else dct
    documents = _documents(source, manifest, given, lang)
    result = run_corpus(documents)
    _warn(p for p in result.problems if p.skipped)
    return KnowledgeGraph(build_graph(result.results, result.actors))


def load(path: str | Path) -> KnowledgeGraph:
    """A graph written by `kg build` (GraphML) or `kg export json` (node-link JSON)."""
    return KnowledgeGraph(read_graph(Path(path)))


# a path fits in one line and well under any file system's path limit; article text rarely does
_MAX_PATH_CHARS = 1024
_TEXT_SUFFIXES = (".txt", ".html", ".htm")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def _documents(source: Source, manifest, dct: date | None, lang: str) -> list[Document]:
    """Files and folders read as a corpus first (in the order given), then the texts."""
    items = [source] if isinstance(source, (str, Path)) else list(source)  # a str is never iterated
    as_paths = [_as_path(item) for item in items]  # raises before any work for a mistyped path
    paths = [path for path in as_paths if path is not None]
    documents = []
    if paths:
        corpus = read_corpus(paths, manifest=Path(manifest) if manifest else None, lang=lang)
        _warn(corpus.problems)
        documents = [d if d.dct or dct is None else _dated(d, dct) for d in corpus.documents]
    texts = [(n, item) for n, (item, path) in enumerate(zip(items, as_paths)) if path is None]
    return documents + [_as_document(item, n, dct, lang) for n, item in texts]


def _as_path(item) -> Path | None:
    """`item` as an existing file or folder, None when it is text; raises for a missing path."""
    if isinstance(item, Path):
        if not _exists(item):
            raise FileNotFoundError(f"no such file or folder: {item}")
        return item
    if not isinstance(item, str):
        return None
    if "\n" not in item and len(item) < _MAX_PATH_CHARS and _exists(Path(item)):
        return Path(item)
    if _looks_like_path(item):
        raise FileNotFoundError(f"no such file or folder: {item}")
    return None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # e.g. "File name too long": certainly not an existing path
        return False


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) >= _MAX_PATH_CHARS:
        return False
    if text.strip().lower().endswith(_TEXT_SUFFIXES):
        return True
    has_separator = "/" in text or "\\" in text or os.sep in text
    return has_separator and not _ARABIC_LETTER.search(text)


def _warn(problems: Iterable[Problem]) -> None:
    for problem in problems:
        warnings.warn(str(problem), InputWarning, stacklevel=3)


def _as_document(item, n: int, dct: date | None, lang: str) -> Document:
    if isinstance(item, Document):
        return item
    text, when = item if isinstance(item, tuple) else (item, dct)
    when = date.fromisoformat(when) if isinstance(when, str) else when
    return Document(id=f"text{n:04d}", text=text, dct=when, dct_source="cli" if when else None, lang=lang)


def _dated(doc: Document, dct: date) -> Document:
    return replace(doc, dct=dct, dct_source="cli")
