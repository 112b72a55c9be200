#!/usr/bin/env python
"""Store benchmark: pyoxigraph (kg's store) against rdflib's memory store at ~1M triples
(a script, not a test).

1. **Graph**: the corpus is built once with ``kg build`` (``../shared/corpus`` when present,
   else the sample corpus; ``--graph FILE`` reuses a built graph), then replicated into an
   N-Quads file of about ``--triples`` triples: copy *i* renames every entity, document
   and named-graph IRI (suffix ``-c<i>``) and every label (`` <i>`` appended, its
   ``kg:nameKey`` accordingly), so the copies are separate documents about separate
   entities, as a larger corpus would be.
2. **Load and memory**, each in a fresh process: pyoxigraph ``Store(dir).bulk_load`` of
   the N-Quads file into a new store; opening that store and running the presets (what a
   ``kg query --store`` process costs); rdflib ``Dataset().parse`` and the presets (what
   querying a graph file costs: every process parses it). Seconds, peak RSS (VmHWM)
   above the RSS after imports, the store's size on disk.
3. **Presets**: every preset through ``kg.presets.run_preset`` (name lookup included) on
   both stores, with parameters chosen on the corpus graph as the entity with the most
   results (path-between: from the most connected entity to the entity farthest from it),
   named by their labels in one middle copy; median of ``--repeat`` runs after one warm-up
   run (rdflib: of ``--repeat-rdflib``).
4. **kg's write path** on the corpus graph, against pyoxigraph's bulk load of the same quads:
   ``KgStore.replace_graph`` per document graph (documents added one at a time) and one
   ``KgStore.apply`` of them all (``kg build --store``) into new stores, then again unchanged
   (nothing to write) — wall and CPU µs per triple.

Usage (from the repository root, in the project's venv)::

    python benchmarks/store_bench.py                       # ~1M triples, both stores
    python benchmarks/store_bench.py --graph /tmp/shared.trig --triples 200000
    python benchmarks/store_bench.py --skip-rdflib --json store.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
SHARED_CORPUS = HERE.parents[2] / "shared" / "corpus"
TARGET_MS = 50.0
sys.path.insert(0, str(REPO))


def log(msg: str) -> None:
    print(f"[store_bench] {msg}", file=sys.stderr, flush=True)


def maxrss_mb() -> float:
    """Peak RSS of this process: VmHWM where Linux has it (``ru_maxrss`` carries the parent's
    peak across fork and exec, and the parent may have loaded the extraction models),
    else ``getrusage``."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 / 1024 if sys.platform == "darwin" else r / 1024


def rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        return maxrss_mb()


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024


# --------------------------------------------------------------------------- graph


def base_graph(args, tmp: Path) -> Path:
    if args.graph:
        return Path(args.graph)
    from kg.build import build

    corpus = Path(args.corpus) if args.corpus else (SHARED_CORPUS if SHARED_CORPUS.is_dir()
                                                     else REPO / "kg" / "data" / "sample")
    out = tmp / "corpus.nq"
    log(f"building {corpus} -> {out}")
    t0 = time.perf_counter()
    build([corpus], out)
    log(f"built in {time.perf_counter() - t0:.1f}s")
    return out


def read_named_quads(base: Path) -> list:
    """The quads of a .trig or .nq graph file (named graphs are needed), by pyoxigraph."""
    import pyoxigraph as ox

    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(base.suffix)
    if fmt is None:
        raise SystemExit(f"{base}: give a .trig or .nq graph (named graphs are needed)")
    return list(ox.parse(path=str(base), format=fmt))


def quad_copier(shared: frozenset[str] | set[str] = frozenset()):
    """``copy(quad, i)``: the quad of copy ``i`` of a graph (copy 0 is the graph itself):
    kg's entity, document and graph IRIs renamed with ``-c<i>``, labels and name keys given
    the copy's number — except entities in ``shared``, which every copy keeps (so copies join
    at them) and whose own labels stay as they are."""
    import pyoxigraph as ox

    from kg.rdf import DOC, GRAPH, ID
    from ontology import KG

    renamed = (str(ID), str(DOC), str(GRAPH))
    labels = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel"}
    key = str(KG.nameKey)

    def rename(term, i):
        if isinstance(term, ox.NamedNode) and term.value.startswith(renamed) and term.value not in shared:
            return ox.NamedNode(f"{term.value}-c{i}")
        return term

    def copy(q, i):
        if i == 0:
            return q
        graph = rename(q.graph_name, i) if isinstance(q.graph_name, ox.NamedNode) else q.graph_name
        o = q.object
        if q.subject.value in shared:
            o = rename(o, i)
        elif q.predicate.value in labels:
            o = ox.Literal(f"{o.value} {i}", language=o.language)
        elif q.predicate.value == key:
            o = ox.Literal(f"{o.value}{i}")
        else:
            o = rename(o, i)
        return ox.Quad(rename(q.subject, i), q.predicate, o, graph)

    return copy


def scale_graph(base: Path, target: int, out: Path, named_out: Path) -> dict:
    """Write ``base`` replicated with renamed entities as N-Quads: to ``named_out`` the
    document graphs (a graph file), to ``out`` also their union in the default graph (what
    kg's store holds). Returns counts."""
    import pyoxigraph as ox

    quads = read_named_quads(base)
    copies = max(1, round(target / len(quads)))
    copy = quad_copier()

    # kg's store keeps the union of the document graphs, as a set, in its default graph
    union = {(q.subject, q.predicate, q.object): ox.Quad(q.subject, q.predicate, q.object) for q in quads}

    def everything(with_union: bool):
        for i in range(copies):
            for q in quads:
                yield copy(q, i)
            if with_union:
                for q in union.values():
                    yield copy(q, i)

    ox.serialize(everything(True), output=str(out), format=ox.RdfFormat.N_QUADS)
    ox.serialize(everything(False), output=str(named_out), format=ox.RdfFormat.N_QUADS)
    return {"base_triples": len(quads), "copies": copies, "triples": len(quads) * copies,
            "union_triples": len(union) * copies}


def choose_parameters(base: Path) -> dict[str, dict[str, str]]:
    """Per preset, the parameters with the most results on the corpus graph (by IRI)."""
    import pyoxigraph as ox

    from kg.presets import RELATIONS
    from kg.rdf import PREFIXES

    store = ox.Store()
    store.load(path=str(base), format={".trig": ox.RdfFormat.TRIG}.get(base.suffix, ox.RdfFormat.N_QUADS))
    prefixes = {k: str(v) for k, v in PREFIXES.items()}

    def top(sparql: str) -> list[str]:
        rows = list(store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True))
        return [t.value for t in rows[0]] if rows else []

    def most(var: str, pattern: str) -> str:
        return top(f"SELECT ?{var} (COUNT(*) AS ?n) WHERE {{ {pattern} }} GROUP BY ?{var} "
                   f"ORDER BY DESC(?n) ?{var} LIMIT 1")[0]

    params = {
        "partners-of": {"entity": most("e", "{ ?e kg:partnersWith ?x } UNION { ?x kg:partnersWith ?e }")},
        "investors-of": {"entity": most("e", "?x kg:investsIn ?e")},
        "investments-by": {"entity": most("e", "?e kg:investsIn ?x")},
        "companies-in": {"entity": most("e", "{ ?c kg:locatedIn ?e } UNION { ?c kg:locatedIn ?p . "
                                             "?p a kg:Park ; kg:locatedIn ?e } ?c a kg:Company")},
        "parks-in": {"entity": most("e", "?p a kg:Park ; kg:locatedIn ?e")},
        "technology-leaders": {"entity": most("e", "?x kg:develops ?e")},
    }
    pair = top("SELECT ?s ?o (COUNT(*) AS ?n) WHERE { ?ev a kg:Evidence ; kg:subject ?s ; kg:object ?o } "
               "GROUP BY ?s ?o ORDER BY DESC(?n) ?s ?o LIMIT 1")
    params["evidence-for"] = {"from": pair[0], "to": pair[1]}
    # path-between: from the most connected entity to the farthest entity reachable from it
    adj: dict[str, set[str]] = {}
    for p in RELATIONS:
        for q in store.quads_for_pattern(None, ox.NamedNode(str(p)), None, None):
            adj.setdefault(q.subject.value, set()).add(q.object.value)
            adj.setdefault(q.object.value, set()).add(q.subject.value)
    hub = sorted(adj, key=lambda n: (-len(adj[n]), n))[0]
    dist, frontier = {hub: 0}, [hub]
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(adj[n]):
                if m not in dist:
                    dist[m] = dist[n] + 1
                    nxt.append(m)
        frontier = nxt
    far = sorted(dist, key=lambda n: (-dist[n], n))[0]
    params["path-between"] = {"from": hub, "to": far}
    # the Korean prefLabel of each chosen IRI
    skos_pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")

    def label(iri: str) -> str:
        for q in store.quads_for_pattern(ox.NamedNode(iri), skos_pref, None, None):
            if q.object.language == "ko":
                return q.object.value
        raise SystemExit(f"{iri} has no Korean prefLabel")

    return {name: {k: label(v) for k, v in ps.items()} for name, ps in params.items()}


# --------------------------------------------------------------------------- workers


def run_presets(source, spec: dict, repeat: int) -> dict:
    from kg.presets import run_preset

    presets = {}
    for name, params in spec["params"].items():
        first = time.perf_counter()
        result = run_preset(source, name, params)
        first = time.perf_counter() - first
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run_preset(source, name, params)
            times.append(time.perf_counter() - t0)
        presets[name] = {"rows": len(result.rows), "first_ms": first * 1000,
                         "median_ms": statistics.median(times) * 1000 if times else first * 1000,
                         "max_ms": max(times) * 1000 if times else first * 1000}
        log(f"  {spec['store']} {name}: {presets[name]['median_ms']:.1f} ms, {len(result.rows)} rows")
    return presets


def worker(spec: dict) -> dict:
    """One measurement in a fresh process: ``load`` (pyoxigraph bulk load into a new store),
    ``query`` (open that store, run the presets: what ``kg query --store`` costs) or
    ``rdflib`` (parse the file into rdflib's memory store, run the presets)."""
    import kg.presets  # noqa: F401  (imports are not part of any figure)
    import kg.store  # noqa: F401
    from kg.query import DatasetGraph

    out: dict = {"store": spec["store"], "rss_imports_mb": rss_now_mb()}
    path, folder = Path(spec["nq"]), Path(spec["dir"])
    if spec["store"] == "load":
        import pyoxigraph as ox

        from kg.store import MARKER

        t0 = time.perf_counter()
        st = ox.Store(str(folder))
        st.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        st.flush()
        out["load_s"] = time.perf_counter() - t0
        out["triples"] = len(st)
        out["rss_after_load_mb"] = rss_now_mb()
        del st
        (folder / MARKER).write_text(json.dumps({"format": "kg-store", "version": 1}), encoding="utf-8")
        out["disk_mb"] = dir_mb(folder)
    elif spec["store"] == "query":
        from kg.store import open_store

        t0 = time.perf_counter()
        source = open_store(folder)
        out["open_s"] = time.perf_counter() - t0
        out["triples"] = len(source)
        out["presets"] = run_presets(source, spec, spec["repeat"])
        out["rss_after_load_mb"] = rss_now_mb()
        source.close()
    else:
        from rdflib import Dataset

        t0 = time.perf_counter()
        ds = Dataset()
        ds.parse(Path(spec["named_nq"]), format="nquads")  # the document graphs, as in a graph file
        out["load_s"] = time.perf_counter() - t0
        out["triples"] = sum(1 for _ in ds.quads((None, None, None, None)))
        out["rss_after_load_mb"] = rss_now_mb()
        out["presets"] = run_presets(DatasetGraph(ds, "rdflib"), spec, spec["repeat_rdflib"])
    out["peak_rss_mb"] = maxrss_mb()
    return out


def cpu_s() -> float:
    """CPU seconds of this process, every thread (the bulk loader's included)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def write_path(base: Path, tmp: Path) -> dict:
    """kg's write path on the corpus graph against pyoxigraph's bulk loader on the same quads
    (the document graphs and their union), each into a new store: every document graph in
    its own ``KgStore.replace_graph`` (documents added one at a time), all in one
    ``KgStore.apply`` (what ``kg build --store`` does), and again unchanged (nothing to
    write). Wall and CPU µs per triple of the document graphs."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.doc_graph import DocumentGraph
    from kg.store import open_store

    ds = Dataset()
    ds.parse(base, format={".trig": "trig"}.get(base.suffix, "nquads"))
    graphs = []
    for g in ds.graphs():
        if len(g):  # as a build hands them on (kg.doc_graph), not rdflib graphs with indexes
            graphs.append(DocumentGraph(g.identifier))
            for t in g:
                graphs[-1].add(t)
    n = sum(len(g) for g in graphs)
    out = {"triples": n, "graphs": len(graphs)}

    def timed(key: str, fn):
        t0, c0 = time.perf_counter(), cpu_s()
        result = fn()
        out[f"{key}_us_per_triple"] = (time.perf_counter() - t0) / n * 1e6
        out[f"{key}_cpu_us_per_triple"] = (cpu_s() - c0) / n * 1e6
        return result

    quads = read_named_quads(base)
    union = {(q.subject, q.predicate, q.object) for q in quads}
    data = ox.serialize(quads + [ox.Quad(*t) for t in union], format=ox.RdfFormat.N_QUADS)
    bulk = ox.Store(str(tmp / "write-bulk"))
    timed("bulk", lambda: (bulk.bulk_load(data, format=ox.RdfFormat.N_QUADS), bulk.flush()))
    del bulk
    with open_store(tmp / "write-path", create=True) as st:
        timed("new", lambda: [st.replace_graph(g) for g in graphs])
        out["unchanged_writes"] = timed("unchanged", lambda: sum(sum(st.replace_graph(g)) for g in graphs))
    with open_store(tmp / "write-once", create=True) as st:
        timed("together", lambda: st.apply(graphs))
    for folder in ("write-bulk", "write-path", "write-once"):
        shutil.rmtree(tmp / folder)
    return out


def spawn(spec: dict, tmp: Path) -> dict:
    spec_path, out_path = tmp / f"spec-{spec['store']}.json", tmp / f"out-{spec['store']}.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    subprocess.run([sys.executable, str(HERE), "--worker", str(spec_path), str(out_path)], check=True,
                   cwd=str(REPO))
    return json.loads(out_path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- report


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def write_report(w: dict) -> str:
    """The paragraph of the write path's figures."""
    def us(key: str) -> str:
        return f"{w[key + '_us_per_triple']:.1f} ({w[key + '_cpu_us_per_triple']:.1f} CPU)"

    bulk = w["bulk_cpu_us_per_triple"]
    return (f"kg's write path on the corpus graph ({w['triples']:,} triples, {w['graphs']} document graphs), "
            f"µs per triple, wall (CPU, all threads): into a new store one transaction per document graph "
            f"(`KgStore.replace_graph`) {us('new')}, all in one (`KgStore.apply`, what `kg build --store` does) "
            f"{us('together')}; pyoxigraph's bulk load of the same quads {us('bulk')}, so adding costs "
            f"{w['new_cpu_us_per_triple'] / bulk:.1f}× (one graph at a time) and "
            f"{w['together_cpu_us_per_triple'] / bulk:.1f}× (all at once) the bulk load's CPU time; finding "
            f"every graph unchanged {us('unchanged')} ({w['unchanged_writes']} triples written).")


def report(info: dict, results: dict[str, dict], write: dict | None) -> str:
    load, query, rd = results["load"], results["query"], results.get("rdflib")

    def mb(r, key="peak_rss_mb"):
        return f"{r[key] - r['rss_imports_mb']:,.0f}"

    rows = [["quads held", f"{load['triples']:,}"] + ([f"{rd['triples']:,}"] if rd else []),
            ["load (s)", f"{load['load_s']:.1f} (bulk load, once)"] + ([f"{rd['load_s']:.1f} (every process)"] if rd else []),
            ["peak RSS while loading (MB)", mb(load)] + ([mb(rd)] if rd else []),
            ["open before querying (s)", f"{query['open_s']:.2f}"] + ([f"{rd['load_s']:.1f}"] if rd else []),
            ["peak RSS of a querying process (MB)", mb(query)] + ([mb(rd)] if rd else []),
            ["on disk (MB)", f"{load['disk_mb']:,.0f}"] + (["–"] if rd else [])]
    names = ["pyoxigraph"] + (["rdflib memory store"] if rd else [])
    parts = [f"Graph: {info['base']} ({info['base_triples']:,} triples) × {info['copies']} copies = "
             f"{info['triples']:,} triples in the document graphs ({info['union_triples']:,} in their union, "
             f"which kg's store also keeps); {info['machine']}. RSS is above the RSS after imports.", "",
             table(["", *names], rows), ""]
    prow = []
    for name, p in query["presets"].items():
        mark = " ✗" if p["median_ms"] > TARGET_MS else ""
        cells = [f"{p['median_ms']:,.1f}{mark}"] + ([f"{rd['presets'][name]['median_ms']:,.1f}"] if rd else [])
        prow.append([f"`{name}`", str(p["rows"]), *cells])
    parts += [table(["preset (median ms, name lookup included)", "rows", *names], prow)]
    if write:
        parts += ["", write_report(write)]
    return "\n".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graph", help="a built graph (.trig or .nq) instead of building the corpus")
    ap.add_argument("--corpus", help="the corpus to build (default ../shared/corpus, else the sample)")
    ap.add_argument("--triples", type=int, default=1_000_000, help="scale to about this many triples")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs per preset on pyoxigraph")
    ap.add_argument("--repeat-rdflib", type=int, default=3, help="timed runs per preset on rdflib")
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--write-only", action="store_true",
                    help="only kg's write path against the bulk loader, on the corpus graph")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        spec = json.loads(Path(args.worker[0]).read_text(encoding="utf-8"))
        Path(args.worker[1]).write_text(json.dumps(worker(spec)), encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-store-bench-") as tmpname:
        tmp = Path(tmpname)
        base = base_graph(args, tmp)
        if args.write_only:
            log("kg write path")
            write = write_path(base, tmp)
            print(write_report(write))
            if args.json:
                Path(args.json).write_text(json.dumps({"write_path": write}, indent=1), encoding="utf-8")
            return 0
        nq, named_nq = tmp / "scaled-store.nq", tmp / "scaled.nq"
        log(f"scaling {base} to ~{args.triples:,} triples")
        info = scale_graph(base, args.triples, nq, named_nq)
        info["base"] = base.name
        info["machine"] = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        params = choose_parameters(base)
        middle = info["copies"] // 2
        if middle:
            params = {n: {k: f"{v} {middle}" for k, v in ps.items()} for n, ps in params.items()}
        log(f"parameters: {params}")
        results = {}
        for name in ["load", "query"] + ([] if args.skip_rdflib else ["rdflib"]):
            log(f"{name} (fresh process)")
            results[name] = spawn({"store": name, "nq": str(nq), "named_nq": str(named_nq),
                                   "dir": str(tmp / "store"), "params": params,
                                   "repeat": args.repeat, "repeat_rdflib": args.repeat_rdflib}, tmp)
        log("kg write path")
        write = write_path(base, tmp)
        text = report(info, results, write)
        print(text)
        if args.json:
            Path(args.json).write_text(json.dumps({"info": info, "params": params, "results": results,
                                                   "write_path": write}, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
