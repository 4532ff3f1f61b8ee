"""Real Linked Data consumers against a live server whose IRIs are its own URLs."""

from __future__ import annotations

import httpx
import rdflib
from pyld import jsonld
from rdflib.namespace import OWL, RDF, RDFS

MG = rdflib.Namespace("https://w3id.org/meetgraph/ontology#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


def test_rdflib_dereferences_an_instance_iri(ld_server):
    iri = f"{ld_server}/id/person/lee-jae-yong"
    graph = rdflib.Graph().parse(iri)
    lee = rdflib.URIRef(iri)
    assert (lee, RDFS.label, rdflib.Literal("Lee Jae-yong", lang="en")) in graph
    assert (lee, RDF.type, MG.Person) in graph
    for meeting in graph.objects(lee, MG.participatedIn):  # follow your nose: one hop further
        assert (meeting, RDFS.label, None) in graph
        assert (meeting, RDF.type, MG.Meeting) in rdflib.Graph().parse(str(meeting))
        break
    else:
        raise AssertionError("no meeting to follow")


def test_rdflib_reads_the_ontology_and_void(ld_server):
    ontology = rdflib.Graph().parse(f"{ld_server}/ontology")
    assert (MG.Meeting, RDF.type, OWL.Class) in ontology
    void = rdflib.Graph().parse(f"{ld_server}/.well-known/void")
    dataset = rdflib.URIRef(f"{ld_server}/.well-known/void#dataset")
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert (dataset, VOID.sparqlEndpoint, rdflib.URIRef(f"{ld_server}/sparql")) in void


def test_pyld_expands_the_jsonld_it_fetches(ld_server):
    iri = f"{ld_server}/id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg"
    document = httpx.get(iri, headers={"accept": "application/ld+json"}, follow_redirects=True).json()
    expanded = jsonld.expand(document)
    meeting = next(node for node in expanded if node["@id"] == iri)
    assert str(MG.Meeting) in meeting["@type"]
    participants = {v["@id"] for v in meeting[str(MG.participant)]}
    assert f"{ld_server}/id/person/lee-jae-yong" in participants
    assert meeting[str(MG.evidence)]


def test_dumps_named_in_void_are_served(ld_server):
    void = rdflib.Graph().parse(f"{ld_server}/.well-known/void")
    dumps = list(void.objects(None, VOID.dataDump))
    assert dumps
    for dump in dumps:
        response = httpx.head(str(dump))
        assert response.status_code == 200, dump
