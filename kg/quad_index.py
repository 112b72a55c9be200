"""A graph file's quads in memory, for readers that only scan them (views, network exports).

``kg view`` and ``kg export`` read every quad once, or every quad of a few predicates
(:func:`kg.exports.network.to_network`, the view's evidence and rounds). An rdflib
:class:`~rdflib.Dataset` keeps five indexes per triple and an event per addition; filling it
was most of the time those commands took. This keeps the quads (rdflib terms, each quad
once) and one index by predicate, and answers ``quads((s, p, o, g))`` as a dataset does
(``g`` of a result: the graph's IRI; for the default graph rdflib's
``urn:x-rdflib:default``, as a dataset gives it). Anything that needs
SPARQL or rdflib's graph API reads the file as a dataset (:func:`kg.graph_io.read_graph`).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from rdflib.graph import DATASET_DEFAULT_GRAPH_ID


class QuadIndex:
    """Read-only quads with an index by predicate; ``name`` for messages."""

    def __init__(self, quads: Iterable[tuple], prefixes: dict[str, str] | None = None, name: str = "graph"):
        self._quads: dict[tuple, None] = dict.fromkeys(
            (s, p, o, DATASET_DEFAULT_GRAPH_ID if g is None else g) for s, p, o, g in quads)
        self._by_predicate: dict[object, list[tuple]] = {}
        for q in self._quads:
            self._by_predicate.setdefault(q[1], []).append(q)
        self._prefixes = dict(prefixes or {})
        self.name = name

    def __len__(self) -> int:
        """Quads (a triple in two graphs counts twice)."""
        return len(self._quads)

    def __str__(self) -> str:
        return self.name

    def quads(self, pattern: tuple = (None, None, None, None)) -> Iterator[tuple]:
        s, p, o, g = (tuple(pattern) + (None,) * 4)[:4]
        source = self._quads if p is None else self._by_predicate.get(p, ())
        if s is None and o is None and g is None:
            yield from source
            return
        for q in source:
            if (s is None or q[0] == s) and (o is None or q[2] == o) and (g is None or q[3] == g):
                yield q

    def graph_names(self) -> list:
        """The named graphs holding a quad (the default graph is not one)."""
        return sorted({q[3] for q in self._quads if q[3] != DATASET_DEFAULT_GRAPH_ID}, key=str)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        yield from self._prefixes.items()


__all__ = ["QuadIndex"]
