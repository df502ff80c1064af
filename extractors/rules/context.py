"""The roles dates and places play around a figure, told by the little words before them: a baseline
("up from", "compared with the same period of 2022"), an origin or destination ("bound for", "shipped
from"), the edge of a country ("near the Myanmar border"), an acting agency ("Dutch police arrested").

Pure functions over the text and plain offsets, so each rule can be tested on its own.
"""
from __future__ import annotations

import re
from functools import lru_cache

BASELINE_BEFORE = re.compile(
    r"(?:compared\s+(?:to|with)|relative\s+to|than(?:\s+(?:in|during|for|over))?|(?:up|down|rising|falling|rose|fell|"
    r"increased|decreased|grew|dropped|climbed|declined)\s+from|\bversus|\bvs\.?|against|"
    r"(?:increase|decrease|rise|fall|drop|decline|growth|jump|higher|lower|more|less|up|down)\s+"
    r"(?:of\s+\S+(?:\s+(?:per\s*cent|percent|%))?\s+)?"
    r"(?:on|from|over|compared\s+with)|\b(?<!more\s)(?<!less\s)(?<!fewer\s)than\s+(?:about\s+|some\s+|around\s+)?[~≈]?\d[\d,.]*"
    r"[^,;()]{0,20}?\s+(?:in|during|for))"
    r"\s+(?:the\s+)?(?:same\s+(?:period|time|months?)\s+(?:of|in)\s+|previous\s+|preceding\s+|whole\s+of\s+)?$",
    re.IGNORECASE,
)
CHANGE_AGAINST_BEFORE = re.compile(  # "down 16% from the year before", "four times the level of 2019"
    r"(?:\b(?:up|down|rose|fell|increased|decreased|grew|dropped|declined|climbed|jumped)\s+(?:by\s+)?[~≈]?\d[\d.,]*"
    r"\s*(?:%|per\s*cent|percent)?\s+(?:on|from|over|against|compared\s+(?:with|to))"
    r"|\b(?:times|twice|double|triple|than|above|below|exceed\w*|compared\s+(?:with|to))\s+(?:the\s+)?(?:level|levels|"
    r"figure|total|average|volume|amount|quantity|number)s?\s+(?:\w+\s+)?(?:of|in|for|during|over|recorded\s+in)"
    r"|\bcompared\s+(?:with|to)\s+[^,;()]{0,30}"
    r"|\b(?:twice|double|triple|treble|quadruple|\w+fold|half|times)"
    r"|\b(?:highest|lowest|largest|biggest|smallest|most|least|best|worst)(?:\s+[\w-]+){0,2}\s+since)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
BASELINE_QUANTITY_BEFORE = re.compile(  # "up from 20.3 tons", "compared with 350 tons", "the pre-ban average of $100"
    r"(?:(?:\b(?:than|compared\s+(?:with|to|against)|versus|vs\.?)|,\s*against|"
    r"\b(?:up|down|rose|rising|risen|fell|falling|fallen|increased|decreased|grew|grown|dropped|declined|climbed|jumped|"
    r"shrank|collapsed|doubled|tripled|halved|increase|decrease|rise|fall|drop|decline|jump)\b[^.;]{0,60}?\bfrom)"
    r"\s+(?:the\s+)?(?:about\s+|some\s+|around\s+|a\s+peak\s+of\s+)?|"
    r"\b(?:above|below|over|under|against|"
    r"times|twice|double|triple|half)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:average|level|figure|total|mark|record|baseline)\s+of\s+"
    r"|\b(?:times|twice|double|triple|treble|half)\s+(?:the\s+)?"  # "more than three times the 402 kg"
    r"|\b(?:rise|increase|fall|drop|decline|jump|up|down)\s+(?:\w+\s+)?(?:on|from|over)\s+(?:the\s+)?"
    r"|\b(?:after|from)\s+(?:a|an|the)\s+(?:record|peak|high|low|previous)(?:\s+(?:high|low))?\s+(?:of\s+)?)$", re.IGNORECASE)
RANGE_FROM = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+from\s+$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?;][\"”’)]?\s+(?=[A-Z\d\"“])|\n\s*\n")
SUPERLATIVE_BEFORE = re.compile(r"\b(?:highest|lowest|largest|biggest|smallest|most|least|best|worst)(?:\s+[\w-]+){0,2}\s+$",
                                re.IGNORECASE)
SAME_PERIOD_ELSEWHEN = re.compile(  # "the same period last year", "the same months of 2022": a period repeated in another year
    r"(?:the\s+)?same\s+(?:period|time|months?|quarter|half|weeks?)\b.*?(?:last\s+year|previous\s+year|year\s+(?:earlier|before)|"
    r"a\s+year\s+ago|\d{4})", re.IGNORECASE | re.DOTALL)
NOT_HERE_BEFORE = re.compile(
    r"(?:(?:said|says|told\s+\w+|reported|announced|stated|speaking|spoke)\s+(?:\w+\s+)?in|headquartered\s+in|based\s+in|"
    r"as\s+(?:is\s+|was\s+)?(?:the\s+case\s+)?in|\bunlike|\blike\s+in|similar\s+to|\bfrom|\bto|\bfor|\binto|\bvia|\bthrough|\btowards?|bound\s+for|destined\s+for|headed\s+(?:for|to)|"
    r"originat(?:ing|ed)\s+(?:in|from)|shipped\s+from|sent\s+(?:from|to)|arriv(?:ing|ed)\s+from|transit(?:ing)?\s+"
    r"(?:through|via)?|smuggled\s+(?:from|into|to)|imported\s+from|exported\s+to|between|"
    r"(?:which|that)\s+borders?|bordering|borders\s+with|border\s+with|frontiers?\s+with|crossings?\s+with)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+|central\s+)?$",
    re.IGNORECASE,
)
ENFORCEMENT_ACT = re.compile(
    r"\b(?:seiz(?:e|es|ed|ing)|arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|found|find|finds|intercept(?:s|ed|ing)?|"
    r"confiscat(?:e|es|ed|ing)|dismantl(?:e|es|ed|ing)|raid(?:s|ed|ing)?|destroy(?:s|ed|ing)?|eradicat(?:e|es|ed|ing)|"
    r"recover(?:s|ed|ing)?|discover(?:s|ed|ing)?|uncover(?:s|ed|ing)?|bust(?:s|ed)?|charg(?:e|es|ed|ing)|"
    r"prosecut(?:e|es|ed|ing)|convict(?:s|ed)?|jail(?:s|ed)?|sentenc(?:e|es|ed|ing)|froze|frozen|freez(?:e|es|ing)|"
    r"stopp(?:ed|ing)|shut|closed|blocked|took\s+down|taken\s+down|fin(?:e|es|ed)|impound(?:s|ed)?|searched|"
    r"netted|captured|caught|given|handed|received|ordered|fined)\b",
    re.IGNORECASE,
)
COORDINATED_PLACE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:(?:and|or|as\s+well\s+as)\s+)?(?:the\s+)?",
                               re.IGNORECASE)  # the gap between listed places: "Senegal (4.7 tonnes) and Benin"
COMPARISON_SET_BEFORE = re.compile(  # "one of the most crime-affected countries in the Western Hemisphere"
    r"(?<!\bat )\b(?:most|least|largest|highest|lowest|biggest|worst|best)\b[^,.;\d]{0,45}\b(?:in|of)\s+(?:the\s+)?$",
    re.IGNORECASE)  # but not "at least 57 tonnes ... in West Africa"
BORDER_AFTER = re.compile(r"(?:\s+|-)(?:border|frontier|boundary)\b(?!\s+(?:crossing|post|point|checkpoint|town|city|station))",
                          re.IGNORECASE)


def acts_before(text: str, actor_start: int, quantity_start: int) -> bool:
    """The agency named at ``actor_start`` did something to the figure ("Dutch police arrested
    100 suspects"), rather than publishing it ("the US ONDCP publishes estimates of 212,000 ha")."""
    between = text[actor_start:quantity_start]
    return len(between) <= 240 and ";" not in between and bool(ENFORCEMENT_ACT.search(between))


@lru_cache(maxsize=8192)
def is_baseline_date(text: str, start: int, end: int) -> bool:
    """A date that a change is measured against: "up 233% on the same period in 2023", "compared with 2022",
    "the same months of 2022", "the lowest annual figure since 2014". "Over the same period" alone repeats
    the current period, and is none."""
    before = SENTENCE_END.split(text[max(0, start - 45):start])[-1]  # never across the end of the sentence before
    if BASELINE_BEFORE.search(before) or CHANGE_AGAINST_BEFORE.search(before):
        return True
    if text[start:end].lower().startswith("since") and SUPERLATIVE_BEFORE.search(before):
        return True
    return bool(SAME_PERIOD_ELSEWHEN.fullmatch(text, start, end))


@lru_cache(maxsize=4096)
def elsewhere_places(text: str, places: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Indexes (in ``places``) of places named as origin, destination or route ("from Russia", "bound for
    Europe"), not where a figure applies. A place right after another ("from Bangkok, Thailand", "from
    Bandar Abbas in Iran") or listed with it ("from Colombia and Ecuador", "between Spain and Morocco")
    shares its role. One pass in text order, so a long report costs no more per place than a short one."""
    order = sorted(range(len(places)), key=lambda i: places[i])
    out: set[int] = set()
    for position, index in enumerate(order):
        start, end = places[index]
        previous = places[order[position - 1]] if position else None
        if previous and previous[1] <= start and (re.fullmatch(r",\s*|\s+in\s+", text[previous[1]:start])
                                                  or COORDINATED_PLACE.fullmatch(text[previous[1]:start])):
            if order[position - 1] in out:
                out.add(index)
            continue
        if _names_elsewhere(text, start, end):
            out.add(index)
    return frozenset(out)


def _names_elsewhere(text: str, start: int, end: int) -> bool:
    if NOT_HERE_BEFORE.search(text[max(0, start - 30):start]) or COMPARISON_SET_BEFORE.search(text[max(0, start - 70):start]):
        return True
    if re.match(r"[\w.]*-based\b", text[start:start + 40]):
        return True  # "the Vienna-based agency" describes an actor
    return bool(BORDER_AFTER.match(text, end)) and not re.match(r"[\w.'’-]*\s+border\s+crossing", text[start:end + 20])


@lru_cache(maxsize=8192)
def is_baseline_quantity(text: str, start: int) -> bool:
    """"increased to 75 from 68", "up from 20.3 tons", "compared with 350 tons": the old value in a comparison."""
    before = SENTENCE_END.split(text[max(0, start - 50):start])[-1]
    return (bool(BASELINE_QUANTITY_BEFORE.search(before)) and not RANGE_FROM.search(before))
