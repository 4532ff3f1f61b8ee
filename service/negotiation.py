"""Choose a response format from ``Accept`` (with q-values) or a ``format=`` parameter.

The formats themselves come from the one table in ``kg.formats``; this module adds only what
negotiation needs: the other media types clients send for the same format (SPARQLWrapper asks for
``application/json``, rdflib for ``application/xml``, old tools for ``text/plain`` N-Triples), the
short names ``format=`` accepts (as Virtuoso and Fuseki do), and the rule for choosing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from kg import formats

HTML = "html"
"""The offer name of an HTML page (not a data format, so not in ``kg.formats``)."""


@dataclass(frozen=True)
class Offer:
    """Something the server can answer with: a ``kg.formats`` name (or ``html``) and its media types.

    ``media_types[0]`` is the one the response declares; the others are what clients ask for it by.
    """

    name: str
    media_types: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """Values of ``format=`` that select this offer, besides its name and media types."""

    @property
    def media_type(self) -> str:
        return self.media_types[0]


# Extra media types and short names per context: application/json means SPARQL JSON results for a
# SELECT but JSON-LD for a graph, application/xml SPARQL XML results or RDF/XML.
_RESULT_EXTRAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "json": (("application/json", "text/json"), ("srj", "sparql-results+json")),
    "xml": (("application/xml", "text/xml"), ("srx", "sparql-results+xml")),
    "csv": ((), ()),
    "tsv": ((), ("tab",)),
}
_GRAPH_EXTRAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "turtle": (
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
        ("ttl", "n3"),
    ),
    "ntriples": (("text/plain", "application/x-ntriples"), ("nt", "n-triples")),
    "rdfxml": (("application/xml", "text/xml"), ("rdf", "xml", "rdf+xml", "rdf/xml", "owl")),
    "jsonld": (("application/json",), ("json-ld", "json")),
    "trig": (("application/x-trig",), ()),
    "nquads": (("text/x-nquads",), ("nq", "n-quads")),
}


def _offers(table: Iterable[formats.Format], extras: dict) -> tuple[Offer, ...]:
    offers = []
    for fmt in table:
        media, names = extras.get(fmt.name, ((), ()))
        offers.append(Offer(fmt.name, (fmt.media_type, *media), names))
    return tuple(offers)


RESULT_OFFERS = _offers(formats.RESULT_FORMATS, _RESULT_EXTRAS)
"""SELECT and ASK answers; the first is the default for ``*/*``."""
GRAPH_OFFERS = _offers(formats.RDF_FORMATS, _GRAPH_EXTRAS)
"""CONSTRUCT and DESCRIBE answers and the Service Description; Turtle first."""
HTML_OFFER = Offer(HTML, ("text/html", "application/xhtml+xml"), ("html",))


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range names ``media_type``: 3 exact, 2 ``type/*``, 1 ``*/*``, 0 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == kind and self.subtype == "*":
            return 2
        if self.type == kind and self.subtype == sub:
            return 3
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header leniently: malformed parts are skipped, a missing one means ``*/*``."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = part.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def choose(accept: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The offer the client likes best, or None if it accepts none of them.

    For each offer the most specific range naming it sets its quality (RFC 9110 §12.5.1); the
    highest quality wins, then the more specific match (``text/csv, */*`` means CSV), then the
    server's order. Wildcards match an offer's own media type only, not its aliases.
    """
    ranges = parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, offer in enumerate(offers):
        quality, specificity = 0.0, 0
        for index, media_type in enumerate(offer.media_types):
            for media_range in ranges:
                how = media_range.matches(media_type)
                if index > 0 and how < 3:
                    continue  # an alias counts only when named: text/* must not mean text/xml
                if how > specificity or (how == specificity and how and media_range.q > quality):
                    quality, specificity = media_range.q, how
        if specificity == 0 or quality <= 0:
            continue
        key = (quality, specificity, -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def by_parameter(value: str, offers: Sequence[Offer]) -> Offer | None:
    """The offer a ``format=`` (or ``output=``) value names: a short name or a media type."""
    value = value.strip().lower()
    for offer in offers:
        if value == offer.name or value in offer.aliases or value in offer.media_types:
            return offer
    return None


def describe(offers: Sequence[Offer]) -> str:
    """The media types of ``offers``, for a 406 message."""
    return ", ".join(offer.media_type for offer in offers)
