"""The report in a real browser: loads offline and clean, counts, linked views, URL state, escaping."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest

from kg.render import render_report

pytestmark = pytest.mark.browser

TIMELINE_IDS = "Array.from(document.querySelectorAll('[data-kind=timeline-item]'), e => e.dataset.claimId)"
ROW_IDS = "Array.from(document.querySelectorAll('[data-kind=claim-row]'), e => e.dataset.claimId)"


def claims_of(graph):
    return {n: d for n, d in graph.nodes(data=True) if d["kind"] == "claim"}


def dated_ids(graph):
    return {n for n, d in claims_of(graph).items() if d.get("date_start")}


def actors_of_claim(graph, claim):
    return {v for _, v, d in graph.out_edges(claim, data=True) if d.get("kind") in ("speaker", "participant")}


def click_actor_in_network(page, actor):
    """Click the actor's node where vis-network drew it."""
    page.locator("[data-kind=network]").scroll_into_view_if_needed()
    point = page.evaluate("""id => {
        const net = kgReport.network(), pos = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('[data-kind=network]').getBoundingClientRect();
        return {x: box.left + pos.x, y: box.top + pos.y};
    }""", actor)
    page.mouse.click(point["x"], point["y"])


def test_seed_report_loads_offline_without_errors(seed_output, open_page):
    report, _ = seed_output
    page, log = open_page(report)
    page.wait_for_timeout(300)
    assert log.errors == [] and log.dialogs == []
    assert log.blocked == [] and log.offsite == []
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ckb"


def test_seed_report_counts_equal_the_graph(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    actors = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "actor")
    dated = dated_ids(graph)
    assert set(page.evaluate(TIMELINE_IDS)) == dated
    assert len(page.evaluate(TIMELINE_IDS)) == len(dated)
    assert page.evaluate("kgReport.network().body.data.nodes.length") == actors
    counts = page.evaluate("kgReport.counts")
    assert counts == {"items": len(dated), "actors": actors, "claims": len(claims_of(graph))}
    assert len(page.evaluate(ROW_IDS)) == len(claims_of(graph))  # under one page of rows


def test_clicking_an_actor_filters_timeline_and_list_to_its_claims(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    actor = "actor:mustafa_kadhimi"
    click_actor_in_network(page, actor)
    page.wait_for_function("kgReport.selection.actor !== null")
    assert page.evaluate("kgReport.selection.actor") == actor
    theirs = {c for c in claims_of(graph) if actor in actors_of_claim(graph, c)}
    assert set(page.evaluate(TIMELINE_IDS)) == theirs & dated_ids(graph)
    assert set(page.evaluate(ROW_IDS)) == theirs
    assert page.evaluate("document.querySelector('[data-kind=actor-filter]').value") == actor
    assert "actor=actor%3Amustafa_kadhimi" in page.evaluate("location.hash")
    page.click('[data-kind="clear"]')
    assert len(page.evaluate(TIMELINE_IDS)) == len(dated_ids(graph))


def test_actor_filter_control_selects_too(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    page.select_option('[data-kind="actor-filter"]', "actor:iraq")
    theirs = {c for c in dated_ids(graph) if "actor:iraq" in actors_of_claim(graph, c)}
    assert set(page.evaluate(TIMELINE_IDS)) == theirs
    assert page.evaluate("kgReport.network().getSelectedNodes()") == ["actor:iraq"]


def test_selecting_a_timeline_item_highlights_its_actors_and_opens_its_source(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    claim = "claim:000_038415f57b62ef1d.txt#c0"  # "لە حوزەیرانی ٢٠١٤ دا داعش ... لە عێراق ..."
    page.click(f'[data-kind="timeline-item"][data-claim-id="{claim}"]')
    assert page.evaluate("kgReport.selection.claim") == claim
    assert set(page.evaluate("kgReport.network().getSelectedNodes()")) == actors_of_claim(graph, claim)
    panel = page.locator('[data-kind="source"]')
    assert panel.is_visible()
    assert panel.locator("mark.date-mark").inner_text() == "حوزەیرانی ٢٠١٤"
    assert "داعش" in panel.locator("mark.actor-mark").all_inner_texts()
    assert panel.locator('[data-kind="source-title"]').inner_text() == graph.nodes[
        "doc:000_038415f57b62ef1d.txt"]["title"]
    assert panel.locator('[data-kind="resolution"]').inner_text() == "وەک لە دەقەکەدا نووسراوە"  # absolute
    assert page.locator(f'[data-kind="timeline-item"][data-claim-id="{claim}"].selected').count() == 1


def test_date_resolved_against_the_article_is_put_in_words(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    claim = next(n for n, d in sorted(claims_of(graph).items())
                 if d["anchor"] == "dct" and d["granularity"] == "DAY" and d["date_start"] < d["reported"])
    days = (date.fromisoformat(graph.nodes[claim]["reported"]) - date.fromisoformat(graph.nodes[claim]["date_start"])).days
    page.evaluate("id => kgReport.open(id)", claim)
    words = page.locator('[data-kind="resolution"]').inner_text()
    eastern = str(days).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert words == f"{eastern} ڕۆژ پێش بەرواری بابەتەکە"
    page.check('[data-kind="latin-switch"]')
    unit = "day" if days == 1 else "days"
    assert page.locator('[data-kind="resolution"]').inner_text() == f"{days} {unit} before the article's date"


def test_brush_on_the_ruler_filters_the_network(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    box = page.locator('[data-kind="ruler"] rect.ruler').bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 60, y)  # the left end of the ruler is the latest time
    page.mouse.down()
    page.mouse.move(box["x"] + 20, y, steps=4)
    page.mouse.up()
    selection = page.evaluate("kgReport.selection")
    assert selection["from"] and selection["to"] and selection["from"] <= selection["to"]
    in_range = {a for c, d in claims_of(graph).items() if d.get("date_start")
                and d["date_start"] <= selection["to"] for a in actors_of_claim(graph, c)}
    hidden = page.evaluate("kgReport.network().body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    shown = page.evaluate("kgReport.network().body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert hidden and set(shown) <= in_range
    assert page.evaluate("kgReport.shown.actors") == len(shown)


def test_url_state_round_trips(seed_output, open_page):
    report, _ = seed_output
    page, _ = open_page(report)
    page.evaluate("""() => { kgReport.select('actor:mustafa_kadhimi'); kgReport.setRange('2020-01-01', '2021-12-31');
                             kgReport.open('claim:000_038415f57b62ef1d.txt#c0'); }""")
    hash_ = page.evaluate("location.hash")
    before = page.evaluate("[kgReport.selection, kgReport.shown, " + TIMELINE_IDS + "]")
    again, log = open_page(report, hash_)
    after = again.evaluate("[kgReport.selection, kgReport.shown, " + TIMELINE_IDS + "]")
    assert after == before
    assert before[0]["actor"] == "actor:mustafa_kadhimi" and before[0]["from"] == "2020-01-01"
    assert again.locator('[data-kind="source"]').is_visible() and log.errors == []


def test_timeline_zoom_is_kept_in_the_url(seed_output, open_page):
    report, _ = seed_output
    page, _ = open_page(report)
    page.evaluate("kgReport.zoomTo('2021-07-01', '2021-07-31')")
    page.wait_for_function("location.hash.includes('view=')")
    assert "view=2021-07-01..2021-07-31" in page.evaluate("location.hash")
    items = page.evaluate(TIMELINE_IDS)
    again, log = open_page(report, page.evaluate("location.hash"))
    assert again.evaluate("kgReport.view()") == "2021-07-01..2021-07-31"
    assert again.evaluate(TIMELINE_IDS) == items and log.errors == []
    box = again.locator('[data-kind="timeline"]').bounding_box()
    again.mouse.move(box["x"] + box["width"] / 2, box["y"] + 80)
    again.mouse.wheel(0, 400)  # zoom out: the URL follows once the wheel stops
    again.wait_for_function("!location.hash.includes('view=2021-07-01..2021-07-31')")
    assert "view=" in again.evaluate("location.hash")
    again.click('[data-kind="zoom-fit"]')
    assert "view=" not in again.evaluate("location.hash")


def test_bad_url_state_is_ignored(seed_output, open_page):
    report, _ = seed_output
    page, log = open_page(report, "#actor=actor:nobody&from=yesterday&claim=%3Cimg%3E&view=2021..now")
    assert page.evaluate("kgReport.selection") == {"actor": None, "from": None, "to": None, "claim": None,
                                                   "lanes": "actor", "latin": False}
    assert log.errors == []


def test_search_matches_legacy_sorani_and_latin(seed_output, open_page):
    report, _ = seed_output
    page, _ = open_page(report)
    ids = "q => kgReport.search(q).actors.map(a => a.id)"
    assert "actor:mustafa_kadhimi" in page.evaluate(ids, "كازمي")  # Arabic kaf and yeh
    assert "actor:mustafa_kadhimi" in page.evaluate(ids, "Kadhimi")
    assert "actor:mustafa_kadhimi" in page.evaluate(ids, "Kazmi")  # transliteration 'kazmî', diacritics optional
    assert page.evaluate("q => kgReport.search(q).claims.length", "حوزەیرانی") > 0
    page.fill('[data-kind="search"]', "كازمي")
    page.click('[data-kind="search-actor"][data-actor="actor:mustafa_kadhimi"]')
    assert page.evaluate("kgReport.selection.actor") == "actor:mustafa_kadhimi"


def test_latin_switch_and_kind_lanes(seed_output, open_page):
    report, graph = seed_output
    page, _ = open_page(report)
    labels = "Array.from(document.querySelectorAll('.lane-label'), e => e.firstChild.textContent)"
    page.check('[data-kind="latin-switch"]')
    assert "Mustafa al-Kadhimi" in page.evaluate(labels)
    assert "script=latin" in page.evaluate("location.hash")
    page.select_option('[data-kind="lane-mode"]', "kind")
    assert "statement" in page.evaluate(labels) and "meeting" in page.evaluate(labels)
    assert len(page.evaluate(TIMELINE_IDS)) == len(dated_ids(graph))  # same items, other lanes


def test_zooming_in_reaches_days(seed_output, open_page):
    report, _ = seed_output
    page, _ = open_page(report)
    box = page.locator('[data-kind="timeline"]').bounding_box()
    page.evaluate("kgReport.open('claim:000_038415f57b62ef1d.txt#c0')")
    item = page.locator('[data-kind="timeline-item"]').first.bounding_box()
    page.mouse.move(item["x"] + 2, box["y"] + 80)
    for _ in range(30):
        page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    ticks = page.evaluate("Array.from(document.querySelectorAll('.tick-label:not(.major)'), e => e.textContent)")
    assert ticks and all(len(t) <= 2 for t in ticks)  # day numbers, ٢٦ not ٢٠٢١


EVIL = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> "quoted" \'q\''


def evil_graph():
    """An article whose title, actor names and quote are hostile HTML."""
    g = nx.MultiDiGraph()
    g.add_node("doc:evil.txt", kind="document", label=EVIL, title=EVIL, dct="2021-01-01",
               dct_source="manifest", lang="ckb", path="evil.txt")
    for slug, name in (("evil", EVIL), ("other", 'ئەوی "تر"')):
        g.add_node(f"actor:{slug}", kind="actor", label=name, name=name, name_en=name, latin=name,
                   type="PER", mention_count=2, doc_count=1, aliases=json.dumps([name]))
    text = f'{EVIL} وتی "{EVIL}" لە ٢٠٢١ دا'
    g.add_node("claim:evil.txt#c0", kind="claim", claim_kind="statement", predicate=EVIL, event_type="",
               status="asserted", text=text, doc="evil.txt", start=0, end=len(text), speaker="actor:evil",
               date_value="2021", date_start="2021-01-01", date_end="2021-12-31", granularity="YEAR",
               mod="", anchor="absolute", date_text="٢٠٢١", date_offset_start=text.index("٢٠٢١"),
               date_offset_end=text.index("٢٠٢١") + 4, reported="2021-01-01", merged_from="[]")
    g.add_edge("claim:evil.txt#c0", "doc:evil.txt", key="source", kind="source", start=0, end=len(text))
    g.add_edge("claim:evil.txt#c0", "actor:evil", key="speaker", kind="speaker", doc="evil.txt",
               start=0, end=len(EVIL))
    g.add_edge("claim:evil.txt#c0", "actor:other", key="participant:actor:other", kind="participant",
               role="target", doc="evil.txt", start=-1, end=-1)
    g.add_edge("doc:evil.txt", "actor:evil", key="mentions", kind="mentions", doc="evil.txt", count=1,
               spans=json.dumps([[0, len(EVIL)]]))
    return g


def test_hostile_article_renders_as_text_and_runs_nothing(tmp_path, open_page):
    report = render_report(evil_graph(), tmp_path / "evil.html", title=EVIL)
    page, log = open_page(report, "#claim=claim:evil.txt%23c0&script=latin")
    page.fill('[data-kind="search"]', "script")
    page.wait_for_selector('[data-kind="search-actor"]')
    page.wait_for_timeout(200)
    assert page.evaluate("window.pwned") is None and log.dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 5  # ours only
    row = page.locator('[data-kind="claim-row"]').inner_text()
    assert EVIL in row  # shown as the text it is
    assert EVIL in page.locator('[data-kind="source"]').inner_text()
    assert page.evaluate("document.title") == EVIL
    assert log.errors == [] and log.offsite == []


def test_compressed_report_unpacks_sentences_in_a_worker_after_ready(seed_output, tmp_path, open_page):
    """Large reports ship both islands gzip+base64; the sentences arrive after `ready`."""
    from kg.render import render_html

    report, graph = seed_output
    plain, _ = open_page(report)
    packed = tmp_path / "packed.html"
    packed.write_text(render_html(graph, compress_above=0), encoding="utf-8")
    assert 'id="kg-text" data-encoding="gzip+base64"' in packed.read_text(encoding="utf-8")
    page, log = open_page(packed, "#claim=claim:000_038415f57b62ef1d.txt%23c0")
    page.wait_for_function("window.kgReport.loaded", timeout=30_000)
    rows = "Array.from(document.querySelectorAll('[data-kind=claim-row] blockquote'), e => e.textContent)"
    assert page.evaluate(rows) == plain.evaluate(rows) and all(page.evaluate(rows))
    assert page.evaluate("document.querySelectorAll('[data-pending]').length") == 0
    query = "q => kgReport.search(q).claims.map(c => c.id)"
    assert page.evaluate(query, "حوزەیرانی") == plain.evaluate(query, "حوزەیرانی") != []
    assert page.locator('[data-kind="resolution"]').inner_text()
    assert log.errors == [] and log.offsite == [] and log.blocked == []


def test_actor_level_report_shows_the_network_and_where_the_claims_are(tmp_path, open_page):
    """A large corpus's report (`--detail actors`): no claim nodes, a network with co-claim edges."""
    from pathlib import Path

    from kg.cli import main
    from kg.export import read_graphml

    seeds = Path(__file__).resolve().parents[2] / "data" / "seeds"
    out = tmp_path / "big"
    assert main(["build", str(seeds), "-o", str(out), "--no-store", "--detail", "actors"]) == 0
    graph = read_graphml(out / "graph.graphml")
    page, log = open_page(out / "report.html")
    assert log.errors == [] and log.dialogs == []
    assert page.locator('[data-kind="actor-level"]').is_visible()
    assert page.evaluate("kgReport.counts") == {"items": 0, "actors": graph.number_of_nodes(), "claims": 0}
    edges = page.evaluate("kgReport.network().body.data.edges.length")
    assert edges == sum(1 for *_, k in graph.edges(keys=True) if k == "co_claim") > 0
    page.evaluate("kgReport.select('actor:mustafa_kadhimi')")
    assert page.evaluate("kgReport.selection.actor") == "actor:mustafa_kadhimi" and log.errors == []
