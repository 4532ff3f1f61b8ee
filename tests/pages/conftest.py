"""Fixtures of the Linked Data and page tests.

- ``pages_client``: the real app in process over the seed graph (``seed_settings``).
- ``ld_server``: ``python -m service.server`` on a free loopback port, over the seed articles built
  with that server's own URL as base, so that every IRI in it dereferences from it (what
  ``rdflib.Graph().parse(iri)`` and the browser need).
- ``browser``/``page``: Debian's Chromium driven by Playwright, console errors collected; skipped
  with a reason only when Chromium is missing and cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator

import pytest

from kg.settings import Settings
from live_server import free_port, running_server

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="session")
def pages_client(seed_settings: Settings) -> Iterator[TestClient]:
    from service.app import create_app

    with TestClient(create_app(seed_settings)) as client:
        yield client


@pytest.fixture(scope="session")
def ld_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL (no trailing slash) of a live server whose base IRI is that URL."""
    from kg.build import build

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data_dir = tmp_path_factory.mktemp("ld") / ".kg"
    build(Settings(base=url + "/", data_dir=data_dir))
    settings_env = {"KG_DATA_DIR": str(data_dir), "KG_BASE": url + "/"}
    with running_server(port, settings_env, tmp_path_factory.mktemp("ld-server") / "server.log") as live:
        yield live


def _chromium() -> Path | None:
    """Debian's Chromium, installed by scripts/install-browser.sh when missing and we are root."""
    if CHROMIUM.exists():
        return CHROMIUM
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "install-browser.sh")], check=False)
    return CHROMIUM if CHROMIUM.exists() else None


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        pytest.skip("no /usr/bin/chromium, and scripts/install-browser.sh could not install it "
                    "(it needs root): run `sudo apt-get install -y chromium` to run the browser tests")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A browser page and the console errors it logged."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response.status if response else None}"

    def shot(self, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def tab(browser, ld_server) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    opened = Tab(page, ld_server)
    page.on("console", lambda message: opened.errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(f"{page.url}: {error}"))
    yield opened
    context.close()
