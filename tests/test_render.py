"""Tests for kg.render: the view model and the self-contained RTL HTML report."""

from __future__ import annotations

import copy
import json
import os
import re
from html.parser import HTMLParser
from importlib import resources

import networkx as nx
import pytest

import kg.atomic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.render as render
from kg.render import build_view, join_view, render_html, render_report, script_safe_json, split_view
from kg.render import network as network_view
from kg.render import sources, timeline

EVIL = "</script><script>alert(1)</script> <img src=x onerror=alert(1)> \"q\" 'q' <!-- \u2028"

SENTENCE_1 = "لە حوزەیرانی ٢٠١٤ دا داعش هێرشی کردە سەر هەولێر"
SENTENCE_2 = 'مستەفا کازمی رایگەیاند "سەردانەکە سەرکەوتوو بوو"'
SENTENCE_3 = "لە کۆتایی ٢٠١٧ دا حکومەتی عێراق سەرکەوتنی راگەیاند"
SENTENCE_4 = "جۆ بایدن دەڵێت پاڵپشتی عێراق دەکەین"
SENTENCE_5 = "لە ساڵی ٢٠١٧ دا ئەمریکا یارمەتی دا"


def add_doc(g, name, title="", dct=""):
    g.add_node(f"doc:{name}", kind="document", label=title or name, title=title, dct=dct,
               dct_source="manifest" if dct else "", lang="ckb", path=f"data/{name}")


def add_actor(g, slug, name, type_, mentions, name_en="", aliases=()):
    g.add_node(f"actor:{slug}", kind="actor", label=name, name=name, name_en=name_en, latin="",
               type=type_, mention_count=mentions, doc_count=1,
               aliases=json.dumps(list(aliases), ensure_ascii=False))


def add_claim(g, doc, n, text, start, *, speaker="", participants=(), date=None, kind="statement",
              predicate="راگەیاندن"):
    """Add a claim node with its source/speaker/participant edges.

    `date` = (value, date_start, date_end, granularity, mod, date_text); the
    dating expression's document offsets are computed from where date_text
    occurs in the sentence.
    """
    node = f"claim:{doc}#c{n}"
    value, d_start, d_end, gran, mod, d_text = date or ("", "", "", "", "", "")
    offset = text.find(d_text) if d_text else -1
    g.add_node(node, kind="claim", label=text[:20], claim_kind=kind, predicate=predicate,
               text=text, doc=doc, start=start, end=start + len(text),
               speaker=f"actor:{speaker}" if speaker else "", date_value=value,
               date_start=d_start, date_end=d_end, granularity=gran, mod=mod,
               anchor="absolute" if value else "", date_text=d_text,
               date_offset_start=start + offset if offset >= 0 else -1,
               date_offset_end=start + offset + len(d_text) if offset >= 0 else -1)
    g.add_edge(node, f"doc:{doc}", key="source", kind="source", start=start,
               end=start + len(text))
    if speaker:
        g.add_edge(node, f"actor:{speaker}", key="speaker", kind="speaker")
    for slug in participants:
        g.add_edge(node, f"actor:{slug}", key=f"participant:actor:{slug}", kind="participant",
                   role="agent")
    return node


@pytest.fixture
def graph():
    """Five claims over two documents: three dated (out of order), two undated."""
    g = nx.MultiDiGraph()
    add_doc(g, "a.txt", "داعش و عێراق", "2021-07-27")
    add_doc(g, "b.txt", "", "2020-08-24")
    add_actor(g, "isis", "داعش", "ORG", 5, "ISIS")
    add_actor(g, "kazimi", "مستەفا کازمی", "PER", 7, "Mustafa al-Kadhimi", ["کازمی"])
    add_actor(g, "iraq", "عێراق", "GPE", 9, "Iraq")
    add_actor(g, "erbil", "هەولێر", "LOC", 2)
    add_actor(g, "usa", "ئەمریکا", "GPE", 4)
    add_actor(g, "biden", "جۆ بایدن", "PER", 1)
    for doc, actor, count in [("a.txt", "isis", 3), ("a.txt", "iraq", 2), ("b.txt", "kazimi", 7)]:
        g.add_edge(f"doc:{doc}", f"actor:{actor}", key="mentions", kind="mentions", count=count)
    add_claim(g, "a.txt", 2, SENTENCE_3, 200, participants=["iraq", "isis"], kind="event",
              date=("2017", "2017-01-01", "2017-12-31", "YEAR", "END", "کۆتایی ٢٠١٧"))
    add_claim(g, "a.txt", 1, SENTENCE_1, 0, participants=["isis", "erbil"], kind="event",
              date=("2014-06", "2014-06-01", "2014-06-30", "MONTH", "", "حوزەیرانی ٢٠١٤"))
    add_claim(g, "b.txt", 1, SENTENCE_2, 10, speaker="kazimi", participants=["usa"])
    add_claim(g, "b.txt", 2, SENTENCE_4, 90, speaker="biden", participants=["iraq"],
              date=("PRESENT_REF", "", "", "", "", ""))
    add_claim(g, "a.txt", 3, SENTENCE_5, 300, participants=["usa", "iraq"], kind="event",
              date=("2017-03", "2017-03-01", "2017-03-31", "MONTH", "", "٢٠١٧"))
    return g


@pytest.fixture
def evil_graph():
    """Hostile text in every free-text field the report shows."""
    g = nx.MultiDiGraph()
    add_doc(g, "evil.txt", EVIL, "2021-01-01")
    add_actor(g, "evil", EVIL, "PER", 3, name_en=EVIL, aliases=[EVIL])
    add_actor(g, "other", "ئەوی تر", "ORG", 1)
    text = "لە ٢٠٢١ دا " + EVIL
    add_claim(g, "evil.txt", 1, text, 0, speaker="evil", participants=["other"],
              predicate=EVIL, date=("2021", "2021-01-01", "2021-12-31", "YEAR", "", "٢٠٢١"))
    return g


def embedded_json(html):
    """The view the page holds: its data island joined with its details island."""
    islands = {}
    for name in ("kg-data", "kg-text"):
        match = re.search(f'<script type="application/json" id="{name}" data-encoding="json">(.*?)</script>',
                          html, re.S)
        assert match, f"no JSON island {name}"
        islands[name] = json.loads(match.group(1))
    return join_view(islands["kg-data"], islands["kg-text"])


def vis_js():
    return (resources.files("pyvis") / render.VIS_DIR / "vis-network.min.js").read_text("utf-8")


def without_vis(html):
    """The page minus the inlined third-party library (its licence comments hold URLs)."""
    return html.replace(vis_js(), "").replace(
        (resources.files("pyvis") / render.VIS_DIR / "vis-network.css").read_text("utf-8"), "")


class Tags(HTMLParser):
    """Collects start tags and attributes as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse_tags(html):
    parser = Tags()
    parser.feed(html)
    return parser.tags


# --- view model -------------------------------------------------------------------------------


def test_render_view_counts_match_graph(graph):
    view = build_view(graph)
    assert view["counts"] == {"documents": 2, "actors": 6, "claims": 5, "dated": 3, "undated": 2}
    assert len(view["network"]["nodes"]) == 6
    json.dumps(view)  # JSON-able


def test_render_view_dated_claims_in_timeline_order(graph):
    dated = build_view(graph)["claims"]["dated"]
    assert [c["id"] for c in dated] == [
        "claim:a.txt#c1",  # 2014-06
        "claim:a.txt#c2",  # 2017 (YEAR, coarser) before ...
        "claim:a.txt#c3",  # ... 2017-03 (MONTH), both starting 2017-0x
    ]


@pytest.mark.parametrize(
    "claims, expected",
    [
        # same start: YEAR before MONTH before DAY, whatever the doc or offset
        ([("d", 9, "2017-01-01", "DAY"), ("c", 5, "2017-01-01", "MONTH"), ("z", 1, "2017-01-01", "YEAR")],
         ["z", "c", "d"]),
        # same start and granularity: document, then offset
        ([("b", 1, "2017-01-01", "YEAR"), ("a", 50, "2017-01-01", "YEAR"), ("a", 5, "2017-01-01", "YEAR")],
         ["a@5", "a@50", "b"]),
    ],
)
def test_render_view_sort_ties(claims, expected):
    g = nx.MultiDiGraph()
    for i, (doc, start, d_start, gran) in enumerate(claims):
        g.add_node(f"claim:{doc}#c{i}", kind="claim", claim_kind="event", text="x", doc=doc,
                   start=start, end=start + 1, date_value=d_start, date_start=d_start,
                   date_end=d_start, granularity=gran, date_offset_start=-1, date_offset_end=-1)
    order = [c["doc"][4:] + (f"@{c['start']}" if c["doc"] == "doc:a" else "")
             for c in build_view(g)["claims"]["dated"]]
    assert order == expected


def test_render_view_undated_claims_kept_apart_without_date(graph):
    view = build_view(graph)
    undated = view["claims"]["undated"]
    assert [c["id"] for c in undated] == ["claim:b.txt#c1", "claim:b.txt#c2"]
    # a value with no calendar interval is shown as such, never placed on the timeline
    assert undated[1]["date"]["value"] == "PRESENT_REF"
    assert all(c["date"]["start"] == "" for c in undated)


def test_render_view_claim_actors_and_names(graph):
    view = build_view(graph)
    claim = {c["id"]: c for c in view["claims"]["undated"]}["claim:b.txt#c1"]
    assert claim["speaker"] == "actor:kazimi" and claim["lane"] == "actor:kazimi"
    assert claim["participants"] == [{"id": "actor:usa", "role": "agent"}]
    assert claim["actors"] == ["actor:kazimi", "actor:usa"]
    assert claim["doc"] == "doc:b.txt"
    actors = {a["id"]: a for a in view["actors"]}
    assert actors["actor:kazimi"]["name"] == "مستەفا کازمی"  # names live once, on the actor
    assert actors["actor:iraq"]["claim_count"] == 3


def test_render_view_network_edges_weight_shared_claims(graph):
    network = build_view(graph)["network"]
    weights = {(e["from"], e["to"]): e["value"] for e in network["edges"]}
    assert weights[("actor:iraq", "actor:usa")] == 1
    assert weights[("actor:iraq", "actor:isis")] == 1
    assert weights[("actor:erbil", "actor:isis")] == 1
    assert weights[("actor:biden", "actor:iraq")] == 1  # speaker counts too
    assert len(weights) == 5
    assert network["layout"] == "physics"
    assert network["options"]["physics"]["stabilization"]["iterations"] > 0


def test_render_view_network_edge_weight_counts_repeats():
    g = nx.MultiDiGraph()
    for slug in ("a", "b"):
        add_actor(g, slug, slug, "PER", 1)
    add_doc(g, "d.txt")
    for n in range(3):
        add_claim(g, "d.txt", n, "متن", n * 10, speaker="a", participants=["b"])
    (edge,) = build_view(g)["network"]["edges"]
    assert (edge["from"], edge["to"], edge["value"]) == ("actor:a", "actor:b", 3)


def test_render_view_node_size_and_colour_follow_mentions_and_type(graph):
    nodes = {n["id"]: n for n in build_view(graph)["network"]["nodes"]}
    assert nodes["actor:iraq"]["size"] > nodes["actor:isis"]["size"] > nodes["actor:biden"]["size"]
    assert nodes["actor:iraq"]["color"] == nodes["actor:usa"]["color"]  # both GPE
    assert len({nodes[a]["color"] for a in ("actor:iraq", "actor:isis", "actor:kazimi",
                                            "actor:erbil")}) == 4


def test_render_view_large_network_laid_out_in_python_without_physics():
    g = nx.MultiDiGraph()
    add_doc(g, "d.txt")
    n = network_view.PYTHON_LAYOUT_THRESHOLD + 20
    for i in range(n):
        add_actor(g, f"a{i}", f"ئەکتەر {i}", "PER", n - i)
    for i in range(1, n - 40):  # one big tree-ish component, a few pairs, 40 isolated actors
        add_claim(g, "d.txt", i, "متن", i * 10, speaker=f"a{i // 3}", participants=[f"a{i}"])
    view = build_view(g)
    network = view["network"]
    assert network["layout"] == "python"
    assert network["options"]["physics"]["enabled"] is False
    points = [(node["x"], node["y"]) for node in network["nodes"]]
    assert all(isinstance(c, float) for p in points for c in p)
    assert len(set(points)) == n  # nobody stacked on anybody
    assert build_view(g)["network"] == network  # deterministic


def test_render_view_prefers_stored_co_claim_edges(graph):
    graph.add_edge("actor:erbil", "actor:usa", key="co_claim", kind="co_claim", weight=4)
    weights = {(e["from"], e["to"]): e["value"] for e in build_view(graph)["network"]["edges"]}
    assert weights == {("actor:erbil", "actor:usa"): 4}  # the graph's word, not re-derived


def test_render_view_network_colours_by_type_group(graph):
    options = build_view(graph)["network"]["options"]
    assert options["groups"]["PER"]["color"] == network_view.TYPE_COLOURS["PER"]


@pytest.mark.parametrize(
    "text, start, offsets, date_text, marked",
    [
        ("abc 2014 x", 10, (14, 18), "2014", "2014"),
        ("abc 2014 x", 10, (-1, -1), "", None),  # no dating expression
        ("abc 2014 x", 10, (40, 44), "2014", "2014"),  # stale offsets: found by text
        ("abc 2014 x", 10, (40, 44), "1999", None),  # neither: mark nothing, never the wrong words
    ],
)
def test_render_date_span_marks_only_the_dating_expression(text, start, offsets, date_text, marked):
    data = {"date_offset_start": offsets[0], "date_offset_end": offsets[1], "date_text": date_text}
    pieces = sources.segments(text, start, sources.date_span(text, start, data), [])
    assert "".join(p["text"] for p in pieces) == text
    assert [p["text"] for p in pieces if p.get("mark") == "date"] == ([marked] if marked else [])


def test_render_segments_mark_actor_mentions_and_let_the_date_win():
    text = "Kazimi met Biden in 2021 Kazimi"
    pieces = sources.segments(text, 100, (120, 124),
                              [(100, 106, "actor:k"), (111, 116, "actor:b"), (118, 122, "actor:x"),
                               (125, 131, "actor:k"), (125, 140, "actor:late")])
    assert "".join(p["text"] for p in pieces) == text
    marked = [(p["text"], p.get("actor", "date")) for p in pieces if p.get("mark")]
    assert marked == [("Kazimi", "actor:k"), ("Biden", "actor:b"), ("2021", "date"), ("Kazimi", "actor:k")]


def test_render_view_marks_dating_expression_and_actor_mentions(graph):
    graph.add_edge("doc:a.txt", "actor:isis", key="mentions", kind="mentions", doc="a.txt",
                   count=2, spans=json.dumps([[21, 25], [5000, 5004]]))
    graph.add_edge("doc:a.txt", "actor:ghost", key="mentions", kind="mentions", doc="a.txt",
                   count=1, spans=json.dumps([[0, 2]]))  # no such actor node: never marked
    dated = build_view(graph)["claims"]["dated"]
    dates = [[p["text"] for p in c["segments"] if p.get("mark") == "date"] for c in dated]
    assert dates == [["حوزەیرانی ٢٠١٤"], ["کۆتایی ٢٠١٧"], ["٢٠١٧"]]
    actors = [(p["text"], p["actor"]) for p in dated[0]["segments"] if p.get("mark") == "actor"]
    assert actors == [("داعش", "actor:isis")]  # SENTENCE_1[21:25], inside the claim's span


@pytest.mark.parametrize("start, end, mod, expected", [
    ("2017-01-01", "2017-12-31", "", ("2017-01-01", "2017-12-31", False)),  # a band over the year
    ("2017-01-01", "2017-12-31", "END", ("2017-09-01", "2017-12-31", False)),  # END sits at the end
    ("2020-01-01", "2020-12-31", "START", ("2020-01-01", "2020-04-30", False)),
    ("2017-01-01", "2017-12-31", "MID", ("2017-05-01", "2017-08-31", False)),
    ("2014-06-01", "2014-06-30", "APPROX", ("2014-06-01", "2014-06-30", True)),
    ("2014-06-01", "2014-06-30", "END", ("2014-06-21", "2014-06-30", False)),
    ("2021-07-26", "", "", ("2021-07-26", "2021-07-26", False)),
])
def test_render_timeline_place(start, end, mod, expected):
    placed = timeline.place(start, end, mod)
    assert (placed["from"], placed["to"], placed["uncertain"]) == expected


def test_render_view_undated_claims_have_no_place(graph):
    view = build_view(graph)
    assert all(c["place"] is None for c in view["claims"]["undated"])
    assert [c["place"]["from"] for c in view["claims"]["dated"]] == [
        "2014-06-01", "2017-09-01", "2017-03-01"]  # END of 2017 is drawn at the year's end


@pytest.mark.parametrize("claim_kind, event_type, predicate, expected", [
    ("statement", "", "say", "statement"),
    ("statement", "THREATEN", "threaten", "accusation"),
    ("statement", "SUPPORT", "thank", "statement"),
    ("event", "CONSULT", "meet", "meeting"),
    ("event", "CONSULT", "visit", "visit"),
    ("event", "ASSAULT", "kill", "attack"),
    ("event", "AGREE", "sign", "agreement"),
    ("event", "", "appoint", "office"),
    ("event", "", "be_born", "event"),
])
def test_render_timeline_item_kind(claim_kind, event_type, predicate, expected):
    assert timeline.item_kind(claim_kind, event_type, predicate) == expected
    assert expected in timeline.KIND_COLOURS


def test_render_timeline_lane_is_speaker_else_agent():
    assert timeline.lane_actor("actor:s", [("actor:a", "agent")]) == "actor:s"
    assert timeline.lane_actor("", [("actor:b", "location"), ("actor:c", "target")]) == "actor:c"
    assert timeline.lane_actor("", []) == ""


@pytest.mark.parametrize("anchor, granularity, start, dct, expected", [
    ("dct", "DAY", "2020-08-22", "2020-08-24", {"basis": "dct", "unit": "day", "offset": -2}),
    ("dct", "DAY", "2020-08-24", "2020-08-24", {"basis": "dct", "unit": "day", "offset": 0}),
    ("dct", "WEEK", "2020-08-17", "2020-08-24", {"basis": "dct", "unit": "week", "offset": -1}),
    ("dct", "YEAR", "2021-01-01", "2020-08-24", {"basis": "dct", "unit": "year", "offset": 1}),
    ("narrative", "MONTH", "2014-08-01", "2020-08-24", {"basis": "narrative"}),
    ("absolute", "YEAR", "2017-01-01", "2020-08-24", {"basis": "absolute"}),
    ("", "", "", "2020-08-24", {"basis": "none"}),
])
def test_render_resolution(anchor, granularity, start, dct, expected):
    assert sources.resolution(anchor, granularity, start, dct) == expected


def test_render_view_merged_event_lists_other_reports_and_links(graph):
    graph.add_edge("claim:a.txt#c1", "doc:b.txt", key="source:b.txt:400", kind="source",
                   doc="b.txt", start=400, end=450)
    graph.add_edge("claim:a.txt#c2", "claim:a.txt#c1", key="contradicts", kind="contradicts")
    claims = {c["id"]: c for c in build_view(graph)["claims"]["dated"]}
    assert claims["claim:a.txt#c1"]["reports"] == [{"doc": "doc:b.txt", "start": 400}]
    assert claims["claim:a.txt#c1"]["links"] == [{"link": "contradicted_by", "claim": "claim:a.txt#c2"}]
    assert claims["claim:a.txt#c2"]["links"] == [{"link": "contradicts", "claim": "claim:a.txt#c1"}]


def test_render_interface_strings_have_every_kind_and_month():
    strings = render.interface_strings("ckb")
    for lang in ("local", "en"):
        assert set(strings[lang]["kinds"]) == set(timeline.KIND_COLOURS)
        assert len(strings[lang]["months"]) == 12
    assert strings["local"]["months"][5] == "حوزەیران" and strings["en"]["months"][0] == "January"
    assert set(strings["local"]) == set(strings["en"])  # every word in both languages


# --- HTML -----------------------------------------------------------------------------------


def test_render_report_rtl_ckb_and_inlined_vis(graph, tmp_path):
    html = render_report(graph, tmp_path / "report.html").read_text("utf-8")
    tags = parse_tags(html)
    assert ("html", {"lang": "ckb", "dir": "rtl"}) in tags
    assert vis_js() in html  # vis-network 9.1.2 has no `</script`/`<!--`, so it is inlined verbatim
    assert "vis.Network" in html
    assert sum(1 for t, a in tags if a.get("data-kind") == "network") == 1
    assert sum(1 for t, a in tags if t == "select" and a.get("data-kind") == "actor-filter") == 1


def test_render_report_makes_no_external_requests(graph, tmp_path):
    html = render_report(graph, tmp_path / "report.html").read_text("utf-8")
    for tag, attrs in parse_tags(html):
        for name in ("src", "href", "action", "data", "poster"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or ""), (tag, attrs)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html, re.I)
    assert not re.search(r"@import", html)
    # our own part of the page mentions no URL at all
    # (the SVG namespace is an identifier createElementNS needs, never fetched)
    assert not re.search(r"https?://", without_vis(html).replace("http://www.w3.org/2000/svg", ""))


def test_render_report_embedded_json_counts_equal_graph(graph, tmp_path):
    data = embedded_json(render_report(graph, tmp_path / "r.html").read_text("utf-8"))
    kinds = [d["kind"] for _, d in graph.nodes(data=True)]
    assert len(data["actors"]) == data["counts"]["actors"] == kinds.count("actor")
    claims = data["claims"]["dated"] + data["claims"]["undated"]
    assert len(claims) == data["counts"]["claims"] == kinds.count("claim")
    assert len(data["documents"]) == kinds.count("document")


def test_render_report_claims_in_date_order_and_undated_apart(graph, tmp_path):
    data = embedded_json(render_report(graph, tmp_path / "r.html").read_text("utf-8"))
    assert [c["id"] for c in data["claims"]["dated"]] == [
        "claim:a.txt#c1", "claim:a.txt#c2", "claim:a.txt#c3"]
    assert [c["id"] for c in data["claims"]["undated"]] == ["claim:b.txt#c1", "claim:b.txt#c2"]


def test_render_report_inlines_our_scripts_in_order(graph):
    html = render_html(graph)
    positions = [html.index(f"/* --- {name} --- */") for name in render.SCRIPT_ORDER]
    assert positions == sorted(positions)
    assert "window.kgReport = report" in html


@pytest.mark.parametrize("title", ["kg report", EVIL])
def test_render_report_hostile_text_round_trips_and_never_appears_raw(evil_graph, tmp_path, title):
    html = render_report(evil_graph, tmp_path / "evil.html", title=title).read_text("utf-8")
    data = embedded_json(html)
    (claim,) = data["claims"]["dated"]
    actor = {a["id"]: a for a in data["actors"]}["actor:evil"]
    assert actor["name"] == actor["name_en"] == EVIL and actor["aliases"] == [EVIL]
    assert claim["predicate"] == EVIL and "".join(p["text"] for p in claim["segments"]).endswith(EVIL)
    assert data["documents"][0]["title"] == EVIL
    page = without_vis(html)
    for fragment in ("<script>alert(1)", "<img src=x", "</script><script>", "<!--"):
        assert fragment not in page
    # exactly our five scripts: three JSON islands, vis-network, ours
    assert [t for t, _ in parse_tags(html)].count("script") == 5
    assert not any("onerror" in a for _, a in parse_tags(html))


def test_render_large_view_is_compressed_and_decodes_to_the_same_data(evil_graph):
    plain = embedded_json(render_html(evil_graph))
    html = render_html(evil_graph, compress_above=0)
    import base64
    import gzip
    islands = []
    for name in ("kg-data", "kg-text"):
        match = re.search(f'id="{name}" data-encoding="gzip\\+base64">(.*?)</script>', html, re.S)
        assert match and re.fullmatch(r'"[A-Za-z0-9+/=]+"', match.group(1))
        islands.append(json.loads(gzip.decompress(base64.b64decode(json.loads(match.group(1))))))
    assert join_view(*islands) == plain


def test_render_details_travel_apart_and_join_back(graph):
    view = build_view(graph)
    main, details = split_view(view)
    claims = main["claims"]["dated"] + main["claims"]["undated"]
    assert len(details) == len(claims) and not any("segments" in c or "resolution" in c for c in claims)
    assert join_view(main, details) == view


def test_render_script_safe_json_escapes_html_significant_characters():
    payload = {"x": EVIL, "y": "a & b > c", "z": "\u2029"}
    encoded = script_safe_json(payload)
    assert not re.search("[<>&\u2028\u2029]", encoded)
    assert json.loads(encoded) == payload


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(st.text(alphabet=st.sampled_from(list("<>/&'\"!- ص ێ ڕ\u2028scriptSCRIPT")),
                               max_size=30), min_size=1, max_size=5))
def test_render_any_names_round_trip(names):
    g = nx.MultiDiGraph()
    add_doc(g, "d.txt", names[0])
    for i, name in enumerate(names):
        add_actor(g, f"a{i}", name, "PER", i)
        add_claim(g, "d.txt", i, name, i * 100, speaker=f"a{i}", predicate=name)
    data = embedded_json(render_html(g))
    assert [a["name"] for a in sorted(data["actors"], key=lambda a: int(a["id"][7:]))] == [
        name or f"actor:a{i}" for i, name in enumerate(names)]
    texts = ["".join(p["text"] for p in c["segments"]) for c in data["claims"]["undated"]]
    assert sorted(texts) == sorted(names)


def snapshot(g):
    return (copy.deepcopy(dict(g.graph)),
            copy.deepcopy(sorted(g.nodes(data=True), key=lambda n: n[0])),
            copy.deepcopy(sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])))


@pytest.mark.parametrize("size", ["small", "large"])
def test_render_report_does_not_mutate_graph(graph, tmp_path, size):
    if size == "large":  # the Python-layout branch builds its own graph: check it too
        for i in range(network_view.PYTHON_LAYOUT_THRESHOLD):
            add_actor(graph, f"x{i}", f"x{i}", "LOC", 1)
    before = snapshot(graph)
    render_report(graph, tmp_path / "r.html")
    assert snapshot(graph) == before


def test_render_report_writes_only_the_report(graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert render_report(graph, out / "report.html") == out / "report.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no lib/ in the cwd
    assert [p.name for p in out.iterdir()] == ["report.html"]  # no temp file left


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_render_report_failure_keeps_existing_report(graph, tmp_path, monkeypatch, failing):
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(kg.atomic.os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        render_report(graph, target)
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_render_report_template_dir_overrides(graph, tmp_path):
    (tmp_path / "report.html.j2").write_text("<p>{{ view.counts.claims }} {{ title }}</p>")
    html = render_html(graph, title="<b>", template_dir=tmp_path)
    assert html == "<p>5 &lt;b&gt;</p>"


@pytest.mark.parametrize("code, element, expected", [
    ('a="</script>"', "script", 'a="<\\/script>"'),
    ('a="</SCRIPT >"', "script", 'a="<\\/SCRIPT >"'),
    ("a='<!--'", "script", "a='<\\!--'"),
    ("p{}</style>", "style", "p{}<\\/style>"),
])
def test_render_inline_safe_neutralises_element_end(code, element, expected):
    assert render._inline_safe(code, element) == expected


def test_render_report_empty_graph(tmp_path):
    html = render_report(nx.MultiDiGraph(), tmp_path / "r.html").read_text("utf-8")
    assert embedded_json(html)["counts"]["claims"] == 0
    assert os.path.getsize(tmp_path / "r.html") > len(vis_js())
