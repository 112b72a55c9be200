"""Writing document graphs into a kg store (:meth:`kg.store.KgStore.apply`), all or nothing.

A graph arrives as rdflib triples and is compared with what the store holds as text: each
triple becomes one N-Triples line in pyoxigraph's own spelling (``str`` of the pyoxigraph
term, each distinct term converted once), and the store's graph is read with one
``dump`` (N-Triples, written by pyoxigraph in Rust) instead of a Python object per quad.
Equal triples have equal lines, so two sets of strings give the differences. What is
written is then text again: an add that removes nothing is one ``Store.load`` of N-Quads
bytes (a transaction, like ``extend``: all or nothing), and a change that also removes
triples or graphs is one SPARQL update (``DELETE DATA``, ``DROP``, ``INSERT DATA``: one
transaction too). A large write goes through pyoxigraph's bulk loader instead, about three
times cheaper per quad but not atomic by itself: :mod:`kg.store_journal` makes it all or
nothing with an undo journal.

``load`` gives a blank node of the data a new label, where ``extend`` keeps it: an add with
blank nodes goes through ``extend`` of the parsed quads (kg's graphs have none).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable

from rdflib import BNode, URIRef

from .errors import KgError

log = logging.getLogger(__name__)


def _ox():
    import pyoxigraph

    return pyoxigraph


class TermText(dict):
    """rdflib term → its N-Triples text as pyoxigraph writes it (``str`` of the pyoxigraph
    term, the spelling of the store's own dump), each term converted once; notes whether
    a blank node was met."""

    def __init__(self, to_ox):
        super().__init__()
        self._to_ox = to_ox
        self.blank = False

    def __missing__(self, term) -> str:
        if isinstance(term, BNode):
            self.blank = True
        text = self[term] = str(self._to_ox(term))
        return text

    def lines(self, triples: Iterable[tuple]) -> set[str]:
        """The N-Triples lines (``s p o .``, no newline) of ``triples``."""
        return {f"{self[s]} {self[p]} {self[o]} ." for s, p, o in triples}


def graph_lines(store, name) -> set[str]:
    """The N-Triples lines of the store's named graph ``name`` (empty when it has none)."""
    data = store.dump(format=_ox().RdfFormat.N_TRIPLES, from_graph=name).decode("utf-8")
    lines = set(data.split("\n"))  # a newline in a value is written \n: one line per triple
    lines.discard("")
    return lines


@dataclass
class Plan:
    """What :func:`write` writes: per graph (its N-Triples IRI) the lines to insert and to
    delete, the graphs to drop and to create empty, and the union's changes. ``blank``:
    blank nodes are written or removed (the bulk loader and SPARQL data would relabel them)."""
    inserts: dict[str, set[str]] = field(default_factory=dict)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    dropped: list = field(default_factory=list)
    created: list = field(default_factory=list)  # pyoxigraph NamedNodes
    union_add: set[str] = field(default_factory=set)
    union_gone: set[str] = field(default_factory=set)
    fresh: set[str] = field(default_factory=set)  # graphs the store did not have
    dropped_lines: dict[str, set[str]] = field(default_factory=dict)  # what the dropped graphs held
    blank: bool = False

    def writes(self) -> bool:
        return bool(self.inserts or self.deletes or self.dropped or self.created)

    def nquads(self) -> bytes:
        """The inserts as N-Quads: each graph's lines in it, and the union's in the default graph."""
        parts = [f"{line[:-1]}{g} ." for g, lines in self.inserts.items() for line in lines]
        parts.extend(self.union_add)
        parts.append("")
        return "\n".join(parts).encode("utf-8")

    def removal(self) -> str:
        """What the plan removes, as SPARQL update operations ('' when nothing): every term is
        written by pyoxigraph in N-Triples syntax, its own escaping, so the data cannot change
        the update's structure."""
        ops = []
        if self.deletes or self.union_gone:
            blocks = [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in self.deletes.items()]
            blocks.extend(self.union_gone)
            ops.append("DELETE DATA {\n" + "\n".join(blocks) + "\n}")
        ops.extend(f"DROP SILENT GRAPH {g}" for g in self.dropped)
        return " ;\n".join(ops)

    def update(self) -> str:
        """The whole change as one SPARQL update (one transaction)."""
        ops = [self.removal()] if self.deletes or self.union_gone or self.dropped else []
        if self.inserts:
            blocks = [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in self.inserts.items()]
            blocks.extend(self.union_add)
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        ops.extend(f"CREATE SILENT GRAPH {n}" for n in self.created)
        return " ;\n".join(ops)


def plan(kg_store, graphs: Iterable, drop: Iterable[URIRef], to_ox) -> tuple[Plan, dict[URIRef, tuple[int, int]]]:
    """Compare ``graphs`` (rdflib triples, each named by its ``identifier``) and the graphs
    ``drop`` with what the store holds: the :class:`Plan` that makes it hold them, and per
    graph the numbers of triples added and removed."""
    ox = _ox()
    store = kg_store.store
    text = TermText(to_ox)
    out = Plan()
    counts: dict[URIRef, tuple[int, int]] = {}
    removed_from: dict[str, set[str]] = {}  # a removed line → the graphs it leaves
    names = set()
    for graph in graphs:
        name = to_ox(graph.identifier)
        if not isinstance(name, ox.NamedNode):
            raise KgError(f"{kg_store.path}: a document graph needs an IRI, not {graph.identifier!r}")
        names.add(name)
        g = str(name)
        new = text.lines(graph)
        old = graph_lines(store, name)
        added, removed = new - old, old - new
        counts[URIRef(name.value)] = (len(added), len(removed))
        absent = not old and not store.contains_named_graph(name)
        if absent and added:
            out.fresh.add(g)
        if added:
            out.inserts[g] = added
            out.union_add |= added
        elif absent and not new:
            out.created.append(name)
        if removed:
            out.deletes[g] = removed
            out.blank = out.blank or any("_:" in line for line in removed)  # may be in a value: then only slower
            for line in removed:
                removed_from.setdefault(line, set()).add(g)
    for name in sorted({to_ox(d) for d in drop} - names, key=str):
        if not store.contains_named_graph(name):
            continue
        g = str(name)
        out.dropped.append(g)
        out.dropped_lines[g] = held = graph_lines(store, name)
        for line in held:
            removed_from.setdefault(line, set()).add(g)
    out.blank = out.blank or text.blank or any("_:" in line for lines in out.dropped_lines.values() for line in lines)
    out.union_gone = _held_by_none(store, removed_from, out.union_add)
    return out, counts


def _held_by_none(store, removed_from: dict[str, set[str]], union_add: set[str]) -> set[str]:
    """The removed lines that no document graph holds once the graphs they leave have lost
    them: they leave the union too."""
    ox = _ox()
    candidates = [line for line in removed_from if line not in union_add]
    if not candidates:
        return set()
    gone = set()
    triples = ox.parse("\n".join(candidates) + "\n", format=ox.RdfFormat.N_TRIPLES)
    for line, t in zip(candidates, triples):
        sources = removed_from[line]
        if not any(not isinstance(q.graph_name, ox.DefaultGraph) and str(q.graph_name) not in sources
                   for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            gone.add(line)
    return gone


def write(kg_store, p: Plan) -> None:
    """Write the plan, all or nothing: one transaction, or the bulk loader under the undo
    journal when it is large (nothing when nothing changes)."""
    from . import store_journal

    ox = _ox()
    store = kg_store.store
    if not p.writes():
        return
    if store_journal.use_bulk(p):  # large: the bulk loader, under an undo journal
        store_journal.write(kg_store, p)
        return
    if not p.deletes and not p.dropped:
        if p.inserts:
            data = p.nquads()
            if p.blank:  # load would give the blank nodes new labels; extend keeps them
                store.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            else:
                store.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)  # lenient: pyoxigraph wrote it
        for name in p.created:
            store.add_graph(name)
        return
    store.update(p.update())


__all__ = ["Plan", "TermText", "graph_lines", "plan", "write"]
