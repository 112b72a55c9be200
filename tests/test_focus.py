"""Focus filters shared by kg view and kg export: ego networks by any name, types,
relations, minimum degree, and one clear error for names that do not exist."""
from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.exports.network import to_network
from kg.focus import Focus, apply_focus, find_nodes, make_focus
from kg.graph_io import read_graph

from .test_cli import assert_user_error
from .viewdata import write_small_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return write_small_graph(tmp_path_factory.mktemp("focus") / "small.trig")


@pytest.fixture(scope="module")
def network(graph_file):
    return to_network(read_graph(graph_file))


def labels(g):
    return {d["label"] for _, d in g.nodes(data=True)}


def test_no_focus_keeps_the_network(network):
    assert apply_focus(network, Focus()) is network
    assert network.number_of_nodes() == 7


@pytest.mark.parametrize("name", ["위수커지", "宇树科技", "unitree", "UNITREE", "유니트리", "urn:x:unitree"])
def test_names_in_any_script_find_the_entity(network, name):
    assert find_nodes(network, name) == ["urn:x:unitree"]


def test_ego_network_by_depth(network):
    one = apply_focus(network, make_focus("Unitree", depth=1))
    assert labels(one) == {"위수커지", "텐센트", "중커촹싱", "모멘타 <i>AI</i>", "항저우", "휴머노이드 로봇"}
    zero = apply_focus(network, make_focus("Unitree", depth=0))
    assert labels(zero) == {"위수커지"} and zero.number_of_edges() == 0
    # degrees are recomputed in the focused network; the original is untouched
    assert zero.nodes["urn:x:unitree"]["degree"] == 0
    assert network.nodes["urn:x:unitree"]["degree"] == 5
    # from the fund, two steps reach Unitree's neighbours
    two = apply_focus(network, make_focus("中科创星", depth=2))
    assert "항저우" in labels(two) and "외딴기관" not in labels(two)


def test_types_count_every_type_of_an_entity(network):
    investors = apply_focus(network, make_focus(types="investor"))
    assert labels(investors) == {"텐센트", "중커촹싱"}  # Tencent is a Company that invests
    both = apply_focus(network, make_focus(types=["Company", "City"]))
    assert labels(both) == {"위수커지", "텐센트", "모멘타 <i>AI</i>", "항저우"}
    assert {d["relation"] for *_, d in both.edges(data=True)} == {"invests_in", "partners_with", "located_in"}


def test_relations_keep_the_entities_they_connect(network):
    g = apply_focus(network, make_focus(relations="partners-with,invests_in"))
    assert {d["relation"] for *_, d in g.edges(data=True)} == {"partners_with", "invests_in"}
    assert labels(g) == {"위수커지", "텐센트", "중커촹싱", "모멘타 <i>AI</i>"}


def test_min_degree_and_focus_combine(network):
    g = apply_focus(network, make_focus(min_degree=2))
    assert labels(g) == {"위수커지", "모멘타 <i>AI</i>", "휴머노이드 로봇"}
    # the focus entity stays even when the filters would drop it
    h = apply_focus(network, make_focus("항저우", depth=1, types="Company"))
    assert labels(h) == {"항저우", "위수커지"}


@pytest.mark.parametrize("kwargs, needles", [
    ({"types": "Company,Startup"}, ["'Startup'", "Company, Investor, Organization"]),
    ({"relations": "acquires"}, ["'acquires'", "invests_in, located_in, partners_with, develops"]),
    ({"depth": -1}, ["--depth"]),
    ({"min_degree": -2}, ["--min-degree"]),
])
def test_bad_options_are_one_clear_error(kwargs, needles):
    with pytest.raises(KgError) as err:
        make_focus(**kwargs)
    for needle in needles:
        assert needle in str(err.value)


def test_unknown_entity_suggests_similar_names(network):
    with pytest.raises(KgError) as err:
        apply_focus(network, make_focus("위수카지"), source="small.trig")  # one vowel wrong
    assert "small.trig: no entity named '위수카지'" in str(err.value)
    assert "did you mean: 위수커지" in str(err.value)


def test_nothing_left_is_an_error(network):
    with pytest.raises(KgError, match="nothing is left"):
        apply_focus(network, make_focus(types="Product"))


def test_export_with_focus(graph_file, tmp_path):
    out = tmp_path / "ego.gexf"
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(out), "--focus", "腾讯", "--depth", "2",
                                 "--relations", "invests_in,partners_with"])
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(out)
    assert {d["label"] for _, d in g.nodes(data=True)} == {"텐센트", "위수커지", "중커촹싱", "모멘타 <i>AI</i>"}
    assert g.nodes["urn:x:unitree"]["degree"] == 3
    csv_out = tmp_path / "t.csv"
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(csv_out), "--types", "City,Company",
                                 "--min-degree", "1"])
    assert result.exit_code == 0, result.output
    nodes_csv = (tmp_path / "t-nodes.csv").read_text(encoding="utf-8")
    assert "항저우" in nodes_csv and "중커촹싱" not in nodes_csv


def test_export_focus_errors_are_one_line(graph_file, tmp_path):
    assert_user_error(runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "n.gexf"),
                                          "--focus", "화웨이"]), "no entity named '화웨이'")
    assert_user_error(runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "n.gexf"),
                                          "--types", "Compnay"]), "'Compnay'", "Company")
    assert not (tmp_path / "n.gexf").exists()
