"""CPU time per document of each extraction stage, on the synthetic corpus of throughput.py.

    python bench/stages.py            # 300 documents, best of 3 passes

Each stage is called on its own, in pipeline order (normalise, temporal, actors, claims,
roles), with Python's cyclic garbage collector on; then `run_corpus` on the same documents,
which pauses the collector as real runs do. Language data is loaded before the clock starts.
Prints milliseconds per document: steadier than end-to-end figures on a shared machine, and
the place to see which stage a change moved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import make_corpus  # noqa: E402


def stage_times(docs) -> dict[str, float]:
    """CPU seconds spent in each stage over `docs`."""
    from kg.extract.actors import extract_actors, extract_roles
    from kg.extract.claims import extract_claims
    from kg.extract.temporal import extract_timexes
    from kg.text import normalize

    spent = dict.fromkeys(("normalize", "temporal", "actors", "claims", "roles"), 0.0)
    for doc in docs:
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
    args = parser.parse_args(argv)

    from kg.model import Document
    from kg.pipeline import run_corpus

    docs = [Document(id=n, text=t, dct=d, dct_source="manifest") for n, t, d in make_corpus(args.docs)]
    run_corpus(docs[:5])  # load language data, compile patterns
    best: dict[str, float] = {}
    for _ in range(args.passes):
        spent = stage_times(docs)
        started = time.process_time()
        run_corpus(docs)
        spent["run_corpus"] = time.process_time() - started
        best = {stage: min(seconds, best.get(stage, seconds)) for stage, seconds in spent.items()}
    for stage, seconds in best.items():
        print(f"{stage:>11} {1000 * seconds / len(docs):6.2f} ms/doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
