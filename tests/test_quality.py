"""Extraction quality as the scorer measures it: regression floors on the sample corpus
(gold written with it) and, when ../shared is present, on the shared dev gold."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph

from kg.build import build_dataset
from kg.evaluate import score_graph

from .conftest import SAMPLE, SAMPLE_GOLD, SHARED, needs_shared


def _score(path, gold_path):
    dataset, _ = build_dataset([path])
    g = Graph()
    for s, p, o, _c in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return score_graph(g, json.loads(gold_path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sample_reports():
    reports = {}
    for gold in sorted(SAMPLE_GOLD.glob("*.json")):
        src = next(p for p in SAMPLE.iterdir() if p.stem == gold.stem)
        reports[src.name] = _score(src, gold)
    return reports


def test_sample_corpus_entities(sample_reports):
    core = sum((r.entity_core for r in sample_reports.values()), type(next(iter(sample_reports.values())).entity_core)(0, 0, 0))
    assert core.f1 >= 0.85, {k: round(r.entity_core.f1, 3) for k, r in sample_reports.items()}


def test_sample_corpus_technology(sample_reports):
    tech = [r.technology for r in sample_reports.values()]
    tp = sum(t.tp for t in tech)
    fn = sum(t.fn for t in tech)
    fp = sum(t.fp for t in tech)
    assert tp / max(1, tp + fn) >= 0.8  # recall
    assert tp / max(1, tp + fp) >= 0.7  # precision


# floors a little under the measured dev numbers (README): they catch regressions
SHARED_FLOORS = {
    "000_23baea4b04598de8": {"entity_core": 0.90, "technology": 0.75, "relation": 0.76},
    "001_38555d9f2bda2031": {"entity_core": 0.89, "technology": 0.72, "relation": 0.55},
    "002_3f4295ba0bb10a8d": {"entity_core": 0.93, "technology": 0.79, "relation": 0.76},
}
# issue 4: no relation type below 0.40 where the document has at least ten of it (on the
# two reports the relation rules were first written on)
RELATION_TYPE_FLOOR = 0.40
RELATION_TYPE_FLOOR_DOCS = {"000_23baea4b04598de8", "002_3f4295ba0bb10a8d"}
# the 18 news excerpts of ../shared/corpus/news, micro-averaged
NEWS_FLOORS = {"entity_core": 0.82, "technology": 0.74, "relation": 0.58}


@needs_shared
@pytest.mark.parametrize("stem", sorted(SHARED_FLOORS))
def test_shared_dev_gold(stem):
    report = _score(SHARED / "corpus" / f"{stem}.txt", SHARED / "gold" / f"{stem}.json")
    floors = SHARED_FLOORS[stem]
    assert report.entity_core.f1 >= floors["entity_core"]
    assert report.technology.f1 >= floors["technology"]
    assert report.relation_all.f1 >= floors["relation"]
    if stem in RELATION_TYPE_FLOOR_DOCS:
        for name, prf in report.relations.items():
            if prf.tp + prf.fn >= 10:
                assert prf.f1 >= RELATION_TYPE_FLOOR, (name, prf)


@needs_shared
def test_shared_news_gold():
    """Every news excerpt built on its own (as kg eval does), scores added up."""
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in NEWS_FLOORS}
    for gold in sorted((SHARED / "gold" / "news").glob("*.json")):
        report = _score(SHARED / "corpus" / "news" / f"{gold.stem}.txt", gold)
        for key, prf in (("entity_core", report.entity_core), ("technology", report.technology),
                         ("relation", report.relation_all)):
            totals[key][0] += prf.tp
            totals[key][1] += prf.fp
            totals[key][2] += prf.fn
    f1 = {k: 2 * tp / max(1, 2 * tp + fp + fn) for k, (tp, fp, fn) in totals.items()}
    for key, floor in NEWS_FLOORS.items():
        assert f1[key] >= floor, (key, round(f1[key], 3))


def test_sample_corpus_relations(sample_reports):
    rel = [r.relation_all for r in sample_reports.values()]
    tp, fp, fn = sum(x.tp for x in rel), sum(x.fp for x in rel), sum(x.fn for x in rel)
    assert tp / max(1, tp + fp) >= 0.75  # precision
    assert 2 * tp / max(1, 2 * tp + fp + fn) >= 0.68  # F1


@needs_shared
def test_scorer_agrees_with_shared_score_py(tmp_path):
    """kg eval scores like ../shared/eval/score.py: the same predictions and gold counts per
    type; score.py matches nodes greedily in graph iteration order, which a parsed file and
    an in-memory graph need not share, so true positives may differ by a match or two."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    stem = "002_3f4295ba0bb10a8d"
    dataset, _ = build_dataset([SHARED / "corpus" / f"{stem}.txt"])
    out = tmp_path / "g.trig"
    dataset.serialize(out, format="trig")
    theirs = mod.score(str(out), str(SHARED / "gold" / f"{stem}.json"))
    g = Graph()
    for s, p, o, _c in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    ours = score_graph(g, json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8")))
    for t, m in ours.types.items():
        th = theirs["types"][t]
        assert m.tp + m.fp == th["tp"] + th["fp"], t  # same predicted nodes of the type
        assert m.tp + m.fn == th["tp"] + th["fn"], t  # same gold entities of the type
        assert abs(m.tp - th["tp"]) <= 2, t
    assert abs(ours.entity_core.f1 - theirs["entity_core"]["f1"]) <= 0.02
