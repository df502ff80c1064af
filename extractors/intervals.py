"""Position indexes over spans, so that "which mentions lie in this sentence" costs the answer, not the document.

Rules ask the same questions for every sentence and every quantity: what lies
inside a range, what overlaps it, what was named just before an offset. A
scan of every mention per question makes a document's cost grow with the
square of its length; these indexes answer by bisection over start offsets.
Spans may nest or overlap; ``longest`` (the longest span held) bounds how far
back an overlapping span can start.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Generic, Iterable, Sequence, TypeVar

T = TypeVar("T")


def _start_end(item) -> tuple[int, int]:
    return item.start, item.end


class SpanIndex(Generic[T]):
    """Items with a start and an end, sorted by start; queries by bisection."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]] = _start_end) -> None:
        pairs = sorted(((bounds(item), n, item) for n, item in enumerate(items)), key=lambda p: (p[0][0], p[1]))
        self.items: list[T] = [item for _, _, item in pairs]
        self.starts: list[int] = [b[0] for b, _, _ in pairs]
        self.ends: list[int] = [b[1] for b, _, _ in pairs]
        self.longest = max((e - s for s, e in zip(self.starts, self.ends)), default=0)

    def within(self, start: int, end: int) -> list[T]:
        """Items lying wholly inside [start, end), in order of start."""
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [self.items[i] for i in range(low, high) if self.ends[i] <= end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing at least one character with [start, end) (or starting at an empty range's point)."""
        low, high = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, max(end, start + 1))
        return [self.items[i] for i in range(low, high) if self.ends[i] > start or self.starts[i] == start]

    def containing(self, offset: int) -> list[T]:
        """Items with start <= offset < end."""
        low, high = bisect_left(self.starts, offset - self.longest), bisect_right(self.starts, offset)
        return [self.items[i] for i in range(low, high) if offset < self.ends[i]]


class Disjoint:
    """A growing set of non-overlapping ranges: does a new range collide with one already taken?"""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def collides(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, start)
        if index and self._ends[index - 1] > start:
            return True
        return index < len(self._starts) and self._starts[index] < end

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def preferred_disjoint(ordered: Iterable[T], bounds: Callable[[T], tuple[int, int]] = _start_end) -> list[T]:
    """The items in their order of preference, each kept unless it overlaps one kept before."""
    occupied, kept = Disjoint(), []
    for item in ordered:
        start, end = bounds(item)
        if not occupied.collides(start, end):
            occupied.add(start, end)
            kept.append(item)
    return kept


def covers(ranges: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test "does one of ``ranges`` hold the non-empty [start, end) wholly", answered by bisection."""
    index = SpanIndex(ranges, bounds=lambda r: r)
    return lambda start, end: any(e >= end for s, e in index.containing(start) if s <= start)

