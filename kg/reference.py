"""Load the curated files: the ontology, the SHACL shapes and the reference data.

The reference data (``data/reference/*.ttl``) is background knowledge written by hand: known
people, organisations, places and technologies with their names, Wikidata links and the
hierarchies (``mg:locatedIn``, ``mg:partOf``, ``mg:broader``) that articles rarely state. Its
files use *relative* IRIs (``<id/person/lee-jae-yong>``) and no ``@base``, so that parsing them
with ``publicID=base`` puts every entity under the configured base IRI, exactly where the
extraction mints the IRIs of the same entities.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import ReferenceDataError

ONTOLOGY_FILE = "meetgraph.ttl"
SHAPES_FILE = "shapes.ttl"


def _parse_into(graph: Graph, path: Path, public_id: str | None = None) -> None:
    """Parse one Turtle file; any problem becomes a ReferenceDataError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ReferenceDataError(f"{path}: cannot read: {err}") from err
    try:
        graph.parse(data=text, format="turtle", publicID=public_id)
    except BadSyntax as err:
        line = getattr(err, "lines", None)
        where = f"{path}:{line + 1}" if isinstance(line, int) else str(path)
        raise ReferenceDataError(f"{where}: Turtle syntax error: {getattr(err, '_why', err)}") from err
    except Exception as err:  # rdflib raises plain exceptions for bad IRIs, prefixes, literals
        raise ReferenceDataError(f"{path}: cannot parse: {err}") from err


def load_reference(reference_dir: Path, base: str) -> Graph:
    """Every ``*.ttl`` of ``reference_dir`` (in name order) in one graph, relative IRIs resolved
    against ``base``."""
    reference_dir = Path(reference_dir)
    if not reference_dir.is_dir():
        raise ReferenceDataError(f"{reference_dir}: no such folder of reference data")
    graph = Graph()
    for path in sorted(reference_dir.glob("*.ttl")):
        _parse_into(graph, path, public_id=base)
    return graph


def _load_one(ontology_dir: Path, name: str) -> Graph:
    path = Path(ontology_dir) / name
    if not path.is_file():
        raise ReferenceDataError(f"{path}: no such file")
    graph = Graph()
    _parse_into(graph, path)
    return graph


def load_ontology(ontology_dir: Path) -> Graph:
    """The OWL ontology (``meetgraph.ttl``) alone: the T-box the reasoner uses."""
    return _load_one(ontology_dir, ONTOLOGY_FILE)


def load_shapes(ontology_dir: Path) -> Graph:
    """The SHACL shapes (``shapes.ttl``) the built graph is validated against."""
    return _load_one(ontology_dir, SHAPES_FILE)
