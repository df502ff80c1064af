"""Locate and parse quantities in plain text.

A quantity is a number that measures something: "almost 706 kilograms",
"more than 90%", "US$5.7 billion", "eightfold", "one in twenty", "24 to 38
tons", "3 tons 96 kg 611 g". Years, identifiers ("Decree No. 6"), ordinals,
times of day and page numbers are not quantities. Numbers in table cells take
their unit from the column header or the caption.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from extractors.intervals import SpanIndex
from extractors.lexicon import load_jsonl
from extractors.normalise.numbers import DIGITS_RE, number_words, parse_digits, parse_number_words
from extractors.normalise.units import Unit, lookup, prefix_unit_re, suffix_unit_re
from extractors.rules.quantity_parts import (
    GAP,
    OPT_GAP,
    SP,
    STOP_AFTER,
    QuantityMatch,
    counted_after,
    qualifier_before,
    with_qualifier,
    word_after,
)
from extractors.rules.quantity_words import word_quantities
from extractors.rules.tables import table_cells

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
@lru_cache(maxsize=1)
def _identifier_before() -> re.Pattern[str]:
    """A word that makes the number after it a name or a citation ("Decree No. 6", "Goal 3", "the Group of 77",
    "ISSN 0251"), from ``designators.jsonl``; a plural one cites a list ("articles 22 to 25", "paras. 41 and 83");
    or a sign such as "#", "§"."""
    words = sorted((row["word"] for row in load_jsonl("designators.jsonl")), key=len, reverse=True)
    plural = [w for w in words if w.endswith("s") or w == "pp"]
    pattern = lambda group: "|".join(re.escape(w).replace(r"\ ", f"{SP}+") for w in group)  # noqa: E731
    space = f"[{SP[1:-1]}\t]*"
    cited = rf"(?:\d[\d.]*{space}(?:[,–-]|and|to|&){space}){{0,4}}"  # the numbers cited before it in the list
    return re.compile(rf"(?:\b(?:{pattern(words)})\.?|[#№§]|\bpages?{SP}+\d+{SP}+of){space}$"
                      rf"|\b(?:{pattern(plural)})\.?{space}{cited}$", re.IGNORECASE)


SCALE_AFTER_DIGITS = re.compile(
    rf"(?:{OPT_GAP}|-)(thousand|million|billion|trillion|lakhs?|crores?|bn|mn|mln)\b", re.IGNORECASE
)
SHORT_SCALE = re.compile(r"-?(k|m|bn|b|mn|K|M|B|BN|Bn|MN|Mn)\b(?![.,]\d)")  # "$2m", "€1.2bn", "$50M", "P47.6-M" after the digits
RANGE_JOIN = re.compile(rf"{OPT_GAP}(?:–|—|-|to|and){OPT_GAP}", re.IGNORECASE)
PER_UNIT = re.compile(
    rf"{GAP}(?:per|a|an|each){GAP}(?:kilogram|kilo|kg|gram|g|tonne|ton|pound|lb|litre|liter|dose|pill|tablet|gram)s?\b",
    re.IGNORECASE,
)
FOLD = re.compile(r"[- \u00a0]?fold\b", re.IGNORECASE)
YEAR_LIKE = re.compile(r"(?:1[89]|20|21)\d\d")
TIME_OR_CODE_AFTER = re.compile(r"(?::\d|[/\\]\d|-\d*[A-Za-z]|[A-Za-z_]|\.\d|\d)")
@lru_cache(maxsize=1)
def _number_word_re() -> re.Pattern[str]:
    words = [w for w, (_, kind) in number_words().items() if kind in ("unit", "tens", "hundred", "scale")]
    word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    joiner = rf"(?:{SP}*-{SP}*|{GAP}and{GAP}|{GAP})"  # a spelled-out number may wrap onto the next line
    article = rf"(?:an?{SP}+(?=(?:hundred|thousand|million|billion|trillion|dozen|lakh|crore)\b))?"
    return re.compile(rf"(?i:\b{article}{word}(?:{joiner}{word})*\b)")


@lru_cache(maxsize=1)
def _core_re() -> re.Pattern[str]:
    """A number core: digits or a run of number words."""
    article = rf"\b(?i:an?)(?={SP}+(?i:years?|months?|weeks?|days?|decades?)\b)"
    return re.compile(rf"(?:(?<![\w.,/\\:])|(?<=\bP))[-−+]?(?:{DIGITS_RE.pattern})|{_number_word_re().pattern}|{article}")


def _prefix_unit_before(text: str, start: int) -> tuple[Unit | None, int]:
    window_start = max(0, start - 6)
    match = prefix_unit_re().search(text, window_start, start)
    if not match or match.end() != start:
        return None, start
    unit = lookup(match.group(0).strip(), "prefix")
    return unit, match.start() if unit else start


def _parse_core(raw: str) -> float | None:
    if raw[:1] in "-−+":
        value = parse_digits(raw[1:])
        return None if value is None else (-value if raw[0] in "-−" else value)
    if raw.lower() in ("a", "an"):
        return 1.0  # only ever matched before a unit of time: "no more than a month"
    value = parse_digits(raw)
    return value if value is not None else parse_number_words(raw)


def _scale_after(text: str, end: int, money: bool) -> tuple[float, int]:
    match = SCALE_AFTER_DIGITS.match(text, end)
    if match:
        return number_words()[match.group(1).lower()][0] if match.group(1).lower() in number_words() else 1.0, match.end()
    short = SHORT_SCALE.match(text, end)
    if short and (money or short.group(1).lower() != "b") and (money or not short.group(0).startswith("-")):
        return {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9, "mn": 1e6}[short.group(1).lower()], short.end()
    return 1.0, end


def _unit_after(text: str, end: int) -> tuple[Unit | None, int]:
    position = end
    gap = re.compile(rf"{OPT_GAP}-?").match(text, position)
    if gap:
        position = gap.end()
    match = suffix_unit_re().match(text, position)
    if not match:
        return None, end
    return lookup(match.group(0), "suffix"), match.end()


CODE_AFTER = re.compile(r"[-/](?:0\d|\d{4,})")  # "25-02112", "A/79/797": document and case numbers


def looks_like_code(raw: str, text: str, end: int) -> bool:
    """Digit strings that identify rather than measure: leading zeros, long unseparated runs."""
    digits = raw.lstrip("+-−")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return True
    if digits.isdigit() and len(digits) >= 7:
        return True
    return bool(CODE_AFTER.match(text, end))


VOTE_BEFORE = re.compile(rf"\bvote{SP}+of{SP}+(?:\d+{GAP}(?:(?:in{GAP}favou?r|against){GAP})?to{GAP})?$", re.IGNORECASE)
VOTE_AFTER = re.compile(rf"{GAP}(?:in{GAP}favou?r|against)\b", re.IGNORECASE)


def _votes(text: str, start: int, end: int) -> str | None:
    """A tally counts votes: "by a vote of 49 to 2", "25 against to 12 in favour"."""
    if VOTE_BEFORE.search(text, max(0, start - 40), start) or VOTE_AFTER.match(text, end):
        return "votes"
    return None


def _is_excluded_number(text: str, start: int, end: int, raw: str) -> bool:
    """Identifiers, ordinals, times, codes, page and list numbers."""
    if TIME_OR_CODE_AFTER.match(text, end) or looks_like_code(raw, text, end):
        return True
    if text[start - 1:start] == "-" and text[start - 2:start - 1].isalpha():
        return True  # the number of a name: "COVID-19", "MH-17"
    if raw[:1] in "-−" and re.search(r"\d[ \u00a0]*$", text[max(0, start - 8):start]) \
            or re.search(r"(?<!\d)(?:0\d+|\d{4,})[-–]$", text[max(0, start - 12):start]):
        return True  # the second part of a code: "ISSN 0251-9941", "0251 -9941"
    if _identifier_before().search(text, max(0, start - 24), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before, after = text[line_start:start].strip(), text[end:line_end].strip()
    if CODE_LINE.match(text[line_start:line_end]):
        return True  # a line of identifiers only: a UN job number "25-00725 (E) 140225", a print code
    if not before and (not after or re.match(r"^(?:[.)]\s|\.\d+\.?\s)", text[end:end + 4])):
        return True  # a page number alone on a line, or a list, paragraph or section number ("2.1 Cocaine")
    if not before and re.match(r"\d+\.\d+\s+[A-Z]", text[start:end + 3]) and "." in raw:
        return True
    numbering = LINE_NUMBERING.match(text, line_start)
    if numbering and end <= numbering.end() and (numbering.group("dot") or "\t" not in text[numbering.end():line_end]):
        return True  # a footnote's or a paragraph's number set off by a tab ("14\tSanctioned by ...", "35 .\tA recent ...",
        # letter-spaced "1 37.\tMany speakers"); a table row ("14\t22\t13") has more tabs and no dot
    if not after and DOT_LEADER_BEFORE.search(text, max(0, start - 24), start):
        return True  # a contents page's page number ends its line: "Draft decisions ........... 38"
    if text[start - 1:start] + text[end:end + 1] in ("()", "[]") and len(raw) <= 3:
        return True  # "(2)" enumerations and "[12]" footnote marks
    return False


CODE_LINE = re.compile(r"^[\s*]*\d{2,}[-/]\d{3,}(?:[\s*]+(?:\([A-Z]\)|[\d*/-]+))+[\s*]*$")
DOT_LEADER_BEFORE = re.compile(r"(?:\.[ \u00a0\t]*){4,}$")
LINE_NUMBERING = re.compile(  # "14\tSanctioned", "35 .\tA recent", "1 58\t.\tAt the", "1 6 1 . At its"
    r"[ \u00a0]*(?:\d{1,3}[ \u00a0]){0,2}\d{1,3}[ \u00a0\t]*(?:(?P<dot>\.)(?:[ \u00a0]*\t|[ \u00a0]+(?=[A-Z]))|\t)")
PAGE_FURNITURE_AFTER = re.compile(
    rf"{SP}*(?:min(?:ute)?s?\.?{SP}+read|(?:hours?|minutes?|mins?|days?|weeks?){SP}+ago|comments?|shares?|views?|"
    r"likes?|reactions?)\b", re.IGNORECASE)
PAGE_FURNITURE_BEFORE = re.compile(rf"\b(?:reading{SP}+time|read{SP}+time|comments|shares?|views|likes){SP}*:?{SP}*$",
                                   re.IGNORECASE)
SCORE_BEFORE = re.compile(rf"\b(?:scor(?:e|es|ed|ing)|rated|rating)(?:{SP}+(?:of|at|an?|was|is|stood|rose|fell|"
                          rf"increased|decreased|dropped|climbed|reached|to|from))*{SP}+$", re.IGNORECASE)
# A scraped index profile lays its scores out as label, wide gap, score: "Criminal markets   4.26".
SCORE_ROW = re.compile(r"^[ \t]*[A-Z][A-Za-z'’,&/()\- ]{2,60}?(?:[ \t]{2,}|\t|:[ \t]*)$", re.MULTILINE)
SCORE_VALUE = re.compile(r"(?:10(?:\.00?)?|\d\.\d{1,2})[ \t]*(?:/[ \t]*10)?[ \t]*$", re.MULTILINE)
OCCURRENCE_VERB_BEFORE = re.compile(
    rf"\b(?!(?:increas|decreas|multipli|expand|surg|climb|jump|drop|declin|exceed|reduc|rais|boost|grow|shrank)\w*)"
    rf"[a-z]+ed{SP}+$")  # "extended six times", but "increased six times" multiplies
COMPARISON_AFTER = re.compile(
    rf"{SP}+(?:more|less|higher|lower|greater|larger|bigger|smaller|faster|the|as|that|what|over|above|below|than|"
    r"compared|its|their|his|her)\b", re.IGNORECASE)


def _occurrences(text: str, start: int, end: int) -> bool:
    """"The ban was extended six times" counts occurrences; "six times higher" multiplies."""
    return (text[end - 5:end].lower() == "times" and bool(OCCURRENCE_VERB_BEFORE.search(text[max(0, start - 20):start]))
            and not COMPARISON_AFTER.match(text, end))


def _fold_or_times(text: str, end: int) -> int | None:
    match = FOLD.match(text, end)
    return match.end() if match else None


def find_quantities(text: str, country: str | None = None, places: Sequence[tuple[int, str]] = ()) -> list[QuantityMatch]:
    """Every quantity in ``text``, in order, non-overlapping.

    ``country`` (ISO code of the document's main country) picks the currency
    for ambiguous names such as "dinars", unless a place named earlier in the
    sentence (``places``: offsets and ISO codes) says otherwise ("In Pakistan a
    strip sells for 300 rupees").
    """
    cells = table_cells(text)
    found: list[QuantityMatch] = word_quantities(text)
    special = SpanIndex(found)
    places = sorted(places)
    position = 0
    for core in _core_re().finditer(text):
        if core.start() < position or special.containing(core.start()):
            continue
        match = _build(text, core, _country_near(text, core.start(), places) or country, cells)
        if match is not None and not special.overlapping(match.start, match.end):
            found.append(match)
            position = match.end
    found.sort(key=lambda q: q.start)
    return _merge_unit_ranges(text, found)


CHANGE_FROM_BEFORE = re.compile(
    rf"\b(?:rose|risen|rising|fell|fallen|falling|increased|increasing|decreased|decreasing|grew|grown|growing|dropped|"
    rf"declined|climbed|jumped|went|up|down|changed){SP}+from{SP}+$", re.IGNORECASE)


def _merge_unit_ranges(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """"EUR 46 and EUR 107" after "between", "31 % to 89 %": one range when the unit is written twice.
    "rose from 20% to 30%" stays two figures, a change rather than a range."""
    merged: list[QuantityMatch] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        join = RANGE_JOIN.fullmatch(text, previous.end, quantity.start) if previous else None
        if (previous and join and previous.unit == quantity.unit and previous.unit not in ("count", "times", "ratio")
                and previous.value_max is None and quantity.value_max is None and quantity.value > previous.value
                and ("and" not in join.group(0).lower() or re.search(r"between\s+$", text[max(0, previous.start - 9):previous.start]))
                and not CHANGE_FROM_BEFORE.search(text, max(0, previous.start - 20), previous.start)):
            merged[-1] = replace(previous, end=quantity.end, value_max=quantity.value, counted=quantity.counted or previous.counted)
        else:
            merged.append(quantity)
    return merged


def _country_near(text: str, offset: int, places: Sequence[tuple[int, str]]) -> str | None:
    """The country of the last place named before ``offset`` in the same sentence (``places`` sorted by offset)."""
    index = bisect_left(places, (offset,)) - 1
    if index < 0 or places[index][0] < offset - 150:
        return None
    start, code = places[index]
    return None if re.search(r"[.!?;]\s", text[start:offset]) else code


def _build(text: str, core: re.Match[str], country: str | None, cells) -> QuantityMatch | None:
    raw = core.group(0)
    is_words = not any(ch.isdigit() for ch in raw)
    value = _parse_core(raw)
    if value is None:
        return None
    start, end = core.start(), core.end()
    if not is_words and looks_like_code(raw, text, end):
        return None
    if PAGE_FURNITURE_AFTER.match(text, end) or PAGE_FURNITURE_BEFORE.search(text, max(0, start - 16), start):
        return None  # "5 min read", "2 hours ago", "12 comments", "Share 340": the web page, not the report
    prefix, start_with_prefix = (None, start) if is_words else _prefix_unit_before(text, start)
    if prefix is not None and prefix.needs_scale and _scale_after(text, end, True)[0] == 1.0 and not re.search(r"[.,]\d", raw):
        prefix, start_with_prefix = None, start  # a lone letter ("P3.8 billion" is pesos) only with a scale or a decimal
    if prefix is None and text[start - 1:start].isalpha():
        return None  # "P3 trials", "P2P": a code, the letter was no currency
    money = prefix is not None
    scale, end = (1.0, end) if is_words else _scale_after(text, end, money)
    value *= scale
    value_max = None
    lead = text[max(0, start_with_prefix - 20):start_with_prefix].lower()
    range_join = RANGE_JOIN.match(text, end)
    if range_join and (("and" not in range_join.group(0).lower()) or re.search(r"between\s+(?:[a-z]+\s+)?$", lead)):
        second = _core_re().match(text, range_join.end())
        if second is None and money and text[range_join.end():range_join.end() + 1] in "$€£":
            second = _core_re().match(text, range_join.end() + 1)  # "$5-$10"
        if second is not None:
            upper = _parse_core(second.group(0))
            if upper is not None and (is_words == (not any(c.isdigit() for c in second.group(0)))):
                upper_scale, upper_end = _scale_after(text, second.end(), money)
                upper *= upper_scale
                if scale == 1.0 and upper_scale != 1.0:
                    value *= upper_scale  # "2 to 3 million"
                if upper > value and not YEAR_LIKE.fullmatch(raw):
                    value_max, end = upper, upper_end
    unit = prefix
    unit_end = end
    if unit is None:
        fold_end = _fold_or_times(text, end)
        if fold_end is not None:
            q_start, q_end, qualifier = with_qualifier(text, start_with_prefix, fold_end)
            return QuantityMatch(q_start, q_end, value, "times", qualifier, value_max, None, "quantity.multiplier")
        unit, unit_end = _unit_after(text, end)
    cell = cells.get((start, core.end())) if unit is None else None
    cell_unit = cell.unit if cell else None
    if unit is None and cell_unit is None:
        if YEAR_LIKE.fullmatch(raw) or _is_excluded_number(text, start, end, raw):
            return None
        if is_words:
            following = word_after(text, end)
            if raw.lower() in ("one", "a", "an") or following is None:
                return None
            pronoun_count = raw[0].isupper() and following in ("are", "were", "have", "had", "was")  # "Two were held"
            if following in STOP_AFTER and not pronoun_count and not re.match(rf"{SP}+of\b", text[end:end + 5]):
                return None
            if re.search(rf"\b(?:these|those|both){SP}+$", text[max(0, start - 8):start], re.IGNORECASE):
                return None  # "those two countries" refers back; it does not measure
        if word_after(text, end) in MONTHS:
            return None
        qualifier, q_start = qualifier_before(text, start)
        if SCORE_BEFORE.search(text, max(0, q_start - 30), q_start) or _is_score_row(text, q_start):
            return QuantityMatch(q_start, end, value, "score", qualifier, value_max, None, "quantity.score")
        counted = cell.counted if cell else _votes(text, q_start, end) or counted_after(text, end)
        return QuantityMatch(q_start, end, value, "count", qualifier, value_max, counted, "quantity.count")
    if cell_unit is not None:
        qualifier, q_start = qualifier_before(text, start)
        code, factor = cell_unit
        return QuantityMatch(q_start, end, value * factor, code, qualifier,
                             None if value_max is None else value_max * factor, cell.counted, "quantity.table")
    if not money and _is_excluded_number(text, start, end, raw) and unit.kind not in ("percent",):
        if _identifier_before().search(text, max(0, start - 24), start):
            return None
    if unit.kind == "multiplier" and _occurrences(text, start_with_prefix, unit_end):
        qualifier, q_start = qualifier_before(text, start)
        return QuantityMatch(q_start, unit_end, value, "count", qualifier, value_max, None, "quantity.count")
    code = unit.code_for(country)
    factor = unit.factor
    end = unit_end
    compound = _compound_parts(text, end, unit) if unit.kind in ("mass", "duration") and value_max is None else None
    if compound:
        extra, end = compound
        value = value * factor + extra
        factor = 1.0
    if unit.kind == "money":
        per = PER_UNIT.match(text, end)
        if per:
            end = per.end()
    if money and unit.kind == "money":
        value_scaled = value
    else:
        value_scaled = value * factor
    q_start, q_end, qual = with_qualifier(text, start_with_prefix, end)
    if raw.lower() in ("a", "an") and qual == "exact":
        return None  # "a year ago" is a date, "no more than a month" a measure
    counted = counted_after(text, end) if unit.kind in ("mass", "volume", "money", "percent") else None
    rule = f"quantity.{unit.kind}"
    vmax = None if value_max is None else (value_max if money else value_max * factor)
    return QuantityMatch(q_start, q_end, value_scaled, code, qual, vmax, counted, rule)


# A duration's parts are added in months: "11 years and six months" is 11.5 years.
MONTHS_IN_DURATION = {"year": 12.0, "month": 1.0, "week": 12 / 52.1775, "day": 12 / 365.2425}
PART_JOINER = re.compile(rf"(?:{SP}*,{SP}*(?:and{SP}+)?|{SP}+and{SP}+|{SP}+)")


def _size(unit: Unit) -> float | None:
    """How large one of the unit is, comparably within its kind (kg for masses, months for durations)."""
    return unit.factor if unit.kind == "mass" else MONTHS_IN_DURATION.get(unit.code_for(None))


def _is_score_row(text: str, start: int) -> bool:
    """A number from 0 to 10 with one or two decimals, alone at the end of a line that labels it."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(SCORE_VALUE.match(text, start) and SCORE_ROW.fullmatch(text, line_start, start))


def _compound_parts(text: str, end: int, first: Unit) -> tuple[float, int] | None:
    """"3 tons 96 kg 611 g", "2 tonnes, 41 kg and 220 grams", "11 years and six months": further parts of
    one figure, each in a smaller unit of the same kind than the one before, added up in the first
    unit. Parts in the same or a larger unit are other figures ("5 kg, 3 kg and 2 kg")."""
    total = 0.0
    position = end
    previous = _size(first)
    found = False
    while previous:
        gap = PART_JOINER.match(text, position)
        number = (DIGITS_RE.match(text, gap.end()) or _number_word_re().match(text, gap.end())) if gap else None
        if not number:
            break
        unit, unit_end = _unit_after(text, number.end())
        size = _size(unit) if unit is not None and unit.kind == first.kind else None
        value = _parse_core(number.group(0))
        if not size or size >= previous or value is None:
            break
        total += value * (size if first.kind == "mass" else size / _size(first))  # masses in kg, durations in the first unit
        position, previous, found = unit_end, size, True
    return (total, position) if found else None
