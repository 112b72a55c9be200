"""Nationality written as a one-character prefix, as Korean news headlines and leads do:
``中창안자동차가``, ``美 테슬라``, ``日 도요타`` — the company is of that country
(located_in the country, per the guidelines' nationality convention). The character is
an abbreviation that reference data knows as the country's Chinese short name (中, 美, 日,
韓 …); kg adds it as a mention of the country.
"""
from __future__ import annotations

from ..candidates import Mention
from ..names import is_han
from .relation_candidate import AGENTS, RelationCandidate, relation


def prefix_nationality(text: str, unit: tuple[int, int], ms: list[Mention],
                       reference) -> tuple[list[Mention], list[RelationCandidate]]:
    """(country mentions, located_in relations) of the companies a country character
    stands right before (``中창안자동차``, ``美 테슬라``)."""
    s, _ = unit
    known = {(m.start, m.end) for m in ms}
    mentions, rels = [], []
    for m in ms:
        if m.label not in AGENTS:
            continue
        k = m.start - 1
        if k >= s and text[k] == " ":
            k -= 1  # 美 테슬라
        if k < s or not is_han(text[k]) or (k > s and (is_han(text[k - 1]) or text[k - 1].isalnum())):
            continue
        if k + 1 < m.start and not ("가" <= text[m.start] <= "힣" or text[m.start].isascii()):
            continue
        hits = [h for h in reference.lookup(text[k]) if h.type == "Region" and h.kind == "country"]
        if len(hits) != 1:
            continue
        country = Mention(k, k + 1, text[k], "Region", "relations", 0.7, hits[0].id, rule="nationality-prefix")
        if (k, k + 1) not in known:
            mentions.append(country)
            known.add((k, k + 1))
        rels.append(relation(m, "located_in", country, unit, "prefix:nationality-character", 0.65))
    return mentions, rels


__all__ = ["prefix_nationality"]
