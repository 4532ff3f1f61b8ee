"""The SPARQL 1.1 Service Description of ``/sparql``: what it speaks, what it holds, its limits.

A client that GETs the endpoint with no query reads here which result formats exist (as the W3C
format IRIs), that the default graph is the union of the named graphs, that the data is closed
under OWL 2 RL, where the VoID description is, and the limits it must live with — the timeout, the
result cap and the request size, as ``mg:`` properties described in the same document.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from kg.settings import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
MG = "https://w3id.org/meetgraph/ontology#"
VOID = "http://rdfs.org/ns/void#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "sd": SD,
    "formats": FORMATS,
    "mg": MG,
    "void": VOID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
}

W3C_FORMAT = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "rdfxml": "RDF_XML",
    "jsonld": "JSON-LD",
    "trig": "TriG",
    "nquads": "N-Quads",
}
"""``kg.formats`` name → local name of its IRI in http://www.w3.org/ns/formats/."""

LIMIT_TERMS = {
    "queryTimeout": (
        "query timeout",
        "Seconds a query may run on this endpoint before it is stopped and answered 504.",
        XSD + "decimal",
    ),
    "maxResults": (
        "maximum results",
        "Rows (or triples) an answer may hold; a longer answer is cut and carries the HTTP header "
        "X-Result-Truncated: true.",
        XSD + "integer",
    ),
    "maxRequestBytes": (
        "maximum request size",
        "Bytes a request (its URL or its body) may hold; a larger one is answered 413.",
        XSD + "integer",
    ),
}


def service_description(
    settings: Settings, endpoint: str, meta: dict, named_graphs: Iterable[str]
) -> list[ox.Quad]:
    """The description as quads in the default graph, ready for ``pyoxigraph.serialize``."""
    quads: list[ox.Quad] = []

    def add(subject: ox.NamedNode | ox.BlankNode, predicate: str, obj: object) -> None:
        quads.append(ox.Quad(subject, ox.NamedNode(predicate), obj, ox.DefaultGraph()))

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    service = iri(endpoint + "#service")
    add(service, RDF + "type", iri(SD + "Service"))
    add(service, SD + "endpoint", iri(endpoint))
    add(service, SD + "supportedLanguage", iri(SD + "SPARQL11Query"))
    for local in W3C_FORMAT.values():
        add(service, SD + "resultFormat", iri(FORMATS + local))
    add(service, SD + "feature", iri(SD + "UnionDefaultGraph"))
    add(service, SD + "defaultEntailmentRegime", iri("http://www.w3.org/ns/entailment/OWL-RDF-Based"))
    add(service, SD + "defaultSupportedEntailmentProfile", iri("http://www.w3.org/ns/owl-profile/RL"))
    add(service, RDFS + "label", ox.Literal("meetgraph SPARQL endpoint"))
    add(
        service,
        RDFS + "comment",
        ox.Literal(
            "Read-only SPARQL 1.1 Query endpoint over who met whom in the technology industry. "
            "SPARQL Update, SERVICE and LOAD are refused."
        ),
    )
    decimal, integer = iri(XSD + "decimal"), iri(XSD + "integer")
    add(service, MG + "queryTimeout", ox.Literal(f"{settings.query_timeout:g}", datatype=decimal))
    add(service, MG + "maxResults", ox.Literal(str(settings.max_results), datatype=integer))
    add(service, MG + "maxRequestBytes", ox.Literal(str(settings.max_request_bytes), datatype=integer))

    dataset = iri(endpoint + "#dataset")
    add(service, SD + "defaultDataset", dataset)
    add(dataset, RDF + "type", iri(SD + "Dataset"))
    add(dataset, RDF + "type", iri(VOID + "Dataset"))
    add(dataset, RDFS + "seeAlso", iri(settings.base + ".well-known/void"))
    add(dataset, VOID + "sparqlEndpoint", iri(endpoint))
    if meta.get("version"):
        add(dataset, OWL + "versionInfo", ox.Literal(str(meta["version"])))
    if meta.get("built_at"):
        add(dataset, DCTERMS + "modified", ox.Literal(str(meta["built_at"])))
    default_graph = ox.BlankNode("defaultGraph")
    add(dataset, SD + "defaultGraph", default_graph)
    add(default_graph, RDF + "type", iri(SD + "Graph"))
    add(default_graph, RDFS + "comment", ox.Literal("The union of every named graph of the dataset."))
    for index, name in enumerate(sorted(named_graphs)):
        node = ox.BlankNode(f"namedGraph{index}")
        add(dataset, SD + "namedGraph", node)
        add(node, RDF + "type", iri(SD + "NamedGraph"))
        add(node, SD + "name", iri(name))

    for local, (label, comment, datatype) in LIMIT_TERMS.items():
        term = iri(MG + local)
        add(term, RDF + "type", iri(OWL + "DatatypeProperty"))
        add(term, RDFS + "label", ox.Literal(label, language="en"))
        add(term, RDFS + "comment", ox.Literal(comment, language="en"))
        add(term, RDFS + "range", iri(datatype))
    return quads
