"""Resolution: a rule's `Partial` plus the anchors (DCT, narrative date) → a TimeValue.

Pure functions over plain data. Anchoring policy, per expression:
- news-style deictic words (ئەمڕۆ, ساڵی ڕابردوو, دوو ڕۆژ لەمەوبەر, a bare weekday) → the DCT;
- narrative words (هەمان ساڵ, سێ مانگ دواتر) and a month name without a year → the narrative
  date: the nearest preceding resolved expression in the same document (HeidelTime's
  "last mentioned date"), which the caller threads through the document in reading order;
- a numeric day-month without a year (١٠ - ١٠) → the DCT's year (journalists write it only
  for dates near publication);
- a clock time or part of day with no date of its own → the narrative day, else the DCT.
Without the anchor it needs, an expression keeps ``value=None`` with its anchor and, for
shifts, the offset (``-P1W``), never a guessed date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.temporal_calendar import (
    KURDISH_ERA_OFFSET,
    iso_week_interval,
    shift_months,
    solar_hijri_year,
    solar_month_interval,
    solar_to_gregorian,
    solar_year_of_day,
    solar_year_of_month,
    valid_date,
)
from kg.extract.temporal_interpret import duration_value
from kg.extract.temporal_partial import Partial
from kg.extract.temporal_values import (
    century_value,
    day_value,
    decade_value,
    era_year_value,
    month_value,
    period_value,
    time_value,
    year_value,
)
from kg.model import Granularity, TimeValue


@dataclass(frozen=True, slots=True)
class Narrative:
    """The date the text last spoke of: the anchor for 'the same year', 'three months later'."""

    year: int | None = None
    month: int | None = None
    day: date | None = None

    def after(self, value: TimeValue | None) -> Narrative:
        """The narrative state once `value` has been read."""
        if value is None or value.value is None or value.start is None or value.value.endswith("_REF"):
            return self
        if value.granularity is None or value.granularity < Granularity.YEAR:
            return self  # a decade or century says too little to anchor a month or a day on
        month = value.start.month if value.granularity >= Granularity.MONTH else None
        day = value.start if value.granularity >= Granularity.DAY else None
        return Narrative(value.start.year, month, day)


def resolve(partial: Partial, dct: date | None, narrative: Narrative) -> TimeValue | None:
    """The TimeValue of `partial`; unresolved (value None) when it needs an anchor the document lacks."""
    p = partial
    if p.duration or p.set:
        return TimeValue(value=p.duration or p.set, mod=p.mod, anchor="absolute")
    if p.ref:
        today = dct if p.ref == "PRESENT_REF" else None  # past/future refs cover no known day
        return TimeValue(value=p.ref, granularity=Granularity.DAY, start=today, end=today, mod=p.mod, anchor="dct")
    if p.later_unit is not None:
        return _shift_narrative(p, narrative)
    if p.unit is not None:
        return _shift_dct(p, dct)
    if p.weekday is not None:
        return _weekday(p, dct)
    if p.same_unit is not None:
        return _same(p, narrative)
    if p.decade is not None:
        return decade_value(p.decade, p.mod, "absolute")
    if p.century is not None:
        return century_value(p.century, p.mod, "absolute")
    if p.period is not None:
        return _period(p, dct)
    if p.month is None and p.year is None and (p.hour is not None or p.part):
        return _clock(p, dct, narrative)
    if p.calendar != "gregorian":
        return _solar(p, dct, narrative)
    return _gregorian(p, dct, narrative)


def _unresolved(anchor: str, offset: str | None, mod: str | None = None) -> TimeValue:
    return TimeValue(value=None, mod=mod, anchor=anchor, offset=offset)


def _signed(count: int, unit: str) -> str:
    return duration_value(str(abs(count)), unit, "-" if count < 0 else "+")


def _shift_dct(p: Partial, dct: date | None) -> TimeValue | None:
    if dct is None:
        return _unresolved("dct", _signed(p.offset, p.unit), p.mod)
    if p.part:
        return time_value(dct + timedelta(days=p.offset), None, 0, p.part, "dct") if p.unit == "day" else None
    if p.unit == "century":
        century = dct.year // 100 + p.offset
        if p.decade is not None:  # هەشتاکانی سەدەی ڕابردوو
            return decade_value(century * 10 + p.decade, p.mod, "dct")
        return century_value(century, p.mod, "dct")
    if p.unit == "decade":
        return decade_value(dct.year // 10 + p.offset, p.mod, "dct")
    if p.unit == "year":
        return year_value(dct.year + p.offset, p.mod, "dct")
    if p.unit == "month":
        year, month = shift_months(dct.year, dct.month, p.offset)
        if p.day is not None:  # ٢٠ی مانگی ڕابردوو
            day = valid_date(year, month, p.day)
            return day_value(day, p.mod, "dct") if day else None
        return month_value(year, month, p.mod, "dct")
    if p.unit == "week":
        value, monday, sunday = iso_week_interval(dct + timedelta(weeks=p.offset))
        return TimeValue(value=value, granularity=Granularity.WEEK, start=monday, end=sunday, mod=p.mod, anchor="dct")
    if p.unit == "day":
        return day_value(dct + timedelta(days=p.offset), p.mod, "dct")
    return None


def _shift_narrative(p: Partial, narrative: Narrative) -> TimeValue:
    """سێ مانگ دواتر: the narrative date moved by the count, at the unit's granularity."""
    unit, n = p.later_unit, p.offset
    if unit == "year" and narrative.year is not None:
        return year_value(narrative.year + n, p.mod, "narrative") or _unresolved("narrative", _signed(n, unit))
    if unit == "month" and narrative.month is not None:
        return month_value(*shift_months(narrative.year, narrative.month, n), p.mod, "narrative")
    if unit in ("week", "day") and narrative.day is not None:
        return day_value(narrative.day + timedelta(days=n * (7 if unit == "week" else 1)), p.mod, "narrative")
    return _unresolved("narrative", _signed(n, unit), p.mod)


def _weekday(p: Partial, dct: date | None) -> TimeValue | None:
    if dct is None:
        return _unresolved("dct", None, p.mod)
    if p.weekday_direction is not None and p.weekday_direction > 0:  # هەینی داهاتوو: strictly after
        day = dct + timedelta(days=(p.weekday - dct.isoweekday()) % 7 or 7)
    elif p.weekday_direction is not None:  # هەینی ڕابردوو: strictly before
        day = dct - timedelta(days=(dct.isoweekday() - p.weekday) % 7 or 7)
    else:  # news reports past events: a bare weekday is the latest such day up to the DCT
        day = dct - timedelta(days=(dct.isoweekday() - p.weekday) % 7)
    if p.part:
        return time_value(day, None, 0, p.part, "dct")
    return day_value(day, p.mod, "dct")


def _clock(p: Partial, dct: date | None, narrative: Narrative) -> TimeValue:
    if narrative.day is not None:
        return time_value(narrative.day, p.hour, p.minute, p.part, "narrative")
    if dct is not None:
        return time_value(dct, p.hour, p.minute, p.part, "dct")
    return _unresolved("dct", None)


def _same(p: Partial, narrative: Narrative) -> TimeValue | None:
    if narrative.year is None:
        return _unresolved("narrative", None, p.mod)
    if p.same_unit == "month" and narrative.month is not None:
        return month_value(narrative.year, narrative.month, p.mod, "narrative")
    if p.same_unit == "year":
        return year_value(narrative.year, p.mod, "narrative")
    return None


def _period(p: Partial, dct: date | None) -> TimeValue | None:
    if p.year is not None:
        return period_value(p.year, p.period, p.mod, "absolute")
    if dct is None:
        return _unresolved("dct", _signed(p.year_offset or 0, "year"), p.mod)
    return period_value(dct.year + (p.year_offset or 0), p.period, p.mod, "dct")


def _year_of(p: Partial, dct: date | None, narrative: Narrative) -> tuple[int | None, str]:
    """The Gregorian year a month name refers to, and what it was resolved against."""
    if p.year is not None:
        return p.year, "absolute"
    if p.year_offset is not None:
        return (dct.year + p.year_offset, "dct") if dct else (None, "dct")
    if p.month_direction is not None:
        return _year_by_direction(p.month, p.month_direction, dct), "dct"
    if p.year_from_dct:
        return (dct.year, "dct") if dct else (None, "dct")
    if narrative.year is not None:
        return narrative.year, "narrative"
    # news convention: a month with no year and no earlier date is in the publication year
    return (dct.year, "dct") if dct else (None, "dct")


def _year_by_direction(month: int, direction: int, dct: date | None) -> int | None:
    """Year of the last (direction < 0) or next (> 0) `month` as seen from the DCT's month."""
    if dct is None:
        return None
    if direction < 0:
        return dct.year if month < dct.month else dct.year - 1
    return dct.year if month > dct.month else dct.year + 1


def _gregorian(p: Partial, dct: date | None, narrative: Narrative) -> TimeValue | None:
    if p.month is None:
        if p.year is None:
            return None
        return era_year_value(p.year, p.era, p.mod)
    year, anchor = _year_of(p, dct, narrative)
    if year is None:  # unanchored: keep what the text says, mark the year unknown
        value = f"XXXX-{p.month:02d}" + (f"-{p.day:02d}" if p.day else "")
        granularity = Granularity.DAY if p.day else Granularity.MONTH
        return TimeValue(value=value, granularity=granularity, mod=p.mod, anchor=anchor)
    if p.day is None:
        return month_value(year, p.month, p.mod, anchor)
    day = valid_date(year, p.month, p.day)
    if day is None:
        return None
    if p.hour is not None:  # a clock time printed beside the date
        return time_value(day, p.hour, p.minute, None, anchor)
    return day_value(day, p.mod, anchor)


def _solar_year(p: Partial, dct: date | None, narrative: Narrative) -> tuple[int | None, str]:
    """The Solar Hijri year of a solar month, and what it was resolved against."""
    if p.year is not None:
        if p.era == "kurdish":
            return p.year - KURDISH_ERA_OFFSET, "absolute"
        return (p.year if p.era == "solar_hijri" else solar_hijri_year(p.year)), "absolute"
    if p.year_offset is None and p.month_direction is None and narrative.year is not None:
        return solar_year_of_month(narrative.year, p.month), "narrative"
    if dct is None:
        return None, "dct"
    current = solar_year_of_day(dct)  # the solar year the DCT is in, not the DCT's Gregorian year
    if p.year_offset is not None:
        return current + p.year_offset, "dct"
    first = solar_month_interval(current, p.month)[0]
    if p.month_direction is not None and p.month_direction < 0 and first > dct:
        return current - 1, "dct"
    if p.month_direction is not None and p.month_direction > 0 and first <= dct:
        return current + 1, "dct"
    return current, "dct"


def _solar(p: Partial, dct: date | None, narrative: Narrative) -> TimeValue | None:
    sh_year, anchor = _solar_year(p, dct, narrative)
    if sh_year is None:
        return _unresolved(anchor, None, p.mod)
    if p.day is not None:
        day = solar_to_gregorian(sh_year, p.month, p.day)
        return day_value(day, p.mod, anchor) if day else None
    first, last = solar_month_interval(sh_year, p.month)
    # TIMEX3 has no solar months: the value names the Gregorian month holding most of its days,
    # while start/end keep the exact interval for the timeline
    middle = first + (last - first) / 2
    return TimeValue(
        value=f"{middle.year:04d}-{middle.month:02d}", granularity=Granularity.MONTH, start=first, end=last,
        mod=p.mod, anchor=anchor,
    )
