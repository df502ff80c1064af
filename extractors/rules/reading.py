"""One sentence read on its own: its figures (``figures.py``) and what it asserts about the current event,
for the story frame: its event date, the day it was told, its place, its drug, its actors.

Also the document-wide facts every sentence reading needs (``Reading``), and the period a report covers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.intervals import SpanIndex
from extractors.model import Mention
from extractors.rules.clauses import DEMONSTRATIVE_START, clauses, is_allegation, relative_clauses, reported_on, tense
from extractors.rules.context import ENFORCEMENT_ACT, is_baseline_date, is_baseline_quantity
from extractors.rules.docdate import TITLE_YEAR
from extractors.rules.figures import Figure, SentenceFacts, pooled, rank, read_figure, union
from extractors.rules.layout import Layout
from extractors.rules.linking import here, resembled
from extractors.rules.measures import SUBSTANCE_POLICY
from extractors.rules.date_patterns import COVERAGE, PERIOD_DEFINITION
from extractors.rules.stories import FRONTED, FURNITURE_LINE, MASTHEAD_LINE, BlockIndex, is_furniture_date
from extractors.rules.subject import CountryHint, Evidence

NAMED_YEAR = re.compile(r"\b(?:Act|Law|Code|Decree|Convention|Protocol|Ordinance),?\s+(?:of\s+)?$")  # "the ... Act, 1997"
QUOTE_OPENING = re.compile(r"\s*[\"“‘«]")  # a quotation sets no scene of the story
ITEM_LABEL = re.compile(r"\s*[-–•*·▪]\s+[^:\n]{1,40}:")
PARENTHESIS = re.compile(r"\([^()]*\)")
RUNNING_TOTALS = frozenset({"date.so_far_this_year", "date.so_far_this_fiscal", "date.since", "date.since_day", "date.since_part", "date.since_month",
                            "date.since_decade", "date.to_date"})
TITLE_PERIODS = ("year", "half", "quarter", "multi-year")  # a month in a masthead is when it came out

@dataclass(frozen=True)
class SentenceReading:
    span: tuple[int, int]
    block: str
    block_start: int
    dates: tuple[Mention, ...]
    figures: tuple[Figure, ...]
    when: Mention | None  # what the sentence asserts about the current event
    told: Mention | None
    where: Mention | None
    what: tuple[Mention, ...]
    who: tuple[Mention, ...]
    looks_back: bool  # "That is a rise of 25%": about the sentence just before
    event: Mention | None  # the day or month of an act the sentence narrates ("found ... in August"), not a year's total


@dataclass(frozen=True)
class Reading:
    """The document-wide facts every sentence reading needs."""

    text: str
    mentions: list[Mention]
    layout: Layout
    blocks: BlockIndex
    hints: list[CountryHint]
    by_type: dict[str, list[Mention]]
    elsewhere: frozenset[str]
    indexes: dict[str, SpanIndex[Mention]]
    evidence: Evidence

    @classmethod
    def build(cls, text: str, mentions: list[Mention], layout: Layout, blocks: BlockIndex,
              hints: list[CountryHint]) -> "Reading":
        by_type: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_type.setdefault(mention.type, []).append(mention)
        places = by_type.get("LOCATION", [])
        at_home = {m.id for m in here(text, places)}
        return cls(text, mentions, layout, blocks, list(hints), by_type,
                   frozenset(m.id for m in places if m.id not in at_home),
                   {kind: SpanIndex(found) for kind, found in by_type.items()}, Evidence(mentions, list(hints)))

    def within(self, kind: str, start: int, end: int) -> list[Mention]:
        index = self.indexes.get(kind)
        return index.within(start, end) if index else []

    def item_label(self, offset: int) -> tuple[Mention, ...]:
        """The drugs a list item opens on as its label ("- Ketamine: ...", "- methamphetamine: 11 tonnes")."""
        block = self.blocks.at(offset)
        if block is None or block.kind not in ("item", "summary"):
            return ()
        label = ITEM_LABEL.match(self.text, block.start, block.end)
        return tuple(self.within("SUBSTANCE", block.start, label.end())) if label else ()

    def dates_in_table_heads(self, cell) -> list[Mention]:
        """The dates of a cell's table caption and header row."""
        return [d for span in (cell.caption, cell.header_row) if span for d in self.within("DATE", *span)]

    def document_period(self) -> Mention | None:
        """The period the whole report covers: a stated reporting period, else a period in its title
        ("Seizures in Tajikistan, 2023"), but not the year a report's title gives as its edition."""
        dates = [d for d in self.by_type.get("DATE", []) if d.attrs.get("start_date")]
        for date in dates:
            if PERIOD_DEFINITION.search(self.text, max(0, date.start - 60), date.start) or (
                    COVERAGE.search(self.text, max(0, date.start - 200), date.start) and _is_period(date)):
                return date
        lead = next((b.start for b in self.blocks.blocks if b.kind == "lead"), 0)
        for date in dates:
            line_start = self.text.rfind("\n", 0, date.start) + 1
            line = self.text[line_start:self.text.find("\n", date.end) % (len(self.text) + 1)]
            title = self.blocks.kind_at(date.start) in ("headline", "furniture") and len(line) <= MASTHEAD_LINE
            if date.start < lead and title and _is_period(date) \
                    and not TITLE_YEAR.search(line) and not FURNITURE_LINE.match(line):
                return date  # a period in the title: "Illicit Drug Data Report 2022-23", "... seized in 2023-24"
        return None


def _is_period(date: Mention) -> bool:
    """A span a report covers: a year, a half, a quarter, several years, or several months ("October to December
    2024"), not one month a masthead was printed in."""
    if date.attrs.get("granularity") in TITLE_PERIODS:
        return True
    start, end = str(date.attrs.get("start_date") or ""), str(date.attrs.get("end_date") or "")
    return date.attrs.get("granularity") == "month" and len(start) >= 7 and len(end) >= 7 and start[:7] != end[:7]


def read_sentence(reading: Reading, span: tuple[int, int], previous: SentenceReading | None = None) -> SentenceReading:
    """What one sentence asserts; ``previous`` (the sentence before) lends its last figure's measure to a
    bare number that opens this one in the same block ("They recovered to 36.3 million in 2020")."""
    text = reading.text
    found = reading.blocks.at(span[0])
    block, block_start = (found.kind, found.start) if found else ("paragraph", span[0])
    dates = [d for d in reading.within("DATE", *span) if not is_furniture_date(text, d, reading.blocks)
             and not NAMED_YEAR.search(text, max(0, d.start - 12), d.start)]
    parts = clauses(text, *span)
    facts = SentenceFacts.of(reading, span, block, parts, dates)
    places = facts.places
    carried = (previous.figures[-1].measure, False) if previous and previous.figures and previous.block_start == block_start \
        else None
    read: list[Figure] = []
    for quantity in facts.quantities:
        read.append(read_figure(reading, facts, quantity, (read[-1].measure, True) if read else carried))
    figures = pooled(text, parts, tuple(read))
    told = facts.told
    compared = {f.date[0].id for f in figures if f.date and (is_baseline_quantity(text, f.quantity.start)
                                                              or is_baseline_date(text, f.date[0].start, f.date[0].end))}
    dated = [f.date[0] for f in figures if f.date and f.date[1] == "sentence" and f.date[0].id not in compared]
    asides = relative_clauses(text, *span) + [(m.start(), m.end()) for m in PARENTHESIS.finditer(text, *span)]
    events = [d for d in dates if not is_baseline_date(text, d.start, d.end) and not reported_on(text, d.start, d.end)
              and d.id not in compared and not any(a <= d.start < b for a, b in asides)]
    fronted = events[0] if events and FRONTED.match(text[span[0]:events[0].start]) else None
    finest = next((d for d in reversed(dated) if rank(d) == min(map(rank, dated))), None)
    when = fronted or finest or (events[0] if events else None)  # "a court on Friday jailed ... for a 2022 shipment"
    running = (when is not None and when.attrs.get("rule") in RUNNING_TOTALS
               and not text[span[0]:span[1]].rstrip().endswith(":"))  # only "the results to date are:" frames what follows
    if not fronted and (is_allegation(text, *span) or running):
        when = None  # "Prosecutors allege the group moved ... between 2021 and 2023", "58 tonnes since January 1": not the story's time
    placed = [f.location[0] for f in figures if f.location and f.location[1] == "sentence"]
    at_home = here(text, places)
    where = placed[0] if placed else None if QUOTE_OPENING.match(text, span[0]) else _asserted_place(text, span, at_home)
    return SentenceReading(span, block, block_start, tuple(dates), figures, when, told, where, _asserted_drug(reading, span, figures),
                           tuple(reading.within("ORG", *span)), bool(DEMONSTRATIVE_START.match(text, span[0])),
                           when if when is not None and _is_event_date(when) and ENFORCEMENT_ACT.search(text, *span) else None)


def _asserted_place(text: str, span: tuple[int, int], places: list[Mention]) -> Mention | None:
    """Where a sentence without figures sets its story: its one place, if it narrates ("Police raided a farm
    in Jordan") or opens on it ("Honduras remains ..."); a list of countries sets none."""
    if len({p.attrs.get("country_code") or p.attrs.get("canonical") for p in places}) != 1:
        return None
    opens = not text[span[0]:places[0].start].strip(" \t\"“'")
    return places[0] if opens or tense(text, *span) == "past" else None


def _is_event_date(date: Mention) -> bool:
    """A single day or month: when an act happened, unlike a year's or a period's total."""
    start, end = date.attrs.get("start_date"), date.attrs.get("end_date")
    if date.attrs.get("granularity") not in ("day", "month"):
        return False
    return not (start and end) or str(start)[:7] == str(end)[:7]


def _asserted_drug(reading: Reading, span: tuple[int, int], figures: tuple[Figure, ...]) -> tuple[Mention, ...]:
    """The drug the sentence is about: those of its drug figures, else its one named drug."""
    found = union(f for f in figures if f.substances and SUBSTANCE_POLICY.get(f.measure) == "inherit")
    if found:
        return found
    named = [s for s in reading.within("SUBSTANCE", *span) if not resembled(reading.text, s)]
    named = [s for s in named if s.attrs.get("category") != "class"] or named  # a class only when it is all there is
    if len({s.attrs.get("canonical") for s in named}) == 1:
        return (named[0],)
    return ()


