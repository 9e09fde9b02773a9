"""Querying the corpus graph from Python: timelines, actors, claims, windows.

`KnowledgeGraph` wraps the networkx graph that `kg.graph.build_graph` makes (or that
`kg.load` reads back) and answers questions with plain dataclasses that print
readably. Dates in queries may be ISO strings, `datetime.date`s or partial forms
(`"2021"`, `"2020-08"`): a partial form stands for its whole interval.

By default a claim matches a date window when its interval lies *inside* the window
(a claim dated only "2021" is not in the window "2021-07"); pass `overlap=True` to
also match claims whose interval merely overlaps it.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from kg.graph import ACTOR, CLAIM, actor_node

DateLike = str | date | None


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor as a query returns it."""

    id: str
    name: str
    type: str
    name_en: str
    latin: str
    mentions: int
    documents: int

    def __str__(self) -> str:
        english = f" ({self.name_en})" if self.name_en else ""
        return f"{self.name}{english} [{self.type}, {self.mentions} mentions]"


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim as a query returns it: when, what, who, and where it is written."""

    id: str
    kind: str
    predicate: str
    date: str  # TIMEX3 value, "" when undated
    start: date | None  # first day the date covers
    end: date | None  # last day it covers
    speaker: str  # actor id, "" when none
    participants: tuple[str, ...]  # actor ids
    status: str
    text: str = field(repr=False)  # the whole sentence: str() shows its start
    doc: str = ""
    span: tuple[int, int] = (0, 0)

    def __str__(self) -> str:
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{self.date or 'undated'} {self.kind}/{self.predicate} {who}{self.text[:60]}"


@dataclass(frozen=True, slots=True)
class ClaimLinkView:
    """A `contradicts` or `updates` link between two claims, with its reason."""

    source: str
    target: str
    kind: str
    reason: str


def interval(value: DateLike, *, end_of: bool = False) -> date | None:
    """The first (or, with `end_of`, the last) day a date or partial ISO date stands for.

    >>> interval("2020-02", end_of=True)
    datetime.date(2020, 2, 29)
    >>> interval("2021")
    datetime.date(2021, 1, 1)
    """
    if value is None or isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    year, month, day = (parts + [None, None])[:3]
    if month is None:
        return date(year, 12, 31) if end_of else date(year, 1, 1)
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1] if end_of else 1)
    return date(year, month, day)


class KnowledgeGraph:
    """The corpus graph with a small query API; `to_networkx()` gives the graph itself.

    >>> import kg
    >>> g = kg.build("data/seeds")
    >>> len(g.actors(type="PER")) > 5
    True
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph

    def __repr__(self) -> str:
        kinds = [d.get("kind") for _, d in self._graph.nodes(data=True)]
        return (
            f"<KnowledgeGraph: {kinds.count('document')} documents, {kinds.count(ACTOR)} actors, "
            f"{kinds.count(CLAIM)} claims>"
        )

    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying networkx MultiDiGraph (nodes `doc:`, `actor:`, `claim:`; see docs/graph.md)."""
        return self._graph

    def actors(self, type: str | None = None) -> list[ActorView]:
        """Actors, most mentioned first, optionally of one type (PER, ORG, GPE, LOC).

        >>> import kg
        >>> kg.build("data/seeds").actors(type="GPE")[0].type
        'GPE'
        """
        views = [_actor_view(n, d) for n, d in self._graph.nodes(data=True) if d.get("kind") == ACTOR]
        views = [v for v in views if type is None or v.type == type]
        return sorted(views, key=lambda v: (-v.mentions, v.id))

    def actor(self, actor_id: str) -> ActorView:
        """One actor by id (without the `actor:` prefix)."""
        node = actor_node(actor_id)
        return _actor_view(node, self._graph.nodes[node])

    def claims(
        self,
        *,
        speaker: str | None = None,
        actor: str | None = None,
        kind: str | None = None,
    ) -> list[ClaimView]:
        """Claims by a speaker, or involving an actor (as speaker or participant), or of a kind."""
        return self.timeline(actor=actor, kind=kind, speaker=speaker, include_undated=True)

    def timeline(
        self,
        *,
        actor: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        kind: str | None = None,
        speaker: str | None = None,
        overlap: bool = False,
        include_undated: bool = False,
    ) -> list[ClaimView]:
        """Dated claims in date order, filtered by actor, date window and kind.

        A claim is in [since, until] when its whole interval is (or, with `overlap`, when
        any of it is). Undated claims are left out unless `include_undated` (then last).

        >>> import kg
        >>> items = kg.build("data/seeds").timeline(since="2021", until="2021-12-31")
        >>> all(item.start.year == 2021 for item in items)
        True
        """
        low, high = interval(since), interval(until, end_of=True)
        views = [self._claim_view(n) for n in self._claim_nodes(actor or speaker)]
        chosen = [
            v for v in views
            if (kind is None or v.kind == kind)
            and (speaker is None or v.speaker == speaker)
            and (actor is None or actor == v.speaker or actor in v.participants)
            and _in_window(v, low, high, overlap, include_undated)
        ]
        return sorted(chosen, key=lambda v: (v.start is None, v.start or date.min, v.end or date.min, v.doc, v.span))

    def co_actors(self, actor: str) -> list[tuple[ActorView, int]]:
        """Actors that share claims with `actor`, with how many, most shared first."""
        node = actor_node(actor)
        if node not in self._graph:
            return []
        out = ((v, d) for _, v, k, d in self._graph.out_edges(node, keys=True, data=True) if k == "co_claim")
        into = ((u, d) for u, _, k, d in self._graph.in_edges(node, keys=True, data=True) if k == "co_claim")
        pairs = [(_actor_view(other, self._graph.nodes[other]), d["weight"]) for other, d in (*out, *into)]
        return sorted(pairs, key=lambda p: (-p[1], p[0].id))

    def window(self, since: DateLike = None, until: DateLike = None, *, overlap: bool = False) -> nx.MultiDiGraph:
        """A read-only view of the graph (no copy) with only the claims in the window.

        Documents and actors stay; edges follow their nodes. Which claims are in the
        window is decided once, when the view is made.
        """
        low, high = interval(since), interval(until, end_of=True)
        left_out = {
            node for node in self._claim_nodes(None)
            if not _in_window(self._claim_view(node), low, high, overlap, False)
        }
        return nx.subgraph_view(self._graph, filter_node=lambda node: node not in left_out)

    def contradictions(self) -> list[ClaimLinkView]:
        """Claims linked as contradicting or updating one another, with the reason."""
        return [
            ClaimLinkView(u.removeprefix("claim:"), v.removeprefix("claim:"), key, data["reason"])
            for u, v, key, data in self._graph.edges(keys=True, data=True)
            if key in ("contradicts", "updates")
        ]

    def to_pandas(self) -> dict:
        """Tables of actors and claims as pandas DataFrames (needs pandas installed)."""
        import pandas as pd

        return {
            "actors": pd.DataFrame([_as_row(v) for v in self.actors()]),
            "claims": pd.DataFrame([_as_row(v) for v in self.claims()]),
        }

    def _claim_nodes(self, actor: str | None) -> list[str]:
        """All claim nodes, or only those naming `actor` (found from the actor's own edges)."""
        if actor is None:
            return [n for n, d in self._graph.nodes(data=True) if d.get("kind") == CLAIM]
        node = actor_node(actor)
        if node not in self._graph:
            return []
        return sorted({u for u, _, k in self._graph.in_edges(node, keys=True) if k == "speaker" or k.startswith("participant:")})

    def _claim_view(self, node: str) -> ClaimView:
        data = self._graph.nodes[node]
        participants = tuple(
            v.removeprefix("actor:")
            for _, v, key in self._graph.out_edges(node, keys=True)
            if key.startswith("participant:")
        )
        return ClaimView(
            id=node.removeprefix("claim:"),
            kind=data["claim_kind"],
            predicate=data["predicate"],
            date=data["date_value"],
            start=date.fromisoformat(data["date_start"]) if data["date_start"] else None,
            end=date.fromisoformat(data["date_end"]) if data["date_end"] else None,
            speaker=data["speaker"].removeprefix("actor:"),
            participants=participants,
            status=data.get("status", ""),
            text=data["text"],
            doc=data["doc"],
            span=(data["start"], data["end"]),
        )


def _in_window(view: ClaimView, low: date | None, high: date | None, overlap: bool, undated: bool) -> bool:
    if view.start is None:
        return undated
    end = view.end or view.start
    if overlap:
        return (low is None or end >= low) and (high is None or view.start <= high)
    return (low is None or view.start >= low) and (high is None or end <= high)


def _actor_view(node: str, data: dict) -> ActorView:
    return ActorView(
        id=node.removeprefix("actor:"),
        name=data["name"],
        type=data["type"],
        name_en=data.get("name_en", ""),
        latin=data.get("latin", ""),
        mentions=data["mention_count"],
        documents=data["doc_count"],
    )


def _as_row(view) -> dict:
    row = {field: getattr(view, field) for field in view.__dataclass_fields__}
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, tuple) else v for k, v in row.items()}
