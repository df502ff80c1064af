"""What keeps the review server from being abused by another page, another host name or a huge request.

- Every response forbids framing (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``: a framing page
  cannot make a reviewer accept a claim with one key press) and carries a restrictive Content Security
  Policy: scripts and styles only with the request's nonce, nothing loaded from elsewhere.
- Only the host names it serves are answered (Starlette's ``TrustedHostMiddleware``: loopback names and
  the bound host), so a DNS-rebinding page on another name gets a 400; a write whose ``Origin`` is another
  site is refused (403).
- A request body over ``MAX_BODY`` bytes is refused (413) before it is read whole.
- Bound beyond loopback, the server wants a token (generated, printed once): in the ``?token=`` of the first
  page, which sets it as a cookie, or as ``Authorization: Bearer`` for the API.
"""
from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_BODY = 256 * 1024  # a decision with its note and corrections is a few kilobytes
TOKEN_COOKIE = "claims_review_token"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK


def new_token() -> str:
    return secrets.token_urlsafe(24)


class BodyLimit:
    """Refuse a body over ``limit`` bytes with 413: by its Content-Length before reading it, or (sent in
    chunks) as soon as it grows past the limit; a body within it is read whole and handed on."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return
        refused = JSONResponse({"detail": f"request body over {self.limit:,} bytes"}, status_code=413)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await refused(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await refused(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def guard(app: FastAPI, *, host: str, token: str | None) -> None:
    """Install the protections above on ``app`` served at ``host``."""

    @app.middleware("http")
    async def policy(request: Request, call_next):
        if request.method in WRITES and not _same_origin(request):
            return JSONResponse({"detail": "a write from another site is refused"}, status_code=403)
        if token is not None:
            offered = request.query_params.get("token")
            if offered is not None and secrets.compare_digest(offered, token):
                response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return response
            if not _has_token(request, token):
                return JSONResponse({"detail": "this server wants its token: open the address it printed"}, status_code=401)
        request.state.csp_nonce = secrets.token_urlsafe(16)
        response = await call_next(request)
        nonce = request.state.csp_nonce
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # Behind a token any name may reach it (the token, a cookie per host name, is what a rebinding page lacks).
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"] if token else sorted({*LOOPBACK, host}))
    app.add_middleware(BodyLimit)


def _same_origin(request: Request) -> bool:
    """No ``Origin`` (a command-line client), or one naming the host this request was sent to."""
    origin = request.headers.get("origin")
    if origin is None:
        return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _has_token(request: Request, token: str) -> bool:
    offered = request.cookies.get(TOKEN_COOKIE) or request.headers.get("authorization", "").removeprefix("Bearer ")
    return bool(offered) and secrets.compare_digest(offered, token)
