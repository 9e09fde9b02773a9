"""Organisations nobody listed, found from cues in the text around them.

Three cues, each from Sorani news usage (the words are `actor_cues.tsv` kinds):
  * a quoted name:  [ORG_NOUN] "NAME"  /  بە (NAME)ی ڕاگەیاند  /  ' NAME ' بەسەرۆکایەتی X
    (ماڵپەڕی "عەرەبی جەدید", ئاژانسی هەواڵی ' فارس '): kept when an organisation noun
    comes before it, 'headed by' after it, or it is the addressee of a speech verb;
  * membership:     ORG_MEMBER ORG_NOUN W1 [W2 W3 W4]   (ئەندامی هاوپەیمانیی فەتح …);
  * a named body of a country:  ORG_NOUN W1 [W2] GPE   (تۆڕی میدیایی عێراق).
A name that the lexicon lists (with or without its organisation noun) keeps its listed id;
otherwise the id is a slug of the name's Latin transliteration. Works on normalised text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.extract.actor_cues import Cues, cue_indices, text_words
from kg.extract.actor_guards import next_words, word_ending_at
from kg.extract.actor_lexicon import RULE_DEMONYM, Lexicon, squeeze
from kg.model import Span

PAIRS = {'"': '"', "'": "'", "«": "»", "“": "”", "(": ")"}
MAX_QUOTED_WORDS = 4
MAX_ORG_WORDS = 4  # words after the organisation noun in a membership phrase
MAX_GPE_GAP = 2  # words between the organisation noun and the country
SPEECH_WINDOW = 3
CUT_FUNCTIONS = frozenset({"postposition", "additive"})  # clitics cut off an organisation's name
_OPENERS = re.compile("|".join(map(re.escape, PAIRS)))
_WORD_RUN = re.compile(r"\w+")
_NOT_NAME = re.compile(r"[^\w\s]|\d")  # a quoted organisation name has only words and spaces


@dataclass(frozen=True, slots=True)
class OrgHit:
    """An organisation name found by a cue (normalised-text offsets)."""

    span: Span
    name: str  # canonical form: single-spaced, clitics cut off the last word
    lookups: tuple[str, ...]  # forms to try in the lexicon, most specific first
    rule: str  # cue_quoted | cue_member | cue_org_gpe


def find_org_names(text: str, cues: Cues, lexicon: Lexicon, gpe_spans: list[Span]) -> list[OrgHit]:
    """Organisation names suggested by quotes, membership phrases and bodies of a country."""
    tw = text_words(text)
    hits = _quoted(text, tw, cues)
    hits += _members(text, tw, cues, lexicon, gpe_spans)
    hits += _bodies_of_country(text, tw, cues, gpe_spans)
    return hits


def _quoted(text, tw, cues) -> list[OrgHit]:
    out = []
    for match in _OPENERS.finditer(text):
        close = text.find(PAIRS[match.group()], match.end(), match.end() + 60)
        if close <= 0:
            continue  # no closing mark near: nothing quoted
        inner = text[match.end() : close]
        if _NOT_NAME.search(inner):
            continue  # the cheap test first: most quotations hold punctuation or numbers
        names = _WORD_RUN.findall(inner)
        if not names or len(names) > MAX_QUOTED_WORDS:
            continue
        head = _head_before(text, tw, match.start(), cues)
        if head is None and not _quote_context(text, match.start(), close + 1, cues):
            continue
        start = match.end() + len(inner) - len(inner.lstrip())
        span = Span(start, start + len(inner.strip()))
        name = _canonical(inner, cues)
        lookups = (f"{head} {name}",) if head else ()
        out.append(OrgHit(span, name, lookups + (name, names[0]), "cue_quoted"))
    return out


def _head_before(text, tw, pos, cues) -> str | None:
    """An organisation noun (one or two words) right before `pos`, with only space between."""
    last = bisect.bisect_right(tw.ends, pos)  # words end in text order
    before = range(max(0, last - 2), last)  # word indices
    if not before or text[tw.ends[before[-1]] : pos].strip():
        return None
    two = " ".join(tw.words[k] for k in before)
    if len(before) == 2 and tw.gap_is_space(before[0], before[1], text) and two in cues.kinds.get("org_noun", ()):
        return two
    heads = cues.kinds.get("org_noun", frozenset()) | cues.kinds.get("media_head", frozenset())
    return tw.words[before[-1]] if tw.words[before[-1]] in heads else None


def _quote_context(text, open_at, close_end, cues) -> bool:
    """'headed by' after the quote, or an addressee before it and a speech verb after it."""
    following = next_words(text, close_end, SPEECH_WINDOW)
    if following and following[0].startswith(tuple(cues.kinds.get("org_after", ()))):
        return True
    k = open_at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    before = word_ending_at(text, k)
    addressee = before is not None and before in cues.kinds.get("addressee", ())
    return addressee and any(w in cues.speech for w in following)


def _members(text, tw, cues, lexicon, gpe_spans) -> list[OrgHit]:
    out = []
    words = tw.words
    nouns = cues.kinds.get("org_noun", frozenset())
    members = cues.kinds.get("org_member", ())
    gpe_starts = {g.start for g in gpe_spans}
    for i in cue_indices(words[:-1], members):
        if not tw.gap_is_space(i, i + 1, text):
            continue
        j = i + 1
        if j + 1 < len(words) and f"{words[j]} {words[j + 1]}" in nouns and tw.gap_is_space(j, j + 1, text):
            head_end = j + 1
        elif words[j] in nouns:
            head_end = j
        else:
            continue
        run = _name_run(text, tw, head_end, cues, MAX_ORG_WORDS)
        ends = [k for k in run if tw.starts[k] in gpe_starts]
        run = run[: run.index(ends[0]) + 1] if ends else run  # a country ends the name
        if run:
            out.append(_org_hit(text, tw.starts[j], tw.ends[run[-1]], cues, "cue_member"))
    return out


def _bodies_of_country(text, tw, cues, gpe_spans) -> list[OrgHit]:
    out = []
    nouns = cues.kinds.get("org_noun", frozenset())
    starts = tw.starts
    for gpe in gpe_spans:
        k = bisect.bisect_left(starts, gpe.start)
        if k == len(starts) or starts[k] != gpe.start:
            continue
        for head in range(k - 2, max(k - 2 - MAX_GPE_GAP, -1), -1):
            if (
                tw.words[head] in nouns
                and all(_plain(tw.words[w], cues) for w in range(head + 1, k))
                and all(tw.gap_is_space(w, w + 1, text) for w in range(head, k))
            ):
                out.append(_org_hit(text, starts[head], gpe.end, cues, "cue_org_gpe"))
                break
    return out


def _name_run(text, tw, after, cues, limit) -> list[int]:
    """Indices of name words right after word `after` (spaces only between them)."""
    run = []
    for k in range(after + 1, min(after + 1 + limit, len(tw.words))):
        if not tw.gap_is_space(k - 1, k, text) or not _plain(tw.words[k], cues):
            break
        run.append(k)
    return run


def _plain(word: str, cues: Cues) -> bool:
    """A word that may stand inside an organisation's name."""
    return word not in cues.not_org_words and not any(map(str.isdigit, word))


def _org_hit(text, start, end, cues, rule) -> OrgHit:
    name = _canonical(text[start:end], cues)
    return OrgHit(Span(start, end), name, (name,), rule)


def _canonical(surface: str, cues: Cues) -> str:
    """Single-spaced, without a postposition or additive glued to the end (…عێراقدا → …عێراق).

    Definite and plural endings stay: they belong to names like هێزە عێراقییەکان.
    """
    words = squeeze(surface).split()
    last = words[-1]
    for form in cues.strip_forms:  # longest first
        if cues.clitics[form] in CUT_FUNCTIONS and last.endswith(form) and len(last) - len(form) >= 3:
            last = last[: -len(form)]
            break
    return " ".join(words[:-1] + [last])


def listed_actor(hit: OrgHit, lexicon: Lexicon) -> str | None:
    """The listed actor a cue-found name refers to, if any (demonyms never)."""
    for form in hit.lookups:
        entry = lexicon.entries.get(form)
        if entry and entry.rule != RULE_DEMONYM:
            return entry.actor_id
    return None
