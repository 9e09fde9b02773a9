"""Where and how a claim sits on the report's timeline: its interval, kind and lane.

Everything here is decided in Python so that it is tested without a browser; the
page's script only maps days to pixels.

- `place(date)`: the calendar interval an item covers. A year-only date is a band
  over the whole year; `START`/`MID`/`END` narrow it to the first, middle or last
  third (`END` of 2017 sits at the end of 2017); `APPROX`/`BEFORE`/`AFTER` keep
  the interval but flag it uncertain (drawn dashed and faded).
- `item_kind(claim_kind, event_type, predicate)`: the colour class of an item.
- `lane_actor(speaker, participants)`: the one actor lane a claim is drawn in, so
  every dated claim is exactly one timeline item.
"""

from __future__ import annotations

from datetime import date, timedelta

# Item kinds in legend order, each with a colour-blind-friendly hue (Tableau 10).
KIND_COLOURS = {
    "statement": "#4e79a7",
    "accusation": "#b07aa1",
    "meeting": "#f28e2b",
    "visit": "#d4a017",
    "attack": "#e15759",
    "agreement": "#59a14f",
    "aid": "#76b7b2",
    "withdrawal": "#9c755f",
    "office": "#ff9da7",
    "event": "#79706e",
}
# PLOVER event categories (docs/graph.md `event_type`) → item kind.
_EVENT_TYPE_KINDS = {
    "ASSAULT": "attack", "COERCE": "attack", "MOBILIZE": "attack",
    "CONSULT": "meeting",
    "AGREE": "agreement", "COOPERATE": "agreement",
    "AID": "aid", "SUPPORT": "aid",
    "RETREAT": "withdrawal", "CONCEDE": "withdrawal",
    "ACCUSE": "accusation", "THREATEN": "accusation", "REJECT": "accusation",
}
# Predicates (English lemmas) that say more than their PLOVER category.
_PREDICATE_KINDS = {
    "visit": "visit", "travel": "visit", "arrive": "visit",
    "appoint": "office", "take_office": "office", "resign": "office", "succeed": "office",
    "elect": "office", "nominate": "office",
}
# Statements keep their own colour unless they accuse or threaten: "X hoped" is still speech.
_STATEMENT_SUBKINDS = {"accusation"}
_ROLE_PRIORITY = {"agent": 0, "addressee": 1, "target": 2, "": 3, "channel": 4, "location": 5}
_MOD_THIRDS = {"START": (0, 1), "MID": (1, 2), "END": (2, 3)}
_UNCERTAIN_MODS = {"APPROX", "BEFORE", "AFTER"}


def item_kind(claim_kind: str, event_type: str, predicate: str) -> str:
    """Colour class of a claim on the timeline.

    >>> item_kind("event", "CONSULT", "visit"), item_kind("event", "CONSULT", "meet")
    ('visit', 'meeting')
    >>> item_kind("statement", "SUPPORT", "hope"), item_kind("statement", "ACCUSE", "accuse")
    ('statement', 'accusation')
    """
    by_type = _EVENT_TYPE_KINDS.get(event_type.upper())
    if claim_kind == "statement":
        return by_type if by_type in _STATEMENT_SUBKINDS else "statement"
    return _PREDICATE_KINDS.get(predicate) or by_type or "event"


def lane_actor(speaker: str, participants: list[tuple[str, str]]) -> str:
    """The actor whose lane a claim is drawn in: the speaker, else the most central participant.

    >>> lane_actor("", [("actor:iraq", "location"), ("actor:isis", "agent")])
    'actor:isis'
    """
    if speaker:
        return speaker
    ranked = sorted(participants, key=lambda p: (_ROLE_PRIORITY.get(p[1], 3), p[0]))
    return ranked[0][0] if ranked else ""


def place(start: str, end: str, mod: str) -> dict | None:
    """The interval an item covers, `from`..`to` inclusive, or None when it cannot be placed.

    >>> place("2017-01-01", "2017-12-31", "END")
    {'from': '2017-09-01', 'to': '2017-12-31', 'uncertain': False}
    >>> place("2014-06-01", "2014-06-30", "APPROX")
    {'from': '2014-06-01', 'to': '2014-06-30', 'uncertain': True}
    >>> place("", "", "") is None
    True
    """
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end or start)
    except ValueError:
        return None
    if last < first:
        last = first
    if mod in _MOD_THIRDS:
        first, last = _third(first, last, *_MOD_THIRDS[mod])
    return {"from": first.isoformat(), "to": last.isoformat(), "uncertain": mod in _UNCERTAIN_MODS}


def _third(first: date, last: date, begin: int, end: int) -> tuple[date, date]:
    """Thirds `begin..end` of the interval; a calendar year's thirds are whole months."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        lo = date(first.year, 1 + 4 * begin, 1)  # Jan-Apr, May-Aug, Sep-Dec
        hi = date(first.year, 1 + 4 * end, 1) - timedelta(days=1) if end < 3 else last
        return lo, hi
    days = (last - first).days + 1
    lo = first + timedelta(days=days * begin // 3)
    hi = first + timedelta(days=days * end // 3 - 1)
    return lo, max(lo, hi)
