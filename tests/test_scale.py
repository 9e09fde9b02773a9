"""Large-corpus builds: document digests, the actor-level graph and the spill of records.

A digest run must link exactly as a full run does, and the records read back from the
spill must be the records a full run prints; the actor-level graph must count what the
claim-level graph counts for actors, with provenance on every node and edge.
"""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

import kg.cli
from kg.cli import main
from kg.corpus import read_corpus
from kg.export import jsonl_lines, to_record
from kg.graph import build_graph
from kg.graph_actors import DETAIL, build_actor_graph
from kg.model import Document
from kg.pipeline import digest_corpus, run_corpus
from kg.runtime import cycle_collection_paused
from kg.spill import RecordSpill

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return read_corpus([SEEDS]).documents


@pytest.fixture(scope="module")
def full(seeds):
    return run_corpus(seeds)


@pytest.fixture(scope="module")
def digested(seeds):
    with RecordSpill() as spill:
        result = digest_corpus(seeds, on_result=spill.add)
        records = list(spill.records(result.moved, result.actors))
        rows = list(spill.claim_rows(result.moved, result.actors))
    return result, records, rows


def test_digest_run_links_as_the_full_run_does(full, digested):
    result, _, _ = digested
    assert result.merges == full.merges
    assert result.actors.keys() == full.actors.keys()
    assert result.moved, "the seeds have surnames linked to full names: ids must move somewhere"


def test_spilled_records_are_the_full_runs_records(full, digested):
    _, records, _ = digested
    expected = "".join(jsonl_lines(to_record(r, full.actors) for r in full.results))
    assert "".join(jsonl_lines(records)) == expected


def test_spilled_claim_rows_name_linked_actors_in_date_order(full, digested):
    _, _, rows = digested
    assert len(rows) == sum(len(r.claims) for r in full.results)
    days = [row["date_start"] for row in rows if row["date_start"]]
    assert days == sorted(days)
    assert [row for row in rows if not row["date_start"]] == rows[len(days):]  # undated last
    names = {actor.name for actor in full.actors.values()}
    named = {name for row in rows for name in [row["speaker"], *row["participants"].split("; ")] if name}
    assert named <= names  # no id left where a name belongs


def test_actor_graph_counts_what_the_claim_graph_counts(full, digested):
    result, _, _ = digested
    claims_graph = build_graph(full.results, full.actors)
    actors_graph = build_actor_graph(result.digests, result.actors)
    assert actors_graph.graph["detail"] == DETAIL
    for node, data in actors_graph.nodes(data=True):
        if data["mention_count"]:
            expected = claims_graph.nodes[node]
            assert (data["mention_count"], data["doc_count"]) == (expected["mention_count"], expected["doc_count"])
    pairs = {(u, v) for u, v, k in claims_graph.edges(keys=True) if k == "co_claim"}
    assert {(u, v) for u, v, k in actors_graph.edges(keys=True) if k == "co_claim"} <= pairs | _reports_only(result)


def _reports_only(result) -> set:
    """Pairs that only unmerged reports share (the claim graph merges reports of one event first)."""
    return {
        (f"actor:{a}", f"actor:{b}")
        for d in result.digests for c in d.claims for a in c.actors for b in c.actors if a < b
    }


def test_actor_graph_keeps_provenance_on_every_node_and_edge(digested):
    result, _, _ = digested
    graph = build_actor_graph(result.digests, result.actors)
    docs = {d.doc.id for d in result.digests}
    for _, data in graph.nodes(data=True):
        assert data["doc"] in docs or data["mention_count"] == 0
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert data["doc"] in docs, key
        if data["kind"] == "role":
            assert data["count"] >= 1 and data["start"] < data["end"]
        else:
            assert data["weight"] >= 1 and json.loads(data["claims"])


def test_actor_graph_role_edges_count_repeated_statements():
    texts = [
        "فوئاد حوسێن، وەزیری دەرەوەی عێراق، ئەمڕۆ سەردانی تارانی کرد.",
        "فوئاد حوسێن، وەزیری دەرەوەی عێراق، دوێنێ لە هەولێر ڕایگەیاند کە بەغدا پابەندە.",
    ]
    docs = [Document(id=f"{n}.txt", text=t, dct=date(2023, 5, n + 1)) for n, t in enumerate(texts)]
    result = digest_corpus(docs)
    graph = build_actor_graph(result.digests, result.actors)
    roles = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "role"]
    assert [(u, v, d["title"], d["count"], d["doc_count"], d["doc"]) for u, v, d in roles] == [
        ("actor:fuad_hussein", "actor:iraq", "Foreign Minister", 2, 2, "0.txt")
    ]
    listed = json.loads(graph.nodes["actor:fuad_hussein"]["roles"])
    assert [(r["title"], r["of"], r["count"]) for r in listed] == [("Foreign Minister", "iraq", 2)]


def test_digest_run_streams_documents_one_at_a_time(seeds):
    """Each document is extracted and handed on before the next is read: none is held."""
    events = []

    def documents():
        for doc in seeds:
            events.append(("read", doc.id))
            yield doc

    digest_corpus(documents(), on_result=lambda result: events.append(("extracted", result.doc.id)))
    assert events == [(kind, doc.id) for doc in seeds for kind in ("read", "extracted")]


def test_cli_actor_level_build_writes_every_output(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.cli, "CLAIM_GRAPH_MAX_DOCS", 3)  # the five seeds count as a large corpus
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "big"), "--no-store"]) == 0
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "small"), "--no-store", "--detail", "claims"]) == 0
    big, small = tmp_path / "big", tmp_path / "small"
    assert (big / "extractions.jsonl").read_bytes() == (small / "extractions.jsonl").read_bytes()
    graph = nx.read_graphml(big / "graph.graphml")
    assert graph.graph["detail"] == DETAIL
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"actor"}
    assert 'data-kind="actor-level"' in (big / "report.html").read_text("utf-8")
    assert 'data-kind="actor-level"' not in (small / "report.html").read_text("utf-8")
    assert not list(big.glob("kg-spill-*"))  # the spill is gone


def test_cli_extract_of_a_large_corpus_prints_the_same_records(monkeypatch, capsys):
    assert main(["extract", str(SEEDS), "--format", "jsonl"]) == 0
    small = capsys.readouterr().out
    monkeypatch.setattr(kg.cli, "CLAIM_GRAPH_MAX_DOCS", 3)  # the five seeds count as a large corpus
    assert main(["extract", str(SEEDS), "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == small


def test_cli_actor_level_build_of_unreadable_files_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "--detail", "actors"]) == 2
    assert not out.exists()


def test_lazy_corpus_reads_each_file_when_iterated(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text("ئەمریکا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە.", "utf-8")
    corpus = read_corpus([folder], lazy=True)
    (folder / "b.txt").unlink()  # listed, not yet read: its problem is met when iteration reaches it
    assert len(corpus.documents) == 3 and not corpus.problems
    assert [doc.id for doc in corpus.documents] == ["a.txt", "c.txt"]
    assert [p.path for p in corpus.problems] == [str(folder / "b.txt")]


def test_a_corpus_run_makes_no_reference_cycles(seeds, full):
    """What pausing the cyclic collector for a run rests on (kg/runtime.py): all the garbage a
    run drops is freed by reference counting, so pausing the collector loses no memory.
    (A networkx graph, once dropped itself, is one cycle: its cached views point back at it.)"""
    gc.collect()
    with cycle_collection_paused():
        result = run_corpus(seeds)
        graph = build_graph(result.results, result.actors)
        digested = digest_corpus(seeds)
        actor_graph = build_actor_graph(digested.digests, digested.actors)
        assert gc.collect() == 0
    assert gc.isenabled() and graph and actor_graph


def test_actor_graph_has_the_documented_attributes(digested):
    """docs/graph.md, "The actor-level graph": the claim graph's actor attributes plus first
    provenance; co-claims as in the claim graph; roles aggregated with counts."""
    from tests.test_graph import EDGE_SCHEMA, NODE_SCHEMA

    result, _, _ = digested
    graph = build_actor_graph(result.digests, result.actors)
    expected_edges = {
        "co_claim": EDGE_SCHEMA["co_claim"],
        "role": EDGE_SCHEMA["role"] | {"count", "doc_count"},
    }
    assert {frozenset(d) for _, d in graph.nodes(data=True)} == {frozenset(NODE_SCHEMA["actor"] | {"doc", "start", "end"})}
    for _, _, data in graph.edges(data=True):
        assert set(data) == expected_edges[data["kind"]]
    assert {d["kind"] for _, _, d in graph.edges(data=True)} == set(expected_edges)


def test_cli_export_csv_of_an_actor_level_graph_refuses_and_keeps_the_builds_csv(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--no-store", "--detail", "actors"]) == 0
    written = (out / "claims.csv").read_bytes()
    assert main(["export", "csv", str(out / "graph.graphml")]) == 2
    assert "actor-level graph" in capsys.readouterr().err
    assert (out / "claims.csv").read_bytes() == written


def test_an_interrupted_digest_run_stores_what_it_finished(tmp_path, seeds):
    from kg.store import ExtractionStore

    def stop_after_two(result, seen=[]):
        seen.append(result.doc.id)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with ExtractionStore(tmp_path / "s.sqlite") as store:
        with pytest.raises(KeyboardInterrupt):
            digest_corpus(seeds, store=store, on_result=stop_after_two)
        finished = len(store)
        assert finished >= 2  # the two handed on before the interruption, at least
        assert digest_corpus(seeds, store=store).reused == finished
