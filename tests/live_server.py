"""A real `python -m service.server` on a free loopback port, for clients that need a socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(port: int, settings_env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Start the service with ``KG_`` settings, wait until it answers, yield its URL, stop it."""
    env = {**os.environ, "KG_HOST": "127.0.0.1", "KG_PORT": str(port), "KG_WORKERS": "2",
           "PYTHONPATH": str(PROJECT_ROOT), **settings_env}
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "service.server"], env=env, cwd=PROJECT_ROOT,
                                   stdout=log_file, stderr=subprocess.STDOUT)
        try:
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
                    raise RuntimeError("the server did not start within 30 s")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
