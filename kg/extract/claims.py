"""Claims: who said or did what, to whom, when, with the span it rests on (issue #5).

Data flow: verbs (`verbs.tsv`) → clauses → statements and events. This module cuts
sentences into clauses and frames events; the other steps are their own modules:
`claim_subjects` (who), `claim_roles` (the other actors), `claim_statements` (speech
acts, according-to phrases, headlines), `claim_dating` (date and status),
`claim_document` (the document as they all read it), `claim_anaphora`.

- Sorani is verb-final, so a sentence is cut into clauses at its claim verbs: a clause
  runs from the end of the previous claim verb (or the sentence start) to its verb.
- A statement's speaker is the first actor of its clause that no preposition governs
  and that is not a possessor after an ezafe word (`claim_frames`); an unnamed source
  noun (`سەرچاوەکان`) makes the speaker `anonymous_source`; a clause with no subject of
  its own takes the subject of the clause before it in the sentence, then the subject
  named in the last three sentences (`ئەو گوتی`, `گوتیشی`: news names a speaker once).
- Its content is the quotation the verb opens (even over several sentences), the
  clause after `،` / `:` / `کە`, or a quotation before the verb when nothing follows.
- An according-to phrase (`بەپێی X`) and a headline `X: …` are statements too.
- Events take the clause of an event verb; the agent is the subject as above, other
  actors get roles from their prepositions (target, location, addressee, channel).
- Dates: the timex in the clause, preferring the one before the verb. Events fall
  back to a timex earlier in the sentence (a sentence-initial adverbial scopes over
  coordinated clauses); statements fall back to the document date (anchor "dct"),
  for present and past speech alike (news reports speech of the day of publication
  or the day before; the DCT is the fair default), and `reported` is always the DCT.
- Status from `modality.tsv`: negated (negative verb), hedged, planned (cue, present
  tense event, or a date after the DCT), reported (an event inside a statement's
  content, or an according-to statement), else asserted.
- A sentence with an actor and a date but no claim verb stays an event (clause_with_date).
- Events named only by an anaphoric noun (`ئەو کۆبوونەوەیە`, `claim_anaphora`) join them, and
  all claims are numbered in text order; `claim_actors` gives the actors only claims name.

Data flows one way: this module reads timexes and linked mentions; it never changes them.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.claim_anaphora import anaphoric_events
from kg.extract.claim_anonymous import ANONYMOUS_ID, anonymous_source
from kg.extract.claim_dating import claim_status, clause_timex, earlier_timex
from kg.extract.claim_document import WEAK_MENTION_RULES, ClaimDocument, Clause
from kg.extract.claim_frames import skip_space, trim_end
from kg.extract.claim_lexicon import claim_lexicon
from kg.extract.claim_roles import clause_roles
from kg.extract.claim_statements import (
    according_sources,
    add_according,
    add_headline,
    add_statement,
)
from kg.extract.claim_subjects import clause_subject
from kg.extract.claim_verbs import VerbHit, find_verbs
from kg.model import Actor, Claim, Document, Mention, Span, Timex
from kg.text import NormalizedText, sentences

__all__ = [
    "ANONYMOUS_ID", "WEAK_MENTION_RULES", "VerbHit", "anonymous_source", "claim_actors", "extract_claims", "find_verbs",
]

CARRY_SENTENCES = 3  # a subject carries over at most this many sentences


def extract_claims(
    doc: Document,
    norm: NormalizedText,
    timexes: tuple[Timex, ...],
    mentions: tuple[Mention, ...],
    actor_types: dict[str, str],
) -> tuple[Claim, ...]:
    """Statements and events of one document (those named only by an anaphoric noun too), in text order."""
    lexicon = claim_lexicon(doc.lang)
    cd = ClaimDocument.read(doc, norm, lexicon, timexes, mentions, actor_types)
    reader = _SentenceReader(cd)
    for number, sentence in enumerate(sentences(doc.text, doc.lang)):
        reader.read(number, sentence)
    drafts = sorted(cd.drafts, key=lambda d: (d["span"].start, d["span"].end))
    claims = tuple(Claim(id=f"{doc.id}#c{n}", doc_id=doc.id, **draft) for n, draft in enumerate(drafts))
    anaphoric = anaphoric_events(doc, norm, claims, lexicon.event_types)
    return _numbered_in_text_order(doc, claims + anaphoric) if anaphoric else claims


def claim_actors(claims: tuple[Claim, ...], lang: str) -> dict[str, Actor]:
    """Actors that claims name but no mention does: the anonymous source, when it speaks."""
    if any(claim.speaker == ANONYMOUS_ID for claim in claims):
        return {ANONYMOUS_ID: anonymous_source(lang)}
    return {}


def _numbered_in_text_order(doc: Document, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Claims sorted by span (stable: a clause's claims keep the order they were found in), with ids `doc#cN`."""
    ordered = sorted(claims, key=lambda c: (c.span.start, c.span.end))
    return tuple(replace(claim, id=f"{doc.id}#c{n}") for n, claim in enumerate(ordered))


class _SentenceReader:
    """Reads sentences in order: a subject named in one carries over to the next few."""

    def __init__(self, cd: ClaimDocument) -> None:
        self.cd = cd
        self.last_subject: tuple[int, str] | None = None  # (sentence number, actor id)

    def read(self, number: int, sentence: Span) -> None:
        sources = according_sources(self.cd, sentence)
        according = [Span(cue.start, end) for cue, _speaker, end in sources]
        covered: list[tuple[int, int]] = []  # (start, end) of what the claims found so far rest on
        previous_subject = None
        for clause in self._clauses(sentence):
            span = self._clause(number, sentence, clause, previous_subject, according)
            if span is not None:
                covered.append(span)
            previous_subject = clause.subject or previous_subject
        covered += add_according(self.cd, sentence, sources)
        covered += add_headline(self.cd, sentence)
        _add_dated_rest(self.cd, sentence, covered)

    def _clauses(self, sentence: Span) -> list[Clause]:
        """The sentence cut at its claim verbs; a clause inside a statement's content starts no earlier than it."""
        clauses: list[Clause] = []
        start = sentence.start
        for verb in self.cd.verbs.within(sentence.start, sentence.end):
            if clauses and verb.span.start < clauses[-1].verb.span.end:
                continue
            inside = self.cd.content_holding(verb.span.start)
            clauses.append(Clause(max(start, inside.start) if inside else start, verb))
            start = verb.span.end
        return clauses

    def _clause(self, number, sentence, clause: Clause, previous_subject, according) -> tuple[int, int] | None:
        verb = clause.verb
        frame_start = skip_space(self.cd.text, self._after_colon(clause.start, verb.span.start), verb.span.start)
        reported = self.cd.content_holding(verb.span.start) is not None
        in_frame = self._frame_mentions(frame_start, verb, reported)
        subject = clause_subject(self.cd, in_frame, frame_start, verb.span.start, according)
        if subject is None:  # no overt subject: the clause before, or the one named before
            clause.subject = previous_subject or self._carried(number)
        else:
            clause.subject = subject[1]
        if clause.subject and clause.subject != ANONYMOUS_ID and not reported:
            self.last_subject = (number, clause.subject)
        if verb.kind == "statement":
            return add_statement(self.cd, sentence, clause, frame_start, in_frame)
        return _add_event(self.cd, sentence, clause, frame_start, in_frame)

    def _frame_mentions(self, frame_start: int, verb: VerbHit, inside_content: bool) -> list[Mention]:
        """Mentions of the clause up to its verb's end (a gapped verb holds its object), quoted ones
        only when the verb itself is inside a statement's content."""
        mentions = self.cd.mentions.within(frame_start, verb.span.end)
        if inside_content or not mentions:
            return mentions
        quote_at = self.cd.frame.quote_at
        return [m for m in mentions if quote_at(m.span.start) is None]

    def _after_colon(self, start: int, end: int) -> int:
        """A colon outside quotations closes what came before it (`X: …` headlines, lists)."""
        text = self.cd.text
        colon = text.rfind(":", start, end)
        while colon >= 0 and self.cd.frame.quote_at(colon) is not None:
            colon = text.rfind(":", start, colon)
        return colon + 1 if colon >= 0 else start

    def _carried(self, number: int) -> str | None:
        if self.last_subject and number - self.last_subject[0] <= CARRY_SENTENCES:
            return self.last_subject[1]
        return None


def _add_event(cd: ClaimDocument, sentence: Span, clause: Clause, frame_start: int, in_frame) -> tuple[int, int] | None:
    """An event verb's clause; its subject is the agent, dated by the clause or an earlier timex."""
    verb = clause.verb
    # unnamed sources report events; they are not a party to them (nor one actor)
    agent = None if clause.subject == ANONYMOUS_ID else clause.subject
    if not in_frame and agent is None:
        return None  # an event needs at least one actor
    timex = clause_timex(cd, frame_start, verb, verb.span.end, statement=False)
    if timex is None:
        timex = earlier_timex(cd, sentence.start, frame_start)
    span = Span(frame_start, verb.span.end)
    cd.add(
        kind="event", verb=verb, speaker=None, span=span, content=None, mentions=in_frame,
        roles=clause_roles(cd, in_frame, frame_start, agent, statement=False), timex=timex,
        status=claim_status(cd, verb, frame_start, statement=False, date=timex.value if timex else None),
        fallback=None, rule="event_verb", agent=agent,
    )
    return frame_start, verb.span.end


def _add_dated_rest(cd: ClaimDocument, sentence: Span, covered: list[tuple[int, int]]) -> None:
    """Parts of the sentence outside every claim that still name an actor and a date."""
    for piece_start, piece_end in _uncovered(sentence, covered):
        dated = cd.timexes.within(piece_start, piece_end)  # the rarer of the two: asked first
        mentions = cd.mentions.within(piece_start, piece_end) if dated else []
        if not mentions or not dated:
            continue
        begin = skip_space(cd.text, piece_start, piece_end)
        while begin < piece_end and not cd.text[begin].isalnum():
            begin += 1
        end = trim_end(cd.text, begin, piece_end)
        cd.add(
            kind="event", verb=None, speaker=None, span=Span(begin, end), content=None,
            mentions=mentions, roles=[], timex=dated[0], fallback=None, rule="clause_with_date",
            status="reported" if cd.content_holding(begin) is not None else "asserted",
        )


def _uncovered(sentence: Span, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the parts of the sentence no (start, end) of `covered` holds."""
    start = sentence.start
    pieces = []
    for span_start, span_end in sorted(covered) if len(covered) > 1 else covered:
        if span_start > start:
            pieces.append((start, span_start))
        start = max(start, span_end)
    if start < sentence.end:
        pieces.append((start, sentence.end))
    return pieces
