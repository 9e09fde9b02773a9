"""The actor-level corpus graph: the graph of `kg.graph` without claim and document nodes.

For corpora of tens of thousands of articles, a node per claim (about 27 per article)
and an edge per mention do not fit in memory and no graph tool can draw them. This
graph keeps the actors and what links them, with the counts and first provenance of
each link; the claims themselves stay in the extraction records (JSON Lines, CSV, the
store). It is built from document digests (`kg.digest`), one document at a time.

| item                            | attributes                                                  |
|---------------------------------|-------------------------------------------------------------|
| actor node                      | as in `kg.graph`, plus doc, start, end of its first mention |
| actor → actor, "co_claim"       | weight (claims), doc, doc_count, claims (≤ 50 ids), date_start, date_end |
| actor → actor, "role:<title>"   | title, text, former, time_value, doc, start, end (first), count, doc_count |

A co-claim's weight counts reports: the same event told by two articles counts twice
(the claim-level graph merges such reports into one event node first). The graph
attributes are `detail` ("actors") and `lang` (the language most documents are in: the
report speaks it, as it does the language of a claim-level graph's documents).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.digest import DocDigest
from kg.graph import CO_CLAIM_EXAMPLES, actor_attrs, actor_node, claim_node
from kg.model import Actor, Role
from kg.runtime import cycle_collection_paused

DETAIL = "actors"
# `kg build --detail auto` builds the claim-level graph up to this many documents (about
# 1 GB of graph and extractions), the actor-level graph above
CLAIM_GRAPH_MAX_DOCS = 5_000


def build_actor_graph(digests: Iterable[DocDigest], actors: dict[str, Actor]) -> nx.MultiDiGraph:
    """The actor-level graph of linked document digests."""
    with cycle_collection_paused():
        return _built_actor_graph(digests, actors)


def _built_actor_graph(digests: Iterable[DocDigest], actors: dict[str, Actor]) -> nx.MultiDiGraph:
    nodes, pairs, roles = _ActorTotals(), _Pairs(), _Roles()
    for summary in digests:
        nodes.add(summary)
        pairs.add(summary)
        roles.add(summary)
    graph = nx.MultiDiGraph(detail=DETAIL, lang=nodes.corpus_language())
    named = set(nodes.first) | {a for pair in pairs.totals for a in pair}
    listed = roles.listed()
    for actor_id in sorted(named):
        actor = actors.get(actor_id) or Actor(id=actor_id, name=actor_id, type="")
        graph.add_node(actor_node(actor_id), **nodes.attrs(actor, listed.get(actor_id, [])))
    for (a, b), total in sorted(pairs.totals.items()):
        graph.add_edge(actor_node(a), actor_node(b), key="co_claim", kind="co_claim", **total.attrs())
    for (holder, of, key), total in sorted(roles.edges.items()):
        if actor_node(holder) in graph and actor_node(of) in graph:
            graph.add_edge(actor_node(holder), actor_node(of), key=key, kind="role", **total.attrs())
    return graph


class _ActorTotals:
    """Mentions and documents per actor, and its first mention, over the corpus."""

    def __init__(self) -> None:
        self.mentions: dict[str, int] = {}
        self.docs: dict[str, int] = {}
        self.first: dict[str, tuple[str, int, int]] = {}
        self.lang: dict[str, str] = {}
        self.langs: Counter[str] = Counter()  # documents per language: the corpus language is the commonest

    def add(self, summary: DocDigest) -> None:
        self.langs[summary.doc.lang] += 1
        for actor_id, stats in summary.stats.items():
            self.mentions[actor_id] = self.mentions.get(actor_id, 0) + stats.count
            self.docs[actor_id] = self.docs.get(actor_id, 0) + 1
            self.first.setdefault(actor_id, (summary.doc.id, stats.start, stats.end))
            self.lang.setdefault(actor_id, summary.doc.lang)

    def corpus_language(self) -> str:
        """The language most documents are in ("" for no documents)."""
        return self.langs.most_common(1)[0][0] if self.langs else ""

    def attrs(self, actor: Actor, roles: list[dict]) -> dict:
        doc, start, end = self.first.get(actor.id, ("", -1, -1))
        counts = self.mentions.get(actor.id, 0), self.docs.get(actor.id, 0)
        return {
            **actor_attrs(actor, self.lang.get(actor.id) or self.corpus_language(), *counts),
            "doc": doc, "start": start, "end": end,
            "roles": json.dumps(roles, ensure_ascii=False),
        }


@dataclass
class _Link:
    """One aggregated edge: how many times, in how many documents, first where."""

    doc: str
    start: int = -1
    end: int = -1
    count: int = 0
    doc_count: int = 0
    last_doc: str = ""

    def met_in(self, doc: str) -> None:
        self.count += 1
        if doc != self.last_doc:  # a document's items arrive together
            self.doc_count += 1
            self.last_doc = doc


@dataclass
class _PairLink(_Link):
    """A co-claim edge: example claims and the first and last day of its dated claims."""

    examples: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)  # [first, last] as ISO dates, once one is known

    def widen(self, *days) -> None:
        known = [d.isoformat() for d in days if d] + self.days
        if known:
            self.days = [min(known), max(known)]

    def attrs(self) -> dict:
        return {
            "weight": self.count, "doc": self.doc, "doc_count": self.doc_count,
            "claims": json.dumps(self.examples, ensure_ascii=False),
            "date_start": self.days[0] if self.days else "", "date_end": self.days[-1] if self.days else "",
        }


class _Pairs:
    """Co-claim totals per actor pair."""

    def __init__(self) -> None:
        self.totals: dict[tuple[str, str], _PairLink] = {}

    def add(self, summary: DocDigest) -> None:
        for claim in summary.claims:
            for pair in combinations(sorted(claim.actors), 2):  # digests leave out the anonymous source
                link = self.totals.get(pair) or self.totals.setdefault(pair, _PairLink(summary.doc.id))
                link.met_in(summary.doc.id)
                link.widen(claim.start, claim.end)
                if len(link.examples) < CO_CLAIM_EXAMPLES:
                    link.examples.append(claim_node(claim.id))


@dataclass
class _RoleLink(_Link):
    """A role edge: the first phrase that states it, and how often it is stated."""

    title: str = ""
    text: str = ""
    former: bool = False
    time_value: str = ""

    def attrs(self) -> dict:
        return {
            "title": self.title, "text": self.text, "former": self.former, "time_value": self.time_value,
            "doc": self.doc, "start": self.start, "end": self.end, "count": self.count, "doc_count": self.doc_count,
        }


class _Roles:
    """Role edges (holder → organisation or country) and each actor's distinct roles."""

    def __init__(self) -> None:
        self.edges: dict[tuple[str, str, str], _RoleLink] = {}
        self.distinct: dict[str, dict[tuple, _RoleLink]] = {}

    def add(self, summary: DocDigest) -> None:
        for role in summary.roles:
            if role.of:
                key = f"role:{role.title}" + (":former" if role.former else "")
                self._count(self.edges, (role.actor, role.of, key), role)
            self._count(self.distinct.setdefault(role.actor, {}), (role.title, role.of or "", role.former), role)

    @staticmethod
    def _count(table: dict, key: tuple, role: Role) -> None:
        if key not in table:
            time_value = (role.time.value or "") if role.time else ""
            table[key] = _RoleLink(
                role.doc_id, role.span.start, role.span.end,
                title=role.title, text=role.text, former=role.former, time_value=time_value,
            )
        table[key].met_in(role.doc_id)

    def listed(self) -> dict[str, list[dict]]:
        """actor id → its distinct roles (title, of, former), each with its first statement and count."""
        return {
            actor: [{**link.attrs(), "of": of} for (_, of, _), link in sorted(roles.items())]
            for actor, roles in self.distinct.items()
        }
