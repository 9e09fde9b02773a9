"""Roles, office holders and actor merges, on Sorani sentences written for these tests."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

import kg.lang
from kg.extract.actor_lexicon import load_lexicon
from kg.extract.actor_roles import ROLE_HOLDER, load_role_forms, office_holder
from kg.extract.actors import extract_actors, extract_roles, link_actors
from kg.extract.temporal import extract_timexes
from kg.model import DocResult, Document
from kg.text import normalize

CASES = Path(__file__).parent / "cases" / "roles_ckb.tsv"


def _cases():
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def run(text: str, dct: date | None = None, doc_id: str = "t.txt"):
    doc = Document(id=doc_id, text=text, dct=dct)
    norm = normalize(text)
    mentions, actors = extract_actors(doc, norm)
    return doc, norm, mentions, actors


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["note"])
def test_role_case(case):
    dct = None if case["dct"] == "-" else date.fromisoformat(case["dct"])
    doc, norm, mentions, _ = run(case["text"], dct)
    timexes = extract_timexes(doc, norm, "ckb")
    roles = extract_roles(doc, norm, mentions, timexes, "ckb")
    assert [(r.actor, r.title) for r in roles] == [(case["actor"], case["title"])]
    role = roles[0]
    assert role.of == (None if case["of"] == "-" else case["of"])
    assert role.former is (case["former"] == "yes")
    assert (role.time.value if role.time else "-") == case["time"]
    assert role.text == doc.text[role.span.start : role.span.end]


@pytest.mark.parametrize(
    "dct, holder",
    [(date(2016, 5, 1), "haider_abadi"), (date(2021, 7, 26), "mustafa_kadhimi"), (date(2023, 1, 10), "mohammed_shia_sudani")],
)
def test_role_reference_resolves_to_holder_at_document_date(dct, holder):
    doc, _, mentions, actors = run("سەرۆکوەزیرانی عێراق گوتی هێزەکان دەکشێنەوە.", dct)
    assert [(m.text, m.actor_key, m.rule) for m in mentions][0] == ("سەرۆکوەزیرانی", holder, ROLE_HOLDER)
    _, log = link_actors([DocResult(doc=doc, mentions=mentions, actors=actors)])
    assert [e["reason"].split(" (")[0] for e in log] == ["role holder at the document date"]


def test_role_reference_without_a_date_stays_unresolved():
    _, _, mentions, _ = run("سەرۆکوەزیرانی عێراق گوتی هێزەکان دەکشێنەوە.")
    assert [m.actor_key for m in mentions] == ["iraq"]


def test_distinct_people_sharing_a_surname_stay_apart():
    text = "مەسعود بارزانی و نێچیرڤان بارزانی کۆبوونەوە. بارزانی گوتی ئامادەین."
    doc, _, mentions, actors = run(text, date(2021, 1, 1))
    linked, log = link_actors([DocResult(doc=doc, mentions=mentions, actors=actors)])
    keys = [m.actor_key for m in linked[0].mentions]
    assert keys[:2] == ["masoud_barzani", "nechirvan_barzani"]
    assert not any(e["to"] in {"masoud_barzani", "nechirvan_barzani"} for e in log)


@pytest.mark.parametrize(
    "text, surface, actor",
    [
        ("مەسرور بارزانی گەیشتە بەغدا. بارزانیش پێشوازی لێکرا.", "بارزانیش", "masrour_barzani"),  # one Barzani here
        ("دکتۆر فوئاد حوسێن گەیشت.", "فوئاد حوسێن", "fuad_hussein"),  # title + listed full name
        ("فوئاد حوسێنیش گەیشت.", "فوئاد حوسێنیش", "fuad_hussein"),  # full name + clitic
        ("ترەمپ گوتی ئامادەین.", "ترەمپ", "donald_trump"),  # distinctive surname alias
    ],
)
def test_names_resolve_to_one_actor(text, surface, actor):
    doc, _, mentions, actors = run(text, date(2021, 1, 1))
    linked, _ = link_actors([DocResult(doc=doc, mentions=mentions, actors=actors)])
    assert (surface, actor) in [(m.text, m.actor_key) for m in linked[0].mentions]


def test_offices_name_listed_holders_and_role_keys():
    actors = load_lexicon("ckb").actors
    forms, _ = load_role_forms("ckb")
    offices = {f.office for f in forms.values()} | {f.office_org for f in forms.values()}
    for row in kg.lang.load("ckb").table("offices.tsv"):
        assert row["holder"] in actors and row["of"] in actors and row["office"] in offices
        assert not row["to"] or row["from"] < row["to"]


def test_office_holder_is_none_outside_every_term():
    assert office_holder("prime_minister", "iraq", date(2003, 1, 1)) is None
    assert office_holder("president", "united_states", date(2025, 6, 1)) == "donald_trump"


def test_actor_display_names_have_latin_and_english():
    actor = load_lexicon("ckb").actors["fuad_hussein"]
    assert actor.name == "فوئاد حوسێن" and actor.name_en == "Fuad Hussein" and actor.name_latin


@pytest.mark.parametrize(
    "text",
    [
        "فوئاد حوسێن، وەزیری دەرەوەی عێراق، گەیشتە تاران.",
        "حەیدەر عەبادی، سەرۆکوەزیرانی پێشووی عێراق، گوتی ئامادەین.",
        "سەرۆکوەزیرانی عێراق مستەفا کازمی گەیشتە واشنتن.",
    ],
)
def test_roles_are_the_same_when_normalisation_changes_lengths(text):
    # tatweel, ZWNJ and harakat are deleted by normalisation: mentions (original offsets) and
    # role phrases (normalised offsets) then sit at different offsets and must still meet
    plain = "ئەمڕۆ. " + text
    edited = "ئەمـــــــــڕۆ. " + text.replace("ی", "ی\u200c").replace("ع", "عَ")
    found = []
    for version in (plain, edited):
        doc, norm, mentions, _ = run(version, date(2021, 3, 1))
        assert len(norm.text) < len(version) or version == plain
        roles = extract_roles(doc, norm, mentions, (), "ckb")
        assert all(r.text == version[r.span.start : r.span.end] for r in roles)
        found.append([(r.actor, r.title, r.of, r.former, r.rule) for r in roles])
    assert found[0] == found[1] != []
