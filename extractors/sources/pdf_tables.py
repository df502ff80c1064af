"""Tables on a PDF page as columns: every cell keeps its column, empty cells and headers too.

A PDF has no cells, only text runs at positions. Once the runs of a page are
in lines, a table is a stretch of consecutive lines of two or more runs. Its
columns are the x ranges its runs cover (a right-aligned number column and
its header overlap, so they are one range). Each row is then written with one
cell per column, an empty cell where the page shows nothing (a blank cell in
"April  22  [ ]  13  –  –  35"), so the n-th cell of every row stands under
the n-th header. Header lines set above the table's header row join it:
"Home-made" over "weapons", or "Cocaine" over "2022  2023", a run spanning the
columns under it, written in the first of them as a spreadsheet's merged cell.
"""
from __future__ import annotations

import re

from extractors.sources.pdf_layout import Fragment

NUMERIC = re.compile(r"^[-–—~<>≈(]?\s*\d[\d,.\s]*%?\)?$|^[-–—]$")
MIN_ROWS = 2
HEADER_LINES_ABOVE = 2
ROW_GAP = 3.0  # line heights between two rows of one table, at most


def _merged(spans: list[tuple[float, float]]) -> list[list[float]]:
    columns: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if columns and x0 < columns[-1][1] - 0.5:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return columns


def _columns(rows: list[list[Fragment]]) -> list[tuple[float, float]]:
    """The x ranges the runs of the figure rows cover, overlapping ranges merged, left to right; then the
    header runs that stand over one column widen it, and those over none add one. A header run over
    several columns ("Cocaine" over "2022  2023") widens none: it spans them."""
    figures = [row for row in rows if any(NUMERIC.match(f.text) for f in row)]
    columns = _merged([(f.x0, f.x1) for row in figures for f in row if f.text])
    for row in rows:
        if row in figures:
            continue
        for fragment in row:
            touched = [c for c in columns if fragment.x0 < c[1] and fragment.x1 > c[0]]
            if len(touched) == 1:
                touched[0][0], touched[0][1] = min(touched[0][0], fragment.x0), max(touched[0][1], fragment.x1)
            elif not touched and not columns[0][1] < fragment.x0 < fragment.x1 < columns[-1][0]:
                columns = _merged([*map(tuple, columns), (fragment.x0, fragment.x1)])  # beyond the figures: a column
    return [(x0, x1) for x0, x1 in columns]


def _column_of(fragment: Fragment, columns: list[tuple[float, float]]) -> int:
    middle = (fragment.x0 + fragment.x1) / 2
    return min(range(len(columns)), key=lambda i: 0.0 if columns[i][0] <= middle <= columns[i][1]
               else min(abs(middle - columns[i][0]), abs(middle - columns[i][1])))


def _spanned(fragment: Fragment, columns: list[tuple[float, float]]) -> list[int]:
    """The columns a run stands over."""
    return [i for i, (x0, x1) in enumerate(columns) if fragment.x0 < x1 and fragment.x1 > x0]


def _placed(row: list[Fragment], columns: list[tuple[float, float]]) -> list[Fragment]:
    """One run per column, an empty one where the row has nothing; two runs in one column stay two cells.
    A header run over several columns, or between two, goes in the first of them, as a spreadsheet's merged
    cell does."""
    by_column: dict[int, list[Fragment]] = {}
    for fragment in row:
        spanned = _spanned(fragment, columns)
        if len(spanned) > 1:
            column = spanned[0]
        elif not spanned and columns[0][1] < fragment.x0:  # in the gap between two columns: a label over both
            column = max(i for i, (_, x1) in enumerate(columns) if x1 <= fragment.x0)
        else:
            column = _column_of(fragment, columns)
        by_column.setdefault(column, []).append(fragment)
    top, bottom = min(f.top for f in row), max(f.bottom for f in row)
    out: list[Fragment] = []
    for index, (x0, _) in enumerate(columns):
        out.extend(by_column.get(index) or [Fragment(x0, top, x0, bottom, "", [])])
    return out


def _close(above: list[Fragment], below: list[Fragment]) -> bool:
    """Rows of one table follow each other within a few line heights (a footer far below does not)."""
    height = max(f.height for f in above)
    return min(f.top for f in below) - max(f.bottom for f in above) < ROW_GAP * height


def _is_table(rows: list[list[Fragment]]) -> bool:
    numeric_rows = sum(any(NUMERIC.match(f.text) for f in row) for row in rows)
    return len(rows) >= MIN_ROWS and numeric_rows >= 2 and any(len(row) >= 3 for row in rows)


def align_tables(lines: list[list[Fragment]]) -> list[list[Fragment]]:
    """The page's lines with each table's rows written cell by cell under its columns."""
    out = list(lines)
    index = 0
    while index < len(out):
        if len(out[index]) < 2:
            index += 1
            continue
        end = index + 1
        while end < len(out) and len(out[end]) >= 2 and _close(out[end - 1], out[end]):
            end += 1
        rows = out[index:end]
        if not _is_table(rows):
            index = end
            continue
        columns = _columns(rows)
        first = index
        while first > 0 and index - first < HEADER_LINES_ABOVE and len(out[first - 1]) == 1:
            spanned = _spanned(out[first - 1][0], columns)
            if not spanned or spanned[0] == 0 or len(spanned) == len(columns):
                break  # over the label column or the whole table: a caption or a paragraph, not a header
            first -= 1
        for position in range(first, end):
            out[position] = _placed(out[position], columns)
        index = end
    return out
