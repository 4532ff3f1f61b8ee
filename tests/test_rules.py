"""The compiled OWL 2 RL rules (kg.rules) against owlrl (kg.reason), the reference implementation:
same inferences on real data and on random data, retraction equal to recomputation, and ``kg add``
equal to a full build however the articles arrive."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF

from kg.articles import read_articles
from kg.build import Background, add, assemble, build, extract_all
from kg.errors import BuildError, InconsistencyError
from kg.reason import reason
from kg.rules import Index, StoreIndex, closure, compile_rules, reasoner_view, retract, saturate, wanted
from kg.settings import Settings
from kg.store import dataset_nquads, open_store, read_meta
from kg.terms import graph_triples, to_rdflib

ROOT = Path(__file__).resolve().parent.parent
MG = Namespace("https://w3id.org/meetgraph/ontology#")
X = Namespace("http://localhost:8000/id/x/")


@pytest.fixture(scope="module")
def bg() -> Background:
    return Background.load(Settings())


def _data(bg: Background, folders: list[Path]) -> Graph:
    articles = [a for f in folders for a in read_articles(f)]
    assembled = assemble(articles, extract_all(articles, bg.gazetteer), bg, Settings().base, reasoning=False)
    data = Graph()
    for name, triples in assembled.graphs.items():
        if not name.endswith("/ontology"):
            for s, p, o in triples:
                data.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return data


def test_same_inferences_as_owlrl_on_the_seeds_and_a_development_set(bg):
    data = _data(bg, [ROOT / "data" / "articles", ROOT / "tests" / "dev3" / "articles"])
    expected = set(graph_triples(reason(bg.ontology, data)))
    assert closure(graph_triples(data), bg.rules) == expected
    assert len(expected) > 3000


# random instance data over the ontology's own vocabulary: every rule gets exercised
PROPS = [MG.participant, MG.participatedIn, MG.topic, MG.broader, MG.leads, MG.ceoOf, MG.founderOf, MG.partOf,
         MG.headquarteredIn, MG.locatedIn, MG.metWith, MG.ledBy, MG.location, MG.affiliatedWith]
CLASSES = [MG.Firm, MG.BusinessGroup, MG.Organization, MG.Technology, MG.Place, MG.Country]
NODES = [X[f"n{i}"] for i in range(7)]
triple = st.one_of(
    st.tuples(st.sampled_from(NODES), st.sampled_from(PROPS), st.sampled_from(NODES)),
    st.tuples(st.sampled_from(NODES), st.just(RDF.type), st.sampled_from(CLASSES)),
)
SLOW = hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _consistent_owlrl(bg: Background, g: Graph):
    try:
        return set(graph_triples(reason(bg.ontology, g)))
    except InconsistencyError:
        return None


@SLOW
@given(st.lists(triple, min_size=1, max_size=14))
def test_same_inferences_as_owlrl_on_random_data(bg, triples):
    g = Graph()
    for t in triples:
        g.add(t)
    expected = _consistent_owlrl(bg, g)
    if expected is None:
        with pytest.raises(InconsistencyError):
            closure(graph_triples(g), bg.rules)
    else:
        assert closure(graph_triples(g), bg.rules) == expected


@pytest.mark.parametrize("stored", [False, True], ids=["closure-in-memory", "store-of-wanted-inferences"])
@hsettings(max_examples=60, deadline=None)
@given(st.lists(triple, min_size=2, max_size=16), st.data())
def test_retracting_equals_recomputing(bg, stored, triples, data):
    """Delete-and-rederive leaves the closure of what remains: on the whole closure in memory,
    and on a store that keeps only asserted triples and wanted inferences, as ``kg add`` sees it."""
    r = bg.rules
    asserted = list(dict.fromkeys(graph_triples_of(triples)))
    gone = data.draw(st.lists(st.sampled_from(asserted), max_size=len(asserted), unique=True))
    remaining = {t for t in asserted if t not in gone}
    try:
        expected = closure(remaining, r)
        if stored:
            store = ox.Store()
            store.extend(ox.Quad(*t, ox.DefaultGraph()) for t in set(asserted) | closure(asserted, r) | set(r.individuals))
            idx = StoreIndex(store)
        else:
            idx = Index()
            saturate([*r.individuals, *asserted], idx, r)
    except InconsistencyError:  # inconsistent random data: nothing to compare
        return
    retract(gone, idx, r, lambda t: t in remaining)
    now = idx.triples
    if stored:
        now = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        now = (now - idx.removed) | idx.triples
    assert {t for t in now if t not in remaining and wanted(t, r)} == expected


def graph_triples_of(triples):
    g = Graph()
    for t in triples:
        g.add(t)
    return [t for t in graph_triples(g) if reasoner_view(t)]


def test_an_axiom_the_engine_cannot_reason_with_is_refused(bg, tmp_path):
    ontology = Graph()
    ontology += bg.ontology
    ontology.add((MG.ceoOf, RDF.type, OWL.FunctionalProperty))
    with pytest.raises(ValueError, match="FunctionalProperty"):
        compile_rules(ontology)
    folder = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", folder)
    with open(folder / "meetgraph.ttl", "a", encoding="utf-8") as f:
        f.write("\nmg:ceoOf a owl:FunctionalProperty .\n")
    with pytest.raises(BuildError, match="FunctionalProperty"):
        Background.load(Settings(ontology_dir=folder))


def test_add_in_any_order_with_a_replaced_article_equals_a_build(tmp_path):
    """Half of a development set built, the rest added one by one in a shuffled order, then one
    article replaced by an edited version: the same bytes as one build of the final articles."""
    source = sorted((ROOT / "tests" / "dev3" / "articles").glob("*.txt"))
    first, final = tmp_path / "first", tmp_path / "final"
    first.mkdir(), final.mkdir()
    for path in source[:4]:
        shutil.copy(path, first)
    for path in source:
        shutil.copy(path, final)
    edited = final / source[1].name
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nOn Monday, Lisa Su met Jensen Huang in Taipei to discuss AI chips.\n\n", 1), encoding="utf-8")
    step = Settings(data_dir=tmp_path / "step")
    build(step, first)
    rest = source[4:]
    random.Random(3).shuffle(rest)
    for path in rest:
        add(step, [path])
        assert read_meta(step.data_dir)["reasoning"] == "incremental"
    add(step, [edited])
    full = Settings(data_dir=tmp_path / "full")
    build(full, final)
    assert dataset_nquads(step.data_dir) == dataset_nquads(full.data_dir)
    assert read_meta(step.data_dir)["version"] == read_meta(full.data_dir)["version"]
    assert read_meta(step.data_dir)["graphs"] == read_meta(full.data_dir)["graphs"]


def test_add_keeps_the_default_graph_the_union_of_the_named_graphs(tmp_path):
    source = sorted((ROOT / "data" / "articles").glob("*.txt"))
    first = tmp_path / "first"
    first.mkdir()
    for path in source[1:]:
        shutil.copy(path, first)
    s = Settings(data_dir=tmp_path / ".kg")
    build(s, first)
    add(s, [source[0]])
    store = open_store(s.data_dir)
    union = {(q.subject, q.predicate, q.object) for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == union


def test_add_reads_the_facts_of_only_the_articles_its_change_reaches(tmp_path, monkeypatch):
    from kg import build as builder

    s = Settings(data_dir=tmp_path / ".kg")
    build(s)
    read: list[str] = []
    original = builder.State.facts

    def spy(self, slug):
        read.append(slug)
        return original(self, slug)

    monkeypatch.setattr(builder.State, "facts", spy)
    add(s, [ROOT / "tests" / "dev3" / "articles" / sorted(p.name for p in (ROOT / "tests" / "dev3" / "articles").glob("*.txt"))[0]])
    assert read_meta(s.data_dir)["reasoning"] == "incremental"
    assert len(set(read)) < len(read_meta(s.data_dir)["articles"]) - 1


ACME = """title: Orbital chief visits Busan
date: 2024-05-02
source: The Test Times

{title}Ingrid Halvorsen-Pike met SK Group Chairman Chey Tae-won in Busan on Tuesday to discuss batteries.
"""


def test_replacing_an_article_that_drops_a_role_equals_a_build(tmp_path):
    """What leaves the graph takes its inferences along, also those derived through steps no store
    keeps (a leader type through an anonymous restriction)."""
    first, final = tmp_path / "first", tmp_path / "final"
    first.mkdir(), final.mkdir()
    for folder in (first, final):
        for path in sorted((ROOT / "data" / "articles").glob("*.txt"))[:2]:
            shutil.copy(path, folder)
    (first / "900_orbital.txt").write_text(ACME.format(title="Orbital Freight CEO "), encoding="utf-8")
    (final / "900_orbital.txt").write_text(ACME.format(title=""), encoding="utf-8")
    step, full = Settings(data_dir=tmp_path / "step"), Settings(data_dir=tmp_path / "full")
    build(step, first)
    add(step, [final / "900_orbital.txt"])
    build(full, final)
    assert dataset_nquads(step.data_dir) == dataset_nquads(full.data_dir)


def test_add_then_replace_articles_by_shorter_versions_equals_a_build(tmp_path):
    """Replacing an article by a shorter version takes meetings, roles and whole people out of the
    graph; the graph is still the one a build of the final articles gives."""
    rnd = random.Random(1)
    source = sorted((ROOT / "tests" / "dev4" / "articles").glob("*.txt"))
    rnd.shuffle(source)
    first, final, edits = tmp_path / "first", tmp_path / "final", tmp_path / "edits"
    for folder in (first, final, edits):
        folder.mkdir()
    for path in source[:5]:
        shutil.copy(path, first)
    for path in source:
        shutil.copy(path, final)
    step = Settings(data_dir=tmp_path / "step")
    build(step, first)
    for path in source[5:]:
        add(step, [path])
    for path in rnd.sample(source, 2):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = body.split("\n\n")
        (edits / path.name).write_text(head + "\n\n" + "\n\n".join(paragraphs[: max(1, len(paragraphs) // 3)]), encoding="utf-8")
        shutil.copy(edits / path.name, final / path.name)
        add(step, [edits / path.name])
    full = Settings(data_dir=tmp_path / "full")
    build(full, final)
    assert dataset_nquads(step.data_dir) == dataset_nquads(full.data_dir)
