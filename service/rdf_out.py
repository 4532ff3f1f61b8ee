"""Triples and quads → bytes in any RDF format of ``kg.formats``, JSON-LD with a short-key context.

pyoxigraph writes Turtle, N-Triples, RDF/XML, TriG and N-Quads (with the prefixes of
``service.terms``). JSON-LD is compacted by rdflib against a context generated from the ontology
graph itself — ``"participant"`` for ``mg:participant`` (its values coerced to IRIs when the term
is an object property), ``"label"`` (English labels as plain strings; others keep their tag
under ``"rdfs:label"``), ``"type"``, ``"id"`` — so it never drifts from the vocabulary.
The context is embedded in each document: a consumer needs no second request to read it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg import formats
from service.site import Site
from service.terms import MG, NAMESPACES, OWL, RDF_TYPE, prefixes, sparql_iri

_OBJECT_PROPERTY = OWL + "ObjectProperty"
_PROPERTIES = {OWL + "DatatypeProperty", OWL + "AnnotationProperty", OWL + "ObjectProperty"}
_PREFIXED = {"turtle", "trig", "rdfxml"}

BASE_TERMS: dict[str, object] = {
    "id": "@id",
    "type": "@type",
    "label": {"@id": "rdfs:label", "@language": "en"},
    "altLabel": {"@id": "skos:altLabel", "@language": "en"},
    "comment": {"@id": "rdfs:comment", "@language": "en"},
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
}


def jsonld_context(site: Site) -> dict[str, object]:
    """The JSON-LD context of this graph version: prefixes, base terms, one term per ``mg:`` term."""
    return site.memo("jsonld-context", lambda: _build_context(site))


def _build_context(site: Site) -> dict[str, object]:
    graph = sparql_iri(site.base + "graph/ontology")
    rows = site.select(f"SELECT ?t ?type WHERE {{ GRAPH {graph} {{ ?t <{RDF_TYPE}> ?type }} }}")
    types: dict[str, set[str]] = {}
    for row in rows:
        term = row["t"]
        if isinstance(term, ox.NamedNode) and term.value.startswith(MG):
            types.setdefault(term.value[len(MG):], set()).add(row["type"].value)
    context: dict[str, object] = dict(NAMESPACES)
    context.update(BASE_TERMS)
    for local, kinds in sorted(types.items()):
        if not local or local in context:
            continue
        if _OBJECT_PROPERTY in kinds:
            context[local] = {"@id": f"mg:{local}", "@type": "@id"}
        elif kinds & _PROPERTIES:
            context[local] = {"@id": f"mg:{local}"}
        else:
            context[local] = f"mg:{local}"
    return context


def serialize_triples(site: Site, triples: Iterable[ox.Triple], format_name: str) -> bytes:
    """Triples in a graph format (``turtle``, ``ntriples``, ``rdfxml``, ``jsonld``)."""
    triples = list(triples)
    if format_name == "jsonld":
        return to_jsonld(triples, jsonld_context(site))
    fmt = formats.by_name(format_name)
    assert fmt is not None and fmt.kind == "graph", format_name
    chosen = prefixes(site.base) if format_name in _PREFIXED else None
    return ox.serialize(triples, format=fmt.oxigraph, prefixes=chosen)


def serialize_quads(site: Site, quads: Iterable[ox.Quad], format_name: str) -> bytes:
    """Quads in a dataset format (``trig``, ``nquads``)."""
    fmt = formats.by_name(format_name)
    assert fmt is not None and fmt.kind == "dataset", format_name
    ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q)))
    chosen = prefixes(site.base) if format_name in _PREFIXED else None
    return ox.serialize(ordered, format=fmt.oxigraph, prefixes=chosen)


def to_jsonld(triples: list[ox.Triple], context: dict[str, object]) -> bytes:
    """Compact JSON-LD of ``triples`` under ``context`` (embedded), one node object per subject."""
    import rdflib  # the service's only use of rdflib: its JSON-LD compaction

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    text = graph.serialize(format="json-ld", context=context, auto_compact=True, indent=1)
    return text.encode("utf-8")
