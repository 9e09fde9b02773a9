"""Throughput and memory of `kg` extraction against dateparser's search_dates, in one run.

    python bench/throughput.py                     # 1k, 10k and 50k documents
    python bench/throughput.py --sizes 1000        # a quick look

A synthetic corpus is made at run time from the real Sorani sentences of data/seeds:
sentences are shuffled into articles of about the seeds' length and re-dated (every
four-digit year moved by a random offset, each article given a random publication
date). The articles are written to a temporary folder (never to the repository) with a
manifest of their dates, before the clock starts.

Each measurement runs in a fresh process so that its peak memory (max RSS) is its own:
- kg: what `kg build` does up to its outputs, on one core: read the files (lazily) + normalise
  + all extractors + corpus linking + the graph (claim-level up to 5,000 documents, actor-level
  from document digests above: the "graph" column);
- baseline: dateparser.search_dates(text, languages=["ckb"]) over the same documents
  (on a sample for large sizes: it is ~100x slower; its MB/s does not depend on size),
  once before kg's run and once after, averaged: on a shared machine the speed of both drifts
  over minutes, and the ratio should compare like with like.
Prints MB/s, documents/s, peak memory and the ratio kg / baseline, by wall-clock time and by
CPU time of the measuring process (on a shared machine the CPU figures are the steadier ones:
a process waiting for a core accrues wall time but not CPU time); then the same for extraction
alone (reading, normalisation, all extractors and corpus linking, without the graph: what
`kg extract` does before writing, and what issue #8's target names).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
BASELINE_SAMPLE = 200  # documents the baseline reads per size and pass (~3 s each)
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
YEAR = re.compile(r"(?<![\d٠-٩])[12٠-٩][\d٠-٩]{3}(?![\d٠-٩])")


def seed_sentences() -> list[str]:
    from kg.text import sentences

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        out += [text[s.start : s.end] for s in sentences(text)]
    return out


def redate(sentence: str, rng: random.Random) -> str:
    """Move every year in the sentence by the same random offset, keeping its digit system."""
    shift = rng.randint(-15, 5)

    def moved(match: re.Match) -> str:
        digits = match.group().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        year = str(int(digits) + shift)
        return year.translate(EASTERN) if match.group()[0] in "٠١٢٣٤٥٦٧٨٩" else year

    return YEAR.sub(moved, sentence)


def make_corpus(size: int, seed: int = 7) -> list[tuple[str, str, date]]:
    """(file name, text, publication date) for `size` synthetic articles."""
    return list(iter_corpus(size, seed))


def iter_corpus(size: int, seed: int = 7) -> Iterator[tuple[str, str, date]]:
    """`make_corpus`, one article at a time."""
    rng = random.Random(seed)
    pool = seed_sentences()
    per_article = max(1, len(pool) // 5)
    for i in range(size):
        picked = rng.sample(pool, per_article)
        text = "   ".join(redate(s, rng) for s in picked)
        yield f"{i:06d}.txt", text, date(2015, 1, 1) + timedelta(days=rng.randrange(4000))


def write_corpus(folder: Path, size: int) -> float:
    """The synthetic corpus as files and a manifest in `folder`; returns its size in MB."""
    rows, total = ["file,date"], 0
    for name, text, dct in iter_corpus(size):
        data = text.encode()
        (folder / name).write_bytes(data)
        rows.append(f"{name},{dct.isoformat()}")
        total += len(data)
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return total / 1e6


def warm_up() -> None:
    """One extraction outside the measurement: the language data is loaded and patterns compiled
    once per process (about 0.4 s), which the baseline's warm-up call also leaves out."""
    from kg.model import Document
    from kg.pipeline import extract_document

    name, text, dct = next(iter_corpus(1, seed=1))
    extract_document(Document(id=f"warm-up-{name}", text=text, dct=dct))


def run_kg(size: int) -> dict:
    """What `kg build` does at this size up to its graph, from files on disk: the claim-level
    graph, or above CLAIM_GRAPH_MAX_DOCS the actor-level graph from document digests. The files
    are read as extraction reaches them (as `kg build` reads them), so the time covers reading
    too. Writing outputs is left out on both sides (for a large corpus that includes the
    spill of records and claim rows, ~0.8 ms a document, which `kg build` writes while it
    extracts)."""
    from kg.corpus import read_corpus
    from kg.graph import build_graph
    from kg.graph_actors import CLAIM_GRAPH_MAX_DOCS, build_actor_graph
    from kg.pipeline import digest_corpus, run_corpus

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        megabytes = write_corpus(Path(folder), size)
        warm_up()  # load language data and compile patterns, as the baseline's first call does
        started, cpu_started = time.perf_counter(), time.process_time()
        docs = read_corpus([Path(folder)], lazy=True).documents
        if size <= CLAIM_GRAPH_MAX_DOCS:
            result = run_corpus(docs)
            extracted, cpu_extracted = time.perf_counter(), time.process_time()
            graph = build_graph(result.results, result.actors)
            timexes = sum(len(r.timexes) for r in result.results)
        else:
            digested = digest_corpus(docs)
            extracted, cpu_extracted = time.perf_counter(), time.process_time()
            graph = build_actor_graph(digested.digests, digested.actors)
            timexes = sum(d.timex_count for d in digested.digests)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "docs": size, "mb": megabytes, "seconds": seconds, "cpu_seconds": cpu_seconds,
        "extract_seconds": extracted - started, "extract_cpu_seconds": cpu_extracted - cpu_started,
        "nodes": graph.number_of_nodes(), "timexes": timexes, "detail": graph.graph.get("detail", "claims"),
    }


def run_baseline(size: int) -> dict:
    import dateparser.search

    corpus = make_corpus(size)[:BASELINE_SAMPLE]
    texts = [t for _, t, _ in corpus]
    dateparser.search.search_dates(texts[0], languages=["ckb"])  # warm its caches, as kg's are
    started, cpu_started = time.perf_counter(), time.process_time()
    found = sum(len(dateparser.search.search_dates(t, languages=["ckb"]) or []) for t in texts)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return {"docs": len(texts), "mb": megabytes, "seconds": seconds, "cpu_seconds": cpu_seconds, "found": found}


def measure(kind: str, size: int) -> dict:
    """Run one measurement in a fresh interpreter; return its figures and peak RSS."""
    code = (
        "import json, resource, sys; sys.path.insert(0, %r); import throughput as b; "
        "r = b.run_%s(%d); r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; "
        "print(json.dumps(r))" % (str(Path(__file__).parent), kind, size)
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated corpus sizes")
    args = parser.parse_args(argv)
    print(
        f"{'docs':>7} {'graph':>7} {'kg MB/s':>8} {'kg doc/s':>9} {'kg peak MB':>10} {'base MB/s':>10} {'ratio':>6}"
        f" | {'kg cpu MB/s':>11} {'base cpu MB/s':>13} {'cpu ratio':>9}"
        f" | {'extract MB/s':>12} {'ratio':>6} {'cpu ratio':>9}"
    )
    for size in map(int, args.sizes.split(",")):
        before, ours, after = measure("baseline", size), measure("kg", size), measure("baseline", size)
        base = {key: before[key] + after[key] for key in ("mb", "seconds", "cpu_seconds")}
        ours_rate, base_rate = ours["mb"] / ours["seconds"], base["mb"] / base["seconds"]
        ours_cpu, base_cpu = ours["mb"] / ours["cpu_seconds"], base["mb"] / base["cpu_seconds"]
        extract_rate = ours["mb"] / ours["extract_seconds"]
        extract_cpu = ours["mb"] / ours["extract_cpu_seconds"]
        print(
            f"{size:>7} {ours['detail']:>7} {ours_rate:>8.2f} {size / ours['seconds']:>9.0f} {ours['peak_mb']:>10.0f} "
            f"{base_rate:>10.2f} {ours_rate / base_rate:>5.1f}x"
            f" | {ours_cpu:>11.2f} {base_cpu:>13.2f} {ours_cpu / base_cpu:>8.1f}x"
            f" | {extract_rate:>12.2f} {extract_rate / base_rate:>5.1f}x {extract_cpu / base_cpu:>8.1f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
