"""Reading order for PDF pages, from positioned text runs (no PDF library here).

A page arrives as text runs ("fragments": a line's worth of text in one
column or one table cell, with its box). The layout rules put them in the
order a person reads them: full-width lines (titles, table rows) split the
page into bands; inside a band, columns are read left to right, each top to
bottom; cells of one row are joined by tabs. Running headers, footers and
page numbers are dropped; a word hyphenated at a line end is rejoined.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

MARGIN_SHARE = 0.08          # top and bottom bands where running headers and footers live
COLUMN_LINE_SHARE = 0.18     # a column line is at least this share of the page width...
FULL_WIDTH_SHARE = 0.62      # ...and a full-width line at least this share
MIN_COLUMN_LINES = 4         # lines on each side of a gap before it counts as a gutter
LINE_END_HYPHENS = "-\ufffe\u00ad\u2010"  # pdfium marks a hyphen it found at a line end as U+FFFE
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[ivxlc]{1,6}$|^[-–]\s*\d{1,4}\s*[-–]$", re.I)


@dataclass
class Fragment:
    """A run of text on one line: its box in points from the top-left, and where its characters are."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    parts: list[tuple[str, int]] = field(default_factory=list)  # (text, first char index) of each run in it
    space_after: bool = False  # the PDF has a space right after this run

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Piece:
    """A stretch of the page's output text that comes from one run of PDF characters."""

    start: int
    end: int
    char_index: int


THIN_SHARE = 0.3


def same_line(a: Fragment, b: Fragment) -> bool:
    """Their boxes overlap by half the smaller height; or one is a thin glyph (a dash in an empty table
    cell, whose ink box is a sliver at mid-height) whose middle lies within the other's line."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap > 0.5 * min(a.height, b.height):
        return True
    thin, other = (a, b) if a.bottom - a.top < b.bottom - b.top else (b, a)
    return thin.bottom - thin.top < THIN_SHARE * other.height and other.top <= (thin.top + thin.bottom) / 2 <= other.bottom


def group_lines(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Fragments that share a line, each line's fragments left to right, lines top to bottom."""
    rows: list[list[Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (f.top, f.x0)):
        row = next((r for r in reversed(rows[-6:]) if same_line(r[0], fragment)), None)
        if row is None:
            rows.append([fragment])
        else:
            row.append(fragment)
    return [sorted(row, key=lambda f: f.x0) for row in rows]


def merge_runs(runs: list[Fragment]) -> list[Fragment]:
    """Join runs that continue each other on a line (pdfium splits at font changes and spaces)."""
    merged: list[Fragment] = []
    for row in group_lines(runs):
        last: Fragment | None = None
        for run in row:
            if last is not None and 0 <= run.x0 - last.x1 + 0.5 < 0.8 * last.height:
                gap = " " if (last.space_after or run.x0 - last.x1 > 0.22 * last.height) else ""
                last.parts.extend((f"{gap}{t}" if i == 0 else t, c) for i, (t, c) in enumerate(run.parts))
                last.text += gap + run.text
                last.x1, last.top, last.bottom = run.x1, min(last.top, run.top), max(last.bottom, run.bottom)
                last.space_after = run.space_after
            else:
                merged.append(run)
                last = run
    return merged


def find_gutters(fragments: list[Fragment], width: float) -> list[float]:
    """x positions of empty vertical channels between columns of text lines."""
    lines = [f for f in fragments if COLUMN_LINE_SHARE * width <= f.x1 - f.x0 < FULL_WIDTH_SHARE * width]
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return []
    left, right = min(f.x0 for f in lines), max(f.x1 for f in lines)
    covered = sorted((f.x0, f.x1) for f in lines)
    gaps, reach = [], covered[0][1]
    for x0, x1 in covered[1:]:
        if x0 > reach + 6:
            gaps.append((reach + x0) / 2)
        reach = max(reach, x1)
    return [g for g in gaps if left < g < right
            and sum(f.x1 <= g for f in lines) >= MIN_COLUMN_LINES and sum(f.x0 >= g for f in lines) >= MIN_COLUMN_LINES]


def reading_order(fragments: list[Fragment], width: float) -> list[list[Fragment]]:
    """Fragments grouped into output lines (one list per line, cells left to right), in reading order."""
    gutters = find_gutters(fragments, width)
    rows = group_lines(fragments)
    if not gutters:
        return rows
    edges = [0.0, *gutters, float("inf")]
    ordered: list[list[Fragment]] = []
    pending: list[list[list[Fragment]]] = [[] for _ in range(len(edges) - 1)]

    def flush() -> None:
        for column in pending:
            ordered.extend(column)
            column.clear()

    for row in rows:
        crosses = any(f.x0 < g < f.x1 for f in row for g in gutters)
        columns_used = {sum(g < (f.x0 + f.x1) / 2 for g in gutters) for f in row}
        table_row = (len(row) > len(gutters) + 1 and len(columns_used) > 1
                     and all(f.x1 - f.x0 < COLUMN_LINE_SHARE * width for f in row))
        if crosses or table_row:  # a title, a full-width line or a table row across columns: a band of its own
            flush()
            ordered.append(sorted(row, key=lambda f: f.x0))
            continue
        for index in range(len(edges) - 1):
            cells = sorted((f for f in row if edges[index] <= (f.x0 + f.x1) / 2 < edges[index + 1]), key=lambda f: f.x0)
            if cells:
                pending[index].append(cells)
    flush()
    return ordered


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def running_lines(pages: list[tuple[list[list[Fragment]], float]]) -> set[str]:
    """Shapes of lines that repeat in the top or bottom margin of many pages (running headers, footers)."""
    counts: Counter[str] = Counter()
    for lines, height in pages:
        seen = set()
        for line in lines:
            if line[0].top < MARGIN_SHARE * height or line[0].bottom > (1 - MARGIN_SHARE) * height:
                seen.add(_shape(" ".join(f.text for f in line)))
        counts.update(seen)
    threshold = max(2, len(pages) // 2)
    return {shape for shape, count in counts.items() if count >= threshold}


def is_margin_noise(line: list[Fragment], height: float, running: set[str]) -> bool:
    in_margin = line[0].top < MARGIN_SHARE * height or line[0].bottom > (1 - MARGIN_SHARE) * height
    text = " ".join(f.text for f in line).strip()
    return in_margin and (_shape(text) in running or bool(PAGE_NUMBER.match(text)))


def assemble(lines: list[list[Fragment]]) -> tuple[str, list[Piece]]:
    """Page text from ordered lines: tabs between cells, blank lines between paragraphs (a gap
    well above the page's usual line gap, or an indent) but never between a table's rows, line-end
    hyphens rejoined ("metham-" + "phetamine")."""
    out: list[str] = []
    pieces: list[Piece] = []
    length = 0
    previous: Fragment | None = None
    previous_cells = 0
    gaps = sorted(b[0].top - a[-1].bottom for a, b in zip(lines, lines[1:]) if b[0].top > a[-1].bottom)
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    for line in lines:
        if previous is not None:
            gap = line[0].top - previous.bottom
            ends_hyphen = bool(out) and out[-1][-1:] in LINE_END_HYPHENS and len(out[-1]) > 1 and out[-1][-2].isalpha()
            if ends_hyphen and line[0].text[:1].islower():
                out[-1] = out[-1][:-1]
                length -= 1
                last = pieces[-1]
                pieces[-1] = Piece(last.start, min(last.end, length), last.char_index)
            else:
                paragraph = gap > max(0.6 * previous.height, 1.5 * usual_gap) or line[0].x0 > previous.x0 + 3 * previous.height
                if previous_cells > 1 and len(line) > 1 and gap < 3 * max(previous.height, usual_gap):
                    paragraph = False  # rows of one table, however generously spaced
                separator = "\n\n" if paragraph else "\n"
                out.append(separator)
                length += len(separator)
        for index, fragment in enumerate(line):
            if index:
                out.append("\t")
                length += 1
            for text, char_index in fragment.parts:
                lead = len(text) - len(text.lstrip(" "))
                out.append(text)
                if text.strip():
                    pieces.append(Piece(length + lead, length + len(text), char_index))
                length += len(text)
        previous, previous_cells = line[-1], len(line)
    return "".join(out).replace("\ufffe", "-"), pieces
