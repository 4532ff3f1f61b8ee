"""View models for the templates: links with labels, dates as people write them, meeting cards.

Templates only lay out what these give them; every decision (which label, which href, what an
inferred value looks like) is made here, in Python, where it can be tested.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from service.describe import Meeting, Meetings
from service.terms import MG, XSD, curie, href, kind_of, slug_of

_DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class Link:
    href: str | None
    text: str
    kind: str | None = None
    """The instance kind (``person``…) for ours, None for anything else."""
    title: str = ""

    @property
    def external(self) -> bool:
        return bool(self.href) and not self.href.startswith("/")


@dataclass(frozen=True)
class Value:
    """One value of a property as a page shows it."""

    text: str
    link: Link | None = None
    language: str | None = None
    datatype: str | None = None
    inferred: bool = False
    sources: tuple[Link, ...] = ()


class Linker:
    """Turns IRIs and terms into ``Link``s and ``Value``s, with the labels a page has fetched."""

    def __init__(self, base: str, labels: dict[str, str]) -> None:
        self.base = base
        self.labels = labels

    def label(self, iri: str) -> str:
        if iri in self.labels:
            return self.labels[iri]
        if kind_of(iri, self.base):
            return slug_of(iri).replace("-", " ")
        return curie(iri)

    def link(self, iri: str) -> Link:
        return Link(href(iri, self.base), self.label(iri), kind_of(iri, self.base), iri)

    def links(self, iris: list[str], *, without: str | None = None) -> list[Link]:
        return sorted((self.link(i) for i in iris if i != without), key=lambda link: link.text.lower())

    def value(self, term: ox.Term, *, inferred: bool = False, sources: tuple[Link, ...] = ()) -> Value:
        if isinstance(term, ox.NamedNode):
            link = self.link(term.value)
            return Value(link.text, link, inferred=inferred, sources=sources)
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value if term.datatype else None
            if datatype in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
                datatype = None
            shown = format_date(term.value) if datatype in _DATE_TYPES else term.value
            return Value(
                shown,
                language=term.language,
                datatype=curie(datatype) if datatype else None,
                inferred=inferred,
                sources=sources,
            )
        return Value(f"[blank node {term.value}]", inferred=inferred, sources=sources)


def format_date(value: str) -> str:
    """``2024-02-28`` → "28 February 2024", ``2024-06`` → "June 2024", ``2013`` → "2013"."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        return value
    return value


def evidence_anchor(sentence: str) -> str:
    """The fragment of a sentence on its article's page, the same wherever it is computed."""
    return "ev-" + hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:10]


@dataclass
class EvidenceView:
    sentence: str
    article: Link | None
    href: str | None
    """The sentence highlighted on its article's page."""


@dataclass
class MeetingView:
    link: Link
    when: str
    datetime: str | None
    year: str
    planned: bool
    status: Link | None
    places: list[Link]
    participants: list[Link]
    hosts: list[Link]
    topics: list[Link]
    articles: list[Link]
    evidence: list[EvidenceView] = field(default_factory=list)


def meeting_view(meeting: Meeting, linker: Linker, *, focus: str | None = None) -> MeetingView:
    """A meeting card; ``focus`` (the page's own resource) is left out of the participants."""
    status = linker.link(meeting.status) if meeting.status else None
    evidence = []
    for item in meeting.evidence:
        article = linker.link(item.article) if item.article else None
        target = f"{article.href}#{evidence_anchor(item.sentence)}" if article and article.href else None
        evidence.append(EvidenceView(item.sentence, article, target))
    return MeetingView(
        link=linker.link(meeting.iri),
        when=format_date(meeting.date) if meeting.date else "date unknown",
        datetime=meeting.date,
        year=meeting.year or "Date unknown",
        planned=meeting.status == MG + "Planned",
        status=status,
        places=linker.links(meeting.places),
        participants=linker.links(meeting.participants, without=focus),
        hosts=linker.links(meeting.hosts),
        topics=linker.links(meeting.topics),
        articles=linker.links(meeting.articles),
        evidence=evidence,
    )


def meeting_views(found: Meetings, base: str, *, focus: str | None = None,
                  extra_labels: dict[str, str] | None = None) -> list[MeetingView]:
    linker = Linker(base, {**found.labels, **(extra_labels or {})})
    return [meeting_view(m, linker, focus=focus) for m in found.meetings]


def by_year(views: list[MeetingView]) -> list[tuple[str, list[MeetingView]]]:
    """Consecutive groups by year, in the views' (date) order."""
    groups: list[tuple[str, list[MeetingView]]] = []
    for view in views:
        if not groups or groups[-1][0] != view.year:
            groups.append((view.year, []))
        groups[-1][1].append(view)
    return groups
