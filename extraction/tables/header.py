"""Table headers in text pulled out of PDFs: a run of column names.

The vocabulary of column names is data (``extraction/data/table_columns.tsv``). A header is
a run of at least three consecutive column names that includes the row's name column (기업명
…), or a run ending in a column of company lists (분야 대표 기업: a value-chain table). It may
stand on its own line, end a caption line that repair glued it to, or wrap onto a second
line; a two-level header (기업명 투자 정보 소재지 / 라운드 금액 투자기관) puts the
sub-columns of a funding round that end the header in place of the group word above them.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

COLUMN_TYPES = ("name", "round", "amount", "date", "place", "profile", "investors", "members", "label",
                "rank", "alias", "group", "other")
_ROUND_GROUP = ("round", "amount", "date", "investors")
_TYPED = {"round", "amount", "date", "place", "profile", "investors", "rank"}


@dataclass(frozen=True)
class Header:
    """A table header: characters ``[start, end)`` and the columns in order."""

    start: int
    end: int
    columns: tuple[str, ...]
    kind: str  # "rows" (one company per row) or "chain" (a label and a list of companies)


@lru_cache(maxsize=2)
def load_columns(path: str | None = None) -> dict[tuple[str, ...], str]:
    """Column names (as word tuples) → column type."""
    p = Path(path) if path else Path(str(files("extraction") / "data" / "table_columns.tsv"))
    with open(p, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    assert header == ["word", "column"], f"{p}: bad header {header}"
    out = {}
    for word, column in reader:
        assert column in COLUMN_TYPES, f"{p}: unknown column type {column!r}"
        out[tuple(word.split())] = column
    return out


@lru_cache(maxsize=2)
def _index_of(path: str | None) -> tuple[frozenset[str], frozenset[str]]:
    vocab = load_columns(path)
    return (frozenset(k[0] for k in vocab), frozenset(k[0][:2] for k in vocab if len(k) == 1))


def _index(vocab: dict) -> tuple[frozenset[str], frozenset[str]]:
    """First words of the column names, and first two letters of one-word names."""
    return _index_of(None) if vocab is load_columns() else (
        frozenset(k[0] for k in vocab), frozenset(k[0][:2] for k in vocab if len(k) == 1))


def _glued(pos: int, word: str, vocab: dict) -> list[tuple[int, int, str]]:
    """A word that is column names glued together by line repair (소재지분야 → 소재지, 분야),
    as those names; any other word as it is."""
    if (word,) in vocab or len(word) < 4:
        return [(pos, pos + len(word), word)]
    out, at = [], 0
    while at < len(word) and len(out) < 4:
        n = next((n for n in range(len(word) - at, 1, -1) if (word[at:at + n],) in vocab), None)
        if n is None:
            return [(pos, pos + len(word), word)]
        out.append((pos + at, pos + at + n, word[at:at + n]))
        at += n
    return out if at == len(word) else [(pos, pos + len(word), word)]


def _match_at(words: list[tuple[int, int, str]], k: int, vocab: dict) -> tuple[int, str] | None:
    """The longest column name starting at word ``k``: (words used, column type)."""
    for n in (3, 2, 1):
        if k + n <= len(words):
            key = tuple(w for _, _, w in words[k:k + n])
            if key in vocab:
                return n, vocab[key]
    return None


def find_headers(text: str, start: int = 0, end: int | None = None) -> list[Header]:
    """Every table header in ``text[start:end]``."""
    end = len(text) if end is None else end
    vocab = load_columns()
    firsts, prefixes = _index(vocab)
    words = []
    for m in re.finditer(r"[^\s|]+", text[start:end]):
        w = m.group()
        if len(w) >= 4 and w[:2] in prefixes and (w,) not in vocab:
            words += _glued(start + m.start(), w, vocab)
        else:
            words.append((start + m.start(), start + m.end(), w))
    out: list[Header] = []
    k = 0
    while k < len(words):
        if words[k][2] not in firsts:
            k += 1
            continue
        run: list[tuple[int, int, str]] = []  # (start, end, column)
        j = k
        while j < len(words):
            hit = _match_at(words, j, vocab)
            if hit is None and run and j + 1 < len(words) and _unknown_column(words[j][2]) \
                    and _match_at(words, j + 1, vocab) is not None:
                hit = (1, "other")  # a column name kg does not know, between two it knows
            if hit is None:
                break
            n, col = hit
            run.append((words[j][0], words[j + n - 1][1], col))
            j += n
        header = _header_of(text, run)
        if header is not None:
            out.append(header)
            k = j
        else:
            k += 1
    return out


def _unknown_column(word: str) -> bool:
    return 2 <= len(word) <= 6 and not re.search(r"[\d.,:()]|[다음함]$", word)


_CAPTION = re.compile(r"^\s*[<\[【]?\s*(?:도표|표|그림|Table)\s*\d+")


def _whole_line(text: str, run) -> bool:
    """Does the run stand on a line of its own (or end a caption that line repair glued it to)?"""
    line_start = text.rfind("\n", 0, run[0][0]) + 1
    line_end = text.find("\n", run[-1][1])
    after = text[run[-1][1]:line_end if line_end >= 0 else len(text)]
    before = text[line_start:run[0][0]]
    return (not before.strip() or bool(_CAPTION.match(before))) and not after.strip()


def has_column_names(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold two column names in a row (라운드 일자 금액 …)?"""
    vocab = load_columns()
    words = [(0, 0, m.group()) for m in re.finditer(r"[^\s|]+", text[start:end])]
    for k in range(len(words)):
        hit = _match_at(words, k, vocab)
        if hit is not None and _match_at(words, k + hit[0], vocab) is not None:
            return True
    return False


def _header_of(text: str, run: list[tuple[int, int, str]]) -> Header | None:
    if len(run) < 2:
        return None
    # a caption glued before the header may end in a column name (… 주요 활동 | 일자 기업명
    # 주요 내용): a leading column whose type comes again later is the caption's
    while len(run) > 2 and (run[0][2] == "other" or run[0][2] in [c for _, _, c in run[1:]] and run[0][2] != "label"):
        run = run[1:]
    cols = [c for _, _, c in run]
    # a two-level header (기업명 | 투자 정보 | 소재지 over 라운드 | 금액 | 투자자): the columns
    # of a funding round that end the run go where the group word is
    if "group" in cols:
        g = cols.index("group")
        n = 0
        while n < len(cols) - g - 1 and cols[len(cols) - 1 - n] in _ROUND_GROUP:
            n += 1
        if n == 0 or "group" in cols[g + 1:]:
            return None
        cols = cols[:g] + cols[len(cols) - n:] + cols[g + 1:len(cols) - n]
    if "members" in cols:
        m = cols.index("members")
        before = cols[:m]
        if not before or len(before) > 3 or any(c not in ("label", "profile", "name", "other") for c in before):
            return None
        # the header of a value chain stands on its own line (분야 주요 기업 also opens sentences)
        if not _whole_line(text, run):
            return None
        return Header(run[0][0], run[-1][1], tuple(["label"] * len(before) + ["members"] + cols[m + 1:]), "chain")
    # a sector column and a description column are read as one profile
    cols = [c for i, c in enumerate(cols) if not (i and c == "profile" and cols[i - 1] == "profile")]
    if cols.count("name") > 1:  # 기업명 … 기업 (개요): the first one names the company
        first = cols.index("name")
        cols = [c if c != "name" or i == first else "other" for i, c in enumerate(cols)]
    if cols in (["name", "profile"], ["name", "date", "profile"]) and _whole_line(text, run):
        return Header(run[0][0], run[-1][1], tuple(cols), "rows")  # 기업명 | 주요 활동 on its own line
    if len([c for c in cols if c != "other"]) < 3 or cols.count("name") != 1:
        return None
    if len(_TYPED.intersection(cols)) < 2 or len(set(cols)) < len(cols) - 1:
        return None
    return Header(run[0][0], run[-1][1], tuple(cols), "rows")


__all__ = ["COLUMN_TYPES", "Header", "find_headers", "has_column_names", "load_columns"]
