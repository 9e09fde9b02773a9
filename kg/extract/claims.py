"""Claims: who said or did what, to whom, when, with the span it rests on (issue #5).

Data flow: verbs (`verbs.tsv`) → clauses → statements and events.

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

import bisect
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from kg.extract.claim_anaphora import anaphoric_events
from kg.extract.claim_anonymous import ANONYMOUS_ID, anonymous_source
from kg.extract.claim_frames import DocFrame
from kg.extract.claim_lexicon import WORD_START, ClaimLexicon, claim_lexicon, expand_optional  # noqa: F401
from kg.model import Actor, Claim, Document, Granularity, Mention, Span, TimeValue, Timex
from kg.text import NormalizedText, sentences

# Mention rules that only corefer (nationality adjectives): participants, never speakers.
WEAK_MENTION_RULES = frozenset({"demonym"})
CARRY_SENTENCES = 3  # a subject carries over at most this many sentences
ACCORDING_REACH = 6  # words after an according-to cue that can name its source
_STATUS_RANK = {"negated": 0, "hedged": 1, "planned": 2, "reported": 3, "asserted": 4}
_UNDATING_VALUES = frozenset({"PRESENT_REF"})  # "now" dates an event, but a speech act is the DCT


@dataclass(frozen=True, slots=True)
class VerbHit:
    span: Span  # in the original text
    predicate: str
    kind: str  # statement | event
    tense: str = ""
    negated: bool = False


def find_verbs(norm: NormalizedText, code: str) -> list[VerbHit]:
    """Speech and event verbs in the text, as spans of the original."""
    lexicon = claim_lexicon(code)
    text = norm.text
    hits = []
    end = 0
    for word in WORD_START.finditer(text):
        pos = word.start()
        pattern = lexicon.verbs.get(text[pos : pos + 2])
        if pos < end or pattern is None:
            continue
        match = pattern.match(text, pos)
        if match is None:
            continue
        entry = lexicon.verb_entries[int(match.lastgroup[1:])]
        span = norm.to_original(match.start(), match.end())
        hits.append(VerbHit(span, entry.predicate, entry.kind, entry.tense, entry.negated))
        end = match.end()
    return hits


def extract_claims(
    doc: Document,
    norm: NormalizedText,
    timexes: tuple[Timex, ...],
    mentions: tuple[Mention, ...],
    actor_types: dict[str, str],
) -> tuple[Claim, ...]:
    """Statements and events of one document (those named only by an anaphoric noun too), in text order."""
    lexicon = claim_lexicon(doc.lang)
    run = _Run(doc, norm, lexicon, timexes, mentions, actor_types)
    for number, sentence in enumerate(sentences(doc.text, doc.lang)):
        run.sentence(number, sentence)
    claims = tuple(Claim(id="", doc_id=doc.id, **draft) for draft in run.drafts)
    claims += anaphoric_events(doc, norm, claims, lexicon.event_types)
    return _numbered_in_text_order(doc, claims)


def claim_actors(claims: tuple[Claim, ...], lang: str) -> dict[str, Actor]:
    """Actors that claims name but no mention does: the anonymous source, when it speaks."""
    if any(claim.speaker == ANONYMOUS_ID for claim in claims):
        return {ANONYMOUS_ID: anonymous_source(lang)}
    return {}


def _numbered_in_text_order(doc: Document, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Claims sorted by span (stable: a clause's claims keep the order they were found in), with ids `doc#cN`."""
    ordered = sorted(claims, key=lambda c: (c.span.start, c.span.end))
    return tuple(replace(claim, id=f"{doc.id}#c{n}") for n, claim in enumerate(ordered))


class _Index:
    """Things with a `.span`, found by range in O(log n)."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: (x.span.start, x.span.end))
        self.starts = [x.span.start for x in self.items]

    def within(self, start: int, end: int) -> list:
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, lo=first)
        return [x for x in self.items[first:last] if x.span.end <= end]


@dataclass
class _Clause:
    start: int
    verb: VerbHit
    subject: str | None = None
    content: Span | None = None


@dataclass
class _Run:
    doc: Document
    norm: NormalizedText
    lexicon: ClaimLexicon
    timexes: tuple
    mentions: tuple
    types: dict
    drafts: list = field(default_factory=list)
    last_subject: tuple[int, str] | None = None  # (sentence number, actor id)

    def __post_init__(self) -> None:
        self.frame = DocFrame(self.doc.text, self.norm, self.lexicon, self.mentions)
        self.mentions_in = _Index(self.mentions)
        self.verbs_in = _Index(find_verbs(self.norm, self.doc.lang))
        dating = [t for t in self.timexes if _dates(t)]
        self.timexes_in = _Index(dating)
        self.dct = _day_value(self.doc.dct) if self.doc.dct else None
        self.contents: list[Span] = []  # statement contents so far (events inside are reported)
        self.according_phrases: list[Span] = []  # `بەپێی X` of the current sentence: X is no subject

    # ------------------------------------------------------------------ per sentence

    def sentence(self, number: int, sentence: Span) -> None:
        sources = self._according_sources(sentence)
        self.according_phrases = [Span(cue.start, end) for cue, _speaker, end in sources]
        verbs = self.verbs_in.within(sentence.start, sentence.end)
        clauses: list[_Clause] = []
        start = sentence.start
        for verb in verbs:
            if clauses and verb.span.start < clauses[-1].verb.span.end:
                continue
            inside = self._content_holding(verb.span.start)
            clause_start = max(start, inside.start) if inside else start
            clauses.append(_Clause(clause_start, verb))
            start = verb.span.end
        covered: list[Span] = []
        previous_subject = None
        for clause in clauses:
            span = self._clause(number, sentence, clause, previous_subject)
            if span is not None:
                covered.append(span)
            previous_subject = clause.subject or previous_subject
        covered += self._according(sentence, sources)
        covered += self._headline(sentence)
        self._dated_rest(sentence, covered)

    def _after_colon(self, start: int, end: int) -> int:
        """A colon outside quotations closes what came before it (`X: …` headlines, lists)."""
        colon = self.doc.text.rfind(":", start, end)
        while colon >= 0 and self.frame.quote_at(colon) is not None:
            colon = self.doc.text.rfind(":", start, colon)
        return colon + 1 if colon >= 0 else start

    def _content_holding(self, offset: int) -> Span | None:
        for content in reversed(self.contents[-4:]):
            if content.start <= offset < content.end:
                return content
        return None

    def _clause(self, number, sentence, clause: _Clause, previous_subject) -> Span | None:
        verb = clause.verb
        frame_start = _skip_space(self.doc.text, self._after_colon(clause.start, verb.span.start), verb.span.start)
        in_frame = [
            m for m in self.mentions_in.within(frame_start, verb.span.end)  # a gapped verb holds its object
            if self.frame.quote_at(m.span.start) is None or self._content_holding(verb.span.start)
        ]
        subject, anonymous_at = self._subject(in_frame, frame_start, verb.span.start)
        if anonymous_at is not None and (subject is None or anonymous_at < subject[0]):
            subject = (anonymous_at, ANONYMOUS_ID)
        subject_id = subject[1] if subject else None
        if subject is None:  # no overt subject: the clause before, or the one named before
            subject_id = previous_subject or self._carried(number)
        clause.subject = subject_id
        reported = self._content_holding(verb.span.start) is not None
        if subject_id and subject_id != ANONYMOUS_ID and not reported:
            self.last_subject = (number, subject_id)
        if verb.kind == "statement":
            return self._statement(sentence, clause, frame_start, in_frame)
        return self._event(sentence, clause, frame_start, in_frame)

    def _subject(self, in_frame, frame_start, verb_start) -> tuple[tuple[int, str] | None, int | None]:
        """The first ungoverned strong mention, and where an unnamed-source noun stands.

        A name coordinated (و) with a governed name is governed too; without an ungoverned
        name, the possessor of a statement noun (ڕاگەیەندراوی X, لێدوانی X) is the source.
        """
        subject = source = None
        governed_end = None
        for m in in_frame:
            if self._in_according(m.span.start):
                continue
            gov = self.frame.government(m, frame_start)
            free = gov.role is None and not gov.genitive
            if free and governed_end is not None and self._conjoined(governed_end, m.span.start):
                free = False
            if not free:
                governed_end = m.span.end
                if source is None and gov.head in self.lexicon.statement_nouns:
                    source = (m.span.start, m.actor_key)
                continue
            governed_end = None
            if m.rule in WEAK_MENTION_RULES:
                continue
            subject = (m.span.start, m.actor_key)
            break
        anonymous_at = None
        for start, _end, word in self.frame.words_between(frame_start, verb_start):
            if word in self.lexicon.anonymous and not self._in_according(start):
                anonymous_at = start
                break
        if source is not None and subject is None:
            return source, anonymous_at
        definite = self._definite_subject(frame_start, subject[0] if subject else verb_start)
        if definite is not None:
            return definite, anonymous_at
        return subject, anonymous_at

    def _definite_subject(self, frame_start: int, before: int) -> tuple[int, str | None] | None:
        """A definite common noun heading the clause before any free name (کەناڵەکە دەڵێت).

        It is the subject; it refers back to the actor last named with the same head noun
        (کەناڵی X … کەناڵەکە), else to no one known (never to a later name in the clause).
        """
        words = self.frame.words_between(frame_start, before)
        for k, (start, end, word) in enumerate(words):
            if start in self.frame.mention_starts or self.timexes_in.within(start, end + 1):
                continue
            if self.frame.quote_at(start) is not None:
                continue
            if word in self.lexicon.anonymous or word in self.lexicon.pronouns:
                return None
            stem = next((word[: -len(f)] for f in self.lexicon.definite if word.endswith(f)), None)
            if stem is None or len(stem) < 3:
                continue
            previous = words[k - 1][2] if k else ""
            if previous in self.lexicon.prepositions or previous.endswith("ی"):
                continue
            return start, self.frame.named_with_head(stem, start)
        return None

    def _conjoined(self, previous_end: int, start: int) -> bool:
        between = self.frame.words_between(previous_end, start)
        return len(between) == 1 and between[0][2] in self.lexicon.conjunctions

    def _carried(self, number: int) -> str | None:
        if self.last_subject and number - self.last_subject[0] <= CARRY_SENTENCES:
            return self.last_subject[1]
        return None

    # ------------------------------------------------------------------ statements

    def _statement(self, sentence, clause: _Clause, frame_start, in_frame) -> Span:
        """A speech act; returns the frame (its content stays open to reported events)."""
        verb = clause.verb
        content = self.frame.content_after(verb.span.end, sentence)
        if content is None:  # «…»، X گوتی: the quotation before the verb
            before = self.frame.quotes_within(frame_start, verb.span.start)
            if before:
                content = Span(before[-1][0] + 1, before[-1][1])
        clause.content = content
        if content is not None:
            self.contents.append(content)
        end = max(verb.span.end, content.end if content else 0)
        span = Span(frame_start, end)
        roles = self._roles(in_frame, frame_start, clause.subject, statement=True)
        timex = self._timex(frame_start, verb.span.start, verb.span.start, statement=True)
        inner = self.mentions_in.within(content.start, content.end) if content else []
        status = self._status(clause, frame_start, statement=True, date=timex.value if timex else None)
        self._add(
            kind="statement", verb=verb, speaker=clause.subject, span=span, content=content,
            mentions=in_frame + inner, roles=roles, timex=timex, status=status,
            fallback=self.dct, rule="statement_verb",
        )
        return Span(frame_start, verb.span.end)

    def _according_sources(self, sentence: Span) -> list[tuple[Span, str | None, int]]:
        """(cue, speaker, end of the source phrase) of each `بەپێی X، …` in the sentence."""
        if self.lexicon.according is None:
            return []
        found = []
        norm_start, norm_end = _norm_range(self.norm, sentence)
        for match in self.lexicon.according.finditer(self.norm.text, norm_start, norm_end):
            cue = self.norm.to_original(match.start(), match.end())
            source = self._according_source(cue.end, sentence.end)
            if source is not None:
                found.append((cue, *source))
        return found

    def _according_source(self, cue_end: int, sentence_end: int) -> tuple[str | None, int] | None:
        """The source right after an according-to cue, and where its phrase ends.

        The phrase ends at the first clause mark (the comma before the reported clause) or
        after ACCORDING_REACH words; its source is whichever comes first in it: a strong
        mention or an unnamed-source noun (`بەپێی سەرچاوەیەکی باڵا، عێراق …`: not Iraq). A
        phrase closed by a clause mark that names neither (`بە گوتەی ڕاوێژکارە سیاسییەکە، …`)
        still introduces a source, one the text does not name: the speaker is unknown.
        """
        words = self.frame.words_between(cue_end, sentence_end)[: ACCORDING_REACH + 1]
        closed = next((k for k, w in enumerate(words) if _is_clause_mark(w[2])), None)
        words = words[:closed] if closed is not None else words[:ACCORDING_REACH]
        if not words:
            return None
        phrase_end = words[-1][1]
        mention = next(
            (m for m in self.mentions_in.within(cue_end, phrase_end) if m.rule not in WEAK_MENTION_RULES), None
        )
        anonymous = next((w for w in words if w[2] in self.lexicon.anonymous), None)
        if anonymous is not None and (mention is None or anonymous[0] < mention.span.start):
            return ANONYMOUS_ID, phrase_end
        if mention is not None:
            return mention.actor_key, mention.span.end
        return (None, phrase_end) if closed is not None else None

    def _in_according(self, offset: int) -> bool:
        return any(phrase.start <= offset < phrase.end for phrase in self.according_phrases)

    def _according(self, sentence: Span, sources: list[tuple[Span, str | None, int]]) -> list[Span]:
        """`بەپێی X، …` / `بە گوتەی X`: X is the source of the rest of the sentence."""
        spans = []
        text = self.doc.text
        for cue, speaker, source_end in sources:
            mark = next(
                (w for w in self.frame.words_between(source_end, sentence.end) if _is_clause_mark(w[2])), None
            )
            begin = _skip_space(text, mark[1] if mark else source_end, sentence.end)
            content = Span(begin, _trim_end(text, begin, sentence.end))
            span = Span(cue.start, sentence.end)
            self._add(
                kind="statement", verb=VerbHit(cue, "say", "statement"), speaker=speaker, span=span,
                content=content if content.start < content.end else None,
                mentions=self.mentions_in.within(cue.start, sentence.end), roles=[],
                timex=None, status="reported", fallback=self.dct, rule="according_to",
            )
            spans.append(span)
        return spans

    def _headline(self, sentence) -> list[Span]:
        """`X: …` at the start of a sentence (news headlines): X says what follows."""
        first = self.mentions_in.within(sentence.start, sentence.end)[:1]
        if not first or first[0].rule in WEAK_MENTION_RULES:
            return []
        m = first[0]
        text = self.doc.text
        if _skip_space(text, sentence.start, m.span.start) != m.span.start:
            return []
        colon = _skip_space(text, m.span.end, sentence.end)
        if colon >= sentence.end or text[colon] != ":":
            return []
        begin = _skip_space(text, colon + 1, sentence.end)
        content = Span(begin, _trim_end(text, begin, sentence.end))
        span = Span(sentence.start, sentence.end)
        self._add(
            kind="statement", verb=VerbHit(Span(colon, colon + 1), "say", "statement"), speaker=m.actor_key,
            span=span, content=content, mentions=self.mentions_in.within(sentence.start, sentence.end),
            roles=[(m.actor_key, "agent")], timex=None, status="asserted", fallback=self.dct, rule="headline_colon",
        )
        return [span]

    # ------------------------------------------------------------------ events

    def _event(self, sentence, clause: _Clause, frame_start, in_frame) -> Span | None:
        verb = clause.verb
        span = Span(frame_start, verb.span.end)
        # unnamed sources report events; they are not a party to them (nor one actor)
        agent = None if clause.subject == ANONYMOUS_ID else clause.subject
        if not in_frame and agent is None:
            return None  # an event needs at least one actor
        roles = self._roles(in_frame, frame_start, agent, statement=False)
        timex = self._timex(frame_start, verb.span.start, verb.span.end, statement=False)
        if timex is None:
            timex = self._earlier_timex(sentence.start, frame_start)
        status = self._status(clause, frame_start, statement=False, date=timex.value if timex else None)
        self._add(
            kind="event", verb=verb, speaker=None, span=span, content=None, mentions=in_frame,
            roles=roles, timex=timex, status=status, fallback=None, rule="event_verb", agent=agent,
        )
        return span

    def _dated_rest(self, sentence: Span, covered: list[Span]) -> None:
        """Parts of the sentence outside every claim that still name an actor and a date."""
        start = sentence.start
        pieces = []
        for span in sorted(covered, key=lambda s: s.start):
            if span.start > start:
                pieces.append(Span(start, span.start))
            start = max(start, span.end)
        if start < sentence.end:
            pieces.append(Span(start, sentence.end))
        text = self.doc.text
        for piece in pieces:
            mentions = self.mentions_in.within(piece.start, piece.end)
            dated = self.timexes_in.within(piece.start, piece.end)
            if not mentions or not dated:
                continue
            begin = _skip_space(text, piece.start, piece.end)
            while begin < piece.end and not text[begin].isalnum():
                begin += 1
            end = piece.end
            while end > begin and text[end - 1].isspace():
                end -= 1
            self._add(
                kind="event", verb=None, speaker=None, span=Span(begin, end), content=None,
                mentions=mentions, roles=[], timex=dated[0], fallback=None, rule="clause_with_date",
                status="reported" if self._content_holding(begin) is not None else "asserted",
            )

    # ------------------------------------------------------------------ roles, dates, status

    def _roles(self, in_frame, frame_start, subject, *, statement) -> list[tuple[str, str]]:
        roles = [(subject, "agent")] if subject else []
        for m in in_frame:
            if m.actor_key == subject or m.rule in WEAK_MENTION_RULES:
                continue
            gov = self.frame.government(m, frame_start)
            role = gov.role
            if role is None and self.frame.channel_before(m.span.start, frame_start):
                role = "channel"
            if role == "target" and self.frame.channel_before(m.span.start, frame_start, reach=2):
                role = "channel"  # لە هەڤپەیڤینێکدا لەگەڵ X
            if statement:
                if role in ("addressee", "channel"):
                    roles.append((m.actor_key, role))
                continue
            place = self.types.get(m.actor_key) in ("GPE", "LOC")
            if role == "addressee":
                role = "target"
            if role == "location" and not place:
                role = "target"
            if role is None and place:
                role = "location"  # the place visited or struck: سەردانی تارانی کرد
            roles.append((m.actor_key, role or "target"))
        return list(dict.fromkeys(roles))

    def _timex(self, start, verb_start, end, *, statement) -> Timex | None:
        """The dating expression of a clause: the last one before the verb, else the first after."""
        own_quote = self.frame.quote_at(verb_start)
        found = [
            t for t in self.timexes_in.within(start, end)
            if self.frame.quote_at(t.span.start) in (None, own_quote)
            and not (statement and t.value.value in _UNDATING_VALUES)
        ]
        before = [t for t in found if t.span.end <= verb_start]
        if before:
            return before[-1]
        return found[0] if found else None

    def _earlier_timex(self, sentence_start, clause_start) -> Timex | None:
        own_quote = self.frame.quote_at(clause_start)
        found = [
            t for t in self.timexes_in.within(sentence_start, clause_start)
            if self.frame.quote_at(t.span.start) in (None, own_quote)
        ]
        return found[0] if found else None

    def _status(self, clause: _Clause, frame_start, *, statement, date) -> str:
        verb = clause.verb
        statuses = ["asserted"]
        if verb.negated:
            statuses.append("negated")
        pattern = self.lexicon.cue_pattern
        if pattern is not None:
            start, end = _norm_range(self.norm, Span(frame_start, verb.span.end))
            for match in pattern.finditer(self.norm.text, start, end):
                status = self.lexicon.cues.get(" ".join(match.group().split()))
                if status and not (statement and status == "negated"):
                    statuses.append(status)
        if not statement:
            if verb.tense == "present":
                statuses.append("planned")
            if date is not None and date.start and self.doc.dct and date.start > self.doc.dct:
                statuses.append("planned")
            if self._content_holding(verb.span.start) is not None:
                statuses.append("reported")
        return min(statuses, key=_STATUS_RANK.__getitem__)

    # ------------------------------------------------------------------ output

    def _add(self, *, kind, verb, speaker, span, content, mentions, roles, timex, status, fallback, rule, agent=None):
        participants = [speaker or agent] if (speaker or agent) else []
        participants += [m.actor_key for m in mentions]
        self.drafts.append(
            {
                "kind": kind,
                "predicate": verb.predicate if verb else "",
                "speaker": speaker,
                "participants": tuple(dict.fromkeys(p for p in participants if p)),
                "span": span,
                "text": self.doc.text[span.start : span.end],
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


def _dates(timex: Timex) -> bool:
    """Whether a timex can date a claim: a resolved point or period, not a duration or a set."""
    value = timex.value.value if timex.value else None
    duration = value is not None and value.startswith("P") and not value.endswith("_REF")
    return bool(value) and timex.type in ("DATE", "TIME") and not duration


def _is_clause_mark(token: str) -> bool:
    """A comma, colon or semicolon of any script (by Unicode name: ، ; ؛ , :)."""
    return len(token) == 1 and any(k in unicodedata.name(token, "") for k in ("COMMA", "COLON"))


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in "،,."):
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?؟"):
        end -= 1
    return end


def _norm_range(norm: NormalizedText, span: Span) -> tuple[int, int]:
    """Normalised offsets covering an original span (the offset map is monotonic)."""
    start = bisect.bisect_left(norm.offsets, span.start, 0, len(norm.text))
    end = bisect.bisect_left(norm.offsets, span.end, start, len(norm.text))
    return start, end


def _day_value(day: date) -> TimeValue:
    return TimeValue(value=day.isoformat(), granularity=Granularity.DAY, start=day, end=day, anchor="dct")
