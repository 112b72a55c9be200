"""Solutions and graphs written in the endpoint's formats (:mod:`kg.server.formats`).

Solutions arrive as wire-form terms (:func:`kg.query_process.encode_term`: ``None`` or
``(kind, value, language, datatype)``). JSON and CSV are :mod:`kg.results_format`'s
writers (the same bytes as ``kg query --format json|csv``); TSV here follows SPARQL 1.1
TSV to the letter (terms in Turtle syntax, ``<iri>``, ``"text"@ko``, as SPARQL clients
parse them); XML is SPARQL Query Results XML, with the characters XML 1.0 cannot hold
(C0 controls other than tab, newline and carriage return) written as visible ``\\uXXXX``.
Graphs are serialised by pyoxigraph with kg's prefixes.
"""
from __future__ import annotations

import re
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..rdf import PREFIXES
from ..results_format import render
from .formats import GRAPH, SOLUTIONS

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_TSV_STRING = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _xml_text(text: str) -> str:
    return escape(_XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _xml(variables: Sequence[str], rows: Sequence[Sequence], ask: bool | None) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n']
    out.append("<head>" + "".join(f"<variable name={_xml_attr(v)}/>" for v in variables) + "</head>\n")
    if ask is not None:
        out.append(f"<boolean>{'true' if ask else 'false'}</boolean>\n</sparql>\n")
        return "".join(out)
    out.append("<results>\n")
    for row in rows:
        out.append("<result>")
        for var, term in zip(variables, row):
            if term is None:
                continue
            kind, value, lang, datatype = term
            if kind == "uri":
                inner = f"<uri>{_xml_text(value)}</uri>"
            elif kind == "bnode":
                inner = f"<bnode>{_xml_text(value)}</bnode>"
            elif lang:
                inner = f"<literal xml:lang={_xml_attr(lang)}>{_xml_text(value)}</literal>"
            elif datatype:
                inner = f"<literal datatype={_xml_attr(datatype)}>{_xml_text(value)}</literal>"
            else:
                inner = f"<literal>{_xml_text(value)}</literal>"
            out.append(f"<binding name={_xml_attr(var)}>{inner}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def tsv_term(term) -> str:
    """A term in SPARQL 1.1 TSV (Turtle syntax; integers, decimals and booleans bare)."""
    if term is None:
        return ""
    kind, value, lang, datatype = term
    if kind == "uri":
        return "<" + "".join(c if c > " " and c not in '<>"{}|^`\\' else f"\\u{ord(c):04X}" for c in value) + ">"
    if kind == "bnode":
        return f"_:{value}"
    if datatype in (_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN) and re.fullmatch(r"[+-]?[0-9.]+|true|false", value):
        return value
    body = '"' + "".join(_TSV_STRING.get(c) or (f"\\u{ord(c):04X}" if c < " " or "\x7f" <= c <= "\x9f" else c)
                         for c in value) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype:
        return f"{body}^^<{datatype}>"
    return body


def _tsv(variables: Sequence[str], rows: Sequence[Sequence], ask: bool | None) -> str:
    if ask is not None:
        return "?_askResult\n" + ("true" if ask else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(tsv_term(t) for t in row) for row in rows)
    return "\n".join(lines) + "\n"


def write_solutions(fmt: str, variables: Sequence[str], rows: Sequence[Sequence], ask: bool | None = None) -> bytes:
    """Solutions (or an ASK answer) in format ``fmt`` (a name of :data:`SOLUTIONS`)."""
    if fmt not in SOLUTIONS:
        raise ValueError(f"not a solutions format: {fmt}")
    if fmt == "xml":
        text = _xml(variables, rows, ask)
    elif fmt == "tsv":
        text = _tsv(variables, rows, ask)
    else:
        text = render(fmt, variables, rows, ask=ask)
    return text.encode("utf-8")


def write_graph(fmt: str, triples) -> bytes:
    """pyoxigraph triples in format ``fmt`` (a name of :data:`GRAPH`)."""
    import pyoxigraph as ox

    if fmt not in GRAPH:
        raise ValueError(f"not a graph format: {fmt}")
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                  "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt in ("turtle", "rdfxml", "jsonld") else None
    return ox.serialize(list(triples), format=rdf_format, prefixes=prefixes)


__all__ = ["tsv_term", "write_graph", "write_solutions"]
