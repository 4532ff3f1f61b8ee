"""Real SPARQL clients against a live server: SPARQLWrapper, rdflib's SPARQLStore, plain httpx.

They must work with no special casing, as they do against Wikidata's or DBpedia's endpoint.
"""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib import RDF, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, N3, POST, POSTDIRECTLY, RDFXML, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from service_testdata import BASE, MG, PEOPLE

PERSON = URIRef(f"{MG}Person")
NAMES = f"""PREFIX mg: <{MG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE {{ ?p a mg:Person ; rdfs:label ?name }} ORDER BY ?name"""
CONSTRUCT = f"PREFIX mg: <{MG}> CONSTRUCT {{ ?p a mg:Person }} WHERE {{ ?p a mg:Person }}"


@pytest.fixture
def wrapper(live_server) -> SPARQLWrapper:
    return SPARQLWrapper(f"{live_server}/sparql")


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(wrapper, method):
    wrapper.setQuery(NAMES)
    wrapper.setMethod(method)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.query().convert()["results"]["bindings"]
    assert [row["name"]["value"] for row in rows] == sorted(PEOPLE.values())


def test_sparqlwrapper_post_directly(wrapper):
    wrapper.setQuery(NAMES)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(POSTDIRECTLY)
    wrapper.setReturnFormat(JSON)
    assert len(wrapper.query().convert()["results"]["bindings"]) == len(PEOPLE)


def test_sparqlwrapper_select_xml(wrapper):
    wrapper.setQuery(NAMES)
    wrapper.setReturnFormat(XML)
    document = wrapper.query().convert()  # an xml.dom.minidom document
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert names == sorted(PEOPLE.values())


def test_sparqlwrapper_ask(wrapper):
    wrapper.setQuery(f"ASK {{ <{BASE}id/person/lee-jae-yong> ?p ?o }}")
    wrapper.setReturnFormat(JSON)
    assert wrapper.query().convert()["boolean"] is True


@pytest.mark.parametrize("return_format", [RDFXML, TURTLE, N3])
def test_sparqlwrapper_construct(wrapper, return_format):
    wrapper.setQuery(CONSTRUCT)
    wrapper.setReturnFormat(return_format)
    result = wrapper.query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result, format="turtle")
    assert set(graph.subjects(RDF.type, PERSON)) == {URIRef(f"{BASE}id/person/{s}") for s in PEOPLE}


def test_sparqlwrapper_sees_a_bad_query(wrapper):
    wrapper.setQuery("SELECT * WHERE { ?s ?p }")
    wrapper.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="line 1"):
        wrapper.query()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(live_server, method):
    graph = rdflib.Graph(store=SPARQLStore(f"{live_server}/sparql", method=method))
    rows = list(graph.query(NAMES))
    assert [str(row.name) for row in rows] == sorted(PEOPLE.values())
    people = set(graph.subjects(RDF.type, PERSON))
    assert people == {URIRef(f"{BASE}id/person/{s}") for s in PEOPLE}
    assert graph.query(f"ASK {{ <{BASE}id/person/sam-altman> a <{MG}Person> }}").askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) == len(PEOPLE)


def test_rdflib_sparqlstore_is_read_only(live_server):
    graph = rdflib.Graph(store=SPARQLStore(f"{live_server}/sparql"))
    with pytest.raises(TypeError):
        graph.add((URIRef(f"{BASE}a"), URIRef(f"{BASE}b"), URIRef(f"{BASE}c")))


def test_httpx(live_server):
    response = httpx.post(f"{live_server}/sparql", data={"query": NAMES}, headers={"accept": "text/csv"})
    assert response.status_code == 200
    assert response.text.splitlines()[1:] == sorted(PEOPLE.values())
    head = httpx.head(f"{live_server}/sparql", params={"query": NAMES})
    assert head.status_code == 200 and head.content == b""


def test_httpx_gzip_over_the_wire(live_server):
    with httpx.Client() as session:
        response = session.get(
            f"{live_server}/sparql",
            params={"query": "SELECT * WHERE { ?s ?p ?o }"},
            headers={"accept-encoding": "gzip"},
        )
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["results"]["bindings"]


def test_live_cors_preflight(live_server):
    response = httpx.options(
        f"{live_server}/sparql",
        headers={
            "origin": "https://yasgui.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_live_service_description(live_server):
    response = httpx.get(f"{live_server}/sparql", headers={"accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert set(graph.objects(None, sd.endpoint)) == {URIRef(f"{live_server}/sparql")}
