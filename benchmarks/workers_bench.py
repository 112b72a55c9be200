"""Speed-up of ``kg build --workers N`` (issue 14).

    python benchmarks/workers_bench.py [--corpus DIR] [--scale 16] [--workers 1,2]

Replicates the corpus (default ../shared/corpus, else the sample corpus) ``--scale`` times
under distinct names and contents, then builds it once per worker count, each build in a
fresh process (``kg build COPY -o OUT.nq --workers N``). Prints wall seconds, the speed-up
against one worker, and the peak memory of the main process and of the largest worker
(``getrusage``: the children's high-water mark is the largest child's).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def replicate(corpus: Path, scale: int, into: Path) -> int:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html", ".pdf"))
    size = 0
    for k in range(scale):
        for f in files:
            target = into / f"{f.stem}-copy{k:02}{f.suffix}"
            if f.suffix in (".txt", ".md"):
                text = f.read_text(encoding="utf-8", errors="replace") + f"\n(사본 {k})\n"
                target.write_text(text, encoding="utf-8")
            else:
                shutil.copyfile(f, target)
            size += target.stat().st_size
    return size


def run(folder: Path, out: Path, workers: int) -> tuple[float, float, float]:
    code = ("import resource, sys, time; from kg.cli import main\n"
            "sys.argv = ['kg'] + sys.argv[1:]\n"
            "t0 = time.perf_counter()\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(f'RESULT {time.perf_counter() - t0:.2f} {me} {kids}', file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, "build", str(folder), "-o", str(out), "--workers",
                           str(workers)], cwd=REPO, capture_output=True, text=True)
    line = next(l for l in proc.stderr.splitlines() if l.startswith("RESULT"))
    secs, me, kids = line.split()[1:]
    return float(secs), int(me) / 1024, int(kids) / 1024


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = REPO.parent / "shared" / "corpus"
    p.add_argument("--corpus", type=Path, default=default if default.is_dir() else REPO / "kg" / "data" / "sample")
    p.add_argument("--scale", type=int, default=16)
    p.add_argument("--workers", default="1,2")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus").mkdir()
        size = replicate(args.corpus, args.scale, tmp / "corpus")
        print(f"corpus: {args.corpus} x{args.scale} = {size / 1e6:.1f} MB")
        print("| workers | seconds | speed-up | main process peak MB | largest worker peak MB |")
        print("|---:|---:|---:|---:|---:|")
        base = None
        for n in (int(x) for x in args.workers.split(",")):
            secs, me, kids = run(tmp / "corpus", tmp / f"out{n}.nq", n)
            base = base or secs
            print(f"| {n} | {secs:.1f} | {base / secs:.2f}x | {me:,.0f} | {kids:,.0f} |" if n > 1 else
                  f"| {n} | {secs:.1f} | 1.00x | {me:,.0f} | – |")
        lines = [sorted((tmp / f"out{k}.nq").read_text(encoding="utf-8").splitlines()) for k in (1, n)]
        print(f"outputs hold the same quads: {lines[0] == lines[1]}")


if __name__ == "__main__":
    main()
