"""Claims: who said or did what, in which sentence, dated by which expression.

First version (issue #2): a sentence becomes a claim when it names an actor and
either carries a temporal expression or a speech verb. The verb table
(`verbs.tsv`) decides statement vs event and names the predicate; the speaker
of a statement is the nearest actor mention before the verb.

Data flows one way: this module reads timexes and linked mentions; it never
changes them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date

from kg import lang as langdata
from kg.model import Claim, Document, Granularity, Mention, Span, Timex, TimeValue
from kg.text import NormalizedText, sentences

# Mention rules that only corefer (nationality adjectives): participants, never speakers.
WEAK_MENTION_RULES = frozenset({"demonym"})
SPEAKER_TYPE_PREFERENCE = {"PER": 0, "ORG": 1, "GPE": 2, "LOC": 3}


@dataclass(frozen=True, slots=True)
class VerbHit:
    span: Span  # in the original text
    predicate: str
    kind: str  # statement | event


@dataclass(frozen=True, slots=True)
class VerbLexicon:
    pattern: re.Pattern
    entries: dict[str, tuple[str, str]]  # squeezed form → (predicate, kind)


@functools.cache
def verb_lexicon(code: str) -> VerbLexicon:
    """The compiled verb table of a language, longest forms first."""
    rows = langdata.load(code).table("verbs.tsv")
    entries = {}
    for row in rows:
        for variant in _expand_optional(row["form"]):
            entries[_squeeze(variant)] = (row["predicate"], row["kind"])
    forms = sorted({v for r in rows for v in _expand_optional(r["form"])}, key=len, reverse=True)
    # a space in a form stands for optional white space (joined and split light verbs)
    alternation = "|".join(r"\s*".join(map(re.escape, f.split())) for f in forms)
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return VerbLexicon(pattern, entries)


def _expand_optional(form: str) -> list[str]:
    """Every spelling of a form whose [bracketed] parts may be present or absent."""
    match = re.search(r"\[([^\]]*)\]", form)
    if not match:
        return [form]
    head, tail = form[: match.start()], form[match.end() :]
    return [v for part in ("", match.group(1)) for v in _expand_optional(head + part + tail)]


def _squeeze(form: str) -> str:
    return "".join(form.split())


def find_verbs(norm: NormalizedText, code: str) -> list[VerbHit]:
    """Speech and event verbs in the text, as spans of the original."""
    lexicon = verb_lexicon(code)
    hits = []
    for match in lexicon.pattern.finditer(norm.text):
        predicate, kind = lexicon.entries[_squeeze(match.group())]
        hits.append(VerbHit(norm.to_original(match.start(), match.end()), predicate, kind))
    return hits


def extract_claims(
    doc: Document,
    norm: NormalizedText,
    timexes: tuple[Timex, ...],
    mentions: tuple[Mention, ...],
    actor_types: dict[str, str],
) -> tuple[Claim, ...]:
    """One claim per sentence that names an actor and has a date or a speech verb."""
    mentions_in = _SpanIndex(mentions)
    verbs_in = _SpanIndex(find_verbs(norm, doc.lang))
    timexes_in = _SpanIndex([t for t in timexes if t.value and t.value.value])
    claims: list[Claim] = []
    for sentence in sentences(doc.text, doc.lang):
        inside = mentions_in.within(sentence)
        verb = _main_verb(verbs_in.within(sentence))
        dated = timexes_in.within(sentence)
        if not inside or not (dated or (verb and verb.kind == "statement")):
            continue
        claims.append(_claim(doc, len(claims), sentence, inside, verb, dated, actor_types))
    return tuple(claims)


class _SpanIndex:
    """Things with a `.span`, found by the sentence that contains them in O(log n)."""

    def __init__(self, items) -> None:
        self.items = sorted(items, key=lambda x: (x.span.start, x.span.end))
        self.starts = [x.span.start for x in self.items]

    def within(self, span: Span) -> list:
        first = bisect.bisect_left(self.starts, span.start)
        last = bisect.bisect_left(self.starts, span.end, lo=first)
        return [x for x in self.items[first:last] if x.span.end <= span.end]


def _main_verb(verbs: list[VerbHit]) -> VerbHit | None:
    """A statement verb wins over an event verb: reporting frames the sentence."""
    statements = [v for v in verbs if v.kind == "statement"]
    return (statements or verbs or [None])[0]


def _claim(doc, index, sentence, mentions, verb, dated, actor_types) -> Claim:
    kind = verb.kind if verb else "event"
    speaker = _speaker(mentions, verb, actor_types) if kind == "statement" else None
    timex = _governing_timex(dated, verb)
    return Claim(
        id=f"{doc.id}#c{index}",
        doc_id=doc.id,
        kind=kind,
        predicate=verb.predicate if verb else "",
        speaker=speaker,
        participants=tuple(dict.fromkeys(m.actor_key for m in mentions)),
        span=sentence,
        text=doc.text[sentence.start : sentence.end],
        date=timex.value if timex else _speech_date(doc, kind),
        timex_span=timex.span if timex else None,
        rule="sentence_with_verb" if verb else "sentence_with_date",
    )


def _speaker(mentions: list[Mention], verb: VerbHit, actor_types: dict[str, str]) -> str | None:
    """The nearest strong mention before the verb, people before organisations before places."""
    before = [m for m in mentions if m.span.end <= verb.span.start and m.rule not in WEAK_MENTION_RULES]
    if not before:
        return None
    best = min(
        before,
        key=lambda m: (SPEAKER_TYPE_PREFERENCE.get(actor_types.get(m.actor_key, ""), 9), -m.span.start),
    )
    return best.actor_key


def _governing_timex(dated: list[Timex], verb: VerbHit | None) -> Timex | None:
    """The dating expression nearest the verb (or the first one when there is no verb)."""
    if not dated:
        return None
    if verb is None:
        return dated[0]
    return min(dated, key=lambda t: abs(t.span.start - verb.span.start))


def _speech_date(doc: Document, kind: str) -> TimeValue | None:
    """Present-tense reporting is dated by the article itself; anything else stays undated."""
    if kind != "statement" or doc.dct is None:
        return None
    return _day_value(doc.dct)


def _day_value(day: date) -> TimeValue:
    return TimeValue(
        value=day.isoformat(), granularity=Granularity.DAY, start=day, end=day, anchor="dct"
    )
