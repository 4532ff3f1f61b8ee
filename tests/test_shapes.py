"""The SHACL shapes accept a well-formed meeting and reject broken ones with readable messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import InconsistencyError, ValidationError
from kg.reason import reason
from kg.reference import load_ontology, load_shapes
from kg.validate import validate

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
PREFIXES = """
@prefix mg: <https://w3id.org/meetgraph/ontology#> .
@prefix ex: <http://localhost:8000/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
PEOPLE = """
ex:lee a mg:Person ; rdfs:label "Lee Jae-yong"@en .
ex:zuck a mg:Person ; rdfs:label "Mark Zuckerberg"@en .
ex:sj a mg:Place ; rdfs:label "Seungjiwon"@en ; mg:locatedIn ex:seoul .
ex:seoul a mg:Place ; rdfs:label "Seoul"@en .
ex:ai a mg:Technology ; rdfs:label "artificial intelligence"@en .
ex:a1 a mg:Article ; rdfs:label "Yoon, Zuckerberg discuss AI"@en ; mg:datePublished "2024-03-01"^^xsd:date .
"""
MEETING = """
ex:m a mg:Meeting ;
    mg:participant ex:lee , ex:zuck ;
    mg:status mg:Held ;
    mg:date "2024-02-28"^^xsd:date ; mg:startDate "2024-02-28"^^xsd:date ; mg:endDate "2024-02-28"^^xsd:date ;
    mg:evidence "The Meta CEO met with the Samsung chief in the evening for dinner at the Seungjiwon." ;
    mg:reportedIn ex:a1 ;
    mg:location ex:sj ;
    mg:topic ex:ai .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ONTOLOGY_DIR)


def check(ontology: Graph, shapes: Graph, turtle: str) -> None:
    """Reason first, as the build does, then validate asserted + inferred."""
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    validate(data + reason(ontology, data), shapes, ontology)


def failure(ontology: Graph, shapes: Graph, turtle: str) -> str:
    with pytest.raises(ValidationError) as info:
        check(ontology, shapes, turtle)
    return str(info.value)


def test_a_valid_meeting_passes(ontology, shapes):
    check(ontology, shapes, PEOPLE + MEETING)


def test_a_monthly_meeting_passes(ontology, shapes):
    monthly = MEETING.replace('mg:date "2024-02-28"^^xsd:date', 'mg:date "2024-06"^^xsd:gYearMonth')
    monthly = monthly.replace('mg:startDate "2024-02-28"', 'mg:startDate "2024-06-01"').replace(
        'mg:endDate "2024-02-28"', 'mg:endDate "2024-06-30"')
    check(ontology, shapes, PEOPLE + monthly)


def test_one_participant_fails(ontology, shapes):
    message = failure(ontology, shapes, PEOPLE + MEETING.replace("mg:participant ex:lee , ex:zuck", "mg:participant ex:lee"))
    assert "at least two participants" in message
    assert "http://localhost:8000/id/m" in message and "mg:participant" in message


def test_no_evidence_fails(ontology, shapes):
    broken = "\n".join(line for line in MEETING.splitlines() if "mg:evidence" not in line)
    message = failure(ontology, shapes, PEOPLE + broken)
    assert "evidence" in message and "http://localhost:8000/id/m" in message


def test_no_date_fails(ontology, shapes):
    broken = MEETING.replace('mg:date "2024-02-28"^^xsd:date ; ', "")
    message = failure(ontology, shapes, PEOPLE + broken)
    assert "needs a date (mg:date)" in message


def test_start_after_end_fails(ontology, shapes):
    broken = MEETING.replace('mg:startDate "2024-02-28"', 'mg:startDate "2024-03-02"')
    assert "after its end date" in failure(ontology, shapes, PEOPLE + broken)


def test_unknown_status_fails(ontology, shapes):
    broken = MEETING.replace("mg:status mg:Held", "mg:status mg:Cancelled")
    assert "mg:Held or mg:Planned" in failure(ontology, shapes, PEOPLE + broken)


def test_a_person_without_label_fails_naming_the_node(ontology, shapes):
    people = PEOPLE.replace('ex:zuck a mg:Person ; rdfs:label "Mark Zuckerberg"@en .', "ex:zuck a mg:Person .")
    message = failure(ontology, shapes, people + MEETING)
    assert "<http://localhost:8000/id/zuck>" in message and "exactly one name (rdfs:label)" in message


def test_a_label_without_language_fails(ontology, shapes):
    people = PEOPLE.replace('rdfs:label "Seoul"@en', 'rdfs:label "Seoul"')
    message = failure(ontology, shapes, people + MEETING)
    assert '"Seoul"' in message and "@en" in message


def test_a_topic_that_is_not_a_technology_fails(ontology, shapes):
    broken = MEETING.replace("mg:topic ex:ai", "mg:topic ex:seoul")
    # the reasoner already sees a place typed a technology (by the range of mg:topic) ...
    with pytest.raises(InconsistencyError, match="seoul"):
        check(ontology, shapes, PEOPLE + broken)
    # ... and the shapes say so of unreasoned data
    data = Graph().parse(data=PREFIXES + PEOPLE + broken, format="turtle")
    with pytest.raises(ValidationError, match=r"a topic \(mg:topic\) must be a technology"):
        validate(data, shapes)


def test_an_article_without_publication_date_fails(ontology, shapes):
    people = PEOPLE.replace(' ; mg:datePublished "2024-03-01"^^xsd:date', "")
    assert "publication date" in failure(ontology, shapes, people + MEETING)


def test_the_message_is_one_line_per_violation_and_capped(ontology, shapes):
    many = PEOPLE + "".join(f"ex:p{i} a mg:Person .\n" for i in range(30))
    message = failure(ontology, shapes, many + MEETING)
    lines = message.splitlines()
    assert lines[0].startswith("the graph does not conform to the shapes (30 violations)")
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "and 10 more"


def test_validating_stored_nodes_checks_just_those_nodes():
    """``kg add``'s check: the nodes a change touched, read from the store with the types of what
    they point at, against the same shapes."""
    import pyoxigraph as ox

    from kg.terms import graph_triples
    from kg.validate import validate_nodes

    ontology, shapes = load_ontology(ONTOLOGY_DIR), load_shapes(ONTOLOGY_DIR)
    data = Graph().parse(data=PREFIXES + PEOPLE + MEETING.replace("mg:participant ex:lee , ex:zuck", "mg:participant ex:lee"), format="turtle")
    store = ox.Store()
    store.extend(ox.Quad(*t, ox.DefaultGraph()) for t in graph_triples(data + reason(ontology, data)))
    ex = "http://localhost:8000/id/"
    validate_nodes(store, [ox.NamedNode(ex + "lee"), ox.NamedNode(ex + "sj")], shapes, ontology)  # fine on their own
    with pytest.raises(ValidationError, match="participant"):
        validate_nodes(store, [ox.NamedNode(ex + "m")], shapes, ontology)


@pytest.mark.parametrize("bad, node, message", [
    ("ex:lee mg:affiliatedWith ex:seoul .", "lee", "role tie"),  # a shape on the subjects of a property
    ("ex:acme a mg:Organization ; rdfs:label \"Acme\"@en ; mg:partOf ex:seoul .", "acme", "part of"),  # on a class
    ("ex:ai mg:broader ex:seoul .", "ai", "broader"),
])
def test_validating_stored_nodes_gives_each_node_the_paths_its_shapes_check(bad, node, message):
    """Only the triples on the paths of the shapes that target a node reach pySHACL, and those are
    enough to find what is wrong with it."""
    import pyoxigraph as ox

    from kg.terms import graph_triples
    from kg.validate import validate_nodes

    ontology, shapes = load_ontology(ONTOLOGY_DIR), load_shapes(ONTOLOGY_DIR)
    data = Graph().parse(data=PREFIXES + PEOPLE + bad, format="turtle")
    store = ox.Store()
    store.extend(ox.Quad(*t, ox.DefaultGraph()) for t in graph_triples(data))
    with pytest.raises(ValidationError, match=message):
        validate_nodes(store, [ox.NamedNode("http://localhost:8000/id/" + node)], shapes, ontology)


def test_validating_stored_nodes_refuses_shapes_it_cannot_target():
    """A shape targeted by sh:targetNode would pass unchecked in kg add: it is refused, by name."""
    import pyoxigraph as ox

    from kg.errors import BuildError
    from kg.validate import validate_nodes

    ontology, shapes = load_ontology(ONTOLOGY_DIR), load_shapes(ONTOLOGY_DIR)
    shapes = shapes + Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:shape> a sh:NodeShape ; sh:targetNode <http://localhost:8000/id/lee> .""", format="turtle")
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://localhost:8000/id/lee"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode("https://w3id.org/meetgraph/ontology#Person"), ox.DefaultGraph()))
    with pytest.raises(BuildError, match="targetNode"):
        validate_nodes(store, [ox.NamedNode("http://localhost:8000/id/lee")], shapes, ontology)
