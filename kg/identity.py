"""Facts of every article → one node per real-world thing and one node per event.

Pure and order-free: the same set of articles gives the same nodes and IRIs whether they were
read in one build or added one by one (``kg add`` reruns this on the cached facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.articles import slugify
from kg.dates import DateSpan
from kg.extract.gazetteer import Gazetteer
from kg.facts import ArticleFacts, Entity, Meeting
from kg.vocab import instance_iri

IRI_KIND = {"person": "person", "org": "org", "place": "place", "technology": "technology"}


@dataclass
class Node:
    iri: str
    kind: str
    label: str
    known: bool  # from the reference data: its label and types live there
    org_type: str | None = None
    is_country: bool = False


@dataclass
class Event:
    """One meeting, as told by one or more articles."""

    iri: str
    participants: list[str]
    span: DateSpan
    status: str
    place: str | None
    label: str
    versions: list[tuple[str, Meeting]] = field(default_factory=list)  # (article slug, its telling)
    date_source: str = ""  # the article whose telling gives the date
    place_source: str | None = None
    status_source: str = ""


@dataclass
class Resolved:
    nodes: dict[str, Node]  # global IRI → node
    local: dict[tuple[str, str], str]  # (article slug, local key) → global IRI
    events: list[Event]
    by_article: dict[str, list[tuple[Event, Meeting]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for event in self.events:
            for slug, meeting in event.versions:
                self.by_article.setdefault(slug, []).append((event, meeting))

    def events_of(self, article: str) -> list[tuple[Event, Meeting]]:
        """The meetings an article tells, each with the event it belongs to, in event order."""
        return self.by_article.get(article, [])

    def iri(self, article: str, key: str | None) -> str | None:
        if key is None:
            return None
        # a key that is already an IRI names a reference entity the article did not mention itself
        return self.local.get((article, key)) or (key if key.startswith(("http://", "https://")) else self.local[(article, key)])


def resolve(all_facts: list[ArticleFacts], gazetteer: Gazetteer, base: str) -> Resolved:
    all_facts = sorted(all_facts, key=lambda f: (f.published, f.article))
    nodes: dict[str, Node] = {}
    local: dict[tuple[str, str], str] = {}
    names: dict[str, list[str]] = {}
    for facts in all_facts:
        for key, ent in facts.entities.items():
            iri = _global_iri(ent, base)
            local[(facts.article, key)] = iri
            names.setdefault(iri, []).append(ent.name)
            if iri not in nodes:
                known = gazetteer.by_iri.get(iri)
                nodes[iri] = Node(
                    iri=iri, kind=ent.kind, label=known.label if known else ent.name, known=known is not None,
                    org_type=(known.org_type if known else ent.org_type), is_country=bool(known and known.is_country),
                )
    for iri, seen in names.items():
        node = nodes[iri]
        if not node.known:  # the fullest form, then the alphabetically first: independent of order
            node.label = sorted(seen, key=lambda n: (-len(n.split()), -len(n), n))[0]
    places = _PlaceTree(all_facts, local, gazetteer)
    events = _cluster(all_facts, local, nodes, places, base)
    return Resolved(nodes=nodes, local=local, events=events)


def _global_iri(ent: Entity, base: str) -> str:
    if ent.iri:
        return ent.iri
    slug = ent.key.split(":", 1)[1] if ":" in ent.key else slugify(ent.name)
    return instance_iri(base, IRI_KIND[ent.kind], slug or "unnamed")


class _PlaceTree:
    def __init__(self, all_facts: list[ArticleFacts], local: dict, gazetteer: Gazetteer) -> None:
        self.parent: dict[str, set[str]] = {}
        for iri, known in gazetteer.by_iri.items():
            if known.kind == "place":
                self.parent.setdefault(iri, set()).update(known.parents)
        for facts in all_facts:
            for key, ent in facts.entities.items():
                if ent.kind == "place" and ent.located_in:
                    parent = local.get((facts.article, ent.located_in), ent.located_in)
                    self.parent.setdefault(local[(facts.article, key)], set()).add(parent)

    def ancestors(self, iri: str) -> set[str]:
        seen: set[str] = set()
        frontier = [iri]
        while frontier:
            node = frontier.pop()
            for p in self.parent.get(node, ()):
                if p not in seen and p != iri:
                    seen.add(p)
                    frontier.append(p)
        return seen

    def compatible(self, a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def most_specific(self, places: list[str]) -> str | None:
        return max(places, key=lambda p: (len(self.ancestors(p)), p), default=None)


def _cluster(all_facts, local, nodes, places: _PlaceTree, base: str) -> list[Event]:
    clusters: list[dict] = []
    by_people: dict[tuple[str, ...], list[dict]] = {}
    for facts in all_facts:
        for meeting in facts.meetings:
            people = sorted({local[(facts.article, p)] for p in meeting.participants})
            place = local.get((facts.article, meeting.place)) if meeting.place else None
            fits = [
                c for c in by_people.get(tuple(people), ())
                if c["span"].overlaps(meeting.span) and places.compatible(c["place"], place)
                and all(a != facts.article or not _distinct(m, meeting) for a, m in c["versions"])
            ]
            if len(fits) == 1:
                c = fits[0]
                c["span"] = c["span"].intersect(meeting.span)
                c["place"] = places.most_specific([p for p in (c["place"], place) if p])
                c["versions"].append((facts.article, meeting))
            else:
                clusters.append({"people": people, "span": meeting.span, "place": place, "versions": [(facts.article, meeting)]})
                by_people.setdefault(tuple(people), []).append(clusters[-1])
    events: list[Event] = []
    used: dict[str, int] = {}
    for c in clusters:
        versions = c["versions"]
        held = [(a, m) for a, m in versions if m.status == "held"]
        status = "held" if held else "planned"
        date_source = min(versions, key=lambda v: ((v[1].span.end - v[1].span.start).days, v[0]))[0]
        place_source = next((a for a, m in versions if m.place and local[(a, m.place)] == c["place"]), None)
        label_people = [nodes[p].label for p in c["people"]]
        span: DateSpan = c["span"]
        slug_people = "-".join(p.rsplit("/", 1)[-1] for p in c["people"][:3]) + (f"-and-{len(c['people']) - 3}-more" if len(c["people"]) > 3 else "")
        slug = f"{span.lexical}-{slug_people}"
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        events.append(Event(
            iri=instance_iri(base, "meeting", slug), participants=c["people"], span=span, status=status,
            place=c["place"], label=f"Meeting of {_join(label_people)}, {span}", versions=versions,
            date_source=date_source, place_source=place_source, status_source=(held or versions)[0][0],
        ))
    return events


def _distinct(a: Meeting, b: Meeting) -> bool:
    """Two meetings the same article tells apart stay apart."""
    return a is not b


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


