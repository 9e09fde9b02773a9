"""What each actor of a clause plays in its claim, read from the preposition that governs it.

The subject is the agent. In a statement only an addressee (بە X) and a channel (a newspaper,
an interview) count: the rest is what is talked about. In an event every actor takes part:
an addressee is a target, a place governed by لە/بۆ is the location (an ungoverned place
too: the place visited or struck), anything else is a target.
"""

from __future__ import annotations

from kg.extract.claim_document import WEAK_MENTION_RULES, ClaimDocument
from kg.model import Mention

_PLACE_TYPES = ("GPE", "LOC")
_STATEMENT_ROLES = ("addressee", "channel")


def clause_roles(cd: ClaimDocument, in_frame, frame_start: int, subject: str | None, *, statement: bool) -> list[tuple[str, str]]:
    roles = [(subject, "agent")] if subject else []
    for m in in_frame:
        if m.actor_key == subject or m.rule in WEAK_MENTION_RULES:
            continue
        role = _governed_role(cd, m, frame_start)
        if statement:
            if role in _STATEMENT_ROLES:
                roles.append((m.actor_key, role))
            continue
        roles.append((m.actor_key, _event_role(role, cd.types.get(m.actor_key) in _PLACE_TYPES)))
    return list(dict.fromkeys(roles))


def _governed_role(cd: ClaimDocument, mention: Mention, frame_start: int) -> str | None:
    role = cd.frame.government(mention, frame_start).role
    if role is None and cd.frame.channel_before(mention.span.start, frame_start):
        return "channel"
    if role == "target" and cd.frame.channel_before(mention.span.start, frame_start, reach=2):
        return "channel"  # لە هەڤپەیڤینێکدا لەگەڵ X
    return role


def _event_role(role: str | None, place: bool) -> str:
    if role == "addressee":
        return "target"
    if role == "location" and not place:
        return "target"
    if role is None and place:
        return "location"  # the place visited or struck: سەردانی تارانی کرد
    return role or "target"
