"""Shared fixtures: the graph of the five seed articles, built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    """Settings whose data dir holds the reasoned graph of ``data/articles`` (built once)."""
    from kg.build import build

    settings = Settings(data_dir=tmp_path_factory.mktemp("seed") / ".kg")
    build(settings)
    return settings


@pytest.fixture(scope="session")
def seed_store(seed_settings):
    from kg.store import open_store

    return open_store(seed_settings.data_dir)


@pytest.fixture(scope="session")
def select(seed_store):
    """Run a SELECT on the seed graph; rows as dicts of plain strings."""
    from kg.query import evaluate

    def run(sparql: str) -> list[dict[str, str]]:
        data = json.loads(evaluate(seed_store, sparql, "json"))
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

    return run
