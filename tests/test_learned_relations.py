"""The learned relation scorer (``extraction/learned``, ``kg train-relations``).

Features are checked on sentences written for these tests (invented names: 루이신테크,
톈청그룹, 화강벤처스 …); the scorer on hand-made weights; the shipped weights for loading and
determinism; the retrain command on the tiny invented gold set in ``tests/data/learned``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extraction.components.relation_candidate import RelationCandidate
from extraction.learned.component import ENV, apply_scorer, switched_on
from extraction.learned.features import PairCandidate, pair_candidates
from extraction.learned.model import (FORMAT, ModelError, PredicateModel, RelationScorer, default_model_path,
                                      from_json, load_scorer)
from kg.cli import app

from .conftest import REPO

TINY = REPO / "tests" / "data" / "learned"


def candidates(nlp, text: str) -> dict[tuple[str, str, str], PairCandidate]:
    doc = nlp(text)
    return {(doc.text[c.subject[0]:c.subject[1]], c.predicate, doc.text[c.object[0]:c.object[1]]): c
            for c in pair_candidates(doc)}


def test_features_of_a_located_company(nlp):
    got = candidates(nlp, "선전에 본사를 둔 루이신테크(瑞芯科技)는 휴머노이드 로봇을 개발한다.")
    loc = got[("루이신테크", "located_in", "선전")]
    f = set(loc.features)
    assert {"types=Company>City", "order=os", "cue_between=located_in", "o_next=에", "s_next=는",
            "w=본사", "rule"} <= f
    assert loc.rule is not None  # the rules state it: the candidate says so
    dev = got[("루이신테크", "develops", "휴머노이드 로봇")]
    assert "order=so" in dev.features and "s_topic" in dev.features
    # no candidate of a signature the guidelines do not allow (a city develops nothing,
    # a technology is located nowhere)
    assert not any(p == "develops" and s == "선전" for s, p, o in got)
    assert not any(p == "located_in" and s == "휴머노이드 로봇" for s, p, o in got)
    # only the relations asked for (the component asks for those its model decides on)
    doc = nlp("선전에 본사를 둔 루이신테크(瑞芯科技)는 휴머노이드 로봇을 개발한다.")
    only = pair_candidates(doc, predicates=frozenset({"develops"}))
    assert only and {c.predicate for c in only} == {"develops"}
    assert [c.features for c in only] == [c.features for c in pair_candidates(doc) if c.predicate == "develops"]


def test_pairs_stay_in_their_sentence_and_partners_once(nlp):
    got = candidates(nlp, "루이신테크는 톈청그룹(天成集团)과 협력한다. 화강벤처스는 밍신반도체(明芯半导体)에 투자했다.")
    partners = [k for k in got if k[1] == "partners_with"]
    assert len([k for k in partners if {k[0], k[2]} == {"루이신테크", "톈청그룹"}]) == 1  # symmetric: once
    names = {"루이신테크", "톈청그룹"}
    assert not any((s in names) != (o in names) for s, p, o in got)  # nothing across the two sentences
    inv = got[("화강벤처스", "invests_in", "밍신반도체")]
    assert "cue_after=invests_in" in inv.features or "cue_between=invests_in" in inv.features
    assert "o_next=에" in inv.features


def _scorer(pred: str, weights: dict, bias: float = -3.0, add=0.5, veto=None) -> RelationScorer:
    return RelationScorer({pred: PredicateModel(bias, weights, add, veto)})


def test_apply_scorer_adds_and_vetoes():
    rule_rel = RelationCandidate((0, 2), "develops", (5, 7), (0, 20), "prose:develop-cue", 0.7)
    cands = [PairCandidate((0, 2), "develops", (5, 7), (0, 20), ("weak",), "prose:develop-cue"),
             PairCandidate((0, 2), "develops", (9, 11), (0, 20), ("strong",), None),
             PairCandidate((0, 2), "develops", (13, 15), (0, 20), ("weak",), None)]
    scorer = _scorer("develops", {"strong": 6.0, "weak": -1.0}, add=0.5, veto=0.2)
    out = apply_scorer(scorer, [rule_rel], cands)
    assert [(r.object, r.rule) for r in out] == [((9, 11), "learned:develops")]
    assert out[0].confidence == round(1 / (1 + 2.718281828459045 ** -3.0), 3)
    # without thresholds the model changes nothing
    assert apply_scorer(_scorer("develops", {"strong": 6.0}, add=None), [rule_rel], cands) == [rule_rel]


def test_switch(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert switched_on(True) and not switched_on(False)
    monkeypatch.setenv(ENV, "0")
    assert not switched_on(True)
    monkeypatch.setenv(ENV, "on")
    assert switched_on(False)


def test_shipped_model_loads_and_is_small():
    path = default_model_path()
    assert path.stat().st_size < 1_000_000
    scorer = load_scorer()
    assert set(scorer.predicates) == {"invests_in", "located_in", "partners_with", "develops"}
    # trained on half A only: report 001 and the news whose number // 2 is odd
    for name in scorer.meta["trained_on"]:  # document ids: the file name up to its first underscore
        assert name == "001" or (int(name) // 2) % 2 == 1, name
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT


def test_predictions_are_deterministic():
    scorer = load_scorer()
    m = scorer.predicates["develops"]
    feats = ["types=Company>Technology", "order=so", "s_topic", "w=을", "after=개발", "cue_between=develops"]
    p = m.probability(feats)
    assert 0.0 < p < 1.0
    assert m.probability(list(reversed(feats))) == p == m.probability(feats + feats)
    again = from_json(json.loads(default_model_path().read_text(encoding="utf-8")))
    assert again.predicates["develops"].probability(feats) == p


def test_malformed_weights_are_one_clear_error(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelError, match="w.json: not a kg relation scorer"):
        load_scorer(str(bad))
    with pytest.raises(ModelError, match="relation 'develops' is malformed"):
        from_json({"format": FORMAT, "predicates": {"develops": {"bias": 1}}})


def test_a_bad_weights_file_is_one_line_in_a_build(tmp_path, monkeypatch):
    from extraction.pipeline import create_pipeline

    bad = tmp_path / "w.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("루이신테크는 선전에 있다.\n", encoding="utf-8")
    monkeypatch.setenv(ENV, "1")
    monkeypatch.setenv("KG_RELATION_SCORER", str(bad))
    with pytest.raises(ModelError, match="w.json: not a kg relation scorer"):
        create_pipeline()
    from extraction.pipeline import get_pipeline

    get_pipeline.cache_clear()
    result = CliRunner().invoke(app, ["build", str(src), "-o", str(tmp_path / "g.trig")])
    get_pipeline.cache_clear()
    assert result.exit_code != 0
    assert "w.json: not a kg relation scorer" in result.output and "Traceback" not in result.output


def test_component_adds_what_the_model_scores_high(tmp_path, monkeypatch):
    from extraction.pipeline import create_pipeline

    weights = tmp_path / "w.json"
    # a model that believes every company–technology pair in a sentence with 착공
    _scorer("develops", {"w=착공": 8.0, "after=착공": 8.0}, bias=-4.0, add=0.5).save(weights)
    monkeypatch.delenv(ENV, raising=False)
    text = "밍신반도체는 작년 우한에서 전력 반도체 라인 공사를 착공했다."  # no rule states develops
    on = create_pipeline(overrides={"components.kg_learned_relations.enabled": True,
                                    "components.kg_learned_relations.model": str(weights)})
    off = create_pipeline()
    doc_on, doc_off = on(text), off(text)

    def rels(doc):
        return {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]], r.rule)
                for r in doc._.kg_relations}

    added = rels(doc_on) - rels(doc_off)
    assert ("밍신반도체", "develops", "전력 반도체", "learned:develops") in added
    assert all(rule == "learned:develops" for *_, rule in added)
    assert rels(doc_off) <= rels(doc_on)


def test_retrain_command_on_a_tiny_gold_set(tmp_path):
    out = tmp_path / "scorer.json"
    docs = sorted((TINY / "docs").glob("*.txt"))
    result = CliRunner().invoke(app, ["train-relations", *map(str, docs), "--gold", str(TINY / "gold"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "develops" in result.output and f"wrote {out}" in result.output
    scorer = load_scorer(str(out))
    assert sorted(scorer.meta["trained_on"]) == ["alpha", "beta", "gamma"]
    assert scorer.predicates["develops"].weights  # it learned something from the candidates
    assert not list(tmp_path.glob(".*kgtmp*"))


def test_one_training_document_leaves_everything_to_the_rules(tmp_path):
    from kg.relation_learning import train_files

    scorer, reports = train_files([TINY / "docs" / "alpha.txt"], [TINY / "gold"])
    assert all(not r.enabled for r in reports)  # no document to cross-validate on
    assert all(m.add is None and m.veto is None for m in scorer.predicates.values())


def test_retrain_command_names_a_missing_gold_file(tmp_path):
    doc = tmp_path / "delta.txt"
    doc.write_text("루이신테크는 선전에 있다.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train-relations", str(doc), "--gold", str(TINY / "gold"),
                                      "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 1
    assert "delta.txt: no gold file delta.json" in result.output
    assert not (tmp_path / "s.json").exists()
