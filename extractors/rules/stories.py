"""The document as an analyst reads it: blocks (headline, lead, headings, paragraphs, list items,
tables, page furniture) and stories (runs of blocks about one event or period).

A wire or a press release dates and places its event once, in the headline, the lead or an early
paragraph, and reports it over several one-sentence paragraphs; a story ends at a heading or at a
sentence that introduces another event ("Separately, ...", "On Dec. 15 ..."). Pure functions over
the text and plain offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractors.model import Mention
from extractors.rules.cues import cue_pattern
from extractors.rules.layout import LIST_ITEM, Layout
from extractors.rules.tables import line_spans

FURNITURE_LINE = re.compile(
    r"^\s*(?:skip\s+to|home\s*[|>]|menu\b|search\b|sign\s+in|subscribe|log\s*in|(?-i:By\s+(?:[A-Z][\w.'’-]+\s*){1,4}(?:(?:,|\sand\s)[^.\n]{0,40})?$)|"
    r"by\s+our\b|published|updated|"
    r"release\s+date|released\b|date\s*:|"
    r"modified(?:\s+date)?|last\s+updated|posted|reading\s+time|\d+\s+min(?:ute)?s?\s+read|share\b|topics?:|tags?:|"
    r"follow\s+us|related\b|most\s+read|read\s+more|more\s+from|see\s+also|you\s+may\s+also|recommended|latest\s+news|"
    r"advertisement|photo:|image:|credit:|\(c\)\s*(?:\d{4}|copyright)|©|copyright|all\s+rights\s+reserved|terms\s+of|privacy|cookie)",
    re.IGNORECASE)
MENU_LINE = re.compile(r"\s[|>»]\s.*?\s[|>»]\s|^\s*[\w&'-][\w &'-]*\s>\s+[\w &'-]+")
TAIL_BLOCK = re.compile(r"^\s*(?:related|most\s+read|read\s+more|more\s+from|see\s+also|you\s+may\s+also|recommended|"
                        r"latest\s+news|more\s+stories|other\s+news)\b", re.IGNORECASE)
DATE_LINE_REST = re.compile(r"^[\W\d_]*(?:(?:published|updated|modified|date|last|posted|on|at|gmt|utc|am|pm|"
                            r"[a-z]+day)\b[\W\d_]*)*$", re.IGNORECASE)
FRONTED = re.compile(r"^\W*(?:(?:and|but|then|also|so|earlier|later|in|on|during|by|since|between|from|for|over|"
                     r"throughout|at|as\s+of|until|through|before|after|around)\b[\s,]*){0,3}(?:the\s+)?$", re.IGNORECASE)
HEADLINE_MAX = 200
DATELINE_OPENING = re.compile(r"[A-Z][A-Z .'-]{2,40}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*"
                              r"(?:,\s+(?:\w+\.?\s+\d{1,2}|\d{1,2}\s+\w+)(?:,?\s+\d{4})?)?"
                              r"\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")
BYLINE = re.compile(r"[ \t]*By\s+(?:our\s|[A-Z][a-z]+)")  # "By Carolina Mejía", "By our correspondent"
MASTHEAD_LINE = 120  # a site's name, an agency's, a series title: short lines above the headline
SECTION_WORD = re.compile(r"\s*(?:summary|key\s+(?:points|findings|figures|facts|messages)|highlights|at\s+a\s+glance|"
                          r"in\s+brief|overview|main\s+findings)\s*:?\s*$", re.IGNORECASE)
NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s")
NUMBERED_PARAGRAPH = 150  # "21. In 2023, seizures ...": a report's numbered paragraph, not an item of a list


@dataclass(frozen=True)
class Block:
    kind: str  # "headline", "summary" (its bullets), "lead", "heading", "paragraph", "item", "table", "furniture"
    start: int
    end: int


def blocks_of(text: str, layout: Layout) -> list[Block]:
    """The blocks of ``text`` in order. Runs of lines split at blank lines, headings, list items and
    table edges; lines of navigation, bylines and share bars (and all after a "Related news" line)
    are furniture; the first short block before the first paragraph is the headline, and that
    paragraph the lead."""
    heading_starts = {start for start, _ in layout.headings}
    table_lines = {line for table in layout.tables for line in (*table.heads, *table.rows, *([table.caption] if table.caption else []))}
    blocks: list[Block] = []
    tail = False
    for start, end in line_spans(text):
        line = text[start:end]
        if not line.strip():
            blocks.append(Block("blank", start, end))
            continue
        tail = tail or bool(TAIL_BLOCK.match(line))
        kind = ("furniture" if tail or FURNITURE_LINE.match(line) or MENU_LINE.search(line) or SECTION_WORD.match(line) else
                "heading" if start in heading_starts else "table" if (start, end) in table_lines else
                "item" if LIST_ITEM.match(line) else "paragraph")
        previous = blocks[-1] if blocks else None
        if previous and previous.kind == kind and kind in ("paragraph", "table", "furniture"):
            blocks[-1] = Block(kind, previous.start, end)
        elif previous and previous.kind == "item" and kind == "paragraph":
            blocks[-1] = Block("item", previous.start, end)  # an item's wrapped second line
        else:
            blocks.append(Block(kind, start, end))
    blocks = [Block("paragraph", b.start, b.end) if b.kind == "item" and b.end - b.start > NUMBERED_PARAGRAPH
              and NUMBERED.match(text, b.start) else b for b in blocks if b.kind != "blank"]
    return _mark_opening(text, blocks)


def _mark_opening(text: str, blocks: list[Block]) -> list[Block]:
    """Name the headline and the lead: the first paragraph, and the short block just before it."""
    lead = next((i for i, block in enumerate(blocks) if block.kind == "paragraph"
                 and len(text[block.start:block.end].split()) >= 12
                 and text[block.start:block.end].rstrip().endswith((".", "!", "?", '"', "”", "’"))), None)
    if lead is None:
        return blocks
    out = list(blocks)
    out[lead] = Block("lead", blocks[lead].start, blocks[lead].end)
    for index in range(lead - 1, -1, -1):  # back from the lead, past bylines, section words and summary bullets
        block = blocks[index]
        line = text[block.start:block.end]
        if block.kind == "heading" and SECTION_WORD.match(line):
            out[index] = Block("furniture", block.start, block.end)  # "Summary", "Key points": no story of their own
        elif block.kind == "item":
            out[index] = Block("summary", block.start, block.end)
        elif block.kind in ("heading", "paragraph") and block.end - block.start <= HEADLINE_MAX \
                and not NUMBERED.match(line):
            out[index] = Block("headline", block.start, block.end)
            out[:index] = [Block("furniture", b.start, b.end) if b.end - b.start <= MASTHEAD_LINE else b
                           for b in blocks[:index]]  # the masthead above it
            break
        elif block.kind != "furniture":
            break
    return out


def is_news(text: str, blocks: list[Block]) -> bool:
    """A news story: its lead opens on a dateline ("GUAYAQUIL, Ecuador, March 14 (Agency) -", "MTWARA –"),
    or a byline stands above it."""
    lead = next((b for b in blocks if b.kind == "lead"), None)
    if lead is None:
        return False
    byline = any(b.kind == "furniture" and BYLINE.match(text, b.start) and b.end <= lead.start for b in blocks)
    return byline or bool(DATELINE_OPENING.match(text, lead.start))


class BlockIndex:
    """Which block an offset falls in."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.starts = [block.start for block in blocks]

    def at(self, offset: int) -> Block | None:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        return block if offset <= block.end else None

    def kind_at(self, offset: int) -> str:
        block = self.at(offset)
        return block.kind if block else "paragraph"


def is_furniture_date(text: str, date: Mention, blocks: BlockIndex) -> bool:
    """A date that belongs to the page, not to its facts: in navigation, a byline or a related-news
    list, or alone on its line ("Monday, 02/09/2024", "Modified Date: 3 May 2024")."""
    if blocks.kind_at(date.start) == "furniture":
        return True
    line_start = text.rfind("\n", 0, date.start) + 1
    line_end = text.find("\n", date.end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    rest = line[:date.start - line_start] + " " + line[date.end - line_start:]
    return bool(DATE_LINE_REST.match(rest)) and len(line.strip()) < 60


def opens_story(text: str, sentence: tuple[int, int], dates: list[Mention]) -> str:
    """How the sentence introduces another event: "cue" when it opens on a story-break cue ("Separately",
    "In another case", "A more recent truck"), "date" when it opens on its own date ("On Dec. 15 the
    court ...", "Last month, ..."), else ""."""
    opening = text[sentence[0]:min(sentence[1], sentence[0] + 40)]
    if cue_pattern("story_break").match(opening.lstrip(" \t\"“-–•*")):
        return "cue"
    first = min((d for d in dates if sentence[0] <= d.start < sentence[1]), key=lambda d: d.start, default=None)
    return "date" if first is not None and FRONTED.match(text[sentence[0]:first.start]) else ""
