"""``/sparql``: the SPARQL 1.1 Protocol, read-only, answered by worker processes within limits
(or, with ``KG_STORE``, by an external store: ``service.remote``).

Query by GET ``?query=``, by POST ``application/x-www-form-urlencoded`` or by POST
``application/sparql-query``; ``default-graph-uri``/``named-graph-uri`` set the dataset. The answer
format comes from ``format=`` (or Fuseki's ``output=``) else from ``Accept``. With no query, the
endpoint describes itself (SPARQL 1.1 Service Description; an HTML form for browsers).

The handlers read the request (body size checked as it arrives), choose the format and look in
the answer cache on the event loop; the query itself runs in a worker process
(``service.executor``), awaited, so the event loop never waits on a query. ``Endpoint`` puts these
handlers in front of FastAPI's routing: a point lookup is cheap enough that routing, dependency
solving and exception middleware would otherwise cost more than the query.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
from dataclasses import dataclass, field
from typing import TypedDict, Unpack
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from kg import formats
from kg.errors import KGError, QueryError
from kg.settings import Settings
from service import errors, negotiation, query_page
from service.cache import LRUCache
from service.description import PREFIXES, service_description
from service.evaluation import Runner
from service.executor import Answer, DatasetVersion, Job
from service.negotiation import GRAPH_OFFERS, HTML_OFFER, RESULT_OFFERS, Offer
from service.screening import UpdateRefused, screen
from service.site import Site

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"

_GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_PREFIXED_FORMATS = ("turtle", "trig", "rdfxml")

router = APIRouter()
log = logging.getLogger("meetgraph.service")


class Dataset(TypedDict, total=False):
    """The protocol's dataset (``default-graph-uri``, ``named-graph-uri``) and the query's prefixes."""

    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    prefixes: tuple[tuple[str, str], ...]


@dataclass
class SparqlService:
    """What ``/sparql`` needs at run time, built in the app's lifespan (``app.state.sparql``).

    Other routers may use ``execute`` to run their own queries under the same limits.
    """

    settings: Settings
    pool: Runner
    version: DatasetVersion
    cache: LRUCache[Answer]
    _graphs: dict[str, list[str]] = field(default_factory=dict)

    def execute(self, query: str, format_name: str, **dataset: Unpack[Dataset]) -> Answer:
        """Evaluate ``query`` in a worker (blocking: call from a thread), through the answer cache."""
        key = self._key(query, format_name, **dataset)
        answer = self.cache.get(key)
        if answer is None:
            answer = self.pool.run(self._job(key, dataset.get("prefixes", ())), self.settings.query_timeout)
            self.cache.put(key, answer, len(answer.body))
        return answer

    async def execute_async(self, query: str, format_name: str, **dataset: Unpack[Dataset]) -> Answer:
        """``execute`` on the event loop: a cached answer at once, else the worker's, awaited."""
        key = self._key(query, format_name, **dataset)
        answer = self.cache.get(key)
        if answer is None:  # the job is made only when the cache cannot answer
            answer = await self.pool.run_async(self._job(key, dataset.get("prefixes", ())), self.settings.query_timeout)
            self.cache.put(key, answer, len(answer.body))
        return answer

    def _key(
        self,
        query: str,
        format_name: str,
        *,
        default_graphs: tuple[str, ...] | None = None,
        named_graphs: tuple[str, ...] | None = None,
        prefixes: tuple[tuple[str, str], ...] = (),
    ) -> tuple:
        """The answer cache's key for this query on the current version (read afresh here); the
        prefixes follow from the query, so they are not part of it."""
        self.version.refresh()
        version, generation = self.version.snapshot()
        return version, generation, format_name, query, default_graphs, named_graphs

    def _job(self, key: tuple, prefixes: tuple[tuple[str, str], ...]) -> Job:
        """The worker's job for the answer ``key`` names: the same version generation, never a newer one."""
        _version, generation, format_name, query, default_graphs, named_graphs = key
        return Job(
            query=query,
            format_name=format_name,
            max_results=self.settings.max_results,
            generation=generation,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            prefixes=prefixes,
            base_iri=self.settings.base,
        )

    def named_graph_names(self) -> list[str]:
        """The dataset's named graphs, for the Service Description (asked once per version)."""
        self.version.refresh()
        version = self.version.version
        if version not in self._graphs:
            try:
                answer = self.execute(_GRAPHS_QUERY, "tsv")
            except KGError as error:  # a description without its graph list beats none at all
                log.warning("named graphs left out of the service description: %s", error)
                return []
            solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.TSV)
            self._graphs = {version: [solution["g"].value for solution in solutions]}
        return self._graphs[version]


@dataclass(frozen=True)
class Asked:
    """What the client asked, read off the request on the event loop for the worker thread."""

    method: str
    endpoint: str
    accept: str | None
    if_none_match: str | None
    params: tuple[tuple[str, str], ...]

    def values(self, *names: str) -> list[str]:
        return [value for key, value in self.params if key in names]


@router.api_route("/sparql", methods=["GET", "HEAD"])
async def sparql_get(request: Request) -> Response:
    """Query by GET (``?query=``), or the Service Description when there is no query."""
    limit = _service(request).settings.max_request_bytes
    if len(request.url.query) > limit:
        raise HTTPException(413, f"the request is larger than the {limit}-byte limit; POST the query")
    return await _respond(request, _parse_params(request.url.query))


@router.post("/sparql")
async def sparql_post(request: Request) -> Response:
    """Query by POST, form-encoded or direct; SPARQL Update is refused."""
    settings = _service(request).settings
    params = _parse_params(request.url.query)
    media_type, charset = _content_type(request.headers.get("content-type", ""))
    if media_type == UPDATE:
        raise UpdateRefused("SPARQL Update is not allowed: this endpoint is read-only")
    if media_type not in (FORM, DIRECT):
        raise HTTPException(
            415, f"POST a query as {FORM} or {DIRECT}, not {media_type or 'no Content-Type'}"
        )
    body = await _read_body(request, settings.max_request_bytes)
    if media_type == FORM:
        params += _parse_params(_decode(body, "utf-8"))
    else:
        params.append(("query", _decode(body, charset or "utf-8")))
    return await _respond(request, params)


class Endpoint:
    """ASGI middleware answering ``/sparql`` with the handlers above, before FastAPI's routing.

    Added innermost of the app's middleware, so the access log, CORS and gzip still wrap it; errors
    get the same responses as everywhere else (``service.errors``). Every other path, and
    ``/sparql/``, goes on to the app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/sparql":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive, send)
        try:
            if scope["method"] in ("GET", "HEAD"):
                response = await sparql_get(request)
            elif scope["method"] == "POST":
                response = await sparql_post(request)
            else:
                raise HTTPException(405, "Method Not Allowed", headers={"Allow": "GET, HEAD, POST"})
        except Exception as error:  # noqa: BLE001 - every error becomes its response
            response = errors.response_for(request, error)
        await response(scope, receive, send)


async def _respond(request: Request, params: list[tuple[str, str]]) -> Response:
    asked = Asked(
        method=request.method,
        endpoint=f"{request.url.scheme}://{request.url.netloc}{request.url.path}",
        accept=request.headers.get("accept"),
        if_none_match=request.headers.get("if-none-match"),
        params=tuple(params),
    )
    queries = asked.values("query")
    if len(queries) == 1:
        request.state.sparql_query = queries[0]  # lets a syntax error show its line
    return await _answer(_service(request), asked)


async def _answer(service: SparqlService, asked: Asked) -> Response:
    """The answer, worked out on the event loop (reading the query, choosing the format, the
    cache) with the evaluation awaited; the pages, which run queries of their own, go to a thread."""
    if asked.values("update"):
        raise UpdateRefused("SPARQL Update is not allowed: this endpoint is read-only")
    queries = asked.values("query")
    if len(queries) > 1:
        raise QueryError("give exactly one query parameter")
    chosen_format = (asked.values("format", "output") or [None])[-1]
    if not queries:
        return await run_in_threadpool(_describe, service, asked, chosen_format)
    if chosen_format and negotiation.by_parameter(chosen_format, (HTML_OFFER,)):
        return await run_in_threadpool(_page, service, asked, queries[0])
    query = queries[0]
    if not query.strip():
        raise QueryError("the query is empty")
    screened = screen(query)
    if screened.form in ("select", "ask"):
        offers, what = RESULT_OFFERS, f"{screened.form.upper()} answers"
    elif screened.form in ("construct", "describe"):
        offers, what = GRAPH_OFFERS, f"{screened.form.upper()} answers"
    else:
        offers, what = RESULT_OFFERS + GRAPH_OFFERS, "answers"
    try:
        offer = _pick(asked, offers, chosen_format, what)
    except HTTPException:
        if screened.form is not None:
            raise
        # No known form: almost surely malformed, and the syntax error helps more than a 406.
        await service.execute_async(query, "json")
        raise
    default_graphs = _graph_iris(asked.values("default-graph-uri"), "default-graph-uri")
    named_graphs = _graph_iris(asked.values("named-graph-uri"), "named-graph-uri")
    if default_graphs is not None or named_graphs is not None:
        default_graphs, named_graphs = default_graphs or (), named_graphs or ()

    service.version.refresh()
    tag = _etag(
        service.version.version,
        offer.name,
        query,
        default_graphs,
        named_graphs,
        service.settings.max_results,
        service.settings.base,
    )
    headers = _cache_headers(service.settings, tag)
    if _not_modified(asked, tag):
        return Response(status_code=304, headers=headers)
    answer = await service.execute_async(
        query,
        offer.name,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        prefixes=tuple(screened.prefixes.items()),
    )
    if answer.count is not None:
        headers["X-Result-Count"] = str(answer.count)
        headers["X-Result-Truncated"] = "true" if answer.truncated else "false"
        if answer.truncated:
            headers["X-Result-Limit"] = str(service.settings.max_results)
    return _data(asked, answer.body, answer.media_type, headers)


def _describe(service: SparqlService, asked: Asked, chosen_format: str | None) -> Response:
    """The Service Description, or the query form for a browser."""
    offer = _pick(asked, GRAPH_OFFERS + (HTML_OFFER,), chosen_format, "the service description")
    settings = service.settings
    if offer.name == negotiation.HTML:
        return _page(service, asked, None)
    service.version.refresh()
    meta = service.version.meta
    limits = (settings.query_timeout, settings.max_results, settings.max_request_bytes, settings.base)
    tag = _etag(service.version.version, offer.name, "", None, None, asked.endpoint, limits)
    headers = _cache_headers(settings, tag)
    if _not_modified(asked, tag):
        return Response(status_code=304, headers=headers)
    quads = service_description(settings, asked.endpoint, meta, service.named_graph_names())
    fmt = formats.by_name(offer.name)
    assert fmt is not None
    prefixes = PREFIXES if offer.name in _PREFIXED_FORMATS else None
    body = ox.serialize(quads, format=fmt.oxigraph, prefixes=prefixes)
    return _data(asked, body, fmt.media_type, headers)


def _page(service: SparqlService, asked: Asked, query: str | None) -> Response:
    """The query page for people (``service.query_page``): editor, examples, answer as a table."""
    site = Site(settings=service.settings, sparql=service)
    body, status = query_page.page(site, asked.endpoint, query)
    if status != 200:
        return Response(body, status, {"Cache-Control": "no-store"}, media_type="text/html; charset=utf-8")
    return _data(asked, body.encode("utf-8"), "text/html", {"Vary": "Accept", "Cache-Control": "no-store"})


def _pick(asked: Asked, offers: tuple[Offer, ...], chosen: str | None, what: str) -> Offer:
    """The format to answer in: ``format=`` first, else ``Accept``; 406 naming what exists."""
    if chosen:
        offer = negotiation.by_parameter(chosen, offers)
        if offer is not None:
            return offer
        everything = RESULT_OFFERS + GRAPH_OFFERS + (HTML_OFFER,)
        if negotiation.by_parameter(chosen, everything) is None:
            names = ", ".join(o.name for o in everything)
            raise QueryError(f"unknown format {chosen!r}: use one of {names} or a media type")
        raise HTTPException(
            406, f"{what} cannot be given as {chosen!r}; available: {negotiation.describe(offers)}"
        )
    offer = negotiation.choose(asked.accept, offers)
    if offer is None:
        raise HTTPException(
            406,
            f"{what} cannot be given as {asked.accept!r}; available: {negotiation.describe(offers)}",
        )
    return offer


def _graph_iris(values: list[str], name: str) -> tuple[str, ...] | None:
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as error:
            raise QueryError(f"{name}: {value!r} is not an absolute IRI ({error})") from None
    return tuple(values)


def _etag(*parts: object) -> str:
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f'W/"{digest}"'


def _cache_headers(settings: Settings, tag: str) -> dict[str, str]:
    return {
        "ETag": tag,
        "Cache-Control": f"public, max-age={settings.cache_max_age}",
        "Vary": "Accept",
    }


def _not_modified(asked: Asked, tag: str) -> bool:
    """If-None-Match (weak comparison) on a GET or HEAD."""
    if asked.method not in ("GET", "HEAD") or not asked.if_none_match:
        return False
    wanted = {value.strip().removeprefix("W/") for value in asked.if_none_match.split(",")}
    return "*" in wanted or tag.removeprefix("W/") in wanted


def _data(asked: Asked, body: bytes, media_type: str, headers: dict[str, str]) -> Response:
    """The response; for HEAD the same headers (Content-Length included) and no body."""
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    if asked.method == "HEAD":
        headers = {**headers, "Content-Length": str(len(body))}
        return Response(b"", 200, headers, media_type=media_type)
    return Response(body, 200, headers, media_type=media_type)


def _service(request: Request) -> SparqlService:
    return request.app.state.sparql


def _parse_params(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=1000
        )
    except UnicodeDecodeError:
        raise QueryError("the parameters are not valid percent-encoded UTF-8") from None
    except ValueError as error:
        raise QueryError(f"malformed parameters: {error}") from None


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media_type.strip().lower(), charset


def _decode(body: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise HTTPException(415, f"unknown charset {charset!r}") from None
    try:
        return body.decode(charset)
    except UnicodeDecodeError as error:
        raise QueryError(f"the request body is not valid {charset}: {error}") from None


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it exceeds ``limit`` bytes (declared or streamed)."""
    too_large = HTTPException(413, f"the request is larger than the {limit}-byte limit")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
