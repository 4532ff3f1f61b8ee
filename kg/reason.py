"""OWL 2 RL reasoning: the one place owlrl is called.

``reason(ontology, data)`` returns only the inferences a consumer of the graph wants, never what
was already asserted. What the reasoner sees, and why:

- **No literal-valued triples.** Names, dates, evidence and URLs are scanned on every rule cycle
  yet feed no rule we use; leaving them out cuts the time by a third and removes owlrl's literal
  junk (literal subjects, ``"x" owl:sameAs "x"``). What they would have given is added back
  explicitly: the super-property triples of literal-valued triples (``mg:datePublished`` →
  ``schema:datePublished``) and the ``rdfs:domain`` types of their subjects.
- **No links to Wikidata.** ``owl:sameAs wd:Q…`` makes owlrl copy every triple of an entity onto
  the Wikidata IRI and back (a sixth of all inferences), lets ``metWith`` self-loops leak through
  the alias, and would merge two of our entities for good if two shared a QID. The links are
  curated by hand and are served as asserted: a consumer follows them, the reasoner does not.
- **No annotations of the ontology** (labels, comments, ``rdfs:isDefinedBy``, metadata).

The closure is filtered: no literal subjects, no ``x owl:sameAs x``, no ``rdf:type owl:Thing``
or other meta types, no reflexive or T-box triples (anything whose predicate is an RDF/RDFS/OWL
term other than ``rdf:type`` and ``owl:sameAs``), nothing about a term of the ontology or of the
RDF/RDFS/OWL/XSD vocabularies, no anonymous restriction classes as types, and no ``x mg:metWith
x``. An inconsistency (owlrl's error nodes) raises ``InconsistencyError`` naming the resources.

owlrl is pinned (owlrl 7.6.2, rdflib 7.6.0): its OWL RL code is moving into rdflib itself, so the
call stays here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import owlrl
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.errors import InconsistencyError
from kg.rules import transitive_closure
from kg.vocab import MG


WIKIDATA = "http://www.wikidata.org/entity/"
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary

META_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
KEPT_META_PREDICATES = {RDF.type, OWL.sameAs}
# ontology triples that annotate rather than define: the reasoner need not see them
ANNOTATION_PREDICATES = {
    RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso,
    OWL.versionInfo, OWL.versionIRI, OWL.priorVersion, OWL.imports,
}


def reason(ontology: Graph, data: Graph) -> Graph:
    """The useful OWL 2 RL inferences of ``ontology`` + ``data`` that neither asserts.

    Pure: neither input is changed (the reasoner runs on a working copy), and the same inputs
    give the same triples. Raises ``InconsistencyError`` when the data contradicts the ontology
    (e.g. one node typed both ``mg:Person`` and ``mg:Firm``).
    """
    work = Graph()
    for triple in _reasoner_input(ontology, data):
        work.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(work)

    errors = sorted(str(msg) for node in work.subjects(RDF.type, ERR.ErrorMessage) for msg in work.objects(node, ERR.error))
    if errors:
        raise InconsistencyError(_describe_errors(errors, ontology, data))

    terms = _ontology_terms(ontology)
    # metWith and its super-properties (foaf:knows) never link a person with itself
    irreflexive = {MG.metWith, *_super_properties(ontology).get(MG.metWith, ())}
    inferred = Graph()
    for prefix, namespace in ontology.namespaces():  # the ontology's prefixes, for readable output
        inferred.bind(prefix, namespace, override=False)
    for triple in work:
        if triple in data or triple in ontology:
            continue
        if _wanted(triple, terms) and not (triple[1] in irreflexive and triple[0] == triple[2]):
            inferred.add(triple)
    for triple in _lifted_literal_triples(ontology, data):
        if triple not in data:
            inferred.add(triple)
    return inferred


# -- what the reasoner sees ---------------------------------------------------------------------

def _is_wikidata(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(WIKIDATA)


def _is_meta(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(META_NAMESPACES)


def _reasoner_input(ontology: Graph, data: Graph) -> Iterator[tuple[Node, Node, Node]]:
    # the ontology's logical axioms: RDF/RDFS/OWL predicates, no annotations, no literals
    for s, p, o in ontology:
        if isinstance(o, Literal) or p in ANNOTATION_PREDICATES or not _is_meta(p):
            continue
        yield s, p, o
    # the data's resource-valued triples, less the Wikidata links
    for s, p, o in data:
        if isinstance(o, Literal) or p in ANNOTATION_PREDICATES or _is_wikidata(s) or _is_wikidata(o):
            continue
        yield s, p, o
    # what the left-out literal triples would have given through rdfs:domain
    domains = _domains(ontology)
    supers = _super_properties(ontology)
    for s, p, o in data:
        if isinstance(o, Literal) and not isinstance(s, Literal):
            for prop in (p, *supers.get(p, ())):
                for cls in domains.get(prop, ()):
                    yield s, RDF.type, cls


def _super_properties(ontology: Graph) -> dict[Node, set[Node]]:
    """Every property's strict super-properties (subPropertyOf and equivalentProperty, closed)."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
        direct.setdefault(sub, set()).add(sup)
    for a, b in ontology.subject_objects(OWL.equivalentProperty):
        direct.setdefault(a, set()).add(b)
        direct.setdefault(b, set()).add(a)
    return {prop: set(supers) for prop, supers in transitive_closure(direct).items()}


def _domains(ontology: Graph) -> dict[Node, set[Node]]:
    domains: dict[Node, set[Node]] = {}
    for prop, cls in ontology.subject_objects(RDFS.domain):
        if isinstance(cls, URIRef):
            domains.setdefault(prop, set()).add(cls)
    return domains


def _lifted_literal_triples(ontology: Graph, data: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """``s q lit`` for every asserted ``s p lit`` and every super-property ``q`` of ``p``."""
    supers = _super_properties(ontology)
    for s, p, o in data:
        if isinstance(o, Literal) and not isinstance(s, Literal):
            for q in supers.get(p, ()):
                if isinstance(q, URIRef) and not _is_meta(q):
                    yield s, q, o


# -- what comes out ------------------------------------------------------------------------------

def _ontology_terms(ontology: Graph) -> set[Node]:
    """Every node the ontology mentions: its classes, properties, restrictions, lists and
    individuals (mg:Held), and the standard vocabularies' terms it aligns to. What the reasoner
    derives about them is the ontology's business, served with the ontology, not as data."""
    nodes: set[Node] = set()
    for s, p, o in ontology:
        nodes.update((s, p))
        if not isinstance(o, Literal):
            nodes.add(o)
    return nodes


def _wanted(triple: tuple[Node, Node, Node], terms: set[Node]) -> bool:
    s, p, o = triple
    if isinstance(s, Literal) or isinstance(o, Literal):
        return False
    if s in terms or _is_meta(s) or _is_wikidata(s) or _is_wikidata(o):
        return False
    if _is_meta(p) and p not in KEPT_META_PREDICATES:
        return False  # subClassOf, subPropertyOf, equivalentClass, differentFrom …
    if p == OWL.sameAs:
        return s != o
    if p == RDF.type:
        # no anonymous restriction classes, no owl:Thing / rdfs:Resource / owl:Class, no error nodes
        return not isinstance(o, BNode) and not _is_meta(o) and o != ERR.ErrorMessage
    if isinstance(o, BNode) and o in terms:
        return False
    return True


# -- inconsistency ---------------------------------------------------------------------------------

_IRI = re.compile(r"https?://[^\s<>\"']+")


def _describe_errors(errors: Iterable[str], ontology: Graph, data: Graph) -> str:
    """owlrl's messages, each IRI written as a CURIE or with the label of the resource."""

    def name(match: re.Match[str]) -> str:
        iri = URIRef(match.group(0))
        label = data.value(iri, RDFS.label) or ontology.value(iri, RDFS.label)
        if str(iri).startswith(str(MG)):
            return f"mg:{str(iri)[len(str(MG)):]}"
        return f'"{label}" <{iri}>' if label is not None else f"<{iri}>"

    lines = [_IRI.sub(name, message) for message in errors]
    return "the data contradicts the ontology: " + "; ".join(lines)
