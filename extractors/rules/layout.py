"""Paragraphs, headings and tables of a plain text: the layout the story model reads blocks from.

A heading is a short line without final punctuation (numbered, standalone, or followed by a
capitalised paragraph); paragraphs start after blank lines and at list items.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from extractors.rules.tables import Table, find_tables

LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d{1,2}[.)]|\([a-z0-9]\))\s+")


@dataclass(frozen=True)
class Layout:
    """Paragraph and heading structure of a text, with its tables."""

    paragraph_starts: tuple[int, ...]
    headings: tuple[tuple[int, int], ...]
    tables: tuple[Table, ...]

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    @cached_property
    def _rows(self) -> tuple[list[int], list[tuple[Table, int]]]:
        rows = sorted(((table.rows[i], table, i) for table in self.tables for i in range(len(table.rows))), key=lambda r: r[0])
        return [row[0] for row, _, _ in rows], [(table, i) for _, table, i in rows]

    def row_at(self, offset: int) -> tuple[Table, int] | None:
        """The table holding ``offset`` in a body row, and that row's index."""
        starts, rows = self._rows
        index = bisect_right(starts, offset) - 1
        return rows[index] if index >= 0 and offset < rows[index][0].rows[rows[index][1]][1] else None

    def heading_before(self, offset: int) -> tuple[int, int] | None:
        """The last heading starting before ``offset``."""
        index = bisect_left(self.headings, (offset,)) - 1
        return self.headings[index] if index >= 0 else None

    def heading_after(self, offset: int) -> tuple[int, int] | None:
        """The first heading starting after ``offset``."""
        index = bisect_right(self.headings, (offset, float("inf")))
        return self.headings[index] if index < len(self.headings) else None


SECTION_NUMBER = re.compile(r"^(?:[A-Z]?\d+(?:\.\d+)*\.?|[A-Z]\.\d+(?:\.\d+)*|[IVX]+\.)\s+")


FUNCTION_WORD_END = re.compile(r"\b(?:a|an|the|of|for|and|or|to|in|on|by|with|at|from|as|that|which|is|are|was|were)$", re.I)


def _is_heading(line: str, following: str) -> bool:
    """A short title line: standalone, numbered, or followed by a capitalised paragraph, and not the
    first line of a wrapped paragraph (those end in a function word, a number or a comma clause)."""
    raw = line.strip()
    stripped = SECTION_NUMBER.sub("", raw)
    if not stripped or len(raw) > 90 or "\t" in line or re.match(r"\s*[-–•*·▪]", line):
        return False
    if stripped.endswith((".", ",", ";", ":", "!", "?", "-")) or not stripped[0].isupper():
        return False
    if not following.strip() or SECTION_NUMBER.match(raw) or raw.isupper():
        return True
    return (len(raw) <= 60 and following.lstrip()[:1].isupper() and not FUNCTION_WORD_END.search(stripped)
            and not stripped[-1].isdigit() and ", " not in stripped)


def layout_of(text: str) -> Layout:
    """Paragraphs start after blank lines and at list items; headings are short lines without final punctuation."""
    starts = [0]
    headings = []
    offset = 0
    previous_blank = True
    lines = text.split("\n")
    for index, line in enumerate(lines):
        blank = not line.strip()
        if not blank and (previous_blank or LIST_ITEM.match(line)) and offset not in starts:
            starts.append(offset)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not blank and previous_blank and _is_heading(line, following):
            headings.append((offset, offset + len(line)))
        previous_blank = blank
        offset += len(line) + 1
    return Layout(tuple(sorted(set(starts))), tuple(headings), find_tables(text))
