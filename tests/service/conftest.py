"""Fixtures of the service tests: a small data dir, the app in process, a live uvicorn server.

Everything is session-scoped: worker processes start once per app. The in-process app and the live
server both run with a 2 s query timeout and a 100-row result cap, so that the timeout and
truncation tests stay fast.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from kg.settings import Settings
from kg.store import open_store
from service.app import create_app
from service_testdata import BASE, write_data_dir

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUERY_TIMEOUT = 2.0
MAX_RESULTS = 100
MAX_REQUEST_BYTES = 20_000


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data_dir(tmp_path_factory.mktemp("service") / "kg")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings(
        base=BASE,
        data_dir=data_dir,
        query_timeout=QUERY_TIMEOUT,
        max_results=MAX_RESULTS,
        max_request_bytes=MAX_REQUEST_BYTES,
        workers=2,
    )


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    """The real app in process, lifespan run (its worker processes started)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def reference_store(data_dir: Path):
    """The same on-disk store, opened read-only by the test itself: the expected answers."""
    return open_store(data_dir, read_only=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m service.server`` (which calls ``serve``) on a free loopback port; yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "KG_DATA_DIR": str(data_dir),
        "KG_BASE": BASE,
        "KG_HOST": "127.0.0.1",
        "KG_PORT": str(port),
        "KG_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
        "KG_MAX_RESULTS": str(MAX_RESULTS),
        "KG_WORKERS": "2",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    log_file = open(log_path, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.server"],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log_path.read_text()}")
        try:
            if httpx.get(f"{url}/sparql", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the server did not start within 30 s")
        time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log_file.close()


class Listener:
    """A TCP server on loopback that counts connections: proof that nothing called out."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.sock.close()
