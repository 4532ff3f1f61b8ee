"""What extraction produces: plain, serialisable facts about one article (no RDF yet).

Entities are referred to by a local ``key`` inside one article; ``kg.identity`` later maps
keys of every article onto global nodes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from kg.dates import DateSpan


@dataclass
class Entity:
    key: str
    kind: str  # person, org, place, technology
    name: str  # the fullest surface form seen
    forms: list[str] = field(default_factory=list)  # every surface form seen
    iri: str | None = None  # a reference-data IRI when the name is known
    org_type: str | None = None  # Firm, BusinessGroup, GovernmentBody, Organization
    country: str | None = None  # key of a place entity (org's country, place's container)
    located_in: str | None = None  # key of the containing place (places)
    part_of: str | None = None  # key of the parent organisation (orgs)
    broader: list[str] = field(default_factory=list)  # keys of broader technologies
    is_country: bool = False
    evidence: list[str] = field(default_factory=list)


@dataclass
class Role:
    person: str
    org: str
    prop: str  # ceoOf, chairOf, presidentOf, founderOf, affiliatedWith
    title: str
    evidence: str


@dataclass
class Meeting:
    participants: list[str]
    span: DateSpan
    date_explicit: bool  # False when inherited from the narrative or defaulted
    place: str | None
    topics: list[str]
    status: str  # held or planned
    evidence: list[str]
    background: bool = False
    host: str | None = None


@dataclass
class ArticleFacts:
    article: str  # article slug
    published: date
    entities: dict[str, Entity] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        for m in data["meetings"]:
            m["span"] = [m["span"]["start"].isoformat(), m["span"]["end"].isoformat()]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ArticleFacts":
        meetings = []
        for m in data["meetings"]:
            m = dict(m)
            m["span"] = DateSpan(date.fromisoformat(m["span"][0]), date.fromisoformat(m["span"][1]))
            meetings.append(Meeting(**m))
        return cls(
            article=data["article"],
            published=date.fromisoformat(data["published"]),
            entities={k: Entity(**v) for k, v in data["entities"].items()},
            roles=[Role(**r) for r in data["roles"]],
            meetings=meetings,
        )
