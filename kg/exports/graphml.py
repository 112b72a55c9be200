"""GraphML (networkx's writer; the viz attributes are GEXF-only and left out).

Like GEXF, GraphML is XML 1.0, which cannot hold most control characters even escaped, and
networkx writes them as they are: string attributes are cleaned first, as for GEXF
(:func:`kg.exports.gexf.xml_text`), so networkx, ElementTree and Gephi read the file back.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .gexf import xml_text


def write_graphml(network: nx.MultiDiGraph, path: str | Path) -> Path:
    g = network.copy()
    g.graph.update({k: xml_text(v) for k, v in g.graph.items() if isinstance(v, str)})
    for _, data in g.nodes(data=True):
        data.pop("viz", None)
        data.update({k: xml_text(v) for k, v in data.items() if isinstance(v, str)})
    for *_, data in g.edges(data=True):
        data.update({k: xml_text(v) for k, v in data.items() if isinstance(v, str)})
    nx.write_graphml(g, path)
    return Path(path)
