"""Query presets: named SPARQL queries shipped in ``kg/queries/*.rq`` and path-between.

They run the same way over a graph file and over a store (any graph source of
:mod:`kg.query`). Parameters name entities by any of their labels in any script (화웨이, 华为,
Huawei), reference names and aliases, or by IRI (:mod:`kg.lookup`; a name no entity has is
an error listing the closest names). A name is found in two steps that each use an index: its
:func:`~extraction.names.name_key` is looked up among the entities' ``kg:nameKey`` values,
then the preset runs with the entity bound. Both bind RDF terms to variables (rdflib's
``initBindings``, Oxigraph's ``substitutions``), never paste text into a query. Oxigraph
substitutes only variables the SELECT clause projects, so every preset projects its
parameters first; they are dropped from the result, which lists what was asked for.
"""
from __future__ import annotations

import itertools
import logging
import re
from importlib.resources import files
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ontology import KG

from .errors import KgError
from .lookup import GraphNames, lookup, resolve
from .query import QueryResult, make_result, open_graph
from .rdf import PREFIXES

log = logging.getLogger(__name__)

PATH_BETWEEN = "path-between"
# optional parameters of path-between: which relations a path may use, which types of entity
# it may not pass through ("hubs": countries and regions, cities, parks and technologies,
# which connect everything to everything)
PATH_OPTIONS = ("relations", "avoid")
HUB_TYPES = ("Region", "City", "Park", "Technology")
ENTITY_TYPES = ("Company", "Investor", "Organization", "Park", "City", "Region", "Technology", "Product")
RELATIONS = {KG.investsIn: "invests_in", KG.locatedIn: "located_in",
             KG.partnersWith: "partners_with", KG.develops: "develops"}



def _query_dir() -> Path:
    return Path(str(files("kg") / "queries"))


def preset_names() -> list[str]:
    return sorted([p.stem for p in _query_dir().glob("*.rq")] + [PATH_BETWEEN])


def preset_parameters(name: str) -> list[str]:
    if name == PATH_BETWEEN:
        return ["from", "to"]
    text = (_query_dir() / f"{name}.rq").read_text(encoding="utf-8")
    m = re.search(r"^#.*?\bParameters?:\s*([a-z, ]+?)\s*$", text, re.M)
    return [p.strip() for p in m.group(1).split(",")] if m else []


def find_entities(source, name: str) -> list[URIRef]:
    """Entities ``name`` finds by :func:`kg.lookup.lookup` (any label in any script, a
    particle taken off, reference names and aliases), or the IRI ``name``."""
    if name.startswith(("http://", "https://")):
        return [URIRef(name)]
    return [URIRef(e) for e in lookup(GraphNames(source), name)]


def require_entities(source, name: str) -> list[URIRef]:
    """:func:`find_entities`, or :class:`kg.lookup.NoSuchEntity` naming the closest names."""
    if name.startswith(("http://", "https://")):
        return [URIRef(name)]
    return [URIRef(e) for e in resolve(GraphNames(source), name, source.name)]


def check_preset(name: str, params: dict[str, str]) -> list[str]:
    """The parameters of preset ``name``; :class:`KgError` for an unknown preset, a missing
    parameter or one the preset does not take."""
    if name not in preset_names():
        raise KgError(f"unknown preset {name!r}; presets: {', '.join(preset_names())}")
    needed = preset_parameters(name)
    missing = [p for p in needed if p not in params]
    if missing:
        example = " ".join(f"--param {p}=NAME" for p in needed)
        raise KgError(f"preset {name} needs {', '.join(missing)}: add {example}")
    optional = PATH_OPTIONS if name == PATH_BETWEEN else ()
    unknown = sorted(set(params) - set(needed) - set(optional))
    if unknown:
        takes = ", ".join(list(needed) + [f"optionally {o}" for o in optional])
        raise KgError(f"preset {name} takes {takes}, not {', '.join(unknown)}")
    if name == PATH_BETWEEN:
        path_options(params)  # checked before any work
    return needed


def path_options(params: dict[str, str]) -> tuple[frozenset, frozenset]:
    """The relation names a path may use (empty: all) and the entity types it may not pass
    through, from path-between's optional ``relations`` and ``avoid`` parameters."""
    def items(value: str) -> list[str]:
        return [v.strip() for v in value.replace("-", "_").split(",") if v.strip()]

    names = set(RELATIONS.values())
    rels = items(params.get("relations", ""))
    bad = [r for r in rels if r.lower() not in names]
    if bad:
        raise KgError(f"path-between: unknown relation {', '.join(map(repr, bad))}; relations are "
                      f"{', '.join(RELATIONS.values())}")
    by_lower = {t.lower(): t for t in ENTITY_TYPES}
    avoid: set[str] = set()
    for item in items(params.get("avoid", "")):
        if item.lower() == "hubs":
            avoid.update(HUB_TYPES)
        elif item.lower() in by_lower:
            avoid.add(by_lower[item.lower()])
        else:
            raise KgError(f"path-between: cannot avoid {item!r}; give hubs ({', '.join(HUB_TYPES)}) or types "
                          f"among {', '.join(ENTITY_TYPES)}")
    return frozenset(r.lower() for r in rels), frozenset(avoid)


def run_preset(graph, name: str, params: dict[str, str], min_confidence: float = 0.0) -> QueryResult:
    """Run preset ``name`` over ``graph``: a graph file (path) or an open graph source such
    as a :class:`~kg.store.KgStore`. With ``min_confidence``, over :func:`confident_part`
    of it: only relations and evidences of at least that confidence count."""
    needed = check_preset(name, params)
    if isinstance(graph, (str, Path)):
        with open_graph(graph) as source:
            return run_preset(source, name, params, min_confidence)
    if min_confidence:
        graph = confident_part(graph, min_confidence)
    return _run(graph, name, needed, params)


def confident_part(source, min_confidence: float):
    """An in-memory copy of a graph source (a graph file's dataset, or a store's graphs read
    into memory) without the evidences under ``min_confidence`` and without the relations
    that no remaining evidence states (relations of a graph without evidences are kept)."""
    from rdflib import Dataset

    from .query import DatasetGraph

    dataset = source.dataset if isinstance(source, DatasetGraph) else source.dataset()
    weak, strong, stated = set(), set(), set()
    def values(predicate):
        return {s: o for s, _, o, _ in dataset.quads((None, predicate, None, None))}

    conf, preds, objs = values(KG.confidence), values(KG.predicate), values(KG.object)
    for ev, subject in values(KG.subject).items():
        pred, obj = preds.get(ev), objs.get(ev)
        try:
            value = float(conf[ev]) if ev in conf else 1.0
        except (TypeError, ValueError):
            value = 1.0
        stated.add((subject, pred, obj))
        (weak.add(ev) if value < min_confidence else strong.add((subject, pred, obj)))
    copy = Dataset()
    for prefix, ns in dataset.namespaces():
        copy.bind(prefix, ns)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if s in weak or (p in RELATIONS and (s, p, o) in stated and (s, p, o) not in strong):
            continue
        copy.graph(g.identifier if hasattr(g, "identifier") else g).add((s, p, o))
    return DatasetGraph(copy, f"{source.name} (confidence ≥ {min_confidence:g})")


def _run(source, name: str, needed: list[str], params: dict[str, str]) -> QueryResult:
    bound: dict[str, list[URIRef]] = {}
    for p in needed:
        bound[p] = require_entities(source, params[p])
    if name == PATH_BETWEEN:
        relations, avoid = path_options(params)
        return _path_between(source, bound["from"], bound["to"], relations, avoid)
    text = (_query_dir() / f"{name}.rq").read_text(encoding="utf-8")
    rows: list[tuple] = []
    seen: set[tuple] = set()
    variables: tuple[str, ...] = ()
    for combo in itertools.product(*(bound[p] for p in needed)):
        result = source.select(text, dict(zip(needed, combo)))
        keep = [i for i, v in enumerate(result.variables) if v not in needed]
        variables = tuple(result.variables[i] for i in keep)
        for row in result.terms:
            out = tuple(row[i] for i in keep)
            if out not in seen:
                seen.add(out)
                rows.append(out)
    return make_result(variables, rows)


def _label(source, node: URIRef) -> str:
    """The Korean skos:prefLabel of ``node``, else any label, else the end of its IRI."""
    labels = [o for _, _, o in source.triples((node, SKOS.prefLabel, None)) if isinstance(o, Literal)]
    for lit in sorted(labels, key=str):
        if (lit.language or "").lower() == "ko":
            return str(lit)
    if not labels:
        labels = [o for _, _, o in source.triples((node, SKOS.altLabel, None)) if isinstance(o, Literal)]
    return str(sorted(labels, key=str)[0]) if labels else str(node).rsplit("/", 1)[-1]


def _neighbours(source, node: URIRef, relations: frozenset = frozenset()) -> list[tuple[URIRef, str, URIRef, URIRef]]:
    """(neighbour, relation, subject, object) of every relation of ``node`` (of ``relations``
    only, when given), either direction."""
    out = []
    for pred, rel in RELATIONS.items():
        if relations and rel not in relations:
            continue
        for _, _, o in source.triples((node, pred, None)):
            if isinstance(o, URIRef):
                out.append((o, rel, node, o))
        for s, _, _ in source.triples((None, pred, node)):
            out.append((s, rel, s, node))
    out.sort(key=lambda e: (str(e[0]), e[1], str(e[2])))
    return out


def _types(source, node: URIRef) -> set[str]:
    ns = str(KG._NS)
    return {str(o)[len(ns):] for _, _, o in source.triples((node, RDF.type, None)) if str(o).startswith(ns)}


def _path_between(source, sources, targets, relations: frozenset = frozenset(),
                  avoid: frozenset = frozenset()) -> QueryResult:
    """The shortest chain of relations (in either direction) from any of ``sources`` to any
    of ``targets`` (over ``relations`` only, when given; through no entity of a type in
    ``avoid``, though a path may start or end at one): a breadth-first search from both ends, a whole level of the smaller
    frontier at a time, looking up each visited entity's relations in the source's indexes,
    so it reads only the part of the graph it explores (and stops as soon as one side has
    nothing left to explore when there is no path)."""
    columns = ("step", "from", "relation", "to")
    if set(sources) & set(targets):
        return make_result(columns, [])
    # per side: entity -> (depth, (previous entity, relation, subject, object) or None)
    fwd = {n: (0, None) for n in sources}
    bwd = {n: (0, None) for n in targets}
    frontiers = {id(fwd): sorted(fwd, key=str), id(bwd): sorted(bwd, key=str)}
    meeting = None
    while frontiers[id(fwd)] and frontiers[id(bwd)] and meeting is None:
        side, other = (fwd, bwd) if len(frontiers[id(fwd)]) <= len(frontiers[id(bwd)]) else (bwd, fwd)
        nxt, met = [], []
        for node in frontiers[id(side)]:
            depth = side[node][0]
            for nb, rel, s, o in _neighbours(source, node, relations):
                if nb in side:
                    continue
                if avoid and nb not in other and avoid & _types(source, nb):
                    continue  # a hub: the path may end there, not pass through
                side[nb] = (depth + 1, (node, rel, s, o))
                nxt.append(nb)
                if nb in other:
                    met.append(nb)
        frontiers[id(side)] = nxt
        if met:
            meeting = min(met, key=lambda n: (fwd[n][0] + bwd[n][0], str(n)))
    if meeting is None:
        return make_result(columns, [])
    steps = []
    node = meeting
    while fwd[node][1] is not None:  # back to a source, then reversed
        prev, rel, s, o = fwd[node][1]
        steps.append((rel, s, o))
        node = prev
    steps.reverse()
    node = meeting
    while bwd[node][1] is not None:  # on to a target
        prev, rel, s, o = bwd[node][1]
        steps.append((rel, s, o))
        node = prev
    rows = [(str(i), _label(source, s), rel, _label(source, o)) for i, (rel, s, o) in enumerate(steps, start=1)]
    return make_result(columns, rows)


__all__ = ["PREFIXES", "RELATIONS", "check_preset", "find_entities", "preset_names", "preset_parameters", "require_entities",
           "confident_part", "run_preset"]
