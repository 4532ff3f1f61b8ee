"""Client mistakes and refusals: one JSON error shape, a 4xx naming the cause, never a 5xx."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from kg.store import query as store_query
from service_testdata import BASE, MG


def error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]


# --- malformed queries -------------------------------------------------------------------------


def test_malformed_query_says_where(client, reference_store):
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p }"
    with pytest.raises(SyntaxError) as raised:
        store_query(reference_store, query)
    line, column = map(int, re.search(r"(\d+):(\d+)", str(raised.value)).groups())
    assert line == 3
    details = error(client.get("/sparql", params={"query": query}), 400)
    assert (details["line"], details["column"]) == (line, column)
    assert f"line {line}, column {column}" in details["message"]
    assert "\n    ?s ?p }\n" in details["message"] and "^" in details["message"]


def test_malformed_query_by_post(client):
    details = error(client.post("/sparql", data={"query": "SELEC * {}"}), 400)
    assert details["line"] == 1


def test_error_as_plain_text(client):
    response = client.get("/sparql", params={"query": "nonsense"}, headers={"accept": "text/plain"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "line 1" in response.text


def test_error_as_html_for_browsers(client):
    response = client.get(
        "/sparql", params={"query": "<b>nonsense"}, headers={"accept": "text/html,*/*;q=0.8"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "<b>nonsense" not in response.text  # escaped
    assert "&lt;b&gt;nonsense" in response.text


def test_syntax_error_wins_over_406(client):
    response = client.get("/sparql", params={"query": "nonsense"}, headers={"accept": "image/png"})
    assert response.status_code == 400


def test_unknown_route_is_json_404(client):
    error(client.get("/no/such/thing"), 404)


# --- read-only ---------------------------------------------------------------------------------


def count(client) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


DIRECT = "application/sparql-query"
UPDATE = f"INSERT DATA {{ GRAPH <{BASE}graph/x> {{ <{BASE}a> <{BASE}b> <{BASE}c> }} }}"


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post("/sparql", content=UPDATE, headers={"content-type": "application/sparql-update"}),
        lambda c: c.post("/sparql", data={"update": UPDATE}),
        lambda c: c.get("/sparql", params={"update": UPDATE}),
        lambda c: c.get("/sparql", params={"query": UPDATE}),
        lambda c: c.post("/sparql", data={"query": "PREFIX x: <http://x/> delete where { ?s ?p ?o }"}),
        lambda c: c.post("/sparql", content="CLEAR ALL", headers={"content-type": DIRECT}),
        lambda c: c.get("/sparql", params={"query": "DROP GRAPH <http://x/>"}),
    ],
)
def test_updates_are_refused_and_change_nothing(client, reference_store, send):
    before, stored = count(client), len(reference_store)
    details = error(send(client), 403)
    assert "read-only" in details["message"]
    assert count(client) == before
    assert len(reference_store) == stored


def test_load_is_refused_and_fetches_nothing(client, listener):
    before = listener.connections
    details = error(client.get("/sparql", params={"query": f"LOAD <{listener.url}>"}), 400)
    assert "LOAD" in details["message"]
    details = error(client.post("/sparql", data={"update": f"LOAD <{listener.url}>"}), 403)
    assert listener.connections == before


# --- SERVICE -----------------------------------------------------------------------------------

SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { { ?a ?b ?d MINUS { SeRvIcE SILENT <{url}> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?a ?p ?o } } }",
    "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE#comment\n<{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p true SERVICE<{url}>{} }",
    "SELECT * WHERE { ?s ?p trueSERVICE<{url}>{} }",
    "PREFIX ex: <{url}> SELECT * WHERE { SERVICEex:x { } }",
    "PREFIX : <{url}> SELECT * WHERE { SERVICE:x { } }",
    "SELECT * WHERE { ?s ?p 1SERVICE<{url}>{} }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<'>') SERVICE <{url}> { ?a ?b ?c } } # '",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?s#>\n) SERVICE <{url}> { ?a ?b ?c } }",
    "ASK { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused(client, listener, template):
    query = template.replace("{url}", listener.url)
    before = listener.connections
    details = error(client.get("/sparql", params={"query": query}), 400)
    assert "SERVICE" in details["message"]
    assert listener.connections == before


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/> { }" }',
        "SELECT * WHERE { ?s ?p '''SERVICE\n<http://example.org/>''' }",
        "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
        "SELECT * WHERE { ?s <http://example.org/service#x> ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s schema:serviceType ?o }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> {}",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < <http://x/a#service>) }",
    ],
)
def test_service_in_strings_iris_and_comments_is_fine(client, query):
    assert client.get("/sparql", params={"query": query}).status_code == 200


# --- request size ------------------------------------------------------------------------------


def big_query(size: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o } # " + "x" * size


def test_413_get(client, settings):
    response = client.get("/sparql", params={"query": big_query(settings.max_request_bytes)})
    error(response, 413)


def test_413_post_form(client, settings):
    error(client.post("/sparql", data={"query": big_query(settings.max_request_bytes)}), 413)


def test_413_post_direct(client, settings):
    response = client.post(
        "/sparql",
        content=big_query(settings.max_request_bytes),
        headers={"content-type": "application/sparql-query"},
    )
    error(response, 413)


def test_413_chunked_body_without_length(client, settings):
    def chunks():
        yield b"SELECT * WHERE { ?s ?p ?o } # "
        for _ in range(settings.max_request_bytes // 1000 + 1):
            yield b"x" * 1000

    response = client.post(
        "/sparql", content=chunks(), headers={"content-type": "application/sparql-query"}
    )
    error(response, 413)


def test_just_under_the_limit_is_fine(client, settings):
    query = big_query(settings.max_request_bytes - 200)
    response = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
    assert response.status_code == 200


def test_deep_nesting_is_400_not_a_crash(client):
    query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    response = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
    assert "nested" in error(response, 400)["message"]
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_invalid_percent_encoding_is_400(client):
    response = client.post(
        "/sparql", content=b"query=%ff%fe", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    error(response, 400)


# --- any string --------------------------------------------------------------------------------

FRAGMENTS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", "<",
    ">", "<http://x/>", "'", '"', '"""', "#", "\n", ".", ";", ",", "FILTER", "OPTIONAL", "UNION",
    "SERVICE", "service", "INSERT", "DATA", "LOAD", "PREFIX", "ex:", "ex:a", "a", "*", "1", "true",
    "@en", "^^", "_:b", "VALUES", "GRAPH", "FROM", "LIMIT", "\\", "%", "BIND", "AS",
]
queries = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries, how=st.sampled_from(["get", "form", "direct"]))
def test_any_string_is_never_a_server_error(client, query, how):
    if how == "get":
        response = client.get("/sparql", params={"query": query})
    elif how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post(
            "/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"}
        )
    assert response.status_code < 500, (query, response.text)
