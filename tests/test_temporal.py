"""The Sorani temporal tagger: conformance table, negatives, spans, calendars, round trips."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.lang
from kg.extract.temporal import extract_timexes, infer_dct
from kg.extract.temporal_calendar import (
    _tabular_hijri,
    hijri_to_gregorian,
    hijri_year_interval,
    is_solar_leap,
    solar_month_interval,
    solar_year_of_day,
    solar_year_of_month,
)
from kg.extract.temporal_rules import compile_rules
from kg.model import Document, Granularity
from kg.text import normalize

CASES = Path(__file__).parent / "cases" / "temporal_ckb.tsv"
NORMALIZER_IS_REAL = normalize("ك").text != "ك"


def _read_cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    # trailing empty cells (mod, note) may be left off a row
    return [dict(zip(header, ln.split("\t") + [""] * len(header))) for ln in lines[1:]]


def tag(text: str, dct: date | None = None):
    """The timexes of `text` as a one-document run sees them."""
    return extract_timexes(Document(id="t", text=text, dct=dct), normalize(text))


def _dct(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


@pytest.mark.parametrize("case", _read_cases(), ids=lambda c: c["expected_text"] or f"none:{c['text'][:20]}")
def test_temporal_conformance_case(case):
    if case["note"].startswith("legacy:") and not NORMALIZER_IS_REAL:
        pytest.xfail("needs the real kg.text.normalize")
    found = tag(case["text"], _dct(case["dct"]))
    if not case["expected_text"]:
        assert found == (), [t.text for t in found]
        return
    # a row names one expression; context expressions in the same text may be found too
    matching = [t for t in found if t.text == case["expected_text"]]
    assert len(matching) == 1, [t.text for t in found]
    (timex,) = matching
    assert timex.type == case["type"]
    expected_value = None if case["value"] == "-" else case["value"]
    assert (timex.value.value if timex.value else None) == expected_value
    if timex.value is not None:
        assert (timex.value.mod or "") == case["mod"]


@pytest.mark.parametrize("row", kg.lang.load("ckb").table("temporal_negatives.tsv"), ids=lambda r: r["text"][:24])
def test_temporal_negatives_table_yields_nothing(row):
    assert tag(row["text"], date(2022, 2, 16)) == ()


@pytest.mark.parametrize("case", _read_cases(), ids=lambda c: c["text"][:24])
def test_temporal_span_text_is_the_original_slice(case):
    found = tag(case["text"], _dct(case["dct"]))
    for timex in found:
        assert timex.text == case["text"][timex.span.start : timex.span.end]
        assert not timex.text[:1].isspace() and not timex.text[-1:].isspace()
    starts = [t.span.start for t in found]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))


def test_temporal_several_expressions_in_one_text_keep_reading_order_and_narrative():
    text = "لە ساڵی ٢٠٠٩ دا گەڕایەوە. لە ئایاری هەمان ساڵ کرا بە وەزیر، لە ٢٠١٢ دا دەستی لەکار کێشایەوە و لە ئەیلوولدا ڕۆیشت."
    found = tag(text, date(2020, 1, 5))
    assert [(t.text, t.value.value, t.value.anchor) for t in found] == [
        ("ساڵی ٢٠٠٩", "2009", "absolute"),
        ("ئایاری هەمان ساڵ", "2009-05", "narrative"),
        ("٢٠١٢", "2012", "absolute"),
        ("ئەیلوولدا", "2012-09", "narrative"),
    ]


def test_temporal_longest_match_wins_over_its_parts():
    found = tag("لە کۆتایی مانگی ئایاری ساڵی ڕابردوودا", date(2022, 2, 16))
    assert [(t.text, t.value.value, t.value.mod) for t in found] == [
        ("کۆتایی مانگی ئایاری ساڵی ڕابردوودا", "2021-05", "END")
    ]


@pytest.mark.parametrize(
    ("text", "granularity", "start", "end"),
    [
        ("ساڵی ٢٠٢٠", Granularity.YEAR, date(2020, 1, 1), date(2020, 12, 31)),
        ("شوباتی ٢٠٢٠", Granularity.MONTH, date(2020, 2, 1), date(2020, 2, 29)),
        ("١٤ی شوباتی ٢٠٢٠", Granularity.DAY, date(2020, 2, 14), date(2020, 2, 14)),
        ("گەلاوێژی ٢٧٢٠", Granularity.MONTH, date(2020, 7, 22), date(2020, 8, 21)),
    ],
)
def test_temporal_value_interval_covers_the_stated_period(text, granularity, start, end):
    (timex,) = tag(text)
    assert (timex.value.granularity, timex.value.start, timex.value.end) == (granularity, start, end)


@pytest.mark.parametrize(
    ("sh_year", "month", "first", "last"),
    [
        (1399, 1, date(2020, 3, 20), date(2020, 4, 19)),  # Newroz 2020 fell on 20 March
        (1399, 12, date(2021, 2, 19), date(2021, 3, 20)),  # 1399 is leap: Esfand has 30 days
        (1400, 1, date(2021, 3, 21), date(2021, 4, 20)),
        (1400, 7, date(2021, 9, 23), date(2021, 10, 22)),
        (1400, 10, date(2021, 12, 22), date(2022, 1, 20)),
        (1402, 12, date(2024, 2, 20), date(2024, 3, 19)),
        (1403, 1, date(2024, 3, 20), date(2024, 4, 19)),
        (1404, 1, date(2025, 3, 21), date(2025, 4, 20)),  # after leap 1403
    ],
)
def test_temporal_solar_month_boundaries(sh_year, month, first, last):
    assert solar_month_interval(sh_year, month) == (first, last)


@pytest.mark.parametrize(("sh_year", "leap"), [(1395, True), (1399, True), (1400, False), (1403, True), (1404, False)])
def test_temporal_solar_leap_years(sh_year, leap):
    assert is_solar_leap(sh_year) is leap


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لە ٣ی ئایاری ٢٠١٩ و ١٢ - ٠٦ - ٢٠٢٠ و ساڵی ٢٠٢١", date(2020, 6, 12)),
        ("لە ئایاری ٢٠١٩ و ساڵی ٢٠٢١", None),  # no full day date
        ("ئەمڕۆ و دوێنێ", None),  # relative days are not evidence of the date
    ],
)
def test_temporal_infer_dct_takes_the_latest_explicit_day(text, expected):
    assert infer_dct(tag(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ڕۆژی دووشەممە ٢٦ - ٠٧ - ٢٠٢١ و ٣ی ئایاری ٢٠١٩", date(2021, 7, 26)),  # weekday agrees
        ("ڕۆژی سێشەممە ٢٩ - ٠٧ - ٢٠٢١ و ٢٦ - ٠٧ - ٢٠٢١", date(2021, 7, 26)),  # 29 July 2021 was a Thursday
        ("هەولێر ٢٦-٠٧-٢٠٢١ ١٠:٣٠", date(2021, 7, 26)),  # a dateline with a clock time
    ],
)
def test_temporal_infer_dct_drops_dates_whose_weekday_disagrees(text, expected):
    assert infer_dct(tag(text)) == expected


@pytest.mark.parametrize(
    ("text", "offset", "anchor"),
    [
        ("ساڵی ڕابردوو", "-P1Y", "dct"),
        ("هەفتەی ڕابردوو", "-P1W", "dct"),
        ("دوێنێ", "-P1D", "dct"),
        ("سبەینێ", "+P1D", "dct"),
        ("مانگی داهاتوو", "+P1M", "dct"),
        ("سێ ڕۆژ لەمەوبەر", "-P3D", "dct"),
        ("دەیەی ڕابردوو", "-P1DE", "dct"),
        ("سێ مانگ دواتر", "+P3M", "narrative"),
        ("ڕۆژی هەینی", None, "dct"),
    ],
)
def test_temporal_unresolved_relative_keeps_anchor_and_offset(text, offset, anchor):
    (timex,) = tag(text)
    assert (timex.value.value, timex.value.anchor, timex.value.offset) == (None, anchor, offset)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ساڵی ١٤٠١ی هەتاوی", date(2022, 3, 21), date(2023, 3, 20)),
        ("ساڵی ٢٧٢٢ی کوردی", date(2022, 3, 21), date(2023, 3, 20)),
        ("ساڵی ١٤٤٤ی کۆچی", date(2022, 7, 30), date(2023, 7, 18)),
        ("نیوەی یەکەمی ٢٠٢٠", date(2020, 1, 1), date(2020, 6, 30)),
        ("زستانی ٢٠٢٠", date(2020, 12, 1), date(2021, 2, 28)),
        ("هەشتاکان", date(1980, 1, 1), date(1989, 12, 31)),
    ],
)
def test_temporal_other_calendars_and_periods_keep_the_exact_interval(text, start, end):
    (timex,) = tag(text)
    assert (timex.value.start, timex.value.end) == (start, end)


@pytest.mark.parametrize(
    ("gregorian_year", "month", "sh_year"),
    [(2021, 1, 1400), (2021, 9, 1400), (2022, 10, 1400), (2022, 11, 1400), (2022, 12, 1400), (2021, 10, 1399)],
)
def test_temporal_solar_year_of_month_is_the_year_holding_most_of_it(gregorian_year, month, sh_year):
    assert solar_year_of_month(gregorian_year, month) == sh_year


@pytest.mark.parametrize(
    ("day", "sh_year"), [(date(2022, 1, 10), 1400), (date(2022, 3, 20), 1400), (date(2022, 3, 21), 1401)]
)
def test_temporal_solar_year_of_day(day, sh_year):
    assert solar_year_of_day(day) == sh_year


@pytest.mark.parametrize(("h_year", "month", "day"), [(1400, 1, 1), (1443, 9, 1), (1444, 1, 1), (1445, 12, 10)])
def test_temporal_tabular_hijri_fallback_is_within_two_days_of_umm_al_qura(h_year, month, day):
    pytest.importorskip("hijridate")
    assert abs((_tabular_hijri(h_year, month, day) - hijri_to_gregorian(h_year, month, day)).days) <= 2


def test_temporal_hijri_year_interval_umm_al_qura():
    pytest.importorskip("hijridate")
    assert hijri_year_interval(1444) == (date(2022, 7, 30), date(2023, 7, 18))


def test_temporal_relative_expressions_without_dct_get_no_value_but_absolute_ones_do():
    found = tag("ساڵی ڕابردوو و ساڵی ٢٠١٥")
    assert [(t.text, t.value and t.value.value) for t in found] == [("ساڵی ڕابردوو", None), ("ساڵی ٢٠١٥", "2015")]


def test_temporal_rules_are_compiled_once_and_long_text_is_tagged_whole():
    # speed is measured by bench/throughput.py, not here
    assert compile_rules("ckb") is compile_rules("ckb")
    text = "وەزارەتی ئابووری ڕایگەیاند کە لە ساڵی ٢٠١٩ دا ٢٥٠٠ سەرباز گەیشتن و ئەمڕۆ دەگەڕێنەوە. " * 1000
    found = tag(text, date(2022, 2, 16))
    assert len(found) == 2000


# --- round trip through the tables ---------------------------------------------------------

_GREGORIAN_MONTHS = [
    (r["form"], int(r["month"])) for r in kg.lang.load("ckb").table("months.tsv") if r["calendar"] == "gregorian"
]
_DIGIT_ZEROS = {"ascii": "0", "arabic_indic": "\u0660", "persian": "\u06f0"}
_YEAR_CLITICS = ["", "دا", "ەوە", "یش", "یشدا"]
_FILLER = ["وەزیر", "گوتی", "کە", "حکومەت", "هەولێر", "پەرلەمان", "بڕیار", "دا", "لە", "بە", "و", "خەڵک", "ئابووری"]


def _digits(number: int, system: str, width: int = 0) -> str:
    zero = ord(_DIGIT_ZEROS[system])
    return "".join(chr(zero + int(c)) for c in str(number).zfill(width))


@settings(max_examples=300, deadline=None)
@given(
    day=st.integers(1, 28),
    month_form=st.sampled_from(_GREGORIAN_MONTHS),
    year=st.integers(1900, 2099),
    system=st.sampled_from(sorted(_DIGIT_ZEROS)),
    clitic=st.sampled_from(_YEAR_CLITICS),
    before=st.lists(st.sampled_from(_FILLER), max_size=4),
    after=st.lists(st.sampled_from(_FILLER), max_size=4),
)
def test_temporal_round_trip_day_month_year(day, month_form, year, system, clitic, before, after):
    form, month = month_form
    phrase = f"{_digits(day, system)}ی {form}ی {_digits(year, system)}{clitic}"
    text = " ".join([*before, phrase, *after])
    found = tag(text)
    assert [(t.text, t.value.value) for t in found] == [(phrase, f"{year}-{month:02d}-{day:02d}")]


_NOISE = st.text(
    alphabet=st.sampled_from(
        list("ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنهەوۆیێ") + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789")
        + ["\u200c", "\u0640", "\u064e", "ك", "ي", " ", " ", "-", "/", ".", "،", '"']
    ),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(noise=_NOISE, dct=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_temporal_never_raises_and_spans_are_exact_on_any_text(noise, dct):
    found = tag(noise, dct)
    for timex in found:
        assert 0 <= timex.span.start < timex.span.end <= len(noise)
        assert timex.text == noise[timex.span.start : timex.span.end]
        if timex.value is not None and timex.value.start is not None:
            assert timex.value.start <= timex.value.end
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))


# --- dateparser: kg's Sorani locale data, loaded into dateparser at run time -----------------

_BASE = datetime(2022, 2, 16, 12, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دوێنێ", date(2022, 2, 15)),
        ("ئەمڕۆ", date(2022, 2, 16)),
        ("سبەینێ", date(2022, 2, 17)),
        ("پێرێ", date(2022, 2, 14)),
        ("هەفتەی ڕابردوو", date(2022, 2, 9)),
        ("هەفتەی رابردوو", date(2022, 2, 9)),  # legacy ر
        ("ساڵی ڕابردوو", date(2021, 2, 16)),
        ("مانگی داهاتوو", date(2022, 3, 16)),
        ("٣ ڕۆژ لەمەوبەر", date(2022, 2, 13)),  # Eastern Arabic digits
        ("۲ ساڵ لەمەوبەر", date(2020, 2, 16)),  # Persian digits
        ("5 هەفتە لەمەوبەر", date(2022, 1, 12)),  # ASCII digits
        ("١٢ی کانوونی یەکەمی ٢٠٢٠", date(2020, 12, 12)),  # the corrected December spelling, with ezafe
        ("٥ی ئۆکتۆبەری ٢٠١٩", date(2019, 10, 5)),  # a spelling from months.tsv
        ("دووشەمە", date(2022, 2, 14)),  # a spelling from weekdays.tsv
    ],
)
def test_temporal_dateparser_parses_sorani_with_kg_locale_data(text, expected):
    import dateparser

    from kg.extract.temporal_dateparser import register_ckb_locale

    register_ckb_locale()
    parsed = dateparser.parse(text, languages=["ckb"], settings={"RELATIVE_BASE": _BASE})
    assert parsed is not None and parsed.date() == expected


def test_temporal_dateparser_locale_gets_standard_december_and_sorani_relative_words():
    from dateparser.data.date_translation_data import ckb as shipped

    from kg.extract.temporal_dateparser import register_ckb_locale

    register_ckb_locale()
    # the standard spelling first; the single-و web spelling stays as a variant (months.tsv)
    assert shipped.info["december"][0] == "کانوونی یەکەم"
    assert "ئەمڕۆ" in shipped.info["relative-type"]["0 day ago"]
    assert "بن" not in shipped.info["am"]  # the shipped AM/PM words are not Sorani


def test_temporal_dateparser_locale_additions_come_from_our_tables():
    from kg.extract.temporal_dateparser import locale_additions

    extra = locale_additions()
    assert "حوزەیرانی" in extra["june"] and "ئۆکتۆبەر" in extra["october"]
    assert "ئازار" not in extra["march"]  # needs a cue in months.tsv ('pain'): not for a bare parser
