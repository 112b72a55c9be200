#!/usr/bin/env python
"""kg serve benchmark: latency of every preset over HTTP and throughput with concurrent
clients, on the sample-corpus store and on a store of about 1M triples (a script, not a
test).

1. **Stores**: the sample corpus (``kg/data/sample``) and ``../shared/corpus`` (else the
   sample again) are built once with ``kg build`` (``--sample-graph`` / ``--graph`` reuse
   built ``.trig``/``.nq`` files); the second is replicated with renamed entities to about
   ``--triples`` triples by ``store_bench.scale_graph``; each is bulk-loaded into a kg store
   (document graphs and their union, as ``kg build --store`` keeps them).
2. **Server**: ``kg.server.create_server`` on 127.0.0.1 (an ephemeral port), ``--workers``
   query workers, default limits, in this process; clients are threads with one keep-alive
   HTTP/1.1 connection each.
3. **Latency**: every preset (parameters chosen as in ``store_bench``: the entity with most
   results, named by its Korean label) plus a one-row SPARQL query, ``--repeat`` sequential
   requests after one warm-up: p50 and p99 in ms, end to end (name lookup, the store opened
   by the worker, results written as SPARQL JSON), and the explorer's search, entity page
   and neighbourhood for the entity with the most partners.
4. **Throughput**: ``--clients`` threads (default 8) sending the presets and the SPARQL
   query in turn for ``--seconds``: requests per second, p50/p99 under that load, and
   errors (must be 0). (The explorer's first search in each worker builds its name index,
   a few seconds at 1M triples: it is measured in the sequential rows, after a warm-up.)

Usage (from the repository root, in the project's venv)::

    python benchmarks/serve_bench.py
    python benchmarks/serve_bench.py --sample-graph /tmp/sample.trig --graph /tmp/corpus.nq --triples 1000000
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE.parent))

import store_bench  # noqa: E402  (scale_graph, choose_parameters, base_graph)


def log(msg: str) -> None:
    print(f"[serve_bench] {msg}", file=sys.stderr, flush=True)


def built(path: str | None, corpus: Path, tmp: Path, name: str) -> Path:
    if path:
        return Path(path)
    from kg.build import build

    out = tmp / f"{name}.nq"
    log(f"building {corpus} -> {out}")
    build([corpus], out)
    return out


def load_store(nq: Path, folder: Path) -> int:
    import pyoxigraph as ox

    from kg.store import MARKER

    st = ox.Store(str(folder))
    st.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    st.flush()
    n = len(st)
    del st
    (folder / MARKER).write_text(json.dumps({"format": "kg-store", "version": 1}), encoding="utf-8")
    return n


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


class Client:
    def __init__(self, host: str, port: int):
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def get(self, path: str) -> tuple[int, float]:
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        r = self.conn.getresponse()
        r.read()
        return r.status, (time.perf_counter() - t0) * 1000


def requests_for(params: dict) -> dict[str, str]:
    paths = {name: f"/preset/{name}?" + urlencode(p) for name, p in params.items()}
    paths["sparql (1 row)"] = "/sparql?" + urlencode({"query": "SELECT ?c WHERE { ?c a kg:Company } LIMIT 1"})
    return paths


def measure(store: Path, params: dict, args) -> dict:
    from kg.server import ServeSettings, create_server

    t0 = time.perf_counter()
    server = create_server(ServeSettings(port=0, workers=args.workers), store=store)
    started = time.perf_counter() - t0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.httpd.server_address[:2]
    paths = requests_for(params)
    out: dict = {"start_s": started, "latency": {}}
    try:
        client = Client(host, port)
        # the explorer: a search by name and the entity page (evidence included) of the
        # entity with the most partners
        name = params["partners-of"]["entity"]
        client.conn.request("GET", "/api/search?" + urlencode({"q": name}))
        ident = json.loads(client.conn.getresponse().read())["results"][0]["id"]
        paths["explorer search"] = "/api/search?" + urlencode({"q": name})
        paths["explorer entity page"] = "/api/entity/" + quote(ident, safe="")
        paths["explorer neighbours"] = "/api/neighbours/" + quote(ident, safe="")
        for name, path in paths.items():
            status, _ = client.get(path)  # warm-up
            if status != 200:
                raise SystemExit(f"{name}: HTTP {status}")
            times = []
            for _ in range(args.repeat):
                status, ms = client.get(path)
                assert status == 200
                times.append(ms)
            out["latency"][name] = (statistics.median(times), percentile(times, 99))
            log(f"{name}: p50 {out['latency'][name][0]:.1f} ms")
        ordered = [path for name, path in paths.items() if not name.startswith("explorer")]
        times_all: list[float] = []
        errors = [0]
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds

        def run(i: int):
            c = Client(host, port)
            k = i
            mine = []
            while time.perf_counter() < stop:
                status, ms = c.get(ordered[k % len(ordered)])
                k += 1
                if status != 200:
                    with lock:
                        errors[0] += 1
                mine.append(ms)
            with lock:
                times_all.extend(mine)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        out["throughput"] = {"requests": len(times_all), "per_s": len(times_all) / wall,
                             "p50": statistics.median(times_all), "p99": percentile(times_all, 99),
                             "errors": errors[0]}
    finally:
        server.shutdown()
    return out


def report(results: dict, args) -> str:
    names = list(next(iter(results.values()))["latency"])
    cols = list(results)
    lines = [f"x86_64 {os.cpu_count()} CPUs, Python {platform.python_version()}; {args.workers} workers, "
             f"{args.repeat} sequential requests per row, p50 / p99 ms end to end", "",
             "| request | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for name in names:
        cells = [f"{results[c]['latency'][name][0]:.1f} / {results[c]['latency'][name][1]:.1f}" for c in cols]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    lines.append(f"| **{args.clients} concurrent clients** (presets and SPARQL): requests/s | "
                 + " | ".join(f"{results[c]['throughput']['per_s']:.0f}" for c in cols) + " |")
    lines.append("| … p50 / p99 ms under that load | "
                 + " | ".join(f"{results[c]['throughput']['p50']:.1f} / {results[c]['throughput']['p99']:.1f}"
                              for c in cols) + " |")
    lines.append("| … errors | " + " | ".join(str(results[c]['throughput']['errors']) for c in cols) + " |")
    lines.append("| server start (s) | " + " | ".join(f"{results[c]['start_s']:.1f}" for c in cols) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample-graph", help="the sample corpus already built (.trig or .nq)")
    ap.add_argument("--graph", help="the corpus to scale, already built (.trig or .nq)")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    try:
        return run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: Path) -> int:
    sample = built(args.sample_graph, REPO / "kg" / "data" / "sample", tmp, "sample")
    corpus_dir = store_bench.SHARED_CORPUS if store_bench.SHARED_CORPUS.is_dir() else REPO / "kg" / "data" / "sample"
    corpus = built(args.graph, corpus_dir, tmp, "corpus")
    results = {}
    for label, base, target in (("sample store", sample, 0), ("~1M triples", corpus, args.triples)):
        nq, named = tmp / f"{label[:6]}-union.nq", tmp / f"{label[:6]}-named.nq"
        counts = store_bench.scale_graph(base, target, nq, named)
        folder = tmp / f"store-{label[:6]}"
        quads = load_store(nq, folder)
        params = store_bench.choose_parameters(base)
        # the scaled copies rename labels from copy 1 on: copy 0 keeps the corpus's names
        name = f"{label} ({counts['triples']:,} triples)"
        log(f"{name}: {quads:,} quads in the store; presets {params}")
        results[name] = measure(folder, params, args)
    text = report(results, args)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
