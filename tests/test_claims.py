"""Claims (issue #5): statements and events, speakers, content, roles, status, dates, provenance."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.claims import anonymous_source, claim_actors, extract_claims, find_verbs
from kg.extract.temporal import extract_timexes
from kg.model import Claim, Document, Mention, Span
from kg.text import normalize

DCT = date(2022, 4, 10)
CASES = Path(__file__).parent / "cases" / "claims_ckb.tsv"


def _rows() -> list[dict[str, str]]:
    lines = [line for line in CASES.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _extract(text: str, actors: dict[str, tuple[str, str]], dct: date | None = DCT):
    """Claims of `text` with the given actors (surface → (id, type)) and real timexes."""
    doc = Document(id="t.txt", text=text, dct=dct)
    norm = normalize(text)
    mentions = []
    for surface, (key, _) in actors.items():
        start = 0
        while (start := text.find(surface, start)) >= 0:
            mentions.append(Mention(doc_id="t.txt", span=Span(start, start + len(surface)), text=surface, actor_key=key))
            start += len(surface)
    mentions.sort(key=lambda m: m.span.start)
    types = {key: kind for key, kind in actors.values()}
    return doc, extract_claims(doc, norm, extract_timexes(doc, norm), tuple(mentions), types)


def _actors(cell: str) -> dict[str, tuple[str, str]]:
    out = {}
    for item in filter(None, cell.split("|")):
        surface, _, rest = item.partition("=")
        key, _, kind = rest.partition(":")
        out[surface] = (key, kind)
    return out


def _assert_provenance(doc: Document, claim: Claim) -> None:
    assert 0 <= claim.span.start < claim.span.end <= len(doc.text)
    assert doc.text[claim.span.start : claim.span.end] == claim.text
    if claim.content is not None:
        assert claim.span.contains(claim.content)
    if claim.timex_span is not None:
        assert claim.span.contains(claim.timex_span) or claim.kind == "event"


@pytest.mark.parametrize("case", _rows(), ids=lambda r: r["note"])
def test_claims_table(case: dict[str, str]):
    doc, claims = _extract(case["text"], _actors(case["actors"]))
    for claim in claims:
        _assert_provenance(doc, claim)
    matching = [c for c in claims if c.predicate == case["predicate"]]
    assert matching, [(c.predicate, c.text) for c in claims]
    claim = matching[0]
    assert claim.kind == case["kind"]
    assert claim.speaker == (None if case["speaker"] == "-" else case["speaker"])
    assert claim.status == case["status"]
    assert (claim.date.value if claim.date else "none") == case["date"]
    if case["content"] != "-":
        assert claim.content is not None
        assert doc.text[claim.content.start : claim.content.end] == case["content"]
    if case["roles"] != "-":
        expected = {tuple(pair.split(":")) for pair in case["roles"].split("|")}
        assert expected <= set(claim.participant_roles)
    assert claim.reported is not None and claim.reported.value == DCT.isoformat()


@pytest.mark.parametrize(
    ("sentence", "predicate", "negated"),
    [
        ("وەزیرەکە گوتی ئاشتی گرنگە.", "say", False),
        ("وەزارەتەکە ڕایگەیاند کە پردەکە کراوەتەوە.", "announce", False),
        ("وەزارەتەکە رایگەیاند کە پردەکە کراوەتەوە.", "announce", False),
        ("سەرۆکەکە ئاشکرایکرد کە گفتوگۆکان بەردەوامن.", "reveal", False),
        ("وەزیر لە پەیامێکدا نووسیویەتی هەڵبژاردن دوا ناخرێت.", "write", False),
        ("شاندەکە سەردانی بەغدای کرد.", "visit", False),
        ("شاندەکە سەردانی بەغدای نەکرد.", "visit", True),
        ("وەزیرەکە ئاماژەی بەوەشکرد کە بودجە نییە.", "note", False),
        ("وتەبێژەکە ڕوونیکردەوە کە هێرشەکە ڕاست نییە.", "clarify", False),
        ("وەزیرەکە ناڵێت کە بودجە هەیە.", "say", True),
        ("گروپەکە هەڕەشەی هێرشی کرد.", "threaten", False),
        ("پارێزگار هێرشەکەی ڕەتکردەوە.", "deny", False),
        # other persons and tenses of verbs a lexicon row must not hold in one inflection only
        ("حزبەکە بانگەشەی ئەوە دەکات کە بردوویەتییەوە.", "claim", False),
        ("کۆمپانیاکە نرخەکانی کەم دەکاتەوە.", "reduce", False),
        ("سوپاکە ژمارەی سەربازەکانی کەمیان کردەوە.", "reduce", False),
        ("بنکەکە کرایە ئامانج.", "target", False),
        ("شارۆچکەکە کەوتە ژێر دەسەڵاتی چەکدارەکان.", "seize", False),
        ("ئەو پۆستی پارێزگاری کەرکووکی وەرگرت.", "take_office", False),
        ("زیندانییەکان هەڵاتن.", "flee", False),
    ],
)
def test_claims_verb_forms_joined_apart_gapped_negated_and_legacy_spelling(sentence, predicate, negated):
    hits = find_verbs(normalize(sentence), "ckb")
    assert [(h.predicate, h.negated) for h in hits][:1] == [(predicate, negated)]


@pytest.mark.parametrize("sentence", ["دەڵێتەوەکان", "نووسینەکە خوێندرایەوە.", "ئەو وتارە درێژ بوو."])
def test_claims_verb_forms_do_not_fire_inside_other_words(sentence: str):
    assert find_verbs(normalize(sentence), "ckb") == []


def test_claims_speaker_carries_over_to_a_sentence_that_starts_with_the_verb_or_a_pronoun():
    text = "شێرزاد حەسەن دوێنێ سەردانی بەغدای کرد. ئەو گوتی کۆبوونەوەکان سەرکەوتوو بوون. گوتیشی کارەکان بەردەوام دەبن."
    _, claims = _extract(text, {"شێرزاد حەسەن": ("sherzad", "PER"), "بەغدا": ("baghdad", "GPE")})
    visit = next(c for c in claims if c.predicate == "visit")
    assert visit.date.value == "2022-04-09" and ("baghdad", "location") in visit.participant_roles
    speakers = [c.speaker for c in claims if c.kind == "statement"]
    assert speakers == ["sherzad", "sherzad"]


def test_claims_carry_over_stops_after_a_few_sentences():
    text = "شێرزاد حەسەن گوتی ئامادەین. باران بارى. ڕێگاکان داخران. قوتابخانەکان داخران. کارەبا بڕا. ئەو گوتی ئامادەین."
    _, claims = _extract(text, {"شێرزاد حەسەن": ("sherzad", "PER")})
    assert [c.speaker for c in claims if c.kind == "statement"] == ["sherzad", None]


def test_claims_anonymous_source_is_a_person_actor_of_its_own():
    actor = anonymous_source("ckb")
    assert (actor.id, actor.type, actor.name) == ("anonymous_source", "PER", "سەرچاوەی نەناسراو")
    _, claims = _extract("بەپێی چەند سەرچاوەیەکی ئاگادار، شاندەکە گەیشتە هەولێر.", {"هەولێر": ("erbil", "GPE")})
    said = next(c for c in claims if c.kind == "statement")
    assert said.speaker == "anonymous_source" and said.status == "reported"


def test_claims_events_inside_a_statement_are_reported_and_dated_by_their_own_clause():
    text = "دارا عەلی گوتی، ساڵی ٢٠٢٠ شاندەکە سەردانی بەغدای کرد."
    _, claims = _extract(text, {"دارا عەلی": ("dara", "PER"), "بەغدا": ("baghdad", "GPE")})
    said = next(c for c in claims if c.kind == "statement")
    visit = next(c for c in claims if c.kind == "event")
    assert said.date.value == DCT.isoformat() and said.date.anchor == "dct" and said.timex_span is None
    assert visit.status == "reported" and visit.date.value == "2020"
    assert said.span.contains(visit.span)


def test_claims_two_clauses_of_one_sentence_are_two_claims_sharing_the_subject():
    text = "کازم نوری دوو ڕۆژ لەمەوبەر لەگەڵ ئالان ئەحمەد کۆبووەوە و دواتر ڕایگەیاند کە ڕێککەوتن کراوە."
    _, claims = _extract(text, {"کازم نوری": ("kazm", "PER"), "ئالان ئەحمەد": ("alan", "PER")})
    meet = next(c for c in claims if c.predicate == "meet")
    said = next(c for c in claims if c.predicate == "announce")
    assert meet.date.value == "2022-04-08" and ("alan", "target") in meet.participant_roles
    assert said.speaker == "kazm" and said.span.start > meet.span.start
    assert meet.event_type == "CONSULT"


def test_claims_statement_without_dct_or_timex_stays_undated():
    _, claims = _extract("وەزارەتەکە گوتی کارەکان تەواو بوون.", {"وەزارەتەکە": ("ministry", "ORG")}, dct=None)
    [claim] = claims
    assert claim.speaker == "ministry" and claim.date is None and claim.reported is None


def test_claims_sentence_without_actor_makes_no_claim_and_a_dated_actor_sentence_is_an_event():
    text = "ساڵی ٢٠١٥ باران زۆر باری. ساڵی ٢٠١٦ وەزارەتەکە پردێکی نوێی دروست کرد."
    _, claims = _extract(text, {"وەزارەتەکە": ("ministry", "ORG")})
    [claim] = claims
    assert (claim.kind, claim.rule, claim.date.value) == ("event", "clause_with_date", "2016")


def test_claims_three_spaces_end_a_paragraph_so_an_earlier_year_does_not_date_the_statement():
    text = "ساڵی ٢٠١٥   وەزارەتەکە گوتی کارەکان تەواو بوون.   ئیتر هیچ."
    doc, [claim] = _extract(text, {"وەزارەتەکە": ("ministry", "ORG")})
    _assert_provenance(doc, claim)
    assert claim.date.anchor == "dct" and claim.text.startswith("وەزارەتەکە گوتی")


def test_claims_demonym_is_never_the_speaker():
    text = "هێزە عێراقییەکان ڕایانگەیاند کە ڕێگاکە کراوەتەوە."
    doc = Document(id="t.txt", text=text, dct=DCT)
    start = text.index("عێراقییەکان")
    mention = Mention(doc_id="t.txt", span=Span(start, start + 11), text="عێراقییەکان", actor_key="iraq", rule="demonym")
    [claim] = extract_claims(doc, normalize(text), (), (mention,), {"iraq": "GPE"})
    assert claim.speaker is None and claim.participants == ("iraq",)


def test_claims_ids_are_in_text_order_and_spans_always_inside_the_document():
    text = 'سەرچاوەکان دەڵێن "هێرشەکە ڕوویدا.   زیانی زۆر بوو." دارا عەلی گوتی: بەغدا ئارامە'
    doc, claims = _extract(text, {"دارا عەلی": ("dara", "PER"), "بەغدا": ("baghdad", "GPE")})
    assert [c.id for c in claims] == [f"t.txt#c{i}" for i in range(len(claims))]
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
    for claim in claims:
        _assert_provenance(doc, claim)


def test_claims_according_source_ends_at_the_comma_and_is_no_party_to_the_event():
    text = "بەپێی سەرچاوەیەکی باڵا، عێراق و ئێران لە ١٠ی ئایاری ٢٠٢٢ دا کۆبوونەوە."
    _, claims = _extract(text, {"عێراق": ("iraq", "GPE"), "ئێران": ("iran", "GPE")})
    said = next(c for c in claims if c.kind == "statement")
    meet = next(c for c in claims if c.kind == "event")
    assert said.speaker == "anonymous_source" and said.rule == "according_to"
    assert meet.participants == ("iraq", "iran") and meet.date.value == "2022-05-10"
    assert ("iraq", "agent") in meet.participant_roles


def test_claims_according_phrase_with_no_name_leaves_the_speaker_unknown():
    text = "بە گوتەی ڕاوێژکارە سیاسییەکە، دارا عەلی لەگەڵ ئێران ڕێککەوت."
    _, claims = _extract(text, {"دارا عەلی": ("dara", "PER"), "ئێران": ("iran", "GPE")})
    said = next(c for c in claims if c.kind == "statement")
    assert said.speaker is None and said.content is not None


def test_claims_an_unnamed_source_is_never_an_event_agent_or_participant():
    text = "سەرچاوەکان دوێنێ لەگەڵ حکومەتی عێراق کۆبوونەوە."
    _, claims = _extract(text, {"حکومەتی عێراق": ("iraq_government", "ORG")})
    [meet] = [c for c in claims if c.kind == "event"]
    assert meet.participants == ("iraq_government",)
    assert all(actor != "anonymous_source" for actor, _ in meet.participant_roles)


def test_claims_an_anaphoric_event_takes_its_place_in_text_order():
    text = (
        "دارا عەلی بە ئالان ئەحمەدی ڕاگەیاند کە ئاشتی گرنگە. "
        "دوای ئەو کۆبوونەوەیە، دارا عەلی گەڕایەوە. "
        "ئالان ئەحمەد گوتی ئامادەین."
    )
    _, claims = _extract(text, {"دارا عەلی": ("dara", "PER"), "ئالان ئەحمەد": ("alan", "PER")})
    assert [c.id for c in claims] == [f"t.txt#c{i}" for i in range(len(claims))]
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
    meeting = next(c for c in claims if c.rule == "event_anaphora")
    assert meeting.participants == ("dara", "alan") and claims[-1].predicate == "say"


def test_claims_actors_named_only_by_claims_are_the_anonymous_source_when_it_speaks():
    _, spoken = _extract("سەرچاوەکان دەڵێن کارەکان تەواو بوون.", {})
    _, named = _extract("وەزارەتەکە گوتی کارەکان تەواو بوون.", {"وەزارەتەکە": ("ministry", "ORG")})
    assert claim_actors(spoken, "ckb") == {"anonymous_source": anonymous_source("ckb")}
    assert claim_actors(named, "ckb") == {}


def test_claims_negative_prefixes_and_the_prefix_they_replace_are_data():
    from kg.extract.claim_lexicon import _negatives

    ckb = [("نە", ""), ("نا", "دە")]  # modality.tsv: نا takes the place of present دە-
    assert _negatives("دەکات", ckb) == ["ناکات"] and _negatives("ئاشکرای کرد", ckb) == ["ئاشکرای نەکرد"]
    assert _negatives("mikat", [("ne", ""), ("ma", "mi")]) == ["makat"]  # any language's rows


def test_claims_ezafe_suffixes_come_from_clitics():
    from kg.extract.claim_lexicon import claim_lexicon

    assert claim_lexicon("ckb").ezafe == ("ی", "یی")


@pytest.mark.parametrize(
    ("text", "start", "end", "skipped_to", "trimmed_to"),
    [
        ("، ئاشتی.", 0, 8, 2, 7),  # Arabic comma, full stop
        ("x ؟!  ", 0, 6, 0, 1),  # Arabic question mark
        (": ئاشتی", 0, 7, 0, 7),  # a colon is not skipped (headlines look for it)
    ],
)
def test_claims_span_edges_by_unicode_punctuation(text, start, end, skipped_to, trimmed_to):
    from kg.extract.claim_frames import is_clause_mark, skip_space, trim_end

    assert skip_space(text, start, end) == skipped_to and trim_end(text, start, end) == trimmed_to
    assert all(is_clause_mark(c) for c in "،,:;؛") and not any(is_clause_mark(c) for c in ".«»\"ی")


def test_claims_a_dated_rest_ends_like_every_other_claim_before_the_full_stop():
    text = "ساڵی ٢٠١٦ وەزارەتەکە پردێکی نوێی دروست کرد."
    _, [claim] = _extract(text, {"وەزارەتەکە": ("ministry", "ORG")})
    assert claim.rule == "clause_with_date" and claim.text == text[:-1]


@pytest.mark.parametrize(
    "text",
    [
        "وه‌زیر  گوتی: «ده‌سه‌ڵات» ١٢ی ئایاری 2022_x، كۆبوونەوە!",  # ZWNJ, Arabic ك and ه: offsets shift
        "وەزیر گوتی: «دەسەڵات» ١٢ی ئایاری 2022_x، کۆبوونەوە!",  # nothing to edit: the identity path
    ],
)
def test_claims_words_mapped_in_bulk_match_mapping_each_word(text):
    from kg.extract.claim_frames import _word_columns

    norm = normalize(text)
    each = []
    for m in re.finditer(r"[^\W\d_]+|\d+|[^\w\s]", norm.text):
        span = norm.to_original(m.start(), m.end())
        each.append((span.start, span.end, m.group()))
    assert list(zip(*_word_columns(norm))) == each


@pytest.mark.parametrize(
    ("form", "head"),
    [
        ("گوتی", "گوتی"),  # shorter than the head: all of it
        ("بەڕێوەچوو", "بەڕێوەچو"),  # only the first letters
        ("ئاشکرای کرد", "ئاشکرای ک"),  # across the optional space
        ("سەردانی … کرد", "سەردانی"),  # never past a gap
    ],
)
def test_claims_verb_prefilter_tests_the_first_letters_before_any_gap(form: str, head: str):
    from kg.extract.claim_lexicon import _form_head

    assert "".join(_form_head(form)) == head


@pytest.mark.parametrize(
    ("word", "may_begin"),
    [
        ("ئاشکرای", True),
        ("ئاشکرایکرد", True),  # joined spelling: more letters after the first word
        ("سەردانی", True),  # before a gap
        ("گوتیشی", True),
        ("گوت", False),  # shorter than every first word
        ("بە", False),
        ("2019", False),
    ],
)
def test_claims_verb_candidates_are_letter_runs_that_begin_with_a_form_first_word(word: str, may_begin: bool):
    from kg.extract.claim_lexicon import _first_word_test

    test = _first_word_test(["ئاشکرای کرد", "سەردانی … کرد", "گوتی"])
    assert test(word) is may_begin
    assert _first_word_test(["… کرد"]) is None  # no first word: the scan finds candidates


@pytest.mark.parametrize(
    "text",
    [
        "ئەو کۆبوونەوەیە و کۆبوونەوەکە",  # both readings, in text order
        "ئەو دیدارە",  # the demonstrative reading wins where both could start
        "دیدارەکە ئەو سەردانە",
        "ناکۆبوونەوەکە گفتوگۆکان",  # not at a word start, then at one
        "هیچ",
    ],
)
def test_claims_readings_found_apart_match_their_alternation(text: str):
    from kg.extract.claim_lexicon import ReadingsFinder, WordFinder

    readings = (r"(?:ئەو|ئەم)\s+(?P<a>دیدار|سەردان|کۆبوونەوە)(?:یە|ە)", r"(?P<b>دیدار|سەردان|کۆبوونەوە|گفتوگۆ)(?:ەکە|کان)")
    apart = ReadingsFinder(tuple(WordFinder(re.compile(rf"(?:{r})(?![^\W\d_])")) for r in readings))
    together = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(readings)})(?![^\W\d_])")
    assert [m.span() for m in apart.finditer(text)] == [m.span() for m in together.finditer(text)]


@pytest.mark.parametrize(
    ("words", "calls"),
    [
        (["گوتی", "گوتی", "گوتی"], 1),  # a word's value is computed once
        (["گوتی", "ڕایگەیاند", "گوتی", "ڕایگەیاند"], 2),
        (["سەرۆک", "وەزیران", "کۆبوونەوە"], 3),  # the limit (2) clears the memo, values stay right
    ],
)
def test_word_memo_computes_each_word_once(words, calls):
    from kg.memo import WordMemo

    computed = []

    def is_long(word: str) -> bool:
        computed.append(word)
        return len(word) > 4

    memo = WordMemo(is_long, limit=2)
    assert list(map(memo.__getitem__, words)) == [len(w) > 4 for w in words]
    assert len(computed) == calls and len(memo) <= 2


def test_verb_word_memo_agrees_with_verb_search():
    """The memoised first-word test never rules out a word where a verb form starts."""
    from kg.extract.claim_lexicon import claim_lexicon

    test = claim_lexicon("ckb").verb_word
    for text in ["سەرۆک گوتی ئەمە باشە", "وەزیر ڕایگەیاند کە سبەی دەڕوات", "ئەو سەردانی بەغدای کرد"]:
        for verb in find_verbs(normalize(text), "ckb"):
            assert test(text[verb.span.start : verb.span.end].split()[0])


def test_word_finder_steps_past_empty_matches():
    """A blank cue row makes an empty alternative: finding must still end, at word starts only."""
    import re

    from kg.extract.claim_lexicon import WordFinder

    empty = WordFinder(re.compile(r"(?:)"))
    assert [m.start() for m in empty.finditer("ئەو گوتی")] == [0, 4]
    said = WordFinder(re.compile(r"گوتی(?!\w)"))
    assert [m.start() for m in said.finditer("ئەو گوتی، نەیگوتی گوتی")] == [4, 18]


def _verb_forms() -> list[str]:
    from kg.lang import load

    return sorted({row["form"] for row in load("ckb").table("verbs.tsv") if row["form"]})


_SURROUNDINGS = ["", " ", "  ", "\n", "،", "«", "»", ".", "2019", "٢٠١٩", "و", "ی", "دا", "ـ", "\u200c", "ئەمریکا ", " عێراق"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_verb_forms()), st.sampled_from(_SURROUNDINGS)), max_size=12))
def test_find_verbs_per_word_path_equals_the_regex_scan(parts):
    """Production passes the word split (a memoised per-word pre-filter); without it, find_verbs
    scans with a regex. Both must find the same verbs, whatever is glued around the forms."""
    from kg.extract.claim_frames import norm_words

    norm = normalize("".join(parts))
    assert find_verbs(norm, "ckb", norm_words(norm)) == find_verbs(norm, "ckb")
