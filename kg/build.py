"""Articles → reasoned, validated dataset → store.

``build`` reads every article and writes a fresh store. ``add`` reads only the new articles: it
updates the identity index kept from the build (re-resolving only the nodes and meeting groups the
new articles touch), regenerates the graphs of just the articles whose nodes or meetings changed,
and extends the closure from what those changes touch
(``kg.rules``), writing the difference into a checkpoint of the store. Both give the same dataset
(tested byte for byte), and both leave the previous graph untouched when they fail.
"""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import __version__
from kg.articles import Article, read_article, read_articles
from kg.errors import BuildError, StoreError
from kg.extract import extract_article
from kg.extract.gazetteer import Gazetteer
from kg.facts import ArticleFacts
from kg.identity import Identity, Resolved
from kg.reference import load_ontology, load_reference, load_shapes
from kg.rules import Rules, StoreIndex, closure, compile_rules, reasoner_view, retract, saturate, wanted
from kg.settings import Settings
from kg.store import (
    ARTICLES_DIR, META_FILE, STATE_FILE, STORE_DIR, dataset_nquads, exclusive, is_built, quad_hash, read_meta,
    staged_build, staged_update, version_of,
)
from kg.terms import Term, Triple, graph_triples
from kg.triples import article_graph
from kg.validate import validate_graph, validate_nodes
from kg.vocab import graph_iri

Progress = Callable[[Iterable, str, int], Iterable]
STATE_VERSION = 2
FACTS_DIR = "facts"
BACKGROUND_FILE = "background.pickle"


def _quiet(items: Iterable, description: str, total: int) -> Iterable:
    return items


@dataclass
class Background:
    """What every build starts from: the ontology, its shapes and the curated reference data."""

    ontology: Graph
    shapes: Graph
    reference: Graph
    gazetteer: Gazetteer
    rules: Rules
    fingerprint: str
    """Changes when the ontology, shapes or reference data do: ``kg add`` then rebuilds."""

    @classmethod
    def load(cls, settings: Settings, cache: Path | None = None) -> "Background":
        """Parse the curated files, or reuse ``cache`` (a pickle a build left) if they are unchanged."""
        fingerprint = background_fingerprint(settings)
        if cache is not None and cache.is_file():
            try:
                with open(cache, "rb") as f, _collector_paused():
                    cached = pickle.load(f)
                if isinstance(cached, cls) and cached.fingerprint == fingerprint:
                    return cached
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                pass  # a stale or broken cache is rebuilt
        reference = load_reference(settings.reference_dir, settings.base)
        ontology = load_ontology(settings.ontology_dir)
        shapes = load_shapes(settings.ontology_dir)
        try:
            rules = compile_rules(ontology)
        except ValueError as error:
            raise BuildError(f"{settings.ontology_dir}: {error}") from None
        return cls(ontology, shapes, reference, Gazetteer(reference), rules, fingerprint)

    def save(self, path: Path) -> None:
        with open(path, "wb") as f, _collector_paused():
            pickle.dump(self, f, protocol=pickle.HIGHEST_PROTOCOL)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pickling the identity index makes and visits millions of small objects; the cycle collector,
    triggered by those allocations, would scan them all again and again (half the time at 5,000
    articles). None of them form cycles worth collecting meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def background_fingerprint(settings: Settings) -> str:
    """The curated files as they are on disk, meetgraph's own code and the base IRI: when any
    changes, what was extracted and resolved before may differ, and ``kg add`` rebuilds."""
    digest = hashlib.sha256(f"{__version__}\n{settings.base}\n".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    for folder in (settings.ontology_dir, settings.reference_dir):
        for path in sorted(Path(folder).glob("*.ttl")):
            digest.update(path.name.encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                pass  # the loader names the unreadable file
    return digest.hexdigest()[:16]


def canonical_triples(graph: Graph) -> set[Triple]:
    """A graph's triples with blank nodes canonicalised: the same across parses of the same file."""
    dataset = ox.Dataset(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in graph_triples(graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {(q.subject, q.predicate, q.object) for q in dataset}


@dataclass
class Built:
    meta: dict
    data_dir: Path | None = None


@dataclass
class State:
    """What ``kg add`` keeps between runs: the identity index (``state.pickle``) and each
    article's facts (``facts/{slug}.pickle``), read only for the articles a change reaches."""

    identity: Identity
    data_dir: Path | None = None

    @classmethod
    def load(cls, data_dir: Path) -> "State":
        try:
            with open(Path(data_dir) / STATE_FILE, "rb") as f, _collector_paused():
                version, identity = pickle.load(f)
        except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError, ImportError, TypeError) as error:
            raise StoreError(f"{data_dir}: unreadable build state ({error}): run `kg build`") from None
        if version != STATE_VERSION:
            raise StoreError(f"{data_dir}: built by another version of meetgraph: run `kg build`")
        return cls(identity, Path(data_dir))

    def facts(self, slug: str) -> ArticleFacts:
        try:
            with open(self.data_dir / FACTS_DIR / f"{slug}.pickle", "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
            raise StoreError(f"{self.data_dir}: unreadable facts of {slug} ({error}): run `kg build`") from None

    def save(self, target: Path, facts: Iterable[ArticleFacts]) -> None:
        """The index, and the facts given (the others are already in ``target``)."""
        with open(Path(target) / STATE_FILE, "wb") as f, _collector_paused():
            pickle.dump((STATE_VERSION, self.identity), f, protocol=pickle.HIGHEST_PROTOCOL)
        folder = Path(target) / FACTS_DIR
        folder.mkdir(exist_ok=True)
        for f in facts:
            partial = folder / f"{f.article}.pickle.new"  # never write through a hard link
            with open(partial, "wb") as out:
                pickle.dump(f, out, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(folder / f"{f.article}.pickle")


def extract_all(articles: list[Article], gazetteer: Gazetteer, progress: Progress = _quiet) -> list[ArticleFacts]:
    return [extract_article(a, gazetteer) for a in progress(articles, "Reading articles", len(articles))]


def article_triples(article: Article, facts: ArticleFacts, resolved: Resolved, base: str) -> set[Triple]:
    return set(graph_triples(article_graph(article, facts, resolved, base)))


@dataclass
class Assembled:
    """Every named graph of a dataset, before it is stored."""

    graphs: dict[str, set[Triple]]
    identity: Identity


def assemble(articles: list[Article], facts: list[ArticleFacts], bg: Background, base: str,
             reasoning: bool = True, progress: Progress = _quiet) -> Assembled:
    """Facts → one named graph per article (+ ontology, reference) → OWL 2 RL closure."""
    by_slug = {a.slug: a for a in articles}
    identity = Identity.of(facts, bg.gazetteer, base)
    resolved = identity.resolved({f.article: f for f in facts})
    graphs = {graph_iri(base, "ontology"): canonical_triples(bg.ontology),
              graph_iri(base, "reference"): canonical_triples(bg.reference)}
    for f in progress(sorted(facts, key=lambda f: f.article), "Writing graphs", len(facts)):
        graphs[graph_iri(base, f"article/{f.article}")] = article_triples(by_slug[f.article], f, resolved, base)
    if reasoning:
        ontology_name = graph_iri(base, "ontology")
        data = set().union(*(g for name, g in graphs.items() if name != ontology_name))
        graphs[graph_iri(base, "inferred")] = closure(data, bg.rules)
    return Assembled(graphs, identity)


def memory_store(assembled: Assembled) -> ox.Store:
    """An in-memory store of a dataset (``kg eval``, tests)."""
    store = ox.Store()
    _fill(store, _quads(assembled.graphs))
    return store


def _quads(graphs: dict[str, set[Triple]]) -> list[ox.Quad]:
    return [ox.Quad(*t, ox.NamedNode(name)) for name, triples in graphs.items() for t in triples]


def _fill(store: ox.Store, quads: list[ox.Quad]) -> None:
    """Named graphs plus their deduplicated union as the default graph."""
    store.bulk_extend(quads)
    store.bulk_extend(ox.Quad(*t, ox.DefaultGraph()) for t in {(q.subject, q.predicate, q.object) for q in quads})


def _meta(base: str, slugs: Iterable[str], version_sum: int, identity: Identity, counts: dict[str, int],
          bg: Background, mode: str, changed: list[str]) -> dict:
    inferred_name = graph_iri(base, "inferred")
    return {
        "version": version_of(version_sum),
        "version_sum": version_sum % (1 << 64),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "meetgraph": __version__,
        "base": base,
        "background": bg.fingerprint,
        "articles": sorted(slugs),
        "triples": {"asserted": sum(n for k, n in counts.items() if k != inferred_name), "inferred": counts.get(inferred_name, 0)},
        "meetings": identity.meeting_count,
        "graphs": {name.rsplit("/graph/", 1)[-1]: n for name, n in sorted(counts.items())},
        "reasoning": mode,
        "changed_graphs": changed,
        "removed_graphs": [],  # no command removes an article yet
    }


def _write_meta(target: Path, meta: dict) -> None:
    (target / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")


def _subjects(triples: Iterable[Triple]) -> set[Term]:
    return {x for s, _, o in triples for x in (s, o) if not isinstance(x, ox.Literal)}


# -- kg build --------------------------------------------------------------------------------------

def build(settings: Settings, articles_dir: Path | None = None, progress: Progress = _quiet, store: bool = True) -> Built:
    articles = read_articles(articles_dir or settings.articles_dir)
    if not articles:
        raise BuildError(f"{articles_dir or settings.articles_dir}: no articles (*.txt) to build from")
    bg = Background.load(settings)
    facts = extract_all(articles, bg.gazetteer, progress)
    return build_from(settings, bg, articles, facts, {a.slug: Path(a.path) for a in articles}, progress, store)


def build_from(settings: Settings, bg: Background, articles: list[Article], facts: list[ArticleFacts],
               sources: dict[str, Path], progress: Progress = _quiet, store: bool = True) -> Built:
    """The build from extracted facts; ``store=False`` checks everything but writes nothing."""
    base = settings.base
    assembled = assemble(articles, facts, bg, base, progress=progress)
    counts = {name: len(g) for name, g in assembled.graphs.items()}
    ontology_name = graph_iri(base, "ontology")
    validate_graph((t for name, g in assembled.graphs.items() if name != ontology_name for t in g), bg.shapes, bg.ontology)
    quads = _quads(assembled.graphs)
    total = sum(quad_hash(q) for q in quads)
    if not store:
        return Built(_meta(base, sources, total, assembled.identity, counts, bg, "full", sorted(assembled.graphs)))
    with exclusive(settings.data_dir), staged_build(settings.data_dir) as target:
        s = ox.Store(str(target / STORE_DIR))
        _fill(s, quads)
        s.flush()
        del s
        (target / ARTICLES_DIR).mkdir()
        for slug, path in sources.items():
            shutil.copyfile(path, target / ARTICLES_DIR / f"{slug}.txt")
        State(assembled.identity).save(target, facts)
        bg.save(target / BACKGROUND_FILE)
        meta = _meta(base, sources, total, assembled.identity, counts, bg, "full", sorted(assembled.graphs))
        _write_meta(target, meta)
    return Built(meta, Path(settings.data_dir))


# -- kg add ----------------------------------------------------------------------------------------

def add(settings: Settings, files: list[Path], progress: Progress = _quiet) -> Built:
    """New articles join the graph; an article whose slug is already in it replaces it.

    The cycle collector pauses for the whole add: it would otherwise rescan the identity index's
    millions of objects again and again. What the add leaves behind is collected afterwards."""
    with exclusive(settings.data_dir), _collector_paused():
        return _add(settings, files, progress)


def _add(settings: Settings, files: list[Path], progress: Progress) -> Built:
    data_dir = Path(settings.data_dir)
    if not is_built(data_dir):
        raise BuildError(f"no graph is built in {data_dir}: run `kg build` first")
    meta = read_meta(data_dir)
    if meta.get("base") != settings.base:
        raise BuildError(f"the graph in {data_dir} was built with base {meta.get('base')}, not {settings.base}: rebuild it")
    new = [read_article(Path(f)) for f in files]
    bg = Background.load(settings, cache=data_dir / BACKGROUND_FILE)
    state = State.load(data_dir)
    new_facts = extract_all(new, bg.gazetteer, progress)
    new_by_slug = {a.slug: a for a in new}
    base = settings.base
    identity = state.identity
    stale = meta.get("background") != bg.fingerprint  # the curated files or meetgraph's code changed
    affected = None if stale else identity.update(new_facts, [], bg.gazetteer)
    if affected is None:
        # everything may differ: rebuild from the stored articles and the new ones
        old = [read_article(data_dir / ARTICLES_DIR / f"{slug}.txt") for slug in sorted(identity.order) if slug not in new_by_slug]
        facts = (extract_all(old, bg.gazetteer, progress) if stale else [state.facts(a.slug) for a in old]) + new_facts
        sources = {a.slug: Path(a.path) for a in old + new}
        return _rebuild_from(settings, bg, old + new, facts, sources, progress)
    facts = {f.article: f for f in new_facts}
    facts.update({slug: state.facts(slug) for slug in affected if slug not in facts})
    resolved = identity.resolved(facts)
    with staged_update(data_dir) as (target, store):
        change = _Change(store, graph_iri(base, "inferred"), int(meta["version_sum"]),
                         {graph_iri(base, short): n for short, n in meta["graphs"].items()})
        for slug in sorted(affected):
            article = new_by_slug.get(slug) or read_article(data_dir / ARTICLES_DIR / f"{slug}.txt")
            change.replace_graph(graph_iri(base, f"article/{slug}"), article_triples(article, facts[slug], resolved, base))
        idx = change.reason(bg.rules)
        validate_nodes(store, _subjects(change.touched | idx.triples | idx.removed), bg.shapes, bg.ontology)
        for a in new:
            shutil.copyfile(a.path, target / ARTICLES_DIR / f"{a.slug}.txt.new")
            (target / ARTICLES_DIR / f"{a.slug}.txt.new").replace(target / ARTICLES_DIR / f"{a.slug}.txt")
        State(identity).save(target, new_facts)
        new_meta = _meta(base, identity.order, change.total, identity, change.counts, bg, "incremental", sorted(change.changed))
        _write_meta(target, new_meta)
    return Built(new_meta, data_dir)


class _Change:
    """One ``kg add`` written into a staged store: named graphs replaced, then the closure and
    the default graph (their union) brought in line, with the version and counts kept up."""

    def __init__(self, store: ox.Store, inferred: str, total: int, counts: dict[str, int]) -> None:
        self.store, self.inferred = store, ox.NamedNode(inferred)
        self.total, self.counts = total, counts
        self.changed: list[str] = []
        self.touched: set[Triple] = set()  # triples that left or joined some article graph

    def _put(self, quad: ox.Quad, present: bool) -> None:
        (self.store.add if present else self.store.remove)(quad)
        sign = 1 if present else -1
        self.total += sign * quad_hash(quad)
        name = quad.graph_name.value
        self.counts[name] = self.counts.get(name, 0) + sign

    def replace_graph(self, name: str, now: set[Triple]) -> None:
        g = ox.NamedNode(name)
        old = {(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(None, None, None, g)}
        if old == now:
            return
        self.changed.append(name)
        for t in old - now:
            self._put(ox.Quad(*t, g), False)
        for t in now - old:
            self._put(ox.Quad(*t, g), True)
        self.touched |= old ^ now

    def asserted(self, t: Triple) -> bool:
        if isinstance(t[0], ox.Literal):
            return False
        return any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != self.inferred
                   for q in self.store.quads_for_pattern(*t, None))

    def reason(self, rules: Rules) -> StoreIndex:
        """Retract what no graph asserts any more, saturate with what joined, then write the
        difference into the inferred graph and the default graph."""
        idx = StoreIndex(self.store)  # the default graph: still the previous closure
        now_asserted = {t: self.asserted(t) for t in self.touched}
        gone = [t for t, yes in now_asserted.items() if not yes and t in idx]
        joined = [t for t, yes in now_asserted.items() if yes and t not in idx]
        for t in gone:
            if not reasoner_view(t):
                idx.discard(t)
        retract([t for t in gone if reasoner_view(t)], idx, rules, self.asserted)
        saturate([t for t in joined if reasoner_view(t)], idx, rules)
        for t in joined:
            idx.add(t)  # annotations and Wikidata links: in the graph, not reasoned over
        inferred_changed = False
        for t in idx.removed | idx.triples | self.touched:
            if isinstance(t[0], ox.Literal):
                continue
            is_asserted = now_asserted[t] if t in now_asserted else self.asserted(t)
            infer = not is_asserted and t in idx and wanted(t, rules)
            if (is_asserted or infer) != any(True for _ in self.store.quads_for_pattern(*t, ox.DefaultGraph())):
                (self.store.add if is_asserted or infer else self.store.remove)(ox.Quad(*t, ox.DefaultGraph()))
            if infer != any(True for _ in self.store.quads_for_pattern(*t, self.inferred)):
                self._put(ox.Quad(*t, self.inferred), infer)
                inferred_changed = True
        if inferred_changed:
            self.changed.append(self.inferred.value)
        return idx


def _rebuild_from(settings: Settings, bg: Background, articles: list[Article], facts: list[ArticleFacts],
                  sources: dict[str, Path], progress: Progress) -> Built:
    tmp = Path(settings.data_dir).parent / f".{Path(settings.data_dir).name}.sources"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        staged = {}
        for slug, path in sources.items():
            staged[slug] = tmp / f"{slug}.txt"
            shutil.copyfile(path, staged[slug])
        return build_from(settings, bg, articles, facts, staged, progress)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- output ----------------------------------------------------------------------------------------

def write_out(data_dir: Path, out: Path) -> None:
    """``--out``: the built dataset as N-Quads (sorted) or TriG, by suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".nq", ".trig"):
        raise BuildError(f"{out}: --out takes a .nq (N-Quads) or .trig (TriG) file")
    nquads = dataset_nquads(data_dir)
    if suffix == ".nq":
        out.write_bytes(nquads)
    else:
        dataset = ox.Dataset(ox.parse(nquads, ox.RdfFormat.N_QUADS))
        out.write_bytes(ox.serialize(dataset, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


PREFIXES = {
    "mg": "https://w3id.org/meetgraph/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "schema": "https://schema.org/",
}
