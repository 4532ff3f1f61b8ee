"""One table of formats: media type ↔ rdflib name ↔ pyoxigraph format ↔ file suffix.

Used by ``/sparql``, ``/id/…``, ``/ontology``, ``kg query --format`` and ``kg build --out``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    suffix: str
    rdflib: str | None  # rdflib serializer/parser name, None for result formats
    oxigraph: object  # pyoxigraph RdfFormat or QueryResultsFormat
    kind: str  # "graph", "dataset" or "results"


RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", "turtle", ox.RdfFormat.TURTLE, "graph"),
    Format("ntriples", "application/n-triples", ".nt", "nt", ox.RdfFormat.N_TRIPLES, "graph"),
    Format("rdfxml", "application/rdf+xml", ".rdf", "xml", ox.RdfFormat.RDF_XML, "graph"),
    Format("jsonld", "application/ld+json", ".jsonld", "json-ld", ox.RdfFormat.JSON_LD, "graph"),
    Format("trig", "application/trig", ".trig", "trig", ox.RdfFormat.TRIG, "dataset"),
    Format("nquads", "application/n-quads", ".nq", "nquads", ox.RdfFormat.N_QUADS, "dataset"),
)

RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ".srj", None, ox.QueryResultsFormat.JSON, "results"),
    Format("xml", "application/sparql-results+xml", ".srx", None, ox.QueryResultsFormat.XML, "results"),
    Format("csv", "text/csv", ".csv", None, ox.QueryResultsFormat.CSV, "results"),
    Format("tsv", "text/tab-separated-values", ".tsv", None, ox.QueryResultsFormat.TSV, "results"),
)

ALL_FORMATS = RDF_FORMATS + RESULT_FORMATS


def by_name(name: str) -> Format | None:
    return next((f for f in ALL_FORMATS if f.name == name.lower()), None)


def by_media_type(media_type: str) -> Format | None:
    media_type = media_type.split(";")[0].strip().lower()
    return next((f for f in ALL_FORMATS if f.media_type == media_type), None)


def by_suffix(path: str | Path) -> Format | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in ALL_FORMATS if f.suffix == suffix), None)
