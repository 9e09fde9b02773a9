"""The pipeline on legacy orthography: old-font pages must read as well as modern Unicode."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.model import Document
from kg.pipeline import extract_document, run_corpus

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
