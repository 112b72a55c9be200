"""The fact table (kg export --facts: CSV with correct quoting, Parquet), --min-confidence on
exports and views, and time: relation and entity dates in the network, CSV and GraphML, and
a dynamic GEXF whose timeline plays the article dates."""
from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.exports import export_graph, to_network
from kg.exports.facts import COLUMNS
from kg.exports.gexf import full_date
from kg.facts import read_facts
from kg.graph_io import read_graph
from kg.query import open_graph
from kg.views import write_view

from .factsdata import SENTENCE, write_facts_graph, write_facts_store
from .test_cli import assert_user_error
from .test_view import page_data

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return write_facts_graph(tmp_path_factory.mktemp("facts") / "facts.trig")


def test_facts_carry_labels_flags_sources_and_offsets(graph_file):
    with open_graph(graph_file) as source:
        facts = read_facts(source)
    assert [(f.subject.ko, f.relation, f.object.ko, f.date) for f in facts] == [
        ("텐센트", "invests_in", "위수커지", "2025-03-02"),
        ("텐센트", "invests_in", "위수커지", "2025-05-10"),
        ("위수커지", "located_in", "항저우", "2025-05-10")]
    first = facts[0]
    assert (first.subject.zh, first.subject.en, first.object.en) == ("腾讯", "Tencent", "Unitree")
    assert first.text == SENTENCE and (first.start, first.end) == (100, 127)
    assert first.document == "brief.txt" and first.article_title == "로봇 투자 소식"
    assert [f.planned for f in facts] == [False, True, False] and not any(f.negated for f in facts)
    with open_graph(graph_file) as source:
        assert [f.confidence for f in read_facts(source, min_confidence=0.5)] == [0.7, 0.5]


def test_store_gives_the_same_facts(graph_file):
    store = write_facts_store(graph_file, graph_file.parent / "store")
    with open_graph(graph_file) as a, open_graph(store=store) as b:
        assert read_facts(a) == read_facts(b)


@pytest.mark.parametrize("name, flag", [("facts.csv", True), ("table.facts.csv", False)])
def test_fact_table_csv_quotes_text(graph_file, tmp_path, name, flag):
    out = tmp_path / name
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(out)] + (["--facts"] if flag else []))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert '""전략적""'.encode() in raw and b'\r\n' in raw  # quotes doubled inside a quoted field
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    assert rows[0]["evidence"] == SENTENCE  # comma, quote and line break come back intact
    assert rows[0]["subject_zh"] == "腾讯" and rows[0]["object_en"] == "Unitree"
    assert rows[1]["planned"] == "true" and rows[0]["planned"] == "false"
    assert rows[0]["confidence"] == "0.7" and rows[0]["start"] == "100" and rows[0]["date"] == "2025-03-02"


def test_fact_table_min_confidence_and_focus(graph_file, tmp_path):
    out = tmp_path / "f.csv"
    assert runner.invoke(app, ["export", str(graph_file), "-o", str(out), "--facts",
                               "--min-confidence", "0.45"]).exit_code == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8", newline="")))) == 2
    export_graph(graph_file, out, facts=True, focus=__import__("kg.focus").focus.make_focus(relations="located_in"))
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["relation"] for r in rows] == ["located_in"]


def test_fact_table_parquet(graph_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = export_graph(graph_file, tmp_path / "facts.parquet", facts=True)[0]
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS) and table.num_rows == 3
    assert table.column("evidence")[0].as_py() == SENTENCE
    assert table.column("planned").to_pylist() == [False, True, False]


def test_fact_table_errors(graph_file, tmp_path):
    assert_user_error(runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "f.gexf"), "--facts"]),
                      "f.gexf", ".csv or .parquet")
    assert_user_error(runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "f.csv"),
                                          "--min-confidence", "-1"]), "--min-confidence -1")


def test_network_dates_and_min_confidence(graph_file):
    net = to_network(read_graph(graph_file))
    edge = net.edges["urn:x:tencent", "urn:x:unitree", "invests_in"]
    assert (edge["first_date"], edge["last_date"], edge["weight"]) == ("2025-03-02", "2025-05-10", 2)
    assert net.nodes["urn:x:unitree"]["first_date"] == "2025-03-02"
    assert net.nodes["urn:x:hangzhou"]["first_date"] == "2025-05-10"  # from its relation
    assert net.nodes["urn:x:lonely"]["first_date"] == ""
    strong = to_network(read_graph(graph_file), min_confidence=0.6)
    edge = strong.edges["urn:x:tencent", "urn:x:unitree", "invests_in"]
    assert (edge["first_date"], edge["last_date"], edge["weight"]) == ("2025-03-02", "2025-03-02", 1)
    assert not strong.has_edge("urn:x:unitree", "urn:x:hangzhou")


def test_dynamic_gexf_and_dates_in_graphml_and_csv(graph_file, tmp_path):
    gexf = export_graph(graph_file, tmp_path / "n.gexf")[0]
    text = gexf.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    g = nx.read_gexf(gexf)
    assert g.nodes["urn:x:unitree"]["start"] == "2025-03-02"
    assert "start" not in g.nodes["urn:x:lonely"]  # undated: there throughout
    (edge,) = [d for s, o, d in g.edges(data=True) if d["relation"] == "invests_in"]
    assert edge["start"] == "2025-03-02"
    assert [start for start, _ in edge["spells"]] == ["2025-03-02", "2025-05-10"]
    assert '<spell start="2025-05-10" />' in text  # open-ended: from that date on
    graphml = nx.read_graphml(export_graph(graph_file, tmp_path / "n.graphml")[0])
    assert graphml.nodes["urn:x:hangzhou"]["first_date"] == "2025-05-10"
    export_graph(graph_file, tmp_path / "n.csv")
    nodes = {r["Id"]: r for r in csv.DictReader((tmp_path / "n-nodes.csv").open(encoding="utf-8"))}
    assert nodes["urn:x:unitree"]["FirstDate"] == "2025-03-02"
    edges = list(csv.DictReader((tmp_path / "n-edges.csv").open(encoding="utf-8")))
    assert {(e["Relation"], e["FirstDate"], e["LastDate"]) for e in edges} == {
        ("invests_in", "2025-03-02", "2025-05-10"), ("located_in", "2025-05-10", "2025-05-10")}


def test_full_dates_for_gephi():
    assert [full_date(d) for d in ("2025-04-21", "2025-04", "2025", "4월", "")] == [
        "2025-04-21", "2025-04-01", "2025-01-01", "", ""]


def test_view_min_confidence_and_time_data(graph_file, tmp_path):
    page = page_data(write_view(graph_file, tmp_path / "v.html", min_confidence=0.6).path.read_text(encoding="utf-8"))
    assert [(e["kgRelation"], len(e["kgEvidence"])) for e in page["kgEdges"]] == [("invests_in", 1)]
    assert page["kgPage"]["subtitle"] == "confidence ≥ 0.6"
    page = page_data(write_view(graph_file, tmp_path / "v.html").path.read_text(encoding="utf-8"))
    assert page["kgPage"]["dates"] == ["2025-03-02", "2025-05-10"]
    assert page["kgPage"]["isolatedCount"] == 1 and page["kgPage"]["isolated"] is False
    unitree = next(n for n in page["kgNodes"] if n["id"] == "urn:x:unitree")
    assert unitree["kgFirstDate"] == "2025-03-02"
    assert "宇树" in unitree["kgSearch"]  # a reference alias the graph does not have


@pytest.mark.parametrize("where", ["file", "store"])
def test_presets_min_confidence(graph_file, where):
    from kg.presets import run_preset

    store = write_facts_store(graph_file, graph_file.parent / f"store-{where}") if where == "store" else None
    with open_graph(graph_file if store is None else None, store) as source:
        assert run_preset(source, "investors-of", {"entity": "Unitree"}).rows == (("urn:x:tencent", "텐센트", "2"),)
        assert run_preset(source, "investors-of", {"entity": "Unitree"}, 0.6).rows == (("urn:x:tencent", "텐센트", "1"),)
        assert len(run_preset(source, "path-between", {"from": "항저우", "to": "텐센트"}).rows) == 2
        assert run_preset(source, "path-between", {"from": "항저우", "to": "텐센트"}, 0.45).rows == ()
        assert len(run_preset(source, "evidence-for", {"from": "텐센트", "to": "宇树科技"}, 0.6).rows) == 1


def test_query_min_confidence_cli(graph_file):
    result = runner.invoke(app, ["query", str(graph_file), "--preset", "evidence-for", "--param", "from=텐센트",
                                 "--param", "to=위수커지", "--min-confidence", "0.6", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.count("prose:invested") == 1
    assert_user_error(runner.invoke(app, ["query", str(graph_file), "ASK { ?s ?p ?o }", "--min-confidence", "0.5"]),
                      "--min-confidence works with --preset")


def test_fact_table_from_a_store(graph_file, tmp_path):
    store = write_facts_store(graph_file, tmp_path / "store")
    out = tmp_path / "store.facts.csv"
    result = runner.invoke(app, ["export", "--store", str(store), "-o", str(out), "--min-confidence", "0.45"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [(r["relation"], r["confidence"]) for r in rows] == [("invests_in", "0.7"), ("invests_in", "0.5")]
    assert rows[0]["evidence"] == SENTENCE
