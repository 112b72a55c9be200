"""Adding documents to a store one at a time against building them together (issue 14).

    python benchmarks/incremental_bench.py [FILES_OR_FOLDERS ...]   (default: ../shared/corpus reports)

Prints the store's entity and relation counts both ways, whether every named graph is the
same quad for quad, and the time of each add. One warm-up build first, so that the
analysers have read the documents once in this process whichever order comes next.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.build import build, collect_sources
from kg.incremental import snapshot
from kg.store import open_store

REPO = Path(__file__).resolve().parents[1]


def quads(store: Path) -> set:
    with open_store(store, read_only=True) as st:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in st.store}


def counts(store: Path) -> tuple[int, int]:
    with open_store(store, read_only=True) as st:
        entities, relations = snapshot(st)
    return len(entities), len(relations)


def main(argv: list[str]) -> None:
    sources = argv or sorted(str(p) for p in (REPO.parent / "shared" / "corpus").glob("*.txt"))
    files = collect_sources(sources)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(files, store=tmp / "warm-up", workers=1)
        t0 = time.perf_counter()
        build(files, store=tmp / "together", workers=1)
        together_s = time.perf_counter() - t0
        print(f"all at once: {len(files)} documents in {together_s:.1f} s")
        for path in files:
            t0 = time.perf_counter()
            summary = build([path], store=tmp / "one-by-one", workers=1)
            print(f"  add {path.name}: {time.perf_counter() - t0:.1f} s, {summary.store_change.describe()}, "
                  f"{summary.store_change.graphs_rewritten} older graph(s) rewritten")
        a, b = counts(tmp / "together"), counts(tmp / "one-by-one")
        print(f"entities / relations: all at once {a[0]} / {a[1]}, one at a time {b[0]} / {b[1]}")
        print("named graphs identical quad for quad:", quads(tmp / "together") == quads(tmp / "one-by-one"))


if __name__ == "__main__":
    main(sys.argv[1:])
