"""Corpus reading: encodings, broken files and manifests never abort a run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.corpus import read_corpus

SORANI = "سەرۆکی هەرێم دوێنێ لە هەولێر گوتی: «کێشەکان چارەسەر دەکرێن»."


@pytest.mark.parametrize(
    ("name", "data", "expected_text"),
    [
        ("plain.txt", SORANI.encode("utf-8"), SORANI),
        # a UTF-8 BOM stays as U+FEFF so offsets agree with plain UTF-8 readers
        ("bom.txt", b"\xef\xbb\xbf" + SORANI.encode("utf-8"), "\ufeff" + SORANI),
        ("utf16le.txt", SORANI.encode("utf-16"), SORANI),
        ("utf16be.txt", b"\xfe\xff" + SORANI.encode("utf-16-be"), SORANI),
    ],
)
def test_corpus_decodes_supported_encodings(tmp_path: Path, name: str, data: bytes, expected_text: str):
    (tmp_path / name).write_bytes(data)
    corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus.documents] == [expected_text]
    assert corpus.problems == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (SORANI[:10].encode("utf-8") + b"\xff\xfe\xfa" + SORANI.encode("utf-8"), "not valid UTF-8 at byte 19"),
        (b"", "empty"),
        ("   \n\t ".encode(), "empty"),
    ],
)
def test_corpus_reports_broken_file_and_reads_the_rest(tmp_path: Path, data: bytes, reason: str):
    (tmp_path / "a_good.txt").write_text(SORANI, encoding="utf-8")
    (tmp_path / "b_broken.txt").write_bytes(data)
    (tmp_path / "c_good.txt").write_text(SORANI, encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["a_good.txt", "c_good.txt"]
    [problem] = corpus.problems
    assert problem.path.endswith("b_broken.txt") and reason in problem.reason and problem.skipped


def test_corpus_missing_input_is_reported(tmp_path: Path):
    corpus = read_corpus([tmp_path / "nowhere.txt"])
    assert corpus.documents == []
    assert "no such file" in corpus.problems[0].reason


def _write_manifest(folder: Path, body: str) -> None:
    (folder / "manifest.csv").write_text(body, encoding="utf-8")


def test_corpus_manifest_beside_texts_gives_dates_and_titles(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    (tmp_path / "two.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, "file,date,lang,title\none.txt,2022-03-21,ckb,Newroz\n")
    docs = {d.id: d for d in read_corpus([tmp_path]).documents}
    assert docs["one.txt"].dct == date(2022, 3, 21) and docs["one.txt"].dct_source == "manifest"
    assert docs["one.txt"].title == "Newroz"
    assert docs["two.txt"].dct is None and docs["two.txt"].dct_source is None


def test_corpus_manifest_with_only_file_column_and_bom(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(b"\xef\xbb\xbffile\none.txt\n")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["one.txt"] and corpus.problems == []


@pytest.mark.parametrize(
    ("manifest", "reason", "skipped"),
    [
        ("file,date\none.txt,2022-13-40\n", "bad date '2022-13-40'", False),
        ("file,date\none.txt,2022-01-01\none.txt,2023-01-01\n", "duplicate row", False),
        ("file,date\none.txt,2022-01-01\ngone.txt,2022-01-02\n", "lists 'gone.txt', which was not found", True),
        ("name,date\none.txt,2022-01-01\n", "no 'file' column", False),
    ],
)
def test_corpus_manifest_problems_are_reported(tmp_path: Path, manifest: str, reason: str, skipped: bool):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, manifest)
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["one.txt"]
    assert [(reason in p.reason, p.skipped) for p in corpus.problems] == [(True, skipped)]


def test_corpus_duplicate_manifest_row_keeps_first_date(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, "file,date\none.txt,2022-01-01\none.txt,2023-01-01\n")
    assert read_corpus([tmp_path]).documents[0].dct == date(2022, 1, 1)


def test_corpus_cli_dct_overrides_manifest(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, "file,date\none.txt,2022-01-01\n")
    [doc] = read_corpus([tmp_path / "one.txt"], dct=date(2024, 5, 5)).documents
    assert (doc.dct, doc.dct_source) == (date(2024, 5, 5), "cli")


def test_corpus_explicit_manifest_for_named_files(tmp_path: Path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "one.txt").write_text(SORANI, encoding="utf-8")
    manifest = tmp_path / "meta.csv"
    manifest.write_text("file,date\none.txt,2019-10-01\n", encoding="utf-8")
    [doc] = read_corpus([texts / "one.txt"], manifest=manifest).documents
    assert doc.dct == date(2019, 10, 1)
