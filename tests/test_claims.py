"""Claims (first version): sentence claims, speakers of statements, governing dates."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.claims import extract_claims, find_verbs
from kg.model import Document, Granularity, Mention, Span, Timex, TimeValue
from kg.text import normalize

TYPES = {"speaker_per": "PER", "ministry": "ORG", "country": "GPE", "city": "GPE"}


def _doc(text: str, dct: date | None = date(2022, 4, 10)) -> Document:
    return Document(id="t.txt", text=text, dct=dct)


def _mention(text: str, word: str, key: str, rule: str = "gazetteer", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(doc_id="t.txt", span=Span(start, start + len(word)), text=word, actor_key=key, rule=rule)


def _timex(text: str, phrase: str, value: str) -> Timex:
    start = text.index(phrase)
    when = TimeValue(value=value, granularity=Granularity.YEAR, start=date(int(value), 1, 1), end=date(int(value), 12, 31))
    return Timex(doc_id="t.txt", span=Span(start, start + len(phrase)), text=phrase, type="DATE", value=when, rule="t")


@pytest.mark.parametrize(
    ("sentence", "predicate"),
    [
        ("وەزیرەکە گوتی ئاشتی گرنگە.", "say"),
        ("وەزارەتەکە ڕایگەیاند کە پردەکە کراوەتەوە.", "announce"),
        ("وەزارەتەکە ڕایگەیاند کە پردەکە کراوەتەوە.".replace("ڕایگەیاند", "رایگەیاند"), "announce"),
        ("سەرۆکەکە ئاشکرای کرد کە گفتوگۆکان بەردەوامن.", "reveal"),
        ("سەرۆکەکە ئاشکرایکرد کە گفتوگۆکان بەردەوامن.", "reveal"),
        ("وەزیر لە پەیامێکدا نووسیویەتی هەڵبژاردن دوا ناخرێت.", "write"),
        ("شاندەکە سەردانی بەغدای کرد.", "visit"),
        ("وەزیرەکە ئاماژەی بەوە کرد کە بودجە نییە.", "note"),
        ("وەزیرەکە ئاماژەی بەوەشکرد کە بودجە نییە.", "note"),
        ("وەزیرەکە ئاماژەی بەوەدا کە بودجە نییە.", "note"),
        ("وتەبێژەکە ڕوونیکردەوە کە هێرشەکە ڕاست نییە.", "clarify"),
    ],
)
def test_claims_verb_forms_found_joined_or_apart_and_in_legacy_spelling(sentence: str, predicate: str):
    [hit] = find_verbs(normalize(sentence), "ckb")
    assert hit.predicate == predicate


@pytest.mark.parametrize("sentence", ["دەڵێتەوەکان", "نووسینەکە خوێندرایەوە.", "ئەو وتارە درێژ بوو."])
def test_claims_verb_forms_do_not_fire_inside_other_words(sentence: str):
    assert find_verbs(normalize(sentence), "ckb") == []


def test_claims_statement_speaker_is_nearest_person_before_the_verb():
    text = "لە هەولێر وەزیری دەرەوە ئازاد کەریم دەڵێت: «عێراق پێویستی بە ئارامییە»."
    mentions = (
        _mention(text, "هەولێر", "city"),
        _mention(text, "ئازاد کەریم", "speaker_per"),
        _mention(text, "عێراق", "country"),
    )
    [claim] = extract_claims(_doc(text), normalize(text), (), mentions, TYPES)
    assert (claim.kind, claim.predicate, claim.speaker) == ("statement", "say", "speaker_per")
    assert claim.participants == ("city", "speaker_per", "country")
    # no time expression: a present-tense statement is dated by the article
    assert claim.date.value == "2022-04-10" and claim.date.anchor == "dct" and claim.timex_span is None


def test_claims_demonym_is_never_the_speaker():
    text = "هێزە عێراقییەکان ڕایانگەیاند کە ڕێگاکە کراوەتەوە."
    mentions = (_mention(text, "عێراقییەکان", "country", rule="demonym"),)
    [claim] = extract_claims(_doc(text), normalize(text), (), mentions, TYPES)
    assert claim.speaker is None and claim.participants == ("country",)


def test_claims_dated_event_takes_its_own_date_and_undated_statement_without_dct_stays_undated():
    text = "ساڵی ٢٠١٥ وەزارەتەکە پردێکی نوێی کردەوە. وەزارەتەکە گوتی کارەکان تەواو بوون."
    mentions = (_mention(text, "وەزارەتەکە", "ministry"), _mention(text, "وەزارەتەکە", "ministry", nth=1))
    timexes = (_timex(text, "ساڵی ٢٠١٥", "2015"),)
    first, second = extract_claims(_doc(text, dct=None), normalize(text), timexes, mentions, TYPES)
    assert (first.kind, first.date.value, first.speaker) == ("event", "2015", None)
    assert text[first.timex_span.start : first.timex_span.end] == "ساڵی ٢٠١٥"
    assert (second.kind, second.speaker, second.date) == ("statement", "ministry", None)


def test_claims_sentence_without_actor_or_without_date_and_verb_makes_no_claim():
    text = "ساڵی ٢٠١٥ باران زۆر باری. وەزارەتەکە پردێکی نوێی دروست کرد."
    mentions = (_mention(text, "وەزارەتەکە", "ministry"),)
    timexes = (_timex(text, "ساڵی ٢٠١٥", "2015"),)
    assert extract_claims(_doc(text), normalize(text), timexes, mentions, TYPES) == ()


def test_claims_spans_are_sentences_of_the_original_text():
    text = "ساڵی ٢٠١٥   وەزارەتەکە گوتی کارەکان تەواو بوون.   ئیتر هیچ."
    mentions = (_mention(text, "وەزارەتەکە", "ministry"),)
    [claim] = extract_claims(_doc(text), normalize(text), (_timex(text, "ساڵی ٢٠١٥", "2015"),), mentions, TYPES)
    assert text[claim.span.start : claim.span.end] == claim.text
    # three spaces end a paragraph: the year stands alone and does not date the statement
    assert claim.text == "وەزارەتەکە گوتی کارەکان تەواو بوون."
    assert claim.date.anchor == "dct"
