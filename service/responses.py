"""Small response helpers shared by the Linked Data routes and the pages.

HEAD answered with the headers (Content-Length included) and no body; ``ETag`` per graph version
and URL, so that a client revalidates a page or a document for the price of a 304.
"""

from __future__ import annotations

import hashlib

from fastapi import Request
from starlette.responses import Response

from service.site import Site


def respond(request: Request, body: bytes, media_type: str, headers: dict[str, str],
            status: int = 200) -> Response:
    """The response, with ``If-None-Match`` revalidation, and no body for HEAD."""
    tag = headers.get("ETag")
    if tag and status == 200 and _matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    if request.method == "HEAD":
        return Response(b"", status, {**headers, "Content-Length": str(len(body))}, media_type=media_type)
    return Response(body, status, headers, media_type=media_type)


def etag(site: Site, *parts: str) -> str:
    """A weak tag for ``parts`` (the URL, the format…) of the graph version now served."""
    digest = hashlib.sha256(repr((site.version(), site.base, parts)).encode()).hexdigest()[:24]
    return f'W/"{digest}"'


def cache_headers(site: Site) -> dict[str, str]:
    return {"Cache-Control": f"public, max-age={site.settings.cache_max_age}"}


def html(request: Request, site: Site, page: str, *, status: int = 200,
         headers: dict[str, str] | None = None) -> Response:
    """A rendered page, revalidated by ETag (same version, same URL, same page)."""
    tagged = {"ETag": etag(site, str(request.url)), **cache_headers(site), **(headers or {})}
    return respond(request, page.encode("utf-8"), "text/html", tagged, status)


def _matches(header: str | None, tag: str) -> bool:
    if not header:
        return False
    wanted = {value.strip().removeprefix("W/") for value in header.split(",")}
    return "*" in wanted or tag.removeprefix("W/") in wanted
