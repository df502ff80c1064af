"""The position indexes answer exactly what a scan of every span would."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from extractors.intervals import SpanIndex, covers, preferred_disjoint


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: int


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 30)), max_size=60).map(
    lambda pairs: [Span(start, start + length, n) for n, (start, length) in enumerate(pairs)])
solid_spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=60).map(
    lambda pairs: [Span(start, start + length, n) for n, (start, length) in enumerate(pairs)])  # gazetteer hits, names
ranges = st.tuples(st.integers(0, 240), st.integers(0, 60)).map(lambda pair: (pair[0], pair[0] + pair[1]))


@given(spans, ranges)
def test_span_index_queries_match_a_scan(items, query):
    index = SpanIndex(items)
    start, end = query
    by_start = sorted(items, key=lambda s: s.start)
    assert index.within(start, end) == [s for s in by_start if start <= s.start and s.end <= end]
    assert sorted(index.overlapping(start, end), key=lambda s: s.label) == sorted(
        [s for s in items if (s.start < end and s.end > start) or s.start == start], key=lambda s: s.label)
    assert sorted(index.containing(start), key=lambda s: s.label) == sorted(
        [s for s in items if s.start <= start < s.end], key=lambda s: s.label)
    if start < end:
        assert covers([(s.start, s.end) for s in items])(start, end) == any(
            s.start <= start and end <= s.end for s in items)


@given(solid_spans)
def test_preferred_disjoint_matches_a_scan(items):
    ordered = sorted(items, key=lambda s: (-(s.end - s.start), s.start))
    expected: list[Span] = []
    for item in ordered:
        if all(item.end <= kept.start or item.start >= kept.end for kept in expected):
            expected.append(item)
    assert preferred_disjoint(ordered) == expected
