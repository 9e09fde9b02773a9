"""A memo for pure functions of one word (or one short piece of text).

News vocabulary is Zipfian: the same few thousand words carry most of an article, so a
per-word question answered once is answered for the corpus. A plain dict with
`__missing__` makes a hit one dict look-up in C (half the cost of an `lru_cache` hit,
which keeps a recency list on every call). Bounded: a full memo starts over, and the
frequent words come back at once. Keys longer than `longest` (a text without spaces is
no word) are computed and not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class WordMemo(dict, Generic[V]):
    """`memo[word]` is `function(word)`, computed once per word while the memo holds it."""

    def __init__(self, function: Callable[[Hashable], V], limit: int = 1 << 16, longest: int | None = None) -> None:
        super().__init__()
        self.function, self.limit, self.longest = function, limit, longest

    def __missing__(self, key: Hashable) -> V:  # a word, or a tuple naming one (word, language)
        if self.longest is not None and len(key) > self.longest:
            return self.function(key)
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value
