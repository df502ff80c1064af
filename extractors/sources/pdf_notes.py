"""Footnotes on a PDF page: where the footnote area begins, and each footnote as a paragraph of its own.

Reports set footnotes below the body text, under a separator (a rule of underscores in UN
documents) or, where the rule is a drawing, in smaller type. Each footnote opens with its number
("27 1,400 7.62 x 39 mm ..."); the number links it to the marker in the body text that cites it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.sources.pdf_layout import Fragment

SEPARATOR = re.compile(r"^[_\u2014\u2015\u2500-]{5,}$")
NOTE_NUMBER = re.compile(r"^(\d{1,3})(?=\s|$|[A-Z(“\"'])")
SMALL_TYPE = 0.88  # of the body's usual line height: footnote type is set this much smaller or more


@dataclass(frozen=True)
class Note:
    """One footnote in the stored text: its number and the span of its paragraph, number included."""

    number: str
    start: int
    end: int


def _line_height(line: list[Fragment]) -> float:
    """The size its type is set in (a raised footnote number does not make a line taller), else its ink's height."""
    return max(f.size or f.bottom - f.top for f in line)


def footnote_area(lines: list[list[Fragment]]) -> int | None:
    """Index of the page's first footnote line: the line after a separator rule, else the first of the
    page's last lines that are all in smaller type and open with a footnote number."""
    for index, line in enumerate(lines):
        if len(line) == 1 and SEPARATOR.match(line[0].text.strip()) and index + 1 < len(lines):
            return index + 1
    heights = sorted(_line_height(line) for line in lines)
    if len(heights) < 6:
        return None
    usual = heights[len(heights) // 2]
    first = len(lines)
    while first > 0 and _line_height(lines[first - 1]) < SMALL_TYPE * usual:
        first -= 1
    while first < len(lines) and not NOTE_NUMBER.match(lines[first][0].text):
        first += 1  # the area opens with a numbered footnote
    return first if first < len(lines) and first > len(lines) // 2 else None


def opens_note(line: list[Fragment]) -> bool:
    """A footnote line that begins a footnote (its number first), not one that goes on from the last."""
    return bool(NOTE_NUMBER.match(line[0].text))


NOTE_PARAGRAPH = re.compile(r"(?:^|(?<=\n\n))(\d{1,3})\b[^\n]*(?:\n(?!\n)[^\n]*)*")


def notes_in(text: str, start: int, offset: int) -> list[Note]:
    """The footnotes of a page's text from ``start`` (where its footnote area begins) on, with offsets
    moved by ``offset`` (where the page's text begins in the stored text)."""
    return [Note(m.group(1), offset + m.start(), offset + m.end()) for m in NOTE_PARAGRAPH.finditer(text, start)]
