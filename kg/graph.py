"""The corpus graph: documents, actors and claims in one networkx MultiDiGraph.

Node ids carry their kind (`doc:…`, `actor:…`, `claim:…`). Every attribute is a
GraphML-safe scalar (str, int, float, bool; lists as JSON strings; absent values
as "" or -1), so the graph is written as it is, and every node and edge carries
its provenance: the document and character offsets it rests on.

| edge (u → v, key)                       | attributes                          |
|-----------------------------------------|-------------------------------------|
| claim → doc, "source"                   | doc, start, end                     |
| doc → actor, "mentions"                 | doc, count, spans (JSON [[s, e]…])  |
| claim → actor, "speaker"                | doc, start, end (mention in claim)  |
| claim → actor, "participant:<actor id>" | doc, start, end, role               |
| actor → actor, "role:<doc>:<start>"     | title, text, former, time_value, doc, start, end |
| claim → doc, "source:<doc>:<start>"     | doc, start, end: further reports of a merged event |
| claim → claim, "contradicts"/"updates"  | reason, doc, start, end (of the source claim) |
| actor → actor, "co_claim"               | weight, doc, doc_count, claims (≤ 50 JSON ids), date_start, date_end |

The same event reported by several documents is one claim node (the report with the
most precise date), with a source edge to every report and `merged_from` listing the
claims it stands for; the per-document extraction records keep every report.

Actor nodes also list every role the corpus gives them in `roles` (a JSON string),
including roles whose organisation or country is not named.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from kg.crossdoc import NOT_PARTICIPANTS, conflicts, most_precise_date, same_events
from kg.lang import transliterate
from kg.model import Actor, Claim, DocResult, Document, Mention, Span, TimeValue
from kg.runtime import cycle_collection_paused

DOCUMENT, ACTOR, CLAIM = "document", "actor", "claim"
CO_CLAIM_EXAMPLES = 50


def doc_node(doc_id: str) -> str:
    return f"doc:{doc_id}"


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def claim_node(claim_id: str) -> str:
    return f"claim:{claim_id}"


def build_graph(results: list[DocResult], actors: dict[str, Actor]) -> nx.MultiDiGraph:
    """The corpus graph of linked per-document results."""
    with cycle_collection_paused():
        return _built_graph(results, actors)


def _built_graph(results: list[DocResult], actors: dict[str, Actor]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for result in results:
        graph.add_node(doc_node(result.doc.id), **_document_attrs(result.doc))
    _add_actors(graph, results, actors)
    claims = [c for r in results for c in r.claims]
    stands_for = _merge_events(claims, {k: a.type for k, a in actors.items()})
    _add_unmentioned_actors(graph, claims, results, actors)
    linked = _add_claims(graph, results, claims, stands_for)
    _add_conflicts(graph, claims, stands_for)
    _add_co_claims(graph, linked)
    _add_roles(graph, results)
    return graph


def _add_claims(graph, results: list[DocResult], claims: list[Claim], stands_for: dict[str, str]) -> dict[str, set]:
    """Claim nodes (one per event), with their edges; returns each claim node's actor nodes."""
    by_doc = {r.doc.id: r for r in results}
    mentions_of = {r.doc.id: _MentionIndex(r.mentions) for r in results}
    linked: dict[str, set[str]] = {}
    for claim in claims:
        if stands_for.get(claim.id, claim.id) == claim.id:
            node = claim_node(claim.id)
            graph.add_node(node, **claim_attrs(claim, by_doc[claim.doc_id].doc))
            linked[node] = _add_claim_edges(graph, node, claim, mentions_of[claim.doc_id], "source")
    merged: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        representative = stands_for.get(claim.id, claim.id)
        if representative != claim.id:
            source_key = f"source:{claim.doc_id}:{claim.span.start}"
            node = claim_node(representative)
            linked[node] |= _add_claim_edges(graph, node, claim, mentions_of[claim.doc_id], source_key)
            merged[representative].append(claim.id)
    for representative, others in merged.items():
        graph.nodes[claim_node(representative)]["merged_from"] = json.dumps([representative, *others])
    return linked


def _add_unmentioned_actors(graph, claims: list[Claim], results: list[DocResult], actors: dict[str, Actor]) -> None:
    """Actors that claims name without a mention of their own (an anonymous source, say)."""
    named = {a for c in claims for a in (c.speaker, *c.participants) if a}
    lang = results[0].doc.lang if results else "ckb"
    for actor_id in sorted(named):
        if actor_node(actor_id) not in graph:
            actor = actors.get(actor_id) or Actor(id=actor_id, name=actor_id, type="")
            graph.add_node(actor_node(actor_id), **actor_attrs(actor, lang, 0, 0))


def _merge_events(claims: list[Claim], actor_types: dict[str, str]) -> dict[str, str]:
    """claim id → id of the claim that stands for its event (itself when not merged)."""
    stands_for = {}
    for group in same_events(claims, actor_types):
        representative = most_precise_date(group)
        stands_for.update({claim.id: representative.id for claim in group})
    return stands_for


def _add_conflicts(graph: nx.MultiDiGraph, claims: list[Claim], stands_for: dict[str, str]) -> None:
    for link in conflicts(claims):
        source, target = (claim_node(stands_for.get(c, c)) for c in (link.source, link.target))
        if source != target:
            data = graph.nodes[source]
            graph.add_edge(
                source, target, key=link.kind, kind=link.kind, reason=link.reason,
                doc=data["doc"], start=data["start"], end=data["end"],
            )


def _add_co_claims(graph: nx.MultiDiGraph, linked: dict[str, set[str]]) -> None:
    """Actor pairs weighted by the claims they share (speaker or participant), for the network.

    An edge keeps at most `CO_CLAIM_EXAMPLES` claim ids as provenance (a pair of countries
    can share tens of thousands of claims), with the first and last day of its dated claims.
    `linked`: each claim node's actor nodes, in the order the claim nodes were added.
    """
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    not_participants = {actor_node(a) for a in NOT_PARTICIPANTS}
    for node, actors in linked.items():
        for a, b in combinations(sorted(actors - not_participants), 2):
            shared[(a, b)].append(node)
    data = graph.nodes
    facts = {node: (data[node]["doc"], data[node]["date_start"], data[node]["date_end"]) for node in linked}
    for (a, b), nodes in sorted(shared.items()):
        docs = sorted({facts[n][0] for n in nodes})
        days = sorted(d for n in nodes for d in facts[n][1:] if d)
        graph.add_edge(
            a, b, key="co_claim", kind="co_claim", weight=len(nodes), doc=docs[0], doc_count=len(docs),
            claims=json.dumps(nodes[:CO_CLAIM_EXAMPLES], ensure_ascii=False),
            date_start=days[0] if days else "", date_end=days[-1] if days else "",
        )


def _add_roles(graph: nx.MultiDiGraph, results: list[DocResult]) -> None:
    """Role edges (holder → organisation or country) and each actor's list of roles."""
    listed: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        for role in result.roles:
            holder = actor_node(role.actor)
            if holder not in graph:
                continue
            record = {
                "title": role.title, "of": role.of or "", "text": role.text, "former": role.former,
                "time_value": (role.time.value or "") if role.time else "",
                "doc": role.doc_id, "start": role.span.start, "end": role.span.end,
            }
            listed[holder].append(record)
            if role.of and actor_node(role.of) in graph:
                key = f"role:{role.doc_id}:{role.span.start}"
                fields = {k: v for k, v in record.items() if k != "of"}
                graph.add_edge(holder, actor_node(role.of), key=key, kind="role", **fields)
    for node in graph.nodes:
        if graph.nodes[node]["kind"] == ACTOR:
            graph.nodes[node]["roles"] = json.dumps(listed.get(node, []), ensure_ascii=False)


def _document_attrs(doc: Document) -> dict:
    return {
        "kind": DOCUMENT,
        "label": doc.title or doc.id,
        "title": doc.title or "",
        "dct": doc.dct.isoformat() if doc.dct else "",
        "dct_source": doc.dct_source or "",
        "lang": doc.lang,
        "path": doc.path or "",
        "url": doc.url or "",
        "source": doc.source or "",
    }


def _add_actors(graph: nx.MultiDiGraph, results: list[DocResult], actors: dict[str, Actor]) -> None:
    spans_by_actor_doc: dict[tuple[str, str], list[Span]] = defaultdict(list)
    lang_of: dict[str, str] = {}  # the language an actor was first met in, for its Latin name
    for result in results:
        for mention in result.mentions:
            spans_by_actor_doc[(mention.actor_key, result.doc.id)].append(mention.span)
            lang_of.setdefault(mention.actor_key, result.doc.lang)
    mention_counts: Counter[str] = Counter()
    doc_counts: Counter[str] = Counter()
    for (actor_id, _), spans in spans_by_actor_doc.items():
        mention_counts[actor_id] += len(spans)
        doc_counts[actor_id] += 1
    for actor_id in sorted(mention_counts):
        graph.add_node(
            actor_node(actor_id),
            **actor_attrs(actors[actor_id], lang_of[actor_id], mention_counts[actor_id], doc_counts[actor_id]),
        )
    for (actor_id, doc_id), spans in sorted(spans_by_actor_doc.items()):
        graph.add_edge(
            doc_node(doc_id),
            actor_node(actor_id),
            key="mentions",
            kind="mentions",
            doc=doc_id,
            count=len(spans),
            spans=json.dumps([[s.start, s.end] for s in spans]),
        )


def actor_attrs(actor: Actor, lang: str, mentions: int, docs: int) -> dict:
    return {
        "kind": ACTOR,
        "label": actor.name,
        "name": actor.name,
        "name_en": actor.name_en or "",
        "latin": actor.name_latin or transliterate(actor.name, lang),
        "type": actor.type,
        "wikidata": actor.wikidata or "",
        "aliases": json.dumps(list(actor.aliases), ensure_ascii=False),
        "mention_count": mentions,
        "doc_count": docs,
    }


class _MentionIndex:
    """One document's mentions by actor, in text order, to find an actor's mention in a claim."""

    def __init__(self, mentions: tuple[Mention, ...]) -> None:
        self.spans: dict[str, list[Span]] = defaultdict(list)
        self.starts: dict[str, list[int]] = defaultdict(list)  # the spans' starts, to bisect
        for mention in sorted(mentions, key=lambda m: m.span.start):
            self.spans[mention.actor_key].append(mention.span)
            self.starts[mention.actor_key].append(mention.span.start)

    def first_in(self, actor_id: str, claim_span: Span) -> Span:
        """The actor's first mention inside the claim, else the claim itself."""
        spans = self.spans.get(actor_id, [])
        i = bisect.bisect_left(self.starts.get(actor_id, []), claim_span.start)
        if i < len(spans) and claim_span.contains(spans[i]):
            return spans[i]
        return claim_span


def _add_claim_edges(graph, node: str, claim: Claim, mentions: _MentionIndex, source_key: str) -> set[str]:
    """A claim's source, speaker and participant edges (a merged event's further reports too);
    returns the actor nodes the claim names."""
    where = {"doc": claim.doc_id}
    graph.add_edge(
        node, doc_node(claim.doc_id), key=source_key, kind="source", start=claim.span.start, end=claim.span.end, **where
    )
    named = set()
    if claim.speaker:
        speaker = actor_node(claim.speaker)
        named.add(speaker)
        if not graph.has_edge(node, speaker, key="speaker"):
            span = mentions.first_in(claim.speaker, claim.span)
            graph.add_edge(node, speaker, key="speaker", kind="speaker", start=span.start, end=span.end, **where)
    roles = dict(claim.participant_roles)
    for actor_id in claim.participants:
        key, target = f"participant:{actor_id}", actor_node(actor_id)
        named.add(target)
        if graph.has_edge(node, target, key=key):
            continue
        span = mentions.first_in(actor_id, claim.span)
        graph.add_edge(
            node, target, key=key, kind="participant",
            start=span.start, end=span.end, role=roles.get(actor_id, ""), **where,
        )
    return named


def claim_attrs(claim: Claim, doc: Document) -> dict:
    when = claim.date
    summary = claim.text if len(claim.text) <= 80 else claim.text[:79] + "…"
    return {
        "kind": CLAIM,
        "label": summary,
        "claim_kind": claim.kind,
        "predicate": claim.predicate,
        "text": claim.text,
        "doc": claim.doc_id,
        "start": claim.span.start,
        "end": claim.span.end,
        "speaker": actor_node(claim.speaker) if claim.speaker else "",
        "rule": claim.rule,
        "status": claim.status,
        "event_type": claim.event_type or "",
        "content_start": claim.content.start if claim.content else -1,
        "content_end": claim.content.end if claim.content else -1,
        "reported": (claim.reported.value or "") if claim.reported else "",
        **_date_attrs(when),
        "merged_from": json.dumps([claim.id]),
        "date_text": doc.text[claim.timex_span.start : claim.timex_span.end] if claim.timex_span else "",
        "date_offset_start": claim.timex_span.start if claim.timex_span else -1,
        "date_offset_end": claim.timex_span.end if claim.timex_span else -1,
    }


def _date_attrs(when: TimeValue | None) -> dict:
    """Date attributes as scalars: ISO strings, and "" where the claim is undated."""
    if when is None:
        return dict.fromkeys(("date_value", "date_start", "date_end", "granularity", "mod", "anchor"), "")
    return {
        "date_value": when.value or "",
        "date_start": when.start.isoformat() if when.start else "",
        "date_end": when.end.isoformat() if when.end else "",
        "granularity": when.granularity.name if when.granularity is not None else "",
        "mod": when.mod or "",
        "anchor": when.anchor,
    }
