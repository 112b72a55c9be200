"""What a query may do, decided on its parsed algebra before it runs.

``kg query`` is read-only and offline: it answers from the graph the user named and from
nothing else. :func:`check_query` parses the text with rdflib's SPARQL parser (for graph
files and stores alike) and refuses, each with one line:

* an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY): "kg query is
  read-only";
* CONSTRUCT and DESCRIBE (kg prints tables of solutions);
* ``SERVICE`` anywhere in the pattern: it sends the query, and with it the graph's text,
  to another address;
* ``FROM <iri>`` and ``FROM NAMED <iri>`` naming a graph the source does not hold: rdflib
  would load it from the address (a ``file:`` IRI reads a local file, an ``http:`` IRI
  fetches it). Naming one of the source's own graphs (``FROM kggraph:…``) is allowed: it
  selects that document's graph.

``allow_remote=True`` (``kg query --allow-remote``) lets SERVICE and outside graphs through.
"""
from __future__ import annotations

from typing import Callable, Iterable

from .errors import KgError
from .rdf import PREFIXES

UPDATE_WORDS = "INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY"
_REMOTE_HINT = "kg query reads only the graph you name (--allow-remote allows it)"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def is_update(sparql: str) -> bool:
    """Does ``sparql`` parse as a SPARQL 1.1 update request?"""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(sparql)
    except Exception:  # pyparsing raises several types
        return False
    return True


def parse_query(sparql: str):
    """rdflib's algebra of ``sparql`` (kg's prefixes predefined); :class:`KgError` for an
    update ("kg query is read-only") or text that is not a query."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(sparql)
    except Exception as exc:  # pyparsing's ParseException and friends
        if is_update(sparql):
            raise KgError(f"kg query is read-only: updates ({UPDATE_WORDS}) are refused; "
                          "rebuild the graph with kg build to change it") from None
        raise KgError(f"malformed SPARQL: {_first_line(exc)}") from None
    try:
        return translateQuery(parsed, initNs=dict(PREFIXES))
    except Exception as exc:  # an unknown prefix, a variable projected twice…
        raise KgError(f"malformed SPARQL: {_first_line(exc)}") from None


def _walk(node) -> Iterable:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):
            stack.extend(n)


def services(algebra) -> list[str]:
    """The endpoints (IRIs or variables) of the SERVICE clauses in a query's algebra."""
    from rdflib import Variable

    terms = [n["term"] for n in _walk(algebra) if n.name == "ServiceGraphPattern"]
    return [f"?{t}" if isinstance(t, Variable) else str(t) for t in terms]


def dataset_iris(algebra) -> list[tuple[str, str]]:
    """``(FROM or FROM NAMED, iri)`` of the query's dataset clause."""
    out = []
    for clause in (algebra["datasetClause"] if "datasetClause" in algebra else None) or ():
        if "default" in clause:  # (CompValue.get gives the key itself when it is absent)
            out.append(("FROM", str(clause["default"])))
        if "named" in clause:
            out.append(("FROM NAMED", str(clause["named"])))
    return out


def check_query(sparql: str, graph_names: Callable[[], Iterable[object]] | Iterable[object] = (),
                allow_remote: bool = False):
    """Parse ``sparql`` and refuse what :mod:`kg.sparql_check` refuses; returns rdflib's
    prepared query (its ``algebra`` and ``prologue``). ``graph_names``: the graphs of the
    source (or a function giving them, called only when the query has FROM)."""
    query = parse_query(sparql)
    algebra = query.algebra
    if algebra.name not in ("SelectQuery", "AskQuery"):
        kind = algebra.name.replace("Query", "").upper()
        raise KgError(f"only SELECT and ASK queries are supported (found {kind})")
    if allow_remote:
        return query
    endpoints = services(algebra)
    if endpoints:
        raise KgError(f"SERVICE {_angle(endpoints[0])} would send the query to another address; "
                      f"{_REMOTE_HINT}")
    clauses = dataset_iris(algebra)
    if clauses:
        names = graph_names() if callable(graph_names) else graph_names
        known = {str(n) for n in names}
        for keyword, iri in clauses:
            if iri not in known:
                raise KgError(f"{keyword} {_angle(iri)} is not a graph of this source and would be "
                              f"loaded from that address; {_REMOTE_HINT}")
    return query


def _angle(term: str) -> str:
    return term if term.startswith("?") else f"<{term}>"


__all__ = ["UPDATE_WORDS", "check_query", "dataset_iris", "is_update", "parse_query", "services"]
