#!/usr/bin/env python
"""How fast kg reads a graph file (a script, not a test; markdown on stdout, progress on stderr).

For a built graph (``../shared/corpus`` built once, or ``--graph``) and copies of it scaled to
more entities (``benchmarks/view_scale.py``'s ``scale_graph``: renamed copies joined at shared
places and hubs), best of ``--repeat`` runs in this process:

* rdflib's parser into an rdflib ``Dataset`` (how every command read a graph file before);
* ``kg.graph_io.read_graph``: pyoxigraph's parser, the dataset filled in bulk (``kg query``,
  ``kg show``, ``kg validate``, fact tables);
* ``kg.graph_io.as_quads``: pyoxigraph's parser into a quad index (``kg view``, ``kg export``
  of a network);
* ``to_network`` on the quad index, for scale (what ``kg export`` does after reading).

    python benchmarks/read_bench.py                      # the corpus graph, 5000 and 20000 entities
    python benchmarks/read_bench.py --graph g.trig --scales 0 --repeat 3
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))


def log(msg: str) -> None:
    print(f"[read_bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def best(fn, repeat: int) -> tuple[float, object]:
    out, secs = None, float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        secs = min(secs, time.perf_counter() - t0)
    return secs, out


def measure(path: Path, repeat: int) -> dict:
    from rdflib import Dataset

    from kg.exports.network import to_network
    from kg.graph_io import as_quads, format_for, read_graph

    def rdflib_parse():
        ds = Dataset()
        ds.parse(path, format=format_for(path))
        return ds

    t_rdflib, ds = best(rdflib_parse, repeat)
    t_read, _ = best(lambda: read_graph(path), repeat)
    t_quads, quads = best(lambda: as_quads(path), repeat)
    t_net, net = best(lambda: to_network(quads), repeat)
    return {"graph": path.name, "mb": path.stat().st_size / 1e6, "quads": len(quads),
            "entities": net.number_of_nodes(), "rdflib": t_rdflib, "read_graph": t_read,
            "as_quads": t_quads, "network": t_net}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--graph", help="a built graph (.trig or .nq; default: build ../shared/corpus)")
    p.add_argument("--scales", default="5000,20000", help="entities of the scaled copies (0: none)")
    p.add_argument("--share", type=float, default=0.08)
    p.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is reported")
    p.add_argument("--out", help="folder for the graphs (default: a temporary folder)")
    args = p.parse_args(argv)
    import view_scale

    tmp = tempfile.TemporaryDirectory(prefix="kg-read-bench-")
    out = Path(args.out or tmp.name)
    out.mkdir(parents=True, exist_ok=True)
    base = view_scale.base_graph(args, out)
    graphs = [base]
    for n in (int(x) for x in args.scales.split(",") if x.strip() and int(x) > 0):
        scaled = out / f"scaled-{n}.nq"
        if not scaled.exists():
            log(f"scaling {base.name} to {n} entities")
            view_scale.scale_graph(base, n, scaled, args.share)
        graphs.append(scaled)
    rows = []
    for g in graphs:
        log(f"reading {g.name}")
        rows.append(measure(g, args.repeat))
    print(f"Best of {args.repeat} runs per cell, seconds.\n")
    print("| graph | MB | quads | entities | rdflib parse | read_graph (dataset) | as_quads (index) | "
          "to_network |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['graph']} | {r['mb']:.1f} | {r['quads']:,} | {r['entities']:,} | {r['rdflib']:.2f} | "
              f"{r['read_graph']:.2f} ({r['rdflib'] / r['read_graph']:.1f}×) | "
              f"{r['as_quads']:.2f} ({r['rdflib'] / r['as_quads']:.1f}×) | {r['network']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
