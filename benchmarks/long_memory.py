#!/usr/bin/env python
"""Peak memory of ``kg build`` against document size (issue 14, "Long documents").

    python benchmarks/long_memory.py [--sizes 1,4,12] [--shapes lines,single] [--keep DIR]

Generates one long document per size (MB of UTF-8) and shape: invented Korean news text
(``generate``: companies with Chinese names in brackets, their cities, technologies,
investors and partners, written from templates with a seeded random generator, no text of
any real document), either

* ``lines`` — articles with a ◼ headline, a dated section line and one paragraph per line;
* ``single`` — the same text on one line (no line break at all: one article that the
  pipeline can only read in pieces),

then builds each in a fresh process (``kg build FILE -o OUT.trig --workers 1``) and prints
a markdown table: characters, seconds, peak RSS of the process (``getrusage``), and the
peak above a build of a one-article file (the loaded analysers), with mentions and
relations found. Builds run one at a time.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHAPES = ("lines", "single")

# invented names: Chinese stems from these characters, read in Korean by kg's transliteration
_HAN = "新海光华智源星云芯创瑞远德博泰恒景辰宇航晶微数联达科峰启明卓越天易诚汇鼎盛嘉睿凯锐图灵思维"
_COMPANY_HEADS = (("科技", "커지"), ("智能", "즈넝"), ("机器人", "로봇"), ("半导体", "반도체"), ("动力", "둥리"))
_INVESTOR_HEADS = (("资本", "캐피탈"), ("创投", "벤처캐피탈"), ("基金", "펀드"))
_CITIES = ("선전", "항저우", "쑤저우", "상하이", "베이징", "허페이", "우한", "청두", "난징", "광저우")
_TECH = ("자율주행", "휴머노이드 로봇", "반도체", "배터리", "대형언어모델", "라이다", "양자컴퓨팅", "드론")
_ROUNDS = ("A", "B", "C", "Pre-A", "A+")
_SECTIONS = ("투자동향", "기업동향", "산업분석")


def _final(ch: str) -> bool:
    """Whether the Hangul syllable ``ch`` ends in a consonant (이/가, 은/는, 와/과)."""
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def _p(name: str, with_final: str, without: str) -> str:
    """``name`` and the form of a particle that fits its last Korean syllable."""
    korean = [ch for ch in name if 0xAC00 <= ord(ch) < 0xAC00 + 11172]
    return name + (with_final if korean and _final(korean[-1]) else without)


class _Names:
    def __init__(self, rng: random.Random, n_companies: int = 400, n_investors: int = 60):
        from extraction.translit import transliterate

        def stems(n: int) -> list[str]:
            seen: set[str] = set()
            while len(seen) < n:
                seen.add("".join(rng.sample(_HAN, 2)))
            return sorted(seen)

        self.companies = []
        for stem in stems(n_companies):
            zh, ko = rng.choice(_COMPANY_HEADS)
            self.companies.append((transliterate(stem) + ko, stem + zh))
        self.investors = []
        for stem in stems(n_investors):
            zh, ko = rng.choice(_INVESTOR_HEADS)
            self.investors.append((transliterate(stem) + ko, stem + zh))


def _article(rng: random.Random, names: _Names) -> list[str]:
    """One invented news article: headline, dated section line, paragraphs (one per line)."""
    (c1, z1), (c2, z2) = rng.sample(names.companies, 2)
    (i1, y1), (i2, y2), (i3, _y3) = rng.sample(names.investors, 3)
    city, city2 = rng.sample(_CITIES, 2)
    tech = rng.choice(_TECH)
    amount, rnd = rng.randint(2, 40), rng.choice(_ROUNDS)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    lines = [f"◼ {c1}, {amount}억 위안 시리즈 {rnd} 유치…{tech} 사업 확대",
             f"[{rng.choice(_SECTIONS)}] 2025 년 {month} 월 {day} 일"]
    para = [f"{city}에 본사를 둔 {tech} 기업 {_p(f'{c1}({z1})', '이', '가')} {amount}억 위안 규모의 시리즈 {rnd} "
            f"투자를 유치했다.",
            f"이번 라운드는 {_p(f'{i1}({y1})', '이', '가')} 주도하고 {i2}({y2}), {_p(i3, '이', '가')} 참여했다.",
            f"{_p(c1, '은', '는')} 조달한 자금을 {tech} 연구개발과 {city2} 생산기지 건설에 쓸 계획이다."]
    lines.append(" ".join(para))
    para = [f"{_p(c1, '은', '는')} {_p(f'{c2}({z2})', '과', '와')} {tech} 분야에서 전략적 협력 협약을 체결했다.",
            f"{_p(c2, '은', '는')} {city2}에 위치한 기업으로, 두 회사는 공동 연구소를 세우기로 했다.",
            f"업계에서는 {c1}의 기술력이 해외 경쟁사와 비교해도 손색이 없다는 평가가 나온다."]
    lines.append(" ".join(para))
    lines.append(f"(출처: {rng.choice(('36Kr', '21세기경제보도', '제일재경'))})")
    return lines


def generate(megabytes: float, shape: str = "lines", seed: int = 14) -> str:
    """Invented Korean news text of about ``megabytes`` MB of UTF-8, in ``shape``."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    rng = random.Random(seed)
    names = _Names(rng)
    target = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < target:
        lines = _article(rng, names)
        out.append("\n".join(lines) + "\n")
        size += sum(len(l.encode("utf-8")) + 1 for l in lines) + 1
    text = "\n".join(out)
    if shape == "single":
        text = " ".join(text.split())
    return text


_RUN = ("import os, resource, sys, time\n"
        "from kg.cli import main\n"
        "if os.environ.get('KG_BENCH_WRITE_PART'):\n"
        "    import kg.build\n"
        "    kg.build.WRITE_PART = int(os.environ['KG_BENCH_WRITE_PART'])\n"
        "sys.argv = ['kg'] + sys.argv[1:]\n"
        "t0 = time.perf_counter()\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print(f'RESULT {time.perf_counter() - t0:.2f} '\n"
        "      f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n")


def build(path: Path, out: Path, source: Path = REPO, write_part: int | None = None) -> tuple[float, float, str]:
    """Seconds and peak RSS (MB) of ``kg build path -o out --workers 1`` in a fresh process,
    running kg from the checkout ``source`` (``write_part``: triples per part of a graph
    written to the file, :data:`kg.build.WRITE_PART`)."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    if write_part is not None:
        env["KG_BENCH_WRITE_PART"] = str(write_part)
    proc = subprocess.run([sys.executable, "-c", _RUN, "build", str(path), "-o", str(out), "--workers", "1"],
                          cwd=source, env=env, capture_output=True, text=True)
    lines = [l for l in proc.stderr.splitlines() if l.startswith("RESULT")]
    if not lines:
        sys.exit(f"kg build {path} failed:\n{proc.stderr[-2000:]}")
    secs, rss = lines[-1].split()[1:]
    return float(secs), int(rss) / 1024, proc.stdout


def count(out: Path) -> tuple[int, int]:
    """Mentions and relation evidences in a built TriG file (counted on its text)."""
    mentions = evidences = 0
    with out.open(encoding="utf-8") as f:
        for line in f:
            mentions += line.count("kg:mentionOf")
            evidences += line.count("kg:evidenceText")
    return mentions, evidences


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,4,12", help="document sizes in MB, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="lines,single")
    ap.add_argument("--keep", type=Path, help="write the generated documents and graphs here")
    ap.add_argument("--source", type=Path, default=REPO,
                    help="run kg from this checkout (e.g. `git archive` of an older commit, for before/after)")
    ap.add_argument("--write-part", type=int, help="triples per part of a graph written to a file "
                    "(kg.build.WRITE_PART; a huge number writes each document's graph whole)")
    args = ap.parse_args(argv)
    sizes = [float(x) for x in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    if any(s not in SHAPES for s in shapes):
        ap.error(f"--shapes: choose among {', '.join(SHAPES)}")
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        small = folder / "one-article.txt"
        small.write_text(generate(0.001, "lines"), encoding="utf-8")
        _, base, _ = build(small, folder / "one-article.trig", args.source, args.write_part)
        print(f"loaded analysers (a one-article build): {base:,.0f} MB peak RSS", file=sys.stderr)
        print("| shape | MB | characters | mentions | evidences | seconds | peak RSS MB | above loaded MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for shape in shapes:
            for mb in sizes:
                path = folder / f"long-{shape}-{mb:g}MB.txt"
                text = generate(mb, shape)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                out = path.with_suffix(".trig")
                t = time.perf_counter()
                secs, rss, _ = build(path, out, args.source, args.write_part)
                m, e = count(out)
                print(f"| {shape} | {path.stat().st_size / 1e6:.1f} | {len(text):,} | {m:,} | {e:,} | {secs:.0f} "
                      f"| {rss:,.0f} | {rss - base:,.0f} |", flush=True)
                print(f"{path.name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
                if args.keep is None:
                    out.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
