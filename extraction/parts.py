"""Reports inside one cleaned text: tables of contents as blocks, and where a report starts.

A file may hold several reports one after the other (monthly issues concatenated, a
document pasted twice). The article splitter makes some decisions once per report — the
level of its chapter headings, its table of contents, the year of dates stated without
one — so it runs on each report apart. Works on the lines of the cleaned text of
:func:`extraction.normalize.normalize` as ``(start, end, text)`` tuples.

* :func:`toc_blocks` groups the table-of-contents entries into blocks of nearby lines (a
  table of contents is a bounded block of short lines, never the stretch from the first
  entry of a file to its last), each widened to a "목차"/"CONTENTS" heading next to it.
* :func:`report_starts` gives the lines where another report begins: the cover above a
  table of contents other than the first one (the short title and date lines just above
  it, from a date line such as "2025. 06" among them when there is one), and every place
  where the file's opening lines (its first three non-blank lines) recur in a row, and
  at a newsletter's masthead (its name and issue, "… | 2025 년 4 월호", on a short line)
  right before an article opens.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Sequence

from .records import TocEntry

Line = tuple[int, int, str]

TOC_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:목\s*차|차\s*례|CONTENTS|Contents|Table of [Cc]ontents)$")
# non-blank lines between two entries of one table of contents (section labels such as
# "정책" "브리핑", a wrapped title); normalisation allows at most 4 between entries
MAX_TOC_GAP = 6
# the cover above a table of contents: at most this many short lines that end no sentence
MAX_COVER_LINES = 8
MAX_COVER_LINE = 40
OPENING_LINES = 3
# a masthead: a newsletter's name with its issue ("… 뉴스레터 | 2025 년 4 월호", "# … 노트
# (2025년 5월)", "… 브리프 | 2025 년 제17호") on a short line right before an article opens
_ISSUE = re.compile(r"\d{1,2}\s*월\s*호|제\s*\d{1,4}\s*호|[(（](?:19|20)\d{2}\s*(?:년|[.\-/])\s*\d{1,2}\s*월?\s*[)）]")
_MASTHEAD_FORM = re.compile(r"^#\s|\s\|\s")
_OPENER = re.compile(r"^(?:#{1,6}\s*)?[◼■▪▶►□◆◇◈]|^\[[^\[\]]{1,15}\]\s*\S")
MAX_MASTHEAD = 60
_SENTENCE_END = re.compile(r"[.?!。](?:['\"”’」』)\]]*)$")
_DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*(?:년|\.|-|/)\s*\d{1,2}\s*(?:월|\.)?(?:\s*\d{1,2}\s*(?:일|\.)?)?")


def _nonblank(lines: Sequence[Line], lo: int, hi: int) -> int:
    return sum(1 for k in range(max(lo, 0), min(hi, len(lines))) if lines[k][2].strip())


def toc_blocks(lines: Sequence[Line], toc: Sequence[TocEntry]) -> list[tuple[int, int]]:
    """The tables of contents as ``(first line, last line)`` index ranges (inclusive)."""
    if not toc or not lines:
        return []
    line_starts = [s for s, _, _ in lines]
    spans = []
    for entry in sorted(toc, key=lambda t: (t.start, t.end)):
        first = max(0, bisect_right(line_starts, entry.start) - 1)
        last = max(first, bisect_right(line_starts, max(entry.start, entry.end - 1)) - 1)
        spans.append((first, last))
    blocks: list[list[int]] = []
    for first, last in spans:
        if blocks and _nonblank(lines, blocks[-1][1] + 1, first) <= MAX_TOC_GAP:
            blocks[-1][1] = max(blocks[-1][1], last)
        else:
            blocks.append([first, last])
    out = []
    n = len(lines)
    for first, last in blocks:
        for i in range(max(0, first - 3), first):
            if TOC_HEADING.match(lines[i][2].strip()):
                first = i
                break
        for i in range(min(n - 1, last + 3), last, -1):
            if TOC_HEADING.match(lines[i][2].strip()):
                last = i
                break
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _cover_start(lines: Sequence[Line], first: int, floor: int) -> int:
    """Where the cover above a table of contents starting at line ``first`` begins."""
    start, date_at, k, seen = first, None, first - 1, 0
    while k > floor and seen < MAX_COVER_LINES:
        t = lines[k][2].strip()
        if t:
            if len(t) > MAX_COVER_LINE or _SENTENCE_END.search(t) or t.startswith(("(출처", "출처", "http", "www.")):
                break
            seen += 1
            start = k
            if _DATE_LINE.fullmatch(t):
                date_at = k
        k -= 1
    return date_at if date_at is not None else start


def report_starts(lines: Sequence[Line], blocks: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Line indexes where a report other than the first begins, in order."""
    nonblank = [k for k, (_, _, t) in enumerate(lines) if t.strip()]
    if not nonblank:
        return []
    head = nonblank[0]
    starts: set[tuple[int, str]] = set()   # (line, what found it)
    floor = head
    for k, (first, last) in enumerate(blocks):
        # the first table of contents near the top belongs to the first report
        if k == 0 and _nonblank(lines, head, first) <= MAX_COVER_LINES + 2:
            floor = last
            continue
        start = _cover_start(lines, first, floor)
        if start > head:
            starts.add((start, "cover"))
        floor = last
    # a masthead line right before an article opens (a newsletter's next issue)
    for n, k in enumerate(nonblank[1:-1], 1):
        t = lines[k][2].strip()
        if len(t) <= MAX_MASTHEAD and _MASTHEAD_FORM.search(t) and _ISSUE.search(t) \
                and not _SENTENCE_END.search(t):
            after = lines[nonblank[n + 1]][2].strip()
            if _OPENER.match(after) or TOC_HEADING.match(after):
                starts.add((k, "masthead"))
    # the file's opening lines again, in a row: a copy of the first report (or a series)
    opening = [lines[k][2].strip() for k in nonblank[:OPENING_LINES]]
    if len(opening) == OPENING_LINES and sum(len(t) for t in opening) >= 12:
        for n, k in enumerate(nonblank[OPENING_LINES:], OPENING_LINES):
            if lines[k][2].strip() == opening[0] and n + OPENING_LINES <= len(nonblank) and \
                    all(lines[nonblank[n + j]][2].strip() == opening[j] for j in range(1, OPENING_LINES)):
                starts.add((k, "opening"))
    # one start per report: starts found by different signs a cover apart (a copy's
    # opening lines and the cover above its table of contents) are one, the first
    rank = {k: n for n, k in enumerate(nonblank)}
    out: list[int] = []
    signs: set[str] = set()
    for k, sign in sorted(s for s in starts if s[0] > head):
        if out and sign not in signs and rank.get(k, k) - rank.get(out[-1], out[-1]) <= MAX_COVER_LINES + 2:
            signs.add(sign)
            continue
        if not out or k != out[-1]:
            out.append(k)
            signs = {sign}
        else:
            signs.add(sign)
    return out


def parts(lines: Sequence[Line], toc: Sequence[TocEntry]) -> list[tuple[int, int]]:
    """The reports of a text as ``(first line, end line)`` ranges (end exclusive)."""
    starts = report_starts(lines, toc_blocks(lines, toc))
    bounds = [0] + starts + [len(lines)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


__all__ = ["TOC_HEADING", "parts", "report_starts", "toc_blocks"]
