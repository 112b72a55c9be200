"""Reading and writing graph files; the RDF format comes from the file suffix.

Quad formats (.trig, .nq, .jsonld) keep one named graph per document; triple formats
(.ttl, .nt) hold the union of all graphs.
"""
from __future__ import annotations

import logging
from pathlib import Path

from rdflib import Dataset, Graph

from .atomic import AtomicFile
from .errors import KgError

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
}


def format_for(path: str | Path) -> str:
    """rdflib format name for ``path``'s suffix; :class:`KgError` names the known ones."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = " ".join(FORMATS)
        found = suffix or "no suffix"
        raise KgError(
            f"{path}: unknown graph format (expected one of {known}, found {found}); "
            "choose an output name ending in one of those"
        ) from None


def read_graph(path: str | Path, allow_remote: bool = False) -> Dataset:
    """Parse a graph file written by kg (or any RDF in a supported format). A JSON-LD file
    whose ``@context`` would be fetched or read from elsewhere is refused unless
    ``allow_remote`` (:func:`kg.offline.check_jsonld`)."""
    path = Path(path)
    if not path.exists():
        raise KgError(f"{path}: graph file does not exist; build one with `kg build SOURCE -o {path.name}`")
    fmt = format_for(path)
    if fmt == "json-ld":
        from .offline import check_jsonld

        check_jsonld(path, allow_remote)
    from .oxio import read_dataset

    fast = read_dataset(path, fmt)  # parsed by pyoxigraph (about twice as fast), else rdflib (kg.oxio)
    if fast is not None:
        return fast
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        from .oxio import syntax_error

        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        first = syntax_error(path, fmt) or first  # pyoxigraph's names the line and column
        raise KgError(f"{path}: not valid {fmt} ({first}); rebuild it with `kg build`") from None
    return ds


def as_dataset(source) -> Dataset:
    """``source`` as an rdflib dataset: a dataset as it is, else a graph file read."""
    return source if isinstance(source, Dataset) else read_graph(source)


def as_quads(source):
    """``source`` for readers that only scan quads (``quads((s, p, o, g))``: views, network
    exports): a dataset as it is, else a graph file parsed by pyoxigraph into a
    :class:`~kg.quad_index.QuadIndex` (several times faster than filling an rdflib dataset),
    or read as a dataset when pyoxigraph cannot read it as rdflib would (:mod:`kg.oxio`)."""
    if isinstance(source, Dataset):
        return source
    path = Path(source)
    fmt = format_for(path) if path.exists() else None
    if fmt is not None and fmt != "json-ld":
        from .oxio import parse_quads
        from .quad_index import QuadIndex

        parsed = parse_quads(path, fmt)
        if parsed is not None:
            return QuadIndex(parsed[0], parsed[1], str(path))
    return read_graph(path)


def load_dataset(graph: str | Path | None = None, store: str | Path | None = None) -> Dataset:
    """A graph file, or the document graphs of a kg store (read under a shared lock), as an
    rdflib dataset: exactly one of them."""
    if (graph is None) == (store is None):
        raise KgError("give a graph file or --store DIR (exactly one of them)")
    if store is None:
        from .store import is_store

        if is_store(graph):
            raise KgError(f"{graph}: is a kg store folder, not a graph file; give it with --store {graph}")
        return read_graph(graph)
    from .remote_store import is_remote, open_for_query as open_remote
    from .store import open_for_query

    with (open_remote(store) if is_remote(store) else open_for_query(store)) as st:
        return st.dataset(SourceDataset(str(store)))


class SourceDataset(Dataset):
    """A dataset read from a store, named after its folder in messages."""

    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def __str__(self) -> str:
        return self.source


class GraphWriter:
    """Writes named graphs to a file one at a time (atomically: into a temporary file that
    replaces ``path`` only when :meth:`close` succeeds, so a failed build leaves any old
    file intact).

    N-Quads, N-Triples, TriG and Turtle are written graph by graph (the chunks of TriG and
    Turtle each declare their prefixes, which both formats allow), by pyoxigraph
    (:func:`kg.oxio.serialize_triples`, about ten times faster than rdflib's serializers,
    language tags in the case kg gave them), or by rdflib for a graph pyoxigraph cannot
    write as rdflib has it; JSON-LD is one document, so its graphs are collected and
    written at the end by rdflib.
    """

    def __init__(self, path: str | Path, prefixes: dict | None = None):
        self.path = Path(path)
        self.format = format_for(self.path)
        self.prefixes = prefixes or {}
        self._file = AtomicFile(self.path, "graph")  # fails now if the file cannot be written
        self._collected = Dataset() if self.format == "json-ld" else None
        self._first = True

    def write(self, graph: Graph) -> None:
        if self._collected is not None:
            target = self._collected.graph(graph.identifier)
            for t in graph:
                target.add(t)
            return
        from .oxio import serialize_triples

        # pyoxigraph writes it (tags keep their case); rdflib where it cannot (kg.oxio)
        data = serialize_triples(graph, graph.identifier, self.format, self.prefixes)
        if data is not None:
            pass
        elif self.format in ("trig", "nquads"):
            ds = Dataset()
            self._bind(ds)
            target = ds.graph(graph.identifier)
            for t in graph:
                target.add(t)
            data = ds.serialize(format=self.format, encoding="utf-8")
        else:
            g = Graph()
            self._bind(g)
            for t in graph:
                g.add(t)
            data = g.serialize(format=self.format, encoding="utf-8")
        if not self._first and self.format in ("trig", "turtle"):
            self._file.write(b"\n")
        self._file.write(data)
        self._first = False

    def _bind(self, g) -> None:
        for prefix, ns in self.prefixes.items():
            g.bind(prefix, ns)

    def close(self) -> Path:
        """Finish the file and put it in place of the output (an OS error removes the
        temporary file and keeps the old output: one-line :class:`KgError`)."""
        try:
            if self._collected is not None:
                self._bind(self._collected)
                self._file.write(self._collected.serialize(format=self.format, encoding="utf-8"))
            self._file.commit()
        except BaseException:
            self._file.abort()
            raise
        log.info("wrote %s (%s)", self.path, self.format)
        return self.path

    def abort(self) -> None:
        self._file.abort()

    def __enter__(self) -> "GraphWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
