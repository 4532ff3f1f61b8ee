"""Facts of every article → one node per real-world thing and one node per event.

Pure and order-free: the same set of articles gives the same nodes and IRIs whether they were
read in one build or added one by one. What the resolution needs of each article is kept in an
``Identity`` (entity occurrences, place edges, meeting records) small enough to keep between
runs, so ``kg add`` updates it with the new articles and re-resolves only the nodes and meeting
groups they touch, without reading the facts of every other article.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    versions: list[tuple[str, int]] = field(default_factory=list)  # (article slug, index of its telling)
    date_source: str = ""  # the article whose telling gives the date
    place_source: str | None = None
    status_source: str = ""


@dataclass
class Resolved:
    nodes: dict[str, Node]  # global IRI → node
    local: dict[tuple[str, str], str]  # (article slug, local key) → global IRI
    events: list[Event]
    facts: dict[str, ArticleFacts] = field(default_factory=dict)  # the articles whose tellings are needed
    by_article: dict[str, list[tuple[Event, Meeting]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for event in self.events:
            for slug, index in event.versions:
                if slug in self.facts:
                    self.by_article.setdefault(slug, []).append((event, self.facts[slug].meetings[index]))

    def events_of(self, article: str) -> list[tuple[Event, Meeting]]:
        """The meetings an article tells, each with the event it belongs to, in event order."""
        return self.by_article.get(article, [])

    def iri(self, article: str, key: str | None) -> str | None:
        if key is None:
            return None
        # a key that is already an IRI names a reference entity the article did not mention itself
        return self.local.get((article, key)) or (key if key.startswith(("http://", "https://")) else self.local[(article, key)])


Order = tuple[str, str]  # (publication date, article slug): the order resolution reads articles in


@dataclass
class Record:
    """A meeting as clustering sees it."""

    order: Order
    article: str
    index: int
    span: DateSpan
    place: str | None
    status: str


def local_iris(facts: ArticleFacts, base: str) -> dict[tuple[str, str], str]:
    return {(facts.article, key): _global_iri(ent, base) for key, ent in facts.entities.items()}


def _global_iri(ent: Entity, base: str) -> str:
    if ent.iri:
        return ent.iri
    slug = ent.key.split(":", 1)[1] if ":" in ent.key else slugify(ent.name)
    return instance_iri(base, IRI_KIND[ent.kind], slug or "unnamed")


def _family(people: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """Meetings whose IRIs could collide: the IRI names the first three people and the count."""
    return people[:3], len(people)


@dataclass
class Identity:
    """Everything resolution reads of the articles, and what it resolved them to."""

    base: str
    order: dict[str, Order] = field(default_factory=dict)
    occurrences: dict[str, dict[str, list[tuple[str, str, str | None]]]] = field(default_factory=dict)  # iri → article → [(name, kind, org_type)]
    edges: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # place → article → parents
    meetings: dict[tuple[str, ...], list[Record]] = field(default_factory=dict)  # people → records
    nodes: dict[str, Node] = field(default_factory=dict)
    events: dict[tuple[tuple[str, ...], int], list[Event]] = field(default_factory=dict)  # family → events

    @classmethod
    def of(cls, all_facts: list[ArticleFacts], gazetteer: Gazetteer, base: str) -> "Identity":
        identity = cls(base)
        identity.update(all_facts, [], gazetteer)
        return identity

    def update(self, new: list[ArticleFacts], removed: list[str], gazetteer: Gazetteer) -> set[str] | None:
        """Take ``removed`` articles out and ``new`` ones in (a new article replaces its namesake);
        re-resolve the nodes and meeting groups they touch.

        Returns the articles whose graphs may have changed, or None when a change to the place
        hierarchy could reach meetings of other articles (the caller then resolves everything).
        """
        gone = set(removed) | {f.article for f in new}
        touched_iris: set[str] = set()
        touched_people: set[tuple[str, ...]] = set()
        place_change = False
        for slug in gone:
            self.order.pop(slug, None)
        for iri, seen in list(self.occurrences.items()):
            if gone & seen.keys():
                touched_iris.add(iri)
                for slug in gone & seen.keys():
                    del seen[slug]
                if not seen:
                    del self.occurrences[iri]
        watched = {place for place, by in self.edges.items() if gone & by.keys()}
        watched |= {local_iris(f, self.base)[(f.article, key)] for f in new
                    for key, ent in f.entities.items() if ent.kind == "place" and ent.located_in}
        parents_before = {place: self._parents(place, gazetteer) for place in watched}
        for place, by in list(self.edges.items()):
            if gone & by.keys():
                for slug in gone & by.keys():
                    del by[slug]
                if not by:
                    del self.edges[place]
        for people, records in list(self.meetings.items()):
            kept = [r for r in records if r.article not in gone]
            if len(kept) != len(records):
                touched_people.add(people)
                if kept:
                    self.meetings[people] = kept
                else:
                    del self.meetings[people]
        for facts in new:
            order = (facts.published.isoformat(), facts.article)
            self.order[facts.article] = order
            local = local_iris(facts, self.base)
            for key, ent in facts.entities.items():
                iri = local[(facts.article, key)]
                touched_iris.add(iri)
                self.occurrences.setdefault(iri, {}).setdefault(facts.article, []).append((ent.name, ent.kind, ent.org_type))
                if ent.kind == "place" and ent.located_in:
                    parent = local.get((facts.article, ent.located_in), ent.located_in)
                    self.edges.setdefault(iri, {}).setdefault(facts.article, set()).add(parent)
            for index, meeting in enumerate(facts.meetings):
                people = tuple(sorted({local[(facts.article, p)] for p in meeting.participants}))
                place = local.get((facts.article, meeting.place)) if meeting.place else None
                self.meetings.setdefault(people, []).append(Record(order, facts.article, index, meeting.span, place, meeting.status))
                touched_people.add(people)
        # a place whose containers changed changes which tellings of other articles may merge
        for place, before in parents_before.items():
            if self._parents(place, gazetteer) != before and self._mentioned_below(place, gazetteer) - {f.article for f in new}:
                place_change = True
        if place_change and self.events:
            return None

        changed_nodes = set()
        for iri in touched_iris:
            node = self._node(iri, gazetteer)
            if node != self.nodes.get(iri):
                changed_nodes.add(iri)
                if node is None:
                    del self.nodes[iri]
                else:
                    self.nodes[iri] = node
        families = {_family(p) for p in touched_people}
        relabel = {f for f in self.events if f not in families and any(set(e.participants) & changed_nodes for e in self.events[f])}
        affected: set[str] = {f.article for f in new}
        places = _PlaceTree(self.edges, gazetteer)
        by_family: dict[tuple, list[tuple[str, ...]]] = {}
        for people in self.meetings:
            by_family.setdefault(_family(people), []).append(people)
        for family in families | relabel:
            old = self.events.pop(family, [])
            new_events = self._cluster(family, by_family.get(family, []), places) if family in families else [
                self._relabelled(e) for e in old]
            if new_events:
                self.events[family] = new_events
            before = {e.iri: e for e in old}
            after = {e.iri: e for e in new_events}
            for iri in before.keys() | after.keys():
                if before.get(iri) != after.get(iri):
                    for e in (before.get(iri), after.get(iri)):
                        if e is not None:
                            affected.update(slug for slug, _ in e.versions)
        for iri in changed_nodes:
            affected.update(self.occurrences.get(iri, {}).keys())
        return affected - set(removed)

    def _parents(self, place: str, gazetteer: Gazetteer) -> set[str]:
        known = gazetteer.by_iri.get(place)
        return {p for parents in self.edges.get(place, {}).values() for p in parents} | set(known.parents if known else ())

    def _mentioned_below(self, place: str, gazetteer: Gazetteer) -> set[str]:
        """The articles that name ``place`` or a place inside it."""
        below, frontier = {place}, [place]
        while frontier:
            node = frontier.pop()
            for child in list(self.edges) + list(gazetteer.by_iri):
                if child not in below and node in self._parents(child, gazetteer):
                    below.add(child)
                    frontier.append(child)
        return {slug for p in below for slug in self.occurrences.get(p, {})}

    def _node(self, iri: str, gazetteer: Gazetteer) -> Node | None:
        seen = self.occurrences.get(iri)
        if not seen:
            return None
        first = min(seen, key=lambda slug: self.order[slug])
        _name, kind, org_type = seen[first][0]
        known = gazetteer.by_iri.get(iri)
        names = [n for found in seen.values() for n, _, _ in found]
        label = known.label if known else sorted(names, key=lambda n: (-len(n.split()), -len(n), n))[0]
        return Node(iri=iri, kind=kind, label=label, known=known is not None,
                    org_type=(known.org_type if known else org_type), is_country=bool(known and known.is_country))

    def _cluster(self, family: tuple, groups: list[tuple[str, ...]], places: "_PlaceTree") -> list[Event]:
        clusters: list[dict] = []
        for people in groups:
            mine: list[dict] = []
            for r in sorted(self.meetings[people], key=lambda r: (r.order, r.index)):
                fits = [c for c in mine if c["span"].overlaps(r.span) and places.compatible(c["place"], r.place)
                        and all(v.article != r.article for v in c["versions"])]
                if len(fits) == 1:
                    c = fits[0]
                    c["span"] = c["span"].intersect(r.span)
                    c["place"] = places.most_specific([p for p in (c["place"], r.place) if p])
                    c["versions"].append(r)
                else:
                    mine.append({"people": list(people), "span": r.span, "place": r.place, "versions": [r], "first": (r.order, r.index)})
            clusters.extend(mine)
        clusters.sort(key=lambda c: c["first"])  # the order a full resolution creates them in
        events, used = [], {}
        for c in clusters:
            versions: list[Record] = c["versions"]
            held = [v for v in versions if v.status == "held"]
            span: DateSpan = c["span"]
            slug_people = "-".join(p.rsplit("/", 1)[-1] for p in c["people"][:3]) + (
                f"-and-{len(c['people']) - 3}-more" if len(c["people"]) > 3 else "")
            slug = f"{span.lexical}-{slug_people}"
            used[slug] = used.get(slug, 0) + 1
            if used[slug] > 1:
                slug = f"{slug}-{used[slug]}"
            events.append(Event(
                iri=instance_iri(self.base, "meeting", slug), participants=c["people"], span=span,
                status="held" if held else "planned", place=c["place"], label=self._label(c["people"], span),
                versions=[(v.article, v.index) for v in versions],
                date_source=min(versions, key=lambda v: ((v.span.end - v.span.start).days, v.article)).article,
                place_source=next((v.article for v in versions if v.place and v.place == c["place"]), None),
                status_source=(held or versions)[0].article,
            ))
        return events

    def _label(self, people: list[str], span: DateSpan) -> str:
        return f"Meeting of {_join([self.nodes[p].label for p in people])}, {span}"

    def _relabelled(self, event: Event) -> Event:
        return replace(event, label=self._label(event.participants, event.span))

    def all_events(self) -> list[Event]:
        return [e for family in sorted(self.events) for e in self.events[family]]

    def resolved(self, facts: dict[str, ArticleFacts]) -> Resolved:
        """The view ``kg.triples`` writes graphs from, for the articles in ``facts``."""
        local: dict[tuple[str, str], str] = {}
        for f in facts.values():
            local.update(local_iris(f, self.base))
        events = [e for e in self.all_events() if any(slug in facts for slug, _ in e.versions)]
        return Resolved(nodes=self.nodes, local=local, events=events, facts=facts)

    @property
    def meeting_count(self) -> int:
        return sum(len(v) for v in self.events.values())


class _PlaceTree:
    def __init__(self, edges: dict[str, dict[str, set[str]]], gazetteer: Gazetteer) -> None:
        self.parent: dict[str, set[str]] = {}
        for iri, known in gazetteer.by_iri.items():
            if known.kind == "place":
                self.parent.setdefault(iri, set()).update(known.parents)
        for child, by in edges.items():
            for parents in by.values():
                self.parent.setdefault(child, set()).update(parents)

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


def resolve(all_facts: list[ArticleFacts], gazetteer: Gazetteer, base: str) -> Resolved:
    """One node per thing and one per event, over every article given."""
    identity = Identity.of(all_facts, gazetteer, base)
    return identity.resolved({f.article: f for f in all_facts})


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
