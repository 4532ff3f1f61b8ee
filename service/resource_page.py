"""The HTML page of one resource (``/id/{kind}/{slug}.html``), from its ``Description``.

Type badges tell asserted from inferred types; each property value links to its own page under
its label and cites the article(s) stating it; statements only the reasoner made are marked
inferred, and those in the other vocabularies the ontology aligns to (schema.org, FOAF, PROV…) are
folded away. Below come the meetings the resource is tied to (a timeline with place, date,
co-participants, topics and evidence), a drawing of that neighbourhood, and for an article its
text with every evidence sentence highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from service import svg
from service.describe import Description, Meetings, Statement, labels_of, meetings, related_meetings_pattern
from service.site import Site
from service.terms import (
    ALT_LABEL,
    KIND_NAMES,
    LABEL,
    MG,
    RDF_TYPE,
    SAME_AS,
    href,
    sparql_iri,
    sparql_prefixes,
)
from service.views import (
    EvidenceView,
    Link,
    Linker,
    Value,
    by_year,
    evidence_anchor,
    meeting_views,
)

_SHOWN_APART = {RDF_TYPE, LABEL, ALT_LABEL, SAME_AS, MG + "evidence"}
"""Predicates the page shows in its header or its evidence section, not in the property table."""
_CORE = ("http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2002/07/owl#",
         "http://www.w3.org/2004/02/skos/core#")
_MEETING_HEADINGS = {
    "person": "Meetings",
    "meeting": "Meetings of the same people",
    "technology": "Meetings about it (or a narrower technology)",
    "place": "Meetings held there",
    "org": "Meetings it hosted or its people took part in",
    "article": "Meetings this article tells of",
    "role": "Meetings of the person holding it",
}

_SECTIONS: dict[str | None, tuple[str, ...]] = {
    "person": ("evidence", "meetings", "neighbourhood", "properties", "incoming", "aligned", "sources"),
    "meeting": ("evidence", "properties", "neighbourhood", "meetings", "incoming", "aligned", "sources"),
    "article": ("about-article", "text", "meetings", "neighbourhood", "properties", "incoming", "aligned",
                "sources"),
    None: ("evidence", "properties", "meetings", "neighbourhood", "incoming", "aligned", "sources"),
}
"""The order of a page's sections: what a reader of that kind of page comes for, first."""


@dataclass
class PropertyGroup:
    predicate: Link
    values: list[Value]

    @property
    def inferred(self) -> bool:
        return all(v.inferred for v in self.values)


@dataclass
class Segment:
    text: str
    anchors: list[str] = field(default_factory=list)
    """Non-empty for an evidence sentence (its first anchor is the mark's id)."""
    supports: list[Link] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.anchors)


@dataclass
class ArticleText:
    paragraphs: list[list[Segment]]
    found: int
    missing: list[tuple[str, str]]
    """(anchor, sentence) of evidence not found in the text: listed apart, never dropped."""


def page_context(site: Site, description: Description, kind: str) -> dict:
    """Everything ``resource.html`` shows about ``description``."""
    base = site.base
    iri = description.iri
    pattern = related_meetings_pattern(iri, kind)
    found = meetings(site, pattern)
    linker = Linker(base, {**found.labels, **description.labels})
    sources: list[str] = []

    def cite(statement: Statement) -> tuple[Link, ...]:
        cited = []
        for article in statement.articles(base):
            if article not in sources:
                sources.append(article)
            number = sources.index(article) + 1
            cited.append(Link(href(article, base), f"{number}", "article", linker.label(article)))
        return tuple(cited)

    own, aligned = _property_groups(description.outgoing, linker, base, cite)
    incoming = _incoming_groups(description.incoming, linker, base)
    label = description.labels.get(iri) or linker.label(iri)
    views = meeting_views(found, base, focus=iri if kind == "person" else None,
                          extra_labels=description.labels)
    if kind == "meeting":
        views = [v for v in views if v.link.title != iri]
    context = {
        "title": label,
        "iri": iri,
        "kind": kind,
        "kind_name": KIND_NAMES[kind][0],
        "types": [(linker.link(t), inferred) for t, inferred in description.types(base)],
        "alt_labels": sorted({v.value for v in description.values(ALT_LABEL)}, key=str.lower),
        "same_as": [linker.link(v.value) for v in description.values(SAME_AS) if isinstance(v, ox.NamedNode)],
        "properties": own,
        "aligned": aligned,
        "incoming": incoming,
        "evidence": _evidence(description, linker, base),
        "meetings_heading": _MEETING_HEADINGS[kind],
        "meeting_groups": by_year(views),
        "meeting_count": len(views),
        "meetings_truncated": found.truncated,
        "meetings_query": found.query,
        "network": _neighbourhood(found, linker, iri, kind, label),
        "timeline": _timeline(found, linker, label) if len(found.meetings) > 1 else None,
        "truncated": description.truncated,
        "query": description.query,
        "article": _article(site, description, linker) if kind == "article" else None,
    }
    context["sources"] = [linker.link(a) for a in sources]
    context["sections"] = _SECTIONS.get(kind, _SECTIONS[None])
    return context


def _property_groups(statements: list[Statement], linker: Linker, base: str, cite) -> tuple[list, list]:
    """(mg: and core properties, properties of the aligned vocabularies), grouped by predicate."""
    groups: dict[str, list[Value]] = {}
    for statement in statements:
        predicate = statement.predicate.value
        if predicate in _SHOWN_APART:
            continue
        groups.setdefault(predicate, []).append(
            linker.value(statement.object, inferred=statement.inferred(base), sources=cite(statement))
        )
    own, aligned = [], []
    for predicate, values in groups.items():
        group = PropertyGroup(linker.link(predicate), sorted(values, key=lambda v: (v.inferred, v.text.lower())))
        (own if predicate.startswith((MG,) + _CORE) else aligned).append(group)
    order = lambda g: (g.inferred, g.predicate.text.lower())  # noqa: E731
    return sorted(own, key=order), sorted(aligned, key=order)


def _incoming_groups(statements: list[Statement], linker: Linker, base: str) -> list[PropertyGroup]:
    """Who points here, grouped by property ("participant" of these meetings…)."""
    groups: dict[str, list[Value]] = {}
    for statement in statements:
        groups.setdefault(statement.predicate.value, []).append(
            linker.value(statement.subject, inferred=statement.inferred(base))
        )
    result = [
        PropertyGroup(linker.link(p), sorted(v, key=lambda x: (x.inferred, x.text.lower())))
        for p, v in groups.items()
        if p.startswith((MG,) + _CORE)
    ]
    return sorted(result, key=lambda g: (g.inferred, g.predicate.text.lower()))


def _evidence(description: Description, linker: Linker, base: str) -> list[EvidenceView]:
    views = []
    for statement in description.outgoing:
        if statement.predicate.value != MG + "evidence":
            continue
        for article in statement.articles(base) or [None]:
            link = linker.link(article) if article else None
            target = f"{link.href}#{evidence_anchor(statement.object.value)}" if link else None
            views.append(EvidenceView(statement.object.value, link, target))
    return sorted(views, key=lambda v: (v.article.text if v.article else "", v.sentence))


def _neighbourhood(found: Meetings, linker: Linker, iri: str, kind: str, label: str) -> svg.Network | None:
    """Who met whom through the meetings tied to the resource; the resource itself in the middle."""
    nodes: dict[str, svg.GraphNode] = {}
    edges = []
    for meeting in found.meetings[:60]:
        link = linker.link(meeting.iri)
        nodes[meeting.iri] = svg.GraphNode(meeting.iri, (meeting.date or "")[:7], link.href,
                                           "meeting", link.text, focus=meeting.iri == iri)
        for person in meeting.participants:
            plink = linker.link(person)
            nodes.setdefault(person, svg.GraphNode(person, plink.text, plink.href, "person",
                                                   plink.text, focus=person == iri))
            edges.append((meeting.iri, person))
    if not nodes:
        return None
    if iri not in nodes:  # a place, a technology…: drawn in the middle, tied to its meetings
        link = linker.link(iri)
        nodes[iri] = svg.GraphNode(iri, link.text, None, "person" if kind == "person" else kind, link.text, focus=True)
        edges += [(iri, m.iri) for m in found.meetings[:60]]
    return svg.network(
        list(nodes.values()),
        edges,
        title=f"The neighbourhood of {label}",
        description=f"{sum(n.kind == 'person' for n in nodes.values())} people and "
        f"{sum(n.kind == 'meeting' for n in nodes.values())} meetings: each line joins a person "
        "to a meeting they took part in.",
        height=460,
    )


def _timeline(found: Meetings, linker: Linker, label: str) -> svg.Timeline:
    links = {m.iri: linker.link(m.iri) for m in found.meetings}
    return svg.timeline(
        found.meetings,
        {k: v.href for k, v in links.items() if v.href},
        {k: v.text for k, v in links.items()},
        title=f"Meetings tied to {label} over time",
        description="Each bar runs from the first to the last day the meeting can fall on.",
    )


def _article(site: Site, description: Description, linker: Linker) -> dict:
    """The article's header facts and its text, with the evidence sentences highlighted."""
    slug = description.iri.rsplit("/", 1)[-1]
    graph = sparql_iri(f"{site.base}graph/article/{slug}")
    rows = site.select(
        sparql_prefixes("mg") + f"SELECT ?s ?e WHERE {{ GRAPH {graph} {{ ?s mg:evidence ?e }} }}"
    )
    supports: dict[str, set[str]] = {}
    for row in rows:
        supports.setdefault(row["e"].value, set()).add(row["s"].value)
    labels = labels_of(site, {s for subjects in supports.values() for s in subjects})
    article_linker = Linker(site.base, {**linker.labels, **labels})
    body = read_body(site.data_dir, slug)
    facts = {
        name: [linker.value(v) for v in description.values(MG + name)]
        for name in ("datePublished", "publisher", "author", "url")
    }
    return {
        "facts": facts,
        "text": highlight(body, supports, article_linker) if body is not None else None,
        "evidence_count": len(supports),
    }


def read_body(data_dir: Path, slug: str) -> str | None:
    """The article's body from the built data dir (the header lines end at the first blank line)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", slug):
        return None
    path = Path(data_dir) / "articles" / f"{slug}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            return "\n".join(lines[index + 1:])
    return ""


def highlight(body: str, supports: dict[str, set[str]], linker: Linker) -> ArticleText:
    """Paragraphs of ``body`` cut into segments, each evidence sentence its own marked segment.

    Sentences are found with their whitespace relaxed (line breaks inside a sentence); two that
    overlap are marked as one, carrying both anchors, so every evidence link lands somewhere.
    """
    spans: list[tuple[int, int, str, list[Link]]] = []
    missing = []
    for sentence in sorted(supports):
        words = sentence.split()
        match = re.search(r"\s+".join(map(re.escape, words)), body) if words else None
        if match is None:
            missing.append(sentence)
            continue
        spans.append((match.start(), match.end(), evidence_anchor(sentence),
                      linker.links(sorted(supports[sentence]))))
    merged: list[list] = []  # [start, end, anchors, links]
    for start, end, anchor, links in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(anchor)
            merged[-1][3].extend(link for link in links if link not in merged[-1][3])
        else:
            merged.append([start, end, [anchor], list(links)])
    paragraphs = []
    placed: set[int] = set()
    for paragraph in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", body):
        text = paragraph.group()
        if not text.strip():
            continue
        start = paragraph.start() + len(text) - len(text.lstrip())
        end = paragraph.end() - (len(text) - len(text.rstrip()))
        segments, cursor = [], start
        for index, (s_start, s_end, anchors, links) in enumerate(merged):
            if s_end <= start or s_start >= end:
                continue
            s_start, s_end = max(s_start, start), min(s_end, end)
            if s_start > cursor:
                segments.append(Segment(body[cursor:s_start]))
            first = index not in placed
            placed.add(index)
            segments.append(Segment(body[s_start:s_end], anchors if first else [], links if first else []))
            cursor = s_end
        if cursor < end:
            segments.append(Segment(body[cursor:end]))
        paragraphs.append(segments)
    return ArticleText(paragraphs, len(spans), [(evidence_anchor(s), s) for s in missing])
