"""Bulleted lists of described items whose closing phrase qualifies every item.

Reports and briefs list companies as inline bullets, each with a description, over several
lines of a PDF, and close the list with a count and what the items are:

    ▲(주)A 의 배터리 팩 ▲B 의 에어백 기술 ▲C 의 방음 소재 등 총 3개의 한국 혁신 기업

The closing phrase (``등 총 N개의 P … 기업``) is stated once for the list and reaches each
item's name (the first name after its bullet, past a ``(주)``/``㈜`` mark): every item is a
company of the country P. The list is read across line breaks (sentence units stop at them),
and only while its bullets follow each other closely with no sentence ending between.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, RelationCandidate

_BULLETS = "▲△●○■□◆◇•▶►"
# 등 총 9개의 / 등 12개 / 등 5곳의 (the count may wrap onto the next line)
_CLOSING = re.compile(r"등\s*(?:총\s*)?\d+\s*(?:개사|개|곳|社|家)(?:의)?\s+")
_KIND = re.compile(r"\s*(?:의\s*)?(?:[^\s,.()]+\s){0,4}?[^\s,.()]*(?:기업|업체|회사|스타트업|제조사)")
_MARK = re.compile(r"\s*(?:\(주\)|㈜|\(株\))?\s*")
_MAX_ITEM = 160  # characters from one bullet to the next
_SENTENCE_END = re.compile(r"(?:다|요)\s*[.。]\s")


def _item_name(text: str, ms: list[Mention], bullet: int) -> Mention | None:
    mark = _MARK.match(text, bullet + 1)
    return next((m for m in ms if m.start == mark.end() and m.label in AGENTS), None)


def bullet_list_relations(text: str, ms: list[Mention]) -> list[RelationCandidate]:
    """located_in the country of a closing phrase, for the name of every bullet item of the
    list it closes. ``ms``: the document's mentions in text order."""
    out: list[RelationCandidate] = []
    for closing in _CLOSING.finditer(text):
        place = next((m for m in ms if m.start >= closing.end()), None)
        if place is None or place.start != closing.end() or place.label != "Region" or \
                not _KIND.match(text, place.end):
            continue
        bullets = []
        pos = closing.start()
        while True:
            b = max(text.rfind(c, max(0, pos - _MAX_ITEM), pos) for c in _BULLETS)
            if b < 0 or _SENTENCE_END.search(text, b, pos):
                break
            bullets.insert(0, b)
            pos = b
        if len(bullets) < 2:
            continue
        evidence = (bullets[0], _KIND.match(text, place.end).end())
        for b in bullets:
            name = _item_name(text, ms, b)
            if name is not None:
                out.append(RelationCandidate((name.start, name.end), "located_in", (place.start, place.end),
                                             evidence, "bullets:closing-nationality", 0.6))
    return out


__all__ = ["bullet_list_relations"]
