"""Context guards for actor names that are also ordinary words (actor_guards.tsv).

A guarded form (ڕووداو 'event' / Rudaw, پزیشکیان 'doctors' / Pezeshkian) is matched like any
name, then kept only when its guard holds in the text around it. The guard kinds are listed in
the header of ``kg/lang/<code>/actor_guards.tsv``; the words they look for are cue kinds of
``actor_cues.tsv``, so this module holds no language data. Works on the normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.actor_cues import Cues, strip_clitics
from kg.extract.actor_lexicon import Lexicon
from kg.model import Span

WORD = re.compile(r"\w+")
# Between a cue and the name it introduces only space and quotation marks may stand
# (ماڵپەڕی ' مەیادین '): a comma or a full stop ends the phrase.
QUOTES = "\"'«»“”‘’()"
SENTENCE_ENDS = ".!?؟\n"
SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")
SPEECH_WINDOW = 2  # words after an addressee in which the speech verb must come


@dataclass(frozen=True, slots=True)
class Site:
    """Where a guarded form was matched: its span and where the name part ends (clitics after)."""

    span: Span
    name_end: int
    actor_id: str


def guard_holds(guard: str, text: str, site: Site, seen: set[str], cues: Cues, lexicon: Lexicon) -> bool:
    """Whether any alternative of `guard` (joined with |) holds at `site`; `seen`: actors named so far."""
    return any(_holds(part.strip(), text, site, seen, cues, lexicon) for part in guard.split("|"))


def _holds(guard: str, text: str, site: Site, seen: set[str], cues: Cues, lexicon: Lexicon) -> bool:
    kind, _, arg = guard.partition(":")
    if kind == "seen":
        return site.actor_id in seen
    if kind == "after":
        return previous_word(text, site.span.start) in cues.kinds.get(arg, ())
    if kind == "told":
        return _told(text, site, cues)
    if kind == "alone":
        return _alone(text, site, cues, lexicon)
    if kind == "context":
        return _in_sentence(text, site.span, cues.kinds.get(arg, frozenset()), cues)
    if kind == "no_ezafe":
        return not _starts_with_ezafe(text[site.name_end : site.span.end], cues)
    raise ValueError(f"unknown actor guard {guard!r}")


def previous_word(text: str, start: int) -> str | None:
    """The word right before `start`, if only space and quotation marks separate them."""
    k = start
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in QUOTES):
        k -= 1
    return word_ending_at(text, k)


def word_ending_at(text: str, end: int) -> str | None:
    """The run of word characters (regex \\w) that ends at `end`, if any.

    Walks back from `end`: searching the text before it would cost time in the text's length.
    """
    k = end
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_"):  # exactly what \w matches
        k -= 1
    return text[k:end] if k < end else None


def next_words(text: str, end: int, n: int) -> list[str]:
    """Up to `n` words after `end`, stopping at punctuation other than quotation marks."""
    words = []
    for match in WORD.finditer(text, end):
        gap = text[end : match.start()]
        if any(not (c.isspace() or c in QUOTES) for c in gap) or len(words) == n:
            break
        words.append(match.group())
        end = match.end()
    return words


def _told(text: str, site: Site, cues: Cues) -> bool:
    before = previous_word(text, site.span.start)
    if before in cues.kinds.get("media_prev", ()):
        return True
    following = next_words(text, site.span.end, SPEECH_WINDOW)
    return before in cues.kinds.get("addressee", ()) and any(w in cues.speech for w in following)


def _alone(text: str, site: Site, cues: Cues, lexicon: Lexicon) -> bool:
    chain = text[site.name_end : site.span.end]
    if chain and not _starts_with_ezafe(chain, cues):
        return True  # پارتیش، پارتیدا: a whole noun phrase
    following = next_words(text, site.span.end, 1)
    if not following:
        return True
    word = following[0]
    return word in cues.stops or word in cues.speech or strip_clitics(word, cues) in lexicon.entries


def _in_sentence(text: str, span: Span, words: frozenset[str], cues: Cues) -> bool:
    start = max(text.rfind(mark, 0, span.start) for mark in SENTENCE_ENDS) + 1  # 0 when there is none
    end_match = SENTENCE_END.search(text, span.end)
    end = end_match.start() if end_match else len(text)
    for match in WORD.finditer(text, start, end):
        if span.start <= match.start() < span.end:
            continue
        if match.group() in words or strip_clitics(match.group(), cues) in words:
            return True
    return False


def _starts_with_ezafe(chain: str, cues: Cues) -> bool:
    """Whether a clitic chain opens with an ezafe; the longest form read first (یش is additive)."""
    forms = [f for f in cues.functions if chain.startswith(f)]
    return bool(forms) and cues.functions[max(forms, key=len)] == "ezafe"
