"""Actor extraction and corpus linking on Sorani sentences written for these tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import kg.lang
from kg.extract.actor_cues import load_cues, strip_clitics
from kg.extract.actor_lexicon import load_lexicon, slugify
from kg.extract.actor_words import FormStarts
from kg.extract.actors import extract_actors, link_actors
from kg.model import Document, DocResult
from kg.text import normalize, word_runs

CASES = Path(__file__).parent / "cases" / "actors_ckb.tsv"
NEGATIVES = Path(__file__).parent / "cases" / "actors_negatives_ckb.tsv"


def _cases(path=CASES):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def run(text: str, doc_id: str = "t.txt"):
    doc = Document(id=doc_id, text=text)
    mentions, actors = extract_actors(doc, normalize(text))
    return doc, mentions, actors


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["note"])
def test_actor_case(case):
    text, surface = case["text"], case["mention"]
    assert text.count(surface) == 1, "a case names a surface that occurs once"
    start = text.index(surface)
    _, mentions, actors = run(text)
    if case["actor_id"] == "-":
        assert [m.text for m in mentions if m.span.start < start + len(surface) and start < m.span.end] == []
        return
    found = [(m.text, m.actor_key, m.rule) for m in mentions if m.span.start == start]
    assert found == [(surface, case["actor_id"], case["rule"])]
    assert case["actor_id"] in actors


@pytest.mark.parametrize("case", _cases(NEGATIVES), ids=lambda c: c["note"])
def test_actor_negative_sentence_has_no_actor(case):
    _, mentions, _ = run(case["text"])
    assert [(m.text, m.actor_key) for m in mentions] == []


@pytest.mark.parametrize(
    "text, surface",
    [
        ("ئەمريكا و عيراق ڕێککەوتن.", "ئەمريكا"),  # Arabic yeh/kaf in the original
        ("سەرۆکی ئێرانـ‌ـیش گەیشت.", "ئێرانـ‌ـیش"),  # tatweel and ZWNJ inside the mention
        ("لە كۆشكی سپی‌دا", "كۆشكی سپی‌دا"),  # ZWNJ before a glued postposition
        ("هەڵبژاردن لە هه\u200cولێر", "هه\u200cولێر"),  # legacy heh + ZWNJ for ە
    ],
)
def test_actor_offsets_index_the_original_text(text, surface):
    doc, mentions, _ = run(text)
    assert surface in [m.text for m in mentions]
    for m in mentions:
        assert m.text == doc.text[m.span.start : m.span.end]


def test_actor_mentions_are_sorted_and_disjoint():
    _, mentions, _ = run("وەزیری دەرەوەی ئێران و حکومەتی عێراق و هەرێمی کوردستان لە بەغدا کۆبوونەوە.")
    spans = [(m.span.start, m.span.end) for m in mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_actor_ids_ignore_clitics_and_processing_order():
    one = run("دکتۆر هاوار ڕەزا هات. دکتۆر هاوار ڕەزاش ڕۆیشت.")[1]
    assert {m.actor_key for m in one} == {"hawar_reza"}
    texts = ["ئەمریکا و ئێران", "ئێران و ئەمریکا"]
    assert sorted(m.actor_key for m in run(texts[0])[1]) == sorted(m.actor_key for m in run(texts[1])[1])


@pytest.mark.parametrize(
    "word, stem",
    [("ترەمپدا", "ترەمپ"), ("ئەمریکاوە", "ئەمریکا"), ("هەولێردا", "هەولێر"), ("کارزانییان", "کارزانی")],
)
def test_strip_clitics_finds_the_stem(word, stem):
    assert strip_clitics(word, load_cues("ckb")) == stem


def test_link_gives_one_id_across_documents_and_merges_surnames():
    docs = [
        ("a.txt", "شێرزاد ئەحمەد، گوتەبێژی کۆمپانیاکە، گەیشتە هەولێر. ئەحمەدیش پێشوازی لێکرا."),
        ("b.txt", "ئێوارە. شێرزاد ئەحمەد گوتی کارەکە لە هەولێر تەواو بووە."),
    ]
    results = []
    for doc_id, text in docs:
        doc, mentions, actors = run(text, doc_id)
        results.append(DocResult(doc=doc, mentions=mentions, actors=actors))
    linked, log = link_actors(results)
    by_doc = [{m.text: m.actor_key for m in r.mentions} for r in linked]
    assert by_doc[0]["شێرزاد ئەحمەد"] == by_doc[1]["شێرزاد ئەحمەد"] == "serzad_ehmed"
    assert by_doc[0]["ئەحمەدیش"] == "serzad_ehmed"
    assert by_doc[0]["هەولێر"] == by_doc[1]["هەولێر"] == "erbil"
    assert {"from": "ehmed", "to": "serzad_ehmed", "doc": "a.txt",
            "reason": "surname of a full name in the same document"} in log
    assert all(set(r.actors) == {m.actor_key for m in r.mentions} for r in linked)


def test_link_merges_a_cue_name_with_its_listed_alias():
    doc, mentions, actors = run("شێخ عەلی سیستانییش هات.")  # found by a title, listed in the gazetteer
    linked, _ = link_actors([DocResult(doc=doc, mentions=mentions, actors=actors)])
    assert [m.actor_key for m in linked[0].mentions] == ["ali_sistani"]


def test_gazetteer_forms_are_unique_normalised_and_typed():
    rows = kg.lang.load("ckb").table("gazetteer.tsv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and len(ids) >= 150
    forms = [(f, r["id"]) for r in rows for f in [r["name_ckb"], *r["aliases"].split("|")] if f]
    assert [f for f, _ in forms if normalize(f).text != f] == []
    owners = {}
    for form, actor_id in forms:
        owners.setdefault(form, set()).add(actor_id)
    assert {f: o for f, o in owners.items() if len(o) > 1} == {}
    assert {r["type"] for r in rows} <= {"PER", "ORG", "GPE", "LOC"}
    assert all(r["wikidata"] == "" or r["wikidata"][1:].isdigit() for r in rows)
    assert all(r["id"] == slugify(r["id"]) for r in rows)


def test_guarded_forms_name_known_actors_with_known_guards():
    lexicon, cues = load_lexicon("ckb"), load_cues("ckb")
    for row in kg.lang.load("ckb").table("actor_guards.tsv"):
        assert normalize(row["form"]).text == row["form"] and row["actor"] in lexicon.actors
        for part in row["guard"].split("|"):
            kind, _, arg = part.partition(":")
            assert kind in {"seen", "after", "told", "alone", "context", "no_ezafe"}
            assert not arg or arg in cues.kinds


@pytest.mark.parametrize("mark, expected", [("،", True), (",", True), ("\uff0c", True), (".", False), ("؛", False)])
def test_appositive_comma_is_any_unicode_comma(mark, expected):
    from kg.extract.actor_cues import is_comma

    assert is_comma(mark) is expected


def test_demonyms_point_to_known_countries_and_are_normalised():
    lexicon = load_lexicon("ckb")
    for row in kg.lang.load("ckb").table("demonyms.tsv"):
        assert normalize(row["form"]).text == row["form"]
        assert lexicon.actors[row["country"]].type == "GPE"


def test_lexicon_reads_cldr_types_and_english_ids():
    actors = load_lexicon("ckb").actors
    assert actors["iraq"].type == "GPE" and actors["iraq"].name_en == "Iraq"
    assert actors["europe"].type == "LOC"
    assert actors["united_nations"].type == "ORG"
    assert "world" not in actors  # CLDR's جیهان is a common noun


@pytest.mark.parametrize(
    "word, can_start",
    [
        ("عێراق", True),  # a whole form
        ("عێراقدا", True),  # the form and a clitic
        ("عێراقیدا", True),  # two clitics
        ("عێراقستان", False),  # more letters that are no clitic chain
        ("عێرا", False),  # part of a form
        ("مەسرور", True),  # the first word of a two-word form
        ("مەسروری", False),  # a form with a space starts only at exactly its first word
    ],
)
def test_form_starts_judges_words_a_form_can_start_at(word, can_start):
    starts = FormStarts(["عێراق", "مەسرور بارزانی"], "(?:دا|ی|ە)")
    assert starts.can_start(word) is can_start


@pytest.mark.parametrize(
    "text",
    [
        "لە عێراقدا و ئێرانیش، مەسرور بارزانی گوتی",
        "عێراقییەکان و ئەمریکا",
        "ڕووداو هەواڵی عێراق و تورکیای بڵاوکردەوە",
        "مەسرورەکە و مەسرور و مەسرور  بارزانییەوە",
    ],
)
def test_form_matches_are_what_finditer_finds(text):
    lexicon, norm_text = load_lexicon("ckb"), normalize(text).text
    starts, words = word_runs(norm_text)
    for pattern, forms in ((lexicon.pattern, lexicon.name_starts), (lexicon.demonym_pattern, lexicon.demonym_starts)):
        found = forms.matches(pattern, norm_text, starts, words, set(words))
        expected = [(m.start(), m.end(), m.end("name"), m.group("name")) for m in pattern.finditer(norm_text)]
        assert found == expected
