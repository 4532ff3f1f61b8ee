"""``/id/…``: 303 to a negotiated document, suffix twins, what a description holds, its headers."""

from __future__ import annotations

import json

import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

BASE = "http://localhost:8000/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MG = rdflib.Namespace("https://w3id.org/meetgraph/ontology#")
LEE = BASE + "id/person/lee-jae-yong"
MEETING = BASE + "id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg"
PATH = "/id/person/lee-jae-yong"
RDFLIB_FORMAT = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".jsonld": "json-ld"}


def graph_of(client, path: str, fmt: str) -> rdflib.Graph:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.content, format=fmt)


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/html", ".html"),
        (BROWSER_ACCEPT, ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/json", ".jsonld"),
        ("application/rdf+xml", ".rdf"),
        ("application/n-triples", ".nt"),
        ("application/trig", ".trig"),
        ("application/n-quads", ".nq"),
        ("*/*", ".ttl"),
        (None, ".ttl"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", ".jsonld"),
        ("text/html;q=0.1, application/rdf+xml", ".rdf"),
        ("application/ld+json;q=0, */*;q=0.5", ".ttl"),
    ],
)
def test_a_thing_answers_303_to_the_negotiated_document(pages_client, accept, suffix):
    headers = {} if accept is None else {"accept": accept}
    response = pages_client.get(PATH, headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "lee-jae-yong" + suffix
    assert "Accept" in response.headers["vary"]
    assert 'rel="describedby"' in response.headers["link"]


def test_the_redirect_leads_to_the_document(pages_client):
    response = pages_client.get(PATH, headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert str(response.url).endswith("/id/person/lee-jae-yong.ttl")
    assert response.headers["content-type"].startswith("text/turtle")


def test_406_names_what_there_is(pages_client):
    response = pages_client.get(PATH, headers={"accept": "image/png"}, follow_redirects=False)
    assert response.status_code == 406
    assert "text/turtle" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "path",
    ["/id/person/nobody-at-all", "/id/person/nobody-at-all.ttl", "/id/unicorn/lee-jae-yong",
     "/id/person/lee%20jae", "/id/person/lee-jae-yong.exe"],
)
def test_unknown_iris_under_the_base_are_404(pages_client, path):
    response = pages_client.get(path, headers={"accept": "text/turtle"}, follow_redirects=False)
    assert response.status_code == 404


@pytest.mark.parametrize("suffix", [".nt", ".rdf", ".jsonld"])
def test_every_twin_holds_the_same_graph(pages_client, suffix):
    turtle = graph_of(pages_client, PATH + ".ttl", "turtle")
    other = graph_of(pages_client, PATH + suffix, RDFLIB_FORMAT[suffix])
    assert len(turtle) > 50
    assert isomorphic(turtle, other)


def test_a_description_holds_own_and_incoming_triples_and_neighbour_labels(pages_client, seed_store):
    graph = graph_of(pages_client, PATH + ".nt", "nt")
    lee = rdflib.URIRef(LEE)
    assert (lee, RDFS.label, rdflib.Literal("Lee Jae-yong", lang="en")) in graph
    assert (lee, RDF.type, MG.Person) in graph
    assert (rdflib.URIRef(MEETING), MG.participant, lee) in graph  # pointing at it
    assert (lee, MG.reportedIn, None) in graph  # provenance
    neighbours = {o for o in graph.objects(lee) if isinstance(o, rdflib.URIRef)}
    neighbours |= {s for s in graph.subjects(None, lee)}
    labelled = {
        str(row["n"].value)
        for row in seed_store.query(
            "SELECT DISTINCT ?n WHERE { VALUES ?n { "
            + " ".join(f"<{n}>" for n in neighbours)
            + f" }} ?n <{RDFS.label}> ?l }}"
        )
    }
    assert labelled, "the seed graph labels Lee's neighbours"
    for neighbour in labelled:
        assert (rdflib.URIRef(neighbour), RDFS.label, None) in graph, neighbour


def test_a_meeting_carries_its_evidence_and_articles(pages_client):
    graph = graph_of(pages_client, "/id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg.ttl", "turtle")
    meeting = rdflib.URIRef(MEETING)
    assert list(graph.objects(meeting, MG.evidence))
    articles = list(graph.objects(meeting, MG.reportedIn))
    assert articles
    for article in articles:
        assert (article, RDFS.label, None) in graph


def test_describe_agrees_with_the_page(pages_client):
    response = pages_client.get(
        "/sparql", params={"query": f"DESCRIBE <{LEE}>"}, headers={"accept": "application/n-triples"}
    )
    described = rdflib.Graph().parse(data=response.content, format="nt")
    page = graph_of(pages_client, PATH + ".nt", "nt")
    own = rdflib.Graph()
    for triple in page.triples((rdflib.URIRef(LEE), None, None)):
        own.add(triple)
    assert len(described) > 0
    assert isomorphic(described, own)


def test_the_shown_sparql_gives_the_same_graph(pages_client):
    from service.describe import description_query

    response = pages_client.get(
        "/sparql", params={"query": description_query(LEE)}, headers={"accept": "application/n-triples"}
    )
    constructed = rdflib.Graph().parse(data=response.content, format="nt")
    assert isomorphic(constructed, graph_of(pages_client, PATH + ".nt", "nt"))


def test_documents_link_their_alternates_and_the_thing(pages_client):
    response = pages_client.get(PATH + ".ttl")
    link = response.headers["link"]
    for suffix, media_type in ((".html", "text/html"), (".jsonld", "application/ld+json"),
                               (".nt", "application/n-triples"), (".rdf", "application/rdf+xml")):
        assert f'<lee-jae-yong{suffix}>; rel="alternate"; type="{media_type}"' in link
    assert '<lee-jae-yong.ttl>; rel="alternate"' not in link
    assert '<lee-jae-yong>; rel="describes"' in link
    page = pages_client.get(PATH + ".html").text
    assert '<link rel="alternate" type="text/turtle" href="lee-jae-yong.ttl"' in page


def test_head_and_revalidation(pages_client):
    full = pages_client.get(PATH + ".ttl")
    head = pages_client.head(PATH + ".ttl")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(full.content))
    again = pages_client.get(PATH + ".ttl", headers={"if-none-match": full.headers["etag"]})
    assert again.status_code == 304


def test_jsonld_uses_short_keys_and_expands_to_the_same_graph(pages_client):
    document = pages_client.get(PATH + ".jsonld").json()
    context = document["@context"]
    assert context["participant"] == {"@id": "mg:participant", "@type": "@id"}
    node = next(n for n in document["@graph"] if n["id"] == LEE)
    assert node["label"] == "Lee Jae-yong"
    assert "Person" in node["type"]
    assert node["participatedIn"] and node["metWith"]
    expanded = jsonld.expand(document)
    assert any(item.get("@id") == LEE for item in expanded)
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"),
                      graph_of(pages_client, PATH + ".ttl", "turtle"))


def test_the_trig_twin_tells_asserted_from_inferred(pages_client):
    response = pages_client.get(PATH + ".trig")
    dataset = rdflib.Dataset()
    dataset.parse(data=response.content, format="trig")
    inferred = dataset.graph(rdflib.URIRef(BASE + "graph/inferred"))
    lee = rdflib.URIRef(LEE)
    assert (lee, RDF.type, MG.Leader) in inferred
    assert (lee, RDF.type, MG.Person) not in inferred
    assert (lee, RDF.type, MG.Person) in dataset.graph(rdflib.URIRef(BASE + "graph/reference"))


def test_every_kind_dereferences(pages_client, seed_store):
    for kind in ("person", "org", "meeting", "place", "technology", "article", "role"):
        row = next(iter(seed_store.query(
            f'SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/{kind}/")) }} LIMIT 1'
        )))
        path = row["s"].value[len(BASE) - 1:]
        for suffix in (".html", ".ttl"):
            assert pages_client.get(path + suffix).status_code == 200, path + suffix


def test_json_error_shape_for_machines(pages_client):
    response = pages_client.get("/id/person/nobody.jsonld", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert json.loads(response.text)["error"]["status"] == 404
