"""Clause structure of a Korean sentence, so that a relation stays in the clause that
states it.

A sentence chains clauses with connective endings (…하며, …했고, …이며, …지만, …는데,
followed by a space or a comma). A topic or subject (X는, X가) governs its own clause and
the later clauses that have none of their own: in ``A는 로봇을 공개하며 양산을 시작했고,
B는 C의 AI를 탑재할 계획이다`` the last clause is about B, not A. The subject of a relative
clause (``X가 주도한 라운드``, ``X가 설립한 연구소``) governs nothing outside it.

Distributive coordination: ``A와 B는 각각 C와 협력`` — A and B each cooperate with C; they
are not each other's partners.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, end_of, topic_marked

# a connective ending that closes a clause: 공개하며, 설립했고, 기업이며, 늘었지만, 했는데
_CONNECTIVE = re.compile(r"(?:하며|했으며|되며|됐으며|이며|으며|했고|하고|되고|됐고|하면서|했지만|하지만|지만|했는데|는데|"
                         r"했으나|으나|한\s?반면|반면)(?:,\s*|\s+)")
_RELATIVE = re.compile(r"\s?(?:이|가)\s+(?:[^\s,.]+\s){0,2}?\S*(?:한|된|하는|되는|했던|하던|할)\s")
_EACH = re.compile(r"\s?(?:은|는|이|가|도)?\s*(?:각각|각자|개별적으로|저마다|따로)(?![가-힣])")


def clause_bounds(text: str, unit: tuple[int, int]) -> list[tuple[int, int]]:
    """The clauses of a sentence, as character spans of ``text``."""
    s, e = unit
    out, pos = [], s
    for m in _CONNECTIVE.finditer(text, s, e):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, e))
    return out


def clause_of(text: str, unit: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause that holds character ``pos``."""
    for a, b in clause_bounds(text, unit):
        if a <= pos < b:
            return a, b
    return unit


def clause_topic(text: str, unit: tuple[int, int], ms: list[Mention], pos: int,
                 exclude: list[Mention] = ()) -> Mention | None:
    """The actor that governs the clause at ``pos``: the last topic or subject (은/는/이/가/도)
    before it in the sentence that is no relative clause's subject, unless a clause with
    a topic of its own lies between (then that one)."""
    excluded = {(m.start, m.end) for m in exclude}
    best = None
    for m in ms:
        if m.start >= pos:
            break
        if m.label not in AGENTS or (m.start, m.end) in excluded or not topic_marked(text, m):
            continue
        if _RELATIVE.match(text, end_of(text, m)):
            continue
        best = m
    return best


def distributive(text: str, group: list[Mention]) -> bool:
    """Is a coordinated group followed by 각각/각자 (each of them, separately)?"""
    return bool(group) and bool(_EACH.match(text, end_of(text, group[-1])))


def each_with_counterparts(text: str, unit: tuple[int, int], group: list[Mention],
                           actors: list[Mention]) -> list[tuple[Mention, Mention]]:
    """``A와 B는 각각 C와 협력``: each member with the actors named after 각각 in the same
    clause (not the members with each other). Empty when the group is not distributive."""
    if len(group) < 2 or not distributive(text, group):
        return []
    clause = clause_of(text, unit, end_of(text, group[-1]))
    others = [a for a in actors if a.start > group[-1].end and a.start < clause[1] and a not in group]
    return [(g, o) for g in group for o in others]


__all__ = ["clause_bounds", "clause_of", "clause_topic", "distributive", "each_with_counterparts"]
