"""Statistical tables in plain text: tab-separated (or Markdown pipe) rows under a header and a caption.

A number alone in a cell takes its unit from its column header ("Coca area
(ha)") or, failing that, from the caption ("Cocaine seized in ports
(tonnes)"). The flow's readers write table rows with tab-separated cells, so
the same rule serves text, HTML and PDF sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from extractors.normalise.units import lookup

if TYPE_CHECKING:
    from extractors.rules.layout import Layout

PARENTHESISED = re.compile(r"\(([^()]{1,24})\)")
NUMBER_CELL = re.compile(r"[~<>≈≥≤]?\s*([-−+]?\d[\d,. \u00a0\u2009\u202f]*)")


Span = tuple[int, int]


@dataclass(frozen=True)
class Table:
    """Line offsets of one table: caption line (may be None), header lines (top to bottom), body lines."""

    caption: tuple[int, int] | None
    heads: tuple[tuple[int, int], ...]
    rows: tuple[tuple[int, int], ...]
    columns: tuple[tuple[Span, ...], ...] = ()  # per column: its header cells, top to bottom
    labels: tuple[tuple[Span, ...], ...] = ()  # per row: its label cells, innermost first, outer ones carried down

    @property
    def header(self) -> tuple[int, int]:
        """The header line right above the body: the one whose cells line up with the rows'."""
        return self.heads[-1]


def line_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every line of ``text``, without its newline."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


SPACED_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def is_table_line(line: str) -> bool:
    """A tab-separated row, a Markdown pipe row ("| 2022 | 230,000 |"), or a row of three or more
    cells aligned with runs of spaces ("Antwerp     89.45     109.9"), as plain-text exports write them."""
    stripped = line.strip()
    return ("\t" in line or (stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3)
            or len(SPACED_GAP.findall(stripped)) >= 2)


MAX_HEADER_LINES = 3
YEAR_CELL = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?")


def _is_header_line(text: str, span: tuple[int, int]) -> bool:
    """A line of labels: none of its cells is a figure (a year is a label: "Port  2022  2023")."""
    return not any(_is_figure(text[s:e]) for s, e in cell_spans(text, span))


@lru_cache(maxsize=2)
def find_tables(text: str) -> tuple[Table, ...]:
    """Blocks of two or more consecutive table lines; Markdown rule lines ("| --- |") are skipped. Cached:
    the quantity rules and the layout read the same text's tables."""
    if "\t" not in text and "|" not in text and "  " not in text:
        return ()
    lines = line_spans(text)
    tables, index = [], 0
    while index < len(lines):
        start, end = lines[index]
        if not is_table_line(text[start:end]):
            index += 1
            continue
        block = [lines[index]]
        index += 1
        while index < len(lines) and is_table_line(text[lines[index][0]:lines[index][1]]):
            if not MARKDOWN_RULE.match(text[lines[index][0]:lines[index][1]]):
                block.append(lines[index])
            index += 1
        if len(block) < 2 or not any(re.search(r"\d", text[s:e]) for s, e in block):
            continue
        first = lines.index(block[0])
        caption = None
        for back in range(first - 1, max(-1, first - 3), -1):
            c_start, c_end = lines[back]
            if text[c_start:c_end].strip():
                caption = None if is_table_line(text[c_start:c_end]) else lines[back]
                break
        heads = 1  # the first line heads the table; a header set on two lines ("Home-made" over "weapons") goes on
        while (heads < min(MAX_HEADER_LINES, len(block) - 1) and _is_header_line(text, block[heads - 1])
               and _is_header_line(text, block[heads])):
            heads += 1
        heads_text = [text[slice(*line)] for line in block[:heads]]
        if caption is None and tables and [text[slice(*line)] for line in tables[-1].heads] == heads_text:
            caption = tables[-1].caption  # the same table going on over a page, under its repeated header
        tables.append(_with_structure(text, Table(caption, tuple(block[:heads]), tuple(block[heads:]))))
    return tuple(tables)


PERCENT_LABEL = re.compile(r"(?:^|[\s,(])(?:%|per\s*cent|percent)\s*\)?\s*$|%\s*change|change\s*\(?%", re.IGNORECASE)


def unit_in(label: str) -> tuple[str, float] | None:
    """The unit a header or caption names: "(ha)", "(t)", "pounds (lb)", "Fentanyl (lb)", "Change, %"."""
    if PERCENT_LABEL.search(label):
        return "percent", 1.0
    for inner in reversed(PARENTHESISED.findall(label)):
        unit = lookup(inner.strip(), "suffix")
        if unit is not None and unit.kind not in ("duration", "multiplier"):
            return unit.unit, unit.factor
    return None


def cell_spans(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Character ranges of a row's cells; a Markdown row's outer pipes open no cell."""
    line = text[span[0]:span[1]]
    if "\t" in line or "|" in line:
        separator = re.compile(r"\t") if "\t" in line else re.compile(r"\|")
    else:
        separator = SPACED_GAP
    out, position = [], span[0]
    pieces, cursor = [], 0
    for gap in separator.finditer(line):
        pieces.append((cursor, gap.start()))
        cursor = gap.end()
    pieces.append((cursor, len(line)))
    for index, (start, end) in enumerate(pieces):
        outer = separator.pattern == r"\|" and index in (0, len(pieces) - 1) and not line[start:end].strip()
        if not outer:
            out.append((position + start, position + end))
    return out


TOTAL_LABEL = re.compile(r"(?:grand\s+|sub-?)?totals?\b|all\b|overall\b", re.IGNORECASE)
DATED_LABEL = re.compile(r".*\b(?:19|20)\d\d\b")


def _is_figure(cell: str) -> bool:
    stripped = cell.strip()
    return bool(NUMBER_CELL.fullmatch(stripped)) and not YEAR_CELL.fullmatch(stripped) or stripped in ("–", "-", "—", "..")


def _spread(text: str, cells: list[Span], first_figure: int, lowest: list[Span]) -> list[Span]:
    """An upper header line with its group labels spread over the figure columns they head, as merged cells
    are: "Cocaine" written over the first of "2022  2023" heads both, up to the next label or a total
    column. A line whose one label stands further in ("Home-made" over "weapons") heads its own column only."""
    named = [i for i in range(first_figure, len(cells)) if text[slice(*cells[i])].strip()]
    if not named or (named[0] != first_figure and len(named) < 2):
        return cells
    out = list(cells)
    for i in range(named[0] + 1, len(cells)):
        if i < len(lowest) and TOTAL_LABEL.match(text[slice(*lowest[i])].strip()):
            break
        if not text[slice(*cells[i])].strip():
            out[i] = out[i - 1]
    return out


def _with_structure(text: str, table: Table) -> Table:
    """The table with each column's header cells and each row's labels.

    A row's labels are its cells before its first figure. An outer label (a year over its month rows) is
    written once and holds for the rows under it: a row with an empty outer cell and a label further in
    takes the outer label from above. A total row closes the block above it: it takes the block's dated
    outer label ("Total" under the 2021 months is 2021's)."""
    row_cells = [cell_spans(text, row) for row in table.rows]
    firsts = [next((i for i, c in enumerate(cells) if _is_figure(text[slice(*c)])), len(cells)) for cells in row_cells]
    lowest = cell_spans(text, table.heads[-1])
    head_cells = [_spread(text, cell_spans(text, line), min(firsts, default=0), lowest) for line in table.heads[:-1]]
    head_cells.append(lowest)
    width = max(len(cells) for cells in head_cells)
    columns = tuple(tuple(cells[i] for cells in head_cells if i < len(cells) and text[slice(*cells[i])].strip())
                    for i in range(width))
    labels: list[tuple[Span, ...]] = []
    above: dict[int, Span] = {}  # the last label seen in each label column
    for cells, first_figure in zip(row_cells, firsts):
        own = {i: cells[i] for i in range(first_figure) if text[slice(*cells[i])].strip()}
        innermost = max(own, default=-1)
        row_labels = [own[i] if i in own else above[i] for i in range(first_figure) if i in own or (i < innermost and i in above)]
        row_labels.reverse()  # innermost first
        if own and TOTAL_LABEL.match(text[slice(*own[min(own)])].strip()):
            row_labels += [span for _, span in sorted(above.items()) if DATED_LABEL.match(text[slice(*span)])][:1]
        else:
            for i, span in own.items():
                above[i] = span
                for inner in [k for k in above if k > i]:
                    del above[inner]
        labels.append(tuple(row_labels))
    return replace(table, columns=columns, labels=tuple(labels))


HEAD_PREFIX = re.compile(r"^\s*(?:(?:table|figure|fig\.|annex|chart)\s+(?:[A-Z]?\d[\w.]*|[IVXLC]+|[A-Z])\b\.?\s*[:.–-]?\s*)?"
                         r"(?:(?:list|number|numbers|count|total|amount)\s+of\b)?", re.IGNORECASE)
HEAD_NOISE = re.compile(r"\([^()]*\)|\b(?:19|20)\d\d\b")
HEAD_END = re.compile(r"[,;:(]|\s[–-]\s|\s(?:by|in|per|from|during|for|at)\s|\s(?:seized|recorded|reported|registered|detected|"
                      r"arrested|confiscated|dismantled|found|made)\b", re.IGNORECASE)


GENERIC_HEAD = re.compile(r"(?:figures?|data|values?|numbers?|statistics|indicators?|amounts?|quantit(?:y|ies)|year|month|"
                          r"period|country|region|source|notes?)", re.IGNORECASE)


def counted_in(label: str) -> str | None:
    """What a header or caption says its figures count: "Pistol" -> "pistol", "List of firearms seized,
    2021-2024" -> "firearms", "Arrests (number)" -> "arrests"; nothing from a total or a period."""
    head = HEAD_END.split(HEAD_NOISE.sub(" ", HEAD_PREFIX.sub("", label.replace("\n", " "))), maxsplit=1)[0]
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", head)]
    if not words or len(words) > 4 or TOTAL_LABEL.fullmatch(" ".join(words)) or GENERIC_HEAD.fullmatch(" ".join(words)):
        return None
    return " ".join(words).lower()


@dataclass(frozen=True)
class Cell:
    """A figure alone in a table cell: the unit and the counted noun its headers give it."""

    unit: tuple[str, float] | None
    counted: str | None


def table_cells(text: str) -> dict[Span, Cell]:
    """(start, end) of each number alone in a table cell -> its unit (code, factor) and counted noun,
    from its column's header cells, else the caption."""
    found: dict[Span, Cell] = {}
    for table in find_tables(text):
        caption = text[slice(*table.caption)] if table.caption else ""
        caption_unit, caption_counted = unit_in(caption), counted_in(caption)
        heads = [" ".join(text[slice(*span)].strip() for span in column) for column in table.columns]
        column_units = [unit_in(head) for head in heads]
        column_counted = [counted_in(head) for head in heads]
        for row in table.rows:
            cells = cell_spans(text, row)
            shift = _header_shift(table, cells)
            for column, (c_start, c_end) in enumerate(cells):
                cell = text[c_start:c_end]
                match = NUMBER_CELL.fullmatch(cell.strip())
                if not match:
                    continue
                index = column - shift
                unit = (column_units[index] if 0 <= index < len(column_units) else None) or caption_unit
                counted = (column_counted[index] if 0 <= index < len(column_counted) else None) or caption_counted
                offset = c_start + (len(cell) - len(cell.lstrip()))
                number_start = offset + cell.strip().index(match.group(1))
                found[(number_start, number_start + len(match.group(1).rstrip()))] = Cell(unit, counted)
    return found


def _header_shift(table: Table, cells: list[Span]) -> int:
    """How many cells a row has before its header's first: a header written without the row label
    column ("2022  2023" over "Antwerp  109.9  116") stands over the row's last cells."""
    return max(0, len(cells) - len(table.columns)) if table.columns else 0


@dataclass(frozen=True)
class CellContext:
    """Where a number sits in a table: its row's labels (innermost first), its column's header cells
    (nearest first), the caption, the header line."""

    row_labels: tuple[Span, ...]
    column_heads: tuple[Span, ...]
    caption: Span | None
    header_row: Span | None = None

    @property
    def headers(self) -> tuple[Span, ...]:
        """Every header span of the cell, nearest first: its column's, its row's labels, the caption."""
        return (*self.column_heads, *self.row_labels, *([self.caption] if self.caption else []))


def cell_context(text: str, layout: "Layout", start: int) -> CellContext | None:
    found = layout.row_at(start)
    if found is None:
        return None
    table, row_index = found
    cells = cell_spans(text, table.rows[row_index])
    column = next((i for i, (s, e) in enumerate(cells) if s <= start < e), None)
    if column is None:
        return None
    labels = table.labels[row_index] if table.labels else ()
    index = column - _header_shift(table, cells)
    heads = tuple(reversed(table.columns[index])) if 0 <= index < len(table.columns) else ()
    return CellContext(tuple(span for span in labels if span[0] < start), heads, table.caption, table.header)
