"""Claims as reviewers and the API see them: slots with their text and values, the sentence and
its context, the review decision, and highlighted, escaped markup for the page."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from extractors.exports import slot
from extractors.store import connect
from review.corrections import country_names, current_values, extracted_values, stored
from review.store import STATUSES, ReviewStore

SLOT_CLASSES = {"quantity": "q", "date": "d", "location": "l", "substances": "s", "organisations": "o"}



SORTS = ("document", "statement", "status", "confidence", "value", "date", "country")


@dataclass(frozen=True)
class Filters:
    """What the queue shows: ``sort`` is a column of ``SORTS``, "-" before it for descending order."""

    status: str | None = None
    document: str | None = None
    substance: str | None = None
    country: str | None = None
    min_confidence: float | None = None
    search: str | None = None
    conflicts: bool = False  # two reviewers disagree
    disagree: bool = False  # sources disagree: the claim is in a conflicting group of figures.agreement_groups
    sort: str = "document"


class ClaimCatalogue:
    """Loads claims from the store with everything a reviewer needs."""

    def __init__(self, store: ReviewStore) -> None:
        self.store = store
        self._texts: dict[str, str] = {}

    def _text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            path = self.store.output_dir / "documents" / f"{doc_id}.txt"
            self._texts[doc_id] = path.open(encoding="utf-8", newline="").read() if path.exists() else ""
        return self._texts[doc_id]

    def _mentions(self, doc_ids: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
        if not doc_ids:
            return {}
        marks = ",".join("?" for _ in doc_ids)
        with connect(self.store.database) as connection:
            rows = connection.execute(f"SELECT doc_id, id, data FROM mentions WHERE doc_id IN ({marks})", tuple(doc_ids))
            return {(row["doc_id"], row["id"]): json.loads(row["data"]) for row in rows}

    def claims(self, filters: Filters = Filters(), limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.store.claim_rows()
        mentions = self._mentions({row["doc_id"] for row in rows})
        conflicted = self.store.conflicted()
        payloads = [self._payload(row, mentions, conflicted) for row in rows]
        chosen = [p for p in payloads if _matches(p, filters)]
        if filters.disagree:
            from review.figures import conflicting_claim_ids  # the groups span every claim, not just those chosen

            disagreeing = conflicting_claim_ids(payloads)
            chosen = [p for p in chosen if p["id"] in disagreeing]
        chosen = sort_claims(chosen, filters.sort)
        return chosen[offset: offset + limit if limit is not None else None]

    def document_text(self, doc_id: str) -> str:
        return self._text(doc_id)

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        rows = [row for row in self.store.claim_rows() if row["id"] == claim_id]
        if not rows:
            return None
        return self._payload(rows[0], self._mentions({rows[0]["doc_id"]}), self.store.conflicted())

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for row in self.store.claim_rows():
            counts[row["status"] or "pending"] += 1
        counts["orphaned"] = len(self.store.orphans())
        return counts

    def _payload(self, row, mentions: dict[tuple[str, str], dict[str, Any]], conflicted: set[str]) -> dict[str, Any]:
        claim = json.loads(row["data"])
        doc_id = row["doc_id"]
        text = self._text(doc_id)
        if row["added"]:
            slots = added_slots(claim)
        else:
            get = lambda mention_id: mentions.get((doc_id, mention_id)) if mention_id else None  # noqa: E731
            slots = {"quantity": slot(get(claim["quantity"])), "date": slot(get(claim.get("date"))),
                     "location": slot(get(claim.get("location"))),
                     "substances": [slot(get(i)) for i in claim.get("substances", []) if get(i)],
                     "organisations": [slot(get(i)) for i in claim.get("organisations", []) if get(i)]}
        corrections = stored(json.loads(row["corrections"])) if row["corrections"] else {}
        span = corrections.get("span")
        extracted_text = (slots["quantity"] or {}).get("text")
        if span and slots["quantity"]:  # the reviewer moved the quantity's span: the text is the new slice
            slots["quantity"] = {**slots["quantity"], **span, "text": text[span["start"]:span["end"]], "moved": True}
        sentence = claim["sentence"]
        context = claim.get("context") or sentence
        original = extracted_values(slots)
        current = current_values(slots, corrections)
        return {
            "id": row["id"], "document": row["path"], "doc_id": doc_id, "statement": row["statement"],
            "confidence": row["confidence"], "status": row["status"] or "pending",
            "note": row["note"] or "", "reviewer": row["reviewer"] or "", "version": row["version"] or 0,
            "corrections": corrections, "values": current, "original": original,
            "corrected_fields": [k for k in current if current[k] != original[k]],
            "added": bool(row["added"]), "conflict": row["id"] in conflicted, "original_quantity_text": extracted_text,
            "reviewed_at": row["updated_at"], "location_implicit": claim.get("location_implicit", False),
            "sentence": sentence.get("text") or text[sentence["start"]:sentence["end"]],
            "context": {"start": context["start"], "end": context["end"],
                        "text": context.get("text") or text[context["start"]:context["end"]]},
            "measure": claim.get("measure"), "why": slot_reasons(claim, slots, text), "table": table_headers(claim, text),
            "footnotes": [{"number": f["number"], "text": " ".join(text[f["start"] + len(f["number"]):f["end"]].split())}
                          for f in claim.get("footnotes", [])],
            **slots,
        }


def added_slots(claim: dict[str, Any]) -> dict[str, Any]:
    """Slots of a claim a reviewer added: the quantity is the span they selected, the rest what they typed."""
    values = claim["values"]
    quantity = {**claim["quantity"], **{k: values.get(k) for k in ("value", "value_max", "unit", "qualifier")}}
    date = ({"text": "", "start_date": values["start_date"], "end_date": values.get("end_date") or values["start_date"]}
            if values.get("start_date") else None)
    place = ({"text": "", "canonical": values.get("location"), "country_code": values.get("country_code")}
             if values.get("location") or values.get("country_code") else None)
    return {"quantity": quantity, "date": date, "location": place,
            "substances": [{"text": "", "canonical": name} for name in values.get("substances") or []],
            "organisations": [{"text": "", "canonical": name} for name in values.get("organisations") or []]}


def table_headers(claim: dict[str, Any], text: str) -> dict[str, Any] | None:
    """A table cell's row labels, column header and caption as the page prints them: what the figure is
    read under ("2021 / February", "Home-made weapons")."""
    table = claim.get("table")
    if not table:
        return None
    cut = lambda span: " ".join(text[span["start"]:span["end"]].split())  # noqa: E731
    return {"row": " / ".join(cut(s) for s in table["row"]), "column": " ".join(cut(s) for s in table["column"]),
            "caption": cut(table["caption"]) if table.get("caption") else ""}


BLOCK_NAMES = {"headline": "the headline", "lead": "the lead", "heading": "the heading", "item": "a list item",
               "table": "the table", "paragraph": "a paragraph", "furniture": "the page's header"}
NO_DRUG = {"people": "people", "thing": "things", "money": "money", "duration": "durations", "distance": "distances",
           "score": "scores"}


def slot_reasons(claim: dict[str, Any], slots: dict[str, Any], text: str) -> dict[str, str]:
    """Why each slot holds what it holds, for the reviewer: "from the lead, 3 paragraphs up"."""
    reasons = {}
    sources = claim.get("slot_sources") or {}
    start = claim["sentence"]["start"]
    for name in ("date", "location", "substances", "organisations"):
        value = slots.get(name)
        mention = (value[0] if value else None) if isinstance(value, list) else value
        source = sources.get(name) or {}
        if mention and source:
            reasons[name] = _reason(source, mention, start, text, claim.get("location_implicit", False), claim.get("table"))
        elif name == "substances" and claim.get("measure") in NO_DRUG:
            reasons[name] = f"none: {NO_DRUG[claim['measure']]} are no amount of a drug"
    return reasons


def _reason(source: dict[str, str], mention: dict[str, Any], sentence_start: int, text: str, implicit: bool,
            table: dict[str, Any] | None = None) -> str:
    kind = source.get("source")
    if kind == "sentence":
        return "from its own sentence"
    if kind == "table":
        return _table_reason(mention, table or {})
    if kind == "agency":
        return "the country of the agency that acted (implicit)"
    if kind == "document":
        return "the period the report covers"
    if kind == "subject":
        return "what the document is about (implicit)" if implicit else "what the document is about"
    where = BLOCK_NAMES.get(source.get("block", ""), "the story")
    if mention["start"] > sentence_start:
        return f"from {where}, later in the story"
    breaks = text.count("\n\n", mention["end"], sentence_start)
    return f"from {where}, {breaks} paragraph{'s' if breaks != 1 else ''} up" if breaks else f"from {where}, earlier in the paragraph"


def _table_reason(mention: dict[str, Any], table: dict[str, Any]) -> str:
    """Which of a cell's headers a slot was read from: "from its row's label"."""
    inside = lambda spans: any(s["start"] <= mention["start"] < s["end"] for s in spans if s)  # noqa: E731
    if inside(table.get("row") or []):
        return "from its row's label"
    if inside(table.get("column") or []):
        return "from its column's header"
    if inside([table.get("caption")]):
        return "from the table's caption"
    return "from the table's headers"


def _matches(claim: dict[str, Any], filters: Filters) -> bool:
    values = claim["values"]
    if filters.status and claim["status"] != filters.status:
        return False
    if filters.conflicts and not claim["conflict"]:
        return False
    if filters.document and filters.document.lower() not in claim["document"].lower():
        return False
    if filters.substance and not any(filters.substance.lower() in (name or "").lower() for name in values["substances"]):
        return False
    if filters.country and not _in_country(values, filters.country):
        return False
    if filters.search and not all(word in f"{claim['statement']} {claim['sentence']}".lower()
                                  for word in filters.search.lower().split()):
        return False
    return filters.min_confidence is None or claim["confidence"] >= filters.min_confidence


def _in_country(values: dict[str, Any], wanted: str) -> bool:
    """A country asked for by ISO code ("kz") or by name, whole or begun ("Kazakh")."""
    code = values.get("country_code") or ""
    wanted = wanted.strip().lower()
    if wanted == code.lower():
        return True
    names = (country_names().get(code, ""), values.get("location") or "")
    return len(wanted) > 2 and any(name.lower().startswith(wanted) for name in names if name)


def sort_claims(claims: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Claims in the order of one column ("-" first: descending), in document order within equal values and
    claims without the value last, whichever way the column is read."""
    column = sort.lstrip("-")
    claims = sorted(claims, key=lambda c: (c["document"], c["context"]["start"]))
    value = lambda c: _column_value(c, column)  # noqa: E731
    present = sorted((c for c in claims if value(c) is not None), key=value, reverse=sort.startswith("-"))
    return present + [c for c in claims if value(c) is None]


def _column_value(claim: dict[str, Any], column: str) -> Any:
    values = claim["values"]
    return {"statement": lambda: claim["statement"].lower(), "status": lambda: claim["status"],
            "confidence": lambda: claim["confidence"], "value": lambda: values["value"],
            "date": lambda: values["start_date"], "country": lambda: values["country_code"],
            "document": lambda: claim["document"]}[column]()


def slot_mentions(claim: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(slot name, mention) for every filled slot, in the order of ``SLOT_CLASSES``."""
    for name in SLOT_CLASSES:
        value = claim.get(name)
        for mention in value if isinstance(value, list) else [value]:
            if mention:
                yield name, mention


def highlight(claim: dict[str, Any]) -> Markup:
    """The claim's context with each slot's span wrapped in a coloured mark; every piece of text escaped."""
    context = claim["context"]
    marks = [(mention["start"] - context["start"], mention["end"] - context["start"], SLOT_CLASSES[name], name)
             for name, mention in slot_mentions(claim)
             if "start" in mention and context["start"] <= mention["start"] and mention["end"] <= context["end"]]
    marks.sort()
    text, out, position = context["text"], [], 0
    for start, end, css, name in marks:
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(Markup('<mark class="slot-{}" title="{}">{}</mark>').format(css, name, text[start:end]))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    return Path(__file__).parent / "templates"
