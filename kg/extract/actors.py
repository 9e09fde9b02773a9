"""Actor extraction (per document) and linking (per corpus).

Data flow:  normalised text → lexicon matches (gazetteer, CLDR, demonyms)
            → institution-of-country compositions (حکومەتی + عێراق)
            → person names from cues (titles, appositives, speech verbs)
            → surname-only repeats of full names seen in the document
            → mentions in ORIGINAL offsets.
Then `link_actors` makes ids corpus-wide and merges surname-only and alias
mentions into their full names, logging every merge for audit.

Ids are deterministic: a gazetteer/CLDR id, `<country>_<institution>`, or a slug
of the Latin transliteration (`kg.lang.transliterate`) of the canonical name.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from typing import NamedTuple

from kg.extract.actor_cues import Cues, find_org_head, find_person_names, load_cues, strip_clitics
from kg.extract.actor_guards import Site, guard_holds
from kg.extract.actor_orgs import find_org_names, listed_actor
from kg.extract.actor_roles import (
    ROLE_HOLDER,
    RoleHead,
    Target,
    TargetIndex,
    attach_roles,
    extract_roles,
    find_role_heads,
    listed_offices,
    office_holder,
)
from kg.extract.actor_lexicon import RULE_DEMONYM, RULE_GAZETTEER, Lexicon, load_lexicon, slugify, squeeze
from kg.extract.actor_link import RULE_SURNAME, link_actors
from kg.extract.actor_spans import DisjointSpans, SpanIndex
from kg.model import Actor, Document, Mention, Span
from kg.lang import transliterate as _transliterate
from kg.text import NormalizedText, word_runs

__all__ = [
    "RULE_DEMONYM",
    "RULE_SURNAME",
    "ROLE_HOLDER",
    "extract_actors",
    "extract_roles",
    "find_role_heads",
    "link_actors",
    "person_id",
]

_WORD_RUN = re.compile(r"\w+")
_SPAN_ORDER = operator.attrgetter("span.start", "span.end")  # a sort key, at C speed
# Names repeat across a corpus and transliteration (asosoft's G2P) is slow: keep recent results.
_CACHE_SIZE = 1 << 15
transliterate = functools.lru_cache(maxsize=_CACHE_SIZE)(_transliterate)


class Hit(NamedTuple):
    """A mention found on the normalised text, before mapping back (a tuple: ~80 a document)."""

    span: Span
    actor: Actor
    rule: str


def extract_actors(
    doc: Document, norm: NormalizedText, lang: str = "ckb", role_heads: list[RoleHead] | None = None
) -> tuple[tuple[Mention, ...], dict[str, Actor]]:
    """Actor mentions of one document and the actors they refer to.

    Pure: reads cached language data only. Mentions are sorted, do not overlap, and
    their spans index `doc.text` (the original), so ``m.text == doc.text[m.span.start:m.span.end]``.
    `role_heads`: the text's `find_role_heads`, when the caller has them (`extract_roles` reads them too).
    """
    lexicon, cues = load_lexicon(lang), load_cues(lang)
    text = norm.text
    hits = [
        _prefer_name_reading(text, hit, lexicon, cues) if hit.rule == RULE_DEMONYM else hit
        for hit in _lexicon_hits(text, lexicon, cues)
    ]
    hits = _compose_institutions(text, hits, lexicon, cues)
    hits = _add_org_hits(text, hits, lexicon, cues)
    # Each step below keeps clear of what the steps before it found, so only cue-found names
    # can overlap (each other): one sort merges the rest.
    found = _cue_hits(text, hits, lexicon, cues)
    surnames = _surname_hits(text, hits + found, lexicon, cues)
    hits = _in_text_order(hits + _without_overlaps(found) + surnames)
    hits = _in_text_order(hits + _role_holder_hits(doc, text, hits, lexicon, role_heads))  # role words no hit covers
    mentions = _to_mentions(doc, norm, hits)
    actors = {hit.actor.id: hit.actor for hit in hits}
    return mentions, actors


@functools.lru_cache(maxsize=_CACHE_SIZE)
def person_id(name: str, code: str = "ckb") -> str:
    """Deterministic id of an actor nobody listed: slug of the name's Latin transliteration."""
    return slugify(transliterate(name, code)) or "person"


def _lexicon_hits(text: str, lexicon: Lexicon, cues: Cues) -> list[Hit]:
    """Name and demonym matches whose guards hold, longest first where they compete."""
    starts, words = word_runs(text)
    distinct = set(words)
    entries = lexicon.entries
    candidates = []  # (start, -end, -name_end, entry): plain tuples, most never become a hit
    for pattern, forms in ((lexicon.pattern, lexicon.name_starts), (lexicon.demonym_pattern, lexicon.demonym_starts)):
        for start, end, name_end, name in forms.matches(pattern, text, starts, words, distinct):
            entry = entries.get(name) or entries[squeeze(name)]  # keys are single-spaced
            candidate = (start, -end, -name_end, entry)
            guard = entry.guard
            if guard and guard.replace("seen", "") and not _context_guard(guard, text, _site(candidate), cues, lexicon):
                continue
            candidates.append(candidate)
    # where a name and a demonym cover the same text, the longer name part wins (سعودیە the
    # name over سعودی + ە; عێراقی the demonym over عێراق + ezafe)
    candidates.sort(key=operator.itemgetter(0, 1, 2))
    hits: list[Hit] = []
    seen: set[str] = set()
    end = 0
    for candidate in candidates:
        start, entry = candidate[0], candidate[3]
        if start < end:
            continue
        if entry.guard and not guard_holds(entry.guard, text, _site(candidate), seen, cues, lexicon):
            continue
        seen.add(entry.actor_id)
        end = -candidate[1]
        hits.append(Hit(Span(start, end), lexicon.actors[entry.actor_id], entry.rule))
    return hits


def _site(candidate: tuple) -> Site:
    start, neg_end, neg_name_end, entry = candidate
    return Site(Span(start, -neg_end), -neg_name_end, entry.actor_id)


def _context_guard(guard: str, text: str, site: Site, cues: Cues, lexicon: Lexicon) -> bool:
    """A guard's context part, before the order-dependent `seen` part can be known."""
    everything = lexicon.actors  # every actor counts as seen: `seen` is judged later, in document order
    return guard_holds(guard, text, site, everything, cues, lexicon)


def _prefer_name_reading(text: str, hit: Hit, lexicon: Lexicon, cues: Cues) -> Hit:
    """ئیسرائیلیش: name + additive 'Israel too', rather than demonym + ش 'the Israeli too'.

    Both parses spell the same; a bare adjective with 'also' is rare in news, the
    country with 'also' is common.
    """
    if hit.rule != RULE_DEMONYM:
        return hit
    surface = text[hit.span.start : hit.span.end]
    for cut in range(len(surface) - 1, 1, -1):
        entry = lexicon.entries.get(surface[:cut])
        if entry and entry.rule == RULE_GAZETTEER and entry.actor_id == hit.actor.id:
            rest = surface[cut:]
            if cues.clitics.get(rest) == "additive":
                return Hit(hit.span, hit.actor, RULE_GAZETTEER)
    return hit


def _compose_institutions(text: str, hits: list[Hit], lexicon: Lexicon, cues: Cues) -> list[Hit]:
    """حکومەتی + <country> → the country's government: one ORG mention over both words."""
    out = []
    for hit in hits:
        found = find_org_head(text, hit.span, cues) if hit.actor.type == "GPE" and hit.rule == RULE_GAZETTEER else None
        if found is None or (out and out[-1].span.end > found[0].start):
            out.append(hit)
            continue
        head, key, english = found
        actor_id = f"{hit.actor.id}_{key}"
        actor = lexicon.actors.get(actor_id) or Actor(
            id=actor_id,
            name=f"{squeeze(text[head.start:head.end])} {hit.actor.name}",
            type="ORG",
            name_en=english.format(hit.actor.name_en or hit.actor.id),
        )
        out.append(Hit(Span(head.start, hit.span.end), actor, "org_head"))
    return out


def _add_org_hits(text: str, hits: list[Hit], lexicon: Lexicon, cues: Cues) -> list[Hit]:
    """Cue-found organisations; one swallows the country or demonym hits inside it (تۆڕی میدیایی عێراق).

    `hits` are in text order and do not overlap, so the hits an organisation overlaps are
    one run of them, found by bisection; the list stays in order and disjoint.
    """
    gpes = [h.span for h in hits if h.actor.type == "GPE" and h.rule == RULE_GAZETTEER]
    starts = [h.span.start for h in hits]
    ends = [h.span.end for h in hits]
    for org in find_org_names(text, cues, lexicon, gpes):
        first, last = bisect.bisect_right(ends, org.span.start), bisect.bisect_left(starts, org.span.end)
        near = hits[first:last]  # the hits overlapping the organisation
        if not all(org.span.contains(h.span) for h in near):
            continue  # a hit crosses its edge
        if any(h.actor.type in ("ORG", "PER") and h.rule != RULE_DEMONYM for h in near):
            continue  # a listed organisation or person there already: it wins
        actor_id = listed_actor(org, lexicon) or person_id(org.name, lexicon.code)
        actor = lexicon.actors.get(actor_id) or Actor(
            id=actor_id, name=org.name, type="ORG", name_latin=transliterate(org.name, lexicon.code)
        )
        hits[first:last] = [Hit(org.span, actor, org.rule)]
        starts[first:last] = [org.span.start]
        ends[first:last] = [org.span.end]
    return hits


def _cue_hits(text: str, hits: list[Hit], lexicon: Lexicon, cues: Cues) -> list[Hit]:
    out = []
    for name in find_person_names(text, cues, lexicon, [h.span for h in hits]):
        words = text[name.span.start : name.span.end].split()
        canonical = " ".join(words[:-1] + [strip_clitics(words[-1], cues)])
        known = lexicon.entries.get(canonical)
        if known and known.rule == RULE_GAZETTEER:
            actor = lexicon.actors[known.actor_id]
        else:
            latin = transliterate(canonical, lexicon.code)
            actor = Actor(id=person_id(canonical, lexicon.code), name=canonical, type="PER", name_latin=latin)
        out.append(Hit(name.span, actor, name.rule))
    return out


def _surname_hits(text: str, hits: list[Hit], lexicon: Lexicon, cues: Cues) -> list[Hit]:
    """Bare surnames of people named in full here (linked later, with a log).

    The link is made only when one person of the document has that surname, so a bare
    بارزانی joins مەسرور بارزانی when he is the only Barzani named, and stays apart
    when several are. Surnames that are listed forms keep their listed reading.
    """
    surnames = set()
    for hit in hits:
        if hit.rule.startswith("cue_"):
            words = text[hit.span.start : hit.span.end].split()
            if len(words) >= 2:
                surnames.add(strip_clitics(words[-1], cues))
                surnames.add(hit.actor.name.split()[-1])
        elif hit.rule == RULE_GAZETTEER and hit.actor.type == "PER" and _plain_full_name(hit.actor.name, cues):
            surnames.add(hit.actor.name.split()[-1])  # بارزانی after مەسرور بارزانی; two Barzanis: no link
    surnames = {s for s in surnames if s not in lexicon.entries and s not in cues.stops}
    matches = _surname_matches(text, surnames, lexicon.clitic) if surnames else []
    if not matches:
        return []
    taken = SpanIndex(h.span for h in hits)
    out = []
    for start, end, surname in matches:
        span = Span(start, end)
        if not taken.overlaps(span):
            out.append(Hit(span, Actor(id=person_id(surname, lexicon.code), name=surname, type="PER"), RULE_SURNAME))
    return out


def _surname_matches(text: str, surnames: set[str], clitic: str) -> list[tuple[int, int, str]]:
    """(start, end, surname) of each surname + clitic chain standing as a word, as finditer would.

    Each surname is looked for with str.find (a few occurrences each, found in C) and kept at a
    word start; where several start at one word the longest that fits wins, as in the regex.
    """
    if not all(_WORD_RUN.fullmatch(s) for s in surnames):
        return _surname_matches_by_regex(text, surnames, clitic)
    tail = _clitic_tail(clitic)
    found: dict[int, tuple[int, str]] = {}  # word start → (end, surname)
    for name in sorted(surnames, key=len, reverse=True):
        start = text.find(name)
        while start != -1:
            if start not in found and not (start and _is_word_char(text[start - 1])):
                rest = tail.match(text, start + len(name))
                if rest:
                    found[start] = (rest.end(), name)
            start = text.find(name, start + 1)
    # a match covers its whole word (the tail ends where the word does), so none overlap
    return [(start, end, name) for start, (end, name) in sorted(found.items())]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # exactly what regex \w matches


def _surname_matches_by_regex(text: str, surnames: set[str], clitic: str) -> list[tuple[int, int, str]]:
    alternation = "|".join(map(re.escape, sorted(surnames, key=len, reverse=True)))
    pattern = re.compile(rf"(?<!\w)(?P<name>{alternation})(?:{clitic}){{0,3}}(?!\w)")
    return [(m.start(), m.end(), m.group("name")) for m in pattern.finditer(text)]


@functools.cache
def _clitic_tail(clitic: str) -> re.Pattern[str]:
    """What may follow a surname: up to three clitics, then the end of the word."""
    return re.compile(rf"(?:{clitic}){{0,3}}(?!\w)")


def _role_holder_hits(
    doc: Document, text: str, hits: list[Hit], lexicon: Lexicon, heads: list[RoleHead] | None
) -> list[Hit]:
    """A role said without a name (سەرۆکوەزیرانی عێراق) → who held it on the document's date.

    Only the role words become the mention: the country after them keeps its own mention.
    """
    if doc.dct is None:
        return []  # no holder is known without a date
    if heads is None:
        heads = find_role_heads(text, doc.lang)
    offices = listed_offices(doc.lang)
    heads = [h for h in heads if h.form.office in offices or h.form.office_org in offices]  # others name nobody
    if not heads:
        return []
    # hits are in text order, as TargetIndex needs; a Target is made only for the hits a phrase takes
    targets = TargetIndex([h.span.start for h in hits], [h.span.end for h in hits], lambda k: _target(hits[k]))
    out = []
    for phrase in attach_roles(text, targets, heads, doc.lang):
        if phrase.person is not None or phrase.of is None:
            continue
        holder = office_holder(phrase.office, phrase.of.actor, doc.dct, doc.lang)
        if holder in lexicon.actors:
            out.append(Hit(phrase.head, lexicon.actors[holder], ROLE_HOLDER))
    return out


def _target(hit: Hit) -> Target:
    """A hit as a role's possible OF or holder: a demonym stands for its country."""
    kind = "GPE" if hit.rule == RULE_DEMONYM else hit.actor.type
    return Target(hit.span.start, hit.span.end, hit.actor.id, kind)


def _plain_full_name(name: str, cues: Cues) -> bool:
    """Given name + family name, no particle (بن, ئەبو): the last word is a surname."""
    words = name.split()
    return len(words) >= 2 and not any(w in cues.particles for w in words)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Sorted hits; where two overlap, the earlier-found (more trusted) one stays."""
    taken = DisjointSpans()
    kept = [hit for hit in hits if taken.add_if_free(hit.span)]
    return _in_text_order(kept)


def _in_text_order(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=_SPAN_ORDER)


def _to_mentions(doc: Document, norm: NormalizedText, hits: list[Hit]) -> tuple[Mention, ...]:
    """The hits as mentions in original offsets, mapped in bulk (as `NormalizedText.to_original`)."""
    if any(h.span.start == h.span.end for h in hits):  # never: every hit covers some text
        spans = [norm.to_original(h.span.start, h.span.end) for h in hits]
    else:
        starts = map(norm.offsets.__getitem__, [h.span.start for h in hits])
        ends = map(norm.ends.__getitem__, [h.span.end - 1 for h in hits])
        spans = list(map(Span, starts, ends))
    text = doc.text
    return tuple(
        Mention(doc_id=doc.id, span=span, text=text[span.start : span.end], actor_key=hit.actor.id, rule=hit.rule)
        for hit, span in zip(hits, spans)
    )
