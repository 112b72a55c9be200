"""GraphML (networkx's writer; the viz attributes are GEXF-only and left out)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_graphml(network: nx.MultiDiGraph, path: str | Path) -> Path:
    g = network.copy()
    for _, data in g.nodes(data=True):
        data.pop("viz", None)
    nx.write_graphml(g, path)
    return Path(path)
