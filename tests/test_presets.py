"""Query presets against the sample corpus graph, and their error paths."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import KgError
from kg.presets import preset_names, preset_parameters, run_preset

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("presets") / "sample.trig"
    build([SAMPLE], out)
    return out


def names(result, column):
    i = result.variables.index(column)
    return {row[i] for row in result.rows}


def test_every_preset_declares_its_parameters():
    assert set(preset_names()) == {"partners-of", "investors-of", "investments-by", "companies-in",
                                   "parks-in", "technology-leaders", "evidence-for", "path-between", "rounds-of",
                                   "largest-rounds"}
    for name in preset_names():
        assert preset_parameters(name) in (["entity"], ["from", "to"], []), name
    assert preset_parameters("largest-rounds") == []


def test_investors_of_matches_any_script(graph):
    for label in ("위수커지", "宇树科技", "Unitree"):
        assert "텐센트" in names(run_preset(graph, "investors-of", {"entity": label}), "name")


def test_investments_by(graph):
    assert "위수커지" in names(run_preset(graph, "investments-by", {"entity": "텐센트"}), "name")


def test_partners_of_is_symmetric(graph):
    assert "위수커지" in names(run_preset(graph, "partners-of", {"entity": "텐센트"}), "name")
    assert "텐센트" in names(run_preset(graph, "partners-of", {"entity": "위수커지"}), "name")


def test_companies_in_a_city_include_companies_in_its_parks(graph):
    result = run_preset(graph, "companies-in", {"entity": "허페이"})
    assert "푸리예" in names(result, "name")
    assert any(row[result.variables.index("via")] != "direct" for row in result.rows)


def test_technology_leaders(graph):
    assert names(run_preset(graph, "technology-leaders", {"entity": "휴머노이드 로봇"}), "name")


def test_evidence_for_gives_text_and_offsets(graph):
    result = run_preset(graph, "evidence-for", {"from": "텐센트", "to": "위수커지"})
    assert result.rows
    row = dict(zip(result.variables, result.rows[0]))
    assert int(row["start"]) < int(row["end"]) and row["evidence"] and row["file"]


def test_path_between(graph):
    result = run_preset(graph, "path-between", {"from": "닝더스다이", "to": "허페이"})
    assert result.rows and result.rows[0][1] == "닝더스다이" and result.rows[-1][3] == "허페이"


def test_unknown_preset_and_missing_parameter(graph):
    with pytest.raises(KgError, match="unknown preset"):
        run_preset(graph, "who-knows", {})
    with pytest.raises(KgError, match="needs entity"):
        run_preset(graph, "investors-of", {})


def test_parameters_are_terms_not_query_text(graph):
    with pytest.raises(KgError, match="no entity named"):
        run_preset(graph, "investors-of", {"entity": '" } } SELECT * WHERE { ?s ?p ?o'})


def test_cli_preset_errors_are_one_line(graph):
    runner = CliRunner()
    result = runner.invoke(app, ["query", str(graph), "--preset", "partners-of"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("kg: error:") and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(app, ["query", str(graph), "--preset", "partners-of", "--param", "entity"])
    assert result.exit_code == 1 and "key=value" in result.output


def test_cli_preset_json(graph):
    import json

    runner = CliRunner()
    result = runner.invoke(app, ["query", str(graph), "--preset", "investors-of", "--param", "entity=Unitree",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"] == ["investor", "name", "evidences"]
    assert data["results"]["bindings"]


def test_graph_without_name_keys_is_searched_by_labels(tmp_path):
    """A graph written before kg:nameKey existed: names are compared with every label."""
    old = tmp_path / "old.ttl"
    old.write_text(
        "@prefix kg: <https://w3id.org/kgct/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:t> a kg:Investor ; skos:prefLabel \"텐센트\"@ko ; kg:investsIn <urn:x:u> .\n"
        "<urn:x:u> a kg:Company ; skos:prefLabel \"위수커지\"@ko ; skos:altLabel \"宇樹科技\"@zh-Hant .\n",
        encoding="utf-8")
    result = run_preset(old, "investors-of", {"entity": "宇树科技"})
    assert result.rows == (("urn:x:t", "텐센트", "0"),)


def test_unknown_parameter(graph):
    with pytest.raises(KgError, match="takes entity"):
        run_preset(graph, "investors-of", {"entity": "텐센트", "to": "x"})
