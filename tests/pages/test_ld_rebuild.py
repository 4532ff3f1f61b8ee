"""What is cached per graph version (VoID counts, dumps, documentation) follows a rebuild."""

from __future__ import annotations

import gzip
import shutil
import warnings

from kg.settings import Settings
from kg.store import dataset_nquads, staged_build, write_store
from service.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

INFERRED = b"<http://localhost:8000/graph/inferred> .\n"


def _write(data_dir, nquads: bytes, version: str, articles) -> None:
    with staged_build(data_dir) as staging:
        write_store(staging, nquads, {"version": version, "built_at": "2026-01-01T00:00:00Z",
                                      "articles": [], "base": "http://localhost:8000/"})
        shutil.copytree(articles, staging / "articles")


def test_caches_follow_a_rebuild(seed_settings, tmp_path):
    seed = seed_settings.data_dir
    full = dataset_nquads(seed)
    asserted_only = b"".join(line for line in full.splitlines(keepends=True) if not line.endswith(INFERRED))
    data_dir = tmp_path / "kg"
    _write(data_dir, full, "first", seed / "articles")
    settings = Settings(data_dir=data_dir, workers=1)
    with TestClient(create_app(settings)) as client:
        def triples() -> str:
            return client.get("/.well-known/void.nt").text

        before = triples()
        dump_before = gzip.decompress(client.get("/dumps/meetgraph.nq.gz").content)
        assert "first" in client.get("/").text
        _write(data_dir, asserted_only, "second", seed / "articles")
        after = triples()
        assert before != after
        assert gzip.decompress(client.get("/dumps/meetgraph.nq.gz").content) == asserted_only != dump_before
        assert gzip.decompress(client.get("/dumps/meetgraph-inferred.nq.gz").content) == b""
        page = client.get("/id/person/lee-jae-yong.html").text
        assert "second" in page and '<li class="badge inferred"' not in page  # no inferred type left
