"""Graph files written and read through pyoxigraph, with rdflib terms on kg's side.

rdflib's TriG serializer and parser are pure Python; pyoxigraph's are about ten and
twenty times faster. Both directions give exactly what rdflib gives, or hand the work
back to rdflib (the caller falls back when these functions return ``None``):

* **Language tags keep their case.** pyoxigraph lowercases them (``zh-Hans`` becomes
  ``zh-hans``). BCP 47 tags are case-insensitive, but SPARQL's ``lang(?x) = "zh-Hans"``
  and readers other than kg compare strings, so the written file keeps the case kg gave:
  the serialized text is scanned string by string (every string token is consumed whole,
  so text inside a literal is never taken for a tag) and each tag is given back the case it
  had. Reading, the file's own spelling of each tag is found the same way. A chunk or file
  that spells one tag in two ways is left to rdflib.
* **Terms rdflib distinguishes and pyoxigraph does not** (a literal typed ``xsd:string``
  explicitly), and anything pyoxigraph refuses (an invalid IRI or tag, a relative IRI, a
  syntax error, which rdflib reports in kg's usual one line), go to rdflib as well.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

log = logging.getLogger(__name__)

_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_IRI = b"<http://www.w3.org/2001/XMLSchema#>"
QUAD_FORMATS = ("trig", "nquads")
# one string token of N-Triples/N-Quads/Turtle/TriG as pyoxigraph writes them ("…" with
# backslash escapes; it never writes ''' or """ strings), with the language tag after it
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(?:@([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*))?', re.S)
# a language tag as a file spells it (after a closing quote; also finds "@…" inside text,
# which can only make a tag look ambiguous, never give a wrong case)
_TAG = re.compile(rb'@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)')


def _ox():
    import pyoxigraph

    return pyoxigraph


def ox_format(fmt: str):
    """pyoxigraph's format for an rdflib format name kg uses (``None``: JSON-LD, which
    stays with rdflib)."""
    ox = _ox()
    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
            "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(fmt)


class _Unsupported(Exception):
    """A term pyoxigraph cannot take as rdflib has it."""


class _Terms:
    """rdflib → pyoxigraph term conversion with caches (IRIs repeat a lot), noting the
    spellings of the language tags it meets."""

    def __init__(self):
        self.ox = _ox()
        self.iris: dict[str, object] = {}
        self.uris: dict[URIRef, object] = {}  # by the rdflib term: no str() copy on a hit
        self.tags: dict[str, set[str]] = {}

    def iri(self, value: str):
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = self.ox.NamedNode(value)
        return node

    def term(self, term):
        if type(term) is URIRef:
            node = self.uris.get(term)
            if node is None:
                node = self.uris[term] = self.iri(str(term))
            return node
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                tag = term.language
                self.tags.setdefault(tag.lower(), set()).add(tag)
                return self.ox.Literal(str(term), language=tag)
            if term.datatype is not None:
                dt = str(term.datatype)
                if dt in (_XSD_STRING, _LANG_STRING):
                    raise _Unsupported(dt)  # an explicit xsd:string: pyoxigraph would drop it
                return self.ox.Literal(str(term), datatype=self.iri(dt))
            return self.ox.Literal(str(term))
        if isinstance(term, BNode):
            return self.ox.BlankNode(str(term))
        raise _Unsupported(repr(term))


def _restore_tags(data: bytes, cases: dict[bytes, bytes]) -> bytes:
    """``data`` with every language tag in ``cases`` (lowercase → as kg wrote it) given its
    case back."""
    def fix(m: re.Match) -> bytes:
        tag = m.group(1)
        if tag is None:
            return m.group(0)
        original = cases.get(tag)
        if original is None:
            return m.group(0)
        return m.group(0)[:m.start(1) - m.start(0)] + original

    return _STRING.sub(fix, data)


def serialize_triples(triples: Iterable[tuple], name, fmt: str, prefixes: dict | None = None) -> bytes | None:
    """``triples`` (rdflib terms) in format ``fmt`` (``trig``/``nquads``: in the named graph
    ``name``; ``turtle``/``nt``: as triples) written by pyoxigraph, language tags in their
    original case; ``None`` when rdflib has to write them (see the module's notes)."""
    target = ox_format(fmt)
    if target is None:
        return None
    terms = _Terms()
    ox = terms.ox
    try:
        if fmt in QUAD_FORMATS:
            graph = terms.term(name) if name is not None and not isinstance(name, BNode) else ox.DefaultGraph()
            term, quad = terms.term, ox.Quad
            items = [quad(term(s), term(p), term(o), graph) for s, p, o in triples]
        else:
            term, triple = terms.term, ox.Triple
            items = [triple(term(s), term(p), term(o)) for s, p, o in triples]
    except (_Unsupported, ValueError, TypeError) as exc:
        log.debug("rdflib writes this graph (%s)", exc)
        return None
    if any(len(forms) > 1 for forms in terms.tags.values()):
        return None  # one tag spelt two ways: only rdflib keeps both
    cases = {lower.encode(): next(iter(forms)).encode() for lower, forms in terms.tags.items()
             if next(iter(forms)) != lower}
    data = ox.serialize(items, format=target,
                        prefixes={k: str(v) for k, v in (prefixes or {}).items()} if fmt in ("trig", "turtle") else None)
    return _restore_tags(data, cases) if cases else data


def _file_tags(data: bytes) -> dict[str, str] | None:
    """The case in which ``data`` spells each language tag (lowercase → as written), or
    ``None`` when a tag is spelt in two ways."""
    forms: dict[str, str] = {}
    for m in set(_TAG.findall(data)):
        tag = m.decode("ascii")
        lower = tag.lower()
        if forms.setdefault(lower, tag) != tag:
            return None
    return forms


def _xsd_string_possible(data: bytes) -> bool:
    """Whether ``data`` may type a literal ``xsd:string`` explicitly (rdflib keeps that
    datatype, pyoxigraph cannot tell it from a plain literal)."""
    if b"XMLSchema#string" in data:
        return True
    names, at = set(), data.find(_XSD_IRI)
    while at >= 0:  # the prefixes declared for XSD (each TriG chunk declares them again)
        name = re.search(rb"([A-Za-z][\w.-]*)?:\s*$", data[max(0, at - 200):at])
        if name is not None:
            names.add(name.group(1) or b"")
        at = data.find(_XSD_IRI, at + 1)
    return any(name + b":string" in data for name in names)


def parse_quads(path: str | Path, fmt: str) -> tuple[list[tuple], dict[str, str]] | None:
    """The quads of a graph file as rdflib terms ``(s, p, o, graph name or None)`` and the
    file's prefixes, parsed by pyoxigraph; ``None`` when rdflib has to read it (a syntax
    error, which rdflib then reports; a relative IRI; an explicit ``xsd:string``; a tag
    spelt two ways; an empty graph block, which rdflib keeps as a graph)."""
    target = ox_format(fmt)
    if target is None:
        return None
    ox = _ox()
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    tags = _file_tags(data)
    if tags is None or _xsd_string_possible(data) or (fmt == "trig" and re.search(rb"\{\s*\}", data)):
        return None
    try:
        parser = ox.parse(data, format=target)
        quads = list(parser)
        prefixes = dict(parser.prefixes) if fmt in ("trig", "turtle") else {}
    except (SyntaxError, ValueError) as exc:
        log.debug("%s: rdflib reads it (%s)", path, exc)
        return None
    iris: dict[str, URIRef] = {}
    lits: dict[tuple, Literal] = {}
    NamedNode, BlankNode, OxLiteral, DefaultGraph = ox.NamedNode, ox.BlankNode, ox.Literal, ox.DefaultGraph
    bnodes: dict[str, BNode] = {}

    def term(t):
        cls = type(t)
        if cls is NamedNode:
            v = t.value
            r = iris.get(v)
            if r is None:
                r = iris[v] = URIRef(v)
            return r
        if cls is OxLiteral:
            lang = t.language
            if lang:
                key = (t.value, lang)
                r = lits.get(key)
                if r is None:
                    r = lits[key] = Literal(t.value, lang=tags.get(lang, lang))
                return r
            dt = t.datatype.value
            key = (t.value, dt)
            r = lits.get(key)
            if r is None:
                r = lits[key] = Literal(t.value) if dt == _XSD_STRING else Literal(t.value, datatype=term(t.datatype))
            return r
        if cls is BlankNode:
            r = bnodes.get(t.value)
            if r is None:
                r = bnodes[t.value] = BNode()
            return r
        if cls is DefaultGraph:
            return None
        raise TypeError(f"not a pyoxigraph term: {t!r}")

    try:
        return [(term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)) for q in quads], prefixes
    except TypeError as exc:  # an RDF-star triple term: rdflib's reading decides
        log.debug("%s: rdflib reads it (%s)", path, exc)
        return None


def syntax_error(path: str | Path, fmt: str) -> str | None:
    """Where and why pyoxigraph cannot parse the file (``line 12, column 5: …``), or ``None``
    (it can, or the format or file is not one it reads)."""
    target = ox_format(fmt)
    if target is None:
        return None
    try:
        for _ in _ox().parse(path=str(path), format=target):
            pass
    except SyntaxError as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        # "Parser error at line 3 between columns 1 and 4: …" or "Parser error between line 3
        # column 7 and line 4 column 1: …", then "(file name, line 3)"
        m = re.match(r"Parser error (?:at line (\d+) between columns (\d+)|between line (\d+) column (\d+))"
                     r"[^:]*: (.*?)(?: \([^()]*, line \d+\))?$", text)
        if m is None:
            return text or None
        return f"line {m.group(1) or m.group(3)}, column {m.group(2) or m.group(4)}: {m.group(5)}"
    except (OSError, ValueError):
        return None
    return None


def read_dataset(path: str | Path, fmt: str):
    """A graph file as an rdflib :class:`~rdflib.Dataset` holding what rdflib's own parser
    would put in it (the same graphs, triples and terms), parsed by pyoxigraph; ``None``
    when rdflib has to read it (:func:`parse_quads`)."""
    parsed = parse_quads(path, fmt)
    if parsed is None:
        return None
    from rdflib import Dataset

    quads, prefixes = parsed
    ds = Dataset()
    for prefix, ns in prefixes.items():
        ds.bind(prefix, ns)
    contexts = {None: ds.default_graph if hasattr(type(ds), "default_graph") else ds.default_context}

    def context(name):
        c = contexts.get(name)
        if c is None:
            c = contexts[name] = ds.graph(name)
        return c

    # the store's own bulk add: no per-triple checks and graph look-ups of Dataset.add
    ds.store.addN((s, p, o, context(g)) for s, p, o, g in quads)
    return ds


__all__ = ["QUAD_FORMATS", "ox_format", "parse_quads", "read_dataset", "serialize_triples", "syntax_error"]
