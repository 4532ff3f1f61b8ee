"""Accept parsing and choice, on their own."""

from __future__ import annotations

import pytest

from service.negotiation import (
    GRAPH_OFFERS,
    HTML_OFFER,
    RESULT_OFFERS,
    by_parameter,
    choose,
    parse_accept,
)


def chosen(accept, offers=RESULT_OFFERS):
    offer = choose(accept, offers)
    return None if offer is None else offer.media_type


def test_parse_accept_is_lenient():
    ranges = parse_accept("text/csv;q=0.5, garbage, application/json;q=x, */*;q=2")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "csv", 0.5),
        ("application", "json", 0.0),
        ("*", "*", 1.0),
    ]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/tab-separated-values;q=1, text/csv;q=0.9", "text/tab-separated-values"),
        ("text/csv;q=0.1, */*;q=0.2", "application/sparql-results+json"),
        ("TEXT/CSV", "text/csv"),
        ("text/csv; charset=utf-8", "text/csv"),
        ("image/png", None),
        ("*/*;q=0", None),
        ("application/sparql-results+xml;q=0, application/xml", "application/sparql-results+xml"),
    ],
)
def test_results(accept, expected):
    assert chosen(accept) == expected


def test_graph_default_is_turtle():
    assert chosen("*/*", GRAPH_OFFERS) == "text/turtle"


def test_html_only_when_preferred():
    offers = GRAPH_OFFERS + (HTML_OFFER,)
    assert chosen("*/*", offers) == "text/turtle"
    assert chosen("text/html,application/xhtml+xml,*/*;q=0.8", offers) == "text/html"


@pytest.mark.parametrize(
    ("value", "offers", "expected"),
    [
        ("JSON", RESULT_OFFERS, "json"),
        ("application/sparql-results+json", RESULT_OFFERS, "json"),
        ("json", GRAPH_OFFERS, "jsonld"),
        ("n-triples", GRAPH_OFFERS, "ntriples"),
        ("yaml", RESULT_OFFERS, None),
    ],
)
def test_by_parameter(value, offers, expected):
    offer = by_parameter(value, offers)
    assert (offer.name if offer else None) == expected
