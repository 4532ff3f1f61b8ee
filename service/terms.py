"""IRIs as people and RDF writers see them: prefixes, CURIEs, links, kinds.

One place for the namespaces the service writes with (Turtle prefixes, the JSON-LD context, the
HTML pages' short names), and for the rule that turns an IRI into a link a browser can follow from
*this* server: instance IRIs (``{base}id/…``) become local paths, so browsing works even when the
server runs somewhere other than the base; ``mg:`` terms point at their anchor in ``/ontology``.
"""

from __future__ import annotations

import re

from kg.vocab import KINDS

MG = "https://w3id.org/meetgraph/ontology#"
ONTOLOGY_IRI = "https://w3id.org/meetgraph/ontology"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = RDF + "type"
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
SAME_AS = OWL + "sameAs"

NAMESPACES: dict[str, str] = {
    "mg": MG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "void": "http://rdfs.org/ns/void#",
    "vann": "http://purl.org/vocab/vann/",
    "wd": "http://www.wikidata.org/entity/",
}
"""Prefix → namespace, for every vocabulary the graph (asserted or inferred) uses."""

KIND_NAMES = {
    "person": ("Person", "People"),
    "org": ("Organisation", "Organisations"),
    "meeting": ("Meeting", "Meetings"),
    "place": ("Place", "Places"),
    "technology": ("Technology", "Technologies"),
    "article": ("Article", "Articles"),
    "role": ("Role", "Roles"),
}
"""Kind (the ``{kind}`` of ``{base}id/{kind}/{slug}``) → singular and plural English names."""

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""What an instance slug looks like (role slugs hold camelCase property names)."""


KIND_PREFIXES = {kind: "organisation" if kind == "org" else kind for kind in KINDS}
"""Prefix of each kind's IRIs in Turtle (``org:`` is W3C ORG's, so organisations get another)."""


def prefixes(base: str) -> dict[str, str]:
    """Turtle/TriG prefixes: the vocabularies plus one per kind of instance (``person:``…)."""
    kinds = {KIND_PREFIXES[kind]: f"{base}id/{kind}/" for kind in KINDS}
    assert not set(kinds) & set(NAMESPACES)
    return {**NAMESPACES, **kinds}


def curie(iri: str) -> str:
    """``mg:Meeting`` for a known namespace, else the IRI itself."""
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def kind_of(iri: str, base: str) -> str | None:
    """The kind of an instance IRI under ``base`` (``person``, ``meeting``…), else None."""
    prefix = base + "id/"
    if not iri.startswith(prefix):
        return None
    kind, slash, slug = iri[len(prefix):].partition("/")
    return kind if slash and kind in KINDS and SLUG.match(slug) else None


def slug_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def href(iri: str, base: str) -> str:
    """Where a browser on this server finds ``iri``: local for ours, the IRI itself otherwise."""
    if iri.startswith(base + "id/"):
        return "/" + iri[len(base):]
    if iri.startswith(MG):
        return "/ontology#" + iri[len(MG):]
    if iri == ONTOLOGY_IRI:
        return "/ontology"
    return iri


def article_of_graph(graph: str, base: str) -> str | None:
    """The article IRI whose named graph is ``graph`` (``{base}graph/article/{slug}``), else None."""
    prefix = base + "graph/article/"
    if graph.startswith(prefix):
        return f"{base}id/article/{graph[len(prefix):]}"
    return None


def inferred_graph(base: str) -> str:
    return base + "graph/inferred"


def sparql_iri(iri: str) -> str:
    """``<iri>`` for a SPARQL query; refuses anything that could break out of the brackets."""
    if any(char in iri for char in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI that can be written in SPARQL: {iri!r}")
    return f"<{iri}>"


def sparql_string(text: str) -> str:
    """A SPARQL string literal holding ``text`` exactly (Oxigraph reads escapes in the lexer)."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\r":
            escaped.append("\\r")
        elif char == "\t":
            escaped.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for the named prefixes, for the queries people will read."""
    return "".join(f"PREFIX {name}: <{NAMESPACES[name]}>\n" for name in names)
