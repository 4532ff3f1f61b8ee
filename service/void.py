"""``/.well-known/void``: the VoID description of the dataset (http://rdfs.org/ns/void#).

What a crawler or a catalogue needs before it downloads anything: title, description, licence,
sources, version; how many triples (in all, asserted, inferred) and entities, per class and per
property; which vocabularies; where the SPARQL endpoint, the search and the dumps are; a few
example resources; and the links to Wikidata as a linkset. Counted with SPARQL once per graph
version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from service import dumps
from service.site import DESCRIPTION, LICENCE, TITLE, Site
from service.terms import MG, NAMESPACES, RDF_TYPE, SAME_AS, sparql_iri, sparql_prefixes

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
WIKIDATA = "http://www.wikidata.org/entity/"


@dataclass
class Subset:
    key: str
    title: str
    triples: int
    dumps: list[str]


@dataclass
class VoidInfo:
    document: str
    dataset: str
    title: str
    description: str
    licence: str
    version: str
    modified: str
    triples: int
    entities: int
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]
    vocabularies: list[str]
    examples: list[str]
    sources: list[str]
    endpoint: str
    search: str
    uri_space: str
    dumps: list[str]
    subsets: list[Subset] = field(default_factory=list)
    wikidata_links: int = 0


def void_info(site: Site) -> VoidInfo:
    return site.memo("void", lambda: _count(site))


def _count(site: Site) -> VoidInfo:
    base = site.base
    inferred = sparql_iri(base + "graph/inferred")
    ids = f'"{base}id/"'

    def number(query: str) -> int:
        rows = site.select(query).rows
        return int(rows[0]["n"].value) if rows else 0

    triples = number("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    asserted = number(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        f"GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {inferred}) }} }}"
    )
    inferred_count = number(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {inferred} {{ ?s ?p ?o }} }}")
    entities = number(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?s), {ids})) }}"
    )
    classes = [
        (row["c"].value, int(row["n"].value))
        for row in site.select(
            f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{RDF_TYPE}> ?c FILTER (isIRI(?c)) }} "
            "GROUP BY ?c ORDER BY DESC(?n) ?c"
        )
    ]
    properties = [
        (row["p"].value, int(row["n"].value))
        for row in site.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p")
    ]
    wikidata = number(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{SAME_AS}> ?o FILTER (STRSTARTS(STR(?o), \"{WIKIDATA}\")) }}"
    )
    examples = [
        row["s"].value
        for row in site.select(
            sparql_prefixes("mg")
            + "SELECT ?s WHERE {\n"
            "  { SELECT ?s (COUNT(?m) AS ?n) WHERE { ?m mg:participant ?s } "
            "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1 }\n"
            "  UNION { SELECT ?s WHERE { ?s a mg:Meeting ; mg:startDate ?d } ORDER BY DESC(?d) ?s LIMIT 1 }\n"
            "  UNION { SELECT ?s WHERE { ?s a mg:Article } ORDER BY ?s LIMIT 1 }\n}"
        )
    ]
    sources = [
        row["s"].value
        for row in site.select(sparql_prefixes("mg") + "SELECT ?s WHERE { ?s a mg:Article } ORDER BY ?s")
    ]
    meta = site.meta()
    vocabularies = sorted(
        {namespace_of(iri) for iri, _ in classes + properties if not iri.startswith(base)}
        - {""}
    )
    dump_urls = [f"{base}dumps/{s.name}" for s in dumps.SPECS]
    info = VoidInfo(
        document=f"{base}.well-known/void",
        dataset=f"{base}.well-known/void#dataset",
        title=TITLE,
        description=DESCRIPTION,
        licence=LICENCE,
        version=str(meta.get("version", "")),
        modified=str(meta.get("built_at", "")),
        triples=triples,
        entities=entities,
        classes=classes,
        properties=properties,
        vocabularies=vocabularies,
        examples=examples,
        sources=sources,
        endpoint=f"{base}sparql",
        search=f"{base}api/search?q=",
        uri_space=f"{base}id/",
        dumps=[u for u, s in zip(dump_urls, dumps.SPECS, strict=True) if s.part == "all"],
        wikidata_links=wikidata,
    )
    for key, title, count in (
        ("asserted", dumps.PARTS["asserted"], asserted),
        ("inferred", dumps.PARTS["inferred"], inferred_count),
    ):
        info.subsets.append(
            Subset(key, title, count, [u for u, s in zip(dump_urls, dumps.SPECS, strict=True) if s.part == key])
        )
    return info


def namespace_of(iri: str) -> str:
    """The vocabulary an IRI belongs to: up to its last ``#``, else its last ``/``."""
    for known in NAMESPACES.values():
        if iri.startswith(known):
            return known
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1] if cut > 0 else ""


def void_quads(info: VoidInfo) -> list[ox.Quad]:
    """The description as quads in the default graph."""
    quads: list[ox.Quad] = []
    graph = ox.DefaultGraph()

    def add(subject, predicate: str, obj) -> None:
        quads.append(ox.Quad(subject, ox.NamedNode(predicate), obj, graph))

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(XSD + "integer"))

    document, dataset = iri(info.document), iri(info.dataset)
    add(document, RDF_TYPE, iri(VOID + "DatasetDescription"))
    add(document, DCTERMS + "title", ox.Literal(f"A VoID description of {info.title}", language="en"))
    add(document, FOAF + "primaryTopic", dataset)
    add(dataset, RDF_TYPE, iri(VOID + "Dataset"))
    add(dataset, DCTERMS + "title", ox.Literal(info.title, language="en"))
    add(dataset, DCTERMS + "description", ox.Literal(info.description, language="en"))
    add(dataset, DCTERMS + "license", iri(info.licence))
    if info.version:
        add(dataset, OWL + "versionInfo", ox.Literal(info.version))
    if info.modified:
        add(dataset, DCTERMS + "modified", ox.Literal(info.modified))
    for source in info.sources:
        add(dataset, DCTERMS + "source", iri(source))
    add(dataset, VOID + "triples", integer(info.triples))
    add(dataset, VOID + "entities", integer(info.entities))
    add(dataset, VOID + "uriSpace", ox.Literal(info.uri_space))
    add(dataset, VOID + "sparqlEndpoint", iri(info.endpoint))
    add(dataset, VOID + "uriLookupEndpoint", iri(info.search))
    add(dataset, VOID + "rootResource", iri(info.uri_space.rsplit("id/", 1)[0]))
    add(dataset, VOID + "feature", iri("http://www.w3.org/ns/formats/Turtle"))
    add(dataset, VOID + "feature", iri("http://www.w3.org/ns/formats/JSON-LD"))
    add(dataset, VOID + "feature", iri("http://www.w3.org/ns/formats/RDF_XML"))
    add(dataset, VOID + "feature", iri("http://www.w3.org/ns/formats/N-Triples"))
    for vocabulary in info.vocabularies:
        add(dataset, VOID + "vocabulary", iri(vocabulary))
    for example in info.examples:
        add(dataset, VOID + "exampleResource", iri(example))
    for dump in info.dumps:
        add(dataset, VOID + "dataDump", iri(dump))
    for index, (cls, count) in enumerate(info.classes):
        node = ox.BlankNode(f"class{index}")
        add(dataset, VOID + "classPartition", node)
        add(node, VOID + "class", iri(cls))
        add(node, VOID + "entities", integer(count))
    for index, (prop, count) in enumerate(info.properties):
        node = ox.BlankNode(f"property{index}")
        add(dataset, VOID + "propertyPartition", node)
        add(node, VOID + "property", iri(prop))
        add(node, VOID + "triples", integer(count))
    for subset in info.subsets:
        node = iri(f"{info.document}#{subset.key}")
        add(dataset, VOID + "subset", node)
        add(node, RDF_TYPE, iri(VOID + "Dataset"))
        add(node, DCTERMS + "title", ox.Literal(subset.title, language="en"))
        add(node, VOID + "triples", integer(subset.triples))
        for dump in subset.dumps:
            add(node, VOID + "dataDump", iri(dump))
    if info.wikidata_links:
        linkset = iri(f"{info.document}#wikidata")
        add(dataset, VOID + "subset", linkset)
        add(linkset, RDF_TYPE, iri(VOID + "Linkset"))
        add(linkset, DCTERMS + "title", ox.Literal("Identity links to Wikidata", language="en"))
        add(linkset, VOID + "linkPredicate", iri(SAME_AS))
        add(linkset, VOID + "subjectsTarget", dataset)
        add(linkset, VOID + "objectsTarget", iri("http://www.wikidata.org/"))
        add(linkset, VOID + "triples", integer(info.wikidata_links))
    add(dataset, RDFS + "seeAlso", iri(MG.rstrip("#")))
    return quads
