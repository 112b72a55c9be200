"""Subsidiaries and acquisitions a profile lists without naming the owner in the phrase.

Under a company's heading (``◼ X``) or after a sentence about it, a profile says

- ``자회사 ‘A’가 개발한 …``, ``자회사 신생 브랜드 A와 B를 …`` — A (and B) are its subsidiaries;
- ``A, B 등 관련 업체를 인수합병해`` — it acquired A and B.

The owner is the sentence's own topic when it comes before the phrase (``X는 … 자회사 A``),
else the subject carried from the block. ``X의 자회사 A`` (the owner named in the phrase) is
read by ``kg_relations`` itself. Guidelines: a parent owning a named subsidiary and an
acquisition are invests_in.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, agents_after, RelationCandidate, end_of, relation, topic_marked

_JOIN = re.compile(r"['’\"”]?\s*(?:,|，|、|·|∙|및|와|과)\s*['‘\"“]?")
# 자회사 ‘A’ / 자회사 신생 브랜드 A / 완전 자회사인 A — not 의 자회사 (the owner is named there)
_SUBSIDIARY = re.compile(r"(?<!의 )(?<!의)(?:자회사|계열사|산하\s?기업)(?:인|로|로는|으로는)?\s+")
# at most two words (신생 브랜드) and a quote between the cue and the first name
_BETWEEN = re.compile(r"(?:[^\s,.'‘’\"“”]+\s){0,2}['‘\"“]?")
# A, B 등 (유관) 기업들을 (잇달아) 인수(합병)
_ACQUIRED = re.compile(r"\s*등\s*(?:[^\s,.]+\s){0,2}?[^\s,.]*(?:기업|업체|회사|스타트업)(?:들)?(?:을|를)\s*"
                       r"(?:잇달아\s|연이어\s|차례로\s|연달아\s)?(?:인수|합병|흡수)")


def _owner(text: str, actors: list[Mention], pos: int, carried: Mention | None) -> Mention | None:
    own = [m for m in actors if m.start < pos and topic_marked(text, m)]
    if own:
        return own[-1]
    if any(topic_marked(text, m) for m in actors):
        return None  # the sentence has a subject of its own after the phrase
    return carried if carried is not None and carried.label in AGENTS else None


def profile_ownership_relations(text: str, unit: tuple[int, int], ms: list[Mention],
                                carried: Mention | None) -> list[RelationCandidate]:
    """invests_in from a profile's company to the subsidiaries and acquisitions it lists."""
    s, e = unit
    actors = [m for m in ms if m.label in AGENTS]
    out: list[RelationCandidate] = []
    for cue in _SUBSIDIARY.finditer(text, s, e):
        first = next((m for m in actors if m.start >= cue.end()), None)
        if first is None or not _BETWEEN.fullmatch(text, cue.end(), first.start):
            continue
        owner = _owner(text, actors, cue.start(), carried)
        if owner is None:
            continue
        out.extend(relation(owner, "invests_in", m, unit, "prose:profile-subsidiary", 0.6)
                   for m in agents_after(text, ms, first, _JOIN) if (m.start, m.end) != (owner.start, owner.end))
    for k, last in enumerate(actors):
        if not _ACQUIRED.match(text, end_of(text, last)):
            continue
        group = [last]
        for a in reversed(actors[:k]):
            if _JOIN.fullmatch(text, end_of(text, a), group[0].start):
                group.insert(0, a)
            else:
                break
        owner = _owner(text, actors, group[0].start, carried)
        if owner is None or any((m.start, m.end) == (owner.start, owner.end) for m in group):
            continue
        out.extend(relation(owner, "invests_in", m, unit, "prose:profile-acquisitions", 0.6) for m in group)
    return out


__all__ = ["profile_ownership_relations"]
