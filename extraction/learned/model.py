"""The relation scorer's weights: one logistic regression per relation over binary features.

The weights ship as JSON (``relation_scorer.json`` beside this module); scoring needs no
library: the probability of a candidate is the logistic function of the bias plus the weights
of the features it has. Each relation has two thresholds chosen on the training documents:
``add`` (a candidate no rule stated becomes a relation at this probability or more; null: the
model adds nothing) and ``veto`` (a relation a rule stated is dropped below this probability;
null: the model vetoes nothing). Retrain with ``kg train-relations`` (:mod:`kg.relation_learning`).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import KgInputError

FORMAT = "kg-relation-scorer/1"


@dataclass(frozen=True)
class PredicateModel:
    bias: float
    weights: Mapping[str, float]
    add: float | None = None
    veto: float | None = None

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)


@dataclass(frozen=True)
class RelationScorer:
    predicates: Mapping[str, PredicateModel]
    meta: Mapping[str, object] = field(default_factory=dict)

    def probability(self, predicate: str, features: Iterable[str]) -> float | None:
        m = self.predicates.get(predicate)
        return None if m is None else m.probability(features)

    def to_json(self) -> dict:
        return {"format": FORMAT, "meta": dict(self.meta),
                "predicates": {p: {"bias": round(m.bias, 6), "add": m.add, "veto": m.veto,
                                   "weights": {f: round(w, 6) for f, w in sorted(m.weights.items())}}
                               for p, m in sorted(self.predicates.items())}}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")


class ModelError(KgInputError):
    """A weights file that is not a relation scorer (one line naming the file)."""

    def __init__(self, path: str | Path, problem: str, fix: str | None = "retrain it with kg train-relations"):
        super().__init__(path, problem, fix)


def default_model_path() -> Path:
    return Path(str(files("extraction") / "learned" / "relation_scorer.json"))


def from_json(data: object, source: str = "<data>") -> RelationScorer:
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("predicates"), dict):
        raise ModelError(source, f"not a kg relation scorer (expected format {FORMAT!r})")
    preds = {}
    for p, m in data["predicates"].items():
        try:
            preds[p] = PredicateModel(float(m["bias"]), {str(f): float(w) for f, w in m["weights"].items()},
                                      None if m.get("add") is None else float(m["add"]),
                                      None if m.get("veto") is None else float(m["veto"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(source, f"relation {p!r} is malformed ({exc})") from None
    return RelationScorer(preds, data.get("meta") or {})


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> RelationScorer:
    p = Path(path) if path else default_model_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(p, f"cannot read the relation scorer ({exc})") from None
    return from_json(data, str(p))


__all__ = ["FORMAT", "ModelError", "PredicateModel", "RelationScorer", "default_model_path", "from_json",
           "load_scorer"]
