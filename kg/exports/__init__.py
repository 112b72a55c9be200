"""Exports of a kg graph for network tools: one module per format, like networkx.readwrite
(``write_gexf``, ``write_graphml``, ``write_csv``), all from :func:`network.to_network`."""
from .csv import write_csv
from .gexf import write_gexf
from .graphml import write_graphml
from .network import to_network

WRITERS = {".gexf": write_gexf, ".graphml": write_graphml, ".csv": write_csv}

__all__ = ["WRITERS", "export_graph", "to_network", "write_csv", "write_gexf", "write_graphml"]


def export_graph(graph_file, output, focus=None) -> list:
    """Read a graph file and write its network to ``output`` (format from the suffix:
    .gexf, .graphml, or .csv for a node and an edge table), only the part a
    :class:`kg.focus.Focus` keeps when one is given. Returns the paths written."""
    from pathlib import Path

    from ..atomic import AtomicFolder, check_output
    from ..errors import KgError
    from ..graph_io import read_graph
    from .csv import csv_paths

    output = Path(output)
    writer = WRITERS.get(output.suffix.lower())
    if writer is None:
        raise KgError(f"{output}: unknown export format (expected one of {' '.join(WRITERS)}, "
                      f"found {output.suffix or 'no suffix'}); choose an output name ending in one of those")
    check_output(output, "export")  # before the work
    network = to_network(read_graph(graph_file))
    if focus is not None:
        from ..focus import apply_focus

        network = apply_focus(network, focus, source=str(graph_file))
    # written into temporary files that replace the outputs only when complete
    with AtomicFolder(output, "export") as tmp_dir:
        tmp = tmp_dir.path / output.name
        writer(network, tmp)
        written = list(csv_paths(tmp)) if writer is write_csv else [tmp]
        finals = list(csv_paths(output)) if writer is write_csv else [output]
        tmp_dir.commit(list(zip(written, finals)))
    return finals
