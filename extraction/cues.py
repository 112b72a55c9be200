"""Context cues (``extraction/data/cues.tsv``): words around a name that say what it names."""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path


@lru_cache(maxsize=2)
def load_cues(path: str | None = None) -> dict[str, frozenset[str]]:
    p = Path(path) if path else Path(str(files("extraction") / "data" / "cues.tsv"))
    with open(p, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    assert header == ["cue", "kind"], f"{p}: bad header {header}"
    out: dict[str, set[str]] = defaultdict(set)
    for cue, kind in reader:
        out[kind].add(cue)
    return {k: frozenset(v) for k, v in out.items()}
