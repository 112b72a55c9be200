"""A document's named graph as a build makes it: rdflib terms in an ordered set.

``kg build`` makes one graph per document and hands it on at once (to the graph file's
writer, to a store); it never queries it. An rdflib :class:`~rdflib.Graph` keeps three
indexes and fires an event for every triple added, which cost about as much as finding
the mentions; this keeps the triples only, in the order they were added, with the few
reading methods a build uses. :mod:`kg.rdf`'s ``add_*`` functions write into either.
"""
from __future__ import annotations

from typing import Iterator


class DocumentGraph:
    """The triples of one named graph (``identifier``); adding a triple twice keeps one."""

    __slots__ = ("identifier", "_triples")

    def __init__(self, identifier):
        self.identifier = identifier
        self._triples: dict[tuple, None] = {}

    def add(self, triple: tuple) -> "DocumentGraph":
        self._triples[triple] = None
        return self

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: tuple) -> bool:
        return triple in self._triples

    def triples(self, pattern: tuple) -> Iterator[tuple]:
        """The triples matching ``(s, p, o)`` (``None`` matches anything)."""
        s, p, o = pattern
        for t in self._triples:
            if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t

    def subjects(self, predicate=None, object=None) -> Iterator:
        """The subjects of the triples matching ``(?, predicate, object)``, each once."""
        seen = set()
        for s, _, _ in self.triples((None, predicate, object)):
            if s not in seen:
                seen.add(s)
                yield s


__all__ = ["DocumentGraph"]
