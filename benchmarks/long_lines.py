#!/usr/bin/env python
"""Time against line length: kg's pipeline on one very long line (a script, not a test).

Builds lines of 10k to 160k characters from kg's own sample corpus (``kg/data/sample``,
or ``--corpus DIR``): the normalised paragraphs of its documents, repeated as needed, put
on one line in three shapes

* ``table row`` — joined by " | " (a table flattened into one row: the table-row rule of
  ``kg_relations`` reads every mention against every cell);
* ``tab row`` — an HTML page whose paragraphs are the cells of one table row (read by
  kg's HTML reader: tab-separated cells, one line);
* ``prose`` — joined by " " (one paragraph without line breaks),

and runs the spaCy pipeline on each, timing the tokenizer, every component and the whole.
Prints a markdown table on stdout (progress on stderr). A linear pipeline shows a flat
µs per character column.

Usage (from the repository root, in the project's venv)::

    python benchmarks/long_lines.py                        # 10k,20k,40k,80k,160k, all shapes
    python benchmarks/long_lines.py --lengths 10000,40000 --shapes table
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
SAMPLE = REPO / "kg" / "data" / "sample"

SHAPES = ("table", "tab", "prose")


def paragraphs(corpus: Path) -> list[str]:
    """The non-empty lines of the normalised documents of ``corpus``."""
    from extraction.normalize import normalize
    from extraction.readers import iter_sources, read_source

    out: list[str] = []
    for path in iter_sources([corpus]):
        text = normalize(read_source(path)).text
        out += [l.strip() for l in text.split("\n") if l.strip() and "|" not in l]
    if not out:
        sys.exit(f"{corpus}: no text to build lines from")
    return out


def make_line(paras: list[str], length: int, sep: str) -> str:
    parts, size, k = [], 0, 0
    while size < length:
        p = paras[k % len(paras)]
        parts.append(p)
        size += len(p) + len(sep)
        k += 1
    return sep.join(parts)[:length].rstrip()


def shaped(paras: list[str], length: int, shape: str) -> str:
    if shape == "table":
        return make_line(paras, length, " | ")
    if shape == "prose":
        return make_line(paras, length, " ")
    # an HTML page of one table row, read and normalised as kg reads HTML
    from extraction.normalize import normalize_text
    from extraction.readers import html_visible_text

    line = make_line(paras, length, "\x00")
    cells = "".join(f"<td><span>{html.escape(c)}</span></td>" for c in line.split("\x00"))
    page = f"<html><body><table><tr>{cells}</tr></table></body></html>"
    text = normalize_text(html_visible_text(page), media_type="text/html").text
    return max(text.split("\n"), key=len)


def run(nlp, text: str) -> dict[str, float]:
    """Seconds per pipeline step on ``text`` (tokenizer, each component, total)."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = nlp.make_doc(text)
    times["tokenizer"] = time.perf_counter() - t0
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        times[name] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    times["mentions"] = len(doc._.kg_mentions or ())
    times["relations"] = len(doc._.kg_relations or ())
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=SAMPLE, help="folder of documents (default: kg's sample)")
    ap.add_argument("--lengths", default="10000,20000,40000,80000,160000",
                    help="line lengths in characters, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="table,tab,prose")
    args = ap.parse_args(argv)
    lengths = [int(x) for x in args.lengths.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    if any(s not in SHAPES for s in shapes):
        ap.error(f"--shapes: choose among {', '.join(SHAPES)}")

    sys.path.insert(0, str(REPO))
    from extraction.pipeline import get_pipeline

    t = time.perf_counter()
    nlp = get_pipeline()
    paras = paragraphs(args.corpus)
    for shape in shapes:   # warm up: load Kiwi, learn the corpus's names
        run(nlp, shaped(paras, min(lengths), shape))
    print(f"loaded and warmed up in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    print("| shape | characters | mentions | relations | tokenizer s | kg_relations s | other components s"
          " | total s | µs per char |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape in shapes:
        for n in lengths:
            text = shaped(paras, n, shape)
            r = run(nlp, text)
            other = r["total"] - r["tokenizer"] - r["kg_relations"]
            print(f"| {shape} | {len(text):,} | {r['mentions']:,} | {r['relations']:,} | {r['tokenizer']:.2f} "
                  f"| {r['kg_relations']:.2f} | {other:.2f} | {r['total']:.2f} "
                  f"| {1e6 * r['total'] / len(text):.1f} |", flush=True)
            print(f"{shape} {len(text)} chars: {r['total']:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
