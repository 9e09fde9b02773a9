"""Speech and event verbs found in a normalised text (`verbs.tsv`, compiled by `claim_lexicon`)."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from kg.extract.claim_lexicon import claim_lexicon
from kg.model import Span
from kg.text import NormalizedText


class VerbHit(NamedTuple):  # a tuple: one is made per verb of every document
    span: Span  # in the original text
    predicate: str
    kind: str  # statement | event
    tense: str = ""
    negated: bool = False


def find_verbs(norm: NormalizedText, code: str, words=None) -> list[VerbHit]:
    """Speech and event verbs in the text, as spans of the original (longest form wins, no overlaps).

    `words`: the words of `norm.text` (`claim_frames.norm_words`), when at hand.
    """
    lexicon = claim_lexicon(code)
    text = norm.text
    hits = []
    end = 0
    for pos in _candidates(lexicon, text, words):  # forms are grouped by their first two letters
        if pos < end:
            continue
        group = lexicon.verbs.get(text[pos : pos + 2])  # None: the head matched with white space in it
        match = group.match(text, pos) if group is not None else None
        if match is None:
            continue
        entry = lexicon.verb_entries[int(match.lastgroup[1:])]
        span = norm.to_original(match.start(), match.end())
        hits.append(VerbHit(span, entry.predicate, entry.kind, entry.tense, entry.negated))
        end = match.end()
    return hits


def _candidates(lexicon, text: str, words) -> "itertools.compress | map":
    """Normalised offsets where a verb form may start, in order (a necessary test, no more).

    With the words at hand, a letter run can only start a form if it begins with the form's
    first word: a memoised test per distinct word, mapped in C (news vocabulary is Zipfian).
    Else a regex scan for the first letters of a form at each word start.
    """
    if words is not None and lexicon.verb_word is not None:
        return itertools.compress(words.starts, map(lexicon.verb_word, words.words))
    return map(_match_start, lexicon.verb_starts.finditer(text))


def _match_start(match) -> int:
    return match.start()
