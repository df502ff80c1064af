"""Assemble claims: one per quantity, with the when, where, what and who around it.

Each slot is looked for in the quantity's own sentence first, then in its
table cell's headers and caption, then in the sentences just before it (the
same paragraph, or the lead of the list it belongs to), and, for the place,
in the document's main subject (marked implicit). Dates that a change is
measured against ("up 233% on the same period in 2023") are kept apart as the
baseline. Works on plain mentions and offsets (no spaCy).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_right

from extractors.model import Mention
from extractors.rules.subject import CountryHint, first_mention, subject_of
from extractors.rules.context import (
    COORDINATED_PLACE,
    Layout,
    acts_before,
    cell_context,
    is_baseline_date,
    is_baseline_quantity,
    is_elsewhere_place,
    layout_of,
)

ATTACHED_GAP = re.compile(r"^[\s,]*(?:(?:in|during|for|of|at|by|over|throughout|as\s+of)\s+(?:the\s+)?)?$",
                          re.IGNORECASE)
OF_GAP = re.compile(  # "706 kg of 4-SMS", "2.4 million tablets of tramadol", "87 pellets of cocaine", "5 tonnes cocaine"
    r"^\s*(?:(?:[a-z-]+\s+){0,2}(?:of|in|worth\s+of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}|(?:[a-z-]+\s+)?)$", re.IGNORECASE)
LEAD_GAP = re.compile(r"^\s*(?:[:(]|seizures?\s+(?:of|were|was|totall?ed|reached|stood\s+at)|worth|at|totalling|of)?\s*[~≈]?\s*$",
                      re.IGNORECASE)
COORDINATION = re.compile(  # listed together, or one named twice: "alpha-PVP, sold as salts", "crystal methamphetamine (ice)"
    r"^\s*(?:,|and|or|&|as\s+well\s+as|,\s*and|,\s*or|,?\s*\(|,?\s*(?:also\s+|locally\s+)?(?:known|sold|marketed)"
    r"\s+(?:locally\s+)?as|,?\s*(?:also\s+)?called|,?\s*a\.?k\.?a\.?)\s*(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)
OF_DRUGS_IN_GENERAL = re.compile(r"\s+of\s+(?:all\s+)?(?:illicit\s+|illegal\s+|narcotic\s+|seized\s+)?"
                                 r"(?:drugs|narcotics|substances|contraband)\b", re.IGNORECASE)
PEOPLE_AND_THINGS = re.compile(  # counted nouns a neighbouring sentence's drug does not describe
    r"\b(?:people|persons?|suspects?|arrests?|individuals?|smugglers?|traffickers?|dealers?|members?|officers?|"
    r"detainees?|prisoners?|offenders?|defendants?|targets?|criminals?|gangs?|groups?|weapons?|firearms?|guns?|rifles?|"
    r"deaths|killings|homicides|murders|victims|"
    r"rounds?|ammunition|explosives?|vehicles?|cars?|trucks?|boats?|vessels?|aircraft|planes?|properties|houses?|"
    r"accounts?|phones?|devices?|years?|months?|convictions?)\b", re.IGNORECASE)
IN_CASH = re.compile(r"\s+(?:in|of)\s+(?:cash|assets|bank\s+accounts?|criminal\s+assets|fines?)\b", re.IGNORECASE)
SOLID_DRUG_CATEGORIES = frozenset({"opioid", "stimulant", "cannabis", "hallucinogen", "synthetic cannabinoid",
                                   "synthetic cathinone"})
GLOBAL_SCOPE = re.compile(r"\b(?:global|globally|worldwide|world-wide|world's|world’s|in\s+the\s+world)\b", re.IGNORECASE)
ASIDE = re.compile(  # "..., the highest values being observed in Finland": examples after the figure, not its place
    r",\s*(?:the\s+(?:highest|lowest|largest|smallest|biggest|most|least)|with\b|including|led\s+by|mainly|mostly|"
    r"chiefly|particularly|especially|notably|most\s+of)", re.IGNORECASE)
PLACE_AFTER_GAP = re.compile(r"^[^,;:.()]{0,30}?\b(?:in|at|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
REPORTED_ON = re.compile(r"\b(?:said|says|announced|reported|stated|added|confirmed|told\s+\w+(?:\s+\w+)?|"
                         r"(?:in\s+a\s+)?statement)\s+(?:late\s+|early\s+)?(?:on\s+)?$", re.IGNORECASE)
REFERS_BACK = re.compile(  # a paragraph that opens on the story so far: "The drug was packed in 5,480 blocks"
    r"\s*(?:The|This|These|Those)\s+(?:drugs?|cocaine|heroin|shipment|consignment|haul|seizure|cargo|load|packages?|"
    r"containers?|suspects?|men|women|vessel|boat|truck|lorry|operation|raid)\b|\s*(?:They|It|He|She)\s", re.IGNORECASE)
QUOTES = re.compile(r"[\"“”‘’«»]")
LOOKBACK_SENTENCES = 3
SECTION_MINIMUM = 4.0  # a section overrides the document's subject only when its heading names a place, or its body does often
CONFIDENCE = {"sentence": 1.0, "table": 0.9, "context": 0.7, "implicit": 0.5, None: 0.0}


@dataclass(frozen=True)
class ClaimLinks:
    quantity: Mention
    sentence: tuple[int, int]
    date: Mention | None
    location: Mention | None
    location_implicit: bool
    substances: tuple[Mention, ...]
    organisations: tuple[Mention, ...]
    confidence: float
    baseline_date: Mention | None = None


def _distance(a: Mention, b: Mention) -> int:
    return max(0, a.start - b.end, b.start - a.end)


class _Index:
    """Mentions by type and by sentence, for the lookups the rules make."""

    def __init__(self, mentions: list[Mention], sentences: list[tuple[int, int]]) -> None:
        self.sentences = sentences or [(0, max((m.end for m in mentions), default=0))]
        self.starts = [s for s, _ in self.sentences]
        self.by_type: dict[str, list[Mention]] = {}
        for mention in mentions:
            self.by_type.setdefault(mention.type, []).append(mention)

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def within(self, kind: str, start: int, end: int) -> list[Mention]:
        return [m for m in self.by_type.get(kind, []) if start <= m.start and m.end <= end]


AFTER_DATE_GAP = re.compile(r"^(?!.*\b(?:that|which|who|whose|where|when|while|after|before|than|compared)\b)"
                            r"[^,;:.()]{0,40}?\b(?:in|during|for|over|throughout|since|by|as\s+of|as\s+at|until|till)\s+$", re.IGNORECASE)


def _choose_date(text: str, quantity: Mention, dates: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """(current date, baseline date) among a sentence's dates.

    A date right after the quantity's phrase ("12,800 hectares of poppy in 2024") scopes it;
    otherwise the nearest date before it, then after it. Resolved dates are preferred,
    but an unresolved one ("last year" with no document date) still fills the slot.
    """
    baselines = [d for d in dates if is_baseline_date(text, d.start)]
    current = [d for d in dates if d not in baselines]
    current = [d for d in current if not _reporting_date(text, d)]  # "police said on Tuesday" dates the telling
    baseline = min(baselines, key=lambda d: _distance(d, quantity), default=None)
    if is_baseline_quantity(text, quantity.start):  # "down from 52.5 tonnes in 2022": the old figure's own date
        own = [d for d in dates if d.start >= quantity.end and (ATTACHED_GAP.match(text[quantity.end:d.start])
                                                               or AFTER_DATE_GAP.match(text[quantity.end:d.start]))]
        return (own[0], None) if own else (None, baseline)
    for date in current:
        if date.start >= quantity.end and (ATTACHED_GAP.match(text[quantity.end:date.start])
                                           or AFTER_DATE_GAP.match(text[quantity.end:date.start])):
            return date, baseline  # "45 tonnes in 2021"
    resolved = [d for d in current if d.attrs.get("start_date") or d.attrs.get("end_date")] or current
    before = [d for d in resolved if d.end <= quantity.start]
    if before:
        return max(before, key=lambda d: d.end), baseline
    return min(resolved, key=lambda d: _distance(d, quantity), default=None), baseline


def _reporting_date(text: str, date: Mention) -> bool:
    """The day a statement was made ("the government said on Tuesday"), not when the facts happened."""
    return bool(REPORTED_ON.search(text, max(0, date.start - 40), date.start))


def _here(text: str, places: list[Mention]) -> list[Mention]:
    spans = [(p.start, p.end) for p in places]
    return [p for p in places if not is_elsewhere_place(text, p.start, spans)]


def _choose_location(text: str, quantity: Mention, places: list[Mention], actor: str | None) -> Mention | None:
    """The nearest place where the figure applies. When the sentence names only origins and
    destinations, the one in the acting agency's country is where it was found ("India's DRI found
    three tonnes shipped from Iran to Mundra port")."""
    here = [p for p in _here(text, places) if not (p.start > quantity.end and ASIDE.search(text, quantity.end, p.start))]
    here = here or [p for p in places if actor and p.attrs.get("country_code") == actor]
    labelled = [p for p in here if re.fullmatch(r"\s*\(\s*", text[p.end:quantity.start])]
    if labelled:
        return labelled[0]  # "Benin (3.9 tonnes)"
    scoped = [p for p in here if p.start >= quantity.end and PLACE_AFTER_GAP.match(text[quantity.end:p.start])
              and not re.match(r"\s+(?:border|frontier)", text[p.end:p.end + 10], re.IGNORECASE)]
    if scoped:
        return scoped[0]  # "fetches 3.6 million lek wholesale in Tirana"
    nearest = min(here, key=lambda p: _distance(p, quantity), default=None)
    return _head_of_list(text, nearest, here) if nearest and nearest.end <= quantity.start else nearest


def _head_of_list(text: str, place: Mention, places: list[Mention]) -> Mention:
    """The first of the places listed with ``place`` ("Burkina Faso, Chad, Mali and Niger together seized"):
    a figure for a group of countries is filed under the first, as analysts cite it."""
    ordered = sorted(places, key=lambda p: p.start)
    index = ordered.index(place)
    while index > 0 and COORDINATED_PLACE.fullmatch(text[ordered[index - 1].end:ordered[index].start]):
        index -= 1
    return ordered[index]


def _fitting(quantity: Mention, substances: list[Mention]) -> list[Mention]:
    """Substances a figure in this unit can measure: hectares are of a crop, litres of a chemical
    ("63 000 litres" in a sentence naming heroin are of the precursor the paragraph is about)."""
    unit = quantity.attrs.get("unit")
    if unit == "ha":
        return [s for s in substances if s.attrs.get("plant")]
    if unit == "l":
        return [s for s in substances if s.attrs.get("category") not in SOLID_DRUG_CATEGORIES]
    return substances


def _not_of_a_drug(text: str, quantity: Mention) -> bool:
    """People, arrests, weapons, vehicles or cash counted: no drug of a neighbouring sentence describes them."""
    counted = str(quantity.attrs.get("counted") or "")
    return bool(PEOPLE_AND_THINGS.search(counted)) or bool(IN_CASH.match(text, quantity.end))


def _choose_substances(text: str, quantity: Mention, substances: list[Mention]) -> tuple[Mention, ...]:
    """The substance the quantity is of ("706 kg of 4-SMS", "heroin: 745 kg"), with those listed alongside it."""
    if not substances:
        return ()
    after = [s for s in substances if s.start >= quantity.end and OF_GAP.match(text[quantity.end:s.start])
             and s.start - quantity.end <= 40]
    before = [s for s in substances if s.end <= quantity.start and LEAD_GAP.match(text[s.end:quantity.start])]
    specific = [s for s in substances if s.attrs.get("category") != "class"]
    if quantity.attrs.get("unit") == "ha":
        return tuple(substances[:1])  # hectares are of one crop (``_fitting`` kept only crops)
    if not (after or before or specific):
        return ()  # a class ("synthetic drugs") counts only when the figure is of it
    anchor = (after or before or [_clause_subject(text, quantity, specific)])[0]
    group = [anchor]
    ordered = sorted(substances, key=lambda s: s.start)
    index = ordered.index(anchor)
    for step in (-1, 1):
        position = index
        while 0 <= position + step < len(ordered):
            neighbour, current = ordered[position + step], ordered[position]
            gap = text[neighbour.end:current.start] if step < 0 else text[current.end:neighbour.start]
            if not COORDINATION.match(QUOTES.sub("", gap)):
                break
            group.append(neighbour)
            position += step
    unique = {s.id: s for s in group}
    return tuple(sorted(unique.values(), key=lambda s: s.start))


def _clause_subject(text: str, quantity: Mention, substances: list[Mention]) -> Mention:
    """The substance a clause is about: the nearest one before the quantity with no clause
    break between ("The methamphetamine had a street value of A$1.2 billion"), else the nearest."""
    before = [s for s in substances if s.end <= quantity.start and not re.search(r"[;:]", text[s.end:quantity.start])]
    if before:
        return max(before, key=lambda s: s.end)
    return min(substances, key=lambda s: _distance(s, quantity))


def _context_sentences(index: _Index, layout: Layout, text: str, sentence: int) -> list[tuple[int, int]]:
    """The sentences a claim may inherit from, nearest first, never across a heading: earlier
    ones in its paragraph (up to LOOKBACK_SENTENCES); for a list item, the sentences before
    the list (sibling items are passed over); past a lead ending in ":", the paragraph before it."""
    out: list[tuple[int, int]] = []
    own_start = index.sentences[sentence][0]
    heading = layout.heading_before(own_start)
    in_list = _starts_list_item(text, own_start)
    paragraph = layout.paragraph_of(own_start)
    for previous in range(sentence - 1, -1, -1):
        start, end = index.sentences[previous]
        if heading and start <= heading[0]:
            break
        if in_list and _starts_list_item(text, start):
            continue
        if layout.paragraph_of(start) != paragraph:
            crossed_lead = bool(out) and text[out[-1][0]:out[-1][1]].rstrip().endswith(":")
            opening = index.sentences[sentence] if not out else out[-1]
            refers_back = bool(REFERS_BACK.match(text, opening[0]))
            if not (in_list or crossed_lead or refers_back):
                break
            in_list = False
            paragraph = layout.paragraph_of(start)
        out.append((start, end))
        if len(out) >= LOOKBACK_SENTENCES:
            break
    return out


def _starts_list_item(text: str, offset: int) -> bool:
    """The sentence at ``offset`` opens a list item ("- methamphetamine: 11 tonnes;")."""
    line_start = text.rfind("\n", 0, offset) + 1
    marker = re.match(r"[ \t]*(?:[-–•*·▪]|\d{1,2}[.)])[ \t]+", text[line_start:offset + 8])
    return bool(marker) and offset - line_start <= marker.end()


def link_claims(mentions: list[Mention], sentences: list[tuple[int, int]], text: str,
                dateline: tuple[int, int] | None = None, hints: list[CountryHint] = ()) -> list[ClaimLinks]:
    """One ``ClaimLinks`` per QUANTITY mention, in text order.

    ``dateline`` is the span that gave the document its date ("AMMAN, Dec 26
    (Reuters) -"): its date and place describe the filing, not the facts, though
    the place is evidence of the subject. ``hints`` are demonyms found in the text.
    """
    if dateline:
        hints = [*hints, *(CountryHint(m.start, m.attrs["country_code"], source="dateline") for m in mentions
                           if m.type == "LOCATION" and dateline[0] <= m.start < dateline[1] and m.attrs.get("country_code"))]
        mentions = [m for m in mentions if not (dateline[0] <= m.start < dateline[1])]
    index = _Index(mentions, sentences)
    layout = layout_of(text)
    here = {m.id for sentence in index.sentences for m in _here(text, index.within("LOCATION", *sentence))}
    elsewhere = frozenset(m.id for m in index.by_type.get("LOCATION", []) if m.id not in here)
    document_subject = subject_of(mentions, hints, elsewhere=elsewhere)
    section_subjects: dict[int, Mention | None] = {}
    claims = []
    for quantity in index.by_type.get("QUANTITY", []):
        number = index.sentence_index(quantity.start)
        sentence = index.sentences[number]
        within = lambda kind, span=sentence: index.within(kind, *span)  # noqa: E731
        cell = cell_context(text, layout, quantity.start)
        cell_spans = [s for s in ((cell.column_header, cell.row_header, cell.caption) if cell else ()) if s]
        context = _context_sentences(index, layout, text, number)
        heading = layout.heading_before(quantity.start)
        section_end = next((h[0] for h in layout.headings if h[0] > quantity.start), None)
        if heading and heading[0] not in section_subjects:
            section_subjects[heading[0]] = subject_of(mentions, hints, heading[0], section_end, SECTION_MINIMUM, elsewhere,
                                                       title_end=heading[1])
        section = section_subjects[heading[0]] if heading else None
        subject = section or document_subject  # a section with no clear subject of its own defers to the document's

        date, baseline = _choose_date(text, quantity, within("DATE"))
        date_source = "sentence" if date else None
        if date is None and baseline is None and cell_spans:
            date = next((d for span in cell_spans[:2] for d in within("DATE", span)), None)
            date_source = "table" if date else None
        if date is None and not is_baseline_quantity(text, quantity.start):
            for span in (context if baseline is None else context[:1]):
                candidates = [d for d in within("DATE", span)
                              if not is_baseline_date(text, d.start) and not _reporting_date(text, d)]
                if candidates:
                    date, date_source = candidates[-1], "context"
                    break
        if date is None and baseline is None:  # nothing better: the day it was told
            date = next((d for d in within("DATE") if _reporting_date(text, d)), None)
            date_source = "sentence" if date else None

        agencies = [h for h in hints if sentence[0] <= h.start < quantity.start and h.source == "organisation"
                    and acts_before(text, h.start, quantity.start)]
        actor = agencies[-1].place if agencies else None  # the country of the nearest acting agency before the figure
        location = _choose_location(text, quantity, within("LOCATION"), actor)
        location_source = "sentence" if location else None
        for span in ([s for s in cell_spans if s != cell.column_header] if cell else []) + context[:1]:
            if location is not None:
                break
            places = _here(text, within("LOCATION", span))
            location = _head_of_list(text, places[-1], places) if places else None
            location_source = "context" if location else None
        if location is None and actor:  # "Dutch police arrested 100 suspects": where the agency works
            location = first_mention(actor, mentions)
        if location is None and not GLOBAL_SCOPE.search(text, *sentence):  # a world figure has no one place
            location = subject
        implicit = location is not None and location_source is None
        if implicit:
            location_source = "implicit"

        substances = _choose_substances(text, quantity, _fitting(quantity, within("SUBSTANCE")))
        for span in cell_spans + context + ([heading] if heading else []):
            if substances or OF_DRUGS_IN_GENERAL.match(text, quantity.end) or _not_of_a_drug(text, quantity):
                break  # "7,500 kg of drugs" is about drugs in general, "746 arrests" about none, whatever the story's drug
            inherited = [s for s in _fitting(quantity, within("SUBSTANCE", span)) if s.attrs.get("category") != "class"]
            if len({s.attrs.get("canonical") for s in inherited}) == 1:  # one topic, not a list of examples
                substances = _choose_substances(text, quantity, inherited)
            elif inherited:
                break

        organisations = tuple(within("ORG"))
        sources = (date_source, location_source, "sentence" if substances else None)
        confidence = round(0.4 + 0.2 * sum(CONFIDENCE[s] for s in sources), 2)
        claims.append(ClaimLinks(quantity, sentence, date, location, implicit, substances, organisations,
                                 min(confidence, 1.0), baseline))
    return claims
