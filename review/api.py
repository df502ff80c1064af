"""The review app's JSON API: decisions (single, batch, undo), corrections, and claims a reviewer adds or
re-spans from the document view. The pages call it; so can scripts."""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import QueryParams

from review.claims import ClaimCatalogue, Filters
from review.corrections import CorrectionErrors, merge, typed_statement
from review.store import Conflict, ReviewStore, Superseded

BATCH_LIMIT = 5000


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["accepted", "rejected", "corrected", "pending"]
    corrections: dict[str, Any] = {}
    note: str = Field(default="", max_length=5000)
    reviewer: str | None = Field(default=None, max_length=200)
    version: int | None = None  # the decision's version the reviewer saw; a changed one is a 409


class BatchBody(BaseModel):
    """A decision on the claims named, or on every claim a queue filter shows (``query``, its query string),
    which must still be ``expected`` claims: the count the reviewer confirmed."""

    model_config = ConfigDict(extra="forbid")
    status: Literal["accepted", "rejected", "pending"]
    claim_ids: list[str] | None = Field(default=None, max_length=BATCH_LIMIT)
    query: str | None = Field(default=None, max_length=2000)
    expected: int
    note: str = Field(default="", max_length=5000)
    reviewer: str | None = Field(default=None, max_length=200)


class UndoBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str | None = Field(default=None, max_length=200)


class SpanBody(BaseModel):
    """Offsets into the document's stored text, as the document view's selection gives them."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    reviewer: str | None = Field(default=None, max_length=200)


class AddedClaimBody(SpanBody):
    values: dict[str, Any] = {}


def claim_or_404(catalogue: ClaimCatalogue, claim_id: str) -> dict[str, Any]:
    claim = catalogue.claim(claim_id)
    if claim is None:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id}")
    return claim


def _checked(claim: dict[str, Any], earlier: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    try:
        return merge(claim, earlier, typed)
    except CorrectionErrors as failed:
        raise HTTPException(status_code=422, detail={"errors": failed.errors}) from failed


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding a selection: from the last full stop or line break before it to the next."""
    left = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0, text.rfind("\n", 0, start) + 1)
    stops = [i + 1 for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left, min([*stops, len(text)])


def api_router(store: ReviewStore, catalogue: ClaimCatalogue, reviewer: str,
               filters_from: Callable[[Any], Filters]) -> APIRouter:
    router = APIRouter(prefix="/api")

    def found(claim_id: str) -> dict[str, Any]:
        return claim_or_404(catalogue, claim_id)

    @router.get("/claims")
    def list_claims(request: Request, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        chosen = catalogue.claims(filters_from(request.query_params))
        offset, limit = max(0, offset), max(0, min(limit, 1000))
        return {"claims": chosen[offset:offset + limit], "total": len(chosen), "counts": catalogue.counts()}

    @router.get("/claims/{claim_id}")
    def get_claim(claim_id: str) -> dict[str, Any]:
        return found(claim_id)

    @router.post("/claims/{claim_id}/review")
    def review_claim(claim_id: str, body: ReviewBody) -> dict[str, Any]:
        claim = found(claim_id)
        corrections = claim["corrections"]
        if body.status == "corrected":
            corrections = _checked(claim, claim["corrections"], body.corrections)
            if not corrections:
                raise HTTPException(status_code=422, detail={"errors": {"": "nothing differs from what was extracted"}})
        try:
            store.decide(claim_id, body.status, corrections, body.note, body.reviewer or reviewer, version=body.version)
        except Conflict as conflict:
            raise HTTPException(status_code=409, detail=str(conflict)) from conflict
        return found(claim_id)

    @router.post("/batch")
    def batch(body: BatchBody) -> dict[str, Any]:
        """Decide many claims as one step (one undo takes it back)."""
        if (body.claim_ids is None) == (body.query is None):
            raise HTTPException(status_code=422, detail="name the claims (claim_ids) or the filter (query), not both")
        if body.query is not None:
            ids = [c["id"] for c in catalogue.claims(filters_from(QueryParams(body.query)))]
        else:
            ids = list(dict.fromkeys(body.claim_ids or []))
            unknown = [i for i in ids if catalogue.claim(i) is None]
            if unknown:
                raise HTTPException(status_code=404, detail=f"no claims {', '.join(unknown[:5])}")
        if len(ids) != body.expected:
            raise HTTPException(status_code=409, detail=f"this would decide {len(ids):,} claims, not the "
                                                        f"{body.expected:,} confirmed: reload and confirm again")
        if len(ids) > BATCH_LIMIT:
            raise HTTPException(status_code=422, detail=f"at most {BATCH_LIMIT:,} claims in one batch")
        store.decide_many(ids, body.status, body.note, body.reviewer or reviewer)
        return {"decided": len(ids), "status": body.status}

    @router.post("/undo")
    def undo_last(body: UndoBody) -> dict[str, Any]:
        """Undo the reviewer's latest decision, on whichever claim (or batch of claims) it was made."""
        who = body.reviewer or reviewer
        try:
            restored = store.undo_last(who)
        except Superseded as conflict:
            raise HTTPException(status_code=409, detail=f"not undone: {conflict}") from conflict
        if not restored:
            raise HTTPException(status_code=404, detail=f"no decision of {who or 'this session'} left to undo")
        return {**found(restored[0]), "restored": restored}

    def checked_span(doc_id: str, start: int, end: int) -> str:
        text = catalogue.document_text(doc_id)
        if not text or end > len(text) or start >= end or not text[start:end].strip():
            raise HTTPException(status_code=422, detail="the selection is no text of this document")
        return text

    @router.post("/claims/{claim_id}/span")
    def move_span(claim_id: str, body: SpanBody) -> dict[str, Any]:
        """Point the claim's quantity at another span of its document; the extracted span stays as the original."""
        claim = found(claim_id)
        checked_span(claim["doc_id"], body.start, body.end)
        corrections = {**claim["corrections"], "span": {"start": body.start, "end": body.end}}
        store.decide(claim_id, "corrected", corrections, claim["note"], body.reviewer or reviewer, version=claim["version"])
        return found(claim_id)

    @router.post("/documents/{doc_id}/claims")
    def add_claim(doc_id: str, body: AddedClaimBody) -> dict[str, Any]:
        """A claim the extraction missed: the selected span is its quantity, the typed values its slots."""
        paths = {c["document"] for c in catalogue.claims() if c["doc_id"] == doc_id}
        text = checked_span(doc_id, body.start, body.end)
        if not paths:
            raise HTTPException(status_code=404, detail=f"no claims of document {doc_id} to add beside")
        quantity = {"text": text[body.start:body.end], "start": body.start, "end": body.end}
        values = _checked({"quantity": {}}, {}, body.values)
        if values.get("value") is None:
            raise HTTPException(status_code=422, detail={"errors": {"value": "a claim needs its value"}})
        left, right = sentence_around(text, body.start, body.end)
        claim_id = "added-" + hashlib.sha256(f"{doc_id}:{body.start}:{body.end}".encode()).hexdigest()[:16]
        if catalogue.claim(claim_id) is not None:
            raise HTTPException(status_code=409, detail="a claim was already added on this span")
        data = {"statement": typed_statement(values), "quantity": quantity, "values": values,
                "sentence": {"start": left, "end": right, "text": text[left:right]}}
        store.add_claim(claim_id, doc_id, sorted(paths)[0], data, body.reviewer or reviewer)
        return found(claim_id)

    return router
