"""A small hand-written meetgraph dataset for the service tests, written as a real data dir.

Three articles, each its own named graph, plus the ontology, reference and inferred graphs, as a
build would lay them out. Enough triples (a few hundred) that a six-way cross product of the
dataset with itself runs for hours — the timeout tests rely on that.
"""

from __future__ import annotations

from pathlib import Path

from kg.store import staged_build, write_store

BASE = "http://localhost:8000/"
MG = "https://w3id.org/meetgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
VERSION = "test-version-1"

PEOPLE = {
    "lee-jae-yong": "Lee Jae-yong",
    "mark-zuckerberg": "Mark Zuckerberg",
    "jensen-huang": "Jensen Huang",
    "chey-tae-won": "Chey Tae-won",
    "sam-altman": "Sam Altman",
}
MEETINGS = {
    # meeting slug: (article, date, participants, place)
    "lee-zuckerberg-2024-02": ("a1", "2024-02-29", ["lee-jae-yong", "mark-zuckerberg"], "seungjiwon"),
    "chey-huang-2024-04": ("a2", "2024-04-24", ["chey-tae-won", "jensen-huang"], "santa-clara"),
    "altman-lee-2025-02": ("a3", "2025-02-04", ["sam-altman", "lee-jae-yong", "chey-tae-won"], "seoul"),
}


def iri(kind: str, slug: str) -> str:
    return f"<{BASE}id/{kind}/{slug}>"


def graph(name: str) -> str:
    return f"<{BASE}graph/{name}>"


def literal(text: str, datatype: str | None = None, language: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if language:
        return f'"{escaped}"@{language}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def quads() -> list[str]:
    """The dataset as N-Quads lines."""
    lines: list[str] = []

    def add(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"{s} {p} {o} {g} .")

    mg = lambda local: f"<{MG}{local}>"  # noqa: E731
    ontology, reference, inferred = graph("ontology"), graph("reference"), graph("inferred")
    for cls in ("Person", "Meeting", "Place", "Article", "Leader", "Organization"):
        add(mg(cls), f"<{RDF_TYPE}>", "<http://www.w3.org/2002/07/owl#Class>", ontology)
        add(mg(cls), f"<{LABEL}>", literal(cls, language="en"), ontology)
    for prop in ("participant", "metWith", "location", "date", "reportedIn"):
        add(mg(prop), f"<{RDF_TYPE}>", "<http://www.w3.org/2002/07/owl#ObjectProperty>", ontology)
        add(mg(prop), f"<{LABEL}>", literal(prop, language="en"), ontology)
    for slug, name in PEOPLE.items():
        add(iri("person", slug), f"<{RDF_TYPE}>", mg("Person"), reference)
        add(iri("person", slug), f"<{LABEL}>", literal(name), reference)
    add(iri("person", "lee-jae-yong"), "<http://www.w3.org/2004/02/skos/core#altLabel>",
        literal("Jay Y. Lee"), reference)
    add(iri("person", "lee-jae-yong"), "<http://www.w3.org/2002/07/owl#sameAs>",
        "<http://www.wikidata.org/entity/Q489052>", reference)
    for place in ("seungjiwon", "santa-clara", "seoul"):
        add(iri("place", place), f"<{RDF_TYPE}>", mg("Place"), reference)
        add(iri("place", place), f"<{LABEL}>", literal(place.replace("-", " ").title()), reference)
    for slug, (article, date, people, place) in MEETINGS.items():
        g = graph(f"article/{article}")
        meeting = iri("meeting", slug)
        add(meeting, f"<{RDF_TYPE}>", mg("Meeting"), g)
        add(meeting, mg("date"), literal(date, XSD + "date"), g)
        add(meeting, mg("location"), iri("place", place), g)
        add(meeting, mg("reportedIn"), iri("article", article), g)
        add(meeting, mg("evidence"), literal(f"They met on {date}.\tA \"quoted\" word, é ✓."), g)
        add(iri("article", article), f"<{RDF_TYPE}>", mg("Article"), g)
        add(iri("article", article), f"<{LABEL}>", literal(f"Article {article}", language="en"), g)
        for person in people:
            add(meeting, mg("participant"), iri("person", person), g)
            add(iri("person", person), mg("participatedIn"), meeting, inferred)
            for other in people:
                if other != person:
                    add(iri("person", person), mg("metWith"), iri("person", other), inferred)
    # A chain for path queries, and filler so that cross products are astronomically large.
    for index in range(120):
        technology = f"<{BASE}id/technology/t{index}>"
        add(technology, mg("broader"), f"<{BASE}id/technology/t{index + 1}>", reference)
    return lines


def nquads_bytes() -> bytes:
    return ("\n".join(quads()) + "\n").encode("utf-8")


def write_data_dir(data_dir: Path) -> Path:
    """Build the dataset into ``data_dir`` exactly as ``kg build`` lays one out."""
    with staged_build(data_dir) as staging:
        write_store(staging, nquads_bytes(), {"version": VERSION, "built_at": "2025-01-01T00:00:00Z"})
    return data_dir
