"""Run the ``kg`` command line with a timer on each stage of the build, for the benchmark.

    python -m bench.stages TIMINGS.json build --articles DIR
    python -m bench.stages TIMINGS.json add FILE

Why a wrapper rather than ``kg build`` itself: the benchmark must say *what* dominates the cost at
larger sizes (extraction, identity, reasoning, SHACL, the store), and ``kg`` prints only a total.
The wrapper replaces the stage functions that ``kg.build`` looks up at call time by timed
wrappers, then runs exactly the code path of ``kg build`` / ``kg add`` (``kg.cli.main``); the
wrappers cost microseconds per call. Nothing in ``kg`` is changed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

STAGES = (
    "extract_all",     # article text -> facts (rule-based extraction)
    "article_triples", # facts -> one RDF graph per article
    "closure",         # kg build: OWL 2 RL closure (compiled rules)
    "retract",         # kg add: delete-and-rederive of what left the graph
    "saturate",        # kg add: the closure extended by what joined it
    "validate_nodes",  # pyshacl, on the nodes built or touched
    "_fill",           # kg build: the named graphs and their union into the store
    "validate_graph",  # kg build: pyshacl over the whole graph
)


def _timed(name: str, fn: Callable[..., Any], totals: dict[str, float], calls: dict[str, int]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start
            calls[name] += 1

    return wrapper


def main(argv: list[str]) -> None:
    """Patch the stages, run ``kg ARGS…``, write ``{"stages": {name: seconds}, "total": s}``."""
    out, args = Path(argv[0]), argv[1:]
    started = time.perf_counter()
    import kg.build as builder
    from kg import cli

    totals: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for name in STAGES:
        if hasattr(builder, name):
            setattr(builder, name, _timed(name, getattr(builder, name), totals, calls))
    for cls, name in ((builder.Background, "load"), (builder.State, "load"), (builder.Identity, "of")):
        original = getattr(cls, name)
        label = f"{cls.__name__}.{name}"  # identity: one node per person, one per meeting
        setattr(cls, name, classmethod(lambda c, *a, _f=original, _l=label, **k: _timed(_l, _f, totals, calls)(*a, **k)))
    update = builder.Identity.update  # kg add: the identity index updated with the new articles
    builder.Identity.update = lambda self, *a, **k: _timed("Identity.update", update, totals, calls)(self, *a, **k)
    imported = time.perf_counter() - started
    sys.argv = ["kg", *args]
    try:
        cli.main()
    finally:
        out.write_text(json.dumps({"stages": dict(totals), "calls": dict(calls), "imports": imported,
                                   "total": time.perf_counter() - started}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
