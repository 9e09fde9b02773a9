"""The subject of a clause: who speaks or acts.

- The first actor of the clause that no preposition governs and that is not a possessor
  after an ezafe word (`claim_frames`); a name coordinated (و) with a governed one is
  governed too.
- An unnamed-source noun (`سەرچاوەکان`) before it makes the subject `anonymous_source`.
- Without an ungoverned name, the possessor of a statement noun (ڕاگەیەندراوی X) is the source.
- A definite common noun heading the clause before any free name (کەناڵەکە دەڵێت) is the
  subject: the actor last named with that head noun, else no one known.
- Words of an according-to phrase (`بەپێی X،`) are never the subject of the clause after it.
"""

from __future__ import annotations

import itertools

from kg.extract.claim_anonymous import ANONYMOUS_ID
from kg.extract.claim_document import WEAK_MENTION_RULES, ClaimDocument
from kg.model import Mention, Span

_MIN_STEM = 3  # a definite noun's stem shorter than this is a function word, not a noun

Subject = tuple[int, "str | None"]  # (offset, actor id; None: a noun whose referent is unknown)


def clause_subject(cd: ClaimDocument, in_frame: list[Mention], frame_start: int, verb_start: int, according: list[Span]) -> Subject | None:
    """The subject of the clause from `frame_start` to its verb, if it names one."""
    subject = _named_subject(cd, in_frame, frame_start, verb_start, according)
    anonymous_at = _anonymous_at(cd, frame_start, verb_start, according)
    if anonymous_at is not None and (subject is None or anonymous_at < subject[0]):
        return anonymous_at, ANONYMOUS_ID
    return subject


def _named_subject(cd, in_frame, frame_start, verb_start, according) -> Subject | None:
    subject, source = _first_free_mention(cd, in_frame, frame_start, according)
    if source is not None and subject is None:
        return source
    definite = _definite_subject(cd, frame_start, subject[0] if subject else verb_start)
    return definite if definite is not None else subject


def _first_free_mention(cd, in_frame, frame_start, according) -> tuple[Subject | None, Subject | None]:
    """The first ungoverned strong mention, and the first possessor of a statement noun."""
    source = None
    governed_end = None
    for m in in_frame:
        if _inside(according, m.span.start):
            continue
        gov = cd.frame.government(m, frame_start)
        free = gov.role is None and not gov.genitive
        if free and governed_end is not None and _conjoined(cd, governed_end, m.span.start):
            free = False
        if not free:
            governed_end = m.span.end
            if source is None and gov.head in cd.lexicon.statement_nouns:
                source = (m.span.start, m.actor_key)
            continue
        governed_end = None
        if m.rule not in WEAK_MENTION_RULES:
            return (m.span.start, m.actor_key), source
    return None, source


def _anonymous_at(cd, frame_start, verb_start, according) -> int | None:
    """Where an unnamed-source noun stands in the clause (outside according-to phrases)."""
    frame = cd.frame
    i, j = frame.word_range(frame_start, verb_start)
    texts = frame.word_texts[i:j]
    anonymous = cd.lexicon.anonymous
    if anonymous.isdisjoint(texts):  # most clauses: one C-level set test
        return None
    for k in itertools.compress(range(i, j), map(anonymous.__contains__, texts)):
        if not _inside(according, frame.word_starts[k]):
            return frame.word_starts[k]
    return None


def _definite_subject(cd: ClaimDocument, frame_start: int, before: int) -> Subject | None:
    """A definite common noun heading the clause before any free name (کەناڵەکە دەڵێت).

    It refers back to the actor last named with the same head noun (کەناڵی X … کەناڵەکە),
    else to no one known (never to a later name in the clause).
    """
    frame, lexicon = cd.frame, cd.lexicon
    i, j = frame.word_range(frame_start, before)
    texts = frame.word_texts
    unnamed_words, definite = lexicon.unnamed, lexicon.definite
    for k in range(i, j):  # a clause's head: 4-5 words on average, a plain loop is cheapest
        word = texts[k]
        unnamed = word in unnamed_words
        if not unnamed and not word.endswith(definite):
            continue  # most words: settled by the cheap string tests before the range look-ups
        stem = None if unnamed else _definite_stem(cd, word)
        if not unnamed and stem is None:
            continue  # a stem too short to be a noun
        start, end = frame.word_starts[k], frame.word_ends[k]
        if start in frame.mention_starts or cd.timexes.within(start, end + 1):
            continue
        if frame.quote_at(start) is not None:
            continue
        if unnamed:
            return None
        if k > i and _governs_next(cd, texts[k - 1]):
            continue
        return start, frame.named_with_head(stem, start)
    return None


def _definite_stem(cd: ClaimDocument, word: str) -> str | None:
    """The noun of a definite word (کەناڵەکە → کەناڵ), if it has a suffix and a stem long enough."""
    if not word.endswith(cd.lexicon.definite):  # one C-level test settles most words
        return None
    stem = next(word[: -len(f)] for f in cd.lexicon.definite if word.endswith(f))
    return stem if len(stem) >= _MIN_STEM else None


def _governs_next(cd: ClaimDocument, word: str) -> bool:
    """A preposition or an ezafe word: the noun after it is governed or a possessor, not the subject."""
    return word in cd.lexicon.prepositions or cd.frame.ezafe_stem(word) is not None


def _conjoined(cd: ClaimDocument, previous_end: int, start: int) -> bool:
    i, j = cd.frame.word_range(previous_end, start)
    return j - i == 1 and cd.frame.word_texts[i] in cd.lexicon.conjunctions


def _inside(spans: list[Span], offset: int) -> bool:
    return bool(spans) and any(span.start <= offset < span.end for span in spans)
