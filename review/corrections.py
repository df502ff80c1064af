"""A reviewer's corrections: typed the way analysts write them, checked, and stored only where they change
something.

The form sends what the reviewer typed, as text; this module alone reads it, so the page, the API and the
export agree on what "1,200", "1.2 million", "2024-02-30" or "heroin; fentanyl" mean. A correction never
loses data silently: every value that cannot be read is an error naming its field, and nothing is saved
until all of them read. Only fields whose value differs from what the extraction found are kept, so a
re-edit that puts a value back removes that correction.
"""
from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any

from extractors.lexicon import load_jsonl
from extractors.model import Mention
from extractors.normalise.numbers import DIGITS_RE, parse_number
from extractors.rules.statements import statement

NUMBERS = ("value", "value_max")
TEXTS = ("unit", "location")
DAYS = ("start_date", "end_date")
LISTS = ("substances", "organisations")
FIELDS = ("value", "value_max", "unit", "qualifier", "start_date", "end_date", "location", "country_code",
          *LISTS)
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
SIGNED = re.compile(r"^\s*([+\-−])\s*")


class CorrectionErrors(ValueError):
    """Fields that could not be read, each with a message for the reviewer."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code -> country name, from the locations gazetteer."""
    return {row["country_code"]: row["canonical"] for row in load_jsonl("locations.jsonl") if row["kind"] == "country"}


def read_number(typed: Any) -> float:
    """A number as typed: 1200, "1,200", "1 200", "1.2 million", "-14.3"; never NaN or infinite."""
    if isinstance(typed, bool):
        raise ValueError("is not a number")
    if isinstance(typed, (int, float)):
        value = float(typed)
    else:
        text = str(typed).strip()
        sign = SIGNED.match(text)
        unsigned = text[sign.end():] if sign else text
        digits = DIGITS_RE.match(unsigned)
        stray = digits is not None and unsigned[digits.end():digits.end() + 1] not in ("", " ")  # "1,2," or "12kg"
        value = None if stray else parse_number(unsigned)
        if value is None:
            raise ValueError(f"{text!r} is not a number (write it as 1200, 1,200 or 1.2 million)")
        if sign and sign.group(1) != "+":
            value = -value
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


def read_day(typed: Any) -> str:
    """An ISO day that exists on the calendar: "2024-02-29" yes, "2024-02-30" no."""
    text = str(typed).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{text} is not a day of the calendar") from None


def read_list(typed: Any) -> list[str]:
    """Names separated by semicolons (or given as a list); blanks dropped."""
    items = typed if isinstance(typed, list) else str(typed).split(";")
    names = [" ".join(str(item).split()) for item in items]
    if any(len(name) > 200 for name in names):
        raise ValueError("a name is longer than 200 characters")
    return [name for name in names if name]


def _read(name: str, typed: Any) -> Any:
    if isinstance(typed, float) and not math.isfinite(typed):  # JSON lets NaN and Infinity through as numbers
        raise ValueError("must be a finite number")
    if typed is None or (isinstance(typed, str) and not typed.strip() and name not in LISTS):
        return None  # an emptied field clears the value
    if name in NUMBERS:
        return read_number(typed)
    if name in DAYS:
        return read_day(typed)
    if name in LISTS:
        return read_list(typed)
    text = " ".join(str(typed).split())
    if name == "qualifier" and text not in QUALIFIERS:
        raise ValueError(f"must be one of {', '.join(QUALIFIERS)}")
    if name == "country_code":
        code = text.upper()
        if code not in country_names():
            raise ValueError(f"{text!r} is no ISO country code we know")
        return code
    if len(text) > 200:
        raise ValueError("is longer than 200 characters")
    return text


def extracted_values(claim: dict[str, Any]) -> dict[str, Any]:
    """The correctable values as the extraction found them."""
    quantity, when, place = claim.get("quantity") or {}, claim.get("date") or {}, claim.get("location") or {}
    return {"value": quantity.get("value"), "value_max": quantity.get("value_max"), "unit": quantity.get("unit"),
            "qualifier": quantity.get("qualifier"), "start_date": when.get("start_date"),
            "end_date": when.get("end_date"), "location": place.get("canonical"),
            "country_code": place.get("country_code"),
            "substances": [s.get("canonical") for s in claim.get("substances") or []],
            "organisations": [o.get("canonical") for o in claim.get("organisations") or []]}


def stored(corrections: dict[str, Any]) -> dict[str, Any]:
    """Corrections as kept in the registry, older forms read into today's ("substance" was one name)."""
    out = dict(corrections)
    if "substance" in out:
        out.setdefault("substances", [out.pop("substance")])
    return {k: v for k, v in out.items() if k in FIELDS or k == "span"}


def current_values(claim: dict[str, Any], corrections: dict[str, Any]) -> dict[str, Any]:
    """What the claim says now: the extraction's values with the reviewer's corrections over them."""
    return {**extracted_values(claim), **{k: v for k, v in stored(corrections).items() if k in FIELDS}}


def merge(claim: dict[str, Any], earlier: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """The corrections to store after the reviewer typed ``typed`` over ``earlier`` ones: each typed field
    read and checked, start <= end and value <= value_max checked on the result, and any field equal to
    the extracted value dropped. Raises ``CorrectionErrors`` naming every field that fails."""
    errors: dict[str, str] = {}
    unknown = set(typed) - set(FIELDS)
    for name in sorted(unknown):
        errors[name] = "is not a field a reviewer can correct"
    read: dict[str, Any] = {}
    for name in FIELDS:
        if name in typed:
            try:
                read[name] = _read(name, typed[name])
            except ValueError as error:
                errors[name] = str(error)
    original = extracted_values(claim)
    result = {**original, **stored(earlier), **read}
    if not errors:
        if result["start_date"] and result["end_date"] and result["start_date"] > result["end_date"]:
            errors["end_date"] = f"ends ({result['end_date']}) before it starts ({result['start_date']})"
        if result["value"] is not None and result["value_max"] is not None and result["value_max"] < result["value"]:
            errors["value_max"] = f"is below the value ({result['value']:g})"
    if errors:
        raise CorrectionErrors(errors)
    kept = {k: v for k, v in result.items() if k in FIELDS and v != original.get(k)}
    if "span" in earlier:
        kept["span"] = earlier["span"]
    return kept


def typed_statement(values: dict[str, Any]) -> str:
    """The statement line of a claim a reviewer typed, in the same shape as the extraction's ("Kazakhstan,
    2023-05-01 to 2023-05-31: 12 couriers"), written by the same function so the queue reads alike."""
    quantity = Mention("typed", "QUANTITY", "", 0, 0, {k: values.get(k) for k in ("value", "value_max", "unit",
                                                                                 "qualifier")})
    start, end = values.get("start_date"), values.get("end_date")
    when = " to ".join(dict.fromkeys(day for day in (start, end) if day))  # one day, or from one to another
    period = Mention("typed", "DATE", when, 0, 0, {"start_date": start, "end_date": end}) if when else None
    place = values.get("location") or country_names().get(values.get("country_code") or "")
    location = Mention("typed", "LOC", place, 0, 0, {"canonical": place}) if place else None
    substances = tuple(Mention("typed", "SUBSTANCE", name, 0, 0, {"canonical": name})
                       for name in values.get("substances") or ())
    organisations = tuple(Mention("typed", "ORG", name, 0, 0) for name in values.get("organisations") or ())
    return statement(quantity, period, location, substances, organisations)
