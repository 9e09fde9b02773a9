"""Overlap queries on sets of spans in O(log n), for the actor extractors.

Checking each new span against every span found so far made extraction quadratic in the
number of mentions of a document. Both classes answer ``any(span.overlaps(t) for t in spans)``
exactly as `Span.overlaps` does (half-open ranges; an empty span overlaps only what strictly
contains it).
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable
from itertools import accumulate

from kg.model import Span


class SpanIndex:
    """A fixed set of spans (they may overlap each other)."""

    __slots__ = ("_starts", "_max_ends")

    def __init__(self, spans: Iterable[Span]) -> None:
        spans = list(spans)
        starts = [s.start for s in spans]
        ends = [s.end for s in spans]
        if any(map(operator.gt, starts, starts[1:])):  # callers mostly pass spans in order already
            ordered = sorted(zip(starts, ends))
            starts, ends = [start for start, _ in ordered], [end for _, end in ordered]
        self._starts = starts
        # the largest end among the spans that start at or before each one (the order of spans
        # that start together does not matter: a query takes all of them or none)
        self._max_ends = list(accumulate(ends, max))

    def overlaps(self, span: Span) -> bool:
        # only spans that start before span.end can overlap it; one does iff it ends after span.start
        before = bisect.bisect_left(self._starts, span.end)
        return before > 0 and self._max_ends[before - 1] > span.start


class DisjointSpans:
    """A growing set of spans that never overlap each other (kept in order)."""

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []  # sorted; ends then ascend as well

    def add_if_free(self, span: Span) -> bool:
        """Add `span` unless it overlaps a span already in; whether it was added."""
        before = bisect.bisect_left(self._spans, (span.end, -1))  # the spans starting before span.end
        if before > 0 and self._spans[before - 1][1] > span.start:
            return False
        bisect.insort(self._spans, (span.start, span.end))
        return True
