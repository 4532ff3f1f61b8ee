"""What the graph says about a resource, read with SPARQL: its statements, its neighbours' labels.

A description is the resource's own triples, the triples pointing at it and the ``rdfs:label`` of
every neighbour (so that a client needs no second request to name what it links to), each triple
with the named graphs holding it: a triple held only by ``{base}graph/inferred`` is inferred, one in
``{base}graph/article/{slug}`` was read from that article. The RDF answers of ``/id/…`` and the
HTML page are drawn from the same ``Description``, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from service.site import Site
from service.terms import (
    LABEL,
    MG,
    RDF_TYPE,
    article_of_graph,
    inferred_graph,
    sparql_iri,
    sparql_prefixes,
)

_LABEL_BATCH = 400
"""IRIs per label query (a VALUES block); keeps every query small."""


@dataclass(frozen=True)
class Statement:
    """One triple and the named graphs that hold it."""

    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    object: ox.Term
    graphs: frozenset[str]

    def inferred(self, base: str) -> bool:
        """Held by the reasoner's graph only: nothing states it, the ontology implies it."""
        return self.graphs <= {inferred_graph(base)}

    def articles(self, base: str) -> list[str]:
        """The articles that state it (from their named graphs), sorted."""
        return sorted(a for g in self.graphs if (a := article_of_graph(g, base)) is not None)

    def triple(self) -> ox.Triple:
        return ox.Triple(self.subject, self.predicate, self.object)


@dataclass
class Description:
    iri: str
    outgoing: list[Statement]
    incoming: list[Statement]
    neighbour_labels: list[Statement]
    labels: dict[str, str]
    """Best label of the resource, its neighbours, the predicates and classes used."""
    truncated: bool
    query: str
    """A CONSTRUCT giving the same triples: the page's "show the SPARQL"."""

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming)

    def statements(self) -> list[Statement]:
        return self.outgoing + self.incoming + self.neighbour_labels

    def quads(self) -> list[ox.Quad]:
        """Every statement once per graph holding it (TriG, N-Quads)."""
        quads = {
            ox.Quad(s.subject, s.predicate, s.object, ox.NamedNode(g))
            for s in self.statements()
            for g in s.graphs
        }
        return sorted(quads, key=str)

    def triples(self) -> list[ox.Triple]:
        """Every statement once (Turtle, N-Triples, RDF/XML, JSON-LD)."""
        return sorted({s.triple() for s in self.statements()}, key=str)

    def values(self, predicate: str) -> list[ox.Term]:
        return [s.object for s in self.outgoing if s.predicate.value == predicate]

    def types(self, base: str) -> list[tuple[str, bool]]:
        """(class IRI, inferred?) for each ``rdf:type``, asserted first."""
        types = [
            (s.object.value, s.inferred(base))
            for s in self.outgoing
            if s.predicate.value == RDF_TYPE and isinstance(s.object, ox.NamedNode)
        ]
        return sorted(types, key=lambda t: (t[1], t[0]))


def description_query(iri: str) -> str:
    """The CONSTRUCT that a client can run for the same triples as ``/id/…`` serves."""
    node = sparql_iri(iri)
    return (
        sparql_prefixes("rdfs")
        + "CONSTRUCT {\n"
        + f"  {node} ?p ?o .\n  ?s ?q {node} .\n  ?n rdfs:label ?label .\n"
        + "} WHERE {\n"
        + f"  {{ {node} ?p ?o }}\n  UNION {{ ?s ?q {node} }}\n"
        + f"  UNION {{ {{ {node} ?x ?n }} UNION {{ ?n ?y {node} }} ?n rdfs:label ?label }}\n"
        + "}\n"
    )


def describe(site: Site, iri: str) -> Description:
    """The description of ``iri`` (empty if the graph does not mention it)."""
    node = sparql_iri(iri)
    query = (
        "SELECT ?s ?p ?o ?g WHERE {\n"
        f"  {{ GRAPH ?g {{ {node} ?p ?o }} BIND({node} AS ?s) }}\n"
        f"  UNION {{ GRAPH ?g {{ ?s ?p {node} }} BIND({node} AS ?o) }}\n"
        "}"
    )
    answer = site.select(query)
    outgoing, incoming = _group(answer.rows, iri)
    neighbours = {
        t.value
        for s in outgoing + incoming
        for t in (s.object, s.subject)
        if isinstance(t, ox.NamedNode) and t.value != iri
    }
    others = {s.predicate.value for s in outgoing + incoming} | {iri}
    label_statements, truncated = label_statements_of(site, neighbours | others)
    labels = best_labels(label_statements)
    neighbour_labels = [s for s in label_statements if s.subject.value in neighbours]
    return Description(
        iri=iri,
        outgoing=outgoing,
        incoming=incoming,
        neighbour_labels=neighbour_labels,
        labels=labels,
        truncated=answer.truncated or truncated,
        query=description_query(iri),
    )


def _group(rows: list[dict[str, ox.Term]], iri: str) -> tuple[list[Statement], list[Statement]]:
    graphs: dict[tuple, set[str]] = {}
    for row in rows:
        key = (row["s"], row["p"], row["o"])
        graphs.setdefault(key, set()).add(row["g"].value)
    outgoing, incoming = [], []
    for (s, p, o), names in graphs.items():
        statement = Statement(s, p, o, frozenset(names))  # type: ignore[arg-type]
        if isinstance(s, ox.NamedNode) and s.value == iri:
            outgoing.append(statement)
        if isinstance(o, ox.NamedNode) and o.value == iri:
            incoming.append(statement)
    order = lambda s: (s.predicate.value, str(s.subject), str(s.object))  # noqa: E731
    return sorted(outgoing, key=order), sorted(incoming, key=order)


def label_statements_of(site: Site, iris: set[str]) -> tuple[list[Statement], bool]:
    """The ``rdfs:label`` statements of ``iris`` with their graphs; and whether any answer was cut."""
    found: dict[tuple, set[str]] = {}
    truncated = False
    ordered = sorted(iris)
    for start in range(0, len(ordered), _LABEL_BATCH):
        values = " ".join(sparql_iri(i) for i in ordered[start:start + _LABEL_BATCH])
        answer = site.select(
            f"SELECT ?n ?label ?g WHERE {{ VALUES ?n {{ {values} }} "
            f"GRAPH ?g {{ ?n <{LABEL}> ?label }} }}"
        )
        truncated |= answer.truncated
        for row in answer.rows:
            found.setdefault((row["n"], row["label"]), set()).add(row["g"].value)
    statements = [
        Statement(n, ox.NamedNode(LABEL), label, frozenset(g))  # type: ignore[arg-type]
        for (n, label), g in sorted(found.items(), key=lambda item: str(item[0]))
    ]
    return statements, truncated


def best_labels(statements: list[Statement]) -> dict[str, str]:
    """One label per IRI: English first, then untagged, then any; the smallest on ties."""
    ranked: dict[str, tuple[int, str]] = {}
    for statement in statements:
        literal = statement.object
        if not isinstance(literal, ox.Literal):
            continue
        language = literal.language or ""
        rank = 0 if language.startswith("en") else 1 if not language else 2
        key = statement.subject.value
        if key not in ranked or (rank, literal.value) < ranked[key]:
            ranked[key] = (rank, literal.value)
    return {iri: value for iri, (_, value) in ranked.items()}


def labels_of(site: Site, iris: set[str]) -> dict[str, str]:
    """Best labels of ``iris`` (those without one are left out)."""
    if not iris:
        return {}
    statements, _ = label_statements_of(site, iris)
    return best_labels(statements)


@dataclass
class Evidence:
    sentence: str
    article: str | None


@dataclass
class Meeting:
    """A meeting with what a timeline shows; IRIs for the things it links to."""

    iri: str
    label: str = ""
    date: str | None = None
    start: str | None = None
    end: str | None = None
    status: str | None = None
    places: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    announced: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def year(self) -> str | None:
        return (self.start or self.date or "")[:4] or None

    @property
    def sort_key(self) -> tuple:
        return (self.start or "9999", self.end or "9999", self.label, self.iri)


_MEETING_FIELDS = {
    "mg:date": "date",
    "mg:startDate": "start",
    "mg:endDate": "end",
    "mg:status": "status",
    "mg:location": "places",
    "mg:participant": "participants",
    "mg:host": "hosts",
    "mg:topic": "topics",
    "mg:about": "about",
    "mg:reportedIn": "articles",
    "mg:announcedIn": "announced",
    "mg:evidence": "evidence",
    "rdfs:label": "label",
}
_FULL = {
    (MG + name[3:] if name.startswith("mg:") else LABEL): attribute
    for name, attribute in _MEETING_FIELDS.items()
}


@dataclass
class Meetings:
    meetings: list[Meeting]
    labels: dict[str, str]
    truncated: bool
    query: str


def meetings_query(where: str) -> str:
    """The meetings that ``where`` binds to ``?m``, with what a timeline shows of each."""
    predicates = ", ".join(_MEETING_FIELDS)
    return (
        sparql_prefixes("mg", "rdfs")
        + "SELECT ?m ?p ?o ?g WHERE {\n"
        + "  { SELECT DISTINCT ?m WHERE {\n"
        + "".join(f"      {line}\n" for line in where.strip().splitlines())
        + "  } }\n"
        + "  GRAPH ?g { ?m ?p ?o }\n"
        + f"  FILTER (?p IN ({predicates}))\n"
        + "}"
    )


def meetings(site: Site, where: str) -> Meetings:
    """Meetings bound to ``?m`` by the SPARQL group ``where``, sorted by date, with labels."""
    query = meetings_query(where)
    answer = site.select(query)
    found: dict[str, Meeting] = {}
    evidence: dict[str, dict[str, set[str]]] = {}
    for row in answer.rows:
        meeting = found.setdefault(row["m"].value, Meeting(row["m"].value))
        attribute = _FULL.get(row["p"].value)
        value = row["o"]
        if attribute == "evidence":
            article = article_of_graph(row["g"].value, site.base)
            evidence.setdefault(meeting.iri, {}).setdefault(value.value, set()).add(article or "")
        elif attribute in ("date", "start", "end", "label", "status"):
            setattr(meeting, attribute, value.value)
        elif attribute is not None and value.value not in getattr(meeting, attribute):
            getattr(meeting, attribute).append(value.value)
    iris: set[str] = set()
    for meeting in found.values():
        for sentence, articles in sorted(evidence.get(meeting.iri, {}).items()):
            for article in sorted(articles):
                meeting.evidence.append(Evidence(sentence, article or None))
        for name in ("places", "participants", "hosts", "topics", "about", "articles", "announced"):
            getattr(meeting, name).sort()
            iris.update(getattr(meeting, name))
        if meeting.status:
            iris.add(meeting.status)
    labels = labels_of(site, iris)
    labels.update({m.iri: m.label for m in found.values() if m.label})
    ordered = sorted(found.values(), key=lambda m: m.sort_key)
    return Meetings(ordered, labels, answer.truncated, query)


def related_meetings_pattern(iri: str, kind: str) -> str:
    """The meetings a resource of ``kind`` is tied to, as a group binding ``?m``."""
    node = sparql_iri(iri)
    patterns = {
        "person": f"?m mg:participant {node} .",
        "meeting": f"{{ BIND({node} AS ?m) }} UNION {{ {node} mg:participant ?x . ?m mg:participant ?x }}",
        "technology": f"?m mg:about {node} .",
        "place": f"?m mg:location ?where . ?where mg:locatedIn* {node} .",
        "org": f"{{ ?m mg:host {node} }} UNION {{ ?m mg:participant ?x . ?x mg:affiliatedWith {node} }}",
        "article": f"?m mg:reportedIn {node} .",
        "role": f"{node} mg:member ?x . ?m mg:participant ?x .",
    }
    return f"?m a mg:Meeting .\n{patterns[kind]}"
