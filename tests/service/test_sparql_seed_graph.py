"""The endpoint over the real graph built from the seed articles (``seed_settings``, tests/conftest.py)."""

from __future__ import annotations

import warnings

import pytest

from service.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

MET = """PREFIX mg: <https://w3id.org/meetgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?a ?b WHERE { ?x mg:metWith ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b"""


@pytest.fixture(scope="module")
def seed_client(seed_settings):
    with TestClient(create_app(seed_settings.model_copy(update={"workers": 1}))) as client:
        yield client


def test_the_endpoint_answers_as_the_store_does(seed_client, select):
    expected = select(MET)
    assert expected, "the seed graph should hold meetings"
    response = seed_client.post("/sparql", data={"query": MET})
    got = [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]
    assert got == expected


def test_the_description_lists_the_article_graphs(seed_client, seed_settings):
    response = seed_client.get("/sparql", headers={"accept": "application/n-triples"})
    assert f"<{seed_settings.base}graph/ontology>" in response.text
    assert f"<{seed_settings.base}graph/inferred>" in response.text
