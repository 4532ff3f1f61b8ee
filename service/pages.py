"""Pages for people: home, search (and its JSON for autocompletion), lists, the meetings
timeline, the network, and the example queries with their CSV/JSON twins.

Every page is server-rendered (Jinja2, autoescaped) and complete without JavaScript; each that is
generated from a query links to it in the query editor ("show the SPARQL"), and says when an
answer was cut by the result limit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from kg.examples import example, examples
from service import query_page, svg
from service.describe import Meetings, meetings
from service.responses import cache_headers, etag, html, respond
from service.site import Site, site_of
from service.templating import render
from service.terms import KIND_NAMES, SLUG, href, kind_of, sparql_iri, sparql_prefixes, sparql_string
from service.views import Link, Linker, by_year, meeting_views

router = APIRouter()

_KIND_ORDER = ("person", "org", "technology", "place", "meeting", "article", "role")
_MAX_QUERY = 200
"""Characters of a search that are used (a name is never longer)."""


def render_page(site: Site, template: str, **context: object) -> str:
    """A page with what every page has: the footer facts, the editor link helper."""
    context.setdefault("alternates", [])
    context.setdefault("query", None)
    return render(template, footer=site.footer(), editor_href=query_page.editor_href, **context)


# -- home --


@router.get("/")
def home(request: Request) -> Response:
    site = site_of(request)
    counts = _counts(site)
    everything = _all_meetings(site)
    recent = meeting_views(Meetings(everything.meetings[-6:][::-1], everything.labels, False, ""), site.base)
    page = render_page(
        site,
        "home.html",
        title="Who met whom in the technology industry",
        counts=counts,
        meta=site.meta(),
        people=_listing(site, "people", limit=12),
        organisations=_listing(site, "organisations", limit=10),
        technologies=_listing(site, "technologies", limit=12),
        recent=recent,
        examples=[query_page.example_link(e) for e in examples()],
    )
    return html(request, site, page)


def _counts(site: Site) -> list[dict]:
    def compute() -> list[dict]:
        query = (
            sparql_prefixes("mg")
            + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {\n"
            "  VALUES ?c { mg:Person mg:Organization mg:Meeting mg:Place mg:Technology mg:Article }\n"
            "  ?s a ?c .\n} GROUP BY ?c"
        )
        found = {row["c"].value.rsplit("#", 1)[-1]: int(row["n"].value) for row in site.select(query)}
        return [
            {"name": plural, "count": found.get(cls, 0), "href": path}
            for cls, plural, path in (
                ("Person", "people", "/people"),
                ("Organization", "organisations", "/organisations"),
                ("Meeting", "meetings", "/meetings"),
                ("Technology", "technologies", "/technologies"),
                ("Place", "places", "/places"),
                ("Article", "articles", "/articles"),
            )
        ]

    return site.memo("counts", compute)


def _all_meetings(site: Site) -> Meetings:
    return site.memo("all-meetings", lambda: meetings(site, "?m a mg:Meeting ."))


# -- lists --


@dataclass(frozen=True)
class Listing:
    kind: str
    cls: str
    count_label: str
    count_pattern: str
    extra: tuple[tuple[str, str, str], ...] = ()
    """(variable, column title, pattern) of further columns."""


LISTINGS = {
    "people": Listing("person", "Person", "meetings", "?x mg:participant ?s ."),
    "organisations": Listing("org", "Organization", "people tied to it", "?x mg:affiliatedWith ?s ."),
    "places": Listing("place", "Place", "meetings held there", "?x mg:location ?where . ?where mg:locatedIn* ?s ."),
    "technologies": Listing("technology", "Technology", "meetings about it", "?x mg:about ?s ."),
    "articles": Listing(
        "article", "Article", "meetings told of", "?x mg:reportedIn ?s . ?x a mg:Meeting .",
        (("date", "published", "?s mg:datePublished ?date ."),
         ("publisher", "publisher", "?s mg:publisher ?publisher .")),
    ),
}


def listing_query(site: Site, listing: Listing, limit: int | None = None) -> str:
    extra_vars = "".join(f" (SAMPLE(?{v}) AS ?{v}_)" for v, _, _ in listing.extra)
    extra = "".join(f"  OPTIONAL {{ {p} }}\n" for _, _, p in listing.extra)
    return (
        sparql_prefixes("mg", "rdfs")
        + f"SELECT ?s (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?x) AS ?n){extra_vars} WHERE {{\n"
        f"  ?s a mg:{listing.cls} .\n"
        f"  FILTER (STRSTARTS(STR(?s), {sparql_string(site.base + 'id/' + listing.kind + '/')}))\n"
        "  OPTIONAL { ?s rdfs:label ?l }\n"
        f"  OPTIONAL {{ {listing.count_pattern} }}\n"
        f"{extra}"
        "}\nGROUP BY ?s\nORDER BY DESC(?n) LCASE(STR(?label)) ?s"
        + (f"\nLIMIT {limit}" if limit else "")
    )


def _listing(site: Site, name: str, limit: int | None = None) -> dict:
    listing = LISTINGS[name]
    query = listing_query(site, listing, limit)
    answer = site.select(query)
    linker = Linker(site.base, {})
    rows = []
    for row in answer:
        iri = row["s"].value
        label = row["label"].value if "label" in row else linker.label(iri)
        rows.append({
            "link": Link(href(iri, site.base), label, listing.kind, iri),
            "count": int(row["n"].value),
            "extra": [linker.value(row[f"{v}_"]) if f"{v}_" in row else None for v, _, _ in listing.extra],
        })
    return {"name": name, "listing": listing, "rows": rows, "query": query, "truncated": answer.truncated,
            "extra_titles": [t for _, t, _ in listing.extra]}


def _list_page(name: str):
    def page(request: Request) -> Response:
        site = site_of(request)
        data = _listing(site, name)
        title = KIND_NAMES[LISTINGS[name].kind][1]
        return html(request, site, render_page(site, "list.html", title=title, data=data, query=data["query"]))

    page.__name__ = f"list_{name}"
    page.__doc__ = f"Every {KIND_NAMES[LISTINGS[name].kind][0].lower()} in the graph, with a count."
    return page


for _name in LISTINGS:
    router.add_api_route(f"/{_name}", _list_page(_name), methods=["GET"])


# -- search --


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    kind: str
    href: str
    match: str
    rank: tuple

    def as_json(self) -> dict:
        return {"iri": self.iri, "label": self.label, "kind": self.kind,
                "kindName": KIND_NAMES[self.kind][0], "href": self.href, "match": self.match}


def search_query(site: Site, text: str) -> str:
    return (
        sparql_prefixes("rdfs", "skos")
        + "SELECT ?s ?name ?label WHERE {\n"
        "  ?s rdfs:label|skos:altLabel ?name .\n"
        f"  FILTER (STRSTARTS(STR(?s), {sparql_string(site.base + 'id/')}))\n"
        f"  FILTER (CONTAINS(LCASE(STR(?name)), {sparql_string(text.lower())}))\n"
        "  ?s rdfs:label ?label .\n}"
    )


def search(site: Site, text: str, limit: int) -> tuple[list[Hit], str]:
    """Resources whose label or alias contains ``text`` (any case), best matches first."""
    text = " ".join(text.split())[:_MAX_QUERY]
    if not text:
        return [], ""
    query = search_query(site, text)
    wanted = text.lower()
    best: dict[str, Hit] = {}
    for row in site.select(query):
        iri, name, label = row["s"].value, row["name"].value, row["label"].value
        kind = kind_of(iri, site.base)
        if kind is None:
            continue
        lowered = name.lower()
        closeness = (0 if lowered == wanted else 1 if lowered.startswith(wanted)
                     else 2 if re.search(r"\b" + re.escape(wanted), lowered) else 3)
        rank = (closeness, _KIND_ORDER.index(kind), label.lower(), iri)
        hit = Hit(iri, label, kind, href(iri, site.base), name, rank)
        if iri not in best or rank < best[iri].rank or (rank == best[iri].rank and name == label):
            best[iri] = hit
    return sorted(best.values(), key=lambda h: h.rank)[:limit], query


def _limit(value: str | None, default: int, most: int) -> int:
    if value is None:
        return default
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise HTTPException(400, f"limit must be a whole number from 1 to {most}")
    return int(value)


@router.get("/api/search")
def api_search(request: Request, q: str = "", limit: str | None = None) -> Response:
    """Autocompletion: JSON ``{"query", "results": [{iri, label, kind, kindName, href, match}]}``."""
    site = site_of(request)
    hits, _ = search(site, q, _limit(limit, 10, 50))
    body = json.dumps({"query": q, "results": [h.as_json() for h in hits]}, ensure_ascii=False)
    headers = {"ETag": etag(site, str(request.url)), **cache_headers(site)}
    return respond(request, body.encode("utf-8"), "application/json", headers)


@router.get("/search")
def search_page(request: Request, q: str = "") -> Response:
    site = site_of(request)
    hits, query = search(site, q, 100)
    page = render_page(site, "search.html", title=f"Search: {q}" if q.strip() else "Search",
                       q=q, hits=hits, query=query or None, kind_names=KIND_NAMES)
    return html(request, site, page)


# -- meetings and network --


@dataclass(frozen=True)
class Filters:
    year: int | None
    technology: str | None
    """A technology slug."""

    def pattern(self, base: str) -> str:
        lines = ["?m a mg:Meeting ."]
        if self.year is not None:
            lines.append("?m mg:startDate ?start ; mg:endDate ?end .")
            lines.append(f'FILTER (STR(?start) <= "{self.year:04d}-12-31" && STR(?end) >= "{self.year:04d}-01-01")')
        if self.technology is not None:
            lines.append(f"?m mg:about {sparql_iri(f'{base}id/technology/{self.technology}')} .")
        return "\n".join(lines)

    @property
    def query_string(self) -> str:
        """``?year=…&technology=…`` for links to the same selection elsewhere ("" for none)."""
        chosen = {"year": self.year, "technology": self.technology}
        pairs = {k: v for k, v in chosen.items() if v is not None}
        return "?" + urlencode(pairs) if pairs else ""

    def describe(self, labels: dict[str, str], base: str) -> str:
        parts = []
        if self.year is not None:
            parts.append(f"in {self.year}")
        if self.technology is not None:
            iri = f"{base}id/technology/{self.technology}"
            parts.append(f"about {labels.get(iri, self.technology)}")
        return " ".join(parts)


def _filters(year: str | None, technology: str | None) -> Filters:
    chosen_year = None
    if year:
        if not re.fullmatch(r"\d{4}", year.strip()):
            raise HTTPException(400, f"year must be four digits, not {year!r}")
        chosen_year = int(year)
    chosen_tech = None
    if technology:
        if not SLUG.match(technology):
            raise HTTPException(400, f"technology must be a technology's slug, not {technology!r}")
        chosen_tech = technology
    return Filters(chosen_year, chosen_tech)


def _filter_options(site: Site) -> dict:
    def compute() -> dict:
        everything = _all_meetings(site)
        years = sorted({y for m in everything.meetings for y in _years(m.start, m.end)})
        counts: dict[str, int] = {}
        for meeting in everything.meetings:
            for technology in meeting.about:
                counts[technology] = counts.get(technology, 0) + 1
        linker = Linker(site.base, everything.labels)
        techs = sorted(
            ({"slug": t.rsplit("/", 1)[-1], "label": linker.label(t), "count": n} for t, n in counts.items()),
            key=lambda t: t["label"].lower(),
        )
        return {"years": years, "technologies": techs}

    return site.memo("filters", compute)


def _years(start: str | None, end: str | None) -> range:
    if not start or not end or not start[:4].isdigit() or not end[:4].isdigit():
        return range(0)
    return range(int(start[:4]), int(end[:4]) + 1)


@dataclass
class _Filtered:
    """The meetings a filtered page shows, with what every such page needs around them."""

    site: Site
    filters: Filters
    found: Meetings
    options: dict
    labels: dict[str, str]

    @classmethod
    def of(cls, request: Request, year: str | None, technology: str | None) -> "_Filtered":
        site = site_of(request)
        filters = _filters(year, technology)
        found = meetings(site, filters.pattern(site.base))
        return cls(site, filters, found, _filter_options(site), {**_all_meetings(site).labels, **found.labels})

    def render(self, template: str, title: str, **values) -> str:
        return render_page(
            self.site, template, title=title, filters=self.filters, options=self.options,
            described=self.filters.describe(self.labels, self.site.base), truncated=self.found.truncated,
            query=self.found.query, **values,
        )


@router.get("/meetings")
def meetings_page(request: Request, year: str | None = None, technology: str | None = None) -> Response:
    """Every meeting along time, filterable by year and technology."""
    shown = _Filtered.of(request, year, technology)
    site, found, labels = shown.site, shown.found, shown.labels
    views = meeting_views(found, site.base, extra_labels=labels)
    linker = Linker(site.base, labels)
    links = {m.iri: linker.link(m.iri) for m in found.meetings}
    drawing = svg.timeline(
        found.meetings, {k: v.href for k, v in links.items() if v.href}, {k: v.text for k, v in links.items()},
        title="Meetings along time",
        description="Each bar runs from the first to the last day the meeting can fall on.",
    )
    page = shown.render("meetings.html", "Meetings", groups=by_year(views), count=len(views), timeline=drawing)
    return html(request, site, page)


@router.get("/network")
def network_page(request: Request, year: str | None = None, technology: str | None = None) -> Response:
    """Everyone who met whom, through which meetings, filterable by year and technology."""
    shown = _Filtered.of(request, year, technology)
    site, found, labels = shown.site, shown.found, shown.labels
    linker = Linker(site.base, labels)
    nodes: dict[str, svg.GraphNode] = {}
    edges = []
    pairs: dict[tuple[str, str], list[str]] = {}
    for meeting in found.meetings:
        mlink = linker.link(meeting.iri)
        nodes[meeting.iri] = svg.GraphNode(meeting.iri, (meeting.date or "")[:7], mlink.href, "meeting", mlink.text)
        for person in meeting.participants:
            plink = linker.link(person)
            nodes.setdefault(person, svg.GraphNode(person, plink.text, plink.href, "person", plink.text))
            edges.append((meeting.iri, person))
        people = sorted(meeting.participants, key=lambda p: linker.label(p).lower())
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs.setdefault((a, b), []).append(meeting.iri)
    people_count = sum(n.kind == "person" for n in nodes.values())
    drawing = svg.network(
        list(nodes.values()), edges, title="Who met whom",
        description=f"{people_count} people and {len(found.meetings)} meetings; each line joins a "
        "person to a meeting they took part in.",
        height=640,
    )
    rows = [
        {"a": linker.link(a), "b": linker.link(b), "meetings": [linker.link(m) for m in ms]}
        for (a, b), ms in sorted(pairs.items(), key=lambda item: (linker.label(item[0][0]).lower(),
                                                                  linker.label(item[0][1]).lower()))
    ]
    page = shown.render("network.html", "Network", drawing=drawing, pairs=rows, people=people_count,
                        count=len(found.meetings))
    return html(request, site, page)


# -- example queries --


@router.get("/queries")
def queries_page(request: Request) -> Response:
    site = site_of(request)
    items = [query_page.example_link(e) for e in examples()]
    return html(request, site, render_page(site, "queries.html", title="Example questions", items=items))


_TWINS = {".csv": "csv", ".json": "json"}


@router.api_route("/queries/{name}", methods=["GET", "HEAD"])
def example_page(name: str, request: Request) -> Response:
    """One example question: its page, or its answer as CSV (``.csv``) or SPARQL JSON (``.json``)."""
    site = site_of(request)
    stem, dot, suffix = name.rpartition(".")
    twin = _TWINS.get(f".{suffix}") if dot else None
    found = example(stem if twin else name)
    if found is None:
        raise HTTPException(404, f"no example query named {name!r}; see /queries")
    if twin:
        answer = site.sparql.execute(found.sparql, twin)
        headers = {"ETag": etag(site, request.url.path), **cache_headers(site),
                   "Link": f'</queries/{found.name}>; rel="alternate"; type="text/html"',
                   "X-Result-Truncated": "true" if answer.truncated else "false"}
        return respond(request, answer.body, answer.media_type, headers)
    results = query_page.run(site, found.sparql)
    alternates = [
        {"href": f"/queries/{found.name}.csv", "media_type": "text/csv", "title": "CSV"},
        {"href": f"/queries/{found.name}.json", "media_type": "application/sparql-results+json",
         "title": "SPARQL JSON"},
    ]
    page = render_page(site, "query.html", title=found.title, example=found, results=results,
                       alternates=alternates, query=found.sparql)
    link = ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["media_type"]}"' for a in alternates)
    return html(request, site, page, headers={"Link": link})
