"""The build as a whole: named graphs, determinism, add = rebuild, failures leave the graph alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.build import Background, add, build, build_from, extract_all
from kg.errors import ArticleError, InconsistencyError, ValidationError
from kg.settings import Settings
from kg.store import dataset_nquads as dataset, read_meta

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
MG = "https://w3id.org/meetgraph/ontology#"


def test_named_graphs_one_per_article_plus_ontology_reference_inferred(seed_settings):
    meta = read_meta(seed_settings.data_dir)
    graphs = set(meta["graphs"])
    assert {"ontology", "reference", "inferred"} <= graphs
    assert sorted(g for g in graphs if g.startswith("article/")) == sorted(f"article/{p.stem.replace('_', '-')}" for p in ARTICLES.glob("*.txt"))
    assert meta["triples"]["inferred"] > 0


def test_same_input_same_bytes(seed_settings, tmp_path):
    again = Settings(data_dir=tmp_path / ".kg")
    build(again)
    assert dataset(again.data_dir) == dataset(seed_settings.data_dir)


def test_add_equals_full_build(seed_settings, tmp_path):
    first, later = tmp_path / "first", sorted(ARTICLES.glob("*.txt"))
    first.mkdir()
    for path in later[:3]:
        shutil.copy(path, first)
    s = Settings(data_dir=tmp_path / ".kg")
    build(s, first)
    add(s, later[3:])
    assert dataset(s.data_dir) == dataset(seed_settings.data_dir)


def test_out_files_parse_back(tmp_path):
    s = Settings(data_dir=tmp_path / ".kg")
    for suffix, fmt in ((".nq", "nquads"), (".trig", "trig")):
        out = tmp_path / f"graph{suffix}"
        r = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(out), "--data-dir", str(s.data_dir)],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        ds = Dataset()
        ds.parse(out, format=fmt)
        names = {str(g.identifier) for g in ds.graphs()}
        assert f"{s.base}graph/inferred" in names and f"{s.base}graph/ontology" in names


def test_no_reasoner_noise_is_served(select):
    noise = select(f"""PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX mg: <{MG}>
        SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRENDS(STR(?g), "/inferred"))
          FILTER( (?p = owl:sameAs && ?s = ?o) || ?o = owl:Thing || (?p = mg:metWith && ?s = ?o)
                  || STRSTARTS(STR(?s), STR(owl:)) || isBlank(?o) ) }} LIMIT 5""")
    assert noise == []


def test_inferences_consumers_ask_for_are_there(select):
    rows = select(f"""PREFIX mg: <{MG}> PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?p WHERE {{ ?p rdfs:label "Jensen Huang"@en ; a schema:Person, mg:Leader ; mg:participatedIn ?m ; mg:affiliatedWith ?o }}""")
    assert rows


def test_failed_build_leaves_previous_graph(seed_settings, tmp_path):
    s = Settings(data_dir=tmp_path / ".kg")
    build(s)
    before = dataset(s.data_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copy(next(ARTICLES.glob("*.txt")), bad)
    (bad / "zzz.txt").write_text("title: T\ndate: not-a-date\nsource: S\n\nBody.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="zzz.txt:2"):
        build(s, bad)
    assert dataset(s.data_dir) == before
    assert not list(tmp_path.glob(".kg.build-*"))


def test_inconsistency_fails_with_the_resource_named(tmp_path):
    ref = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", ref)
    (ref / "zz-bad.ttl").write_text(
        "@prefix mg: <https://w3id.org/meetgraph/ontology#> .\n<id/person/mark-zuckerberg> a mg:Firm .\n", encoding="utf-8")
    s = Settings(data_dir=tmp_path / ".kg", reference_dir=ref)
    with pytest.raises(InconsistencyError, match="(?i)zuckerberg"):
        build(s)
    assert not (tmp_path / ".kg").exists()


def test_shacl_violation_fails_the_build():
    from kg.articles import read_articles

    s = Settings()
    articles = read_articles(ARTICLES)[:1]
    bg = Background.load(s)
    facts = extract_all(articles, bg.gazetteer)
    meeting = facts[0].meetings[0]
    meeting.participants = meeting.participants[:1]  # a meeting of one person
    with pytest.raises(ValidationError, match="(?i)participant"):
        build_from(s, bg, articles, facts, {a.slug: Path(a.path) for a in articles}, store=False)


def test_cli_errors_are_one_line_and_non_zero(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--articles", str(empty), "--data-dir", str(tmp_path / ".kg")],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "no articles" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "SELECT * WHERE {", "--data-dir", str(tmp_path / ".kg")],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "kg build" in r.stderr and "Traceback" not in r.stderr


def test_cli_malformed_query_names_the_position(seed_settings):
    r = subprocess.run([sys.executable, "-m", "kg.cli", "query", "SELECT ?x WHERE { ?x ?y }", "--data-dir", str(seed_settings.data_dir)],
                       capture_output=True, text=True)
    assert r.returncode == 5 and "malformed query" in r.stderr and "Traceback" not in r.stderr


def test_help_everywhere():
    for args in ([], ["build"], ["add"], ["query"], ["eval"], ["serve"]):
        r = subprocess.run([sys.executable, "-m", "kg.cli", *args, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "Usage" in r.stdout, args
