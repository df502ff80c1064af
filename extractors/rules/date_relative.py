"""Relative date expressions: deictic ones against the document date, anaphoric ones against the text.

"last year", "this month", "over the past five years", "two weeks ago" count
from the day the document was written. "the previous year", "a year earlier",
"that month", "the same period a year earlier" count from the date the text
named last (``DateContext.reference``): a report that says "In 2021 ... the
previous year" means 2020 whatever year it was published in.
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta

from extractors.normalise import dates as cal
from extractors.normalise.dates import Interval
from extractors.rules.date_context import DateContext
from extractors.rules.date_patterns import MONTH, NUMBER_WORDS, WEEKDAY

BACKWARD = re.compile(r"\b(?:previous|preceding|prior|before|earlier|ago)\b")
MONTHS_IN = {"month": 1, "quarter": 3}
DAYS_IN = {"day": 1, "week": 7, "fortnight": 14}


def _count(word: str | None, default: int = 1) -> int | None:
    """"a", "one", "two", "12" -> a number; None for "few" and "several"."""
    word = (word or "").lower()
    if not word or word in ("a", "one"):
        return default
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _edge(interval: Interval, backward: bool) -> date | None:
    """The side of an interval a step is taken from: its start going back, its end going forward."""
    return (interval.start or interval.end) if backward else (interval.end or interval.start)


def _is_span(interval: Interval) -> bool:
    """A bounded period that can be moved as a whole (a month, a fiscal year, January-September)."""
    return bool(interval.start and interval.end and interval.granularity != "multi-year"
                and (interval.granularity != "day" or interval.start != interval.end))


def _months_later(interval: Interval, count: int, granularity: str) -> Interval:
    """The calendar month or quarter ``count`` months after (before, if negative) the one starting an interval."""
    length = MONTHS_IN.get(granularity, 1)
    first_year, first_month = cal.shift_months(interval.start.replace(day=1), count)
    last_year, last_month = cal.shift_months(date(first_year, first_month, 1), length - 1)
    return Interval(date(first_year, first_month, 1), cal.month_end(last_year, last_month), granularity)


def shift(reference: Interval | None, unit: str, count: int) -> Interval | None:
    """``reference`` moved ``count`` units: "a year earlier" than December 2022 is December 2021,
    than FY2023 FY2022, than January-September 2023 January-September 2022; a single day or a
    span of years gives the calendar year next to it."""
    if reference is None:
        return None
    backward = count < 0
    point = _edge(reference, backward)
    if point is None:
        return None
    if unit in ("year", "decade"):
        years = count * (10 if unit == "decade" else 1)
        return cal.shift_years(reference, years) if _is_span(reference) else cal.year(point.year + years)
    if unit in MONTHS_IN:
        # a quarter moves as itself (fiscal quarters do not start in January, April, July, October)
        whole = reference if unit == "quarter" == reference.granularity and reference.start else cal.enclosing(point, unit)
        return _months_later(whole, count * MONTHS_IN[unit], unit)
    if unit not in ("week", "day") or reference.granularity != "day" or not (reference.start and reference.end):
        return None
    if unit == "week" and (reference.end - reference.start).days == 6:
        return _days_later(reference, 7 * count)  # a whole week moves as a week
    if reference.start == reference.end:
        return _days_later(reference, count * (7 if unit == "week" else 1))
    return None


def _days_later(interval: Interval, days: int) -> Interval:
    step = timedelta(days=days)
    return Interval(interval.start + step, interval.end + step, interval.granularity)


def _adjacent(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"the previous year", "the following month", "the year before": the unit next to the reference;
    after a fiscal year it is the fiscal year next to it."""
    unit = groups["adj_unit"] or groups["adj_unit2"]
    step = -1 if BACKWARD.search(lowered) else 1
    reference = ctx.reference()
    if reference is None:
        return None
    if unit == "year" and reference.granularity == "year" and _is_span(reference):
        return cal.shift_years(reference, step)
    point = _edge(reference, step < 0)
    if point is None:
        return None
    return shift(reference if reference.granularity == unit == "quarter" else cal.enclosing(point, unit), unit, step)


def _shifted(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"a year earlier", "two months later", "a week before": the reference moved."""
    count = _count(lowered.split()[0])
    if count is None:
        return None
    direction = -1 if BACKWARD.search(lowered) else 1
    return shift(ctx.reference(), groups["ago_unit"], direction * count)


def _within(reference: Interval | None, unit: str) -> Interval | None:
    """The year, quarter or month the reference lies in ("that month" after "20 August 2024" is
    August 2024); a fiscal year is its own "that year"; None when it spans more than one."""
    if reference is None:
        return None
    if unit == "year" and reference.granularity == "year" and _is_span(reference):
        return reference
    first, last = reference.start or reference.end, reference.end or reference.start
    if first is None:
        return None
    container = cal.enclosing(first, unit)
    return container if container and container.start <= last <= container.end else None


def _that_unit(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    return _within(ctx.reference(), groups["tu_unit"].lower())


def _earlier_later(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"earlier this year" runs from 1 January to the day before the document; "earlier that month"
    after 20 August from 1 to 19 August; "later that year" from after the reference to 31 December."""
    unit = groups["et_unit"]
    reference = (ctx.doc.period() if ctx.doc else None) if " this " in f" {lowered} " else ctx.reference()
    container = _within(reference, unit)  # None when the reference is coarser than the unit
    if container is None:
        return None
    earlier = lowered.startswith("earlier")
    point = _edge(reference, earlier)
    granularity = "day" if unit == "week" else unit
    if earlier:
        end = point - timedelta(days=1) if point > container.start else container.end
        return Interval(container.start, end, granularity)
    start = point + timedelta(days=1) if point < container.end else container.start
    return Interval(start, container.end, granularity)


def _previous_period(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"the previous 12-month period" after "the 12 months to April 2025": as many months again,
    ending where the reference begins. Only for references made of whole months."""
    reference = ctx.antecedent()
    if reference is None or not reference.start or not reference.end or reference.start.day != 1 \
            or reference.end != cal.month_end(reference.end.year, reference.end.month):
        return None
    length = (reference.end.year - reference.start.year) * 12 + reference.end.month - reference.start.month + 1
    count = _count(groups["pp_n"], default=length)
    if not count:
        return None
    first_year, first_month = cal.shift_months(reference.start, -count)
    return Interval(date(first_year, first_month, 1), reference.start - timedelta(days=1), reference.granularity)


def _same_period(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"the same period in 2023" / "last year" / "a year earlier": the period just named, else the period the
    report says it covers, in another year."""
    period = ctx.antecedent_period() or ctx.stated_period
    if groups.get("sp_prev"):
        if period is not None and period.start and period.end:
            return _month_rounded(cal.shift_years(period, -1), lowered)
    elif not groups.get("sp_year") and not groups.get("sp_last"):
        return ctx.antecedent()
    doc_year = ctx.doc.year if ctx.doc else None
    target = int(groups["sp_year"]) if groups.get("sp_year") else (doc_year - 1 if doc_year else None)
    if target is None:
        return None
    if period is not None and period.start and period.end and period.start.year == period.end.year:
        moved = Interval(_same_day(period.start, target), _same_day(period.end, target), period.granularity)
        return _month_rounded(moved, lowered)
    anchor = ctx.anchor
    if anchor and target != anchor.year:
        return _month_rounded(Interval(date(target, 1, 1), _same_day(anchor, target), "day"), lowered)
    return None


def _month_rounded(interval: Interval, lowered: str) -> Interval:
    """"the same months in 2014" covers whole months."""
    if "month" not in lowered or interval.end is None:
        return interval
    return Interval(interval.start, cal.month_end(interval.end.year, interval.end.month), "month")


def _same_day(point: date, target_year: int) -> date:
    return point.replace(year=target_year) if not (point.month == 2 and point.day == 29) else date(target_year, 2, 28)


def _said_period(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"the said period", "that period": the period just named."""
    return ctx.named_period()


def _reporting_period(lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"the reporting period", "the period under review": the period the report covers."""
    return ctx.reporting_period


ANAPHORIC = {
    "adjacent": _adjacent, "that_unit": _that_unit, "earlier_this": _earlier_later,
    "previous_period": _previous_period, "same_period": _same_period, "reporting_period": _reporting_period, "said_period": _said_period,
}


def relative_year(word: str | None, ctx: DateContext) -> int | None:
    """The year of "the first half of that / the previous / last / this year"."""
    word = " ".join((word or "").lower().split())
    if word in ("the", "that", "the same", "the previous"):  # "of the year": the story's year, else the document's
        reference = ctx.reference()
        point = (reference.start or reference.end) if reference else None
        if point is None:
            return ctx.doc.year if word == "the" and ctx.doc else None
        return point.year - (1 if word == "the previous" else 0)
    if ctx.doc is None:
        return None
    return ctx.doc.year - 1 if word == "last" else ctx.doc.year


def resolve_relative(kind: str, text: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    lowered = " ".join(text.lower().split())
    if kind == "year":
        return cal.year(int(text))
    if kind == "month_alone":
        month_number = cal.MONTHS[re.search(MONTH, text).group(0).lower().rstrip(".")]
        year_value = ctx.year_for(month_number)
        return cal.month(year_value, month_number) if year_value else None
    if kind in ANAPHORIC:
        return ANAPHORIC[kind](lowered, groups, ctx)
    if kind == "ago" and groups["ago_dir"] != "ago":
        return _shifted(lowered, groups, ctx)
    if ctx.doc is None:
        return None
    return _deictic(kind, text, lowered, groups, ctx)


def _deictic(kind: str, text: str, lowered: str, groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """Expressions counted from the document date, which is known here."""
    anchor = ctx.anchor
    doc_year = ctx.doc.year
    if kind == "so_far_this_year":
        return Interval(date(doc_year, 1, 1), anchor, "year" if "so far" in lowered else "day")
    if kind == "so_far_this_fiscal":  # from the start of the fiscal year the document date falls in
        start_month = ctx.fiscal_start if ctx.fiscal_start != 1 else 10
        begun = date(anchor.year if anchor.month >= start_month else anchor.year - 1, start_month, 1)
        if lowered.startswith("this"):
            return cal.fiscal_year(begun.year + (1 if start_month != 1 else 0), start_month)
        return Interval(begun, anchor, "year")
    if kind == "before_last":  # "the year before last": two years before the document's
        if groups["bl_unit"] == "year":
            return cal.year(doc_year - 2)
        return _months_later(ctx.doc.period(), -2, "month") if ctx.doc.month else None
    if kind == "relative_unit":
        unit = groups["ru_unit"]
        offset = 0 if re.match(r"(this|the current)", lowered) else (1 if lowered.startswith("next") else -1)
        if unit == "year":
            return None if lowered.startswith("the past") else cal.year(doc_year + offset)
        if unit == "month" and ctx.doc.month:
            y, m = cal.shift_months(date(doc_year, ctx.doc.month, 1), offset)
            return cal.month(y, m)
        if unit == "week" and ctx.doc.day:
            return _days_later(cal.enclosing(anchor, "week"), 7 * offset)
        return None
    if kind == "last_month_name":
        month_number = cal.MONTHS[re.search(MONTH, text).group(0).lower().rstrip(".")]
        if lowered.startswith("last"):
            return cal.month(doc_year - 1 if not ctx.doc.month or month_number >= ctx.doc.month else doc_year, month_number)
        return cal.month(doc_year, month_number)
    if kind == "ago":
        count = _count(lowered.split()[0])
        unit = groups["ago_unit"]
        if count is None:
            return None
        if unit in ("year", "decade"):
            target = doc_year - count * (10 if unit == "decade" else 1)  # "a decade ago" is as vague as a year
            return cal.month(target, ctx.doc.month) if ctx.doc.month and unit == "year" else cal.year(target)
        if unit == "month":
            y, m = cal.shift_months(anchor, -count)
            return cal.month(y, m)
        return None
    if kind == "past_n":
        return _past_n(groups, ctx)
    if kind == "today":
        if lowered in ("currently", "at the moment") and not ctx.doc.day:
            return None
        return Interval(anchor, anchor, "day") if ctx.doc.day else Interval(date(doc_year, 1, 1), date(doc_year, 12, 31), "day")
    if kind == "to_date":
        return Interval(None, anchor, "unknown")
    if kind == "weekend":  # the last Saturday and Sunday before the document's day
        if not ctx.doc.day:
            return None
        saturday = cal.last_weekday(anchor - timedelta(days=1), 5)
        return Interval(saturday, saturday + timedelta(days=1), "day")
    if kind == "weekday":
        if not ctx.doc.day:
            return None
        weekday = cal.WEEKDAYS[re.search(WEEKDAY, text).group(0).lower()]
        point = cal.last_weekday(anchor, weekday)
        return Interval(point, point, "day")
    return None


def _past_n(groups: dict[str, str | None], ctx: DateContext) -> Interval | None:
    """"over the past six years" / "the past decade": the whole years before the document's year;
    "the past three months": the months up to the document date; "the past two weeks", "the last ten
    days", "the past 24 hours": the days up to the document's day."""
    count = _count(groups["pn_n"])
    unit = (groups["pn_unit"] or groups["pn_decade"]).lower()
    doc_year = ctx.doc.year
    if unit.startswith(("year", "decade")):
        count = count * 10 if (count and unit.startswith("decade")) else count
        return Interval(date(doc_year - count, 1, 1) if count else None, date(doc_year - 1, 12, 31), "multi-year")
    if unit.startswith("month"):
        if not (count and ctx.doc.month):
            return None
        y, m = cal.shift_months(date(doc_year, ctx.doc.month, 1), -count)
        return Interval(date(y, m, 1), ctx.anchor, "month")
    if not count or not ctx.doc.day:
        return None  # "the past two weeks" needs the document's day to count back from
    if unit.startswith("hour"):  # "the past 24 hours": since the same hour of the day before
        return Interval(ctx.anchor - timedelta(days=math.ceil(count / 24)), ctx.anchor, "day")
    days = DAYS_IN[unit.rstrip("s")] * count  # "the last ten days": ten days ending on the document's
    return Interval(ctx.anchor - timedelta(days=days - 1), ctx.anchor, "day")
