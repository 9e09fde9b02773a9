"""Corpus reading: encodings, broken files and manifests never abort a run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.corpus import blank_markup, read_corpus

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


def test_corpus_manifest_with_windows_paths_matches(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, "file,date\nsub\\one.txt,2022-03-21\n")
    corpus = read_corpus([tmp_path])
    assert corpus.documents[0].dct == date(2022, 3, 21) and corpus.problems == []


def _two_folders(root: Path) -> tuple[Path, Path]:
    """Two folders, each with its own manifest, both holding a file called same.txt."""
    first, second = root / "first", root / "second"
    for folder, when in ((first, "2021-01-01"), (second, "2022-02-02")):
        folder.mkdir(parents=True)
        (folder / "same.txt").write_text(SORANI + folder.name, encoding="utf-8")
        _write_manifest(folder, f"file,date\nsame.txt,{when}\n")
    (first / "only.txt").write_text(SORANI, encoding="utf-8")
    return first, second


def test_corpus_same_name_in_two_folders_both_read_with_their_own_manifest(tmp_path: Path):
    corpus = read_corpus(list(_two_folders(tmp_path)))
    assert corpus.problems == []
    docs = {d.id: d for d in corpus.documents}
    assert sorted(docs) == ["first/same.txt", "only.txt", "second/same.txt"]  # bare names kept without a clash
    assert docs["first/same.txt"].dct == date(2021, 1, 1) and docs["second/same.txt"].dct == date(2022, 2, 2)
    assert docs["second/same.txt"].text.endswith("second")


def test_corpus_manifest_of_each_folder_reports_its_own_missing_files(tmp_path: Path):
    first, second = _two_folders(tmp_path)
    _write_manifest(second, "file,date\nsame.txt,2022-02-02\nonly.txt,2022-02-03\n")
    [problem] = read_corpus([first, second]).problems
    assert problem.path == str(second / "manifest.csv") and "'only.txt', which was not found" in problem.reason


def test_corpus_globbed_folder_skips_the_manifest_and_flags_other_files(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    (tmp_path / "notes.md").write_text(SORANI, encoding="utf-8")
    _write_manifest(tmp_path, "file,date\none.txt,2022-03-21\n")
    corpus = read_corpus(sorted(tmp_path.iterdir()))  # what the shell gives for `kg extract corpus/*`
    assert [d.id for d in corpus.documents] == ["notes.md", "one.txt"]
    assert corpus.documents[1].dct == date(2022, 3, 21)
    [problem] = corpus.problems
    assert problem.path.endswith("notes.md") and "not a .txt/.html file" in problem.reason and not problem.skipped


def test_corpus_file_named_and_inside_a_folder_is_read_once(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    corpus = read_corpus([tmp_path, tmp_path / "one.txt"])
    assert [d.id for d in corpus.documents] == ["one.txt"] and corpus.problems == []


def test_corpus_empty_folder_is_reported(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    corpus = read_corpus([tmp_path / "empty"])
    assert corpus.documents == []
    assert [p.reason for p in corpus.problems] == [f"no .txt/.html files in {tmp_path / 'empty'}"]


def test_corpus_manifest_rows_are_not_split_at_unicode_line_separators(tmp_path: Path):
    (tmp_path / "one.txt").write_text(SORANI, encoding="utf-8")
    (tmp_path / "two.txt").write_text(SORANI, encoding="utf-8")
    _write_manifest(
        tmp_path,
        'file,date,title\none.txt,2022-03-21,a\u2028b\u0085c\ntwo.txt,2022-03-22,"two\nlines"\ntwo.txt,2023-01-01,x\n',
    )
    corpus = read_corpus([tmp_path])
    docs = {d.id: d for d in corpus.documents}
    assert docs["one.txt"].title == "a\u2028b\u0085c" and docs["two.txt"].dct == date(2022, 3, 22)
    [problem] = corpus.problems
    assert problem.path.endswith("manifest.csv:5") and "duplicate row" in problem.reason


def test_corpus_bare_less_than_sign_in_html_is_text():
    page = "<p>x < 5 and y > 3</p>"
    assert blank_markup(page) == "\n  x < 5 and y > 3\n   "
