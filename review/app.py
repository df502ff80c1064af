"""FastAPI app for reviewing claims: a queue, a claim page driven by the keyboard, and the JSON API
the page itself uses. Server-rendered with Jinja (autoescaped), minimal JavaScript."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from extractors.documents import sha256_of
from extractors.model import doc_id_for
from extractors.rules.statements import format_number
from review.api import api_router, claim_or_404
from review.claims import SORTS, ClaimCatalogue, Filters, highlight, templates_dir
from review.corrections import FIELDS, QUALIFIERS
from review.document_view import document_marks
from review.figures import amount, chosen_claims
from review.pages import claim_boxes, page_crop_png
from review.report import build_views, page_context
from review.safety import guard
from review.store import STATUSES, ReviewStore

PAGE_SIZE = 100
DASHBOARD_FILTERS = ("substance", "category", "country", "period", "document")
DASHBOARD_CACHE = 16


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
    templates.env.filters["figure"] = format_number
    templates.env.filters["amount"] = amount
    app = FastAPI(title="claims review", docs_url=None, redoc_url=None)

    def filters_from(query) -> Filters:
        """The queue's filters from a query string; a value no filter takes is a 400 that says why."""
        status, sort = query.get("status") or None, query.get("sort") or "document"
        if status not in (None, *STATUSES):
            raise HTTPException(status_code=400, detail=f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        if sort.lstrip("-") not in SORTS:
            raise HTTPException(status_code=400, detail=f"sort must be one of {', '.join(SORTS)} (or -column "
                                                        f"for descending), not {sort!r}")
        return Filters(status=status, document=query.get("document") or None, substance=query.get("substance") or None,
                       country=query.get("country") or None, min_confidence=_confidence(query.get("min_confidence")),
                       search=query.get("q") or None, conflicts=query.get("conflicts") == "1",
                       disagree=query.get("disagree") == "1", sort=sort)

    def found(claim_id: str) -> dict[str, Any]:
        return claim_or_404(catalogue, claim_id)

    @app.middleware("http")
    async def json_only(request: Request, call_next):
        if request.method == "POST" and request.url.path.startswith("/api/"):
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return JSONResponse({"detail": "the API accepts application/json only"}, status_code=415)
        return await call_next(request)

    app.include_router(api_router(store, catalogue, reviewer, filters_from))
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")

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

    drawn: dict[tuple, dict[str, Any]] = {}  # dashboard pages drawn, by filters and store state

    @app.get("/dashboard", response_class=HTMLResponse)
    def dashboard(request: Request) -> HTMLResponse:
        """The report's views over the claims the filters choose; every mark links to its claim here."""
        query = request.query_params
        status = query.get("status") or "accepted"
        if status not in ("all", *STATUSES):
            raise HTTPException(status_code=400, detail=f"status must be all or one of {', '.join(STATUSES)}, not {status!r}")
        wanted = {name: query.get(name) or None for name in DASHBOARD_FILTERS}
        key = (status, tuple(sorted(wanted.items(), key=lambda kv: kv[0])), store_state())
        if key not in drawn:  # drawing every chart takes seconds: redraw only after the store changed
            views = build_views(chosen_claims(catalogue, status, **wanted))
            drawn[key] = page_context(views, base="", standalone=False, status=status,
                                      filters={k: v for k, v in wanted.items() if v})
            while len(drawn) > DASHBOARD_CACHE:
                drawn.pop(next(iter(drawn)))
        return templates.TemplateResponse(request, "dashboard.html", drawn[key])

    def store_state() -> tuple[int, ...]:
        """When the registry last changed: the database and its write-ahead log's modification times."""
        files = (store.database, store.database.with_name(store.database.name + "-wal"))
        return tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in files)

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request) -> HTMLResponse:
        filters = filters_from(request.query_params)
        chosen = catalogue.claims(filters)
        page = _page(request.query_params.get("page"), len(chosen))
        start = (page - 1) * PAGE_SIZE
        counts = catalogue.counts()
        link = lambda number: request.url.remove_query_params("end").include_query_params(page=number).query  # noqa: E731
        column = filters.sort.lstrip("-")
        sorting = {name: request.url.remove_query_params(["end", "page"]).include_query_params(
            sort=f"-{name}" if column == name and not filters.sort.startswith("-") else name).query for name in SORTS}
        return templates.TemplateResponse(request, "queue.html", {
            "claims": chosen[start:start + PAGE_SIZE], "counts": counts, "filters": filters, "orphans": store.orphans(),
            "query": str(request.url.remove_query_params("end").query), "extracted": any(counts.values()),
            "output": str(output_dir), "total": len(chosen), "first": start + 1, "last": min(start + PAGE_SIZE, len(chosen)),
            "previous_page": link(page - 1) if page > 1 else None,
            "next_page": link(page + 1) if start + PAGE_SIZE < len(chosen) else None,
            "ended": "end" in request.query_params, "sorting": sorting, "sorted": column,
            "descending": filters.sort.startswith("-"), "statuses": STATUSES, "reviewer": reviewer,
            "page_query": str(request.url.remove_query_params(["end", "page"]).query)})

    @app.get("/claims/{claim_id}", response_class=HTMLResponse)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        claim = found(claim_id)
        ids = [c["id"] for c in catalogue.claims(filters_from(request.query_params))]
        index = ids.index(claim_id) if claim_id in ids else -1
        neighbours = {"previous": ids[index - 1] if index > 0 else None,
                      "next": ids[index + 1] if 0 <= index < len(ids) - 1 else None,
                      "position": index + 1, "of": len(ids)}
        return templates.TemplateResponse(request, "claim.html", {
            "claim": claim, "history": store.history(claim_id), "reviewer": reviewer, "query": str(request.query_params),
            "fields": FIELDS, "qualifiers": QUALIFIERS, "image": image_state(claim), **neighbours})

    def image_state(claim: dict[str, Any]) -> str:
        """Why a claim has, or has no, page image: "ok", or the reason in words."""
        if claim_boxes(claim) is None:
            return "no page image: the source is not a PDF, or this span has no place on a page"
        source = corpus_dir / claim["document"] if corpus_dir else None
        if source is None or not source.is_file():
            return (f"no page image: {claim['document']} is not in the corpus folder "
                    f"{corpus_dir or '(none given)'}; start the app with --corpus pointing at it")
        return "ok"

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        """The whole stored text with every claim's quantity marked; a selection adds a claim or moves a span."""
        claims = [c for c in catalogue.claims() if c["doc_id"] == doc_id]
        text = catalogue.document_text(doc_id)
        if not claims or not text:
            raise HTTPException(status_code=404, detail=f"no extracted document {doc_id}")
        moving = request.query_params.get("move")
        return templates.TemplateResponse(request, "document.html", {
            "document": claims[0]["document"], "doc_id": doc_id, "pieces": document_marks(text, claims),
            "claims": claims, "moving": next((c for c in claims if c["id"] == moving), None), "reviewer": reviewer,
            "qualifiers": QUALIFIERS})

    guard(app, host=host, token=token)
    return app
