"""The ontology as data (the ``{base}graph/ontology`` graph) and as documentation made by pyLODE.

The documentation is generated from the very graph the service serves, once per graph version, so
it never drifts from the data. pyLODE names its anchors after labels ("Meeting status" gives
``#Meetingstatus``); the mg: namespace is a hash namespace, so each anchor is renamed to the term's
local name — ``https://w3id.org/meetgraph/ontology#MeetingStatus`` is documented at
``/ontology#MeetingStatus`` — and the terms pyLODE leaves out (named individuals) get a section.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import pyoxigraph as ox

from service.site import Site
from service.templating import render
from service.terms import LABEL, MG, RDF_TYPE, RDFS, curie, prefixes, sparql_iri


@dataclass(frozen=True)
class Term:
    local: str
    label: str
    comment: str
    types: tuple[str, ...]


def graph_query(site: Site) -> str:
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {sparql_iri(site.base + 'graph/ontology')} {{ ?s ?p ?o }} }}"


def ontology_triples(site: Site) -> list[ox.Triple]:
    """The ontology graph as served (N-Triples from the workers, parsed here)."""
    answer = site.graph(graph_query(site), "ntriples")
    return list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))


def terms(triples: list[ox.Triple]) -> dict[str, Term]:
    """Every ``mg:`` term the ontology types, by local name."""
    found: dict[str, dict] = {}
    for triple in triples:
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(MG):
            continue
        local = subject.value[len(MG):]
        entry = found.setdefault(local, {"label": "", "comment": "", "types": set()})
        predicate, value = triple.predicate.value, triple.object
        if predicate == RDF_TYPE:
            entry["types"].add(curie(value.value))
        elif predicate == LABEL and isinstance(value, ox.Literal):
            entry["label"] = entry["label"] or value.value
        elif predicate == RDFS + "comment" and isinstance(value, ox.Literal):
            entry["comment"] = entry["comment"] or value.value
    return {
        local: Term(local, e["label"], e["comment"], tuple(sorted(e["types"])))
        for local, e in sorted(found.items())
        if local and e["types"]
    }


def documentation(site: Site) -> str:
    """The HTML documentation of the served ontology (pyLODE), cached per graph version."""
    return site.memo("ontology-html", lambda: _generate(site))


def _generate(site: Site) -> str:
    triples = ontology_triples(site)
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes(site.base))
    html, fids = _pylode(turtle.decode("utf-8"))
    return finish(html, fids, terms(triples), site.footer())


def _pylode(turtle: str) -> tuple[str, dict[str, str]]:
    """pyLODE's page and its anchor of each term (imported on first use, never at start-up).

    pyLODE configures logging for the whole process — ``basicConfig(level=DEBUG)`` when imported,
    root-logger calls later — whenever the root logger has no handler; a temporary one keeps the
    service's logging as it was.
    """
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)
    try:
        from pylode import OntPub

        publisher = OntPub(turtle, sort_subjects=True)
        html = publisher.make_html()
    finally:
        root.removeHandler(guard)
    return html, dict(publisher.fids)


def finish(html: str, fids: dict[str, str], known: dict[str, Term], footer: dict) -> str:
    """pyLODE's page with anchors named after local names, the missing terms, our header/footer."""
    ids = set(re.findall(r'\bid="([^"]*)"', html))
    for iri, fid in fids.items():
        if not iri.startswith(MG):
            continue
        local = iri[len(MG):]
        if fid != local and local not in ids:
            html = html.replace(f'id="{fid}"', f'id="{local}"').replace(f'href="#{fid}"', f'href="#{local}"')
            ids.discard(fid)
            ids.add(local)
    missing = [term for local, term in known.items() if local not in ids]
    if missing:
        extra = render("ontology_extra.html", terms=missing)
        html = _insert_before(html, '<div id="namespaces">', extra)
    html = html.replace("<html>", '<html lang="en">', 1)
    head = render("ontology_head.html")
    html = _insert_before(html, "</head>", head)
    bar = render("ontology_bar.html")
    html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + bar, html, count=1)
    return _insert_before(html, "</body>", render("ontology_footer.html", footer=footer))


def _insert_before(html: str, marker: str, snippet: str) -> str:
    index = html.find(marker)
    if index < 0:
        index = html.rfind("</body>")
    return html[:index] + snippet + html[index:]
