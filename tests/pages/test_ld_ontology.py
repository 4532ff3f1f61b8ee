"""``/ontology``: the ontology graph, negotiated; as HTML, pyLODE's documentation of it."""

from __future__ import annotations

import logging
import re

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg.settings import PROJECT_ROOT

MG = "https://w3id.org/meetgraph/ontology#"
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "meetgraph.ttl"


def mg_terms() -> set[str]:
    graph = rdflib.Graph().parse(ONTOLOGY_FILE)
    return {str(s)[len(MG):] for s in graph.subjects(RDF.type, None) if str(s).startswith(MG)}


@pytest.fixture(scope="module")
def documentation(pages_client) -> str:
    response = pages_client.get("/ontology", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_every_mg_term_has_its_own_anchor(documentation):
    ids = re.findall(r'\bid="([^"]+)"', documentation)
    terms = mg_terms()
    assert {"Meeting", "MeetingStatus", "roleProperty", "Held", "participant"} <= terms
    for term in terms:
        assert ids.count(term) == 1, f"/ontology#{term}"


def test_internal_anchor_links_resolve(documentation):
    ids = set(re.findall(r'\bid="([^"]+)"', documentation))
    targets = set(re.findall(r'href="#([^"]+)"', documentation))
    assert targets and targets <= ids, targets - ids


def test_documentation_is_pylode_of_the_served_graph(documentation):
    assert "pyLODE" in documentation or "pylode" in documentation
    assert '<html lang="en">' in documentation
    assert "meetgraph ontology" in documentation
    assert 'href="/ontology.ttl"' in documentation  # alternates and our footer are added


def test_generating_it_leaves_logging_alone(pages_client, documentation):
    """Regression: importing pyLODE ran logging.basicConfig(level=DEBUG) for the whole process."""
    root = logging.getLogger()
    assert not [h for h in root.handlers if type(h) is logging.StreamHandler and h.stream.name == "<stderr>"]
    assert root.level != logging.DEBUG


@pytest.mark.parametrize(
    ("accept", "media_type", "location"),
    [("text/turtle", "text/turtle", "ontology.ttl"), ("application/ld+json", "application/ld+json", "ontology.jsonld"),
     ("application/rdf+xml", "application/rdf+xml", "ontology.rdf"), ("*/*", "text/turtle", "ontology.ttl"),
     ("text/html", "text/html", "ontology.html")],
)
def test_negotiated_directly(pages_client, accept, media_type, location):
    response = pages_client.get("/ontology", headers={"accept": accept}, follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.headers["content-location"] == location
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(("suffix", "fmt"), [("ttl", "turtle"), ("nt", "nt"), ("rdf", "xml"), ("jsonld", "json-ld")])
def test_twins_hold_the_ontology_graph_of_the_store(pages_client, seed_store, suffix, fmt):
    response = pages_client.get(f"/ontology.{suffix}")
    assert response.status_code == 200
    served = rdflib.Graph().parse(data=response.content, format=fmt)
    stored = seed_store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://localhost:8000/graph/ontology> { ?s ?p ?o } }"
    ).serialize(format=__import__("pyoxigraph").RdfFormat.N_TRIPLES)
    assert isomorphic(served, rdflib.Graph().parse(data=stored, format="nt"))
    assert (rdflib.URIRef(MG + "Meeting"), RDF.type, OWL.Class) in served


def test_unknown_twin_is_404(pages_client):
    assert pages_client.get("/ontology.exe").status_code == 404
