"""One query on one store, answered as bytes: what a worker process does with each ``Job``.

The answer is serialised here, in the worker, because serialising a large answer is work the
deadline must bound too; and cut here at ``max_results`` rows or triples. Serialisation is
pyoxigraph's own, for every format. An external store's answer, parsed by pyoxigraph as it streams
in (``service.remote``), goes through the same ``answer``: the same bytes, cut at the same place.
"""

from __future__ import annotations

import itertools
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


def _tsv_term(term: object) -> str:
    """A term as SPARQL TSV writes it (its N-Triples form; triple terms in RDF 1.2 syntax)."""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    return str(term)


def _solutions(result: ox.QuerySolutions, fmt: formats.Format, limit: int) -> Answer:
    """Serialise at most ``limit`` rows.

    pyoxigraph serialises a whole iterator or nothing; to cut one, the first rows are written as
    SPARQL TSV (each term in pyoxigraph's own N-Triples form), parsed back by pyoxigraph and
    serialised by it in the asked format — exact for every term, and still pyoxigraph's writers.
    """
    variables = result.variables
    rows = list(itertools.islice(result, limit + 1))
    truncated = len(rows) > limit
    rows = rows[:limit]
    lines = ["\t".join(str(variable) for variable in variables)]
    for row in rows:
        cells = (row[variable] for variable in variables)
        lines.append("\t".join("" if cell is None else _tsv_term(cell) for cell in cells))
    cut = ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)
    return Answer(cut.serialize(format=fmt.oxigraph), fmt.media_type, "solutions", len(rows), truncated)


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
