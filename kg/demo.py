"""``kg demo``: the whole pipeline on the built-in sample corpus: the graph, its interactive
view (network.html) and its GEXF network."""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .build import BuildSummary, build
from .errors import KgError


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    summary: BuildSummary
    files: tuple[tuple[str, Path], ...]


def sample_corpus() -> Path:
    """Folder of the sample corpus shipped with kg."""
    return Path(str(files("kg") / "data" / "sample"))


def run_demo(folder: str | Path = "kg-demo") -> DemoResult:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KgError(f"{folder}: exists and is not a folder; choose another with -o")
    folder.mkdir(parents=True, exist_ok=True)
    corpus = sample_corpus()
    graph = folder / "graph.trig"
    summary = build([corpus], graph)
    from .exports import export_graph
    from .views import write_view

    view = write_view(graph, folder / "network.html").path
    gexf = export_graph(graph, folder / "network.gexf")[0]
    return DemoResult(folder, summary, (("graph", graph), ("view", view), ("gexf", gexf)))
