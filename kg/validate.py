"""``kg validate``: check a graph against kg's SHACL shapes (``ontology/shapes.ttl``)."""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Namespace

from .errors import KgError
from .graph_io import read_graph

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def shapes_path() -> Path:
    return Path(str(files("ontology") / "shapes.ttl"))


def validate(graph_file: str | Path | None = None, store: str | Path | None = None) -> ValidationReport:
    """Validate the union of the named graphs of a graph file, or of a kg store, with
    pyshacl, with kg's ontology loaded so that subclasses count (an Investor is an Agent)."""
    import pyshacl

    from ontology import ontology_path

    data = Graph()
    if store is not None:
        from .remote_store import is_remote, open_for_query as open_remote
        from .store import open_for_query

        with (open_remote(store) if is_remote(store) else open_for_query(store)) as st:
            for s, p, o in st.triples((None, None, None)):
                data.add((s, p, o))
    else:
        from .store import is_store

        if is_store(graph_file):
            raise KgError(f"{graph_file}: is a kg store folder, not a graph file; give it with --store {graph_file}")
        ds = read_graph(graph_file)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            data.add((s, p, o))
    shapes = Graph().parse(shapes_path(), format="turtle")
    ont = Graph().parse(ontology_path(), format="turtle")
    conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont,
                                               inference="none", advanced=True)
    violations = []
    for result in report.subjects(predicate=None, object=SH.ValidationResult):
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(report.value(result, SH.resultPath) or ""),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(report.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(violations))
