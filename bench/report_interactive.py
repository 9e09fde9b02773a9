"""Time until the HTML report is interactive, on a 2,000-document corpus and on the seeds.

    python bench/report_interactive.py               # 2,000 documents (extraction takes a few minutes)
    python bench/report_interactive.py --docs 300    # a quick look
    python bench/report_interactive.py --actors 1000 # a network of about 1,000 actors

The corpus is made at run time from the seed sentences (bench/throughput.py's
make_corpus), extracted, turned into a graph and rendered; nothing is written to the
repository. The seed sentences name fewer than a hundred actors; `--actors N` opens each
article with a spokesperson sentence naming one of N made-up people (first and last names
from two short lists, cycled), so the network has about N more nodes. Each report is opened in headless Debian chromium (never a downloaded
browser) with every non-local request refused, and timed from navigation start to
`window.kgReport.ready` (data parsed, timeline and claim list drawn, network drawn and
its physics stopped), median of --runs loads. A large report unpacks the claims'
sentences after that (`kgReport.loaded`: rows, search and source panel complete); that
time is printed too. Prints both figures and their ratio;
the target is under 3 s for the large report.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import SEEDS, make_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL = ("file:", "data:", "about:", "blob:")
TARGET_SECONDS = 3.0


# made-up people for --actors: common Kurdish given names and family names, combined
GIVEN = ("دلێر ئاراس شێرکۆ هێمن ڕێبین کاروان سۆران هاوڕێ بەختیار ئازاد دانا ژیار سەروەر کامەران نەوزاد ڕزگار "
         "شوان هەڤاڵ پشتیوان بەرزان سەردار ئاسۆ کوێستان نیان شیلان ڤیان ڕوناک گەلاوێژ تارا هێلین بەهار سازان").split()
FAMILY = ("سەلیم عومەر ڕەشید قادر مەحموود کەریم ئەحمەد جەمال حەسەن حوسێن عەزیز فەتاح ئیبراهیم ساڵح ڕەسووڵ "
          "حەمید خالید نوری تاهیر شەریف ئەمین فەرەج سدیق ڕەحیم یوسف غەفور بابان جاف هەورامی شوانی دزەیی زەنگەنە").split()


def spokesperson(n: int) -> str:
    """A sentence in which the n-th made-up person speaks about two countries."""
    name = f"{GIVEN[n % len(GIVEN)]} {FAMILY[n // len(GIVEN) % len(FAMILY)]}"
    return f"{name}، وتەبێژی پارتی، ڕایگەیاند کە عێراق و ئێران ڕێککەوتن.   "


def synthetic_graph(size: int, actors: int = 0):
    from kg.graph import build_graph
    from kg.model import Document
    from kg.pipeline import run_corpus

    docs = [Document(id=name, text=(spokesperson(i % actors) if actors else "") + text, dct=dct, dct_source="manifest")
            for i, (name, text, dct) in enumerate(make_corpus(size))]
    result = run_corpus(docs)
    return build_graph(result.results, result.actors)


def seed_graph(workdir: Path):
    from kg.cli import main
    from kg.export import read_graphml

    out = workdir / "seeds"
    with contextlib.redirect_stdout(io.StringIO()):  # kg build's summary is not ours to print
        main(["build", str(SEEDS), "-o", str(out), "--no-store", "--formats", "graphml"])
    return read_graphml(out / "graph.graphml")


def interactive_seconds(browser, report: Path, runs: int) -> list[float]:
    """Navigation start → kgReport.ready, in seconds, for each of `runs` fresh loads.

    The phases of the last load (page parsed, data decoded, views drawn, network still)
    are printed, to show where the time goes.
    """
    times, loaded = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
        page.goto(report.as_uri(), timeout=120_000)
        page.wait_for_function("window.kgReport && window.kgReport.ready", timeout=120_000, polling=50)
        times.append(page.evaluate("kgReport.readyAt") / 1000)
        page.wait_for_function("window.kgReport.loaded", timeout=120_000, polling=50)
        loaded.append(page.evaluate("kgReport.loadedAt") / 1000)
        if errors:
            raise SystemExit(f"page errors in {report}: {errors}")
        phases = page.evaluate("""() => Object.assign(
            {parsed: performance.getEntriesByType('navigation')[0].domInteractive},
            Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime])))""")
        page.close()
    print(f"  {report.name}: " + ", ".join(f"{name} {ms / 1000:.2f} s" for name, ms in phases.items())
          + f"; sentences in (median) {statistics.median(loaded):.2f} s")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic corpus size")
    parser.add_argument("--runs", type=int, default=3, help="page loads per report (median)")
    parser.add_argument("--actors", type=int, default=0, help="made-up people to add to the network")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from kg.render import render_report

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        started = time.perf_counter()
        graph = synthetic_graph(args.docs, args.actors)
        extracted = time.perf_counter() - started
        big = render_report(graph, workdir / "large.html", title=f"{args.docs} documents")
        rendered = time.perf_counter() - started - extracted
        seeds = render_report(seed_graph(workdir), workdir / "seeds.html", title="seeds")
        kinds = [d.get("kind") for _, d in graph.nodes(data=True)]
        print(f"corpus: {args.docs} docs, {kinds.count('claim')} claims, {kinds.count('actor')} actors; "
              f"extract+graph {extracted:.1f} s, render {rendered:.1f} s, "
              f"report {big.stat().st_size / 1e6:.1f} MB")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            large_times = interactive_seconds(browser, big, args.runs)
            seed_times = interactive_seconds(browser, seeds, args.runs)
            browser.close()
    large, seed = statistics.median(large_times), statistics.median(seed_times)
    print(f"interactive: {args.docs} docs {large:.2f} s (runs {', '.join(f'{t:.2f}' for t in large_times)}); "
          f"seeds {seed:.2f} s; ratio {large / seed:.2f}x; target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if large < TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
