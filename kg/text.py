"""Normalisation and segmentation of text (PLACEHOLDER: being replaced by the text-layer work).

API contract (stable):
    normalize(text, lang="ckb") -> NormalizedText
    NormalizedText.original, .text, .to_original(start, end) -> Span
    sentences(text, lang="ckb") -> list[Span]          (spans into `text`)
    tokens(norm: NormalizedText) -> list[Token]        (Token.stem/clitics with spans into norm.text)
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Span


@dataclass(frozen=True, slots=True)
class NormalizedText:
    original: str
    text: str
    offsets: tuple[int, ...]  # offsets[i]: index in original of normalised char i; len(text)+1 entries

    def to_original(self, start: int, end: int) -> Span:
        return Span(self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[start])


def normalize(text: str, lang: str = "ckb") -> NormalizedText:
    return NormalizedText(text, text, tuple(range(len(text) + 1)))
