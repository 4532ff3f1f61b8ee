"""The pages for people, in process: what each shows, that they link up, that they are accessible."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from kg.examples import examples
from kg.store import read_meta

BASE = "http://localhost:8000/"
LEE = "/id/person/lee-jae-yong"
MEETING = "/id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg"
SVG = "{http://www.w3.org/2000/svg}"
DATA_SUFFIXES = (".ttl", ".nt", ".rdf", ".jsonld", ".trig", ".nq", ".csv", ".json")


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.h1 = 0
        self.lang: str | None = None
        self.inputs: list[str] = []
        self.labels: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "h1":
            self.h1 += 1
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag in ("input", "textarea", "select") and attributes.get("type") != "hidden":
            self.inputs.append(attributes.get("id", ""))
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])


def get(client, path: str, status: int = 200):
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == status, f"{path}: {response.status_code} {response.text[:300]}"
    return response


MAIN_PAGES = ["/", "/people", "/organisations", "/places", "/technologies", "/articles", "/meetings",
              "/network", "/queries", "/sparql", "/search?q=lee", f"{LEE}.html", f"{MEETING}.html",
              "/id/article/000-0deaf439416ce900.html", "/id/technology/artificial-intelligence.html",
              "/.well-known/void", "/dumps/"]


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_every_page_is_accessible_and_has_the_footer(pages_client, seed_settings, path):
    page = get(pages_client, path)
    parsed = Page(page.text)
    assert parsed.lang == "en"
    assert parsed.h1 == 1, "one h1 per page"
    assert len(parsed.ids) == len(set(parsed.ids)), "ids are unique"
    for field in parsed.inputs:
        assert field and field in parsed.labels, f"{path}: input {field!r} has no label"
    version = read_meta(seed_settings.data_dir)["version"]
    assert version in page.text and "CC BY 4.0" in page.text and 'href="/articles"' in page.text
    assert '<meta name="viewport"' in page.text and "/static/style.css" in page.text


def test_home_shows_counts_search_and_entry_points(pages_client):
    text = get(pages_client, "/").text
    for entry in ('href="/people"', 'href="/organisations"', 'href="/meetings"', 'href="/technologies"',
                  'action="/search"', "data-autocomplete"):
        assert entry in text
    assert re.search(r"<strong>\d+</strong> people", text)
    assert re.search(r"<strong>\d+</strong> meetings", text)


def test_search_json_finds_aliases(pages_client):
    data = pages_client.get("/api/search", params={"q": "jay y"}).json()
    first = data["results"][0]
    assert first["iri"] == BASE + "id/person/lee-jae-yong"
    assert first["href"] == LEE and first["kind"] == "person" and first["match"] == "Jay Y. Lee"
    exact = pages_client.get("/api/search", params={"q": "Nvidia", "limit": "3"}).json()["results"]
    assert exact[0]["label"] == "Nvidia" and len(exact) <= 3


@pytest.mark.parametrize("text", ['"} } DROP ALL #', "\\u0022", "a\\", "'", "\n", "é", "x" * 5000])
def test_search_is_safe_with_any_text(pages_client, text):
    response = pages_client.get("/api/search", params={"q": text})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_search_limits_and_page(pages_client):
    assert pages_client.get("/api/search", params={"q": "lee", "limit": "0"}).status_code == 400
    page = get(pages_client, "/search?q=Zuckerberg").text
    assert 'href="/id/person/mark-zuckerberg"' in page
    assert "Show the SPARQL" in page


def test_person_page_has_types_timeline_evidence_and_drawing(pages_client):
    text = get(pages_client, f"{LEE}.html").text
    assert re.search(r'class="badge asserted"[^>]*>\s*<a href="/ontology#Person"', text)
    assert re.search(r'class="badge inferred"[^>]*>\s*<a href="/ontology#BusinessLeader"', text)
    assert 'class="timeline"' in text and "<time datetime=" in text
    assert 'href="/id/person/mark-zuckerberg"' in text  # a co-participant, under its label
    assert ">Mark Zuckerberg</a>" in text
    assert re.search(r'href="/id/article/[^"#]+#ev-[0-9a-f]{10}"', text)  # evidence → its sentence
    svgs = re.findall(r"<svg .*?</svg>", text, re.S)
    assert svgs
    for drawing in svgs:
        root = ET.fromstring(drawing)
        assert root.find(f"{SVG}title") is not None
        assert root.iter(f"{SVG}a")


def test_evidence_links_land_on_highlighted_sentences(pages_client):
    text = get(pages_client, f"{MEETING}.html").text
    targets = set(re.findall(r'href="(/id/article/[^"#]+)#(ev-[0-9a-f]{10})"', text))
    assert targets
    for path, anchor in targets:
        article = get(pages_client, path).text  # 303 to the HTML page, followed
        assert f'<mark id="{anchor}">' in article or f'<span id="{anchor}">' in article, (path, anchor)


@pytest.mark.parametrize("slug", ["000-0deaf439416ce900", "001-39cda5ebbffdf16d", "002-61158532b7e2e343",
                                  "003-95beb55b3faa9a87", "004-86c8840a8c074dae"])
def test_article_page_highlights_all_its_evidence(pages_client, slug):
    text = get(pages_client, f"/id/article/{slug}.html").text
    assert "not found verbatim" not in text
    assert text.count("<mark id=") >= 2
    assert 'id="text"' in text and 'id="about-article"' in text


def test_meetings_filter_by_year_and_technology(pages_client):
    everything = get(pages_client, "/meetings").text
    in_2024 = get(pages_client, "/meetings?year=2024").text
    assert everything.count('class="meeting') > in_2024.count('class="meeting') > 0
    years = set(re.findall(r'<h3 class="year-heading">(\d{4})</h3>', in_2024))
    assert years == {"2024"}
    about_xr = get(pages_client, "/meetings?technology=extended-reality").text
    assert "2024-02-28" in about_xr or "28 February 2024" in about_xr
    assert about_xr.count('class="meeting') < everything.count('class="meeting')
    assert get(pages_client, "/meetings?year=twenty", 400)
    assert get(pages_client, "/meetings?technology=%3Cx%3E", 400)
    assert "No meeting matches" in get(pages_client, "/meetings?year=1900").text


def test_network_draws_who_met_whom(pages_client):
    text = get(pages_client, "/network?technology=artificial-intelligence").text
    drawing = ET.fromstring(re.search(r"<svg .*?</svg>", text, re.S).group())
    names = {t.text for t in drawing.iter(f"{SVG}text")}
    assert "Lee Jae-yong" in names
    assert len(list(drawing.iter(f"{SVG}line"))) > 0
    assert "<h2>Pairs</h2>" in text


def test_example_pages_and_twins(pages_client):
    for example in examples():
        page = get(pages_client, f"/queries/{example.name}").text
        assert example.title in html.unescape(page) and "<table" in page
        twin = pages_client.get(f"/queries/{example.name}.csv")
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(twin.text)))
        direct = pages_client.post("/sparql", data={"query": example.sparql}, headers={"accept": "text/csv"})
        assert rows == list(csv.reader(io.StringIO(direct.text)))
        data = pages_client.get(f"/queries/{example.name}.json").json()
        assert len(data["results"]["bindings"]) == len(rows) - 1 > 0
    assert pages_client.get("/queries/nothing-like-this").status_code == 404


def test_query_page_shows_examples_results_and_downloads(pages_client):
    editor = get(pages_client, "/sparql").text
    assert editor.count("data-example=") == 10
    example = examples()[0]
    found = re.search(rf'href="([^"]+)"[^>]*data-example="{example.name}"', editor)
    link = found.group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query)["query"] == [example.sparql]
    answer = get(pages_client, link).text
    assert "<table class=\"results\">" in answer
    assert answer.count("<tr>") > 2
    for fmt in ("json", "xml", "csv", "tsv"):
        assert f"format={fmt}" in answer
    failed = pages_client.get("/sparql", params={"query": "SELEKT nothing", "format": "html"})
    assert failed.status_code == 400 and "The query failed" in failed.text
    assert "SELEKT nothing" in failed.text  # the query stays in the editor


def test_query_page_renders_graphs_and_booleans(pages_client):
    lee = f"<{BASE}id/person/lee-jae-yong>"
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {lee} ?p ?o . BIND({lee} AS ?s) }}"
    construct = pages_client.get("/sparql", params={"format": "html", "query": query})
    assert construct.status_code == 200 and "format=turtle" in construct.text
    assert '<th scope="col">subject</th>' in construct.text
    ask = pages_client.get("/sparql", params={"format": "html", "query": "ASK { ?s ?p ?o }"})
    assert "Answer: <strong>yes</strong>" in ask.text


def test_show_the_sparql_links_open_the_editor_and_run(pages_client):
    for path in (f"{LEE}.html", "/meetings", "/network", "/people"):
        text = get(pages_client, path).text
        links = re.findall(r'class="show-sparql" href="([^"]+)"', text)
        assert links, path
        for link in links:
            response = get(pages_client, link.replace("&amp;", "&"))
            assert "The query failed" not in response.text, (path, link)


def test_static_files_and_no_path_escape(pages_client):
    assert pages_client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert pages_client.get("/static/app.js").status_code == 200
    assert pages_client.get("/static/..%2Fapp.py").status_code == 404
    assert pages_client.get("/static/favicon.svg").status_code == 200


def test_every_link_from_home_resolves(pages_client):
    """Crawl the site from ``/``: every page and every link it holds answers (the graph is walkable)."""
    seen: set[str] = set()
    queue = deque(["/"])
    checked = 0
    while queue:
        path = queue.popleft()
        response = pages_client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, f"{path}: {response.status_code}"
        checked += 1
        if not response.headers["content-type"].startswith("text/html"):
            continue
        final = urlsplit(str(response.url)).path
        for href in Page(response.text).links:
            target = urljoin(f"http://testserver{final}", href)
            parts = urlsplit(target)
            if parts.netloc != "testserver" or parts.path.startswith(("/dumps/", "/sparql")):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen and not parts.path.endswith(DATA_SUFFIXES):
                seen.add(local)
                queue.append(local)
    assert checked > 200, checked
