"""Every result format, parsed back and compared with the answer the store itself gives."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import query as store_query
from service_testdata import BASE, MG

SELECT = f"""PREFIX mg: <{MG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?m ?date ?evidence ?place WHERE {{
  ?m a mg:Meeting ; mg:date ?date ; mg:evidence ?evidence .
  OPTIONAL {{ ?m mg:nowhere ?place }}
}} ORDER BY ?m"""
CONSTRUCT = f"""PREFIX mg: <{MG}>
CONSTRUCT {{ ?m mg:participant ?p . ?p mg:metWith ?q }}
WHERE {{ ?m mg:participant ?p . ?p mg:metWith ?q }}"""
DESCRIBE = f"DESCRIBE <{BASE}id/person/lee-jae-yong>"
ASK = f"ASK {{ <{BASE}id/person/lee-jae-yong> ?p ?o }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def expected_rows(reference_store) -> list[dict[str, ox.Term]]:
    solutions = store_query(reference_store, SELECT)
    variables = [v.value for v in solutions.variables]
    return [{name: row[name] for name in variables if row[name] is not None} for row in solutions]


def expected_graph(reference_store, query: str) -> rdflib.Graph:
    ntriples = store_query(reference_store, query).serialize(format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=ntriples.decode(), format="nt")


def rdflib_term(term: ox.Term) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language or term.datatype.value == XSD_STRING:  # RDF 1.1: both are plain to rdflib
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise AssertionError(term)


def ask(client, query: str, accept: str):
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200, response.text
    return response


def test_json(client, expected_rows):
    response = ask(client, SELECT, "application/sparql-results+json")
    assert response.headers["content-type"] == "application/sparql-results+json"
    body = response.json()
    assert body["head"]["vars"] == ["m", "date", "evidence", "place"]
    got = [
        {name: cell["value"] for name, cell in row.items()} for row in body["results"]["bindings"]
    ]
    assert got == [{name: term.value for name, term in row.items()} for row in expected_rows]
    first = body["results"]["bindings"][0]
    assert first["date"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert "place" not in first


def test_xml(client, expected_rows):
    response = ask(client, SELECT, "application/sparql-results+xml")
    root = ET.fromstring(response.content)
    names = [v.get("name") for v in root.iter(f"{SRX}variable")]
    assert names == ["m", "date", "evidence", "place"]
    got = []
    for result in root.iter(f"{SRX}result"):
        got.append({b.get("name"): "".join(b.itertext()) for b in result.iter(f"{SRX}binding")})
    assert got == [{name: term.value for name, term in row.items()} for row in expected_rows]


def test_xml_through_rdflib(client, expected_rows):
    response = ask(client, SELECT, "application/sparql-results+xml")
    result = rdflib.query.Result.parse(io.BytesIO(response.content), format="xml")
    got = [{str(k): v for k, v in row.asdict().items()} for row in result]
    assert got == [{n: rdflib_term(t) for n, t in row.items()} for row in expected_rows]


def test_csv(client, expected_rows):
    response = ask(client, SELECT, "text/csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["m", "date", "evidence", "place"]
    expected = [[row[n].value if n in row else "" for n in rows[0]] for row in expected_rows]
    assert rows[1:] == expected


def test_tsv(client, expected_rows):
    response = ask(client, SELECT, "text/tab-separated-values")
    lines = response.text.rstrip("\n").split("\n")
    assert lines[0].split("\t") == ["?m", "?date", "?evidence", "?place"]
    names = ("m", "date", "evidence", "place")
    expected = ["\t".join(str(row[n]) if n in row else "" for n in names) for row in expected_rows]
    assert lines[1:] == expected


@pytest.mark.parametrize(
    ("accept", "parse"),
    [
        ("application/sparql-results+json", lambda r: r.json()["boolean"]),
        (
            "application/sparql-results+xml",
            lambda r: ET.fromstring(r.content).find(f"{SRX}boolean").text == "true",
        ),
        ("text/csv", lambda r: r.text.strip() == "true"),
        ("text/tab-separated-values", lambda r: r.text.strip() == "true"),
    ],
)
def test_ask(client, accept, parse):
    assert parse(ask(client, ASK, accept)) is True


GRAPH_FORMATS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
]
DATASET_FORMATS = [("application/trig", "trig"), ("application/n-quads", "nquads")]


@pytest.mark.parametrize(("accept", "rdflib_format"), GRAPH_FORMATS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_graph_formats(client, reference_store, query, accept, rdflib_format):
    response = ask(client, query, accept)
    assert response.headers["content-type"].split(";")[0] == accept
    got = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    expected = expected_graph(reference_store, query)
    assert len(expected) > 0
    assert isomorphic(got, expected)


@pytest.mark.parametrize(("accept", "rdflib_format"), DATASET_FORMATS)
def test_dataset_formats(client, reference_store, accept, rdflib_format):
    response = ask(client, CONSTRUCT, accept)
    dataset = rdflib.Dataset().parse(data=response.content, format=rdflib_format)
    got = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        got.add((s, p, o))
    assert isomorphic(got, expected_graph(reference_store, CONSTRUCT))


def test_turtle_uses_the_query_prefixes(client):
    response = ask(client, CONSTRUCT, "text/turtle")
    assert f"@prefix mg: <{MG}>" in response.text


def test_literals_survive_exactly(client, reference_store):
    """Tabs, quotes, non-ASCII and datatypes come back as the store holds them."""
    query = f"PREFIX mg: <{MG}> SELECT ?e WHERE {{ ?m mg:evidence ?e }}"
    expected = sorted(row["e"].value for row in store_query(reference_store, query))
    rows = ask(client, query, "application/json").json()["results"]["bindings"]
    got = sorted(row["e"]["value"] for row in rows)
    assert got == expected
    assert any("\t" in value and '"' in value and "é" in value for value in got)


# --- negotiation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (SELECT, None, "application/sparql-results+json"),
        (SELECT, "*/*", "application/sparql-results+json"),
        (SELECT, "application/json", "application/sparql-results+json"),
        (SELECT, "application/xml", "application/sparql-results+xml"),
        (SELECT, "text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        (SELECT, "text/csv, */*", "text/csv"),
        (SELECT, "text/*;q=0.9, application/sparql-results+json;q=0.1", "text/csv"),
        (SELECT, "text/csv;q=0, text/*", "text/tab-separated-values"),
        (SELECT, BROWSER, "application/sparql-results+xml"),
        (CONSTRUCT, None, "text/turtle"),
        (CONSTRUCT, "*/*", "text/turtle"),
        (CONSTRUCT, "text/turtle;q=0.1, application/n-triples", "application/n-triples"),
        (CONSTRUCT, "application/json", "application/ld+json"),
        (CONSTRUCT, "application/xml", "application/rdf+xml"),
        (CONSTRUCT, "text/plain", "application/n-triples"),
        (ASK, "text/csv", "text/csv"),
    ],
)
def test_accept_negotiation(client, query, accept, expected):
    headers = {} if accept is None else {"accept": accept}
    response = client.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(
    ("query", "accept", "offered"),
    [
        (SELECT, "text/turtle", "application/sparql-results+json"),
        (SELECT, "image/png", "text/csv"),
        (CONSTRUCT, "text/csv", "text/turtle"),
        (ASK, "application/n-triples", "application/sparql-results+xml"),
        (SELECT, "application/sparql-results+json;q=0", "application/sparql-results+json"),
    ],
)
def test_406_names_what_it_can_give(client, query, accept, offered):
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 406
    assert offered in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("query", "value", "expected"),
    [
        (SELECT, "json", "application/sparql-results+json"),
        (SELECT, "xml", "application/sparql-results+xml"),
        (SELECT, "csv", "text/csv"),
        (SELECT, "tsv", "text/tab-separated-values"),
        (SELECT, "text/csv", "text/csv"),
        (CONSTRUCT, "turtle", "text/turtle"),
        (CONSTRUCT, "ttl", "text/turtle"),
        (CONSTRUCT, "nt", "application/n-triples"),
        (CONSTRUCT, "ntriples", "application/n-triples"),
        (CONSTRUCT, "rdfxml", "application/rdf+xml"),
        (CONSTRUCT, "xml", "application/rdf+xml"),
        (CONSTRUCT, "json", "application/ld+json"),
        (CONSTRUCT, "jsonld", "application/ld+json"),
        (CONSTRUCT, "trig", "application/trig"),
        (CONSTRUCT, "nquads", "application/n-quads"),
    ],
)
def test_format_parameter(client, query, value, expected):
    # format= wins over Accept, as in Virtuoso and Fuseki
    response = client.get(
        "/sparql", params={"query": query, "format": value}, headers={"accept": "image/png"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected


def test_output_parameter(client):
    response = client.post("/sparql", data={"query": SELECT, "output": "csv"})
    assert response.headers["content-type"].startswith("text/csv")


def test_format_parameter_that_does_not_fit_is_406(client):
    response = client.get("/sparql", params={"query": SELECT, "format": "turtle"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.json()["error"]["message"]


def test_unknown_format_parameter_is_400(client):
    response = client.get("/sparql", params={"query": SELECT, "format": "yaml"})
    assert response.status_code == 400
    assert "csv" in response.json()["error"]["message"]


def test_json_body_is_json(client):
    json.loads(client.get("/sparql", params={"query": SELECT}).content)
