"""Calendar arithmetic for the temporal tagger: Gregorian intervals, ISO weeks, solar months.

Language-independent. The Kurdish solar calendar used in Kurdish media has the month
lengths of the Iranian solar (Solar Hijri) calendar and starts its year at Newroz, the
March equinox (~21 March); its era is the Solar Hijri year + 1321, which makes the
Kurdish year = Gregorian year + 700 from Newroz on (Newroz 2021 opened Kurdish 2721).

Leap years of the solar calendar follow the 33-year arithmetic rule
(``(8 * y + 29) % 33 < 8`` for Solar Hijri year y), which agrees with the astronomical
calendar for 1178–1634 SH (1799–2256 CE). Checked against published Iranian calendars:
1 Farvardin 1399 = 20 Mar 2020, 1 Farvardin 1400 = 21 Mar 2021, 30 Esfand 1403 =
20 Mar 2025 (1399 and 1403 are leap years, 1400 is not); 1 Mehr = 23 Sep, 1 Dey = 22 Dec
in common years.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

KURDISH_ERA_OFFSET = 1321  # Kurdish year - Solar Hijri year
_SOLAR_MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)
_EPOCH_SH_YEAR, _EPOCH_NEWROZ = 1400, date(2021, 3, 21)  # a known 1 Farvardin


def is_solar_leap(sh_year: int) -> bool:
    """Whether Solar Hijri year `sh_year` has a 30-day last month (33-year rule)."""
    return (8 * sh_year + 29) % 33 < 8


def _newroz(sh_year: int) -> date:
    """Gregorian date of 1 Farvardin (first day) of Solar Hijri year `sh_year`."""
    day, year = _EPOCH_NEWROZ, _EPOCH_SH_YEAR
    while year < sh_year:
        day += timedelta(days=365 + is_solar_leap(year))
        year += 1
    while year > sh_year:
        year -= 1
        day -= timedelta(days=365 + is_solar_leap(year))
    return day


def solar_month_days(sh_year: int, month: int) -> int:
    """Number of days in `month` (1-12) of Solar Hijri year `sh_year`."""
    return 30 if month == 12 and is_solar_leap(sh_year) else _SOLAR_MONTH_DAYS[month - 1]


def solar_month_interval(sh_year: int, month: int) -> tuple[date, date]:
    """First and last Gregorian day of a Solar Hijri month."""
    first = _newroz(sh_year) + timedelta(days=sum(_SOLAR_MONTH_DAYS[: month - 1]))
    return first, first + timedelta(days=solar_month_days(sh_year, month) - 1)


def solar_to_gregorian(sh_year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Solar Hijri date, or None if the day does not exist."""
    if not 1 <= month <= 12 or not 1 <= day <= solar_month_days(sh_year, month):
        return None
    return solar_month_interval(sh_year, month)[0] + timedelta(days=day - 1)


def solar_hijri_year(year: int) -> int | None:
    """The Solar Hijri year a year number written next to a solar month means, or None.

    Kurdish-era years (2600-2900, e.g. 2721) and Solar Hijri years (1300-1500, e.g. 1400,
    as Iranian Kurdish media write them) are both in use; any other number is not a year
    of this calendar.
    """
    if 2600 <= year <= 2900:
        return year - KURDISH_ERA_OFFSET
    if 1300 <= year <= 1500:
        return year
    return None


def solar_year_of_month(gregorian_year: int, month: int) -> int:
    """Solar Hijri year of the solar `month` that begins in `gregorian_year`.

    Months 1-10 start between 21 March and 22 December; months 11-12 start in
    January/February, i.e. in the Gregorian year after their Newroz.
    """
    return gregorian_year - 621 - (1 if month >= 11 else 0)


def month_interval(year: int, month: int) -> tuple[date, date]:
    """First and last day of a Gregorian month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def valid_date(year: int, month: int, day: int) -> date | None:
    """The Gregorian date, or None when it does not exist (31 April, month 13 …)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift_months(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) moved by `offset` months."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def iso_week_interval(day: date) -> tuple[str, date, date]:
    """ISO week value (2020-W34) of `day`, with its Monday and Sunday."""
    iso = day.isocalendar()
    monday = day - timedelta(days=iso.weekday - 1)
    return f"{iso.year}-W{iso.week:02d}", monday, monday + timedelta(days=6)
