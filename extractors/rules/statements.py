"""Short normalised English lines that state a claim, for analysts scanning a list.

"Kazakhstan, 2023: 41.1 t of hashish (Finprom.kz)", "Belarus, the first half of
2024: 859 criminal cases", "Afghanistan, 2024: 19% (poppy cultivation)".
"""
from __future__ import annotations

import re

from extractors.model import Mention

QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "up to ", "exact": ""}
MEASURES = {"kg", "l", "ha", "km"}
DURATIONS = {"year": "years", "month": "months", "day": "days"}


def format_number(value: float) -> str:
    """"1,200", "41.1", "0.125": thousands marked, no trailing zeros (the review pages show numbers so too)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_amount(value: float | None, unit: str | None) -> str:
    """"706 kg", "41.1 t", "90%", "8×", "USD 5.7 billion", "2,200", "5 years"."""
    if value is None:
        return "?"
    if unit == "kg" and abs(value) >= 1000:
        return f"{format_number(value / 1000)} t"
    if unit == "percent":
        return f"{format_number(value)}%"
    if unit == "ratio":
        return f"{format_number(value * 100)}%"
    if unit == "times":
        return f"{format_number(value)}×"
    if unit in DURATIONS:
        return f"{format_number(value)} {unit if value == 1 else DURATIONS[unit]}"
    if unit == "count" or not unit:
        return format_number(value)
    if unit.isupper() and len(unit) == 3:
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                return f"{unit} {format_number(value / scale)} {word}"
        return f"{unit} {format_number(value)}"
    return f"{format_number(value)} {unit}"


MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE)


def _when(date: Mention) -> str:
    """The date as written, with its year where the text leaves it to the context: "July 2021" for a
    month row of a 2021 table block, "last year (2023)"."""
    text = " ".join(date.text.split())
    start, end = str(date.attrs.get("start_date") or ""), str(date.attrs.get("end_date") or "")
    if re.search(r"\d{4}", text) or not start or start[:4] != end[:4]:
        return text
    return f"{text} {start[:4]}" if MONTH_NAME.search(text) else f"{text} ({start[:4]})"


def statement(quantity: Mention, date: Mention | None, location: Mention | None,
              substances: tuple[Mention, ...], organisations: tuple[Mention, ...]) -> str:
    """"<where>, <when>: <how much> of <what> (<according to whom>)"."""
    attrs = quantity.attrs
    unit = attrs.get("unit")
    amount = QUALIFIER_WORDS.get(attrs.get("qualifier") or "exact", "") + format_amount(attrs.get("value"), unit)
    if attrs.get("value_max") is not None:
        amount += "–" + format_amount(attrs["value_max"], unit)
    what = ", ".join(dict.fromkeys(s.attrs.get("canonical") or s.text for s in substances))
    counted = attrs.get("counted")
    if what and (unit in MEASURES or unit == "count" and not counted):
        amount += f" of {what}"
    elif unit == "count" and counted:
        amount += f" {counted}" + (f" ({what})" if what else "")
    elif what or counted:
        amount += f" ({what or counted})"
    where = location.attrs.get("canonical") if location else None
    when = _when(date) if date else None
    head = ", ".join(x for x in (where, when) if x)
    line = f"{head}: {amount}" if head else amount
    if organisations:
        names: dict[str, str] = {}  # one name per body, as the text writes it
        for org in organisations:
            names.setdefault(org.attrs.get("canonical") or org.text, " ".join(org.text.split()))
        line += " (" + ", ".join(names.values()) + ")"
    return line
