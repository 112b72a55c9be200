"""A remote store (``--store http://…``, kg/remote_store.py) against a folder store (issue 14).

    python benchmarks/remote_bench.py [FILES_OR_FOLDERS ...]   (default: ../shared/corpus reports)

Starts two ``oxigraph serve`` on the loopback (temporary folders), builds the documents
together into a folder store and into the first server, and one at a time into the
second; prints the time of each build and add, what each add changed, the entity,
relation and triple counts of the three stores, and whether their named graphs are equal
triple for triple. One warm-up extraction first, so that the analysers have read the
documents once in this process whichever build comes next.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kg.build import build, collect_sources, extract_files
from kg.graph_io import load_dataset
from kg.incremental import status

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(folder: str) -> tuple[subprocess.Popen, str]:
    binary = Path(sys.executable).parent / "oxigraph"
    port = free_port()
    proc = subprocess.Popen([str(binary if binary.is_file() else shutil.which("oxigraph")), "serve",
                             "--location", folder, "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for _ in range(200):
        try:
            opener.open(urllib.request.Request(f"{url}/store?default", method="HEAD"), timeout=1).close()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def graphs(store: str) -> dict:
    return {g.identifier: set(g) for g in load_dataset(store=store).graphs() if len(g)}


def main(args: list[str]) -> None:
    sources = args or [str(p) for p in sorted((REPO.parent / "shared" / "corpus").glob("*.txt"))]
    docs = collect_sources(sources)
    tmp = tempfile.mkdtemp()
    (a, together), (b, one_by_one) = serve(tmp + "/a"), serve(tmp + "/b")
    try:
        extract_files(docs)  # warm-up
        t = time.perf_counter()
        build(docs, store=tmp + "/local")
        local_s = time.perf_counter() - t
        t = time.perf_counter()
        summary = build(docs, store=together)
        print(f"together: folder store {local_s:.1f} s, remote store {time.perf_counter() - t:.1f} s; "
              f"{summary.store_change.describe()}")
        for doc in docs:
            t = time.perf_counter()
            summary = build([doc], store=one_by_one)
            change = summary.store_change
            print(f"add {doc.name}: {time.perf_counter() - t:.1f} s, {change.describe()}, "
                  f"{change.graphs_rewritten} older graph(s) rewritten")
        for label, where in (("folder, together", tmp + "/local"), ("remote, together", together),
                             ("remote, one by one", one_by_one)):
            st = status(where)
            print(f"{label}: {st.entities} entities, {st.relations} relations, {st.triples} triples")
        remote = graphs(together)
        print("remote one by one == remote together:", graphs(one_by_one) == remote,
              "; remote == folder:", remote == graphs(tmp + "/local"))
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
