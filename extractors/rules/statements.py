"""Short normalised English lines that state a claim, for analysts scanning a list.

"Kazakhstan, 2023: 41.1 t of illicit substances (Finprom.kz)".
"""
from __future__ import annotations

from extractors.model import Mention

QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "up to ", "exact": ""}


def format_amount(value: float | None, unit: str | None) -> str:
    """"706 kg", "41.1 t", "90%", "8 times", "USD 5.7 billion", "2,200"."""
    if value is None:
        return "?"
    if unit == "kg" and abs(value) >= 1000:
        return f"{_number(value / 1000)} t"
    if unit == "percent":
        return f"{_number(value)}%"
    if unit == "ratio":
        return f"{_number(value * 100)}%"
    if unit == "count" or not unit:
        return _number(value)
    if unit.isupper() and len(unit) == 3:
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                return f"{unit} {_number(value / scale)} {word}"
        return f"{unit} {_number(value)}"
    return f"{_number(value)} {unit}"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def statement(quantity: Mention, date: Mention | None, location: Mention | None,
              substances: tuple[Mention, ...], organisations: tuple[Mention, ...]) -> str:
    where = location.attrs.get("canonical") if location else None
    when = " ".join(date.text.split()) if date else None
    head = ", ".join(x for x in (where, when) if x)
    attrs = quantity.attrs
    amount = QUALIFIER_WORDS.get(attrs.get("qualifier") or "exact", "") + format_amount(attrs.get("value"), attrs.get("unit"))
    if attrs.get("value_max") is not None:
        amount += "–" + format_amount(attrs["value_max"], attrs.get("unit"))
    what = ", ".join(dict.fromkeys(s.attrs.get("canonical", s.text) for s in substances))
    subject = what or attrs.get("counted") or ""
    line = f"{head}: {amount}" if head else amount
    if subject:
        line += f" ({subject})" if what and attrs.get("unit") == "count" else f" {subject}" if not what else f" of {subject}"
    if organisations:
        line += " [" + ", ".join(dict.fromkeys(" ".join(o.text.split()) for o in organisations)) + "]"
    return line
