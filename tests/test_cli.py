"""The command line end to end: `kg extract` and `kg build` on real Sorani text."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import read_graphml

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

# Written for these tests (not from the seeds): a visit, a statement, a relative date.
ARTICLE = (
    "نێچیرڤان بارزانی، سەرۆکی هەرێمی کوردستان، ساڵی ٢٠١٩ سەردانی تارانی کرد.   "
    "ئەمریکا دوێنێ ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە. "
    "لە ١٥ی ئازاری ٢٠٢٣ دا کۆبوونەوەیەک لە هەولێر کرا."
)


def _extract(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main(["extract", *argv, "--format", "jsonl"])
    lines = capsys.readouterr().out.splitlines()
    return code, [json.loads(line) for line in lines]


def test_cli_extract_record_shape_and_offsets(tmp_path: Path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, [record] = _extract(capsys, str(path), "--dct", "2023-03-16")
    assert code == 0
    assert set(record) == {"doc", "dct", "dct_source", "timexes", "actors", "claims"}
    assert (record["doc"], record["dct"], record["dct_source"]) == ("article.txt", "2023-03-16", "cli")
    for timex in record["timexes"]:
        assert ARTICLE[timex["start"] : timex["end"]] == timex["text"]
        assert set(timex) == {"text", "start", "end", "type", "value", "mod", "anchor", "offset"}
    for actor in record["actors"]:
        assert actor["type"] in {"PER", "ORG", "GPE", "LOC"}
        assert all(ARTICLE[m["start"] : m["end"]] == m["text"] for m in actor["mentions"])
    for claim in record["claims"]:
        assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    values = {t["text"]: t["value"] for t in record["timexes"]}
    assert values.get("ساڵی ٢٠١٩") == "2019"
    assert values.get("١٥ی ئازاری ٢٠٢٣") == "2023-03-15"


def test_cli_extract_seed_corpus_ids_are_corpus_wide(capsys):
    code, records = _extract(capsys, str(SEEDS))
    assert code == 0 and len(records) == 5
    assert all(r["dct_source"] == "manifest" for r in records)
    names_by_id: dict[str, set[str]] = {}
    for record in records:
        for actor in record["actors"]:
            names_by_id.setdefault(actor["id"], set()).add(actor["name"])
    assert all(len(names) == 1 for names in names_by_id.values())  # one id, one actor
    assert sum(1 for r in records for a in r["actors"] if a["type"] == "GPE") >= 5


def test_cli_broken_file_is_reported_and_the_rest_processed(tmp_path: Path, capsys):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    code, records = _extract(capsys, str(tmp_path), "--dct", "2023-03-16")
    assert code == 1
    assert [r["doc"] for r in records] == ["good.txt"]


def test_cli_broken_file_message_names_file_and_reason(tmp_path: Path, capsys):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    main(["extract", str(tmp_path)])
    err = capsys.readouterr().err
    assert "broken.txt" in err and "binary" in err


def test_cli_without_dct_relative_dates_stay_unresolved(tmp_path: Path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("ئەمریکا دوێنێ ڕایگەیاند کە هێزەکانی دەمێننەوە.", encoding="utf-8")
    code, [record] = _extract(capsys, str(path))
    assert record["dct"] is None and record["dct_source"] is None
    assert all(t["value"] is None for t in record["timexes"] if t["text"] == "دوێنێ")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> tuple[int, Path, str]:
    out = tmp_path_factory.mktemp("out")
    corpus = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.iterdir():
        shutil.copy(path, corpus / path.name)
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["build", str(corpus), "-o", str(out)])
    return code, out, printed.getvalue()


def test_cli_build_writes_all_outputs(seed_build):
    code, out, summary = seed_build
    assert code == 0
    for name in ("report.html", "graph.graphml", "extractions.jsonl", "claims.csv"):
        assert (out / name).stat().st_size > 0, name
    assert "documents read        5" in summary


def test_cli_build_outputs_agree_with_each_other(seed_build):
    _, out, summary = seed_build
    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text("utf-8").splitlines()]
    graph = read_graphml(out / "graph.graphml")
    kinds = [d["kind"] for _, d in graph.nodes(data=True)]
    n_claims = sum(len(r["claims"]) for r in records)
    assert kinds.count("document") == 5
    # an event reported by several articles is one node standing for all its reports
    reports = sum(len(json.loads(d["merged_from"])) for _, d in graph.nodes(data=True) if d["kind"] == "claim")
    assert reports == n_claims > 0
    mentioned = [n for n, d in graph.nodes(data=True) if d["kind"] == "actor" and d["mention_count"] > 0]
    assert len(mentioned) == len({a["id"] for r in records for a in r["actors"]})
    rows = list(csv.DictReader((out / "claims.csv").read_text("utf-8").splitlines()))
    assert len(rows) == kinds.count("claim")
    assert f"claims                {n_claims} " in summary


def test_cli_build_report_is_offline_rtl_and_complete(seed_build):
    _, out, _ = seed_build
    html = (out / "report.html").read_text("utf-8")
    assert 'dir="rtl"' in html and 'lang="ckb"' in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//""", html)
    assert not list(out.glob("lib"))


def test_cli_dask_engine_without_scheduler_is_a_usage_error_before_any_work(tmp_path: Path, capsys):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(SEEDS), "-o", str(out), "--engine", "dask"])
    assert stopped.value.code == 2
    assert "--engine dask needs --scheduler" in capsys.readouterr().err
    assert not out.exists()


def _build_quietly(*argv: str) -> int:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        return main(["build", *argv])


@pytest.mark.parametrize("broken", ["all_broken", "empty_folder"])
def test_cli_build_with_nothing_readable_keeps_earlier_outputs(tmp_path: Path, capsys, broken: str):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    assert _build_quietly(str(corpus), "-o", str(out), "--dct", "2023-03-16") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus / "good.txt").unlink()
    if broken == "all_broken":
        (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    capsys.readouterr()
    assert _build_quietly(str(corpus), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "no document could be read; nothing written" in err
    assert ("binary" if broken == "all_broken" else "no .txt/.html files in") in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_cli_extract_empty_folder_is_exit_2_with_a_reason(tmp_path: Path, capsys):
    assert main(["extract", str(tmp_path)]) == 2
    printed = capsys.readouterr()
    assert printed.out == "" and f"no .txt/.html files in {tmp_path}" in printed.err


def test_cli_extract_output_does_not_depend_on_hash_seed(tmp_path: Path):
    import os
    import subprocess
    import sys

    def extract(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "kg", "extract", str(SEEDS)], env=env, capture_output=True, check=True, timeout=300
        )
        return done.stdout

    first = extract("1")
    assert first.count(b"\n") == 5 and first == extract("2")
