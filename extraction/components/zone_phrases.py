"""Which companies a zone or city holds, from five phrasings of Korean news about
development zones that the clause rules of ``kg_relations`` read only for one name or
only for cities:

- the place hosts a list: ``둥후개발구에는 A, B 등 50여 개 기업이 입주해 있다``,
  ``량장신구에는 A와 B가 자리잡고 있다`` — every member is there;
- a list settles in the place: ``A와 B 등 20개 프로젝트가 량장신구에 입주했다``,
  ``A, B, C 등이 개발구에 잇따라 둥지를 틀었다`` — every member, not only the last;
- a zone's members named after a located noun: ``개발구에 입주한 기업으로는 A, B, C 등이
  있다``;
- the zone written before a company: ``개발구 내 기업 A``, ``개발구 입주기업인 A``,
  ``개발구의 대표 기업 A``, ``A, B 등 개발구 입주기업``, and ``A가 입주한 개발구``;
- the zone the text is about, named by a noun (개발구, 이곳 …): ``개발구 내에는 A, B 등
  … 입주``, ``개발구는 A의 프로젝트를 유치``, ``A는 개발구에 본사를 이전``;
- where the topic is: ``X 개발구는 톈진시 동부에 있는 국가급 개발구다``;
- a site built after the place: ``충칭에서 A는 스마트카 공장을 착공했다``;
- a company's project or plant settles there: ``A의 반도체 프로젝트가 개발구에 정착했다``,
  ``A의 배터리 공장이 신구에 들어선다`` — A is present in the place (guidelines: a factory
  or base is presence).

Plans are kept (``들어선다``, ``입주할 예정``): the modality step of ``kg_relations`` marks
them; what a sentence denies is dropped there.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..candidates import Mention
from .clauses import clause_of, clause_topic
from .relation_candidate import AGENTS, agents_after, agents_before, PLACES, RelationCandidate, end_of, relation

_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·|∙)\s*")
# 에는 / 에 (the host), at most two words before the first member (현재 A, …)
_HOSTS = re.compile(r"(?:에는|에서는|내에는)\s(?:[^\s,.()]+\s){0,2}?")
# 입주해 있다 / 밀집해 있다 / 자리잡고 있다 / 둥지를 틀었다 / 들어서 있다 / 포진해 있다
_SETTLED = r"(?:입주|밀집|자리(?:\s?잡|해)|둥지|들어서|들어섰|들어선|들어설|포진|정착|안착|입점|落户|集聚|모여\s?있|집결)"
# 연구개발센터를 두고 있다 / 공장을 세웠다: a site held there
_SITE_HELD = (r"(?:본사|공장|생산기지|연구개발센터|연구센터|R&D\s?센터|지사|법인|지역본부)(?:을|를)\s"
              r"(?:두|둔|설립|세우|세웠|세운|열었|개설|건설|짓|지었|운영)")
_HOSTED_TAIL = re.compile(r"\s?(?:등(?:\s?(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?)?)?(?:이|가|들이)\s(?:[^\s,.]+\s){0,2}?"
                          r"(?:" + _SETTLED + "|" + _SITE_HELD + ")")
# the subject list before the place: "A와 B 등 20개 프로젝트가 ", "A, B 등이 "
_SUBJECT_TAIL = re.compile(r"\s?(?:등(?:\s?(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?)?)?(?:이|가|은|는|도|들이|들은)\s"
                           r"(?:[^\s,.()]+\s){0,2}?$")
_SETTLES_IN = re.compile(r"(?:에|으로|로)\s(?:[^\s,.]+\s){0,2}?" + _SETTLED)
# A의 반도체 프로젝트가 / A의 배터리 공장이 / A의 제2 생산기지는
_PROJECT = re.compile(r"의\s(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?(?:프로젝트|공장|생산기지|생산라인|연구센터|R&D\s?센터|연구개발센터|"
                      r"본부|지역본부|법인|기지|캠퍼스|단지)(?:이|가|은|는|도)\s")
_PROJECT_SETTLES = re.compile(r"(?:에|에서)\s(?:[^\s,.]+\s){0,2}?(?:" + _SETTLED[3:-1] + r"|착공|준공|건설|가동|설립|문을\s?열|"
                              r"落地|개소|둥지)")


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
        group = agents_after(text, ms, first, _JOIN)
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
        group = agents_before(text, ms, last, _JOIN)
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
            for m in agents_before(text, ms, a, _JOIN):
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
                   for m in agents_after(text, ms, first, _JOIN))
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
                       for m in agents_after(text, ms, nxt, _JOIN))
        before = [m for m in ms[:k] if m.end <= p.start]
        if not before or before[-1].label not in AGENTS:
            continue
        gap = text[end_of(text, before[-1]):p.start]
        if _LIST_INTO_ZONE.fullmatch(gap) and _ZONE_MEMBER_NOUN.match(text, end_of(text, p)):
            out.extend(relation(m, "located_in", p, unit, "prose:zone-prefix", 0.6)
                       for m in agents_before(text, ms, before[-1], _JOIN))
        elif _ENTERED.fullmatch(gap):
            out.extend(relation(m, "located_in", p, unit, "prose:zone-entered", 0.65)
                       for m in agents_before(text, ms, before[-1], _JOIN))
    return out


# the zone the text is about, referred to by a noun: 개발구, 고신구, 이곳, 단지 …
_REFERENCE = (r"(?:(?:이|그|해당|동|본)\s?)?(?:개발구|고신구|신구|경개구|경제개발구|산업단지|산업원|공업원구|공업단지|단지|시범구|"
              r"특구|원구|과학성|과학시티|사이언스시티|이곳|이\s곳)")
_ATTRACTED = re.compile(r"\s?(?:등)?(?:의\s(?:[^\s,.()]+\s){0,2}?[^\s,.()]*?(?:프로젝트|공장|본사|기지|센터|사업)|"
                        r"\s등\s(?:[^\s,.()]+\s){0,2}?[^\s,.()]*?(?:기업|업체|프로젝트))?(?:을|를)\s(?:\S+\s)?(?:유치|誘致)")
# 에 50억 위안을 투자해
_INTO_ZONE = re.compile(r"(?:에|에다)\s(?:(?:총|약|모두)\s)?(?:[\d.,]+\s?(?:조|억|천만|만)?\s?(?:[\d.,]+\s?(?:억|천만|만))?\s?"
                        r"(?:위안|달러|원|유로)(?:을|를|가량을|이상을|규모를)?\s)?(?:추가\s?)?(?:투자|투입|들여)")
_NOT_DONE = re.compile(r"검토|관심|협상|논의|타진|의향|가능성|추진\s?중|고려|무산|철회")


# the subject's particle after a name or a list (A는 / A, B 등 10여 개 기업이), words before the zone
_SUBJECT_OF = (r"(?:(?:\s?[,，]\s?[^\s,.]+){0,3}\s?등\s?(?:[^\s,.()]+\s){0,3}?[^\s,.()]*?)?(?:은|는|이|가|도|들이)\s"
               r"(?:[^\s,.]+\s){0,2}?")


def _short_names(zone: Mention) -> list[str]:
    """The shorter names a zone goes by in the same text: its name without the leading
    place words (우한 광구 → 광구, 톈진 빈하이 고신구 → 빈하이 고신구, 고신구)."""
    words = zone.text.split()
    return [" ".join(words[i:]) for i in range(1, len(words)) if len(" ".join(words[i:])) >= 2]


@lru_cache(maxsize=64)
def _reference_patterns(short: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    ref = _REFERENCE if not short else \
        r"(?:" + "|".join(re.escape(n) for n in sorted(short, key=len, reverse=True)) + "|" + _REFERENCE + ")"
    hosts = re.compile(r"(?:^|(?<=\s))(?:현재\s|지금\s|올해\s)?" + ref +
                       r"(?:\s?(?:내|안))?(?:에는|에서는|에)\s(?:[^\s,.()]+\s){0,2}?$")
    holds = re.compile(r"(?:^|(?<=\s))" + ref + r"(?:은|는|가|도)\s")
    into = re.compile(_SUBJECT_OF + ref +
                      r"(?:\s?(?:내|안))?(?:에|으로|로)\s(?:[^\s,.]+\s){0,1}?(?:" + _SITE_HELD + "|" + _SETTLED + ")")
    invests = re.compile(_SUBJECT_OF + ref + r"(?=(?:에|에다)\s)")
    return hosts, holds, into, invests


# X는 톈진시 동부에 있는 국가급 개발구다 / X는 장쑤성 쑤저우시에 있다
_PART = r"(?:\s?(?:동|서|남|북|동북|동남|서북|서남|중)(?:부|쪽)|\s?(?:중심|도심|외곽|교외|시내))?"
_IS_IN = re.compile(_PART + r"에\s(?:있다|있으며|있고|위치한다|위치하며|위치해\s있다|있는\s(?:[^\s,.()]+\s){0,3}?[^\s,.()]+"
                    r"(?:이다|다|로|으로|이며))")


def zone_reference(text: str, unit: tuple[int, int], ms: list[Mention], zone: Mention | None) -> list[RelationCandidate]:
    """Sentences about the zone the text is about, named by a noun or by its short name (우한
    광구 → 광구): ``개발구 내에는 A, B 등 … 입주``, ``개발구는 A의 배터리 프로젝트를 유치``,
    ``A는 개발구에 본사를 이전``, ``A는 광구에 50억 위안을 투자`` (an investment in the zone)."""
    if zone is None or zone.label != "Park":
        return []
    hosts, holds_at, into, invests = _reference_patterns(tuple(_short_names(zone)))
    s, e = unit
    out: list[RelationCandidate] = []
    agents = [m for m in ms if m.label in AGENTS]
    if any(m.label == "Park" for m in ms):
        return []  # a zone named in the sentence: the rules above read it
    for k, a in enumerate(agents):
        before = agents[k - 1] if k else None
        start = end_of(text, before) if before is not None else s
        if k == 0 or not _JOIN.fullmatch(text[start:a.start]):
            host = hosts.search(text[start:a.start])
            if host:  # 개발구 내에는 A, B 등 … 입주해 있다
                group = agents_after(text, ms, a, _JOIN)
                tail = _HOSTED_TAIL.match(text, end_of(text, group[-1]))
                if tail and tail.end() <= clause_of(text, unit, a.start)[1]:
                    out.extend(relation(m, "located_in", zone, unit, "prose:zone-reference", 0.6) for m in group)
        if into.match(text, end_of(text, a)):  # A는 개발구에 본사를 이전
            out.extend(relation(m, "located_in", zone, unit, "prose:zone-reference", 0.6)
                       for m in agents_before(text, ms, a, _JOIN))
        inv = invests.match(text, end_of(text, a))
        money = _INTO_ZONE.match(text, inv.end()) if inv else None
        if money and not _NOT_DONE.search(text, money.end(), min(e, money.end() + 16)):  # A는 광구에 50억 위안을 투자
            out.extend(relation(m, "invests_in", zone, unit, "prose:zone-reference-investment", 0.6)
                       for m in agents_before(text, ms, a, _JOIN))
    holds = holds_at.match(text, s) or holds_at.match(text, s + len(text[s:e]) - len(text[s:e].lstrip()))
    if holds:  # 개발구는 올해 A, B 등을 유치했다
        first = next((m for m in agents if m.start >= holds.end()), None)
        if first is not None:
            group = agents_after(text, ms, first, _JOIN)
            if _ATTRACTED.match(text, end_of(text, group[-1])):
                out.extend(relation(m, "located_in", zone, unit, "prose:zone-reference", 0.6) for m in group)
    return out


def zone_is_in(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X 개발구는 톈진시 동부에 있는 국가급 개발구다``: the topic zone or company is there."""
    out: list[RelationCandidate] = []
    for p in ms:
        is_in = _IS_IN.match(text, end_of(text, p)) if p.label in PLACES else None
        if not is_in or any(m.label in AGENTS + ("Park",) and p.end <= m.start < is_in.end() for m in ms):
            continue  # A는 톈진시에 있는 B와 협력: B is there
        owner = clause_topic(text, unit, [m for m in ms if m.label in AGENTS + ("Park",)], p.start) or next(
            (m for m in ms if m.label == "Park" and m.end <= p.start and
             re.match(r"\s?(?:은|는|이|가)\s", text[end_of(text, m):])), None)
        if owner is None or owner is p or any(m.label in AGENTS + ("Park",) and owner.end <= m.start < p.start
                                              for m in ms):
            continue
        out.append(relation(owner, "located_in", p, unit, "prose:is-in", 0.65))
    return out


# 충칭에서 A는 스마트카 공장을 착공했다: the place first, then the owner, then its site
_PLACE_FIRST = re.compile(r"(?:에서|에)\s(?:(?:현재|올해|최근|지난해|이미)\s)?$")
_SITE_BUILT = re.compile(r"\s?(?:은|는|이|가|도)\s(?:[^\s,.]+\s){0,3}?(?:공장|생산기지|생산라인|연구개발센터|연구센터|R&D\s?센터|"
                         r"데이터센터|본사|지사|법인|지역본부)(?:을|를)\s(?:\S+\s)?(?:착공|가동|건설|세웠|세우|설립|운영|짓|지었|열었|개설|준공)")


def site_after_place(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``충칭 양장신구에서 A는 스마트카 공장을 착공했다``: A is in the place (a site is presence)."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms[:-1]):
        a = ms[k + 1]
        if p.label not in PLACES or a.label not in AGENTS or not _PLACE_FIRST.fullmatch(text[end_of(text, p):a.start]):
            continue
        built = _SITE_BUILT.match(text, end_of(text, a))
        if built and built.end() <= clause_of(text, unit, a.start)[1] and \
                not any(m.label in AGENTS + PLACES and a.end <= m.start < built.end() for m in ms):
            out.append(relation(a, "located_in", p, unit, "prose:site-after-place", 0.65))
    return out


def zone_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The located_in relations of these phrasings in one sentence."""
    return (hosted_list(text, unit, ms) + settled_list(text, unit, ms) + project_settles(text, unit, ms)
            + located_noun_list(text, unit, ms) + zone_prefix(text, unit, ms) + zone_is_in(text, unit, ms)
            + site_after_place(text, unit, ms))


__all__ = ["hosted_list", "located_noun_list", "project_settles", "settled_list", "site_after_place", "zone_is_in",
           "zone_phrase_relations", "zone_prefix", "zone_reference"]
