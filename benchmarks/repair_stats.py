"""What normalisation repairs in a folder of documents, as Markdown tables.

    python benchmarks/repair_stats.py [FOLDER] [--samples 30] [--seed 0] [--analyser-only]

FOLDER defaults to ../shared/corpus (beside the repository). For each file: line breaks
joined inside a word, kept as a space at a word boundary, decided by the Kiwi analyser,
kept as paragraph breaks; header/footer lines and page numbers removed; markup dropped;
ToC entries; time. Then the totals, and for spot-checking by eye ``--samples`` random
joins and random kept word boundaries with their context.

``--analyser-only`` also re-normalises every file with the trailing spaces of its lines
stripped (so the word-boundary signal is missing and Kiwi must decide) and reports how
often those decisions agree with the signal-based ones.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extraction.normalize import RepairStats, get_kiwi, normalize, normalize_text  # noqa: E402
from extraction.readers import iter_sources, read_source  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus"

COLUMNS = [
    ("file", None),
    ("chars", "chars_in"),
    ("lines", "lines"),
    ("pages", "pages"),
    ("mid-word joins", "mid_word_joins"),
    ("word-boundary spaces", "word_boundaries_kept"),
    ("analyser decided / consulted", None),
    ("paragraph breaks", "paragraph_breaks"),
    ("header/footer lines removed", "header_footer_lines_removed"),
    ("page numbers removed", "page_numbers_removed"),
    ("markup removed", "markup_removed"),
    ("ToC entries", "toc_entries"),
    ("seconds", None),
]


def row(name: str, s: RepairStats, seconds: float) -> str:
    cells = []
    for title, attr in COLUMNS:
        if title == "file":
            cells.append(name)
        elif title == "seconds":
            cells.append(f"{seconds:.2f}")
        elif attr is None:
            cells.append(f"{s.analyser_decided} / {s.analyser_consulted}")
        else:
            cells.append(str(getattr(s, attr)))
    return "| " + " | ".join(cells) + " |"


def table_header() -> str:
    titles = [t for t, _ in COLUMNS]
    return "| " + " | ".join(titles) + " |\n|" + "|".join("---" for _ in titles) + "|"


def context(text: str, pos: int, width: int = 14) -> str:
    return text[max(0, pos - width):pos].replace("\n", "⏎")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    ap.add_argument("--samples", type=int, default=30, help="random joins/boundaries to print")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--analyser-only", action="store_true",
                    help="also measure Kiwi's decisions with the trailing-space signal removed")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    if not folder.exists():
        print(f"{folder} does not exist; pass the folder of documents to measure", file=sys.stderr)
        return 2

    get_kiwi()  # load once, outside the timings
    list(get_kiwi().analyze(["준비"]))
    total = RepairStats()
    total_seconds = 0.0
    joins, spaces = [], []
    print(table_header())
    results = []
    for path in iter_sources([folder]):
        src = read_source(path)
        t0 = time.perf_counter()
        r = normalize(src)
        seconds = time.perf_counter() - t0
        total = total + r.stats
        total_seconds += seconds
        results.append((path, src, r))
        print(row(path.name, r.stats, seconds))
        for b in r.breaks:
            item = (path.name, b)
            if b.kind == "join":
                joins.append(item)
            elif b.kind == "space":
                spaces.append(item)
    print(row("**total**", total, total_seconds))

    rng = random.Random(args.seed)
    for label, items in (("joins (no space inserted)", joins), ("kept word boundaries (one space)", spaces)):
        sample = rng.sample(items, min(args.samples, len(items)))
        print(f"\n### {len(sample)} random {label} of {len(items)}\n")
        print("| file | reason | left | right | joined as |")
        print("|---|---|---|---|---|")
        for name, b in sample:
            glue = "" if b.kind == "join" else " "
            shown = (b.left[-10:] + glue + b.right[:10]).replace("|", "\\|")
            print(f"| {name[:3]} | {b.reason} | {b.left[-10:]!r} | {b.right[:10]!r} | {shown} |")

    if args.analyser_only:
        print("\n### Analyser only: trailing spaces stripped, compared with the signal-based decisions\n")
        print("| file | agree | join→space | space→join | join/space decisions | analyser decided |")
        print("|---|---|---|---|---|---|")
        for path, src, ref in results:
            stripped = "\n".join(line.rstrip(" ") for line in src.text.split("\n"))
            test = normalize_text(stripped, path=str(path), media_type=src.media_type)
            by_context = {(b.left, b.right): b.kind for b in ref.breaks}
            c = Counter()
            for b in test.breaks:
                want = by_context.get((b.left, b.right))
                if want in ("join", "space") and b.kind in ("join", "space"):
                    c["n"] += 1
                    c["agree" if want == b.kind else f"{want}->{b.kind}"] += 1
            n = c["n"] or 1
            print(f"| {path.name} | {c['agree']} ({100 * c['agree'] / n:.1f}%) | {c['join->space']} | "
                  f"{c['space->join']} | {c['n']} | {test.stats.analyser_decided} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
