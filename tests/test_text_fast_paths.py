"""Tests of the normaliser's fast paths: rule screens, the identity offset map (Sorani text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Span
from kg.text import _normalizer, _RegexStep, _required_strings, normalize

# Text drawn from what Sorani pages contain (as in test_text): standard and legacy letters, harakat,
# ZWNJ, tatweel, three digit systems, presentation forms, spaces and punctuation.
ALPHABET = "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنوۆەهیێ" + "كيىھةۀآأ" + "ﻻﻛ" + "\u064b\u064e\u0650\u0651" + "٢۴9" + " \u200c\u0640.،\n"
any_text = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60)


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("[یێ][\u064e\u064b]+", (("ی", "ێ"), ("\u064b", "\u064e"))),  # a class, then a repeated class
        ("لاَ|لاً|لأ", (("ل",), ("أ", "اً", "اَ"))),  # the parser factors out the common ل
        ("ه\u200c+(?=\\p{L})", (("ه",), ("\u200c",))),  # a lookahead consumes nothing: no group
        ("(?<!\\p{L})وو(?=[ئبپتجچحخدرڕزژسشعغفڤقکگلڵمنهی])", (("وو",),)),
        ("(?<!\\p{L})ر(?=\\p{L})", (("ر",),)),
        ("ساڵ|\\d+", ()),  # one branch requires no literal: nothing is proven
        ("[^ر]ە", (("ە",),)),  # a negated class is no requirement
        ("(?i:ب)ە", (("ە",),)),  # case-insensitive text gives no literal
        ("[[:alpha:]]ە", ()),  # `regex`-only syntax the stdlib parser would misread: no screen
        ("ە{e<=1}", ()),
        ("(?V1)ە", ()),  # syntax the stdlib parser rejects: no screen
        ("کورد(?:ستان)?", (("کورد",),)),  # an optional part requires nothing
    ],
)
def test_required_strings(pattern: str, required: tuple[tuple[str, ...], ...]) -> None:
    assert _required_strings(pattern) == required


def _regex_steps() -> list[_RegexStep]:
    return [step for step in _normalizer("ckb") if isinstance(step, _RegexStep)]


@settings(max_examples=400)
@given(any_text)
def test_a_rule_matches_only_texts_holding_its_required_strings(raw: str) -> None:
    """The screen is sound: wherever a rule's pattern matches text, its required strings are there."""
    for step in _regex_steps():
        if any(m.end() > m.start() for m in step.pattern.finditer(raw)):
            assert all(any(s in raw for s in group) for group in step.required), step.name


@pytest.mark.parametrize(
    ("raw", "identity"),
    [
        ("ئەمڕۆ لە هەولێر", True),  # already normal
        ("هێزه\u200cكانى ٢٠١٩", False),  # ZWNJ deleted, heh+ZWNJ becomes one letter
        ("هێزەكانى ٢٠١٩", True),  # one-for-one replacements keep every index
        ("ساڵی ٢٠١٩ \u0640ەش", False),  # tatweel deleted
        ("", True),
    ],
)
def test_identity_says_whether_indices_moved(raw: str, identity: bool) -> None:
    norm = normalize(raw)
    assert norm.identity is identity
    if identity:
        assert list(norm.offsets) == list(range(len(raw) + 1))


@settings(max_examples=400)
@given(any_text, st.data())
def test_identity_map_agrees_with_to_original(raw: str, data: st.DataObject) -> None:
    norm = normalize(raw)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    if norm.identity:
        assert norm.to_original(start, end) == Span(start, end)
        assert len(norm.text) == len(raw)
    assert len(norm.offsets) == len(norm.ends) == len(norm.text) + 1
    assert norm.offsets[-1] == len(raw)
