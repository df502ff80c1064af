"""Locate date and period expressions and resolve them to ISO intervals.

Our own patterns locate the span ("the first five months of 2023", "H1 2024",
"FY2023", "between 2015 and 2023", "last year"); point dates are parsed with
``dateparser.parse`` (English only, the document date as RELATIVE_BASE), and
periods with the calendar arithmetic in ``normalise.dates``. Relative
expressions are resolved in reading order by ``date_relative``: against the
document date ("last year") or against the last date the text named ("that
year", "a year earlier", "the same period in 2023").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from extractors.lexicon import load_jsonl
from extractors.normalise import dates as cal
from extractors.normalise.dates import DocDate, Interval
from extractors.rules.date_context import DateContext
from extractors.rules.date_patterns import (
    COVERAGE,
    PERIOD_DEFINITION,
    CONTEXT_DEPENDENT,
    DAY,
    FY,
    MONTH,
    MONTH_CUE_BEFORE,
    NUMBER_WORDS,
    UNIT_AFTER_YEAR,
    YEAR,
    G,
    S,
    TO,
    _candidates,
    _groups,
)
from extractors.rules.date_relative import relative_year as _relative_year
from extractors.rules.date_relative import resolve_relative

# where a day range is cut in two: a dash or slash, or a whole word ("to" inside "October" is not one)
RANGE_SEPARATOR = re.compile(rf"{S}[-–—/]{S}|\b{S}(?:to|until|till|through|thru)\b{S}")
# expressions that carve a part out of the date before them: the next one still means that date
PARTIAL = frozenset({"earlier_this"})
FISCAL_STATED = re.compile(rf"{FY}[ \u00a0]*(?:\n[ \u00a0]*)?(?:[(:,–-][ \u00a0]*)?(?:{DAY}[ \u00a0]+)?(?P<first_month>{MONTH})"
                           rf"[^()\n]{{0,16}}?{TO}")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    granularity: str
    rule: str


def _month_number(word: str) -> int:
    return cal.MONTHS[word.lower().rstrip(".")]


def _months_in(text: str) -> list[int]:
    return [_month_number(m) for m in re.findall(MONTH, text)]


def _years_in(text: str) -> list[int]:
    return [int(y) for y in re.findall(YEAR, text)]


def _parse_point(text: str, ctx: DateContext) -> Interval | None:
    """A single calendar day, through dateparser with the document date as base."""
    if not ctx.anchor and not re.search(YEAR, text):
        return None
    cleaned = re.sub(r"\s+", " ", re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)).replace(" of ", " ")
    parsed = _dateparser_day(cleaned, ctx.anchor)
    return Interval(parsed, parsed, "day") if parsed else None


@lru_cache(maxsize=4096)
def _dateparser_day(cleaned: str, anchor: date | None) -> date | None:
    """dateparser on one located string (cached: reports repeat their dates)."""
    import dateparser  # imported lazily: 0.3 s, and only documents with dates need it

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"], "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time())
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _day_span(first_text: str, second_text: str, ctx: DateContext) -> Interval | None:
    """"1 Oct 2022-31 Jan 2023", "1-5 March 2023": the first day borrows the second's month and
    year when it has none, and a year earlier if it would otherwise come after it."""
    second = _parse_point(second_text, ctx)
    if not _months_in(first_text):  # "1-5 March 2023": the first day is in the second's month
        if second is None or second.start is None:
            return None
        first = cal.day(second.start.year, second.start.month, int(re.match(r"\d+", first_text.strip()).group(0)))
        return cal.span(first, second, "day") if first and first.start < second.start else None
    if not _years_in(first_text) and second and second.start:
        first = _parse_point(f"{first_text} {second.start.year}", ctx)
    else:
        first = _parse_point(first_text, ctx)
    if first and second and first.start and second.end:
        if first.start > second.end:
            first = Interval(first.start.replace(year=second.end.year - 1), None, "day")
        return Interval(first.start, second.end, "day")
    return None


def _month_span(text: str, ctx: DateContext) -> Interval | None:
    """"between January and September", "from March 2022 to June 2023": whole months; a year
    written only at the end covers both months, and none at all means the year of the context."""
    months, years = _months_in(text), _years_in(text)
    first, last = months[0], months[-1]
    if len(years) == 2:
        return cal.months(years[0], first, last, years[1]) if (years[1], last) >= (years[0], first) else None
    if len(years) == 1 and re.search(rf"{YEAR}\W*$", text):
        return cal.months(years[0] if first <= last else years[0] - 1, first, last, years[0])
    start_year = years[0] if years else ctx.year_for(first)
    return cal.months(start_year, first, last) if start_year else None


def _since_period(kind: str, text: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """The period a "since" expression starts from: 2019, March 2021, early 2022, 1 May 2023, the 1990s."""
    if kind == "since":
        years, months = _years_in(text), _months_in(text)
        return cal.month(years[0], months[0]) if months else cal.year(years[0])
    if kind == "since_decade":
        return cal.decade(int(groups["sd_year"]), (groups["sd_part"] or "").lower() or None)
    if kind == "since_part":
        part = groups["sip_part"] or f"{groups['sip_of']} of"
        return cal.part_of_year(int(groups["sip_year"]), part)
    if kind == "since_day":
        return _parse_point(re.sub(rf"^\w+{G}", "", text), ctx)
    month_number = _month_number(groups["sim"])
    if ctx.doc is None:
        year_value = ctx.year_for(month_number)
    else:  # the latest such month up to the document date
        year_value = ctx.doc.year - 1 if ctx.doc.month and month_number > ctx.doc.month else ctx.doc.year
    return cal.month(year_value, month_number) if year_value else None


def _since(period: Interval | None, ctx: DateContext) -> Interval | None:
    """From the start of the period to the end of the document's year (open-ended when that is unknown):
    annotators file "since 2014" in a 2024 report as 2014-2024, whole years."""
    if period is None or period.start is None:
        return None
    end = date(ctx.doc.year, 12, 31) if ctx.doc is not None and ctx.doc.year else None
    if end is None or end < period.start:
        return Interval(period.start, None, "multi-year")
    if end.year != period.start.year:
        return Interval(period.start, end, "multi-year")
    return Interval(period.start, end, "day" if period.granularity == "day" else "month")


def _iranian(groups: dict[str, str | None]) -> Interval | None:
    """"the Iranian year 1402"; "the Iranian year that ended in March 2024" (1402: 21 March 2023 -
    19 March 2024): the year whose last (or, for "began", first) day falls in the month named."""
    if groups["ir_number"]:
        return cal.iranian_year(int(groups["ir_number"]))
    month_number, year_value = _month_number(groups["ir_month"]), int(groups["ir_year"])
    ending = groups["ir_verb"].lower() in ("ended", "ending", "ends", "to", "through")
    for number in (year_value - 622, year_value - 621):
        candidate = cal.iranian_year(number)
        edge = candidate.end if ending else candidate.start
        if (edge.year, edge.month) == (year_value, month_number):
            return candidate
    return None


def _us_default(fiscal_start: int) -> int:
    """The document country's fiscal-year start, else the US federal year (October)."""
    return fiscal_start if fiscal_start != 1 else 10


SINCE_KINDS = frozenset({"since", "since_decade", "since_part", "since_day", "since_month"})


def _resolve(kind: str, text: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    years = _years_in(text)
    months = _months_in(text)
    anchor = ctx.anchor
    doc_year = ctx.doc.year if ctx.doc else None
    if kind == "numeric":
        return cal.numeric_day(text, ctx.numeric_order)
    if kind in ("full", "iso", "day_month"):
        if kind == "iso":
            y, m, d = (int(p) for p in text.split("-"))
            return cal.day(y, m, d)
        if kind == "day_month" and ctx.last and ctx.last.start and ctx.doc is None:
            day_value = int(re.search(r"\d+", text).group(0))
            return cal.day(ctx.last.start.year, months[0], day_value)
        return _parse_point(text, ctx)
    if kind in ("day_range", "month_day_range"):
        return _day_span(*RANGE_SEPARATOR.split(text, maxsplit=1), ctx)
    if kind == "day_list":
        return _day_span(re.match(r"\d+", text).group(0), re.split(rf"{G}and{G}", text)[-1], ctx)
    if kind == "between_days":
        return _day_span(*re.split(rf"{G}and{G}", text, maxsplit=1), ctx)
    if kind == "month_span":
        return _month_span(text, ctx)
    if kind == "day_range_us":
        days = [int(d) for d in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)[:2]]
        first, last = cal.day(years[0], months[0], days[0]), cal.day(years[0], months[0], days[1])
        return cal.span(first, last, "day") if first and last else None
    if kind == "month_range":
        end_year = years[-1]
        start_year = years[0] if len(years) == 2 else (end_year if months[0] <= months[-1] else end_year - 1)
        return cal.months(start_year, months[0], months[-1], end_year)
    if kind == "month_year":
        return cal.month(years[0], months[0])
    if kind == "half":
        number = cal.ORDINALS[groups["h_ord"].lower()]
        year_value = years[0] if years else _relative_year(groups["h_rel"], ctx)
        return cal.half(year_value, number) if year_value else None
    if kind == "half_code":
        number = int(next(g for g in (groups["hc1"], groups["hc3"], groups["hc6"]) if g))
        raw = next(g for g in (groups["hc2"], groups["hc4"], groups["hc5"]) if g)
        return cal.half(_full_year(raw), number)
    if kind == "quarter":
        year_value = years[0] if years else _relative_year(groups["q_rel"], ctx)
        return cal.quarter(year_value, cal.ORDINALS[groups["q_ord"].lower()]) if year_value else None
    if kind == "part_relative_year":
        year_value = _relative_year(groups["pry_rel"], ctx) if groups["pry_rel"].lower() != "next" else (doc_year + 1 if doc_year else None)
        return cal.part_of_year(year_value, groups["pry_part"].lower()) if year_value else None
    if kind == "months_to":
        count_word = (groups["mt_n"] or "12").lower()
        count = int(count_word) if count_word.isdigit() else NUMBER_WORDS.get(count_word)
        last_month = _month_number(groups["mt_month"])
        end_year = int(groups["mt_end_year"]) if groups["mt_end_year"] else (
            (doc_year if not ctx.doc.month or last_month <= ctx.doc.month else doc_year - 1) if doc_year else None)
        if not count or end_year is None:
            return None
        first_year, first_month = cal.shift_months(date(end_year, last_month, 1), -(count - 1))
        return Interval(date(first_year, first_month, 1), cal.month_end(end_year, last_month), "year" if count == 12 else "month")
    if kind == "quarter_code":
        number = int(groups["qc1"] or groups["qc3"])
        return cal.quarter(_full_year(groups["qc2"] or groups["qc4"]), number)
    if kind == "first_months":
        count_word = groups["fm_n"].lower()
        count = int(count_word) if count_word.isdigit() else NUMBER_WORDS[count_word]
        year_value = years[0] if years else _relative_year(groups["fm_rel"], ctx)
        return cal.first_months(year_value, count) if year_value and count else None
    if kind == "whole_year":
        return cal.year(years[0])
    if kind == "part_year":
        part = groups["py_part"] or groups["py_of"]
        return cal.part_of_year(years[0], part if groups["py_part"] else f"{part} of")
    if kind == "part_this_year":
        if doc_year is None:
            return None
        part = groups["pty"].lower()
        if part == "end":
            return cal.part_of_year(doc_year, "end of")
        return Interval(date(doc_year, 1, 1), anchor, "day")
    if kind == "season":
        return cal.season(years[0], groups["s_name"])
    if kind == "season_relative":
        return _relative_season(groups, ctx)
    if kind == "part_month":
        month_number = _month_number(groups["pm_month"])
        year_value = years[0] if years else ctx.year_for(month_number)
        return cal.part_of_month(year_value, month_number, groups["pm_part"]) if year_value else None
    if kind == "decade":
        return cal.decade(int(groups["d_year"]), (groups["d_part"] or "").lower() or None)
    if kind in SINCE_KINDS:
        return _since(_since_period(kind, text, groups, ctx), ctx)
    if kind == "until":
        return Interval(None, date(years[0], 12, 31), "multi-year")
    if kind in ("between_years", "from_years"):
        return cal.years(years[0], years[1]) if years[1] > years[0] else None
    if kind == "year_span":
        first = years[0]
        second_raw = re.split(r"[-–—/]", text)[-1].strip()
        if groups["ys_slash"] and int(second_raw) % 100 != (first + 1) % 100:
            return None
        second = int(second_raw) if len(second_raw) == 4 else cal.two_digit_year(first, int(second_raw))
        if second <= first or second - first > 60:
            return None
        if len(second_raw) == 2 and second == first + 1 and ctx.fiscal_start != 1:
            return cal.fiscal_year(second, ctx.fiscal_start)
        return cal.years(first, second)
    if kind == "financial_year_span":
        return cal.fiscal_year(cal.two_digit_year(years[0], int(groups["fys_short"])), ctx.fiscal_start if ctx.fiscal_start != 1 else 7)
    if kind in ("fiscal", "fiscal_label"):
        return cal.fiscal_year(_fiscal_label(text), _us_default(ctx.fiscal_start))
    if kind == "fiscal_quarter":
        return cal.fiscal_quarter(_fiscal_label(text[2:]), _us_default(ctx.fiscal_start), int(groups["fq"]))
    if kind == "iranian_year":
        return _iranian(groups)
    if kind == "fy_until":
        head = re.match(FY, text).group(0)
        fiscal = cal.fiscal_year(_fiscal_label(head), _us_default(ctx.fiscal_start))
        tail = text[len(head):]
        tail_years = _years_in(tail)
        tail_months = _months_in(tail)
        if re.search(r"\b\d{1,2}\b", re.sub(YEAR, "", tail)):
            point = _parse_point(re.sub(r"^\W*(?:to|through|until|till|thru)\W*", "", tail.strip()), ctx)
            return Interval(fiscal.start, point.end, "day") if point and point.end >= fiscal.start else None
        end_year = tail_years[0] if tail_years else (fiscal.end.year if tail_months[0] <= fiscal.end.month else fiscal.start.year)
        end = cal.month_end(end_year, tail_months[0])
        return Interval(fiscal.start, end, "month") if end >= fiscal.start else None
    if kind == "previous_fy":
        if ctx.last and ctx.last.granularity == "year" and ctx.last.start:
            return cal.fiscal_year(ctx.last.end.year - 1, ctx.last.start.month) if ctx.last.start.month != 1 else cal.year(ctx.last.start.year - 1)
        return None
    return resolve_relative(kind, text, groups, ctx)


def _relative_season(groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"this summer": the document year's; "last winter" / "the past summer": the latest one begun before the
    document's date; "next spring": the first one after it."""
    if ctx.doc is None:
        return None
    word = (groups["sr_dir"] or groups["sr_dir2"]).lower()
    name = groups["sr_name"].lower()
    if word == "this":
        return cal.season(ctx.doc.year, name)
    anchor = ctx.anchor
    if word in ("last", "past", "previous"):
        candidates = [cal.season(y, name) for y in (ctx.doc.year, ctx.doc.year - 1, ctx.doc.year - 2)]
        return next((c for c in candidates if c.end < anchor), None)
    candidates = [cal.season(y, name) for y in (ctx.doc.year, ctx.doc.year + 1)]
    return next((c for c in candidates if c.start > anchor), None)


def _full_year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _fiscal_label(text: str) -> int:
    match = re.search(r"(\d{4}|\d\d)(?:[-/](\d\d)(?!\d))?", text)
    first, second = match.group(1), match.group(2)
    if second:
        return cal.two_digit_year(_full_year(first), int(second))
    return _full_year(first)


def stated_fiscal_start(text: str) -> int | None:
    """The first month of the fiscal year when the document spells one out ("FISCAL YEAR 2024 (July 1, 2023 -
    June 30, 2024)", "FY24: July 2023-June 2024"): it outweighs the country's usual year (a US state's runs July-June)."""
    found = FISCAL_STATED.search(text)
    return _month_number(found.group("first_month")) if found else None


def _states_coverage(text: str, start: int, interval: Interval) -> bool:
    """The date gives the period the report covers: "The reporting period: ...", "The report covers the
    period from September to December 2024" (a span of months or more, not a day it mentions)."""
    if PERIOD_DEFINITION.search(text, max(0, start - 60), start):
        return True
    return (interval.end - interval.start).days > 27 and bool(COVERAGE.search(text, max(0, start - 200), start))


def _labels_a_row(text: str, start: int, end: int) -> bool:
    """A month alone in a table cell that has cells after it: a row's label ("\tFebruary\t27\t1")."""
    return (start == 0 or text[start - 1] in "\t\n") and text[end:end + 1] == "\t"


@lru_cache(maxsize=1)
def month_first_countries() -> frozenset[str]:
    """Countries whose numeric dates put the month first (``month_first_countries.jsonl``)."""
    return frozenset(row["country_code"] for row in load_jsonl("month_first_countries.jsonl"))


def find_dates(text: str, doc_date: str | None = None, fiscal_start: int = 1, country: str | None = None) -> list[DateMatch]:
    """Every date expression in ``text`` in reading order, resolved where a careful reader could.

    ``fiscal_start`` is the first month of the fiscal year of the document's
    country (10 for the US, 7 for Australia, 4 for the UK and India); ``country`` (its ISO code) says
    whether "03/12/2024" is 3 December or, as in the United States, 12 March, unless the text's own
    numeric dates settle it.
    """
    ctx = DateContext(DocDate.parse(doc_date), stated_fiscal_start(text) or fiscal_start, text,
                      numeric_order=cal.numeric_order(text, month_first_country=country in month_first_countries()))
    found: list[DateMatch] = []
    for match in _candidates(text):
        kind = match.lastgroup
        span_text = match.group(0)
        if kind == "year" and UNIT_AFTER_YEAR.match(text, match.end()):
            continue
        if kind == "month_alone" and not MONTH_CUE_BEFORE.search(text, max(0, match.start() - 12), match.start()) \
                and not _labels_a_row(text, match.start(), match.end()):
            continue
        start = match.start()
        ctx.here = start
        interval = _resolve(kind, span_text, _groups(kind, match), ctx)
        if interval is None and kind not in CONTEXT_DEPENDENT:
            continue  # not a date after all ("E/2025/28", "2019-1987")
        start_iso, end_iso = interval.iso() if interval else (None, None)
        granularity = interval.granularity if interval else "unknown"
        found.append(DateMatch(start, match.end(), start_iso, end_iso, granularity, f"date.{kind}"))
        if interval is not None and (interval.start is not None or interval.end is not None) and kind not in ("to_date", "today", *PARTIAL):
            ctx.saw(interval, match.end(), open_ended=kind in SINCE_KINDS)
            if ctx.stated_period is None and interval.start and interval.end and _states_coverage(text, start, interval):
                ctx.stated_period = interval
    return found
