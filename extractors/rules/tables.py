"""Statistical tables in plain text: tab-separated (or Markdown pipe) rows under a header and a caption.

A number alone in a cell takes its unit from its column header ("Coca area
(ha)") or, failing that, from the caption ("Cocaine seized in ports
(tonnes)"). The flow's readers write table rows with tab-separated cells, so
the same rule serves text, HTML and PDF sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.normalise.units import lookup

if TYPE_CHECKING:
    from extractors.rules.layout import Layout

PARENTHESISED = re.compile(r"\(([^()]{1,24})\)")
NUMBER_CELL = re.compile(r"[~<>≈≥≤]?\s*([-−+]?\d[\d,. \u00a0\u2009\u202f]*)")


@dataclass(frozen=True)
class Table:
    """Line offsets of one table: caption line (may be -1), header line, body lines."""

    caption: tuple[int, int] | None
    header: tuple[int, int]
    rows: tuple[tuple[int, int], ...]


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


def find_tables(text: str) -> list[Table]:
    """Blocks of two or more consecutive table lines; Markdown rule lines ("| --- |") are skipped."""
    if "\t" not in text and "|" not in text and "  " not in text:
        return []
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
                caption = lines[back]
                break
        tables.append(Table(caption, block[0], tuple(block[1:])))
    return tables


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


def table_cells(text: str) -> dict[tuple[int, int], tuple[str, float]]:
    """(start, end) of each number alone in a table cell -> (unit code, factor to that unit)."""
    found: dict[tuple[int, int], tuple[str, float]] = {}
    for table in find_tables(text):
        caption_unit = unit_in(text[table.caption[0]:table.caption[1]]) if table.caption else None
        header_cells = [text[s:e] for s, e in cell_spans(text, table.header)]
        column_units = [unit_in(cell) for cell in header_cells]
        for row in table.rows:
            for column, (c_start, c_end) in enumerate(cell_spans(text, row)):
                cell = text[c_start:c_end]
                match = NUMBER_CELL.fullmatch(cell.strip())
                if not match:
                    continue
                unit = column_units[column] if column < len(column_units) else None
                unit = unit or caption_unit
                if unit is None:
                    continue
                offset = c_start + (len(cell) - len(cell.lstrip()))
                number_start = offset + cell.strip().index(match.group(1))
                found[(number_start, number_start + len(match.group(1).rstrip()))] = unit
    return found


@dataclass(frozen=True)
class CellContext:
    """Where a number sits in a table: its row's first cell, its column's header, the caption."""

    row_header: tuple[int, int] | None
    column_header: tuple[int, int] | None
    caption: tuple[int, int] | None
    header_row: tuple[int, int] | None = None


def cell_context(text: str, layout: "Layout", start: int) -> CellContext | None:
    found = layout.row_at(start)
    if found is None:
        return None
    table, row = found
    cells = cell_spans(text, row)
    headers = cell_spans(text, table.header)
    column = next((i for i, (s, e) in enumerate(cells) if s <= start < e), None)
    if column is None:
        return None
    row_header = cells[0] if column > 0 else None
    column_header = headers[column] if column < len(headers) else None
    return CellContext(row_header, column_header, table.caption, table.header)
