"""Reading and writing graph files; the RDF format comes from the file suffix.

Quad formats (.trig, .nq, .jsonld) keep one named graph per document; triple formats
(.ttl, .nt) hold the union of all graphs.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import KgError

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


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


def write_graph(dataset: Dataset, path: str | Path) -> Path:
    """Serialise ``dataset`` to ``path`` atomically: a failure leaves any old file intact."""
    path = Path(path)
    fmt = format_for(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in QUAD_FORMATS:
        data = dataset
    else:
        data = Graph()
        for prefix, ns in dataset.namespaces():
            data.bind(prefix, ns)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            data.add((s, p, o))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        data.serialize(destination=tmp, format=fmt, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("wrote %s (%s)", path, fmt)
    return path


def read_graph(path: str | Path) -> Dataset:
    """Parse a graph file written by kg (or any RDF in a supported format)."""
    path = Path(path)
    if not path.exists():
        raise KgError(f"{path}: graph file does not exist; build one with `kg build SOURCE -o {path.name}`")
    fmt = format_for(path)
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KgError(f"{path}: not valid {fmt} ({first}); rebuild it with `kg build`") from None
    return ds
