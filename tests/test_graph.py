"""The corpus graph and its exports, built from hand-made extractions (no linguistics)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg.export import read_graphml, to_record, write_claims_csv, write_graphml
from kg.graph import build_graph
from kg.text import sentences
from kg.model import Actor, Claim, DocResult, Document, Granularity, Mention, Role, Span, Timex, TimeValue

TEXT = "ساڵی ٢٠١٩ بارزانی لە بەغدا گوتی: «پەیوەندییەکان باشن». دواتر گەڕایەوە."
ACTORS = {
    "masrour_barzani": Actor(id="masrour_barzani", name="مەسرور بارزانی", type="PER", name_en="Masrour Barzani"),
    "baghdad": Actor(id="baghdad", name="بەغدا", type="GPE", name_en="Baghdad", wikidata="Q1530"),
}


def _span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def _result(doc_id: str = "a.txt", dct: date | None = date(2019, 5, 2)) -> DocResult:
    doc = Document(id=doc_id, text=TEXT, dct=dct, dct_source="manifest" if dct else None, title="دیدار")
    year = _span_of(TEXT, "ساڵی ٢٠١٩")
    value = TimeValue(value="2019", granularity=Granularity.YEAR, start=date(2019, 1, 1), end=date(2019, 12, 31))
    timex = Timex(doc_id=doc_id, span=year, text="ساڵی ٢٠١٩", type="DATE", value=value, rule="year_cue")
    mentions = tuple(
        Mention(doc_id=doc_id, span=_span_of(TEXT, word), text=word, actor_key=key)
        for word, key in (("بارزانی", "masrour_barzani"), ("بەغدا", "baghdad"))
    )
    first_sentence = Span(0, TEXT.index(".") + 1)
    claims = (
        Claim(
            id=f"{doc_id}#c0", doc_id=doc_id, kind="statement", predicate="say",
            speaker="masrour_barzani", participants=("masrour_barzani", "baghdad"),
            span=first_sentence, text=TEXT[: first_sentence.end], date=value, timex_span=year,
        ),
        Claim(
            id=f"{doc_id}#c1", doc_id=doc_id, kind="event", predicate="", speaker=None,
            participants=("masrour_barzani",), span=_span_of(TEXT, "دواتر گەڕایەوە."),
            text="دواتر گەڕایەوە.", date=None,
        ),
    )
    roles = (
        Role(doc_id=doc_id, span=_span_of(TEXT, "بەغدا"), text="بەغدا", actor="masrour_barzani",
             title="Guest", of="baghdad", time=value, former=True),
    )
    return DocResult(doc=doc, timexes=(timex,), mentions=mentions, claims=claims, roles=roles, actors=ACTORS)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph([_result("a.txt"), _result("b.txt", dct=None)], ACTORS)


def test_graph_nodes_by_kind(graph: nx.MultiDiGraph):
    kinds = sorted(data["kind"] for _, data in graph.nodes(data=True))
    assert kinds.count("document") == 2 and kinds.count("actor") == 2 and kinds.count("claim") == 4
    assert graph.nodes["actor:masrour_barzani"]["mention_count"] == 2
    assert graph.nodes["actor:masrour_barzani"]["doc_count"] == 2
    assert graph.nodes["actor:masrour_barzani"]["latin"]  # a Latin display name exists


def test_graph_every_edge_carries_document_provenance(graph: nx.MultiDiGraph):
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert data["doc"] in ("a.txt", "b.txt"), (u, v, key)
        if key == "mentions":
            spans = json.loads(data["spans"])
            assert len(spans) == data["count"]
            assert all(TEXT[s:e] in ("بارزانی", "بەغدا") for s, e in spans)
        elif key == "co_claim":
            assert all(graph.nodes[c]["kind"] == "claim" for c in json.loads(data["claims"]))
            assert len(json.loads(data["claims"])) == min(data["weight"], 50)
        else:
            assert 0 <= data["start"] < data["end"] <= len(TEXT)


def test_graph_speaker_edge_points_at_the_mention(graph: nx.MultiDiGraph):
    data = graph.get_edge_data("claim:a.txt#c0", "actor:masrour_barzani", key="speaker")
    assert TEXT[data["start"] : data["end"]] == "بارزانی"


def test_graph_undated_claim_has_empty_date(graph: nx.MultiDiGraph):
    node = graph.nodes["claim:a.txt#c1"]
    assert (node["date_value"], node["date_start"], node["date_offset_start"]) == ("", "", -1)
    assert graph.nodes["claim:a.txt#c0"]["date_text"] == "ساڵی ٢٠١٩"


def test_graph_attributes_are_graphml_scalars(graph: nx.MultiDiGraph):
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_, d in graph.edges(keys=True, data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float, bool)) for v in values)


def test_graphml_round_trip_keeps_nodes_edges_and_types(graph: nx.MultiDiGraph, tmp_path: Path):
    path = write_graphml(tmp_path / "g.graphml", graph)
    back = read_graphml(path)
    assert set(back.nodes) == set(graph.nodes)
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    typed = lambda d: {k: (type(v).__name__, v) for k, v in d.items()}  # noqa: E731 - True is not 1
    for node, data in graph.nodes(data=True):
        assert typed(back.nodes[node]) == typed(data)
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert typed(back.get_edge_data(u, v, key=key)) == typed(data)
    assert not list(tmp_path.glob(".*.tmp"))


def test_claims_csv_in_date_order_with_sorani_intact(graph: nx.MultiDiGraph, tmp_path: Path):
    path = write_claims_csv(tmp_path / "claims.csv", graph, excel_bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["date_value"] for r in rows] == ["2019", "2019", "", ""]
    assert rows[0]["speaker"] == "مەسرور بارزانی" and rows[0]["kind"] == "statement"
    assert rows[0]["participants"] == "مەسرور بارزانی; بەغدا"


def test_record_has_the_scorer_shape():
    record = to_record(_result(), ACTORS)
    assert set(record) == {"doc", "dct", "dct_source", "timexes", "actors", "claims"}
    assert record["dct"] == "2019-05-02" and record["dct_source"] == "manifest"
    assert record["timexes"] == [
        {
            "text": "ساڵی ٢٠١٩", "start": 0, "end": 9, "type": "DATE", "value": "2019", "mod": None,
            "anchor": "absolute", "offset": None,
        }
    ]
    barzani = next(a for a in record["actors"] if a["id"] == "masrour_barzani")
    assert barzani["type"] == "PER" and barzani["mentions"][0]["text"] == "بارزانی"
    assert set(record["claims"][0]) == {
        "kind", "predicate", "speaker", "participants", "start", "end", "date_value", "text",
        "status", "event_type", "content", "participant_roles", "reported",
    }
    assert record["claims"][1]["date_value"] is None


def test_graph_role_edge_from_holder_to_organisation(graph: nx.MultiDiGraph):
    edge = graph.get_edge_data("actor:masrour_barzani", "actor:baghdad", key=f"role:a.txt:{TEXT.index('بەغدا')}")
    assert (edge["kind"], edge["title"], edge["former"], edge["time_value"]) == ("role", "Guest", True, "2019")
    roles = json.loads(graph.nodes["actor:masrour_barzani"]["roles"])
    assert [(r["doc"], r["of"]) for r in roles] == [("a.txt", "baghdad"), ("b.txt", "baghdad")]
    assert json.loads(graph.nodes["actor:baghdad"]["roles"]) == []


def test_graph_co_claim_edges_weight_shared_claims(graph: nx.MultiDiGraph):
    edge = graph.get_edge_data("actor:baghdad", "actor:masrour_barzani", key="co_claim")
    assert edge["weight"] == 2  # c0 of a.txt and of b.txt name both
    assert (edge["doc"], edge["doc_count"]) == ("a.txt", 2)
    assert (edge["date_start"], edge["date_end"]) == ("2019-01-01", "2019-12-31")


# The documented schema (docs/graph.md): every node and edge kind with exactly these attributes.
NODE_SCHEMA = {
    "document": {"kind", "label", "title", "dct", "dct_source", "lang", "path", "url", "source"},
    "actor": {
        "kind", "label", "name", "name_en", "latin", "type", "wikidata", "aliases", "mention_count",
        "doc_count", "roles",
    },
    "claim": {
        "kind", "label", "claim_kind", "predicate", "text", "doc", "start", "end", "speaker", "rule",
        "status", "event_type", "content_start", "content_end", "reported", "date_value", "date_start",
        "date_end", "granularity", "mod", "anchor", "merged_from", "date_text", "date_offset_start",
        "date_offset_end",
    },
}
EDGE_SCHEMA = {
    "source": {"kind", "doc", "start", "end"},
    "mentions": {"kind", "doc", "count", "spans"},
    "speaker": {"kind", "doc", "start", "end"},
    "participant": {"kind", "doc", "start", "end", "role"},
    "role": {"kind", "title", "text", "former", "time_value", "doc", "start", "end"},
    "contradicts": {"kind", "reason", "doc", "start", "end"},
    "updates": {"kind", "reason", "doc", "start", "end"},
    "co_claim": {"kind", "weight", "claims", "doc", "doc_count", "date_start", "date_end"},
}


@pytest.fixture(scope="module")
def seed_graph():
    from kg.corpus import read_corpus
    from kg.pipeline import run_corpus

    result = run_corpus(read_corpus([Path(__file__).resolve().parent.parent / "data" / "seeds"]).documents)
    return build_graph(result.results, result.actors), result


def test_graph_schema_every_node_and_edge_kind_has_its_documented_attributes(seed_graph):
    graph, _ = seed_graph
    for node, data in graph.nodes(data=True):
        assert set(data) == NODE_SCHEMA[data["kind"]], node
    seen = set()
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert set(data) == EDGE_SCHEMA[data["kind"]], (u, v, key)
        seen.add(data["kind"])
    assert seen >= {"source", "mentions", "speaker", "participant", "role", "co_claim"}


def test_graph_provenance_claim_spans_inside_documents_and_containing_their_evidence(seed_graph):
    graph, result = seed_graph
    texts = {r.doc.id: r.doc.text for r in result.results}
    for r in result.results:
        for claim in r.claims:
            assert 0 <= claim.span.start < claim.span.end <= len(texts[claim.doc_id])
            assert texts[claim.doc_id][claim.span.start : claim.span.end] == claim.text
            if claim.content:
                assert claim.span.contains(claim.content), claim.id
            if claim.timex_span and claim.rule != "event_anaphora":
                # a date opening the sentence dates each of its clauses
                sentence = next(s for s in sentences(texts[claim.doc_id]) if s.contains(claim.span))
                assert sentence.contains(claim.timex_span), claim.id
    for node, data in graph.nodes(data=True):
        if data["kind"] == "claim":
            assert texts[data["doc"]][data["start"] : data["end"]] == data["text"]
