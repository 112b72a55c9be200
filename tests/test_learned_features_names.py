"""The learned relation scorer's features carry no names (``extraction/learned/features.py``).

Words inside an entity mention are features by the mention's type (``@Company``), proper
nouns, unknown words, Han, Latin and numbers by a shape class (``NNP``, ``HAN``, ``LATIN``,
``NUM``); only closed-class words, common nouns and verbs stay as words, and training keeps a
feature only when two training documents have it. Checked on the shipped weights, on a model
trained here on kg's sample corpus and its gold (``tests/data/sample_gold``), and against the
names of the shared gold when ``../shared`` is present.
"""
from __future__ import annotations

import json
import re

import pytest

from extraction.learned.features import SHAPE_CLASSES, SIGNATURES
from extraction.learned.model import default_model_path, load_scorer

from .conftest import SAMPLE, SAMPLE_GOLD, SHARED, needs_shared

# feature prefixes whose values are words of the text
LEXICAL = ("w", "after", "before", "s_next", "o_next", "s_next2", "o_next2", "s_prev", "o_prev")
LABELS = {t for sig in SIGNATURES.values() for side in sig for t in side} | {"Product", "Person"}
HAN_OR_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u2e80-\u9fff\uf900-\ufaff\uff21-\uff5a]")
# names that are also common Korean words (Kiwi tags them as such): 지난 ("last", as in 지난해,
# a city's name in the shared gold), 체리 ("cherry", a carmaker's short name in the sample gold);
# such a word outside a mention stays a word, and training keeps it only when two documents have it
COMMON_WORDS = {"지난", "체리"}


def word_values(features) -> list[str]:
    """The words of the lexical features (``s_next2=는_NUM`` → ``는``, ``NUM``)."""
    out = []
    for f in features:
        key, _, value = f.partition("=")
        if key in LEXICAL:
            out += value.split("_") if key.endswith("next2") else [value]
    return out


def allowed(word: str) -> bool:
    if word in SHAPE_CLASSES or word in ("$", "^"):
        return True
    if word.startswith("@"):
        return word[1:] in LABELS
    return not HAN_OR_LATIN.search(word)


def feature_keys(scorer) -> set[str]:
    return {f for m in scorer.predicates.values() for f in m.weights}


def names_of(gold_files, skip_types=("Technology",)) -> set[str]:
    """The entity names of gold files (technologies are common nouns, not names)."""
    names = set()
    for g in gold_files:
        for e in json.loads(g.read_text(encoding="utf-8"))["entities"]:
            if e["type"] not in skip_types:
                names |= {n for n in e["names"] if len(n) >= 2}
    return names


def test_shipped_word_features_have_no_han_or_latin():
    keys = feature_keys(load_scorer(str(default_model_path())))
    assert keys
    bad = sorted(w for w in word_values(keys) if not allowed(w))
    assert not bad, bad[:20]


def test_a_proper_noun_is_its_shape_and_a_mention_its_type(nlp):
    from extraction.learned.features import pair_candidates

    text = "루이신테크는 2024년 허난성 정저우에 ABC 배터리 공장을 세웠고 北辰新材와 협력했다."
    doc = nlp(text)
    feats = {f for c in pair_candidates(doc) for f in c.features}
    words = word_values(feats)
    assert words and all(allowed(w) for w in words), sorted(set(words))
    assert any(w.startswith("@") for w in words)  # mentions next to a pair are their type
    for name in ("루이신테크", "정저우", "허난성", "北辰新材", "ABC"):
        assert not any(name in f for f in feats), name
    assert "w=공장" in feats or "after=공장" in feats  # a common noun stays a word


@pytest.fixture(scope="module")
def sample_training():
    """Candidates of kg's sample corpus (with the sample gold) and a model trained on them."""
    from kg.relation_learning import collect, train
    from extraction.learned.features import PREDICATES

    golds = sorted(SAMPLE_GOLD.glob("*.json"))
    docs = [p for p in sorted(SAMPLE.iterdir()) if (SAMPLE_GOLD / (p.stem + ".json")).exists()]
    assert len(docs) == len(golds) >= 5
    data = collect(docs, [SAMPLE_GOLD])
    scorer, _reports = train(data, PREDICATES)
    return data, scorer, names_of(golds)


def test_no_sample_gold_name_in_any_candidate_feature(sample_training):
    data, _scorer, names = sample_training
    feats = {f for d in data for c in d.candidates for f in c.features}
    assert len(feats) > 100 and len(names) > 50
    leaked = sorted(n for n in names - COMMON_WORDS if any(n in f for f in feats))
    assert not leaked, leaked[:20]


def test_no_sample_gold_name_in_the_trained_weights(sample_training):
    _data, scorer, names = sample_training
    keys = feature_keys(scorer)
    assert keys
    assert not [n for n in names if any(n in f for f in keys)]
    assert all(allowed(w) for w in word_values(keys))


def test_training_keeps_features_of_two_documents_only(sample_training):
    from kg.relation_learning import _frequent

    data, scorer, _names = sample_training
    for pred, model in scorer.predicates.items():
        assert set(model.weights) <= _frequent(data, pred, 2)
        in_one = {f for f in {f for c in data[0].candidates if c.predicate == pred for f in c.features}
                  if not any(f in c.features for d in data[1:] for c in d.candidates if c.predicate == pred)}
        assert not in_one & set(model.weights)


@needs_shared
def test_shipped_weights_carry_no_shared_gold_name():
    gold = sorted((SHARED / "gold").glob("*.json")) + sorted((SHARED / "gold" / "news").glob("*.json"))
    if not gold:
        pytest.skip("../shared/gold has no gold files")
    names = names_of(gold) - COMMON_WORDS
    scorer = load_scorer(str(default_model_path()))
    words = set(word_values(feature_keys(scorer)))
    assert not sorted(words & names)
    # the training documents are recorded by their ids, not by file names that carry names
    assert not [d for d in scorer.meta["trained_on"] if any(n in d for n in names)]
    assert all(re.fullmatch(r"\d+", d) for d in scorer.meta["trained_on"])
