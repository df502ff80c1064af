"""The layout around a claim: paragraphs, headings, list leads, table cells, and the
little words that say what role a date or a place plays ("up from", "bound for").

Pure functions over the text and plain offsets, so each linking rule can be
tested on its own.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractors.rules.tables import Table, cell_spans, find_tables

BASELINE_BEFORE = re.compile(
    r"(?:compared\s+(?:to|with)|relative\s+to|than(?:\s+(?:in|during|for|over))?|(?:up|down|rising|falling|rose|fell|"
    r"increased|decreased|grew|dropped|climbed|declined)\s+from|\bversus|\bvs\.?|against|"
    r"(?:increase|decrease|rise|fall|drop|decline|growth|jump|higher|lower|more|less|up|down)\s+(?:of\s+\S+\s+)?"
    r"(?:on|from|over|compared\s+with)|\b(?:from|than)\s+(?:about\s+|some\s+|around\s+)?[~≈]?\d[^,;()]{0,20}?\s+(?:in|during|for))"
    r"\s+(?:the\s+)?(?:same\s+(?:period|time|months?)\s+(?:of|in)\s+|previous\s+|preceding\s+|whole\s+of\s+)?$",
    re.IGNORECASE,
)
CHANGE_AGAINST_BEFORE = re.compile(  # "down 16% from the year before", "four times the level of 2019"
    r"(?:\b(?:up|down|rose|fell|increased|decreased|grew|dropped|declined|climbed|jumped)\s+(?:by\s+)?[~≈]?\d[\d.,]*"
    r"\s*(?:%|per\s*cent|percent)?\s+(?:on|from|over|against|compared\s+(?:with|to))"
    r"|\b(?:times|twice|double|triple|than|above|below|exceed\w*|compared\s+(?:with|to))\s+(?:the\s+)?(?:level|levels|"
    r"figure|total|average|volume|amount|quantity|number)s?\s+(?:\w+\s+)?(?:of|in|for|during|over|recorded\s+in)"
    r"|\bcompared\s+(?:with|to)\s+[^,;()]{0,30})\s+(?:the\s+)?$",
    re.IGNORECASE,
)
RANGE_FROM = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+from\s+$", re.IGNORECASE)
SAME_PERIOD = re.compile(r"same\s+(?:period|time|months?|quarter|half)|previous|preceding|year\s+earlier|a\s+year\s+ago",
                         re.IGNORECASE)
NOT_HERE_BEFORE = re.compile(
    r"(?:(?:said|says|told\s+\w+|reported|announced|stated|speaking|spoke)\s+(?:\w+\s+)?in|"
    r"as\s+(?:is\s+|was\s+)?(?:the\s+case\s+)?in|\bunlike|\blike\s+in|similar\s+to|\bfrom|\bto|\bfor|\binto|\bvia|\bthrough|\btowards?|bound\s+for|destined\s+for|headed\s+(?:for|to)|"
    r"originat(?:ing|ed)\s+(?:in|from)|shipped\s+from|sent\s+(?:from|to)|arriv(?:ing|ed)\s+from|transit(?:ing)?\s+"
    r"(?:through|via)?|smuggled\s+(?:from|into|to)|imported\s+from|exported\s+to|between|"
    r"(?:which|that)\s+borders?|bordering|borders\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ENFORCEMENT_ACT = re.compile(
    r"\b(?:seiz(?:e|es|ed|ing)|arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|found|find|finds|intercept(?:s|ed|ing)?|"
    r"confiscat(?:e|es|ed|ing)|dismantl(?:e|es|ed|ing)|raid(?:s|ed|ing)?|destroy(?:s|ed|ing)?|eradicat(?:e|es|ed|ing)|"
    r"recover(?:s|ed|ing)?|discover(?:s|ed|ing)?|uncover(?:s|ed|ing)?|bust(?:s|ed)?|charg(?:e|es|ed|ing)|"
    r"prosecut(?:e|es|ed|ing)|convict(?:s|ed)?|jail(?:s|ed)?|sentenc(?:e|es|ed|ing)|froze|frozen|freez(?:e|es|ing)|"
    r"stopp(?:ed|ing)|shut|closed|blocked|took\s+down|taken\s+down)\b",
    re.IGNORECASE,
)
COORDINATED_PLACE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:(?:and|or|as\s+well\s+as)\s+)?(?:the\s+)?",
                               re.IGNORECASE)  # the gap between listed places: "Senegal (4.7 tonnes) and Benin"
COMPARISON_SET_BEFORE = re.compile(  # "one of the most crime-affected countries in the Western Hemisphere"
    r"(?<!\bat )\b(?:most|least|largest|highest|lowest|biggest|worst|best)\b[^,.;\d]{0,45}\b(?:in|of)\s+(?:the\s+)?$",
    re.IGNORECASE)  # but not "at least 57 tonnes ... in West Africa"
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d{1,2}[.)]|\([a-z0-9]\))\s+")


def acts_before(text: str, actor_start: int, quantity_start: int) -> bool:
    """The agency named at ``actor_start`` did something to the figure ("Dutch police arrested
    100 suspects"), rather than publishing it ("the US ONDCP publishes estimates of 212,000 ha")."""
    between = text[actor_start:quantity_start]
    return len(between) <= 240 and ";" not in between and bool(ENFORCEMENT_ACT.search(between))


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


@dataclass(frozen=True)
class CellContext:
    """Where a number sits in a table: its row's first cell, its column's header, the caption."""

    row_header: tuple[int, int] | None
    column_header: tuple[int, int] | None
    caption: tuple[int, int] | None


def cell_context(text: str, layout: Layout, start: int) -> CellContext | None:
    for table in layout.tables:
        for row in table.rows:
            if row[0] <= start < row[1]:
                cells = cell_spans(text, row)
                headers = cell_spans(text, table.header)
                column = next((i for i, (s, e) in enumerate(cells) if s <= start < e), None)
                if column is None:
                    return None
                row_header = cells[0] if column > 0 else None
                column_header = headers[column] if column < len(headers) else None
                return CellContext(row_header, column_header, table.caption)
    return None


def is_baseline_date(text: str, start: int) -> bool:
    """A date that a change is measured against: "up 233% on the same period in 2023", "compared with 2022"."""
    before = text[max(0, start - 45):start]
    if BASELINE_BEFORE.search(before) or CHANGE_AGAINST_BEFORE.search(before):
        return True
    return bool(SAME_PERIOD.match(text, start) or re.match(r"(?:the\s+)?(?:same|previous|preceding)\b", text[start:start + 15], re.I))


def is_elsewhere_place(text: str, start: int, places: list[tuple[int, int]] = ()) -> bool:
    """A place named as origin, destination or route ("from Russia", "bound for Europe"), not where a figure
    applies. A place right after another ("from Bangkok, Thailand", "from Bandar Abbas in Iran") or listed
    with it ("from Colombia and Ecuador", "between Spain and Morocco") shares its role."""
    if NOT_HERE_BEFORE.search(text[max(0, start - 30):start]) or COMPARISON_SET_BEFORE.search(text[max(0, start - 70):start]):
        return True
    if re.match(r"[\w.]*-based\b", text[start:start + 40]):
        return True  # "the Vienna-based agency" describes an actor
    for other_start, other_end in places:
        if other_end < start and (re.fullmatch(r",\s*|\s+in\s+", text[other_end:start])
                                  or COORDINATED_PLACE.fullmatch(text[other_end:start])):
            return is_elsewhere_place(text, other_start, places)
    return False


def is_baseline_quantity(text: str, start: int) -> bool:
    """"increased to 75 from 68", "up from 20.3 tons", "compared with 350 tons": the old value in a comparison."""
    before = text[max(0, start - 30):start]
    return (bool(re.search(r"\b(?:from|than|compared\s+(?:with|to))\s+(?:about\s+|some\s+|around\s+)?$", before, re.IGNORECASE))
            and not RANGE_FROM.search(before))
