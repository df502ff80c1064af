"""The document's own date: datelines, "Published"/"Updated" lines, a date near the top.

A wire dateline ("ALMATY, Sept 10 (Reuters) -") gives no year: the years the
text mentions supply it (``story_year``), as they do for a text with no date at
all that still says "last year". Returns an ISO string as precise as the text
allows ("2024-09-10", "2024-07", "2024") or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.normalise.dates import MONTHS, numeric_day, numeric_order
from extractors.rules.date_patterns import DAY, MONTH, YEAR

TOP_CHARS = 600
NUMERIC = r"\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d"
LABELLED = re.compile(
    rf"((?:Last\s+)?(?:Published|Updated|Modified|Posted|Date|Dated|Released|Issued|Press release|Release date|"
    rf"Publication date|Retrieved|Accessed|Crawled|Fetched|Archived)(?:\s+(?:date|on))?)"
    rf"\s*(?:on|:)?\s*"
    rf"(?:\w+day,?\s+)?({DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}|{YEAR}-\d\d-\d\d|{NUMERIC}|{MONTH}\s+{YEAR})",
    re.IGNORECASE,
)
# Where a label can start: trying LABELLED only there is several times faster than scanning with it.
LABEL_WORD = re.compile(r"\b(?:last|published|updated|modified|posted|date|dated|released|issued|press release|release date|"
                        r"publication date|retrieved|accessed|crawled|fetched|archived)\b", re.IGNORECASE)
# A page's furniture dates other things than the text: its last edit, the day a crawler fetched it.
LATER_EDIT = re.compile(r"updated|modified", re.IGNORECASE)
NOT_THE_TEXTS = re.compile(r"retrieved|accessed|crawled|fetched|archived", re.IGNORECASE)
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


RELATIVE_YEAR = re.compile(r"\b(?:last|this|next|so far this|earlier this|later this)\s+year\b", re.IGNORECASE)
THIS_YEAR = re.compile(r"\b(?:so far|earlier|later)?\s*this\s+year\b", re.IGNORECASE)
YEARLESS_MONTH = re.compile(rf"\b(?:in|on|since|by)\s+(?:{DAY}\s+)?{MONTH}(?:\s+{DAY})?(?![\w,]|,?\s+{YEAR}|\s+\d)")


def story_year(text: str, dated_in_words: bool = False) -> int | None:
    """The year a text with no year in its dated line was written in: the latest year it names, or the
    year after. A story that says "last year" writes its own year in words and earlier years in figures
    ("Saudi customs seized 119 million pills last year ... 93 million in 2021"): when no sentence names
    the latest year beside such words (as "5 kg in 2024, up from 3 kg last year" does), the text was
    written the year after it, unless it names months of that year ("January-October 2015": a year
    counted month by month is the current one). Under a yearless dateline ``dated_in_words`` asks for more: the text must
    also write this year's events without a year ("so far this year", "in August")."""
    latest = likely_year(text)
    if latest is None or not RELATIVE_YEAR.search(text):
        return latest
    if dated_in_words and not (THIS_YEAR.search(text) or YEARLESS_MONTH.search(text)):
        return latest
    if re.search(rf"{MONTH}[\s\-–—,]{{1,3}}(?:{DAY}[\s,]{{1,3}})?{latest}\b", text):
        return latest  # "January-October 2015": months of that year counted as they pass, written in its year
    year = re.compile(rf"(?<![\d.,]){latest}(?![\d%])")
    for relative in RELATIVE_YEAR.finditer(text):  # the sentence around each "last year"
        start = max(text.rfind(stop, 0, relative.start()) for stop in ".!?\n") + 1
        ends = [i for i in (text.find(stop, relative.end()) for stop in ".!?\n") if i >= 0]
        if year.search(text, start, min(ends, default=len(text))):
            return latest
    return latest + 1


def _iso(piece: str, year: int | None = None, order: str = "DMY") -> str | None:
    if re.fullmatch(NUMERIC, piece.strip()):
        found = numeric_day(piece, order)
        return found.iso()[0] if found else None
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
    top, labels, seen_to = text[:3000], [], 0
    for word in LABEL_WORD.finditer(top):
        found = LABELLED.match(top, word.start()) if word.start() >= seen_to else None
        if found:  # "Modified Date: ..." is one label, not also a "Date" one
            seen_to = found.end()
            if not NOT_THE_TEXTS.search(found.group(1)):
                labels.append(found)
    labelled = next((m for m in labels if not LATER_EDIT.search(m.group(1))), labels[0] if labels else None)
    if labelled:  # the publication date before an "Updated" or "Modified" one
        line_end = text.find("\n", labelled.end())
        return DocumentDate(_iso(labelled.group(2), order=numeric_order(text)),
                            (labelled.start(), len(text) if line_end < 0 else line_end))
    dateline = DATELINE.search(text[:TOP_CHARS])
    if dateline:
        year = int(dateline.group(2)) if dateline.group(2) else story_year(text, dated_in_words=True)
        return DocumentDate(_iso(dateline.group(1), year), (dateline.start(), dateline.end()))
    top = FULL.search(text[:TOP_CHARS])
    if top:
        return DocumentDate(_iso(top.group(0)))
    event = YEARLESS_EVENT.search(text[:EVENT_CHARS])  # a news story: "... told media on 26 November"
    year = story_year(text, dated_in_words=True) if event else None
    if event and year:
        return DocumentDate(_iso(event.group(1), year))
    if metadata_date:
        return DocumentDate(metadata_date)  # the text gives none: the file's own date
    titled = title_year(text)
    if titled or not RELATIVE_YEAR.search(text):
        return DocumentDate(titled)
    inferred = story_year(text)  # "last year" must be counted from some year: the one the story was written in
    return DocumentDate(str(inferred) if inferred else None)


def title_year(text: str) -> str | None:
    """The year in a report's title ("... Briefing 2024"), looked for in its first few lines only."""
    top = "\n".join(line for line in text.lstrip().splitlines()[:TITLE_LINES])
    found = TITLE_YEAR.search(top)
    return found.group(1) if found else None
