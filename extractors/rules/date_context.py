"""What the date resolver knows while reading: the document date and the dates read so far.

Deictic expressions ("last year", "this month") lean on the document date;
anaphoric ones ("the previous year", "a year earlier", "that month") lean on
the last date the text itself named, as long as it is near enough to be what
the writer meant (the same paragraph or one of the two before), and on the
document date only when the text named none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.normalise.dates import DocDate, Interval

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
MAX_PARAGRAPHS_BACK = 2  # an antecedent further back than this is no longer what "that year" means
SHORT_PERIODS = ("day", "month", "quarter", "half")


@dataclass
class DateContext:
    doc: DocDate | None
    fiscal_start: int
    text: str = ""
    last: Interval | None = None
    last_period: Interval | None = None  # the last period shorter than a year: what "the same period" repeats
    last_end: int = 0  # where the last resolved date ended
    period_end: int = 0  # where the last period ended
    here: int = 0  # where the expression being resolved starts
    first_period: Interval | None = None  # the first span of months or years named: what "the reporting period" is,
    stated_period: Interval | None = None  # unless the report says which period it covers
    last_closed: Interval | None = None  # the last date with both ends given: what "the said period" names
    closed_end: int = 0
    numeric_order: str = "DMY"  # how the text writes "12/03/2024" (normalise.dates.numeric_order)

    def saw(self, interval: Interval, end: int, open_ended: bool = False) -> None:
        self.last, self.last_end = interval, end
        if not open_ended:
            self.last_closed, self.closed_end = interval, end
        if self.first_period is None and interval.granularity not in ("day", "unknown") and interval.start \
                and interval.end and (interval.end - interval.start).days > 31:
            self.first_period = interval
        if interval.granularity in SHORT_PERIODS and interval.start and interval.end \
                and interval.start != interval.end and interval.start.year == interval.end.year:
            self.last_period, self.period_end = interval, end

    @property
    def anchor(self) -> date | None:
        """The document date as a day (the end of the month or year when that is all it gives)."""
        return self.doc.as_date() if self.doc else None

    def year_for(self, month_number: int) -> int | None:
        """The year of a year-less month: the nearby text's, else the stated reporting period's when the month
        falls in it ("In November" in a report on September to December 2024), else the last date's, the document's."""
        if self.last and self.last.start and self._near(self.last_end):
            return self.last.start.year
        covered = self.stated_period
        if covered and covered.start and covered.end:
            for year in range(covered.start.year, covered.end.year + 1):
                if (covered.start.year, covered.start.month) <= (year, month_number) <= (covered.end.year, covered.end.month):
                    return year
        if self.last and self.last.start:
            return self.last.start.year
        return self.doc.year if self.doc else None

    @property
    def reporting_period(self) -> Interval | None:
        """What "the reporting period" is: the period the report says it covers, else the first it names."""
        return self.stated_period or self.first_period

    def _near(self, end: int) -> bool:
        gap = self.text[end:self.here] if self.here >= end else ""
        return len(PARAGRAPH_BREAK.findall(gap)) <= MAX_PARAGRAPHS_BACK

    def antecedent(self) -> Interval | None:
        """The last date the text named, if it is close enough to be the one meant."""
        return self.last if self.last is not None and self._near(self.last_end) else None

    def antecedent_period(self) -> Interval | None:
        """What "the same period" repeats: the last short period nearby, else the last date
        if it is a period at all (a single day is not)."""
        if self.last_period is not None and self._near(self.period_end):
            return self.last_period
        found = self.antecedent()
        return found if found is not None and found.start != found.end else None

    def named_period(self) -> Interval | None:
        """What "the said period" names: the last period given with both its ends nearby ("since April 2022",
        running on to today, is no period one refers back to as said)."""
        found = self.last_closed if self.last_closed is not None and self._near(self.closed_end) else None
        return found if found is not None and found.start != found.end else None

    def reference(self) -> Interval | None:
        """What an anaphoric expression is resolved against: the antecedent, else the document date."""
        found = self.antecedent()
        if found is not None and (found.start or found.end):
            return found
        return self.doc.period() if self.doc else None
