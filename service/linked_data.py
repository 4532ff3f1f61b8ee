"""Linked Data: ``/id/…`` dereferences, ``/ontology``, ``/.well-known/void``, ``/dumps/``.

Instance IRIs are hash-less (``{base}id/person/lee-jae-yong``) and name people, meetings, places —
not documents. As "Cool URIs for the Semantic Web" (§4.3, 303 URIs forwarding to different
documents) prescribes for such IRIs, a GET answers **303 See Other** to the document chosen by
content negotiation (``Accept`` with q-values): ``lee-jae-yong.html``, ``.ttl``, ``.jsonld``,
``.nt``, ``.rdf`` (and ``.trig``/``.nq``, which keep each triple in its named graph, so a machine
too can tell asserted from inferred). Each document is answered 200 at its own URL — the suffix
twins a person can paste — with ``Link`` headers to its alternates and to the thing it
``describes``. The ontology and the VoID description are documents themselves (the ontology a hash
namespace), so they are answered 200 directly, negotiated, with ``Content-Location`` naming the
variant.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, RedirectResponse, Response

from kg import formats
from kg.vocab import KINDS
from service import dumps, ontology_doc, rdf_out, resource_page, void
from service.describe import Description, describe, labels_of
from service.negotiation import GRAPH_OFFERS, HTML, HTML_OFFER, Offer, choose
from service.negotiation import describe as describe_offers
from service.pages import render_page
from service.responses import cache_headers, etag, respond
from service.site import Site, site_of
from service.terms import SLUG
from service.views import Linker

router = APIRouter()

GRAPH_ONLY = tuple(o for o in GRAPH_OFFERS if formats.by_name(o.name).kind == "graph")
DATASET_ONLY = tuple(o for o in GRAPH_OFFERS if formats.by_name(o.name).kind == "dataset")
RESOURCE_OFFERS: tuple[Offer, ...] = GRAPH_ONLY + DATASET_ONLY + (HTML_OFFER,)
"""What ``/id/…`` gives; Turtle first, so ``*/*`` (curl, most RDF tools) gets data."""
DOCUMENT_OFFERS: tuple[Offer, ...] = GRAPH_ONLY + (HTML_OFFER,)
"""What ``/ontology`` and ``/.well-known/void`` give."""

SUFFIXES = {formats.by_name(o.name).suffix: o.name for o in GRAPH_OFFERS} | {".html": HTML}
NAMES = {name: suffix for suffix, name in SUFFIXES.items()}
_TITLES = {"turtle": "Turtle", "ntriples": "N-Triples", "rdfxml": "RDF/XML", "jsonld": "JSON-LD",
           "trig": "TriG", "nquads": "N-Quads", HTML: "HTML"}


def negotiate(request: Request, offers: tuple[Offer, ...]) -> Offer:
    """The offer ``Accept`` prefers, or 406 naming what there is."""
    offer = choose(request.headers.get("accept"), offers)
    if offer is None:
        raise HTTPException(
            406, f"this resource cannot be given as {request.headers.get('accept')!r}; "
                 f"available: {describe_offers(offers)}"
        )
    return offer


def split_suffix(name: str) -> tuple[str, str | None]:
    """``lee-jae-yong.ttl`` → (``lee-jae-yong``, ``turtle``); no known suffix → (name, None)."""
    stem, dot, suffix = name.rpartition(".")
    if dot and f".{suffix}" in SUFFIXES:
        return stem, SUFFIXES[f".{suffix}"]
    return name, None


def media_type_of(name: str) -> str:
    return "text/html" if name == HTML else formats.by_name(name).media_type


def link_header(stem: str, offers: tuple[Offer, ...], *, current: str | None = None,
                describes: str | None = None) -> str:
    """``Link``: every alternate document (relative to the request URL), and what they describe."""
    links = [
        f'<{stem}{NAMES[o.name]}>; rel="alternate"; type="{media_type_of(o.name)}"; title="{_TITLES[o.name]}"'
        for o in offers
        if o.name != current
    ]
    if describes:
        links.append(f'<{describes}>; rel="describes"')
    return ", ".join(links)


def alternates(stem: str, offers: tuple[Offer, ...]) -> list[dict[str, str]]:
    """The same alternates as ``<link rel="alternate">`` elements and download links on a page."""
    return [
        {"href": f"{stem}{NAMES[o.name]}", "media_type": media_type_of(o.name), "title": _TITLES[o.name]}
        for o in offers
        if o.name != HTML
    ]


# -- /id/{kind}/{slug} --


@router.api_route("/id/{kind}/{name}", methods=["GET", "HEAD"])
def resource(kind: str, name: str, request: Request) -> Response:
    """303 from a thing to the negotiated document about it; 200 for a document itself."""
    site = site_of(request)
    slug, format_name = split_suffix(name)
    if kind not in KINDS or not SLUG.match(slug):
        raise HTTPException(404, f"no such resource: /id/{kind}/{name}")
    iri = f"{site.base}id/{kind}/{slug}"
    description = describe(site, iri)
    if not description.exists:
        raise HTTPException(404, f"the graph says nothing about <{iri}>")
    if format_name is None:
        offer = negotiate(request, RESOURCE_OFFERS)
        target = slug + NAMES[offer.name]
        headers = {
            "Location": target,
            "Vary": "Accept",
            "Link": f'<{target}>; rel="describedby"; type="{media_type_of(offer.name)}", '
                    + link_header(slug, RESOURCE_OFFERS),
            **cache_headers(site),
        }
        body = f"303 See Other: {iri} is described by {target}\n".encode()
        return respond(request, body, "text/plain", headers, status=303)
    headers = {
        "Link": link_header(slug, RESOURCE_OFFERS, current=format_name, describes=slug),
        "ETag": etag(site, request.url.path),
        **cache_headers(site),
    }
    if format_name == HTML:
        body = _resource_html(site, description, kind, slug).encode("utf-8")
    elif formats.by_name(format_name).kind == "dataset":
        body = rdf_out.serialize_quads(site, description.quads(), format_name)
    else:
        body = rdf_out.serialize_triples(site, description.triples(), format_name)
    return respond(request, body, media_type_of(format_name), headers)


def _resource_html(site: Site, description: Description, kind: str, slug: str) -> str:
    context = resource_page.page_context(site, description, kind)
    return render_page(
        site,
        "resource.html",
        alternates=alternates(slug, RESOURCE_OFFERS),
        **context,
    )


# -- documents with suffix twins: /ontology, /.well-known/void --


def _negotiated(request: Request, name: str) -> tuple[str, dict[str, str]]:
    """The format the client asked for, and the headers that say the answer varies with it."""
    offer = negotiate(request, DOCUMENT_OFFERS)
    return offer.name, {"Vary": "Accept", "Content-Location": name + NAMES[offer.name]}


def _twin_format(path: str, suffix: str) -> str:
    format_name = SUFFIXES.get(f".{suffix}")
    if format_name is None or format_name not in {o.name for o in DOCUMENT_OFFERS}:
        raise HTTPException(404, f"no such document: {path}.{suffix}")
    return format_name


def _document_headers(site, name: str, format_name: str, headers: dict[str, str], *tag: object) -> dict[str, str]:
    return {
        **headers,
        "Link": link_header(name, DOCUMENT_OFFERS, current=format_name),
        "ETag": etag(site, name, format_name, *tag),
        **cache_headers(site),
    }


# -- /ontology --


@router.api_route("/ontology", methods=["GET", "HEAD"])
def ontology(request: Request) -> Response:
    """The ontology document, negotiated: its pyLODE documentation for browsers, else RDF."""
    return _ontology(request, *_negotiated(request, "ontology"))


@router.api_route("/ontology.{suffix}", methods=["GET", "HEAD"])
def ontology_twin(suffix: str, request: Request) -> Response:
    return _ontology(request, _twin_format("/ontology", suffix), {})


def _ontology(request: Request, format_name: str, headers: dict[str, str]) -> Response:
    site = site_of(request)
    headers = _document_headers(site, "ontology", format_name, headers)
    if format_name == HTML:
        body = ontology_doc.documentation(site).encode("utf-8")
    else:
        body = rdf_out.serialize_triples(site, ontology_doc.ontology_triples(site), format_name)
    return respond(request, body, media_type_of(format_name), headers)


# -- /.well-known/void --


@router.api_route("/.well-known/void", methods=["GET", "HEAD"])
def void_description(request: Request) -> Response:
    return _void(request, *_negotiated(request, "void"))


@router.api_route("/.well-known/void.{suffix}", methods=["GET", "HEAD"])
def void_twin(suffix: str, request: Request) -> Response:
    return _void(request, _twin_format("/.well-known/void", suffix), {})


def _void(request: Request, format_name: str, headers: dict[str, str]) -> Response:
    site = site_of(request)
    info = void.void_info(site)
    headers = _document_headers(site, "void", format_name, headers, site.base)
    if format_name == HTML:
        body = render_page(
            site, "void.html", title="About the dataset", info=info,
            examples=Linker(site.base, labels_of(site, set(info.examples))).links(info.examples),
            alternates=alternates("void", DOCUMENT_OFFERS), specs=dumps.SPECS,
        ).encode("utf-8")
    else:
        quads = void.void_quads(info)
        triples = [q.triple for q in quads]
        body = rdf_out.serialize_triples(site, triples, format_name)
    return respond(request, body, media_type_of(format_name), headers)


# -- /dumps/ --


@router.get("/dumps", include_in_schema=False)
def dumps_redirect() -> Response:
    return RedirectResponse("/dumps/", status_code=308)


@router.api_route("/dumps/", methods=["GET", "HEAD"])
def dump_listing(request: Request) -> Response:
    """The dump files, their parts, formats and sizes."""
    site = site_of(request)
    folder = request.app.state.dumps.folder(site.data_dir, site.base)
    files = [(spec, (folder / spec.name).stat().st_size) for spec in dumps.SPECS]
    body = render_page(site, "dumps.html", title="Dumps", files=files).encode("utf-8")
    return respond(request, body, "text/html", {"ETag": etag(site, "dumps"), **cache_headers(site)})


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"])
def dump_file(name: str, request: Request) -> Response:
    spec = dumps.spec(name)
    if spec is None:
        raise HTTPException(404, f"no such dump: {name}; see /dumps/")
    site = site_of(request)
    folder = request.app.state.dumps.folder(site.data_dir, site.base)
    return FileResponse(
        folder / spec.name,
        media_type="application/gzip",
        filename=spec.name,
        headers=cache_headers(site),
    )
