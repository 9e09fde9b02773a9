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
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kg.extract.actor_spans import DisjointSpans
from kg.extract.temporal_gate import PairGate, finditer_at, pair_gate, word_gate
from kg.extract.temporal_interpret import interpret
from kg.extract.temporal_lexicon import collapse, load_lexicon
from kg.extract.temporal_partial import Partial
from kg.extract.temporal_resolve import Narrative, resolve
from kg.extract.temporal_rules import compile_rules
from kg.model import Document, Granularity, Timex
from kg.text import NormalizedText, normalize

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
    for cand in _selected_candidates(norm, lang):
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


# The last document's selected candidates, with the NormalizedText object they were read from:
# a document without a date is tagged twice (before and after its date is inferred from the
# first tagging, kg.pipeline), and rule matching does not depend on the date. Keyed on object
# identity, never on text: another document with the same text is matched afresh.
_last_selected: tuple[NormalizedText, str, tuple[_Candidate, ...]] | None = None


def _selected_candidates(norm: NormalizedText, lang: str) -> tuple[_Candidate, ...]:
    global _last_selected
    last = _last_selected  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is norm and last[1] == lang:
        return last[2]
    selected = tuple(_select_longest(_candidates(norm.text, lang)))
    _last_selected = (norm, lang, selected)
    return selected


def _candidates(text: str, lang: str) -> list[_Candidate]:
    lex = load_lexicon(lang)
    rules, gates = compile_rules(lang), _gates(lang).words
    starts = _gated_starts(text, lang)
    found = []
    for index, rule in enumerate(rules):
        gated = gates[index] is not None
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


@dataclass(frozen=True)
class _Gates:
    """Per rule, where it may start (see temporal_gate); None where a rule has no such gate."""

    words: tuple[re.Pattern[str] | None, ...]  # word_gate: the word a match starts with
    pairs: tuple[PairGate | None, ...]  # pair_gate: that word with the next one
    following: tuple[re.Pattern[str], ...]  # the distinct next-word heads; bit i stands for following[i]
    heads: tuple[tuple[tuple[re.Pattern[str], int], ...], ...]  # per rule, (pair head, bits it needs next)


@functools.cache
def _gates(lang: str) -> _Gates:
    rules = compile_rules(lang)
    pairs = tuple(pair_gate(rule.pattern) for rule in rules)
    bit_of: dict[str, int] = {}
    for gate in filter(None, pairs):
        for _, following in gate.pairs:
            bit_of.setdefault(following, 1 << len(bit_of))
    heads = tuple(
        tuple((head, bit_of[following]) for head, following in gate.pairs) if gate else () for gate in pairs
    )
    return _Gates(
        tuple(word_gate(rule.pattern) for rule in rules), pairs, tuple(map(re.compile, bit_of)), heads
    )


@dataclass(frozen=True, slots=True)
class _WordRules:
    """The rules that may start at one word: `always`, and `paired` ones if the next word fits."""

    always: tuple[int, ...]
    paired: tuple[tuple[int, int], ...]  # (rule index, next-word bits of which one must be set)
    any_paired: int  # the union of those bits


@dataclass(frozen=True, slots=True)
class _RunRules:
    """The rules that may start at a word run `offset` characters into a white-space token."""

    offset: int
    rules: _WordRules


_WORD_RUN = re.compile(r"\w+")


def _gated_starts(text: str, lang: str) -> list[list[int]]:
    """Per rule, the word starts where its gates let it try.

    The text is read as white-space tokens (str.split: C-level, a few hundred strings, far
    cheaper than splitting out every word run), each looked up in a memo; only the few tokens
    where some rule may start are located in the text and looked at more closely.
    """
    token_rules, following_bits = _token_rules(lang), _following_bits(lang)
    starts: list[list[int]] = [[] for _ in compile_rules(lang)]
    tokens = text.split()
    entries = list(map(token_rules, tokens))  # C-level loop: most tokens start no rule (None)
    last, position = len(tokens) - 1, 0
    for k in itertools.compress(range(len(tokens)), entries):
        position = _token_start(text, tokens[k], position)
        for run in entries[k]:
            start, entry = position + run.offset, run.rules
            for index in entry.always:
                starts[index].append(start)
            if entry.any_paired and k < last:  # لە, دوو, …: only a few rules' next words follow
                following = following_bits(tokens[k + 1])
                if following & entry.any_paired:
                    for index, needed in entry.paired:
                        if following & needed:
                            starts[index].append(start)
        position += len(tokens[k])
    return starts


def _token_start(text: str, token: str, position: int) -> int:
    """Where the first whole white-space token `token` at or after `position` starts.

    An earlier whole occurrence would be an earlier token with the same text, which the
    caller (going through the tokens with rules in order) has already passed.
    """
    end = len(text)
    while True:
        found = text.find(token, position)
        after = found + len(token)
        if (found == 0 or text[found - 1].isspace()) and (after == end or text[after].isspace()):
            return found
        position = found + 1


class _WordMemo(dict):
    """Memo of a pure per-word function (news words repeat), called as ``memo[word]``.

    A plain dict: the recency list of functools.lru_cache costs more than the lookup itself
    when the other extractors have pushed it out of the CPU caches. Emptied when full.
    """

    def __init__(self, function: Callable[[str], object], limit: int = 1 << 16) -> None:
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, word: str):
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.function(word)
        return value


@functools.cache
def _token_rules(lang: str) -> Callable[[str], tuple[_RunRules, ...] | None]:
    """white-space token → the rules that may start at each of its word runs (None: no rule)."""
    rules_at = _rules_starting(lang)

    def token_rules(token: str) -> tuple[_RunRules, ...] | None:
        found = []
        for run in _WORD_RUN.finditer(token):
            entry = rules_at(run.group())
            if entry is not None and run.end() < len(token) and entry.paired:
                # a non-space character follows inside the token: no next word after white space
                entry = _WordRules(entry.always, (), 0) if entry.always else None
            if entry is not None:
                found.append(_RunRules(run.start(), entry))
        return tuple(found) or None

    return _WordMemo(token_rules).__getitem__


@functools.cache
def _rules_starting(lang: str) -> Callable[[str], _WordRules | None]:
    """word → the rules that may start at it."""
    gates = _gates(lang)

    def rules_at(word: str) -> _WordRules | None:
        always, paired = [], []
        for index, gate in enumerate(gates.words):
            if gate is None or not gate.match(word):
                continue
            pairs = gates.pairs[index]
            if pairs is None or (pairs.single is not None and pairs.single.match(word)):
                always.append(index)
            elif needed := sum({bits for head, bits in gates.heads[index] if head.match(word)}):
                paired.append((index, needed))
        if not (always or paired):
            return None
        return _WordRules(tuple(always), tuple(paired), functools.reduce(operator.or_, (b for _, b in paired), 0))

    return _WordMemo(rules_at).__getitem__


@functools.cache
def _following_bits(lang: str) -> Callable[[str], int]:
    """white-space token → the bits of the next-word heads its first word run starts with."""
    following = _gates(lang).following

    def bits(token: str) -> int:
        run = _WORD_RUN.match(token)  # a token that starts with a non-word character: no next word
        return sum(1 << i for i, head in enumerate(following) if head.match(run.group())) if run else 0

    return _WordMemo(bits).__getitem__


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
