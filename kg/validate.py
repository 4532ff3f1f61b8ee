"""SHACL validation of the built graph: a readable error, one line per violation.

pySHACL runs with ``inference="none"``: the graph given is already reasoned (``kg.reason``), so
the types a shape needs (``mg:Person`` on a participant, ``mg:Organization`` on a firm) are there
as triples, and pySHACL's own RDFS/OWL pass would only repeat the work, slower.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.errors import BuildError, ValidationError
from kg.vocab import MG

SH = Namespace("http://www.w3.org/ns/shacl#")
MAX_LINES = 20
TYPE = ox.NamedNode(str(RDF.type))


def validate(data: Graph, shapes: Graph, ontology: Graph | None = None) -> None:
    """Raise ``ValidationError`` unless ``data`` conforms to ``shapes``.

    ``ontology``, when given, is mixed in so that ``sh:class`` also sees sub-classes declared only
    there. The message has one line per violation (the focus node with its label, the path, the
    shape's message), at most ``MAX_LINES`` of them, then how many more there are.
    """
    _fail(violations(data, shapes, ontology))


def _fail(lines: Iterable[str]) -> None:
    lines = sorted(lines)
    if not lines:
        return
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"and {len(lines) - MAX_LINES} more")
    noun = "violation" if len(lines) == 1 else "violations"
    raise ValidationError(f"the graph does not conform to the shapes ({len(lines)} {noun}):\n" + "\n".join(shown))


def violations(data: Graph, shapes: Graph, ontology: Graph | None = None, focus: list | None = None,
               inplace: bool = False) -> list[str]:
    from pyshacl import validate as shacl_validate  # slow to import: only when validating

    conforms, report, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
        focus_nodes=focus,
        inplace=inplace,
    )
    if conforms:
        return []
    return sorted({_describe(report, result, data) for result in report.subjects(RDF.type, SH.ValidationResult)
                   if report.value(result, SH.resultSeverity) == SH.Violation})


def validate_graph(triples: Iterable, shapes: Graph, ontology: Graph) -> None:
    """Validate a whole dataset given as pyoxigraph triples (a build): one pySHACL run, in place."""
    from kg.terms import rdflib_graph

    data = rdflib_graph(triples)
    data += ontology
    _fail(violations(data, shapes, None, None, inplace=True))


def validate_nodes(store: ox.Store, nodes: Iterable, shapes: Graph, ontology: Graph) -> None:
    """Validate just ``nodes`` of a stored graph (default graph: asserted and inferred): ``kg add``.

    What a shape checks of a node is the node's own triples on the shapes' paths and the types of
    their objects, so that neighbourhood is all pySHACL is given: its cost follows the change, not
    the graph (an organisation reported in thousands of articles brings none of those links).
    """
    from kg.terms import rdflib_graph

    focus = sorted(n.value for n in nodes if isinstance(n, ox.NamedNode))
    if not focus:
        return
    by_class, by_subject_of = _targeted_paths(shapes)
    triples, objects = [], set()
    for iri in focus:
        own = list(store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.DefaultGraph()))
        # only the paths of shapes that target this node: an organisation's thousands of
        # mg:reportedIn links are checked by no shape, so pySHACL is not given them
        paths = {TYPE}.union(*(by_class.get(q.object, ()) for q in own if q.predicate == TYPE),
                             *(by_subject_of.get(q.predicate, ()) for q in own))
        for q in own:
            if q.predicate in paths:
                triples.append((q.subject, q.predicate, q.object))
                if not isinstance(q.object, ox.Literal) and q.predicate != TYPE:
                    objects.add(q.object)
    for o in objects:
        triples.extend((o, t.predicate, t.object) for t in store.quads_for_pattern(o, TYPE, None, ox.DefaultGraph()))
    data = rdflib_graph(triples)
    data += ontology  # mixed in here, so pySHACL need not copy the data to mix it in
    _fail(violations(data, shapes, None, focus, inplace=True))


def _targeted_paths(shapes: Graph) -> tuple[dict[ox.NamedNode, set[ox.NamedNode]], dict[ox.NamedNode, set[ox.NamedNode]]]:
    """The paths each shape checks, by what it targets: a class, or the subjects of a property."""
    unhandled = {str(t) for t in (SH.targetNode, SH.targetObjectsOf) if any(shapes.subject_objects(t))}
    unhandled |= {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, RDF.type, RDFS.Class) in shapes}
    if unhandled:  # a shape kg add would not know to check: say so rather than pass it by
        raise BuildError(f"kg add cannot validate shapes targeted by {', '.join(sorted(unhandled))}: "
                         "target them by sh:targetClass or sh:targetSubjectsOf")
    by_class: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    by_subject_of: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for shape in set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(SH.targetSubjectsOf, None)):
        paths = {ox.NamedNode(str(p)) for prop in shapes.objects(shape, SH.property)
                 for p in shapes.objects(prop, SH.path) if isinstance(p, URIRef)}
        for t in shapes.objects(shape, SH.targetClass):
            by_class.setdefault(ox.NamedNode(str(t)), set()).update(paths)
        for t in shapes.objects(shape, SH.targetSubjectsOf):  # its own property too: the node is a subject of it
            by_subject_of.setdefault(ox.NamedNode(str(t)), set()).update(paths | {ox.NamedNode(str(t))})
    return by_class, by_subject_of


def _describe(report: Graph, result: Node, data: Graph) -> str:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    value = report.value(result, SH.value)
    line = f"{_name(focus, data)}"
    if path is not None:
        line += f" {_short(path, data)}"
    line += ": " + ("; ".join(messages) if messages else "violates a shape")
    if value is not None and value != focus:
        line += f" (value: {_name(value, data)})"
    return line


def _name(node: Node | None, data: Graph) -> str:
    """A node as a person reads it: its label and IRI, or the literal."""
    if node is None:
        return "?"
    if isinstance(node, Literal):
        return repr(str(node))
    label = data.value(node, RDFS.label)
    return f'"{label}" <{node}>' if label is not None else f"<{node}>"


def _short(path: Node, data: Graph) -> str:
    if isinstance(path, URIRef):
        if str(path).startswith(str(MG)):
            return "mg:" + str(path)[len(str(MG)):]
        return data.namespace_manager.normalizeUri(path)
    return "(path)"
