"""The actor network for vis-network: nodes, weighted edges, options and, for large
networks, positions computed here.

Edges are the graph's `co_claim` actor↔actor edges (`weight` = claims the two share);
a graph without them (built before they existed) gets them derived from the claims.
Small networks settle with bounded physics in the browser, which is then switched
off; above `PYTHON_LAYOUT_THRESHOLD` actors the layout is computed here and the page
never runs physics (pyvis measurements, STYLE 4.7: 1,000 nodes took ~83 s to settle
in the browser, 0.46 s to draw with positions given).
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from typing import Any

TYPE_COLOURS = {  # colour-blind-safe (Okabe-Ito) hues, one per actor type
    "PER": "#0072B2",
    "ORG": "#D55E00",
    "GPE": "#009E73",
    "LOC": "#CC79A7",
    "OTHER": "#7f7f7f",
}
PYTHON_LAYOUT_THRESHOLD = 300
STABILIZATION_ITERATIONS = 200
RING_GAP = 120.0  # layout units between rings (vis-network canvas pixels at zoom 1)
NODE_SPACING = 45.0


def co_claim_weights(graph, actor_ids: set[str], claims: list[dict]) -> Counter:
    """Shared-claim count per unordered actor pair, from `co_claim` edges or else the claims."""
    weights: Counter = Counter()
    for a, b, edge in graph.edges(data=True):
        if edge.get("kind") == "co_claim" and a in actor_ids and b in actor_ids and a != b:
            weights[tuple(sorted((str(a), str(b))))] += int(edge.get("weight") or 1)
    return weights or shared_claim_counts(claims, actor_ids)


def build_network(actors: list[dict], weights: Counter) -> dict[str, Any]:
    """vis-network nodes, edges and options for the actor network.

    Node size grows with the square root of mentions (area ~ mentions); edge
    width with the number of claims two actors share. Small networks settle
    with bounded physics in the browser; large ones get a deterministic layout
    computed here (`_radial_positions`) and no physics at all.
    """
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


def shared_claim_counts(claims: list[dict], actor_ids: set[str]) -> Counter:
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
        # vis-network colours a node by its group's palette entry, not by its own `color`.
        "groups": {t: {"color": c} for t, c in TYPE_COLOURS.items()},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS,
                              "fit": True},
        },
    }
