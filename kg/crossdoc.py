"""Claims across documents: one event reported twice, and claims that disagree.

Pure functions over extracted claims (no graph, no text), used by `kg.graph`:

- `same_events` clusters event claims from different documents that report one event:
  the same kind of event, at least two shared participants (one of them a person or an
  organisation), and dates that can be the same (their calendar intervals overlap). An
  undated report never merges: the date is what tells two meetings of the same people apart.
- `conflicts` links event claims on the same subject that disagree, never merging them:
  `contradicts` when one negates what the other asserts of the same dates, `updates` when
  a later report plans the event for another date than the report before it.

Both compare only claims that share a block (an event type and a pair of participants),
in date order, so a corpus of many reports of the same actors stays near-linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from kg.model import Claim, TimeValue

STRONG_TYPES = frozenset({"PER", "ORG"})
MIN_SHARED = 2


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


def _dated_events(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind == "event" and subject_key(c) and c.date and c.date.start]


def _blocks(claims: list[Claim]) -> Iterator[list[Claim]]:
    """Claims of one subject sharing a pair of participants, each block in date order."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        for pair in combinations(sorted(set(claim.participants)), MIN_SHARED):
            blocks[(subject_key(claim), *pair)].append(claim)
    for key in sorted(blocks):
        yield sorted(blocks[key], key=lambda c: (c.date.start, c.id))


def _overlapping_pairs(block: list[Claim]) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of a date-ordered block whose dates overlap (a sweep, not all pairs)."""
    for i, first in enumerate(block):
        last_day = first.date.end or first.date.start
        for second in block[i + 1 :]:
            if second.date.start > last_day:
                break
            yield first, second


def same_events(claims: list[Claim], actor_types: dict[str, str]) -> list[list[Claim]]:
    """Groups (two or more) of event claims from different documents that report one event."""
    events = _dated_events(claims)
    parent = {c.id: c.id for c in events}

    def root(claim_id: str) -> str:
        while parent[claim_id] != claim_id:
            parent[claim_id] = parent[parent[claim_id]]
            claim_id = parent[claim_id]
        return claim_id

    for block in _blocks(events):
        for a, b in _overlapping_pairs(block):
            if a.doc_id != b.doc_id and _strong_share(a, b, actor_types):
                parent[root(b.id)] = root(a.id)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in events:
        groups[root(claim.id)].append(claim)
    return [group for group in groups.values() if len(group) > 1]


def _strong_share(a: Claim, b: Claim, actor_types: dict[str, str]) -> bool:
    shared = set(a.participants) & set(b.participants)
    return len(shared) >= MIN_SHARED and any(actor_types.get(x) in STRONG_TYPES for x in shared)


def _dates_overlap(a: TimeValue, b: TimeValue) -> bool:
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


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


def _reported_on(claim: Claim) -> tuple:
    reported = claim.reported.start if claim.reported and claim.reported.start else None
    return (reported is None, reported, claim.id)
