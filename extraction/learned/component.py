"""``kg_learned_relations``: the relation scorer as the pipeline's last step.

It reads the mentions ``kg_entities`` chose and the relations the rules wrote, scores every
candidate pair (:mod:`extraction.learned.features`) with the shipped weights
(:mod:`extraction.learned.model`), adds the pairs no rule stated whose probability reaches
the relation's ``add`` threshold (rule ``learned:<relation>``, confidence = the probability)
and drops rule relations under its ``veto`` threshold. Relations without thresholds are left
to the rules.

Switch: ``enabled`` in the pipeline config, overridden by the environment variable
``KG_LEARNED_RELATIONS`` (``1``/``on`` or ``0``/``off``), so the same build can be compared
with and without the model; ``KG_RELATION_SCORER`` names another weights file (a model
trained on other documents). A ``collector`` list, when set, receives each Doc's candidates
(for training; the Doc is then left as the rules made it if the component is disabled).
"""
from __future__ import annotations

import logging
import os

from spacy.language import Language
from spacy.tokens import Doc

from ..components.relation_candidate import RelationCandidate
from .features import PairCandidate, pair_candidates
from .model import RelationScorer, load_scorer

log = logging.getLogger(__name__)
ENV = "KG_LEARNED_RELATIONS"
MODEL_ENV = "KG_RELATION_SCORER"  # a weights file to use instead of the configured one


def switched_on(configured: bool) -> bool:
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("1", "on", "true", "yes"):
        return True
    if value in ("0", "off", "false", "no"):
        return False
    return configured


def apply_scorer(scorer: RelationScorer, rels: list[RelationCandidate], cands: list[PairCandidate]
                 ) -> list[RelationCandidate]:
    """The rules' relations with the scorer's vetoes and additions."""
    vetoed = set()
    added = []
    seen = {(r.subject, r.predicate, r.object) for r in rels}
    for c in cands:
        m = scorer.predicates.get(c.predicate)
        if m is None or (m.add is None and m.veto is None):
            continue
        p = m.probability(c.features)
        if c.rule is not None:
            if m.veto is not None and p < m.veto:
                vetoed.add((c.subject, c.predicate, c.object))
                if c.predicate == "partners_with":  # symmetric: the rule may have written it either way
                    vetoed.add((c.object, c.predicate, c.subject))
        elif m.add is not None and p >= m.add and (c.subject, c.predicate, c.object) not in seen:
            seen.add((c.subject, c.predicate, c.object))
            added.append(RelationCandidate(c.subject, c.predicate, c.object, c.unit, f"learned:{c.predicate}",
                                           round(p, 3)))
    return [r for r in rels if (r.subject, r.predicate, r.object) not in vetoed] + added


class LearnedRelations:
    def __init__(self, nlp: Language, name: str, enabled: bool, model: str | None):
        self.name = name
        self.enabled = switched_on(enabled)
        self.model_path = os.environ.get(MODEL_ENV) or model
        self.scorer = load_scorer(self.model_path) if self.enabled else None
        # the relations the model decides on (with an add or veto threshold): only their
        # candidates are made when it runs (the others are left to the rules)
        self.active = frozenset(p for p, m in self.scorer.predicates.items()
                                if m.add is not None or m.veto is not None) if self.scorer else frozenset()
        self.collector: list | None = None
        log.info("learned relation scorer %s", "on" if self.enabled else "off")

    def __call__(self, doc: Doc) -> Doc:
        if self.collector is None and not (self.enabled and self.active):
            return doc
        rels = list(doc._.kg_relations or ())
        cands = pair_candidates(doc, rels, None if self.collector is not None else self.active)
        if self.collector is not None:
            self.collector.append(cands)
        if self.enabled and self.scorer is not None:
            doc._.kg_relations = apply_scorer(self.scorer, rels, cands)
        return doc


@Language.factory("kg_learned_relations", default_config={"enabled": False, "model": None})
def make_learned_relations(nlp: Language, name: str, enabled: bool, model: str | None) -> LearnedRelations:
    return LearnedRelations(nlp, name, enabled, model)
