"""A claim's evidence as the report shows it: the sentence with its actor and date
mentions marked, and the resolution behind its date in words-to-be.

Pieces are cut here, in Python, on `str` offsets (the graph's offsets are Python
code-point indices; the browser's strings count UTF-16 units, so slicing there
would drift on any character outside the BMP). The page only joins them with
textContent, like displaCy's `render_ents`.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from datetime import date

Span = tuple[int, int, str]  # document start, end, actor node id


def mention_index(graph, actor_ids: set[str]) -> dict[str, list[Span]]:
    """Every mention span of a known actor per document file, sorted.

    From the doc → actor `mentions` edges (`spans`, JSON [[start, end], …]) only: a
    claim's speaker edge may span a whole clause when the speaker was resolved from
    a pronoun or a verb ending, and marking that would paint the sentence.
    """
    spans: dict[str, set[Span]] = {}
    for source, target, edge in graph.edges(data=True):
        if edge.get("kind") != "mentions" or target not in actor_ids:
            continue
        doc = str(edge.get("doc") or str(source).removeprefix("doc:"))
        for start, end in _json_pairs(edge.get("spans")):
            spans.setdefault(doc, set()).add((start, end, str(target)))
    return {doc: sorted(found) for doc, found in spans.items()}


def _json_pairs(raw) -> list[tuple[int, int]]:
    try:
        pairs = json.loads(raw) if raw else []
        return [(int(a), int(b)) for a, b in pairs]
    except (TypeError, ValueError):
        return []


def spans_within(index: list[Span], start: int, end: int) -> list[Span]:
    """The spans of `index` (sorted) that lie inside [start, end)."""
    found = []
    for span in index[bisect_left(index, (start, -1, "")):]:
        if span[0] >= end:
            break
        if span[1] <= end:
            found.append(span)
    return found


def segments(text: str, claim_start: int, date_span: tuple[int, int] | None,
             actor_spans: list[Span]) -> list[dict]:
    """Split the sentence into pieces; the date and each actor mention become marked pieces.

    Spans are document offsets; the sentence starts at `claim_start`. The date wins
    over an overlapping actor mention; overlapping mentions keep the first.

    >>> segments("X met Y in 2014", 100, (111, 115), [(100, 101, "actor:x"), (106, 107, "actor:y")])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'text': 'X', 'mark': 'actor', 'actor': 'actor:x'}, {'text': ' met '},
     {'text': 'Y', 'mark': 'actor', 'actor': 'actor:y'}, {'text': ' in '},
     {'text': '2014', 'mark': 'date'}]
    """
    marks: list[tuple[int, int, str]] = []
    if date_span:
        marks.append((date_span[0] - claim_start, date_span[1] - claim_start, ""))
    for start, end, actor in actor_spans:
        marks.append((start - claim_start, end - claim_start, actor))
    pieces, cursor = [], 0
    for start, end, actor in _non_overlapping(marks, len(text)):
        if start > cursor:
            pieces.append({"text": text[cursor:start]})
        pieces.append({"text": text[start:end], "mark": "actor", "actor": actor} if actor
                      else {"text": text[start:end], "mark": "date"})
        cursor = end
    if cursor < len(text):
        pieces.append({"text": text[cursor:]})
    return pieces


def _non_overlapping(marks: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """In-bounds marks, earlier-listed first on overlap, returned in text order."""
    kept: list[tuple[int, int, str]] = []
    for start, end, actor in marks:
        if 0 <= start < end <= length and all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, actor))
    return sorted(kept)


def date_span(text: str, claim_start: int, data: dict) -> tuple[int, int] | None:
    """Document span of the dating expression, checked against `date_text`.

    If the offsets do not hold `date_text` (out of step), the text is searched for
    in the sentence; if neither works, nothing is marked rather than the wrong words.
    """
    surface = str(data.get("date_text") or "")
    try:
        begin, end = int(data.get("date_offset_start", -1)), int(data.get("date_offset_end", -1))
    except (TypeError, ValueError):
        begin = end = -1
    local = text[begin - claim_start:end - claim_start] if 0 <= begin - claim_start < end - claim_start else None
    if local and (not surface or local == surface):
        return begin, end
    found = text.find(surface) if surface else -1
    return (claim_start + found, claim_start + found + len(surface)) if found >= 0 else None


_UNITS = {"DAY": "day", "TIME": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def resolution(anchor: str, granularity: str, start: str, dct: str) -> dict:
    """How the claim's date was reached, for the page to put in words.

    `basis` is the claim's anchor (`dct`, `narrative`, `absolute`) or `none`; for
    `dct`, `offset` counts `unit`s from the article's date (negative = before).

    >>> resolution("dct", "DAY", "2020-08-22", "2020-08-24")
    {'basis': 'dct', 'unit': 'day', 'offset': -2}
    >>> resolution("dct", "MONTH", "2020-07-01", "2020-08-24")
    {'basis': 'dct', 'unit': 'month', 'offset': -1}
    """
    if not start:
        return {"basis": "none"}
    if anchor != "dct":
        return {"basis": anchor if anchor in ("narrative", "absolute") else "absolute"}
    unit = _UNITS.get(granularity, "day")
    try:
        when, article = date.fromisoformat(start), date.fromisoformat(dct)
    except ValueError:
        return {"basis": "dct"}
    return {"basis": "dct", "unit": unit, "offset": _units_between(article, when, unit)}


def _units_between(article: date, when: date, unit: str) -> int:
    if unit == "year":
        return when.year - article.year
    if unit == "month":
        return (when.year - article.year) * 12 + when.month - article.month
    if unit == "week":  # weeks start on Monday (ISO), as the WEEK values do
        return ((when.toordinal() - when.weekday()) - (article.toordinal() - article.weekday())) // 7
    return (when - article).days
