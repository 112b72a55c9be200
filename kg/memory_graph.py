"""A graph file as a graph source answered by Oxigraph: what ``kg query FILE``, the presets
and ``kg show`` read a graph file into.

The file is parsed by pyoxigraph into an in-memory ``pyoxigraph.Store``, kept as
:mod:`kg.ox_source` describes (each document graph as it is, their union as a set in the
default graph), and SPARQL runs in Oxigraph as on a kg store, many times faster and in a
fraction of the memory of rdflib's dataset and SPARQL engine. The answers are rdflib's
(the rows :func:`kg.graph_io.read_graph` and rdflib's SPARQL give; tests compare every
preset and a set of queries on both paths), so where pyoxigraph cannot hold the file as
rdflib would, rdflib takes over:

* a file pyoxigraph does not read as rdflib does (a syntax error, which rdflib then reports
  in kg's one line; a relative IRI; an empty graph block; JSON-LD): rdflib reads it
  (:func:`~kg.graph_io.read_graph`) and its quads are copied into the store;
* terms Oxigraph does not keep as written — an explicit ``xsd:string``, one language tag
  spelt in two ways, a number or date not in canonical form (Oxigraph stores the value:
  ``"1.0"^^xsd:decimal`` reads back as ``"1"``): rdflib's dataset answers the queries
  (:class:`kg.query.DatasetGraph`), as before.

Language tags read back as the file spells them (Oxigraph lowercases them).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable, Mapping

from .graph_io import format_for, read_graph
from .ox_source import UNION_UPDATE, OxigraphSource, with_union
from .oxio import QUAD_FORMATS, _file_tags, _Terms, _Unsupported, _xsd_string_possible, ox_format

log = logging.getLogger(__name__)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# the triples of the default graph that no named graph holds (the file's own default graph)
_DEFAULT_ONLY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"


def _ox():
    import pyoxigraph

    return pyoxigraph


class MemoryGraph(OxigraphSource):
    """A graph file loaded into an in-memory pyoxigraph store (:func:`open_file`)."""

    def __init__(self, store, path: Path, language_tags: Mapping[str, str] | None = None):
        self._store = store
        self.path = Path(path)
        self.name = str(path)
        self.language_tags = dict(language_tags or {})

    @property
    def store(self):
        if self._store is None:
            raise RuntimeError(f"{self.name}: closed")
        return self._store

    def close(self) -> None:
        self._store = None

    def dataset(self, ds=None):
        """The file as an rdflib dataset (everything in memory, as rdflib would read it but
        for triples both in the default graph and in a named graph, which are in the named
        graph only: the union, all queries see, is the same)."""
        from rdflib import Dataset

        ds = super().dataset(Dataset() if ds is None else ds)
        term, default = self.term, ds.default_graph if hasattr(type(ds), "default_graph") else ds.default_context
        for s, p, o in self.store.query(_DEFAULT_ONLY):
            default.add((term(s), term(p), term(o)))
        return ds


def open_file(path: str | Path, allow_remote: bool = False):
    """The graph file ``path`` as a graph source: a :class:`MemoryGraph`, or, for a file
    whose terms Oxigraph cannot keep as written, a :class:`kg.query.DatasetGraph` (see the
    module). Errors are :func:`~kg.graph_io.read_graph`'s one-line ones."""
    from .query import DatasetGraph

    path = Path(path)
    loaded = None
    if path.is_file():
        fmt = format_for(path)
        if fmt != "json-ld":
            loaded = _parse(path, fmt)
    if loaded is None:
        ds = read_graph(path, allow_remote=allow_remote)
        loaded = _copy(ds)
        if loaded is None:
            log.info("%s: rdflib answers the queries (terms Oxigraph would not keep as written)", path)
            return DatasetGraph(ds, str(path))
        del ds
    store, tags = loaded
    return MemoryGraph(store, path, tags)


def _parse(path: Path, fmt: str):
    """``(store, language tags)`` for a file pyoxigraph reads as rdflib would, else ``None``."""
    ox = _ox()
    target = ox_format(fmt)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    tags = _file_tags(data)
    if tags is None or _xsd_string_possible(data) or (fmt == "trig" and re.search(rb"\{\s*\}", data)):
        return None
    typed = _typed_literals(data, target)
    del data
    if typed is None or not canonical(typed):
        return None
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=target)
    except (OSError, SyntaxError, ValueError) as exc:
        log.debug("%s: rdflib reads it (%s)", path, exc)
        return None
    if fmt in QUAD_FORMATS:
        store.update(UNION_UPDATE)
    return store, tags


def _typed_literals(data: bytes, target) -> set | None:
    """The distinct typed literals of the file (not strings nor language-tagged), or ``None``
    when pyoxigraph cannot parse it or it holds an RDF 1.2 triple term (rdflib decides)."""
    ox = _ox()
    OxLiteral, Triple = ox.Literal, ox.Triple
    typed: set = set()
    try:
        for q in ox.parse(data, format=target):
            o = q.object
            cls = type(o)
            if cls is OxLiteral:
                if not o.language and o.datatype.value != _XSD_STRING:
                    typed.add(o)
            elif cls is Triple or type(q.subject) is Triple:
                return None
    except (SyntaxError, ValueError):
        return None
    return typed


def canonical(literals: Iterable) -> bool:
    """Whether Oxigraph keeps each of these pyoxigraph literals as written (it stores
    numbers, booleans, dates and durations as values, in canonical form)."""
    ox = _ox()
    literals = set(literals)
    if not literals:
        return True
    scratch = ox.Store()
    s, p = ox.NamedNode("urn:kg:literal"), ox.NamedNode("urn:kg:value")
    scratch.extend(ox.Quad(s, p, lit) for lit in literals)
    return {q.object for q in scratch} == literals


def _copy(ds):
    """``(store, language tags)`` holding the rdflib dataset ``ds``, or ``None`` when its
    terms cannot all be kept as rdflib has them."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    ox = _ox()
    terms = _Terms()
    default = ox.DefaultGraph()
    typed: set = set()

    def quads():
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            name = default if gid is None or gid == DATASET_DEFAULT_GRAPH_ID else terms.term(gid)
            obj = terms.term(o)
            if isinstance(obj, ox.Literal) and not obj.language and obj.datatype.value != _XSD_STRING:
                typed.add(obj)
            yield ox.Quad(terms.term(s), terms.term(p), obj, name)

    store = ox.Store()
    try:
        store.extend(with_union(quads()))
    except (_Unsupported, ValueError, TypeError) as exc:
        log.debug("kept in rdflib (%s)", exc)
        return None
    if any(len(forms) > 1 for forms in terms.tags.values()) or not canonical(typed):
        return None
    for g in ds.graphs():
        if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) == 0:
            store.add_graph(terms.term(g.identifier))  # an empty graph rdflib keeps
    tags = {lower: next(iter(forms)) for lower, forms in terms.tags.items()}
    return store, tags


__all__ = ["MemoryGraph", "canonical", "open_file"]
