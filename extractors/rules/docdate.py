"""The document's own date: datelines, "Published"/"Updated" lines, a date near the top.

A wire dateline ("ALMATY, Sept 10 (Reuters) -") gives no year: the latest year
the text mentions supplies it. Returns an ISO string as precise as the text
allows ("2024-09-10", "2024-07", "2024") or None.
"""
from __future__ import annotations

import re

from extractors.normalise.dates import MONTHS
from extractors.rules.dates import DAY, MONTH, YEAR

TOP_CHARS = 600
LABELLED = re.compile(
    rf"(?:Published|Updated|Posted|Date|Dated|Released|Issued|Last updated|Press release)\s*(?:on|:)?\s*"
    rf"(?:\w+day,?\s+)?({DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}|{YEAR}-\d\d-\d\d|{MONTH}\s+{YEAR})",
    re.IGNORECASE,
)
DATELINE = re.compile(rf"^[A-Z][A-Z .'-]{{2,40}},\s+({MONTH}\s+{DAY}|{DAY}\s+{MONTH})(?:,?\s+({YEAR}))?\s+\(", re.MULTILINE)
FULL = re.compile(rf"{DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}")


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


def find_doc_date(text: str, metadata_date: str | None = None) -> str | None:
    labelled = LABELLED.search(text[:3000])
    if labelled:
        return _iso(labelled.group(1))
    dateline = DATELINE.search(text[:TOP_CHARS])
    if dateline:
        years = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", text)]
        year = int(dateline.group(2)) if dateline.group(2) else (max(years) if years else None)
        return _iso(dateline.group(1), year)
    top = FULL.search(text[:TOP_CHARS])
    if top:
        return _iso(top.group(0))
    return metadata_date
