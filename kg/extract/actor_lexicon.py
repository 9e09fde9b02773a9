"""The actor lexicon of a language: known actors, their surface forms, and one matcher.

Sources, merged in this order (later rows add aliases to earlier ids):
  1. CLDR territory names in the language (babel), typed GPE, or LOC for numeric
     CLDR regions; ids are the slugged English CLDR name (``united_states``).
  2. ``gazetteer.tsv``: curated actors, and short names for CLDR ids.
  3. ``demonyms.tsv``: nationality adjectives that corefer with a country.
  4. ``actor_guards.tsv``: forms that are also ordinary words, with the context each needs
     (the guard is checked by `kg.extract.actor_guards` after matching).

Names and demonyms have two matchers because they take different suffixes: a name takes
only ezafe, copula, postpositions, additive and pronoun clitics (``name_clitic_*`` rows of
actor_cues.tsv): ڕووداوەکە 'the event' is no name. A demonym is an adjective and takes every
suffix (عێراقییەکان).

Every surface form is normalised with `kg.text.normalize` when loaded, so the
matcher runs on the normalised view of a document. The lexicon is cached per
language and never changes after it is built (safe in worker processes): only the Latin
display names of listed actors are made on first read, the same whenever that is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

import babel

from kg import lang as langdata
from kg.errors import ResourceError
from kg.extract.actor_words import FormStarts
from kg.model import Actor
from kg.text import normalize

ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
CLDR_ORG_CODES = frozenset({"EU", "UN"})  # CLDR lists these among territories; they are bodies
RULE_GAZETTEER = "gazetteer"
RULE_DEMONYM = "demonym"


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form refers to."""

    actor_id: str
    rule: str  # gazetteer | demonym
    guard: str = ""  # "" (always a name) or a guard expression of actor_guards.tsv


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Known actors of one language and a compiled matcher over their surface forms."""

    code: str  # the language, for what the lexicon cannot list (ids and Latin names of new names)
    actors: Mapping[str, Actor]  # read-only: a `ListedActors`
    entries: dict[str, Entry]  # surface form (single-spaced, normalised) → entry
    pattern: re.Pattern  # names: groups name (a surface form), clitics (glued suffix chain)
    demonym_pattern: re.Pattern  # demonyms, same groups, every suffix allowed
    clitic: str  # regex fragment for one clitic of any function, no capturing groups
    name_clitic: str  # regex fragment for one clitic a name may carry
    name_starts: FormStarts  # the words `pattern` can match at
    demonym_starts: FormStarts  # the words `demonym_pattern` can match at


def slugify(latin: str) -> str:
    """An ASCII id from a Latin-script name: ``"Türkiye"`` → ``"turkiye"``."""
    decomposed = unicodedata.normalize("NFKD", latin)
    ascii_only = decomposed.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")


def squeeze(surface: str) -> str:
    """A lookup key: runs of white space become one space."""
    return " ".join(surface.split())


def norm(surface: str, code: str) -> str:
    """The normalised, single-spaced form of a resource string."""
    return squeeze(normalize(surface, code).text)


@functools.cache
def load_lexicon(code: str) -> Lexicon:
    """The cached lexicon of language `code`, e.g. ``load_lexicon("ckb")``."""
    data = langdata.load(code)
    actors: dict[str, Actor] = {}
    surfaces: dict[str, set[str]] = {}
    _add_cldr(code, data, actors, surfaces)
    _add_gazetteer(code, data, actors, surfaces)
    entries = _entries(actors, surfaces)
    _add_guards(code, data, actors, entries)
    _add_demonyms(code, data, actors, entries)
    clitic, name_clitic = clitic_fragment(code), name_clitic_fragment(code)
    names = [form for form, entry in entries.items() if entry.rule != RULE_DEMONYM]
    demonyms = [form for form, entry in entries.items() if entry.rule == RULE_DEMONYM]
    return Lexicon(
        code=code,
        actors=ListedActors(actors, code),
        entries=entries,
        pattern=_compile(names, name_clitic),
        demonym_pattern=_compile(demonyms, clitic),
        clitic=clitic,
        name_clitic=name_clitic,
        name_starts=FormStarts(names, name_clitic),
        demonym_starts=FormStarts(demonyms, clitic),
    )


class ListedActors(Mapping[str, Actor]):
    """Listed actors by id, each with its display names: Sorani, Latin, English where known.

    The Latin name (asosoft's G2P, ~1 ms a name) is made when an actor is first read: a
    corpus names few of the ~600 listed actors, and making them all was most of a process's
    setup. The result is the same whenever it is made.
    """

    def __init__(self, actors: dict[str, Actor], code: str) -> None:
        self._plain, self._code = actors, code
        self._read: dict[str, Actor] = {}

    def __getitem__(self, key: str) -> Actor:
        actor = self._read.get(key)
        if actor is None:
            plain = self._plain[key]  # KeyError, as a dict
            actor = self._read[key] = replace(plain, name_latin=langdata.transliterate(plain.name, self._code))
        return actor

    def __contains__(self, key: object) -> bool:
        return key in self._plain

    def type_of(self, key: str) -> str | None:
        """The type of listed actor `key`, None when it is not listed (no Latin name is made)."""
        plain = self._plain.get(key)
        return plain.type if plain is not None else None

    def __iter__(self) -> Iterator[str]:
        return iter(self._plain)

    def __len__(self) -> int:
        return len(self._plain)


def clitic_fragment(code: str) -> str:
    """Regex fragment for ONE clitic of `code` (no capturing groups), longest forms first.

    Prefers `kg.text.clitic_pattern` (a whole chain) when the text layer offers it;
    a chain here is this fragment repeated up to three times.
    """
    forms = sorted({norm(r["form"], code) for r in langdata.load(code).table("clitics.tsv")}, key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, forms)) + ")"


def name_clitic_fragment(code: str) -> str:
    """Regex fragment for ONE clitic a listed name may carry (see the module docstring)."""
    cues = langdata.load(code).table("actor_cues.tsv")
    functions = {r["form"] for r in cues if r["kind"] == "name_clitic_function"}
    extra = {norm(r["form"], code) for r in cues if r["kind"] == "name_clitic_form"}
    rows = langdata.load(code).table("clitics.tsv")
    forms = {norm(r["form"], code) for r in rows if r["function"] in functions} | extra
    return "(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")"


def _add_cldr(code: str, data, actors: dict[str, Actor], surfaces: dict[str, set[str]]) -> None:
    skip = {r["form"] for r in data.table("actor_cues.tsv") if r["kind"] == "cldr_skip"}
    english = babel.Locale("en").territories
    for territory, name in babel.Locale.parse(code).territories.items():
        if territory in skip or territory not in english:
            continue
        actor_id = slugify(english[territory])
        kind = "LOC" if territory.isdigit() or territory == "AQ" else "GPE"
        kind = "ORG" if territory in CLDR_ORG_CODES else kind
        surface = norm(name, code)
        if "(" in surface:  # CLDR's parenthesised alternatives: not a news form
            continue
        actors[actor_id] = Actor(id=actor_id, name=surface, type=kind, name_en=english[territory])
        surfaces.setdefault(actor_id, set()).add(surface)


def _add_gazetteer(code: str, data, actors: dict[str, Actor], surfaces: dict[str, set[str]]) -> None:
    for row in data.table("gazetteer.tsv"):
        actor_id, kind = row["id"], row["type"]
        if kind not in ACTOR_TYPES:
            raise ResourceError("gazetteer.tsv", None, f"{actor_id}: type {kind!r} not in {sorted(ACTOR_TYPES)}")
        name = norm(row["name_ckb"], code)
        aliases = {norm(a, code) for a in row["aliases"].split("|") if a.strip()}
        known = surfaces.setdefault(actor_id, set())
        known |= aliases | {name}
        cldr = actors.get(actor_id)
        actors[actor_id] = Actor(
            id=actor_id,
            name=name,
            type=kind,
            name_en=row["name_en"] or (cldr.name_en if cldr else None),
            wikidata=row["wikidata"] or None,
        )


def _entries(actors: dict[str, Actor], surfaces: dict[str, set[str]]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for actor_id in sorted(surfaces):
        for surface in sorted(surfaces[actor_id]):
            other = entries.get(surface)
            if other and other.actor_id != actor_id:
                raise ResourceError("gazetteer.tsv", None, f"{surface!r} names both {other.actor_id} and {actor_id}")
            entries[surface] = Entry(actor_id, RULE_GAZETTEER)
    for actor_id, actor in list(actors.items()):
        aliases = tuple(sorted(surfaces.get(actor_id, set()) - {actor.name}))
        actors[actor_id] = Actor(
            id=actor.id, name=actor.name, type=actor.type, name_en=actor.name_en,
            wikidata=actor.wikidata, aliases=aliases,
        )
    return entries


def _add_guards(code: str, data, actors: dict[str, Actor], entries: dict[str, Entry]) -> None:
    """Guard listed forms that are also ordinary words; add guarded aliases not listed yet."""
    for row in data.table("actor_guards.tsv"):
        form, actor_id, guard = norm(row["form"], code), row["actor"], row["guard"]
        if actor_id not in actors or not guard:
            raise ResourceError("actor_guards.tsv", None, f"{form!r}: unknown actor {actor_id!r} or no guard")
        other = entries.get(form)
        if other and other.actor_id != actor_id:
            raise ResourceError("actor_guards.tsv", None, f"{form!r} names both {other.actor_id} and {actor_id}")
        entries[form] = Entry(actor_id, RULE_GAZETTEER, guard)


def _add_demonyms(code: str, data, actors: dict[str, Actor], entries: dict[str, Entry]) -> None:
    for row in data.table("demonyms.tsv"):
        form, country = norm(row["form"], code), row["country"]
        if country not in actors:
            raise ResourceError("demonyms.tsv", None, f"{form!r}: unknown country id {country!r}")
        if form in entries:  # a name wins over an adjective spelled the same
            continue
        entries[form] = Entry(country, RULE_DEMONYM, row.get("guard", ""))


def _compile(forms, clitic: str) -> re.Pattern:
    # A trie-shaped alternation: greedy at every branch, so the longest surface form is
    # tried first and shorter ones only when the word boundary after it fails.
    trie = _trie(forms)
    body = _trie_regex(trie)
    return re.compile(rf"(?<!\w)(?P<name>{body})(?P<clitics>{clitic}{{0,3}})(?!\w)")  # name: group 1


def _trie(forms) -> dict:
    root: dict = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body
