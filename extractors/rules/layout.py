"""Paragraphs, headings and tables of a plain text: the layout the story model reads blocks from.

A heading is a short line without final punctuation (numbered, standalone, or followed by a
capitalised paragraph); paragraphs start after blank lines and at list items.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

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

    def heading_before(self, offset: int) -> tuple[int, int] | None:
        found = None
        for heading in self.headings:
            if heading[0] >= offset:
                break
            found = heading
        return found


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
    return Layout(tuple(sorted(set(starts))), tuple(headings), tuple(find_tables(text)))
