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

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kg.extract.temporal_gate import finditer_at, word_gate
from kg.extract.temporal_interpret import interpret
from kg.extract.temporal_lexicon import collapse, load_lexicon
from kg.extract.temporal_partial import Partial
from kg.extract.temporal_resolve import Narrative, resolve
from kg.extract.temporal_rules import compile_rules
from kg.model import Document, Granularity, Timex
from kg.text import NormalizedText, normalize, word_runs

__all__ = ["extract_timexes", "infer_dct"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # in the normalised text
    end: int
    rule: str
    partial: Partial


def extract_timexes(doc: Document, norm: NormalizedText, lang: str = "ckb") -> tuple[Timex, ...]:
    """The time expressions of `doc`, sorted by start, non-overlapping, spans in the original text.

    `norm` is ``kg.text.normalize(doc.text)``. Relative expressions are resolved against
    ``doc.dct``; without one they get ``value=None`` rather than a guessed date.
    """
    timexes, narrative = [], Narrative()
    for cand in _select_longest(_candidates(norm.text, lang)):
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


def _candidates(text: str, lang: str) -> list[_Candidate]:
    lex = load_lexicon(lang)
    rules, gates = compile_rules(lang), _gates(lang)
    starts = _gated_starts(text, lang)
    found = []
    for index, rule in enumerate(rules):
        gated = gates[index] is not None
        matches = finditer_at(rule.pattern, text, starts[index]) if gated else rule.pattern.finditer(text)
        group = "t" if "t" in rule.pattern.groupindex else 0
        for match in matches:
            partial = interpret(rule.name, match, lex)
            if partial is None:
                continue
            start, end = match.span(group)
            found.append(_Candidate(start, _trim_right(text, start, end), rule.name, partial))
    return found


@functools.cache
def _gates(lang: str) -> tuple[re.Pattern[str] | None, ...]:
    return tuple(word_gate(rule.pattern) for rule in compile_rules(lang))


def _gated_starts(text: str, lang: str) -> list[list[int]]:
    """Per rule, the word starts where its gate lets it try (one pass over the words)."""
    rules_at = _rules_starting(lang)
    starts: list[list[int]] = [[] for _ in compile_rules(lang)]
    word_starts, words = word_runs(text)  # a gated rule can only start at a word
    rules = list(map(rules_at, words))  # C-level loops: most words start no rule (an empty tuple)
    for start, indices in itertools.compress(zip(word_starts, rules), rules):
        for index in indices:
            starts[index].append(start)
    return starts


@functools.cache
def _rules_starting(lang: str) -> Callable[[str], tuple[int, ...]]:
    """word → indices of the gated rules that may start at it (cached: news words repeat)."""
    gates = _gates(lang)

    @functools.lru_cache(maxsize=1 << 16)
    def rules_at(word: str) -> tuple[int, ...]:
        return tuple(i for i, gate in enumerate(gates) if gate is not None and gate.match(word))

    return rules_at


def _trim_right(text: str, start: int, end: int) -> int:
    # a lookahead-free pattern may end on whitespace it consumed; spans never do
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _select_longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins; ties go to the earlier start, then to the earlier rule."""
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= kept.start or kept.end <= cand.start for kept in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)
