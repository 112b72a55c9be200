"""GEXF 1.2draft for Gephi (networkx's writer; its 1.3 writer misspells a namespace)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx


def write_gexf(network: nx.MultiDiGraph, path: str | Path) -> Path:
    nx.write_gexf(network, path, version="1.2draft")
    return Path(path)
