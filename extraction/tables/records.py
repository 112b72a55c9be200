"""Records and bullet lists in text pulled out of PDFs: ``label: value`` fields read as structure.

Reports describe policies, events and companies in records rather than sentences::

    ⚫ 발표기관: 공업정보화부, 과학기술부 ⚫ 주요내용: 휴머노이드 로봇 표준 체계 구축
    ▪ 기업명: 밍루이테크
    ▪ 소재지: 선전
    ▪ 참여 기관:
      - 한빛연구원
      - 동해대학교

A *field* is a label of the vocabulary ``data/record_labels.tsv`` (or any short label after a
bullet glyph) followed by a colon, and its value: the rest of the line up to the next field
(several fields can share a line), wrapped lines that continue it, or — when nothing follows
the colon — the bullet lists of the lines below. The value of a list field (``actors``,
``name``, ``place``, ``sector``) is cut into items at commas, 및, middle dots and bullet
lines. Fields that follow each other with nothing but white space between them make one
*record*: the subjects are the items of its ``actors`` and ``name`` fields, its ``content``
field is the clause they are the subjects of (:mod:`extraction.components.record_reader`).

Everything is character offsets into the text given; nothing here knows names.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

LIST_KINDS = ("actors", "name", "place", "sector")
# bullet glyphs of Korean reports, the private-use glyphs PDF fonts map them to included
GLYPHS = "⚫●•◦▪▫■□◼◻◾○◆◇▶►▷▸‣⁃∙※➢➤✓✔❍❏❑\ue000-\uf8ff"
_BLOCK_GLYPHS = "◼■□◆◇▶►⚫●○※"  # glyphs of headings and blocks rather than of list items
_GLYPH = re.compile(r"[%s]|-(?=\s)|–(?=\s)" % GLYPHS)
_HEAD = re.compile(r"(?P<g>(?:[%s]|[-–](?=\s)))?[ \t]*(?P<label>[가-힣A-Za-z][가-힣A-Za-z·∙ ]{0,11}?)[ \t]*[:：](?!//)"
                   % GLYPHS)
_SENTENCE_END = re.compile(r"(?:[.。!?]|다)\s*$")
_OPEN_END = re.compile(r"(?:[,，、·∙]|\s및|\s그리고)\s*$")  # a line that must go on
_ITEM_SEP = re.compile(r"\s*(?:[,，、;；]|\s및\s|(?<=[가-힣A-Za-z)）])[·∙](?=[가-힣A-Za-z]))\s*")
_ITEM_TAIL = re.compile(r"\s*(?:등(?:\s*\d+\s*(?:개|곳)\s*(?:기관|기업|업체|사|부처)?)?|외)\s*$")
MAX_CONTINUATION = 3
MAX_ITEM = 40  # a listed name is no longer; a longer item is prose glued to the list
_SENTENCE_IN = re.compile(r"다[.。]|[.。!?]\s+\S")  # a sentence ends inside the item
WRAP_WIDTH = 30  # a line this long that ends mid-phrase may have been wrapped


@dataclass(frozen=True)
class Label:
    kind: str  # actors | name | content | place | sector | other
    type: str | None  # the type of an unknown name in an actors or name field


@lru_cache(maxsize=1)
def load_labels() -> dict[str, Label]:
    path = files("extraction") / "data" / "record_labels.tsv"
    with open(str(path), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"))
    assert rows[0] == ["label", "kind", "type"], f"{path}: bad header {rows[0]}"
    return {r[0]: Label(r[1], r[2] or None) for r in rows[1:]}


@dataclass(frozen=True)
class RecordField:
    label: str
    kind: str
    type: str | None
    start: int  # the field's first character (its glyph or label)
    end: int  # the end of its value
    value_start: int
    value_end: int
    items: tuple[tuple[int, int], ...] = ()  # list items of the value (list kinds only)


@dataclass(frozen=True)
class Record:
    start: int
    end: int
    fields: tuple[RecordField, ...]

    def of_kind(self, *kinds: str) -> list[RecordField]:
        return [f for f in self.fields if f.kind in kinds]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _heads(text: str, labels: dict[str, Label]) -> list[tuple[int, int, str, Label]]:
    """(start, end, label, Label) of every field head: a known label at a line's start or after
    a glyph, or any short label after a glyph."""
    out = []
    for m in _HEAD.finditer(text):
        label = re.sub(r"\s+", " ", m.group("label")).strip()
        glyph = m.group("g")
        start = m.start("g") if glyph else m.start("label")
        before = text[_line_start(text, start):start]
        if glyph:
            if before.strip() and not before[-1:].isspace():
                continue
        elif before.strip():
            continue
        known = labels.get(label) or labels.get(label.replace(" ", ""))
        if known is None:
            if not glyph or len(label.replace(" ", "")) > 8:
                continue
            known = Label("other", None)
        out.append((start, m.end(), label, known))
    return out


def _bullet_lines(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """The content spans of the bullet lines that start at ``pos`` (the start of a line); a
    block glyph other than the first one's starts another block (◼ 다음 소식)."""
    out, first = [], None
    while pos < limit:
        e = _line_end(text, pos)
        line = text[pos:e]
        m = re.match(r"[ \t]*((?:[%s]|[-–](?=\s)))[ \t]*" % GLYPHS, line)
        if not m or not line[m.end():].strip() or (first is not None and m.group(1) != first
                                                      and m.group(1) in _BLOCK_GLYPHS):
            break
        first = m.group(1)
        out.append((pos + m.end(), pos + len(line.rstrip())))
        pos = e + 1
    return out


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list value ``text[start:end]``: cut at commas, 및, middle dots, line breaks
    before a glyph and glyphs; a trailing 등 (등 5개 기관) is no part of the last item."""
    out, pos = [], start
    for sep in list(_ITEM_SEP.finditer(text, start, end)) + [None]:
        a, b = pos, (sep.start() if sep else end)
        pos = sep.end() if sep else end
        g = re.match(r"\s*(?:[%s]|[-–](?=\s))?\s*" % GLYPHS, text[a:b])
        a += g.end() if g else 0
        tail = _ITEM_TAIL.search(text[a:b])
        if tail and tail.start() > 0:
            b = a + tail.start()
        b = a + len(text[a:b].rstrip())
        if 2 <= b - a <= MAX_ITEM and not _SENTENCE_IN.search(text, a, b):
            out.append((a, b))
    return out


def read_fields(text: str, labels: dict[str, Label] | None = None) -> list[RecordField]:
    labels = load_labels() if labels is None else labels
    heads = _heads(text, labels)
    fields = []
    for k, (start, head_end, label, lab) in enumerate(heads):
        next_start = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        line_end = _line_end(text, head_end)
        if next_start <= line_end:  # the next field shares the line
            v_end = next_start
            items_from = None
        elif not text[head_end:line_end].strip():  # "참여 기관:" then a bullet list
            bullets = _bullet_lines(text, line_end + 1, next_start)
            v_end = bullets[-1][1] if bullets else head_end
            items_from = bullets
        else:  # the rest of the line and the wrapped lines that continue it
            v_end = line_end
            pos = line_end + 1
            for _ in range(MAX_CONTINUATION):
                last = text[_line_start(text, v_end):v_end]
                if pos >= next_start or _SENTENCE_END.search(last) or \
                        (len(last.strip()) < WRAP_WIDTH and not _OPEN_END.search(last)):
                    break  # a short line or a finished sentence was not wrapped
                e = _line_end(text, pos)
                line = text[pos:e]
                if not line.strip() or _GLYPH.match(line.lstrip()) or e > next_start and pos < next_start <= e:
                    if k + 1 < len(heads) and pos < next_start <= e and line[:next_start - pos].strip() \
                            and not _GLYPH.match(line.lstrip()):
                        v_end = next_start  # the next field starts within the continued line
                    break
                v_end = e
                pos = e + 1
            items_from = None
        v_start = head_end
        while v_start < v_end and text[v_start].isspace():
            v_start += 1
        while v_end > v_start and text[v_end - 1].isspace():
            v_end -= 1
        items: tuple[tuple[int, int], ...] = ()
        if lab.kind in LIST_KINDS and v_end > v_start:
            if items_from:
                items = tuple(i for s, e in items_from for i in split_items(text, s, e))
            else:
                items = tuple(split_items(text, v_start, v_end))
        fields.append(RecordField(label, lab.kind, lab.type, start, max(v_end, head_end), v_start, v_end, items))
    return fields


def read_records(text: str, labels: dict[str, Label] | None = None) -> list[Record]:
    """The records of ``text``: runs of fields with only white space between them, each with
    at least one field of a known kind."""
    records, run = [], []

    def close():
        if run and any(f.kind != "other" for f in run):
            records.append(Record(run[0].start, run[-1].end, tuple(run)))

    for f in read_fields(text, labels):
        if run and text[run[-1].end:f.start].strip():
            close()
            run = []
        run.append(f)
    close()
    return records


__all__ = ["LIST_KINDS", "Label", "Record", "RecordField", "load_labels", "read_fields", "read_records", "split_items"]
