"""The HTTP client of an external store (``KG_STORE``): SPARQL 1.1 Protocol and Graph Store Protocol.

One place knows how to talk to Oxigraph server, Fuseki, Virtuoso, GraphDB or Neptune, so that
``kg.publish`` (writing), ``kg query`` and the service (reading) share the URLs, the
authentication, and the translation of every failure into one line naming the URL and the HTTP
status — never a traceback.

Answers are parsed by pyoxigraph while they stream in, so that a caller which only wants the first
``max_results`` rows stops reading there, and the deadline bounds the whole answer, not each read.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg import formats
from kg.errors import QueryError, QueryTimeout, RemoteStoreError, StoreUnreachable
from kg.settings import Settings

NO_GSP = "none"
"""``KG_STORE_GSP=none``: the store has no Graph Store Protocol; SPARQL Update does everything."""

ANSWER_ACCEPT = (
    "application/sparql-results+json, application/n-triples, "
    "application/sparql-results+xml;q=0.9, text/turtle;q=0.9, application/rdf+xml;q=0.5"
)
"""Every answer form in formats pyoxigraph parses exactly (SPARQL CSV is lossy): the store picks
by the query's form, and the caller re-serialises in whatever its own client asked for."""
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
UPLOAD_TYPE = "text/turtle"
"""Graphs are sent as N-Triples, which is Turtle: every Graph Store implementation reads Turtle."""
_MESSAGE_CHARS = 500
_OLD_MEDIA_TYPES = {"text/plain": "ntriples", "application/x-turtle": "turtle"}
"""What some stores (Virtuoso) still call N-Triples and Turtle."""


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None
    """None: no Graph Store Protocol (``kg.publish`` falls back to SPARQL Update)."""


def endpoints(settings: Settings) -> Endpoints:
    """The three URLs, each given or derived from ``KG_STORE`` by the layout of known servers.

    ================================  ==========================  =================================
    ``KG_STORE`` (path)               update                      Graph Store Protocol
    ================================  ==========================  =================================
    ``/repositories/{id}`` (GraphDB)  ``…/{id}/statements``       ``…/{id}/rdf-graphs/service``
    ``/query`` (Oxigraph server)      ``/update``                 ``/store``
    ``/{ds}/sparql``, ``/{ds}/query`` ``/{ds}/update``            ``/{ds}/data`` (Fuseki)
    anything else (``/sparql``)       the same URL                none: SPARQL Update
    ================================  ==========================  =================================
    """
    query = settings.store
    if query is None:
        raise RemoteStoreError("no external store is configured (KG_STORE)")
    parts = urlsplit(query)
    segments = parts.path.rstrip("/").split("/")

    def sibling(*names: str, keep: int = 1) -> str:
        path = "/".join(segments[: len(segments) - keep] + list(names))
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))

    if len(segments) >= 2 and segments[-2] == "repositories":
        update, gsp = sibling("statements", keep=0), sibling("rdf-graphs", "service", keep=0)
    elif segments == ["", "query"]:
        update, gsp = sibling("update"), sibling("store")
    elif len(segments) == 3 and segments[2] in ("sparql", "query"):
        update, gsp = sibling("update"), sibling("data")
    else:
        update, gsp = query, None
    if settings.store_update:
        update = settings.store_update
    if settings.store_gsp:
        gsp = None if settings.store_gsp.lower() == NO_GSP else settings.store_gsp
    return Endpoints(query, update, gsp)


class Triples:
    """A CONSTRUCT or DESCRIBE answer read from a store: triples, as ``ox.QueryTriples`` offers them."""

    def __init__(self, triples: Iterator[ox.Triple]) -> None:
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples

    def serialize(self, format: ox.RdfFormat) -> bytes:  # noqa: A002 (pyoxigraph's name)
        return ox.serialize(list(self._triples), format=format)


Result = ox.QuerySolutions | ox.QueryBoolean | Triples


class RemoteStore:
    """An HTTP connection pool to one external store; thread-safe, close it when done."""

    def __init__(self, settings: Settings, connections: int = 4, timeout: float = 60.0) -> None:
        self.urls = endpoints(settings)
        auth = None
        if settings.store_user:
            password = settings.store_password.get_secret_value() if settings.store_password else ""
            auth = httpx.BasicAuth(settings.store_user, password)
        self._client = httpx.Client(
            auth=auth,
            timeout=timeout,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
            headers={"User-Agent": "meetgraph"},
        )
        self._timeout = timeout

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading --

    @contextmanager
    def query(
        self,
        sparql: str,
        timeout: float,
        default_graphs: tuple[str, ...] | None = None,
        named_graphs: tuple[str, ...] | None = None,
    ) -> Iterator[Result]:
        """POST ``sparql`` to the query endpoint; yield its answer, parsed as it streams in.

        Raises ``QueryError`` (the store refused the query: its message, e.g. a syntax error),
        ``QueryTimeout`` (no whole answer within ``timeout`` seconds), ``StoreUnreachable`` and
        ``RemoteStoreError``.
        """
        form: dict[str, str | list[str]] = {"query": sparql}
        if default_graphs:
            form["default-graph-uri"] = list(default_graphs)
        if named_graphs:
            form["named-graph-uri"] = list(named_graphs)
        url = self.urls.query
        deadline = time.monotonic() + timeout
        request = self._client.build_request(
            "POST", url, data=form, headers={"Accept": ANSWER_ACCEPT}, timeout=timeout
        )
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise _timeout(url, timeout) from None
        except httpx.HTTPError as error:
            raise _unreachable("POST", url, error) from None
        try:
            if response.status_code == 400:
                raise QueryError(_body_text(response) or f"{url} refused the query (HTTP 400)")
            _check("POST", url, response)
            stream = _Stream(response, url, deadline, timeout)
            try:
                yield _parse_answer(stream, response.headers.get("content-type", ""), url)
            except SyntaxError as error:  # the store's answer, not the client's query
                raise RemoteStoreError(f"POST {url}: unreadable answer ({error})") from None
        finally:
            response.close()

    def graph(self, graph: str | None) -> list[ox.Triple]:
        """A graph's triples (the default graph for None); a graph the store lacks is empty."""
        if self.urls.gsp is None:
            where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
            with self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", self._timeout) as answer:
                return list(answer)  # type: ignore[arg-type]
        url = self.urls.gsp
        response = self._send("GET", url, params=_graph_param(graph), headers={"Accept": GRAPH_ACCEPT}, missing_ok=True)
        if response.status_code == 404:
            return []
        media_type = response.headers.get("content-type", "")
        fmt = _format(media_type)
        if fmt is None or fmt.kind == "results":
            raise RemoteStoreError(f"GET {url}: a graph came as {media_type or 'no Content-Type'}")
        try:
            return [_triple(quad) for quad in ox.parse(response.content, format=fmt.oxigraph)]
        except SyntaxError as error:
            raise RemoteStoreError(f"GET {url}: unreadable graph ({error})") from None

    def graph_names(self, prefix: str) -> list[str]:
        """The store's non-empty named graphs whose IRI starts with ``prefix`` (a triple pattern,
        not ``GRAPH ?g {}``, which not every store answers)."""
        literal = prefix.replace("\\", "\\\\").replace('"', '\\"')
        sparql = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{literal}")) }}'
        )
        with self.query(sparql, self._timeout) as answer:
            if not isinstance(answer, ox.QuerySolutions):
                raise RemoteStoreError(f"POST {self.urls.query}: the list of graphs is not a table")
            return sorted(row["g"].value for row in answer if isinstance(row["g"], ox.NamedNode))

    # -- writing --

    def put_graph(self, graph: str | None, ntriples: bytes) -> None:
        """Replace a graph (the default graph for None) with ``ntriples``."""
        if self.urls.gsp is None:
            target = f"GRAPH <{graph}>" if graph else "DEFAULT"
            inner = ntriples.decode("utf-8")
            insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n{inner}}} }}" if graph else f"INSERT DATA {{\n{inner}}}"
            self.update(f"DROP SILENT {target} ;\n{insert}" if inner.strip() else f"DROP SILENT {target}")
            return
        self._send("PUT", self.urls.gsp, params=_graph_param(graph), content=ntriples,
                   headers={"Content-Type": UPLOAD_TYPE})

    def delete_graph(self, graph: str) -> None:
        """Remove a named graph; one the store lacks is no error."""
        if self.urls.gsp is None:
            self.update(f"DROP SILENT GRAPH <{graph}>")
            return
        self._send("DELETE", self.urls.gsp, params=_graph_param(graph), missing_ok=True)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (``application/sparql-update``) on the update endpoint."""
        self._send("POST", self.urls.update, content=sparql.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"})

    def _send(self, method: str, url: str, missing_ok: bool = False, **kwargs) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise RemoteStoreError(f"{method} {url}: no answer within {self._timeout:g} s") from None
        except httpx.HTTPError as error:
            raise _unreachable(method, url, error) from None
        if not (missing_ok and response.status_code == 404):
            _check(method, url, response)
        return response


class _Stream(io.RawIOBase):
    """A streaming response as a file for pyoxigraph's parsers, stopped at the deadline."""

    def __init__(self, response: httpx.Response, url: str, deadline: float, timeout: float) -> None:
        super().__init__()
        self._chunks = response.iter_bytes()
        self._pending = b""
        self._url, self._deadline, self._timeout = url, deadline, timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if not self._pending:
            if time.monotonic() > self._deadline:
                raise _timeout(self._url, self._timeout)
            try:
                self._pending = next(self._chunks, b"")
            except httpx.TimeoutException:
                raise _timeout(self._url, self._timeout) from None
            except httpx.HTTPError as error:
                raise RemoteStoreError(f"POST {self._url}: the answer broke off ({error})") from None
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _format(media_type: str) -> formats.Format | None:
    bare = media_type.split(";")[0].strip().lower()
    return formats.by_name(_OLD_MEDIA_TYPES[bare]) if bare in _OLD_MEDIA_TYPES else formats.by_media_type(bare)


def _parse_answer(stream: _Stream, media_type: str, url: str) -> Result:
    fmt = _format(media_type)
    if fmt is None or fmt.name == "csv":
        raise RemoteStoreError(f"POST {url}: answered as {media_type or 'no Content-Type'}, which cannot be read")
    if fmt.kind == "results":
        return ox.parse_query_results(stream, format=fmt.oxigraph)
    return Triples(_triple(quad) for quad in ox.parse(stream, format=fmt.oxigraph))


def _triple(quad: ox.Quad | ox.Triple) -> ox.Triple:
    return quad.triple if isinstance(quad, ox.Quad) else quad


def _graph_param(graph: str | None) -> dict[str, str]:
    return {"graph": graph} if graph else {"default": ""}


def _check(method: str, url: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    detail = _body_text(response)
    raise RemoteStoreError(
        f"{method} {url}: HTTP {response.status_code} {response.reason_phrase}"
        + (f": {detail}" if detail else "")
    )


def _body_text(response: httpx.Response) -> str:
    """The first ``_MESSAGE_CHARS`` characters of an error body, on one line."""
    try:
        response.read()
        text = response.text
    except (httpx.HTTPError, UnicodeDecodeError):
        return ""
    text = " ".join(text.split())
    return text[:_MESSAGE_CHARS] + ("…" if len(text) > _MESSAGE_CHARS else "")


def _unreachable(method: str, url: str, error: httpx.HTTPError) -> StoreUnreachable:
    reason = str(error) or type(error).__name__
    return StoreUnreachable(f"{method} {url}: the store cannot be reached ({reason})")


def _timeout(url: str, timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"the store at {url} gave no whole answer within the {timeout:g} s limit; "
        "narrow the query (a LIMIT, fewer optional parts, a more selective pattern)"
    )
