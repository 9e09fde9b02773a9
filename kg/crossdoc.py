"""Claims across documents: one event reported twice, and claims that disagree.

Pure functions over extracted claims (no graph, no text), used by `kg.graph`:

- `same_events` clusters event claims from different documents that report one event:
  the same kind of event, at least two shared participants (one of them a person or an
  organisation), and dates that can be the same (their calendar intervals overlap). An
  undated report never merges: the date is what tells two meetings of the same people apart.
- `conflicts` links event claims on the same subject that disagree, never merging them:
  `contradicts` when one asserts what the other negates, `updates` when a later report
  gives a planned event a different date.
"""

from __future__ import annotations

from collections import defaultdict
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


def same_events(claims: list[Claim], actor_types: dict[str, str]) -> list[list[Claim]]:
    """Groups (two or more) of event claims from different documents that report one event."""
    events = [c for c in claims if c.kind == "event" and subject_key(c) and c.date and c.date.start]
    parent = {c.id: c.id for c in events}

    def root(claim_id: str) -> str:
        while parent[claim_id] != claim_id:
            parent[claim_id] = parent[parent[claim_id]]
            claim_id = parent[claim_id]
        return claim_id

    for bucket in _by_subject(events).values():
        for a, b in combinations(bucket, 2):
            if a.doc_id != b.doc_id and _same_event(a, b, actor_types):
                parent[root(b.id)] = root(a.id)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in events:
        groups[root(claim.id)].append(claim)
    return [group for group in groups.values() if len(group) > 1]


def _by_subject(claims: list[Claim]) -> dict[str, list[Claim]]:
    buckets: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        buckets[subject_key(claim)].append(claim)
    return buckets


def _same_event(a: Claim, b: Claim, actor_types: dict[str, str]) -> bool:
    shared = set(a.participants) & set(b.participants)
    strong = any(actor_types.get(actor) in STRONG_TYPES for actor in shared)
    return len(shared) >= MIN_SHARED and strong and _dates_overlap(a.date, b.date)


def _dates_overlap(a: TimeValue, b: TimeValue) -> bool:
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def most_precise_date(claims: list[Claim]) -> Claim:
    """The claim whose date is the finest (a day beats a month); the earliest report on a tie."""
    return max(enumerate(claims), key=lambda ic: (ic[1].date.granularity or 0, -ic[0]))[1]


def conflicts(claims: list[Claim]) -> list[ClaimLink]:
    """Links between event claims of one type and the same participants that disagree.

    Statements are left out: whether two statements are about the same thing needs
    their content compared, which sharing a speaker or a country does not show.
    """
    links = []
    for bucket in _by_subject([c for c in claims if c.kind == "event" and subject_key(c)]).values():
        for a, b in combinations(bucket, 2):
            if len(set(a.participants) & set(b.participants)) < MIN_SHARED:
                continue
            link = _disagreement(a, b)
            if link:
                links.append(link)
    return links


def _disagreement(a: Claim, b: Claim) -> ClaimLink | None:
    if {a.status, b.status} == {"asserted", "negated"}:
        positive, negative = (a, b) if a.status == "asserted" else (b, a)
        return ClaimLink(negative.id, positive.id, "contradicts", f"{negative.id} negates what {positive.id} asserts")
    if a.status == b.status == "planned" and a.date and b.date and a.date.start and b.date.start:
        if not _dates_overlap(a.date, b.date):
            older, newer = sorted((a, b), key=_reported_on)
            return ClaimLink(
                newer.id, older.id, "updates",
                f"planned for {newer.date.value} in {newer.id}, for {older.date.value} in {older.id}",
            )
    return None


def _reported_on(claim: Claim) -> tuple:
    reported = claim.reported.start if claim.reported and claim.reported.start else None
    return (reported is None, reported, claim.id)
