"""What a rule's match states: regex groups + lexicon → a `Partial` (or None to reject).

Checks that need values rather than shapes live here: month and day ranges, plausible
year ranges, plural units (ڕۆژانی داهاتوو is 'the coming days', not 'tomorrow'), the
calendar an era word names. Nothing here knows a word of any language.
"""

from __future__ import annotations

import re

from kg.extract.temporal_calendar import month_interval, solar_hijri_year, solar_month_days
from kg.extract.temporal_lexicon import Lexicon, collapse
from kg.extract.temporal_partial import Partial
from kg.extract.temporal_rules import REF_KINDS

_DURATION_UNITS = {
    "century": "CE", "decade": "DE", "year": "Y", "month": "M", "week": "W", "day": "D",
    "hour": "TH", "minute": "TM",
}
_GREGORIAN_YEARS = range(1000, 2200)
_ADJUNCT_YEARS = range(1800, 2101)  # a bare number after لە … is a year only in a plausible range
_RANGE_SPAN = 50  # لە ٢٠٢٠ تا ٢٠٢٢: a second year at most this far after the first
_DECADE_DEFAULT_CENTURY = 19  # هەشتاکان alone: the 1980s, as in news usage


def to_count(text: str, lex: Lexicon) -> str | None:
    """A count as TIMEX3 writes it: "3" from digits of any script or numeral words, "X" if vague."""
    text = collapse(text)
    if text.isdecimal():
        return str(int(text))  # int() reads any Nd digits
    if lex.numerals.get(text) == "X":
        return "X"
    value = lex.number(text)
    return None if value is None else str(value)


def duration_value(count: str, unit: str, sign: str = "") -> str:
    """ISO 8601 duration: P3Y, PXM; time units after T (PT2H); `sign` for offsets (-P1W)."""
    letter = _DURATION_UNITS[unit]
    return f"{sign}PT{count}{letter[1:]}" if letter.startswith("T") else f"{sign}P{count}{letter}"


def interpret(name: str, match: re.Match[str], lex: Lexicon) -> Partial | None:
    """The Partial a rule's match states, or None when a check rejects it."""
    g = {k: v for k, v in match.groupdict().items() if v is not None}
    mod = lex.modifiers[collapse(g["mod"])] if "mod" in g else None
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler(g, lex, mod)
    if "deictic" in g:
        return _deictic(g, lex, mod)
    if "unit" in g:
        return _unit_relative(g, lex, mod)
    if "wd" in g and "d" not in g:
        return _weekday(g, lex)
    if "month" in g:
        return _month_name(g, lex, mod)
    return _numeric(name, g, lex, mod)


def _numeric(name: str, g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    year = int(g["y"]) if "y" in g else None
    era = _era(g, lex)
    if year is not None and era == "gregorian":
        if year not in (_ADJUNCT_YEARS if name.startswith(("prep_", "range_")) else _GREGORIAN_YEARS):
            return None
    if "y2" in g and not 0 < int(g["y2"]) - year <= _RANGE_SPAN:
        return None
    if "y0" in g and not 0 < year - int(g["y0"]) <= _RANGE_SPAN:
        return None
    month = int(g["m"]) if "m" in g else None
    day = int(g["d"]) if "d" in g else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= _max_day(year, month):
        return None
    if year is not None and era != "gregorian" and month is not None:
        return None  # numeric dates are Gregorian; an era word after one is not read here
    clock = _clock(g, lex)
    if clock is False:
        return None
    hour, minute = clock or (None, 0)
    return Partial(
        year=year, month=month, day=day, era=era, year_from_dct=year is None and month is not None,
        hour=hour, minute=minute, mod=mod,
    )


def _era(g: dict[str, str], lex: Lexicon) -> str:
    """The calendar of the era word after the year (it may carry clitics), Gregorian if none."""
    if "era" not in g:
        return "gregorian"
    matched = collapse(g["era"])
    return next(lex.eras[f] for f in sorted(lex.eras, key=len, reverse=True) if matched.startswith(f))


def _clock(g: dict[str, str], lex: Lexicon) -> tuple[int, int] | None | bool:
    """(hour, minute) of a clock time in `g`; None if there is none; False if it is impossible."""
    if "hh" not in g:
        return None
    hour, minute = int(g["hh"]), int(g.get("mm") or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return False
    part = _day_part(g["part"], lex) if "part" in g else None
    if part is not None and part.pm and 1 <= hour <= 11:
        hour += 12  # کاتژمێر ٣ی پاشنیوەڕۆ → 15:00
    elif part is not None and part.pm is False and hour == 12:
        hour = 0  # 12 AM
    return hour, minute


def _clock_time(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    clock = _clock(g, lex)
    if not clock:
        return None
    if "clock" not in g and "part" not in g and "mm" not in g:
        return None
    return Partial(hour=clock[0], minute=clock[1], mod=mod)


def _max_day(year: int | None, month: int | None) -> int:
    if month is None:
        return 31
    return month_interval(year if year is not None else 2000, month)[1].day  # 2000: leap, allows 29 Feb


def _valid_day(calendar: str, era: str, year: int | None, month: int, day: int | None) -> bool:
    """Whether the year (if any) fits the calendar and the day (if any) exists in the month."""
    if calendar == "gregorian":
        if era != "gregorian":
            return False  # a Gregorian month name with a Hijri year: not a date we can read
        return (year is None or year in _GREGORIAN_YEARS) and (day is None or 1 <= day <= _max_day(year, month))
    if era not in ("gregorian", "solar_hijri", "kurdish"):
        return False
    sh_year = None if year is None else solar_hijri_year(year)
    if year is not None and sh_year is None:
        return False
    return day is None or 1 <= day <= solar_month_days(sh_year if sh_year else 1403, month)  # 1403: leap


def _deictic(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    word = lex.relative_of(g["deictic"])
    if word is None:
        return None
    if word.kind in REF_KINDS:
        return Partial(ref=REF_KINDS[word.kind], mod=mod)
    part = _day_part(g["part"], lex).part if "part" in g else word.part
    return Partial(unit=word.unit, offset=word.offset, part=part, mod=mod)


def _weekday(g: dict[str, str], lex: Lexicon) -> Partial:
    part = _day_part(g["part"], lex).part if "part" in g else None
    direction = lex.relatives[collapse(g["wdir"])].offset if "wdir" in g else None
    return Partial(weekday=lex.weekdays[collapse(g["wd"])], part=part, weekday_direction=direction)


def _day_part(matched: str, lex: Lexicon):
    """The day_parts row of a matched part-of-day word (AM/PM match in either case)."""
    key = collapse(matched)
    return lex.day_parts.get(key) or lex.day_parts[key.upper()]


def _unit_relative(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    unit = lex.units[collapse(g["unit"])]
    if "same" in g:
        return Partial(same_unit=unit, mod=mod)
    if "ago" in g or "later" in g:
        return _counted_shift(g, lex, unit, mod)
    if "n" in g:
        count = to_count(g["n"], lex)
        return None if count is None else Partial(duration=duration_value(count, unit), mod=mod)
    if "dir" in g:
        offset = lex.relatives[collapse(g["dir"])].offset
        if lex.is_plural(g.get("ucl", "")):  # ڕۆژانی داهاتوو 'the coming days': no single step
            return Partial(ref="FUTURE_REF" if offset > 0 else "PAST_REF", mod=mod)
        day = int(g["d"]) if "d" in g else None
        if day is not None and not 1 <= day <= 31:
            return None
        return Partial(unit=unit, offset=offset, day=day, mod=mod)
    return Partial(unit=unit, offset=0, mod=mod)  # ئەم هەفتەیە, کۆتایی ساڵ: the current one


def _counted_shift(g: dict[str, str], lex: Lexicon, unit: str, mod: str | None) -> Partial | None:
    count = to_count(g["n"], lex)
    if count is None:
        return None
    if "ago" in g:
        if count == "X":  # چەند ڕۆژ لەمەوبەر 'some days ago'
            return Partial(ref="PAST_REF", mod=mod)
        return Partial(unit=unit, offset=-int(count), mod=mod)
    if count == "X":
        return None
    return Partial(later_unit=unit, offset=lex.relatives[collapse(g["later"])].offset * int(count), mod=mod)


def _every(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    if lex.is_plural(g.get("ucl", "")):
        return None  # هەموو ساڵەکان 'all the years' is no repetition
    return Partial(set=duration_value("1", lex.units[collapse(g["unit"])]), mod=mod)


def _lexical(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    word = lex.relative_of(g["lexical"])
    if word is None:
        return None
    if word.kind == "set":
        return Partial(set=duration_value("1", word.unit))
    return Partial(duration=duration_value("X", word.unit))


def _ref_dir(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial:
    offset = lex.relatives[collapse(g["refdir"])].offset
    return Partial(ref="FUTURE_REF" if offset > 0 else "PAST_REF")


def _month_name(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    form = lex.months[collapse(g["month"])]
    has_cue = any(k in g for k in ("d", "y", "mhead", "mod", "ydir", "ysame", "ydeictic", "mdir"))
    if form.needs_cue and not has_cue:
        return None  # e.g. a word that is also a common noun or a given name
    year = int(g["y"]) if "y" in g else None
    era = _era(g, lex)
    day = int(g["d"]) if "d" in g else None
    if not _valid_day(form.calendar, era, year, form.month, day):
        return None
    return Partial(
        year=year,
        month=form.month,
        day=day,
        calendar=form.calendar,
        era=era,
        year_offset=_year_offset(g, lex),
        year_same="ysame" in g,
        month_direction=lex.relatives[collapse(g["mdir"])].offset if "mdir" in g else None,
        mod=mod,
    )


def _year_offset(g: dict[str, str], lex: Lexicon) -> int | None:
    if "ydir" in g:
        return lex.relatives[collapse(g["ydir"])].offset
    if "ydeictic" in g:
        return lex.relative_of(g["ydeictic"]).offset
    return None


def _period(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    year = int(g["y"]) if "y" in g else None
    era = _era(g, lex)
    if year is not None and (era != "gregorian" or year not in _GREGORIAN_YEARS):
        return None
    return Partial(year=year, period=lex.periods[collapse(g["period"])], year_offset=_year_offset(g, lex), mod=mod)


def _decade(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    if not lex.is_plural(g.get("dcl", "")):
        return None  # ١٩٨٠ / هەشتا: a year or a number, not a decade
    if "y" in g:
        year = int(g["y"])
        return Partial(decade=year // 10, mod=mod) if year % 10 == 0 and year in _GREGORIAN_YEARS else None
    tens = int(lex.numerals[collapse(g["tens"])]) // 10
    if "cunit" not in g:
        return Partial(decade=_DECADE_DEFAULT_CENTURY * 10 + tens, mod=mod)
    if "cdir" in g:  # هەشتاکانی سەدەی ڕابردوو: the century is relative to the DCT
        return Partial(unit="century", offset=lex.relatives[collapse(g["cdir"])].offset, decade=tens, mod=mod)
    century = _century_number(g, lex)
    return None if century is None else Partial(decade=(century - 1) * 10 + tens, mod=mod)


def _century_number(g: dict[str, str], lex: Lexicon) -> int | None:
    """The ordinal century (20 = the twentieth, 1901-2000) the text names."""
    value = int(g["cnum"]) if "cnum" in g else lex.ordinal(g.get("cord", ""))
    return value if value is not None and 1 <= value <= 30 else None


def _century(g: dict[str, str], lex: Lexicon, mod: str | None) -> Partial | None:
    century = _century_number(g, lex)
    # TIMEX3 writes the twentieth century (1900s in common usage) as 19
    return None if century is None else Partial(century=century - 1, mod=mod)


_HANDLERS = {
    "clock_colon": _clock_time,
    "clock_head": _clock_time,
    "every": _every,
    "lexical": _lexical,
    "ref_dir": _ref_dir,
    "period": _period,
    "decade_digits": _decade,
    "decade_word": _decade,
    "century": _century,
}
