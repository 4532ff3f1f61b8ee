"""The curated reference data: well-formed, under the configured base, consistent with the ontology."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.articles import slugify
from kg.errors import ReferenceDataError
from kg.reason import reason
from kg.reference import load_ontology, load_reference, load_shapes
from kg.validate import validate
from kg.vocab import MG

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
ONTOLOGY_DIR = ROOT / "ontology"
BASE = "http://example.org/kg/"
WIKIDATA = "http://www.wikidata.org/entity/Q"
KIND_CLASSES = {
    "person": {MG.Person},
    "org": {MG.Organization, MG.Firm, MG.BusinessGroup, MG.GovernmentBody},
    "place": {MG.Place, MG.Country},
    "technology": {MG.Technology},
}
# every name the five seed articles use for a well-known entity, which linking relies on
EXPECTED = {
    "person": ["Lee Jae-yong", "Mark Zuckerberg", "Andy Jassy", "Cristiano Amon", "Chey Tae-won", "Sam Altman",
               "Satya Nadella", "Jensen Huang", "Pat Gelsinger", "Koo Kwang-mo", "Jim Keller", "Brett Adcock",
               "Lee Hae-jin", "Choi Soo-yeon", "Yoon Suk Yeol", "Park Geun-hye", "Masayoshi Son", "Lee Kun-hee",
               "Cho Joo-wan", "Park Jung-ho", "Koh Dong-jin", "Kim Beom-su"],
    "org": ["Samsung Group", "Samsung Electronics", "SK Group", "SK hynix", "SK Telecom", "LG Group", "LG Corp.",
            "LG Electronics", "Naver", "Kakao", "Meta", "Meta Platforms Inc.", "Facebook", "Amazon", "Qualcomm",
            "OpenAI", "Microsoft", "Nvidia", "Intel", "Tenstorrent", "Figure AI", "SoftBank Group", "SoftBank",
            "Oracle", "Apple", "Government of South Korea"],
    "place": ["Seungjiwon", "Hannam-dong", "Yongsan-gu", "Seoul", "South Korea", "Korea", "S.Korea", "Gangnam",
              "Gangnam district", "Las Vegas", "Seattle", "San Francisco", "Redmond", "Santa Clara", "Silicon Valley",
              "California", "Calif.", "Tennessee", "Tokyo", "United States", "U.S.", "US", "Japan", "China"],
    "technology": ["AI", "artificial intelligence", "generative AI", "AGI", "sovereign AI", "AI services",
                   "AI infrastructure", "semiconductors", "chips", "AI chips", "AI semiconductors", "AI chip",
                   "memory", "AI memory chips", "AI memory chip", "HBM", "high-bandwidth memory", "network chips",
                   "foundry", "system semiconductors", "extended reality", "XR", "virtual reality", "VR",
                   "mixed reality", "metaverse", "cloud computing", "ICT", "humanoid robots", "online advertising",
                   "smart devices", "5G"],
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


@pytest.fixture(scope="module")
def reference() -> Graph:
    return load_reference(REFERENCE_DIR, BASE)


@pytest.fixture(scope="module")
def inferred(ontology, reference) -> Graph:
    return reason(ontology, reference)


def entities(reference: Graph, kind: str) -> set[URIRef]:
    return {s for s in reference.subjects() if isinstance(s, URIRef) and str(s).startswith(f"{BASE}id/{kind}/")}


def forms(reference: Graph, entity: URIRef) -> list[str]:
    return [str(x) for p in (RDFS.label, SKOS.altLabel) for x in reference.objects(entity, p)]


def test_every_file_parses_and_is_not_empty():
    files = sorted(REFERENCE_DIR.glob("*.ttl"))
    assert [f.name for f in files] == ["organizations.ttl", "people-more.ttl", "people.ttl", "places.ttl", "technologies.ttl"]
    for path in files:
        assert len(Graph().parse(path, format="turtle", publicID=BASE)) > 20, path


def test_every_iri_is_under_the_base(reference):
    for s in reference.subjects():
        assert isinstance(s, URIRef) and str(s).startswith(f"{BASE}id/"), s
    for o in reference.objects():
        if isinstance(o, URIRef) and not str(o).startswith((str(MG), WIKIDATA)):
            assert str(o).startswith(f"{BASE}id/"), o


def test_the_base_is_configurable():
    other = load_reference(REFERENCE_DIR, "https://kg.example.com/")
    assert (URIRef("https://kg.example.com/id/person/lee-jae-yong"), RDF.type, MG.Person) in other


def test_every_entity_has_one_english_label_a_type_of_its_kind_and_its_slug(reference):
    total = 0
    for kind, classes in KIND_CLASSES.items():
        for entity in entities(reference, kind):
            total += 1
            labels = list(reference.objects(entity, RDFS.label))
            assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en", entity
            assert set(reference.objects(entity, RDF.type)) & classes, entity
            assert str(entity).rsplit("/", 1)[1] == slugify(str(labels[0])), entity
            for alt in reference.objects(entity, SKOS.altLabel):
                assert isinstance(alt, Literal) and alt.language == "en", (entity, alt)
    assert total == len(set(reference.subjects()))


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_the_names_of_the_seed_articles_are_known(reference, kind):
    known = {f for e in entities(reference, kind) for f in forms(reference, e)}
    missing = [name for name in EXPECTED[kind] if name not in known]
    assert not missing


@pytest.mark.parametrize("kind", sorted(KIND_CLASSES))
def test_no_name_names_two_entities_of_a_kind(reference, kind):
    """Labels are unique, and so is every surface form (linking drops an ambiguous form);
    technologies are matched regardless of case."""
    labels = Counter(str(reference.value(e, RDFS.label)) for e in entities(reference, kind))
    assert [x for x, n in labels.items() if n > 1] == []
    fold = str.lower if kind == "technology" else str
    owners: dict[str, set[URIRef]] = {}
    for entity in entities(reference, kind):
        for form in forms(reference, entity):
            owners.setdefault(fold(form), set()).add(entity)
    assert {f: o for f, o in owners.items() if len(o) > 1} == {}


def test_no_bare_surname_of_a_person(reference):
    """One word alone is a form only as a byname no part of the full name ("Jokowi")."""
    for person in entities(reference, "person"):
        label = str(reference.value(person, RDFS.label))
        for form in forms(reference, person):
            assert " " in form or form.lower() not in re.split(r"[\s-]+", label.lower()), (person, form)


def test_every_place_reaches_a_country(reference, inferred):
    closure = reference + inferred
    countries = set(closure.subjects(RDF.type, MG.Country))
    assert len(countries) >= 10
    for place in entities(reference, "place"):
        if place in countries:
            continue
        assert set(closure.objects(place, MG.locatedIn)) & countries, place


def test_seungjiwon_chain(reference, inferred):
    closure = reference + inferred
    place = lambda slug: URIRef(f"{BASE}id/place/{slug}")  # noqa: E731
    for container in ("hannam-dong", "yongsan-gu", "seoul", "south-korea"):
        assert (place("seungjiwon"), MG.locatedIn, place(container)) in closure, container


def test_every_organisation_has_headquarters_reaching_a_country(reference, inferred):
    closure = reference + inferred
    countries = set(closure.subjects(RDF.type, MG.Country))
    for org in entities(reference, "org"):
        if (org, RDF.type, MG.GovernmentBody) in reference and reference.value(org, MG.jurisdiction) is not None:
            continue  # a government is located by its jurisdiction
        assert set(closure.objects(org, MG.headquarteredIn)) & countries, org


def test_us_and_korean_firms(reference, inferred):
    closure = reference + inferred
    org = lambda slug: URIRef(f"{BASE}id/org/{slug}")  # noqa: E731
    us, korea = URIRef(f"{BASE}id/place/united-states"), URIRef(f"{BASE}id/place/south-korea")
    for slug in ("meta", "amazon", "qualcomm", "openai", "microsoft", "nvidia", "intel", "tenstorrent", "figure-ai"):
        assert (org(slug), MG.headquarteredIn, us) in closure, slug
    for slug in ("samsung-electronics", "sk-hynix", "sk-telecom", "lg-electronics", "naver", "kakao"):
        assert (org(slug), MG.headquarteredIn, korea) in closure, slug
    assert (org("sk-hynix"), MG.partOf, org("sk-group")) in reference
    assert (org("sk-telecom"), MG.partOf, org("sk-group")) in reference


def test_technology_taxonomy_is_acyclic(reference):
    parents: dict[URIRef, set[URIRef]] = {}
    for child, parent in reference.subject_objects(MG.broader):
        parents.setdefault(child, set()).add(parent)
    for start in parents:
        frontier, seen = list(parents[start]), set()
        while frontier:
            node = frontier.pop()
            assert node != start, f"cycle through {start}"
            if node not in seen:
                seen.add(node)
                frontier.extend(parents.get(node, ()))


def test_technology_taxonomy_size_and_hbm_chain(reference, inferred):
    assert 40 <= len(entities(reference, "technology")) <= 60
    tech = lambda slug: URIRef(f"{BASE}id/technology/{slug}")  # noqa: E731
    closure = reference + inferred
    for broader in ("ai-memory-chips", "ai-chips", "memory-chips", "semiconductors", "artificial-intelligence"):
        assert (tech("hbm"), MG.broader, tech(broader)) in closure, broader
    for narrower in ("ai-chips", "network-chips", "ai-memory-chips", "hbm"):
        assert (tech(narrower), MG.broader, tech("semiconductors")) in closure, narrower


def test_every_wikidata_link_is_a_wikidata_entity(reference):
    links = list(reference.subject_objects(OWL.sameAs)) + list(reference.subject_objects(SKOS.exactMatch))
    assert len(links) > 30
    targets = Counter(o for _, o in links)
    for s, o in links:
        assert isinstance(o, URIRef) and str(o).startswith(WIKIDATA) and str(o)[len(WIKIDATA):].isdigit(), (s, o)
        assert targets[o] == 1, f"two entities share {o}"


def test_reference_and_ontology_are_consistent_and_valid(ontology, reference, inferred):
    # reason() raised no InconsistencyError to build the fixture; the shapes hold too
    assert len(inferred) > 500
    validate(reference + inferred, load_shapes(ONTOLOGY_DIR), ontology)


def test_no_roles_or_meetings_in_reference_data(reference):
    for prop in (MG.leads, MG.ceoOf, MG.chairOf, MG.presidentOf, MG.founderOf, MG.affiliatedWith,
                 MG.participant, MG.topic):
        assert not list(reference.subject_objects(prop)), prop
    assert not list(reference.subjects(RDF.type, MG.Meeting))


def test_a_broken_reference_file_names_file_and_line(tmp_path):
    (tmp_path / "good.ttl").write_text("@prefix mg: <https://w3id.org/meetgraph/ontology#> .\n<id/person/a> a mg:Person .\n")
    (tmp_path / "bad.ttl").write_text("@prefix mg: <https://w3id.org/meetgraph/ontology#> .\n\n<id/person/b> a .\n")
    with pytest.raises(ReferenceDataError, match=r"bad\.ttl:3"):
        load_reference(tmp_path, BASE)


def test_a_missing_folder_is_a_reference_data_error(tmp_path):
    with pytest.raises(ReferenceDataError):
        load_reference(tmp_path / "nowhere", BASE)
