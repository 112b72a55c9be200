"""What a zone's profile lists as built, gathered or grown in it.

Reports profile a zone (a national innovation demonstration zone, a new area, a high-tech
zone) in a block under its name and list what it holds:

- ``Z는 … A, B, C 등 주요 플랫폼 구축을 추진하고 있다`` — the zone is the sentence's topic;
- ``(in Z's block) A, B, C 등 세계적인 선도기업들이 잇달아 성장하였으며`` — the sentence has
  no place of its own and is about the zone the block is about.

A list of two or more names closed by ``등`` and a noun of institutions, platforms, zones or
companies, with a verb of building, gathering, growing or holding in the same sentence: each
listed name is in the zone. A sentence naming another place is not read with the block's
zone (``베이징의 A, B 등 기업``).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation

_JOIN = re.compile(r"\s*(?:,|，|、|·|∙|및)\s*")
_CLOSE = re.compile(r"\s*등\s*(?:[^\s,.]+\s){0,3}?[^\s,.]*(?:플랫폼|기관|기업|업체|실험실|연구소|연구원|센터|단지|협력구|"
                    r"클러스터|선도기업|거점)(?:들)?(?:이|가|은|는|도|을|를|의)?(?![가-힣])")
_BUILT = re.compile(r"구축|조성|건설|유치|설립|입주|집결|집적|성장|자리|보유|운영|들어서|밀집")
_ZONE_TOPIC = re.compile(r"\s?(?:은|는)(?![가-힣])")


def _groups(text: str, ms: list[Mention], zone: Mention) -> list[list[Mention]]:
    members = [m for m in ms if (m.label in AGENTS or m.label == "Park") and (m.start, m.end) != (zone.start, zone.end)]
    groups: list[list[Mention]] = []
    group: list[Mention] = []
    for m in members:
        if group and m.start < end_of(text, group[-1]):
            continue  # another name of the member before, in its parenthesis
        if group and _JOIN.fullmatch(text, end_of(text, group[-1]), m.start):
            group.append(m)
            continue
        if len(group) >= 2:
            groups.append(group)
        group = [m]
    if len(group) >= 2:
        groups.append(group)
    return groups


def zone_block_relations(text: str, unit: tuple[int, int], ms: list[Mention],
                         owner: Mention | None) -> list[RelationCandidate]:
    """located_in the zone for each name of a list the zone's sentence or block says it
    built, gathered or grew. ``owner``: what the text was about before this sentence."""
    s, e = unit
    zone = next((m for m in ms if m.label == "Park" and _ZONE_TOPIC.match(text, end_of(text, m))), None)
    if zone is None:
        if owner is None or owner.label != "Park" or any(m.label in PLACES for m in ms):
            return []
        zone = owner
    out: list[RelationCandidate] = []
    for group in _groups(text, ms, zone):
        close = _CLOSE.match(text, end_of(text, group[-1]))
        if not close or (zone.start >= s and group[0].start < zone.end):  # the list after the zone
            continue
        if not _BUILT.search(text, close.end(), min(e, close.end() + 60)):
            continue
        out.extend(relation(m, "located_in", zone, unit, "zone:listed-in-block", 0.6) for m in group)
    return out


__all__ = ["zone_block_relations"]
