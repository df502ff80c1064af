"""Locate date and period expressions and resolve them to ISO intervals.

Our own patterns locate the span ("the first five months of 2023", "H1 2024",
"FY2023", "between 2015 and 2023", "last year"); point dates are parsed with
``dateparser.parse`` (English only, the document date as RELATIVE_BASE), and
periods with the calendar arithmetic in ``normalise.dates``. Expressions that
lean on the text before them ("that year", "the same period in 2023") are
resolved in reading order against the last date seen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from extractors.normalise import dates as cal
from extractors.normalise.dates import DocDate, Interval
from extractors.rules.date_patterns import (
    CONTEXT_DEPENDENT,
    DASH,
    FY,
    MONTH,
    NUMBER_WORDS,
    UNIT_AFTER_YEAR,
    MONTH_CUE_BEFORE,
    WEEKDAY,
    YEAR,
    _candidates,
    _groups,
)


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


@dataclass
class _Context:
    """What the resolver knows while reading: the document date and the last period seen."""

    doc: DocDate | None
    fiscal_start: int
    last: Interval | None = None
    last_period: Interval | None = None  # the last period shorter than a year: what "the same period" repeats

    def saw(self, interval: Interval) -> None:
        self.last = interval
        if interval.granularity in ("day", "month", "quarter", "half") and interval.start and interval.end \
                and interval.start != interval.end and interval.start.year == interval.end.year:
            self.last_period = interval

    @property
    def anchor(self) -> date | None:
        return self.doc.as_date() if self.doc else None

    def year_for(self, month_number: int) -> int | None:
        if self.last and self.last.start:
            return self.last.start.year
        return self.doc.year if self.doc else None


def _parse_point(text: str, ctx: _Context) -> Interval | None:
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


def _resolve(kind: str, text: str, groups: dict[str, str | None], ctx: _Context) -> Interval | None:
    years = _years_in(text)
    months = _months_in(text)
    anchor = ctx.anchor
    doc_year = ctx.doc.year if ctx.doc else None
    if kind in ("full", "iso", "numeric", "day_month"):
        if kind == "iso":
            y, m, d = (int(p) for p in text.split("-"))
            return cal.day(y, m, d)
        if kind == "day_month" and ctx.last and ctx.last.start and ctx.doc is None:
            day_value = int(re.search(r"\d+", text).group(0))
            return cal.day(ctx.last.start.year, months[0], day_value)
        return _parse_point(text, ctx)
    if kind == "day_range":
        parts = re.split(DASH, text, maxsplit=1)
        second = _parse_point(parts[1], ctx)
        if len(_years_in(parts[0])) == 0 and second and second.start:
            first = _parse_point(f"{parts[0]} {second.start.year}", ctx)
        else:
            first = _parse_point(parts[0], ctx)
        if first and second and first.start and second.end:
            if first.start > second.end:
                first = Interval(first.start.replace(year=second.end.year - 1), None, "day")
            return Interval(first.start, second.end, "day")
        return None
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
    if kind == "decade":
        return cal.decade(int(groups["d_year"]), (groups["d_part"] or "").lower() or None)
    if kind == "since":
        start = cal.month(years[0], months[0]).start if months else date(years[0], 1, 1)
        return Interval(start, date(doc_year, 12, 31) if doc_year else None, "multi-year")
    if kind == "since_decade":
        start = cal.decade(int(groups["sd_year"]), (groups["sd_part"] or "").lower() or None).start
        return Interval(start, date(doc_year, 12, 31) if doc_year else None, "multi-year")
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
    if kind == "fiscal":
        return cal.fiscal_year(_fiscal_label(text), ctx.fiscal_start if ctx.fiscal_start != 1 else 10)
    if kind == "fiscal_quarter":
        start_month = ctx.fiscal_start if ctx.fiscal_start != 1 else 10
        return cal.fiscal_quarter(_fiscal_label(text[2:]), start_month, int(groups["fq"]))
    if kind == "fy_until":
        head = re.match(FY, text).group(0)
        fiscal = cal.fiscal_year(_fiscal_label(head), ctx.fiscal_start if ctx.fiscal_start != 1 else 10)
        tail = text[len(head):]
        tail_years = _years_in(tail)
        tail_months = _months_in(tail)
        if re.search(r"\b\d{1,2}\b", re.sub(YEAR, "", tail)):
            point = _parse_point(re.sub(r"^\W*(?:to|through|until|till|thru)\W*", "", tail.strip()), ctx)
            return Interval(fiscal.start, point.end, "day") if point else None
        end_year = tail_years[0] if tail_years else (fiscal.end.year if tail_months[0] <= fiscal.end.month else fiscal.start.year)
        return Interval(fiscal.start, cal.month_end(end_year, tail_months[0]), "month")
    if kind == "previous_fy":
        if ctx.last and ctx.last.granularity == "year" and ctx.last.start:
            return cal.fiscal_year(ctx.last.end.year - 1, ctx.last.start.month) if ctx.last.start.month != 1 else cal.year(ctx.last.start.year - 1)
        return None
    return _resolve_relative(kind, text, groups, ctx)


def _resolve_relative(kind: str, text: str, groups: dict[str, str | None], ctx: _Context) -> Interval | None:
    anchor = ctx.anchor
    doc_year = ctx.doc.year if ctx.doc else None
    lowered = " ".join(text.lower().split())
    if kind == "year":
        return cal.year(int(text))
    if kind == "month_alone":
        month_number = _months_in(text)[0]
        year_value = ctx.year_for(month_number)
        return cal.month(year_value, month_number) if year_value else None
    if kind == "that_year":
        return cal.year(ctx.last.start.year) if ctx.last and ctx.last.start and ctx.last.granularity != "year" else ctx.last
    if kind == "same_period":
        if groups.get("sp_year") or groups.get("sp_last"):
            target = int(groups["sp_year"]) if groups.get("sp_year") else (doc_year - 1 if doc_year else None)
            if target is None:
                return None
            period = ctx.last_period
            if period is not None and period.start and period.end:
                end = _same_day(period.end, target)
                if "month" in lowered:
                    return Interval(period.start.replace(year=target), cal.month_end(target, end.month), "month")
                return Interval(period.start.replace(year=target), end, period.granularity)
            if anchor and target != anchor.year:
                end = _same_day(anchor, target)
                return Interval(date(target, 1, 1), cal.month_end(target, end.month) if "month" in lowered else end,
                                "month" if "month" in lowered else "day")
            return None
        return ctx.last
    if doc_year is None:
        return None
    if kind == "so_far_this_year":
        return Interval(date(doc_year, 1, 1), anchor, "year" if "so far" in lowered else "day")
    if kind == "earlier_this":
        unit = groups["et_unit"]
        if unit == "year":
            end = anchor - (anchor - anchor.replace(day=1) if False else date.resolution) if anchor else None
            return Interval(date(doc_year, 1, 1), end, "year")
        if ctx.last and ctx.last.start:
            first = ctx.last.start.replace(day=1)
            return Interval(first, ctx.last.start - date.resolution if ctx.last.start > first else first, "month")
        return cal.month(doc_year, ctx.doc.month) if ctx.doc.month else None
    if kind == "relative_unit":
        unit = groups["ru_unit"]
        offset = 0 if re.match(r"(this|the current)", lowered) else (1 if re.match(r"(next|the following)", lowered) else -1)
        if lowered.startswith("that"):
            return ctx.last
        if unit == "year":
            if lowered.startswith(("the previous", "the preceding")) and ctx.last and ctx.last.start:
                return cal.year(ctx.last.start.year - 1)
            if lowered.startswith("the past"):
                return None
            return cal.year(doc_year + offset)
        if unit == "month" and ctx.doc.month:
            y, m = cal.shift_months(date(doc_year, ctx.doc.month, 1), offset)
            return cal.month(y, m)
        return None
    if kind == "last_month_name":
        month_number = _months_in(text)[0]
        if lowered.startswith("last"):
            return cal.month(doc_year - 1 if not ctx.doc.month or month_number >= ctx.doc.month else doc_year, month_number)
        return cal.month(doc_year, month_number)
    if kind == "ago":
        unit = groups["ago_unit"]
        number_word = lowered.split()[0]
        count = 1 if number_word in ("a", "one") else (int(number_word) if number_word.isdigit() else NUMBER_WORDS.get(number_word))
        if count is None:
            return None
        sign = 1 if groups["ago_dir"] == "later" else -1
        if groups["ago_dir"] in ("earlier", "before", "later") and ctx.last and ctx.last.start:
            base = ctx.last.start
        elif anchor:
            base = anchor
        else:
            return None
        if unit == "year":
            target = base.year + sign * count
            return cal.month(target, base.month) if groups["ago_dir"] == "ago" and ctx.doc.month else cal.year(target)
        if unit == "month":
            y, m = cal.shift_months(base, sign * count)
            return cal.month(y, m)
        return None
    if kind == "year_before":
        if ctx.last and ctx.last.start:
            step = -1 if re.search(r"before|earlier", lowered) else 1
            if groups["yb_unit"] == "year":
                return cal.year(ctx.last.start.year + step)
            y, m = cal.shift_months(ctx.last.start, step)
            return cal.month(y, m)
        return None
    if kind == "past_n":
        count_word = (groups["pn_n"] or "one").lower()
        unit = (groups["pn_unit"] or groups["pn_decade"]).lower()
        count = int(count_word) if count_word.isdigit() else NUMBER_WORDS.get(count_word)
        if unit.startswith("year") or unit.startswith("decade"):
            count = count * 10 if (count and unit.startswith("decade")) else count
            end = date(doc_year - 1, 12, 31)
            return Interval(date(doc_year - count, 1, 1) if count else None, end, "multi-year")
        if count and ctx.doc.month:
            y, m = cal.shift_months(date(doc_year, ctx.doc.month, 1), -count)
            return Interval(date(y, m, 1), anchor, "month")
        return None
    if kind == "today":
        if lowered in ("currently", "at the moment") and not ctx.doc.day:
            return None
        return Interval(anchor, anchor, "day") if ctx.doc.day else Interval(date(doc_year, 1, 1), date(doc_year, 12, 31), "day")
    if kind == "to_date":
        return Interval(None, anchor, "unknown")
    if kind == "weekday":
        if not ctx.doc.day:
            return None
        weekday = cal.WEEKDAYS[re.search(WEEKDAY, text).group(0).lower()]
        point = cal.last_weekday(anchor, weekday)
        return Interval(point, point, "day")
    return None


def _same_day(point: date, target_year: int) -> date:
    return point.replace(year=target_year) if not (point.month == 2 and point.day == 29) else date(target_year, 2, 28)


def _relative_year(word: str | None, ctx: _Context) -> int | None:
    word = " ".join((word or "").lower().split())
    if word in ("that", "the same") and ctx.last and ctx.last.start:
        return ctx.last.start.year
    if ctx.doc is None:
        return None
    return ctx.doc.year - 1 if word in ("last", "the previous") else ctx.doc.year


def _full_year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _fiscal_label(text: str) -> int:
    match = re.search(r"(\d{4}|\d\d)(?:/(\d\d))?", text)
    first, second = match.group(1), match.group(2)
    if second:
        return cal.two_digit_year(_full_year(first), int(second))
    return _full_year(first)


def find_dates(text: str, doc_date: str | None = None, fiscal_start: int = 1) -> list[DateMatch]:
    """Every date expression in ``text`` in reading order, resolved where a careful reader could.

    ``fiscal_start`` is the first month of the fiscal year of the document's
    country (10 for the US, 7 for Australia, 4 for the UK and India).
    """
    ctx = _Context(DocDate.parse(doc_date), fiscal_start)
    found: list[DateMatch] = []
    for match in _candidates(text):
        kind = match.lastgroup
        span_text = match.group(0)
        if kind == "year" and UNIT_AFTER_YEAR.match(text, match.end()):
            continue
        if kind == "month_alone" and not MONTH_CUE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        start = match.start()
        interval = _resolve(kind, span_text, _groups(kind, match), ctx)
        if interval is None and kind not in CONTEXT_DEPENDENT:
            continue  # not a date after all ("E/2025/28", "2019-1987")
        start_iso, end_iso = interval.iso() if interval else (None, None)
        granularity = interval.granularity if interval else "unknown"
        found.append(DateMatch(start, match.end(), start_iso, end_iso, granularity, f"date.{kind}"))
        if interval is not None and (interval.start is not None or interval.end is not None) and kind not in ("to_date", "today"):
            ctx.saw(interval)
    return found
