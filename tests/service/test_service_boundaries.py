"""What the service depends on and starts with: no extraction code, nothing built at import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreError
from kg.settings import Settings
from service.evaluation import Job
from service.server import serve

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_the_service_never_imports_extraction_code():
    code = (
        "import sys, service.app, service.server, service.worker, service.sparql\n"
        "bad = [m for m in sys.modules if m.startswith(('kg.extract', 'kg.articles', 'kg.build', "
        "'kg.reason', 'kg.validate', 'kg.cli', 'spacy', 'owlrl'))]\n"
        "assert not bad, bad\n"
        "import threading, multiprocessing\n"
        "assert threading.active_count() == 1, 'import started threads'\n"
        "assert not multiprocessing.active_children(), 'import started processes'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)


def test_serve_without_a_built_graph_raises(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        serve(Settings(data_dir=tmp_path / "nothing", port=1))


def test_workers_cannot_reach_the_network(client, listener, settings):
    """Defence in depth: even a SERVICE sent straight to a worker, past the screen, calls nobody."""
    pool = client.app.state.sparql.pool
    if not pool.isolated:
        pytest.skip("this machine has no network namespaces for the workers")
    before = listener.connections
    job = Job(
        query=f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        format_name="json",
        max_results=10,
        generation=client.app.state.sparql.version.generation,
    )
    with pytest.raises((QueryError, StoreError)):
        pool.run(job, settings.query_timeout)
    assert listener.connections == before
