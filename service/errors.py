"""Errors to HTTP, once: every failure becomes ``{"error": {"status": …, "message": …}}``.

Browsers (``Accept`` preferring ``text/html``) get the same as a small page and ``text/plain``
clients the bare message. A client's mistake is a 4xx carrying the parser's message; our own bug is
a logged 500 — never the other way round.
"""

from __future__ import annotations

import json
import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from kg.errors import KGError, QueryError, QueryTimeout, RemoteStoreError, StoreError, StoreUnreachable
from service import negotiation
from service.executor import PoolBusy, WorkerCrashed, syntax_position
from service.screening import UpdateRefused
from service.templating import render

log = logging.getLogger("meetgraph.service")

_POSITION_PREFIX = re.compile(r"^\s*error at \d+:\d+:\s*")

_ERROR_OFFERS = (
    negotiation.Offer("json", ("application/json",)),
    negotiation.HTML_OFFER,
    negotiation.Offer("text", ("text/plain",)),
)

_STATUS = (
    (UpdateRefused, 403),
    (QueryTimeout, 504),
    (QueryError, 400),
    (PoolBusy, 503),
    (StoreError, 503),
    (StoreUnreachable, 503),
    (RemoteStoreError, 502),
    (WorkerCrashed, 500),
)


def status_of(error: KGError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 500


def error_response(
    request: Request,
    status: int,
    message: str,
    *,
    headers: dict[str, str] | None = None,
    details: dict | None = None,
) -> Response:
    """One error, in the shape the client reads best (JSON unless it prefers HTML or text)."""
    headers = dict(headers or {})
    headers.setdefault("Cache-Control", "no-store")
    offer = negotiation.choose(request.headers.get("accept"), _ERROR_OFFERS)
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    if offer is not None and offer.name == negotiation.HTML:
        page = render("error.html", status=status, message=message, details=details or {})
        return Response(page, status, headers, media_type="text/html; charset=utf-8")
    if offer is not None and offer.name == "text":
        return Response(message + "\n", status, headers, media_type="text/plain; charset=utf-8")
    body = {"error": {"status": status, "message": message, **(details or {})}}
    return Response(
        json.dumps(body, ensure_ascii=False), status, headers, media_type="application/json"
    )


def kg_error_response(request: Request, error: KGError) -> Response:
    status = status_of(error)
    message, details, headers = str(error), {}, {}
    if status == 400 and (position := syntax_position(message)) is not None:
        message, details = _syntax_message(message, position, request)
    if status == 503:
        headers["Retry-After"] = "5"
    if status == 500:
        log.error("%s %s: %s", request.method, request.url.path, message)
    elif status > 500:
        log.warning("%s %s: %s", request.method, request.url.path, message)
    return error_response(request, status, message, headers=headers, details=details)


def _syntax_message(message: str, position: tuple[int, int], request: Request) -> tuple[str, dict]:
    """pyoxigraph's message, condensed, with the line and column named and the spot shown."""
    line, column = position
    condensed = " ".join(_POSITION_PREFIX.sub("", message, count=1).split())
    if len(condensed) > 400:
        condensed = condensed[:400] + "…"
    text = f"syntax error at line {line}, column {column}: {condensed}"
    query = getattr(request.state, "sparql_query", None)
    if isinstance(query, str):
        lines = query.splitlines() or [""]
        if 1 <= line <= len(lines):
            shown = lines[line - 1]
            start = max(0, column - 60)
            text += f"\n  {shown[start:start + 120]}\n  {' ' * (column - 1 - start)}^"
    return text, {"line": line, "column": column}


def response_for(request: Request, error: Exception) -> Response:
    """The response for any error raised while answering ``request`` (call it in the ``except``:
    an unexpected one is logged with its traceback)."""
    if isinstance(error, KGError):
        return kg_error_response(request, error)
    if isinstance(error, HTTPException):
        return error_response(
            request, error.status_code, str(error.detail), headers=dict(error.headers or {})
        )
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error (logged); please report it")


def install(app: FastAPI) -> None:
    """Register the handlers that translate every error raised under ``app``."""

    @app.exception_handler(KGError)
    async def _kg_error(request: Request, error: KGError) -> Response:
        return response_for(request, error)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> Response:
        return response_for(request, error)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, error: RequestValidationError) -> Response:
        return error_response(request, 400, f"invalid request: {error.errors()}")

    @app.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> Response:
        return response_for(request, error)
