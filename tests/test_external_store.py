"""KG_STORE: `kg build`/`kg add` publish to a real `oxigraph serve`, the service and `kg query` ask it.

Each store is an in-memory `oxigraph serve` on a free loopback port (the `oxigraph` package of the
test extra ships the binary). The graph is built once, by the command line, with the store set.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.examples import examples
from kg.publish import PUBLISHED_FILE, publish, published_record
from kg.remote import Endpoints, endpoints
from kg.settings import Settings
from kg.store import META_FILE, open_store, read_meta
from live_server import free_port, running_server
from service.app import create_app
from test_examples_http import _parts

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://localhost:8000/"
NEW = ROOT / "tests" / "fixtures" / "900_zuckerberg_yoon_recalled.txt"
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
FOREIGN = "http://example.org/not-ours"
QUERY_TIMEOUT = 2.0
MAX_RESULTS = 100

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="no `oxigraph` binary: pip install -e '.[test]'")

Graphs = dict[str | None, set[str]]
"""A dataset as each graph's canonical N-Triples lines (None: the default graph)."""


@contextmanager
def oxigraph_serve() -> Iterator[str]:
    """An empty in-memory `oxigraph serve`; yields its query endpoint. It cancels queries after
    4 s, so a query the service gave up on does not keep a core busy for the tests after it."""
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}", "--timeout-s", "4"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def clean_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return {**env, "PYTHONPATH": str(ROOT), "KG_BASE": BASE, **settings}


def kg(*args: str, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=clean_env(**settings),
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def canonical(quads: list[ox.Quad]) -> Graphs:
    """Graph by graph, blank nodes canonicalised within each graph (a store relabels them)."""
    by_graph: dict[str | None, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        by_graph[name].append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    graphs: Graphs = {}
    for name, items in by_graph.items():
        dataset = ox.Dataset(items)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        graphs[name] = {str(q) for q in dataset}
    return graphs


def remote_graphs(store: str) -> Graphs:
    response = httpx.get(store.replace("/query", "/store"), headers={"Accept": "application/n-quads"}, timeout=30)
    response.raise_for_status()
    return canonical(list(ox.parse(response.content, format=ox.RdfFormat.N_QUADS)))


def local_graphs(data_dir: Path) -> Graphs:
    return _local_graphs(str(data_dir), read_meta(data_dir)["version"])


@functools.lru_cache(maxsize=16)
def _local_graphs(data_dir: str, version: str) -> Graphs:
    return canonical(list(open_store(Path(data_dir)).quads_for_pattern(None, None, None)))


def ours(graphs: Graphs) -> Graphs:
    return {name: triples for name, triples in graphs.items() if name != FOREIGN}


def put(store: str, graph: str, ntriples: str) -> None:
    httpx.put(store.replace("/query", "/store"), params={"graph": graph}, content=ntriples.encode(),
              headers={"Content-Type": "application/n-triples"}).raise_for_status()


def with_changes(source: Path, target: Path, before: Path) -> Path:
    """A copy of the data dir ``source`` whose meta.json names the graphs changed and removed since
    ``before``, as `kg add` records them."""
    shutil.copytree(source, target)
    old, new = local_graphs(before), local_graphs(source)
    meta = read_meta(target)
    meta["changed_graphs"] = sorted(g for g in new if g is not None and new[g] != old.get(g))
    meta["removed_graphs"] = sorted(g for g in old if g is not None and g not in new)
    (target / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def store() -> Iterator[str]:
    """The store `kg build` publishes to; the service tests read it."""
    with oxigraph_serve() as url:
        yield url


@pytest.fixture(scope="module")
def built(store: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """`kg build` of the seed articles with KG_STORE set; the store held a stale graph of ours and
    a graph that is not ours before."""
    put(store, f"{BASE}graph/article/gone", "<http://example.org/a> <http://example.org/b> <http://example.org/c> .")
    put(store, FOREIGN, "<http://example.org/a> <http://example.org/b> <http://example.org/d> .")
    data_dir = tmp_path_factory.mktemp("built") / "kg"
    result = kg("build", "--data-dir", str(data_dir), KG_STORE=store)
    assert result.returncode == 0, result.stderr
    return data_dir, result


@pytest.fixture(scope="module")
def added(built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, subprocess.CompletedProcess]]:
    """`kg add` of a new article to a copy of the built graph, published to a store of its own
    that held the built graph before."""
    data_dir = tmp_path_factory.mktemp("added") / "kg"
    shutil.copytree(built[0], data_dir)
    with oxigraph_serve() as url:
        publish(Settings(base=BASE, data_dir=data_dir, store=url))
        result = kg("add", str(NEW), "--data-dir", str(data_dir), KG_STORE=url)
        assert result.returncode == 0, result.stderr
        yield data_dir, url, result


# -- publishing --


def test_build_publishes_every_named_graph_and_their_union(built, store):
    data_dir, result = built
    assert "published everything to " + store in result.stderr
    local, remote = local_graphs(data_dir), remote_graphs(store)
    assert ours(remote) == local  # every named graph, and the default graph: their union, once
    assert len(local) > 3 and None in local
    assert f"{BASE}graph/article/gone" not in remote  # ours, no longer built: removed
    assert FOREIGN in remote  # not under our base: left alone
    assert published_record(data_dir)["version"] == read_meta(data_dir)["version"]


def test_add_publishes_the_change_and_the_store_equals_the_data_dir(added):
    data_dir, url, result = added
    assert f"published changes to {url}" in result.stderr  # meta.json names them: only they are sent
    assert ours(remote_graphs(url)) == local_graphs(data_dir)
    assert published_record(data_dir)["version"] == read_meta(data_dir)["version"]


def test_incremental_publish_sends_only_the_changes_both_ways(built, added, tmp_path):
    """From the built graph to the added one (graphs changed, triples join the union) and back
    (a graph removed, triples leave the union unless another graph still holds them)."""
    before, after = built[0], added[0]
    forward = with_changes(after, tmp_path / "forward", before)
    backward = with_changes(before, tmp_path / "backward", after)
    with oxigraph_serve() as url:
        publish(Settings(base=BASE, data_dir=before, store=url))
        assert remote_graphs(url) == local_graphs(before)
        sent = publish(Settings(base=BASE, data_dir=forward, store=url), incremental=True)
        assert sent.incremental and sent.default == "patched" and sent.default_inserted > 0
        assert sent.graphs_put == len(read_meta(forward)["changed_graphs"]) < len(local_graphs(forward)) - 1
        assert remote_graphs(url) == local_graphs(after)
        sent = publish(Settings(base=BASE, data_dir=backward, store=url), incremental=True)
        assert sent.graphs_deleted == 1 and sent.default == "patched" and sent.default_deleted > 0
        assert remote_graphs(url) == local_graphs(before)


def test_without_a_graph_store_sparql_update_does_it_all(built, added, tmp_path):
    """KG_STORE_GSP=none (Neptune has no Graph Store Protocol): the same store contents."""
    before, after = built[0], added[0]
    forward = with_changes(after, tmp_path / "forward", before)
    with oxigraph_serve() as url:
        put(url, f"{BASE}graph/article/gone", "<http://example.org/a> <http://example.org/b> <http://example.org/c> .")
        publish(Settings(base=BASE, data_dir=before, store=url, store_gsp="none"))
        assert remote_graphs(url) == local_graphs(before)
        sent = publish(Settings(base=BASE, data_dir=forward, store=url, store_gsp="none"), incremental=True)
        assert sent.default == "patched"
        assert remote_graphs(url) == local_graphs(after)


def test_a_store_whose_default_graph_is_the_union_gets_only_named_graphs(built, tmp_path):
    with oxigraph_serve() as url:
        sent = publish(Settings(base=BASE, data_dir=built[0], store=url, store_union=True))
        assert sent.default == "left to the store"
        local = local_graphs(built[0])
        assert remote_graphs(url) == {name: triples for name, triples in local.items() if name is not None}


@pytest.mark.parametrize("query, update, gsp", [
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("http://h:7200/repositories/mg", "http://h:7200/repositories/mg/statements",
     "http://h:7200/repositories/mg/rdf-graphs/service"),
    ("http://h:8890/sparql", "http://h:8890/sparql", None),
    ("https://cluster:8182/sparql", "https://cluster:8182/sparql", None),
])
def test_update_and_graph_store_urls_are_derived_from_the_query_url(query, update, gsp):
    assert endpoints(Settings(store=query)) == Endpoints(query, update, gsp)
    given = Settings(store=query, store_update="http://u/", store_gsp="none")
    assert endpoints(given) == Endpoints(query, "http://u/", None)


def test_an_unreachable_store_fails_the_build_in_one_line_and_leaves_the_graph_built(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(sorted((ROOT / "data" / "articles").glob("*.txt"))[1], articles)
    data_dir = tmp_path / "kg"
    url = f"http://127.0.0.1:{free_port()}/query"
    result = kg("build", "--articles", str(articles), "--data-dir", str(data_dir), KG_STORE=url)
    assert result.returncode == 6
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and url in error[0] and "cannot be reached" in error[0], result.stderr
    assert "Traceback" not in result.stderr
    assert read_meta(data_dir)["articles"]  # built all the same
    assert not (data_dir / PUBLISHED_FILE).exists()


def test_a_store_refusing_the_upload_names_the_url_and_the_status(built, store, tmp_path):
    data_dir = tmp_path / "kg"
    shutil.copytree(built[0], data_dir)
    gsp = store.replace("/query", "/no-such-endpoint")
    result = kg("publish", "--data-dir", str(data_dir), KG_STORE=store, KG_STORE_GSP=gsp)
    assert result.returncode == 6
    assert gsp in result.stderr and "HTTP 404" in result.stderr and "Traceback" not in result.stderr
    assert not (data_dir / PUBLISHED_FILE).exists()


# -- reading: kg query and the service --


def rows(srj: bytes | str) -> list[tuple]:
    data = json.loads(srj)
    names = data["head"]["vars"]
    return sorted(tuple((n, row[n]["value"]) for n in names if n in row) for row in data["results"]["bindings"])


def concatenated(srj: bytes) -> list[tuple]:
    """Rows of values, each GROUP_CONCAT split and sorted (its order is unspecified)."""
    return _parts([tuple(value for _, value in row) for row in rows(srj)])


def test_kg_query_asks_the_store(built, store):
    ex = examples()[0]
    remote = kg("query", "--name", ex.name, "--format", "json", "--data-dir", str(built[0]), KG_STORE=store)
    local = kg("query", "--name", ex.name, "--format", "json", "--data-dir", str(built[0]))
    assert remote.returncode == 0 and local.returncode == 0, remote.stderr + local.stderr
    assert rows(remote.stdout) and rows(remote.stdout) == rows(local.stdout)


@pytest.fixture(scope="module")
def forwarding(built, store, tmp_path_factory) -> Iterator[str]:
    """The service on a free port, forwarding to the store `kg build` published to."""
    env = {"KG_DATA_DIR": str(built[0]), "KG_BASE": BASE, "KG_STORE": store,
           "KG_QUERY_TIMEOUT": str(QUERY_TIMEOUT), "KG_MAX_RESULTS": str(MAX_RESULTS)}
    log = tmp_path_factory.mktemp("forwarding") / "server.log"
    with running_server(free_port(), env, log) as url:
        yield url


@pytest.fixture(scope="module")
def local(built) -> Iterator[TestClient]:
    """The same data dir served by local worker processes, for comparison."""
    settings = Settings(base=BASE, data_dir=built[0], query_timeout=QUERY_TIMEOUT, max_results=MAX_RESULTS)
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_ten_examples_answer_the_same_through_the_store(forwarding, local):
    accept = {"Accept": "application/sparql-results+json"}
    for ex in examples():
        theirs = httpx.post(f"{forwarding}/sparql", data={"query": ex.sparql}, headers=accept, timeout=30)
        ours_ = local.post("/sparql", data={"query": ex.sparql}, headers=accept)
        assert theirs.status_code == ours_.status_code == 200, (ex.name, theirs.text)
        assert rows(theirs.content) and concatenated(theirs.content) == concatenated(ours_.content), ex.name
        assert theirs.headers["X-Result-Count"] == ours_.headers["X-Result-Count"]


def test_forwarded_answers_keep_the_endpoints_behaviour(forwarding, local):
    lee = f"<{BASE}id/person/lee-jae-yong>"
    everything = "SELECT * WHERE { ?s ?p ?o }"
    response = httpx.get(f"{forwarding}/sparql", params={"query": everything}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["X-Result-Truncated"] == "true" and response.headers["X-Result-Count"] == str(MAX_RESULTS)
    assert len(response.text.strip().splitlines()) == MAX_RESULTS + 1

    construct = f"CONSTRUCT {{ {lee} ?p ?o }} WHERE {{ {lee} ?p ?o }}"
    theirs = httpx.get(f"{forwarding}/sparql", params={"query": construct}, headers={"Accept": "application/n-triples"})
    ours_ = local.get("/sparql", params={"query": construct}, headers={"Accept": "application/n-triples"})
    assert theirs.status_code == 200 and theirs.headers["content-type"] == "application/n-triples"
    assert sorted(theirs.text.splitlines()) == sorted(ours_.text.splitlines()) != []

    tag = theirs.headers["ETag"]
    again = httpx.get(f"{forwarding}/sparql", params={"query": construct},
                      headers={"Accept": "application/n-triples", "If-None-Match": tag})
    assert again.status_code == 304

    bad = "SELECT * WHERE {\n  ?s ?p\n}"
    theirs = httpx.get(f"{forwarding}/sparql", params={"query": bad})
    ours_ = local.get("/sparql", params={"query": bad})
    assert theirs.status_code == ours_.status_code == 400
    assert theirs.json()["error"]["line"] == ours_.json()["error"]["line"] == 3

    update = httpx.post(f"{forwarding}/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert update.status_code == 403
    service = httpx.get(f"{forwarding}/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    assert service.status_code == 400 and "SERVICE" in service.json()["error"]["message"]

    for path in ("/", "/id/person/lee-jae-yong.html", "/id/person/lee-jae-yong.ttl", "/queries/01-whom-has-lee-jae-yong-met"):
        assert httpx.get(f"{forwarding}{path}", timeout=30).status_code == 200, path


def test_a_query_past_the_limit_is_a_504(forwarding):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    response = httpx.get(f"{forwarding}/sparql", params={"query": slow}, timeout=30)
    assert response.status_code == 504, response.text
    assert time.monotonic() - started < QUERY_TIMEOUT + 2


def test_an_unreachable_store_is_a_clean_503(built):
    url = f"http://127.0.0.1:{free_port()}/query"
    settings = Settings(base=BASE, data_dir=built[0], store=url)
    with TestClient(create_app(settings)) as client:
        response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/json"})
        assert response.status_code == 503 and response.headers["Retry-After"]
        assert url in response.json()["error"]["message"]
        page = client.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 503 and "Traceback" not in page.text


def test_answers_are_keyed_by_the_published_version(built, store, tmp_path):
    """Until the store holds the data dir's version, the service does not tag answers with it."""
    from service.executor import DatasetVersion

    version = read_meta(built[0])["version"]
    assert DatasetVersion(built[0], published_to=store).version == version
    assert DatasetVersion(built[0]).version == version
    unpublished = tmp_path / "kg"
    shutil.copytree(built[0], unpublished)
    (unpublished / PUBLISHED_FILE).unlink()
    assert DatasetVersion(unpublished, published_to=store).version == version + "+unpublished"
