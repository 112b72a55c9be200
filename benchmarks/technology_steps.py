"""Precision and recall of each step of kg's technology model, against gold annotations.

    python benchmarks/technology_steps.py GOLD_DIR DOC...        # one table, micro over the docs
    python benchmarks/technology_steps.py ../shared/gold ../shared/corpus/001_*.txt --list

The steps, in the order the pipeline runs them:

1. ``candidates``: every Technology candidate any component proposed (reference terms,
   compositional terms) — the recall ceiling of everything after it;
2. ``selected``: what survives the arbiter's overlap choice (and propagation);
3. ``salient``: what the arbiter keeps after its technology filters (sentence context,
   industries and product categories, salience) — the mentions a document yields;
4. ``resolved``: Technology entities after resolution;
5. ``kept``: after the build-level filter (:func:`extraction.resolve.drop_passing_technologies`),
   which is what ``kg eval`` scores (numbers can differ from it slightly: ``kg eval`` reads
   the names written to the graph).

A predicted item is one distinct name (by the scorer's normalisation) or one resolved entity;
it is a true positive when one of its names is a gold Technology name. Each gold entity counts
once. A step's recall can only fall along the chain; a filter's precision gain is read against
the recall it costs. ``--list`` prints what each step lost and what stayed wrong.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

_STRIP = re.compile(r"[\s()\[\]·.,'\"\-_（）]+")


def norm(s: str) -> str:  # the normalisation of ../shared/eval/score.py
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(s)).lower())


def gold_technologies(gold_path: Path) -> dict[str, set[str]]:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    return {e["id"]: {norm(n) for n in e["names"]} for e in data["entities"] if e["type"] == "Technology"}


def score(items: list[set[str]], gold: dict[str, set[str]]) -> tuple[int, int, int, set[str], list[set[str]]]:
    """(tp, fp, fn, matched gold ids, false-positive items) for predicted items (sets of names)."""
    matched: set[str] = set()
    fps = []
    tp = 0
    for names in items:
        hit = [g for g, gn in gold.items() if names & gn]
        if hit:
            new = [g for g in hit if g not in matched]
            if new:
                matched.add(new[0])
                tp += 1
            # an item matching an already matched gold entity is a duplicate, not an error
        else:
            fps.append(names)
    return tp, len(fps), len(gold) - len(matched), matched, fps


def stage_items(path: Path):
    from extraction.candidates import candidates
    from extraction.extract import extract_mentions
    from extraction.ingest import load_document
    from extraction.pipeline import get_pipeline
    from extraction.resolve import drop_passing_technologies, resolve, resolve_relations

    nlp = get_pipeline()
    arbiter = nlp.get_pipe("kg_entities")
    doc = load_document(path)
    stages: dict[str, dict[str, set[str]]] = {"candidates": {}, "selected": {}, "salient": {}}
    spans = [(a.start, a.end) for a in doc.articles] or [(0, len(doc.text))]
    for (s, e), sdoc in zip(spans, nlp.pipe(doc.text[s:e] for s, e in spans)):
        text = sdoc.text
        cands = [c for c in candidates(sdoc)]
        chosen = arbiter._select(cands)
        chosen += arbiter._propagate(sdoc, chosen)
        for stage, cs in (("candidates", cands), ("selected", chosen),
                          ("salient", [m for m in sdoc._.kg_mentions or ()])):
            for c in cs:
                if c.label == "Technology":
                    key = c.ref_id or norm(text[c.start:c.end])
                    stages[stage].setdefault(key, set()).add(norm(text[c.start:c.end]))
    ex = extract_mentions(doc, nlp)
    entities = resolve([ex])
    entities, relations = resolve_relations([ex], entities)
    kept = drop_passing_technologies(entities, relations, {ex.document.doc_id: ex.characters})
    out = {k: list(v.values()) for k, v in stages.items()}
    out["resolved"] = [{norm(m.text) for m in ent.mentions} for ent in entities if ent.type == "Technology"]
    out["kept"] = [{norm(m.text) for m in ent.mentions} for ent in kept if ent.type == "Technology"]
    return out


STAGES = ("candidates", "selected", "salient", "resolved", "kept")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("docs", nargs="+", type=Path)
    ap.add_argument("--list", action="store_true", help="print the gold lost and the false positives per step")
    args = ap.parse_args(argv)
    totals = {s: [0, 0, 0] for s in STAGES}
    for path in args.docs:
        gold_path = args.gold_dir / (path.stem + ".json")
        if not gold_path.exists():
            print(f"{path}: no gold file {gold_path}", file=sys.stderr)
            return 2
        gold = gold_technologies(gold_path)
        items = stage_items(path)
        prev_matched = set(gold)
        for stage in STAGES:
            tp, fp, fn, matched, fps = score(items[stage], gold)
            for i, v in enumerate((tp, fp, fn)):
                totals[stage][i] += v
            if args.list:
                lost = sorted(prev_matched - matched)
                print(f"{path.name} {stage}: tp={tp} fp={fp} fn={fn}; lost {lost}")
                if stage in ("salient", "kept"):
                    print("   FP " + " | ".join(sorted(min(n) for n in fps)))
            prev_matched = matched
    print("| step | tp | fp | fn | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|")
    for stage in STAGES:
        tp, fp, fn = totals[stage]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {stage} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
