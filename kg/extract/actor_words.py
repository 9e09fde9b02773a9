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
C-level loops; the matcher then runs only there, and only where the word begins a form of
several words: elsewhere the memo knows the match (the word, and the form it starts with).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

_WORD_RUN = re.compile(r"\w+")
MAX_CLITICS = 3  # the matchers allow a chain of up to three clitics after a form
MEMO_LIMIT = 1 << 18  # distinct words remembered before the memo starts over (bounds memory)
_WORD_ALTERNATION = re.compile(r"\(\?:\w+(?:\|\w+)*\)")  # (?:a|b|c) of word characters


class FormStarts:
    """The words at which one of `forms` (normalised, single-spaced) can start a match, and how.

    `clitic` is the matcher's regex fragment for one clitic: an alternation of words.
    """

    def __init__(self, forms: Iterable[str], clitic: str) -> None:
        forms = list(forms)
        if not all(_WORD_RUN.match(f) for f in forms):
            raise ValueError("every form must start with a word character")
        if not _WORD_ALTERNATION.fullmatch(clitic):
            raise ValueError(f"a clitic must be word characters: {clitic!r}")
        self._whole = frozenset(f for f in forms if _WORD_RUN.fullmatch(f))
        self._leads = frozenset(_WORD_RUN.match(f).group() for f in forms if not _WORD_RUN.fullmatch(f))
        self._chain = re.compile(f"{clitic}{{0,{MAX_CLITICS}}}")
        self._memo = _Memo()

    def name_length(self, word: str) -> int | None:
        """How a match at the start of `word` (a whole run of word characters) reads it.

        None: no form starts there. 0: the word is the first run of a form with a space or a mark,
        and only the matcher can tell which form matches, if any. n > 0: a match is the whole word
        and its first n characters are the form: the longest form followed by a clitic chain to the
        end of the word, which is what the matcher's greedy trie takes.
        """
        if word in self._leads:
            return 0
        cuts = range(len(word), 0, -1)
        return next((cut for cut in cuts if word[:cut] in self._whole and self._chain.fullmatch(word, cut)), None)

    def can_start(self, word: str) -> bool:
        """Whether a form can match at the start of `word` (a whole run of word characters)."""
        return self.name_length(word) is not None

    def matches(
        self, pattern: re.Pattern[str], text: str, starts: Sequence[int], words: Sequence[str], distinct: set[str]
    ) -> list[tuple[int, int, int, str]]:
        """(start, end, end of the form, form) of each match of `pattern` in `text`, as finditer finds them.

        `pattern` is the matcher of these forms (the form is its group 1); `starts` and `words`
        are the text's word runs, `distinct` their set. The matcher runs only at words that begin
        a longer form; at the others the memo already knows the match.
        """
        names = self._judge(distinct)
        out = []
        end = 0  # finditer goes on from the end of the last match
        for k in itertools.compress(range(len(words)), map(names.__contains__, words)):
            start = starts[k]
            if start < end:
                continue
            word = words[k]
            length = names[word]
            if length:
                end = start + len(word)
                out.append((start, end, start + length, word[:length]))
            elif match := pattern.match(text, start):
                end = match.end()
                out.append((start, end, match.end(1), match.group(1)))
        return out

    def _judge(self, distinct: set[str]) -> dict[str, int]:
        """The memo's verdicts, with every word of `distinct` judged (the starters among them in it).

        Safe when threads share the lexicon (a dask worker may run several): a word is marked
        judged only after its verdict is in, and a full memo is replaced, never emptied in place.
        """
        memo = self._memo
        new = distinct.difference(memo.judged)
        if not new:
            return memo.names
        if len(memo.judged) + len(new) > MEMO_LIMIT:
            memo = self._memo = _Memo()
            new = distinct
        for word in new:
            length = self.name_length(word)
            if length is not None:
                memo.names[word] = length
        memo.judged.update(new)
        return memo.names


class _Memo:
    """Verdicts of `FormStarts.name_length` for the words seen so far."""

    __slots__ = ("names", "judged")

    def __init__(self) -> None:
        self.names: dict[str, int] = {}  # the words a form can start at → their name_length
        self.judged: set[str] = set()


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
