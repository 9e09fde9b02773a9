"""One event reported by several articles becomes one node; disagreeing claims are linked."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kg.crossdoc import conflicts, same_events
from kg.graph import build_graph
from kg.model import Actor, Claim, DocResult, Document, Granularity, Mention, Span, TimeValue

ACTORS = {
    "leader_a": Actor(id="leader_a", name="ئازاد کەریم", type="PER"),
    "leader_b": Actor(id="leader_b", name="سامان عەلی", type="PER"),
    "iraq": Actor(id="iraq", name="عێراق", type="GPE"),
    "iran": Actor(id="iran", name="ئێران", type="GPE"),
}
DAY = Granularity.DAY


def _value(value: str, start: date, end: date, granularity: Granularity) -> TimeValue:
    return TimeValue(value=value, granularity=granularity, start=start, end=end)


ON_10_MAY = _value("2022-05-10", date(2022, 5, 10), date(2022, 5, 10), DAY)
IN_MAY = _value("2022-05", date(2022, 5, 1), date(2022, 5, 31), Granularity.MONTH)
ON_3_JUNE = _value("2022-06-03", date(2022, 6, 3), date(2022, 6, 3), DAY)


def _claim(doc: str, n: int, participants, date_value, *, event_type="CONSULT", status="asserted", reported=None):
    return Claim(
        id=f"{doc}#c{n}", doc_id=doc, kind="event", predicate="meet", speaker=None,
        participants=tuple(participants), span=Span(0, 20), text="کۆبوونەوەیەک کرا لە بەغدا",
        date=date_value, event_type=event_type, status=status, reported=reported,
    )


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        (_claim("b.txt", 0, ["leader_b", "leader_a"], IN_MAY), True),  # a month contains the day
        (_claim("b.txt", 0, ["leader_a", "leader_b", "iraq"], ON_10_MAY), True),
        (_claim("b.txt", 0, ["leader_a", "leader_b"], ON_3_JUNE), False),  # another meeting
        (_claim("b.txt", 0, ["leader_a", "leader_b"], None), False),  # undated: cannot tell
        (_claim("b.txt", 0, ["leader_a", "iran"], ON_10_MAY), False),  # one shared participant
        (_claim("b.txt", 0, ["iraq", "iran"], ON_10_MAY), False),  # only countries shared
        (_claim("b.txt", 0, ["leader_a", "leader_b"], ON_10_MAY, event_type="ASSAULT"), False),
    ],
)
def test_crossdoc_same_event_only_when_type_people_and_date_agree(second: Claim, merged: bool):
    first = _claim("a.txt", 0, ["leader_a", "leader_b", "iraq"], ON_10_MAY)
    if second.participants == ("iraq", "iran"):
        first = _claim("a.txt", 0, ["iraq", "iran"], ON_10_MAY)
    groups = same_events([first, second], {k: a.type for k, a in ACTORS.items()})
    assert (groups == [[first, second]]) is merged


def test_crossdoc_claims_of_one_document_are_never_merged():
    one, two = _claim("a.txt", 0, ["leader_a", "leader_b"], ON_10_MAY), _claim("a.txt", 1, ["leader_a", "leader_b"], ON_10_MAY)
    assert same_events([one, two], {k: a.type for k, a in ACTORS.items()}) == []


def _result(doc_id: str, dct: date, claims: tuple[Claim, ...]) -> DocResult:
    text = "ئازاد کەریم و سامان عەلی لە بەغدا کۆبوونەوە."
    mentions = tuple(
        Mention(doc_id=doc_id, span=Span(text.index(w), text.index(w) + len(w)), text=w, actor_key=k)
        for w, k in (("ئازاد کەریم", "leader_a"), ("سامان عەلی", "leader_b"))
    )
    return DocResult(doc=Document(id=doc_id, text=text, dct=dct), mentions=mentions, claims=claims, actors=ACTORS)


def test_crossdoc_merged_event_is_one_node_with_both_sources_and_the_precise_date():
    month_report = _result("a.txt", date(2022, 5, 30), (_claim("a.txt", 0, ["leader_a", "leader_b"], IN_MAY),))
    day_report = _result("b.txt", date(2022, 5, 12), (_claim("b.txt", 0, ["leader_b", "leader_a"], ON_10_MAY),))
    graph = build_graph([month_report, day_report], ACTORS)
    claims = [n for n, d in graph.nodes(data=True) if d["kind"] == "claim"]
    assert claims == ["claim:b.txt#c0"]  # the report that gives the day stands for the event
    node = graph.nodes["claim:b.txt#c0"]
    assert node["date_value"] == "2022-05-10"
    assert sorted(json.loads(node["merged_from"])) == ["a.txt#c0", "b.txt#c0"]
    sources = sorted(v for _, v, d in graph.out_edges("claim:b.txt#c0", data=True) if d["kind"] == "source")
    assert sources == ["doc:a.txt", "doc:b.txt"]


def test_crossdoc_negation_contradicts_and_a_new_plan_updates():
    reported_may = _value("2022-05-01", date(2022, 5, 1), date(2022, 5, 1), DAY)
    reported_june = _value("2022-06-01", date(2022, 6, 1), date(2022, 6, 1), DAY)
    held = _claim("a.txt", 0, ["leader_a", "leader_b"], ON_10_MAY)
    denied = _claim("b.txt", 0, ["leader_a", "leader_b"], ON_10_MAY, status="negated")
    plan_may = _claim("c.txt", 0, ["leader_a", "leader_b"], IN_MAY, event_type="AGREE", status="planned", reported=reported_may)
    plan_june = _claim("d.txt", 0, ["leader_a", "leader_b"], ON_3_JUNE, event_type="AGREE", status="planned", reported=reported_june)
    links = {(link.source, link.target, link.kind) for link in conflicts([held, denied, plan_may, plan_june])}
    assert links == {("b.txt#c0", "a.txt#c0", "contradicts"), ("d.txt#c0", "c.txt#c0", "updates")}


ON_3_MAY = _value("2022-05-03", date(2022, 5, 3), date(2022, 5, 3), DAY)
TYPES = {k: a.type for k, a in ACTORS.items()} | {"anonymous_source": "PER"}


def _ids(groups) -> list[list[str]]:
    return sorted(sorted(c.id for c in group) for group in groups)


def test_crossdoc_a_coarse_report_never_joins_two_separate_meetings():
    early = _claim("a.txt", 0, ["leader_a", "leader_b"], ON_3_MAY)
    late = _claim("b.txt", 0, ["leader_a", "leader_b"], ON_10_MAY)
    vague = _claim("c.txt", 0, ["leader_a", "leader_b"], IN_MAY)
    assert same_events([early, late, vague], TYPES) == []  # "in May" fits both: it joins neither


def test_crossdoc_a_coarse_report_joins_the_one_meeting_it_fits_and_same_coarse_dates_join():
    day = _claim("a.txt", 0, ["leader_a", "leader_b"], ON_10_MAY)
    month = _claim("b.txt", 0, ["leader_a", "leader_b"], IN_MAY)
    assert _ids(same_events([day, month], TYPES)) == [["a.txt#c0", "b.txt#c0"]]
    other_month = _claim("c.txt", 0, ["leader_a", "leader_b"], IN_MAY)
    assert _ids(same_events([month, other_month], TYPES)) == [["b.txt#c0", "c.txt#c0"]]


def test_crossdoc_a_group_never_holds_two_claims_of_one_document():
    first = _claim("a.txt", 0, ["leader_a", "leader_b"], ON_10_MAY)
    bridge = _claim("b.txt", 0, ["leader_a", "leader_b"], ON_10_MAY)
    second = _claim("a.txt", 1, ["leader_a", "leader_b"], ON_10_MAY)
    [group] = same_events([first, bridge, second], TYPES)
    assert len({c.doc_id for c in group}) == len(group) == 2


def test_crossdoc_an_anonymous_source_is_not_a_shared_party():
    a = _claim("a.txt", 0, ["anonymous_source", "leader_a", "iraq"], ON_10_MAY)
    b = _claim("b.txt", 0, ["anonymous_source", "leader_a", "iran"], ON_10_MAY)
    assert same_events([a, b], TYPES) == []


def test_crossdoc_a_denial_is_not_merged_and_its_contradiction_reaches_the_graph():
    held = _result("a.txt", date(2022, 5, 11), (_claim("a.txt", 0, ["leader_a", "leader_b"], ON_10_MAY),))
    denied = _result(
        "b.txt", date(2022, 5, 12), (_claim("b.txt", 0, ["leader_a", "leader_b"], ON_10_MAY, status="negated"),)
    )
    graph = build_graph([held, denied], ACTORS)
    edge = graph.get_edge_data("claim:b.txt#c0", "claim:a.txt#c0", key="contradicts")
    assert edge is not None and "negates" in edge["reason"]
