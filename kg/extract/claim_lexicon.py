"""The claim tables of a language, compiled once per process.

Reads `verbs.tsv` (speech and event verbs), `event_types.tsv` (predicate → PLOVER),
`modality.tsv` (status cues and negative prefixes), `source_cues.tsv` (prepositions,
unnamed sources, according-to phrases, channels, pronouns) and `quotes.tsv`. All
forms are matched on the normalised text (`kg.text.normalize`); nothing here is
specific to one language.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg import lang as langdata
from kg.memo import WordMemo
from kg.text import LETTER, NOT_LETTER_AFTER

# "…" in a verb form: the object between a nominal and its light verb, 1-6 words, never
# across clause punctuation.
_GAP = r"(?:\s+[^\s،,.:;!?؟\"«»“”]+){1,6}?\s+"
_GAP_MARK = "…"
# Letters of a form's start that the verb pre-filter tests (a space in between may be any white
# space): with two, every بە and لە is a candidate; with eight, most candidates are verbs.
_HEAD_LETTERS = 8


@dataclass(frozen=True, slots=True)
class VerbEntry:
    predicate: str
    kind: str  # statement | event
    tense: str  # past | perfect | present | noun
    negated: bool


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    # first two letters of a form → pattern whose named groups v0, v1, … are its forms (longest
    # first); matching only at word starts keeps a 450-form alternation from running everywhere
    verbs: dict[str, re.Pattern]
    verb_starts: re.Pattern  # word starts where the first letters of some form stand (a C-speed pre-filter)
    # memoised: can a form start at the start of this letter run (it begins with the form's first
    # word)? None when some form's first word is not a run of letters: scan with verb_starts then
    verb_word: Callable[[str], bool] | None
    verb_entries: tuple[VerbEntry, ...]  # by group index
    event_types: dict[str, str]  # predicate → PLOVER category
    cues: dict[str, str]  # normalised modality cue → hedged | planned | negated
    cue_pattern: WordFinder | None
    prepositions: dict[str, str]  # word (or two words) → role of the actor it governs
    anonymous: frozenset[str]
    according: WordFinder | None
    channels: frozenset[str]
    pronouns: frozenset[str]
    unnamed: frozenset[str]  # anonymous | pronouns: words that name no one
    complementizers: frozenset[str]
    conjunctions: frozenset[str]
    statement_nouns: frozenset[str]
    clause_openers: frozenset[str]
    definite: tuple[str, ...]  # definite suffixes (clitics.tsv), longest first
    ezafe: tuple[str, ...]  # ezafe suffixes (clitics.tsv), shortest first
    quotes: dict[str, str]  # opening mark → closing mark


@functools.cache
def claim_lexicon(code: str) -> ClaimLexicon:
    """The compiled claim tables of language `code`."""
    data = langdata.load(code)
    modality = data.table("modality.tsv")
    prefixes = [(r["cue"], r.get("replaces", "")) for r in modality if r["status"] == "negprefix"]
    forms: dict[str, VerbEntry] = {}
    for row in data.table("verbs.tsv"):
        for variant in expand_optional(row["form"]):
            listed_negative = row.get("polarity") == "negative"
            entry = VerbEntry(row["predicate"], row["kind"], row.get("tense", ""), listed_negative)
            forms.setdefault(variant, entry)
            generated = _negatives(variant, prefixes) if entry.tense != "noun" and not listed_negative else ()
            for negative in generated:
                forms.setdefault(negative, VerbEntry(entry.predicate, entry.kind, entry.tense, True))
    # gapped forms first (they are the longer reading), then longest first
    ordered = sorted(forms, key=lambda f: (_GAP_MARK not in f, -len(f), f))
    groups: dict[str, list[str]] = {}
    for i, form in enumerate(ordered):
        groups.setdefault(form[:2], []).append(f"(?P<v{i}>{_form_regex(form)})")
    verbs = {key: re.compile(rf"(?:{'|'.join(alts)}){NOT_LETTER_AFTER}") for key, alts in groups.items()}
    cues = {r["cue"]: r["status"] for r in modality if r["status"] != "negprefix"}
    sources = data.table("source_cues.tsv")
    by_function: dict[str, list[dict[str, str]]] = {}
    for row in sources:
        by_function.setdefault(row["function"], []).append(row)
    return ClaimLexicon(
        verbs=verbs,
        verb_starts=re.compile(rf"(?<!{LETTER})(?={LETTER})(?={_heads_pattern(forms)})"),
        verb_word=_first_word_test(forms),
        verb_entries=tuple(forms[f] for f in ordered),
        event_types={r["predicate"]: r["plover"] for r in data.table("event_types.tsv")},
        cues=cues,
        cue_pattern=_words_pattern(cues),
        prepositions={r["cue"]: r["role"] for r in by_function.get("preposition", [])},
        anonymous=frozenset(r["cue"] for r in by_function.get("anonymous", [])),
        according=_words_pattern(r["cue"] for r in by_function.get("according", [])),
        channels=frozenset(r["cue"] for r in by_function.get("channel", [])),
        pronouns=frozenset(r["cue"] for r in by_function.get("pronoun", [])),
        unnamed=frozenset(r["cue"] for r in by_function.get("anonymous", []) + by_function.get("pronoun", [])),
        complementizers=frozenset(r["cue"] for r in by_function.get("complementizer", [])),
        conjunctions=frozenset(r["cue"] for r in by_function.get("conjunction", [])),
        statement_nouns=frozenset(r["cue"] for r in by_function.get("statement_noun", [])),
        quotes={r["open"]: r["close"] for r in data.table("quotes.tsv")},
        clause_openers=frozenset(w for r in by_function.get("clause_opener", []) for w in r["cue"].split()[-1:]),
        definite=tuple(sorted(_clitics(data, "definite"), key=len, reverse=True)),
        ezafe=tuple(sorted(_clitics(data, "ezafe"), key=len)),
    )


def _clitics(data, function: str) -> set[str]:
    """Forms of clitics.tsv whose function starts with `function` (definite covers definite_plural)."""
    return {r["form"] for r in data.table("clitics.tsv") if r["function"].startswith(function)}


def either(words) -> str:
    """An alternation of literal forms, longest first (so a longer form wins); never matches if empty."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or r"(?!)"


def expand_optional(form: str) -> list[str]:
    """Every spelling of a form whose [bracketed] parts may be present or absent."""
    match = re.search(r"\[([^\]]*)\]", form)
    if not match:
        return [form]
    head, tail = form[: match.start()], form[match.end() :]
    return [v for part in ("", match.group(1)) for v in expand_optional(head + part + tail)]


def _negatives(form: str, prefixes: list[tuple[str, str]]) -> list[str]:
    """Negated spellings: a negative prefix on the form's last word (modality.tsv).

    A prefix that replaces a verb prefix applies only where that one stands (دەکات → ناکات);
    a word without any replaced prefix takes each plain prefix (کرد → نەکرد).
    """
    if not prefixes or form.split()[-1] == _GAP_MARK:
        return []
    head, _, last = form.rpartition(" ")
    replacing = [(p, r) for p, r in prefixes if r and last.startswith(r)]
    if replacing:
        words = [p + last[len(r) :] for p, r in replacing]
    else:
        words = [p + last for p, r in prefixes if not r]
    return [f"{head} {word}" if head else word for word in words]


def _form_regex(form: str) -> str:
    """A space is optional white space, … is a gap of words."""
    parts = []
    for piece in form.split(_GAP_MARK):
        words = piece.split()
        parts.append(r"\s*".join(map(re.escape, words)))
    return _GAP.join(p for p in parts if p)


def _heads_pattern(forms) -> str:
    """A regex for the first `_HEAD_LETTERS` letters of any form (up to its gap), as a trie.

    A form can only match where its head does, so this is a necessary test. Written as a trie
    (one branch per letter) each position costs a few character comparisons, not one per form.
    """
    return _trie_regex(_form_head(form) for form in forms)


def _first_word_test(forms) -> Callable[[str], bool] | None:
    """A memoised test: does a letter run begin with some form's first word (its first letters)?

    A match of a form starts at a word start with the form's first word; when that word is all
    letters, the letter run of the text there begins with it (joined spellings only add letters).
    """
    first_words = set()
    for form in forms:
        words = form.split(_GAP_MARK)[0].split()
        if not words or not _LETTERS.fullmatch(words[0]):
            return None
        first_words.add(tuple(words[0][:_HEAD_LETTERS]))
    begins = re.compile(_trie_regex(first_words)).match
    # a pure per-word test; news vocabulary is Zipfian, so nearly every call is a memo hit
    return WordMemo(lambda word: begins(word) is not None).__getitem__


def _form_head(form: str) -> tuple[str, ...]:
    """The first letters of `form` before any gap, with " " where its words may be apart."""
    head: list[str] = []
    letters = 0
    for word in form.split(_GAP_MARK)[0].split():
        if letters >= _HEAD_LETTERS:
            break
        if head:
            head.append(" ")
        taken = word[: _HEAD_LETTERS - letters]
        head += taken
        letters += len(taken)
    return tuple(head)


def _trie_regex(sequences) -> str:
    """An alternation of symbol sequences (" " is optional white space) sharing their prefixes."""
    trie: dict = {}
    for sequence in sequences:
        node = trie
        for symbol in sequence:
            node = node.setdefault(symbol, {})
        node[""] = {}  # a sequence ends here: what it starts with is enough

    def alternation(node: dict) -> str:
        if "" in node:
            return ""
        branches = [(r"\s*" if s == " " else re.escape(s)) + alternation(child) for s, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return alternation(trie)


_LETTER = re.compile(LETTER)
_LETTERS = re.compile(rf"{LETTER}+")


@dataclass(frozen=True, slots=True)
class WordFinder:
    """What `(?<!L)pattern` finds (L: a letter), found faster: matches that start a word.

    Without the look-behind first, `re` can skip in C to the letters that can begin a match;
    the letter before a hit is tested only then (a leading look-behind makes `re` try the
    whole pattern at every position of the text).
    """

    pattern: re.Pattern  # e.g. phrases (longest first) followed by no letter

    def finditer(self, text: str, start: int = 0, end: int = sys.maxsize) -> Iterator[re.Match]:
        found = self.search(text, start, end)
        while found is not None:
            yield found
            # an empty match (a blank row in a cue table) must not be found again forever
            step = found.end() + (found.end() == found.start())
            found = self.search(text, step, end) if step <= len(text) else None

    def search(self, text: str, start: int = 0, end: int = sys.maxsize) -> re.Match | None:
        """The first match at a word start from `start` on."""
        search = self.pattern.search
        found = search(text, start, end)
        while found is not None and found.start() and _LETTER.match(text, found.start() - 1):
            if found.start() >= len(text):
                return None  # an empty match at the end of a word that ends the text
            found = search(text, found.start() + 1, end)  # inside a word: try again one letter on
        return found


@dataclass(frozen=True, slots=True)
class ReadingsFinder:
    """What `WordFinder((?:R1|R2|…)(?!L))` finds, each reading searched on its own.

    `re` only skips ahead in C when every alternative of a pattern starts with a literal; one
    reading starting with a group is enough to make it try the whole pattern everywhere. Apart,
    each reading has its own fast scan. At the leftmost start any reading matches, the first
    reading that matches there wins, as in the alternation; the scan goes on after that match.
    """

    readings: tuple[WordFinder, ...]  # each `(?:Ri)(?!L)`, in order of preference

    def finditer(self, text: str) -> Iterator[re.Match]:
        found = [reading.search(text) for reading in self.readings]
        while True:
            first = None
            for match in found:
                if match is not None and (first is None or match.start() < first.start()):
                    first = match  # strictly before: on a tie the earlier reading stays
            if first is None:
                return
            yield first
            end = first.end()
            # a reading's next match is still its next one if it starts after this match
            found = [
                match if match is not None and match.start() >= end else reading.search(text, end)
                for match, reading in zip(found, self.readings)
            ]


def _words_pattern(words) -> WordFinder | None:
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(r"\s*".join(map(re.escape, w.split())) for w in words)
    return WordFinder(re.compile(rf"(?:{alternation})(?!{LETTER})"))
