"""Incremental builds: the SQLite store, and identical outputs whatever runs the extraction."""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

import kg.store
from kg.cli import STORE_NAME, main
from kg.corpus import read_corpus
from kg.model import Document
from kg.pipeline import extract_document, run_corpus
from kg.store import ExtractionStore, decode, encode

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
OUTPUTS = ("report.html", "graph.graphml", "extractions.jsonl", "claims.csv")


def _articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "a.txt": "حکومەتی عێراق لە ١٥ی ئازاری ٢٠٢٣ دا ڕایگەیاند کە بودجە پەسەند کراوە.",
        "b.txt": "ئەمریکا ساڵی ٢٠١٩ هێزەکانی لە سووریا کشاندەوە.",
        "c.txt": "لە حوزەیرانی ٢٠٢٢ دا شاندێکی هەرێمی کوردستان سەردانی بەغدای کرد.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,date\na.txt,2023-03-16\n", encoding="utf-8")
    return folder


def _build(corpus: Path, out: Path, *extra: str) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["build", str(corpus), "-o", str(out), *extra]) == 0
    return printed.getvalue()


def test_store_rebuild_reextracts_only_changed_and_added_articles(tmp_path: Path):
    corpus, out = _articles(tmp_path / "corpus"), tmp_path / "out"
    assert "(0 unchanged" in _build(corpus, out)
    assert "(3 unchanged" in _build(corpus, out)
    (corpus / "b.txt").write_text("ئەمریکا ساڵی ٢٠٢٠ هێزەکانی لە سووریا کشاندەوە.", encoding="utf-8")
    (corpus / "d.txt").write_text("تورکیا ساڵی ٢٠١٨ هێرشی کردە سەر عەفرین.", encoding="utf-8")
    assert "documents read        4 (2 unchanged" in _build(corpus, out)
    assert '"2020"' in (out / "extractions.jsonl").read_text("utf-8")


def test_store_new_extractor_version_reextracts_everything(tmp_path: Path, monkeypatch):
    corpus, out = _articles(tmp_path / "corpus"), tmp_path / "out"
    _build(corpus, out)
    monkeypatch.setattr(kg.store, "extractor_version", lambda: "another-version")
    assert "(0 unchanged" in _build(corpus, out)


def test_store_outputs_identical_from_store_and_from_scratch(tmp_path: Path):
    corpus = _articles(tmp_path / "corpus")
    _build(corpus, tmp_path / "one")
    _build(corpus, tmp_path / "one")  # second run: everything from the store
    _build(corpus, tmp_path / "two", "--no-store")
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_store_corrupted_file_is_set_aside_and_rebuilt(tmp_path: Path, capsys):
    corpus, out = _articles(tmp_path / "corpus"), tmp_path / "out"
    out.mkdir()
    (out / STORE_NAME).write_bytes(b"this is not a database" * 100)
    assert "(0 unchanged" in _build(corpus, out)
    assert "store unreadable" in capsys.readouterr().err
    assert (out / (STORE_NAME + ".corrupt")).exists()
    assert "(3 unchanged" in _build(corpus, out)


def test_store_interrupted_write_leaves_store_as_before(tmp_path: Path):
    docs = read_corpus([_articles(tmp_path / "corpus")]).documents
    results = [extract_document(d) for d in docs]
    with ExtractionStore(tmp_path / "s.sqlite") as store:
        store.put_many([(docs[0], results[0])])

        def interrupted_rows():
            yield docs[1], results[1]  # taken by executemany, inside the transaction
            raise KeyboardInterrupt  # the user pressed ctrl-c half-way through the batch

        with pytest.raises(KeyboardInterrupt):
            store.put_many(interrupted_rows())
        assert len(store) == 1
        assert store.get(docs[0]) == results[0] and store.get(docs[1]) is None


def _holding_write_lock(path: Path) -> sqlite3.Connection:
    """Another build in the middle of writing to the store at `path`."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM extraction WHERE 0")
    return other


def test_store_in_use_by_another_build_is_opened_not_set_aside(tmp_path: Path):
    docs = read_corpus([_articles(tmp_path / "corpus")]).documents
    path = tmp_path / "s.sqlite"
    with ExtractionStore(path) as first:
        first.put_many([(docs[0], extract_document(docs[0]))])
    other = _holding_write_lock(path)
    try:
        with ExtractionStore(path) as second:
            assert second.warnings == [] and len(second) == 1
    finally:
        other.rollback()
        other.close()
    assert not path.with_name(path.name + ".corrupt").exists()


def test_store_writer_waits_for_another_build_to_finish(tmp_path: Path):
    docs = read_corpus([_articles(tmp_path / "corpus")]).documents
    path = tmp_path / "s.sqlite"
    ExtractionStore(path).__exit__()
    other = _holding_write_lock(path)
    release = threading.Timer(0.5, other.commit)
    release.start()
    try:
        with ExtractionStore(path) as second:
            second.put_many([(docs[0], extract_document(docs[0]))])  # waits, then writes
            assert second.warnings == [] and len(second) == 1
    finally:
        release.join()
        other.close()
    assert not path.with_name(path.name + ".corrupt").exists()


def test_store_two_builds_share_one_store(tmp_path: Path, capsys):
    corpus, store = _articles(tmp_path / "corpus"), tmp_path / "shared.sqlite"
    _build(corpus, tmp_path / "one", "--store", str(store))
    other = _holding_write_lock(store)
    try:
        # a read-only rebuild goes on while the other build is writing
        assert "(3 unchanged" in _build(corpus, tmp_path / "two", "--store", str(store))
    finally:
        other.rollback()
        other.close()
    assert "store unreadable" not in capsys.readouterr().err
    assert not store.with_name(store.name + ".corrupt").exists()


def test_store_keeps_only_the_current_extractor_version(tmp_path: Path, monkeypatch):
    corpus, out = _articles(tmp_path / "corpus"), tmp_path / "out"
    _build(corpus, out)
    monkeypatch.setattr(kg.store, "extractor_version", lambda: "another-version")
    _build(corpus, out)
    with ExtractionStore(out / STORE_NAME) as store:
        assert len(store) == 3  # the rows of the old version are gone, not kept beside the new


@pytest.fixture
def fresh_version():
    kg.store.extractor_version.cache_clear()
    yield
    kg.store.extractor_version.cache_clear()


def test_store_version_follows_library_versions(monkeypatch, fresh_version):
    before = kg.store.extractor_version()
    real = kg.store.metadata.version
    monkeypatch.setattr(
        kg.store.metadata, "version", lambda name: "999.0" if name == "dateparser" else real(name)
    )
    kg.store.extractor_version.cache_clear()
    assert kg.store.extractor_version() != before
    assert "dateparser=999.0" in kg.store.dependency_versions()
    assert kg.store.dependency_versions().startswith(f"python={sys.version_info.major}.{sys.version_info.minor}")


def test_store_from_before_the_version_column_starts_afresh(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as old:
        old.execute("CREATE TABLE extraction (key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, payload TEXT NOT NULL)")
        old.execute("INSERT INTO extraction VALUES ('k', 'a.txt', '{}')")
        old.commit()
    with ExtractionStore(path) as store:
        assert len(store) == 0 and store.warnings == []


def test_store_round_trip_keeps_every_field():
    doc = Document(id="x.txt", text="دوێنێ ئەمریکا لە ٢٠ی ئایاری ٢٠٢١ دا ڕایگەیاند.", dct=date(2021, 5, 21))
    result = extract_document(doc)
    assert result.timexes and result.mentions
    assert decode(encode(result)) == result


def test_store_workers_give_identical_results():
    docs = read_corpus([SEEDS]).documents
    from kg.parallel import process_map

    one = run_corpus(docs)
    two = run_corpus(docs, mapper=process_map(2))
    assert one.results == two.results and one.actors == two.actors


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def test_store_build_with_one_or_two_workers_is_byte_identical(seed_copy: Path, tmp_path: Path):
    _build(seed_copy, tmp_path / "w1", "--workers", "1", "--no-store")
    _build(seed_copy, tmp_path / "w2", "--workers", "2", "--no-store")
    for name in OUTPUTS:
        assert (tmp_path / "w1" / name).read_bytes() == (tmp_path / "w2" / name).read_bytes(), name
