"""Temporal rules: regex templates over the lexicon, and what a match means (a `Partial`).

Each rule is a template whose `{NAME}` slots are filled from the language tables
(`temporal_lexicon`), so the templates hold only structure: which slot may follow
which, what stays in the span. A match becomes a `Partial`: the parts of a date the
text states (year, month, day, a shift from the document date, a reference to the
narrative date), still unresolved. `temporal_resolve` turns it into a `TimeValue`.

Slot legend: A/B word boundaries, W whitespace, C a (possibly empty) clitic chain,
MOD part-of-period words, MONTH month names, YHEAD/MHEAD/DHEAD head nouns 'year of',
'month of', 'day of', PREP/POSTP the adposition pair around an adjunct, UNIT calendar
units, DIR last/next words, THIS/SAME/AGO relative words, DEICTIC today/this year/now.
A group named `t`, when present, is the span of the expression (cue words outside it).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.temporal_calendar import month_interval, solar_hijri_year, solar_month_days
from kg.extract.temporal_lexicon import Lexicon, alternation, collapse, load_lexicon

# Separators of numeric dates; the same one must repeat (26-07-2021, 26 / 07 / 2021).
_SEP = r"\s*(?P<sep>[-/._])\s*"
_NOT_MORE_NUMBERS = r"(?!\s*[-/._]\s*\d)"
_NOT_AFTER_NUMBERS = r"(?<![\d/._-])"

TEMPLATES: dict[str, str] = {
    # ڕۆژی دووشەممە ٢٦ - ٠٧ - ٢٠٢١ : optional weekday, day-month-year
    "numeric_dmy": r"{A}" + _NOT_AFTER_NUMBERS
    + r"(?:(?:{DHEAD}{W})?(?P<wd>{WEEKDAY}){C}(?:\s*[,\u060c])?\s+)?"
    + r"(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}){C}{B}" + _NOT_MORE_NUMBERS,
    "numeric_ymd": r"{A}" + _NOT_AFTER_NUMBERS
    + r"(?P<y>\d{4})" + _SEP + r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2}){C}{B}" + _NOT_MORE_NUMBERS,
    # لە ١٠ - ١٠ : day-month without a year, only inside an adjunct
    "numeric_dm": r"{A}{PREP}{W}(?P<t>(?P<d>\d{1,2})\s*(?P<sep>[-/])\s*(?P<m>\d{1,2}){C}){B}"
    + _NOT_MORE_NUMBERS,
    # کۆتایی مانگی ٨ی کانوونی دووەمی ٢٠٢٠ / ئابی هەمان ساڵ / حوزەیرانی ڕابردوو …
    "month": r"{A}(?:(?P<mod>{MOD}){W})?(?:(?P<mhead>{MHEAD}){W})?(?:(?P<d>\d{1,2}){C}{W})?"
    + r"(?P<month>{MONTH}){C}{B}"
    + r"(?:{W}(?:{YHEAD}{W})?(?P<y>\d{4}){C}{B}"
    + r"|{W}(?P<yunit>{YUNIT}){C}{W}(?P<ydir>{DIR}){C}{B}"
    + r"|{W}(?P<ysame>{SAME}){W}{YUNIT}{C}{B}"
    + r"|{W}(?P<ydeictic>{YDEICTIC}){B}"
    + r"|{W}(?P<mdir>{DIR}){C}{B})?",
    # ساڵی ٢٠٠٣ / کۆتاییەکانی ساڵی ٢٠١٩
    "year_head": r"{A}(?:(?P<mod>{MOD}){W})?{YHEAD}{W}(?P<y>\d{4}){C}{B}",
    # سەرەتای ٢٠٢٠
    "mod_year": r"{A}(?P<mod>{MOD}){W}(?P<y>\d{4}){C}{B}",
    # لە ٢٠١٧دا / لە ٢٠١٧ دا / لە ٢٠١٧، : a bare year closed by a postposition or punctuation
    "prep_year_glued": r"{A}{PREP}{W}(?P<t>(?P<y>\d{4}){POSTP}{C}){B}",
    "prep_year": r"{A}{PREP}{W}(?P<t>(?P<y>\d{4})){B}(?=\s*(?:{POSTP}{B}|[^\w\s]|$))",
    # ساڵی ڕابردوو / هەفتەی داهاتوو
    "unit_dir": r"{A}(?:(?P<mod>{MOD}){W})?(?P<unit>{UNIT}){C}{W}(?P<dir>{DIR}){C}{B}",
    # ئەم هەفتەیە
    "this_unit": r"{A}(?:(?P<mod>{MOD}){W})?(?P<this>{THIS}){W}(?P<unit>{UNIT}){C}{B}",
    # ئەمڕۆ / ئێستا / کۆتایی ئەمساڵ
    "deictic": r"{A}(?:(?P<mod>{MOD}){W})?(?P<deictic>{DEICTIC}){B}",
    # کۆتایی ساڵدا: 'the end of the year' = the current one
    "mod_unit": r"{A}(?P<mod>{MOD}){W}(?P<unit>{UNIT}){C}{B}",
    # دوو ڕۆژ لەمەوبەر
    "ago": r"{A}(?P<n>\d{1,3}|{NUMERAL}){W}(?P<unit>{UNIT}){C}{W}(?P<ago>{AGO}){C}{B}",
    # ڕۆژی دووشەممە / شەوی پێنجشەممە / دووشەممە: the nearest such day up to the DCT
    "weekday": r"{A}(?:(?:{DHEAD}|(?P<night>{NHEAD})){W})?(?P<wd>{WEEKDAY}){C}{B}",
    # سێ ساڵ / چەند ڕۆژێک / سێ ساڵی داهاتوودا ('within the next three years')
    "duration": r"{A}(?P<n>\d{1,3}|{NUMERAL}){W}(?P<unit>{UNIT}){C}(?:{W}(?P<ddir>{DIR}){C})?{B}",
    # هەمان ساڵ
    "same_unit": r"{A}(?:(?P<mod>{MOD}){W})?(?P<same>{SAME}){W}(?P<unit>{UNIT}){C}{B}",
}


@dataclass(frozen=True, slots=True)
class Partial:
    """What a matched expression states, before resolution against any anchor."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "gregorian"
    year_offset: int | None = None  # year = DCT year + offset (مانگی ئایاری ساڵی ڕابردوو)
    year_same: bool = False  # year = narrative year (ئابی هەمان ساڵ)
    month_direction: int | None = None  # last/next occurrence of `month` around the DCT
    unit: str | None = None  # DCT shifted by `offset` units, at that unit's granularity
    offset: int = 0
    same_unit: str | None = None  # the narrative date at this unit's granularity
    weekday: int | None = None  # ISO weekday: the nearest such day on or before the DCT
    night: bool = False  # 'the night of' that day: a TIME, TIMEX3 part of day NI
    ref: str | None = None  # PRESENT_REF | PAST_REF | FUTURE_REF
    duration: str | None = None  # a TIMEX3 duration value: P3Y, PXD, PT2H
    mod: str | None = None

    @property
    def type(self) -> str:
        """The TIMEX3 type of the expression."""
        return "DURATION" if self.duration else "TIME" if self.night else "DATE"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


def _fragments(lex: Lexicon) -> dict[str, str]:
    rel = lex.relatives
    deictic = [w for w in rel.values() if w.kind in ("deictic", *_REF_KINDS)]
    return {
        "A": r"(?<!\w)",
        "B": r"(?!\w)",
        "W": r"\s+",
        "C": lex.clitic_chain,
        "MOD": alternation(list(lex.modifiers)),
        "MONTH": alternation(list(lex.months)),
        "WEEKDAY": alternation(list(lex.weekdays)),
        "NUMERAL": alternation(list(lex.numerals)),
        "UNIT": alternation(list(lex.units)),
        "YUNIT": alternation(lex.forms(lex.units, unit="year")),
        "YHEAD": alternation(lex.forms(lex.cues, role="year_head")),
        "MHEAD": alternation(lex.forms(lex.cues, role="month_head")),
        "DHEAD": alternation(lex.forms(lex.cues, role="day_head")),
        "NHEAD": alternation(lex.forms(lex.cues, role="night_head")),
        "PREP": alternation(lex.forms(lex.cues, role="preposition")),
        "POSTP": alternation(lex.forms(lex.cues, role="postposition")),
        "DIR": alternation(lex.forms(rel, kind="direction")),
        "THIS": alternation(lex.forms(rel, kind="this")),
        "SAME": alternation(lex.forms(rel, kind="same")),
        "AGO": alternation(lex.forms(rel, kind="ago")),
        "DEICTIC": _with_suffixes(deictic, lex.clitic_chain),
        "YDEICTIC": _with_suffixes([w for w in deictic if w.unit == "year"], lex.clitic_chain),
    }


def _with_suffixes(words, clitic_chain: str) -> str:
    """Alternation of words, each followed only by the endings its table row allows."""
    parts = []
    for word in sorted(words, key=lambda w: len(w.form), reverse=True):
        if word.suffixes == "*":
            ending = clitic_chain
        elif word.suffixes == "-":
            ending = ""
        else:
            ending = alternation(word.suffixes.split("|")) + "?"
        parts.append(alternation([word.form]) + ending)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _fill(template: str, fragments: dict[str, str]) -> str:
    # only {UPPERCASE} slots are replaced, so regex quantifiers like \d{1,2} stay intact
    return re.sub(r"\{([A-Z]+)\}", lambda m: fragments[m.group(1)], template)


@functools.cache
def compile_rules(code: str) -> tuple[Rule, ...]:
    """The compiled rules of language `code` (cached: compiled once per process)."""
    fragments = _fragments(load_lexicon(code))
    return tuple(Rule(name, re.compile(_fill(t, fragments))) for name, t in TEMPLATES.items())


def to_count(text: str, lex: Lexicon) -> str | None:
    """A count as TIMEX3 writes it: "3" from digits of any script or a numeral word, "X" if vague."""
    text = collapse(text)
    return str(int(text)) if text.isdecimal() else lex.numerals.get(text)  # int() reads any Nd digits


_DURATION_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "TH"}


def _duration_value(count: str, unit: str) -> str | None:
    """ISO 8601 duration: P3Y, PXM; time units after T (PT2H)."""
    letter = _DURATION_UNITS[unit]
    return f"PT{count}{letter[1:]}" if letter.startswith("T") else f"P{count}{letter}"


_REF_KINDS = {"present": "PRESENT_REF", "past": "PAST_REF"}
_GREGORIAN_YEARS = range(1000, 2200)
_ADJUNCT_YEARS = range(1800, 2101)  # a bare number after لە … is a year only in a plausible range


def interpret(name: str, match: re.Match[str], lex: Lexicon) -> Partial | None:
    """The Partial a rule's match states, or None when a check rejects it."""
    g = {k: v for k, v in match.groupdict().items() if v is not None}
    mod = lex.modifiers[collapse(g["mod"])] if "mod" in g else None
    if "deictic" in g:
        return _deictic(lex.relative_of(g["deictic"]), mod)
    if "unit" in g:
        return _unit_relative(g, lex, mod)
    if "wd" in g and "d" not in g:
        return Partial(weekday=lex.weekdays[collapse(g["wd"])], night="night" in g)
    year = int(g["y"]) if "y" in g else None
    if "month" in g:
        return _month_name(g, lex, year, mod)
    if year is not None and year not in (_ADJUNCT_YEARS if name.startswith("prep_") else _GREGORIAN_YEARS):
        return None
    month = int(g["m"]) if "m" in g else None
    day = int(g["d"]) if "d" in g else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= _max_day(year, month):
        return None
    return Partial(year=year, month=month, day=day, mod=mod)


def _valid_day(calendar: str, year: int | None, month: int, day: int | None) -> bool:
    """Whether the year (if any) fits the calendar and the day (if any) exists in the month."""
    if calendar == "gregorian":
        return (year is None or year in _GREGORIAN_YEARS) and (day is None or 1 <= day <= _max_day(year, month))
    sh_year = None if year is None else solar_hijri_year(year)
    if year is not None and sh_year is None:
        return False
    return day is None or 1 <= day <= solar_month_days(sh_year if sh_year else 1403, month)  # 1403: leap


def _max_day(year: int | None, month: int | None) -> int:
    if month is None:
        return 31
    return month_interval(year if year is not None else 2000, month)[1].day  # 2000: leap, allows 29 Feb


def _deictic(word, mod: str | None) -> Partial | None:
    if word is None:
        return None
    if word.kind in _REF_KINDS:
        return Partial(ref=_REF_KINDS[word.kind], mod=mod)
    return Partial(unit=word.unit, offset=word.offset, mod=mod)


def _unit_relative(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    unit = lex.units[collapse(g["unit"])]
    if "same" in g:
        return Partial(same_unit=unit, mod=mod)
    if "ago" in g:
        count = to_count(g["n"], lex)
        if count == "X":  # چەند ڕۆژ لەمەوبەر 'some days ago'
            return Partial(ref="PAST_REF", mod=mod)
        return None if count is None else Partial(unit=unit, offset=-int(count), mod=mod)
    if "n" in g:
        count = to_count(g["n"], lex)
        return None if count is None else Partial(duration=_duration_value(count, unit), mod=mod)
    if "dir" in g:
        return Partial(unit=unit, offset=lex.relatives[collapse(g["dir"])].offset, mod=mod)
    return Partial(unit=unit, offset=0, mod=mod)  # ئەم هەفتەیە, کۆتایی ساڵ: the current one


def _month_name(g: dict[str, str], lex: Lexicon, year: int | None, mod: str | None) -> Partial | None:
    form = lex.months[collapse(g["month"])]
    has_cue = any(k in g for k in ("d", "y", "mhead", "mod", "ydir", "ysame", "ydeictic", "mdir"))
    if form.needs_cue and not has_cue:
        return None  # e.g. a word that is also a common noun or a given name
    day = int(g["d"]) if "d" in g else None
    if not _valid_day(form.calendar, year, form.month, day):
        return None
    year_offset = None
    if "ydir" in g:
        year_offset = lex.relatives[collapse(g["ydir"])].offset
    elif "ydeictic" in g:
        year_offset = lex.relative_of(g["ydeictic"]).offset
    return Partial(
        year=year,
        month=form.month,
        day=day,
        calendar=form.calendar,
        year_offset=year_offset,
        year_same="ysame" in g,
        month_direction=lex.relatives[collapse(g["mdir"])].offset if "mdir" in g else None,
        mod=mod,
    )
