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

import re
from collections.abc import Iterable, Iterator
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
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a private parser may change: no gate, same results
        return None
    alternatives = set()
    for tokens, _ in _sequence(parsed.data, bool(parsed.state.flags & re.IGNORECASE)):
        head = _word_head(tokens)
        if not head:
            return None
        alternatives.add(head)
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


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


def _word_head(tokens: tuple[Token, ...]) -> str:
    """The regex of the leading word characters of a beginning."""
    head = []
    for regex, is_word in tokens:
        if not is_word:
            break
        head.append(regex)
    return "".join(head)


def _sequence(items, icase: bool) -> Beginnings:
    current = _EMPTY
    for op, av in items:
        part = _element(op, av, icase)
        extended = {(b, False) for b, complete in current if not complete}
        extended |= {(b + p, done) for b, complete in current if complete for p, done in part}
        if len(extended) > _LIMIT:
            return {(b, False) for b, _ in current}
        current = extended
    return current


def _element(op, av, icase: bool) -> Beginnings:
    if op is sre.LITERAL:
        return {((_token(av, icase),), True)}
    if op is sre.IN:
        return _char_class(av, icase)
    if op is sre.BRANCH:
        return set().union(*(_sequence(branch, icase) for branch in av[1]))
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        icase = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(sub, icase)
    if op in _REPEATS:
        low, _, sub = av
        once = {(b, False) for b, _ in _sequence(sub, icase)}  # one or more: cut after the first
        return once | _EMPTY if low == 0 else once
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, icase)
    if op in _ZERO_WIDTH:
        return _EMPTY  # an assertion only narrows where a match is: ignoring it is sound
    return _UNKNOWN


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
