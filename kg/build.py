"""Articles → reasoned, validated dataset → store. ``build`` does it all; ``add`` reuses the
facts already extracted from the articles of the existing graph and reads only the new ones."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph

from kg import __version__
from kg.articles import Article, read_article, read_articles
from kg.errors import BuildError
from kg.extract import extract_article
from kg.extract.gazetteer import Gazetteer
from kg.facts import ArticleFacts
from kg.identity import resolve
from kg.reason import reason
from kg.reference import load_ontology, load_reference, load_shapes
from kg.settings import Settings
from kg.store import DATASET_FILE, FACTS_DIR, is_built, read_meta, staged_build, write_store
from kg.triples import article_graph
from kg.validate import validate
from kg.vocab import graph_iri

ARTICLES_DIR = "articles"
Progress = Callable[[Iterable, str, int], Iterable]


def _quiet(items: Iterable, description: str, total: int) -> Iterable:
    return items


@dataclass
class Background:
    """What every build starts from: the ontology, its shapes and the curated reference data."""

    ontology: Graph
    shapes: Graph
    reference: Graph
    gazetteer: Gazetteer

    @classmethod
    def load(cls, settings: Settings) -> "Background":
        reference = load_reference(settings.reference_dir, settings.base)
        return cls(load_ontology(settings.ontology_dir), load_shapes(settings.ontology_dir), reference, Gazetteer(reference))


@dataclass
class Built:
    nquads: bytes
    meta: dict
    facts: list[ArticleFacts]
    articles: list[Article]


def extract_all(articles: list[Article], gazetteer: Gazetteer, progress: Progress = _quiet) -> list[ArticleFacts]:
    return [extract_article(a, gazetteer) for a in progress(articles, "Reading articles", len(articles))]


@dataclass
class Previous:
    """The graph being added to: its asserted triples (reference and articles) and its inferences."""

    asserted: Graph
    inferred: Graph

    @classmethod
    def load(cls, dataset_file: Path, base: str) -> "Previous":
        asserted, inferred = Graph(), Graph()
        inferred_name = graph_iri(base, "inferred")
        ontology_name = graph_iri(base, "ontology")
        for quad in ox.parse(path=str(dataset_file), format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name.value
            if name == ontology_name:
                continue
            triple = _rdflib_triple(quad)
            (inferred if name == inferred_name else asserted).add(triple)
        return cls(asserted, inferred)


def _rdflib_triple(quad: ox.Quad):
    from rdflib import BNode, Literal, URIRef

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        plain = t.language or t.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
        return Literal(t.value, lang=t.language, datatype=None if plain else URIRef(t.datatype.value))

    return term(quad.subject), term(quad.predicate), term(quad.object)


def incremental_inferences(bg: Background, data: Graph, previous: Previous, base: str) -> Graph | None:
    """The closure of ``data`` from the previous closure, reasoning only over what changed.

    Sound and complete for this ontology when the change only adds triples: every rule joins
    through a node the new triples touch, and the previous closure already holds the transitive
    paths beyond it. When anything was removed (a merged meeting renamed, a label changed), returns
    None and the caller reasons over the whole graph.
    """
    if any(t not in data for t in previous.asserted):
        return None
    added = [t for t in data if t not in previous.asserted]
    prefix = f"{base}id/"
    touched = {n for s, _, o in added for n in (s, o) if str(n).startswith(prefix)}
    neighbourhood = Graph()
    for t in added:
        neighbourhood.add(t)
    for source in (data, previous.inferred):
        for node in touched:
            for t in source.triples((node, None, None)):
                neighbourhood.add(t)
            for t in source.triples((None, None, node)):
                neighbourhood.add(t)
    neighbourhood += bg.reference
    inferred = Graph()
    for t in previous.inferred:
        if t not in data:  # inferred before, asserted now: served as asserted only
            inferred.add(t)
    for t in reason(bg.ontology, neighbourhood):
        if t not in data:
            inferred.add(t)
    return inferred


def assemble(articles: list[Article], facts: list[ArticleFacts], bg: Background, base: str,
             reasoning: bool = True, validating: bool = True, previous: Previous | None = None) -> Built:
    """Facts → named graphs → OWL 2 RL closure → SHACL check → sorted, canonical N-Quads.

    With ``previous`` (``kg add``), the closure is extended from the previous one where it can be.
    """
    by_slug = {a.slug: a for a in articles}
    resolved = resolve(facts, bg.gazetteer, base)
    graphs: list[tuple[str, Graph]] = [(graph_iri(base, "ontology"), bg.ontology), (graph_iri(base, "reference"), bg.reference)]
    data = Graph()
    data += bg.reference
    for f in sorted(facts, key=lambda f: f.article):
        g = article_graph(by_slug[f.article], f, resolved, base)
        graphs.append((graph_iri(base, f"article/{f.article}"), g))
        data += g
    inferred = Graph()
    mode = "none"
    if reasoning:
        inferred = incremental_inferences(bg, data, previous, base) if previous is not None else None
        mode = "incremental" if inferred is not None else "full"
        if inferred is None:
            inferred = reason(bg.ontology, data)
        graphs.append((graph_iri(base, "inferred"), inferred))
    if validating:
        validate(data + inferred, bg.shapes, bg.ontology)
    nquads = to_nquads(graphs)
    counts = {name.rsplit("/graph/", 1)[-1]: len(g) for name, g in graphs}
    meta = {
        "version": hashlib.sha256(nquads).hexdigest()[:16],
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "meetgraph": __version__,
        "base": base,
        "articles": sorted(by_slug),
        "triples": {"asserted": sum(n for k, n in counts.items() if k != "inferred"), "inferred": len(inferred)},
        "meetings": len(resolved.events),
        "graphs": counts,
        "reasoning": mode,
    }
    return Built(nquads=nquads, meta=meta, facts=facts, articles=articles)


def to_nquads(graphs: list[tuple[str, Graph]]) -> bytes:
    """Deterministic bytes: blank nodes canonicalised, lines sorted."""
    dataset = ox.Dataset()
    for name, graph in graphs:
        nt = graph.serialize(format="nt", encoding="utf-8")
        for triple in ox.parse(nt, ox.RdfFormat.N_TRIPLES):
            dataset.add(ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(name)))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    lines = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")


def write_out(built: Built, out: Path) -> None:
    """``--out``: N-Quads (sorted) or TriG, by suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".nq":
        out.write_bytes(built.nquads)
    elif suffix == ".trig":
        dataset = ox.Dataset(ox.parse(built.nquads, ox.RdfFormat.N_QUADS))
        out.write_bytes(ox.serialize(dataset, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    else:
        raise BuildError(f"{out}: --out takes a .nq (N-Quads) or .trig (TriG) file")


PREFIXES = {
    "mg": "https://w3id.org/meetgraph/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "schema": "https://schema.org/",
}


def save(settings: Settings, built: Built, sources: dict[str, Path]) -> None:
    """Swap the new graph in atomically, with the facts and article files ``kg add`` reuses."""
    with staged_build(settings.data_dir) as target:
        write_store(target, built.nquads, built.meta)
        (target / FACTS_DIR).mkdir()
        for f in built.facts:
            (target / FACTS_DIR / f"{f.article}.json").write_text(json.dumps(f.to_json(), sort_keys=True), encoding="utf-8")
        (target / ARTICLES_DIR).mkdir()
        for slug, path in sources.items():
            shutil.copyfile(path, target / ARTICLES_DIR / f"{slug}.txt")


def build(settings: Settings, articles_dir: Path | None = None, progress: Progress = _quiet, store: bool = True) -> Built:
    articles = read_articles(articles_dir or settings.articles_dir)
    if not articles:
        raise BuildError(f"{articles_dir or settings.articles_dir}: no articles (*.txt) to build from")
    bg = Background.load(settings)
    facts = extract_all(articles, bg.gazetteer, progress)
    built = assemble(articles, facts, bg, settings.base)
    if store:
        save(settings, built, {a.slug: Path(a.path) for a in articles})
    return built


def add(settings: Settings, files: list[Path], progress: Progress = _quiet) -> Built:
    """New articles join the graph; the facts of the others are reused, not re-extracted.

    An article whose slug is already in the graph replaces its earlier version.
    """
    if not is_built(settings.data_dir):
        raise BuildError(f"no graph is built in {settings.data_dir}: run `kg build` first")
    meta = read_meta(settings.data_dir)
    if meta.get("base") != settings.base:
        raise BuildError(f"the graph in {settings.data_dir} was built with base {meta.get('base')}, not {settings.base}: rebuild it")
    new = [read_article(Path(f)) for f in files]
    bg = Background.load(settings)
    old_dir = Path(settings.data_dir)
    replaced = {a.slug for a in new}
    articles, facts, sources = [], [], {}
    for path in sorted((old_dir / ARTICLES_DIR).glob("*.txt")):
        article = read_article(path)
        if article.slug in replaced:
            continue
        cached = old_dir / FACTS_DIR / f"{article.slug}.json"
        articles.append(article)
        facts.append(ArticleFacts.from_json(json.loads(cached.read_text(encoding="utf-8"))))
        sources[article.slug] = path
    articles += new
    facts += extract_all(new, bg.gazetteer, progress)
    sources.update({a.slug: Path(a.path) for a in new})
    previous = Previous.load(old_dir / DATASET_FILE, settings.base)
    built = assemble(articles, facts, bg, settings.base, previous=previous)
    # copy the sources before the swap removes the old folder
    staging_sources = {}
    tmp = Path(settings.data_dir).parent / f".{Path(settings.data_dir).name}.sources"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for slug, path in sources.items():
        staging_sources[slug] = tmp / f"{slug}.txt"
        shutil.copyfile(path, staging_sources[slug])
    try:
        save(settings, built, staging_sources)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return built


def dataset_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / DATASET_FILE
