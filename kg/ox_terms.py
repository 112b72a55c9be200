"""rdflib terms ↔ pyoxigraph terms, for the graph sources answered by Oxigraph (a kg store,
:mod:`kg.store`, and a graph file loaded into memory, :mod:`kg.memory_graph`).

Oxigraph keeps language tags in lower case; read back, a tag is given the case the graph
file spelt it in when that is known (``tags``), else its usual case (``zh-hans`` →
``zh-Hans``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _ox():
    import pyoxigraph

    return pyoxigraph


def language_case(tag: str) -> str:
    """A BCP 47 tag in its usual case: language lower, script title, region upper
    (``zh-hans`` → ``zh-Hans``, ``en-us`` → ``en-US``)."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


@lru_cache(maxsize=65536)
def _named_node(iri: str):
    return _ox().NamedNode(iri)


@lru_cache(maxsize=65536)
def _uri_ref(iri: str) -> URIRef:
    return URIRef(iri)


def to_ox(term):
    """An rdflib term as a pyoxigraph term (``None`` stays ``None``: a wildcard)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _named_node(str(term))
    ox = _ox()
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term, tags: Mapping[str, str] | None = None):
    """A pyoxigraph term as an rdflib term (the default graph and unbound values are
    ``None``); a language tag as ``tags`` spells it (lower case → as written), else in its
    usual case."""
    ox = _ox()
    if isinstance(term, ox.NamedNode):
        return _uri_ref(term.value)
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            lang = term.language
            return Literal(term.value, lang=(tags.get(lang) if tags else None) or language_case(lang))
        dt = term.datatype.value
        if dt in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"not a pyoxigraph term: {term!r}")


__all__ = ["from_ox", "language_case", "to_ox"]
