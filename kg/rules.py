"""OWL 2 RL over the instance data, compiled from the ontology and run incrementally.

owlrl (``kg.reason``) rescans the whole graph on every rule cycle and cannot extend a closure, so
its cost grows with the graph on every ``kg add``. This module compiles the ontology's axioms
once into lookup tables (closed sub-class and sub-property maps, domains, ranges, inverses,
symmetric and transitive properties, two-step property chains, ``someValuesFrom`` restrictions,
disjoint classes) and applies the OWL 2 RL rules they stand for (cax-sco, prp-spo1, prp-dom,
prp-rng, prp-inv, prp-symp, prp-trp, prp-spo2, cls-svf1, cax-dw, cax-adc) with a work list:
each new triple is joined with what the closure already holds, so extending a closure costs
what the new triples touch, and retracting triples is delete-and-rederive (DRed).

The output is exactly ``kg.reason``'s (tested against owlrl on every evaluation set): the same
input view (no Wikidata links, no annotations; literal-valued triples feed only the sub-property
and domain rules) and the same filter on what is kept. An axiom the tables cannot express makes
``compile_rules`` raise, so a change to the ontology cannot silently go unreasoned.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.errors import InconsistencyError
from kg.terms import Term, Triple, to_ox

TYPE = ox.NamedNode(str(RDF.type))
WIKIDATA = "http://www.wikidata.org/entity/"
META = (str(RDF), str(RDFS), str(OWL), str(XSD))
ANNOTATIONS = {str(p) for p in (RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso, OWL.versionInfo,
                                OWL.versionIRI, OWL.priorVersion, OWL.imports)}
# ontology predicates the tables below express, or that carry no rule over instances
UNDERSTOOD = {str(p) for p in (
    RDF.type, RDF.first, RDF.rest, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
    OWL.inverseOf, OWL.propertyChainAxiom, OWL.onProperty, OWL.someValuesFrom, OWL.disjointWith,
    OWL.members, OWL.differentFrom)} | ANNOTATIONS
UNDERSTOOD_TYPES = {str(c) for c in (
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
    OWL.NamedIndividual, OWL.Restriction, OWL.TransitiveProperty, OWL.SymmetricProperty,
    OWL.AllDisjointClasses, RDFS.Class, RDF.Property, RDF.List)}


def transitive_closure(direct: dict) -> dict:
    """Strict transitive closure of a relation given as successor sets (any hashable nodes)."""
    out: dict = {}
    for start in direct:
        seen: set = set()
        frontier = list(direct[start])
        while frontier:
            node = frontier.pop()
            if node not in seen:
                seen.add(node)
                frontier.extend(direct.get(node, ()))
        seen.discard(start)
        out[start] = frozenset(seen)
    return out


@dataclass
class Rules:
    """The ontology as lookup tables of the rules it licenses."""

    supers: dict[Term, frozenset[Term]]  # class → strict super-classes
    superprops: dict[Term, frozenset[Term]]  # property → strict super-properties
    domains: dict[Term, set[Term]]
    ranges: dict[Term, set[Term]]
    inverses: dict[Term, set[Term]]
    symmetric: set[Term]
    transitive: set[Term]
    chain_first: dict[Term, list[tuple[Term, Term]]]  # p1 → [(p2, q)] for p1 ∘ p2 ⊑ q
    chain_second: dict[Term, list[tuple[Term, Term]]]  # p2 → [(p1, q)]
    svf_property: dict[Term, list[tuple[Term, Term]]]  # p → [(filler, restriction)]
    svf_filler: dict[Term, list[tuple[Term, Term]]]  # filler → [(p, restriction)]
    disjoint: dict[Term, set[Term]]
    terms: set[Term]  # every node of the ontology: what is derived about them is not data
    individuals: list[Triple]  # the ontology's own instance triples (mg:Held a mg:MeetingStatus)
    irreflexive: set[Term]  # metWith and its super-properties


def _list(g: Graph, head) -> list:
    items = []
    while head is not None and head != RDF.nil:
        items.append(g.value(head, RDF.first))
        head = g.value(head, RDF.rest)
    return items


def _pairs(ontology: Graph, predicate, both_ways: bool = False) -> dict[Term, set[Term]]:
    """Subject → objects of one ontology predicate (and back, for a symmetric one)."""
    out: dict[Term, set[Term]] = defaultdict(set)
    for a, b in ontology.subject_objects(predicate):
        out[to_ox(a)].add(to_ox(b))
        if both_ways:
            out[to_ox(b)].add(to_ox(a))
    return dict(out)


def compile_rules(ontology: Graph) -> Rules:
    """Raises ``ValueError`` on an axiom the engine does not implement."""
    for s, p, o in ontology:
        if not str(p).startswith(META) or str(p) in UNDERSTOOD:
            if p == RDF.type and str(o).startswith(META) and str(o) not in UNDERSTOOD_TYPES:
                raise ValueError(f"the rule engine does not implement {o} (on {s})")
            continue
        raise ValueError(f"the rule engine does not implement {p} (on {s})")
    sub = _pairs(ontology, RDFS.subClassOf)
    subp = _pairs(ontology, RDFS.subPropertyOf)
    domains = _pairs(ontology, RDFS.domain)
    ranges = _pairs(ontology, RDFS.range)
    inverses = _pairs(ontology, OWL.inverseOf, both_ways=True)
    chain_first: dict[Term, list] = defaultdict(list)
    chain_second: dict[Term, list] = defaultdict(list)
    for q, head in ontology.subject_objects(OWL.propertyChainAxiom):
        chain = [to_ox(x) for x in _list(ontology, head)]
        if len(chain) != 2:
            raise ValueError(f"the rule engine implements property chains of two, not {len(chain)} ({q})")
        chain_first[chain[0]].append((chain[1], to_ox(q)))
        chain_second[chain[1]].append((chain[0], to_ox(q)))
    svf_property: dict[Term, list] = defaultdict(list)
    svf_filler: dict[Term, list] = defaultdict(list)
    for r, prop in ontology.subject_objects(OWL.onProperty):
        filler = ontology.value(r, OWL.someValuesFrom)
        if filler is None:
            raise ValueError(f"the rule engine implements owl:someValuesFrom restrictions only ({r})")
        svf_property[to_ox(prop)].append((to_ox(filler), to_ox(r)))
        svf_filler[to_ox(filler)].append((to_ox(prop), to_ox(r)))
    disjoint: dict[Term, set[Term]] = defaultdict(set)
    pairs = [(a, b) for a, b in ontology.subject_objects(OWL.disjointWith)]
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = _list(ontology, ontology.value(group, OWL.members))
        pairs += [(a, b) for a in members for b in members if a != b]
    for a, b in pairs:
        disjoint[to_ox(a)].add(to_ox(b))
        disjoint[to_ox(b)].add(to_ox(a))
    terms: set[Term] = set()
    for s, p, o in ontology:
        terms.update((to_ox(s), to_ox(p)))
        if not isinstance(o, Literal):
            terms.add(to_ox(o))
    individuals = [(to_ox(s), TYPE, to_ox(o)) for s, o in ontology.subject_objects(RDF.type) if not str(o).startswith(META)]
    superprops = transitive_closure(subp)
    met_with = ox.NamedNode("https://w3id.org/meetgraph/ontology#metWith")
    return Rules(
        supers=transitive_closure(sub), superprops=superprops, domains=domains, ranges=ranges,
        inverses=inverses,
        symmetric={to_ox(p) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)},
        transitive={to_ox(p) for p in ontology.subjects(RDF.type, OWL.TransitiveProperty)},
        chain_first=dict(chain_first), chain_second=dict(chain_second),
        svf_property=dict(svf_property), svf_filler=dict(svf_filler), disjoint=dict(disjoint),
        terms=terms, individuals=individuals,
        irreflexive={met_with, *superprops.get(met_with, ())},
    )


# -- the closure being extended ------------------------------------------------------------------

class Index:
    """A set of triples with the two lookups the rules need."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()
        self._objects: dict[tuple[Term, Term], set[Term]] = defaultdict(set)
        self._subjects: dict[tuple[Term, Term], set[Term]] = defaultdict(set)

    def __contains__(self, t: Triple) -> bool:
        return t in self.triples

    def add(self, t: Triple) -> bool:
        if t in self.triples:
            return False
        self.triples.add(t)
        self._objects[(t[0], t[1])].add(t[2])
        self._subjects[(t[1], t[2])].add(t[0])
        return True

    def discard(self, t: Triple) -> None:
        if t in self.triples:
            self.triples.discard(t)
            self._objects[(t[0], t[1])].discard(t[2])
            self._subjects[(t[1], t[2])].discard(t[0])

    def objects(self, s: Term, p: Term) -> Iterable[Term]:
        return tuple(self._objects.get((s, p), ()))

    def subjects(self, p: Term, o: Term) -> Iterable[Term]:
        return tuple(self._subjects.get((p, o), ()))


class StoreIndex(Index):
    """The closure held in an Oxigraph store's default graph, with changes kept in memory.

    ``kg add`` reasons against the whole previous closure without loading it: each lookup is one
    indexed pattern match in the store, corrected by what was added or retracted since.
    """

    def __init__(self, store: ox.Store) -> None:
        super().__init__()
        self.store = store
        self.removed: set[Triple] = set()

    def __contains__(self, t: Triple) -> bool:
        if t in self.triples:
            return True
        if t in self.removed or isinstance(t[0], ox.Literal):
            return False
        return any(True for _ in self.store.quads_for_pattern(t[0], t[1], t[2], ox.DefaultGraph()))

    def add(self, t: Triple) -> bool:
        if t in self:
            return False
        self.removed.discard(t)
        return super().add(t)

    def discard(self, t: Triple) -> None:
        super().discard(t)
        self.removed.add(t)

    def objects(self, s: Term, p: Term) -> Iterable[Term]:
        found = set(super().objects(s, p))
        if not isinstance(s, ox.Literal):
            found.update(q.object for q in self.store.quads_for_pattern(s, p, None, ox.DefaultGraph()))
        return tuple(o for o in found if (s, p, o) not in self.removed)

    def subjects(self, p: Term, o: Term) -> Iterable[Term]:
        found = set(super().subjects(p, o))
        found.update(q.subject for q in self.store.quads_for_pattern(None, p, o, ox.DefaultGraph()))
        return tuple(s for s in found if (s, p, o) not in self.removed)


# -- the rules -----------------------------------------------------------------------------------

def reasoner_view(t: Triple) -> bool:
    """Whether a data triple is input to the rules (as in ``kg.reason``)."""
    s, p, o = t
    if p.value in ANNOTATIONS:
        return False
    return not (_wikidata(s) or _wikidata(o))


def consequences(t: Triple, idx: Index, r: Rules, clashes: list | None = None) -> Iterator[Triple]:
    """Every triple one rule derives from ``t`` and what ``idx`` holds (``t`` included)."""
    s, p, o = t
    if isinstance(o, ox.Literal):  # literal-valued: only sub-properties and domains
        for q in (p, *r.superprops.get(p, ())):
            if q is not p:
                yield s, q, o
            for c in r.domains.get(q, ()):
                yield s, TYPE, c
        return
    if p == TYPE:
        for d in r.supers.get(o, ()):
            yield s, TYPE, d
        for prop, restriction in r.svf_filler.get(o, ()):
            for x in idx.subjects(prop, s):
                yield x, TYPE, restriction
        if clashes is not None:
            for d in r.disjoint.get(o, ()):
                if (s, TYPE, d) in idx:
                    clashes.append((s, o, d))
        return
    for q in r.superprops.get(p, ()):
        yield s, q, o
    for c in r.domains.get(p, ()):
        yield s, TYPE, c
    for c in r.ranges.get(p, ()):
        yield o, TYPE, c
    for q in r.inverses.get(p, ()):
        yield o, q, s
    if p in r.symmetric:
        yield o, p, s
    if p in r.transitive:
        for z in idx.objects(o, p):
            yield s, p, z
        for x in idx.subjects(p, s):
            yield x, p, o
    for p2, q in r.chain_first.get(p, ()):
        for z in idx.objects(o, p2):
            yield s, q, z
    for p1, q in r.chain_second.get(p, ()):
        for x in idx.subjects(p1, s):
            yield x, q, o
    for filler, restriction in r.svf_property.get(p, ()):
        if (o, TYPE, filler) in idx:
            yield s, TYPE, restriction


def saturate(new: Iterable[Triple], idx: Index, r: Rules) -> list[Triple]:
    """Add ``new`` to ``idx`` and everything that follows; returns what was added, in order.

    Raises ``InconsistencyError`` when two disjoint classes meet on one node.
    """
    added: list[Triple] = []
    clashes: list = []
    agenda = deque()
    for t in new:
        if idx.add(t):
            added.append(t)
            agenda.append(t)
    while agenda:
        t = agenda.popleft()
        for c in consequences(t, idx, r, clashes):
            if idx.add(c):
                added.append(c)
                agenda.append(c)
    if clashes:
        raise InconsistencyError(_describe(clashes, r))
    return added


def retract(gone: Iterable[Triple], idx: Index, r: Rules, asserted) -> tuple[set[Triple], list[Triple]]:
    """Delete-and-rederive: take ``gone`` (no longer asserted) out of the closure in ``idx``.

    ``asserted(t)`` says whether a triple is still asserted. Returns (triples that left the
    closure, triples rederived and so still in it). A store keeps only the wanted part of the
    closure, so the steps that pass through an unwanted triple (``x a _:restriction`` on the way
    to ``x a mg:Leader``) are followed without looking it up.
    """
    over: set[Triple] = set()
    agenda = deque(t for t in gone if t in idx)
    while agenda:  # over-delete: all that might have depended on what left
        t = agenda.popleft()
        if t in over:
            continue
        over.add(t)
        for c in consequences(t, idx, r):
            if c not in over and (c in idx or not wanted(c, r)) and not asserted(c):
                agenda.append(c)
    for t in over:
        idx.discard(t)
    nodes = {x for s, p, o in over for x in ((s,) if p == TYPE else (s, o))}
    back: set[Triple] = set()
    for node in nodes:  # one step back: a derivation of (s p o) has a premise about s (or o)
        for u in _about(node, idx):
            back |= _rederivable(u, idx, r, over)
    back.update(t for t in over if asserted(t))
    kept = saturate(back, idx, r)
    return over - set(kept), kept


def _rederivable(u: Triple, idx: Index, r: Rules, over: set[Triple]) -> set[Triple]:
    """What of ``over`` follows from ``u``, also through unwanted triples no store keeps."""
    found: set[Triple] = set()
    seen: set[Triple] = set()
    frontier = [u]
    while frontier:
        for c in consequences(frontier.pop(), idx, r):
            if c in over:
                found.add(c)
            elif c not in seen and not wanted(c, r) and c not in idx:
                seen.add(c)
                frontier.append(c)
    return found


def _about(node: Term, idx: Index) -> Iterator[Triple]:
    if isinstance(idx, StoreIndex):
        patterns = [(None, None, node)] if isinstance(node, ox.Literal) else [(node, None, None), (None, None, node)]
        for s, p, o in patterns:
            for q in idx.store.quads_for_pattern(s, p, o, ox.DefaultGraph()):
                t = (q.subject, q.predicate, q.object)
                if t not in idx.removed:
                    yield t
    for t in list(idx.triples):
        if t[0] == node or t[2] == node:
            yield t


# -- what comes out --------------------------------------------------------------------------------

def wanted(t: Triple, r: Rules) -> bool:
    """The filter of ``kg.reason``: inferences a consumer of the graph wants."""
    s, p, o = t
    if isinstance(s, ox.Literal) or s in r.terms or _meta(s) or _wikidata(s) or _wikidata(o):
        return False
    if p == TYPE:
        return not isinstance(o, (ox.BlankNode, ox.Literal)) and not _meta(o)
    if _meta(p):
        return False
    if p in r.irreflexive and s == o:
        return False
    if isinstance(o, ox.BlankNode) and o in r.terms:
        return False
    return True


def _meta(x: Term) -> bool:
    return isinstance(x, ox.NamedNode) and x.value.startswith(META)


def _wikidata(x: Term) -> bool:
    return isinstance(x, ox.NamedNode) and x.value.startswith(WIKIDATA)


def closure(asserted: Iterable[Triple], r: Rules) -> set[Triple]:
    """The wanted inferences of ``asserted`` (a full build): what the rules add, less what is asserted."""
    idx = Index()
    data = set(asserted)
    saturate([*r.individuals, *(t for t in data if reasoner_view(t))], idx, r)
    return {t for t in idx.triples if t not in data and wanted(t, r)}


def _describe(clashes: list, r: Rules) -> str:
    def short(x: Term) -> str:
        v = x.value
        return "mg:" + v.split("#", 1)[1] if v.startswith("https://w3id.org/meetgraph/ontology#") else f"<{v}>"

    lines = sorted({f"{short(s)} is both {short(a)} and {short(b)}, which are disjoint" for s, a, b in clashes})
    return "the data contradicts the ontology: " + "; ".join(lines)
