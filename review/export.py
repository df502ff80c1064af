"""Reviewed claims as JSON lines or CSV: one row per claim, corrected values beside the originals."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from review.claims import ClaimCatalogue, Filters

FIELDS = ("claim_id", "document", "status", "reviewer", "note", "reviewed_at", "statement", "sentence",
          "value", "value_max", "unit", "qualifier", "counted", "start_date", "end_date", "location", "country_code",
          "location_implicit", "substances", "organisations", "confidence")
CORRECTED = ("value", "value_max", "unit", "start_date", "end_date", "location", "country_code", "substance")


def _values(claim: dict[str, Any]) -> dict[str, Any]:
    quantity, date, place = claim["quantity"] or {}, claim["date"] or {}, claim["location"] or {}
    return {"value": quantity.get("value"), "value_max": quantity.get("value_max"), "unit": quantity.get("unit"),
            "qualifier": quantity.get("qualifier"), "counted": quantity.get("counted"),
            "start_date": date.get("start_date"), "end_date": date.get("end_date"),
            "location": place.get("canonical"), "country_code": place.get("country_code"),
            "location_implicit": claim["location_implicit"],
            "substances": [s["canonical"] for s in claim["substances"]],
            "organisations": [o["canonical"] for o in claim["organisations"]]}


def export_rows(catalogue: ClaimCatalogue, status: str = "accepted") -> list[dict[str, Any]]:
    """Rows for claims with ``status`` ("all" for every one); orphaned reviews come last, flagged."""
    claims = catalogue.claims(Filters(status=None if status == "all" else status))
    rows = []
    for claim in claims:
        row = {"claim_id": claim["id"], "document": claim["document"], "status": claim["status"],
               "reviewer": claim["reviewer"], "note": claim["note"], "reviewed_at": claim["reviewed_at"],
               "statement": claim["statement"], "sentence": " ".join(claim["sentence"].split()),
               "confidence": claim["confidence"], "orphaned": False, **_values(claim)}
        if claim["status"] == "corrected":
            row["corrected"] = claim["corrections"]
            row["original"] = {k: row[k] for k in CORRECTED if k in row}
        rows.append(row)
    for review in catalogue.store.orphans():
        if status in ("all", review.status):
            rows.append({"claim_id": review.claim_id, "status": review.status, "reviewer": review.reviewer,
                         "note": review.note, "reviewed_at": review.updated_at, "orphaned": True,
                         **({"corrected": review.corrections} if review.corrections else {})})
    return rows


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Flat columns; a corrected value goes in ``corrected_<field>`` beside the original column."""
    columns = [*FIELDS, "orphaned", *(f"corrected_{name}" for name in CORRECTED)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in row.items() if k in columns}
        flat.update({f"corrected_{k}": v for k, v in (row.get("corrected") or {}).items()})
        writer.writerow(flat)
    return buffer.getvalue()
