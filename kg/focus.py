"""Focus filters: the part of a kg network that a view or an export shows.

``kg view`` and ``kg export`` take the same options and both call :func:`apply_focus` on the
network of :func:`kg.exports.network.to_network`:

* ``--relations partners_with,invests_in`` keeps only those relations and the entities
  they connect;
* ``--types Company,Investor`` keeps entities of those types (an entity counts with every
  type it has: a Company that invests is also an Investor);
* ``--min-degree K`` keeps entities with at least K relations (counted after the two
  filters above);
* ``--focus NAME --depth N`` keeps the ego network: the entities at most N relations away
  from NAME (in either direction) in what the other filters left. NAME is matched by
  :mod:`kg.lookup` as the query presets match it (every label in every script, 위수커지 =
  宇树科技 = Unitree; a particle taken off; reference names and aliases), or is an entity
  IRI; a name no entity has is an error with the closest names ("did you mean"). The focus entities themselves are never filtered out.

Names of types and relations are checked; an unknown one is a :class:`KgError` that lists
the valid ones.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterable

import networkx as nx

from .errors import KgError
from .exports.network import RELATIONS, TYPE_ORDER, annotate
from .lookup import NetworkNames, NoSuchEntity, lookup, suggest

log = logging.getLogger(__name__)

RELATION_NAMES = tuple(RELATIONS.values())


@dataclass(frozen=True)
class Focus:
    """What to keep of a network; the default keeps everything."""

    names: tuple[str, ...] = ()
    depth: int = 1
    types: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    min_degree: int = 0

    @property
    def active(self) -> bool:
        return bool(self.names or self.types or self.relations or self.min_degree)

    def describe(self) -> str:
        """A short human description (``focus 화웨이, depth 2 · types Company``), or ''."""
        parts = []
        if self.names:
            parts.append(f"focus {', '.join(self.names)}, depth {self.depth}")
        if self.types:
            parts.append(f"types {', '.join(self.types)}")
        if self.relations:
            parts.append(f"relations {', '.join(self.relations)}")
        if self.min_degree:
            parts.append(f"min degree {self.min_degree}")
        return " · ".join(parts)


def _split(values: str | Iterable[str] | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _canonical(value: str) -> str:
    return re.sub(r"[^a-z]", "", value.lower())


def make_focus(names: str | Iterable[str] | None = None, depth: int = 1,
               types: str | Iterable[str] | None = None, relations: str | Iterable[str] | None = None,
               min_degree: int = 0) -> Focus:
    """A checked :class:`Focus` from option values. Types and relations may be given as
    comma-separated strings, in any case, with ``-`` or ``_`` (``partners-with``)."""
    if isinstance(names, str):
        names = [names]
    names = tuple(n.strip() for n in names or () if n.strip())
    if depth < 0:
        raise KgError(f"--depth {depth}: give 0 or more relations away from the focus entity")
    if min_degree < 0:
        raise KgError(f"--min-degree {min_degree}: give 0 or more")
    type_by = {_canonical(t): t for t in TYPE_ORDER}
    rel_by = {_canonical(r): r for r in RELATION_NAMES}
    bad_types = [t for t in _split(types) if _canonical(t) not in type_by]
    if bad_types:
        raise KgError(f"--types: unknown entity type {', '.join(map(repr, bad_types))}; "
                      f"types are {', '.join(TYPE_ORDER)}")
    bad_rels = [r for r in _split(relations) if _canonical(r) not in rel_by]
    if bad_rels:
        raise KgError(f"--relations: unknown relation {', '.join(map(repr, bad_rels))}; "
                      f"relations are {', '.join(RELATION_NAMES)}")
    keep_types = tuple(dict.fromkeys(type_by[_canonical(t)] for t in _split(types)))
    keep_rels = tuple(dict.fromkeys(rel_by[_canonical(r)] for r in _split(relations)))
    return Focus(names, depth, keep_types, keep_rels, min_degree)


def node_names(data: dict) -> list[str]:
    """Every name of a network node: its label and its Korean, Chinese and English names."""
    names = [data.get("label", "")]
    for field in ("name_ko", "name_zh", "name_en"):
        names.extend(n for n in str(data.get(field, "")).split("|") if n)
    return list(dict.fromkeys(n for n in names if n))


def find_nodes(network: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes ``name`` finds by :func:`kg.lookup.lookup` (any label in any script, a particle
    taken off, reference names and aliases), or the node whose IRI is ``name``."""
    if name in network:
        return [name]
    return lookup(NetworkNames(network), name)


def _not_found(network: nx.MultiDiGraph, name: str, source: str) -> KgError:
    return NoSuchEntity(name, suggest(NetworkNames(network), name), source)


def apply_focus(network: nx.MultiDiGraph, focus: Focus, source: str = "graph") -> nx.MultiDiGraph:
    """The part of ``network`` that ``focus`` keeps, as a new network with ``degree`` and
    ``viz`` recomputed; ``network`` itself when the focus keeps everything. ``source``
    names the graph in error messages."""
    if not focus.active:
        return network
    centres: list[str] = []
    for name in focus.names:
        found = find_nodes(network, name)
        if not found:
            raise _not_found(network, name, source)
        centres.extend(found)
    keep_always = set(centres)

    g = nx.MultiDiGraph()
    g.graph.update(network.graph)
    g.add_nodes_from((n, dict(d)) for n, d in network.nodes(data=True))
    for s, o, k, d in network.edges(keys=True, data=True):
        if not focus.relations or d.get("relation") in focus.relations:
            g.add_edge(s, o, key=k, **dict(d))
    if focus.relations:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0 and n not in keep_always])
    if focus.types:
        wanted = set(focus.types)
        g.remove_nodes_from([n for n, d in list(g.nodes(data=True))
                             if n not in keep_always and not wanted & set(str(d.get("types") or d.get("type")).split("|"))])
    if focus.min_degree:
        g.remove_nodes_from([n for n, deg in list(g.degree()) if deg < focus.min_degree and n not in keep_always])
    if centres:
        undirected = g.to_undirected(as_view=True)
        near: set[str] = set()
        for c in centres:
            near.update(nx.single_source_shortest_path_length(undirected, c, cutoff=focus.depth))
        g = g.subgraph(near).copy()
    if g.number_of_nodes() == 0:
        raise KgError(f"{source}: nothing is left after the filters ({focus.describe()}); loosen them")
    annotate(g)
    log.info("focus %s: %d of %d entities, %d of %d relations", focus.describe(), g.number_of_nodes(),
             network.number_of_nodes(), g.number_of_edges(), network.number_of_edges())
    return g


__all__ = ["Focus", "RELATION_NAMES", "apply_focus", "find_nodes", "make_focus", "node_names"]
