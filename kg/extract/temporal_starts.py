"""Where in a text each temporal rule may start: the gates of temporal_gate applied to words.

A rule with a gate can only start at a word its gate lets through (`word_gate`), and, when
its pattern goes on across white space, only if the next word fits too (`pair_gate`): most
of the ~600 words of an article start no rule, and لە (the most frequent word of Sorani news)
starts a rule only before a year. `rule_starts` returns, per rule, those word starts;
`finditer_at` then tries the rule there only.

The text is read in pieces between single spaces (str.split(" ") is C-level and makes a few
hundred strings, far fewer objects than splitting out every word run with a regex, and piece
k starts at the summed lengths of the pieces before it plus k). What a piece allows is a pure
function of the piece, memoised: news words repeat, and a piece that starts no rule costs
one dict lookup.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extract.temporal_gate import PairGate, pair_gate, word_gate
from kg.extract.temporal_rules import compile_rules
from kg.memo import WordMemo

_WORD_RUN = re.compile(r"\w+")
_SECOND = operator.itemgetter(1)
_LONGEST_KEPT = 64  # longer pieces are computed afresh, never stored
_UNKNOWN_NEXT = -1  # every bit set: the next word lies beyond this piece, so nothing is ruled out


def is_gated(lang: str) -> tuple[bool, ...]:
    """Per rule, whether it has a gate (a rule without one must be tried everywhere)."""
    return tuple(gate is not None for gate in _gates(lang).words)


def rule_starts(text: str, lang: str) -> list[list[int]]:
    """Per rule (in `compile_rules` order), the ascending word starts where it may match.

    Empty for a rule without a gate (see `is_gated`).
    """
    piece_rules, next_word_bits = _piece_rules(lang), _next_word_bits(lang)
    starts: list[list[int]] = [[] for _ in compile_rules(lang)]
    pieces = text.split(" ")
    # C-level loop, no list: most pieces start no rule (None) and are passed over by filter
    with_rules = filter(_SECOND, enumerate(map(piece_rules, pieces)))
    lengths = map(len, pieces)  # consumed as far as `counted`: pieces[:counted] are in `position`
    last, position, counted = len(pieces) - 1, 0, 0
    for k, entry in with_rules:
        for run in entry:
            rules = run.always
            if run.any_paired:  # لە, دوو, …: the rules that need a certain next word
                following = next_word_bits(pieces[k + 1]) if k < last else 0
                if following & run.any_paired:
                    rules += tuple(index for index, needed in run.paired if following & needed)
            if not rules:
                continue  # the usual fate of a لە: no need to know where it is
            if counted < k:  # each piece and the space after it
                position += sum(itertools.islice(lengths, k - counted)) + k - counted
                counted = k
            for index in rules:
                starts[index].append(position + run.offset)
    return starts


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
    return _Gates(tuple(word_gate(rule.pattern) for rule in rules), pairs, tuple(map(re.compile, bit_of)), heads)


@dataclass(frozen=True, slots=True)
class _WordRules:
    """The rules that may start at one word: `always`, and `paired` ones if the next word fits."""

    always: tuple[int, ...]
    paired: tuple[tuple[int, int], ...]  # (rule index, next-word bits of which one must be set)
    any_paired: int  # the union of those bits


@dataclass(frozen=True, slots=True)
class _RunRules:
    """`_WordRules` of the word run `offset` characters into a piece; `paired` ones need the next piece."""

    offset: int
    always: tuple[int, ...]
    paired: tuple[tuple[int, int], ...]
    any_paired: int


@functools.cache
def _piece_rules(lang: str) -> Callable[[str], tuple[_RunRules, ...] | None]:
    """piece (text between single spaces) → the rules that may start at each of its word runs."""
    rules_at, word_bits = _rules_starting(lang), _word_bits(lang)

    def piece_rules(piece: str) -> tuple[_RunRules, ...] | None:
        found = []
        for run in _WORD_RUN.finditer(piece):
            entry = rules_at(run.group())
            if entry is None:
                continue
            always, paired = entry.always, entry.paired
            after = piece[run.end() :]
            if paired and after.strip():  # the next word, if any, is in this piece: decide now
                following = _first_word_bits(after, word_bits) if after[0].isspace() else 0
                always += tuple(index for index, needed in paired if following & needed)
                paired = ()
            if always or paired:
                any_paired = functools.reduce(operator.or_, (bits for _, bits in paired), 0)
                found.append(_RunRules(run.start(), always, paired, any_paired))
        return tuple(found) or None

    return WordMemo(piece_rules, longest=_LONGEST_KEPT).__getitem__


def _first_word_bits(gap_then_word: str, word_bits: Callable[[str], int]) -> int:
    """The next-word bits of what follows white space: those of its word, 0 if a non-word
    character comes first (a pair needs only white space between its words)."""
    run = _WORD_RUN.match(gap_then_word.lstrip())
    return word_bits(run.group()) if run else 0


@functools.cache
def _next_word_bits(lang: str) -> Callable[[str], int]:
    """piece → the next-word bits of its first word (for a word that ends the piece before it)."""
    word_bits = _word_bits(lang)

    def bits(piece: str) -> int:
        if not piece.strip():
            return _UNKNOWN_NEXT  # two spaces, or a line break alone: the next word is further on
        return _first_word_bits(piece, word_bits)

    return WordMemo(bits, longest=_LONGEST_KEPT).__getitem__


@functools.cache
def _word_bits(lang: str) -> Callable[[str], int]:
    """word → the bits of the next-word heads it starts with."""
    following = _gates(lang).following
    any_head = _any_of(following)

    def bits(word: str) -> int:
        if not any_head.match(word):
            return 0  # most words: one match instead of one per head
        return sum(1 << i for i, head in enumerate(following) if head.match(word))

    return WordMemo(bits, longest=_LONGEST_KEPT).__getitem__


@functools.cache
def _rules_starting(lang: str) -> Callable[[str], _WordRules | None]:
    """word → the rules that may start at it (None for most words)."""
    gates = _gates(lang)
    any_gate = _any_of(gates.words)

    def rules_at(word: str) -> _WordRules | None:
        if not any_gate.match(word):
            return None  # most words: one match instead of one per rule
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

    return WordMemo(rules_at, longest=_LONGEST_KEPT).__getitem__


def _any_of(patterns: Iterable[re.Pattern[str] | None]) -> re.Pattern[str]:
    """One regex that matches where any of `patterns` matches (at the same position).

    The memos above hold words already seen; a word new to the process is asked of every
    gate, and most words open none: this settles them in one call.
    """
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns if p is not None) or "(?!)")
