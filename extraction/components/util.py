"""Helpers shared by the components: token boundaries and character classes."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..names import is_han, is_hangul


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it from the tokens every time (the tokenizer keeps
    the input text in ``doc.user_data``)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def boundaries(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """Character positions where tokens start and where they end (cached on the Doc)."""
    cached = doc.user_data.get("kg_bounds")
    if cached is None:
        starts = frozenset(t.idx for t in doc if not t.is_space)
        ends = frozenset(t.idx + len(t.text) for t in doc if not t.is_space)
        cached = doc.user_data["kg_bounds"] = (starts, ends)
    return cached


def is_latin_or_digit(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def script_run_ok(text: str, start: int, end: int) -> bool:
    """A Han name must be a whole Han run; a Latin name a whole Latin word."""
    first, last = text[start], text[end - 1]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if is_han(first) and is_han(before):
        return False
    if is_han(last) and is_han(after):
        return False
    if is_latin_or_digit(first) and is_latin_or_digit(before):
        return False
    if is_latin_or_digit(last) and is_latin_or_digit(after):
        return False
    return True


_CAPTION = re.compile(r"^\s*[<\[【]?\s*(?:도표|표|그림|차트|Table|Figure|Fig\.)\s*\d+(?:[-.]\d+)*\s*[>\]】]?\s*[.:)]?\s+")
PROSE_END = re.compile(r"(?:다|음|함|됨)[.。]$|[.。]$")  # a line of prose, not a table row
# a funding table's header: 라운드 (일자 금액) 투자자
FUNDING_HEADER = re.compile(r"(?:^|\s)(?:라운드|투자 단계|단계)\s+(?:\S+\s+){0,3}(?:투자자|투자사|투자기관)\s*$")


def caption_tables(text: str) -> list[tuple[int, int, int]]:
    """(caption start, caption end, table end) of every captioned table: a caption line
    (도표 3. …, 표 2 …, Table 1 …) and the short lines after it, up to prose (a line over
    60 characters that ends a sentence) or the next caption."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out = []
    for i, (s, e) in enumerate(lines):
        if not _CAPTION.match(text[s:e]):
            continue
        end = e
        for a, b in lines[i + 1:i + 81]:
            line = text[a:b].strip()
            if _CAPTION.match(line) or (PROSE_END.search(line) and len(line) > 60):
                break
            end = b
        if end > e:
            out.append((s + len(text[s:e]) - len(text[s:e].lstrip()), e, end))
    return out


__all__ = ["FUNDING_HEADER", "PROSE_END", "caption_tables", "doc_text", "boundaries", "is_han", "is_hangul", "is_latin_or_digit", "script_run_ok"]
