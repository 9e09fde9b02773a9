"""The temporal tagger's lexicon: language tables turned into lookups and regex fragments.

Reads the tables of `kg/lang/<code>/` (months, weekdays, numerals, temporal_units,
temporal_cues, relative, modifiers, eras, day_parts, temporal_periods, clitics) once per
language. Nothing here knows a
word of any language; the tables do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg import lang as lang_data
from kg.text import clitic_pattern


@dataclass(frozen=True, slots=True)
class MonthForm:
    month: int
    calendar: str  # gregorian | kurdish_solar
    needs_cue: bool


@dataclass(frozen=True, slots=True)
class RelativeWord:
    form: str
    kind: str  # deictic | present | past | direction | this | same | ago | later | set | vague
    unit: str | None
    offset: int
    suffixes: str  # "*" (any clitic chain), "-" (none) or "a|b" (only these endings)
    part: str | None = None  # TIMEX3 part of day the word states (ئەمشەو → NI)


@dataclass(frozen=True, slots=True)
class DayPart:
    part: str | None  # MO | MI | AF | EV | NI, or None for a bare AM/PM marker
    pm: bool | None  # whether a clock hour 1-11 before it is after noon; None: no say


@dataclass(frozen=True)
class Lexicon:
    """Lookups keyed by whitespace-collapsed normalised form."""

    months: dict[str, MonthForm]
    weekdays: dict[str, int]
    numerals: dict[str, str]  # form -> "3", or "X" for a vague quantity
    units: dict[str, str]
    cues: dict[str, tuple[str, ...]]  # role -> forms (a form may have several roles: و)
    relatives: dict[str, RelativeWord]
    modifiers: dict[str, str]  # form -> TIMEX3 mod
    clitic_chain: str  # regex fragment, no capturing groups, may match ""
    eras: dict[str, str]  # form -> calendar of a year written before it
    day_parts: dict[str, DayPart]
    periods: dict[str, str]  # form -> TIMEX3 part-of-year suffix (H1, Q3, SU)
    plural_clitics: tuple[str, ...]  # clitic forms that make a noun plural (ان, ەکان …)

    def forms(self, table: dict, **where: str) -> list[str]:
        """Keys of `table` whose value has all attributes in `where` (or equals it, for str values)."""
        return [k for k, v in table.items() if all(_attr(v, a) == want for a, want in where.items())]

    def cue_forms(self, role: str) -> list[str]:
        """The cue words that play `role` (temporal_cues.tsv)."""
        return list(self.cues.get(role, ()))

    def is_plural(self, chain: str) -> bool:
        """Whether a clitic chain glued to a noun starts with a plural suffix (ڕۆژ+انی, مانگ+ەکانی)."""
        return any(chain.startswith(form) for form in self.plural_clitics)

    def number(self, text: str) -> int | None:
        """The value of a (compound) numeral written in words: بیست و پێنج → 25; None if vague."""
        words = [w for w in collapse(text).split() if w not in self.cue_forms("number_joiner")]
        total = current = 0
        for word in words:
            value = self.numerals.get(word)
            if value is None or value == "X":
                return None
            value = int(value)
            if value in (100, 1000):  # multipliers: دوو سەد, سێ هەزار
                current = max(current, 1) * value
                if value == 1000:
                    total, current = total + current, 0
            else:
                current += value
        return total + current

    def ordinal(self, text: str) -> int | None:
        """The value of an ordinal word: بیستەم → 20, سێیەم → 3, بیست و یەکەم → 21."""
        text = collapse(text)
        for suffix in sorted(self.cue_forms("ordinal_suffix"), key=len, reverse=True):
            if text.endswith(suffix) and (value := self.number(text[: -len(suffix)])) is not None:
                return value
        return None

    def relative_of(self, matched: str) -> RelativeWord | None:
        """The relative word that `matched` (form + allowed ending) starts with, longest first."""
        matched = collapse(matched)
        for form in sorted(self.relatives, key=len, reverse=True):
            if matched.startswith(form):
                return self.relatives[form]
        return None


def _attr(value, name: str):
    return value if isinstance(value, str) else getattr(value, name)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space, so multi-word forms can be looked up."""
    return " ".join(text.split())


def alternation(forms: list[str]) -> str:
    """A non-capturing regex alternation of `forms`, longest first, any whitespace between words."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in ordered) + ")"


@functools.cache
def load_lexicon(code: str) -> Lexicon:
    """The lexicon of language `code`, read once and cached."""
    data = lang_data.load(code)

    def table(name: str) -> list[dict[str, str]]:
        return data.table(name) if data.has(name) else []

    return Lexicon(
        months={
            collapse(r["form"]): MonthForm(int(r["month"]), r["calendar"], r["needs_cue"] == "yes")
            for r in table("months.tsv")
        },
        weekdays={collapse(r["form"]): int(r["iso_weekday"]) for r in table("weekdays.tsv")},
        numerals={collapse(r["form"]): r["value"] for r in table("numerals.tsv")},
        units={collapse(r["form"]): r["unit"] for r in table("temporal_units.tsv")},
        cues=_by_role(table("temporal_cues.tsv")),
        relatives={
            collapse(r["form"]): RelativeWord(
                collapse(r["form"]),
                r["kind"],
                None if r["unit"] in ("", "-") else r["unit"],
                int(r["offset"] or 0),
                r["suffixes"] or "*",
                r.get("part") or None,
            )
            for r in table("relative.tsv")
        },
        modifiers={collapse(r["form"]): r["mod"] for r in table("modifiers.tsv")},
        clitic_chain=clitic_pattern(code),
        eras={collapse(r["form"]): r["calendar"] for r in table("eras.tsv")},
        day_parts={
            collapse(r["form"]): DayPart(None if r["part"] in ("", "-") else r["part"], _yes_no(r["pm"]))
            for r in table("day_parts.tsv")
        },
        periods={collapse(r["form"]): r["period"] for r in table("temporal_periods.tsv")},
        plural_clitics=tuple(
            sorted({r["form"] for r in table("clitics.tsv") if r["function"] in _PLURAL_FUNCTIONS}, key=len, reverse=True)
        ),
    )


_PLURAL_FUNCTIONS = {"plural", "definite_plural"}


def _by_role(rows: list[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for row in rows:
        roles.setdefault(row["role"], []).append(collapse(row["form"]))
    return {role: tuple(forms) for role, forms in roles.items()}


def _yes_no(cell: str) -> bool | None:
    return {"yes": True, "no": False}.get(cell)
