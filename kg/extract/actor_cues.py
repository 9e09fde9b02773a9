"""Actors no gazetteer lists, found from cues in the text around them.

Three person cues (names of unknown people are what news introduces most):
  * title before a name:            TITLE  W1 [W2]           (د. X Y, شێخ X Y)
  * appositive after a name:        W1 W2 [W3]، ROLE-of ...  (X Y، سەرۆکی ...)
  * subject of a speech verb at the start of a clause:  W1 W2 [W3] VERB
  * the leader after 'headed by':    بەسەرۆکایەتی W1 W2
and one organisation cue: an institution head before a known country
(ORG_HEAD + GPE → that country's government, parliament, army ...).

Candidate name words must be plain letters, not function words (`stop` rows),
not cue words themselves, and not end in a definite/indefinite suffix (names
rarely do: سەرچاوەکان 'the sources' is not a name). Everything here works on
the normalised text; the caller maps spans back.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg import lang as langdata
from kg.extract.actor_lexicon import Lexicon, load_lexicon, norm, squeeze
from kg.extract.actor_spans import SpanIndex
from kg.memo import WordMemo
from kg.model import Span
from kg.text import word_runs

WORD = re.compile(r"\w{1,2}\.(?=\s)|\w+")  # a word, or a short abbreviation with its dot (د.)
NAME_SUFFIX_FUNCTIONS = frozenset({"definite", "definite_plural", "indefinite"})
# Clitics cut off a name to find its stem. Ezafe and copula -ە/-ی, and pronoun
# clitics, stay: too many names end in the same letters (کازمی, موقتەدا, ...).
STRIPPABLE_FUNCTIONS = frozenset({"definite", "definite_plural", "plural", "indefinite", "postposition", "additive"})
MAX_NAME_WORDS = 2  # given name + family name; particles (بن, ئەبو) come on top
STEM_MEMO_LIMIT = 1 << 18  # words a per-word memo remembers before it starts over (bounds memory)


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled cue lists of one language."""

    titles: frozenset[str]  # honorifics: a name follows
    role_titles: frozenset[str]  # office nouns: a name may follow
    particles: frozenset[str]  # join name words (بن, ئەبو)
    roles: frozenset[str]
    stops: frozenset[str]
    speech: frozenset[str]
    org_heads: dict[str, tuple[str, str]]  # head form → (id suffix, English pattern)
    org_head_pattern: re.Pattern  # matches a head right before the end of a string
    bad_endings: tuple[str, ...]  # suffixes a name word does not end in
    clitics: dict[str, str]  # strippable clitic form → grammatical function (clitics.tsv)
    vowels: frozenset[str]  # vowel letters (a clitic starting with one needs a consonant before it)
    final_vowels: frozenset[str]  # letters that end a stem in a vowel
    functions: dict[str, str]  # every clitic form of clitics.tsv → its function
    kinds: dict[str, frozenset[str]]  # every kind of actor_cues.tsv → its forms (guards read these)
    # memos of pure per-word functions (news vocabulary is Zipfian): strip_clitics by
    # (word, min_stem), and whether a word may be part of a name by (word, lexicon language)
    stems: WordMemo = field(compare=False, repr=False)
    name_words: WordMemo = field(compare=False, repr=False)
    name_cues: frozenset[str] = frozenset()  # every word find_person_names acts on (a pre-filter)
    strip_forms: tuple[str, ...] = ()  # the `clitics` forms, longest first (the order stems are cut in)
    not_names: frozenset[str] = frozenset()  # cue and function words, which are never name words
    org_head_ends: tuple[str, ...] = ()  # the last words of the org heads
    not_org_words: frozenset[str] = frozenset()  # cue and function words, never inside an organisation's name


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span of words the cues say is a person's name (normalised-text offsets)."""

    span: Span
    rule: str  # cue_title | cue_appositive | cue_speech


@functools.cache
def load_cues(code: str) -> Cues:
    """The cached cue lists of language `code`."""
    data = langdata.load(code)
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in data.table("actor_cues.tsv"):
        by_kind.setdefault(row["kind"], []).append(row)
    forms = {kind: frozenset(norm(r["form"], code) for r in rows) for kind, rows in by_kind.items()}
    speech = frozenset(
        norm(r["form"], code) for r in data.table("verbs.tsv") if r["kind"] == "statement" and " " not in r["form"]
    )
    heads = {norm(r["form"], code): (r["key"], r["name_en"]) for r in by_kind.get("org_head", [])}
    head_alternation = "|".join(r"\s+".join(map(re.escape, h.split())) for h in sorted(heads, key=len, reverse=True))
    endings = tuple(
        sorted(
            (norm(r["form"], code) for r in data.table("clitics.tsv") if r["function"] in NAME_SUFFIX_FUNCTIONS),
            key=len,
            reverse=True,
        )
    )
    name_cues = frozenset().union(
        *(forms.get(kind, frozenset()) for kind in ("title", "role_title", "led_by", "role")), speech
    )
    clitics = {
        norm(r["form"], code): r["function"] for r in data.table("clitics.tsv") if r["function"] in STRIPPABLE_FUNCTIONS
    }
    not_name_kinds = ("stop", "title", "role_title", "role", "particle")
    not_names = frozenset().union(*(forms.get(kind, frozenset()) for kind in not_name_kinds), speech, heads)
    not_org_kinds = ("stop", "role", "org_member", "title")
    not_org_words = frozenset().union(*(forms.get(kind, frozenset()) for kind in not_org_kinds), speech)
    cues = Cues(
        not_org_words=not_org_words,
        org_head_ends=tuple(sorted({h.split()[-1] for h in heads})),
        name_cues=name_cues,
        not_names=not_names,
        strip_forms=tuple(sorted(clitics, key=len, reverse=True)),
        titles=forms.get("title", frozenset()),
        role_titles=forms.get("role_title", frozenset()),
        particles=forms.get("particle", frozenset()),
        roles=forms.get("role", frozenset()),
        stops=forms.get("stop", frozenset()) | speech,
        speech=speech,
        org_heads=heads,
        org_head_pattern=re.compile(rf"(?<!\w)(?P<head>{head_alternation})\s+$"),
        bad_endings=endings,
        clitics=clitics,
        vowels=forms.get("vowel", frozenset()),
        final_vowels=forms.get("vowel", frozenset()) | forms.get("vowel_final", frozenset()),
        functions={norm(r["form"], code): r["function"] for r in data.table("clitics.tsv")},
        kinds=forms,
        # the memos call back into this Cues (bound below, before any call)
        stems=WordMemo(lambda key: _strip_clitics(key[0], cues, key[1]), STEM_MEMO_LIMIT),
        name_words=WordMemo(lambda key: _may_be_name_word(key[0], cues, load_lexicon(key[1])), STEM_MEMO_LIMIT),
    )
    return cues


def find_person_names(text: str, cues: Cues, lexicon: Lexicon, taken: list[Span]) -> list[NameHit]:
    """Person-name spans suggested by titles, appositives and speech verbs in `text`."""
    tw = text_words(text)
    hits: list[NameHit] = []
    for i in cue_indices(tw.words, cues.name_cues):
        word = tw.words[i]
        if word in cues.titles:
            hits += _after_title(tw, i, text, cues, lexicon, min_words=1)
        if word in cues.role_titles:
            hits += _after_title(tw, i, text, cues, lexicon, min_words=2, closed=True)
        if word in cues.kinds.get("led_by", ()):  # بەسەرۆکایەتی X Y 'headed by X Y'
            hits += _after_title(tw, i, text, cues, lexicon, min_words=2)
        if word in cues.roles and _comma_between(text, tw, i):
            hits += _before(tw, i, text, cues, lexicon, "cue_appositive")
        if word in cues.speech:
            hits += _before(tw, i, text, cues, lexicon, "cue_speech", clause_start=True)
    if not hits:
        return hits
    taken_index = SpanIndex(taken)
    return [h for h in hits if not taken_index.overlaps(h.span)]


def cue_indices(words: Sequence[str], cue_words: frozenset[str]) -> list[int]:
    """Indices of the words that are cues; one C-level pass (few words are, and most cost nothing)."""
    return list(itertools.compress(range(len(words)), map(cue_words.__contains__, words)))


@dataclass(frozen=True, slots=True)
class TextWords:
    """Every WORD of a text (normalised offsets), as three parallel sequences.

    Parallel sequences, not a (start, end, word) tuple per word: the finders look at the few
    words around their cues, and making ~600 tuples a document cost more than all of that.
    """

    starts: Sequence[int]
    ends: Sequence[int]
    words: Sequence[str]

    def gap_is_space(self, a: int, b: int, text: str) -> bool:
        """Only white space between word a and word b (a < b)."""
        return text[self.ends[a] : self.starts[b]].isspace()


@functools.lru_cache(maxsize=4)  # person and organisation finders read the same document in turn
def text_words(text: str) -> TextWords:
    """Every WORD of `text`, built with C-level loops (no match objects).

    The runs of word characters come from `kg.text.word_runs` (made once per text and shared
    with the role and claim finders); only short abbreviations (د.) then take their dot.
    """
    starts, runs = word_runs(text)
    ends = list(map(operator.add, starts, map(len, runs)))
    dotted = _abbreviations(text, ends, runs)
    if dotted:
        runs = list(runs)
        for k in dotted:
            ends[k] += 1
            runs[k] += "."
    return TextWords(starts, ends, runs)


def _abbreviations(text: str, ends: list[int], runs: tuple[str, ...]) -> list[int]:
    """Indices of the runs WORD reads as an abbreviation: one or two word characters, a dot, a space."""
    out = []
    dot = text.find(".")
    while dot != -1:
        k = bisect.bisect_left(ends, dot)
        if k < len(ends) and ends[k] == dot and len(runs[k]) <= 2 and text[dot + 1 : dot + 2].isspace():
            out.append(k)
        dot = text.find(".", dot + 1)
    return out


def _after_title(tw, i, text, cues, lexicon, *, min_words, closed=False) -> list[NameHit]:
    """Name words right after a title; `closed`: the name must end at a boundary or speech verb."""
    words = tw.words
    run, names = [], 0  # indices of the name words
    for j in range(i + 1, len(words)):
        word = words[j]
        if not tw.gap_is_space(j - 1, j, text) or names == MAX_NAME_WORDS:
            break
        if word in cues.particles and names:
            run.append(j)
            continue
        if not _name_word(word, cues, lexicon):
            break
        run.append(j)
        names += 1
    while run and words[run[-1]] in cues.particles:
        run.pop()
    if names < min_words:
        return []
    if closed and not _closes_name(text, tw, run[-1], cues):
        return []
    return [NameHit(Span(tw.starts[run[0]], tw.ends[run[-1]]), "cue_title")]


def _closes_name(text, tw, k, cues) -> bool:
    """After word k comes punctuation, the end of the text, or a speech verb."""
    if k + 1 == len(tw.words):
        return True
    return not tw.gap_is_space(k, k + 1, text) or tw.words[k + 1] in cues.speech


def _before(tw, i, text, cues, lexicon, rule, *, clause_start=False) -> list[NameHit]:
    """Name words right before word i (an appositive comma or a speech verb)."""
    first, names = None, 0  # the first name word (its index), and how many name words
    for j in range(i - 1, -1, -1):
        if (first is not None or rule == "cue_speech") and not tw.gap_is_space(j, j + 1, text):
            break  # name words are separated by spaces only; a speech verb follows directly
        word = tw.words[j]
        if word in cues.particles and names:
            first = j
            continue
        if names == MAX_NAME_WORDS or not _name_word(word, cues, lexicon):
            break
        first = j
        names += 1
    if names < MAX_NAME_WORDS:
        return []
    if clause_start and not _starts_clause(text, tw, first, cues):
        return []
    return [NameHit(Span(tw.starts[first], tw.ends[i - 1]), rule)]


def _starts_clause(text, tw, k, cues) -> bool:
    """True when word k opens a clause: text start, punctuation or a conjunction before it."""
    if k == 0:
        return True
    return not tw.gap_is_space(k - 1, k, text) or tw.words[k - 1] in cues.stops


def _comma_between(text, tw, i) -> bool:
    """The role word follows a comma (appositive), with nothing but space after it."""
    if i == 0:
        return False
    return is_comma(text[tw.ends[i - 1] : tw.starts[i]].strip())


def is_comma(mark: str) -> bool:
    """One comma of any script (، , ، ﹐ …): Unicode names every comma character COMMA."""
    return len(mark) == 1 and unicodedata.category(mark) == "Po" and "COMMA" in unicodedata.name(mark, "")


def _name_word(word: str, cues: Cues, lexicon: Lexicon) -> bool:
    """Whether `word` may be part of a person's name (a pure per-word test, remembered)."""
    return cues.name_words[(word, lexicon.code)]


def _may_be_name_word(word: str, cues: Cues, lexicon: Lexicon) -> bool:
    if word in cues.not_names or word.endswith(".") or any(map(str.isdigit, word)):
        return False
    entry = lexicon.entries.get(word)
    if entry is not None and entry.rule != "gazetteer":
        return False  # a demonym is an adjective, not a name
    if not word.endswith(cues.bad_endings):  # one C-level test clears most words
        return True
    return not any(word.endswith(e) and len(word) > len(e) + 2 for e in cues.bad_endings)


def find_org_head(text: str, gpe: Span, cues: Cues) -> tuple[Span, str, str] | None:
    """An institution head glued before a country mention: (head span, id suffix, English pattern)."""
    end = gpe.start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == gpe.start or not text.endswith(cues.org_head_ends, 0, end):
        return None  # no head's last word before the space: most countries, and no search needed
    window_start = max(0, gpe.start - 40)
    match = cues.org_head_pattern.search(text, window_start, gpe.start)
    if not match:
        return None
    key, english = cues.org_heads[squeeze(match.group("head"))]
    return Span(match.start("head"), match.end("head")), key, english


def strip_clitics(word: str, cues: Cues, min_stem: int = 3) -> str:
    """The stem of `word` without its glued clitic chain (کازمییان → کازمی, ترەمپدا → ترەمپ).

    Of the splits into stem + chain of up to three strippable clitics, the longest
    stem wins, except that a vowel-initial clitic never follows a vowel-final stem
    (hiatus: کازمی+یان, not کازمیی+ان).
    """
    return cues.stems[(word, min_stem)]


def _strip_clitics(word: str, cues: Cues, min_stem: int) -> str:
    for cut in range(len(word) - 1, min_stem - 1, -1):
        stem, chain = word[:cut], word[cut:]
        first = _first_clitic(chain, cues, 3)
        if first is None:
            continue
        if stem[-1] in cues.final_vowels and first[0] in cues.vowels:
            continue
        return stem
    return word


def _first_clitic(chain: str, cues: Cues, budget: int) -> str | None:
    """The first clitic of a parse of `chain` as up to `budget` clitics, or None."""
    if budget == 0:
        return None
    for form in cues.strip_forms:
        if chain.startswith(form) and (chain == form or _first_clitic(chain[len(form):], cues, budget - 1)):
            return form
    return None
