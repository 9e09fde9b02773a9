"""Statements: speech acts framed by a verb, an according-to phrase, or a headline colon.

- A speech verb's content is the quotation it opens (even over several sentences), the
  clause after `،` / `:` / `کە`, or a quotation before the verb when nothing follows. It is
  dated by its clause, else by the document date (news reports speech of the day of
  publication or the day before: the DCT is the fair default).
- `بەپێی X، …` / `بە گوتەی X، …`: X is the source of the rest of the sentence (reported).
- `X: …` at the start of a sentence (news headlines): X says what follows.
"""

from __future__ import annotations

from kg.extract.claim_anonymous import ANONYMOUS_ID
from kg.extract.claim_dating import claim_status, clause_timex
from kg.extract.claim_document import WEAK_MENTION_RULES, ClaimDocument, Clause
from kg.extract.claim_frames import is_clause_mark, skip_space, trim_end
from kg.extract.claim_roles import clause_roles
from kg.extract.claim_verbs import VerbHit
from kg.model import Span

ACCORDING_REACH = 6  # words after an according-to cue that can name its source

#: (cue span, speaker or None when unnamed, end of the source phrase)
AccordingSource = tuple[Span, "str | None", int]


def add_statement(cd: ClaimDocument, sentence: Span, clause: Clause, frame_start: int, in_frame) -> tuple[int, int]:
    """A speech act; returns (start, end) of its frame (its content stays open to reported events)."""
    verb = clause.verb
    content = _content(cd, sentence, verb, frame_start)
    clause.content = content
    if content is not None:
        cd.contents.append(content)
    timex = clause_timex(cd, frame_start, verb, verb.span.start, statement=True)
    cd.add(
        kind="statement", verb=verb, speaker=clause.subject,
        span=Span(frame_start, max(verb.span.end, content.end if content else 0)), content=content,
        mentions=in_frame + (cd.mentions.within(content.start, content.end) if content else []),
        roles=clause_roles(cd, in_frame, frame_start, clause.subject, statement=True), timex=timex,
        status=claim_status(cd, verb, frame_start, statement=True, date=timex.value if timex else None),
        fallback=cd.dct, rule="statement_verb",
    )
    return frame_start, verb.span.end


def _content(cd: ClaimDocument, sentence: Span, verb: VerbHit, frame_start: int) -> Span | None:
    content = cd.frame.content_after(verb.span.end, sentence)
    if content is not None:
        return content
    before = cd.frame.quotes_within(frame_start, verb.span.start)  # «…»، X گوتی
    return Span(before[-1][0] + 1, before[-1][1]) if before else None


def according_sources(cd: ClaimDocument, sentence: Span) -> list[AccordingSource]:
    """Each `بەپێی X، …` of the sentence that names a source (or a source it leaves unnamed)."""
    found = []
    for cue in cd.according_cues_within(sentence):
        source = _according_source(cd, cue.end, sentence.end)
        if source is not None:
            found.append((cue, *source))
    return found


def _according_source(cd: ClaimDocument, cue_end: int, sentence_end: int) -> tuple[str | None, int] | None:
    """The source right after an according-to cue, and where its phrase ends.

    The phrase ends at the first clause mark (the comma before the reported clause) or
    after ACCORDING_REACH words; its source is whichever comes first in it: a strong
    mention or an unnamed-source noun (`بەپێی سەرچاوەیەکی باڵا، عێراق …`: not Iraq). A
    phrase closed by a clause mark that names neither (`بە گوتەی ڕاوێژکارە سیاسییەکە، …`)
    still introduces a source, one the text does not name: the speaker is unknown.
    """
    words = cd.frame.words_between(cue_end, sentence_end)[: ACCORDING_REACH + 1]
    closed = next((k for k, w in enumerate(words) if is_clause_mark(w[2])), None)
    words = words[:closed] if closed is not None else words[:ACCORDING_REACH]
    if not words:
        return None
    phrase_end = words[-1][1]
    mention = next(iter(cd.strong_mentions(cue_end, phrase_end)), None)
    anonymous = next((w for w in words if w[2] in cd.lexicon.anonymous), None)
    if anonymous is not None and (mention is None or anonymous[0] < mention.span.start):
        return ANONYMOUS_ID, phrase_end
    if mention is not None:
        return mention.actor_key, mention.span.end
    return (None, phrase_end) if closed is not None else None


def add_according(cd: ClaimDocument, sentence: Span, sources: list[AccordingSource]) -> list[tuple[int, int]]:
    """A reported statement per according-to source: its content is the clause after the comma."""
    spans = []
    for cue, speaker, source_end in sources:
        mark = next((w for w in cd.frame.words_between(source_end, sentence.end) if is_clause_mark(w[2])), None)
        begin = skip_space(cd.text, mark[1] if mark else source_end, sentence.end)
        content = Span(begin, trim_end(cd.text, begin, sentence.end))
        span = Span(cue.start, sentence.end)
        cd.add(
            kind="statement", verb=VerbHit(cue, "say", "statement"), speaker=speaker, span=span,
            content=content if content.start < content.end else None,
            mentions=cd.mentions.within(cue.start, sentence.end), roles=[],
            timex=None, status="reported", fallback=cd.dct, rule="according_to",
        )
        spans.append((span.start, span.end))
    return spans


def add_headline(cd: ClaimDocument, sentence: Span) -> list[tuple[int, int]]:
    """`X: …` at the start of a sentence (news headlines): X says what follows."""
    m = cd.mentions.first_within(sentence.start, sentence.end)
    if m is None or m.rule in WEAK_MENTION_RULES:
        return []
    text = cd.text
    if skip_space(text, sentence.start, m.span.start) != m.span.start:
        return []
    colon = skip_space(text, m.span.end, sentence.end)
    if colon >= sentence.end or text[colon] != ":":
        return []
    begin = skip_space(text, colon + 1, sentence.end)
    span = Span(sentence.start, sentence.end)
    cd.add(
        kind="statement", verb=VerbHit(Span(colon, colon + 1), "say", "statement"), speaker=m.actor_key,
        span=span, content=Span(begin, trim_end(text, begin, sentence.end)),
        mentions=cd.mentions.within(sentence.start, sentence.end),
        roles=[(m.actor_key, "agent")], timex=None, status="asserted", fallback=cd.dct, rule="headline_colon",
    )
    return [(span.start, span.end)]
