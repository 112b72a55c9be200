"""Read tables flattened into lines: find them by their header, cut them into rows and
typed cells, and say which characters are names.

Text pulled out of a PDF table loses the grid: each cell's lines follow each other, cells
wrap (a Korean name, then its Chinese name on the next line; ``199.9 억`` / ``위안``), several
cells share a line, and line repair may glue one row's last cell to the next row's first.
The reader works on such text (a Doc's text, so offsets are those of the pipeline):

* a **header** (:mod:`.header`) gives the columns in order;
* **rows** start at anchors: a name followed by a Chinese-only word (루이펑로보틱스 /
  瑞峰机器人), or a name followed by the value of the next column (Deepfin 시리즈 A), also
  in the middle of a line where repair glued two rows;
* after the name, cells are **assigned by order and type**: a strong column (round, amount,
  date, place, rank) takes what its recogniser (:mod:`.cells`) reads there, or stays empty;
  a profile (sector and description) runs to the head that ends a description (… 개발
  업체); the investor list runs to the next row and is split into names;
* **value-chain** tables (분야 | 대표 기업) give rows of a label and a comma list of
  companies; glued rows are cut where a list item is followed by the next row's label.

Nothing here decides what a name *is*; a caller may pass ``is_name`` to reject words
(common nouns) as names. Cells of other columns are never names.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..reference import Reference
from . import cells as C
from .header import Header, find_headers, has_column_names

_STRONG = ("round", "amount", "date", "place", "rank")
_END_LINE = re.compile(r"^\s*(?:(?:자료|출처|주|Source|Note|참고)\s*[:：)]|[◼■□▶●◆※]|(?:\[|【)?(?:도표|표|그림|Table|Figure)\s*\d)")
_END_INLINE = re.compile(r"(?:자료|출처|Source)\s*[:：]")
_PROSE = re.compile(r"(?:다|음|함|됨|임)[.。]\s*$")
# a caption that announces a funding table (도표 3. 2024 년 로봇 기업 투자 유치 현황)
_FUNDING_CAPTION = re.compile(r"(?m)^[ \t]*[<\[【]?\s*(?:도표|표|그림|Table)\s*\d+(?:[-.]\d+)*\s*[>\]】]?\s*[.:)]?\s+"
                              r"[^\n]{0,60}?(?:투자\s?유치|투자\s?현황|융자|펀딩|자금\s?조달|투자\s?동향)")
# the columns of such a table when no header names them: typed cells are matched in this order
# and skipped when absent
_CHAIN_CAPTION = re.compile(r"(?m)^[ \t]*[<\[【]?\s*(?:도표|표|그림|Table)\s*\d+(?:[-.]\d+)*\s*[>\]】]?\s*[.:)]?\s+"
                            r"[^\n]{0,40}?(?:산업\s?체인|산업\s?사슬|밸류\s?체인|가치\s?사슬|공급망)[^\n]{0,20}$")
_CAPTION_COLUMNS = ("name", "round", "amount", "date", "place", "profile", "investors")
_CELLS = re.compile(r" \| |\t")  # cells kept apart by normalisation: tables the cell rules read
_KO_ZH = re.compile(r"^([가-힣A-Za-z0-9&.\-]{2,30})[(（]([^()（）]{2,40})[)）]$")


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its column and characters ``[start, end)``."""

    column: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """A row: the company's names (the first is the main one, the others its other names in
    other scripts), its cells, and the names listed in its investor or member cell."""

    start: int
    end: int
    names: tuple[tuple[int, int], ...]
    cells: tuple[Cell, ...]
    listed: tuple[tuple[int, int], ...]  # investors (rows) or member companies (chain)

    def cell(self, column: str) -> Cell | None:
        return next((c for c in self.cells if c.column == column), None)


@dataclass(frozen=True)
class Table:
    kind: str  # "rows" | "chain"
    header: Header
    start: int  # the body: after the header
    end: int
    rows: tuple[TableRow, ...]


NameTest = Callable[[int, int], bool]


def _always(_s: int, _e: int) -> bool:
    return True


def table_end(text: str, start: int, limit: int | None = None) -> int:
    """Where the table whose body starts at ``start`` ends: a source line (자료: …), a new
    caption or heading, a sentence of prose, an empty line run, or 80 lines."""
    limit = len(text) if limit is None else limit
    pos, n = start, 0
    first = True
    while pos < limit and n < 80:
        nl = text.find("\n", pos, limit)
        line_end = limit if nl < 0 else nl
        line = text[pos:line_end]
        inline = _END_INLINE.search(line)
        if not first and _END_LINE.match(line):
            return pos
        if inline and (inline.start() > 0 or not first):
            return pos + inline.start()
        if not first and len(line) > 60 and _PROSE.search(line):
            return pos
        first = False
        n += 1
        pos = line_end + 1
    return min(pos, limit)


def _unbracket(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A name without the brackets around it ((墨兰智能) → 墨兰智能)."""
    s, e = span
    if e - s > 2 and text[s] in "(（" and text[e - 1] in ")）":
        return s + 1, e - 1
    return span


class TableReader:
    def __init__(self, reference: Reference):
        self.reference = reference

    def read(self, text: str, is_name: NameTest = _always) -> list[Table]:
        """Every table of ``text`` with a header kg knows."""
        out = []
        headers = find_headers(text)
        for k, h in enumerate(headers):
            nxt = headers[k + 1].start if k + 1 < len(headers) else len(text)
            body_start = h.end
            end = table_end(text, body_start, nxt)
            if _CELLS.search(text, h.start, end):
                continue  # laid out with cell separators: the cell rules read it
            if h.kind == "rows":
                rows = self._rows(text, h, body_start, end, is_name)
            else:
                rows = self._chain_rows(text, body_start, end, is_name)
            if rows:
                out.append(Table(h.kind, h, body_start, end, tuple(rows)))
        # a funding table under its caption, with a header kg does not know (or none)
        for m in _FUNDING_CAPTION.finditer(text):
            cap_end = text.find("\n", m.start())
            cap_end = len(text) if cap_end < 0 else cap_end
            if any(m.start() <= h.start <= cap_end + 200 for h in headers) or \
                    has_column_names(text, m.end(), text.find("\n", cap_end + 1) if text.find("\n", cap_end + 1) > 0 else len(text)):
                continue  # a header kg reads, or one without a company column (one company's rounds)
            # the header and the first row may be glued to the caption: rows start at anchors
            end = table_end(text, cap_end, len(text))
            if _CELLS.search(text, m.start(), end):
                continue
            h = Header(m.start(), m.end(), _CAPTION_COLUMNS, "rows")
            rows = self._rows(text, h, m.end(), end, is_name, strict_investors=True)
            rows = [r for r in rows if len(r.names) > 1 or self._line_start(text, r.names[0][0])]
            if sum(1 for r in rows if r.cell("round") or r.cell("amount")) >= 2:
                out.append(Table("rows", h, m.end(), end, tuple(rows)))
        # a value chain under its caption (도표 3. 드론 산업 체인) without a header kg reads:
        # rows of a label and a comma list, every listed word read as a name
        for m in _CHAIN_CAPTION.finditer(text):
            if any(t.header.start <= m.end() and m.start() <= t.end for t in out):
                continue
            cap_end = text.find("\n", m.start())
            cap_end = len(text) if cap_end < 0 else cap_end
            end = table_end(text, cap_end, len(text))
            rows = self._chain_rows(text, cap_end, end, is_name, strict=True)
            if len(rows) >= 2:
                h = Header(m.start(), cap_end, ("label", "members"), "chain")
                out.append(Table("chain", h, cap_end, end, tuple(rows)))
        return sorted(out, key=lambda t: t.start)

    # -- rows of companies ----------------------------------------------------------------------
    def _strong_end(self, col: str, text: str, pos: int, end: int) -> int | None:
        if col == "round":
            return C.round_end(text, pos, end)
        if col == "amount":
            return C.amount_end(text, pos, end)
        if col == "date":
            return C.date_end(text, pos, end)
        if col == "place":
            return C.place_end(self.reference, text, pos, end)
        if col == "rank":
            return C.rank_end(text, pos, end)
        return None

    def _value_word(self, word: str) -> bool:
        """A word that is a cell value (a round, an amount, a place), never a name."""
        return bool(C.ROUND.fullmatch(word) or C.UNDISCLOSED.fullmatch(word) or re.match(r"[\d.,]+", word)
                    or C.is_place_word(self.reference, word) or word in ("위안", "달러", "억", "만"))

    def _anchors(self, text: str, words, columns, is_name: NameTest):
        """Row starts: (name spans) found before the next column's value or before a
        Chinese-only word."""
        ni = columns.index("name")
        nxt = columns[ni + 1] if ni + 1 < len(columns) else None
        found: dict[int, tuple[tuple[int, int], ...]] = {}

        def ok(span):
            word = text[span[0]:span[1]]
            # one letter is a unit (2025 년 5 월), not a name
            return span[1] - span[0] >= 2 and is_name(*span) and not self._value_word(word)

        for i, (s, e, w, line_start) in enumerate(words):
            m = _KO_ZH.match(w)
            if m and (line_start or (nxt in _STRONG and self._strong_end(nxt, text, e, len(text)))):
                names = ((s, s + m.end(1)), (s + m.start(2), s + m.end(2)))
                if ok(names[0]):
                    found.setdefault(s, names)
                continue
            # a name, then its Chinese name (on the next line or the same one)
            if i + 1 < len(words) and C.is_han_only(words[i + 1][2]) and not C.is_han_only(w) \
                    and (C.is_hangul_word(w) or C.is_latin_word(w)):
                zs, ze, zw, _ = words[i + 1]
                if ze < len(text) and text[ze:ze + 1] in (",", "，"):
                    continue
                first = self._name_start(words, i)
                names = ((words[first][0], e), (zs, ze))
                if ok(names[0]) and (words[i + 1][3] or words[first][3] or nxt not in _STRONG
                                     or self._strong_end(nxt, text, ze, len(text))):
                    found.setdefault(words[first][0], names)
                continue
            # a name right before the next column's value (Deepfin 시리즈 A)
            if nxt in _STRONG and i + 1 < len(words) and not text[e - 1:e] in ",，" \
                    and self._strong_end(nxt, text, e, len(text)) is not None \
                    and not C.UNDISCLOSED.fullmatch(words[i + 1][2]) and not self._value_word(w):
                if C.is_han_only(w):
                    names: tuple = ((s, e),)
                    if i > 0 and (C.is_hangul_word(words[i - 1][2]) or C.is_latin_word(words[i - 1][2])) \
                            and text[words[i - 1][1] - 1] not in ",，":
                        first = self._name_start(words, i - 1)
                        names = ((words[first][0], words[i - 1][1]), (s, e))
                elif C.is_latin_word(w):
                    first = i
                    while first > 0 and i - first < 3 and not words[first][3] and C.is_latin_word(words[first - 1][2]) \
                            and text[words[first - 1][1] - 1] not in ",，":
                        first -= 1
                    names = ((words[first][0], e),)
                elif C.is_hangul_word(w):
                    names = ((words[self._name_start(words, i)][0], e),)
                else:
                    continue
                if ok(names[0]):
                    found.setdefault(names[0][0], names)
        # a name leading its line, its other names' cell, then the next typed value on that line
        # (루이펑커지 Ruifeng Tech 시리즈 A …)
        if nxt in ("alias", "other"):
            strong = next((c for c in columns[ni + 1:] if c in _STRONG), None)
            for i, (s, e, w, line_start) in enumerate(words):
                if not line_start or strong is None or not (C.is_hangul_word(w) or C.is_latin_word(w)):
                    continue
                for j in range(i + 2, min(i + 7, len(words))):
                    if words[j][3]:
                        break
                    if self._strong_end(strong, text, words[j][0], len(text)) is not None:
                        if ok((s, e)):
                            found.setdefault(s, ((s, e),))
                        break
        # a name right after the value of the column before it (2025.03 루이펑커지 …, 1 Deepfin …)
        prev = columns[ni - 1] if ni > 0 else None
        if prev in _STRONG:
            for i, (s, e, w, line_start) in enumerate(words):
                ve = self._strong_end(prev, text, s, len(text))
                if ve is None:
                    continue
                k = next((j for j in range(i, len(words)) if words[j][0] >= ve), None)
                if k is None or not (line_start or words[k][3]):
                    continue  # a value inside a cell, not a row's leading cell
                kw = words[k][2]
                m = _KO_ZH.match(kw)
                if m:
                    names = ((words[k][0], words[k][0] + m.end(1)), (words[k][0] + m.start(2), words[k][0] + m.end(2)))
                elif C.is_hangul_word(kw) or C.is_latin_word(kw) or C.is_han_only(kw):
                    names = ((words[k][0], words[k][1]),)
                    if k + 1 < len(words) and C.is_han_only(words[k + 1][2]) and not C.is_han_only(kw):
                        names = names + ((words[k + 1][0], words[k + 1][1]),)
                else:
                    continue
                if ok(names[0]):
                    found.setdefault(names[0][0], names)
        return [(a, tuple(_unbracket(text, sp) for sp in names))
                for a, names in self._merge_adjacent(text, sorted(found.items()))]

    @staticmethod
    def _merge_adjacent(text: str, anchors):
        """Two anchors whose names follow each other on one line are one name (a name of two
        words found once from its rank and once from its Chinese name)."""
        out = []
        for a_start, names in anchors:
            if out:
                p_start, p_names = out[-1]
                gap = text[p_names[0][1]:a_start]
                if not gap.strip() and "\n" not in gap and len(p_names) == 1:
                    out[-1] = (p_start, ((p_start, names[0][1]),) + names[1:])
                    continue
            out.append((a_start, names))
        return out

    @staticmethod
    def _line_start(text: str, pos: int) -> bool:
        return not text[text.rfind("\n", 0, pos) + 1:pos].strip()

    @staticmethod
    def _organisation(item: str) -> bool:
        return C.ends_with_head(item.replace(" ", "")) or C.is_latin_name(item) or C.is_han_only(item)

    def _name_start(self, words, i: int) -> int:
        """A name of several words only when its line holds nothing else, or nothing but a
        leading number or date before it (루이펑 로보틱스, 1 루이펑 로보틱스)."""
        if words[i][3]:
            return i
        first = i
        same_script = C.is_latin_word if C.is_latin_word(words[i][2]) else C.is_hangul_word
        while first > 0 and not words[first][3] and i - first < 2 and same_script(words[first - 1][2]) \
                and not self._value_word(words[first - 1][2]) and not C.NO_INVESTOR.match(words[first - 1][2]) \
                and not C.ends_with_head(words[first - 1][2]):  # a whole name (…캐피탈) ends the row before
            first -= 1
        line_end_ok = i + 1 >= len(words) or words[i + 1][3] or C.is_han_only(words[i + 1][2])
        leading_value = first > 0 and not words[first][3] and re.fullmatch(r"[\d.\-/년월일]+", words[first - 1][2]) \
            and words[first - 1][3]
        if (words[first][3] or leading_value) and line_end_ok:
            return first
        return i

    def _rows(self, text: str, header: Header, start: int, end: int, is_name: NameTest,
              strict_investors: bool = False) -> list[TableRow]:
        """Rows of companies; with ``strict_investors`` (no header says which column lists
        investors) only items that read as organisation names (…캐피탈, Latin, Chinese) are
        taken as investors."""
        columns = header.columns
        words = []
        prev_end = start
        for m in re.finditer(r"\S+", text[start:end]):
            s = start + m.start()
            words.append((s, start + m.end(), m.group(), "\n" in text[prev_end:s] or prev_end == start))
            prev_end = start + m.end()
        anchors = self._anchors(text, words, columns, is_name)
        ni = columns.index("name")
        acquirer_first = "investors" in columns[:ni]  # an acquisition table: acquirer | target | …
        if acquirer_first:  # a name followed at once by another is the acquirer of the other's row
            anchors = [a for k, a in enumerate(anchors)
                       if not (k + 1 < len(anchors) and not text[max(n[1] for n in a[1]):anchors[k + 1][0]].strip())]
        before = [c for c in columns[:ni] if c in _STRONG]
        after = list(columns[ni + 1:])
        # where each row starts: its name, or the rank or date cell before it
        leading: dict[int, Cell] = {}
        if before:
            col = before[-1]
            for a_start, _ in anchors:
                back = text.rfind("\n", max(start, a_start - 40), a_start)
                if back >= 0 and not text[back:a_start].strip():  # on the line above
                    back = text.rfind("\n", max(start, back - 40), back)
                lo = back + 1 if back >= 0 else max(start, a_start - 40)
                for cand in re.finditer(r"\S+", text[lo:a_start]):
                    cs = lo + cand.start()
                    ce = self._strong_end(col, text, cs, a_start)
                    if ce is not None and not text[ce:a_start].strip():
                        leading[a_start] = Cell(col, cs, len(text[:ce].rstrip()))
                        break
        row_starts = sorted(leading[a].start if a in leading else a for a, _ in anchors)
        rows = []
        pos = start
        for k, (a_start, names) in enumerate(anchors):
            if a_start < pos:
                continue  # inside the previous row's cells
            cells = [leading[a_start]] if a_start in leading and leading[a_start].start >= pos else []
            row_start = cells[0].start if cells else a_start
            listed: list[tuple[int, int]] = []
            if acquirer_first:
                cs = C.skip_ws(text, pos, a_start)
                if cs < a_start:
                    ce = len(text[:a_start].rstrip())
                    cells.append(Cell("investors", cs, ce))
                    listed += [span for span in C.split_names(text, cs, ce) if is_name(*span)
                               and not self._value_word(text[span[0]:span[1]])]
                    row_start = cs
            at = max(n[1] for n in names)
            if text[at:at + 1] in (")", "）"):  # 루이펑커지(瑞峰科技): past the bracket
                at += 1
            following = [s for s in row_starts if s >= at]
            limit = min(following[0] if following else end, end)
            for ci, col in enumerate(after):
                if at >= limit:
                    break
                if col in _STRONG:
                    ce = self._strong_end(col, text, at, limit)
                    if ce is not None:
                        cells.append(Cell(col, C.skip_ws(text, at, ce), len(text[:ce].rstrip())))
                        at = ce
                    continue
                cs = C.skip_ws(text, at, limit)
                following = [s for s in row_starts if s >= cs]
                limit = min(following[0] if following else end, end)
                rest = after[ci + 1:]
                ce = None
                if col == "alias":  # Latin words (up to five) or one Chinese word
                    run = list(re.finditer(r"\S+", text[cs:limit]))
                    n = 0
                    while n < min(5, len(run)) and C.is_latin_word(run[n].group()) \
                            and not (self._strong_end(rest[0], text, cs + run[n].start(), limit) if rest and rest[0] in _STRONG else False):
                        n += 1
                    if n == 0 and run and C.is_han_only(run[0].group()):
                        n = 1
                    ce = cs + run[n - 1].end() if n else cs
                elif col == "profile" and rest:
                    ce = C.description_end(text, cs, limit)
                    if ce is None and strict_investors:
                        ce = cs  # no header says there is a description: none without its head
                    if ce is None:
                        nxt_strong = next((c for c in rest if c in _STRONG), None)
                        if nxt_strong:
                            for m in re.finditer(r"(?<!\S)\S", text[cs:limit]):
                                if m.start() and self._strong_end(nxt_strong, text, cs + m.start(), limit):
                                    ce = cs + m.start()
                                    break
                    if ce is None:
                        nl = text.find("\n", cs, limit)
                        ce = nl if nl > cs else limit
                elif rest and any(c in _STRONG for c in rest):
                    nxt_strong = next(c for c in rest if c in _STRONG)
                    for m in re.finditer(r"(?<!\S)\S", text[cs:limit]):
                        if m.start() and self._strong_end(nxt_strong, text, cs + m.start(), limit):
                            ce = cs + m.start()
                            break
                if ce is None:
                    ce = limit
                ce = len(text[:ce].rstrip()) if text[cs:ce].strip() else cs
                if ce > cs and col == "alias":
                    if C.is_han_only(text[cs:ce]) or C.is_latin_name(text[cs:ce]):
                        names = names + ((cs, ce),)
                elif ce > cs:
                    cells.append(Cell(col, cs, ce))
                    if col == "investors":
                        listed += [span for span in C.split_names(text, cs, ce) if is_name(*span)
                                   and not self._value_word(text[span[0]:span[1]])
                                   and (not strict_investors or self._organisation(text[span[0]:span[1]]))]
                at = ce
            row_end = max([at] + [c.end for c in cells])
            rows.append(TableRow(row_start, row_end, tuple(names), tuple(cells), tuple(listed)))
            pos = row_end
        return rows

    # -- value chains ---------------------------------------------------------------------------
    def _chain_rows(self, text: str, start: int, end: int, is_name: NameTest, strict: bool = False) -> list[TableRow]:
        """Rows of a label and a comma list of companies (설계·개발 A, B, C); a row glued to
        the next (… C 전력 시스템 D, E) is cut after the list item the next label follows.
        ``strict`` (no header says the lists are companies): every item must read as a name."""
        rows = []
        pos = start
        for line in text[start:end].split("\n"):
            line_start = pos
            pos += len(line) + 1
            if "," not in line and "，" not in line and "、" not in line:
                continue
            pieces = []
            at = 0
            for m in re.finditer(r"\s*[,，、]\s*", line):
                pieces.append((at, m.start()))
                at = m.end()
            pieces.append((at, len(line)))
            members: list[tuple[int, int]] = []
            label: tuple[int, int] | None = None

            def flush():
                if members:
                    cells = (Cell("label", *label),) if label is not None else ()
                    rows.append(TableRow(label[0] if label else members[0][0], members[-1][1], (), cells,
                                         tuple(members)))

            for k, (a, b) in enumerate(pieces):
                ws = [(line_start + m.start() + a, line_start + m.end() + a) for m in re.finditer(r"\S+", line[a:b])]
                # a numbered unit after a name (… 13 소) belongs to it
                while len(ws) > 1 and re.fullmatch(r"\d+|\S", text[ws[-1][0]:ws[-1][1]]) and k == 0:
                    ws = ws[:-1] if not re.fullmatch(r"\d+", text[ws[-1][0]:ws[-1][1]]) else ws[:-1]
                if not ws:
                    continue
                last_piece = k == len(pieces) - 1
                if k and len(ws) <= 2 and re.fullmatch(r"\d+", text[ws[0][0]:ws[0][1]]) and not last_piece:
                    continue  # another numbered unit of the company before (…, 14 소,)
                if k == 0:  # the label (or a label on the lines above), then the first company
                    label = (ws[0][0], ws[-2][1]) if len(ws) > 1 else None
                    self._add(text, members, ws[-1], is_name, strict=strict)
                elif len(ws) == 1 or (len(ws) == 2 and (last_piece or C.is_latin_word(text[ws[0][0]:ws[0][1]]))):
                    self._add(text, members, (ws[0][0], ws[-1][1]), is_name, strict=strict)
                else:
                    # a company followed by the next row's label and its first company
                    # (… C 전력 시스템 D), or by a heading left without companies
                    self._add(text, members, ws[0], is_name)
                    flush()
                    members = []
                    label = None
                    if not last_piece and len(ws) > 2:
                        label = (ws[1][0], ws[-2][1])
                        self._add(text, members, ws[-1], is_name)
            flush()
        return rows

    def _add(self, text: str, members: list, span: tuple[int, int], is_name: NameTest, strict: bool = True) -> None:
        """A list item as a company: any word where the list's commas delimit it; where a
        row's label may run into it (glued rows), only a word that reads as a name."""
        word = text[span[0]:span[1]]
        if re.match(r"[\d(]", word) or self._value_word(word) or len(word) < 2 or C.NO_INVESTOR.match(word) \
                or (strict and not C.name_like(word)) or not is_name(*span):
            return
        members.append(span)


__all__ = ["Cell", "Table", "TableReader", "TableRow", "table_end"]
