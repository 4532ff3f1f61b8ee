"""Resolved facts → RDF: one graph per article holding exactly what that article states."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.articles import Article
from kg.facts import ArticleFacts
from kg.identity import Resolved
from kg.vocab import MG, instance_iri

ORG_CLASS = {"Firm": MG.Firm, "BusinessGroup": MG.BusinessGroup, "GovernmentBody": MG.GovernmentBody, "Organization": MG.Organization}
KIND_CLASS = {"person": MG.Person, "place": MG.Place, "technology": MG.Technology}
ROLE_TITLE = {"ceoOf": "CEO", "chairOf": "chair", "presidentOf": "president", "founderOf": "founder", "leads": "leader", "affiliatedWith": "affiliate"}
DATATYPE = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def article_iri(base: str, slug: str) -> URIRef:
    return URIRef(instance_iri(base, "article", slug))


def article_graph(article: Article, facts: ArticleFacts, resolved: Resolved, base: str) -> Graph:
    """Everything one article states, with itself as ``mg:reportedIn`` and its sentences as evidence."""
    g = Graph()
    a = article_iri(base, article.slug)
    g.add((a, RDF.type, MG.Article))
    g.add((a, RDFS.label, en(article.title)))
    g.add((a, MG.datePublished, Literal(article.date.isoformat(), datatype=XSD.date)))
    g.add((a, MG.publisher, Literal(article.source)))
    if article.author:
        g.add((a, MG.author, Literal(article.author)))
    if article.url:
        g.add((a, MG.url, Literal(article.url, datatype=XSD.anyURI)))

    def node(key: str | None) -> URIRef | None:
        return None if key is None else URIRef(resolved.iri(article.slug, key))

    for key, ent in facts.entities.items():
        s = node(key)
        n = resolved.nodes[str(s)]
        if not n.known:
            kind_class = MG.Country if ent.kind == "place" and ent.is_country else KIND_CLASS.get(ent.kind)
            g.add((s, RDF.type, ORG_CLASS.get(n.org_type or "", MG.Organization) if ent.kind == "org" else kind_class))
            g.add((s, RDFS.label, en(n.label)))
        for form in ent.forms:
            if form != n.label:
                g.add((s, SKOS.altLabel, en(form)))
        if ent.kind in ("person", "org"):
            g.add((s, MG.reportedIn, a))
        if ent.part_of:
            g.add((s, MG.partOf, node(ent.part_of)))
        if ent.country and ent.kind == "org":
            g.add((s, MG.headquarteredIn, node(ent.country)))
        if ent.located_in and not n.known:
            g.add((s, MG.locatedIn, node(ent.located_in)))
        for broader in ent.broader:
            g.add((s, MG.broader, node(broader)))

    for role in facts.roles:
        person, org = node(role.person), node(role.org)
        g.add((person, MG[role.prop], org))
        r = URIRef(instance_iri(base, "role", f"{_slug(person)}--{role.prop}--{_slug(org)}"))
        g.add((r, RDF.type, MG.Affiliation))
        g.add((r, MG.member, person))
        g.add((r, MG.organization, org))
        g.add((r, MG.roleProperty, MG[role.prop]))
        g.add((r, MG.roleTitle, en(role.title)))
        g.add((r, MG.evidence, Literal(role.evidence)))
        g.add((r, MG.reportedIn, a))
        g.add((r, RDFS.label, en(f"{resolved.nodes[str(person)].label}, {ROLE_TITLE[role.prop]} of {resolved.nodes[str(org)].label}")))

    slug = article.slug
    for event, meeting in resolved.events_of(slug):
        m = URIRef(event.iri)
        g.add((m, RDF.type, MG.Meeting))
        g.add((m, RDFS.label, en(event.label)))
        g.add((m, MG.reportedIn, a))
        if meeting.status == "planned":
            g.add((m, MG.announcedIn, a))
        for p in meeting.participants:
            g.add((m, MG.participant, node(p)))
        for t in meeting.topics:
            g.add((m, MG.topic, node(t)))
        if meeting.host:
            g.add((m, MG.host, node(meeting.host)))
        for sentence in meeting.evidence:
            g.add((m, MG.evidence, Literal(sentence)))
        if event.date_source == slug:
            g.add((m, MG.date, Literal(event.span.lexical, datatype=DATATYPE[event.span.datatype])))
            g.add((m, MG.startDate, Literal(event.span.start.isoformat(), datatype=XSD.date)))
            g.add((m, MG.endDate, Literal(event.span.end.isoformat(), datatype=XSD.date)))
        if event.status_source == slug:
            g.add((m, MG.status, MG.Held if event.status == "held" else MG.Planned))
        if event.place_source == slug and event.place:
            g.add((m, MG.location, URIRef(event.place)))
    return g


def _slug(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
