"""When a claim happened and how sure the text is of it: its dating timex and its status.

- A clause is dated by its timex before the verb (the last one), else the first after it.
  Events fall back to a timex earlier in the sentence (a sentence-initial adverbial scopes
  over coordinated clauses). A timex inside another quotation never dates a clause.
- Status from `modality.tsv`: negated (negative verb), hedged, planned (cue, present-tense
  event, or a date after the DCT), reported (an event inside a statement's content), else
  asserted; the strongest wins.
"""

from __future__ import annotations

from kg.extract.claim_document import ClaimDocument
from kg.extract.claim_verbs import VerbHit
from kg.model import TimeValue, Timex

_STATUS_RANK = {"negated": 0, "hedged": 1, "planned": 2, "reported": 3, "asserted": 4}
_UNDATING_VALUES = frozenset({"PRESENT_REF"})  # "now" dates an event, but a speech act is the DCT


def clause_timex(cd: ClaimDocument, start: int, verb: VerbHit, end: int, *, statement: bool) -> Timex | None:
    """The dating expression of a clause: the last one before the verb, else the first after."""
    found = _timexes_outside_other_quotes(cd, start, end, verb.span.start)
    if not found:  # most clauses
        return None
    if statement:
        found = [t for t in found if t.value.value not in _UNDATING_VALUES]
    before = [t for t in found if t.span.end <= verb.span.start]
    if before:
        return before[-1]
    return found[0] if found else None


def earlier_timex(cd: ClaimDocument, sentence_start: int, clause_start: int) -> Timex | None:
    """The first timex of the sentence before the clause (it scopes over the clauses after it)."""
    found = _timexes_outside_other_quotes(cd, sentence_start, clause_start, clause_start)
    return found[0] if found else None


def _timexes_outside_other_quotes(cd: ClaimDocument, start: int, end: int, anchor: int) -> list[Timex]:
    """Dating timexes in range that lie in no quotation, or in the one holding `anchor`."""
    found = cd.timexes.within(start, end)
    if not found:  # most clauses: no quotation to look up
        return found
    quote_at = cd.frame.quote_at
    own_quote = quote_at(anchor)
    return [t for t in found if quote_at(t.span.start) in (None, own_quote)]


def claim_status(cd: ClaimDocument, verb: VerbHit, frame_start: int, *, statement: bool, date: TimeValue | None) -> str:
    statuses = ["asserted", *_cue_statuses(cd, frame_start, verb.span.end, statement)]
    if verb.negated:
        statuses.append("negated")
    if not statement:
        statuses += _event_statuses(cd, verb, date)
    return min(statuses, key=_STATUS_RANK.__getitem__)


def _cue_statuses(cd: ClaimDocument, clause_start: int, clause_end: int, statement: bool) -> list[str]:
    """Statuses the modality cues of the clause set (a negated speech act is a negative verb's, not a cue's)."""
    pattern = cd.lexicon.cue_pattern
    if pattern is None:
        return []
    start, end = cd.norm_range(clause_start, clause_end)
    found = []
    for match in pattern.finditer(cd.norm.text, start, end):
        status = cd.lexicon.cues.get(" ".join(match.group().split()))
        if status and not (statement and status == "negated"):
            found.append(status)
    return found


def _event_statuses(cd: ClaimDocument, verb: VerbHit, date: TimeValue | None) -> list[str]:
    found = []
    if verb.tense == "present":
        found.append("planned")
    dct = cd.doc.dct
    if date is not None and date.start and dct and date.start > dct:
        found.append("planned")
    if cd.content_holding(verb.span.start) is not None:
        found.append("reported")
    return found
