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
| actor → actor, "co_claim"               | weight (claims shared), claims (JSON ids), docs |

The same event reported by several documents is one claim node (the report with the
most precise date), with a source edge to every report and `merged_from` listing the
claims it stands for; the per-document extraction records keep every report.

Actor nodes also list every role the corpus gives them in `roles` (a JSON string),
including roles whose organisation or country is not named.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import networkx as nx

from kg.crossdoc import conflicts, most_precise_date, same_events
from kg.lang import transliterate
from kg.model import Actor, Claim, DocResult, Document, Mention, Span, TimeValue

DOCUMENT, ACTOR, CLAIM = "document", "actor", "claim"


def doc_node(doc_id: str) -> str:
    return f"doc:{doc_id}"


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def claim_node(claim_id: str) -> str:
    return f"claim:{claim_id}"


def build_graph(results: list[DocResult], actors: dict[str, Actor]) -> nx.MultiDiGraph:
    """The corpus graph of linked per-document results."""
    graph = nx.MultiDiGraph()
    for result in results:
        graph.add_node(doc_node(result.doc.id), **_document_attrs(result.doc))
    _add_actors(graph, results, actors)
    by_doc = {r.doc.id: r for r in results}
    claims = [c for r in results for c in r.claims]
    stands_for = _merge_events(claims, {k: a.type for k, a in actors.items()})
    _add_unmentioned_actors(graph, claims, results, actors)
    for claim in claims:
        if stands_for.get(claim.id, claim.id) == claim.id:
            _add_claim(graph, claim, by_doc[claim.doc_id])
    merged: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        representative = stands_for.get(claim.id, claim.id)
        if representative != claim.id:
            _add_report(graph, claim_node(representative), claim, by_doc[claim.doc_id])
            merged[representative].append(claim.id)
    for representative, others in merged.items():
        graph.nodes[claim_node(representative)]["merged_from"] = json.dumps([representative, *others])
    _add_conflicts(graph, claims, stands_for)
    _add_co_claims(graph)
    _add_roles(graph, results)
    return graph


def _add_unmentioned_actors(graph, claims: list[Claim], results: list[DocResult], actors: dict[str, Actor]) -> None:
    """Actors that claims name without a mention of their own (an anonymous source, say)."""
    named = {a for c in claims for a in (c.speaker, *c.participants) if a}
    lang = results[0].doc.lang if results else "ckb"
    for actor_id in sorted(named):
        if actor_node(actor_id) not in graph:
            actor = actors.get(actor_id) or Actor(id=actor_id, name=actor_id, type="")
            graph.add_node(actor_node(actor_id), **_actor_attrs(actor, lang, 0, 0))


def _merge_events(claims: list[Claim], actor_types: dict[str, str]) -> dict[str, str]:
    """claim id → id of the claim that stands for its event (itself when not merged)."""
    stands_for = {}
    for group in same_events(claims, actor_types):
        representative = most_precise_date(group)
        stands_for.update({claim.id: representative.id for claim in group})
    return stands_for


def _add_report(graph: nx.MultiDiGraph, node: str, claim: Claim, result: DocResult) -> None:
    """A further report of a merged event: its source and participants join the one node."""
    graph.add_edge(
        node, doc_node(claim.doc_id), key=f"source:{claim.doc_id}:{claim.span.start}", kind="source",
        doc=claim.doc_id, start=claim.span.start, end=claim.span.end,
    )
    inside = [m for m in result.mentions if claim.span.contains(m.span)]
    roles = dict(claim.participant_roles)
    for actor_id in claim.participants:
        key = f"participant:{actor_id}"
        if not graph.has_edge(node, actor_node(actor_id), key=key):
            span = _first_span(inside, actor_id, claim.span)
            graph.add_edge(
                node, actor_node(actor_id), key=key, kind="participant",
                doc=claim.doc_id, start=span.start, end=span.end, role=roles.get(actor_id, ""),
            )


def _add_conflicts(graph: nx.MultiDiGraph, claims: list[Claim], stands_for: dict[str, str]) -> None:
    for link in conflicts(claims):
        source, target = (claim_node(stands_for.get(c, c)) for c in (link.source, link.target))
        if source != target:
            data = graph.nodes[source]
            graph.add_edge(
                source, target, key=link.kind, kind=link.kind, reason=link.reason,
                doc=data["doc"], start=data["start"], end=data["end"],
            )


def _add_co_claims(graph: nx.MultiDiGraph) -> None:
    """Actor pairs weighted by the claims they share (speaker or participant), for the network."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if data["kind"] != CLAIM:
            continue
        actors = sorted({v for _, v, k in graph.out_edges(node, keys=True) if k == "speaker" or k.startswith("participant:")})
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                shared[(a, b)].append(node)
    for (a, b), nodes in sorted(shared.items()):
        docs = sorted({graph.nodes[n]["doc"] for n in nodes})
        graph.add_edge(
            a, b, key="co_claim", kind="co_claim", weight=len(nodes),
            claims=json.dumps(nodes, ensure_ascii=False), doc=docs[0], docs=json.dumps(docs, ensure_ascii=False),
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
            **_actor_attrs(actors[actor_id], lang_of[actor_id], mention_counts[actor_id], doc_counts[actor_id]),
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


def _actor_attrs(actor: Actor, lang: str, mentions: int, docs: int) -> dict:
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


def _add_claim(graph: nx.MultiDiGraph, claim: Claim, result: DocResult) -> None:
    node = claim_node(claim.id)
    graph.add_node(node, **_claim_attrs(claim, result.doc))
    graph.add_edge(
        node, doc_node(claim.doc_id), key="source", kind="source",
        doc=claim.doc_id, start=claim.span.start, end=claim.span.end,
    )
    inside = [m for m in result.mentions if claim.span.contains(m.span)]
    if claim.speaker:
        span = _first_span(inside, claim.speaker, claim.span)
        graph.add_edge(
            node, actor_node(claim.speaker), key="speaker", kind="speaker",
            doc=claim.doc_id, start=span.start, end=span.end,
        )
    roles = dict(claim.participant_roles)
    for actor_id in claim.participants:
        span = _first_span(inside, actor_id, claim.span)
        graph.add_edge(
            node, actor_node(actor_id), key=f"participant:{actor_id}", kind="participant",
            doc=claim.doc_id, start=span.start, end=span.end, role=roles.get(actor_id, ""),
        )


def _first_span(mentions: list[Mention], actor_id: str, fallback: Span) -> Span:
    return next((m.span for m in mentions if m.actor_key == actor_id), fallback)


def _claim_attrs(claim: Claim, doc: Document) -> dict:
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
