"""The temporal tagger's lexicon: language tables turned into lookups and regex fragments.

Reads the tables of `kg/lang/<code>/` (months, weekdays, numerals, temporal_units,
temporal_cues, relative, modifiers, clitics) once per language. Nothing here knows a
word of any language; the tables do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg import lang as lang_data


@dataclass(frozen=True, slots=True)
class MonthForm:
    month: int
    calendar: str  # gregorian | kurdish_solar
    needs_cue: bool


@dataclass(frozen=True, slots=True)
class RelativeWord:
    form: str
    kind: str  # deictic | present | direction | this | same | ago
    unit: str | None
    offset: int
    suffixes: str  # "*" (any clitic chain), "-" (none) or "a|b" (only these endings)


@dataclass(frozen=True)
class Lexicon:
    """Lookups keyed by whitespace-collapsed normalised form."""

    months: dict[str, MonthForm]
    weekdays: dict[str, int]
    numerals: dict[str, str]  # form -> "3", or "X" for a vague quantity
    units: dict[str, str]
    cues: dict[str, str]  # form -> role
    relatives: dict[str, RelativeWord]
    modifiers: dict[str, str]  # form -> TIMEX3 mod
    clitic_chain: str  # regex fragment, no capturing groups, may match ""

    def forms(self, table: dict, **where: str) -> list[str]:
        """Keys of `table` whose value has all attributes in `where` (or equals it, for str values)."""
        return [k for k, v in table.items() if all(_attr(v, a) == want for a, want in where.items())]

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


def _clitic_chain(code: str) -> str:
    # kg.text.clitic_pattern is the shared source once it lands; until then build the same
    # fragment here from clitics.tsv (up to three clitics, as that table's header allows).
    try:
        from kg.text import clitic_pattern
    except ImportError:
        forms = [row["form"] for row in lang_data.load(code).table("clitics.tsv")]
        return f"(?:{alternation(forms)}){{0,3}}"
    return clitic_pattern(code)


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
        cues={collapse(r["form"]): r["role"] for r in table("temporal_cues.tsv")},
        relatives={
            collapse(r["form"]): RelativeWord(
                collapse(r["form"]),
                r["kind"],
                None if r["unit"] in ("", "-") else r["unit"],
                int(r["offset"] or 0),
                r["suffixes"] or "*",
            )
            for r in table("relative.tsv")
        },
        modifiers={collapse(r["form"]): r["mod"] for r in table("modifiers.tsv")},
        clitic_chain=_clitic_chain(code),
    )
