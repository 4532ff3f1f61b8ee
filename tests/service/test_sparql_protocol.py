"""The SPARQL 1.1 Protocol on /sparql: every way of sending a query, the dataset parameters, HEAD."""

from __future__ import annotations

import json

import pytest

from service_testdata import BASE, MG, PEOPLE

PERSONS = f"PREFIX mg: <{MG}> SELECT ?p WHERE {{ ?p a mg:Person }} ORDER BY ?p"
EXPECTED_PERSONS = sorted(f"{BASE}id/person/{slug}" for slug in PEOPLE)


def persons(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["p"]["value"] for row in response.json()["results"]["bindings"]]


def test_get(client):
    assert persons(client.get("/sparql", params={"query": PERSONS})) == EXPECTED_PERSONS


def test_post_form(client):
    assert persons(client.post("/sparql", data={"query": PERSONS})) == EXPECTED_PERSONS


def test_post_form_with_charset(client):
    response = client.post(
        "/sparql",
        content=f"query={PERSONS}".replace("+", "%2B").encode(),
        headers={"content-type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert persons(response) == EXPECTED_PERSONS


def test_post_direct(client):
    response = client.post(
        "/sparql", content=PERSONS.encode(), headers={"content-type": "application/sparql-query"}
    )
    assert persons(response) == EXPECTED_PERSONS


def test_post_direct_in_another_charset(client):
    query = 'ASK { ?m ?p ?o FILTER(CONTAINS(STR(?o), "é")) }'
    response = client.post(
        "/sparql",
        content=query.encode("latin-1"),
        headers={"content-type": "application/sparql-query; charset=ISO-8859-1"},
    )
    assert response.json()["boolean"] is True


def test_post_other_content_type_is_415(client):
    response = client.post("/sparql", content=PERSONS, headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert "application/sparql-query" in response.json()["error"]["message"]


def test_two_queries_are_400(client):
    response = client.get("/sparql", params=[("query", PERSONS), ("query", PERSONS)])
    assert response.status_code == 400


def test_empty_query_is_400(client):
    assert client.get("/sparql", params={"query": "  "}).status_code == 400


MEETINGS = f"PREFIX mg: <{MG}> SELECT ?m WHERE {{ ?m a mg:Meeting }} ORDER BY ?m"
IN_GRAPH = f"PREFIX mg: <{MG}> SELECT ?g ?m WHERE {{ GRAPH ?g {{ ?m a mg:Meeting }} }} ORDER BY ?g"


def values(response, name: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [row[name]["value"] for row in response.json()["results"]["bindings"] if name in row]


def test_default_graph_is_the_union(client):
    assert len(values(client.get("/sparql", params={"query": MEETINGS}), "m")) == 3


def test_default_graph_uri(client):
    params = {"query": MEETINGS, "default-graph-uri": f"{BASE}graph/article/a1"}
    assert values(client.get("/sparql", params=params), "m") == [
        f"{BASE}id/meeting/lee-zuckerberg-2024-02"
    ]


def test_several_default_graph_uris_merge(client):
    params = [
        ("query", MEETINGS),
        ("default-graph-uri", f"{BASE}graph/article/a1"),
        ("default-graph-uri", f"{BASE}graph/article/a2"),
    ]
    assert len(values(client.get("/sparql", params=params), "m")) == 2


def test_named_graph_uri(client):
    params = {"query": IN_GRAPH, "named-graph-uri": f"{BASE}graph/article/a2"}
    assert values(client.get("/sparql", params=params), "g") == [f"{BASE}graph/article/a2"]


def test_dataset_parameters_in_the_url_of_a_direct_post(client):
    response = client.post(
        "/sparql",
        params={"named-graph-uri": f"{BASE}graph/article/a3"},
        content=IN_GRAPH,
        headers={"content-type": "application/sparql-query"},
    )
    assert values(response, "g") == [f"{BASE}graph/article/a3"]


def test_from_in_the_query_is_honoured(client):
    query = f"PREFIX mg: <{MG}> SELECT ?m FROM <{BASE}graph/article/a3> WHERE {{ ?m a mg:Meeting }}"
    assert values(client.get("/sparql", params={"query": query}), "m") == [
        f"{BASE}id/meeting/altman-lee-2025-02"
    ]


def test_relative_iris_resolve_against_the_base(client):
    query = "ASK { <id/person/lee-jae-yong> ?p ?o }"
    assert client.get("/sparql", params={"query": query}).json()["boolean"] is True


@pytest.mark.parametrize("iri", ["not an iri", "relative/path", "http://exa mple.org/"])
def test_bad_graph_uri_is_400(client, iri):
    response = client.get("/sparql", params={"query": MEETINGS, "default-graph-uri": iri})
    assert response.status_code == 400
    assert "default-graph-uri" in response.json()["error"]["message"]


def test_head(client):
    headers = {"accept-encoding": "identity"}
    get = client.get("/sparql", params={"query": PERSONS}, headers=headers)
    head = client.head("/sparql", params={"query": PERSONS}, headers=headers)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["etag"] == get.headers["etag"]


def test_head_of_the_service_description(client):
    response = client.head("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_etag_and_304(client):
    first = client.get("/sparql", params={"query": PERSONS})
    tag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = client.get("/sparql", params={"query": PERSONS}, headers={"if-none-match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = client.get("/sparql", params={"query": PERSONS, "format": "csv"})
    assert other.headers["etag"] != tag
    stale = client.get("/sparql", params={"query": PERSONS}, headers={"if-none-match": 'W/"old"'})
    assert stale.status_code == 200


def test_the_service_description_has_an_etag_too(client):
    first = client.get("/sparql", headers={"accept": "text/turtle"})
    again = client.get(
        "/sparql", headers={"accept": "text/turtle", "if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304


def test_repeated_answers_come_from_the_cache(client):
    cache = client.app.state.sparql.cache
    query = PERSONS + " # cache test"
    client.get("/sparql", params={"query": query})
    size = len(cache)
    client.get("/sparql", params={"query": query})
    client.post("/sparql", data={"query": query})
    assert len(cache) == size


def test_gzip(client):
    query = "SELECT * WHERE { ?s ?p ?o }"
    plain = client.get("/sparql", params={"query": query}, headers={"accept-encoding": "identity"})
    zipped = client.get("/sparql", params={"query": query}, headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes it
    assert int(zipped.headers["content-length"]) < len(plain.content)


def test_cors_preflight(client):
    response = client.options(
        "/sparql",
        headers={
            "origin": "https://yasgui.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


def test_cors_on_answers(client):
    response = client.get(
        "/sparql", params={"query": PERSONS}, headers={"origin": "https://yasgui.example"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-result-truncated" in exposed and "etag" in exposed


def test_access_log_line(client, caplog):
    caplog.set_level("INFO", logger="meetgraph.access")
    client.get("/sparql", params={"query": PERSONS + " # access log"})
    records = [r for r in caplog.records if r.name == "meetgraph.access"]
    line = json.loads(records[-1].getMessage())
    assert line["method"] == "GET" and line["path"] == "/sparql" and line["status"] == 200
    assert line["bytes"] > 0 and line["duration_ms"] >= 0


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(client, method):
    response = client.request(method, "/sparql", params={"query": "ASK {}"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"
    assert response.json()["error"]["status"] == 405


def test_a_trailing_slash_leads_to_the_endpoint(client):
    response = client.get("/sparql/", params={"query": "ASK {}"}, headers={"accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json()["boolean"] is True
