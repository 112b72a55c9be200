"""Graph sources answered by Oxigraph: a kg store (:class:`kg.store.KgStore`, on disk) and a
graph file loaded into memory (:class:`kg.memory_graph.MemoryGraph`).

Both hold each document graph as a named graph and **their union, as a set, in the default
graph**, and queries run on that default graph. (pyoxigraph 0.5's own union of the named
graphs, ``use_default_graph_as_union`` or a list of ``default_graph``\\ s, repeats a solution
once for every graph that holds a triple — oxigraph issue #1919 — so counts would differ
from rdflib's, whose union of a dataset's graphs is a set.) ``GRAPH ?g { … }`` still reaches
the document graphs. Triples a file holds outside any named graph (a ``.ttl`` or ``.nt``
file, or a TriG file's default graph) are in the default graph too, and, as in rdflib, in
no ``GRAPH ?g``.

Results come back as rdflib terms (:func:`kg.ox_terms.from_ox`), so callers cannot tell the
sources apart from an rdflib dataset (:class:`kg.query.DatasetGraph`). Oxigraph keeps language
tags in lower case, so its ``lang(?x)`` would say ``zh-hans`` where rdflib says ``zh-Hans``
(and ``FILTER(lang(?x) = "zh-Hans")`` would find nothing): each ``LANG(`` of a query is run
as a function of kg's that gives the tag as the file spelt it (a store: in its usual case).

Values a query computes are each engine's own: Oxigraph writes the results of arithmetic
and of ``SUM``/``AVG`` in canonical form (``1.5``; 18 decimal places for a quotient) where
rdflib's Python decimals keep trailing zeros (``1.50``; 28 digits); its ``GROUP_CONCAT`` is a
plain string where rdflib keeps a language tag all the parts share (and joins the parts in
its own order: SPARQL leaves it open); its date functions read
more types (``YEAR`` of an ``xsd:gYearMonth``). Terms the graph holds come back the same.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Mapping

from rdflib import Dataset, Graph, URIRef

from .errors import KgError
from .ox_terms import from_ox, language_case, to_ox
from .query import QueryResult, Solutions, make_result, sparql_error
from .rdf import PREFIXES

_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}
# the union of the named graphs into the default graph (a set: a triple held by several
# graphs is there once)
UNION_UPDATE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
LANG_FUNCTION = "urn:kg:function:lang"
# what a query's text holds that is not code (strings, IRIs, comments: kept as they are), or
# the keyword LANG called as a function (not LANGMATCHES, ?lang, ex:lang or a prefix lang:)
_QUERY_TOKENS = re.compile(
    r'("""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r'|#[^\n]*)'
    r'|(?<![\w:.?$-])(LANG)(?=\s*\()', re.I)


def lang_as_function(sparql: str) -> str | None:
    """``sparql`` with each call of ``LANG(…)`` made a call of kg's :data:`LANG_FUNCTION`,
    or ``None`` when it calls none."""
    found = False

    def sub(m: re.Match) -> str:
        nonlocal found
        if m.group(2) is None:
            return m.group(0)
        found = True
        return f"<{LANG_FUNCTION}>"

    out = _QUERY_TOKENS.sub(sub, sparql)
    return out if found else None


def _ox():
    import pyoxigraph

    return pyoxigraph


def with_union(quads: Iterable) -> Iterator:
    """Each pyoxigraph quad and, for one in a named graph, its triple in the default graph
    (the union; the store keeps it a set)."""
    ox = _ox()
    union, Quad, DefaultGraph = ox.DefaultGraph(), ox.Quad, ox.DefaultGraph
    for q in quads:
        yield q
        if not isinstance(q.graph_name, DefaultGraph):
            yield Quad(q.subject, q.predicate, q.object, union)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class OxigraphSource:
    """A graph source (:mod:`kg.query`) over a pyoxigraph store kept as described in the
    module: subclasses give ``store`` (the pyoxigraph store) and ``name``, and may give
    ``language_tags`` (lower case → as the file spelt the tag)."""

    language_tags: Mapping[str, str] | None = None
    store: object
    name: str

    def term(self, t):
        return from_ox(t, self.language_tags)

    def _lang(self, term):
        """SPARQL's ``LANG`` giving the tag as rdflib would (see the module)."""
        ox = _ox()
        if not isinstance(term, ox.Literal):
            return None  # an error, as LANG of an IRI or blank node
        tag = term.language
        if not tag:
            return ox.Literal("")
        return ox.Literal((self.language_tags.get(tag) if self.language_tags else None) or language_case(tag))

    def __len__(self) -> int:
        """Triples in the union of the document graphs."""
        res = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(res))[0].value)

    def graph_names(self) -> list[URIRef]:
        return sorted(self.term(g) for g in self.store.named_graphs())

    def graph(self, name: URIRef) -> Graph:
        """One named graph as an rdflib graph."""
        g = Graph(identifier=name)
        for q in self.store.quads_for_pattern(None, None, None, to_ox(name)):
            g.add((self.term(q.subject), self.term(q.predicate), self.term(q.object)))
        return g

    def dataset(self, ds: Dataset | None = None) -> Dataset:
        """The document graphs as an rdflib dataset (it holds everything in memory), into
        ``ds`` when given."""
        from .store import copy_graphs

        return copy_graphs(self, ds)

    def triples(self, pattern) -> Iterator[tuple]:
        """Triples of the union of the document graphs matching ``(s, p, o)`` (``None`` = any)."""
        s, p, o = pattern
        term = self.term
        for q in self.store.quads_for_pattern(to_ox(s), to_ox(p), to_ox(o), _ox().DefaultGraph()):
            yield term(q.subject), term(q.predicate), term(q.object)

    def solutions(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Solutions:
        """The solutions of a SELECT or ASK query over the union, as they are computed
        (an ASK query gives the one variable ``ask``). ``bindings`` are RDF terms substituted
        for variables (Oxigraph's ``substitutions``: a bound variable must be in the SELECT
        clause), never pasted into the query text."""
        ox = _ox()
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        rewritten = lang_as_function(sparql)
        try:
            res = None
            if rewritten is not None:
                try:
                    res = self.store.query(rewritten, prefixes=_PREFIXES, substitutions=subs or None,
                                           custom_functions={ox.NamedNode(LANG_FUNCTION): self._lang})
                except SyntaxError:
                    res = None  # not a call of LANG after all: the query as written
            if res is None:
                res = self.store.query(sparql, prefixes=_PREFIXES, substitutions=subs or None)
        except (SyntaxError, ValueError, RuntimeError) as exc:
            raise sparql_error(exc) from None
        except OSError as exc:
            raise KgError(f"{self.name}: cannot read the store ({_first_line(exc)})") from None
        if isinstance(res, ox.QueryBoolean):
            return Solutions(("ask",), iter([(bool(res),)]))
        if not isinstance(res, ox.QuerySolutions):
            raise KgError("only SELECT and ASK queries are supported (found CONSTRUCT or DESCRIBE)")
        variables = tuple(v.value for v in res.variables)
        term = self.term

        def rows():
            try:
                for solution in res:
                    yield tuple(term(t) for t in solution)
            except (SyntaxError, ValueError, RuntimeError) as exc:
                raise sparql_error(exc) from None
            except OSError as exc:
                raise KgError(f"{self.name}: cannot read the store ({_first_line(exc)})") from None

        return Solutions(variables, rows())

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        """Run a SELECT or ASK query over the union of the document graphs (see
        :meth:`solutions`)."""
        found = self.solutions(sparql, bindings)
        if found.variables == ("ask",):
            answer = next(found.rows)[0]
            return QueryResult(("ask",), ((str(answer).lower(),),), ((answer,),))
        return make_result(found.variables, list(found.rows))


__all__ = ["LANG_FUNCTION", "OxigraphSource", "UNION_UPDATE", "lang_as_function", "with_union"]
