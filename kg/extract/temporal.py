"""Temporal tagging: find time expressions in a document and give them TIMEX3 values.

Data flow: the normalised view of the text (kg.text.normalize) is matched against the
language's rules (temporal_rules, built from the tables in kg/lang/<code>/); overlapping
candidates are reduced to the longest, non-overlapping ones; each surviving match is
resolved in reading order against the document date and the narrative date
(temporal_resolve); spans are mapped back to the original text.

Examples
--------
>>> from datetime import date
>>> from kg.model import Document
>>> from kg.text import normalize
>>> text = "لە حوزەیرانی ٢٠١٤ دا"
>>> [t.value.value for t in extract_timexes(Document(id="x", text=text), normalize(text))]
['2014-06']
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kg.extract.actor_spans import DisjointSpans
from kg.extract.temporal_gate import finditer_at
from kg.extract.temporal_interpret import interpret
from kg.extract.temporal_lexicon import collapse, load_lexicon
from kg.extract.temporal_partial import Partial
from kg.extract.temporal_resolve import Narrative, resolve
from kg.extract.temporal_rules import compile_rules
from kg.extract.temporal_starts import is_gated, rule_starts
from kg.model import Document, Granularity, Timex
from kg.text import NormalizedText, normalize

__all__ = ["extract_timexes", "infer_dct"]


class _Candidate(NamedTuple):  # immutable, and cheaper to build than a frozen dataclass
    start: int  # in the normalised text
    end: int
    rule: str
    partial: Partial


def extract_timexes(
    doc: Document, norm: NormalizedText, lang: str = "ckb", matches: tuple[_Candidate, ...] | None = None
) -> tuple[Timex, ...]:
    """The time expressions of `doc`, sorted by start, non-overlapping, spans in the original text.

    `norm` is ``kg.text.normalize(doc.text)``. Relative expressions are resolved against
    ``doc.dct``; without one they get ``value=None`` rather than a guessed date. `matches`:
    ``match_timexes(norm, lang)`` when the caller has them (matching does not depend on the
    date, so a document tagged again once its date is inferred is matched only once).
    """
    timexes, narrative = [], Narrative()
    for cand in matches if matches is not None else match_timexes(norm, lang):
        value = resolve(cand.partial, doc.dct, narrative)
        narrative = narrative.after(value)
        span = norm.to_original(cand.start, cand.end)
        timexes.append(
            Timex(
                doc_id=doc.id,
                span=span,
                text=doc.text[span.start : span.end],
                type=cand.partial.type,
                value=value,
                rule=cand.rule,
            )
        )
    return tuple(timexes)


def infer_dct(timexes: tuple[Timex, ...] | list[Timex], lang: str = "ckb") -> date | None:
    """A publication date for a text without one: the latest explicit full-day date it mentions.

    A date printed with a weekday (a dateline: ڕۆژی دووشەممە ٢٦ - ٠٧ - ٢٠٢١) is evidence only
    when the two agree; one whose weekday contradicts it is a typo and is not used.
    """
    days = [
        t.value.start
        for t in timexes
        if t.value is not None
        and t.value.anchor == "absolute"
        and t.value.granularity is not None
        and t.value.granularity >= Granularity.DAY
        and t.value.start is not None
        and _weekday_agrees(t.text, t.value.start, lang)
    ]
    return max(days, default=None)


def _weekday_agrees(text: str, day: date, lang: str) -> bool:
    """False only when `text` names a weekday that `day` is not."""
    weekdays = load_lexicon(lang).weekdays
    normal = collapse(normalize(text, lang).text)
    named = [wd for form, wd in sorted(weekdays.items(), key=lambda i: -len(i[0])) if form in normal]
    return not named or named[0] == day.isoweekday()


def match_timexes(norm: NormalizedText, lang: str = "ckb") -> tuple[_Candidate, ...]:
    """Where the time expressions of the normalised text are and what they say, before dating."""
    return tuple(_select_longest(_candidates(norm.text, lang)))


def _candidates(text: str, lang: str) -> list[_Candidate]:
    lex = load_lexicon(lang)
    rules, gates = compile_rules(lang), is_gated(lang)
    starts = rule_starts(text, lang)
    found = []
    for index, rule in enumerate(rules):
        gated = gates[index]
        if gated and not starts[index]:
            continue  # most rules may start nowhere in a given text
        matches = finditer_at(rule.pattern, text, starts[index]) if gated else rule.pattern.finditer(text)
        group = "t" if "t" in rule.pattern.groupindex else 0
        for match in matches:
            partial = interpret(rule.name, match, lex)
            if partial is None:
                continue
            start, end = match.span(group)
            found.append(_Candidate(start, _trim_right(text, start, end), rule.name, partial))
    return found


def _trim_right(text: str, start: int, end: int) -> int:
    # a lookahead-free pattern may end on whitespace it consumed; spans never do
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _select_longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins; ties go to the earlier start, then to the earlier rule."""
    taken = DisjointSpans()  # overlap test in O(log n) (a scan of the kept ones was O(n) each)
    chosen = [cand for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)) if taken.add_if_free(cand)]
    return sorted(chosen, key=lambda c: c.start)
