"""kg's GEXF export read by a third-party parser: graphology-gexf (npm; the parser behind
sigma.js and Gephi Lite), compared with networkx's reader on the same file.

Every edge is directed (networkx cannot read a mixed GEXF, and Gephi 0.9+ reports an error
for each ``type="mutual"`` edge); the symmetric partners_with carries ``directed=false``.

Needs node and ``tests/js/node_modules`` (``cd tests/js && npm ci``); skips without them
locally, fails without them in CI (``CI=true``), where ``.ci/run`` installs them.
"""
from __future__ import annotations

import json
import os
from collections import Counter
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.build import build
from kg.exports import export_graph, to_network, write_gexf
from kg.exports.network import COLORS
from ontology import KG

from .conftest import REPO, SAMPLE

JS = REPO / "tests" / "js"
SCRIPT = JS / "parse-gexf.js"
NODE = shutil.which("node")
NODE_ATTRIBUTES = ("label", "type", "types", "name_ko", "name_zh", "name_en", "degree")
EDGE_ATTRIBUTES = ("relation", "first_date", "last_date", "directed")


def _require_graphology() -> None:
    missing = None
    if NODE is None:
        missing = "node is not installed"
    elif not (JS / "node_modules" / "graphology-gexf").is_dir():
        missing = "tests/js/node_modules is missing (run `cd tests/js && npm ci`)"
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing}: CI must run the graphology-gexf check (.ci/run installs it)")
    pytest.skip(f"{missing}: graphology-gexf check skipped")


def parse_with_graphology(path: Path) -> dict:
    _require_graphology()
    proc = subprocess.run([NODE, str(SCRIPT), str(path)], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def sample_gexf(tmp_path_factory) -> Path:
    _require_graphology()  # skip before the build when the check cannot run
    folder = tmp_path_factory.mktemp("gexf")
    build([SAMPLE], folder / "graph.trig")
    return export_graph(folder / "graph.trig", folder / "network.gexf")[0]


@pytest.fixture(scope="module")
def parsed(sample_gexf):
    return parse_with_graphology(sample_gexf), nx.read_gexf(sample_gexf)


@pytest.fixture(scope="module")
def kg_network(sample_gexf) -> nx.MultiDiGraph:
    """The network kg wrote to ``sample_gexf``."""
    from kg.graph_io import read_graph

    return to_network(read_graph(sample_gexf.with_name("graph.trig")))


def is_symmetric(relation: str) -> bool:
    return relation == "partners_with"


def rgba(viz: dict) -> str:
    c = viz["color"]
    return f"rgba({c['r']},{c['g']},{c['b']},{c['a']})"


def test_counts_agree_with_networkx(parsed, kg_network):
    gl, nxg = parsed
    kinds = Counter(is_symmetric(r) for *_, r in kg_network.edges(data="relation"))
    directed, symmetric = kinds[False], kinds[True]
    assert directed > 20 and symmetric > 5
    assert gl["order"] == nxg.number_of_nodes() == kg_network.number_of_nodes() > 50
    assert set(gl["nodes"]) == set(nxg.nodes) == set(kg_network.nodes)
    # one edge per kg edge in both readers; networkx keeps each edge's GEXF id, graphology
    # uses it as the edge key
    assert gl["size"] == nxg.number_of_edges() == kg_network.number_of_edges() == directed + symmetric
    ids = Counter(d["id"] for *_, d in nxg.edges(data=True))
    assert sorted(e["key"] for e in gl["edges"]) == sorted(ids)
    assert set(ids.values()) == {1}


def test_node_attributes_survive(parsed):
    gl, nxg = parsed
    for node, d in nxg.nodes(data=True):
        a = gl["nodes"][node]
        for name in NODE_ATTRIBUTES:
            assert a[name] == d[name], (node, name)
        assert isinstance(a["degree"], int)
        assert a["color"] == rgba(d["viz"])
        assert a["size"] == pytest.approx(d["viz"]["size"])
        r, g, b = COLORS[a["type"]]
        assert a["color"] == f"rgba({r},{g},{b},1.0)"
    # the names in every script made it through, not only empty strings
    for name in ("name_ko", "name_zh", "name_en"):
        assert any(a[name] for a in gl["nodes"].values()), name
    assert any(0x4E00 <= ord(ch) <= 0x9FFF for a in gl["nodes"].values() for ch in a["name_zh"])


def test_edge_attributes_survive(parsed):
    gl, nxg = parsed
    by_id: dict[str, list] = {}
    for s, o, d in nxg.edges(data=True):
        by_id.setdefault(d["id"], []).append((s, o, d))
    for e in gl["edges"]:
        a = e["attributes"]
        ends = (e["source"], e["target"])
        halves = by_id[e["key"]]
        assert [(s, o) for s, o, _ in halves] == [ends]
        for s, o, d in halves:
            for name in EDGE_ATTRIBUTES:
                assert a[name] == d[name], (e["key"], name)
            assert a["weight"] == d["weight"] >= 1
    relations = {e["attributes"]["relation"] for e in gl["edges"]}
    assert relations == {"invests_in", "located_in", "partners_with", "develops"}
    assert any(e["attributes"]["first_date"] for e in gl["edges"])
    assert any(e["attributes"]["weight"] > 1 for e in gl["edges"])


def test_partners_with_is_marked_symmetric(parsed, sample_gexf):
    """Every edge is directed in both readers; the directed attribute marks partners_with."""
    gl, nxg = parsed
    text = sample_gexf.read_text(encoding="utf-8")
    assert 'defaultedgetype="directed"' in text
    assert 'type="undirected"' not in text and 'type="mutual"' not in text
    assert gl["type"] == "directed" and gl["undirectedSize"] == 0
    relations = {e["attributes"]["relation"] for e in gl["edges"]}
    assert relations == {"invests_in", "located_in", "partners_with", "develops"}
    for e in gl["edges"]:
        a = e["attributes"]
        assert a["directed"] == ("false" if is_symmetric(a["relation"]) else "true")
    assert nxg.is_directed()
    assert {d["directed"] for *_, d in nxg.edges(data=True)} == {"true", "false"}


def test_write_gexf_leaves_the_network_alone(kg_network, tmp_path):
    before = [(u, v, k, dict(d)) for u, v, k, d in kg_network.edges(keys=True, data=True)]
    nodes = [(n, dict(d)) for n, d in kg_network.nodes(data=True)]
    path = write_gexf(kg_network, tmp_path / "again.gexf")
    assert [(u, v, k, dict(d)) for u, v, k, d in kg_network.edges(keys=True, data=True)] == before
    assert [(n, dict(d)) for n, d in kg_network.nodes(data=True)] == nodes
    assert nx.read_gexf(path).number_of_edges() == kg_network.number_of_edges()


def test_same_as_the_network_kg_made(parsed, kg_network):
    gl, _ = parsed
    net = kg_network
    assert gl["order"] == net.number_of_nodes() and gl["size"] == net.number_of_edges()
    for node, d in net.nodes(data=True):
        assert gl["nodes"][node]["degree"] == d["degree"] == net.degree(node)
    # the same edges, in the same direction
    assert Counter((e["source"], e["target"], e["attributes"]["relation"]) for e in gl["edges"]) == Counter(
        (s, o, r) for s, o, r in net.edges(data="relation"))


def test_text_that_xml_cannot_hold_is_cleaned(tmp_path):
    """Markup characters are escaped; control characters (a form feed from a PDF) would make
    the whole file unreadable, so the writer replaces them."""
    ds = Dataset()
    g = ds.graph(URIRef("https://example.org/graph"))
    a, b = URIRef("https://w3id.org/kgct/id/a"), URIRef("https://w3id.org/kgct/id/b")
    g.add((a, RDF.type, KG.Company))
    g.add((a, SKOS.prefLabel, Literal('A&B <script>"x"</script>\x0c끝\x01', lang="ko")))
    g.add((b, RDF.type, KG.Investor))
    g.add((b, SKOS.prefLabel, Literal("腾讯 & Co", lang="zh-Hans")))
    g.add((b, KG.investsIn, a))
    path = write_gexf(to_network(ds), tmp_path / "t.gexf")
    nxg = nx.read_gexf(path)
    gl = parse_with_graphology(path)
    label = 'A&B <script>"x"</script> 끝'
    assert nxg.nodes[str(a)]["label"] == gl["nodes"][str(a)]["label"] == label
    assert gl["nodes"][str(b)]["name_zh"] == "腾讯 & Co"
    assert gl["size"] == 1


def test_the_parser_script_reports_a_broken_file(tmp_path):
    bad = tmp_path / "bad.gexf"
    bad.write_text('<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
                   '<graph defaultedgetype="directed"><nodes><node id="a"/></nodes>'
                   '<edges><edge id="0" source="a" target="missing"/></edges></graph></gexf>',
                   encoding="utf-8")
    _require_graphology()
    proc = subprocess.run([NODE, str(SCRIPT), str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "inexisting node" in proc.stderr


def test_dynamic_gexf_is_read_by_both(tmp_path):
    """The timeline (mode="dynamic", start on nodes and edges, spells on an edge stated on two
    dates) keeps the file readable by graphology-gexf and networkx, with the same dates."""
    from kg.exports.gexf import full_date

    from .factsdata import write_facts_graph

    graph = write_facts_graph(tmp_path / "facts.trig")
    path = export_graph(graph, tmp_path / "timeline.gexf")[0]
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and "<spells>" in text
    gl, nxg = parse_with_graphology(path), nx.read_gexf(path)
    assert gl["order"] == nxg.number_of_nodes() == 4 and gl["size"] == nxg.number_of_edges() == 2
    for node, d in nxg.nodes(data=True):
        assert gl["nodes"][node]["first_date"] == d["first_date"]
        assert d.get("start", "") == full_date(d["first_date"])
    for e in gl["edges"]:
        (d,) = [d for s, o, d in nxg.edges(data=True) if d["id"] == e["key"]]
        assert e["attributes"]["first_date"] == d["first_date"] and d["start"] == d["first_date"]
