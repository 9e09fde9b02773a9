"""Resolution: a rule's `Partial` plus the anchors (DCT, narrative date) → a TimeValue.

Pure functions over plain data. The narrative anchor is the year/month of the nearest
preceding resolved expression in the same document (HeidelTime's "last mentioned
date"); the caller threads it through the document in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.temporal_calendar import (
    iso_week_interval,
    month_interval,
    shift_months,
    solar_hijri_year,
    solar_month_interval,
    solar_to_gregorian,
    solar_year_of_month,
    valid_date,
)
from kg.extract.temporal_rules import Partial
from kg.model import Granularity, TimeValue


@dataclass(frozen=True, slots=True)
class Narrative:
    """The date the text last spoke of: the anchor for 'the same year', a month without a year."""

    year: int | None = None
    month: int | None = None

    def after(self, value: TimeValue | None) -> Narrative:
        """The narrative state once `value` has been read."""
        if value is None or value.start is None or value.value.endswith("_REF"):
            return self
        month = value.start.month if value.granularity >= Granularity.MONTH else None
        return Narrative(value.start.year, month)


def resolve(partial: Partial, dct: date | None, narrative: Narrative) -> TimeValue | None:
    """The TimeValue of `partial`; None when it needs an anchor the document lacks."""
    if partial.duration:
        return TimeValue(value=partial.duration, mod=partial.mod, anchor="absolute")
    if partial.ref:
        today = dct if partial.ref == "PRESENT_REF" else None  # past/future refs cover no known day
        return TimeValue(value=partial.ref, granularity=Granularity.DAY, start=today, end=today, mod=partial.mod, anchor="dct")
    if partial.unit is not None:
        return _shift_dct(partial, dct)
    if partial.weekday is not None:
        return _weekday(partial, dct)
    if partial.same_unit is not None:
        return _same(partial, narrative)
    if partial.calendar != "gregorian":
        return _solar(partial, dct, narrative)
    return _gregorian(partial, dct, narrative)


def _shift_dct(p: Partial, dct: date | None) -> TimeValue | None:
    if dct is None:
        return None
    if p.unit == "year":
        return _year_value(dct.year + p.offset, p.mod, "dct")
    if p.unit == "month":
        return _month_value(*shift_months(dct.year, dct.month, p.offset), p.mod, "dct")
    if p.unit == "week":
        value, monday, sunday = iso_week_interval(dct + timedelta(weeks=p.offset))
        return TimeValue(value=value, granularity=Granularity.WEEK, start=monday, end=sunday, mod=p.mod, anchor="dct")
    if p.unit == "day":
        return _day_value(dct + timedelta(days=p.offset), p.mod, "dct")
    return None


def _weekday(p: Partial, dct: date | None) -> TimeValue | None:
    # news reports past events: a bare weekday is the latest such day up to the publication day
    if dct is None:
        return None
    day = dct - timedelta(days=(dct.isoweekday() - p.weekday) % 7)
    if p.night:
        return TimeValue(value=f"{day.isoformat()}TNI", granularity=Granularity.TIME, start=day, end=day, anchor="dct")
    return _day_value(day, p.mod, "dct")


def _same(p: Partial, narrative: Narrative) -> TimeValue | None:
    if narrative.year is None:
        return None
    if p.same_unit == "month" and narrative.month is not None:
        return _month_value(narrative.year, narrative.month, p.mod, "narrative")
    if p.same_unit == "year":
        return _year_value(narrative.year, p.mod, "narrative")
    return None


def _year_of(p: Partial, dct: date | None, narrative: Narrative) -> tuple[int | None, str]:
    """The Gregorian year a month name refers to, and what it was resolved against."""
    if p.year is not None:
        return p.year, "absolute"
    if p.year_offset is not None:
        return (dct.year + p.year_offset, "dct") if dct else (None, "dct")
    if p.month_direction is not None:
        return _year_by_direction(p.month, p.month_direction, dct), "dct"
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
        return _year_value(p.year, p.mod, "absolute") if p.year is not None else None
    year, anchor = _year_of(p, dct, narrative)
    if year is None:  # unanchored: keep what the text says, mark the year unknown
        value = f"XXXX-{p.month:02d}" + (f"-{p.day:02d}" if p.day else "")
        granularity = Granularity.DAY if p.day else Granularity.MONTH
        return TimeValue(value=value, granularity=granularity, mod=p.mod, anchor=anchor)
    if p.day is None:
        return _month_value(year, p.month, p.mod, anchor)
    day = valid_date(year, p.month, p.day)
    return _day_value(day, p.mod, anchor) if day else None


def _solar(p: Partial, dct: date | None, narrative: Narrative) -> TimeValue | None:
    if p.year is not None:
        sh_year, anchor = solar_hijri_year(p.year), "absolute"
    else:
        year, anchor = _year_of(p, dct, narrative)
        sh_year = None if year is None else solar_year_of_month(year, p.month)
    if sh_year is None:
        return None
    if p.day is not None:
        day = solar_to_gregorian(sh_year, p.month, p.day)
        return _day_value(day, p.mod, anchor) if day else None
    first, last = solar_month_interval(sh_year, p.month)
    # TIMEX3 has no solar months: the value names the Gregorian month holding most of its days,
    # while start/end keep the exact interval for the timeline
    middle = first + (last - first) / 2
    return TimeValue(
        value=f"{middle.year:04d}-{middle.month:02d}",
        granularity=Granularity.MONTH,
        start=first,
        end=last,
        mod=p.mod,
        anchor=anchor,
    )


def _year_value(year: int, mod: str | None, anchor: str) -> TimeValue:
    return TimeValue(
        value=f"{year:04d}",
        granularity=Granularity.YEAR,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        mod=mod,
        anchor=anchor,
    )


def _month_value(year: int, month: int, mod: str | None, anchor: str) -> TimeValue:
    first, last = month_interval(year, month)
    return TimeValue(
        value=f"{year:04d}-{month:02d}", granularity=Granularity.MONTH, start=first, end=last, mod=mod, anchor=anchor
    )


def _day_value(day: date, mod: str | None, anchor: str) -> TimeValue:
    return TimeValue(value=day.isoformat(), granularity=Granularity.DAY, start=day, end=day, mod=mod, anchor=anchor)
