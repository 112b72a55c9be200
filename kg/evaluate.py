"""``kg eval``: build documents and score them against gold annotations.

Scoring follows the shared scorer's rules exactly (see ``score_graph``): entities are
matched by any name after NFKC, lower-casing and removing spaces and ``()[]·.,'"-_``;
each gold entity matches at most once per type; relations are document-level sets and
``partners_with`` is symmetric. The headline is entity micro-F1 over Company, Investor,
City and Park, Technology F1 on its own, and relation micro-F1 over the four relations.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from rdflib import Graph, Literal, RDF, URIRef

from .errors import KgError

CORE = ("Company", "Investor", "City", "Park")
ALL_TYPES = CORE + ("Technology", "Organization", "Region", "Product")
SCORED_TYPES = ALL_TYPES[:5]
RELS = {"investsin": "invests_in", "locatedin": "located_in",
        "partnerswith": "partners_with", "develops": "develops"}
LABEL_LOCALS = {"label", "preflabel", "altlabel", "name", "alternatename", "hiddenlabel"}
_STRIP = re.compile(r"[\s()\[\]·.,'\"\-_（）]+")


def norm(s: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(s)).lower())


def _local(iri) -> str:
    return re.split(r"[#/:]", str(iri))[-1]


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class ScoreReport:
    document: str
    types: dict[str, PRF]
    relations: dict[str, PRF]
    false_positives: tuple[tuple[str, ...], ...] = field(default=())
    false_negatives: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def entity_core(self) -> PRF:
        return sum((self.types[t] for t in CORE), PRF(0, 0, 0))

    @property
    def technology(self) -> PRF:
        return self.types["Technology"]

    @property
    def relation_all(self) -> PRF:
        return sum(self.relations.values(), PRF(0, 0, 0))


def read_prediction(g: Graph):
    """Types, normalised names and relations of a graph, read by local names."""
    types: dict = defaultdict(set)
    for s, o in g.subject_objects(RDF.type):
        ln = _local(o).lower()
        for t in ALL_TYPES:
            if ln == t.lower():
                types[s].add(t)
    names: dict = defaultdict(set)
    display: dict = defaultdict(set)
    for s, p, o in g:
        if isinstance(o, Literal) and _local(p).lower() in LABEL_LOCALS:
            n = norm(o)
            if n:
                names[s].add(n)
                display[s].add(str(o))
    rels = set()
    for s, p, o in g:
        key = _local(p).lower().replace("_", "").replace("-", "")
        if key in RELS and isinstance(o, URIRef):
            rels.add((s, RELS[key], o))
    return types, names, display, rels


def score_graph(g: Graph, gold: dict) -> ScoreReport:
    """Score one document's graph against its gold annotation."""
    types, names, display, rels = read_prediction(g)
    gold_types: dict[str, set] = {}
    by_name: dict = defaultdict(set)
    gold_names: dict[str, list] = {}
    for e in gold["entities"]:
        gold_types[e["id"]] = {e["type"]} | set(e.get("roles", []))
        gold_names[e["id"]] = e["names"]
        for n in e["names"]:
            by_name[norm(n)].add(e["id"])
    link = {}
    for node, ns in names.items():
        hits = set()
        for n in ns:
            hits |= by_name.get(n, set())
        if hits:
            link[node] = hits

    def shown(node) -> str:
        return " / ".join(sorted(display.get(node, {str(node)}))[:3])

    fps: list[tuple[str, ...]] = []
    fns: list[tuple[str, ...]] = []
    type_scores = {}
    for t in SCORED_TYPES:
        gold_t = {i for i, ts in gold_types.items() if t in ts}
        pred_t = sorted((n for n, ts in types.items() if t in ts), key=str)
        matched, fp = set(), 0
        for node in pred_t:
            cands = [i for i in link.get(node, ()) if i in gold_t and i not in matched]
            if cands:
                matched.add(sorted(cands)[0])
            else:
                fp += 1
                fps.append((t, shown(node)))
        missing = gold_t - matched
        fns.extend((t, i, " / ".join(gold_names[i][:3])) for i in sorted(missing))
        type_scores[t] = PRF(len(matched), fp, len(missing))

    def key(s, p, o):
        return (min(s, o), p, max(s, o)) if p == "partners_with" else (s, p, o)

    gold_rels: dict = defaultdict(set)
    evidence = {}
    for r in gold["relations"]:
        k = key(r["s"], r["p"], r["o"])
        gold_rels[r["p"]].add(k)
        evidence[k] = r.get("evidence", "")
    pred_rels: dict = defaultdict(set)
    unlinked: dict = defaultdict(int)
    for s, p, o in sorted(rels, key=str):
        ss, oo = link.get(s), link.get(o)
        if not ss or not oo:
            unlinked[p] += 1
            fps.append((p, shown(s), shown(o), "(unlinked)"))
            continue
        cands = [key(a, p, b) for a in sorted(ss) for b in sorted(oo)]
        hit = [c for c in cands if c in gold_rels[p]]
        pred_rels[p].add(hit[0] if hit else cands[0])
    rel_scores = {}
    for p in RELS.values():
        tp = len(pred_rels[p] & gold_rels[p])
        fp_set = pred_rels[p] - gold_rels[p]
        fn_set = gold_rels[p] - pred_rels[p]
        fps.extend((p, k[0], k[2]) for k in sorted(fp_set))
        fns.extend((p, k[0], k[2], evidence.get(k, "")) for k in sorted(fn_set))
        rel_scores[p] = PRF(tp, len(fp_set) + unlinked[p], len(fn_set))
    return ScoreReport(gold.get("doc", ""), type_scores, rel_scores, tuple(fps), tuple(fns))


def load_gold(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KgError(f"{path}: not a readable gold JSON file ({exc})") from None
    if not isinstance(data, dict) or "entities" not in data or "relations" not in data:
        raise KgError(f"{path}: expected a JSON object with 'entities' and 'relations'")
    return data


def gold_for(document: Path, gold_dir: Path) -> Path:
    path = gold_dir / (document.stem + ".json")
    if not path.exists():
        raise KgError(f"{document}: no gold file {path.name} in {gold_dir}; "
                      "gold files are named like their document with .json")
    return path


def evaluate(sources: Sequence[Path], gold_dir: Path) -> list[ScoreReport]:
    """Build each document on its own and score it against ``gold_dir/<stem>.json``."""
    from .build import build_dataset, collect_sources

    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise KgError(f"{gold_dir}: gold folder does not exist")
    reports = []
    for path in collect_sources(sources):
        gold = load_gold(gold_for(path, gold_dir))
        dataset, _ = build_dataset([path])
        g = Graph()
        for s, p, o, _ctx in dataset.quads((None, None, None, None)):
            g.add((s, p, o))
        report = score_graph(g, gold)
        reports.append(ScoreReport(path.name, report.types, report.relations,
                                   report.false_positives, report.false_negatives))
    return reports


def _line(name: str, m: PRF) -> str:
    return (f"  {name:14s} P={m.p:.3f} R={m.r:.3f} F1={m.f1:.3f}  "
            f"(tp={m.tp} fp={m.fp} fn={m.fn})")


def format_report(reports: Sequence[ScoreReport], errors: bool = False) -> str:
    lines = []
    for rep in reports:
        lines.append(f"{rep.document}")
        for t, m in rep.types.items():
            lines.append(_line(t, m))
        for p, m in rep.relations.items():
            lines.append(_line(p, m))
        lines.append(f"  entity_core_f1={rep.entity_core.f1:.3f} "
                     f"technology_f1={rep.technology.f1:.3f} relation_f1={rep.relation_all.f1:.3f}")
        if errors:
            lines.extend("  FP " + " | ".join(e) for e in rep.false_positives)
            lines.extend("  FN " + " | ".join(e) for e in rep.false_negatives)
    if len(reports) > 1:
        core = sum((r.entity_core for r in reports), PRF(0, 0, 0))
        tech = sum((r.technology for r in reports), PRF(0, 0, 0))
        rel = sum((r.relation_all for r in reports), PRF(0, 0, 0))
        lines.append(f"all documents (micro): entity_core_f1={core.f1:.3f} "
                     f"technology_f1={tech.f1:.3f} relation_f1={rel.f1:.3f}")
    return "\n".join(lines)
