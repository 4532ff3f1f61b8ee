"""The query screen on its own: SERVICE in every disguise, updates, the query form, prefixes.

The property test is differential: whatever the screen lets through, pyoxigraph itself (here in
the test process, with the network reachable) must not call out with.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from kg.errors import QueryError
from service.screening import MAX_NESTING, UpdateRefused, screen


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("select*{?s ?p ?o}", "select"),
        ("SELECTREDUCED * { ?s ?p ?o }", "select"),
        ("PREFIX ask: <http://x/> BASE <http://y/> # comment\n ASK {}", "ask"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("DESCRIBE <http://x/>", "describe"),
        ("nonsense", None),
    ],
)
def test_form(query, form):
    assert screen(query).form == form


def test_prefixes():
    screened = screen("PREFIX ex: <http://e/> PREFIX : <http://d/> SELECT * FROM <http://g/> { ?s ?p ?o }")
    assert screened.prefixes == {"ex": "http://e/", "": "http://d/"}


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a> <b> <c> }",
        "insertdata { <a> <b> <c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <y> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <g>",
        "CREATE GRAPH <g>",
        "COPY <a> TO <b>",
        "MOVE <a> TO <b>",
        "ADD <a> TO <b>",
    ],
)
def test_updates(query):
    with pytest.raises(UpdateRefused):
        screen(query)


def test_load():
    with pytest.raises(QueryError, match="LOAD"):
        screen("LOAD <http://example.org/data.ttl> INTO GRAPH <g>")


def test_nesting_limit():
    screen("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    with pytest.raises(QueryError, match="nested"):
        screen("SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))


def test_a_large_query_screens_quickly():
    import time

    query = "SELECT * { " + " ".join(
        f"?s{i} <http://e/p#{i}> \"x'{i}\" . FILTER(?s{i} != <http://e/a#b'c>)" for i in range(5000)
    ) + "}"
    started = time.monotonic()
    screen(query)
    assert time.monotonic() - started < 2


# --- differential: what passes the screen never calls out ---------------------------------------

FRAGMENTS = [
    "SELECT", "*", "WHERE", "ASK", "{", "}", "?s", "?p", "?o", "?e", "SERVICE", "service", "SERVICE",
    "SILENT", "<URL>", ":x", "ex:x", "PREFIX ex: <URL>", "PREFIX : <URL>", "'", '"', "'''", '"""',
    "#", "\n", "<", ">", "FILTER(", "(", ")", "true", "1", ".", "@en", "<a#>", "<'>", "<a'#>",
    "OPTIONAL", "{}", "VALUES ?e { <URL> }", "\\", "_:b", "?s<'", "'>", "FILTER(?o<", "a",
]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    node = ox.NamedNode("http://example.org/a")
    store.add(ox.Quad(node, node, ox.Literal("x")))
    store.add(ox.Quad(node, node, node))
    return store


# Queries built to be valid SPARQL with a SERVICE clause in some disguise (about one in seven of
# them does call out when run unscreened: see the last test).
SHAPES = {
    "prologue": ["", "PREFIX ex: <URL> ", "PREFIX : <URL>\n"],
    "before": [
        "", "?s ?p ?o", "?s ?p ?o .", "?s ?p true", "?s ?p 1", '?s ?p "x"@en',
        "?s ?p ?o FILTER(?o<'>')", "?s ?p ?o FILTER(?o<?s#>\n)", "OPTIONAL{?s ?p ?o}",
        "VALUES ?e { <URL> }", "?s ?p 'SERVICE'", "# SERVICE\n",
    ],
    "sep": ["", " ", "\n"],
    "keyword": ["SERVICE", "service", "SeRvIcE"],
    "silent": ["", " ", "#c\n", " SILENT ", "SILENT"],
    "endpoint": ["<URL>", "ex:x", ":x", "?e"],
    "gap": ["", " "],
    "after": ["", " . ?a ?b ?c"],
    "tail": ["", " # '", "'"],
}


def shaped(choice: dict[str, str]) -> str:
    return (
        f"{choice['prologue']}SELECT * WHERE {{ {choice['before']}{choice['sep']}{choice['keyword']}"
        f"{choice['silent']}{choice['endpoint']}{choice['gap']}{{ ?x ?y ?z }}{choice['after']} }}"
        f"{choice['tail']}"
    )


shaped_queries = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in SHAPES.items()}).map(shaped)
fragment_queries = st.builds(
    lambda parts, glue: "".join(part + sep for part, sep in zip(parts, glue)),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14),
    st.lists(st.sampled_from(["", " ", "\n"]), min_size=14, max_size=14),
)


def run(store: ox.Store, query: str) -> None:
    try:
        result = store.query(query)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, ValueError, OSError, RuntimeError, TypeError):
        pass


@hypothesis_settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(template=st.one_of(shaped_queries, fragment_queries))
def test_what_passes_the_screen_never_calls_out(store, listener, template):
    query = template.replace("URL", listener.url)
    try:
        screen(query)
    except QueryError:
        return
    before = listener.connections
    run(store, query)
    assert listener.connections == before, query


def test_the_shapes_do_call_out_unscreened(store, listener):
    """Keeps the property test honest: its queries are ones pyoxigraph would send out."""
    import random

    chooser = random.Random(0)
    before = listener.connections
    for _ in range(300):
        query = shaped({k: chooser.choice(v) for k, v in SHAPES.items()}).replace("URL", listener.url)
        run(store, query)
    assert listener.connections - before > 10
