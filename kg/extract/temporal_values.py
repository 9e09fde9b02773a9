"""TimeValue constructors: a value string plus the calendar interval it covers.

Every resolved expression ends here, so the TIMEX3 value formats (2020, 2020-06,
2020-W34, 2020-H1, 198X, 19XX, 2021-07-26TEV, 2021-07-26T15:00) are written in one place.
"""

from __future__ import annotations

from datetime import date

from kg.extract.temporal_calendar import (
    hijri_year_interval,
    majority_year,
    month_interval,
    solar_hijri_year,
    solar_year_interval,
)
from kg.model import Granularity, TimeValue

# first and last month of each part of a year; a winter runs into the next year
_PERIOD_MONTHS = {
    "H1": (1, 6), "H2": (7, 12), "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14),
}
_MIN_YEAR, _MAX_YEAR = 1, 9998


def year_value(year: int, mod: str | None, anchor: str) -> TimeValue | None:
    """A Gregorian year."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return TimeValue(
        value=f"{year:04d}", granularity=Granularity.YEAR, start=date(year, 1, 1), end=date(year, 12, 31),
        mod=mod, anchor=anchor,
    )


def era_year_value(year: int, era: str, mod: str | None) -> TimeValue | None:
    """A year of another era (ساڵی ١٤٠١ی هەتاوی): the exact interval, valued by its main Gregorian year."""
    if era == "gregorian":
        return year_value(year, mod, "absolute")
    if era == "hijri":
        first, last = hijri_year_interval(year)
    else:
        sh_year = year if era == "solar_hijri" else solar_hijri_year(year)
        if sh_year is None:
            return None
        first, last = solar_year_interval(sh_year)
    # TIMEX3 has no other calendars: the value is the Gregorian year holding most of its days
    return TimeValue(
        value=f"{majority_year(first, last):04d}", granularity=Granularity.YEAR, start=first, end=last,
        mod=mod, anchor="absolute",
    )


def month_value(year: int, month: int, mod: str | None, anchor: str) -> TimeValue | None:
    """A Gregorian month."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    first, last = month_interval(year, month)
    return TimeValue(
        value=f"{year:04d}-{month:02d}", granularity=Granularity.MONTH, start=first, end=last, mod=mod, anchor=anchor
    )


def day_value(day: date, mod: str | None, anchor: str) -> TimeValue:
    """A calendar day."""
    return TimeValue(value=day.isoformat(), granularity=Granularity.DAY, start=day, end=day, mod=mod, anchor=anchor)


def time_value(day: date, hour: int | None, minute: int, part: str | None, anchor: str) -> TimeValue:
    """A clock time (2021-07-26T15:00) or a part of a day (2021-07-26TEV) on `day`."""
    suffix = f"T{hour:02d}:{minute:02d}" if hour is not None else f"T{part}"
    return TimeValue(value=day.isoformat() + suffix, granularity=Granularity.TIME, start=day, end=day, anchor=anchor)


def period_value(year: int, period: str, mod: str | None, anchor: str) -> TimeValue | None:
    """A half, quarter or season of a year: 2020-H1, 2020-Q3, 2014-SU."""
    if not _MIN_YEAR <= year < _MAX_YEAR:
        return None
    first_month, last_month = _PERIOD_MONTHS[period]
    start = date(year, first_month, 1)
    end = month_interval(year + (last_month - 1) // 12, (last_month - 1) % 12 + 1)[1]
    granularity = Granularity.HALF if period[0] == "H" else Granularity.QUARTER if period[0] == "Q" else Granularity.SEASON
    return TimeValue(value=f"{year:04d}-{period}", granularity=granularity, start=start, end=end, mod=mod, anchor=anchor)


def decade_value(decade: int, mod: str | None, anchor: str) -> TimeValue | None:
    """A decade: 198 → 198X (1980-1989)."""
    if not 1 <= decade <= 999:
        return None
    return TimeValue(
        value=f"{decade:03d}X", granularity=Granularity.DECADE, start=date(decade * 10, 1, 1),
        end=date(decade * 10 + 9, 12, 31), mod=mod, anchor=anchor,
    )


def century_value(century: int, mod: str | None, anchor: str) -> TimeValue | None:
    """A century as the hundreds of its years: 19 → 19XX (1900-1999)."""
    if not 1 <= century <= 99:
        return None
    return TimeValue(
        value=f"{century:02d}XX", granularity=Granularity.CENTURY, start=date(century * 100, 1, 1),
        end=date(century * 100 + 99, 12, 31), mod=mod, anchor=anchor,
    )
