"""CPU time per document of each extraction stage, on the synthetic corpus of throughput.py.

    python bench/stages.py            # 300 documents, best of 3 passes
    python bench/stages.py --cold     # every document meets its words for the first time

Each stage is called on its own, in pipeline order (normalise, temporal, actors, claims,
roles), with Python's cyclic garbage collector on; then `run_corpus` on the same documents,
which pauses the collector as real runs do. Language data is loaded before the clock starts.
Prints milliseconds per document: steadier than end-to-end figures on a shared machine, and
the place to see which stage a change moved.

The synthetic corpus repeats the seeds' few thousand words, so after the first articles every
per-word memo (`kg.memo.WordMemo`, bounded lru caches) answers from memory; real news keeps
bringing new words. `--cold` empties those memos before each document (outside the clock):
the cost when no word of the article was seen before, an upper bound for unseen text.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import make_corpus  # noqa: E402


def stage_times(docs, before_each=lambda: None) -> dict[str, float]:
    """CPU seconds spent in each stage over `docs` (`before_each` runs, unclocked, before each)."""
    from kg.extract.actors import extract_actors, extract_roles
    from kg.extract.claims import extract_claims
    from kg.extract.temporal import extract_timexes
    from kg.text import normalize

    spent = dict.fromkeys(("normalize", "temporal", "actors", "claims", "roles"), 0.0)
    for doc in docs:
        before_each()
        t0 = time.process_time()
        norm = normalize(doc.text, doc.lang)
        t1 = time.process_time()
        timexes = extract_timexes(doc, norm, doc.lang)
        t2 = time.process_time()
        mentions, actors = extract_actors(doc, norm, doc.lang)
        t3 = time.process_time()
        extract_claims(doc, norm, timexes, mentions, {key: actor.type for key, actor in actors.items()})
        t4 = time.process_time()
        extract_roles(doc, norm, mentions, timexes, doc.lang)
        t5 = time.process_time()
        for stage, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            spent[stage] += seconds
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="empty the per-word memos before each document")
    args = parser.parse_args(argv)

    from kg.model import Document
    from kg.pipeline import run_corpus

    docs = [Document(id=n, text=t, dct=d, dct_source="manifest") for n, t, d in make_corpus(args.docs)]
    run_corpus(docs[:5])  # load language data, compile patterns
    before_each = forgetting() if args.cold else lambda: None
    best: dict[str, float] = {}
    for _ in range(args.passes):
        spent = stage_times(docs, before_each)
        spent["all stages"] = sum(spent.values())
        if not args.cold:  # one call over the corpus: no memo can be emptied inside it
            started = time.process_time()
            run_corpus(docs)
            spent["run_corpus"] = time.process_time() - started
        best = {stage: min(seconds, best.get(stage, seconds)) for stage, seconds in spent.items()}
    for stage, seconds in best.items():
        print(f"{stage:>11} {1000 * seconds / len(docs):6.2f} ms/doc")
    return 0


def forgetting():
    """A function that empties every per-word memo of kg and its bounded caches (per word or
    per text); the language data, loaded once per process, stays."""
    import gc

    from kg.memo import WordMemo

    memos = [obj for obj in gc.get_objects() if isinstance(obj, WordMemo)]
    caches = [
        value
        for name, module in list(sys.modules.items())
        if name == "kg" or name.startswith("kg.")
        for value in vars(module).values()
        if hasattr(value, "cache_info") and value.cache_info().maxsize is not None
    ]

    def forget() -> None:
        for memo in memos:
            memo.clear()
        for cache in caches:
            cache.cache_clear()

    return forget


if __name__ == "__main__":
    sys.exit(main())
