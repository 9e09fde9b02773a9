"""The report's view model: the knowledge graph reduced to plain, JSON-able dicts.

`build_view(graph)` is the only place the renderer reads the graph. It never
mutates it (unlike pyvis's `Network.from_nx`), and everything the page shows or
scripts against comes from the dict it returns:

- `documents`, `actors`: one dict per document / actor node;
- `claims`: `{"dated": [...], "undated": [...]}`, dated claims in timeline order
  (date_start, then granularity coarse → fine, then document and offset). A claim
  without a calendar interval is undated and is never given a made-up date. Each
  claim carries its timeline `place`, `item_kind` and `lane`, its sentence cut into
  marked `segments`, and the `resolution` behind its date (kg.render.timeline,
  kg.render.sources);
- `kinds`, `legend`: item kinds and actor types with their colours;
- `network`: vis-network `nodes` / `edges` / `options` (kg.render.network).

Claims refer to actors and documents by id only; the page looks names up, so a
name is stored once however many claims mention it.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kg.model import Granularity
from kg.render import sources, timeline
from kg.render.network import TYPE_COLOURS, build_network, co_claim_weights

ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC")
_UNKNOWN_GRANULARITY_RANK = len(Granularity)
_CLAIM_LINKS = ("contradicts", "updates")


def build_view(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the JSON-able view model of `graph` for the HTML report.

    The graph is only read. Example:

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("actor:a", kind="actor", name="ئەمریکا", type="GPE", mention_count=2)
    >>> view = build_view(g)
    >>> view["counts"]
    {'documents': 0, 'actors': 1, 'claims': 0, 'dated': 0, 'undated': 0}
    >>> view["network"]["nodes"][0]["group"]
    'GPE'
    """
    documents = {node: _document_view(node, data) for node, data in _nodes_of_kind(graph, "document")}
    actors = {node: _actor_view(node, data) for node, data in _nodes_of_kind(graph, "actor")}
    mentions = sources.mention_index(graph, set(actors))
    claims = [
        _claim_view(graph, node, data, documents, mentions)
        for node, data in _nodes_of_kind(graph, "claim")
    ]
    _count_claims(actors, claims)
    dated = sorted((c for c in claims if c["place"]), key=_timeline_key)
    undated = sorted((c for c in claims if not c["place"]), key=_source_key)
    actor_list = sorted(actors.values(), key=lambda a: (-a["mention_count"], a["name"], a["id"]))
    weights = co_claim_weights(graph, set(actors), claims)
    return {
        "detail": graph.graph.get("detail", "claims"),  # "actors": a graph without claim nodes (kg.graph_actors)
        "counts": {
            "documents": len(documents),
            "actors": len(actors),
            "claims": len(claims),
            "dated": len(dated),
            "undated": len(undated),
        },
        "documents": sorted(documents.values(), key=lambda d: d["id"]),
        "actors": actor_list,
        "claims": {"dated": dated, "undated": undated},
        "kinds": [{"kind": k, "colour": c} for k, c in timeline.KIND_COLOURS.items()],
        "legend": [{"type": t, "colour": TYPE_COLOURS[t]} for t in ACTOR_TYPES],
        "network": build_network(actor_list, weights),
    }


def _nodes_of_kind(graph: nx.MultiDiGraph, kind: str):
    """Nodes whose `kind` attribute is `kind`, in id order (deterministic output)."""
    return sorted(
        ((node, data) for node, data in graph.nodes(data=True) if data.get("kind") == kind),
        key=lambda item: str(item[0]),
    )


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _int(data: dict, key: str, default: int = 0) -> int:
    try:
        return int(data.get(key, default))
    except (TypeError, ValueError):
        return default


def _document_view(node: str, data: dict) -> dict[str, Any]:
    return {
        "id": node,
        "file": node.removeprefix("doc:"),
        "title": _text(data, "title") or _text(data, "label"),
        "dct": _text(data, "dct"),
        "dct_source": _text(data, "dct_source"),
    }


def _actor_view(node: str, data: dict) -> dict[str, Any]:
    actor_type = _text(data, "type")
    return {
        "id": node,
        "name": _text(data, "name") or _text(data, "label") or node,
        "name_en": _text(data, "name_en"),
        "latin": _text(data, "latin"),
        "type": actor_type if actor_type in ACTOR_TYPES else "OTHER",
        "mention_count": _int(data, "mention_count"),
        "doc_count": _int(data, "doc_count"),
        "aliases": _json_list(data.get("aliases")),
        "claim_count": 0,
    }


def _json_list(raw: Any) -> list[str]:
    """Lists are stored as JSON in a string (GraphML allows scalars only)."""
    if not raw:
        return []
    try:
        parsed = json.loads(raw)
    except (TypeError, ValueError):
        return [str(raw)]
    return [str(a) for a in parsed] if isinstance(parsed, list) else [str(parsed)]


def _count_claims(actors: dict[str, dict], claims: list[dict]) -> None:
    for claim in claims:
        for actor in claim["actors"]:
            if actor in actors:
                actors[actor]["claim_count"] += 1


def _claim_view(graph, node, data, documents, mentions) -> dict[str, Any]:
    speaker, participants = _claim_actors(graph, node, data)
    doc_file = _text(data, "doc") or _source_doc_file(graph, node)
    document = documents.get(f"doc:{doc_file}", {})
    text, start = _text(data, "text"), _int(data, "start")
    end = start + len(text)
    date = _date_view(data)
    return {
        "id": node,
        "kind": _text(data, "claim_kind"),
        "item_kind": timeline.item_kind(_text(data, "claim_kind"), _text(data, "event_type"),
                                        _text(data, "predicate")),
        "predicate": _text(data, "predicate"),
        "event_type": _text(data, "event_type"),
        "status": _text(data, "status"),
        "doc": f"doc:{doc_file}" if doc_file else "",
        "start": start,
        "segments": sources.segments(text, start, sources.date_span(text, start, data),
                                     sources.spans_within(mentions.get(doc_file, []), start, end)),
        "speaker": speaker,
        "participants": [{"id": a, "role": role} for a, role in participants],
        "actors": sorted({a for a, _ in participants} | ({speaker} if speaker else set())),
        "lane": timeline.lane_actor(speaker, participants),
        "date": date,
        "place": timeline.place(date["start"], _text(data, "date_end"), date["mod"]) if date["parts"] else None,
        "resolution": sources.resolution(date["anchor"], date["granularity"], date["start"],
                                         document.get("dct", "")),
        **_non_empty(reports=_other_reports(graph, node, doc_file, start),
                     links=_claim_links(graph, node)),
    }


def _non_empty(**lists: list) -> dict[str, list]:
    """Only the lists that hold something: most claims have no links, and a large
    report carries tens of thousands of claims."""
    return {name: items for name, items in lists.items() if items}


def _claim_actors(graph, node, data) -> tuple[str, list[tuple[str, str]]]:
    """Speaker and (participant, role) pairs, from the claim's out-edges.

    The `speaker` node attribute is the fallback when no speaker edge exists.
    """
    speaker = ""
    participants: dict[str, str] = {}
    for _, target, key, edge in graph.out_edges(node, keys=True, data=True):
        kind = edge.get("kind") or str(key).split(":", 1)[0]
        if kind == "speaker":
            speaker = str(target)
        elif kind == "participant":
            participants.setdefault(str(target), _text(edge, "role"))
    speaker = speaker or _text(data, "speaker")
    participants.pop(speaker, None)  # the speaker is listed once, as the speaker
    return speaker, sorted(participants.items())


def _source_doc_file(graph, node) -> str:
    """The document file a claim's `source` edge points to, if the node lacks `doc`."""
    for _, target, key in graph.out_edges(node, keys=True):
        if key == "source":
            return str(target).removeprefix("doc:")
    return ""


def _other_reports(graph, node, doc_file: str, start: int) -> list[dict[str, Any]]:
    """Further articles reporting the same (merged) event: their `source:<doc>:<start>` edges."""
    reports = []
    for _, target, key, edge in graph.out_edges(node, keys=True, data=True):
        if edge.get("kind") == "source" and str(key) != "source":
            where = (str(target), _int(edge, "start"))
            if where != (f"doc:{doc_file}", start):
                reports.append({"doc": where[0], "start": where[1]})
    return sorted(reports, key=lambda r: (r["doc"], r["start"]))


def _claim_links(graph, node) -> list[dict[str, str]]:
    """contradicts/updates links to and from other claims, named from this claim's side."""
    links = []
    for _, other, edge in graph.out_edges(node, data=True):
        if edge.get("kind") in _CLAIM_LINKS:
            links.append({"link": edge["kind"], "claim": str(other)})
    for other, _, edge in graph.in_edges(node, data=True):
        if edge.get("kind") in _CLAIM_LINKS:
            links.append({"link": {"contradicts": "contradicted_by", "updates": "updated_by"}[edge["kind"]],
                          "claim": str(other)})
    return sorted(links, key=lambda link: (link["link"], link["claim"]))


def _date_view(data: dict) -> dict[str, Any]:
    granularity = _text(data, "granularity").upper()
    start = _text(data, "date_start")
    return {
        "value": _text(data, "date_value"),
        "start": start,
        "granularity": granularity,
        "mod": _text(data, "mod").upper(),
        "anchor": _text(data, "anchor"),
        "parts": _date_parts(start, granularity),
    }


def _date_parts(start: str, granularity: str) -> dict[str, int]:
    """Year/month/day the claim's date is precise to, read from its interval start.

    The page turns these into a readable Sorani date; coarse dates keep only
    what they know (a YEAR claim shows no month).
    """
    try:
        year, month, day = (int(p) for p in start.split("-"))
    except ValueError:
        return {}
    rank = _granularity_rank(granularity)
    parts = {"year": year}
    if rank >= Granularity.MONTH:
        parts["month"] = month
    if rank >= Granularity.WEEK:  # a week is shown as "week of <its Monday>"
        parts["day"] = day
    return parts


def _granularity_rank(name: str) -> int:
    try:
        return int(Granularity[name])
    except KeyError:
        return _UNKNOWN_GRANULARITY_RANK


def _timeline_key(claim: dict) -> tuple:
    date = claim["date"]
    return (date["start"], _granularity_rank(date["granularity"]), *_source_key(claim))


def _source_key(claim: dict) -> tuple:
    return (claim["doc"], claim["start"], claim["id"])
