"""SPARQL over kg graphs: a graph file or a store (:mod:`kg.store`).

Both are a *graph source* with the same three methods, so queries and presets run the same
way over either: ``select(sparql, bindings)`` (SELECT or ASK over the union of the named
graphs, ``bindings`` bound as RDF terms), ``triples((s, p, o))`` (pattern lookups on the
union) and ``name`` (for messages).
"""
from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from rdflib import BNode, Literal, URIRef

from .errors import KgError
from .graph_io import read_graph
from .rdf import PREFIXES


@dataclass(frozen=True)
class QueryResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[object, ...], ...]


def make_result(variables: Sequence[str], terms: Sequence[Sequence[object]]) -> QueryResult:
    terms = tuple(tuple(row) for row in terms)
    rows = tuple(tuple("" if t is None else str(t) for t in row) for row in terms)
    return QueryResult(tuple(variables), rows, terms)


def sparql_error(exc: BaseException) -> KgError:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return KgError(f"malformed SPARQL: {msg}")


class DatasetGraph:
    """An rdflib dataset in memory as a graph source (queries see the union of its graphs)."""

    def __init__(self, dataset, name: str = "graph"):
        self.dataset = dataset
        self.dataset.default_union = True
        self.name = name

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        return run_sparql(self.dataset, sparql, bindings)

    def triples(self, pattern) -> Iterator[tuple]:
        seen = set()
        for s, p, o, _ in self.dataset.quads((*pattern, None)):
            if (s, p, o) not in seen:
                seen.add((s, p, o))
                yield s, p, o

    def close(self) -> None:
        pass


class FileGraph(DatasetGraph):
    """A graph file, parsed into memory, as a graph source."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        super().__init__(read_graph(self.path), str(self.path))


@contextmanager
def open_graph(graph: str | Path | None = None, store: str | Path | None = None):
    """The graph source to query: a graph file or a kg store folder, exactly one of them."""
    if (graph is None) == (store is None):
        raise KgError("give a graph file or --store DIR (exactly one of them)")
    if store is not None:
        from .store import open_for_query

        source = open_for_query(store)
    else:
        from .store import is_store

        if is_store(graph):
            raise KgError(f"{graph}: is a kg store folder, not a graph file; give it with --store {graph}")
        source = FileGraph(graph)
    try:
        yield source
    finally:
        source.close()


def run_query(graph, sparql: str) -> QueryResult:
    """Run a SELECT/ASK query over the union of the named graphs of a graph file (a path)
    or of an open graph source."""
    if isinstance(graph, (str, Path)):
        with open_graph(graph) as source:
            return source.select(sparql)
    return graph.select(sparql)


def run_sparql(ds, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a query over an rdflib dataset; ``bindings`` are bound as RDF terms (never pasted)."""
    try:
        res = ds.query(sparql, initNs=PREFIXES, initBindings=dict(bindings or {}))
        if res.type == "ASK":
            return QueryResult(("ask",), ((str(bool(res.askAnswer)).lower(),),), ((res.askAnswer,),))
        if res.type != "SELECT":
            raise KgError(f"only SELECT and ASK queries are supported (found {res.type})")
        rows = [tuple(row) for row in res]  # rdflib evaluates lazily: errors surface here
    except KgError:
        raise
    except Exception as exc:  # pyparsing / rdflib errors
        raise sparql_error(exc) from None
    return make_result([str(v) for v in res.vars], rows)


def _json_term(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        d = {"type": "literal", "value": str(term)}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype:
            d["datatype"] = str(term.datatype)
        return d
    return {"type": "literal", "value": str(term)}


def format_result(result: QueryResult, fmt: str) -> str:
    """Render as csv, tsv or json (SPARQL 1.1 results JSON)."""
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(result.variables)
        w.writerows(result.rows)
        return buf.getvalue()
    if fmt == "json":
        bindings = []
        for row in result.terms:
            b = {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
            bindings.append(b)
        return json.dumps({"head": {"vars": list(result.variables)},
                           "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"
    raise KgError(f"unknown output format {fmt!r}: use table, csv, tsv or json")
