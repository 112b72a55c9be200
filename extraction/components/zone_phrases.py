"""Which companies a zone or city holds, from five phrasings of Korean news about
development zones that the clause rules of ``kg_relations`` read only for one name or
only for cities:

- the place hosts a list: ``둥후개발구에는 A, B 등 50여 개 기업이 입주해 있다``,
  ``장베이신구에는 A와 B가 자리잡고 있다`` — every member is there;
- a list settles in the place: ``A와 B 등 20개 프로젝트가 장베이신구에 입주했다``,
  ``A, B, C 등이 개발구에 잇따라 둥지를 틀었다`` — every member, not only the last;
- a zone's members named after a located noun: ``개발구에 입주한 기업으로는 A, B, C 등이
  있다``;
- the zone written before a company: ``개발구 내 기업 A``, ``개발구 입주기업인 A``,
  ``개발구의 대표 기업 A``, ``A, B 등 개발구 입주기업``, and ``A가 입주한 개발구``;
- a company's project or plant settles there: ``A의 반도체 프로젝트가 개발구에 정착했다``,
  ``A의 배터리 공장이 신구에 들어선다`` — A is present in the place (guidelines: a factory
  or base is presence).

Plans are kept (``들어선다``, ``입주할 예정``): the modality step of ``kg_relations`` marks
them; what a sentence denies is dropped there.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation

_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·|∙)\s*")
# 에는 / 에 (the host), at most two words before the first member (현재 A, …)
_HOSTS = re.compile(r"(?:에는|에서는|내에는)\s(?:[^\s,.()]+\s){0,2}?")
# 입주해 있다 / 밀집해 있다 / 자리잡고 있다 / 둥지를 틀었다 / 들어서 있다 / 포진해 있다
_SETTLED = r"(?:입주|밀집|자리(?:\s?잡|해)|둥지|들어서|들어섰|들어선|들어설|포진|정착|안착|입점|落户|集聚|모여\s?있|집결)"
_HOSTED_TAIL = re.compile(r"\s?(?:등(?:\s?(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?)?)?(?:이|가|들이)\s(?:[^\s,.]+\s){0,2}?" + _SETTLED)
# the subject list before the place: "A와 B 등 20개 프로젝트가 ", "A, B 등이 "
_SUBJECT_TAIL = re.compile(r"\s?(?:등(?:\s?(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?)?)?(?:이|가|은|는|도|들이|들은)\s"
                           r"(?:[^\s,.()]+\s){0,2}?$")
_SETTLES_IN = re.compile(r"(?:에|으로|로)\s(?:[^\s,.]+\s){0,2}?" + _SETTLED)
# A의 반도체 프로젝트가 / A의 배터리 공장이 / A의 제2 생산기지는
_PROJECT = re.compile(r"의\s(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?(?:프로젝트|공장|생산기지|생산라인|연구센터|R&D\s?센터|연구개발센터|"
                      r"본부|지역본부|법인|기지|캠퍼스|단지)(?:이|가|은|는|도)\s")
_PROJECT_SETTLES = re.compile(r"(?:에|에서)\s(?:[^\s,.]+\s){0,2}?(?:" + _SETTLED[3:-1] + r"|착공|준공|건설|가동|설립|문을\s?열|"
                              r"落地|개소|둥지)")


def _group_after(text: str, ms: list[Mention], first: Mention) -> list[Mention]:
    group = [first]
    for m in ms:
        if m.start < end_of(text, group[-1]):
            continue
        if m.label not in AGENTS or not _JOIN.fullmatch(text[end_of(text, group[-1]):m.start]):
            break
        group.append(m)
    return group


def _group_before(text: str, ms: list[Mention], last: Mention) -> list[Mention]:
    group = [last]
    for m in reversed([m for m in ms if m.end <= last.start]):
        if m.label not in AGENTS or not _JOIN.fullmatch(text[end_of(text, m):group[0].start]):
            break
        group.insert(0, m)
    return group


def hosted_list(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``P에는 A, B 등 50여 개 기업이 입주해 있다``: each member is in P."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in PLACES:
            continue
        host = _HOSTS.match(text, end_of(text, p))
        if not host:
            continue
        first = next((m for m in ms[k + 1:] if m.start >= host.start()), None)
        if first is None or first.label not in AGENTS or not _HOSTS.fullmatch(text[host.start():first.start]):
            continue
        group = _group_after(text, ms, first)
        tail = _HOSTED_TAIL.match(text, end_of(text, group[-1]))
        if not tail or tail.end() > clause_of(text, unit, first.start)[1]:
            continue
        if any(m.label in AGENTS + PLACES and end_of(text, group[-1]) <= m.start < tail.end() for m in ms):
            continue
        out.extend(relation(m, "located_in", p, unit, "prose:hosted-list", 0.65) for m in group)
    return out


def settled_list(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A와 B 등 20개 프로젝트가 P에 입주했다``: each member is in P."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in ("City", "Park") or not _SETTLES_IN.match(text, end_of(text, p)):
            continue
        before = [m for m in ms[:k] if m.label in AGENTS + PLACES]
        if not before or before[-1].label not in AGENTS:
            continue
        last = before[-1]
        if not _SUBJECT_TAIL.fullmatch(text[end_of(text, last):p.start]):
            continue
        group = _group_before(text, ms, last)
        if len(group) < 2 and not re.match(r"\s?(?:은|는|이|가|도)\s", text[end_of(text, last):]):
            continue
        out.extend(relation(m, "located_in", p, unit, "prose:settled-list", 0.65) for m in group)
    return out


def project_settles(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A의 반도체 프로젝트가 P에 정착했다``, ``A의 배터리 공장이 P에 들어선다``: A is in P."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        project = _PROJECT.match(text, end_of(text, a))
        if not project:
            continue
        clause = clause_of(text, unit, a.start)
        p = next((m for m in ms[k + 1:] if m.start >= project.end()), None)
        if p is None or p.label not in PLACES or p.start >= clause[1] or p.start - project.end() > 12:
            continue
        if _PROJECT_SETTLES.match(text, end_of(text, p)):
            for m in _group_before(text, ms, a):
                out.append(relation(m, "located_in", p, unit, "prose:project-settles", 0.6))
    return out


# 에 입주한 기업으로는 / 에 소재한 주요 기업은
_LOCATED_NOUN = re.compile(r"에\s?(?:소재한|위치한|입주한|있는|자리한|자리\s?잡은|둥지를\s?튼)\s(?:[^\s,.()]+\s){0,3}?"
                           r"[^\s,.()]*?(?:기업|업체|회사|기관|프로젝트)(?:들)?(?:으로는|로는|은|는|에는|로|으로)\s"
                           r"(?:[^\s,.()]+\s){0,3}?")


def located_noun_list(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``P에 입주한 기업으로는 A, B, C 등이 있다``: each member is in the zone P."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label != "Park":
            continue  # cities: the list rules of kg_relations
        noun = _LOCATED_NOUN.match(text, end_of(text, p))
        first = next((m for m in ms[k + 1:] if m.start >= end_of(text, p)), None)
        if not noun or first is None or first.label not in AGENTS or \
                not _LOCATED_NOUN.fullmatch(text[end_of(text, p):first.start]):
            continue
        out.extend(relation(m, "located_in", p, unit, "prose:zone-member-list", 0.65)
                   for m in _group_after(text, ms, first))
    return out


_COMPANY_WORDS = r"(?:[^\s,.()]+\s){0,2}?[^\s,.()]*?(?:기업|업체|회사|스타트업|입주사)(?:들)?(?:인|으로는|로는)?\s"
# 개발구 내 (기업) A / 개발구 입주기업(인) A / 개발구의 대표 기업 A
_ZONE_PREFIX = re.compile(r"\s?(?:내|안|내의|안의)\s(?:" + _COMPANY_WORDS + r")?|\s입주\s?(?:기업|업체)(?:들)?(?:인|으로는|로는)?\s|"
                          r"의\s(?:" + _COMPANY_WORDS + r")?")
_LIST_INTO_ZONE = re.compile(r"\s?등(?:의)?\s")
_ZONE_MEMBER_NOUN = re.compile(r"\s(?:내\s|소재\s)?입주\s?(?:기업|업체)|\s(?:내|소재)\s(?:[^\s,.()]+\s)?(?:기업|업체)")
# A가 입주한 개발구 / A가 둥지를 튼 신구
_ENTERED = re.compile(r"(?:이|가)\s(?:입주한|입주해\s?있는|자리한|자리\s?잡은|둥지를\s?튼|들어선)\s$")


def zone_prefix(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``개발구 내 기업 A``, ``개발구 입주기업인 A``, ``개발구의 대표 기업 A``, ``A, B 등 개발구
    입주기업``, ``A가 입주한 개발구``: the company is in the zone."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label != "Park":
            continue
        nxt = next((m for m in ms[k + 1:] if m.start >= end_of(text, p)), None)
        if nxt is not None and nxt.label in AGENTS and _ZONE_PREFIX.fullmatch(text[end_of(text, p):nxt.start]):
            out.extend(relation(m, "located_in", p, unit, "prose:zone-prefix", 0.65)
                       for m in _group_after(text, ms, nxt))
        before = [m for m in ms[:k] if m.end <= p.start]
        if not before or before[-1].label not in AGENTS:
            continue
        gap = text[end_of(text, before[-1]):p.start]
        if _LIST_INTO_ZONE.fullmatch(gap) and _ZONE_MEMBER_NOUN.match(text, end_of(text, p)):
            out.extend(relation(m, "located_in", p, unit, "prose:zone-prefix", 0.6)
                       for m in _group_before(text, ms, before[-1]))
        elif _ENTERED.fullmatch(gap):
            out.extend(relation(m, "located_in", p, unit, "prose:zone-entered", 0.65)
                       for m in _group_before(text, ms, before[-1]))
    return out


def zone_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The located_in relations of these phrasings in one sentence."""
    return (hosted_list(text, unit, ms) + settled_list(text, unit, ms) + project_settles(text, unit, ms)
            + located_noun_list(text, unit, ms) + zone_prefix(text, unit, ms))


__all__ = ["hosted_list", "located_noun_list", "project_settles", "settled_list", "zone_phrase_relations",
           "zone_prefix"]
