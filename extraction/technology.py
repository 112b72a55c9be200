"""How a text uses a technology term: the evidence that it treats the term as a subject.

A technology named once is usually named in passing (an energy mix, an event title, a list
of products), and kg drops such terms (:func:`extraction.resolve.drop_passing_technologies`).
Some single mentions are nonetheless what an analyst tags, because the text itself marks the
term as a technology:

* ``defined``: the text introduces the term with its abbreviation or English name in
  brackets — 인간-로봇 협업(HRC), 첨단운전자보조시스템(ADAS);
* ``listed``: the term is an item of an enumeration the text closes with a word for
  technologies or fields of study — "A, B, C 등 기술을", "A, B 등 신흥기술", "A, B 등 다양한
  학문 분야" (the class nouns are data: ``data/technology_context.tsv``).

The role is a suffix of the mention's rule (``…:tech-defined``, ``…:tech-listed``), so it
travels with the mention to resolution.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.resources import files

ROLE_TAG = ":tech-"
_DEFINED = re.compile(r"\s?[(（]\s*[A-Za-z][A-Za-z0-9\-&/ .]{0,40}[A-Za-z0-9]?\s*[)）]")
_ITEM = r"[^,，、·.。\n()（）]{1,30}?(?:\s?[(（][^()（）\n]{1,30}[)）])?"
_PAREN = r"(?:\s?[(（][^()（）\n]{1,30}[)）])?"


@lru_cache(maxsize=1)
def _context_rows() -> tuple[tuple[str, str], ...]:
    path = files("extraction") / "data" / "technology_context.tsv"
    with open(str(path), encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t")]
    assert rows[0] == ["word", "kind"], f"{path}: bad header {rows[0]}"
    return tuple((w, k) for w, k in rows[1:])


@lru_cache(maxsize=1)
def class_nouns() -> tuple[str, ...]:
    """Words that close an enumeration of technologies (기술, 신흥기술, 학문 분야 …)."""
    return tuple(sorted((w for w, k in _context_rows() if k == "class_noun"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _listed_after() -> re.Pattern:
    nouns = "|".join(map(re.escape, class_nouns()))
    # the rest of an enumeration after the term, closed by 등 and a class noun (two words may
    # stand between: 등 다양한 학문 분야, 등 디지털 스마트 기술)
    return re.compile(r"%s(?:\s*[,，、·]\s*%s){0,8}\s*등(?:의)?\s+(?:[가-힣]{1,8}\s+){0,2}(?:%s)(?![가-힣]{2})"
                      % (_PAREN, _ITEM, nouns))


def technology_role(text: str, start: int, end: int) -> str | None:
    """``"defined"``, ``"listed"`` or None for the technology term ``text[start:end]``."""
    if _DEFINED.match(text, end):
        return "defined"
    line_end = text.find("\n", end)
    window = text[end:line_end if line_end >= 0 else len(text)][:200]
    if _listed_after().match(window):
        return "listed"
    return None


@lru_cache(maxsize=1)
def product_nouns() -> tuple[str, ...]:
    """Words for kinds of products (플랫폼, 앱, 차량 …)."""
    return tuple(w for w, k in _context_rows() if k == "product_noun")


def has_role(rule: str) -> bool:
    return ROLE_TAG in rule


# A document up to this many characters is short (a news excerpt, a brief): one sentence of it
# is a fair share of the text, so a technology it names once is no passing mention. Reports run
# to tens of thousands of characters; a full news article to a few thousand.
SHORT_DOCUMENT = 5000


def short_document(characters: int | None) -> bool:
    """Is a document of ``characters`` characters short enough that a term named in one of its
    sentences is salient? (Unknown length: no.)"""
    return characters is not None and 0 < characters <= SHORT_DOCUMENT
