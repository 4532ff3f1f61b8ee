"""The Service Description on GET /sparql with no query, and the HTML form for browsers."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Namespace, URIRef

from service_testdata import BASE, MG, VERSION

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
MGNS = Namespace(MG)
VOID = Namespace("http://rdfs.org/ns/void#")


def description(client, accept: str = "text/turtle", rdflib_format: str = "turtle") -> rdflib.Graph:
    response = client.get("/sparql", headers={"accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    return rdflib.Graph().parse(data=response.content, format=rdflib_format)


@pytest.fixture(scope="module")
def sd(client) -> rdflib.Graph:
    return description(client)


@pytest.fixture(scope="module")
def service(sd) -> URIRef:
    (node,) = sd.subjects(RDF.type, SD.Service)
    return node


def test_endpoint_and_language(sd, service):
    assert sd.value(service, SD.endpoint) == URIRef("http://testserver/sparql")
    assert sd.value(service, SD.supportedLanguage) == SD.SPARQL11Query


def test_result_formats(sd, service):
    formats = set(sd.objects(service, SD.resultFormat))
    for local in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"):
        assert FORMATS[local] in formats


def test_features_and_entailment(sd, service):
    assert SD.UnionDefaultGraph in set(sd.objects(service, SD.feature))
    assert sd.value(service, SD.defaultEntailmentRegime) == URIRef(
        "http://www.w3.org/ns/entailment/OWL-RDF-Based"
    )
    assert sd.value(service, SD.defaultSupportedEntailmentProfile) == URIRef(
        "http://www.w3.org/ns/owl-profile/RL"
    )


def test_limits_a_client_can_read(sd, service, settings):
    assert float(sd.value(service, MGNS.queryTimeout)) == settings.query_timeout
    assert int(sd.value(service, MGNS.maxResults)) == settings.max_results
    assert int(sd.value(service, MGNS.maxRequestBytes)) == settings.max_request_bytes
    for term in (MGNS.queryTimeout, MGNS.maxResults, MGNS.maxRequestBytes):
        assert sd.value(term, RDFS.label) is not None and sd.value(term, RDFS.comment) is not None


def test_default_dataset(sd, service):
    dataset = sd.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in sd
    assert (dataset, RDFS.seeAlso, URIRef(f"{BASE}.well-known/void")) in sd
    assert str(sd.value(dataset, OWL.versionInfo)) == VERSION
    names = {sd.value(node, SD.name) for node in sd.objects(dataset, SD.namedGraph)}
    assert URIRef(f"{BASE}graph/article/a1") in names
    assert URIRef(f"{BASE}graph/ontology") in names
    default = sd.value(dataset, SD.defaultGraph)
    assert (default, RDF.type, SD.Graph) in sd


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_other_rdf_formats(client, sd, accept, rdflib_format):
    assert len(description(client, accept, rdflib_format)) == len(sd)


def test_default_is_turtle(client):
    for headers in ({}, {"accept": "*/*"}):
        response = client.get("/sparql", headers=headers)
        assert response.headers["content-type"].startswith("text/turtle")


def test_format_parameter(client):
    response = client.get("/sparql", params={"format": "jsonld"})
    assert response.headers["content-type"] == "application/ld+json"


def test_406_for_a_results_format(client):
    response = client.get("/sparql", headers={"accept": "text/csv"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["error"]["message"]


def test_browsers_get_a_form(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"accept": accept})
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<form" in page and 'name="query"' in page and "<textarea" in page
    assert 'type="submit"' in page
    assert "2.0 s" in page or "2 s" in page or "2.0" in page  # the limits are shown
