"""The `kg` command line.

    kg extract FILES|DIR [--manifest M] [--dct YYYY-MM-DD] --format jsonl
    kg build DIR [-o output/] [--manifest M] [--dct YYYY-MM-DD] [--formats report,graphml,…]
    kg export FORMAT GRAPH [-o PATH]      (FORMAT: graphml, gexf, json, csv)

Exit codes: 0 everything was read; 1 some input was skipped or failed (the rest
was processed and written, and stderr names each file and reason); 2 bad usage, or
nothing at all could be read (then nothing is written: earlier outputs stay as they were).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import networkx as nx

from kg.corpus import Corpus, read_corpus
from kg.errors import Problem
from kg.export import (
    jsonl_lines,
    read_graph,
    to_record,
    write_claim_rows_csv,
    write_claims_csv,
    write_gexf,
    write_graphml,
    write_json,
    write_jsonl,
)
from kg.graph import build_graph
from kg.graph_actors import CLAIM_GRAPH_MAX_DOCS, build_actor_graph
from kg.graph_actors import DETAIL as DETAIL_ACTORS
from kg.parallel import Mapper, dask_map, default_workers, process_map
from kg.pipeline import CorpusDigest, CorpusResult, digest_corpus, run_corpus
from kg.spill import RecordSpill
from kg.store import ExtractionStore, StoreError

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2
STORE_NAME = ".kg-store.sqlite"
OUTPUT_NAMES = {
    "report": "report.html",
    "graphml": "graph.graphml",
    "jsonl": "extractions.jsonl",
    "csv": "claims.csv",
    "gexf": "graph.gexf",
    "json": "graph.json",
}
DEFAULT_FORMATS = "report,graphml,jsonl,csv"
GRAPH_WRITERS = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_claims_csv,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (so tests can call it in-process)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "engine", None) == "dask" and not args.scheduler:  # before any file is read
        parser.error("--engine dask needs --scheduler ADDRESS")
    try:
        return args.command(args)
    except BrokenPipeError:  # `kg extract … | head` is fine
        return EXIT_OK
    except StoreError as err:  # e.g. another build kept the store busy for too long
        print(f"kg: {err}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    extract = commands.add_parser("extract", help="print per-document extractions")
    _corpus_arguments(extract)
    extract.add_argument("--format", choices=["jsonl"], default="jsonl")
    extract.set_defaults(command=run_extract)
    build = commands.add_parser("build", help="extract, link and write report, graph and tables")
    _corpus_arguments(build)
    build.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder")
    build.add_argument("--title", default=None, help="report title (default: the corpus folder name)")
    build.add_argument(
        "--no-store", action="store_true",
        help=f"re-extract everything instead of reusing OUTPUT/{STORE_NAME}",
    )
    build.add_argument(
        "--formats", type=_formats, default=_formats(DEFAULT_FORMATS),
        help=f"outputs to write, from {','.join(OUTPUT_NAMES)} (default: {DEFAULT_FORMATS})",
    )
    build.add_argument("--excel", action="store_true", help="write the CSV with a BOM, for Excel")
    build.add_argument(
        "--detail", choices=["auto", "claims", "actors"], default="auto",
        help="graph detail: claims (a node per claim and per document) or actors (actors and what links them;"
        f" the claims stay in the JSON Lines and CSV); auto: claims up to {CLAIM_GRAPH_MAX_DOCS:,} documents",
    )
    build.set_defaults(command=run_build)
    export = commands.add_parser("export", help="convert a built graph to another format")
    export.add_argument("format", choices=sorted(GRAPH_WRITERS))
    export.add_argument("graph", type=Path, help="graph.graphml or graph.json written by kg build")
    export.add_argument("-o", "--output", type=Path, help="output file (default: beside the graph)")
    export.add_argument("--excel", action="store_true", help="CSV with a BOM, for Excel")
    export.set_defaults(command=run_export)
    return parser


def _formats(value: str) -> list[str]:
    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = sorted(set(chosen) - set(OUTPUT_NAMES))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown)}; choose from {', '.join(OUTPUT_NAMES)}")
    return chosen


def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, help="text files or folders of .txt files")
    parser.add_argument("--manifest", type=Path, help="manifest.csv (default: the one beside the texts)")
    parser.add_argument(
        "--dct", type=date.fromisoformat, help="publication date for every document (overrides the manifest)"
    )
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="extraction processes (default: all cores)"
    )
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--scheduler", help="dask scheduler address, with --engine dask")
    parser.add_argument("--store", type=Path, help="SQLite store of extractions to reuse and update")


def _mapper(args: argparse.Namespace) -> Mapper:
    if args.engine == "dask":  # main() has checked that a scheduler is given
        return dask_map(args.scheduler)
    return process_map(args.workers)


def _read_and_extract(args: argparse.Namespace, store_path: Path | None, run=run_corpus, corpus=None, **options):
    """Every document's extraction (`run`: `run_corpus` or `digest_corpus`), with problems printed;
    None (after saying why) when nothing was read.

    Nothing is written in that case, so an empty or broken corpus never replaces earlier outputs.
    """
    corpus = corpus if corpus is not None else _read(args)
    if not corpus.documents:
        return _nothing_read(corpus.problems)
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(ExtractionStore(store_path)) if store_path else None
        result = run(corpus.documents, mapper=_mapper(args), store=store, progress=_progress_bar, **options)
        store_warnings = [Problem(str(store_path), w, skipped=False) for w in (store.warnings if store else [])]
    result.problems[:0] = corpus.problems + store_warnings
    if not (result.digests if isinstance(result, CorpusDigest) else result.results):
        return _nothing_read(result.problems)
    _print_problems(result.problems)
    return result


def _read(args: argparse.Namespace) -> Corpus:
    """The corpus, read lazily: each file is read when extraction reaches it."""
    return read_corpus(args.inputs, manifest=args.manifest, dct=args.dct, lazy=True)


def _nothing_read(problems: list[Problem]) -> None:
    _print_problems(problems)
    print("kg: no document could be read; nothing written", file=sys.stderr)
    return None


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(f"kg: {problem}", file=sys.stderr)


def _progress_bar(items: Iterable, total: int) -> Iterable:
    """A progress bar on an interactive terminal for runs that take more than a moment."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="doc", delay=0.5, file=sys.stderr, leave=False)


def run_extract(args: argparse.Namespace) -> int:
    corpus = _read(args)
    if len(corpus.documents) > CLAIM_GRAPH_MAX_DOCS:  # a large corpus: keep digests, spill records
        with RecordSpill() as spill:
            digested = _read_and_extract(args, args.store, run=digest_corpus, corpus=corpus, on_result=spill.add)
            if digested is None:
                return EXIT_USAGE
            sys.stdout.writelines(jsonl_lines(spill.records(digested.moved, digested.actors)))
        return _exit_code(digested)
    result = _read_and_extract(args, args.store, corpus=corpus)
    if result is None:
        return EXIT_USAGE
    records = (to_record(r, result.actors) for r in result.results)
    sys.stdout.writelines(jsonl_lines(records))
    return _exit_code(result)


def run_build(args: argparse.Namespace) -> int:
    out = args.output
    store_path = None if args.no_store else (args.store or out / STORE_NAME)
    corpus = _read(args)
    if _detail(args, corpus) == "actors":
        return _build_actor_level(args, store_path, corpus)
    result = _read_and_extract(args, store_path, corpus=corpus)
    if result is None:
        return EXIT_USAGE
    graph = build_graph(result.results, result.actors)
    paths = {name: out / OUTPUT_NAMES[name] for name in args.formats}
    for name, path in paths.items():
        if name == "jsonl":
            write_jsonl(path, (to_record(r, result.actors) for r in result.results))
        else:
            _write_output(name, path, graph, args)
    print(_summary(result, paths))
    return _exit_code(result)


def _detail(args: argparse.Namespace, corpus: Corpus) -> str:
    """The graph detail asked for; for "auto", by the size of the corpus."""
    if args.detail != "auto":
        return args.detail
    return "actors" if len(corpus.documents) > CLAIM_GRAPH_MAX_DOCS else "claims"


def _build_actor_level(args: argparse.Namespace, store_path: Path | None, corpus: Corpus) -> int:
    """A build that keeps document digests, not extractions: the actor-level graph, and the
    JSON Lines and CSV read back from a spill file with linked ids."""
    if not corpus.documents:
        _nothing_read(corpus.problems)
        return EXIT_USAGE
    paths = {name: args.output / OUTPUT_NAMES[name] for name in args.formats}
    args.output.mkdir(parents=True, exist_ok=True)
    with RecordSpill(args.output) as spill:  # beside the outputs: /tmp may be memory
        result = _read_and_extract(args, store_path, run=digest_corpus, corpus=corpus, on_result=spill.add)
        if result is None:
            return EXIT_USAGE
        graph = build_actor_graph(result.digests, result.actors)
        for name, path in paths.items():
            if name == "jsonl":
                write_jsonl(path, spill.records(result.moved, result.actors))
            elif name == "csv":
                write_claim_rows_csv(path, spill.claim_rows(result.moved, result.actors), excel_bom=args.excel)
            else:
                _write_output(name, path, graph, args)
    print(_summary(result, paths))
    return _exit_code(result)


def _write_output(name: str, path: Path, graph: nx.MultiDiGraph, args: argparse.Namespace) -> None:
    if name == "report":
        from kg.render import render_report  # the renderer's imports are only needed here

        render_report(graph, path, title=args.title or _corpus_title(args.inputs))
    else:
        _write_graph(name, path, graph, excel=args.excel)


def _write_graph(name: str, path: Path, graph, *, excel: bool) -> None:
    if name == "csv":
        write_claims_csv(path, graph, excel_bom=excel)
    else:
        GRAPH_WRITERS[name](path, graph)


def run_export(args: argparse.Namespace) -> int:
    try:
        graph = read_graph(args.graph)
    except (OSError, ValueError, SyntaxError, nx.NetworkXError) as err:  # missing or malformed
        print(f"kg: {args.graph}: cannot read the graph: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "csv" and graph.graph.get("detail") == DETAIL_ACTORS:
        print(f"kg: {args.graph} is an actor-level graph (no claim nodes): the claims are in the"
              " claims.csv and extractions.jsonl its build wrote", file=sys.stderr)
        return EXIT_USAGE
    target = args.output or args.graph.with_name(OUTPUT_NAMES[args.format])
    _write_graph(args.format, target, graph, excel=args.excel)
    print(target)
    return EXIT_OK


def _corpus_title(inputs: list[Path]) -> str:
    first = inputs[0].resolve()
    return first.name if first.is_dir() else first.parent.name


def _exit_code(result: CorpusResult) -> int:
    return EXIT_INPUT_FAILED if any(p.skipped for p in result.problems) else EXIT_OK


def _counts(result: CorpusResult | CorpusDigest) -> dict[str, int]:
    if isinstance(result, CorpusDigest):
        digests = result.digests
        return {
            "documents": len(digests),
            "timexes": sum(d.timex_count for d in digests),
            "claims": sum(d.claim_count for d in digests),
            "dated": sum(d.dated_claim_count for d in digests),
        }
    claims = [c for r in result.results for c in r.claims]
    return {
        "documents": len(result.results),
        "timexes": sum(len(r.timexes) for r in result.results),
        "claims": len(claims),
        "dated": sum(1 for c in claims if c.date is not None),
    }


def _summary(result: CorpusResult | CorpusDigest, paths: dict[str, Path]) -> str:
    counts = _counts(result)
    skipped = sum(1 for p in result.problems if p.skipped)
    lines = [
        f"documents read        {counts['documents']} ({result.reused} unchanged since the last build)",
        f"temporal expressions  {counts['timexes']}",
        f"actors                {len(result.actors)}",
        f"claims                {counts['claims']} ({counts['dated']} dated, {counts['claims'] - counts['dated']} undated)",
        f"inputs skipped        {skipped}",
        f"warnings              {len(result.problems) - skipped}",
        "written:",
        *(f"  {path}" for path in paths.values()),
    ]
    return "\n".join(lines)
