"""The temporal gates: trying rules only where they can start finds exactly what finditer finds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import temporal
from kg.extract.temporal import _Candidate, _candidates, _select_longest, extract_timexes
from kg.extract.temporal_starts import is_gated, rule_starts
from kg.extract.temporal_gate import _prefix_trie, finditer_at, pair_gate
from kg.extract.temporal_rules import compile_rules
from kg.model import Document
from kg.pipeline import extract_document
from kg.text import normalize


CASES = Path(__file__).parent / "cases" / "temporal_ckb.tsv"


def _case_words() -> list[str]:
    """The words and glue of the conformance texts: they hold every rule's expressions."""
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    texts = [normalize(ln.split("\t")[0]).text for ln in lines[1:]]
    return sorted({w for t in texts for w in re.split(r"\s+", t) if w})


_WORDS = _case_words() + ["سیاسی", "ئابووری", "کە", "و", "د.ن", "3:15", "PM"]
_CLITICS = ["", "", "", "", "", "ی", "دا", "ەوە", "یش", "ەکان"]
_GLUE = [" ", " ", " ", " ", " ", "  ", "\n", " \n", "\n ", "\t", "، ", " - ", "/", ":", ".", "-", "«"]
_word = st.builds(lambda w, c: w + c, st.sampled_from(_WORDS), st.sampled_from(_CLITICS))
# runs of words as the cases have them (so multi-word rules match), glued in varied ways
_run = st.sampled_from(CASES.read_text(encoding="utf-8").splitlines()[5:]).map(lambda ln: normalize(ln.split("\t")[0]).text)
_SPACES = [" ", " ", " ", "  ", "\n", " \n", "\t"]
# the same runs with their spaces varied: a rule's words may be apart by any white space
_respaced = st.builds(
    lambda text, spaces: "".join(w + spaces[i % len(spaces)] for i, w in enumerate(text.split(" ")))[:-1],
    _run,
    st.lists(st.sampled_from(_SPACES), min_size=1, max_size=8),
)
_piece = st.one_of(_word, _run, _respaced)
_texts = st.lists(st.tuples(_piece, st.sampled_from(_GLUE)), max_size=10).map(lambda ps: "".join(w + g for w, g in ps))


@settings(max_examples=500)
@given(_texts)
def test_gated_rules_find_what_finditer_finds(text: str) -> None:
    rules, gates = compile_rules("ckb"), is_gated("ckb")
    starts = rule_starts(text, "ckb")
    for index, rule in enumerate(rules):
        if not gates[index]:
            continue
        expected = [m.span() for m in rule.pattern.finditer(text)]
        assert [m.span() for m in finditer_at(rule.pattern, text, starts[index])] == expected, rule.name


@pytest.mark.parametrize(
    ("pattern", "word", "following", "may_start"),
    [
        (r"(?<!\w)لە\s+\d{4}(?!\w)", "لە", "2019", True),
        (r"(?<!\w)لە\s+\d{4}(?!\w)", "لە", "هەولێر", False),  # the next word is no year
        (r"(?<!\w)لە\s+\d{4}(?!\w)", "لەگەڵ", "2019", False),  # white space must end the first word
        (r"(?<!\w)(?:ساڵ|مانگ)(?:ی|دا){0,2}(?!\w)", "ساڵیدا", "", True),  # clitics, then the word ends
        (r"(?<!\w)(?:ساڵ|مانگ)(?:ی|دا){0,2}(?!\w)", "ساڵانە", "", False),  # not a clitic chain
        (r"(?<!\w)(?:(?:کۆتایی)\s+)?ساڵی\s+\d", "کۆتایی", "ساڵی", True),  # an optional first word
        (r"(?<!\w)(?:(?:کۆتایی)\s+)?ساڵی\s+\d", "کۆتایی", "مانگی", False),
        (r"(?<!\w)(?:(?:کۆتایی)\s+)?ساڵی\s+\d", "ساڵی", "2019", True),
        (r"(?<!\w)ئەم\s*ساڵ", "ئەم", "ڕۆژ", True),  # \s* may be empty: no next-word condition
        (r"(?<!\w)ئەمڕۆ", "ئەمڕۆیە", "", True),  # the pattern stops short: any longer word may start it
    ],
)
def test_pair_gate(pattern: str, word: str, following: str, may_start: bool) -> None:
    gate = pair_gate(re.compile(pattern))
    assert gate is not None
    alone = gate.single is not None and gate.single.match(word) is not None
    paired = any(head.match(word) and re.match(nxt, following) for head, nxt in gate.pairs)
    assert (alone or paired) is may_start


def test_pair_gate_needs_a_leading_word() -> None:
    assert pair_gate(re.compile(r"(?<!\w)(?:لە\s+)?[-/]\d")) is None


# token regexes as word gates hold them: letters, and classes that overlap them
_TOKENS = ["ل", "ە", "ی", "ا", "[یێ]", "[٠-٩0-9]", "\\d", "[لە]"]
_heads = st.sets(st.lists(st.sampled_from(_TOKENS), max_size=4).map(tuple), max_size=12)
_gate_words = st.text(alphabet="لەیێا٢2ب", max_size=6)


@settings(max_examples=500)
@given(_heads, _gate_words)
def test_a_gate_trie_matches_where_one_of_its_heads_matches(heads, word) -> None:
    """The word gate shares the heads' common beginnings; whether it matches must not change."""
    expected = any(re.match("".join(head), word) for head in heads) if heads else True
    assert (re.match(_prefix_trie(heads), word) is not None) is expected


# --- longest-match selection and reuse of a document's matches ------------------------------


def _select_longest_by_scan(candidates):
    """The selection as first written: each candidate checked against every one kept."""
    chosen = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= kept.start or kept.end <= cand.start for kept in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=30)


@settings(max_examples=500)
@given(_spans)
def test_select_longest_keeps_what_a_scan_of_the_kept_ones_keeps(spans) -> None:
    candidates = [_Candidate(start, start + length, f"rule{i % 3}", None) for i, (start, length) in enumerate(spans)]
    assert _select_longest(candidates) == _select_longest_by_scan(candidates)


def test_an_undated_document_is_matched_once_for_both_taggings(monkeypatch) -> None:
    text = "ڕۆژی دووشەممە ٢٦ - ٠٧ - ٢٠٢١ هەولێر: سێ ڕۆژ لەمەوبەر کۆبوونەوە کرا."
    calls = []

    def counted(*args):
        calls.append(args)
        return _candidates(*args)

    monkeypatch.setattr(temporal, "_candidates", counted)
    result = extract_document(Document(id="d", text=text))
    # the date is inferred from the first tagging; the second resolves 'three days ago' against it
    assert result.doc.dct == date(2021, 7, 26)
    assert [t.value.value for t in result.timexes] == ["2021-07-26", "2021-07-23"]
    assert len(calls) == 1
    extract_timexes(Document(id="e", text=text), normalize(text))  # on its own: matched again
    assert len(calls) == 2


def test_a_long_piece_without_spaces_is_not_kept_in_the_memo() -> None:
    """The memo is for words: a text with no spaces (one long piece) must not be stored."""
    from kg.extract import temporal_starts

    text = "ساڵی\n2019" + "،ئەو" * 40  # one piece (no space), longer than any word
    assert rule_starts(text, "ckb")[[r.name for r in compile_rules("ckb")].index("year_head")] == [0]
    assert text not in temporal_starts._piece_rules("ckb").__self__
