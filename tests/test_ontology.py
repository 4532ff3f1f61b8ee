"""The ontology keeps the contract: every term there, documented, aligned, and reasoner-safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg.errors import ReferenceDataError
from kg.reference import load_ontology, load_shapes
from kg.vocab import MG

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_IRI = URIRef("https://w3id.org/meetgraph/ontology")

CONTRACT_CLASSES = [
    "Person", "Leader", "BusinessLeader", "PoliticalLeader", "Organization", "Firm", "BusinessGroup",
    "GovernmentBody", "Meeting", "Technology", "Place", "Country", "Article",
]
CONTRACT_OBJECT_PROPERTIES = [
    "participant", "participatedIn", "host", "location", "locatedIn", "status", "topic", "broader", "about",
    "metWith", "leads", "ledBy", "ceoOf", "chairOf", "presidentOf", "founderOf", "affiliatedWith", "partOf",
    "headquarteredIn", "reportedIn", "announcedIn",
]
CONTRACT_DATATYPE_PROPERTIES = ["date", "startDate", "endDate", "evidence", "datePublished", "publisher", "author", "url"]
CONTRACT_INDIVIDUALS = ["Held", "Planned"]
EXTERNAL = ("https://schema.org/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/org#",
            "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#",
            "http://purl.org/dc/terms/", "http://purl.org/dc/elements/1.1/")
ALIGNMENT = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty, OWL.inverseOf)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def mg_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(MG))}


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")


def test_every_contract_term_exists_with_its_kind(ontology):
    for name in CONTRACT_CLASSES:
        assert (MG[name], RDF.type, OWL.Class) in ontology, name
    for name in CONTRACT_OBJECT_PROPERTIES:
        assert (MG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for name in CONTRACT_DATATYPE_PROPERTIES:
        assert (MG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
    for name in CONTRACT_INDIVIDUALS:
        assert (MG[name], RDF.type, MG.MeetingStatus) in ontology, name


def test_every_term_has_one_english_label_a_comment_and_is_defined_by(ontology):
    for term in mg_terms(ontology):
        labels = list(ontology.objects(term, RDFS.label))
        assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en", term
        comments = [c for c in ontology.objects(term, RDFS.comment) if isinstance(c, Literal) and c.language == "en"]
        assert comments and all(len(str(c)) > 10 for c in comments), term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


def test_every_class_and_property_is_aligned_to_a_standard_vocabulary(ontology):
    """Directly, or through an mg: super-term or inverse that is."""

    def aligned(term: URIRef, seen: set[URIRef]) -> bool:
        seen.add(term)
        for p in ALIGNMENT:
            for other in ontology.objects(term, p):
                if isinstance(other, URIRef) and str(other).startswith(EXTERNAL):
                    return True
                if isinstance(other, URIRef) and str(other).startswith(str(MG)) and other not in seen:
                    if aligned(other, seen):
                        return True
        return False

    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {t for t in mg_terms(ontology) if any((t, RDF.type, k) in ontology for k in kinds)}
    assert len(terms) > 40
    for term in terms:
        assert aligned(term, set()), f"{term} is aligned to no standard vocabulary term"


def test_direct_external_alignment_of_the_main_classes(ontology):
    schema = "https://schema.org/"
    for cls, ext in [("Person", "Person"), ("Organization", "Organization"), ("Meeting", "Event"),
                     ("Place", "Place"), ("Country", "Country"), ("Article", "NewsArticle"),
                     ("GovernmentBody", "GovernmentOrganization"), ("Firm", "Corporation")]:
        assert (MG[cls], RDFS.subClassOf, URIRef(schema + ext)) in ontology, cls
    assert (MG.participant, RDFS.subPropertyOf, URIRef(schema + "attendee")) in ontology
    assert (MG.broader, RDFS.subPropertyOf, URIRef("http://www.w3.org/2004/02/skos/core#broaderTransitive")) in ontology


def test_owl2_rl_safety(ontology):
    """What reasoning.md warns against is absent; class expressions only where OWL 2 RL allows them."""
    assert not list(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    assert not list(ontology.subjects(RDF.type, OWL.InverseFunctionalProperty))
    assert not list(ontology.subject_objects(OWL.hasKey))
    assert not list(ontology.subject_objects(OWL.unionOf))  # no unions (ranges, superclasses)
    assert not list(ontology.subject_objects(OWL.imports))
    for restriction in ontology.subjects(RDF.type, OWL.Restriction):
        # someValuesFrom restrictions may only be sub-classes (left-hand side) in OWL 2 RL
        assert isinstance(restriction, BNode)
        assert list(ontology.objects(restriction, RDFS.subClassOf)), restriction
        assert not list(ontology.subjects(RDFS.subClassOf, restriction))
        assert not list(ontology.subjects(OWL.equivalentClass, restriction))
        assert not list(ontology.objects(restriction, OWL.equivalentClass))
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        assert (prop, RDF.type, OWL.ObjectProperty) not in ontology


def test_defined_leader_classes(ontology):
    expected = {MG.Leader: MG.Organization, MG.PoliticalLeader: MG.GovernmentBody, MG.BusinessLeader: MG.Business}
    for cls, filler in expected.items():
        restrictions = [r for r in ontology.subjects(RDFS.subClassOf, cls) if isinstance(r, BNode)]
        assert any(
            ontology.value(r, OWL.onProperty) == MG.leads and ontology.value(r, OWL.someValuesFrom) == filler
            for r in restrictions
        ), cls
    assert (MG.Firm, RDFS.subClassOf, MG.Business) in ontology
    assert (MG.BusinessGroup, RDFS.subClassOf, MG.Business) in ontology
    assert (MG.Leader, RDFS.subClassOf, MG.Person) in ontology


def test_property_characteristics(ontology):
    for prop in (MG.locatedIn, MG.broader, MG.partOf):
        assert (prop, RDF.type, OWL.TransitiveProperty) in ontology, prop
    assert (MG.metWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (MG.participatedIn, OWL.inverseOf, MG.participant) in ontology
    assert (MG.ledBy, OWL.inverseOf, MG.leads) in ontology
    for sub in (MG.ceoOf, MG.chairOf, MG.presidentOf):
        assert (sub, RDFS.subPropertyOf, MG.leads) in ontology
    assert (MG.leads, RDFS.subPropertyOf, MG.affiliatedWith) in ontology
    assert (MG.founderOf, RDFS.subPropertyOf, MG.affiliatedWith) in ontology
    assert (MG.announcedIn, RDFS.subPropertyOf, MG.reportedIn) in ontology
    assert (MG.topic, RDFS.subPropertyOf, MG.about) in ontology
    assert (MG.host, RDFS.subPropertyOf, MG.participant) not in ontology


def chain(ontology: Graph, prop: URIRef) -> list[list[URIRef]]:
    return [list(Collection(ontology, head)) for head in ontology.objects(prop, OWL.propertyChainAxiom)]


def test_property_chains(ontology):
    assert chain(ontology, MG.about) == [[MG.topic, MG.broader]]
    assert chain(ontology, MG.metWith) == [[MG.participatedIn, MG.participant]]
    assert chain(ontology, MG.headquarteredIn) == [[MG.headquarteredIn, MG.locatedIn]]


def test_top_classes_pairwise_disjoint(ontology):
    members = set()
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(Collection(ontology, ontology.value(node, OWL.members)))
    assert {MG.Person, MG.Organization, MG.Place, MG.Meeting, MG.Technology, MG.Article} <= members


def test_status_range_holds_the_two_statuses(ontology):
    assert ontology.value(MG.status, RDFS.range) == MG.MeetingStatus
    assert set(ontology.subjects(RDF.type, MG.MeetingStatus)) == {MG.Held, MG.Planned}


def test_shapes_parse():
    shapes = load_shapes(ONTOLOGY_DIR)
    assert len(shapes) > 50


def test_a_broken_file_names_file_and_line(tmp_path):
    (tmp_path / "meetgraph.ttl").write_text("@prefix mg: <https://w3id.org/meetgraph/ontology#> .\n\nmg:A mg:b .\nmg:C mg:d\n")
    with pytest.raises(ReferenceDataError, match=r"meetgraph\.ttl:\d+"):
        load_ontology(tmp_path)


OWL2_RL_DATATYPES = {
    f"http://www.w3.org/2001/XMLSchema#{name}" for name in (
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "decimal", "integer",
        "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger", "long", "int", "short",
        "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double", "float", "boolean",
        "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")
} | {str(RDFS.Literal), "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
     "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"}


def test_only_owl2_rl_datatypes(ontology):
    """xsd:date is not in OWL 2's datatype map: the shapes check dates, the ontology names none."""
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for rng in ontology.objects(prop, RDFS.range):
            assert str(rng) in OWL2_RL_DATATYPES, (prop, rng)
    for lit in ontology.objects():
        if isinstance(lit, Literal) and lit.datatype is not None:
            assert str(lit.datatype) in OWL2_RL_DATATYPES, lit
