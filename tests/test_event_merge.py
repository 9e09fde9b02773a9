"""The same event reported by two articles is one event node, dated as precisely as any source."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import kg
from kg.model import Document
from kg.pipeline import extract_document
from kg.text import normalize

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

# Written for these tests: one meeting, two reports, two ways of dating it.
DATED_REPORT = (
    "لە ١٤ی ئایاری ٢٠٢٢ دا ڕەجەب تەیب ئەردۆغان لە ئەنقەرە لەگەڵ نێچیرڤان بارزانی کۆبووەوە. "
    "هەردوو لا باسیان لە بازرگانی کرد."
)
RELATIVE_REPORT = (
    "نێچیرڤان بارزانی دوو ڕۆژ لەمەوبەر لەگەڵ ڕەجەب تەیب ئەردۆغان کۆبووەوە. "
    "ئەردۆغان گوتی پەیوەندییەکان بەهێزن."
)
OTHER_MEETING = "نێچیرڤان بارزانی لە ٣ی حوزەیرانی ٢٠٢٢ دا لەگەڵ ڕەجەب تەیب ئەردۆغان کۆبووەوە."


def _claim_nodes(graph):
    return {n: d for n, d in graph.nodes(data=True) if d["kind"] == "claim" and d["predicate"] == "meet"}


def test_event_merge_two_reports_one_node_with_the_day():
    g = kg.build([(DATED_REPORT, "2022-05-20"), (RELATIVE_REPORT, "2022-05-16")]).to_networkx()
    meetings = _claim_nodes(g)
    assert len(meetings) == 1
    [(node, data)] = meetings.items()
    assert data["date_value"] == "2022-05-14"
    assert len(json.loads(data["merged_from"])) == 2
    sources = {v for _, v, d in g.out_edges(node, data=True) if d["kind"] == "source"}
    assert sources == {"doc:text0000", "doc:text0001"}


def test_event_merge_another_date_stays_another_meeting():
    g = kg.build([(DATED_REPORT, "2022-05-20"), (OTHER_MEETING, "2022-06-04")]).to_networkx()
    assert sorted(d["date_value"] for d in _claim_nodes(g).values()) == ["2022-05-14", "2022-06-03"]


ANAPHORA = (
    "سەرۆکوەزیرانی هەرێم مەسرور بارزانی بە جۆ بایدنی ڕاگەیاند، \"هاوبەشییەکەمان بەهێزە\". "
    "دوای ئەو کۆبوونەوەیە، بارزانی گەڕایەوە هەولێر."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ANAPHORA, [("meet", ("masrour_barzani", "joe_biden"))]),
        # the meeting is already reported by a verb: the noun adds nothing
        ("بارزانی لەگەڵ بایدن کۆبووەوە. دوای ئەو کۆبوونەوەیە گەڕایەوە.", []),
        # no one spoke to anyone before: nothing to attach the meeting to
        ("دوای ئەو کۆبوونەوەیە، بارزانی گەڕایەوە هەولێر.", []),
    ],
)
def test_event_merge_anaphoric_meeting_noun(text: str, expected):
    doc = Document(id="t.txt", text=text, dct=date(2022, 5, 3))
    result = extract_document(doc)
    found = [(c.predicate, c.participants) for c in result.claims if c.rule == "event_anaphora"]
    assert found == expected


def test_event_merge_anaphora_inside_a_quote_is_not_an_event():
    text = "مەسرور بارزانی بە جۆ بایدنی ڕاگەیاند، \"ئەو کۆبوونەوەیە گرنگ بوو\"."
    doc = Document(id="t.txt", text=text, dct=date(2022, 5, 3))
    result = extract_document(doc)
    assert all(c.rule != "event_anaphora" for c in result.claims)


def test_event_merge_seed_meeting_of_26_july_2021_is_one_node():
    """The issue's acceptance case: two seed articles report the Biden–Kadhimi meeting."""
    g = kg.build(SEEDS).to_networkx()
    meetings = [
        d for _, d in g.nodes(data=True)
        if d["kind"] == "claim" and d["event_type"] == "CONSULT" and d["date_value"] == "2021-07-26"
        and {"actor:joe_biden", "actor:mustafa_kadhimi"} <= set(_participants(g, d))
    ]
    assert len(meetings) == 1
    assert {json.loads(meetings[0]["merged_from"])[i].split("#")[0] for i in (0, 1)} == {
        "001_70b614f71e9c0e4b.txt", "004_feead7b84cb9e11b.txt"
    }


def _participants(g, data) -> list[str]:
    node = f"claim:{json.loads(data['merged_from'])[0]}"
    return [v for _, v, k in g.out_edges(node, keys=True) if k.startswith("participant:")]


@pytest.mark.parametrize(
    "table",
    [
        None,  # a language without the table
        "kind\tform\tpredicate\tnote\ndeterminer\tئەو\t\t\nclosing\tیە\t\t\n",  # frame words, no nouns
    ],
)
def test_event_merge_no_anaphora_data_means_no_anaphoric_events(tmp_path, monkeypatch, table):
    import shutil

    import kg.lang
    from kg.extract.claim_anaphora import anaphoric_events

    folder = tmp_path / "xq"
    shutil.copytree(Path(kg.lang.__file__).parent / "ckb", folder)
    (folder / "event_anaphora.tsv").unlink()
    if table is not None:
        (folder / "event_anaphora.tsv").write_text(table, "utf-8")
    real_load = kg.lang.load
    monkeypatch.setattr(kg.lang, "load", lambda code: kg.lang.LanguageData(code, folder) if code == "xq" else real_load(code))
    text = ANAPHORA.replace("ڕاگەیاند،", "ڕاگەیاند کە")  # کە: a bare definite suffix as a word
    found = extract_document(Document(id="t.txt", text=text, dct=date(2022, 5, 3))).claims
    assert [c.predicate for c in found if c.rule == "event_anaphora"] == ["meet"]  # with the data
    dialogue = tuple(c for c in found if c.rule != "event_anaphora")
    doc = Document(id="t.txt", text=text, dct=date(2022, 5, 3), lang="xq")
    assert anaphoric_events(doc, normalize(text), dialogue, {}) == ()
