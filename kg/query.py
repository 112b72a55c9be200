"""SPARQL over kg graphs."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from .errors import KgError
from .graph_io import read_graph
from .rdf import PREFIXES


@dataclass(frozen=True)
class QueryResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[object, ...], ...]


def run_query(graph: str | Path, sparql: str) -> QueryResult:
    """Run a SELECT/ASK query over the union of a graph file's named graphs."""
    ds = read_graph(graph)
    ds.default_union = True
    return run_sparql(ds, sparql)


def run_sparql(ds, sparql: str, bindings: dict | None = None) -> QueryResult:
    """Run a query over a dataset; ``bindings`` are bound as RDF terms (never pasted)."""
    try:
        res = ds.query(sparql, initNs=PREFIXES, initBindings=bindings or {})
    except Exception as exc:  # pyparsing / rdflib errors
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KgError(f"malformed SPARQL: {msg}") from None
    if res.type == "ASK":
        return QueryResult(("ask",), ((str(bool(res.askAnswer)).lower(),),), ((res.askAnswer,),))
    if res.type != "SELECT":
        raise KgError(f"only SELECT and ASK queries are supported (found {res.type})")
    variables = tuple(str(v) for v in res.vars)
    terms = tuple(tuple(row) for row in res)
    rows = tuple(tuple("" if t is None else str(t) for t in row) for row in terms)
    return QueryResult(variables, rows, terms)


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
