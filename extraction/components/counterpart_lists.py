"""A company's listed counterparts, in the sentences of its profile that have no subject
of their own.

A profile block goes on about its company without naming it again:

- ``주요 고객사로는 A, B 등이 있다`` — its customers (a supply relation that
  names both sides: partners_with by the guidelines);
- ``A, B 등 여러 업체들과 협력해 …`` — its partners.

The company is the sentence's own topic when it has one (``X의 주요 고객사로는``, ``X는 A,
B 등과 협력``), else the subject carried from the sentences before (the block's). The listed
names partner with it, not with each other.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, agents_after, RelationCandidate, end_of, relation, topic_marked

_JOIN = re.compile(r"\s*(?:,|，|、|·|∙|및|와|과)\s*")
# 주요 고객사로는 / 고객으로는 / 협력사로는 / 파트너사에는
_CUSTOMERS = re.compile(r"(?:주요\s?|핵심\s?|대표\s?)?(?:고객사|고객|협력사|파트너사|파트너|납품처|공급처)(?:로는|으로는|에는|로|는)\s+")
# (A, B) 등 주요 완성차 기업들과 협력하여 / 등과 손잡고
_WITH = re.compile(r"\s*(?:등\s*)?(?:[^\s,.]+\s){0,3}?[^\s,.]*(?:와|과|들과)\s+(?:[^\s,.]+\s)?"
                   r"(?:협력|손잡|손을 잡|제휴|파트너십|공동\s?개발)")


def counterpart_list_relations(text: str, unit: tuple[int, int], ms: list[Mention],
                               carried: Mention | None) -> list[RelationCandidate]:
    """partners_with between a profile's company and the customers or partners it lists."""
    s, e = unit
    actors = [m for m in ms if m.label in AGENTS]
    own = next((m for m in actors if topic_marked(text, m)), None)
    out: list[RelationCandidate] = []
    for cue in _CUSTOMERS.finditer(text, s, e):
        first = next((m for m in actors if m.start == cue.end()), None)
        if first is None:
            continue
        before = [m for m in actors if m.end <= cue.start()]
        owner = before[-1] if before and text[end_of(text, before[-1]):cue.start()].strip() in ("의", "") else None
        owner = owner or (own if own is not None and own.start < cue.start() else None) or \
            (carried if own is None else None)
        if owner is None or owner.label not in ("Company", "Organization"):
            continue
        out.extend(relation(owner, "partners_with", m, unit, "prose:listed-customers", 0.6)
                   for m in agents_after(text, ms, first, _JOIN) if (m.start, m.end) != (owner.start, owner.end))
    if own is None and carried is not None and carried.label in ("Company", "Organization") and actors:
        for k, first in enumerate(actors):
            if k and _JOIN.fullmatch(text, end_of(text, actors[k - 1]), first.start):
                continue  # not the first of its list
            group = agents_after(text, ms, first, _JOIN)
            if len(group) >= 2 and _WITH.match(text, end_of(text, group[-1])) and \
                    all((m.start, m.end) != (carried.start, carried.end) for m in group):
                out.extend(relation(carried, "partners_with", m, unit, "prose:carried-partners", 0.55)
                           for m in group)
    return out


__all__ = ["counterpart_list_relations"]
