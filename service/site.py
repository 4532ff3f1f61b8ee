"""What the Linked Data routes and the pages share at run time (``app.state.site``).

Every query goes through ``SparqlService.execute`` — the same worker processes, time limit,
result cap and answer cache as ``/sparql`` — so a page can never do what the endpoint would refuse,
and the store is never opened in a request thread. Things computed from a whole graph version (the
ontology's documentation, the JSON-LD context, the filter lists) are kept in ``memo`` until the
version changes.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox
from fastapi import Request

from kg.settings import Settings
from service.evaluation import Answer

if TYPE_CHECKING:  # service.sparql renders its page through this module: no import cycle
    from service.sparql import SparqlService

T = TypeVar("T")

TITLE = "meetgraph"
DESCRIPTION = (
    "Who met whom in the technology industry: people, organisations, places, technologies and "
    "meetings read from news articles, with every fact tied to the sentence that states it, "
    "and closed under OWL 2 RL reasoning."
)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"
"""The licence of the graph (the same as the ontology's); article texts stay their publishers'."""


@dataclass(frozen=True)
class Rows:
    """A SELECT answer as terms, and whether the result cap cut it."""

    rows: list[dict[str, ox.Term]]
    truncated: bool
    query: str

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class Site:
    settings: Settings
    sparql: SparqlService
    _memo: dict[tuple[str, str], object] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return self.settings.base

    @property
    def data_dir(self) -> Path:
        return Path(self.settings.data_dir)

    def version(self) -> str:
        """The graph version now served (meta.json is re-read when a rebuild replaced it)."""
        self.sparql.version.refresh()
        return self.sparql.version.version

    def meta(self) -> dict:
        self.sparql.version.refresh()
        return self.sparql.version.meta

    def select(self, query: str) -> Rows:
        """Run a SELECT through the worker pool; rows map variable names to pyoxigraph terms."""
        answer = self.sparql.execute(query, "json")
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        names = [variable.value for variable in solutions.variables]
        rows = [
            {name: row[name] for name in names if row[name] is not None} for row in solutions
        ]
        return Rows(rows, answer.truncated, query)

    def ask(self, query: str) -> bool:
        answer = self.sparql.execute(query, "json")
        return bool(json.loads(answer.body)["boolean"])

    def graph(self, query: str, format_name: str, prefixes: dict[str, str] | None = None) -> Answer:
        """A CONSTRUCT/DESCRIBE answer serialised by the worker in ``format_name``."""
        return self.sparql.execute(query, format_name, prefixes=tuple((prefixes or {}).items()))

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per graph version (concurrent callers wait for the first)."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            version = self.version()
            if (version, key) not in self._memo:
                value = compute()
                with self._guard:
                    for old in [k for k in self._memo if k[0] != version]:
                        del self._memo[old]
                    self._memo[(version, key)] = value
            return self._memo[(version, key)]  # type: ignore[return-value]

    def footer(self) -> dict:
        """What every page's footer says: licence, sources, version."""
        meta = self.meta()
        return {
            "title": TITLE,
            "licence": LICENCE,
            "licence_name": LICENCE_NAME,
            "articles": len(meta.get("articles", [])),
            "version": str(meta.get("version", "")),
            "built_at": str(meta.get("built_at", "")),
            "software": str(meta.get("meetgraph", "")),
        }


def site_of(request: Request) -> Site:
    return request.app.state.site
