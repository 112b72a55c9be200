"""SPARQL over kg graphs: a graph file or a store (:mod:`kg.store`).

Both are a *graph source* with the same three methods, so queries and presets run the same
way over either: ``select(sparql, bindings)`` (SELECT or ASK over the union of the named
graphs, ``bindings`` bound as RDF terms), ``triples((s, p, o))`` (pattern lookups on the
union) and ``name`` (for messages).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from .errors import KgError
from .graph_io import read_graph


@dataclass(frozen=True)
class QueryResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[object, ...], ...]
    truncated: bool = False  # the query has more rows than the limit it ran with


def make_result(variables: Sequence[str], terms: Sequence[Sequence[object]], truncated: bool = False) -> QueryResult:
    terms = tuple(tuple(row) for row in terms)
    rows = tuple(tuple("" if t is None else str(t) for t in row) for row in terms)
    return QueryResult(tuple(variables), rows, terms, truncated)


@dataclass(frozen=True)
class Solutions:
    """A query's solutions as they are computed: ``rows`` is an iterator of term tuples
    (an ASK query gives the one variable ``ask`` and one row holding its answer)."""
    variables: tuple[str, ...]
    rows: Iterator[tuple]


_LOAD_LOCK = threading.Lock()


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
        return run_sparql(self, sparql, bindings)

    def triples(self, pattern) -> Iterator[tuple]:
        seen = set()
        for s, p, o, _ in self.dataset.quads((*pattern, None)):
            if (s, p, o) not in seen:
                seen.add((s, p, o))
                yield s, p, o

    def close(self) -> None:
        pass


class FileGraph(DatasetGraph):
    """A graph file parsed into an rdflib dataset, as a graph source, queried by rdflib
    (:func:`open_graph` loads files into Oxigraph instead, :mod:`kg.memory_graph`, with the
    same answers)."""

    def __init__(self, path: str | Path, allow_remote: bool = False):
        self.path = Path(path)
        super().__init__(read_graph(self.path, allow_remote=allow_remote), str(self.path))


@contextmanager
def open_graph(graph: str | Path | None = None, store: str | Path | None = None, allow_remote: bool = False):
    """The graph source to query: a graph file or a kg store folder, exactly one of them
    (``allow_remote``: a JSON-LD file may load its remote ``@context``)."""
    if (graph is None) == (store is None):
        raise KgError("give a graph file or --store DIR (exactly one of them)")
    if store is not None:
        from .remote_store import is_remote, open_for_query as open_remote
        from .store import open_for_query

        source = open_remote(store) if is_remote(store) else open_for_query(store)
    else:
        from .store import is_store

        if is_store(graph):
            raise KgError(f"{graph}: is a kg store folder, not a graph file; give it with --store {graph}")
        from .memory_graph import open_file

        source = open_file(graph, allow_remote=allow_remote)
    try:
        yield source
    finally:
        source.close()


def run_query(graph, sparql: str, *, limit: int | None = None, allow_remote: bool = False) -> QueryResult:
    """Run a SELECT/ASK query over the union of the named graphs of a graph file (a path)
    or of an open graph source (a graph file or a store), checked by
    :func:`kg.sparql_check.check_query` (read-only, no SERVICE, no outside graphs unless
    ``allow_remote``). With ``limit``, at most that many rows are read, and
    ``truncated`` says whether there were more."""
    if isinstance(graph, (str, Path)):
        with open_graph(graph, allow_remote=allow_remote) as source:
            return run_query(source, sparql, limit=limit, allow_remote=allow_remote)
    solutions = stream_query(graph, sparql, allow_remote=allow_remote)
    if solutions.variables == ("ask",):
        answer = next(solutions.rows)[0]
        return QueryResult(("ask",), ((str(answer).lower(),),), ((answer,),))
    rows, truncated = [], False
    for row in solutions.rows:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append(row)
    return make_result(solutions.variables, rows, truncated)


def stream_query(source, sparql: str, bindings: Mapping[str, object] | None = None, *,
                 allow_remote: bool = False) -> Solutions:
    """The solutions of a SELECT/ASK query over a graph source, computed as they are read
    (nothing is collected: stop reading and the query stops). Works on a
    :class:`DatasetGraph` (rdflib), on a :class:`~kg.ox_source.OxigraphSource` (a store or a
    graph file in Oxigraph) and on a remote store."""
    from .ox_source import OxigraphSource
    from .sparql_check import check_query

    if isinstance(source, DatasetGraph):
        ds = source.dataset
        query = check_query(sparql, lambda: [c.identifier for c in ds.contexts()], allow_remote)
        return _rdflib_solutions(ds, query, bindings, allow_remote)
    if hasattr(source, "stream"):  # a remote store (kg.remote_store): the server runs the query
        from .sparql_check import dataset_iris

        query = check_query(sparql, source.graph_names, allow_remote)
        return source.stream(sparql, bindings, own_dataset=bool(dataset_iris(query.algebra)))
    if not isinstance(source, OxigraphSource):
        raise TypeError(f"not a graph source: {source!r}")
    query = check_query(sparql, source.graph_names, allow_remote)
    path = getattr(source, "path", None)  # a graph file (kg.memory_graph)
    if allow_remote and path is not None and _names_other_graphs(query, source):
        # FROM an address or another file: rdflib loads it (Oxigraph would not), as before
        ds = read_graph(path, allow_remote=True)
        ds.default_union = True
        return _rdflib_solutions(ds, query, bindings, allow_remote)
    return source.solutions(sparql, bindings)


def _names_other_graphs(query, source) -> bool:
    from .sparql_check import dataset_iris

    clauses = dataset_iris(query.algebra)
    if not clauses:
        return False
    known = {str(n) for n in source.graph_names()}
    return any(iri not in known for _, iri in clauses)


def _rdflib_solutions(ds, query, bindings, allow_remote: bool) -> Solutions:
    import rdflib.plugins.sparql as rdflib_sparql
    from rdflib.plugins.sparql.evaluate import evalQuery

    try:
        with _LOAD_LOCK:  # FROM is resolved when the query starts: never load unless allowed
            before = rdflib_sparql.SPARQL_LOAD_GRAPHS
            rdflib_sparql.SPARQL_LOAD_GRAPHS = allow_remote
            try:
                res = evalQuery(ds, query, dict(bindings or {}))
            finally:
                rdflib_sparql.SPARQL_LOAD_GRAPHS = before
    except KgError:
        raise
    except Exception as exc:
        raise sparql_error(exc) from None
    if res.get("type_") == "ASK":
        answer = bool(res["askAnswer"])
        return Solutions(("ask",), iter([(answer,)]))
    variables = tuple(str(v) for v in res["vars_"])

    def rows():
        try:
            for b in res["bindings"]:
                if b:  # rdflib skips empty solutions too
                    yield tuple(b.get(v) for v in res["vars_"])
        except KgError:
            raise
        except Exception as exc:  # rdflib evaluates lazily: errors surface here
            raise sparql_error(exc) from None

    return Solutions(variables, rows())


def run_sparql(ds, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
    """Run a query over an rdflib dataset; ``bindings`` are bound as RDF terms (never pasted)."""
    source = ds if isinstance(ds, DatasetGraph) else DatasetGraph(ds)
    solutions = stream_query(source, sparql, bindings)
    if solutions.variables == ("ask",):
        answer = next(solutions.rows)[0]
        return QueryResult(("ask",), ((str(answer).lower(),),), ((answer,),))
    return make_result(solutions.variables, list(solutions.rows))


def format_result(result: QueryResult, fmt: str) -> str:
    """Render as csv, tsv or json (SPARQL 1.1 results JSON), control characters escaped
    (:mod:`kg.results_format`)."""
    from .query_process import encode_term
    from .results_format import render

    if fmt not in ("csv", "tsv", "json"):
        raise KgError(f"unknown output format {fmt!r}: use table, csv, tsv or json")
    if result.variables == ("ask",) and len(result.terms) == 1 and isinstance(result.terms[0][0], bool):
        return render(fmt, (), (), ask=result.terms[0][0])
    return render(fmt, result.variables, [[encode_term(t) for t in row] for row in result.terms])
