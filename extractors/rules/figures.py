"""A figure as its own sentence describes it: what it measures, and the date, place and drugs its clause,
its sentence and its table cell give it, each with where it came from.

The roles of dates and places come from ``context.py`` (baselines, origins, destinations) and
``clauses.py`` (clauses, tense, reporting days); what a figure measures from ``measures.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from extractors.model import Mention
from extractors.rules.clauses import (clause_of, inside_relative, is_habitual, refers_back, relative_clauses, reported_on,
                                      shifts_time, tense)
from extractors.rules.context import ENFORCEMENT_ACT, acts_before, is_baseline_date, is_baseline_quantity
from extractors.rules.cues import anaphora_in, cue_pattern
from extractors.rules.linking import (choose_location, choose_substances, fitting, head_of_list, here, is_attached_date,
                                      is_linked, resembled)
from extractors.rules.measures import CONTAINING, SUBSTANCE_POLICY, TIMELESS, header_class, is_bare, measure_of, subject_class
from extractors.rules.tables import CellContext, cell_context

if TYPE_CHECKING:
    from extractors.rules.reading import Reading

DRUGS_IN_GENERAL_BEFORE = re.compile(  # "lifts the volume of drugs captured ... to 58 tonnes"
    r"\b(?:volume|amount|quantity|total|tonnage|weight|haul)\s+of\s+(?:all\s+)?(?:illicit\s+|illegal\s+|seized\s+)?"
    r"(?:drugs|narcotics|substances)\b|\b(?:inject|injects|use|uses|using|take|takes|consume|consumes)\s+drugs\b|"
    r"\bnumber\s+of\s+drug\b",
    re.IGNORECASE)
OF_DRUGS_IN_GENERAL = re.compile(  # "7,500 kg of drugs", "90% of drug sales", "a 90% share of the Belarusian drug market"
    r"\s+(?:of\s+(?:all\s+)?(?:(?:illicit|illegal|narcotic|seized|finished|other|various|different|confiscated|assorted|mixed|"
    r"prohibited|banned)\s+)?(?:drugs|narcotics|substances|contraband)\b(?!\s+(?:and|or)\s+(?:precursor|chemical))|"
    r"(?:\w+\s+)?(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+)?drug\s+(?:sales|markets?|trade|trafficking|crimes?|offences?|economy|"
    r"supply|use|flows?)\b)", re.IGNORECASE)
GLOBAL_SCOPE = re.compile(r"\b(?:global|globally|worldwide|world-wide|world's|world’s|in\s+the\s+world)\b", re.IGNORECASE)
CHANGE_VERB = re.compile(r"\b(?:rose|risen|rising|fell|fallen|falling|increased|decreased|grew|grown|dropped|declined|"
                         r"doubled|tripled|halved|jumped|climbed|surged|plunged|soared|shrank|reached|totall?ed|amounted)\b",
                         re.IGNORECASE)
COMBINED = re.compile(r"\b(?:combined|total|together|in\s+all|altogether|overall)\b", re.IGNORECASE)
WHEN_CLAUSE = re.compile(r"\s*(?:,\s*)?when\b[^;.()]*", re.IGNORECASE)
GRANULARITY_RANK = {"day": 0, "month": 1, "quarter": 2, "half": 3, "year": 4, "multi-year": 5, "unknown": 6}
PARTITIVE = re.compile(r"\s+of\s+(?:the\s+total|these|those|them|this|that|it|which)\b", re.IGNORECASE)
SUBORDINATE = re.compile(r"\b(?:after|before|when|while|since|until|because|as)\b", re.IGNORECASE)  # "..., after X declared ... in January"
NOT_DRUG_COLUMNS = ("people", "thing", "money", "duration")  # "Arrests (number)": its cells count no drug
SHARE_OF = re.compile(r"\b(?:accounted\s+for|accounts\s+for|made\s+up|makes\s+up|represented|represents|comprised|"
                      r"constituted)\s+(?:about\s+|almost\s+|nearly\s+|some\s+|roughly\s+|over\s+|more\s+than\s+)?$",
                      re.IGNORECASE)
NARRATIVE_BLOCKS = ("headline", "summary", "lead", "item", "table", "heading")  # a headline's present, a lead's "have seized", are the event


@dataclass(frozen=True)
class Figure:
    """A quantity as its own sentence describes it; a slot is (mention, source) or None."""

    quantity: Mention
    measure: str
    date: tuple[Mention, str] | None
    baseline: Mention | None
    told: Mention | None
    may_inherit_date: bool
    location: tuple[Mention, str] | None
    unplaced: bool  # a world figure, a potency, or one whose agency's country the text never names: no inherited place
    substances: tuple[Mention, ...]
    substances_source: str
    linked: bool  # a drug is attached to the figure itself ("706 kg of 4-SMS"), not only named in its clause
    narrates_act: bool  # its clause tells an act of the story ("Officers detained 11 people"), not a trend
    partitive: bool  # "About 46 tonnes of the total": a part of the figure just named
    cell: CellContext | None  # where it sits when it is a table cell
    anaphora: str  # "collective" ("the haul"), "single" ("the drug") or ""
    drugs_in_general: bool
    organisations: tuple[Mention, ...]

    @property
    def in_table(self) -> bool:
        return self.cell is not None

    @property
    def timeless(self) -> bool:
        return self.measure in TIMELESS

    def fits(self, substance: Mention) -> bool:
        return bool(fitting(self.quantity, [substance]))


@dataclass
class SentenceFacts:
    """What every figure of one sentence reads from it, found once per sentence."""

    span: tuple[int, int]
    block: str
    parts: list[tuple[int, int]]
    dates: list[Mention]
    places: list[Mention]
    quantities: list[Mention]
    substances: list[Mention]
    organisations: tuple[Mention, ...]
    anaphora: str
    worldwide: bool
    habitual: bool
    told: Mention | None
    label: tuple[Mention, ...]  # the drug a list item is labelled with: "- Ketamine: detected in 74% of the cities"
    clause_cache: dict[tuple[int, int], tuple[str, bool, bool]] = field(default_factory=dict)

    @classmethod
    def of(cls, reading: "Reading", span: tuple[int, int], block: str, parts: list[tuple[int, int]],
           dates: list[Mention]) -> "SentenceFacts":
        text = reading.text
        return cls(span, block, parts, dates, reading.within("LOCATION", *span), reading.within("QUANTITY", *span),
                   reading.within("SUBSTANCE", *span), tuple(reading.within("ORG", *span)), anaphora_in(text, *span),
                   bool(GLOBAL_SCOPE.search(text, *span)), is_habitual(text, *span),
                   next((d for d in dates if reported_on(text, d.start, d.end)), None), reading.item_label(span[0]))

    def clause_facts(self, text: str, clause: tuple[int, int]) -> tuple[str, bool, bool]:
        """(tense, shifts time, narrates an act) of one clause."""
        if clause not in self.clause_cache:
            self.clause_cache[clause] = (tense(text, *clause), shifts_time(text, *clause),
                                         bool(ENFORCEMENT_ACT.search(text, *clause)) and not CHANGE_VERB.search(text, *clause))
        return self.clause_cache[clause]


def read_figure(reading: Reading, facts: SentenceFacts, quantity: Mention, elided: tuple[str, bool] | None = None) -> Figure:
    """What one quantity measures and which slots its sentence fills. ``elided`` is the measure of the figure
    read just before it, and whether that was in this sentence: what a bare number counts when its noun is
    left out ("from 53 million tablets to 30.4 million", "They recovered to 36.3 million")."""
    text = reading.text
    span, block, parts, dates, places, quantities = (facts.span, facts.block, facts.parts, facts.dates, facts.places,
                                                     facts.quantities)
    clause = parts[clause_of(parts, quantity.start)]
    clause_tense, shifted, acts = facts.clause_facts(text, clause)
    cell = cell_context(text, reading.layout, quantity.start)
    counted_by_column = header_class(" ".join(text[slice(*h)] for h in reversed(cell.column_heads))) if cell and cell.column_heads else None
    measure = counted_by_column if counted_by_column in NOT_DRUG_COLUMNS else measure_of(text, quantity, clause, quantities)
    if measure == "other" and is_bare(text, quantity):
        measure = _elided_measure(text, quantity, clause, elided) or measure
    if measure == "money" and is_linked(text, quantity, facts.substances):
        measure = "value"  # "$50M in cocaine", "EUR 2 million of heroin"
    if measure == "value" and not any(clause[0] <= s.start < clause[1] for s in facts.substances) and not anaphora_in(text, *clause) \
            and subject_class(text, clause[0], quantity.start, first=True) == "thing":
        measure = "money"  # "The vessel ... is worth about EUR 180,000": the worth of a thing, not of a drug
    headers = cell.headers if cell else ()

    date, baseline = (None, None) if measure in TIMELESS else _own_date(text, quantity, parts, dates, quantities)
    date_slot = (date, "sentence") if date else None
    header_date = _header_date(reading, cell, quantity) if headers and baseline is None else None
    if header_date is not None:
        date_slot = (header_date, "table")  # a cell's row is no sentence: its labels and headers date it ("2021  January")
    generic = block not in NARRATIVE_BLOCKS and (clause_tense == "present" or facts.habitual) \
        and not refers_back(text, span[0], clause)
    may_inherit = (date_slot is None and measure not in TIMELESS and not is_baseline_quantity(text, quantity.start)
                   and not generic and not shifted)

    asides = [a for a in relative_clauses(text, *span) if not a[0] <= quantity.start < a[1]]  # "a decline that officials
    places = [p for p in places if not any(a <= p.start < b for a, b in asides)]  # attribute to a ban in Afghanistan"
    location_slot = None if measure in TIMELESS else _own_location(reading, span, _by_clause(parts, clause, places), quantity, cell)
    unplaced = measure in TIMELESS or facts.worldwide or (location_slot is None and (
        _foreign_actor(reading, span, quantity) or bool(cue_pattern("several_places").search(text, *clause))))  # "in the two countries"
    policy = SUBSTANCE_POLICY.get(measure, "own")
    if measure == "other" and refers_back(text, span[0], (span[0], span[0])):
        policy = "inherit"  # "They recovered to 36.3 million in 2020": the figures the sentence before counted
    if SHARE_OF.search(text, max(0, quantity.start - 40), quantity.start):
        policy = "own"  # "Cannabis accounted for 48.6% of seizures and 44.9% of arrests": a share the drug has
    named = [s for s in facts.substances if s.start < clause[1]]
    substances, source = _own_substances(reading, named, quantity, measure, policy, cell)
    if not substances and policy != "none" and facts.label:
        substances, source = tuple(s for s in facts.label if fitting(quantity, [s])), "sentence"  # "- Ketamine: ... 74% of cities"
    in_general = bool(OF_DRUGS_IN_GENERAL.match(text, quantity.end) or DRUGS_IN_GENERAL_BEFORE.search(text, clause[0], quantity.start)
                      ) or (quantity.attrs.get("unit") in ("percent", "times", "ratio") and not substances  # "44,870 kg of drugs, up 20.3%"
                            and any(OF_DRUGS_IN_GENERAL.match(text, other.end) for other in quantities))
    linked = is_linked(text, quantity, facts.substances)
    if in_general and not linked:
        substances, source = (), ""  # "a record 221 tonnes of drugs" near "the world's largest cocaine producers"
    return Figure(quantity, measure, date_slot, baseline, facts.told, may_inherit, location_slot, unplaced, substances, source,
                  linked, acts and measure != "change", bool(PARTITIVE.match(text, quantity.end)), cell, facts.anaphora, in_general, facts.organisations)


def _elided_measure(text: str, quantity: Mention, clause: tuple[int, int], elided: tuple[str, bool] | None) -> str | None:
    """A bare number counts what the figure before it in its sentence counts ("destroyed 1.6 million plants
    in 2016 but fewer than 40,000 in 2023"), else its clause's subject ("Arrests numbered 112,049"), else
    what the sentence before last counted."""
    kind, same_sentence = elided or (None, False)
    usable = kind if kind not in (None, "other", "change", "potency") else None
    if usable and same_sentence:
        return usable
    return subject_class(text, clause[0], quantity.start) or usable


def _header_date(reading: Reading, cell, quantity: Mention) -> Mention | None:
    """The date a table cell is of: its column's, else its row's, else the caption's; a change column with no
    date of its own ("Change (%)" beside "1H23", "1H24") compares the latest period named."""
    for header in (*cell.column_heads, *cell.row_labels):
        found = reading.within("DATE", *header)
        if found:
            return found[0]
    named = [d for d in reading.dates_in_table_heads(cell)] if quantity.attrs.get("unit") in ("percent", "times") else []
    if named:
        return max(named, key=lambda d: (str(d.attrs.get("end_date") or ""), d.start))
    found = reading.within("DATE", *cell.caption) if cell.caption else []
    return found[0] if found else None


def _own_date(text: str, quantity: Mention, parts: list[tuple[int, int]], dates: list[Mention],
              quantities: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """(current date, baseline date) from the figure's own sentence.

    A date attached after the figure ("45 tonnes in 2021") scopes it; otherwise the nearest one
    before it in its clause, then after it; otherwise the latest in an earlier clause (a date scopes
    the clauses after it, never those before). A compared figure ("up from 52.5 tonnes in 2022")
    keeps only a date of its own, or a multi-year span the whole comparison covers.
    """
    asides = [span for span in relative_clauses(text, parts[0][0], parts[-1][1]) if not span[0] <= quantity.start < span[1]]
    dates = [d for d in dates if not any(a <= d.start < b for a, b in asides)]  # "FY 2024, which began on Oct. 1,"
    compared = {d.id for d in dates for other in quantities if other is not quantity and d.start >= other.end
                and is_baseline_quantity(text, other.start) and is_attached_date(text, other, d)}
    baselines = [d for d in dates if is_baseline_date(text, d.start, d.end) or d.id in compared]  # "the 190 tonnes taken in 2023"
    events = [d for d in dates if d not in baselines and not reported_on(text, d.start, d.end)]
    events = [d for d in events if d.attrs.get("start_date") or d.attrs.get("end_date")] or events
    baseline = min(baselines, key=lambda d: abs(d.start - quantity.start), default=None)
    attached = [d for d in dates if d.start >= quantity.end and is_attached_date(text, quantity, d)
                and not _claimed_by_other(text, quantity, d, quantities)]
    framing = [d for d in dates if d.end <= quantity.start and (WHEN_CLAUSE.fullmatch(text, d.end, quantity.start)
                                                                 or re.fullmatch(r"\s*\(\s*", text[d.end:quantity.start]))]
    if framing:  # "triple the amount seized in 2022, when about 9 million pills were confiscated", "on 2023 (22,316)"
        return framing[-1], None
    own_clause = clause_of(parts, quantity.start)
    own_later = [d for d in dates if d.start >= quantity.end and clause_of(parts, d.start) == own_clause
                 and not reported_on(text, d.start, d.end) and not _claimed_by_other(text, quantity, d, quantities)]
    if is_baseline_quantity(text, quantity.start):  # "up from 600 when it was launched in 2018", "the 2022 level of 10.2 t"
        spans = [d for d in events if d.attrs.get("granularity") == "multi-year"]
        named = [d for d in dates if quantity.start - 30 <= d.start and d.end <= quantity.start
                 and re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}of\s+", text[d.end:quantity.start])]
        return (attached[0] if attached else own_later[0] if own_later else named[-1] if named else
                spans[0] if spans else None), None
    in_clause = [d for d in events if clause_of(parts, d.start) == own_clause]
    after = [d for d in in_clause if d in attached]
    before = [d for d in in_clause if d.end <= quantity.start]
    later = [d for d in in_clause if d.start >= quantity.end and d not in attached]
    later = [d for d in later if d in own_later and not inside_relative(text, quantity.end, d.start)]
    if after:
        return after[0], baseline
    if before:
        nearest = max(before, key=lambda d: d.end)  # unless a finer date follows: "during the period ... 48 kg ... in October"
        finer = later and rank(later[0]) < rank(nearest) and not SUBORDINATE.search(text, quantity.end, later[0].start)
        return (later[0] if finer else nearest), baseline
    if later:
        return later[0], baseline
    earlier = [d for d in events if clause_of(parts, d.start) < own_clause]
    if earlier and not shifts_time(text, *parts[own_clause]):
        return max(earlier, key=lambda d: d.end), baseline
    return None, baseline


def _claimed_by_other(text: str, quantity: Mention, date: Mention, quantities: list[Mention]) -> bool:
    """The date belongs to a compared figure between this one and it ("5 t, up from 3 t the year before",
    "1,100 officers, up from 600 when it was launched in 2018", "4.6 tonnes, after a record 5.9 tonnes in 2021-22"),
    not to any other ("3.2 t of tramadol and 146 kg of cocaine at the port in 2024")."""
    return any(quantity.end <= other.start and other.end <= date.start and is_baseline_quantity(text, other.start)
               for other in quantities)


def _by_clause(parts: list[tuple[int, int]], clause: tuple[int, int], mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by where they stand from the figure: its own clause, each earlier clause (nearest
    first), then all the clauses after it ("418,000 litres in 2023, of which 312,500 litres were seized in
    Mexico")."""
    own = parts.index(clause)
    group = lambda indices: [m for i in indices for m in mentions if parts[i][0] <= m.start < parts[i][1]]
    return [group([own]), *[group([i]) for i in range(own - 1, -1, -1)], group(range(own + 1, len(parts)))]


def _own_location(reading: Reading, span: tuple[int, int], grouped: list[list[Mention]], quantity: Mention,
                  cell) -> tuple[Mention, str] | None:
    """The place the figure's sentence gives it up to its clause's end, else a later clause; else its
    table row's, else the acting agency's country."""
    text = reading.text
    agencies = [h for h in reading.evidence.hints_in(span[0], quantity.start) if h.source in ("organisation", "demonym")
                and acts_before(text, h.start, quantity.start) and (h.source == "organisation" or _names_agency(text, h.start))]
    actor = agencies[-1].place if agencies else None  # the country of the nearest acting agency before the figure
    location = choose_location(text, quantity, grouped[0], actor)
    if location and location.attrs.get("country_code"):
        return location, "sentence"
    for earlier in grouped[1:-1]:  # the subject of the clause before ("Antwerp topped the ranking, ...; its load was"),
        at_home = here(text, earlier)  # a country's place over a river's or a region's
        coded = [p for p in at_home if p.attrs.get("country_code")]
        if coded or (at_home and location is None):
            return head_of_list(text, (coded or at_home)[0], coded or at_home), "sentence"
    if location:
        return location, "sentence"
    for header in ([s for s in (*cell.row_labels, cell.caption) if s] if cell else []):
        at_home = here(text, reading.within("LOCATION", *header))
        if at_home:
            return head_of_list(text, at_home[-1], at_home), "table"
    found = reading.evidence.first_mention(actor) if actor else None
    if found:  # "the Royal Thai Police detained 93,000 suspects ..., and Myanmar's CCDAC recorded ...": the agency's
        return found, "agency"
    location = choose_location(text, quantity, grouped[-1], None)
    return (location, "sentence") if location else None


def _foreign_actor(reading: Reading, span: tuple[int, int], quantity: Mention) -> bool:
    """An agency of a country the text never names acted ("Malaysian authorities seized 93 million pills"):
    the figure is of that country, so neither the story's place nor the document's subject is its place."""
    return any(h.source == "demonym" and _names_agency(reading.text, h.start)
               and acts_before(reading.text, h.start, quantity.start) and reading.evidence.first_mention(h.place) is None
               for h in reading.evidence.hints_in(span[0], quantity.start))


AGENCY_AFTER = re.compile(r"[\w'’.-]*\s+(?:[\w-]+\s+)?(?:authorities|police|customs|officials|officers|forces|navy|army|"
                          r"coast\s+guard|agents|prosecutors|court|government|ministry|border\s+guards?|gendarmerie|troops)\b",
                          re.IGNORECASE)


def _names_agency(text: str, hint_start: int) -> bool:
    """"Malaysian authorities", "Dutch police": a demonym acting as the agency of its country."""
    return bool(AGENCY_AFTER.match(text, hint_start))


def _own_substances(reading: Reading, named: list[Mention], quantity: Mention, measure: str, policy: str,
                    cell) -> tuple[tuple[Mention, ...], str]:
    """The drugs the figure's sentence up to the end of its clause (or its table's headers) says it is
    of, as its measure allows: "97 deaths in 2022, 38 of which involved heroin" gives the 97 none."""
    if policy == "none":
        return (), ""
    if measure == "potency":  # "500 times more potent than morphine": the drug and what it is measured against
        return tuple(named), "sentence"
    named = [s for s in named if not resembled(reading.text, s)]
    found = choose_substances(reading.text, quantity, fitting(quantity, named, reading.text), linked_only=policy == "linked",
                              classes_lead=policy == "inherit", subject_after=measure != "other")
    if found:
        return found, "sentence"
    if policy == "inherit" and cell:
        for header in cell.headers:
            inherited = [s for s in fitting(quantity, reading.within("SUBSTANCE", *header)) if s.attrs.get("category") != "class"]
            if inherited:
                return choose_substances(reading.text, quantity, inherited) or tuple(inherited[:1]), "table"
    return (), ""


def pooled(text: str, parts: list[tuple[int, int]], figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Figures that stand for several drugs of their sentence take them all: a container of what follows
    ("14 backpacks containing 2.8 million yaba tablets and 42 kg of ketamine"), a combined value
    ("with a combined value of 1.1 billion baht"), packets of what was found ("720 kg of heroin and
    330 kg of methamphetamine in 1,044 packets")."""
    linked = [f for f in figures if f.linked and f.substances and f.measure in ("drug", "crop")]
    if len({s.attrs.get("canonical") for f in linked for s in f.substances}) < 2:
        return figures
    out = []
    for figure in figures:
        start = figure.quantity.start
        clause = parts[clause_of(parts, start)]
        after = union(f for f in linked if f.quantity.start > start)
        before = union(f for f in linked if f.quantity.start < start)
        pool = ()
        if figure.measure == "drug" and not figure.linked and CONTAINING.match(text, figure.quantity.end) and len(after) > 1:
            pool = after
        elif figure.measure == "value" and COMBINED.search(text, clause[0], start):
            pool = union(linked)
        elif figure.measure == "drug" and not figure.linked and len({s.attrs.get("canonical") for s in before}) > 1:
            pool = before
        out.append(replace(figure, substances=pool, substances_source="sentence") if pool else figure)
    return tuple(out)


def union(figures) -> tuple[Mention, ...]:
    found = {s.id: s for f in figures for s in f.substances}
    return tuple(sorted(found.values(), key=lambda s: s.start))


def rank(date: Mention) -> int:
    return GRANULARITY_RANK.get(str(date.attrs.get("granularity")), 9)
