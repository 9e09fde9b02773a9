"""Events named only by an anaphoric noun: `ئەو کۆبوونەوەیە` ("that meeting").

News often reports what was said at a meeting (`X بە Y-ی ڕاگەیاند`, X told Y) and names the
meeting itself only afterwards, with a demonstrative or definite noun. Such a noun, outside
any quotation, with no event of its kind already extracted before it, becomes an event
whose participants are the speaker and the addressee of the nearest earlier statement
that has both, dated as that statement. Nouns and the demonstrative frame are data
(`event_anaphora.tsv`); the definite suffixes are the claim lexicon's (`clitics.tsv`).
"""

from __future__ import annotations

import functools
import re

from kg import lang as langdata
from kg.extract.claim_anonymous import ANONYMOUS_ID
from kg.extract.claim_lexicon import ReadingsFinder, WordFinder, claim_lexicon, either
from kg.model import Claim, Document, Span
from kg.text import NOT_LETTER_AFTER, NormalizedText, sentences

RULE = "event_anaphora"
NOT_PARTICIPANTS = frozenset({ANONYMOUS_ID})  # many unnamed people, not a party to a meeting
TABLE = "event_anaphora.tsv"
_NOUN_GROUPS = ("demonstrated", "definite")  # the noun after ئەو/ئەم …, the noun before ـەکە


@functools.cache
def _pattern(code: str, definite: tuple[str, ...]) -> tuple[ReadingsFinder | None, dict[str, str]]:
    """The anaphoric event nouns of a language as one finder of its readings, and each noun's predicate.

    No pattern (so no events) when the language has no such table or no noun rows; a
    reading whose frame words are missing (no determiners, no definite suffixes) is left out
    rather than let a bare noun match.
    """
    data = langdata.load(code)
    if not data.has(TABLE):
        return None, {}
    rows = data.table(TABLE)
    nouns = {r["form"]: r["predicate"] for r in rows if r["kind"] == "noun"}
    determiners = [r["form"] for r in rows if r["kind"] == "determiner"]
    closings = [r["form"] for r in rows if r["kind"] == "closing"]
    readings = []
    if nouns and determiners:
        readings.append(rf"(?:{either(determiners)})\s+(?P<demonstrated>{either(nouns)})(?:{either(closings)})")
    if nouns and definite:
        readings.append(rf"(?P<definite>{either(nouns)})(?:{either(definite)})")
    if not readings:
        return None, {}
    # at word starts; the readings apart, each with its own fast scan
    return ReadingsFinder(tuple(WordFinder(re.compile(rf"(?:{r}){NOT_LETTER_AFTER}")) for r in readings)), nouns


def anaphoric_events(doc: Document, norm: NormalizedText, claims: tuple[Claim, ...], event_types: dict[str, str]) -> tuple[Claim, ...]:
    """Claims for event nouns that refer back to a reported meeting or visit (see module doc)."""
    pattern, nouns = _pattern(doc.lang, claim_lexicon(doc.lang).definite)
    if pattern is None:
        return ()
    found: list[Claim] = []
    sentence_spans = sentences(doc.text, doc.lang)
    for match in pattern.finditer(norm.text):
        span = norm.to_original(match.start(), match.end())
        groups = match.groupdict()  # each reading names only its own noun group
        predicate = nouns[next(groups[g] for g in _NOUN_GROUPS if groups.get(g))]
        if _quoted(span, claims) or _already_reported(predicate, span, claims + tuple(found)):
            continue
        source = _nearest_dialogue(span, claims)
        if source is None:
            continue
        sentence = next((s for s in sentence_spans if s.contains(span)), span)
        found.append(_event(doc, len(claims) + len(found), sentence, predicate, source, event_types))
    return tuple(found)


def _quoted(span: Span, claims) -> bool:
    return any(c.content and c.content.contains(span) and c.kind == "statement" for c in claims)


def _already_reported(predicate: str, span: Span, claims) -> bool:
    return any(c.kind == "event" and c.predicate == predicate and c.span.start <= span.start for c in claims)


def _nearest_dialogue(span: Span, claims) -> Claim | None:
    """The last statement before `span` with a speaker and an addressee."""
    before = [c for c in claims if c.kind == "statement" and c.span.end <= span.start and _parties(c)]
    return max(before, key=lambda c: c.span.start, default=None)


def _parties(claim: Claim) -> tuple[str, ...]:
    addressees = [a for a, r in claim.participant_roles if r == "addressee"]
    if not claim.speaker or not addressees:
        return ()
    parties = (claim.speaker, *addressees)
    return () if set(parties) & NOT_PARTICIPANTS else parties


def _event(doc: Document, index: int, sentence: Span, predicate: str, source: Claim, event_types) -> Claim:
    parties = _parties(source)
    return Claim(
        id=f"{doc.id}#c{index}",
        doc_id=doc.id,
        kind="event",
        predicate=predicate,
        speaker=None,
        participants=parties,
        participant_roles=tuple((actor, "agent") for actor in parties),
        span=sentence,
        text=doc.text[sentence.start : sentence.end],
        date=source.date,
        timex_span=source.timex_span,
        event_type=event_types.get(predicate),
        reported=source.reported,
        rule=RULE,
    )
