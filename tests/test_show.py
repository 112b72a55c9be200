"""kg show: an entity's card (names per language, types, reference id, relations grouped by
kind with the other end, confidence, dates and evidence with the fact's words marked), the
same from a graph file and from a store, as text and as JSON."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.lookup import NoSuchEntity
from kg.query import open_graph
from kg.show import card_json, show

from .factsdata import SENTENCE, write_facts_graph, write_facts_store
from .test_cli import assert_user_error

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return write_facts_graph(tmp_path_factory.mktemp("show") / "facts.trig")


@pytest.fixture(scope="module")
def store_dir(graph_file):
    return write_facts_store(graph_file, graph_file.parent / "store")


def card_of(name, **kw):
    path = kw.pop("graph")
    with open_graph(path) as source:
        cards = show(source, name, **kw)
    assert len(cards) == 1
    return cards[0]


def test_card_has_names_types_reference_and_grouped_relations(graph_file):
    card = card_of("宇樹科技", graph=graph_file)  # traditional script
    assert card.iri == "urn:x:unitree" and card.label == "위수커지"
    assert card.names == {"ko": ("위수커지", "유니트리"), "zh": ("宇树科技",), "en": ("Unitree",)}
    assert card.types == ("Company",) and card.reference_id == "unitree"
    assert list(card.groups) == ["investors", "located in"]
    (investor,) = card.groups["investors"]
    assert investor.other.label == "텐센트" and investor.other.en == "Tencent"
    assert investor.confidence == 0.7
    assert (investor.first_date, investor.last_date) == ("2025-03-02", "2025-05-10")
    first, second = investor.evidence
    assert first.text == SENTENCE and first.document == "brief.txt"
    assert first.article_title == "로봇 투자 소식" and first.date == "2025-03-02"
    # marked from the mentions inside the sentence (offsets in the source file)
    assert first.marked.startswith("«텐센트»는 «위수커지»에")
    assert {m.role for m in first.marks} == {"entity", "other"}
    assert second.planned and not first.planned
    (place,) = card.groups["located in"]
    # no mention inside this sentence: the names are found in its text
    assert place.evidence[0].marked == "«항저우»의 로봇 기업 «위수커지»"


def test_the_other_side_sees_the_inverse_group(graph_file):
    card = card_of("Tencent", graph=graph_file)
    assert list(card.groups) == ["invests in"] and card.types == ("Company", "Investor")


def test_min_confidence_keeps_strong_evidence(graph_file):
    card = card_of("위수커지", graph=graph_file, min_confidence=0.6)
    assert list(card.groups) == ["investors"]
    assert [e.confidence for e in card.groups["investors"][0].evidence] == [0.7]


def test_store_gives_the_same_card(graph_file, store_dir):
    with open_graph(graph_file) as a, open_graph(store=store_dir) as b:
        assert [card_json(c) for c in show(a, "유니트리")] == [card_json(c) for c in show(b, "유니트리")]


def test_a_typo_names_the_closest_entities(graph_file):
    with open_graph(graph_file) as source, pytest.raises(NoSuchEntity, match="did you mean: 텐센트"):
        show(source, "텐센투")


def test_cli_text_and_json(graph_file, store_dir):
    result = runner.invoke(app, ["show", "위수커지는", str(graph_file)])
    assert result.exit_code == 0, result.output
    for needle in ("위수커지", "宇树科技", "Unitree", "reference unitree", "investors (1)", "«텐센트»",
                   "로봇 투자 소식", "2025-03-02", "confidence 0.70", "planned", "located in (1)"):
        assert needle in result.output, needle
    result = runner.invoke(app, ["show", "Unitree", "--store", str(store_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reference_id"] == "unitree" and data["names"]["zh"] == ["宇树科技"]
    ev = data["groups"]["investors"][0]["evidence"][0]
    assert ev["text"] == SENTENCE and ev["marked"].startswith("«텐센트»")
    assert ev["marks"][0] == {"start": 0, "end": 3, "role": "other"}


@pytest.mark.parametrize("args, needles", [
    (["show", "텐센투", "{graph}"], ["no entity named '텐센투'", "did you mean: 텐센트"]),
    (["show", "텐센트"], ["give a graph file"]),
    (["show", "텐센트", "{graph}", "--format", "xml"], ["unknown output format 'xml'"]),
    (["show", "텐센트", "{graph}", "--min-confidence", "2"], ["--min-confidence 2"]),
])
def test_cli_errors_are_one_line(graph_file, args, needles):
    args = [a.replace("{graph}", str(graph_file)) for a in args]
    assert_user_error(runner.invoke(app, args), *needles)
