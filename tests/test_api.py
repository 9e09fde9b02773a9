"""The Python API (`kg.build`, `kg.load`, queries) and the exports analysts open elsewhere."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

import kg
from kg.cli import main
from kg.export import read_graph, write_claims_csv, write_gexf, write_graphml, write_json
from kg.query import interval

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
ARTICLES = [
    ("ساڵی ٢٠١٩ ئەمریکا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە.", "2019-06-01"),
    ("لە ١٢ی ئازاری ٢٠٢١ دا ئێران ڕایگەیاند کە پەیوەندییەکانی لەگەڵ عێراق باشن.", "2021-03-13"),
    ("لە ئازاری ٢٠٢١ دا تورکیا گوتی هێرشەکانی بۆ سەر پەکەکە بەردەوام دەبن.", "2021-04-02"),
]


@pytest.fixture(scope="module")
def small() -> kg.KnowledgeGraph:
    return kg.build(ARTICLES)


@pytest.fixture(scope="module")
def seeds() -> kg.KnowledgeGraph:
    return kg.build(SEEDS)


def test_api_public_names_are_sorted_and_complete():
    assert kg.__all__ == sorted(kg.__all__)
    assert all(hasattr(kg, name) for name in kg.__all__)


def test_api_build_from_texts_files_and_folder_agree(tmp_path: Path):
    for n, (text, _) in enumerate(ARTICLES):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date\n" + "".join(f"{n}.txt,{d}\n" for n, (_, d) in enumerate(ARTICLES)), encoding="utf-8"
    )
    from_texts, from_folder = kg.build(ARTICLES), kg.build(tmp_path)
    from_files = kg.build([tmp_path / f"{n}.txt" for n in range(3)], manifest=tmp_path / "manifest.csv")
    dates = lambda g: sorted(c.date for c in g.timeline())  # noqa: E731
    assert dates(from_texts) == dates(from_folder) == dates(from_files) == ["2019", "2021-03", "2021-03-12"]


@pytest.mark.parametrize(
    ("since", "until", "overlap", "expected"),
    [
        ("2021", "2021", False, ["2021-03", "2021-03-12"]),
        ("2021-03-10", "2021-03-20", False, ["2021-03-12"]),  # a month is not inside ten days
        ("2021-03-10", "2021-03-20", True, ["2021-03", "2021-03-12"]),  # but overlaps them
        ("2019-06", "2019-06", False, []),
        ("2019-06", "2019-06", True, ["2019"]),
        (date(2019, 1, 1), None, False, ["2019", "2021-03", "2021-03-12"]),
        (None, "2020", False, ["2019"]),
    ],
)
def test_api_timeline_window_contained_by_default_overlapping_on_request(small, since, until, overlap, expected):
    assert [c.date for c in small.timeline(since=since, until=until, overlap=overlap)] == expected


def test_api_queries_by_actor_speaker_and_type(small):
    iran = small.timeline(actor="iran")
    assert [(c.speaker, c.date) for c in iran] == [("iran", "2021-03-12")]
    assert {c.speaker for c in small.claims(speaker="united_states")} == {"united_states"}
    assert {a.type for a in small.actors(type="GPE")} == {"GPE"}
    assert "iraq" in {a.id for a, _ in small.co_actors("iran")}
    assert str(small.actor("iraq")).startswith("عێراق (Iraq) [GPE")


def test_api_window_is_a_lazy_view(small):
    view = small.window("2021")
    claims = [n for n, d in view.nodes(data=True) if d["kind"] == "claim"]
    assert len(claims) == 2
    assert nx.is_frozen(view) and view.number_of_nodes() < small.to_networkx().number_of_nodes()


@pytest.mark.parametrize("value, end_of, expected", [
    ("2020-02", True, date(2020, 2, 29)), ("2021", False, date(2021, 1, 1)),
    ("2021-07-26", True, date(2021, 7, 26)), (date(2020, 1, 5), True, date(2020, 1, 5)),
])
def test_api_partial_dates_stand_for_their_interval(value, end_of, expected):
    assert interval(value, end_of=end_of) == expected


@pytest.mark.parametrize("suffix, writer", [(".graphml", write_graphml), (".json", write_json)])
def test_api_load_restores_the_graph(seeds, tmp_path: Path, suffix, writer):
    original = seeds.to_networkx()
    loaded = kg.load(writer(tmp_path / f"graph{suffix}", original)).to_networkx()
    assert set(loaded.nodes) == set(original.nodes)
    assert sorted(loaded.edges(keys=True)) == sorted(original.edges(keys=True))
    assert all(loaded.nodes[n] == d for n, d in original.nodes(data=True))
    assert all(loaded.get_edge_data(u, v, key=k) == d for u, v, k, d in original.edges(keys=True, data=True))
    assert [str(c) for c in kg.load(tmp_path / f"graph{suffix}").timeline()] == [str(c) for c in seeds.timeline()]


def test_api_graphml_types_survive_in_igraph(seeds, tmp_path: Path):
    igraph = pytest.importorskip("igraph")
    original = seeds.to_networkx()
    path = write_graphml(tmp_path / "g.graphml", original)
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (original.number_of_nodes(), original.number_of_edges())
    declared = {k.get("attr.name"): k.get("attr.type") for k in ElementTree.parse(path).getroot()
                if k.tag.endswith("key")}
    assert declared["mention_count"] in ("int", "long") and declared["former"] == "boolean"
    actor = next(v for v in read.vs if v["kind"] == "actor")
    assert isinstance(actor["mention_count"], float | int) and not isinstance(actor["mention_count"], str)


def test_api_gexf_is_dynamic_with_claim_dates(seeds, tmp_path: Path):
    path = write_gexf(tmp_path / "g.gexf", seeds.to_networkx())
    root = ElementTree.parse(path).getroot()
    graph_element = next(e for e in root.iter() if e.tag.endswith("graph"))
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    back = nx.read_gexf(path)
    dated = [d for _, d in back.nodes(data=True) if d.get("kind") == "claim" and d.get("start")]
    assert dated and all(d["start"] <= d["end"] for d in dated)
    assert back.number_of_nodes() == seeds.to_networkx().number_of_nodes()


def test_api_csv_reads_back_with_sorani_intact(seeds, tmp_path: Path):
    path = write_claims_csv(tmp_path / "claims.csv", seeds.to_networkx(), excel_bom=True)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == len(seeds.claims())
    assert any("عێراق" in row["text"] for row in rows)


def test_api_csv_opens_in_libreoffice(seeds, tmp_path: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    openpyxl = pytest.importorskip("openpyxl")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = write_claims_csv(tmp_path / "claims.csv", seeds.to_networkx(), excel_bom=True)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
         "--infilter=CSV:44,34,76", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    sheet = openpyxl.load_workbook(tmp_path / "claims.xlsx").active
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("text")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    expected = [r["text"] for r in csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())]
    assert texts == expected


def test_api_export_command_writes_each_format(seeds, tmp_path: Path, capsys):
    graph_path = write_graphml(tmp_path / "graph.graphml", seeds.to_networkx())
    for fmt, name in (("gexf", "graph.gexf"), ("json", "graph.json"), ("csv", "claims.csv")):
        assert main(["export", fmt, str(graph_path)]) == 0
        assert (tmp_path / name).stat().st_size > 0
    assert read_graph(tmp_path / "graph.json").number_of_nodes() == seeds.to_networkx().number_of_nodes()
    (tmp_path / "broken.graphml").write_text("<graphml", encoding="utf-8")
    assert main(["export", "json", str(tmp_path / "broken.graphml")]) == 2
    assert "cannot read the graph" in capsys.readouterr().err


def test_api_build_formats_option(tmp_path: Path):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", str(SEEDS), "-o", str(tmp_path), "--no-store", "--formats", "gexf,json"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.gexf", "graph.json"]
    assert json.loads((tmp_path / "graph.json").read_text("utf-8"))["multigraph"] is True


def test_api_to_pandas_tables(small):
    pytest.importorskip("pandas")
    tables = small.to_pandas()
    assert len(tables["claims"]) == len(small.claims()) and "name" in tables["actors"].columns


def test_api_build_single_text_is_one_document():
    text, when = ARTICLES[0]
    graph = kg.build(text, dct=when)  # a str is never iterated into characters
    assert [(c.date, c.speaker) for c in graph.timeline()] == [("2019", "united_states")]
    assert repr(graph).startswith("<KnowledgeGraph: 1 documents")


def test_api_build_long_text_is_text_not_a_path():
    long_text = " ".join(text for text, _ in ARTICLES) * 5  # far beyond any file name limit
    assert len(long_text.encode()) > 1000
    graph = kg.build([long_text], dct="2021-04-02")
    assert repr(graph).startswith("<KnowledgeGraph: 1 documents") and graph.claims()


@pytest.mark.parametrize("mistyped", ["data/seedz", "nowhere/article.txt", "article.html"])
def test_api_build_mistyped_path_raises(mistyped: str):
    with pytest.raises(FileNotFoundError, match="no such file"):
        kg.build(mistyped)


def test_api_build_missing_path_object_raises(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        kg.build([SEEDS, tmp_path / "missing"])


def test_api_build_mixed_files_and_texts_reads_files_as_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLES[1][0], encoding="utf-8")
    graph = kg.build([str(tmp_path / "a.txt"), ARTICLES[0][0]], dct="2021-03-13")
    assert sorted(c.date for c in graph.timeline()) == ["2019", "2021-03-12"]


def test_api_build_warns_about_each_skipped_file(tmp_path: Path):
    from kg.errors import InputWarning

    (tmp_path / "good.txt").write_text(ARTICLES[0][0], encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(InputWarning) as caught:
        graph = kg.build(tmp_path, dct="2019-06-01")
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2 and "binary.txt" in messages[0] and "empty.txt" in messages[1]
    assert repr(graph).startswith("<KnowledgeGraph: 1 documents")


def test_api_build_dct_is_a_fallback_below_the_manifest(tmp_path: Path):
    (tmp_path / "dated.txt").write_text("ئەمریکا دوێنێ ڕایگەیاند کە هێزەکانی دەمێننەوە.", encoding="utf-8")
    (tmp_path / "undated.txt").write_text("ئێران دوێنێ ڕایگەیاند کە هێزەکانی دەمێننەوە.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,date\ndated.txt,2020-01-10\n", encoding="utf-8")
    graph = kg.build(tmp_path, dct="2022-05-05")
    assert sorted(c.date for c in graph.timeline()) == ["2020-01-09", "2022-05-04"]


def test_api_jsonl_is_streamed_not_built_in_memory(tmp_path: Path):
    import tracemalloc

    from kg.export import write_jsonl

    record_chars, count = 20_000, 500  # 10 MB of JSON Lines in all
    records = ({"doc": f"d{n}.txt", "text": "x" * record_chars} for n in range(count))
    tracemalloc.start()
    try:
        path = write_jsonl(tmp_path / "big.jsonl", records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert path.stat().st_size > record_chars * count
    assert peak < record_chars * 50  # a few records at a time, not the whole file


def test_api_jsonl_failure_half_way_leaves_the_old_file(tmp_path: Path):
    from kg.export import write_jsonl

    target = write_jsonl(tmp_path / "x.jsonl", [{"doc": "old"}])

    def failing():
        yield {"doc": "new"}
        raise RuntimeError("extraction broke")

    with pytest.raises(RuntimeError):
        write_jsonl(target, failing())
    assert target.read_text("utf-8") == '{"doc": "old"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["x.jsonl"]


def test_api_large_graphml_is_compact_deterministic_and_reads_back(seeds, tmp_path: Path, monkeypatch):
    import kg.export

    graph = seeds.to_networkx()
    pretty = write_graphml(tmp_path / "pretty.graphml", graph).read_bytes()
    monkeypatch.setattr(kg.export, "PRETTYPRINT_MAX_ITEMS", 0)  # as if the graph were large
    compact = write_graphml(tmp_path / "compact.graphml", graph).read_bytes()
    assert compact == write_graphml(tmp_path / "again.graphml", graph).read_bytes()
    assert compact.count(b"\n") < 5 < pretty.count(b"\n") and len(compact) < len(pretty)
    back = read_graph(tmp_path / "compact.graphml")
    assert all(back.nodes[n] == d for n, d in graph.nodes(data=True))
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_api_graphml_written_with_lxml():
    pytest.importorskip("lxml")
    from networkx.readwrite import graphml

    assert nx.write_graphml is graphml.write_graphml_lxml
