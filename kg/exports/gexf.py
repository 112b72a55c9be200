"""GEXF 1.2draft for Gephi (networkx's writer; its 1.3 writer misspells a namespace).

XML 1.0 cannot hold most control characters, not even escaped, and networkx writes them
as they are: one form feed from a PDF in a name makes the whole file unreadable to
networkx, Gephi and graphology alike. String attributes are cleaned before writing
(separator controls such as form feed become a space, the others are dropped).

Every edge is directed, the symmetric partners_with included, and carries a ``directed``
attribute ("false" for partners_with). A mixed file (``type="undirected"`` on those edges)
makes networkx's ``read_gexf`` refuse it, and ``type="mutual"`` makes Gephi 0.9+ report an
error for every such edge; the CSV edge table gives Gephi Directed/Undirected per edge.

The file is dynamic (``mode="dynamic"``, ``timeformat="date"``) when any article is dated:
every edge starts on the date of the first article that states it, every entity on its
first dated mention or relation (:func:`kg.exports.network.to_network`'s ``first_date``),
so Gephi's timeline plays the network's growth; what has no date is there throughout. An
edge stated again later also has one spell per date it is stated on (from that date on).
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

# characters XML 1.0 forbids (tab, newline and carriage return are allowed and escaped)
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f]")
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1b\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """``value`` with the characters XML 1.0 cannot hold replaced; non-strings unchanged."""
    if not isinstance(value, str):
        return value
    return _FORBIDDEN.sub("", _SEPARATORS.sub(" ", value))


def _attribute_dicts(network: nx.MultiDiGraph):
    for _, data in network.nodes(data=True):
        yield data
    for *_, data in network.edges(data=True):
        yield data


def full_date(value: str) -> str:
    """An ISO date, year-month or year as a full date (2025-04 → 2025-04-01); '' if none."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01"
    return ""


def _timeline(network: nx.MultiDiGraph) -> bool:
    """Set ``start`` (and an edge's ``spells``) from the dates; whether any was set."""
    dynamic = False
    for _, data in network.nodes(data=True):
        start = full_date(str(data.get("first_date", "")))
        if start:
            data["start"] = start
            dynamic = True
    for *_, data in network.edges(data=True):
        start = full_date(str(data.get("first_date", "")))
        if start:
            data["start"] = start
            dates = sorted({d for d in map(full_date, str(data.get("dates", "")).split("|")) if d})
            if len(dates) > 1:
                data["spells"] = [(d, None) for d in dates]
            dynamic = True
    if dynamic:
        network.graph["mode"] = "dynamic"
    return dynamic


def write_gexf(network: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``network`` (as :func:`kg.exports.network.to_network` makes it) to ``path``; the
    caller's graph is left as it is (changes are made on a copy)."""
    network = network.copy()
    for data in _attribute_dicts(network):
        data.update({k: xml_text(v) for k, v in data.items() if isinstance(v, str)})
    _timeline(network)
    nx.write_gexf(network, path, version="1.2draft")
    return Path(path)
