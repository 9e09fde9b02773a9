"""The pipeline on legacy orthography: old-font pages must read as well as modern Unicode."""

from __future__ import annotations

import re
from datetime import date

import pytest

import kg.pipeline
from kg.model import Document
from kg.pipeline import extract_document, run_corpus
from kg.store import ExtractionStore

MODERN = (
    "نێچیرڤان بارزانی، سەرۆکی هەرێمی کوردستان، ساڵی ٢٠١٩ سەردانی تارانی کرد. "
    "ئەمریکا لە ١٥ی ئازاری ٢٠٢٣ دا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە. "
    "حکومەتی عێراق لە حوزەیرانی ٢٠٢٢ دا کۆبوونەوەیەکی لە بەغدا ئەنجامدا."
)
PERSIAN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")


def legacy(text: str) -> str:
    """Render modern Sorani as old-font pages print it: ه‌ for ە, Arabic ك/ي/ى, Persian digits, initial ر."""
    text = re.sub(r"ە(?=\w)", "ه\u200c", text)  # medial ە: heh + ZWNJ
    text = text.replace("ە", "ه")  # final ە: bare heh
    text = re.sub(r"ی(?!\w)", "ى", text).replace("ی", "ي").replace("ک", "ك")
    text = re.sub(r"(?<!\w)ڕ", "ر", text)
    return text.translate(PERSIAN_DIGITS)


def _extraction(text: str):
    result = extract_document(Document(id="x.txt", text=text, dct=date(2023, 3, 20)))
    timexes = [(t.value.value, t.text) for t in result.timexes]
    actors = sorted({m.actor_key for m in result.mentions})
    return result, timexes, actors


def test_pipeline_legacy_orthography_reads_like_modern():
    old = legacy(MODERN)
    assert old != MODERN and "\u200c" in old and "ك" in old
    modern_result, modern_timexes, modern_actors = _extraction(MODERN)
    old_result, old_timexes, old_actors = _extraction(old)
    assert [v for v, _ in old_timexes] == [v for v, _ in modern_timexes] == ["2019", "2023-03-15", "2022-06"]
    assert old_actors == modern_actors and len(modern_actors) >= 5
    for timex in old_result.timexes:  # offsets point into the legacy text as read
        assert old[timex.span.start : timex.span.end] == timex.text
    for mention in old_result.mentions:
        assert old[mention.span.start : mention.span.end] == mention.text


@pytest.mark.parametrize("bad_text", ["\x00\x01", "٢٠٢٣" * 5000, "\u200c" * 100, "ـــ", "«" * 50 + "»"])
def test_pipeline_never_crashes_on_odd_text(bad_text: str):
    result = run_corpus([Document(id="odd.txt", text=bad_text, dct=date(2023, 1, 1))])
    assert result.problems == [] and len(result.results) == 1


UNDATED = "ئەمریکا ڕایگەیاند کە هێزەکانی لە عێراق دەمێننەوە."


def test_pipeline_duplicate_document_id_is_a_skipped_problem():
    first = Document(id="a.txt", text=MODERN, dct=date(2023, 3, 20), path="one/a.txt")
    second = Document(id="a.txt", text=UNDATED, dct=date(2023, 3, 20), path="two/a.txt")
    result = run_corpus([first, second])
    assert [r.doc.path for r in result.results] == ["one/a.txt"]
    [problem] = [p for p in result.problems if p.skipped]
    assert problem.path == "two/a.txt" and "already used" in problem.reason


def test_pipeline_undated_documents_get_one_warning_with_a_count():
    docs = [Document(id=f"d{n}.txt", text=UNDATED) for n in range(7)]
    [note] = run_corpus(docs).problems
    assert not note.skipped and note.path == "7 documents"
    assert "d0.txt, d1.txt, d2.txt, d3.txt, d4.txt, …" in note.reason and "d5.txt" not in note.reason


class _RecordingStore:
    """A store that keeps nothing and records each batch written to it."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def get(self, doc):
        return None

    def has(self, doc) -> bool:
        return False

    def put_many(self, pairs):
        self.batches.append([doc.id for doc, _ in pairs])

    def forget_other_versions(self) -> int:
        return 0


def test_pipeline_store_is_written_in_batches_as_results_arrive(monkeypatch):
    monkeypatch.setattr(kg.pipeline, "STORE_BATCH", 2)
    store = _RecordingStore()
    run_corpus([Document(id=f"d{n}.txt", text=UNDATED, dct=date(2023, 1, 1)) for n in range(5)], store=store)
    assert store.batches == [["d0.txt", "d1.txt"], ["d2.txt", "d3.txt"], ["d4.txt"]]


def test_pipeline_interrupted_run_keeps_what_it_finished(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.pipeline, "STORE_BATCH", 2)
    docs = [Document(id=f"d{n}.txt", text=UNDATED, dct=date(2023, 1, 1)) for n in range(6)]

    def interrupted_after_three(func, items):
        for n, item in enumerate(items):
            if n == 3:
                raise KeyboardInterrupt
            yield func(item)

    with ExtractionStore(tmp_path / "s.sqlite") as store:
        with pytest.raises(KeyboardInterrupt):
            run_corpus(docs, store=store, mapper=interrupted_after_three)
        assert len(store) == 3
        assert run_corpus(docs, store=store).reused == 3


def test_pipeline_problem_is_one_class_in_errors_and_corpus():
    from kg import corpus, errors

    assert corpus.Problem is errors.Problem


class _Finished:
    """A task that is already done."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


def test_pipeline_cluster_results_stream_with_a_bounded_window():
    from kg.parallel import ordered_results

    submitted: list[int] = []

    def submit(item: int) -> _Finished:
        submitted.append(item)
        return _Finished(item * 10)

    stream = ordered_results(submit, range(10), window=3)
    assert next(stream) == 0
    assert submitted == [0, 1, 2, 3]  # one more task per result taken, never the whole corpus at once
    assert list(stream) == [n * 10 for n in range(1, 10)]


def test_pipeline_cluster_results_keep_input_order_when_later_tasks_finish_first():
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from kg.parallel import ordered_results

    last_done = threading.Event()

    def work(item: int) -> int:
        if item == 0:
            assert last_done.wait(timeout=60)  # the first task finishes after the last one
        if item == 3:
            last_done.set()
        return item

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(ordered_results(lambda item: pool.submit(work, item), range(4), window=4)) == [0, 1, 2, 3]
