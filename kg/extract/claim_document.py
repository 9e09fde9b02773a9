"""One document as every claim step reads it, and the claim drafts found in it so far.

Built once per document: the word frame, the verbs, and range indexes over the mentions
and the timexes that can date a claim. The steps (`claim_subjects`, `claim_roles`,
`claim_dating`, `claim_statements`, `claims`) read it and add drafts through `add`.
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass, field

from kg.extract.claim_frames import DocFrame, norm_words
from kg.extract.claim_lexicon import ClaimLexicon
from kg.extract.claim_verbs import VerbHit, find_verbs
from kg.extract.temporal_values import day_value
from kg.model import Document, Mention, Span, TimeValue, Timex
from kg.text import NormalizedText

# Mention rules that only corefer (nationality adjectives): participants, never speakers.
WEAK_MENTION_RULES = frozenset({"demonym"})
_OPEN_CONTENTS = 4  # a verb can only lie inside one of the last few statement contents


class SpanIndex:
    """Things with a `.span`, found by range in O(log n)."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: (x.span.start, x.span.end))
        self.starts = [x.span.start for x in self.items]
        self.ends = [x.span.end for x in self.items]

    def within(self, start: int, end: int) -> list:
        starts = self.starts
        first = bisect.bisect_left(starts, start)
        if first == len(starts) or starts[first] >= end:
            return []  # the common case for timexes: one bisect settles it
        last = bisect.bisect_left(starts, end, first)
        if max(self.ends[first:last]) <= end:  # nearly always: no item runs past `end`
            return self.items[first:last]
        return [x for x in self.items[first:last] if x.span.end <= end]

    def first_within(self, start: int, end: int):
        """The first item `within(start, end)` would list, or None."""
        items = self.items
        for i in range(bisect.bisect_left(self.starts, start), len(items)):
            item = items[i]
            if item.span.start >= end:
                return None
            if item.span.end <= end:
                return item
        return None


@dataclass
class Clause:
    """A clause ends at its claim verb (Sorani is verb-final)."""

    start: int
    verb: VerbHit
    subject: str | None = None
    content: Span | None = None


@dataclass
class ClaimDocument:
    doc: Document
    norm: NormalizedText
    lexicon: ClaimLexicon
    frame: DocFrame
    mentions: SpanIndex
    verbs: SpanIndex
    timexes: SpanIndex  # only those that can date a claim
    types: dict[str, str]  # actor id → type
    dct: TimeValue | None
    according_cues: list[Span]  # `بەپێی`, `بە گوتەی` …: found once per document, in order
    drafts: list[dict] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)  # statement contents so far (events inside are reported)

    @classmethod
    def read(cls, doc: Document, norm: NormalizedText, lexicon: ClaimLexicon, timexes, mentions, types):
        words = norm_words(norm)  # split once: the frame and the verb finder both read them
        return cls(
            doc=doc, norm=norm, lexicon=lexicon,
            frame=DocFrame(doc.text, norm, lexicon, mentions, words),
            mentions=SpanIndex(mentions),
            verbs=SpanIndex(find_verbs(norm, doc.lang, words)),
            timexes=SpanIndex(t for t in timexes if can_date(t)),
            types=types,
            dct=day_value(doc.dct, None, "dct") if doc.dct else None,
            according_cues=_according_cues(norm, lexicon),
        )

    @property
    def text(self) -> str:
        return self.doc.text

    def content_holding(self, offset: int) -> Span | None:
        """The statement content (so far) that `offset` lies in: what is there is reported."""
        for content in reversed(self.contents[-_OPEN_CONTENTS:]):
            if content.start <= offset < content.end:
                return content
        return None

    def according_cues_within(self, span: Span) -> list[Span]:
        return [cue for cue in self.according_cues if span.start <= cue.start and cue.end <= span.end]  # a few a document

    def norm_range(self, start: int, end: int) -> tuple[int, int]:
        """Normalised offsets covering the original range start..end (the offset map is monotonic)."""
        offsets, length = self.norm.offsets, len(self.norm.text)
        first = bisect.bisect_left(offsets, start, 0, length)
        return first, bisect.bisect_left(offsets, end, first, length)

    def strong_mentions(self, start: int, end: int) -> list[Mention]:
        """Mentions in range that can be a speaker or agent (not mere nationality adjectives)."""
        return [m for m in self.mentions.within(start, end) if m.rule not in WEAK_MENTION_RULES]

    def add(self, *, kind, verb, speaker, span, content, mentions, roles, timex, status, fallback, rule, agent=None):
        """Record a claim draft (numbered later, once all are found, in text order)."""
        # the speaker or agent first, then the actors named, each once (filter and map run in C)
        participants = tuple(dict.fromkeys(filter(None, [speaker or agent, *map(_actor_key, mentions)])))
        self.drafts.append(
            {
                "kind": kind,
                "predicate": verb.predicate if verb else "",
                "speaker": speaker,
                "participants": participants,
                "span": span,
                "text": self.text[span.start : span.end],
                "date": timex.value if timex else fallback,
                "timex_span": timex.span if timex else None,
                "rule": rule,
                "content": content,
                "status": status,
                "event_type": self.lexicon.event_types.get(verb.predicate) if verb else None,
                "participant_roles": tuple(roles),
                "reported": self.dct,
            }
        )


_actor_key = operator.attrgetter("actor_key")


def _according_cues(norm: NormalizedText, lexicon: ClaimLexicon) -> list[Span]:
    if lexicon.according is None:
        return []
    return [norm.to_original(m.start(), m.end()) for m in lexicon.according.finditer(norm.text)]


def can_date(timex: Timex) -> bool:
    """Whether a timex can date a claim: a resolved point or period, not a duration or a set."""
    value = timex.value.value if timex.value else None
    duration = value is not None and value.startswith("P") and not value.endswith("_REF")
    return bool(value) and timex.type in ("DATE", "TIME") and not duration


