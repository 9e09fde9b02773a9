"""Exports: extraction records (JSON Lines), GraphML and a CSV of claims.

Every writer is atomic (temp file + rename): an interrupted run never leaves a
half-written output.
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_path, write_text_atomic
from kg.graph import claim_attrs
from kg.model import Actor, Claim, DocResult, Document

PRETTYPRINT_MAX_ITEMS = 20_000  # nodes + edges up to which GraphML is indented
CLAIM_COLUMNS = (
    "date_value", "date_start", "date_end", "granularity", "mod", "anchor", "kind", "predicate",
    "event_type", "status", "speaker", "participants", "text", "doc", "start", "end", "date_text",
)


def to_record(result: DocResult, actors: dict[str, Actor]) -> dict:
    """One document's extraction in the shape `kg extract --format jsonl` prints."""
    doc = result.doc
    return {
        "doc": doc.id,
        "dct": doc.dct.isoformat() if doc.dct else None,
        "dct_source": doc.dct_source,
        "timexes": [
            {
                "text": t.text,
                "start": t.span.start,
                "end": t.span.end,
                "type": t.type,
                "value": t.value.value if t.value else None,
                "mod": t.value.mod if t.value else None,
                # beyond the scorer's keys: how the value was reached, kept when it is unresolved
                "anchor": t.value.anchor if t.value else None,
                "offset": t.value.offset if t.value else None,
            }
            for t in result.timexes
        ],
        "actors": _actor_records(result, actors),
        "claims": [
            {
                "kind": c.kind,
                "predicate": c.predicate,
                "speaker": c.speaker,
                "participants": list(c.participants),
                "start": c.span.start,
                "end": c.span.end,
                "date_value": c.date.value if c.date else None,
                "text": c.text,
                # beyond the scorer's keys
                "status": c.status,
                "event_type": c.event_type,
                "content": _span_record(doc.text, c.content),
                "participant_roles": [list(pair) for pair in c.participant_roles],
                "reported": c.reported.value if c.reported else None,
            }
            for c in result.claims
        ],
    }


def _span_record(text: str, span) -> dict | None:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]} if span else None


def _actor_records(result: DocResult, actors: dict[str, Actor]) -> list[dict]:
    by_actor: dict[str, list[dict]] = defaultdict(list)
    for m in result.mentions:
        by_actor[m.actor_key].append({"text": m.text, "start": m.span.start, "end": m.span.end})
    return [
        {"id": key, "name": actors[key].name, "type": actors[key].type, "mentions": spans}
        for key, spans in by_actor.items()
    ]


def jsonl_lines(records: Iterable[dict]) -> Iterable[str]:
    """Records as JSON Lines (UTF-8 text kept readable, not \\u-escaped)."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    """Records as JSON Lines, streamed to the file one by one (never the whole corpus in memory)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(jsonl_lines(records))
            handle.flush()
            os.fsync(handle.fileno())  # on disk before the rename makes it visible
    return path


def write_graphml(path: Path, graph: nx.MultiDiGraph) -> Path:
    """GraphML that Gephi and networkx open; the graph holds only scalar attributes.

    networkx writes with lxml (a dependency: faster and lighter than the standard
    library's writer). Small graphs are indented for reading; large ones are not,
    as indentation would only add size and time. Either way the bytes depend only
    on the graph.
    """
    pretty = graph.number_of_nodes() + graph.number_of_edges() <= PRETTYPRINT_MAX_ITEMS
    with atomic_path(path) as tmp:
        nx.write_graphml(graph, tmp, encoding="utf-8", prettyprint=pretty)
    return path


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """A graph written by `write_graphml`, as a MultiDiGraph again."""
    return nx.read_graphml(path, force_multigraph=True)


def write_json(path: Path, graph: nx.MultiDiGraph) -> Path:
    """The graph as node-link JSON (networkx's format, readable by d3 and `read_graph`)."""
    data = nx.node_link_data(graph, edges="edges")
    return write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def read_graph(path: Path) -> nx.MultiDiGraph:
    """A graph from GraphML (`.graphml`) or node-link JSON (`.json`)."""
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return read_graphml(path)


def write_gexf(path: Path, graph: nx.MultiDiGraph) -> Path:
    """GEXF with each claim (and its edges) alive from its date's first to last day.

    Gephi's timeline then plays the story over time. Character offsets, called
    start/end elsewhere, are renamed offset_start/offset_end here, since GEXF
    reserves start/end for time.
    """
    with atomic_path(path) as tmp:
        nx.write_gexf(dynamic_graph(graph), tmp, encoding="utf-8")
    return path


def dynamic_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` whose claims and claim edges carry GEXF `start`/`end` dates."""
    out = nx.MultiDiGraph(mode="dynamic")
    spans = {n: _claim_days(d) for n, d in graph.nodes(data=True) if d.get("kind") == "claim"}
    for node, data in graph.nodes(data=True):
        out.add_node(node, **_offsets_renamed(data), **_days(spans.get(node)))
    for u, v, key, data in graph.edges(keys=True, data=True):
        days = spans.get(u) if key != "co_claim" else _co_claim_days(data)
        out.add_edge(u, v, key=key, id=f"{u}|{key}|{v}", **_offsets_renamed(data), **_days(days))
    return out


def _claim_days(data: dict) -> tuple[str, str] | None:
    return (data["date_start"], data["date_end"] or data["date_start"]) if data.get("date_start") else None


def _co_claim_days(data: dict) -> tuple[str, str] | None:
    return (data["date_start"], data["date_end"]) if data.get("date_start") else None


def _days(span: tuple[str, str] | None) -> dict:
    return {"start": span[0], "end": span[1]} if span else {}


def _offsets_renamed(data: dict) -> dict:
    return {{"start": "offset_start", "end": "offset_end"}.get(k, k): v for k, v in data.items()}


def claim_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per claim, in date order, undated claims last."""
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "claim":
            continue
        names = [graph.nodes[v]["name"] for _, v, k in graph.out_edges(node, keys=True) if k.startswith("participant:")]
        speaker = data["speaker"]
        rows.append(
            {
                **{col: data.get(col, "") for col in CLAIM_COLUMNS},
                "kind": data["claim_kind"],
                "speaker": graph.nodes[speaker]["name"] if speaker else "",
                "participants": "; ".join(names),
            }
        )
    rows.sort(key=lambda r: (r["date_start"] == "", r["date_start"], r["doc"], r["start"]))
    return rows


def write_claims_csv(path: Path, graph: nx.MultiDiGraph, *, excel_bom: bool = False) -> Path:
    """The claims as CSV (UTF-8; with a BOM when `excel_bom`, so Excel reads Sorani right)."""
    return write_claim_rows_csv(path, claim_rows(graph), excel_bom=excel_bom)


def write_claim_rows_csv(path: Path, rows: Iterable[dict], *, excel_bom: bool = False) -> Path:
    """Claim rows as CSV, streamed to the file (a large corpus has millions of rows)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig" if excel_bom else "utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CLAIM_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
            handle.flush()
            os.fsync(handle.fileno())
    return path


def claim_row(claim: Claim, doc: Document) -> dict:
    """One claim's CSV row, with actor ids for speaker and participants (`kg.spill` names them)."""
    attrs = claim_attrs(claim, doc)
    return {
        **{col: attrs.get(col, "") for col in CLAIM_COLUMNS},
        "kind": claim.kind,
        "speaker": claim.speaker or "",
        "participants": list(claim.participants),
    }