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
    space_before: bool = False  # ...or right before it
    chars: tuple[int, int] = (-1, -1)  # the range of pdfium's page text this run was cut from, spaces included
    size: float = 0.0  # the font size it is set in (the largest of the runs joined in it)

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


THIN_SHARE = 0.5  # of the line's height: a glyph this short is punctuation or a dash, not a line of its own
DESCENDER_SHARE = 0.25  # a comma's ink hangs below the baseline by about this share of the line's height


def same_line(a: Fragment, b: Fragment) -> bool:
    """Their boxes overlap by half the smaller height; or one is a short glyph (a comma or a full stop
    pdfium boxed on its own, a dash in an empty table cell) whose middle lies within the other's line or
    just under its baseline, where a comma hangs."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap > 0.5 * min(a.height, b.height):
        return True
    thin, other = (a, b) if a.bottom - a.top < b.bottom - b.top else (b, a)
    middle = (thin.top + thin.bottom) / 2
    return (thin.bottom - thin.top < THIN_SHARE * other.height
            and other.top <= middle <= other.bottom + DESCENDER_SHARE * other.height)


def _stacked(a: Fragment, b: Fragment) -> bool:
    """They overlap across: two runs of one line never do, so they are on two lines of one column."""
    return a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5


def group_lines(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Fragments that share a line, each line's fragments left to right, lines top to bottom. A fragment
    is measured against the tallest one of a line so far (a raised footnote number that opens a line
    does not decide where its comma belongs) and joins no line it would overlap across (a tall title
    beside two lines of small type)."""
    rows: list[list[Fragment]] = []
    tallest: list[Fragment] = []
    for fragment in sorted(fragments, key=lambda f: (f.top, f.x0)):
        index = None
        for i in range(len(rows) - 1, max(-1, len(rows) - 7), -1):
            if fragment.top > tallest[i].bottom + tallest[i].height:
                break  # rows further back lie higher still
            if same_line(tallest[i], fragment) and not any(_stacked(f, fragment) for f in rows[i]):
                index = i
                break
        if index is None:
            rows.append([fragment])
            tallest.append(fragment)
        else:
            rows[index].append(fragment)
            if fragment.height > tallest[index].height:
                tallest[index] = fragment
    return [sorted(row, key=lambda f: f.x0) for row in rows]


JUSTIFIED_GAP = 1.8  # of the line's height: the widest word space a justified prose line stretches to


def _adjacent(last: Fragment, run: Fragment) -> bool:
    """pdfium wrote ``run`` right after ``last`` in its page text: nothing between them but what they hold."""
    return run.chars[0] >= 0 and run.chars[0] == last.chars[1]


def _join(last: Fragment, run: Fragment) -> None:
    """Append ``run`` to ``last``, with a space where the PDF has one; between runs pdfium did not write one
    after the other, where the gap is a word space ("11" + ",820" is "11,820", a comma's ink box is narrow)."""
    spaced = last.space_after or run.space_before
    gap = " " if spaced or (not _adjacent(last, run) and run.x0 - last.x1 > 0.22 * last.height) else ""
    last.parts.extend((f"{gap}{t}" if i == 0 else t, c) for i, (t, c) in enumerate(run.parts))
    last.text += gap + run.text
    last.x1, last.top, last.bottom = run.x1, min(last.top, run.top), max(last.bottom, run.bottom)
    last.space_after = run.space_after
    last.chars = (last.chars[0], run.chars[1])
    last.size = max(last.size, run.size)


NUMBERING_RUN = re.compile(r"\(?[\d ]{1,6}[.)]?(?: \.)?|\(?[a-z]\)|[•▪–-]")


def _continues(last: Fragment, run: Fragment, line_height: float, first: bool) -> bool:
    """``run`` goes on from ``last``: a gap under a word space, or a justified line's stretched word space
    where pdfium itself wrote the space ("on   14   November"), unless ``last`` numbers its line ("24.", "19")."""
    gap = run.x0 - last.x1 + 0.5
    if not 0 <= gap < JUSTIFIED_GAP * line_height:
        return False
    if gap < 0.8 * line_height:
        return True
    return (_adjacent(last, run) and (last.space_after or run.space_before)
            and not (first and NUMBERING_RUN.fullmatch(last.text)))


def merge_runs(runs: list[Fragment]) -> list[Fragment]:
    """Join runs that continue each other on a line (pdfium splits at font changes and spaces)."""
    merged: list[Fragment] = []
    for row in group_lines(runs):
        last: Fragment | None = None
        line_height = max(run.height for run in row)  # a lower-case "x" between "12.7" and "99" is a word of its line
        for run in row:
            if last is not None and _continues(last, run, line_height, last is row[0]):
                _join(last, run)
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


SOFT_HYPHENS = "\u00ad"  # a soft hyphen; pdfium's U+FFFE marks any hyphen it finds at a line end, hard ones too
WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Vocabulary:
    """The words of a document: every one, and those standing inside a line (not a line's first or last, where
    the pieces of a hyphenated word stand)."""

    everywhere: Counter[str] = field(default_factory=Counter)
    inside: Counter[str] = field(default_factory=Counter)


def vocabulary(pages: list[list[list[Fragment]]]) -> Vocabulary:
    words = Vocabulary()
    for lines in pages:
        for line in lines:
            found = [w.lower() for w in WORD.findall(" ".join(f.text for f in line))]
            words.everywhere.update(found)
            words.inside.update(found[1:-1])
    return words


def is_compound(before: str, after: str, words: Vocabulary | None) -> bool:
    """A line ending in a hard hyphen goes on with the rest of a compound ("self-" + "defence"), not of a
    hyphenated word ("metham-" + "phetamine"): the next line goes on with a capital ("Secretary-" + "General");
    or the document never writes the two as one word and uses one of the parts on its own ("faith-" + "based").
    A soft hyphen is always a hyphenated word's."""
    if before[-1] in SOFT_HYPHENS:
        return False
    first, last = WORD.findall(before)[-1:], WORD.findall(after)[:1]
    if not first or not last:
        return False
    if last[0][0].isupper():
        return True
    left, right = first[0].lower(), last[0].lower()
    return words is not None and not words.everywhere[left + right] and bool(words.inside[left] or words.inside[right])


def assemble(lines: list[list[Fragment]], breaks: set[int] = frozenset(),
             words: Vocabulary | None = None) -> tuple[str, list[Piece], list[int]]:
    """Page text from ordered lines: tabs between cells, blank lines between paragraphs (a gap
    well above the page's usual line gap, an indent, or a line in ``breaks``: a footnote's first) but
    never between a table's rows, a word hyphenated at a line end rejoined ("metham-" + "phetamine")
    and a compound broken at its hyphen kept whole ("self-defence", by ``words``: see ``is_compound``).
    Also where each line starts in that text."""
    out: list[str] = []
    pieces: list[Piece] = []
    length = 0
    previous: Fragment | None = None
    previous_cells = 0
    gaps = sorted(b[0].top - a[-1].bottom for a, b in zip(lines, lines[1:]) if b[0].top > a[-1].bottom)
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    starts: list[int] = []
    for number, line in enumerate(lines):
        if previous is not None:
            gap = line[0].top - previous.bottom
            tail = "".join(out[-2:])
            ends_hyphen = tail[-1:] in LINE_END_HYPHENS and tail[-2:-1].isalpha() and line[0].text[:1].isalpha()
            if ends_hyphen and is_compound(tail, line[0].text, words):
                pass  # "self-" + "defence", "Port-au-" + "Prince": the hyphen stays, the line break goes
            elif ends_hyphen:
                out[-1] = out[-1][:-1]
                length -= 1
                last = pieces[-1]
                pieces[-1] = Piece(last.start, min(last.end, length), last.char_index)
            else:
                paragraph = gap > max(0.6 * previous.height, 1.5 * usual_gap) or line[0].x0 > previous.x0 + 3 * previous.height
                if previous_cells > 1 and len(line) > 1 and gap < 3 * max(previous.height, usual_gap):
                    paragraph = False  # rows of one table, however generously spaced
                paragraph = paragraph or number in breaks
                separator = "\n\n" if paragraph else "\n"
                out.append(separator)
                length += len(separator)
        starts.append(length)
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
    return "".join(out).replace("\ufffe", "-"), pieces, starts
