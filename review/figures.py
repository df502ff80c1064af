"""What the claims say, as rows a chart or a table can draw: one row per claim, the sources that agree or
conflict on one figure, and the filters the dashboard offers.

Nothing here sums figures across documents: a row is one claim, a group is the claims that report the same
measure for the same period, place and substance, and whether they agree is decided by the precision each
source wrote its figure with ("2.3 tonnes" agrees with 2,310.4 kg; 2,310.4 kg and 2,310.9 kg conflict).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from extractors.rules.statements import format_amount
from review.claims import ClaimCatalogue, Filters

# Which figures may share an axis: mass in kg, counts (pills, doses, cases) as counts, money per currency.
UNIT_CLASSES = {"kg": "mass (kg)", "count": "count", "l": "volume (l)", "ha": "area (ha)", "percent": "percent"}
WRITTEN_NUMBER = re.compile(r"\d[\d,  ]*(?:\.(\d+))?")


def unit_class(unit: str | None) -> str | None:
    """The axis a unit's figures go on; None for units no chart compares (ratios, durations, scores)."""
    if unit in UNIT_CLASSES:
        return UNIT_CLASSES[unit]
    if unit and unit.isupper() and len(unit) == 3:
        return f"money ({unit})"
    return None


def precision(claim: dict[str, Any]) -> float:
    """How finely the source wrote its figure, in the claim's unit: "41.1 tons" to 100 kg, "706 kg" to 1 kg,
    "2,310.4 kg" to 0.1 kg. Corrected or unwritten figures count as exact to their last digit."""
    value = claim["values"].get("value") or 0.0
    text = (claim.get("quantity") or {}).get("text") or ""
    written = WRITTEN_NUMBER.search(text)
    if not written or "value" in claim.get("corrected_fields", ()):
        return 1.0 if float(value).is_integer() else 0.1
    number = float(re.sub(r"[,  ]", "", written.group(0)) or 0) or 1.0
    decimals = len(written.group(1) or "")
    return abs(value / number) * 10 ** -decimals if value else 10 ** -decimals


@dataclass(frozen=True)
class Row:
    """One claim as the charts draw it."""

    claim_id: str
    document: str
    doc_id: str
    statement: str
    status: str
    value: float
    unit: str
    unit_class: str
    start: str | None
    end: str | None
    country: str | None
    substance: str | None
    category: str | None
    confidence: float
    measure: str | None
    quantity_text: str

    @property
    def period(self) -> str:
        return self.start if self.start == self.end else f"{self.start or '…'} to {self.end or '…'}"


@dataclass
class Group:
    """Claims from different documents reporting one figure: the same measure, period, place and substance."""

    key: tuple[str | None, ...]
    rows: list[Row] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    @cached_property
    def agree(self) -> bool:
        """Whether every pair of values is equal within the coarser precision of the two."""
        values = [(c["values"]["value"], precision(c)) for c in self.claims]
        return all(abs(a - b) <= max(pa, pb) / 2 + 1e-9 for i, (a, pa) in enumerate(values) for b, pb in values[i + 1:])

    @property
    def label(self) -> str:
        row = self.rows[0]
        where = row.country or "somewhere"
        return f"{row.substance or row.measure or 'figure'}, {where}, {row.period} ({row.unit_class})"


def rows_of(claims: list[dict[str, Any]]) -> list[Row]:
    """The claims that carry a value in a unit a chart can put on an axis."""
    rows = []
    for claim in claims:
        values = claim["values"]
        axis = unit_class(values.get("unit"))
        if values.get("value") is None or axis is None:
            continue
        substances = values.get("substances") or []
        categories = [s.get("category") for s in claim.get("substances") or [] if s.get("category")]
        rows.append(Row(claim["id"], claim["document"], claim["doc_id"], claim["statement"], claim["status"], float(values["value"]),
                        values["unit"], axis, values.get("start_date"), values.get("end_date"), values.get("country_code"),
                        substances[0] if substances else None, categories[0] if categories else None,
                        float(claim.get("confidence") or 0.0), claim.get("measure"),
                        (claim.get("quantity") or {}).get("text") or ""))
    return rows


def agreement_groups(claims: list[dict[str, Any]]) -> list[Group]:
    """Groups of claims from at least two documents that report the same figure, conflicts first."""
    by_key: dict[tuple[str | None, ...], Group] = {}
    by_id = {claim["id"]: claim for claim in claims}
    for row in rows_of(claims):
        if not (row.start and row.end and row.country and row.substance):
            continue  # a figure with no period, place or substance cannot be told to be "the same figure"
        key = (row.measure, row.unit_class, row.start, row.end, row.country, row.substance)
        group = by_key.setdefault(key, Group(key))
        group.rows.append(row)
        group.claims.append(by_id[row.claim_id])
    groups = [group for group in by_key.values() if len({row.document for row in group.rows}) >= 2]
    return sorted(groups, key=lambda g: (g.agree, g.label))


def conflicting_claim_ids(claims: list[dict[str, Any]]) -> set[str]:
    """Claims in a group whose sources disagree: what the queue's "sources disagree" filter shows."""
    return {row.claim_id for group in agreement_groups(claims) if not group.agree for row in group.rows}


def chosen_claims(catalogue: ClaimCatalogue, status: str | None = "accepted", **wanted: str | None) -> list[dict[str, Any]]:
    """The claims a report or the dashboard draws: by review status ("all" for every one) and by substance,
    category, country, document and period (a year, "2023", or a day range "2023-01-01..2023-06-30")."""
    claims = catalogue.claims(Filters(status=None if status in (None, "", "all") else status))
    return [claim for claim in claims if _wanted(claim, wanted)]


def _wanted(claim: dict[str, Any], wanted: dict[str, str | None]) -> bool:
    values = claim["values"]
    if wanted.get("substance") and wanted["substance"].lower() not in [s.lower() for s in values.get("substances") or []]:
        return False
    if wanted.get("category") and wanted["category"] not in [s.get("category") for s in claim.get("substances") or []]:
        return False
    if wanted.get("country") and (values.get("country_code") or "").upper() != wanted["country"].upper():
        return False
    if wanted.get("document") and wanted["document"] != claim["document"]:
        return False
    period = wanted.get("period")
    if period:
        first, _, last = period.partition("..")
        first, last = (f"{first}-01-01", f"{first}-12-31") if not last and len(first) == 4 else (first, last or first)
        start, end = values.get("start_date"), values.get("end_date")
        if not start or not end or end < first or start > last:
            return False
    return True


SLOT_SOURCES = (("own sentence", "its own sentence"), ("table headers", "row's label"), ("table headers", "column's header"),
                ("the story's lead", "from the lead"), ("earlier in the story", "from a paragraph"),
                ("implied by the document", "(implicit)"))


def slot_sources(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where each claim's date, place, substances and organisations came from, counted by kind of source:
    a slot filled from far away ("the story's lead", "implied by the document") is where to look first."""
    tally: dict[tuple[str, str], int] = defaultdict(int)
    for claim in claims:
        why = claim.get("why") or {}
        for slot in ("date", "location", "substances", "organisations"):
            reason = why.get(slot)
            kind = next((name for name, cue in SLOT_SOURCES if reason and cue in reason), "other" if reason else "none")
            tally[(slot, kind)] += 1
    return [{"slot": slot, "source": kind, "claims": n} for (slot, kind), n in sorted(tally.items())]


def amount(row: Row) -> str:
    """The figure as the statements write it ("41.1 t", "USD 5.7 million")."""
    return format_amount(row.value, row.unit)
