"""Reviewed claims as JSON lines or CSV: one row per claim, its values as they stand after review (corrected
where a reviewer corrected them) in the main columns, the extracted ones in ``original_<field>`` beside."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from review.claims import ClaimCatalogue, Filters
from review.corrections import FIELDS

COLUMNS = ("claim_id", "document", "status", "added", "reviewer", "note", "reviewed_at", "statement", "sentence",
           "quantity_text", "value", "value_max", "unit", "qualifier", "counted", "start_date", "end_date", "location",
           "country_code", "location_implicit", "substances", "organisations", "confidence", "orphaned")


def export_rows(catalogue: ClaimCatalogue, status: str = "accepted") -> list[dict[str, Any]]:
    """Rows for claims with ``status`` ("all" for every one); orphaned reviews come last, flagged."""
    rows = []
    for claim in catalogue.claims(Filters(status=None if status == "all" else status)):
        values, original = claim["values"], claim["original"]
        row = {"claim_id": claim["id"], "document": claim["document"], "status": claim["status"], "added": claim["added"],
               "reviewer": claim["reviewer"], "note": claim["note"], "reviewed_at": claim["reviewed_at"],
               "statement": claim["statement"], "sentence": " ".join(claim["sentence"].split()),
               "quantity_text": (claim["quantity"] or {}).get("text"), "counted": (claim["quantity"] or {}).get("counted"),
               "location_implicit": claim["location_implicit"], "confidence": claim["confidence"], "orphaned": False,
               **values}
        row.update({f"original_{name}": original[name] for name in claim["corrected_fields"]})
        if claim["quantity"] and claim["quantity"].get("moved"):
            row["original_quantity_text"] = claim["original_quantity_text"]
        rows.append(row)
    for review in catalogue.store.orphans():
        if status in ("all", review.status):
            rows.append({"claim_id": review.claim_id, "status": review.status, "reviewer": review.reviewer,
                         "note": review.note, "reviewed_at": review.updated_at, "orphaned": True,
                         **({"corrected": review.corrections} if review.corrections else {})})
    return rows


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n" for row in rows)


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Flat columns; lists joined with "; "; an extracted value a reviewer changed in ``original_<field>``."""
    columns = [*COLUMNS, "original_quantity_text", *(f"original_{name}" for name in FIELDS)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("; ".join(str(x) for x in v if x is not None) if isinstance(v, list) else v)
                         for k, v in row.items() if k in columns})
    return buffer.getvalue()
