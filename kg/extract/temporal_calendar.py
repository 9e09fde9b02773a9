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

The Hijri (lunar) calendar is the Umm al-Qura calendar of Saudi Arabia, through the
`hijridate` package (tables for 1343-1500 AH = 1924-2077 CE). Without that package the
arithmetic (tabular, "Kuwaiti") Islamic calendar is used, which may differ by a day or two
from the observed one: good enough for year and month intervals, not for exact days.
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
    """Solar Hijri year of the solar `month` whose days fall mostly in `gregorian_year`.

    Months 1-9 lie between 21 March and 21 December; month 10 (22 Dec - 20 Jan) and
    months 11-12 lie mostly in the Gregorian year after their Newroz.
    """
    return gregorian_year - 621 - (1 if month >= 10 else 0)


def solar_year_of_day(day: date) -> int:
    """The Solar Hijri year that `day` falls in (its Newroz is on or before `day`)."""
    sh_year = day.year - 621
    return sh_year if _newroz(sh_year) <= day else sh_year - 1


def solar_year_interval(sh_year: int) -> tuple[date, date]:
    """First and last Gregorian day of Solar Hijri year `sh_year`."""
    return _newroz(sh_year), _newroz(sh_year + 1) - timedelta(days=1)


def hijri_to_gregorian(h_year: int, month: int, day: int) -> date:
    """The Gregorian date of a Hijri (lunar) date: Umm al-Qura when available, else tabular."""
    try:
        from hijridate import Hijri  # optional: the observed Umm al-Qura calendar
    except ImportError:
        return _tabular_hijri(h_year, month, day)
    try:
        return date(*Hijri(h_year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):  # outside hijridate's 1343-1500 AH tables
        return _tabular_hijri(h_year, month, day)


def hijri_year_interval(h_year: int) -> tuple[date, date]:
    """First and last Gregorian day of Hijri year `h_year`."""
    return hijri_to_gregorian(h_year, 1, 1), hijri_to_gregorian(h_year + 1, 1, 1) - timedelta(days=1)


def _tabular_hijri(h_year: int, month: int, day: int) -> date:
    # the arithmetic Islamic calendar (30-year cycle, epoch 16 July 622 Julian = JDN 1948440)
    jdn = day + -(-59 * (month - 1) // 2) + (h_year - 1) * 354 + (3 + 11 * h_year) // 30 + 1948439
    return date.fromordinal(jdn - 1721425)


def majority_year(first: date, last: date) -> int:
    """The Gregorian year holding most days of [first, last] (the later one on a tie)."""
    if first.year == last.year:
        return first.year
    days_first = (date(first.year, 12, 31) - first).days + 1
    days_last = (last - date(last.year, 1, 1)).days + 1
    return first.year if days_first > days_last else last.year


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
