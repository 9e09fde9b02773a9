"""The shape of a document for claims: words, quotations, and what governs each mention.

`DocFrame` is built once per document and answers position questions in O(log n):
which word precedes an offset, whether an offset lies inside a quotation, which
preposition (if any) governs an actor mention, and where a statement's content is.

Sorani grammar behind it (Thackston 2006):
- a noun phrase governed by a preposition (بە X, لەگەڵ X, لە X دا) is not the subject;
- a name after an ezafe word (سەرۆکی ئەمریکا, وەزیری دەرەوەی عێراق) is a possessor, not the
  subject: the head of the phrase is;
- the verb ends its clause, so the subject is the first ungoverned actor of the clause.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from kg.extract.claim_lexicon import ClaimLexicon
from kg.model import Mention, Span
from kg.text import NormalizedText

_WORD = re.compile(r"([^\W\d_]+|\d+|[^\w\s])")  # one group: split() keeps the words
_MAX_EZAFE_CHAIN = 3  # وەزیری دەرەوەی عێراق: walk back over at most this many ezafe words
_QUOTE_REACH = 3000  # a quotation closes within this many characters or is not one


class Government(NamedTuple):  # a tuple: one is made per mention and clause start
    """What governs a mention: a preposition's role, or a possessor's head word (genitive)."""

    role: str | None  # the preposition's role (addressee, target, location, agent, channel)
    genitive: bool  # after an ezafe word: a possessor, never the subject
    head: str | None  # the ezafe word right before the mention, if any


class DocFrame:
    """Words (normalised, with original spans) and quotation regions of one document.

    The words are three columns (original starts, original ends, normalised words), index by
    index: built in C, with no tuple per word.
    """

    def __init__(self, text: str, norm: NormalizedText, lexicon: ClaimLexicon, mentions, words: NormWords | None = None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.word_starts, self.word_ends, self.word_texts = _word_columns(norm, words)
        self.mention_starts = frozenset(m.span.start for m in mentions)
        self.mention_ends = frozenset(m.span.end for m in mentions)
        self.quotes = _quotations(text, lexicon.quotes)
        self.mentions = mentions
        self.quote_starts = [q[0] for q in self.quotes]
        # (mention start, floor) → Government: the subject and the roles of a clause both ask
        self._governments: dict[tuple[int, int], Government] = {}

    # ------------------------------------------------------------------ words

    def word_index(self, offset: int) -> int:
        """Index of the first word starting at or after `offset`."""
        return bisect.bisect_left(self.word_starts, offset)

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes i, j: words i..j-1 are those starting in start..end."""
        return bisect.bisect_left(self.word_starts, start), bisect.bisect_left(self.word_starts, end)

    def words_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, word) of the words starting in start..end."""
        i, j = self.word_index(start), self.word_index(end)
        return list(zip(self.word_starts[i:j], self.word_ends[i:j], self.word_texts[i:j]))

    def ezafe_stem(self, word: str) -> str | None:
        """`word` without its ezafe suffix (the shortest that fits: یی is ی after a stem's own ی),
        or None when it has none. The suffix also spells the 3sg clitic: both mark a dependent."""
        for suffix in self.lexicon.ezafe:  # shortest first
            if word.endswith(suffix):
                return word[: -len(suffix)]
        return None

    @functools.cached_property
    def heads(self) -> dict[str, list[tuple[int, str]]]:
        """Head noun (ezafe word without its ی) → [(offset, actor id)]: کەناڵی X, so کەناڵەکە → X.

        Built on first use: only a clause headed by a definite noun asks (a quarter of documents).
        """
        heads: dict[str, list[tuple[int, str]]] = {}
        marks = set(self.lexicon.quotes) | set(self.lexicon.quotes.values())
        starts, ends, texts = self.word_starts, self.word_ends, self.word_texts
        ezafe = self.lexicon.ezafe
        for m in self.mentions:
            j = bisect.bisect_left(starts, m.span.start) - 1
            while j >= 0 and texts[j] in marks:  # کەناڵی "X"
                j -= 1
            if j < 0 or not texts[j].endswith(ezafe) or ends[j] in self.mention_ends:
                continue  # the cheap tests first: most words before a name carry no ezafe
            heads.setdefault(self.ezafe_stem(texts[j]), []).append((m.span.start, m.actor_key))
        return heads

    def named_with_head(self, stem: str, before: int) -> str | None:
        """The actor last named after the head noun `stem` + ezafe before `before`."""
        named = [key for start, key in self.heads.get(stem, ()) if start < before]
        return named[-1] if named else None

    # ------------------------------------------------------------------ quotations

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation (open mark, close mark offsets) whose inside contains `offset`.

        Quotations never overlap (`_quotations` opens one only after the last closed), so only
        the last one opened at or before `offset` can hold it.
        """
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        if i >= 0:
            quote = self.quotes[i]
            if quote[0] < offset < quote[1]:
                return quote
        return None

    def quote_opening_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.quote_starts, offset)
        if i < len(self.quotes) and self.quotes[i][0] == offset:
            return self.quotes[i]
        return None

    def quotes_within(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.quote_starts, start)
        out = []
        while i < len(self.quotes) and self.quotes[i][0] < end:
            if self.quotes[i][1] < end:
                out.append(self.quotes[i])
            i += 1
        return out

    # ------------------------------------------------------------------ government

    def government(self, mention: Mention, floor: int) -> Government:
        """The preposition or ezafe word before `mention` (looking no further back than `floor`)."""
        start = mention.span.start
        found = self._governments.get((start, floor))
        if found is None:
            found = self._governments[start, floor] = self._government(start, floor)
        return found

    def _government(self, start: int, floor: int) -> Government:
        starts, texts, lexicon = self.word_starts, self.word_texts, self.lexicon
        j = bisect.bisect_left(starts, start) - 1
        head = None
        genitive = False
        for _ in range(_MAX_EZAFE_CHAIN):
            if j < 0 or starts[j] < floor:
                break
            word = texts[j]
            if word in lexicon.prepositions or self.word_ends[j] in self.mention_ends:
                break
            if word in lexicon.clause_openers:  # جیا لەوەی X …: X begins a clause
                return Government(None, False, None)
            if not word.endswith(lexicon.ezafe) or len(word) < 3:  # no ezafe (`ezafe_stem` is None)
                break
            head = head or word
            genitive = True
            j -= 1
        role = self._preposition(j, floor)
        if role is not None and head in lexicon.channels:
            role = "channel"
        return Government(role, genitive and role is None, head)

    def _preposition(self, j: int, floor: int) -> str | None:
        if j < 0 or self.word_starts[j] < floor:
            return None
        prepositions = self.lexicon.prepositions
        texts = self.word_texts
        if j >= 1 and self.word_starts[j - 1] >= floor:
            pair = f"{texts[j - 1]} {texts[j]}"
            if pair in prepositions:
                return prepositions[pair]
        return prepositions.get(texts[j])

    def channel_before(self, offset: int, floor: int, reach: int = 3) -> bool:
        """A channel noun (تویتێکدا, هەڤپەیڤینێکدا) within `reach` words before `offset`."""
        starts, texts, channels = self.word_starts, self.word_texts, self.lexicon.channels
        j = bisect.bisect_left(starts, offset) - 1
        for k in range(j, max(j - reach, -1), -1):
            if starts[k] < floor:
                break
            if texts[k] in channels:
                return True
        return False

    # ------------------------------------------------------------------ content

    def content_after(self, verb_end: int, sentence: Span) -> Span | None:
        """What a speech verb introduces: a quotation, or the clause after `،`/`:`/`کە`."""
        text = self.text
        pos = verb_end
        while pos < sentence.end and (text[pos].isspace() or is_clause_mark(text[pos])):
            pos += 1
        i = self.word_index(pos)
        starts = self.word_starts
        if i < len(starts) and starts[i] == pos and self.word_texts[i] in self.lexicon.complementizers:
            pos = self.word_ends[i]
            while pos < sentence.end and text[pos].isspace():
                pos += 1
        quote = self.quote_opening_at(pos)
        if quote is not None:
            return Span(quote[0] + 1, quote[1])
        end = trim_end(text, pos, sentence.end)
        if end <= pos:
            return None
        # a quotation opened in the clause and closed in a later sentence belongs to it
        for start, close in self.quotes_after(pos, end):
            end = max(end, close + 1)
        return Span(pos, end)

    def quotes_after(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.quote_starts, start)
        out = []
        while i < len(self.quotes) and self.quotes[i][0] < end:
            if self.quotes[i][1] >= end:
                out.append(self.quotes[i])
            i += 1
        return out


class NormWords(NamedTuple):
    """The words of a normalised text (letter runs, digit runs, single punctuation marks)."""

    starts: list[int]  # normalised offsets
    ends: list[int]
    words: list[str]


def norm_words(norm: NormalizedText) -> NormWords:
    """The words of `norm.text` with their normalised offsets, split in C (no match object per word)."""
    parts = _WORD.split(norm.text)  # gap, word, gap, word, …, gap
    bounds = list(itertools.accumulate(map(len, parts)))  # gap ends are word starts, word ends gap starts
    return NormWords(bounds[0:-1:2], bounds[1::2], parts[1::2])


def _word_columns(norm: NormalizedText, words: NormWords | None = None) -> tuple[Sequence[int], Sequence[int], list[str]]:
    """Original starts, original ends and normalised words of every word of the text.

    Built with C-level loops only (split, accumulate, itemgetter): a Python step per word (a
    match object, `to_original`, even a tuple) was most of the claims' time.
    """
    starts, ends, texts = words if words is not None else norm_words(norm)
    if not texts:
        return (), (), []
    if norm.identity:  # no edit changed a length (most texts): normalised offsets are the original ones
        return starts, ends, texts
    last_chars = map((-1).__add__, ends)  # a word's original end is the end of its last char
    return _pick(norm.offsets, starts), _pick(norm.ends, last_chars), texts


def _pick(items: tuple[int, ...], indexes) -> tuple[int, ...]:
    """items[i] for each index, in one C call (itemgetter of one index returns no tuple)."""
    picked = operator.itemgetter(*indexes)(items)
    return picked if isinstance(picked, tuple) else (picked,)


@functools.cache
def is_clause_mark(token: str) -> bool:
    """A comma, colon or semicolon of any script (by Unicode name: ، , : ; ؛)."""
    return len(token) == 1 and _punctuation_named(token, "COMMA", "COLON")


@functools.cache
def _is_comma_or_stop(char: str) -> bool:
    return _punctuation_named(char, "COMMA", "FULL STOP")


@functools.cache
def _is_sentence_stop(char: str) -> bool:
    """A full stop, question or exclamation mark of any script (. ? ! ؟ ۔)."""
    return _punctuation_named(char, "FULL STOP", "QUESTION MARK", "EXCLAMATION MARK")


def _punctuation_named(char: str, *names: str) -> bool:
    if not unicodedata.category(char).startswith("P"):
        return False
    name = unicodedata.name(char, "")
    return any(n in name for n in names)


def skip_space(text: str, start: int, end: int) -> int:
    """The first offset from `start` that is not white space, a comma or a full stop."""
    while start < end and (text[start].isspace() or _is_comma_or_stop(text[start])):
        start += 1
    return start


def trim_end(text: str, start: int, end: int) -> int:
    """`end` moved back over white space and sentence stops: where a claim's text ends."""
    while end > start and (text[end - 1].isspace() or _is_sentence_stop(text[end - 1])):
        end -= 1
    return end


def _quotations(text: str, marks: dict[str, str]) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks that pair up, in order; unpaired marks are dropped."""
    regions = []
    pattern = re.compile("|".join(re.escape(m) for m in sorted(set(marks) | set(marks.values()))))
    open_at: tuple[int, str] | None = None
    for m in pattern.finditer(text):
        mark = m.group()
        if open_at is not None:
            start, expected = open_at
            if mark == expected and m.start() - start <= _QUOTE_REACH:
                regions.append((start, m.start()))
                open_at = None
                continue
            if m.start() - start > _QUOTE_REACH:
                open_at = None
            elif mark not in marks:
                continue
            else:
                continue  # a different mark inside a quotation: nested, ignored
        if mark in marks:
            open_at = (m.start(), marks[mark])
    return regions
