"""Units of measure and currencies from ``units.jsonl``, converted to the spec's units.

Masses become kg (metric "tons" are tonnes: x1000, pounds x0.4536), areas ha
(km2 x100), distances km, volumes l, weeks days; currencies become ISO 4217
codes, with the country of the document choosing among same-named currencies
("dinars" is JOD in Jordan, IQD in Iraq).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_jsonl


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    factor: float
    kind: str
    position: str
    case_sensitive: bool
    by_country: tuple[tuple[str, str], ...]
    needs_scale: bool = False  # a lone-letter symbol ("P" for pesos) counts only before "3.8 billion", "47.6-M"

    def code_for(self, country: str | None) -> str:
        """The unit code, chosen by country for currencies that several countries share."""
        return dict(self.by_country).get(country or "", self.unit)


@lru_cache(maxsize=1)
def units() -> tuple[Unit, ...]:
    return tuple(
        Unit(
            surface=row["surface"],
            unit=row["unit"],
            factor=float(row["factor"]),
            kind=row["kind"],
            position=row["position"],
            case_sensitive=bool(row.get("case_sensitive")),
            by_country=tuple(sorted((row.get("by_country") or {}).items())),
            needs_scale=bool(row.get("needs_scale")),
        )
        for row in load_jsonl("units.jsonl")
    )


def _alternation(entries: list[Unit]) -> str:
    ordered = sorted(entries, key=lambda u: len(u.surface), reverse=True)
    parts = []
    for unit in ordered:
        pattern = re.escape(unit.surface).replace(r"\ ", r"[ \u00a0\n]+")
        parts.append(pattern if unit.case_sensitive else f"(?i:{pattern})")
    return "|".join(parts)


@lru_cache(maxsize=1)
def suffix_unit_re() -> re.Pattern[str]:
    """Matches a unit written after a number, at the current position."""
    entries = [u for u in units() if u.position == "suffix"]
    return re.compile(rf"(?:{_alternation(entries)})(?![\w$€£])")


@lru_cache(maxsize=1)
def prefix_unit_re() -> re.Pattern[str]:
    """Matches a currency symbol or code written before a number, ending at the number."""
    entries = [u for u in units() if u.position == "prefix"]
    return re.compile(rf"(?<![\w$])(?:{_alternation(entries)})[ \u00a0]?$")


@lru_cache(maxsize=1)
def _by_surface() -> dict[tuple[str, str], Unit]:
    table = {}
    for unit in units():
        key = unit.surface if unit.case_sensitive else unit.surface.lower()
        table[(key, unit.position)] = unit
    return table


def lookup(surface: str, position: str) -> Unit | None:
    """The unit for a matched surface form ("Kilograms", "US$"), whitespace-insensitive."""
    squeezed = " ".join(surface.split())
    table = _by_surface()
    return table.get((squeezed, position)) or table.get((squeezed.lower(), position))
