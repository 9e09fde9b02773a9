"""The extraction pipeline: documents in, linked per-document results out.

    text → normalised text → timexes, actor mentions, claims (per document, pure)
         → corpus-wide actor linking (claims follow their mentions to the linked ids)

All per-document work happens in `extract_document`, which never touches shared
state, so it can run in worker processes or on a cluster; only the linking is a
corpus-wide step. A failure in one document is recorded and the others go on.
"""

from __future__ import annotations

import contextlib
import itertools
import traceback
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field, replace
from typing import TypeVar

from kg.digest import DocDigest, digest, moved_roles, relinked
from kg.errors import Problem
from kg.extract.actors import extract_actors, extract_roles, find_role_heads, link_actors
from kg.extract.claims import claim_actors, extract_claims
from kg.extract.temporal import extract_timexes, infer_dct, match_timexes
from kg.model import Actor, Claim, DocResult, Document
from kg.parallel import Mapper, serial_map
from kg.runtime import cycle_collection_paused
from kg.store import ExtractionStore
from kg.text import normalize

T = TypeVar("T")
Progress = Callable[[Iterable, int], Iterable]
# documents looked up in the store together, then extracted in one mapper call (a process
# pool starts once per chunk: a big chunk keeps that rare, ~10 kB of text per document)
STORE_CHUNK = 10_000
STORE_BATCH = 500  # extractions per store transaction: few commits, little lost to an interruption
NAMES_SHOWN = 5  # documents named in a warning that covers many


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
    matches = match_timexes(norm, doc.lang)
    timexes = extract_timexes(doc, norm, doc.lang, matches)
    if doc.dct is None:
        inferred = infer_dct(timexes)
        if inferred is not None:  # date the same matches again, against the inferred date
            doc = replace(doc, dct=inferred, dct_source="inferred")
            timexes = extract_timexes(doc, norm, doc.lang, matches)
    role_heads = find_role_heads(norm.text, doc.lang)  # read by actors (role holders) and roles
    mentions, actors = extract_actors(doc, norm, doc.lang, role_heads)
    types = {key: actor.type for key, actor in actors.items()}
    claims = extract_claims(doc, norm, timexes, mentions, types)
    actors = {**actors, **claim_actors(claims, doc.lang)}  # actors only claims name (the anonymous source)
    roles = extract_roles(doc, norm, mentions, timexes, doc.lang, role_heads)
    return DocResult(doc=doc, timexes=timexes, mentions=mentions, claims=claims, roles=roles, actors=actors)


def follow_links(before: DocResult, after: DocResult) -> DocResult:
    """`after` (relinked mentions) with its claims' and roles' actor ids moved the same way."""
    moved = moved_ids(before, after)
    roles = moved_roles(before.roles, moved)
    claims = tuple(_relinked(claim, moved) if moved else claim for claim in before.claims)
    named = {a for c in claims for a in (c.speaker, *c.participants) if a}
    return replace(after, claims=claims, roles=roles, actors=_with_unmentioned(before, after, named))


def moved_ids(before: DocResult, after: DocResult) -> dict[str, str]:
    """Extraction-time actor id → linked id, for the ids linking changed in one document."""
    return {
        old.actor_key: new.actor_key
        for old, new in zip(before.mentions, after.mentions)
        if old.actor_key != new.actor_key
    }


def _with_unmentioned(before: DocResult, after: DocResult, named: set[str]) -> dict[str, Actor]:
    """The linked actors, plus those only claims name (an anonymous source): no mention links them."""
    unmentioned = {k: a for k, a in before.actors.items() if k in named and k not in after.actors}
    return {**after.actors, **unmentioned}


def _relinked(claim: Claim, moved: dict[str, str]) -> Claim:
    """The claim with its actor ids moved (itself when none of them moved: most claims)."""
    if not ({claim.speaker, *claim.participants} & moved.keys()):
        return claim
    return replace(
        claim,
        speaker=moved.get(claim.speaker, claim.speaker) if claim.speaker else None,
        participants=tuple(dict.fromkeys(moved.get(p, p) for p in claim.participants)),
        participant_roles=tuple(dict.fromkeys((moved.get(a, a), r) for a, r in claim.participant_roles)),
    )


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
    """Extract every document (reusing stored extractions), then link actors corpus-wide.

    Document ids must be unique: a document whose id was already seen is skipped with
    a `Problem`. New extractions are stored in batches as they arrive, so an
    interrupted run keeps what it finished.
    """
    out = CorpusResult()
    with cycle_collection_paused():
        extracted, out.reused = _extract_all(documents, mapper, store, progress, out.problems, keep=lambda r: r)
        linked, out.merges = link_actors(extracted)
        out.results = [follow_links(before, after) for before, after in zip(extracted, linked)]
    for result in out.results:
        out.actors.update(result.actors)
    out.problems.extend(dct_notes(r.doc for r in out.results))
    return out


@dataclass
class CorpusDigest:
    """A corpus run that kept digests, not extractions (see `kg.digest`)."""

    digests: list[DocDigest] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    merges: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0
    moved: dict[str, dict[str, str]] = field(default_factory=dict)  # doc id → ids linking changed there


def digest_corpus(
    documents: Iterable[Document],
    *,
    mapper: Mapper = serial_map,
    store: ExtractionStore | None = None,
    progress: Progress = lambda items, total: items,
    on_result: Callable[[DocResult], None] = lambda result: None,
) -> CorpusDigest:
    """`run_corpus` in memory proportional to the actors, not the text: each extraction is
    handed to `on_result` (in input order, before linking) and only its digest is kept.

    Linking sees the same forms and rules as in `run_corpus`, so ids and merges agree with
    it, and `moved` says which ids moved in each document (`kg.spill` relabels records by it).
    """
    out = CorpusDigest()

    def keep(result: DocResult) -> DocDigest:
        on_result(result)
        return digest(result)

    with cycle_collection_paused():
        digests, out.reused = _extract_all(documents, mapper, store, progress, out.problems, keep=keep)
        before = [d.as_result() for d in digests]
        linked, out.merges = link_actors(before)
        for summary, old, new in zip(digests, before, linked):
            moved = moved_ids(old, new)
            named = {moved.get(a, a) for a in summary.claim_actors}
            out.digests.append(relinked(summary, moved, _with_unmentioned(old, new, named)))
            if moved:
                out.moved[summary.doc.id] = moved
    for summary in out.digests:
        out.actors.update(summary.actors)
    out.problems.extend(dct_notes(d.doc for d in out.digests))
    return out


def _unique_ids(documents: Iterable[Document], problems: list[Problem]) -> Iterator[Document]:
    """The documents whose id is not taken by an earlier one (ids key the store and the graph)."""
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            problems.append(Problem(doc.path or doc.id, f"document id {doc.id!r} is already used by another document"))
            continue
        seen.add(doc.id)
        yield doc


def _extract_all(documents, mapper, store, progress, problems: list[Problem], *, keep: Callable[[DocResult], T]):
    """`keep` of each document's extraction, in input order, and how many came from the store.

    Documents stream through: none is held once its extraction is kept (with a store, at
    most `STORE_CHUNK` are, while the store is asked which of them it already has).
    """
    total = len(documents) if isinstance(documents, Sized) else None
    docs = _unique_ids(documents, problems)
    reuse = _Reuse(store)
    results = mapper(safe_extract, docs) if store is None else reuse.results(docs, mapper)
    try:
        kept = [keep(result) for result in _reported(progress(results, total), problems)]
    finally:  # stopped early (ctrl-c, a failing `keep`): store what is done while the store is open
        if hasattr(results, "close"):
            results.close()
    if store is not None:
        store.forget_other_versions()  # only after a whole run: an interrupted one keeps its rows
    return kept, reuse.count


def _reported(results: Iterable[DocResult | Problem], problems: list[Problem]) -> Iterator[DocResult]:
    """The extractions, with failures moved to `problems`."""
    for result in results:
        if isinstance(result, Problem):
            problems.append(result)
        else:
            yield result


class _Reuse:
    """Extractions from the store where it has them, fresh (and then stored) where not."""

    def __init__(self, store: ExtractionStore | None) -> None:
        self.store = store
        self.count = 0  # extractions taken from the store

    def results(self, docs: Iterable[Document], mapper: Mapper) -> Iterator[DocResult | Problem]:
        pending = _StoreWriter(self.store, STORE_BATCH)
        try:
            remaining = iter(docs)
            while chunk := list(itertools.islice(remaining, STORE_CHUNK)):
                yield from self._chunk(chunk, mapper, pending)
        except BaseException:
            pending.save_what_is_done()
            raise
        pending.flush()

    def _chunk(self, docs: list[Document], mapper: Mapper, pending: _StoreWriter) -> Iterator[DocResult | Problem]:
        in_store = [self.store.has(doc) for doc in docs]
        todo = [doc for doc, found in zip(docs, in_store) if not found]
        fresh = iter(mapper(safe_extract, todo))
        for doc, found in zip(docs, in_store):
            # read when needed, not all at once: a large store holds more than memory does
            hit = self.store.get(doc) if found else None
            if hit is not None:
                self.count += 1
                yield hit
                continue
            result = safe_extract(doc) if found else next(fresh)  # found: a row another build just dropped
            if not isinstance(result, Problem):
                pending.add(doc, result)
            yield result


class _StoreWriter:
    """New extractions written to the store in batches, as they stream in."""

    def __init__(self, store: ExtractionStore | None, batch_size: int) -> None:
        self.store, self.batch_size = store, batch_size
        self.batch: list[tuple[Document, DocResult]] = []

    def add(self, doc: Document, result: DocResult) -> None:
        if self.store is None:
            return
        self.batch.append((doc, result))
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.store is not None and self.batch:
            self.store.put_many(self.batch)
        self.batch = []

    def save_what_is_done(self) -> None:
        """On the way out of a failed or interrupted run: keep finished work if the store allows."""
        with contextlib.suppress(Exception):  # the original error is the one to report
            self.flush()


def _failure(doc: Document, err: Exception) -> Problem:
    where = traceback.extract_tb(err.__traceback__)[-1]
    reason = f"extraction failed: {type(err).__name__}: {err} ({where.filename}:{where.lineno})"
    return Problem(doc.path or doc.id, reason)


def dct_notes(docs: Iterable[Document]) -> list[Problem]:
    """Where dates came from when not from the manifest: one warning per kind, not per document."""
    inferred, undated = [], []
    for doc in docs:
        if doc.dct_source == "inferred":
            inferred.append(f"{doc.id} ({doc.dct})")
        elif doc.dct is None:
            undated.append(doc.id)
    notes = []
    if inferred:
        notes.append(_grouped(inferred, "no publication date given; inferred from the text"))
    if undated:
        notes.append(_grouped(undated, "no publication date given or inferable; relative dates left unresolved"))
    return notes


def _grouped(names: list[str], reason: str) -> Problem:
    """One warning for many documents: how many, and the first few by name."""
    shown = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
    count = f"{len(names)} document" + ("s" if len(names) > 1 else "")
    return Problem(count, f"{reason}: {shown}", skipped=False)
