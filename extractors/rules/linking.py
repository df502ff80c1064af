"""Links inside one sentence: which date is attached to a figure, which place it applies to, which
drugs it is of. Pure functions over the text and plain mentions.
"""
from __future__ import annotations

import re

from extractors.model import Mention
from extractors.rules.context import COORDINATED_PLACE, elsewhere_places

ATTACHED_GAP = re.compile(r"^[\s,]*(?:(?:in|during|for|of|at|by|over|throughout|as\s+of)\s+(?:the\s+)?)?$",
                          re.IGNORECASE)
AFTER_DATE_GAP = re.compile(r"^(?!.*\b(?:that|which|who|whose|where|when|while|after|before|than|compared)\b)"
                            r"[^,;:.()]{0,40}?\b(?:in|during|for|over|throughout|since|by|as\s+of|as\s+at|until|till|"
                            r"a\s+year\s+between|a\s+year\s+in|per\s+year\s+in)\s+$", re.IGNORECASE)
OF_GAP = re.compile(  # "706 kg of 4-SMS", "87 pellets of cocaine", "5 tonnes cocaine", "1.1 t of narcotic and psychotropic substances"
    r"^\s*(?:(?:(?!and\b|or\b)[a-z-]+\s+){0,2}(?:of|in|worth\s+of)\s+(?:the\s+)?(?:(?!and\b|or\b)[a-z-]+\s+){0,3}|of\s+[a-z]+\s+(?:and|or)\s+|(?:[a-z-]+\s+)?)$",
    re.IGNORECASE)
LEAD_GAP = re.compile(r"^\s*(?:[:(]|seizures?\s+(?:of|were|was|totall?ed|reached|stood\s+at)|worth|at|totalling|of|in)?\s*[~≈]?\s*$",
                      re.IGNORECASE)
COORDINATION = re.compile(  # listed together, or one named twice: "alpha-PVP, sold as salts", "crystal methamphetamine (ice)"
    r"^\s*(?:,|and|or|&|as\s+well\s+as|,\s*and|,\s*or|,?\s*\(|,?\s*(?:also\s+|locally\s+)?(?:known|sold|marketed)"
    r"\s+(?:locally\s+)?as|,?\s*(?:also\s+)?called|,?\s*a\.?k\.?a\.?)\s*(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)
SOLID_DRUG_CATEGORIES = frozenset({"opioid", "stimulant", "cannabis", "hallucinogen", "synthetic cannabinoid",
                                   "synthetic cathinone"})
ASIDE = re.compile(  # "..., the highest values being observed in Finland": examples after the figure, not its place
    r",\s*(?:the\s+(?:highest|lowest|largest|smallest|biggest|most|least)|with\b|including|led\s+by|mainly|mostly|"
    r"chiefly|particularly|especially|notably|most\s+of|(?:almost\s+|nearly\s+|about\s+|some\s+)?(?:half|"
    r"(?:one|two|three)\s+(?:thirds?|quarters?)|a\s+third|a\s+quarter)\s+of\s+(?:it|them|which))", re.IGNORECASE)
PLACE_AFTER_GAP = re.compile(r"^[^,;:.()]{0,30}?\b(?:in|at|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
CLAUSE_OPENING = re.compile(r",\s+(?:while|whereas|but|although|and)\s", re.IGNORECASE)
LIQUID = re.compile(r"\b(?:liquid|syrup|solution|oil)\b", re.IGNORECASE)
LOOK_ALIKE = re.compile(r"\b(?:look(?:s|ed)?\s+like|resembl\w+|disguised\s+as|posing\s+as|imitat\w+|passed\s+off\s+as|"
                        r"instead\s+of|rather\s+than|mistaken\s+for)\s+(?:an?\s+|the\s+|genuine\s+|real\s+)?$", re.IGNORECASE)
QUOTES = re.compile(r"[\"“”‘’«»]")


def distance(a: Mention, b: Mention) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def is_attached_date(text: str, quantity: Mention, date: Mention) -> bool:
    """A date right after the figure's phrase scopes it: "12,800 hectares of poppy in 2024", "an average
    of 13 kilograms a year between 2013 and 2020", "as of July 22"."""
    gap = text[quantity.end:date.start]
    return bool(ATTACHED_GAP.match(gap) or AFTER_DATE_GAP.match(gap))


def here(text: str, places: list[Mention]) -> list[Mention]:
    """The places that are where something is, not origins, destinations or routes."""
    away = elsewhere_places(text, tuple((p.start, p.end) for p in places))
    return [p for index, p in enumerate(places) if index not in away]


def choose_location(text: str, quantity: Mention, places: list[Mention], actor: str | None) -> Mention | None:
    """The nearest place where the figure applies. When the sentence names only origins and
    destinations, the one in the acting agency's country is where it was found ("India's DRI found
    three tonnes shipped from Iran to Mundra port")."""
    at_home = [p for p in here(text, places) if not (p.start > quantity.end and ASIDE.search(text, quantity.end, p.start))]
    if actor:  # "On the Balkan route, Bulgarian customs seized ...": a corridor is not where an agency works
        at_home = [p for p in at_home if not str(p.attrs.get("canonical") or "").lower().endswith(" route")]
    at_home = at_home or [p for p in places if actor and p.attrs.get("country_code") == actor]
    subject_before = any(p.end <= quantity.start for p in at_home)
    share = quantity.attrs.get("unit") in ("percent", "ratio")  # "Afghanistan produced 95% of the opioids consumed in Europe"
    if any(p.attrs.get("country_code") for p in at_home):  # "in the Indian Ocean off the coast of Mtwara": the coast's country
        at_home = [p for p in at_home if p.attrs.get("rule") != "location.water"]
    labelled = [p for p in at_home if re.fullmatch(r"\s*\(\s*", text[p.end:quantity.start])]
    if labelled:
        return labelled[0]  # "Benin (3.9 tonnes)"
    scoped = [p for p in at_home if p.start >= quantity.end and PLACE_AFTER_GAP.match(text[quantity.end:p.start])
              and not re.match(r"\s+(?:border|frontier)", text[p.end:p.end + 10], re.IGNORECASE)
              and not (share and subject_before and re.search(r"\bof\b(?!\s+(?:it|them|which|these|those)\b)",
                                                               text[quantity.end:p.start]))]
    if scoped:
        return scoped[0]  # "fetches 3.6 million lek wholesale in Tirana"
    before = [p for p in at_home if p.end <= quantity.start]
    if before:  # "Montenegro scored 6.1 and Serbia 6.0": the place before the figure is its subject
        nearest = max(before, key=lambda p: p.end)
        coded = [p for p in before if p.attrs.get("country_code") and nearest.start - p.end <= 60]
        if not nearest.attrs.get("country_code") and coded:  # "In Chiang Rai province, on the Thai side of the Golden Triangle,"
            nearest = max(coded, key=lambda p: p.end)
        return head_of_list(text, nearest, at_home)
    return min(at_home, key=lambda p: distance(p, quantity), default=None)


def head_of_list(text: str, place: Mention, places: list[Mention]) -> Mention:
    """The first of the places listed with ``place`` ("Burkina Faso, Chad, Mali and Niger together seized"):
    a figure for a group of countries is filed under the first, as analysts cite it."""
    ordered = sorted(places, key=lambda p: p.start)
    index = ordered.index(place)
    while index > 0 and COORDINATED_PLACE.fullmatch(text[ordered[index - 1].end:ordered[index].start]):
        index -= 1
    return ordered[index]


def fitting(quantity: Mention, substances: list[Mention], text: str = "") -> list[Mention]:
    """Substances a figure in this unit can measure: hectares are of a crop, litres of a chemical
    ("63 000 litres" in a sentence naming heroin are of the precursor the paragraph is about), or of a
    drug the text says is liquid ("3,650 litres of liquid methamphetamine")."""
    unit = quantity.attrs.get("unit")
    if unit == "ha":
        return [s for s in substances if s.attrs.get("plant")]
    if unit == "l":
        return [s for s in substances if s.attrs.get("category") not in SOLID_DRUG_CATEGORIES
                or LIQUID.search(text, max(0, s.start - 12), s.end + 8)]
    return substances


def resembled(text: str, substance: Mention) -> bool:
    """A drug named as what something imitates ("stamped M30 to look like oxycodone"), not what it is."""
    return bool(LOOK_ALIKE.search(text, max(0, substance.start - 25), substance.start))


def choose_substances(text: str, quantity: Mention, substances: list[Mention], *, linked_only: bool = False,
                      classes_lead: bool = False, subject_after: bool = True) -> tuple[Mention, ...]:
    """The substance the quantity is of ("706 kg of 4-SMS", "heroin: 745 kg"), with those listed alongside it.

    Without a drug attached to the figure, the one its clause is about ("The methamphetamine had a
    street value of ..."), unless ``linked_only``; a class ("synthetics") stands for it only when the
    sentence names no specific drug and ``classes_lead`` (a share of it: "the share of synthetics ... 2.7%").
    """
    if not substances:
        return ()
    after, before = _attached(text, quantity, substances)
    specific = [s for s in substances if s.attrs.get("category") != "class"]
    if quantity.attrs.get("unit") == "ha":
        return tuple(substances[:1])  # hectares are of one crop (``fitting`` kept only crops)
    classes_before, own_clause = _named_before(text, quantity, substances)
    if not (after or before) and own_clause and not any(s in specific for s in own_clause) and classes_lead:
        specific = []  # "Cannabis made up the bulk, but seizures of synthetic drugs tripled to 187 kg": the clause's own
    if not subject_after:
        specific = [s for s in specific if s.end <= quantity.start]  # a count of something else names no drug after it
    if after or before:
        anchor = (after or before)[0]
    elif linked_only:
        return ()
    else:
        anchor = _clause_subject(text, quantity, specific) if specific else None
        if anchor is None and classes_lead and classes_before:
            anchor = _clause_subject(text, quantity, classes_before)
        if anchor is None:
            return ()  # a class ("synthetic drugs") counts only when the figure is of it
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


def _attached(text: str, quantity: Mention, substances: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Substances attached to the figure: after it ("706 kg of 4-SMS") and before it ("heroin: 745 kg")."""
    after = [s for s in substances if s.start >= quantity.end and OF_GAP.match(text[quantity.end:s.start])
             and s.start - quantity.end <= 40]
    before = [s for s in substances if s.end <= quantity.start and LEAD_GAP.match(text[s.end:quantity.start])]
    return after, before


def is_linked(text: str, quantity: Mention, substances: list[Mention]) -> bool:
    """A substance is attached to the figure itself, not only named in its clause."""
    return any(_attached(text, quantity, substances))


CLAUSE_END = re.compile(r"[;:]")
GAP_LOOKED_AT = 2000  # characters before a figure read for a break: a table's header can be pages above its row


def _named_before(text: str, quantity: Mention, substances: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The substances named before the quantity with no ";" or ":" between, and of those the ones in its own
    clause (no ", but", ", while" between)."""
    gap = lambda s: (max(s.end, quantity.start - GAP_LOOKED_AT), quantity.start)  # noqa: E731
    before = [s for s in substances if s.end <= quantity.start and not CLAUSE_END.search(text, *gap(s))]
    return before, [s for s in before if not CLAUSE_OPENING.search(text, *gap(s))]


def _clause_subject(text: str, quantity: Mention, substances: list[Mention]) -> Mention | None:
    """The substance a clause is about: the first one before the quantity with no clause break
    between ("The methamphetamine had a street value of A$1.2 billion"; "acetic anhydride, the
    chemical used to make heroin, totalled ..."), else the nearest ("70,000 deaths involved fentanyl")."""
    before, in_clause = _named_before(text, quantity, substances)
    if in_clause or before:  # "opium rose 34% ..., while heroin seizures fell to 612 kg": the clause's own
        return min(in_clause or before, key=lambda s: s.start)
    return min(substances, key=lambda s: distance(s, quantity))
