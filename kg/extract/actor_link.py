"""Corpus-level actor linking: one actor, one id, in every document.

Extraction already gives deterministic ids, so the same name gets the same id
everywhere. What is left is merging different names of one actor, each merge
logged with its reason so a user can audit (and dispute) it:

  * "surname of a full name in the same document": بارزانی after مەسعود بارزانی;
  * "alias table": a cue-found name that is a gazetteer form once its ezafe is cut;
  * "same normalised form": two cue-found spellings that differ only by ezafe;
  * "surname of a full name elsewhere in the corpus": a one-word name matching the
    last word of exactly one multi-word person of the corpus;
  * "role holder at the document date": a role said without a name (سەرۆکوەزیرانی عێراق),
    resolved at extraction through offices.tsv and logged here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kg import lang as langdata
from kg.extract.actor_lexicon import load_lexicon, norm
from kg.extract.actor_roles import ROLE_HOLDER
from kg.model import Actor, DocResult

RULE_SURNAME = "surname"


def link_actors(results: list[DocResult]) -> tuple[list[DocResult], list[dict]]:
    """Relink mentions to corpus-wide ids; return the new results and the merge log."""
    log: list[dict] = []
    per_doc = [_link_surnames_in_doc(result, log) for result in results]
    log += [entry for result in results for entry in _role_holder_log(result)]
    corpus = _corpus_actors(results)
    global_map = _global_merges(corpus, results, per_doc, log)
    linked = [_apply(result, doc_map, global_map, corpus) for result, doc_map in zip(results, per_doc)]
    return linked, log


def _link_surnames_in_doc(result: DocResult, log: list[dict]) -> dict[str, str]:
    """Surname-only mentions → the one full-named person of this document who has that surname."""
    full_names = {
        key: actor for key, actor in result.actors.items() if actor.type == "PER" and len(actor.name.split()) >= 2
    }
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in result.mentions:
        if m.actor_key in full_names:
            by_surname[full_names[m.actor_key].name.split()[-1]].add(m.actor_key)
            by_surname[m.text.split()[-1]].add(m.actor_key)
    mapping: dict[str, str] = {}
    for m in result.mentions:
        if m.rule != RULE_SURNAME or m.actor_key in mapping:
            continue
        surname = result.actors[m.actor_key].name
        targets = by_surname.get(surname, set()) | {
            key for word, keys in by_surname.items() if word.startswith(surname) for key in keys
        }
        if len(targets) == 1:
            target = next(iter(targets))
            mapping[m.actor_key] = target
            log.append(_merge(m.actor_key, target, result.doc.id, "surname of a full name in the same document"))
    return mapping


def _role_holder_log(result: DocResult) -> list[dict]:
    """Role-only references were resolved at extraction; log each once per document."""
    seen, out = set(), []
    for m in result.mentions:
        if m.rule == ROLE_HOLDER and (m.text, m.actor_key) not in seen:
            seen.add((m.text, m.actor_key))
            reason = f"role holder at the document date ({result.doc.dct})"
            out.append(_merge(f"role:{m.text}", m.actor_key, result.doc.id, reason))
    return out


def _corpus_actors(results: list[DocResult]) -> dict[str, Actor]:
    """Every actor of the corpus; a listed (gazetteer) actor wins over a found one of the same id."""
    corpus: dict[str, Actor] = {}
    for result in results:
        listed = load_lexicon(result.doc.lang).actors
        for key, actor in result.actors.items():
            corpus[key] = listed.get(key, corpus.get(key, actor))
    return corpus


def _global_merges(corpus, results, per_doc, log) -> dict[str, str]:
    langs = sorted({r.doc.lang for r in results}) or ["ckb"]
    listed = {key for code in langs for key in load_lexicon(code).actors}
    found = {key: a for key, a in corpus.items() if key not in listed and a.type == "PER"}
    first_doc = _first_doc_of(results, per_doc)
    mapping: dict[str, str] = {}
    _merge_aliases(found, langs, mapping, first_doc, log)
    _merge_spellings(found, langs, mapping, first_doc, log)
    _merge_corpus_surnames(found, corpus, mapping, first_doc, log)
    return mapping


def _first_doc_of(results, per_doc) -> dict[str, str]:
    first: dict[str, str] = {}
    for result, doc_map in zip(results, per_doc):
        for key in result.actors:
            if key not in doc_map:
                first.setdefault(key, result.doc.id)
    return first


def _variants(name: str, langs) -> set[str]:
    """The name, and the name without a trailing ezafe (نووسەری X Yی → X Y)."""
    out = {name}
    for code in langs:
        for row in langdata.load(code).table("clitics.tsv"):
            form = norm(row["form"], code)
            if row["function"] == "ezafe" and name.endswith(form) and len(name) > len(form) + 2:
                out.add(name[: -len(form)])
    return out


def _merge_aliases(found, langs, mapping, first_doc, log) -> None:
    for key in sorted(found):
        for code in langs:
            lexicon = load_lexicon(code)
            hits = {lexicon.entries[v].actor_id for v in _variants(found[key].name, [code]) if v in lexicon.entries}
            if len(hits) == 1 and key not in mapping:
                mapping[key] = hits.pop()
                log.append(_merge(key, mapping[key], first_doc.get(key), "alias table"))


def _merge_spellings(found, langs, mapping, first_doc, log) -> None:
    by_form: dict[str, set[str]] = defaultdict(set)
    for key in sorted(found):
        if key not in mapping:
            by_form[min(_variants(found[key].name, langs), key=len)].add(key)
    for keys in by_form.values():
        target = min(keys, key=lambda k: (len(found[k].name), k))
        for key in sorted(keys - {target}):
            mapping[key] = target
            log.append(_merge(key, target, first_doc.get(key), "same normalised form"))


def _merge_corpus_surnames(found, corpus, mapping, first_doc, log) -> None:
    full = {k: a for k, a in corpus.items() if a.type == "PER" and len(a.name.split()) >= 2 and k not in mapping}
    for key in sorted(found):
        name = found[key].name
        if key in mapping or len(name.split()) != 1:
            continue
        targets = {k for k, a in full.items() if a.name.split()[-1] == name}
        if len(targets) == 1:
            mapping[key] = targets.pop()
            log.append(_merge(key, mapping[key], first_doc.get(key), "surname of a full name elsewhere in the corpus"))


def _apply(result: DocResult, doc_map, global_map, corpus) -> DocResult:
    def final(key: str) -> str:
        key = doc_map.get(key, key)
        seen = set()
        while key in global_map and key not in seen:  # chains: surname → found → listed
            seen.add(key)
            key = global_map[key]
        return key

    # most mentions keep their id: rebuilding them (dataclasses.replace) was most of the linking time
    mentions = tuple(
        m if (key := final(m.actor_key)) == m.actor_key else replace(m, actor_key=key) for m in result.mentions
    )
    listed = load_lexicon(result.doc.lang).actors
    actors = {m.actor_key: corpus.get(m.actor_key) or listed[m.actor_key] for m in mentions}
    return replace(result, mentions=mentions, actors=actors)


def _merge(source: str, target: str, doc: str | None, reason: str) -> dict:
    return {"from": source, "to": target, "doc": doc, "reason": reason}
