"""Normalisation: from a :class:`SourceText` to clean text that maps back to the original.

Text pulled from PDFs breaks lines wherever the page did: in the middle of Korean words
("보\\n\\n유한" for 보유한), at word boundaries ("계획이다. \\n\\n4 월") and around page
headers, footers and page numbers. :func:`normalize` repairs this and returns the cleaned
text with an :class:`~extraction.records.OffsetMap` such that every copied character of the
cleaned text is the character at its mapped position in ``source.text``; characters that
were inserted (the space or line break that replaces a line break, " | " for a tab, "·" for a
private-use glyph) map to the original character they stand for.

How a line break between two kept lines is decided (reasons as in :class:`LineBreak`):

* ``break`` (kept as one "\\n"): either line is part of the table of contents ("toc") or
  a table row (tabs, runs of 2+ spaces, or rows of a flattened table that start with dates
  such as "2023-4 …") ("table"); the next line starts with a marker (◼ ■ ▶ □ ○ - • ⚫ 1. 1)
  (1) ① [태그] # 도표 1. 자료: URL …; "가." only after a word boundary) ("marker") or with
  a dated lead "6 월 12 일, …" ("dated-lead"); a blank line separates them in a document
  whose lines are not all blank-line separated ("blank-line"); the line ends a sentence
  ("다." "?" …, "(출처: …)") ("sentence-end") or in the nominal style "…증가함" per Kiwi
  ("nominal-end"); it is a short heading ("heading"); it is much shorter than the
  document's line width and does not end in a particle, ending or comma ("short-line");
* ``join`` or ``space`` otherwise. When the document marks word boundaries by a trailing
  space before the line break (the PDF extractor behind the corpus does; detected per
  document) that signal decides ("trailing-space" -> space, "no-trailing-space" -> join),
  Kiwi checking the joins and overruling only on clear evidence ("analyser"). Without
  the signal Kiwi decides ("analyser"): a known morpheme spanning the break, a particle,
  ending or suffix starting the second part, or a prefix ending the first part -> join;
  an ending or particle closing the first part -> space; a clearly better score of one
  form -> that form; no opinion -> space ("default-space"), so words that were separate
  are never glued. Chinese characters on both sides join ("chinese"); a break before
  closing punctuation or after an opening one joins ("punctuation").

Headers and footers (short lines that recur at page boundaries, or lines with a wide gap
that recur), bare page numbers, blank lines, form feeds, HTML/Markdown tags (``<b>``,
``<sup>1)</sup>``, ``**``) are not copied. Runs of spaces become one space; a tab, or a gap
of four or more spaces in a line with at least two such gaps that ends no sentence (a table
row laid out with spaces), becomes " | " (so table cells stay apart); the text is NFC.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Sequence

from .records import OffsetMap, OffsetMapBuilder, SourceText, TocEntry

log = logging.getLogger(__name__)

JOIN, SPACE, BREAK = "join", "space", "break"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RepairStats:
    """What normalisation did to one document (all counts)."""

    lines: int = 0                      # non-blank lines in the original
    mid_word_joins: int = 0             # line breaks removed inside a word
    word_boundaries_kept: int = 0       # line breaks replaced by one space
    analyser_decided: int = 0           # joins/spaces/breaks decided by Kiwi (not by a signal)
    analyser_consulted: int = 0         # line breaks Kiwi was asked about
    paragraph_breaks: int = 0           # line breaks kept as "\n"
    header_footer_lines_removed: int = 0
    page_numbers_removed: int = 0
    markup_removed: int = 0             # HTML/Markdown tags dropped
    toc_entries: int = 0
    pages: int = 0                      # pages seen (form feeds or inferred page starts)
    chars_in: int = 0
    chars_out: int = 0

    def __add__(self, other: "RepairStats") -> "RepairStats":
        return RepairStats(**{k: getattr(self, k) + getattr(other, k)
                              for k in self.__dataclass_fields__})


@dataclass(frozen=True)
class LineBreak:
    """The decision taken for one line break between two kept lines."""

    kind: str        # "join", "space" or "break"
    reason: str      # e.g. "trailing-space", "no-trailing-space", "analyser", "marker"
    original: int    # position in the original text where the left line's content ends
    clean: int       # position in the cleaned text where the right line's content starts
    left: str        # the end of the left line (up to 24 characters)
    right: str       # the start of the right line (up to 24 characters)


@dataclass(frozen=True)
class RemovedLine:
    """A line that was not copied (header/footer or page number) and where it was."""

    kind: str        # "header" or "page-number"
    text: str
    original: int    # start of the line in the original text
    clean: int       # position in the cleaned text where it would have been


@dataclass(frozen=True)
class NormalizedText:
    """Result of :func:`normalize`. Unpacks as ``text, offsets, toc = normalize(src)``."""

    text: str
    offsets: OffsetMap
    toc: tuple[TocEntry, ...] = ()
    stats: RepairStats = field(default_factory=RepairStats)
    breaks: tuple[LineBreak, ...] = field(default=(), repr=False)
    removed: tuple[RemovedLine, ...] = field(default=(), repr=False)

    def __iter__(self) -> Iterator:
        yield self.text
        yield self.offsets
        yield self.toc

    @property
    def running_titles(self) -> tuple[RemovedLine, ...]:
        """Removed header lines that look like a running article title ("02. 제목")."""
        return tuple(r for r in self.removed if r.kind == "header" and _RUNNING_TITLE.match(r.text))


# --------------------------------------------------------------------------- Kiwi


@lru_cache(maxsize=1)
def get_kiwi():
    """The process-wide Kiwi analyser, loaded on first use (about a second)."""
    from kiwipiepy import Kiwi

    log.debug("loading Kiwi")
    return Kiwi()


# --------------------------------------------------------------------------- patterns

_LINE_SEP = re.compile(r"\r\n|[\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACE_CHARS = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TOKEN = re.compile(
    r"(?P<drop><sup>.*?</sup>|<sub>.*?</sub>"
    r"|</?(?:b|i|u|s|em|strong|mark|small|big|span|font|ul|ol|li|p|br|div|table|thead|tbody"
    r"|tr|td|th|a|img|sup|sub|hr|center|code|strike|del|ins)\b[^<>]*?/?>"
    r"|\*\*)"
    r"|(?P<ws>[" + _SPACE_CHARS + r"]+)"
    r"|(?P<zw>[\u200b-\u200d\u2060\ufeff\u00ad])"
    r"|(?P<pua>[\ue000-\uf8ff])"
    r"|(?P<dot>[\u2219\u318d\u30fb\u2027\u22c5\uff65])"  # ∙ ㆍ ・ ‧ ⋅ ･: the middle dot of a list
    r"|(?P<ctl>[\x00-\x08\x0e-\x1f\x7f-\x9f])",
    re.I,
)
# a character that may start a _TOKEN (or a combining mark): a plain space before one stays a
# piece of its own, as markup around spaces and marks after them need
_TOKEN_START = re.compile(r"[<*" + _SPACE_CHARS + r"\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff"
                          r"\u2219\u318d\u30fb\u2027\u22c5\uff65\x00-\x08\x0e-\x1f\x7f-\x9f"
                          r"\u0300-\u036f\u1160-\u11ff\u3099\u309a\u302e\u302f]")

_SYMBOL_BULLETS = "◼■▪▶►▷□○●◆◇◈◎⚫•‣∙◦※★☆✓✔➢➤▸▹◉"
HEADLINE_MARKERS = "◼■▪▶►□◆◇◈"
_MARKER = re.compile(
    r"^(?:[" + _SYMBOL_BULLETS + r"]"
    r"|[-－–—*+·]\s|\\\*\s|[QA]\.\s"
    r"|\d{1,2}[.)]\s|\(\d{1,2}\)|\d{1,2}\)\S"
    r"|[①-⑳㉠-㉭㈀-㈍]"
    r"|[IVX]{1,5}\.\s|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ][.)]?\s?"
    r"|\[[^\[\]]{1,20}\]"
    r"|#{1,6}\s"
    r"|(?:도표|표|그림|사진|차트|Figure|Table|Fig\.)\s*\d+[.:)]?(?:\s|$)"
    r"|<(?:표|그림|도표|사진)\s*\d+>"
    r"|(?:자료|출처|주|단위|Source|Sources|Note)\s*[:：]"
    r"|https?://|www\."
    r")"
)
# "가." list markers clash with sentence ends wrapped to a new line ("했\n다. 그러나").
_WEAK_MARKER = re.compile(r"^[가나다라마바사아자차카타파하]\.\s")
_HEADING_START = re.compile(
    r"^(?:[" + HEADLINE_MARKERS + r"]|#{1,6}\s|\[[^\[\]]{1,20}\]|\d{1,2}\.\s|\(\d{1,2}\)"
    r"|\d{1,2}\)\s|[IVX]{1,5}\.\s|[가나다라마바사아자차카타파하]\.\s)"
)
_SENTENCE_END = re.compile(r"(?<![0-9A-Z])[.?!。](?:['\"”’」』)\]]*)$|…$")
_SOURCE_END = re.compile(r"\((?:출처|자료)\s*[:：][^()]*\)$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?$|^(?:page|p\.?)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$"
    r"|^\d{1,3}\s*/\s*\d{1,3}$",
    re.I,
)
_TOC_ENTRY = re.compile(
    r"^(?P<title>\S.*?)(?:\t+|\s{2,}|\s*[.·…_]{3,}\s*|\s+(?=[Pp]\.?\s?\d))\s*(?:[Pp]\.?\s?)?(?P<page>\d{1,3})$"
)
_TOC_P_ONLY = re.compile(r"^[Pp]\.?\s?\d{1,3}$")
_TOC_MAX_ENTRY = 100   # characters of a table-of-contents line
_TOC_PAGE_ONLY = re.compile(r"^(?:[Pp]\.?\s?)?(?P<page>\d{1,3})$")
_TOC_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:목\s*차|차\s*례|CONTENTS|Contents|Table of [Cc]ontents)$")
_RUNNING_TITLE = re.compile(r"^\d{2}\.\s+\S")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" or "\u1100" <= ch <= "\u11ff"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


# --------------------------------------------------------------------------- lines


class _Line:
    __slots__ = ("idx", "start", "end", "sep", "page", "pieces", "cls", "text", "trailing",
                 "leading", "removed", "toc", "markup")

    def __init__(self, idx: int, start: int, end: int, sep: str, page: int) -> None:
        self.idx = idx
        self.start = start      # first character of the line in the original
        self.end = end          # position of the line separator (or end of text)
        self.sep = sep          # the separator: "\n", "\r\n", "\f", … or "" at the end
        self.page = page
        self.pieces: list[tuple[str, str, int]] = []   # (kind, text, origin)
        self.cls = ""           # content for classification (runs of 2+ spaces kept as 2)
        self.text = ""          # content as it will be emitted (before tab expansion)
        self.trailing = -1      # original position of a trailing " " (word-boundary signal)
        self.leading = False
        self.removed: str | None = None
        self.toc = False
        self.markup = 0

    @property
    def blank(self) -> bool:
        return not self.text


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    page = 0
    for m in _LINE_SEP.finditer(text):
        lines.append(_Line(len(lines), pos, m.start(), m.group(), page))
        if m.group() == "\f":
            page += 1
        pos = m.end()
    lines.append(_Line(len(lines), pos, len(text), "", page))
    return lines


def _clean_line(line: _Line, text: str) -> None:
    """Fill ``pieces``/``cls``/``text`` of a line: tags dropped, spaces collapsed, NFC."""
    s, e = line.start, line.end
    raw = text[s:e]
    pieces: list[tuple[str, str, int]] = []
    pos = 0
    dropped_before = False
    for m in _TOKEN.finditer(raw):
        kind = m.lastgroup
        if (kind == "ws" and m.start() > pos and m.end() < len(raw) and raw[m.start()] == " "
                and m.end() == m.start() + 1 and not _TOKEN_START.match(raw, m.end())):
            # one plain space between words stays inside the copied run (it would be copied
            # as it is): a line of N words is one piece, not 2N (memory of long lines)
            continue
        if m.start() > pos:
            _copy_nfc(pieces, raw[pos:m.start()], s + pos, dropped_before)
        dropped_before = kind in ("drop", "zw", "ctl")
        if kind == "drop":
            line.markup += 1
        elif kind == "ws":
            pieces.append(("ws", m.group(), s + m.start()))
        elif kind in ("pua", "dot"):
            pieces.append(("i", "·", s + m.start()))
        pos = m.end()
    if pos < len(raw):
        _copy_nfc(pieces, raw[pos:], s + pos, dropped_before)
    # trailing-space signal: the raw line ends in a plain space
    if raw.endswith(" "):
        line.trailing = e - 1
    line.leading = raw[:1] in (" ", "\t", "\u3000", "\u00a0")
    # merge adjacent whitespace pieces (a dropped tag between spaces) and trim the ends
    merged: list[tuple[str, str, int]] = []
    for piece in pieces:
        if piece[0] == "ws" and merged and merged[-1][0] == "ws":
            prev = merged[-1]
            merged[-1] = ("ws", prev[1] + piece[1], prev[2])
        else:
            merged.append(piece)
    while merged and merged[0][0] == "ws":
        merged.pop(0)
    while merged and merged[-1][0] == "ws":
        merged.pop()
    line.pieces = merged
    cls_parts, text_parts = [], []
    for kind, t, _ in merged:
        if kind == "ws":
            if "\t" in t:
                cls_parts.append("\t")
                text_parts.append("\t")
            else:
                cls_parts.append("  " if len(t) >= 2 else " ")
                text_parts.append(" ")
        else:
            cls_parts.append(t)
            text_parts.append(t)
    line.cls = "".join(cls_parts)
    line.text = "".join(text_parts)


_COMBINING_RUN = re.compile(r".[\u0300-\u036f\u1160-\u11ff\u3099\u309a\u302e\u302f]+", re.S)


def _is_mark(ch: str) -> bool:
    """A character that composes with the one before it (a combining mark, a medial or
    final Hangul jamo)."""
    return unicodedata.combining(ch) != 0 or "\u1160" <= ch <= "\u11ff"


def _copy_nfc(pieces: list, s: str, origin: int, after_dropped: bool = False) -> None:
    if after_dropped and pieces and pieces[-1][0] != "ws":
        # marks that belonged to a dropped character (a control, markup) would compose with
        # the text before it: they are dropped with it, so the text stays NFC
        k = 0
        while k < len(s) and _is_mark(s[k]):
            k += 1
        s, origin = s[k:], origin + k
        if not s:
            return
    if unicodedata.is_normalized("NFC", s):
        pieces.append(("c", s, origin))
        return
    pos = 0
    for m in _COMBINING_RUN.finditer(s):
        if m.start() > pos:
            _copy_nfc_simple(pieces, s[pos:m.start()], origin + pos)
        cluster = m.group()
        composed = unicodedata.normalize("NFC", cluster)
        if composed == cluster:
            pieces.append(("c", cluster, origin + m.start()))
        else:
            pieces.append(("i", composed, origin + m.start()))
        pos = m.end()
    if pos < len(s):
        _copy_nfc_simple(pieces, s[pos:], origin + pos)


def _copy_nfc_simple(pieces: list, s: str, origin: int) -> None:
    for i, ch in enumerate(s):  # rare: singletons such as the Angstrom sign
        n = unicodedata.normalize("NFC", ch)
        pieces.append(("c" if n == ch else "i", n, origin + i))


# --------------------------------------------------------------------------- document analysis


def _line_width(lines: Sequence[_Line]) -> float:
    """The typical length of a full line (the wrap width) of this document."""
    lengths = sorted(len(l.text) for l in lines
                     if l.text and not l.removed and not l.toc and "\t" not in l.cls
                     and not _MARKER.match(l.cls))
    if len(lengths) < 5:
        lengths = sorted(len(l.text) for l in lines if l.text and not l.removed and "\t" not in l.cls)
    if not lengths:
        return 0.0
    if len(lengths) < 5:
        return float(lengths[-1])
    return float(lengths[int(0.8 * (len(lengths) - 1))])


def _toc_key(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", s)).strip()


def _find_toc(lines: list[_Line], kept: list[_Line]) -> list[tuple[str, int | None, list[_Line]]]:
    """Mark table-of-contents lines; return its entries as (title, page, lines)."""
    n = len(kept)
    # an entry is a short line (a title and its page); a long line ending in a number is
    # prose or a table row, and never lets a block grow through the body of a report
    is_entry = [len(l.text) <= _TOC_MAX_ENTRY and (
                (bool(_TOC_ENTRY.match(l.cls)) and not _PAGE_NUMBER.match(l.cls))
                or bool(_TOC_P_ONLY.match(l.cls.strip()))) for l in kept]
    entries_out: list[tuple[str, int | None, list[_Line]]] = []
    i = 0
    while i < n:
        if not is_entry[i]:
            i += 1
            continue
        # grow a block of entries with gaps of at most 4 short non-entry lines
        j, last = i, i
        while j + 1 < n:
            k = j + 1
            gap = 0
            while k < n and not is_entry[k] and gap < 4 and len(kept[k].text) <= 60 \
                    and not _SENTENCE_END.search(kept[k].text):
                k += 1
                gap += 1
            if k < n and is_entry[k]:
                j = last = k
            else:
                break
        block = kept[i:last + 1]
        count = sum(is_entry[i:last + 1])
        pages = [int(_TOC_PAGE_ONLY.match(l.cls.strip()).group("page") if _TOC_P_ONLY.match(l.cls.strip())
                     else _TOC_ENTRY.match(l.cls).group("page"))
                 for l in block if _TOC_ENTRY.match(l.cls) or _TOC_P_ONLY.match(l.cls.strip())]
        rising = sum(1 for a, b in zip(pages, pages[1:]) if b >= a)
        ordered = len(pages) < 2 or rising >= 0.7 * (len(pages) - 1)
        # a "목차"/"CONTENTS" heading within 3 lines before or after
        head = [kept[x] for x in range(max(0, i - 3), i) if _TOC_HEADING.match(kept[x].text.strip())]
        tail = [kept[x] for x in range(last + 1, min(n, last + 4)) if _TOC_HEADING.match(kept[x].text.strip())]
        if ordered and (count >= 4 or (count >= 3 and (head or tail))):
            first = kept.index(head[0]) if head else i
            end = kept.index(tail[-1]) if tail else last
            for x in range(first, end + 1):
                kept[x].toc = True
            pending: list[_Line] = []
            for l in kept[i:last + 1]:
                m = _TOC_ENTRY.match(l.cls)
                if m and not _TOC_P_ONLY.match(l.cls.strip()):
                    title = _clean_toc_title(m.group("title"))
                    entries_out.append((title, int(m.group("page")), [l]))
                    pending = []
                    continue
                m = _TOC_PAGE_ONLY.match(l.cls.strip())
                if m and pending:
                    # a wrapped title: from its last long line on (short lines before it
                    # are section labels such as "정책" "브리핑")
                    long_ = [k for k, p in enumerate(pending) if len(p.text) >= 15]
                    parts = pending[long_[-1]:] if long_ else pending[-1:]
                    title = _clean_toc_title(" ".join(p.text for p in parts))
                    entries_out.append((title, int(m.group("page")), parts + [l]))
                    pending = []
                else:
                    pending.append(l)
            i = end + 1
        else:
            i = last + 1
    return entries_out


def _clean_toc_title(s: str) -> str:
    s = re.sub(r"[.·…_]{3,}$", "", s.replace("\t", " "))
    return re.sub(r"\s+", " ", s).strip()


def _double_spaced(lines: list[_Line]) -> bool:
    """Are consecutive lines separated by blank lines (so that blank lines mean nothing)?"""
    idx = [l.idx for l in lines if l.text]
    pairs = list(zip(idx, idx[1:]))
    if not pairs:
        return False
    with_blank = sum(1 for a, b in pairs if b - a > 1)
    return with_blank >= 0.6 * len(pairs)


def _infer_page_starts(lines: list[_Line], double_spaced: bool) -> set[int]:
    """Indexes of lines that start a page.

    Form feeds mark pages. Without them, text extracted with a blank line between
    consecutive lines shows a page start as a line that follows its predecessor directly
    (no blank line) and begins with a space.
    """
    starts: set[int] = set()
    for l in lines[1:]:
        if lines[l.idx - 1].sep == "\f":
            starts.add(l.idx)
    if starts:
        return starts
    if not double_spaced or sum(1 for l in lines if l.text) < 10:
        return starts
    for l in lines[1:]:
        prev = lines[l.idx - 1]
        if l.text and l.leading and prev.text:
            starts.add(l.idx)
    return starts


def _mark_headers(lines: list[_Line], page_starts: set[int]) -> None:
    """Mark header/footer lines and page numbers as removed."""
    def key(l: _Line) -> str:
        return _toc_key(l.text)

    all_counts = Counter(key(l) for l in lines if l.text)
    formfeed = any(l.sep == "\f" for l in lines)

    # candidate lines next to page boundaries
    candidates: dict[str, list[_Line]] = defaultdict(list)
    blocks: list[list[_Line]] = []

    def nonblank_before(idx: int, limit: int) -> list[_Line]:
        out, k = [], idx - 1
        while k >= 0 and len(out) < limit:
            if lines[k].text:
                out.append(lines[k])
            k -= 1
        return out

    def nonblank_after(idx: int, limit: int) -> list[_Line]:
        out, k = [], idx
        while k < len(lines) and len(out) < limit:
            if lines[k].text:
                out.append(lines[k])
            k += 1
        return out

    for start in sorted(page_starts):
        block = [l for l in nonblank_before(start, 2) if not l.toc]
        if formfeed:
            block += [l for l in nonblank_after(start, 2) if not l.toc]
        else:
            # headers printed before the page-start line; the one right before it counts,
            # the one before that only if only blank lines separate them
            if block and len(block) == 2 and any(lines[k].text for k in range(block[1].idx + 1, block[0].idx)):
                block = block[:1]
        blocks.append(block)
        for l in block:
            candidates[key(l)].append(l)
    if formfeed and lines:
        first_page = [l for l in nonblank_after(0, 2) if not l.toc]
        last_page = [l for l in nonblank_before(len(lines), 2) if not l.toc]
        for l in first_page + last_page:
            if l not in candidates[key(l)]:
                candidates[key(l)].append(l)

    n_pages = len(page_starts) + 1

    def header_like(l: _Line) -> bool:
        t = l.text
        return (0 < len(t) <= 80 and not _SENTENCE_END.search(t) and not _SOURCE_END.search(t)
                and not _PAGE_NUMBER.match(t)
                and not _URL_LINE.match(t) and (not _MARKER.match(t) or bool(_RUNNING_TITLE.match(t))))

    removed_ids: set[int] = set()
    for k, group in candidates.items():
        if not k:
            continue
        sample = group[0]
        if not header_like(sample):
            continue
        pages = {l.page for l in group} if formfeed else {l.idx for l in group}
        if len(pages) >= 2 and (not formfeed or len(pages) >= 3 or len(pages) >= 0.3 * n_pages):
            removed_ids.update(l.idx for l in group)
        elif all_counts[k] >= 3 and len(re.sub(r"\s", "", k)) <= 30:
            removed_ids.update(l.idx for l in group)
    # single short section labels printed at a page top ("WEEKLY 뉴스"): only when the
    # text before them ended a paragraph
    if not formfeed:
        for block in blocks:
            if not block:
                continue
            l = block[0]
            if l.idx in removed_ids or not header_like(l) or len(re.sub(r"\s", "", l.text)) > 16:
                continue
            if _MARKER.match(l.text) or _PAGE_NUMBER.match(l.text):
                continue
            before = nonblank_before(l.idx, 1)
            if not before or _SENTENCE_END.search(before[0].text) or _SOURCE_END.search(before[0].text) \
                    or _URL_LINE.match(before[0].text) or before[0].idx in removed_ids:
                removed_ids.add(l.idx)
    # running titles ("02. 기사 제목") printed with a removed header, or alone once the
    # document has shown that it prints them
    for block in blocks:
        for l in block:
            if l.idx not in removed_ids and _RUNNING_TITLE.match(l.text) and header_like(l) \
                    and any(o.idx in removed_ids for o in block if o is not l):
                removed_ids.add(l.idx)
    if sum(1 for i in removed_ids if _RUNNING_TITLE.match(lines[i].text)) >= 2:
        for block in blocks:
            if block and block[0].idx not in removed_ids and _RUNNING_TITLE.match(block[0].text) \
                    and header_like(block[0]):
                removed_ids.add(block[0].idx)
    # wide-gap lines ("월간 산업동향 6 월호      시장 리포트") that recur anywhere
    gap_counts = Counter(_gap_key(l) for l in lines if l.text and _raw_gap(l))
    for l in lines:
        if l.text and _raw_gap(l) and gap_counts[_gap_key(l)] >= 2 and header_like(l) and not l.toc:
            removed_ids.add(l.idx)
    # a standalone line (blank lines around it) repeating a removed header elsewhere
    removed_keys = Counter(key(lines[i]) for i in removed_ids)
    for l in lines:
        if l.text and l.idx not in removed_ids and not l.toc and removed_keys[key(l)] >= 2 \
                and (l.idx == 0 or not lines[l.idx - 1].text) \
                and (l.idx + 1 >= len(lines) or not lines[l.idx + 1].text):
            removed_ids.add(l.idx)
    for l in lines:
        if l.idx in removed_ids and l.text and not l.toc:
            l.removed = "header"

    # bare page numbers standing alone between blank lines (or at a form-feed edge)
    if formfeed:
        edges = set()
        for start in sorted(page_starts | {0}):
            edges.update(l.idx for l in nonblank_after(start, 2))
            edges.update(l.idx for l in nonblank_before(start, 2))
        edges.update(l.idx for l in nonblank_before(len(lines), 2))
        for idx in edges:
            l = lines[idx]
            if l.text and not l.removed and not l.toc and _PAGE_NUMBER.match(l.text):
                l.removed = "page-number"
    for l in lines:
        if not l.text or l.removed or l.toc or not _PAGE_NUMBER.match(l.text):
            continue
        prev_blank = l.idx == 0 or not lines[l.idx - 1].text or lines[l.idx - 1].sep == "\f"
        next_blank = l.idx + 1 >= len(lines) or not lines[l.idx + 1].text or l.sep == "\f"
        if prev_blank and next_blank:
            l.removed = "page-number"


def _gap_key(l: _Line) -> str:
    """The part of a line before its first wide gap ("월간 산업동향 # 월호")."""
    parts = []
    for kind, t, _ in l.pieces:
        if kind == "ws" and len(t) >= 8:
            break
        parts.append(" " if kind == "ws" else t)
    return _toc_key("".join(parts))


def _raw_gap(l: _Line) -> bool:
    for kind, t, _ in l.pieces:
        if kind == "ws" and len(t) >= 8 and "\t" not in t:
            return True
    return False


# --------------------------------------------------------------------------- break decisions


def _ends_sentence(t: str) -> bool:
    return bool(_SENTENCE_END.search(t) or _SOURCE_END.search(t))


def _first_word(t: str) -> str:
    return t.split(" ", 1)[0][:12]


def _last_word(t: str) -> str:
    return t.rsplit(" ", 1)[-1][-12:]


_DEPENDENT = ("J", "E", "XS", "VCP")
_WORD_FINAL = ("EC", "EF", "ETM", "ETN", "JK", "JX", "JC")


_PARTICLE_WORD = re.compile(
    r"^(?:이|가|은|는|을|를|의|에|에서|에게|로|으로|와|과|도|만|까지|부터|보다|처럼|이나|나|및|등|"
    r"이다|였다|이며|이고|으로서|로서|으로써|로써|에는|에서는|으로는|로는|과의|와의|에도|의해|에서의)"
    r"(?=$|[\s,.)\]’”'\"])"
)
_OOV_ID = 64          # Kiwi ids below this are placeholders for unknown forms of a tag


def _kiwi_decide(pairs: list[tuple[str, str]], default: str) -> list[tuple[str, bool]]:
    """For each (left, right) fragment pair: (JOIN or SPACE, whether Kiwi had an opinion).

    Evidence, in order: a known morpheme spans the break (join); the right part starts
    with a known particle, ending or suffix (join); the left part ends with an ending or
    particle and the right part starts a new word (space); a number followed by a bound
    noun (join); a clearly better score of one form, when no unknown-word token straddles
    the break. Without an opinion the decision is ``default``.
    """
    if not pairs:
        return []
    kiwi = get_kiwi()
    texts = []
    for left, right in pairs:
        texts.append(left + right)
        texts.append(left + " " + right)
    results = list(kiwi.analyze(texts, top_n=1))
    out = []
    for n, (left, right) in enumerate(pairs):
        joined_tokens, joined_score = results[2 * n][0]
        _, spaced_score = results[2 * n + 1][0]
        b = len(left)
        decision = None
        straddle = [t for t in joined_tokens if t.start < b < t.start + t.len]
        after = [t for t in joined_tokens if t.start == b]
        before = [t for t in joined_tokens if t.start + t.len == b]
        if not _is_hangul(left[-1]) and _PARTICLE_WORD.match(right):
            decision = JOIN                  # "AI" + "를", "(DeepSeek)" + "의"
        elif straddle:
            if all(t.id >= _OOV_ID for t in straddle):
                decision = JOIN              # a known morpheme spans the break
        elif after and after[0].tag.startswith(_DEPENDENT) and after[0].id >= _OOV_ID:
            decision = JOIN                  # a particle, ending or suffix cannot start a word
        elif before and after and before[-1].tag.startswith(_WORD_FINAL) \
                and not after[0].tag.startswith(_DEPENDENT):
            decision = SPACE                 # an ending or particle closes the left word
        elif before and after and before[-1].tag == "SN" and after[0].tag == "NNB":
            decision = JOIN                  # "2024" + "년"
        elif before and before[-1].tag == "XPN" and before[-1].id >= _OOV_ID:
            decision = JOIN                  # a prefix: "신" + "에너지"
        if decision is None and straddle and len(left) == 1 and joined_score - spaced_score > 6.0:
            decision = JOIN                  # a lone syllable completing an unknown word
        if decision is None and not straddle:
            if joined_score - spaced_score > 3.0:
                decision = JOIN
            elif spaced_score - joined_score > 3.0:
                decision = SPACE
        out.append((default, False) if decision is None else (decision, True))
    return out


def _continues(t: str) -> bool | None:
    """Does a line visibly continue on the next one? None when unsure."""
    if t.endswith((",", "，", "、", "·", "-", "(", "‘", "“", "/", "&", "+", "및", "또는", "및/또는")):
        return True
    return None


# --------------------------------------------------------------------------- main


def normalize(source: SourceText) -> NormalizedText:
    """Clean ``source.text``: repair line breaks, drop headers/footers, map offsets back."""
    text = source.text
    lines = _split_lines(text)
    for l in lines:
        _clean_line(l, text)
    html = source.media_type == "text/html"

    double_spaced = _double_spaced(lines)
    page_starts = _infer_page_starts(lines, double_spaced) if not html else set()
    kept_pre = [l for l in lines if l.text]
    toc_raw = _find_toc(lines, kept_pre)
    if not html:
        _mark_headers(lines, page_starts)
    kept = [l for l in lines if l.text and not l.removed]
    width = _line_width(kept)

    # trailing-space convention: is a trailing space an informative word-boundary signal?
    wrapped = [a for a, b in zip(kept, kept[1:])
               if len(a.text) >= 0.8 * width and not _ends_sentence(a.text)
               and not _MARKER.match(b.text) and "\t" not in a.cls]
    with_space = sum(1 for a in wrapped if a.trailing >= 0)
    signal = len(wrapped) >= 3 and 0.1 <= with_space / len(wrapped) <= 0.95
    log.debug("%s: width %.0f, %d wrapped lines, %d with trailing space, signal=%s",
              source.path, width, len(wrapped), with_space, signal)

    row_starts = _dated_row_starts(kept)
    decisions: list[list] = []   # [kind, reason] per gap between kept[i] and kept[i+1]
    kiwi_jobs: list[tuple[int, str, str]] = []
    cont_jobs: list[tuple[int, str]] = []
    short_jobs: list[tuple[int, str, str]] = []
    nominal_jobs: list[tuple[int, str, _Line, _Line]] = []
    for i, (a, b) in enumerate(zip(kept, kept[1:])):
        between = lines[a.idx:b.idx]
        page_break = any(x.removed or x.sep == "\f" for x in between)
        blank_between = not double_spaced and not page_break and any(not x.text for x in between[1:])
        if i + 1 in row_starts and not _continues(a.text) and not _ENDS_IN_PARTICLE.search(a.text):
            kind, reason = BREAK, "table"
        elif _DATED_LEAD.match(b.text) and not _continues(a.text) and not _ENDS_IN_PARTICLE.search(a.text) \
                and not a.text.endswith(("지난", "오는", "올해", "지난해", "작년", "내년")) and not a.toc:
            kind, reason = BREAK, "dated-lead"    # "…제목" + "6 월 12 일, …"
        else:
            kind, reason = _decide(a, b, width, signal, html, blank_between)
        decisions.append([kind, reason])
        if kind == "kiwi":
            kiwi_jobs.append((i, _last_word(a.text), _first_word(b.text)))
        elif kind == "kiwi-short":
            short_jobs.append((i, _last_word(a.text), _first_word(b.text)))
        elif kind == "short?":
            cont_jobs.append((i, _last_word(a.text)))
        elif kind == "nominal?":
            nominal_jobs.append((i, _last_word(a.text), a, b))

    if kiwi_jobs:
        default = JOIN if signal else SPACE
        for (i, _, _), (kind, opinion) in zip(kiwi_jobs, _kiwi_decide([(l, r) for _, l, r in kiwi_jobs], default)):
            if signal:   # the missing trailing space says "join"; Kiwi may overrule it
                reason = "analyser" if opinion and kind != default else "no-trailing-space"
            else:
                reason = "analyser" if opinion else "default-space"
            decisions[i] = [kind, reason]
    if short_jobs:
        for (i, left, _), (kind, opinion) in zip(short_jobs, _kiwi_decide([(l, r) for _, l, r in short_jobs], BREAK)):
            if opinion and kind == JOIN:
                decisions[i] = [JOIN, "analyser"]
            else:
                decisions[i] = ["short?", ""]
                cont_jobs.append((i, left))
    if cont_jobs:
        kiwi = get_kiwi()
        for (i, word), res in zip(cont_jobs, kiwi.analyze([w for _, w in cont_jobs], top_n=1)):
            tokens = res[0][0]
            last = tokens[-1].tag if tokens else ""
            if last.startswith(("J", "EC", "ETM")):
                decisions[i] = [SPACE, "analyser"]
            else:
                decisions[i] = [BREAK, "short-line"]

    if nominal_jobs:
        kiwi = get_kiwi()
        pending_kiwi = []
        for (i, word, a, b_), res in zip(nominal_jobs, kiwi.analyze([w for _, w, _, _ in nominal_jobs], top_n=1)):
            tokens = res[0][0]
            if tokens and tokens[-1].tag in ("ETN", "EF"):
                decisions[i] = [BREAK, "nominal-end"]
            elif signal:
                decisions[i] = [SPACE, "trailing-space"] if a.trailing >= 0 else [JOIN, "no-trailing-space"]
            else:
                pending_kiwi.append((i, _last_word(a.text), _first_word(b_.text)))
        if pending_kiwi:
            for (i, _, _), (kind, opinion) in zip(pending_kiwi, _kiwi_decide([(l, r) for _, l, r in pending_kiwi], SPACE)):
                decisions[i] = [kind, "analyser" if opinion else "default-space"]

    # emit
    b = OffsetMapBuilder()
    breaks: list[LineBreak] = []
    removed: list[RemovedLine] = []
    line_clean_span: dict[int, tuple[int, int]] = {}
    kept_pos = {l.idx: n for n, l in enumerate(kept)}
    stats = defaultdict(int)
    for l in lines:
        if l.removed:
            removed.append(RemovedLine(l.removed, l.text, l.start, b.length))
            stats["header_footer_lines_removed" if l.removed == "header" else "page_numbers_removed"] += 1
            continue
        if not l.text:
            continue
        n = kept_pos[l.idx]
        if n > 0:
            kind, reason = decisions[n - 1]
            prev = kept[n - 1]
            if kind == SPACE:
                if prev.trailing >= 0:
                    b.copy(" ", prev.trailing)
                else:
                    b.insert(" ", prev.end)
                stats["word_boundaries_kept"] += 1
            elif kind == JOIN:
                stats["mid_word_joins"] += 1
            else:
                if prev.sep == "\n":
                    b.copy("\n", prev.end)
                elif prev.sep == "\r\n":
                    b.copy("\n", prev.end + 1)
                else:
                    b.insert("\n", prev.end)
                stats["paragraph_breaks"] += 1
            if reason == "analyser":
                stats["analyser_decided"] += 1
            breaks.append(LineBreak(kind, reason, prev.start + len(text[prev.start:prev.end].rstrip()),
                                    b.length, prev.text[-24:], l.text[:24]))
        start = b.length
        gaps = sum(1 for kind, t, _ in l.pieces if kind == "ws" and len(t) >= 4 and not t.strip(" "))
        table_line = gaps >= 2 and not _SENTENCE_END.search(l.text)
        for kind, t, origin in l.pieces:
            if kind == "c":
                b.copy(t, origin)
            elif kind == "i":
                b.insert(t, origin)
            elif "\t" in t:
                b.insert(" | ", origin + t.index("\t"))
            elif len(t) >= 4 and not t.strip(" ") and table_line:
                b.insert(" | ", origin)  # a wide gap between the cells of a table row
            elif t[0] == " ":
                b.copy(" ", origin)
            else:
                b.insert(" ", origin)
        line_clean_span[l.idx] = (start, b.length)
        stats["markup_removed"] += l.markup
    clean, offsets = b.build()

    toc = tuple(
        TocEntry(title=title, page=page, start=line_clean_span[ls[0].idx][0],
                 end=line_clean_span[ls[-1].idx][1])
        for title, page, ls in toc_raw
        if all(x.idx in line_clean_span for x in ls)
    )
    result_stats = RepairStats(
        lines=sum(1 for l in lines if l.text),
        mid_word_joins=stats["mid_word_joins"],
        word_boundaries_kept=stats["word_boundaries_kept"],
        analyser_decided=stats["analyser_decided"],
        analyser_consulted=len(kiwi_jobs) + len({i for i, _ in cont_jobs} | {i for i, _, _ in short_jobs})
        + len(nominal_jobs),
        paragraph_breaks=stats["paragraph_breaks"],
        header_footer_lines_removed=stats["header_footer_lines_removed"],
        page_numbers_removed=stats["page_numbers_removed"],
        markup_removed=stats["markup_removed"],
        toc_entries=len(toc),
        pages=len(page_starts) + 1 if text.strip() else 0,
        chars_in=len(text),
        chars_out=len(clean),
    )
    return NormalizedText(clean, offsets, toc, result_stats, tuple(breaks), tuple(removed))


def _decide(a: _Line, b: _Line, width: float, signal: bool, html: bool,
            blank_between: bool) -> tuple[str, str]:
    """Decision for the break between kept lines a and b.

    Returns (BREAK|JOIN|SPACE, reason), or ("kiwi", "") / ("short?", "") for decisions that
    need the analyser.
    """
    at, bt = a.text, b.text
    if html:
        return BREAK, "html-block"
    if a.toc or b.toc:
        return BREAK, "toc"
    if "\t" in a.cls or "\t" in b.cls or _is_table_row(a.cls) or _is_table_row(b.cls):
        return BREAK, "table"
    if _MARKER.match(bt):
        return BREAK, "marker"
    if blank_between:
        return BREAK, "blank-line"
    if _URL_LINE.match(at) or _URL_LINE.match(bt):
        return BREAK, "url"
    if _ends_sentence(at):
        return BREAK, "sentence-end"
    short = width > 0 and len(at) < 0.6 * width
    if _HEADING_START.match(at) and (at.startswith("#") or (
            len(at) < 0.75 * width and not _continues(at) and not (signal and a.trailing < 0))):
        return BREAK, "heading"
    if _WEAK_MARKER.match(bt) and (a.trailing >= 0 or not _is_hangul(at[-1])):
        return BREAK, "marker"
    la, fb = at[-1], bt[0]
    maybe_mid_word = (signal and a.trailing < 0 and (la.isalnum() or la in "-(‘“[") and fb.isalnum()
                      and not (la.isdigit() and _is_hangul(fb)))  # "2025-05" | "허페이": no word
    if short and not maybe_mid_word:
        if _continues(at):
            return (SPACE if (a.trailing >= 0 or not signal) else JOIN), "continues"
        if _is_hangul(la) and _is_hangul(fb) and a.trailing < 0 and not signal:
            return "kiwi-short", ""     # "…성공했" + "다. …": a join if Kiwi is sure
        if _HANGUL.search(at[-1:]):
            return "short?", ""
        return BREAK, "short-line"
    if la in "-‐/(‘“[" or fb in ")]’”,.;:!?%" or (fb == "(" and la.isalnum()):
        if signal:
            return (SPACE, "trailing-space") if a.trailing >= 0 else (JOIN, "no-trailing-space")
        return JOIN, "punctuation"
    if _is_han(la) and _is_han(fb):
        return JOIN, "chinese"
    if _has_final_m(la) and (a.trailing >= 0 or not signal):
        return "nominal?", ""       # "…증가함 " may end a sentence (nominal style)
    if signal:
        if a.trailing >= 0:
            return SPACE, "trailing-space"
        if _is_hangul(la) or _is_hangul(fb):
            return "kiwi", ""
        return JOIN, "no-trailing-space"
    if _is_hangul(fb) or (_is_hangul(la) and fb.isalnum()):
        return "kiwi", ""
    return SPACE, "default-space"


def _has_final_m(ch: str) -> bool:
    """Hangul syllable ending in ㅁ (음 함 됨 임 …), the nominalising ending of report style."""
    return "\uac00" <= ch <= "\ud7a3" and (ord(ch) - 0xAC00) % 28 == 16


_DATED_LEAD = re.compile(r"^(?:(?:19|20)\d{2}\s*년\s*)?\d{1,2}\s*월\s*\d{1,2}\s*일\s*[,，]")
_ROW_START = re.compile(r"^(?:(?:19|20)\d{2}(?:[-.]\d{1,2}|\s*년|\s*제)|\d{1,2}월\s)")
_ENDS_IN_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에|로|와|과|도|고|며|면|서|및|등|인|된|한|할|던)$")


def _dated_row_starts(kept: Sequence[_Line]) -> set[int]:
    """Indexes of kept lines that start rows of a flattened table: lines starting with a
    date ("2023-4 …", "2025 년 …") where at least two more such lines are near."""
    hits = [n for n, l in enumerate(kept) if _ROW_START.match(l.text)]   # ascending
    rows = set()
    for n in hits:
        near = bisect_right(hits, n + 6) - bisect_left(hits, n - 6) - 1   # others within 6 lines
        if near >= 2:
            rows.add(n)
    return rows


def _is_table_row(cls: str) -> bool:
    runs = re.findall(r"\S {2,}(?=\S)", cls)
    return len(runs) >= 2


def normalize_text(text: str, *, path: str = "<text>", media_type: str = "text/plain") -> NormalizedText:
    """Normalise a plain string (wrapped into a :class:`SourceText`)."""
    import hashlib

    source = SourceText(path=path, text=text, encoding="utf-8", media_type=media_type,
                        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return normalize(source)


__all__ = [
    "HEADLINE_MARKERS", "LineBreak", "NormalizedText", "RemovedLine", "RepairStats",
    "get_kiwi", "normalize", "normalize_text",
]
