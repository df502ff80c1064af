"""Assemble claims: one per quantity, with the when, where, what and who an analyst would file it under.

The linker reads the document as blocks and stories (``stories.py``). Each sentence is read once
for what it says itself (``reading.py``): every figure's own date, place and drug, and what the
sentence asserts about the current event. Then, story by story, a frame {when, where, what, who}
carries those assertions forward, across one-sentence paragraphs, and fills the slots a figure's
own sentence leaves open. Resolution order per slot: the figure's clause and sentence, its table
headers and caption, the story frame, the document's period or subject; each filtered by what the
figure measures (``measures.py``). Every filled slot records where it came from.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from extractors.model import Mention
from extractors.rules.cues import anaphora_pattern, cue_pattern
from extractors.rules.layout import layout_of
from extractors.rules.measures import SUBSTANCE_POLICY
from extractors.rules.reading import Figure, Reading, SentenceReading, read_sentence
from extractors.rules.stories import BlockIndex, blocks_of, is_news, opens_story
from extractors.rules.subject import CountryHint, subject_of
from extractors.rules.tables import CellContext

SECTION_MINIMUM = 4.0  # a section overrides the document's subject only when its heading names a place, or its body does often
SOURCE_CONFIDENCE = {"sentence": 1.0, "table": 0.9, "agency": 0.8, "frame": 0.75, "document": 0.6, "subject": 0.5}
IMPLICIT_SOURCES = ("agency", "subject")  # places the text implies rather than states for the figure
EXCLUDED_CONFIDENCE = 0.9  # a slot the measure rules out (officers have no drug) is a confident blank
EMPTY_CONFIDENCE = 0.3
SCORED_SLOTS = ("date", "location", "substances")
OPENING = ("headline", "summary", "lead")
WHAT_MEMORY = 3
TOPIC_SENTENCES = 3  # in a report, a paragraph of this many sentences is a topic of its own
GENERIC_DRUG = re.compile(r"(?:illicit\s+|illegal\s+|clandestine\s+)?drugs?\b")  # "97 drug laboratories": of drugs in general
POOLED_MEASURES = ("drug", "crop", "value")  # and a change whose own sentence names its drug


@dataclass(frozen=True)
class ClaimLinks:
    quantity: Mention
    sentence: tuple[int, int]
    date: Mention | None
    location: Mention | None
    location_implicit: bool
    substances: tuple[Mention, ...]
    organisations: tuple[Mention, ...]
    baseline_date: Mention | None = None
    measure: str = "other"
    sources: dict[str, str] = field(default_factory=dict)  # slot -> sentence | table | agency | frame | document | subject
    ruled_out: frozenset[str] = frozenset()  # slots the measure leaves empty on purpose (officers have no drug)
    blocks: dict[str, str] = field(default_factory=dict)  # slot -> the kind of block its mention sits in ("lead")
    cell: CellContext | None = None  # the table cell the figure is, with its headers

    def table(self) -> dict[str, object] | None:
        """A table figure's headers as spans, for the reviewer: its row's labels (outermost first), its column's
        header cells (top first) and the caption."""
        if self.cell is None:
            return None
        span = lambda s: {"start": s[0], "end": s[1]}  # noqa: E731
        return {"row": [span(s) for s in reversed(self.cell.row_labels)], "column": [span(s) for s in reversed(self.cell.column_heads)],
                "caption": span(self.cell.caption) if self.cell.caption else None}

    def slot_sources(self) -> dict[str, dict[str, str]]:
        """Per filled slot, where it came from and the block of its mention: what a reviewer reads as "from the lead"."""
        return {slot: {"source": source, "block": self.blocks.get(slot, "paragraph")} for slot, source in self.sources.items()}

    @property
    def confidence(self) -> float:
        """The mean of the date, place and drug slots' confidence, each from where it came from."""
        scores = [SOURCE_CONFIDENCE[self.sources[slot]] if slot in self.sources else
                  EXCLUDED_CONFIDENCE if slot in self.ruled_out else EMPTY_CONFIDENCE for slot in SCORED_SLOTS]
        return round(sum(scores) / len(scores), 2)


@dataclass(frozen=True)
class Frame:
    """What the current story has said about its event so far."""

    when: Mention | None = None
    told: Mention | None = None  # the day it was reported: a last resort
    where: Mention | None = None
    what: tuple[Mention, ...] = ()
    who: tuple[Mention, ...] = ()
    recent: Mention | None = None  # the last date any sentence asserted: what "That is a rise of 25%" refers to
    event: Mention | None = None  # the last act the story dated: when its acts happened ("Officers detained 11 people")
    earlier_what: tuple[tuple[Mention, ...], ...] = ()  # the drugs named before, for a figure the latest cannot measure
    when_block: int = -1  # where ``when`` was said: an own "said on Monday" outweighs a date from another paragraph
    fresh: bool = False  # a new story has begun: the drugs of the last one are no longer its haul

    def updated(self, reading: SentenceReading) -> "Frame":
        """The frame after a sentence: what it asserts replaces what the story had."""
        where = self.where if _vaguer(reading.where, self.where) else reading.where or self.where
        what = self.what if _only_classes(reading.what) and not _only_classes(self.what) else reading.what or self.what
        earlier = ((self.what,) + self.earlier_what)[:WHAT_MEMORY] if what is not self.what and self.what else self.earlier_what
        earlier = () if self.fresh and reading.what else earlier
        return Frame(reading.when or self.when, reading.told or self.told, where, what, reading.who or self.who,
                     reading.when or self.recent, reading.event or self.event, earlier,
                     reading.block_start if reading.when else self.when_block, self.fresh and not reading.what)


def link_claims(mentions: list[Mention], sentences: list[tuple[int, int]], text: str,
                dateline: tuple[int, int] | None = None, hints: list[CountryHint] = ()) -> list[ClaimLinks]:
    """One ``ClaimLinks`` per QUANTITY mention, in text order.

    ``dateline`` is the span that gave the document its date ("AMMAN, Dec 26 (Reuters) -"): its
    date and place describe the filing, not the facts, though the place is evidence of the
    subject. ``hints`` are demonyms and agencies' countries found in the text.
    """
    if dateline:
        hints = [*hints, *(CountryHint(m.start, m.attrs["country_code"], source="dateline") for m in mentions
                           if m.type == "LOCATION" and dateline[0] <= m.start < dateline[1] and m.attrs.get("country_code"))]
        mentions = [m for m in mentions if not (dateline[0] <= m.start < dateline[1])]
    sentences = sentences or [(0, len(text))]
    layout = layout_of(text)
    blocks = BlockIndex(blocks_of(text, layout))
    reading = Reading.build(text, mentions, layout, blocks, hints)
    readings: list[SentenceReading] = []
    for sentence in sentences:
        readings.append(read_sentence(reading, sentence, readings[-1] if readings else None))
    subjects = _Subjects(reading, layout)
    period = reading.document_period()
    topic = next((r.what for r in readings if r.block == "headline"), ())  # what pills with no drug in sight are of
    claims: list[ClaimLinks] = []
    frame = lead_in = Frame()
    stories = _story_numbers(reading, readings)
    news = is_news(text, blocks.blocks)  # a wire tells one story across its paragraphs, however long
    block_sizes = Counter(r.block_start for r in readings)
    for number, sentence_reading in enumerate(readings):
        previous = readings[number - 1] if number else None
        if previous and previous.block != "item" and sentence_reading.block == "item":
            lead_in = frame  # what the list's items are items of
        elif previous and sentence_reading.block == "item" and sentence_reading.block_start != previous.block_start:
            frame = replace(lead_in, what=frame.what)  # items are parallel: one item's date and place are not the next's
        elif previous and previous.block == "item" and sentence_reading.block != "item" and lead_in.when:
            frame = lead_in  # after a list, its lead's frame ("In total, the operations netted ...")
        if previous and stories[number] != stories[number - 1]:
            # a new story forgets the last one's dates; its acts keep the last dated act unless a cue says
            # the story is another ("Separately, ..."): "Between March and June 2020 ..." is background
            event = None if _opened_by_cue(reading, sentence_reading) else frame.event
            frame = Frame() if sentence_reading.block == "heading" else replace(frame, when=None, event=event, told=None,
                                                                                     earlier_what=(), fresh=True)
        elif previous and not news and _new_topic(reading.text, previous, sentence_reading, block_sizes):
            # the drug a report is about outlasts its paragraphs, and the period its lead sets
            frame = Frame(what=frame.what, when=frame.when if previous.block == "lead" else None)
        ahead = _rest_of_story(readings, stories, number) if sentence_reading.block in OPENING else []
        resolved = [_resolve(figure, sentence_reading, frame, ahead, period, subjects.at(figure.quantity.start), topic)
                    for figure in sentence_reading.figures]
        claims.extend(_with_blocks(claim, blocks) for claim in _operations_of_their_drugs(resolved))
        if sentence_reading.block not in ("table", "furniture"):  # a table's rows stand alone; a page's chrome tells nothing
            frame = frame.updated(sentence_reading)
    return claims


def _with_blocks(claim: ClaimLinks, blocks: BlockIndex) -> ClaimLinks:
    first = {"date": claim.date, "location": claim.location, "substances": next(iter(claim.substances), None),
             "organisations": next(iter(claim.organisations), None)}
    return replace(claim, blocks={slot: blocks.kind_at(first[slot].start) for slot in claim.sources if first.get(slot)})


def _union_of(*groups: tuple[Mention, ...]) -> tuple[Mention, ...]:
    seen: dict[str, Mention] = {}
    for group in groups:
        for mention in group:
            seen.setdefault(str(mention.attrs.get("canonical") or mention.text), mention)
    return tuple(sorted(seen.values(), key=lambda m: m.start))


def _vaguer(new: Mention | None, current: Mention | None) -> bool:
    """A sea, a river or a region does not replace the country a story is set in ("boarded in the Indian
    Ocean", "the routes that go down the Amazon")."""
    return bool(new and current and not new.attrs.get("country_code") and current.attrs.get("country_code"))


def _only_classes(substances: tuple[Mention, ...]) -> bool:
    """Only classes ("narcotic drugs"): they do not replace the story's named drug."""
    return bool(substances) and all(s.attrs.get("category") == "class" for s in substances)


def _operations_of_their_drugs(links: list[ClaimLinks]) -> list[ClaimLinks]:
    """Operations, laboratories and areas counted beside a drug figure are of its drug ("stopped 6.7 tonnes
    in three separate operations", "65% of the coca area lay in three departments")."""
    drugs = {s.id: s for claim in links if claim.measure in POOLED_MEASURES or (
        claim.measure == "change" and claim.sources.get("substances") == "sentence") for s in claim.substances}
    if not drugs:
        return links
    pooled = tuple(sorted(drugs.values(), key=lambda s: s.start))
    return [replace(claim, substances=pooled, sources={**claim.sources, "substances": "sentence"})
            if claim.measure == "case" and not claim.substances and not GENERIC_DRUG.match(str(claim.quantity.attrs.get("counted") or ""))
            else claim for claim in links]


def _story_numbers(reading: Reading, readings: list[SentenceReading]) -> list[int]:
    """Per sentence, the number of its story: a heading, or a sentence that introduces another event,
    starts the next one (the headline and the lead open the first)."""
    out, story = [], 0
    for index, sentence in enumerate(readings):
        if index and (sentence.block == "heading" or sentence.block not in OPENING
                      and opens_story(reading.text, sentence.span, sentence.dates)):
            story += 1
        out.append(story)
    return out


def _opened_by_cue(reading: Reading, sentence: SentenceReading) -> bool:
    return opens_story(reading.text, sentence.span, sentence.dates) == "cue"


def _new_topic(text: str, previous: SentenceReading, current: SentenceReading, block_sizes: Counter[int]) -> bool:
    """A new paragraph after one of several sentences, or after a list, starts a new topic: its slots are
    its own. One-sentence paragraphs (a wire's style), list items after their lead and a paragraph
    that refers back ("The drug was hidden...", "They also found...") continue the story."""
    if current.block_start == previous.block_start or current.block == "item":
        return False
    if block_sizes[previous.block_start] < TOPIC_SENTENCES and previous.block != "item":
        return False
    opening = text[current.span[0]:current.span[0] + 40]
    return not (cue_pattern("refers_back").match(opening) or anaphora_pattern().match(opening))


def _rest_of_story(readings: list[SentenceReading], stories: list[int], number: int) -> list[SentenceReading]:
    """The sentences after ``number`` in its story (``stories`` numbers them in order)."""
    return readings[number + 1:bisect_right(stories, stories[number])]


class _Subjects:
    """The place a section, or else the whole document, is about (computed once per section)."""

    def __init__(self, reading: Reading, layout) -> None:
        self.reading, self.layout = reading, layout
        self.document = subject_of(reading.evidence, elsewhere=reading.elsewhere)
        self.sections: dict[int, Mention | None] = {}

    def at(self, offset: int) -> Mention | None:
        heading = self.layout.heading_before(offset)
        if not heading:
            return self.document
        if heading[0] not in self.sections:
            following = self.layout.heading_after(offset)
            end = following[0] if following else None
            self.sections[heading[0]] = subject_of(self.reading.evidence, heading[0], end,
                                                   SECTION_MINIMUM, self.reading.elsewhere, title_end=heading[1])
        return self.sections[heading[0]] or self.document


def _resolve(figure: Figure, sentence: SentenceReading, frame: Frame, ahead: list[SentenceReading],
             period: Mention | None, subject: Mention | None, topic: tuple[Mention, ...]) -> ClaimLinks:
    """Fill each slot of one figure: its own reading first, then the frame, then the document."""
    sources: dict[str, str] = {}
    date = _first(sources, "date", figure.date)
    if date is None and figure.may_inherit_date:
        date = _first(sources, "date", *_date_candidates(figure, sentence, frame, ahead), (period, "document"))
    elif date is None and figure.baseline is None and not figure.timeless:
        date = _first(sources, "date", (figure.told, "sentence"))

    location = _first(sources, "location", figure.location)
    if location is None and not figure.unplaced:
        location = _first(sources, "location", (frame.where, "frame"), (subject, "subject"))
    implicit = sources.get("location") in IMPLICIT_SOURCES

    policy = SUBSTANCE_POLICY.get(figure.measure, "own")
    substances = figure.substances
    if substances:
        sources["substances"] = figure.substances_source
    elif policy != "none" and (figure.anaphora or policy == "inherit") and not figure.drugs_in_general and not figure.in_table:
        candidates = [frame.what, *frame.earlier_what] if frame.what else [next((r.what for r in ahead if r.what), ())]
        if figure.anaphora == "collective" and frame.what:  # "the haul": all the story seized
            everything = _union_of(frame.what, *frame.earlier_what)
            drugs = tuple(s for s in everything if s.attrs.get("category") != "precursor")
            candidates = [drugs if figure.measure == "value" and drugs else everything]  # chemicals have no street value
        substances = next((fit for fit in (tuple(s for s in c if figure.fits(s)) for c in candidates) if fit), ())
        if substances:
            sources["substances"] = "frame"
        elif policy == "inherit" and figure.measure == "drug" and figure.quantity.attrs.get("unit") == "count":
            substances = tuple(s for s in topic if figure.fits(s))
            if substances:
                sources["substances"] = "subject"

    organisations = figure.organisations
    if organisations:
        sources["organisations"] = "sentence"
    elif frame.who and policy != "none":
        organisations, sources["organisations"] = frame.who, "frame"
    ruled_out = {"substances"} if policy == "none" else set()
    ruled_out |= {"date", "location"} if figure.timeless else set()
    return ClaimLinks(figure.quantity, sentence.span, date, location, implicit, substances, organisations,
                      figure.baseline, figure.measure, sources, frozenset(ruled_out), cell=figure.cell)


def _date_candidates(figure: Figure, sentence: SentenceReading, frame: Frame,
                     ahead: list[SentenceReading]) -> list[tuple[Mention | None, str]]:
    """Where a figure with no date of its own takes one, best first. The day its own sentence was told
    outweighs a date from another paragraph; "That is a rise of 25%" takes the last date named; an act
    ("Officers detained 11 people") the story's last dated act; else the story's date. A headline or a
    lead may take the day of the event from later in its story, and, failing all, the day it was told."""
    opening = sentence.block in OPENING
    own_told_first = not opening and frame.when_block != sentence.block_start
    forward = next((r.when for r in ahead if r.when), None)
    return [(figure.told if own_told_first else None, "sentence"),
            (frame.recent if sentence.looks_back or figure.partitive else None, "frame"),
            (frame.event if figure.narrates_act else None, "frame"),
            (frame.when, "frame"), (forward, "frame"), (figure.told, "sentence"),
            (frame.told if opening else None, "frame"),
            (next((r.told for r in ahead if r.told), None) if opening else None, "frame")]


def _first(sources: dict[str, str], slot: str, *candidates: tuple[Mention | None, str] | None) -> Mention | None:
    """The first candidate that is set, recording its source under ``slot``."""
    for candidate in candidates:
        if candidate and candidate[0] is not None:
            sources[slot] = candidate[1]
            return candidate[0]
    return None

