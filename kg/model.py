"""The data model: plain frozen dataclasses shared by every stage.

Every extracted thing carries a `Span` whose offsets index `Document.text`
exactly as read from disk (after decoding, before any normalisation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in the original document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article as read from the corpus."""

    id: str  # file name, unique within a corpus run
    text: str  # exactly as decoded; never normalised in place
    dct: date | None = None  # document creation time (publication date)
    dct_source: str | None = None  # manifest | cli | inferred | None
    lang: str = "ckb"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None


class Granularity(IntEnum):
    """Precision of a time value, ordered from coarse to fine."""

    CENTURY = 0
    DECADE = 1
    YEAR = 2
    HALF = 3
    QUARTER = 4
    SEASON = 5
    MONTH = 6
    WEEK = 7
    DAY = 8
    TIME = 9


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeValue:
    """A normalised time: TIMEX3 value plus the calendar interval it covers.

    `start`/`end` are the first and last calendar day covered (inclusive), so a
    year-only value is a band over its whole year on the timeline.
    """

    # TIMEX3 value: "2014", "2014-06", "2021-07-26", "2020-W35", "P3Y", "PRESENT_REF"; None while
    # a relative expression has nothing to be resolved against (its meaning is kept in `offset`)
    value: str | None
    granularity: Granularity | None = None
    start: date | None = None
    end: date | None = None
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER
    anchor: str = "absolute"  # absolute | dct | narrative: what it was resolved against
    offset: str | None = None  # relative meaning against the anchor, e.g. "-P1W", "-P2D", "+P1Y"


@dataclass(frozen=True, slots=True, kw_only=True)
class Timex:
    """A temporal expression found in a document."""

    doc_id: str
    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: TimeValue | None  # None when the text gives no anchor to resolve against
    rule: str  # name of the rule that matched, for provenance


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A surface mention of an actor."""

    doc_id: str
    span: Span
    text: str
    actor_key: str  # the actor's corpus-wide id
    rule: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A corpus-level entity: one id in every document of a run."""

    id: str  # deterministic, derived from the canonical name (never processing order)
    name: str  # canonical Sorani name
    type: str  # PER | ORG | GPE | LOC
    name_en: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    name_latin: str | None = None  # Latin transliteration of `name`, for display


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """An actor's office or affiliation as the text states it: `X، وەزیری دەرەوەی عێراق`."""

    doc_id: str
    span: Span  # the role phrase in the original text
    text: str
    actor: str  # id of the actor who holds the role
    title: str  # canonical role, in English ("Foreign Minister")
    of: str | None = None  # id of the organisation or country, when named
    time: TimeValue | None = None  # when the text says the role was held
    former: bool = False  # پێشووی / پێشووتری: a role no longer held
    rule: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Who said or did what, to whom, when, with the source span it rests on."""

    id: str  # f"{doc_id}#c{n}"
    doc_id: str
    kind: str  # statement | event
    predicate: str
    speaker: str | None  # actor id
    participants: tuple[str, ...]
    span: Span  # the sentence or clause that is the evidence
    text: str
    date: TimeValue | None  # when it was said or happened; None: undated, never guessed
    timex_span: Span | None = None  # which expression dated it (None: fell back or undated)
    rule: str = ""
    # what was said: the direct quote or the reported clause (statements)
    content: Span | None = None
    # asserted | reported (by a third party) | hedged | negated | planned
    status: str = "asserted"
    # a published event ontology's category (PLOVER: CONSULT, ASSAULT, AGREE, …) for events
    event_type: str | None = None
    # (actor id, role) with role agent | target | location | addressee | channel
    participant_roles: tuple[tuple[str, str], ...] = ()
    # when it was reported (the article's date), kept apart from `date`
    reported: TimeValue | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocResult:
    """Everything extracted from one document."""

    doc: Document
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    roles: tuple[Role, ...] = ()
    actors: dict[str, Actor] = field(default_factory=dict)  # id → actor, for mentions here
