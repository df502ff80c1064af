"""Denormalised claim rows for analysts: one flat record per claim.

Each row carries the document path, the sentence text, and every slot's text
and normalised values, so a spreadsheet or pandas needs no joins.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SLOT_FIELDS = {
    "QUANTITY": ("value", "value_max", "unit", "qualifier", "counted"),
    "DATE": ("start_date", "end_date", "granularity"),
    "LOCATION": ("canonical", "country_code"),
    "SUBSTANCE": ("canonical", "category"),
    "ORG": ("canonical",),
}


def slot(mention: dict[str, Any] | None) -> dict[str, Any] | None:
    """One claim slot: the mention's id, text, offsets, normalised values, and page and box for PDFs."""
    if mention is None:
        return None
    out = {"id": mention["id"], "text": mention["text"], "start": mention["start"], "end": mention["end"]}
    out.update({name: mention.get(name) for name in SLOT_FIELDS[mention["type"]]})
    if mention.get("page") is not None:
        out.update(page=mention["page"], bbox=mention.get("bbox"))
    return out


def claim_rows(json_path: Path, source_path: str) -> list[dict[str, Any]]:
    """Rows for every claim of one stored claims document."""
    document = json.loads(json_path.read_text(encoding="utf-8"))
    text = (json_path.parent / document["text_path"]).read_text(encoding="utf-8")
    mentions = {m["id"]: m for m in document["mentions"]}
    rows = []
    for claim in document["claims"]:
        sentence = claim["sentence"]
        rows.append({
            "claim_id": claim["id"],
            "document": source_path,
            "doc_id": document["doc_id"],
            "doc_date": document.get("doc_date"),
            "statement": claim["statement"],
            "confidence": claim["confidence"],
            "sentence": " ".join(text[sentence["start"]:sentence["end"]].split()),
            "quantity": slot(mentions.get(claim["quantity"])),
            "date": slot(mentions.get(claim["date"])) if claim.get("date") else None,
            "location": slot(mentions.get(claim["location"])) if claim.get("location") else None,
            "location_implicit": claim.get("location_implicit", False),
            "substances": [slot(mentions[i]) for i in claim.get("substances", []) if i in mentions],
            "organisations": [slot(mentions[i]) for i in claim.get("organisations", []) if i in mentions],
        })
    return rows
