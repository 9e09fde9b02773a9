"""Where a temporal rule can match: a cheap necessary condition, so most regex calls are skipped.

Running every rule with `finditer` over the whole text costs a regex match attempt at every
character for every rule (Python's `re` cannot skip ahead: each pattern starts with a
lookbehind), which made tagging the slowest step of extraction. But every rule begins at a word:
its first characters come from the lexicon (a preposition, a month, a digit …). `word_gate` reads
those beginnings off the parsed pattern, cut at the first non-word character, and compiles them
into a small regex: a match can start only at a word the gate matches. `finditer_at` then tries
the full pattern only there and yields exactly what `finditer` would.

The analysis is conservative: anything it does not understand ends a beginning, and a rule
with an empty beginning gets no gate (it runs with plain `finditer`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from re import _constants as sre  # the parser of the stdlib `re` itself, so the analysis reads
from re import _parser as sre_parse  # the pattern exactly as the matcher does

_LIMIT = 4096  # most beginnings kept per pattern part; beyond it they are cut shorter (still sound)
_WORD_CHAR = re.compile(r"\w")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)

# A beginning is a tuple of tokens, each (regex for one character, whether it is a word char),
# paired with whether it is complete (the whole part matched: what follows may be appended).
Token = tuple[str, bool]
Beginnings = set[tuple[tuple[Token, ...], bool]]
_EMPTY: Beginnings = {((), True)}
_UNKNOWN: Beginnings = {((), False)}


def word_gate(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A regex that matches the start of the first word of every match of `pattern`, or None.

    None means no such gate was found: the pattern may match at a non-word character.
    """
    if pattern.flags & (re.ASCII | re.LOCALE):
        return None  # \w would differ from the one used to find words
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    heads = set()
    for tokens, _ in _sequence(parsed.data, bool(parsed.state.flags & re.IGNORECASE)):
        head = _word_head(tokens)
        if not head:
            return None
        heads.add(head)
    return re.compile(_prefix_trie(heads))


@functools.lru_cache(maxsize=256)  # both gates read the same rules, once per process
def _parsed(pattern: re.Pattern[str]):
    try:
        return sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a private parser may change: no gate, same results
        return None


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only `starts` (ascending).

    Exact when every match of `pattern` in `text` starts at one of `starts` and no match is
    empty: finditer takes the leftmost match, then searches on from its end.
    """
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            end = match.end()
            yield match


def _word_head(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """The token regexes of the leading word characters of a beginning."""
    head = []
    for regex, is_word in tokens:
        if not is_word:
            break
        head.append(regex)
    return tuple(head)


def _prefix_trie(heads: set[tuple[str, ...]]) -> str:
    """A regex that matches at the start of a word exactly when one of `heads` does.

    Heads that begin alike share that beginning, so a match costs a step per character rather
    than a try per head (a month-and-numeral rule has thousands); a head that is a prefix of
    another makes the longer one needless (the gate only says whether some head matches).
    """
    if not heads or () in heads:
        return ""  # an empty head: every word passes
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for head in heads:
        by_first.setdefault(head[0], set()).add(head[1:])
    branches = [first + _prefix_trie(rests) for first, rests in sorted(by_first.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _sequence(items, icase: bool, across_space: bool = False) -> Beginnings:
    current = _EMPTY
    for op, av in items:
        part = _element(op, av, icase, across_space)
        extended = {(b, False) for b, complete in current if not complete}
        if across_space:  # only a part with a non-word token can end the next word (see _settle)
            ends = {p for p, _ in part if not all(is_word for _, is_word in p)}
            extended |= {
                _settle(b + p, done) if p in ends else (b + p, done)
                for b, complete in current if complete for p, done in part
            }
        else:
            extended |= {(b + p, done) for b, complete in current if complete for p, done in part}
        if len(extended) > _LIMIT:
            return {(b, False) for b, _ in current}
        current = extended
    return current


def _element(op, av, icase: bool, across_space: bool) -> Beginnings:
    if op is sre.LITERAL:
        return {((_token(av, icase),), True)}
    if op is sre.IN:
        return _char_class(av, icase)
    if op is sre.BRANCH:
        branches = set().union(*(_sequence(branch, icase, across_space) for branch in av[1]))
        if across_space and _word_chars_only(branches):  # 41 numerals: one token, not 41 beginnings
            return {(((_one_of(branches), True),), True)}
        return branches
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        icase = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(sub, icase, across_space)
    if op in _REPEATS:
        return _repeat(av, icase, across_space)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, icase, across_space)
    if across_space and op is sre.ASSERT_NOT and _is_not_word_ahead(av):
        return {((_WORD_END,), True)}
    if op in _ZERO_WIDTH:
        return _EMPTY  # an assertion only narrows where a match is: ignoring it is sound
    return _UNKNOWN


def _repeat(av, icase: bool, across_space: bool) -> Beginnings:
    low, high, sub = av
    if across_space and low >= 1 and _is_space_class(sub):
        return {((_SPACE_RUN,), True)}
    inner = _sequence(sub, icase, across_space)
    if across_space and high == 1:  # an optional part: there or not, each exactly
        return inner | _EMPTY if low == 0 else inner
    if across_space and _word_chars_only(inner):  # \d{4}, a clitic chain: one token, exactly
        return {(((_repeat_token(inner, low, high), True),), True)}
    once = {(b, False) for b, _ in inner}  # one or more: cut after the first
    return once | _EMPTY if low == 0 else once


def _char_class(items, icase: bool) -> Beginnings:
    tokens = set()
    for op, av in items:
        if op is sre.LITERAL:
            tokens.add(_token(av, icase))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            tokens.add((r"\d", True))
        else:
            return _UNKNOWN
    return {((token,), True) for token in tokens}


def _token(code: int, icase: bool) -> Token:
    char = chr(code)
    regex = re.escape(char)
    if icase and char.lower() != char.upper():
        regex = f"(?i:{regex})"  # the gate then folds case exactly as the pattern does
    return regex, bool(_WORD_CHAR.match(char))


# --------------------------------------------------------------------------- two-word gates
#
# `word_gate` stops at the first non-word character, so a rule that starts with a frequent word
# (a preposition, a number, a part of the day) is tried at every such word although it also needs
# a particular next word (لە + a year, دوو + a unit). `pair_gate` reads the beginnings on across
# one run of white space: a beginning "head1, white space, head2" can match only where head1 is
# the whole word (white space ends a \w run) and the next word starts with head2. The analysis is
# separate from `word_gate` (which is kept and checked first) because following white space
# multiplies the beginnings: when that hits the limit, the pair gate is weaker, never wrong.

_SPACE_RUN: Token = (r"\s+", False)  # one or more white-space characters (consumed whole)
_WORD_END: Token = (r"(?!\w)", False)  # a lookahead that no word character follows


@dataclass(frozen=True)
class PairGate:
    """Where a rule may start, given a word and the word after it.

    `single` matches (with `match`) a word the rule may start at whatever follows; each of
    `pairs` is (head, following): the rule may start at a word `head` matches when the next
    word starts with a match of the regex source `following`. A head that a non-word
    character follows in the pattern ends in \\Z: it must be the whole word.
    """

    single: re.Pattern[str] | None
    pairs: tuple[tuple[re.Pattern[str], str], ...]


def pair_gate(pattern: re.Pattern[str]) -> PairGate | None:
    """The two-word gate of `pattern`, or None when some beginning has no leading word."""
    if pattern.flags & (re.ASCII | re.LOCALE):
        return None
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    singles: set[_Head] = set()
    following: dict[_Head, set[_Head]] = {}  # head → heads of the next word it may go with
    for tokens, _ in _sequence(parsed.data, bool(parsed.state.flags & re.IGNORECASE), across_space=True):
        head = _leading_word(tokens)
        if not head[0]:
            return None
        after = _skip_word_ends(tokens[len(head[0]) :])
        second = _leading_word(after[1:]) if after[:1] == (_SPACE_RUN,) else ((), False)
        if second[0]:
            following.setdefault(head, set()).add(second)
        else:
            singles.add(head)
    by_following: dict[frozenset[_Head], list[_Head]] = {}  # heads grouped by what may follow them
    for head, seconds in following.items():
        by_following.setdefault(frozenset(seconds), []).append(head)
    pairs = tuple((re.compile(_heads_regex(heads)), _heads_regex(seconds)) for seconds, heads in by_following.items())
    return PairGate(re.compile(_heads_regex(singles)) if singles else None, pairs)


# The leading word of a beginning: its token regexes, and whether a non-word character follows
# in the pattern (then the \w run ends with it; a beginning that stops short says nothing after).
_Head = tuple[tuple[str, ...], bool]


def _leading_word(tokens: tuple[Token, ...]) -> _Head:
    for i, (_, is_word) in enumerate(tokens):
        if not is_word:
            return tuple(regex for regex, _ in tokens[:i]), True
    return tuple(regex for regex, _ in tokens), False


def _heads_regex(heads) -> str:
    """One regex (for `match` on a \\w run) for `heads`; heads that end alike (a clitic chain,
    mostly) share that end, which keeps the alternation, and its compiling, small."""
    by_end: dict[tuple[str, bool], set[str]] = {}
    for tokens, whole in heads:
        by_end.setdefault((tokens[-1], whole), set()).add("".join(tokens[:-1]))
    return _alternation(
        (_alternation(starts) if starts != {""} else "") + last + (r"\Z" if whole else "")
        for (last, whole), starts in by_end.items()
    )


def _skip_word_ends(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    while tokens[:1] == (_WORD_END,):
        tokens = tokens[1:]
    return tokens


def _alternation(regexes) -> str:
    return "(?:" + "|".join(sorted(regexes, key=lambda r: (-len(r), r))) + ")"


def _word_chars_only(beginnings: Beginnings) -> bool:
    """Whether every match of the part is word characters (all its beginnings complete, all word)."""
    return all(complete and all(is_word for _, is_word in b) for b, complete in beginnings)


def _is_space_class(items) -> bool:
    return len(items) == 1 and items[0] == (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])


def _settle(tokens: tuple[Token, ...], complete: bool) -> tuple[tuple[Token, ...], bool]:
    """Cut a beginning after the next word and the token that ends it: nothing later is used."""
    if _SPACE_RUN not in tokens:
        return tokens, complete
    after = tokens.index(_SPACE_RUN) + 1
    for i in range(after, len(tokens)):
        if not tokens[i][1]:
            return tokens[: i + 1], False
    return tokens, complete


def _one_of(inner: Beginnings) -> str:
    """One regex for a part whose every match `inner` lists (complete beginnings)."""
    return _alternation("".join(regex for regex, _ in b) for b, _ in inner)


def _repeat_token(inner: Beginnings, low: int, high: int) -> str:
    """One regex for a repeat of a part whose every match `inner` lists (word characters only)."""
    bounds = f"{{{low},}}" if high == sre.MAXREPEAT else f"{{{low},{high}}}"
    return _one_of(inner) + bounds


def _is_not_word_ahead(av) -> bool:
    """Whether a negative lookaround is (?!\\w) or (?![\\w…]): no word character follows."""
    direction, items = av
    return (
        direction == 1
        and len(items) == 1
        and items[0][0] is sre.IN
        and (sre.CATEGORY, sre.CATEGORY_WORD) in items[0][1]
        and not any(op is sre.NEGATE for op, _ in items[0][1])
    )
