"""The actor lexicon of a language: known actors, their surface forms, and one matcher.

Sources, merged in this order (later rows add aliases to earlier ids):
  1. CLDR territory names in the language (babel), typed GPE, or LOC for numeric
     CLDR regions; ids are the slugged English CLDR name (``united_states``).
  2. ``gazetteer.tsv``: curated actors, and short names for CLDR ids.
  3. ``demonyms.tsv``: nationality adjectives that corefer with a country.

Every surface form is normalised with `kg.text.normalize` when loaded, so the
matcher runs on the normalised view of a document. The lexicon is cached per
language and never mutated after it is built (safe in worker processes).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import babel

from kg import lang as langdata
from kg.errors import ResourceError
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


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Known actors of one language and a compiled matcher over their surface forms."""

    actors: dict[str, Actor]
    entries: dict[str, Entry]  # surface form (single-spaced, normalised) → entry
    pattern: re.Pattern  # groups: name (a surface form), clitics (glued suffix chain)
    clitic: str  # regex fragment for one clitic, no capturing groups


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
    _add_demonyms(code, data, actors, entries)
    clitic = clitic_fragment(code)
    pattern = _compile(entries, clitic)
    return Lexicon(actors=actors, entries=entries, pattern=pattern, clitic=clitic)


def clitic_fragment(code: str) -> str:
    """Regex fragment for ONE clitic of `code` (no capturing groups), longest forms first.

    Prefers `kg.text.clitic_pattern` (a whole chain) when the text layer offers it;
    a chain here is this fragment repeated up to three times.
    """
    forms = sorted({norm(r["form"], code) for r in langdata.load(code).table("clitics.tsv")}, key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, forms)) + ")"


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


def _add_demonyms(code: str, data, actors: dict[str, Actor], entries: dict[str, Entry]) -> None:
    for row in data.table("demonyms.tsv"):
        form, country = norm(row["form"], code), row["country"]
        if country not in actors:
            raise ResourceError("demonyms.tsv", None, f"{form!r}: unknown country id {country!r}")
        if form in entries:  # a name wins over an adjective spelled the same
            continue
        entries[form] = Entry(country, RULE_DEMONYM)


def _compile(entries: dict[str, Entry], clitic: str) -> re.Pattern:
    # A trie-shaped alternation: greedy at every branch, so the longest surface form is
    # tried first and shorter ones only when the word boundary after it fails.
    trie = _trie(entries)
    body = _trie_regex(trie)
    return re.compile(rf"(?<!\w)(?P<name>{body})(?P<clitics>{clitic}{{0,3}})(?!\w)")


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
