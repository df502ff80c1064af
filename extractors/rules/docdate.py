"""The document's own date: datelines, "Published"/"Updated" lines, a date near the top.

A wire dateline ("ALMATY, Sept 10 (Reuters) -") gives no year: the latest year
the text mentions supplies it. Returns an ISO string as precise as the text
allows ("2024-09-10", "2024-07", "2024") or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.normalise.dates import MONTHS
from extractors.rules.date_patterns import DAY, MONTH, YEAR

TOP_CHARS = 600
LABELLED = re.compile(
    rf"(?:Published|Updated|Posted|Date|Dated|Released|Issued|Last updated|Press release|Release date|Publication date)"
    rf"\s*(?:on|:)?\s*"
    rf"(?:\w+day,?\s+)?({DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}|{YEAR}-\d\d-\d\d|{MONTH}\s+{YEAR})",
    re.IGNORECASE,
)
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z .'-]{{2,40}}|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}})(?:,\s+[A-Z][a-z]+\.?(?: [A-Z][a-z]+){{0,2}})?,\s+"
    rf"({MONTH}\s+{DAY}|{DAY}\s+{MONTH})"
    rf"(?:,?\s+({YEAR}))?(?:\s+\(|\s*[-–—]|\s*$)", re.MULTILINE)
FULL = re.compile(rf"{DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}")
YEARLESS_EVENT = re.compile(rf"\bon\s+(?:\w+day,?\s+)?({DAY}\s+{MONTH}|{MONTH}\s+{DAY})(?!\w|,?\s+{YEAR})")
EVENT_CHARS = 1200
# "EU DRUG MARKETS BRIEFING 2024", "World Drug Report 2024": an agency report's title names the year it
# came out in, when nothing else does. Not an annual report's: "Annual Report 2023" appears in 2024.
TITLE_LINES = 3
TITLE_YEAR = re.compile(
    rf"^(?![^\n]*\bannual\b)[^\n]{{0,100}}?\b(?:report|briefing|brief|bulletin|review|update|outlook|analysis|assessment|"
    rf"survey|overview|monitor)[ :,]{{1,3}}({YEAR})\b(?![-–/]\d)", re.IGNORECASE | re.MULTILINE)


def likely_year(text: str) -> int | None:
    """The latest year the text mentions at least twice (else the latest at all)."""
    years = [int(y) for y in re.findall(rf"(?<![\d.,]){YEAR}(?![\d%])", text)]
    if not years:
        return None
    repeated = [y for y in set(years) if years.count(y) >= 2]
    return max(repeated) if repeated else max(years)


def _iso(piece: str, year: int | None = None) -> str | None:
    year_match = re.search(YEAR, piece)
    year = int(year_match.group(0)) if year_match else year
    iso = re.fullmatch(rf"({YEAR})-(\d\d)-(\d\d)", piece.strip())
    if iso:
        return piece.strip()
    month_match = re.search(MONTH, piece)
    if not month_match or year is None:
        return None
    month = MONTHS[month_match.group(0).lower().rstrip(".")]
    rest = piece.replace(month_match.group(0), " ")
    if year_match:
        rest = rest.replace(year_match.group(0), " ")
    day_match = re.search(r"\d{1,2}", rest)
    if not day_match:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{int(day_match.group(0)):02d}"


@dataclass(frozen=True)
class DocumentDate:
    """The document's date and, when a dateline or a "Published" line gave it, that line's span:
    what it says is about the publication, not about the facts reported."""

    value: str | None
    span: tuple[int, int] | None = None


def find_doc_date(text: str, metadata_date: str | None = None) -> DocumentDate:
    labelled = LABELLED.search(text[:3000])
    if labelled:
        line_end = text.find("\n", labelled.end())
        return DocumentDate(_iso(labelled.group(1)), (labelled.start(), len(text) if line_end < 0 else line_end))
    dateline = DATELINE.search(text[:TOP_CHARS])
    if dateline:
        year = int(dateline.group(2)) if dateline.group(2) else likely_year(text)
        return DocumentDate(_iso(dateline.group(1), year), (dateline.start(), dateline.end()))
    top = FULL.search(text[:TOP_CHARS])
    if top:
        return DocumentDate(_iso(top.group(0)))
    event = YEARLESS_EVENT.search(text[:EVENT_CHARS])  # a news story: "... told media on 26 November"
    year = likely_year(text) if event else None
    if event and year:
        return DocumentDate(_iso(event.group(1), year))
    if metadata_date:
        return DocumentDate(metadata_date)  # the text gives none: the file's own date
    return DocumentDate(title_year(text))


def title_year(text: str) -> str | None:
    """The year in a report's title ("... Briefing 2024"), looked for in its first few lines only."""
    top = "\n".join(line for line in text.lstrip().splitlines()[:TITLE_LINES])
    found = TITLE_YEAR.search(top)
    return found.group(1) if found else None
