"""The extraction pipeline: documents in, linked per-document results out.

    text → normalised text → timexes, actor mentions, claims (per document, pure)
         → corpus-wide actor linking (claims follow their mentions to the linked ids)

All per-document work happens in `extract_document`, which never touches shared
state, so it can run in worker processes or on a cluster; only the linking is a
corpus-wide step. A failure in one document is recorded and the others go on.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kg.errors import Problem
from kg.extract.actors import extract_actors, extract_roles, link_actors
from kg.extract.claim_anaphora import anaphoric_events
from kg.extract.claim_lexicon import claim_lexicon
from kg.extract.claims import ANONYMOUS_ID, anonymous_source, extract_claims
from kg.extract.temporal import extract_timexes, infer_dct
from kg.model import Actor, DocResult, Document
from kg.parallel import Mapper, serial_map
from kg.store import ExtractionStore
from kg.text import normalize

Progress = Callable[[Iterable, int], Iterable]


@dataclass
class CorpusResult:
    """Everything extracted from a corpus run."""

    results: list[DocResult] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    merges: list[dict] = field(default_factory=list)  # why actors were merged, for audit
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0  # documents whose extraction came from the store


def extract_document(doc: Document) -> DocResult:
    """Everything one document says, with document-level actor ids (linked later)."""
    norm = normalize(doc.text, doc.lang)
    timexes = extract_timexes(doc, norm, doc.lang)
    if doc.dct is None:
        inferred = infer_dct(timexes)
        if inferred is not None:
            doc = replace(doc, dct=inferred, dct_source="inferred")
            timexes = extract_timexes(doc, norm, doc.lang)
    mentions, actors = extract_actors(doc, norm, doc.lang)
    types = {key: actor.type for key, actor in actors.items()}
    claims = extract_claims(doc, norm, timexes, mentions, types)
    claims += anaphoric_events(doc, norm, claims, claim_lexicon(doc.lang).event_types)
    if any(c.speaker == ANONYMOUS_ID for c in claims):  # named by claims, not by a mention
        actors = {**actors, ANONYMOUS_ID: anonymous_source(doc.lang)}
    roles = extract_roles(doc, norm, mentions, timexes, doc.lang)
    return DocResult(doc=doc, timexes=timexes, mentions=mentions, claims=claims, roles=roles, actors=actors)


def follow_links(before: DocResult, after: DocResult) -> DocResult:
    """`after` (relinked mentions) with its claims' and roles' actor ids moved the same way."""
    moved = {old.actor_key: new.actor_key for old, new in zip(before.mentions, after.mentions)}
    roles = tuple(
        replace(role, actor=moved.get(role.actor, role.actor), of=moved.get(role.of, role.of))
        for role in before.roles
    )
    claims = tuple(
        replace(
            claim,
            speaker=moved.get(claim.speaker, claim.speaker) if claim.speaker else None,
            participants=tuple(dict.fromkeys(moved.get(p, p) for p in claim.participants)),
            participant_roles=tuple(dict.fromkeys((moved.get(a, a), r) for a, r in claim.participant_roles)),
        )
        for claim in before.claims
    )
    # actors that only claims name (an anonymous source) have no mention to be linked by
    named = {a for c in claims for a in (c.speaker, *c.participants) if a}
    unmentioned = {k: a for k, a in before.actors.items() if k in named and k not in after.actors}
    return replace(after, claims=claims, roles=roles, actors={**after.actors, **unmentioned})


def safe_extract(doc: Document) -> DocResult | Problem:
    """`extract_document`, with a failure turned into a `Problem` (so workers never raise)."""
    try:
        return extract_document(doc)
    except Exception as err:  # noqa: BLE001 - one bad document must not end the run
        return _failure(doc, err)


def run_corpus(
    documents: Iterable[Document],
    *,
    mapper: Mapper = serial_map,
    store: ExtractionStore | None = None,
    progress: Progress = lambda items, total: items,
) -> CorpusResult:
    """Extract every document (reusing stored extractions), then link actors corpus-wide."""
    out = CorpusResult()
    extracted = _extract_all(list(documents), mapper, store, progress, out)
    linked, out.merges = link_actors(extracted)
    out.results = [follow_links(before, after) for before, after in zip(extracted, linked)]
    for result in out.results:
        out.actors.update(result.actors)
    out.problems.extend(note for r in out.results if (note := _dct_note(r.doc)))
    return out


def _extract_all(docs, mapper, store, progress, out: CorpusResult) -> list[DocResult]:
    """Per-document results in input order; only documents the store lacks are extracted."""
    stored = [store.get(doc) if store else None for doc in docs]
    todo = [doc for doc, hit in zip(docs, stored) if hit is None]
    out.reused = len(docs) - len(todo)
    fresh = iter(progress(mapper(safe_extract, todo), len(todo)))
    results, new = [], []
    for doc, hit in zip(docs, stored):
        result = hit if hit is not None else next(fresh)
        if isinstance(result, Problem):
            out.problems.append(result)
            continue
        results.append(result)
        if hit is None:
            new.append((doc, result))
    if store is not None:
        if new:
            store.put_many(new)
        store.forget_other_versions()  # only now: an interrupted run keeps what it may reuse
    return results


def _failure(doc: Document, err: Exception) -> Problem:
    where = traceback.extract_tb(err.__traceback__)[-1]
    reason = f"extraction failed: {type(err).__name__}: {err} ({where.filename}:{where.lineno})"
    return Problem(doc.path or doc.id, reason)


def _dct_note(doc: Document) -> Problem | None:
    """Say where a document's date came from when it is not the manifest."""
    if doc.dct_source == "inferred":
        return Problem(doc.path or doc.id, f"no publication date given; inferred {doc.dct} from the text", False)
    if doc.dct is None:
        return Problem(doc.path or doc.id, "no publication date given or inferable; relative dates left unresolved", False)
    return None
