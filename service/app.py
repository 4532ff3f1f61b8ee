"""``create_app(settings)``: the meetgraph HTTP service, with nothing built at import time.

The lifespan opens the built graph (its version, and the query workers that each open the store
read-only — or, with ``KG_STORE``, the connections to the external store, ``service.remote``) and
closes them on shutdown; the Linked Data routes and the pages share the same
``SparqlService`` through ``app.state.site``, and the dumps live in a folder of the app's own.
Middleware, outermost first: the access log (it sees every response and the bytes sent), CORS
(browser tools such as YASGUI), gzip, and ``/sparql`` answered before the routing
(``sparql.Endpoint``).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response

from kg.settings import Settings
from service import errors, linked_data, pages, sparql
from service.access_log import AccessLogMiddleware
from service.cache import LRUCache
from service.dumps import Dumps
from service.evaluation import Runner
from service.executor import DatasetVersion, WorkerPool
from service.remote import RemotePool
from service.site import Site

STATIC = Path(__file__).resolve().parent / "static"

EXPOSED_HEADERS = ["ETag", "X-Result-Count", "X-Result-Truncated", "X-Result-Limit", "Retry-After"]
"""Response headers a browser client (YASGUI and the like) may read across origins."""
_STATIC_CACHE = {"Cache-Control": "public, max-age=86400"}
_REVALIDATE = {"Cache-Control": "public, max-age=300"}
_STATIC_FILES = {
    "style.css": "text/css; charset=utf-8",
    "ontology.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "favicon.ico": "image/x-icon",
}


def create_app(settings: Settings) -> FastAPI:
    """The ASGI app serving ``settings.data_dir``; the store is opened when the app starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # StoreError if nothing is built: the data dir is needed even with an external store
        # (version, meta, dumps, article texts)
        version = DatasetVersion(settings.data_dir, published_to=settings.store)
        pool: Runner = RemotePool(settings) if settings.store else WorkerPool(settings.data_dir, settings.workers)
        await run_in_threadpool(pool.start)
        app.state.sparql = sparql.SparqlService(
            settings=settings, pool=pool, version=version, cache=LRUCache(settings.cache_size)
        )
        app.state.site = Site(settings=settings, sparql=app.state.sparql)
        app.state.dumps = Dumps.temporary()
        try:
            yield
        finally:
            await run_in_threadpool(pool.close)
            app.state.dumps.close()

    app = FastAPI(
        title="meetgraph",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.include_router(sparql.router)
    app.include_router(linked_data.router)
    app.include_router(pages.router)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers=_STATIC_CACHE)

    @app.get("/favicon.svg", include_in_schema=False)
    def favicon_svg() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml", headers=_STATIC_CACHE)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """The stylesheets and the script of the pages (a fixed list: no path ever reaches disk)."""
        if name not in _STATIC_FILES:
            raise HTTPException(404, f"no such file: /static/{name}")
        return FileResponse(STATIC / name, media_type=_STATIC_FILES[name], headers=_REVALIDATE)

    app.add_middleware(sparql.Endpoint)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    app.add_middleware(AccessLogMiddleware)
    return app
