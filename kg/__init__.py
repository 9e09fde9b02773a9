"""kg: timelines of dated claims and graphs of the actors behind them, from Sorani news.

>>> import kg
>>> g = kg.build(["ساڵی ٢٠١٩ ئەمریکا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە."], dct="2019-05-01")
>>> sorted(a.name for a in g.actors())
['ئەمریکا', 'عێراق']
>>> [(c.date, c.speaker) for c in g.timeline()]
[('2019', 'united_states')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from kg.corpus import read_corpus
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

    `source` is a folder of .txt files, a file, a list of paths, or a list of texts
    (strings, `(text, date)` pairs, or `Document`s). `dct` is the publication date
    of every document given without one; `manifest` a manifest.csv for files.

    >>> import kg
    >>> kg.build("data/seeds")
    <KnowledgeGraph: 5 documents, ... actors, ... claims>
    """
    given = date.fromisoformat(dct) if isinstance(dct, str) else dct
    documents = _documents(source, manifest, given, lang)
    result = run_corpus(documents)
    return KnowledgeGraph(build_graph(result.results, result.actors))


def load(path: str | Path) -> KnowledgeGraph:
    """A graph written by `kg build` (GraphML) or `kg export json` (node-link JSON)."""
    return KnowledgeGraph(read_graph(Path(path)))


def _documents(source: Source, manifest, dct: date | None, lang: str) -> list[Document]:
    if isinstance(source, (str, Path)) and Path(source).exists():
        source = [source]
    items = list(source)  # type: ignore[arg-type]
    paths = [Path(x) for x in items if isinstance(x, (str, Path)) and Path(x).exists()]
    if paths and len(paths) == len(items):
        corpus = read_corpus(paths, manifest=Path(manifest) if manifest else None, lang=lang)
        return [d if d.dct or dct is None else _dated(d, dct) for d in corpus.documents]
    return [_as_document(item, n, dct, lang) for n, item in enumerate(items)]


def _as_document(item, n: int, dct: date | None, lang: str) -> Document:
    if isinstance(item, Document):
        return item
    text, when = item if isinstance(item, tuple) else (item, dct)
    when = date.fromisoformat(when) if isinstance(when, str) else when
    return Document(id=f"text{n:04d}", text=text, dct=when, dct_source="cli" if when else None, lang=lang)


def _dated(doc: Document, dct: date) -> Document:
    return replace(doc, dct=dct, dct_source="cli")
