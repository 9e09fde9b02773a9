"""`Partial`: what a matched temporal expression states, before it is resolved.

The rules (temporal_rules, temporal_interpret) produce it; temporal_resolve turns it
into a `kg.model.TimeValue` against the document date and the narrative date.
"""

from __future__ import annotations

from typing import NamedTuple


class Partial(NamedTuple):
    """The parts of a date the text states (year, month, day, shifts, references), unresolved.

    A NamedTuple rather than a frozen dataclass: as immutable, and built several times faster
    (a frozen dataclass sets each of its 25 fields through object.__setattr__); one is built
    per rule match.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "gregorian"  # calendar of the month name: gregorian | kurdish_solar | solar_hijri
    era: str = "gregorian"  # calendar the year number counts in (ساڵی ١٤٠١ی هەتاوی → solar_hijri)
    year_offset: int | None = None  # year = DCT year + offset (مانگی ئایاری ساڵی ڕابردوو)
    year_same: bool = False  # year = narrative year (ئابی هەمان ساڵ)
    year_from_dct: bool = False  # a numeric day-month: the DCT's year, never the narrative's
    month_direction: int | None = None  # last/next occurrence of `month` around the DCT
    unit: str | None = None  # DCT shifted by `offset` units, at that unit's granularity
    offset: int = 0
    later_unit: str | None = None  # narrative date shifted by `offset` of these units (سێ مانگ دواتر)
    same_unit: str | None = None  # the narrative date at this unit's granularity
    weekday: int | None = None  # ISO weekday: the nearest such day on or before the DCT
    weekday_direction: int | None = None  # -1: the one before the DCT, +1: the one after
    part: str | None = None  # TIMEX3 part of day: MO | MI | AF | EV | NI → a TIME
    hour: int | None = None  # a clock time → a TIME
    minute: int = 0
    period: str | None = None  # part of a year: H1, Q3, SU
    decade: int | None = None  # 198 → 198X
    century: int | None = None  # 19 → 19XX
    ref: str | None = None  # PRESENT_REF | PAST_REF | FUTURE_REF
    duration: str | None = None  # a TIMEX3 duration value: P3Y, PXD, PT2H
    set: str | None = None  # a TIMEX3 SET period: P1W (هەموو هەفتەیەک), P1D (ڕۆژانە)
    mod: str | None = None

    @property
    def type(self) -> str:
        """The TIMEX3 type of the expression."""
        if self.duration:
            return "DURATION"
        if self.set:
            return "SET"
        return "TIME" if self.part or self.hour is not None else "DATE"
