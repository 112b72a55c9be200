#!/usr/bin/env python
"""How fast ``kg query FILE`` answers, before and after graph files were queried in Oxigraph
(a script, not a test; markdown on stdout, progress on stderr).

For the dev-corpus graph (``../shared/corpus`` built once, or ``--graph``) and copies of it
replicated to about ``--triples`` (``store_bench.quad_copier``: entities, documents and
graphs renamed per copy), each query below runs as the command a user types
(``kg query FILE … --format csv --timeout 0``, output discarded) with the code of two
versions of kg:

* **before**: kg at ``--before`` (default ``HEAD``: the last commit; give the commit before
  the change once it is committed), taken out with ``git archive`` into a temporary folder
  and put first on ``PYTHONPATH``: the file is read into an rdflib dataset and rdflib's
  SPARQL answers;
* **after**: the working tree: the file is loaded into an in-memory pyoxigraph store
  (``kg.memory_graph``) and Oxigraph answers.

Each cell is the wall time of the whole command (start-up, reading the file, the query,
writing the rows; best of ``--repeat``) and the peak resident memory of its largest
process (the query's child process: ``ru_maxrss`` of the command's descendants).

    python benchmarks/query_bench.py                          # corpus graph and ~1M triples
    python benchmarks/query_bench.py --before 3f60757 --triples 0 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(REPO))

QUERIES = {
    "companies (ko names)": ["SELECT ?c ?name WHERE { ?c a kg:Company ; skos:prefLabel ?name . "
                             'FILTER(lang(?name) = "ko") }'],
    "count triples": ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    "triples per graph": ["SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g "
                          "ORDER BY DESC(?n) LIMIT 10"],
    "preset investors-of": ["--preset", "investors-of", "--param", "entity=텐센트"],
}

# run a command, then print its wall time and the peak RSS (KB) of its largest descendant
_MEASURE = ("import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "s = time.perf_counter() - t\n"
            "print(r.returncode, s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.stderr.write(r.stderr.decode('utf-8', 'replace')[-2000:])\n")


def log(msg: str) -> None:
    print(f"[query_bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def checkout(rev: str, into: Path) -> Path:
    """kg's packages at ``rev`` (``git archive``) in ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "kg", "extraction", "ontology"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_query(code: Path, graph: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MB) of ``kg query GRAPH ARGS`` with kg's code from ``code``."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "kg.cli", "query", str(graph), *args,
           "--format", "csv", "--timeout", "0"]
    out = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)  # cwd: not the repo,
    code_, secs, rss = out.stdout.split()                                        # whose kg would win
    if code_ != "0":
        raise SystemExit(f"kg query failed ({code_}): {out.stderr.strip()}")
    return float(secs), int(rss) / 1024


def replicate(base: Path, target: int, out: Path) -> dict:
    """``base`` copied with renamed entities, documents and graphs to about ``target`` triples,
    as N-Quads in ``out``."""
    import pyoxigraph as ox
    from store_bench import quad_copier, read_named_quads

    quads = read_named_quads(base)
    copies = max(1, round(target / len(quads)))
    copy = quad_copier()
    part = out.with_name(out.name + ".part")  # an interrupted run leaves no half graph behind
    ox.serialize((copy(q, i) for i in range(copies) for q in quads), output=str(part),
                 format=ox.RdfFormat.N_QUADS)
    part.replace(out)
    return {"copies": copies, "quads": len(quads) * copies}


def base_graph(args, tmp: Path) -> Path:
    if args.graph:
        return Path(args.graph).resolve()
    from kg.build import build

    out = tmp / "corpus.trig"
    if not out.exists():
        log(f"building {args.corpus} -> {out}")
        build([Path(args.corpus)], out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--graph", help="a built graph (default: build --corpus)")
    p.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    p.add_argument("--triples", type=int, default=1_000_000, help="size of the replicated graph (0: none)")
    p.add_argument("--before", default="HEAD", help="the kg version to compare with (a git revision)")
    p.add_argument("--repeat", type=int, default=2, help="runs per cell; the best is reported")
    p.add_argument("--repeat-large", type=int, default=1, help="runs per cell on the replicated graph")
    p.add_argument("--out", help="folder for the graphs (default: a temporary folder)")
    p.add_argument("--json", help="also write the measurements here")
    args = p.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="kg-query-bench-")
    work = Path(tmp.name)
    out = Path(args.out).resolve() if args.out else work
    out.mkdir(parents=True, exist_ok=True)
    before = checkout(args.before, work / "before")
    base = base_graph(args, out)
    graphs = [(base, args.repeat)]
    if args.triples > 0:
        big = out / f"replicated-{args.triples}.nq"
        if not big.exists():
            log(f"replicating {base.name} to about {args.triples:,} triples")
            replicate(base, args.triples, big)
        graphs.append((big, args.repeat_large))
    results = []
    for graph, repeat in graphs:
        for label, qargs in QUERIES.items():
            row = {"graph": graph.name, "mb": graph.stat().st_size / 1e6, "query": label}
            for side, code in (("before", before), ("after", REPO)):
                runs = [run_query(code, graph, qargs, work) for _ in range(repeat)]
                row[side] = min(r[0] for r in runs)
                row[f"{side}_mb"] = max(r[1] for r in runs)
                log(f"{graph.name} {label} {side}: {row[side]:.2f} s, {row[f'{side}_mb']:.0f} MB")
            results.append(row)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"`kg query FILE … --format csv --timeout 0`, whole command; before = kg {args.before} "
          f"(rdflib), after = working tree (Oxigraph). Best of {args.repeat} (replicated graph: "
          f"{args.repeat_large}); peak RSS of the query process.\n")
    print("| graph | MB | query | before s | after s | speed-up | before peak MB | after peak MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['graph']} | {r['mb']:.0f} | {r['query']} | {r['before']:.2f} | {r['after']:.2f} | "
              f"{r['before'] / r['after']:.1f}× | {r['before_mb']:.0f} | {r['after_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
