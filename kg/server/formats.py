"""Result formats of the endpoint and the choice among them (content negotiation).

A query's kind decides which family applies: solutions (SELECT, ASK) are written as SPARQL
1.1 results JSON, XML, CSV or TSV; graphs (CONSTRUCT, DESCRIBE) as Turtle, N-Triples,
JSON-LD or RDF/XML. The client chooses with ``?format=`` (a short name or a media type;
the first value kg knows wins, as SPARQLWrapper sends several) or else with ``Accept``
(quality values honoured, ``*/*`` and ``type/*`` give the default of the family). Since the
kind is known only once the query is parsed, :func:`negotiate` gives one choice per family;
``None`` in a family means the client accepts none of its formats (406 when the query is
of that kind).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    family: str  # "solutions" or "graph"


SOLUTIONS = {
    "json": Format("json", "application/sparql-results+json", "solutions"),
    "xml": Format("xml", "application/sparql-results+xml", "solutions"),
    "csv": Format("csv", "text/csv", "solutions"),
    "tsv": Format("tsv", "text/tab-separated-values", "solutions"),
}
GRAPH = {
    "turtle": Format("turtle", "text/turtle", "graph"),
    "nt": Format("nt", "application/n-triples", "graph"),
    "jsonld": Format("jsonld", "application/ld+json", "graph"),
    "rdfxml": Format("rdfxml", "application/rdf+xml", "graph"),
}
DEFAULTS = ("json", "turtle")

# ?format= values: (solutions format, graph format)
_ALIASES = {
    "json": ("json", "jsonld"), "srj": ("json", None), "xml": ("xml", "rdfxml"), "srx": ("xml", None),
    "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
    "nt": (None, "nt"), "ntriples": (None, "nt"), "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"),
    "rdf": (None, "rdfxml"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
}
# media types in Accept (and in ?format=): (solutions format, graph format)
_MEDIA = {
    "application/sparql-results+json": ("json", None), "application/json": ("json", "jsonld"),
    "application/sparql-results+xml": ("xml", None), "application/xml": ("xml", "rdfxml"),
    "text/xml": ("xml", "rdfxml"),
    "text/csv": ("csv", None), "text/tab-separated-values": ("tsv", None),
    "text/turtle": (None, "turtle"), "application/x-turtle": (None, "turtle"), "text/n3": (None, "turtle"),
    "application/n-triples": (None, "nt"), "text/plain": (None, "nt"),
    "application/ld+json": (None, "jsonld"), "application/rdf+xml": (None, "rdfxml"),
}
FORMAT_NAMES = "json, xml, csv, tsv (SELECT, ASK); turtle, nt, jsonld, rdfxml (CONSTRUCT, DESCRIBE)"


class UnknownFormat(ValueError):
    pass


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``(media type, quality)`` of an Accept header, best first (stable among equals)."""
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in out]


def negotiate(accept: str | None, format_values: list[str]) -> tuple[str | None, str | None]:
    """The (solutions, graph) format names for a request; :class:`UnknownFormat` when
    ``?format=`` is given but names nothing kg writes."""
    if format_values:
        for value in format_values:
            v = value.strip().lower()
            pair = _ALIASES.get(v) or _MEDIA.get(v.split(";")[0].strip())
            if pair:
                return pair
        raise UnknownFormat(f"unknown format {format_values[0]!r}: use {FORMAT_NAMES}")
    if not accept or not accept.strip():
        return DEFAULTS
    chosen: list[str | None] = [None, None]
    for media, q in parse_accept(accept):
        if q <= 0:
            continue
        if media == "*/*":
            pair = DEFAULTS
        elif media.endswith("/*"):
            major = media.split("/")[0]
            pair = (next((f.name for f in SOLUTIONS.values() if f.media_type.startswith(major + "/")), None),
                    next((f.name for f in GRAPH.values() if f.media_type.startswith(major + "/")), None))
        else:
            pair = _MEDIA.get(media, (None, None))
        for i in (0, 1):
            if chosen[i] is None and pair[i] is not None:
                chosen[i] = pair[i]
    return chosen[0], chosen[1]


__all__ = ["DEFAULTS", "FORMAT_NAMES", "Format", "GRAPH", "SOLUTIONS", "UnknownFormat", "negotiate", "parse_accept"]
