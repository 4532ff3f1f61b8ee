"""One test per kind of inference ``kg.reason.reason`` must give (and the noise it must not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS

from kg.errors import InconsistencyError
from kg.reason import reason
from kg.reference import load_ontology
from kg.vocab import MG

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
EX = Namespace("http://localhost:8000/id/")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")
XSD_NS = "http://www.w3.org/2001/XMLSchema#"  # rdflib's XSD namespace object upsets pytest's collection
PREFIXES = """
@prefix mg: <https://w3id.org/meetgraph/ontology#> .
@prefix ex: <http://localhost:8000/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


@pytest.fixture(scope="module")
def meeting(ontology):
    """A three-person meeting about HBM at Seungjiwon, announced by one article; (data, inferred)."""
    data = graph("""
        ex:m a mg:Meeting ; mg:participant ex:lee, ex:zuck, ex:son ; mg:topic ex:hbm ; mg:location ex:sj ;
             mg:announcedIn ex:a1 ; mg:reportedIn ex:a2 ; mg:status mg:Held ;
             mg:date "2024-02-28"^^xsd:date ; mg:evidence "They met." .
        ex:lee rdfs:label "Lee Jae-yong"@en ; mg:chairOf ex:samsung ; owl:sameAs wd:Q1 .
        ex:zuck mg:ceoOf ex:meta ; mg:founderOf ex:meta .
        ex:son mg:presidentOf ex:gov .
        ex:samsung a mg:Firm ; mg:partOf ex:group ; mg:headquarteredIn ex:suwon .
        ex:group a mg:BusinessGroup ; mg:partOf ex:holding .
        ex:meta a mg:Firm .
        ex:gov a mg:GovernmentBody .
        ex:hbm mg:broader ex:aimem . ex:aimem mg:broader ex:aichips . ex:aichips mg:broader ex:semis .
        ex:sj mg:locatedIn ex:hannam . ex:hannam mg:locatedIn ex:seoul . ex:seoul mg:locatedIn ex:korea .
        ex:suwon mg:locatedIn ex:gyeonggi . ex:gyeonggi mg:locatedIn ex:korea .
        ex:korea a mg:Country .
        ex:a1 a mg:Article ; mg:datePublished "2024-02-21"^^xsd:date ; mg:url "https://example.org/a1"^^xsd:anyURI .
        ex:a2 mg:datePublished "2024-03-01"^^xsd:date .
    """)
    return data, reason(ontology, data)


# -- what must be inferred -----------------------------------------------------------------------

def test_leader_classes_from_role_properties(meeting):
    _, inferred = meeting
    assert (EX.lee, RDF.type, MG.Leader) in inferred
    assert (EX.lee, RDF.type, MG.BusinessLeader) in inferred  # chair of a Firm
    assert (EX.zuck, RDF.type, MG.BusinessLeader) in inferred  # CEO of a Firm
    assert (EX.son, RDF.type, MG.PoliticalLeader) in inferred  # president of a government
    assert (EX.son, RDF.type, MG.BusinessLeader) not in inferred
    assert (EX.lee, RDF.type, MG.PoliticalLeader) not in inferred


def test_types_of_standard_vocabularies(meeting):
    _, inferred = meeting
    assert (EX.lee, RDF.type, MG.Person) in inferred  # range of participant
    assert (EX.lee, RDF.type, SCHEMA.Person) in inferred
    assert (EX.lee, RDF.type, FOAF.Person) in inferred
    assert (EX.samsung, RDF.type, SCHEMA.Corporation) in inferred
    assert (EX.samsung, RDF.type, MG.Organization) in inferred
    assert (EX.m, RDF.type, SCHEMA.Event) in inferred
    assert (EX.hbm, RDF.type, SKOS.Concept) in inferred
    assert (EX.korea, RDF.type, SCHEMA.Country) in inferred
    assert (EX.a2, RDF.type, MG.Article) in inferred  # range of reportedIn
    assert (EX.a2, RDF.type, SCHEMA.NewsArticle) in inferred


def test_inverse_properties(meeting):
    _, inferred = meeting
    for person in (EX.lee, EX.zuck, EX.son):
        assert (person, MG.participatedIn, EX.m) in inferred
    assert (EX.samsung, MG.ledBy, EX.lee) in inferred
    assert (EX.meta, SCHEMA.founder, EX.zuck) in inferred  # founderOf is the inverse of schema:founder


def test_super_properties(meeting):
    _, inferred = meeting
    assert (EX.lee, MG.leads, EX.samsung) in inferred
    assert (EX.lee, MG.affiliatedWith, EX.samsung) in inferred
    assert (EX.zuck, MG.affiliatedWith, EX.meta) in inferred
    assert (EX.m, MG.reportedIn, EX.a1) in inferred  # announcedIn ⊑ reportedIn
    assert (EX.m, SCHEMA.attendee, EX.son) in inferred
    assert (EX.lee, SCHEMA.affiliation, EX.samsung) in inferred


def test_transitive_properties(meeting):
    _, inferred = meeting
    assert (EX.sj, MG.locatedIn, EX.seoul) in inferred
    assert (EX.sj, MG.locatedIn, EX.korea) in inferred
    assert (EX.samsung, MG.partOf, EX.holding) in inferred
    assert (EX.hbm, MG.broader, EX.semis) in inferred
    assert (EX.hbm, SKOS.broaderTransitive, EX.semis) in inferred


def test_about_carries_topics_up_the_taxonomy(meeting):
    _, inferred = meeting
    for tech in (EX.hbm, EX.aimem, EX.aichips, EX.semis):
        assert (EX.m, MG.about, tech) in inferred, tech
        assert (EX.m, SCHEMA.about, tech) in inferred, tech


def test_headquarters_carried_up_the_place_chain(meeting):
    _, inferred = meeting
    assert (EX.samsung, MG.headquarteredIn, EX.gyeonggi) in inferred
    assert (EX.samsung, MG.headquarteredIn, EX.korea) in inferred


def test_met_with_symmetric_and_never_reflexive(meeting):
    _, inferred = meeting
    met = set(inferred.subject_objects(MG.metWith))
    people = {EX.lee, EX.zuck, EX.son}
    assert met == {(a, b) for a in people for b in people if a != b}  # 3 people: 6 triples
    assert not any(s == o for s, o in inferred.subject_objects(FOAF.knows))  # nor through a super-property


def test_two_person_meeting_gives_two_met_with_triples(ontology):
    data = graph("ex:m mg:participant ex:a, ex:b .")
    inferred = reason(ontology, data)
    assert set(inferred.subject_objects(MG.metWith)) == {(EX.a, EX.b), (EX.b, EX.a)}


def test_literal_super_properties_and_domains_lifted(meeting):
    _, inferred = meeting
    date = Literal("2024-02-21", datatype=URIRef(XSD_NS + "date"))
    assert (EX.a1, SCHEMA.datePublished, date) in inferred
    assert (EX.a1, DCTERMS.issued, date) in inferred
    assert (EX.m, DCTERMS.date, Literal("2024-02-28", datatype=URIRef(XSD_NS + "date"))) in inferred
    assert (EX.m, SCHEMA.citation, Literal("They met.")) in inferred
    assert (EX.a1, SCHEMA.url, Literal("https://example.org/a1", datatype=URIRef(XSD_NS + "anyURI"))) in inferred
    # the label has no super-property: nothing is added for it
    assert not list(inferred.triples((EX.lee, None, Literal("Lee Jae-yong", lang="en"))))


def test_domain_of_a_datatype_property_types_its_subject(ontology):
    inferred = reason(ontology, graph('ex:a mg:datePublished "2024-01-01"^^xsd:date .'))
    assert (EX.a, RDF.type, MG.Article) in inferred
    assert (EX.a, RDF.type, SCHEMA.NewsArticle) in inferred


# -- what must not come out -------------------------------------------------------------------------

META = (str(RDF), str(RDFS), str(OWL), XSD_NS)


def test_no_noise(meeting):
    _, inferred = meeting
    for s, p, o in inferred:
        assert not isinstance(s, Literal), (s, p, o)
        assert not (p == OWL.sameAs and s == o), s
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource, OWL.Class, OWL.NamedIndividual)), s
        assert not (p == RDF.type and isinstance(o, BNode)), s  # restriction classes
        assert not str(s).startswith(META), (s, p, o)  # nothing about RDF/RDFS/OWL/XSD terms
        assert not str(s).startswith(str(MG)), (s, p, o)  # nothing about the ontology's own terms
        assert p in (RDF.type, OWL.sameAs) or not str(p).startswith(META), (s, p, o)
        assert not (p == MG.metWith and s == o)


def test_inferred_triples_are_not_already_asserted(meeting):
    data, inferred = meeting
    assert not [t for t in inferred if t in data]


def test_wikidata_links_are_kept_out_of_reasoning(meeting):
    data, inferred = meeting
    assert (EX.lee, OWL.sameAs, WD.Q1) in data
    assert not list(inferred.triples((WD.Q1, None, None)))
    assert not list(inferred.triples((None, None, WD.Q1)))


def test_empty_data_gives_nothing(ontology):
    assert len(reason(ontology, Graph())) == 0


# -- inconsistency, purity, determinism -------------------------------------------------------------

def test_inconsistency_raises_naming_the_resource(ontology):
    data = graph('ex:acme a mg:Person, mg:Firm ; rdfs:label "Acme"@en .')
    with pytest.raises(InconsistencyError) as info:
        reason(ontology, data)
    message = str(info.value)
    assert '"Acme"' in message and str(EX.acme) in message
    assert "mg:Person" in message and "mg:Organization" in message


def test_inconsistency_through_domain_and_range(ontology):
    # a place used as a meeting participant is a Person and a Place at once
    data = graph("ex:m mg:participant ex:seoul . ex:seoul mg:locatedIn ex:korea .")
    with pytest.raises(InconsistencyError, match="seoul"):
        reason(ontology, data)


def test_inputs_not_mutated(ontology, meeting):
    data, _ = meeting
    before_ontology, before_data = len(ontology), len(data)
    snapshot = set(data)
    reason(ontology, data)
    assert len(ontology) == before_ontology
    assert len(data) == before_data and set(data) == snapshot


def test_deterministic(ontology, meeting):
    data, first = meeting
    second = reason(ontology, data)
    assert to_isomorphic(first) == to_isomorphic(second)
    assert sorted(first) == sorted(second)


def test_result_is_a_valid_rdf_graph_for_ntriples(meeting):
    _, inferred = meeting
    text = inferred.serialize(format="nt")
    assert len(Graph().parse(data=text, format="nt")) == len(inferred)
    assert all(isinstance(s, (URIRef, BNode)) for s in inferred.subjects())
