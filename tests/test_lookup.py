"""Forgiving name lookup (kg.lookup), shared by presets, --focus, kg show and the view:
names in every script, case, spacing, particles, simplified/traditional Chinese, reference
names and aliases, and "did you mean" for typos."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.exports.network import to_network
from kg.graph_io import read_graph
from kg.lookup import GraphNames, NetworkNames, NoSuchEntity, key_variants, lookup, resolve, similarity, suggest
from kg.presets import run_preset
from kg.query import FileGraph

runner = CliRunner()

GRAPH = """\
@prefix kg: <https://w3id.org/kgct/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix x: <urn:x:> .

x:g {
  x:unitree a kg:Company ; skos:prefLabel "위수커지"@ko , "宇树科技"@zh-Hans , "Unitree"@en ;
      skos:altLabel "유니트리"@ko ; kg:nameKey "위수커지" , "宇树科技" , "unitree" , "유니트리" .
  x:toyota a kg:Company ; skos:prefLabel "도요타"@ko ; kg:nameKey "도요타" ; kg:referenceId "toyota" .
  x:zgc a kg:Park ; skos:prefLabel "베이징 중관촌"@ko ; kg:nameKey "베이징중관촌" .
  x:byd a kg:Company ; skos:prefLabel "BYD"@en , "비야디"@ko ; kg:nameKey "byd" , "비야디" .
  x:hangzhou a kg:City ; skos:prefLabel "항저우"@ko , "杭州"@zh-Hans ; kg:nameKey "항저우" , "杭州" .
  x:toyota kg:partnersWith x:byd .
  x:unitree kg:locatedIn x:hangzhou .
}
"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("lookup") / "names.trig"
    path.write_text(GRAPH, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tables(graph_file):
    source = FileGraph(graph_file)
    return {"graph": GraphNames(source), "network": NetworkNames(to_network(read_graph(graph_file)))}


@pytest.mark.parametrize("kind", ["graph", "network"])
@pytest.mark.parametrize("name, entity", [
    ("위수커지", "urn:x:unitree"), ("宇树科技", "urn:x:unitree"), ("宇樹科技", "urn:x:unitree"),  # scripts
    ("Unitree", "urn:x:unitree"), ("UNITREE", "urn:x:unitree"), ("위수 커지", "urn:x:unitree"),  # case, spacing
    ("위수커지는", "urn:x:unitree"), ("유니트리와", "urn:x:unitree"), ("BYD와", "urn:x:byd"),  # particles
    ("Toyota", "urn:x:toyota"), ("토요타", "urn:x:toyota"), ("豐田", "urn:x:toyota"),  # reference aliases by id
    ("중관춘", "urn:x:zgc"), ("中关村", "urn:x:zgc"), ("Zhongguancun", "urn:x:zgc"),  # reference entry of a label
    ("宇树", "urn:x:unitree"),  # a reference alias no label has
])
def test_names_are_found_forgivingly(tables, kind, name, entity):
    assert lookup(tables[kind], name) == [entity]


@pytest.mark.parametrize("kind", ["graph", "network"])
@pytest.mark.parametrize("typo, expected", [
    ("위수카지", "위수커지"), ("도요다", "도요타"), ("Unitre", "Unitree"), ("宇树科枝", "宇树科技"), ("항저유", "항저우"),
])
def test_typos_are_answered_with_the_closest_names(tables, kind, typo, expected):
    assert lookup(tables[kind], typo) == []
    with pytest.raises(NoSuchEntity) as err:
        resolve(tables[kind], typo, "names.trig")
    assert err.value.suggestions[0] == expected
    assert f"names.trig: no entity named {typo!r}" in str(err.value)
    assert f"did you mean: {expected}" in str(err.value)


def test_nothing_close_gives_no_suggestion(tables):
    assert suggest(tables["graph"], "완전히다른이름") == []
    with pytest.raises(NoSuchEntity) as err:
        resolve(tables["graph"], "완전히다른이름")
    assert "did you mean" not in str(err.value)


def test_particles_are_only_taken_off_after_a_name():
    assert key_variants("샤오미는") == ["샤오미는", "샤오미"]
    assert key_variants("는") == ["는"]
    assert key_variants("  ") == []


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_similarity_is_bounded_and_symmetric_on_equal_names(text):
    assert 0.0 <= similarity(text, text + "x") <= 1.0
    if key_variants(text):
        assert similarity(text, text) == 1.0


def test_presets_use_the_forgiving_lookup(graph_file):
    result = run_preset(graph_file, "path-between", {"from": "Toyota", "to": "비야디와"})
    assert [row[1:] for row in result.rows] == [("도요타", "partners_with", "비야디")]
    with pytest.raises(NoSuchEntity, match="did you mean: 위수커지"):
        run_preset(graph_file, "partners-of", {"entity": "위수카지"})


def test_cli_names_the_closest_entities(graph_file, tmp_path):
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "n.gexf"), "--focus", "Unitre"])
    assert result.exit_code == 1
    assert "did you mean: Unitree" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "n.gexf"), "--focus", "Toyota"])
    assert result.exit_code == 0, result.output


HUB_GRAPH = """\
@prefix kg: <https://w3id.org/kgct/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix x: <urn:x:> .

x:g {
  x:a a kg:Company ; skos:prefLabel "에이테크"@ko ; kg:nameKey "에이테크" .
  x:b a kg:Company ; skos:prefLabel "비테크"@ko ; kg:nameKey "비테크" .
  x:z a kg:Company ; skos:prefLabel "제트테크"@ko ; kg:nameKey "제트테크" .
  x:w a kg:Investor ; skos:prefLabel "더블유캐피탈"@ko ; kg:nameKey "더블유캐피탈" .
  x:city a kg:City ; skos:prefLabel "항저우"@ko ; kg:nameKey "항저우" .
  x:a kg:locatedIn x:city . x:b kg:locatedIn x:city .
  x:a kg:partnersWith x:z . x:z kg:partnersWith x:w . x:w kg:investsIn x:b .
}
"""


@pytest.fixture(scope="module")
def hub_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hubs") / "hubs.trig"
    path.write_text(HUB_GRAPH, encoding="utf-8")
    return path


@pytest.mark.parametrize("options, path", [
    ({}, [("에이테크", "located_in", "항저우"), ("비테크", "located_in", "항저우")]),
    ({"avoid": "hubs"}, [("에이테크", "partners_with", "제트테크"), ("제트테크", "partners_with", "더블유캐피탈"),
                         ("더블유캐피탈", "invests_in", "비테크")]),
    ({"relations": "invests_in,partners-with"}, [("에이테크", "partners_with", "제트테크"),
                                                  ("제트테크", "partners_with", "더블유캐피탈"),
                                                  ("더블유캐피탈", "invests_in", "비테크")]),
    ({"relations": "invests_in"}, []),
    ({"avoid": "City,Company"}, []),
])
def test_path_between_relations_and_hubs(hub_file, options, path):
    result = run_preset(hub_file, "path-between", {"from": "에이테크", "to": "비테크", **options})
    assert [row[1:] for row in result.rows] == path


def test_path_between_ends_may_be_hubs(hub_file):
    result = run_preset(hub_file, "path-between", {"from": "에이테크", "to": "항저우", "avoid": "hubs"})
    assert [row[1:] for row in result.rows] == [("에이테크", "located_in", "항저우")]


@pytest.mark.parametrize("options, needle", [
    ({"relations": "owns"}, "unknown relation 'owns'"),
    ({"avoid": "everything"}, "cannot avoid 'everything'"),
    ({"via": "x"}, "optionally relations"),
])
def test_path_between_bad_options(hub_file, options, needle):
    from kg.errors import KgError

    with pytest.raises(KgError, match=needle):
        run_preset(hub_file, "path-between", {"from": "에이테크", "to": "비테크", **options})
