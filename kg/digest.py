"""Compact per-document summaries, for corpora too large to keep every extraction in memory.

An extraction holds every mention, timex and claim with its text (about 80 kB of Python
objects per news article); 50,000 articles would need gigabytes. A `DocDigest` keeps only
what corpus-wide linking and the actor-level graph need (about a tenth of that):

  * the mentions linking reads: of a person or a role holder, one per distinct (actor,
    surface form, rule), since linking decides by forms and rules, never by how often a form
    occurs; of any other actor, its first (its id is all linking reads). So linking a
    digest gives the ids, merges and log that linking the full extraction gives;
  * per actor, how often it is mentioned and where first (provenance for its node);
  * the claims that name two actors or more (the co-claim edges), as (id, actors, dates);
  * the roles, as extracted.

The full extraction goes wherever the caller sends it (the store, the spill file of
`kg.spill`) before it is digested, so nothing is lost; it is only not held.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from kg.crossdoc import NOT_PARTICIPANTS
from kg.extract.actor_link import RULE_SURNAME
from kg.extract.actor_roles import ROLE_HOLDER
from kg.model import Actor, Claim, DocResult, Document, Mention, Role, Span


@dataclass(frozen=True, slots=True)
class MentionStats:
    """How often one actor is mentioned in one document, and where first."""

    count: int
    start: int
    end: int

    def plus(self, other: MentionStats) -> MentionStats:
        first = min((self.start, self.end), (other.start, other.end))
        return MentionStats(self.count + other.count, *first)


@dataclass(frozen=True, slots=True)
class ClaimDigest:
    """A claim as the actor graph sees it: who it connects, and when."""

    id: str
    actors: tuple[str, ...]  # speaker first, then participants, without repeats or an anonymous source
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocDigest:
    """What linking and the actor-level graph need of one document's extraction."""

    doc: Document  # without its text
    mentions: tuple[Mention, ...]  # the first of each distinct (actor, text, rule)
    stats: dict[str, MentionStats]
    claims: tuple[ClaimDigest, ...]
    roles: tuple[Role, ...]
    actors: dict[str, Actor] = field(default_factory=dict)
    claim_actors: frozenset[str] = frozenset()  # every actor a claim names (an anonymous source too)
    timex_count: int = 0
    claim_count: int = 0
    dated_claim_count: int = 0

    def as_result(self) -> DocResult:
        """The digest in the shape actor linking reads."""
        return DocResult(doc=self.doc, mentions=self.mentions, actors=self.actors)


NOWHERE = Span(0, 0)  # digest mentions are read for their form, not their place (`stats` has that)


def digest(result: DocResult) -> DocDigest:
    """The compact summary of one document's extraction."""
    stats: dict[str, MentionStats] = {}
    distinct: dict[tuple[str, str, str], Mention] = {}
    for mention in result.mentions:
        key = mention.actor_key
        _tally(stats, key, MentionStats(1, mention.span.start, mention.span.end))
        form = _linking_form(mention, result.actors[key])
        if form not in distinct:
            distinct[form] = Mention(doc_id=mention.doc_id, span=NOWHERE, text=form[1], actor_key=key, rule=form[2])
    claims = tuple(
        ClaimDigest(claim.id, actors, claim.date.start if claim.date else None, claim.date.end if claim.date else None)
        for claim in result.claims
        if len(actors := _claim_actors(claim)) >= 2
    )
    return DocDigest(
        doc=replace(result.doc, text=""),
        mentions=tuple(distinct.values()),
        stats=stats,
        claims=claims,
        roles=result.roles,
        actors=dict(result.actors),
        claim_actors=frozenset(a for c in result.claims for a in (c.speaker, *c.participants) if a),
        timex_count=len(result.timexes),
        claim_count=len(result.claims),
        dated_claim_count=sum(1 for claim in result.claims if claim.date is not None),
    )


def _tally(stats: dict[str, MentionStats], key: str, found: MentionStats) -> None:
    stats[key] = stats[key].plus(found) if key in stats else found


def _linking_form(mention: Mention, actor: Actor) -> tuple[str, str, str]:
    """What linking may read of a mention: its form and rule for persons and role holders, else only its actor."""
    if actor.type == "PER" or mention.rule in (ROLE_HOLDER, RULE_SURNAME):
        return mention.actor_key, mention.text, mention.rule
    return mention.actor_key, "", ""


def _claim_actors(claim: Claim) -> tuple[str, ...]:
    """Speaker, then participants, without repeats or non-actors (an anonymous source)."""
    named = (claim.speaker, *claim.participants)
    return tuple(dict.fromkeys(a for a in named if a and a not in NOT_PARTICIPANTS))


def moved_roles(roles: tuple[Role, ...], moved: Mapping[str, str]) -> tuple[Role, ...]:
    """The roles with holder and organisation ids moved as linking decided."""
    return tuple(
        replace(role, actor=moved.get(role.actor, role.actor), of=moved.get(role.of, role.of))
        if {role.actor, role.of} & moved.keys() else role
        for role in roles
    )


def relinked(before: DocDigest, moved: Mapping[str, str], actors: dict[str, Actor]) -> DocDigest:
    """The digest with actor ids moved as linking decided (`moved`: old id → new id)."""
    if not moved:
        return replace(before, actors=actors)
    stats: dict[str, MentionStats] = {}
    for key, found in before.stats.items():
        _tally(stats, moved.get(key, key), found)
    claims = tuple(
        replace(claim, actors=tuple(dict.fromkeys(moved.get(a, a) for a in claim.actors)))
        for claim in before.claims
    )
    return replace(before, stats=stats, claims=tuple(c for c in claims if len(c.actors) >= 2), roles=moved_roles(before.roles, moved), actors=actors)
