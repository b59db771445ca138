"""Overlap queries over sorted, disjoint spans in logarithmic time.

Parsing a document asks, for every paragraph and line, which debris lines or
speaker turns it touches.  Asking every span each time costs paragraphs x
spans, which is nothing for a briefing and hours for a 10 MB file; spans in
document order answer the same question with two binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

__all__ = ["SpanIndex", "merge_spans"]


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint union of ``(start, end)`` spans; empty ones dropped.

    >>> merge_spans([(5, 8), (0, 2), (7, 9), (3, 3)])
    [(0, 2), (5, 9)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class SpanIndex:
    """Spans in document order whose starts and ends both never decrease.

    >>> index = SpanIndex([(0, 2), (5, 9), (12, 20)])
    >>> index.overlapping(1, 6), index.covers(9), index.covers(12)
    (range(0, 2), False, True)
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        if any(a > b for a, b in zip(self._starts, self._starts[1:], strict=False)) or any(
            a > b for a, b in zip(self._ends, self._ends[1:], strict=False)
        ):
            raise ValueError("spans must be in document order (merge them first)")

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the spans that overlap ``[start, end)``."""
        return range(bisect_right(self._ends, start), bisect_left(self._starts, end))

    def covers(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (``start <= pos < end``)."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]
