"""FastAPI app for reviewing claims: a queue, a claim page driven by the keyboard, and the JSON API
the page itself uses. Server-rendered with Jinja (autoescaped), minimal JavaScript."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field

from extractors.documents import sha256_of
from extractors.model import doc_id_for
from review.claims import ClaimCatalogue, Filters, highlight, templates_dir
from review.pages import claim_boxes, page_crop_png
from review.safety import guard
from review.store import STATUSES, ReviewStore, Superseded


class Corrections(BaseModel):
    """Corrected values; anything not named here is refused."""

    model_config = ConfigDict(extra="forbid")
    value: float | None = None
    value_max: float | None = None
    unit: str | None = Field(default=None, max_length=20)
    start_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    end_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    location: str | None = Field(default=None, max_length=200)
    country_code: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    substance: str | None = Field(default=None, max_length=200)


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["accepted", "rejected", "corrected", "pending"]
    corrections: Corrections = Corrections()
    note: str = Field(default="", max_length=5000)
    reviewer: str | None = Field(default=None, max_length=200)


class UndoBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str | None = Field(default=None, max_length=200)


SORTS = ("document", "confidence", "status")
PAGE_SIZE = 100


def _page(value: str | None, total: int) -> int:
    """The queue page asked for (1 when none); a page that is no number, or lies past the end, is a 400."""
    pages = max(1, -(-total // PAGE_SIZE))
    if value is None:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= pages:
        raise HTTPException(status_code=400, detail=f"page must be a number from 1 to {pages}, not {value!r}")
    return int(value)


def _confidence(value: str | None) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0 <= number <= 1:  # NaN fails too
        raise HTTPException(status_code=400, detail=f"min_confidence must be a number from 0 to 1, not {value!r}")
    return number


def create_app(output_dir: Path, reviewer: str = "", corpus_dir: Path | None = None, *, host: str = "127.0.0.1",
               token: str | None = None) -> FastAPI:
    """The review app over ``output_dir``, served at ``host``; ``corpus_dir`` holds the sources, for PDF page
    images; ``token``, when given, is asked of every request (see ``safety``)."""
    store = ReviewStore(output_dir)
    catalogue = ClaimCatalogue(store)
    templates = Jinja2Templates(directory=str(templates_dir()))
    templates.env.globals["highlight"] = highlight
    app = FastAPI(title="claims review", docs_url=None, redoc_url=None)

    def filters_from(request: Request) -> Filters:
        """The queue's filters from the query string; a value no filter takes is a 400 that says why."""
        query = request.query_params
        status, sort = query.get("status") or None, query.get("sort") or "document"
        if status not in (None, *STATUSES):
            raise HTTPException(status_code=400, detail=f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        if sort not in SORTS:
            raise HTTPException(status_code=400, detail=f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        return Filters(status=status, document=query.get("document") or None, substance=query.get("substance") or None,
                       country=query.get("country") or None, min_confidence=_confidence(query.get("min_confidence")), sort=sort)

    def found(claim_id: str) -> dict[str, Any]:
        claim = catalogue.claim(claim_id)
        if claim is None:
            raise HTTPException(status_code=404, detail=f"no claim {claim_id}")
        return claim

    @app.middleware("http")
    async def json_only(request: Request, call_next):
        if request.method == "POST" and request.url.path.startswith("/api/"):
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return JSONResponse({"detail": "the API accepts application/json only"}, status_code=415)
        return await call_next(request)

    @app.get("/api/claims")
    def list_claims(request: Request, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        chosen = catalogue.claims(filters_from(request))
        offset, limit = max(0, offset), max(0, min(limit, 1000))
        return {"claims": chosen[offset:offset + limit], "total": len(chosen), "counts": catalogue.counts()}

    @app.get("/api/claims/{claim_id}")
    def get_claim(claim_id: str) -> dict[str, Any]:
        return found(claim_id)

    @app.post("/api/claims/{claim_id}/review")
    def review_claim(claim_id: str, body: ReviewBody) -> dict[str, Any]:
        found(claim_id)
        corrections = body.corrections.model_dump(exclude_none=True)
        if body.status == "corrected" and not corrections:
            raise HTTPException(status_code=422, detail="a correction needs at least one corrected value")
        store.decide(claim_id, body.status, corrections, body.note, body.reviewer or reviewer)
        return found(claim_id)

    @app.post("/api/undo")
    def undo_last(body: UndoBody) -> dict[str, Any]:
        """Undo the reviewer's latest decision, on whichever claim it was made."""
        who = body.reviewer or reviewer
        last = store.last_decided(who)
        if last is None:
            raise HTTPException(status_code=404, detail=f"no decision of {who or 'this session'} left to undo")
        try:
            store.undo(*last[:1], who, decision=last[1])
        except Superseded as conflict:
            raise HTTPException(status_code=409, detail=f"not undone: {conflict}") from conflict
        return found(last[0])

    @app.post("/api/claims/{claim_id}/undo")
    def undo_review(claim_id: str) -> dict[str, Any]:
        found(claim_id)
        store.undo(claim_id, reviewer)
        return found(claim_id)

    @app.get("/claims/{claim_id}/page.png")
    def page_image(claim_id: str) -> Response:
        claim = found(claim_id)
        located = claim_boxes(claim)
        source = corpus_dir / claim["document"] if corpus_dir else None
        if located is None or source is None or not source.is_file():
            raise HTTPException(status_code=404, detail="no PDF page for this claim")
        if doc_id_for(claim["document"], sha256_of(source.read_bytes())) != claim["doc_id"]:  # the id hashes the bytes
            raise HTTPException(status_code=409, detail="the source file changed since it was extracted: run 'claims run'")
        return Response(page_crop_png(source, *located), media_type="image/png",
                        headers={"Cache-Control": "no-store"})

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request) -> HTMLResponse:
        filters = filters_from(request)
        chosen = catalogue.claims(filters)
        page = _page(request.query_params.get("page"), len(chosen))
        start = (page - 1) * PAGE_SIZE
        counts = catalogue.counts()
        link = lambda number: request.url.remove_query_params("end").include_query_params(page=number).query  # noqa: E731
        return templates.TemplateResponse(request, "queue.html", {
            "claims": chosen[start:start + PAGE_SIZE], "counts": counts, "filters": filters, "orphans": store.orphans(),
            "query": str(request.url.remove_query_params("end").query), "extracted": any(counts.values()),
            "output": str(output_dir), "total": len(chosen), "first": start + 1, "last": min(start + PAGE_SIZE, len(chosen)),
            "previous_page": link(page - 1) if page > 1 else None,
            "next_page": link(page + 1) if start + PAGE_SIZE < len(chosen) else None,
            "ended": "end" in request.query_params})

    @app.get("/claims/{claim_id}", response_class=HTMLResponse)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        claim = found(claim_id)
        ids = [c["id"] for c in catalogue.claims(filters_from(request))]
        index = ids.index(claim_id) if claim_id in ids else -1
        neighbours = {"previous": ids[index - 1] if index > 0 else None,
                      "next": ids[index + 1] if 0 <= index < len(ids) - 1 else None,
                      "position": index + 1, "of": len(ids)}
        return templates.TemplateResponse(request, "claim.html", {
            "claim": claim, "history": store.history(claim_id), "reviewer": reviewer, "query": str(request.query_params),
            **neighbours})

    guard(app, host=host, token=token)
    return app
