"""Namespaces and IRI minting shared by every stage that writes or reads the graph."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD  # noqa: F401  (re-exported)

MG = Namespace("https://w3id.org/meetgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

KINDS = ("person", "org", "meeting", "place", "technology", "article", "role")


def instance_iri(base: str, kind: str, slug: str) -> str:
    assert kind in KINDS, kind
    return f"{base}id/{kind}/{slug}"


def graph_iri(base: str, name: str) -> str:
    """Named graphs: ``ontology``, ``reference``, ``inferred`` and ``article/{slug}``."""
    return f"{base}graph/{name}"
