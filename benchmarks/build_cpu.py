#!/usr/bin/env python
"""Kiwi alone, pass 1 and ``kg build`` timed by three clocks (a script, not a test).

For a shared machine, where wall time varies with other people's jobs: each round times
Kiwi alone over the article texts, pass 1 (``kg.parallel.extract_many`` in this process) and
``kg.build.build`` to a TriG file, by wall time, the CPU time of the whole process (every
thread: the analyser's helper thread of ``extraction.analysis_ahead`` too) and the CPU time
of the main thread alone (a build cannot take less wall time than that). Models are loaded
and warmed up first (``bench.load_models``).

Usage (repository root, project venv; to time another tree, a ``git archive`` copy, run it
with ``PYTHONPATH=COPY python COPY/benchmarks/build_cpu.py``)::

    python benchmarks/build_cpu.py --corpus ../shared/corpus --rounds 2
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

import bench  # noqa: E402  (load_models, article_texts)


def clocks(fn) -> tuple[float, float, float]:
    """(wall, process CPU, main-thread CPU) seconds of ``fn()``."""
    w, c, m = time.perf_counter(), time.process_time(), time.thread_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c, time.thread_time() - m


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=None, help="default: ../shared/corpus, else the sample")
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    corpus = (args.corpus or bench.default_corpus()).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        _, h = bench.load_models(Path(tmp))
    from kg.parallel import extract_many

    files = h["collect_sources"]([corpus])
    texts = [t for f in files for t in bench.article_texts(h["load_document"](f))]
    kiwi = h["kiwi"]
    print("| round | Kiwi alone (wall / CPU) | pass 1 (wall / CPU / main thread) | "
          "kg build (wall / CPU / main thread) | Kiwi / build: wall, CPU, main thread |")
    print("|---|---|---|---|---|")
    for r in range(1, args.rounds + 1):
        k = clocks(lambda: [kiwi.tokenize(t) for t in texts])
        p1 = clocks(lambda: list(extract_many(files, 1)))
        with tempfile.TemporaryDirectory() as out:
            b = clocks(lambda: h["build"](files, Path(out) / "graph.trig"))
        print(f"| {r} | {k[0]:.2f} / {k[1]:.2f} | {p1[0]:.2f} / {p1[1]:.2f} / {p1[2]:.2f} | "
              f"{b[0]:.2f} / {b[1]:.2f} / {b[2]:.2f} | {k[0] / b[0]:.0%}, {k[1] / b[1]:.0%}, "
              f"{k[1] / b[2]:.0%} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
