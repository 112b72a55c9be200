"""Investments in four phrasings of Korean news that the investment rules of
``kg_relations`` and ``ownership`` do not read:

- a relative clause: ``X가 투자한 A``, ``X가 지분 30%를 보유한 A`` — X invests in A;
- the target as topic: ``A에는 X와 Y가 투자했다`` — X and Y invest in A;
- a major shareholder: ``X는 A의 최대주주``, ``A의 최대주주인 X`` — X invests in A;
- money raised from a list: ``A는 X, Y 등으로부터 3억 위안을 조달했다`` — each invests in A.

Plans and talks are left to the rules that read them (these phrasings are all past facts
or standing states).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of, clause_topic
from .relation_candidate import AGENTS, agents_after, agents_before, RelationCandidate, end_of, relation

_WORDS = re.compile(r"(?:[^\s,.()]+\s){0,2}")
_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·)\s*")
# 가 투자한 / 이 출자한 / 가 인수한 / 가 지분 30%를 보유한 / 이 지분을 가진
_RELATIVE = re.compile(r"(?:이|가)\s(?:[^\s,.]+\s){0,1}?(?:투자한|출자한|인수한|지분(?:\s?[\d.]+\s?%)?(?:을|를)\s?(?:보유한|가진|소유한))\s")
_TARGET_TOPIC = re.compile(r"에는\s")
_INVESTED = re.compile(r"(?:이|가|도)\s(?:[^\s,.]+\s){0,3}?(?:투자|출자)(?:했|하였|를 단행|에 나섰|에 참여)")
_HOLDER = re.compile(r"(?:최대\s?주주|대주주|2대\s?주주|주요\s?주주|모회사)")
_RAISED_FROM = re.compile(r"\s?(?:등)?(?:으로부터|로부터)\s")
_RAISED = re.compile(r"(?:조달|유치|확보)(?:했|하였|하는 데 성공)")
_MONEY = re.compile(r"(?:투자|자금|위안|달러|억|원)")


def relative_investor(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X가 투자한 A``, ``X가 지분 30%를 보유한 A``."""
    out: list[RelationCandidate] = []
    for k, x in enumerate(ms):
        if x.label not in AGENTS:
            continue
        rel = _RELATIVE.match(text, end_of(text, x))
        if not rel:
            continue
        words = _WORDS.match(text, rel.end())
        a = next((m for m in ms[k + 1:] if m.start >= rel.end()), None)
        if a is not None and a.label in AGENTS and a.start <= words.end() and not re.search(
                r"(?:^|\s)(?:이|그|해당|동|이번)\s|(?:은|는|이|가|을|를|에|의)\s", " " + text[rel.end():a.start]):
            for investor in agents_before(text, ms, x, _JOIN):
                out.append(relation(investor, "invests_in", a, unit, "prose:investor-relative", 0.7))
    return out


def target_topic(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A에는 X와 Y가 투자했다``."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS or not _TARGET_TOPIC.match(text, end_of(text, a)):
            continue
        first = next((m for m in ms[k + 1:] if m.start >= end_of(text, a)), None)
        if first is None or first.label not in AGENTS or first.start != _TARGET_TOPIC.match(text, end_of(text, a)).end():
            continue
        group = agents_after(text, ms, first, _JOIN)
        if _INVESTED.match(text, end_of(text, group[-1])):
            out.extend(relation(x, "invests_in", a, unit, "prose:target-topic", 0.7) for x in group)
    return out


def major_holder(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X는 A의 최대주주``, ``A의 최대주주인 X``."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        holder = re.compile(r"의\s?" + _HOLDER.pattern + r"(?:인|이자|로|으로)?(?=\s|다|이다|이며|입니다|[.,])").match(
            text, end_of(text, a))
        if not holder:
            continue
        after = next((m for m in ms[k + 1:] if m.start >= holder.end()), None)
        if holder.group().endswith(("인", "이자")) and after is not None and after.label in AGENTS \
                and re.fullmatch(r"\s", text[holder.end():after.start]):
            out.append(relation(after, "invests_in", a, unit, "prose:major-holder", 0.7))  # A의 최대주주인 X
            continue
        before = ms[k - 1] if k > 0 else None
        if before is not None and before.label in AGENTS and \
                re.fullmatch(r"(?:은|는|이|가)\s(?:[^\s,.]+\s){0,2}?", text[end_of(text, before):a.start]):
            out.append(relation(before, "invests_in", a, unit, "prose:major-holder", 0.7))  # X는 A의 최대주주
    return out


def raised_from(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 X, Y 등으로부터 3억 위안을 조달했다``."""
    out: list[RelationCandidate] = []
    for k, x in enumerate(ms):
        if x.label not in AGENTS:
            continue
        frm = _RAISED_FROM.match(text, end_of(text, x))
        if not frm:
            continue
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        clause = clause_of(text, unit, x.start)
        stop = min(clause[1], nxt.start if nxt is not None else clause[1])
        rest = text[frm.end():stop]
        if not _RAISED.search(rest) or not _MONEY.search(rest):
            continue
        group = agents_before(text, ms, x, _JOIN)
        a = clause_topic(text, unit, ms, group[0].start)
        if a is None or a in group:
            continue
        out.extend(relation(m, "invests_in", a, unit, "prose:raised-from", 0.7) for m in group)
    return out


def investment_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The invests_in relations of these phrasings in one sentence."""
    return (relative_investor(text, unit, ms) + target_topic(text, unit, ms) + major_holder(text, unit, ms)
            + raised_from(text, unit, ms))


__all__ = ["investment_phrase_relations", "major_holder", "raised_from", "relative_investor", "target_topic"]
