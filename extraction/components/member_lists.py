"""Places listed as the members of a larger place: each member is located in it.

Reports list the cities of a region, a province or a country in a few fixed shapes:

- a parenthesis after the region that holds only places: ``장강삼각주(상하이, 난징, 항저우)``,
  ``환발해 지역(베이징, 톈진)``; after a city, a parenthesis of its districts:
  ``청두(우허우구, 진뉴구)``;
- a list of cities right after a province that ends in a count of cities or a city noun:
  ``광둥성은 광저우·선전·주하이 3개 도시의 …``, ``허난성의 정저우, 뤄양 등 도시``;
- a ranking or enumeration headed by "the cities of P": ``중국의 상위 10개 도시는 선전(325개),
  베이징(321개), 상하이(180개) 순이다``, ``장쑤성의 주요 도시로는 난징, 쑤저우 …``.

The list is read only when every member is a place (a company among them stops it), and
only a member of lower rank than the head is placed in it (a city in a region; a district in
a city). These shapes are also what ``apposition`` must not read as other names of the head.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import RelationCandidate, relation

_JOIN = re.compile(r"\s*(?:,|，|、|·|∙|및|와|과)\s*")
# a member's own parenthesis: a count (325 개), a share, or its Chinese name (深圳)
_MEMBER_PAREN = re.compile(r"\s?[(（][^()（）\n]{0,24}[)）]")
# 광둥성은 / 중국의 / 허난성 내 : the head before its list
_HEAD_LINK = re.compile(r"(?:은|는|의|에서는|에는)?\s|\s내\s")
# … 3개 도시 / 등 도시 / 등 3곳 : the list is a list of cities
_CITY_TAIL = re.compile(r"\s*(?:등\s*)?(?:총\s*)?(?:\d+\s?(?:개|곳)\s?)?(?:핵심\s|주요\s|중심\s)?(?:도시|지역|시(?![가-힣]))")
# 중국의 상위 10개 도시는 / 장쑤성의 주요 도시로는 / 허난성의 도시: : a list of the head's cities follows
_CITIES_OF = re.compile(r"의\s(?:[^\s,.()]+\s){0,4}?[^\s,.()]*도시(?:들)?(?:은|는|로는|으로는|에는|[:：])\s*")


def _rank(m: Mention) -> int:
    """0 a region or country, 1 a city, 2 a district."""
    if m.label == "Region":
        return 0
    return 2 if re.search(r"(?:구|区|현|县)$", m.text) else 1


def _run(text: str, ms: list[Mention], k: int, stop: int | None = None) -> tuple[list[Mention], int]:
    """The places from ``ms[k]`` on joined by commas, middle dots, 및, 와/과 (each may carry
    its own parenthesis), and where the run ends."""
    group = [ms[k]]
    end = ms[k].end
    p = _MEMBER_PAREN.match(text, end)
    if p:
        end = p.end()
    for m in ms[k + 1:]:
        if m.start < end:
            continue  # a name inside a member's parenthesis
        if stop is not None and m.start >= stop:
            break
        if not _JOIN.fullmatch(text, end, m.start) or m.label not in ("City", "Region"):
            break
        group.append(m)
        end = m.end
        p = _MEMBER_PAREN.match(text, end)
        if p:
            end = p.end()
    return group, end


def _members_in(head: Mention, members: list[Mention], unit: tuple[int, int], rule: str) -> list[RelationCandidate]:
    if len(members) < 2 or any(m.label not in ("City", "Region") for m in members):
        return []
    return [relation(m, "located_in", head, unit, rule, 0.65) for m in members if _rank(m) > _rank(head)]


_OPEN = re.compile(r"\s?(?:지역|권|일대|지구)?\s?[(（]\s*")
_PART = re.compile(r"[^,，、()（）]+")


def parenthesis_members(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``장강삼각주(상하이, 난징, 항저우)``, ``청위 지역(청두, 충칭)``: every place of the
    parenthesis is in the head. Each comma-separated part must be a place, or a single short
    word that no rule named (a member the analyser took for a common word); a part naming
    anything else is no member list."""
    out: list[RelationCandidate] = []
    for k, head in enumerate(ms[:-1]):
        if head.label not in ("Region", "City"):
            continue
        opening = _OPEN.match(text, head.end)
        if not opening:
            continue
        close = text.find(")" if "(" in opening.group() else "）", opening.end())
        if close < 0 or close - opening.end() > 160:
            continue
        inside = [m for m in ms[k + 1:] if opening.end() <= m.start and m.end <= close]
        if not inside or inside[0].start != opening.end():
            continue
        members = []
        for part in _PART.finditer(text, opening.end(), close):
            a, b = part.start(), part.end()
            word = part.group().strip()
            named = [m for m in inside if a <= m.start < b]
            if named:
                first = named[0]
                if first.label not in ("City", "Region") or not re.fullmatch(r"(?:등|외)?", text[first.end:b].strip()):
                    members = []
                    break
                members.append(first)
            elif not re.fullmatch(r"(?:등\s*)?[가-힣]{1,5}", word):
                members = []
                break
        out.extend(_members_in(head, members, unit, "paren:member-places"))
    return out


def headed_city_lists(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``광둥성은 광저우·선전·주하이 3개 도시``, ``중국의 상위 10개 도시는 선전(325개), 베이징
    (321개) …``: the listed cities are in the head."""
    out: list[RelationCandidate] = []
    for k, head in enumerate(ms[:-1]):
        if head.label not in ("Region", "City"):
            continue
        nxt = ms[k + 1]
        if nxt.label not in ("City", "Region"):
            continue
        cities_of = _CITIES_OF.match(text, head.end)
        if cities_of and nxt.start == cities_of.end():
            members, _ = _run(text, ms, k + 1)
            out.extend(_members_in(head, members, unit, "prose:cities-of"))
            continue
        link = _HEAD_LINK.match(text, head.end)
        if link and nxt.start == link.end():
            members, end = _run(text, ms, k + 1)
            if _CITY_TAIL.match(text, end):
                out.extend(_members_in(head, members, unit, "prose:city-list"))
    return out


def member_list_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The located_in relations of member lists in one sentence."""
    return parenthesis_members(text, unit, ms) + headed_city_lists(text, unit, ms)


__all__ = ["headed_city_lists", "member_list_relations", "parenthesis_members"]
