"""Known names from the curated reference data, for linking mentions to existing nodes.

The gazetteer only links: an unknown name is still extracted, as a new entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.vocab import MG

KIND_OF_CLASS = {
    MG.Person: "person", MG.Organization: "org", MG.Firm: "org", MG.BusinessGroup: "org",
    MG.GovernmentBody: "org", MG.Place: "place", MG.Country: "place", MG.Technology: "technology",
}
ORG_TYPES = {MG.Firm: "Firm", MG.BusinessGroup: "BusinessGroup", MG.GovernmentBody: "GovernmentBody"}


@dataclass
class Known:
    iri: str
    kind: str
    label: str
    forms: list[str] = field(default_factory=list)
    org_type: str | None = None
    is_country: bool = False
    parents: list[str] = field(default_factory=list)  # locatedIn / partOf / broader IRIs
    hq: str | None = None
    jurisdiction: str | None = None
    seat: bool = False  # a seat of government: its country's head of state receives there


class Gazetteer:
    """Surface form → known entity, with one compiled pattern per kind (longest form first)."""

    def __init__(self, graph: Graph | None = None) -> None:
        self.by_iri: dict[str, Known] = {}
        self.by_form: dict[tuple[str, str], list[Known]] = {}
        if graph is not None:
            self._load(graph)
        self.patterns: dict[str, re.Pattern[str] | None] = {
            kind: self._compile(kind) for kind in ("person", "org", "place", "technology")
        }

    def _load(self, graph: Graph) -> None:
        for cls, kind in KIND_OF_CLASS.items():
            for s in graph.subjects(RDF.type, cls):
                iri = str(s)
                label = graph.value(s, RDFS.label)
                if label is None:
                    continue
                known = self.by_iri.get(iri)
                if known is None:
                    forms = [str(label)] + sorted(str(a) for a in graph.objects(s, SKOS.altLabel))
                    known = Known(iri, kind, str(label), forms)
                    self.by_iri[iri] = known
                known.is_country = known.is_country or cls == MG.Country
                known.org_type = ORG_TYPES.get(cls, known.org_type)
        for known in self.by_iri.values():
            s = URIRef(known.iri)
            for prop in (MG.locatedIn, MG.partOf, MG.broader):
                known.parents += sorted(str(o) for o in graph.objects(s, prop))
            hq = graph.value(s, MG.headquarteredIn)
            known.hq = str(hq) if hq is not None else None
            known.seat = (s, RDF.type, MG.SeatOfGovernment) in graph
            jur = graph.value(s, MG.jurisdiction)
            known.jurisdiction = str(jur) if jur is not None else None
            if known.kind == "org" and known.org_type is None:
                known.org_type = "Organization"
            if known.kind == "person":  # "C. C. Wei" and "C.C. Wei" are one form
                known.forms += [f for f in {re.sub(r"(?<=\.)\s+(?=[A-Z]\.)", "", x) for x in known.forms} if f not in known.forms]
            for form in known.forms:
                key = (known.kind, form if known.kind != "technology" else form.lower())
                self.by_form.setdefault(key, []).append(known)

    def _compile(self, kind: str) -> re.Pattern[str] | None:
        forms = sorted({f for (k, f) in self.by_form if k == kind}, key=lambda f: (-len(f), f))
        if not forms:
            return None
        body = "|".join(re.escape(f) for f in forms)
        flags = re.IGNORECASE if kind == "technology" else 0
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    def person_by_name_key(self, name: str) -> Known | None:
        """"Euisun Chung" finds "Chung Eui-sun": the same surname and given names in either order."""
        from kg.extract.lexicon import name_key

        key = name_key(name)
        if not key[1]:
            return None
        if not hasattr(self, "_name_keys"):
            self._name_keys: dict[tuple[str, str], list[Known]] = {}
            for known in self.by_iri.values():
                if known.kind == "person":
                    for form in known.forms:
                        self._name_keys.setdefault(name_key(form), []).append(known)
        hits = {k.iri: k for k in self._name_keys.get(key, [])}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def person_by_surname(self, token: str) -> Known | None:
        """A well-known person named by surname alone ("Musk"), when no other known person shares it."""
        from kg.extract.lexicon import name_key

        if not hasattr(self, "_surnames"):
            self._surnames: dict[str, set[str]] = {}
            for known in self.by_iri.values():
                if known.kind == "person":
                    for form in known.forms:
                        surname, given = name_key(form)
                        if given:
                            self._surnames.setdefault(surname, set()).add(known.iri)
        hits = self._surnames.get(token.lower(), set())
        return self.by_iri[next(iter(hits))] if len(hits) == 1 else None

    def lookup(self, kind: str, form: str) -> Known | None:
        hits = self.by_form.get((kind, form.lower() if kind == "technology" else form))
        return hits[0] if hits and len(hits) == 1 else None

    def find(self, kind: str, text: str) -> list[tuple[int, int, Known]]:
        pattern = self.patterns.get(kind)
        if pattern is None:
            return []
        found = []
        for m in pattern.finditer(text):
            known = self.lookup(kind, m.group(0))
            if known is not None:
                found.append((m.start(), m.end(), known))
        return found

    def ancestors(self, iri: str) -> list[str]:
        """Every place/org/technology above ``iri``, nearest first."""
        seen: list[str] = []
        frontier = [iri]
        while frontier:
            nxt = []
            for node in frontier:
                known = self.by_iri.get(node)
                for parent in known.parents if known else []:
                    if parent not in seen and parent != iri:
                        seen.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return seen

    def country_of(self, iri: str) -> str | None:
        for node in [iri] + self.ancestors(iri):
            known = self.by_iri.get(node)
            if known and known.is_country:
                return node
        return None

    def government_of(self, country_iri: str) -> Known | None:
        return next((k for k in self.by_iri.values() if k.jurisdiction == country_iri and k.org_type == "GovernmentBody"), None)
