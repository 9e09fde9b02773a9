"""Claims across documents: one event reported twice, and claims that disagree.

Pure functions over extracted claims (no graph, no text), used by `kg.graph`:

- `same_events` groups event claims from different documents that report one event:
  the same kind of event, at least two shared participants (one of them a person or an
  organisation), compatible statuses (a denied meeting is not the meeting), and dates that
  can be the same. Day-precise reports join when their days overlap; a coarser report
  ("in May") joins only when exactly one day-precise event fits it, or, with none, other
  reports of the very same coarse date. A group never holds two claims of one document.
  An undated report never merges: the date is what tells two meetings apart.
- `conflicts` links event claims on the same subject that disagree, never merging them:
  `contradicts` when one negates what the other asserts of the same dates, `updates` when
  a later report plans the event for another date than the report before it.

Both compare only claims sharing a block (an event type and a pair of participants), in
date order, so a corpus with many reports about the same actors stays near-linear.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from kg.extract.claims import ANONYMOUS_ID
from kg.model import Claim, Granularity, TimeValue

STRONG_TYPES = frozenset({"PER", "ORG"})
MIN_SHARED = 2
# many unnamed people: sharing "a source" says nothing about sharing an event
NOT_PARTICIPANTS = frozenset({ANONYMOUS_ID})
# statuses that can describe the same happening (a report of an assertion is still one)
COMPATIBLE = {"asserted": "happened", "reported": "happened", "planned": "planned", "hedged": "hedged"}


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A typed link from one claim to another, with the reason a reader can check."""

    source: str  # claim id
    target: str  # claim id
    kind: str  # contradicts | updates
    reason: str


def subject_key(claim: Claim) -> str:
    """What a claim is about, coarsely: its event type, else its predicate."""
    return claim.event_type or claim.predicate


def parties(claim: Claim) -> frozenset[str]:
    """The participants that can make two claims one event."""
    return frozenset(claim.participants) - NOT_PARTICIPANTS


def _dated_events(claims: list[Claim]) -> list[Claim]:
    return [
        c for c in claims
        if c.kind == "event" and subject_key(c) and c.date and c.date.start and len(parties(c)) >= MIN_SHARED
    ]


def _is_fine(claim: Claim) -> bool:
    return (claim.date.granularity or 0) >= Granularity.DAY


def _last_day(value: TimeValue):
    return value.end or value.start


def _blocks(claims: list[Claim]) -> list[list[Claim]]:
    """Claims of one subject sharing a pair of participants, each block in date order."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        for pair in combinations(sorted(parties(claim)), MIN_SHARED):
            blocks[(subject_key(claim), *pair)].append(claim)
    return [sorted(blocks[key], key=lambda c: (c.date.start, c.id)) for key in sorted(blocks)]


def _overlapping_pairs(block: list[Claim]) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of a date-ordered block whose dates overlap (a sweep, not all pairs)."""
    for i, first in enumerate(block):
        for second in block[i + 1 :]:
            if second.date.start > _last_day(first.date):
                break
            yield first, second


class _Groups:
    """Union-find over claims that remembers which documents each group holds."""

    def __init__(self, claims: list[Claim]) -> None:
        self.parent = {c.id: c.id for c in claims}
        self.docs = {c.id: {c.doc_id} for c in claims}

    def root(self, claim_id: str) -> str:
        while self.parent[claim_id] != claim_id:
            self.parent[claim_id] = self.parent[self.parent[claim_id]]
            claim_id = self.parent[claim_id]
        return claim_id

    def join(self, a: str, b: str) -> None:
        """Join two groups unless that would put two claims of one document together."""
        ra, rb = self.root(a), self.root(b)
        if ra != rb and not self.docs[ra] & self.docs[rb]:
            self.parent[rb] = ra
            self.docs[ra] |= self.docs.pop(rb)


def _can_be_one(a: Claim, b: Claim, actor_types: dict[str, str]) -> bool:
    shared = parties(a) & parties(b)
    return (
        len(shared) >= MIN_SHARED
        and any(actor_types.get(x) in STRONG_TYPES for x in shared)
        and a.status in COMPATIBLE
        and COMPATIBLE[a.status] == COMPATIBLE.get(b.status)
    )


def same_events(claims: list[Claim], actor_types: dict[str, str]) -> list[list[Claim]]:
    """Groups (two or more) of event claims from different documents that report one event."""
    events = _dated_events(claims)
    groups = _Groups(events)
    blocks = _blocks(events)
    for block in blocks:  # day-precise reports first: their days decide
        fine = [c for c in block if _is_fine(c)]
        for a, b in _overlapping_pairs(fine):
            if _can_be_one(a, b, actor_types):
                groups.join(a.id, b.id)
    for block in blocks:
        _attach_coarse(block, groups, actor_types)
    members: dict[str, list[Claim]] = defaultdict(list)
    for claim in events:
        members[groups.root(claim.id)].append(claim)
    return [group for group in members.values() if len(group) > 1]


def _attach_coarse(block: list[Claim], groups: _Groups, actor_types: dict[str, str]) -> None:
    """A coarse report joins the one day-precise event it fits, else reports of its very date."""
    fine = [c for c in block if _is_fine(c)]
    fine_starts = [c.date.start for c in fine]
    same_value: dict[str, Claim] = {}
    for claim in (c for c in block if not _is_fine(c)):
        low = bisect.bisect_left(fine_starts, claim.date.start)
        high = bisect.bisect_right(fine_starts, _last_day(claim.date))
        fitting = {groups.root(f.id) for f in fine[low:high] if _can_be_one(claim, f, actor_types)}
        if len(fitting) == 1:
            groups.join(fitting.pop(), claim.id)
        elif not fitting:
            first = same_value.setdefault(claim.date.value, claim)
            if first is not claim and _can_be_one(first, claim, actor_types):
                groups.join(first.id, claim.id)


def most_precise_date(claims: list[Claim]) -> Claim:
    """The claim whose date is the finest (a day beats a month); the earliest report on a tie."""
    return max(enumerate(claims), key=lambda ic: (ic[1].date.granularity or 0, -ic[0]))[1]


def conflicts(claims: list[Claim]) -> list[ClaimLink]:
    """Links between dated event claims of one type and two shared participants that disagree.

    Statements are left out: whether two statements are about the same thing needs
    their content compared, which sharing a speaker or a country does not show.
    """
    links: dict[tuple[str, str, str], ClaimLink] = {}
    for block in _blocks(_dated_events(claims)):
        for a, b in _overlapping_pairs(block):
            if {a.status, b.status} == {"asserted", "negated"}:
                link = _contradiction(a, b)
                links.setdefault((link.source, link.target, link.kind), link)
        for link in _plan_updates([c for c in block if c.status == "planned"]):
            links.setdefault((link.source, link.target, link.kind), link)
    return sorted(links.values(), key=lambda link: (link.source, link.target, link.kind))


def _contradiction(a: Claim, b: Claim) -> ClaimLink:
    positive, negative = (a, b) if a.status == "asserted" else (b, a)
    return ClaimLink(negative.id, positive.id, "contradicts", f"{negative.id} negates what {positive.id} asserts")


def _plan_updates(planned: list[Claim]) -> Iterator[ClaimLink]:
    """Each planned report whose date differs from the plan reported just before it."""
    by_report = sorted(planned, key=_reported_on)
    for older, newer in zip(by_report, by_report[1:]):
        if not _dates_overlap(older.date, newer.date):
            yield ClaimLink(
                newer.id, older.id, "updates",
                f"planned for {newer.date.value} in {newer.id}, for {older.date.value} in {older.id}",
            )


def _dates_overlap(a: TimeValue, b: TimeValue) -> bool:
    return a.start <= _last_day(b) and b.start <= _last_day(a)


def _reported_on(claim: Claim) -> tuple:
    reported = claim.reported.start if claim.reported and claim.reported.start else None
    return (reported is None, reported, claim.id)
