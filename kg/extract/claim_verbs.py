"""Speech and event verbs found in a normalised text (`verbs.tsv`, compiled by `claim_lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.claim_lexicon import claim_lexicon
from kg.model import Span
from kg.text import NormalizedText


@dataclass(frozen=True, slots=True)
class VerbHit:
    span: Span  # in the original text
    predicate: str
    kind: str  # statement | event
    tense: str = ""
    negated: bool = False


def find_verbs(norm: NormalizedText, code: str) -> list[VerbHit]:
    """Speech and event verbs in the text, as spans of the original (longest form wins, no overlaps)."""
    lexicon = claim_lexicon(code)
    text = norm.text
    hits = []
    end = 0
    for start in lexicon.verb_starts.finditer(text):  # forms are grouped by their first two letters
        pos = start.start()
        if pos < end:
            continue
        group = lexicon.verbs.get(text[pos : pos + 2])  # None: the head matched with white space in it
        match = group.match(text, pos) if group is not None else None
        if match is None:
            continue
        entry = lexicon.verb_entries[int(match.lastgroup[1:])]
        span = norm.to_original(match.start(), match.end())
        hits.append(VerbHit(span, entry.predicate, entry.kind, entry.tense, entry.negated))
        end = match.end()
    return hits
