"""Exports of a kg graph for network tools: one module per format, like networkx.readwrite
(``write_gexf``, ``write_graphml``, ``write_csv``), all from :func:`network.to_network`."""
from .csv import write_csv
from .gexf import write_gexf
from .graphml import write_graphml
from .network import to_network

WRITERS = {".gexf": write_gexf, ".graphml": write_graphml, ".csv": write_csv}

__all__ = ["WRITERS", "export_graph", "to_network", "write_csv", "write_gexf", "write_graphml"]


def export_graph(graph_file, output, focus=None, *, facts: bool = False, min_confidence: float = 0.0) -> list:
    """Read a graph file and write its network to ``output`` (format from the suffix:
    .gexf, .graphml, or .csv for a node and an edge table), only the part a
    :class:`kg.focus.Focus` keeps when one is given, only relations with an evidence of at
    least ``min_confidence``. With ``facts`` (or an output named ``*.facts.csv`` or
    ``*.parquet``), the fact table instead (:mod:`kg.exports.facts`): one row per evidence.
    Returns the paths written."""
    from pathlib import Path

    from ..atomic import AtomicFolder, check_output
    from ..errors import KgError
    from ..graph_io import as_quads
    from .csv import csv_paths
    from .facts import is_fact_table

    output = Path(output)
    if facts or is_fact_table(output):
        return _export_facts(graph_file, output, focus, min_confidence)
    writer = WRITERS.get(output.suffix.lower())
    if writer is None:
        raise KgError(f"{output}: unknown export format (expected one of {' '.join(WRITERS)}, "
                      f"found {output.suffix or 'no suffix'}); choose an output name ending in one of those")
    check_output(output, "export")  # before the work
    network = to_network(as_quads(graph_file), min_confidence=min_confidence)
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


def _export_facts(graph_file, output, focus, min_confidence: float) -> list:
    """The fact table of a graph file or a store's dataset (of the entities a focus keeps,
    when one is given)."""
    from pathlib import Path

    from rdflib import Dataset

    from ..atomic import AtomicFolder, check_output
    from ..errors import KgError
    from ..facts import read_facts
    from ..graph_io import as_dataset
    from ..query import DatasetGraph
    from .facts import pyarrow_available, write_facts_csv, write_facts_parquet

    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        if not pyarrow_available():
            raise KgError(f"{output}: writing Parquet needs pyarrow (pip install pyarrow); "
                          "or write the fact table as .csv")
        writer = write_facts_parquet
    elif suffix == ".csv":
        writer = write_facts_csv
    else:
        raise KgError(f"{output}: a fact table is .csv or .parquet (found {output.suffix or 'no suffix'})")
    check_output(output, "export")
    if isinstance(graph_file, Dataset):  # a store's graphs, read into memory
        source = DatasetGraph(graph_file, str(graph_file))
    else:  # a graph file, queried in Oxigraph (kg.memory_graph)
        from ..memory_graph import open_file

        source = open_file(graph_file)
    try:
        rows = read_facts(source, min_confidence=min_confidence)
    finally:
        source.close()
    if focus is not None and focus.active:
        from ..focus import apply_focus

        dataset = as_dataset(graph_file)
        kept = apply_focus(to_network(dataset, min_confidence=min_confidence), focus, source=str(graph_file))
        rows = [f for f in rows if kept.has_edge(f.subject.iri, f.object.iri, f.relation)]
    with AtomicFolder(output, "export") as tmp_dir:
        tmp = tmp_dir.path / output.name
        writer(rows, tmp)
        tmp_dir.commit([(tmp, output)])
    return [output]
