"""Query presets: named SPARQL queries shipped in ``kg/queries/*.rq`` and path-between.

Parameters name entities by any of their labels in any script (화웨이, 华为, Huawei) or by IRI;
they are bound to the query as RDF terms (``initBindings``), never pasted into its text.
"""
from __future__ import annotations

import itertools
import re
from importlib.resources import files
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from extraction.names import name_key

from .errors import KgError
from .graph_io import read_graph
from .query import QueryResult, run_sparql
from .rdf import PREFIXES

PATH_BETWEEN = "path-between"


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


def find_entities(dataset: Dataset, name: str) -> list[URIRef]:
    """Entities having ``name`` as any label (compared by name key), or the IRI ``name``."""
    if name.startswith(("http://", "https://")):
        return [URIRef(name)]
    key = name_key(name)
    hits = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p in (SKOS.prefLabel, SKOS.altLabel) and isinstance(o, Literal) and name_key(str(o)) == key:
            hits.add(s)
    return sorted(hits, key=str)


def run_preset(graph_file: str | Path, name: str, params: dict[str, str]) -> QueryResult:
    if name not in preset_names():
        raise KgError(f"unknown preset {name!r}; presets: {', '.join(preset_names())}")
    needed = preset_parameters(name)
    missing = [p for p in needed if p not in params]
    if missing:
        example = " ".join(f"--param {p}=NAME" for p in needed)
        raise KgError(f"preset {name} needs {', '.join(missing)}: add {example}")
    dataset = read_graph(graph_file)
    dataset.default_union = True
    bound: dict[str, list[URIRef]] = {}
    for p in needed:
        iris = find_entities(dataset, params[p])
        if not iris:
            raise KgError(f"{graph_file}: no entity named {params[p]!r} (labels in any script are matched)")
        bound[p] = iris
    if name == PATH_BETWEEN:
        return _path_between(dataset, bound["from"], bound["to"])
    text = (_query_dir() / f"{name}.rq").read_text(encoding="utf-8")
    rows: list[tuple] = []
    variables: tuple[str, ...] = ()
    for combo in itertools.product(*(bound[p] for p in needed)):
        result = run_sparql(dataset, text, dict(zip(needed, combo)))
        variables = result.variables
        for row in result.terms:
            if row not in rows:
                rows.append(row)
    return QueryResult(variables, tuple(tuple("" if t is None else str(t) for t in r) for r in rows), tuple(rows))


def _path_between(dataset: Dataset, sources, targets) -> QueryResult:
    """The shortest chain of relations (in either direction) between two entities."""
    import networkx as nx

    from .exports.network import to_network

    g = to_network(dataset)
    ug = nx.Graph()
    for s, o, data in g.edges(data=True):
        ug.add_edge(s, o, relation=data["relation"], forward=(s, o))
    best = None
    for a, b in itertools.product(sources, targets):
        if str(a) in ug and str(b) in ug and nx.has_path(ug, str(a), str(b)):
            path = nx.shortest_path(ug, str(a), str(b))
            if best is None or len(path) < len(best):
                best = path
    if best is None:
        return QueryResult(("step", "from", "relation", "to"), (), ())
    rows = []
    for i, (a, b) in enumerate(zip(best, best[1:]), start=1):
        data = ug.edges[a, b]
        s, o = data["forward"]
        label = lambda n: g.nodes[n].get("label", n)  # noqa: E731
        rows.append((str(i), label(s), data["relation"], label(o)))
    return QueryResult(("step", "from", "relation", "to"), tuple(rows), tuple(rows))


__all__ = ["PREFIXES", "find_entities", "preset_names", "preset_parameters", "run_preset"]
