"""Splitting a cleaned document into articles.

Works on the cleaned text of :func:`extraction.normalize.normalize` (one paragraph,
heading or table row per line). An article starts at

* a bracketed section tag with a title, "[산업분석] 제목" or "1. [기업소개] 제목" (section =
  the tag);
* a Markdown chapter heading: headings numbered with Roman numerals ("# I. …") when the
  document has them, else the top-level headings;
* a headline marker line ("◼ 제목", "■ …", "▶ …", "□ …") whose block carries a source line
  "(출처: …)" or a dated lead — otherwise such lines are sub-headings of the article they
  are in;
* a title-like line followed by a dated lead ("2025 년 4 월 20 일, …", "2025.06.12 …",
  "4월 23일, …", "지난 6월 11일, …");
* the first line after an article ended.

An article ends after its source line ("(출처: 커지르바오)", or a reference entry
"매체(媒体). 제목. (25.06.01)" followed by its URL), which becomes ``Article.source``. The
table of contents is an article of its own with ``section="목차"`` and ``title="목차"``, so
articles tile the document. Dates are ISO: "2025-04-23", or "2025-04" when only a month is
stated; a date without a year takes the nearest earlier year stated in the text, else
``default_year``.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from .parts import parts, toc_blocks
from .records import Article, OffsetMap, TocEntry

log = logging.getLogger(__name__)

_BRACKET = re.compile(r"^(?:\d{1,2}\.\s*)?\[(?P<tag>[^\[\]]{1,15})\]\s*(?P<title>\S.*)$")
_MD_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*$")
_ROMAN = re.compile(r"^(?:\*\*)?(?:[IVX]{1,5}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\.\s")
_HEADLINE = re.compile(r"^[◼■▪▶►□◆◇◈]\s*(?P<title>\S.*)$")
_SOURCE_PAREN = re.compile(r"\((?:출처|자료)\s*[:：]\s*(?P<src>[^()]+?)\s*\)\s*$")
_SOURCE_LINE = re.compile(r"^(?:출처|자료|Source)\s*[:：]\s*(?P<src>.+?)\s*$")
_REFERENCE = re.compile(
    r"^(?P<outlet>[^\s().,][^().]{0,30}?\((?P<alt>[^()]{1,30})\))\.\s+\S.*?"
    r"(?:\((?P<yy>\d{2})\.(?P<mm>\d{1,2})\.(?P<dd>\d{1,2})\))?\s*$"
)
_RUNNING = re.compile(r"^\d{2}\.\s+\S")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_SENTENCE_END = re.compile(r"[.?!。](?:['\"”’」』)\]]*)$")

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_LEAD_DATES = (
    re.compile(r"^(?:(?:지난|올해|지난해|작년|오는)\s*)?" + _YEAR + r"\s*년\s*(?P<m>\d{1,2})\s*월(?:\s*(?P<d>\d{1,2})\s*일)?"),
    re.compile(r"^" + _YEAR + r"\s*[.\-/]\s*(?P<m>\d{1,2})\s*[.\-/]\s*(?P<d>\d{1,2})\b\.?"),
    re.compile(r"^(?:(?:지난|올해|지난해|작년|오는)\s*)?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
)
_STATED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:년|\.\s*\d{1,2}\s*\.|-\d{1,2}-)")


@dataclass
class _Open:
    start_line: int
    kind: str                  # "front", "toc", "news", "chapter", "untitled", "references"
    title: str | None = None
    section: str | None = None
    date: str | None = None
    source: str | None = None
    ended: bool = False


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _key(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).lower()


def _strip_md(title: str) -> str:
    return re.sub(r"\s+", " ", title.replace("**", "").replace("\\*", "*")).strip()


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= 31:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def lead_date(line: str, fallback_year: int | None) -> str | None:
    """ISO date stated at the start of ``line`` ("2025 년 4 월 20 일, …"), or None."""
    for pattern in _LEAD_DATES:
        m = pattern.match(_untagged(line))
        if m:
            gd = m.groupdict()
            y = int(gd["y"]) if gd.get("y") else fallback_year
            return _iso(y, int(gd["m"]), int(gd["d"]) if gd.get("d") else None)
    return None


def _untagged(line: str) -> str:
    """A line without a leading section tag: "[투자동향] 2025 년 4 월 21 일, …" → "2025 년 …"."""
    return re.sub(r"^\[[^\[\]]{1,15}\]\s*", "", line.strip())


def _unmarked(line: str) -> str:
    """A line without Markdown heading marks: "## ◼ 제목" → "◼ 제목"."""
    return _strip_md(line.strip().lstrip("#").strip())


def _opens_body(line: str) -> bool:
    """A section-tagged line that opens a headline's body: a paragraph or a dated lead."""
    return _is_paragraph(line) or lead_date(line, 2000) is not None


def _is_paragraph(line: str) -> bool:
    """A body paragraph (behind an optional section tag), not a headline."""
    t = _untagged(line)
    return len(t) >= 60 or bool(_SENTENCE_END.search(t))


def _year_before(text: str, pos: int, default_year: int | None) -> int | None:
    """The document's year if known, else the nearest year stated before ``pos``."""
    if default_year is not None:
        return default_year
    ends, years = _stated_years(text)
    k = bisect_right(ends, pos) - 1
    return years[k] if k >= 0 else None


@lru_cache(maxsize=1)
def _stated_years(text: str) -> tuple[list[int], list[int]]:
    """Where each year stated in ``text`` ends, and the year (read once per text)."""
    ends, years = [], []
    for m in _STATED_YEAR.finditer(text):
        ends.append(m.end())
        years.append(int(m.group(1)))
    return ends, years


def _is_lead(line: str) -> bool:
    """Does ``line`` read like a dated lead sentence ("2025 년 4 월 20 일, …다.")?"""
    t = _untagged(line)
    for pattern in _LEAD_DATES:
        m = pattern.match(t)
        if m:
            rest = t[m.end():]
            if rest[:1] in ("-", "~", "–", "—") or rest.lstrip()[:1] in ("-", "~", "–"):
                return False            # a date range: a table row or an event list
            return len(t) >= 40 or bool(_SENTENCE_END.search(t))
    return False


def segment(
    text: str,
    toc: Sequence[TocEntry] = (),
    offsets: OffsetMap | None = None,
    *,
    default_year: int | None = None,
    running_titles: Iterable[tuple[int, str]] = (),
) -> tuple[Article, ...]:
    """Split cleaned ``text`` into articles (see the module docstring for the rules).

    ``offsets`` maps the cleaned text to the original (for ``orig_start``/``orig_end``);
    ``default_year`` completes dates stated without a year when no year was stated before;
    ``running_titles`` are ``(clean position, text)`` of removed running-title lines
    ("02. 기사 제목"), used as the title of an article that has none.

    Reports concatenated in one text (:func:`extraction.parts.parts`: a new report's cover
    and table of contents, or the text's opening lines again) are split apart first and
    each is segmented on its own; a later report's dates without a year take its own
    cover date when it has one.
    """
    if not text.strip():
        return ()
    lines = _lines(text)
    ranges = parts(lines, toc)
    running_titles = list(running_titles)
    if len(ranges) <= 1:
        return _segment_part(text, toc, offsets, default_year=default_year, running_titles=running_titles)
    articles: list[Article] = []
    for k, (a, b) in enumerate(ranges):
        cs = lines[a][0]
        ce = lines[b - 1][1]
        part = text[cs:ce]
        if not part.strip():
            continue
        year = default_year
        if k > 0:
            own = document_date(part)
            year = int(own[:4]) if own else default_year
        part_toc = [replace(t, start=t.start - cs, end=t.end - cs) for t in toc if cs <= t.start and t.end <= ce]
        part_running = [(p - cs, t) for p, t in running_titles if cs <= p <= ce]
        shifted = _ShiftedOffsets(offsets, cs) if offsets is not None else None
        for art in _segment_part(part, part_toc, shifted, default_year=year, running_titles=part_running):
            o_start, o_end = (art.orig_start, art.orig_end) if offsets is not None else \
                (art.start + cs, art.end + cs)
            articles.append(replace(art, index=len(articles), start=art.start + cs, end=art.end + cs,
                                    orig_start=o_start, orig_end=o_end))
    log.debug("%d reports, %d articles", len(ranges), len(articles))
    return tuple(articles)


class _ShiftedOffsets:
    """The offset map of a part of the cleaned text that starts at ``base``."""

    def __init__(self, offsets: OffsetMap, base: int) -> None:
        self.offsets, self.base = offsets, base

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_original(start + self.base, end + self.base)


def _segment_part(
    text: str,
    toc: Sequence[TocEntry] = (),
    offsets: OffsetMap | None = None,
    *,
    default_year: int | None = None,
    running_titles: Iterable[tuple[int, str]] = (),
) -> tuple[Article, ...]:
    """Articles of one report (the rules of the module docstring)."""
    lines = _lines(text)
    n = len(lines)
    if not text.strip():
        return ()

    # --- the table of contents region (line indexes)
    # (each table of contents a bounded block of its own: never the stretch between two)
    toc_lines: set[int] = set()
    for first, last in toc_blocks(lines, toc):
        toc_lines.update(range(first, last + 1))

    # --- markdown chapters
    md = [(i, _MD_HEADING.match(l)) for i, (_, _, l) in enumerate(lines)]
    md = [(i, m) for i, m in md if m and i not in toc_lines]
    chapter_lines: set[int] = set()
    if len(md) >= 3:
        roman = [i for i, m in md if _ROMAN.match(m.group("title"))]
        if roman:
            chapter_lines = set(roman)
        else:
            doc_title = _strip_md(md[0][1].group("title"))
            top = min(len(m.group("level")) for _, m in md)
            chapter_lines = {i for i, m in md if len(m.group("level")) == top
                             and _strip_md(m.group("title")) != doc_title}

    # --- headline markers that start news articles: their block has a source or dated lead
    headline_lines = [i for i, (_, _, l) in enumerate(lines) if _HEADLINE.match(_unmarked(l)) and i not in toc_lines]
    strong = {i for i, (_, _, l) in enumerate(lines) if _BRACKET.match(l)} | chapter_lines
    news_heads: set[int] = set()
    for k, i in enumerate(headline_lines):
        stop = n
        if k + 1 < len(headline_lines):
            stop = headline_lines[k + 1]
        first_after = next((j for j in range(i + 1, n) if lines[j][2].strip()), n)
        # "◼ 제목" directly followed by "[태그] 본문…" is one article: the tag is its section
        later_strong = [s for s in strong if s > i and not (s == first_after and _opens_body(lines[s][2]))]
        if later_strong:
            stop = min(stop, min(later_strong))
        block = [lines[j][2] for j in range(i + 1, stop)]
        first_text = next((b for b in block[:2] if b.strip()), "")
        tagged_body = first_after < n and _BRACKET.match(lines[first_after][2].strip()) is not None \
            and _opens_body(lines[first_after][2])
        if any(_SOURCE_PAREN.search(b) for b in block) or lead_date(first_text, 2000) or tagged_body:
            news_heads.add(i)

    articles: list[Article] = []
    cur: _Open | None = None
    running = sorted(running_titles)

    def close(end_line: int) -> None:
        nonlocal cur
        if cur is None:
            return
        first, last = cur.start_line, end_line
        while first <= last and not lines[first][2].strip():
            first += 1
        while last >= first and not lines[last][2].strip():
            last -= 1
        if first <= last:
            start, end = lines[first][0], lines[last][1]
            title = cur.title
            if title is None and cur.kind == "untitled":
                title = _find_title(first, last, start, end)
            o_start, o_end = offsets.span_to_original(start, end) if offsets else (start, end)
            articles.append(Article(
                index=len(articles), title=title, date=cur.date, source=cur.source,
                section=cur.section, start=start, end=end, orig_start=o_start, orig_end=o_end,
            ))
        cur = None

    toc_keys = [(_key(e.title), e.title) for e in toc]

    def _find_title(first: int, last: int, start: int, end: int) -> str | None:
        """Title of an article without a headline: a running title ("02. 제목") removed
        from or printed in it (preferring one that names a ToC entry), else its first
        line when that reads as a title."""
        cands = [t for p, t in running if start <= p <= end]
        cands += [lines[j][2] for j in range(first, last + 1) if _RUNNING.match(lines[j][2])]
        cands = [re.sub(r"^\d{2}\.\s*", "", c).strip() for c in cands]
        for c in cands:
            kc = _key(c)
            for kt, t in toc_keys:
                if kt and (kc.startswith(kt) or kt.startswith(kc)):
                    return t
        if cands:
            return cands[0]
        head = _strip_md(lines[first][2].strip().lstrip("#").strip())
        if first < last and _title_like(head) and len(head) <= 60:
            return head
        return None

    def open_(i: int, kind: str, **kw) -> None:
        nonlocal cur
        close(i - 1)
        cur = _Open(i, kind, **kw)

    i = 0
    while i < n:
        s, e, line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if i in toc_lines:
            if cur is None or cur.kind != "toc":
                open_(i, "toc", title="목차", section="목차")
            i += 1
            continue
        if cur is not None and cur.kind == "toc":
            close(i - 1)
        if cur is not None and cur.ended:
            close(i - 1)

        m = _BRACKET.match(stripped)
        if m and cur is not None and cur.kind in ("news", "chapter") and cur.section is None and _opens_body(stripped) \
                and all(not lines[j][2].strip() for j in range(cur.start_line + 1, i)):
            # "◼ 제목" then "[투자동향] 2025 년 4 월 21 일, …": the tag is the headline's section
            cur.section = m.group("tag").strip()
            cur.date = cur.date or lead_date(stripped, _year_before(text, lines[i][0], default_year))
            i += 1
            continue
        if m:
            open_(i, "chapter", title=m.group("title").strip(), section=m.group("tag").strip())
            i += 1
            continue
        if i in chapter_lines:
            title = _strip_md(_MD_HEADING.match(stripped).group("title"))
            hm = _HEADLINE.match(title)
            open_(i, "chapter", title=hm.group("title").strip() if hm else title)
            i += 1
            continue
        m = _HEADLINE.match(_unmarked(stripped))
        if m and i in news_heads:
            open_(i, "news", title=m.group("title").strip())
            nxt = next((j for j in range(i + 1, min(n, i + 3)) if lines[j][2].strip()), None)
            if nxt is not None:
                cur.date = lead_date(lines[nxt][2], _year_before(text, lines[nxt][0], default_year))
            i += 1
            continue
        # a title-like line followed by a dated lead starts a news article
        if cur is None or cur.kind != "chapter":
            nxt = next((j for j in range(i + 1, min(n, i + 2)) if lines[j][2].strip()), None)
            if nxt is not None and _title_like(stripped) and _is_lead(lines[nxt][2]) \
                    and not _table_name_line(stripped, lines[i - 1][2] if i else ""):
                date = lead_date(lines[nxt][2], _year_before(text, lines[nxt][0], default_year))
                if date:
                    title = _strip_md(stripped.lstrip("#").strip())
                    hm = _HEADLINE.match(title)
                    open_(i, "news", title=hm.group("title").strip() if hm else title, date=date)
                    i += 1
                    continue
        ref = _REFERENCE.match(stripped)
        url_at = None
        if ref:
            for j in (i + 1, i + 2):
                if j < n and _URL.match(lines[j][2].strip()):
                    url_at = j
                    break
                if j < n and not re.fullmatch(r"\(\d{2}\.\d{1,2}\.\d{1,2}\)", lines[j][2].strip()):
                    break
        is_ref = url_at is not None
        if cur is not None and cur.kind == "references" and not is_ref and not _URL.match(stripped):
            close(i - 1)
        if is_ref:
            if cur is not None and cur.kind == "references":
                i = url_at + 1
                continue
            if cur is not None and cur.source is None and cur.kind != "front":
                cur.source = ref.group("outlet").strip()
                if ref.group("yy") and cur.date is None:
                    cur.date = _iso(2000 + int(ref.group("yy")), int(ref.group("mm")), int(ref.group("dd")))
                if cur.date is None:
                    ymd = re.search(r"\((\d{2})\.(\d{1,2})\.(\d{1,2})\)", " ".join(l for _, _, l in lines[i:url_at]))
                    if ymd:
                        cur.date = _iso(2000 + int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3)))
                cur.ended = True       # the article ends after the reference's URL line
                i = url_at + 1
                continue
            open_(i, "references", section="참고자료")
            i = url_at + 1
            continue
        if cur is None:
            open_(i, "front" if not articles else "untitled")
            if cur.kind == "untitled" and cur.date is None:
                cur.date = lead_date(stripped, _year_before(text, s, default_year))

        # source lines end the article
        m = _SOURCE_PAREN.search(stripped)
        if m and cur.kind != "chapter":
            cur.source = cur.source or m.group("src").strip()
            cur.ended = True
        elif cur.kind == "news" and stripped.startswith("출처") and _SOURCE_LINE.match(stripped):
            cur.source = cur.source or _SOURCE_LINE.match(stripped).group("src").strip()
            cur.ended = True
        i += 1
    close(n - 1)
    return tuple(articles)


_NOMINAL_ENDINGS = ("함", "됨", "임", "음", "짐", "남", "봄", "줌", "옴", "킴", "짐")
_BULLET = re.compile(r"^(?:[-－–—*+·•⚫○●◦‣∙※]|\d{1,2}[.)]\s|\(\d{1,2}\)|[①-⑳])")


def _table_name_line(line: str, previous: str) -> bool:
    """A bare Chinese name under a short Korean line: a table row's company named in both
    scripts (루이펑커지 / 瑞峰科技 / 2025 년 3 월 12 일, …), not a headline."""
    return (bool(re.fullmatch(r"[\u4e00-\u9fff·()（）]{2,20}", line))
            and bool(re.fullmatch(r"[가-힣A-Za-z0-9&.\- ]{2,30}", previous.strip())))


def _title_like(line: str) -> bool:
    """A line that can be a headline: short, no sentence end, no bullet, no table cell."""
    nominal = line.endswith(_NOMINAL_ENDINGS)          # "…규제함", "…포함됨": a table cell
    return (2 <= len(line) <= 80 and not _SENTENCE_END.search(line) and not _URL.match(line)
            and not _SOURCE_PAREN.search(line) and not nominal and not _BULLET.match(line)
            and not line.startswith(("도표", "표 ", "그림", "사진", "자료", "출처", "주:", "단위"))
            and "|" not in line and not lead_date(line, 2000))


def document_date(text: str, head_lines: int = 30) -> str | None:
    """The document's own date: a line near the top that is only a date ("2025. 06")."""
    for line in text.split("\n")[:head_lines]:
        t = line.strip()
        m = re.fullmatch(r"((?:19|20)\d{2})\s*(?:년|\.|-|/)\s*(\d{1,2})\s*(?:월|\.)?(?:\s*(\d{1,2})\s*(?:일|\.)?)?", t)
        if m:
            return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return None


def reference_year(text: str) -> int | None:
    """The most recent year among reference dates "(25.04.25)" in the text, if any."""
    years = [2000 + int(y) for y in re.findall(r"\((\d{2})\.\d{1,2}\.\d{1,2}\)", text)]
    return max(years) if years else None


__all__ = ["document_date", "lead_date", "reference_year", "segment"]
