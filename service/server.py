"""``serve(settings)``: run the service under uvicorn on ``settings.host``:``settings.port``.

One uvicorn process is enough: the query work happens in ``settings.workers`` worker processes.
Access lines go to the "meetgraph.access" logger as JSON (uvicorn's own access log is off).
"""

from __future__ import annotations

import logging
import sys

import uvicorn

from kg.errors import StoreError
from kg.settings import Settings
from kg.store import is_built
from service.app import create_app


def configure_logging(level: int = logging.INFO) -> None:
    """Print meetgraph's log lines (access lines are JSON already) on stderr, once."""
    logger = logging.getLogger("meetgraph")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)


def serve(settings: Settings) -> None:
    """Serve the built graph until interrupted. Raises ``StoreError`` if nothing is built."""
    if not is_built(settings.data_dir):
        raise StoreError(f"no graph is built in {settings.data_dir}: run `kg build` first")
    configure_logging()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="info",
        timeout_graceful_shutdown=5,
    )


if __name__ == "__main__":  # python -m service.server, configured by KG_ variables
    serve(Settings())
