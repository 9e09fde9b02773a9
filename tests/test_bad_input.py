"""Bad input loses nothing: every broken file is named with its reason, the rest is built."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.corpus import blank_markup, read_corpus
from kg.model import Document
from kg.pipeline import extract_document, run_corpus

GOOD = "حکومەتی عێراق لە ١٥ی ئازاری ٢٠٢٣ دا ڕایگەیاند کە بودجە پەسەند کراوە."
HTML_PAGE = (
    "<!doctype html><html><head><title>بودجە &amp; پەرلەمان</title>"
    "<script>var s = '<p>ئەمریکا</p>';</script><style>p{color:red}</style></head>"
    "<body><h1>هەواڵ</h1><p>حکومەتی <b>عێراق</b> لە ١٥ی ئازاری ٢٠٢٣ دا ڕایگەیاند&nbsp;کە "
    "بودجە پەسەند کراوە.</p><!-- ئێران --></body></html>"
)


def _corpus(folder: Path) -> Path:
    """A corpus with one file of each kind of trouble, and two good ones."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "bad_utf8.txt").write_bytes(GOOD.encode()[:30] + b"\xc3\x28" + GOOD.encode())
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (folder / "mixed.txt").write_text("حكومةي عيراق لە ۱۵ی ئازاري ۲۰۲۳ دا ڕايگەياند.", encoding="utf-8")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    with open(folder / "huge.txt", "wb") as huge:  # 50 MB, as an archive dump might be
        huge.write((GOOD + "\n").encode() * (50_000_000 // len(GOOD.encode())))
    (folder / "manifest.csv").write_text(
        "file,date\ngood.txt,2023-03-16\ngood.txt,2023-03-17\nmixed.txt,16/03/2023\nmissing.txt,2023-01-01\n",
        encoding="utf-8",
    )
    return folder


def test_bad_input_every_failure_named_and_the_rest_built(tmp_path: Path, capsys):
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["build", str(corpus), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1  # something was skipped: the exit code says so
    expected = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "bad_utf8.txt": "not valid UTF-8 at byte 30",
        "huge.txt": "too large",
        "manifest.csv": "lists 'missing.txt', which was not found",
    }
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in err.splitlines()), (name, err)
    assert "duplicate row for 'good.txt'" in err and "bad date '16/03/2023'" in err
    records = [json.loads(x) for x in (out / "extractions.jsonl").read_text("utf-8").splitlines()]
    assert sorted(r["doc"] for r in records) == ["good.txt", "mixed.txt", "page.html", "utf16.txt"]
    assert "inputs skipped        5" in printed.getvalue()
    assert (out / "report.html").exists() and (out / "graph.graphml").exists()


def test_bad_input_mixed_arabic_persian_letters_read_as_sorani(tmp_path: Path):
    corpus = _corpus(tmp_path / "corpus")
    [doc] = [d for d in read_corpus([corpus]).documents if d.id == "mixed.txt"]
    result = extract_document(doc)
    assert [t.value.value for t in result.timexes] == ["2023-03-15"]
    assert any(key.startswith("iraq") for key in {m.actor_key for m in result.mentions})  # Iraq or its government


def test_bad_input_html_page_offsets_point_into_the_page():
    text = blank_markup(HTML_PAGE)
    assert len(text) == len(HTML_PAGE)
    result = extract_document(Document(id="page.html", text=text, dct=date(2023, 3, 16)))
    for found in (*result.timexes, *result.mentions):
        # every visible character of an extraction stands at the same offset in the raw page
        # (a span may straddle markup, e.g. حکومەتی <b>عێراق, which the text shows as spaces)
        start = found.span.start
        assert all(HTML_PAGE[start + i] == ch for i, ch in enumerate(found.text) if not ch.isspace())
    found = {m.actor_key for m in result.mentions}
    assert any(key.startswith("iraq") for key in found)  # Iraq or its government
    assert not found & {"united_states", "iran"}  # script and comment text are not content
    assert [t.value.value for t in result.timexes] == ["2023-03-15"]


def test_bad_input_html_title_becomes_the_document_title(tmp_path: Path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    [doc] = read_corpus([tmp_path]).documents
    assert doc.title == "بودجە & پەرلەمان"


SORANI_NOISE = st.text(
    alphabet=st.sampled_from(
        list("ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنوۆهەیێ") + list("كيىھةأإ") + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789")
        + list(" \n\t.،:؛؟!\"«»'()-/_") + ["\u200c", "\u0640", "\u064e", "\ufeff", "<", ">", "&"]
    ),
    max_size=300,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=SORANI_NOISE, with_dct=st.booleans())
def test_bad_input_arbitrary_text_through_every_extractor(text: str, with_dct: bool):
    doc = Document(id="fuzz.txt", text=text, dct=date(2022, 2, 2) if with_dct else None)
    result = run_corpus([doc])
    assert result.problems == [] or all(not p.skipped for p in result.problems)
    [extraction] = result.results
    spans = [t.span for t in extraction.timexes] + [m.span for m in extraction.mentions]
    spans += [c.span for c in extraction.claims]
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)
    assert all(text[t.span.start : t.span.end] == t.text for t in extraction.timexes)
    assert all(text[m.span.start : m.span.end] == m.text for m in extraction.mentions)
