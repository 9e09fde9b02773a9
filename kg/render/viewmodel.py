"""The report's view model: the knowledge graph reduced to plain, JSON-able dicts.

`build_view(graph)` is the only place the renderer reads the graph. It never
mutates it (unlike pyvis's `Network.from_nx`), and everything the page shows or
scripts against comes from the dict it returns:

- `documents`, `actors`: one dict per document / actor node;
- `claims`: `{"dated": [...], "undated": [...]}`, dated claims in timeline order
  (date_start, then granularity coarse → fine, then document and offset).
  A claim without `date_start` is undated and is never given a made-up date;
- `network`: vis-network `nodes` / `edges` / `options` for the actor network.
  Actor-actor edges are derived here (claims shared as speaker or participant),
  never stored in the graph, because stored derived edges go stale.

A later zoomable timeline reads the same claim dicts (`date.start`/`date.end`
are the interval each claim covers), so it extends this model rather than
replacing it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from kg.model import Granularity

ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC")
# Colour-blind-safe (Okabe-Ito) hues, one per actor type; OTHER for unknown types.
TYPE_COLOURS = {
    "PER": "#0072B2",
    "ORG": "#D55E00",
    "GPE": "#009E73",
    "LOC": "#CC79A7",
    "OTHER": "#7f7f7f",
}
# Above this many actors the browser's physics would take too long to settle
# (pyvis measurements, STYLE 4.7): lay out in Python and switch physics off.
PYTHON_LAYOUT_THRESHOLD = 300
STABILIZATION_ITERATIONS = 200
RING_GAP = 120.0  # layout units between rings (vis-network canvas pixels at zoom 1)
NODE_SPACING = 45.0

_UNKNOWN_GRANULARITY_RANK = len(Granularity)


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
    claims = [
        _claim_view(graph, node, data, actors, documents)
        for node, data in _nodes_of_kind(graph, "claim")
    ]
    # Dated means a calendar interval we can place; a value such as "PRESENT_REF"
    # or "XXXX-10-10" without one stays undated (shown, never placed at a guess).
    dated = sorted((c for c in claims if c["date"]["parts"]), key=_timeline_key)
    undated = sorted((c for c in claims if not c["date"]["parts"]), key=_source_key)
    actor_list = sorted(actors.values(), key=lambda a: (-a["mention_count"], a["name"], a["id"]))
    return {
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
        "legend": [{"type": t, "colour": TYPE_COLOURS[t]} for t in ACTOR_TYPES],
        "network": build_network(actor_list, claims),
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
        "label": _text(data, "label"),
        "title": _text(data, "title"),
        "dct": _text(data, "dct"),
        "dct_source": _text(data, "dct_source"),
        "lang": _text(data, "lang"),
        "path": _text(data, "path"),
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
        "aliases": _parse_aliases(data.get("aliases")),
    }


def _parse_aliases(raw: Any) -> list[str]:
    """Aliases are stored as a JSON list in a string (GraphML allows scalars only)."""
    if not raw:
        return []
    try:
        parsed = json.loads(raw)
    except (TypeError, ValueError):
        return [str(raw)]
    return [str(a) for a in parsed] if isinstance(parsed, list) else [str(parsed)]


def _claim_view(graph, node, data, actors, documents) -> dict[str, Any]:
    speaker, participants = _claim_actors(graph, node, data)
    doc_file = _text(data, "doc")
    document = documents.get(f"doc:{doc_file}") or _source_document(graph, node, documents)
    text = _text(data, "text")
    start = _int(data, "start")
    return {
        "id": node,
        "kind": _text(data, "claim_kind"),
        "predicate": _text(data, "predicate"),
        "text": text,
        "segments": mark_segments(text, start, data),
        "doc": doc_file or (document or {}).get("id", ""),
        "doc_title": (document or {}).get("title", ""),
        "doc_dct": (document or {}).get("dct", ""),
        "start": start,
        "end": _int(data, "end"),
        "speaker": _actor_ref(speaker, actors) if speaker else None,
        "participants": [_actor_ref(a, actors) | {"role": role} for a, role in participants],
        "actors": sorted({a for a, _ in participants} | ({speaker} if speaker else set())),
        "date": _date_view(data),
    }


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
    return speaker, sorted(participants.items())


def _source_document(graph, node, documents) -> dict | None:
    """The document a claim points to with its `source` edge, if any."""
    for _, target, edge in graph.out_edges(node, data=True):
        if edge.get("kind") == "source" and target in documents:
            return documents[target]
    return None


def _actor_ref(actor_id: str, actors: dict[str, dict]) -> dict[str, str]:
    actor = actors.get(actor_id)
    return {"id": actor_id, "name": actor["name"] if actor else actor_id}


def _date_view(data: dict) -> dict[str, Any]:
    granularity = _text(data, "granularity").upper()
    start = _text(data, "date_start")
    return {
        "value": _text(data, "date_value"),
        "start": start,
        "end": _text(data, "date_end"),
        "granularity": granularity,
        "mod": _text(data, "mod").upper(),
        "anchor": _text(data, "anchor"),
        "text": _text(data, "date_text"),
        "parts": _date_parts(start, granularity),
    }


def _date_parts(start: str, granularity: str) -> dict[str, int]:
    """Year/month/day the claim's date is precise to, read from its interval start.

    The template turns these into a readable Sorani date; coarse dates keep only
    what they know (a YEAR claim shows no month).
    """
    try:
        year, month, day = (int(p) for p in start.split("-"))
    except ValueError:
        return {}
    rank = _granularity_rank(granularity)
    parts = {"year": year}
    if rank >= Granularity.MONTH and granularity != "WEEK":
        parts["month"] = month
    if rank >= Granularity.DAY:
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


def mark_segments(text: str, claim_start: int, data: dict) -> list[dict[str, Any]]:
    """Split a claim's sentence into pieces, flagging the dating expression.

    `date_offset_start/end` index the document; the sentence starts at
    `claim_start`, so the mark is at their difference. If that slice does not
    hold `date_text` (offsets out of step), fall back to finding the text;
    if neither works, nothing is marked rather than marking the wrong words.

    >>> mark_segments("abc 2014 x", 10, {"date_offset_start": 14, "date_offset_end": 18})
    [{'text': 'abc ', 'mark': False}, {'text': '2014', 'mark': True}, {'text': ' x', 'mark': False}]
    """
    begin = _int(data, "date_offset_start", -1) - claim_start
    end = _int(data, "date_offset_end", -1) - claim_start
    surface = _text(data, "date_text")
    in_bounds = 0 <= begin < end <= len(text)
    if not in_bounds or (surface and text[begin:end] != surface):
        found = text.find(surface) if surface else -1
        if found < 0:
            return [{"text": text, "mark": False}] if text else []
        begin, end = found, found + len(surface)
    pieces = [(text[:begin], False), (text[begin:end], True), (text[end:], False)]
    return [{"text": piece, "mark": mark} for piece, mark in pieces if piece]


def build_network(actors: list[dict], claims: list[dict]) -> dict[str, Any]:
    """vis-network nodes, edges and options for the actor network.

    Node size grows with the square root of mentions (area ~ mentions); edge
    width with the number of claims two actors share. Small networks settle
    with bounded physics in the browser; large ones get a deterministic layout
    computed here (`_radial_positions`) and no physics at all.
    """
    weights = _shared_claim_counts(claims, {a["id"] for a in actors})
    nodes = [_network_node(actor) for actor in actors]
    edges = [
        {"id": f"e{i}", "from": a, "to": b, "value": count, "title": str(count)}
        for i, ((a, b), count) in enumerate(sorted(weights.items()))
    ]
    use_python_layout = len(nodes) > PYTHON_LAYOUT_THRESHOLD
    if use_python_layout:
        positions = _radial_positions([n["id"] for n in nodes], weights)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
    return {
        "nodes": nodes,
        "edges": edges,
        "layout": "python" if use_python_layout else "physics",
        "options": _network_options(physics=not use_python_layout),
    }


def _shared_claim_counts(claims: list[dict], actor_ids: set[str]) -> Counter:
    """Number of claims each unordered pair of actors takes part in together."""
    counts: Counter = Counter()
    for claim in claims:
        involved = sorted(a for a in claim["actors"] if a in actor_ids)
        counts.update(combinations(involved, 2))
    return counts


def _network_node(actor: dict) -> dict[str, Any]:
    colour = TYPE_COLOURS[actor["type"]]
    tooltip = " · ".join(p for p in (actor["name"], actor["name_en"], actor["type"]) if p)
    return {
        "id": actor["id"],
        "label": actor["name"],
        "title": f"{tooltip} ({actor['mention_count']})",  # vis 9 shows string titles as text
        "group": actor["type"],
        "size": round(8 + 4 * math.sqrt(max(actor["mention_count"], 0)), 1),
        "color": colour,
    }


def _radial_positions(node_ids: list[str], weights: Counter) -> dict[str, tuple[float, float]]:
    """Deterministic radial layout, pure Python and linear in nodes + edges.

    networkx's spring_layout needs numpy (and scipy above 500 nodes), which kg
    does not depend on, and costs seconds at 5k nodes. Instead each connected
    component is laid out as rings around its most-mentioned actor (breadth-first
    depth = ring), children near their parent's angle so neighbours sit close;
    components are then packed in rows, largest first. `node_ids` comes sorted
    by importance, which fixes every choice.
    """
    neighbours: dict[str, list[str]] = {n: [] for n in node_ids}
    for a, b in sorted(weights):
        neighbours[a].append(b)
        neighbours[b].append(a)
    rank = {n: i for i, n in enumerate(node_ids)}
    placed: dict[str, tuple[float, float]] = {}
    components = []
    for root in node_ids:
        if root not in placed:
            local = _ring_layout(root, neighbours, rank)
            placed.update(local)
            components.append(local)
    return _pack_components(sorted(components, key=len, reverse=True))


def _ring_layout(root, neighbours, rank) -> dict[str, tuple[float, float]]:
    """Concentric rings by breadth-first depth around `root`, centred on (0, 0)."""
    angle_of = {root: 0.0}
    positions = {root: (0.0, 0.0)}
    ring, radius = [root], 0.0
    while ring:
        children = []
        for parent in ring:  # ring is already in angle order
            fresh = sorted((c for c in neighbours[parent] if c not in angle_of), key=rank.get)
            for child in fresh:
                angle_of[child] = angle_of[parent]  # provisional: claims the child
            children.extend(fresh)
        if not children:
            break
        # Rings grow with their population so nodes keep at least NODE_SPACING apart.
        radius = max(radius + RING_GAP, len(children) * NODE_SPACING / (2 * math.pi))
        for i, child in enumerate(children):
            angle = 2 * math.pi * i / len(children)
            angle_of[child] = angle
            positions[child] = (radius * math.cos(angle), radius * math.sin(angle))
        ring = children
    return positions


def _pack_components(components) -> dict[str, tuple[float, float]]:
    """Place component discs left to right in rows of roughly square overall shape."""
    radii = [max((math.hypot(x, y) for x, y in c.values()), default=0.0) + RING_GAP / 2
             for c in components]
    row_width = max(math.sqrt(sum((2 * r) ** 2 for r in radii)), 2 * max(radii, default=0.0))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component, r in zip(components, radii):
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + r, y + r
        for node, (px, py) in component.items():
            positions[node] = (round(cx + px, 1), round(cy + py, 1))
        x, row_height = x + 2 * r, max(row_height, 2 * r)
    return positions


def _network_options(*, physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif"}},
        "edges": {"color": {"color": "#9aa4b1", "highlight": "#333"}, "smooth": False,
                  "scaling": {"min": 1, "max": 8}},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS,
                              "fit": True},
        },
    }
