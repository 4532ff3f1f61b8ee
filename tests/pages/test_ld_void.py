"""``/.well-known/void`` and ``/dumps/``: what a catalogue or a crawler reads before downloading."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from kg.store import dataset_nquads

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
MG = rdflib.Namespace("https://w3id.org/meetgraph/ontology#")
BASE = "http://localhost:8000/"
DATASET = rdflib.URIRef(BASE + ".well-known/void#dataset")
INFERRED = BASE + "graph/inferred"


@pytest.fixture(scope="module")
def void(pages_client) -> rdflib.Graph:
    response = pages_client.get("/.well-known/void", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.content, format="turtle")


def count(store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def test_the_dataset_is_described(void, seed_store):
    assert (DATASET, RDF.type, VOID.Dataset) in void
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, VOID.sparqlEndpoint, VOID.uriSpace):
        assert void.value(DATASET, predicate) is not None, predicate
    assert int(void.value(DATASET, VOID.triples)) == count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rdflib.URIRef(str(MG)) in set(void.objects(DATASET, VOID.vocabulary))
    assert len(set(void.objects(DATASET, DCTERMS.source))) == 5


def test_entities_per_class(void, seed_store):
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(DATASET, VOID.classPartition)
    }
    people = count(seed_store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{MG.Person}> }}")
    assert partitions[MG.Person] == people > 0
    assert MG.Meeting in partitions


def test_subsets_count_asserted_and_inferred(void):
    subsets = {str(s).rsplit("#", 1)[-1]: s for s in void.objects(DATASET, VOID.subset)}
    assert {"asserted", "inferred"} <= set(subsets)
    total = int(void.value(DATASET, VOID.triples))
    assert int(void.value(subsets["inferred"], VOID.triples)) > 0
    assert int(void.value(subsets["asserted"], VOID.triples)) < total


def test_examples_dereference(void, pages_client):
    examples = list(void.objects(DATASET, VOID.exampleResource))
    assert len(examples) >= 2
    for example in examples:
        path = str(example)[len(BASE) - 1:]
        assert pages_client.get(path, headers={"accept": "text/turtle"}).status_code == 200


def test_every_dump_downloads(void, pages_client, seed_settings):
    dumps = set(void.objects(DATASET, VOID.dataDump))
    for subset in void.objects(DATASET, VOID.subset):
        dumps |= set(void.objects(subset, VOID.dataDump))
    assert len(dumps) == 6
    quads: dict[str, set[str]] = {}
    for dump in dumps:
        response = pages_client.get(str(dump)[len(BASE) - 1:])
        assert response.status_code == 200, dump
        assert response.headers["content-type"] == "application/gzip"
        data = gzip.decompress(response.content)
        fmt = ox.RdfFormat.N_QUADS if str(dump).endswith(".nq.gz") else ox.RdfFormat.TRIG
        parsed = list(ox.parse(data, format=fmt))
        quads[str(dump).rsplit("/", 1)[-1]] = {str(q) for q in parsed if not _blank(q)}
    full = dataset_nquads(seed_settings.data_dir)
    assert gzip.decompress(pages_client.get("/dumps/meetgraph.nq.gz").content) == full
    asserted, inferred = quads["meetgraph-asserted.nq.gz"], quads["meetgraph-inferred.nq.gz"]
    assert asserted | inferred == quads["meetgraph.nq.gz"] and not asserted & inferred
    assert all(q.endswith(f"<{INFERRED}>") for q in inferred)
    for name in ("meetgraph", "meetgraph-asserted", "meetgraph-inferred"):
        assert quads[f"{name}.trig.gz"] == quads[f"{name}.nq.gz"]


def _blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def test_dumps_are_listed_and_cached(pages_client):
    page = pages_client.get("/dumps/")
    assert page.status_code == 200
    for name in ("meetgraph.nq.gz", "meetgraph.trig.gz", "meetgraph-inferred.nq.gz", "meetgraph-asserted.trig.gz"):
        assert f'href="/dumps/{name}"' in page.text
    first = pages_client.get("/dumps/meetgraph.trig.gz")
    second = pages_client.get("/dumps/meetgraph.trig.gz")
    assert first.headers["etag"] == second.headers["etag"] and first.content == second.content
    assert pages_client.get("/dumps/secrets.txt").status_code == 404
    assert pages_client.get("/dumps", follow_redirects=False).status_code == 308


@pytest.mark.parametrize(
    ("accept", "media_type"), [("text/html", "text/html"), ("application/ld+json", "application/ld+json")]
)
def test_void_is_negotiated(pages_client, accept, media_type):
    response = pages_client.get("/.well-known/void", headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
