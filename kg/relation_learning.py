"""Training the relation scorer (:mod:`extraction.learned`) on gold-annotated documents.

``kg train-relations DOCS... --gold DIR [--gold DIR] -o relation_scorer.json``:

1. each document is extracted as in a build, with the scorer off, and every candidate pair
   (:func:`extraction.learned.features.pair_candidates`) is kept with its features;
2. mentions are resolved as in a build; a candidate is positive when the gold annotation
   (matched by names like ``kg eval`` and the shared scorer) relates an entity of its
   subject's names to one of its object's by that relation;
3. per relation, a logistic regression (scikit-learn, L2) is fitted on the features that two
   training documents or more have (a string of one document is not learned); its regularisation and
   its two thresholds (``add``: a candidate no rule stated becomes a relation; ``veto``: a
   rule's relation is dropped) are chosen by leave-one-document-out cross-validation on the
   training documents, scoring relation F1 per document the way ``kg eval`` does. A relation
   whose cross-validated F1 does not beat the rules' own by ``min_gain`` gets no thresholds:
   the model leaves it to the rules;
4. the final weights (fitted on all training documents) are written as JSON.

Only the training documents are read; which documents those are is the caller's choice
(the shipped model: half A of ``../shared``, see the README's "Measured quality").
"""
from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import KgError
from .evaluate import PRF, load_gold, norm

log = logging.getLogger(__name__)

C_GRID = (0.1, 0.3, 1.0)
DOC_BALANCE = 0.5
# an addition needs the model to find the pair more likely right than wrong: lower thresholds
# win on the training documents' F1 and lose precision on documents of another style
ADD_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(10, 20))  # 0.50 … 0.95
VETO_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 7))  # 0.05 … 0.30


@dataclass
class Candidate:
    predicate: str
    features: tuple[str, ...]
    rule: bool
    edge: tuple[str, str, str]  # (subject entity key, predicate, object entity key)
    label: int


@dataclass
class DocData:
    name: str
    candidates: list[Candidate]
    rule_edges: dict[tuple[str, str, str], int]  # edge -> evidences
    rule_evidence: dict[tuple[str, str, str], set]  # edge -> candidate indexes that are its evidences
    edge_gold: dict[tuple[str, str, str], tuple | None]  # edge -> the gold key it matches, if any
    gold: dict[str, set]  # predicate -> gold keys


def document_id(name: str) -> str:
    """A training document as the weights record it: its file name up to the first underscore
    (``02_some_title.txt`` → ``02``), or the whole stem when there is none."""
    return Path(name).stem.split("_", 1)[0]


def _gold_file(path: Path, gold_dirs: Sequence[Path]) -> Path:
    for d in gold_dirs:
        g = Path(d) / (path.stem + ".json")
        if g.exists():
            return g
    raise KgError(f"{path}: no gold file {path.stem}.json in {', '.join(str(d) for d in gold_dirs)}")


def _gold_key(s: str, p: str, o: str) -> tuple:
    return (min(s, o), p, max(s, o)) if p == "partners_with" else (s, p, o)


def collect(paths: Sequence[Path], gold_dirs: Sequence[Path]) -> list[DocData]:
    """Candidates, labels and the rules' own edges of every document."""
    from extraction.extract import MAX_PIECE, _segments, extract_mentions
    from extraction.ingest import load_document
    from extraction.pipeline import create_pipeline
    from extraction.resolve import SIGNATURES, resolve, resolve_relations

    nlp = create_pipeline()
    comp = nlp.get_pipe("kg_learned_relations")
    comp.enabled = False
    out = []
    golds = [load_gold(_gold_file(Path(path), gold_dirs)) for path in paths]  # all found before the work
    for path, gold in zip(paths, golds):
        doc = load_document(path)
        comp.collector = []
        ex = extract_mentions(doc, nlp)
        segs = _segments(doc, min(MAX_PIECE, nlp.max_length))
        assert len(segs) == len(comp.collector)
        entities = resolve([ex])
        entities, relations = resolve_relations([ex], entities)
        by_span = {(m.clean_start, m.clean_end): ent for ent in entities for m in ent.mentions}
        by_name: dict[str, set] = defaultdict(set)
        for e in gold["entities"]:
            for n in e["names"]:
                by_name[norm(n)].add(e["id"])
        gold_ids = {}
        for ent in entities:
            ids = set()
            for n, _lang in ent.names:
                ids |= by_name.get(norm(n), set())
            gold_ids[ent.key] = ids
        gold_rels: dict[str, set] = defaultdict(set)
        for r in gold["relations"]:
            gold_rels[r["p"]].add(_gold_key(r["s"], r["p"], r["o"]))

        def match(edge):
            s, p, o = edge
            for a in sorted(gold_ids.get(s, ())):
                for b in sorted(gold_ids.get(o, ())):
                    if _gold_key(a, p, b) in gold_rels[p]:
                        return _gold_key(a, p, b)
            return None

        def edge_of(subj, pred, obj):
            s, o = by_span.get(subj), by_span.get(obj)
            if s is None or o is None or s.key == o.key:
                return None
            st, ot = SIGNATURES[pred]
            if s.type not in st or o.type not in ot:
                return None
            a, b = s.key, o.key
            if pred == "partners_with" and b < a:
                a, b = b, a
            return (a, pred, b)

        rule_edges = {(r.subject, r.predicate, r.object): len(r.evidences) for r in relations}
        cands: list[Candidate] = []
        rule_evidence: dict = defaultdict(set)
        edge_gold: dict = {}
        for (_i, _a, s, _e), seg_cands in zip(segs, comp.collector):
            for c in seg_cands:
                subj = (s + c.subject[0], s + c.subject[1])
                obj = (s + c.object[0], s + c.object[1])
                edge = edge_of(subj, c.predicate, obj)
                if edge is None:
                    continue
                g = match(edge)
                edge_gold[edge] = g
                if c.rule is not None and edge in rule_edges:
                    rule_evidence[edge].add(len(cands))
                cands.append(Candidate(c.predicate, c.features, c.rule is not None, edge, int(g is not None)))
        for edge in rule_edges:
            edge_gold[edge] = match(edge)
        comp.collector = None
        out.append(DocData(Path(path).name, cands, rule_edges, dict(rule_evidence), edge_gold, dict(gold_rels)))
        log.info("%s: %d candidates (%d positive), %d rule edges", Path(path).name, len(cands),
                 sum(c.label for c in cands), len(rule_edges))
    return out


def score_docs(docs: Sequence[DocData], probs: Sequence[Sequence[float]], predicate: str,
               add: float | None, veto: float | None) -> PRF:
    """Relation F1 of one relation over ``docs`` (micro) when the scorer's probabilities
    ``probs`` (per document, per candidate; NaN for other relations) decide with ``add``/``veto``."""
    total = PRF(0, 0, 0)
    for d, pr in zip(docs, probs):
        edges = set()
        for edge, n in d.rule_edges.items():
            if edge[1] != predicate:
                continue
            ev = d.rule_evidence.get(edge, set())
            if veto is not None and len(ev) == n and all(pr[i] < veto for i in ev):
                continue
            edges.add(edge)
        if add is not None:
            for i, c in enumerate(d.candidates):
                if c.predicate == predicate and not c.rule and pr[i] >= add:
                    edges.add(c.edge)
        hits, fp = set(), 0
        for edge in edges:
            g = d.edge_gold.get(edge)
            if g is None:
                fp += 1
            else:
                hits.add(g)
        gold = d.gold.get(predicate, set())
        # several edges matching one gold relation count once (one entity per name in kg eval)
        total = total + PRF(len(hits & gold), fp, len(gold - hits))
    return total


def _fit(rows: list[tuple[tuple[str, ...], int, float]], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    y = [label for _, label, _ in rows]
    if len(set(y)) < 2:  # nothing to tell apart (or no document left to train on)
        return None
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats} for feats, _, _ in rows]).tocsr()
    if x.shape[1] == 0:  # no feature is common to two training documents
        return None
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0)
    clf.fit(x, y, sample_weight=[w for _, _, w in rows])
    weights = {f: float(w) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= 1e-4}
    return float(clf.intercept_[0]), weights


def _prob(model, feats) -> float:
    if model is None:
        return 0.0
    bias, weights = model
    z = bias + sum(weights.get(f, 0.0) for f in set(feats))
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _frequent(docs: Sequence[DocData], predicate: str, min_docs: int) -> set[str]:
    """The features of ``predicate``'s candidates that occur in ``min_docs`` training documents
    or more: a string seen in one document only (a rare word) is not learned."""
    counts: dict[str, int] = defaultdict(int)
    for d in docs:
        for f in {f for c in d.candidates if c.predicate == predicate for f in c.features}:
            counts[f] += 1
    return {f for f, n in counts.items() if n >= min_docs}


def _rows(docs, predicate, keep):
    """Training rows; each document weighs the same as a document of average size (a long
    report would otherwise outweigh every news article)."""
    sizes = [sum(c.predicate == predicate for c in d.candidates) for d in docs]
    mean = sum(sizes) / max(1, sum(1 for n in sizes if n))
    rows = []
    for d, n in zip(docs, sizes):
        w = (mean / n) ** DOC_BALANCE if n else 1.0
        rows += [(tuple(f for f in c.features if f in keep), c.label, w) for c in d.candidates
                 if c.predicate == predicate]
    return rows


@dataclass(frozen=True)
class PredicateReport:
    predicate: str
    rules: PRF  # the rules alone on the training documents
    cross_validated: PRF  # rules and model, held-out documents' probabilities
    c: float
    add: float | None
    veto: float | None
    enabled: bool
    positives: int
    candidates: int


def train(docs: Sequence[DocData], predicates: Sequence[str], min_gain: float = 0.01, min_docs: int = 2,
          allow_veto: bool = True):
    """Fit, cross-validate and choose thresholds. Returns the scorer and a report per relation."""
    from extraction.learned.model import PredicateModel, RelationScorer

    models, reports = {}, []
    for pred in predicates:
        keep = _frequent(docs, pred, min_docs)
        rules = score_docs(docs, [[0.5] * len(d.candidates) for d in docs], pred, None, None)
        best = (rules.f1, None, None, None, rules)
        for c in C_GRID:
            probs = []
            for k, d in enumerate(docs):  # leave one document out
                rest = [x for j, x in enumerate(docs) if j != k]
                model = _fit(_rows(rest, pred, keep), c)
                probs.append([_prob(model, cand.features) if cand.predicate == pred else float("nan")
                              for cand in d.candidates])
            for add in ADD_THRESHOLDS + (None,):
                for veto in ((None,) + VETO_THRESHOLDS if allow_veto else (None,)):
                    if add is None and veto is None:
                        continue
                    prf = score_docs(docs, probs, pred, add, veto)
                    if prf.f1 > best[0] + 1e-9:
                        best = (prf.f1, c, add, veto, prf)
        f1, c, add, veto, prf = best
        enabled = c is not None and f1 >= rules.f1 + min_gain
        final = _fit(_rows(docs, pred, keep), c if c is not None else 0.3)
        if final is not None:
            models[pred] = PredicateModel(final[0], final[1], add if enabled else None, veto if enabled else None)
        n = sum(1 for d in docs for x in d.candidates if x.predicate == pred)
        pos = sum(x.label for d in docs for x in d.candidates if x.predicate == pred)
        reports.append(PredicateReport(pred, rules, prf, c or 0.0, add, veto, enabled, pos, n))
    # documents by their id (the file name up to its first underscore): a file name can carry names
    meta = {"trained_on": sorted(document_id(d.name) for d in docs), "command": "kg train-relations",
            "cross_validation": {r.predicate: {"rules_f1": round(r.rules.f1, 3), "cv_f1": round(r.cross_validated.f1, 3),
                                               "C": r.c, "enabled": r.enabled} for r in reports}}
    return RelationScorer(models, meta), reports


def train_files(paths: Sequence[Path], gold_dirs: Sequence[Path],
                predicates: Sequence[str] | None = None, min_gain: float = 0.01, allow_veto: bool = True):
    from extraction.learned.features import PREDICATES

    if not paths:
        raise KgError("no training documents given")
    docs = collect(paths, gold_dirs)
    scorer, reports = train(docs, predicates or PREDICATES, min_gain=min_gain, allow_veto=allow_veto)
    return scorer, reports
