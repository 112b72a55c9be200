"""Exports of a kg graph for network tools: one module per format, like networkx.readwrite
(``write_gexf``, ``write_graphml``, ``write_csv``), all from :func:`network.to_network`."""
from .csv import write_csv
from .gexf import write_gexf
from .graphml import write_graphml
from .network import to_network

WRITERS = {".gexf": write_gexf, ".graphml": write_graphml, ".csv": write_csv}

__all__ = ["WRITERS", "export_graph", "to_network", "write_csv", "write_gexf", "write_graphml"]


def export_graph(graph_file, output) -> list:
    """Read a graph file and write its network to ``output`` (format from the suffix:
    .gexf, .graphml, or .csv for a node and an edge table). Returns the paths written."""
    import os
    import tempfile
    from pathlib import Path

    from ..errors import KgError
    from ..graph_io import read_graph
    from .csv import csv_paths

    output = Path(output)
    writer = WRITERS.get(output.suffix.lower())
    if writer is None:
        raise KgError(f"{output}: unknown export format (expected one of {' '.join(WRITERS)}, "
                      f"found {output.suffix or 'no suffix'}); choose an output name ending in one of those")
    network = to_network(read_graph(graph_file))
    output.parent.mkdir(parents=True, exist_ok=True)
    if writer is write_csv:
        write_csv(network, output)
        return list(csv_paths(output))
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=output.suffix, dir=output.parent)
    os.close(fd)
    try:
        writer(network, tmp)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return [output]
