"""A rebuilt graph is served without restarting the server (``kg build``/``kg add`` while serving)."""

from __future__ import annotations

import warnings

from kg.settings import Settings
from kg.store import staged_build, write_store
from service.app import create_app
from service_testdata import BASE, MG, nquads_bytes, write_data_dir

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PEOPLE = f"PREFIX mg: <{MG}> SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a mg:Person }}"


def count(client) -> tuple[int, str]:
    response = client.get("/sparql", params={"query": PEOPLE})
    return int(response.json()["results"]["bindings"][0]["n"]["value"]), response.headers["etag"]


def test_a_rebuild_is_picked_up(tmp_path):
    data_dir = write_data_dir(tmp_path / "kg")
    settings = Settings(base=BASE, data_dir=data_dir, workers=1, query_timeout=5)
    with TestClient(create_app(settings)) as client:
        before, tag = count(client)
        extra = (
            f"<{BASE}id/person/new-person> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            f"<{MG}Person> <{BASE}graph/article/a9> .\n"
        ).encode()
        with staged_build(data_dir) as staging:
            write_store(staging, nquads_bytes() + extra, {"version": "v2", "built_at": "later"})
        after, new_tag = count(client)
        assert after == before + 1
        assert new_tag != tag
        description = client.get("/sparql", headers={"accept": "application/n-triples"}).text
        assert '"v2"' in description and f"<{BASE}graph/article/a9>" in description
