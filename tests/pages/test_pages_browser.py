"""The pages in a real browser (headless Chromium via Playwright) against a live server.

Screenshots of the main pages land in ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.examples import examples

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
MAIN_PAGES = {
    "home": "/",
    "person": "/id/person/lee-jae-yong",
    "meeting": "/id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg",
    "article": "/id/article/001-39cda5ebbffdf16d",
    "technology": "/id/technology/artificial-intelligence",
    "organisation": "/id/org/samsung-electronics",
    "people": "/people",
    "meetings": "/meetings",
    "network": "/network",
    "search": "/search?q=lee",
    "queries": "/queries",
    "example": f"/queries/{examples()[0].name}",
    "sparql": "/sparql",
    "ontology": "/ontology",
    "void": "/.well-known/void",
    "dumps": "/dumps/",
}


def test_search_then_open_a_person(tab):
    tab.open("/")
    box = tab.page.get_by_label("Find a person, organisation, place, technology or meeting")
    box.fill("Jay Y")
    option = tab.page.get_by_role("option", name=re.compile("Lee Jae-yong"))
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    option.click()
    tab.page.wait_for_url(re.compile(r"/id/person/lee-jae-yong\.html$"))
    assert tab.page.locator("h1").inner_text() == "Lee Jae-yong"
    assert tab.page.locator("ol.timeline article.meeting").count() >= 5
    assert tab.page.locator(".types .badge.inferred").count() >= 1
    assert tab.errors == []


def test_search_works_without_javascript(browser, ld_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(ld_server + "/")
        page.fill("#home-search", "Zuckerberg")
        page.press("#home-search", "Enter")
        page.wait_for_url(re.compile(r"/search\?q=Zuckerberg"))
        page.get_by_role("link", name="Mark Zuckerberg").first.click()
        page.wait_for_url(re.compile(r"/id/person/mark-zuckerberg\.html$"))
    finally:
        context.close()


def test_follow_a_meeting_to_its_article(tab):
    tab.open("/id/person/lee-jae-yong")
    tab.page.locator("ol.timeline .meeting-title a", has_text="2024-02-28").first.click()
    tab.page.wait_for_url(re.compile(r"/id/meeting/2024-02-28-lee-jae-yong-mark-zuckerberg\.html$"))
    evidence = tab.page.locator("#evidence ~ ul.evidence a").first
    evidence.click()
    tab.page.wait_for_url(re.compile(r"/id/article/[^#]+\.html#ev-[0-9a-f]{10}$"))
    anchor = tab.page.url.rsplit("#", 1)[1]
    target = tab.page.locator(f"[id='{anchor}']")
    assert target.count() == 1
    assert target.evaluate("node => node.closest('mark') !== null")
    assert tab.page.locator(".article-text mark").count() >= 2
    tab.shot("article-from-meeting")
    assert tab.errors == []


def test_run_an_example_query_and_see_rows(tab):
    tab.open("/sparql")
    first = examples()[0]
    tab.page.get_by_role("link", name=first.title).click()
    tab.page.wait_for_selector("table.results tbody tr")
    assert tab.page.locator("table.results tbody tr").count() >= 3
    assert tab.page.locator("textarea#query").input_value().strip() == first.sparql.strip()
    assert tab.page.locator("table.results a[href^='/id/person/']").count() >= 3
    tab.shot("sparql-example")
    # and a query of one's own, run with Ctrl+Enter
    tab.page.fill("textarea#query", "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }")
    tab.page.press("textarea#query", "Control+Enter")
    tab.page.wait_for_url(re.compile(r"format=html"))
    tab.page.wait_for_selector("table.results tbody tr")
    assert tab.errors == []


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_pages_without_console_errors(tab, name):
    tab.open(MAIN_PAGES[name])
    tab.page.wait_for_load_state("load")
    tab.shot(name)
    assert tab.errors == []


@pytest.mark.parametrize("name", ["home", "person", "meetings", "sparql"])
def test_phone_width_does_not_scroll_sideways(browser, ld_server, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(ld_server + MAIN_PAGES[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        page.screenshot(path=str(_artifact(f"phone-{name}")), full_page=True)
        assert overflow <= 1, f"{name}: {overflow}px wider than the screen"
    finally:
        context.close()


def _artifact(name: str) -> Path:
    return ARTIFACTS / f"{name}.png"
