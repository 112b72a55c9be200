#!/usr/bin/env python
"""How ``kg view`` scales: time, peak memory, page size and first paint at 1k-20k entities
(a script, not a test; markdown on stdout, progress on stderr).

The graphs are a built corpus graph (``../shared/corpus`` built once, or ``--graph``)
replicated with renamed entities, as ``store_bench.py`` does: copy *i* renames every entity,
document, graph, evidence and mention IRI (``-c<i>``) and every label (`` <i>`` appended),
except the *shared* entities -- every city and region, and one entity in ``--share`` of the
others (chosen by a hash of its IRI) -- which keep their IRI and names in every copy. A large
corpus mentions the same places and big companies again and again, so the copies join into
one large connected network around those hubs instead of falling apart into equal pieces.

For each scale, in a fresh process: ``kg view GRAPH -o PAGE.html`` (wall seconds and the
peak RSS of that process, from ``wait4``), the page's size, and then, in headless Chromium
(``tests/browser.py``: the system chromium over the DevTools pipe), the page's own first
paint (``data-kg-first-paint-ms``: ``performance.now()`` at vis-network's first drawing,
counted from navigation) and the wall time until the test harness sees it drawn. A
screenshot of each page is saved next to it. ``--phases`` also times, in a fresh process,
reading the graph, making the network, the layout and rendering the page (CPU seconds).

    python benchmarks/view_scale.py                        # 1000,5000,20000 entities
    python benchmarks/view_scale.py --scales 1000,5000 --graph built.trig --out /tmp/vs
    python benchmarks/view_scale.py --kg-root /tmp/before  # another checkout of kg (before/after)
    python benchmarks/view_scale.py --repeat 2 --json out.json   # best of 2
    python benchmarks/view_scale.py --paint old.html new.html --repeat 5   # first paint only, taking turns
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
SHARED_CORPUS = HERE.parents[2] / "shared" / "corpus"
SHARED_TYPES = ("City", "Region")  # places: the same few in every document


def log(msg: str) -> None:
    print(f"[view_scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- graphs


def base_graph(args, out_dir: Path) -> Path:
    if args.graph:
        return Path(args.graph)
    out = out_dir / "corpus.trig"
    if out.exists():
        return out
    corpus = SHARED_CORPUS if SHARED_CORPUS.is_dir() else REPO / "kg" / "data" / "sample"
    log(f"building {corpus} -> {out}")
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out)], cwd=REPO, check=True)
    return out


def scale_graph(base: Path, target: int, out: Path, share: float) -> dict:
    """Write ``base`` replicated to about ``target`` entities as N-Quads in ``out``."""
    import pyoxigraph as ox

    sys.path.insert(0, str(REPO))
    from kg.exports.network import TYPE_ORDER
    from ontology import KG
    from store_bench import quad_copier, read_named_quads

    quads = read_named_quads(base)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    kinds = {str(KG._NS) + t: t for t in TYPE_ORDER}
    entity_type: dict[str, str] = {}
    for q in quads:
        if q.predicate.value == rdf_type and q.object.value in kinds:
            entity_type.setdefault(q.subject.value, kinds[q.object.value])
    shared = {e for e, t in entity_type.items()
              if t in SHARED_TYPES or zlib.crc32(e.encode("utf-8")) % 10_000 < share * 10_000}
    fresh = len(entity_type) - len(shared)
    copies = 1 + max(0, math.ceil((target - len(entity_type)) / max(fresh, 1)))
    copy = quad_copier(shared)

    ox.serialize((copy(q, i) for i in range(copies) for q in quads), output=str(out), format=ox.RdfFormat.N_QUADS)
    return {"entities": len(entity_type) + (copies - 1) * fresh, "copies": copies, "shared": len(shared),
            "quads": len(quads) * copies}


# --------------------------------------------------------------------------- measuring


def kg_command(kg_root: Path) -> list[str]:
    return [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from kg.cli import main; main()",
            str(kg_root)]


def run_view(kg_root: Path, graph: Path, page: Path) -> dict:
    """``kg view`` in a fresh process: wall seconds and its peak RSS (wait4's ru_maxrss)."""
    if page.exists():
        page.unlink()
    env = dict(os.environ, PYTHONPATH=str(kg_root))
    start = time.perf_counter()
    proc = subprocess.Popen(kg_command(kg_root) + ["view", str(graph), "-o", str(page)], cwd=kg_root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"kg view failed on {graph}:\n{output.decode('utf-8', 'replace')}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "page_bytes": page.stat().st_size}


def phases(kg_root: Path, graph: Path) -> dict:
    """Reading, network, layout and rendering, in CPU seconds of a fresh process (less
    disturbed than wall time by other jobs on the machine)."""
    code = r"""
import json, sys, time
t = time.process_time(); out = {}
from kg.graph_io import as_dataset
from kg.exports.network import to_network
from kg.views import render_view, collect_evidence
from kg.views.layout import layout_positions
d = as_dataset(sys.argv[1]); out["read"] = time.process_time() - t; t = time.process_time()
n = to_network(d); ev = collect_evidence(d); out["network"] = time.process_time() - t; t = time.process_time()
layout_positions(n); out["layout"] = time.process_time() - t; t = time.process_time()
render_view(n, ev); out["render (layout included)"] = time.process_time() - t
print(json.dumps(out))
"""
    env = dict(os.environ, PYTHONPATH=str(kg_root))
    done = subprocess.run([sys.executable, "-c", code, str(graph)], cwd=kg_root, env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def paint(browser, page: Path, shot: Path) -> dict:
    load = browser.load(page.as_uri(), timeout=180)
    if load.attributes.get("data-kg-status") != "drawn":
        raise SystemExit(f"{page}: not drawn in 180 s ({load.attributes}, errors {load.errors})")
    browser.screenshot(shot)
    return {"first_paint_ms": int(load.attributes["data-kg-first-paint-ms"]),
            "drawn_seen_s": load.seconds_to_drawn, "nodes_shown": int(load.attributes["data-kg-nodes"]),
            "edges_shown": int(load.attributes["data-kg-edges"]), "errors": load.errors}


def paint_only(pages: list[Path], repeat: int) -> int:
    sys.path.insert(0, str(REPO))
    from tests.browser import Chromium, find_chromium

    browser = Chromium(find_chromium(), Path(tempfile.mkdtemp(prefix="view_scale-chromium-")))
    times: dict[Path, list[int]] = {page: [] for page in pages}
    try:
        for r in range(repeat):
            for page in pages:
                got = paint(browser, page, page.with_suffix(".png"))
                times[page].append(got["first_paint_ms"])
                log(f"{page.name}, run {r + 1}: {got}")
    finally:
        browser.close()
    print(f"first paint, ms ({repeat} turns each; load average {os.getloadavg()[0]:.1f})\n")
    print("| page | MB | best | median |\n|---|---:|---:|---:|")
    for page, ms in times.items():
        print(f"| {page} | {page.stat().st_size / 1e6:.1f} | {min(ms)} | {sorted(ms)[len(ms) // 2]} |")
    return 0


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", default="1000,5000,20000", help="entities, comma-separated")
    p.add_argument("--graph", help="a built graph (.trig or .nq) to replicate (default: build ../shared/corpus)")
    p.add_argument("--share", type=float, default=0.08,
                   help="fraction of the non-place entities kept the same in every copy (default 0.08)")
    p.add_argument("--out", help="folder for graphs, pages and screenshots (default: a temporary folder)")
    p.add_argument("--kg-root", default=str(REPO), help="the kg checkout to run (default: this one)")
    p.add_argument("--repeat", type=int, default=1, help="runs per scale; the best is reported")
    p.add_argument("--phases", action="store_true", help="also time reading, network, layout and rendering")
    p.add_argument("--no-browser", action="store_true", help="skip Chromium")
    p.add_argument("--json", help="write the results to this file")
    p.add_argument("--paint", nargs="+", metavar="PAGE",
                   help="only time the first paint of these pages, loaded in turn --repeat times each "
                        "(a fair comparison on a busy machine)")
    args = p.parse_args(argv)
    if args.paint:
        return paint_only([Path(x) for x in args.paint], args.repeat)
    scales = [int(x) for x in args.scales.split(",") if x.strip()]
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="view_scale-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    kg_root = Path(args.kg_root).resolve()
    base = base_graph(args, out_dir)
    browser = None
    if not args.no_browser:
        sys.path.insert(0, str(REPO))
        from tests.browser import Chromium, find_chromium

        executable = find_chromium()
        if executable is None:
            raise SystemExit("chromium not found (install the Debian package chromium, or give --no-browser)")
        browser = Chromium(executable, Path(tempfile.mkdtemp(prefix="view_scale-chromium-")))
    results = []
    try:
        for target in scales:
            graph = out_dir / f"graph-{target}.nq"
            counts = scale_graph(base, target, graph, args.share)
            log(f"{graph.name}: {counts}")
            row = dict(counts, target=target)
            page = out_dir / f"view-{target}.html"
            runs = []
            for r in range(args.repeat):
                run = run_view(kg_root, graph, page)
                if browser is not None:
                    run.update(paint(browser, page, out_dir / f"view-{target}.png"))
                log(f"{target} entities, run {r + 1}: {run}")
                runs.append(run)
            row["runs"] = runs
            row["best"] = {k: min(run[k] for run in runs) for k in runs[0] if isinstance(runs[0][k], (int, float))}
            if args.phases:
                row["phases"] = phases(kg_root, graph)
                log(f"phases: {row['phases']}")
            results.append(row)
    finally:
        if browser is not None:
            browser.close()
    print(f"kg view at {', '.join(str(s) for s in scales)} entities ({kg_root}; best of {args.repeat}; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})\n")
    print("| entities | relations drawn | `kg view` s | CPU s | peak RSS MB | page MB | bytes per entity | first paint s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in results:
        b = row["best"]
        paint_s = f"{b['first_paint_ms'] / 1000:.1f}" if "first_paint_ms" in b else "—"
        drawn = row["runs"][0].get("edges_shown", "—")
        print(f"| {row['entities']:,} | {drawn} | {b['seconds']:.1f} | {b['cpu_seconds']:.1f} | {b['peak_rss_mb']:.0f} | "
              f"{b['page_bytes'] / 1e6:.1f} | {b['page_bytes'] / row['entities']:.0f} | {paint_s} |")
    if args.phases:
        print("\nCPU seconds by phase:\n\n| entities | " + " | ".join(results[0]["phases"]) + " |")
        print("|---:|" + "---:|" * len(results[0]["phases"]))
        for row in results:
            print(f"| {row['entities']:,} | " + " | ".join(f"{v:.1f}" for v in row["phases"].values()) + " |")
    print(f"\npages and screenshots: {out_dir}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
