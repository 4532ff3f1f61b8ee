"""One query on one store, answered as bytes: what a worker process does with each ``Job``.

The answer is serialised here, in the worker, because serialising a large answer is work the
deadline must bound too; and cut here at ``max_results`` rows or triples. Serialisation is
pyoxigraph's own, for every format. An external store's answer, parsed by pyoxigraph as it streams
in (``service.remote``), goes through the same ``answer``: the same bytes, cut at the same place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from kg import formats


@dataclass(frozen=True)
class Job:
    """One query to evaluate, with everything the worker needs to answer it."""

    query: str
    format_name: str
    """A ``kg.formats`` name; its kind must suit the query form."""
    max_results: int
    generation: int
    """The dataset generation the answer is for; a worker reopens its store when it changes."""
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    base_iri: str | None = None


@dataclass(frozen=True)
class Answer:
    """A serialised answer, and how much of it there is."""

    body: bytes
    media_type: str
    kind: str
    """``solutions``, ``boolean`` or ``graph``."""
    count: int | None
    """Rows or triples in ``body``; None for a boolean."""
    truncated: bool


class Runner(Protocol):
    """What evaluates jobs for the service: worker processes on the local store
    (``service.executor.WorkerPool``) or an external store (``service.remote.RemotePool``)."""

    size: int

    def start(self) -> None: ...

    def close(self) -> None: ...

    def run(self, job: Job, timeout: float) -> Answer:
        """The answer within ``timeout`` seconds, or a ``KGError`` the service maps to a status."""
        ...

    async def run_async(self, job: Job, timeout: float) -> Answer:
        """``run`` awaited on the event loop."""
        ...


def evaluate(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` on ``store`` and serialise its answer, cut at ``job.max_results``.

    Raises what pyoxigraph raises: ``SyntaxError`` for a malformed query, ``ValueError`` (also for
    a format that does not suit the query form), ``RuntimeError``, ``OSError``.
    """
    return answer(store.query(job.query, base_iri=job.base_iri, **_dataset_arguments(job)), job)


def answer(result: object, job: Job) -> Answer:
    """Serialise an evaluated query (``QueryBoolean``, ``QuerySolutions``, else an iterable of
    triples) as ``job`` asks, cut at ``job.max_results``; ``ValueError`` when the format does not
    suit the query form."""
    fmt = formats.by_name(job.format_name)
    if fmt is None:
        raise ValueError(f"unknown format {job.format_name!r}")
    if isinstance(result, ox.QueryBoolean):
        if fmt.kind != "results":
            raise ValueError("an ASK query answers true or false: ask for a SPARQL results format")
        return Answer(result.serialize(format=fmt.oxigraph), fmt.media_type, "boolean", None, False)
    if isinstance(result, ox.QuerySolutions):
        if fmt.kind != "results":
            raise ValueError("a SELECT query answers a table: ask for a SPARQL results format")
        return _solutions(result, fmt, job.max_results)
    if fmt.kind == "results":
        raise ValueError("a CONSTRUCT or DESCRIBE query answers a graph: ask for an RDF format")
    return _triples(result, fmt, job)


def _dataset_arguments(job: Job) -> dict:
    """The protocol's graph IRIs if given (SPARQL 1.1 Protocol §2.1.4), else the query's own FROM,
    else the store's default graph — which ``kg.store`` fills with the union of the named graphs."""
    if job.default_graphs is None and job.named_graphs is None:
        return {}
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or ()],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
    }


class _Enough(Exception):
    """Raised into pyoxigraph's writer to stop serialising once one row past the limit is written."""


class _RowSink:
    """A file-like sink for pyoxigraph's SPARQL TSV writer that keeps at most ``limit`` rows and
    notices whether there was one more. TSV holds one solution per line (newlines inside values are
    escaped), after one header line."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[bytes] = []
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.lines += data.count(b"\n")
        if self.lines > self.limit + 1:  # header + limit rows + at least one more
            raise _Enough
        return len(data)

    def flush(self) -> None:
        pass

    def cut(self) -> tuple[bytes, int, bool]:
        """(TSV of the kept rows, how many rows, whether rows were dropped)."""
        text = b"".join(self.chunks)
        rows = text.count(b"\n") - 1
        if rows <= self.limit:
            return text, max(rows, 0), False
        end = -1
        for _ in range(self.limit + 1):
            end = text.index(b"\n", end + 1)
        return text[: end + 1], self.limit, True


def _solutions(result: ox.QuerySolutions, fmt: formats.Format, limit: int) -> Answer:
    """Serialise at most ``limit`` rows.

    pyoxigraph serialises a whole iterator or nothing; to cut one, its own TSV writer streams into
    a sink that stops it one row past the limit, and the kept rows are parsed back by pyoxigraph
    and written in the asked format (TSV is exact for every term, and both steps run in Rust).
    """
    sink = _RowSink(limit)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except _Enough:
        pass
    tsv, rows, truncated = sink.cut()
    if fmt.oxigraph == ox.QueryResultsFormat.TSV:
        body = tsv
    else:
        body = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt.oxigraph)
    return Answer(body, fmt.media_type, "solutions", rows, truncated)


def _triples(result: Iterable[ox.Triple], fmt: formats.Format, job: Job) -> Answer:
    """Serialise at most ``job.max_results`` distinct triples (a graph is a set)."""
    graph: dict[ox.Triple, None] = {}
    truncated = False
    for triple in result:
        if triple in graph:
            continue
        if len(graph) == job.max_results:
            truncated = True
            break
        graph[triple] = None
    items: list = list(graph)
    if fmt.kind == "dataset":
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items]
    prefixes = None
    if fmt.oxigraph in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        prefixes = {name: iri for name, iri in job.prefixes if _absolute(iri)} or None
    body = ox.serialize(items, format=fmt.oxigraph, prefixes=prefixes)
    return Answer(body, fmt.media_type, "graph", len(items), truncated)


def _absolute(iri: str) -> bool:
    """Only absolute IRIs make prefixes (a query's relative ``PREFIX`` IRIs are resolved by it)."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
