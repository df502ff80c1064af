"""Date intervals: inclusive ISO bounds and a granularity, from parsed pieces.

Pure arithmetic on calendar periods (months, quarters, halves, fiscal years,
decades, seasons) and a partial document date ("2024", "2024-07",
"2024-08-20") that relative expressions are resolved against.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}


@dataclass(frozen=True)
class Interval:
    """An inclusive period; either bound may be unknown (None)."""

    start: date | None
    end: date | None
    granularity: str

    def iso(self) -> tuple[str | None, str | None]:
        return (self.start.isoformat() if self.start else None, self.end.isoformat() if self.end else None)


@dataclass(frozen=True)
class DocDate:
    """The document's date as precise as the text gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> "DocDate | None":
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    def as_date(self) -> date:
        """A best point estimate: the day itself, else the end of the known period."""
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            return month_end(self.year, self.month)
        return date(self.year, 12, 31)

    def period(self) -> Interval:
        """The document date as an interval: what an anaphoric expression leans on when the
        text names no date before it ("a year earlier" in a lead)."""
        if self.day:
            return day(self.year, self.month, self.day) or year(self.year)
        if self.month:
            return month(self.year, self.month)
        return year(self.year)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day(year: int, month: int, day_of_month: int) -> Interval | None:
    if not 1 <= month <= 12 or not 1 <= day_of_month <= calendar.monthrange(year, month)[1]:
        return None
    point = date(year, month, day_of_month)
    return Interval(point, point, "day")


def month(year: int, month_number: int) -> Interval:
    return Interval(date(year, month_number, 1), month_end(year, month_number), "month")


def months(year: int, first: int, last: int, end_year: int | None = None) -> Interval:
    end_year = end_year if end_year is not None else (year if last >= first else year + 1)
    return Interval(date(year, first, 1), month_end(end_year, last), "month")


def year(value: int) -> Interval:
    return Interval(date(value, 1, 1), date(value, 12, 31), "year")


def years(first: int, last: int) -> Interval:
    return Interval(date(first, 1, 1), date(last, 12, 31), "multi-year")


def quarter(year_value: int, number: int) -> Interval:
    first = 3 * (number - 1) + 1
    return Interval(date(year_value, first, 1), month_end(year_value, first + 2), "quarter")


def half(year_value: int, number: int) -> Interval:
    first = 1 if number == 1 else 7
    return Interval(date(year_value, first, 1), month_end(year_value, first + 5), "half")


def first_months(year_value: int, count: int) -> Interval:
    """"the first five months of 2023"; six months is a half, three a quarter."""
    count = max(1, min(12, count))
    granularity = {3: "quarter", 6: "half", 12: "year"}.get(count, "month")
    return Interval(date(year_value, 1, 1), month_end(year_value, count), granularity)


def fiscal_year(label_year: int, start_month: int) -> Interval:
    """A fiscal year named by the calendar year it ends in (US FY2023 = Oct 2022 - Sep 2023)."""
    if start_month == 1:
        return year(label_year)
    return Interval(date(label_year - 1, start_month, 1), month_end(label_year, start_month - 1), "year")


def fiscal_quarter(label_year: int, start_month: int, number: int) -> Interval:
    first = fiscal_year(label_year, start_month).start
    assert first is not None
    month_index = first.month + 3 * (number - 1)
    year_value = first.year + (month_index - 1) // 12
    month_number = (month_index - 1) % 12 + 1
    end_index = month_number + 2
    end = month_end(year_value + (end_index - 1) // 12, (end_index - 1) % 12 + 1)
    return Interval(date(year_value, month_number, 1), end, "quarter")


def decade(start_year: int, part: str | None = None) -> Interval:
    """"the 1990s", "the early 2020s" (first four years), "the mid-2010s", "the late 1990s"."""
    first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part or "", (0, 9))
    return Interval(date(start_year + first, 1, 1), date(start_year + last, 12, 31), "multi-year")


def part_of_year(year_value: int, part: str) -> Interval:
    """"early 2021" (Q1), "mid-2023" (Q2-Q3), "late 2014" (Q4), "the end of 2023" (December)."""
    part = part.lower().replace("-", " ").strip()
    if part in ("early", "beginning of", "start of", "the beginning of", "the start of"):
        return Interval(date(year_value, 1, 1), date(year_value, 3, 31), "quarter")
    if part in ("mid", "middle of", "the middle of"):
        return Interval(date(year_value, 4, 1), date(year_value, 9, 30), "quarter")
    if part in ("late",):
        return Interval(date(year_value, 10, 1), date(year_value, 12, 31), "quarter")
    return Interval(date(year_value, 12, 1), date(year_value, 12, 31), "month")  # end of


def part_of_month(year_value: int, month_number: int, part: str) -> Interval:
    """"early June" (1-10), "mid-June" (11-20), "late June" (21 to the month's end): thirds of the month,
    as analysts read them (a dekad, in the agencies' bulletins)."""
    first, last = {"early": (1, 10), "mid": (11, 20)}.get(part.lower(), (21, month_end(year_value, month_number).day))
    return Interval(date(year_value, month_number, first), date(year_value, month_number, last), "day")


def season(year_value: int, name: str) -> Interval:
    first, last = SEASONS[name.lower()]
    if first > last:  # winter 2020 = Dec 2020 - Feb 2021
        return Interval(date(year_value, first, 1), month_end(year_value + 1, last), "quarter")
    return Interval(date(year_value, first, 1), month_end(year_value, last), "quarter")


def shift_months(point: date, count: int) -> tuple[int, int]:
    index = point.year * 12 + (point.month - 1) + count
    return index // 12, index % 12 + 1


def last_weekday(anchor: date, weekday: int) -> date:
    """The latest given weekday on or before the anchor (reports speak of the past)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def span(first: Interval, last: Interval, granularity: str | None = None) -> Interval:
    """From the start of one interval to the end of another."""
    return Interval(first.start, last.end, granularity or last.granularity)


def two_digit_year(base: int, short: int) -> int:
    """"2023-24": the second year written with two digits, in the century of the first."""
    candidate = base // 100 * 100 + short
    return candidate if candidate > base else candidate + 100


def shift_years(interval: Interval, count: int) -> Interval:
    """The same span ``count`` years later (earlier when negative): "a year earlier" than
    December 2022 is December 2021, than FY2023 is FY2022. Month ends stay month ends."""
    return Interval(_shift_day(interval.start, count), _shift_day(interval.end, count), interval.granularity)


def _shift_day(point: date | None, count: int) -> date | None:
    if point is None:
        return None
    target = point.year + count
    if point == month_end(point.year, point.month):
        return month_end(target, point.month)
    return date(target, point.month, min(point.day, calendar.monthrange(target, point.month)[1]))


def enclosing(point: date, unit: str) -> Interval | None:
    """The calendar year, quarter, month, week (Monday to Sunday) or the day itself that contains a day."""
    if unit == "week":
        monday = point - timedelta(days=point.weekday())
        return Interval(monday, monday + timedelta(days=6), "day")
    if unit == "year":
        return year(point.year)
    if unit == "quarter":
        return quarter(point.year, (point.month - 1) // 3 + 1)
    if unit == "month":
        return month(point.year, point.month)
    if unit == "day":
        return Interval(point, point, "day")
    return None


# Years of the 33-year-cycle corrections of the Iranian (solar Hijri) calendar (Borkowski's
# algorithm, as in jalaali-js): exact for the years reports speak of.
IRANIAN_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
                  2394, 2456, 3178)


def nowruz(iranian_year: int) -> date:
    """The first day of an Iranian year (20 or 21 March): Iran's fiscal and statistical year."""
    gregorian = iranian_year + 621
    leap, previous_break, jump = -14, IRANIAN_BREAKS[0], 0
    for next_break in IRANIAN_BREAKS[1:]:
        jump = next_break - previous_break
        if iranian_year < next_break:
            break
        leap += jump // 33 * 8 + jump % 33 // 4
        previous_break = next_break
    elapsed = iranian_year - previous_break
    leap += elapsed // 33 * 8 + (elapsed % 33 + 3) // 4
    if jump % 33 == 4 and jump - elapsed == 4:
        leap += 1
    gregorian_leap = gregorian // 4 - (gregorian // 100 + 1) * 3 // 4 - 150
    return date(gregorian, 3, 20 + leap - gregorian_leap)


def iranian_year(number: int) -> Interval:
    """Iranian year 1402 = 21 March 2023 - 19 March 2024."""
    return Interval(nowruz(number), nowruz(number + 1) - timedelta(days=1), "year")


NUMERIC_DAY = re.compile(r"(?<![\d./])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?![\d/]|\.\d)")


def numeric_order(text: str, month_first_country: bool = False) -> str:
    """"DMY" or "MDY" for the text's numeric dates: any "25/03/2024" settles day-first, any "03/25/2024"
    month-first; with neither, the country's custom (month first in the United States), else day first."""
    firsts = [(int(m.group(1)), int(m.group(3))) for m in NUMERIC_DAY.finditer(text)]
    if any(a > 12 >= b for a, b in firsts):
        return "DMY"
    if any(b > 12 >= a for a, b in firsts):
        return "MDY"
    return "MDY" if month_first_country else "DMY"


def numeric_day(text: str, order: str) -> Interval | None:
    """The day a "12/03/2024" or "12.03.2024" names in the given order; None when it names none."""
    found = NUMERIC_DAY.search(text)
    if not found:
        return None
    a, b, year_value = int(found.group(1)), int(found.group(3)), int(found.group(4))
    return day(year_value, *((b, a) if order == "DMY" else (a, b)))
