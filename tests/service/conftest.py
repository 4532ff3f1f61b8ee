"""Fixtures of the service tests: a small data dir, the app in process, a live uvicorn server.

Everything is session-scoped: worker processes start once per app. The in-process app and the live
server both run with a 2 s query timeout and a 100-row result cap, so that the timeout and
truncation tests stay fast.
"""

from __future__ import annotations

import socket
import threading
import warnings
from pathlib import Path
from typing import Iterator

import pytest

from kg.settings import Settings
from kg.store import open_store
from service.app import create_app
from live_server import free_port, running_server
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


@pytest.fixture(scope="session")
def live_server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m service.server`` (which calls ``serve``) on a free loopback port; yields its URL."""
    settings_env = {"KG_DATA_DIR": str(data_dir), "KG_BASE": BASE, "KG_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
                    "KG_MAX_RESULTS": str(MAX_RESULTS)}
    with running_server(free_port(), settings_env, tmp_path_factory.mktemp("server") / "server.log") as url:
        yield url


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
