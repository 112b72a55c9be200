"""``kg serve GRAPH``: a graph file loaded once into a temporary kg store.

The file is parsed by :func:`kg.graph_io.read_graph` (the formats ``kg query GRAPH`` reads, a
JSON-LD file naming a remote context refused), then written with pyoxigraph's
bulk loader into a store in a temporary folder: each named graph as it is, and their union
(a set) in the default graph, as :mod:`kg.store` keeps it. The workers then read it like
any store. Triples outside any named graph (a ``.ttl`` or ``.nt`` file) form one named
graph called after the file (``file:///…``). The folder is removed when the server stops.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from ..errors import KgError

log = logging.getLogger(__name__)


def load_graph_file(path: str | Path) -> Path:
    """A temporary store folder holding the graph file ``path`` (remove it with
    :func:`remove_loaded`)."""
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from ..graph_io import read_graph
    from ..store import is_store, open_store, to_ox

    path = Path(path)
    if is_store(path):
        raise KgError(f"{path}: is a kg store folder, not a graph file; give it with --store {path}")
    if path.is_dir():
        raise KgError(f"{path}: is a folder; give a graph file, or a kg store with --store {path}")
    ds = read_graph(path)
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        st = open_store(folder / "store", create=True)
        try:
            union = ox.DefaultGraph()
            file_graph = ox.NamedNode(path.resolve().as_uri())
            quads = []
            for graph in ds.graphs():
                name = file_graph if graph.identifier == DATASET_DEFAULT_GRAPH_ID else to_ox(graph.identifier)
                for s, p, o in graph:
                    t = (to_ox(s), to_ox(p), to_ox(o))
                    quads.append(ox.Quad(*t, name))
                    quads.append(ox.Quad(*t, union))
            if not quads:
                raise KgError(f"{path}: the graph is empty; build one with `kg build SOURCE -o {path.name}`")
            st.store.bulk_extend(quads)
        finally:
            st.close()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    log.info("%s: %d triples loaded into %s", path, len(quads) // 2, folder)
    return folder / "store"


def remove_loaded(store: Path) -> None:
    shutil.rmtree(store.parent, ignore_errors=True)


__all__ = ["load_graph_file", "remove_loaded"]
