"""The query page people use: ``GET /sparql`` in a browser (and ``format=html`` with a query).

An editor prefilled with the query (or the first example), the ten example questions of
``kg/queries`` one click away, the answer as a table whose IRIs link to their pages under their
labels, the limits in plain words ("cut at N rows", the timeout), and a download link for the same
answer in every format that fits it. The query runs like any other: in a worker, through the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import KGError
from kg.examples import Example, examples
from service.describe import labels_of
from service.errors import status_of
from service.negotiation import GRAPH_OFFERS, RESULT_OFFERS
from service.screening import screen
from service.site import Site
from service.views import Linker, Value

SHOWN = 1000
"""Rows a page shows; the downloads hold the whole answer."""
_TITLES = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV", "turtle": "Turtle",
           "ntriples": "N-Triples", "rdfxml": "RDF/XML", "jsonld": "JSON-LD", "trig": "TriG",
           "nquads": "N-Quads"}


@dataclass
class Results:
    kind: str
    """``table`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT, DESCRIBE, as triples)."""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Value | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    """The endpoint's result limit cut the answer."""
    total: int = 0
    """Rows (or triples) in the answer; the page shows at most ``SHOWN`` of them."""
    downloads: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Failure:
    status: int
    message: str


def editor_href(query: str) -> str:
    """The query page with ``query`` in the editor and its answer below ("show the SPARQL")."""
    return "/sparql?" + urlencode({"query": query, "format": "html"})


def run(site: Site, query: str, endpoint: str = "/sparql") -> Results:
    """Evaluate ``query`` for a page; raises ``KGError`` as ``/sparql`` would."""
    form = screen(query).form
    if form in ("construct", "describe"):
        answer = site.graph(query, "ntriples")
        triples = list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
        cells = [[t.subject, t.predicate, t.object] for t in triples]
        results = Results("graph", ["subject", "predicate", "object"], truncated=answer.truncated)
        offers = GRAPH_OFFERS
    else:
        answer = site.sparql.execute(query, "json")
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        offers = RESULT_OFFERS
        if isinstance(solutions, ox.QueryBoolean):
            results = Results("boolean", boolean=bool(solutions))
            cells = []
        else:
            columns = [v.value for v in solutions.variables]
            cells = [[row[c] for c in columns] for row in solutions]
            results = Results("table", columns, truncated=answer.truncated)
    results.total = len(cells)
    cells = cells[:SHOWN]
    iris = {t.value for row in cells for t in row if isinstance(t, ox.NamedNode)}
    linker = Linker(site.base, labels_of(site, iris))
    results.rows = [[None if t is None else linker.value(t) for t in row] for row in cells]
    results.downloads = [
        {"href": f"{endpoint}?" + urlencode({"query": query, "format": o.name}),
         "title": _TITLES.get(o.name, o.name), "media_type": o.media_type}
        for o in offers
    ]
    return results


def page(site: Site, endpoint: str, query: str | None) -> tuple[str, int]:
    """The query page (and its status: that of the failure when the query failed)."""
    from service.pages import render_page  # pages imports this module for the example pages

    chosen = query if query is not None else examples()[0].sparql
    results, failure = None, None
    if query is not None and query.strip():
        try:
            results = run(site, query, endpoint)
        except KGError as error:
            failure = Failure(status_of(error), str(error))
    status = failure.status if failure else 200
    body = render_page(
        site,
        "sparql.html",
        title="Query",
        endpoint=endpoint,
        editor=chosen,
        examples=[example_link(e) for e in examples()],
        results=results,
        failure=failure,
        settings=site.settings,
        result_formats=RESULT_OFFERS,
        graph_formats=GRAPH_OFFERS,
        alternates=[{"href": f"{endpoint}?format=turtle", "media_type": "text/turtle",
                     "title": "Service Description"}],
    )
    return body, status


def example_link(example: Example) -> dict[str, str]:
    return {
        "name": example.name,
        "title": example.title,
        "description": example.description,
        "run": editor_href(example.sparql),
        "page": f"/queries/{example.name}",
    }

