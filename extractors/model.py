"""The claims document: mentions, claims and provenance, as plain frozen data.

Shapes follow ``CLAIMS_FORMAT.md`` (schema version 1). Type-specific
normalised fields of a mention live in ``attrs`` and are flattened into the
mention's JSON object.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

SCHEMA_VERSION = 1
MENTION_TYPES = ("QUANTITY", "DATE", "SUBSTANCE", "ORG", "LOCATION")


@dataclass(frozen=True)
class Mention:
    id: str
    type: str
    text: str
    start: int
    end: int
    attrs: Mapping[str, Any] = field(default_factory=dict)
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "text": self.text,
                               "start": self.start, "end": self.end}
        if self.page is not None:
            out["page"] = self.page
            out["bbox"] = list(self.bbox) if self.bbox else None
        out.update(self.attrs)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Mention":
        core = {"id", "type", "text", "start", "end", "page", "bbox"}
        bbox = data.get("bbox")
        return cls(id=data["id"], type=data["type"], text=data["text"], start=data["start"], end=data["end"],
                   attrs={k: v for k, v in data.items() if k not in core}, page=data.get("page"),
                   bbox=tuple(bbox) if bbox else None)


@dataclass(frozen=True)
class Claim:
    id: str
    quantity: str
    sentence: tuple[int, int]
    statement: str
    confidence: float
    date: str | None = None
    location: str | None = None
    location_implicit: bool = False
    substances: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "quantity": self.quantity, "date": self.date, "location": self.location,
               "location_implicit": self.location_implicit, "substances": list(self.substances),
               "organisations": list(self.organisations),
               "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
               "statement": self.statement, "confidence": self.confidence}
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Claim":
        core = {"id", "quantity", "date", "location", "location_implicit", "substances", "organisations",
                "sentence", "statement", "confidence"}
        return cls(id=data["id"], quantity=data["quantity"], date=data.get("date"), location=data.get("location"),
                   location_implicit=bool(data.get("location_implicit")),
                   substances=tuple(data.get("substances") or ()), organisations=tuple(data.get("organisations") or ()),
                   sentence=(data["sentence"]["start"], data["sentence"]["end"]), statement=data.get("statement", ""),
                   confidence=float(data.get("confidence", 0.0)),
                   extra={k: v for k, v in data.items() if k not in core})


@dataclass(frozen=True)
class Extraction:
    """What the NLP pipeline finds in one text: its mentions, claims and document date."""

    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    doc_date: str | None


@dataclass(frozen=True)
class ClaimsDocument:
    doc_id: str
    source: Mapping[str, Any]
    doc_date: str | None
    extracted_at: str
    pipeline: Mapping[str, Any]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    language: str = "en"
    warnings: tuple[str, ...] = ()

    @property
    def text_path(self) -> str:
        return f"{self.doc_id}.txt"

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "doc_id": self.doc_id, "source": dict(self.source),
                "text_path": self.text_path, "doc_date": self.doc_date, "language": self.language,
                "extracted_at": self.extracted_at, "pipeline": dict(self.pipeline),
                "warnings": list(self.warnings),
                "mentions": [m.to_dict() for m in self.mentions], "claims": [c.to_dict() for c in self.claims]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ClaimsDocument":
        return cls(doc_id=data["doc_id"], source=data["source"], doc_date=data.get("doc_date"),
                   extracted_at=data["extracted_at"], pipeline=data["pipeline"],
                   mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
                   claims=tuple(Claim.from_dict(c) for c in data["claims"]), language=data.get("language", "en"),
                   warnings=tuple(data.get("warnings") or ()))


def doc_id_for(document: str, sha256: str) -> str:
    """The id of one version of one document: its path in the corpus and its content hash, so two
    byte-identical files are two documents and an edited file is a new version of the same one."""
    return hashlib.sha256(f"{document}\0{sha256}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def legacy_claim_id(sha256: str, start: int, end: int) -> str:
    """The id a claim had before 0.2.0 (its document's content hash and its quantity's offsets), so the
    decisions made then follow their claims when the same bytes are extracted again."""
    return hashlib.sha256(f"{sha256[:16]}:{start}:{end}".encode()).hexdigest()[:16]


def claim_id_for(document: str, sentence: str, offset: int, quantity: str, occurrence: int) -> str:
    """Stable across re-runs, rule changes and edits elsewhere in the document: the document's path,
    the quantity's sentence, its place and text in that sentence, and which repeat of that sentence
    it is ("Police seized 5 kg." twice) count; offsets into the whole text do not."""
    key = f"{document}\0{sentence}\0{offset}\0{quantity}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
