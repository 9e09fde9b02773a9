"""Where a listed form can start: the words of a document, judged once per distinct word.

The actor matchers (names, demonyms) are big alternations behind a ``(?<!\\w)`` lookbehind,
which Python's `re` cannot skip ahead with: `finditer` tried them at every character of every
document. But a form always starts at a word, and which words can start one is a property
of the word alone:

  * a form of word characters only (عێراق) matches a whole word: the form, then a chain of
    up to three clitics, then the end of the word (عێراقدا);
  * a form with a space or a mark (مەسرور بارزانی, ژان-پیێر) matches where the word is
    exactly its first run of word characters.

`FormStarts` remembers that verdict per distinct word (news vocabulary is Zipfian: after a
few documents almost every word is known) and gives a document's candidate offsets with
C-level loops; `matches_at` then runs the matcher only there.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

_WORD_RUN = re.compile(r"\w+")
MAX_CLITICS = 3  # the matchers allow a chain of up to three clitics after a form
MEMO_LIMIT = 1 << 18  # distinct words remembered before the memo starts over (bounds memory)


class FormStarts:
    """The words at which one of `forms` (normalised, single-spaced) can start a match."""

    def __init__(self, forms: Iterable[str], clitic: str) -> None:
        forms = list(forms)
        if not all(_WORD_RUN.match(f) for f in forms):
            raise ValueError("every form must start with a word character")
        self._whole = frozenset(f for f in forms if _WORD_RUN.fullmatch(f))
        self._leads = frozenset(_WORD_RUN.match(f).group() for f in forms if not _WORD_RUN.fullmatch(f))
        self._chain = re.compile(f"{clitic}{{0,{MAX_CLITICS}}}")
        self._starters: set[str] = set()  # judged words a form can start at
        self._judged: set[str] = set()

    def can_start(self, word: str) -> bool:
        """Whether a form can match at the start of `word` (a whole run of word characters)."""
        if word in self._leads:
            return True
        return any(
            word[:cut] in self._whole and self._chain.fullmatch(word, cut) for cut in range(len(word), 0, -1)
        )

    def offsets(self, starts: tuple[int, ...], words: tuple[str, ...], distinct: set[str]) -> list[int]:
        """The `starts` of the `words` (a document's word runs; `distinct` = their set) a form can start at."""
        new = distinct.difference(self._judged)
        if new:
            if len(self._judged) + len(new) > MEMO_LIMIT:
                self._judged.clear()
                self._starters.clear()
                new = distinct
            self._judged |= new
            self._starters.update(filter(self.can_start, new))
        return list(itertools.compress(starts, map(self._starters.__contains__, words)))


def matches_at(pattern: re.Pattern[str], text: str, offsets: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only `offsets` (ascending).

    Exact when every match of `pattern` starts at one of `offsets` and none is empty:
    finditer takes the leftmost match, then searches on from its end.
    """
    end = 0
    for offset in offsets:
        if offset >= end and (match := pattern.match(text, offset)):
            end = match.end()
            yield match
