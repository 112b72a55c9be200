"""Where a company is, from two phrasings of Korean news that the clause rule of
``kg_relations`` reads only in part:

- a location clause before a coordinated list: ``쑤저우에 소재한 A와 B는``, ``선전에 본사를
  둔 A, B 및 C가`` — every member of the list is there, not only the first (the clause rule
  of ``kg_relations`` finds the first). The list must be the subject of its sentence (it ends
  in 은/는/이/가/도 or 등), so that ``선전에 소재한 A와 협력`` reaches nobody else;
- a headquarters note in the parenthesis after a name: ``A(본사 청두)``, ``A(본사: 청두)``,
  ``A(청두 소재)``, ``A(청두에 본사)`` — A is in that place;
- a site named by its place: ``A는 … 중국 공장을 가동``, ``A의 시안 법인``, ``A 상하이
  연구센터`` — the owner (the name right before, with or without 의, else the clause's
  topic) is in that place (guidelines: a factory or base is presence);
- a base: ``항저우를 거점으로 하는 A``, ``A는 항저우에 둥지를 틀었다``;
- the headquarters as the subject: ``A의 본사는 항저우에 있다``, ``A 본사가 위치한 항저우``;
- a site opened in a place: ``A는 청두시에 연구소를 열었다`` (the owner: the name after the
  relative clause, else the clause's topic);
- a district written after its city: ``베이징 하이뎬구`` (guidelines: "City District").
"""
from __future__ import annotations

import re

from ..candidates import Mention
from ..names import script_of
from .clauses import clause_topic
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation

# 에 소재한 / 에 위치한 / 에 본사를 둔 / 에 자리한 / 에 입주한 / " 소재"
_CLAUSE = re.compile(r"(?:에\s?(?:소재한|위치한|본사를\s둔|본부를\s둔|자리한|자리잡은|자리 잡은|입주한)|\s소재(?:의)?)\s+")
# at most two words between the clause and the first member (바이오 기업 A)
_KIND_WORDS = re.compile(r"(?:[^\s,.()]+\s){0,2}")
_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·)\s*")
_SUBJECT_END = re.compile(r"\s?(?:(?:은|는|이|가|도)(?![가-힣])|등(?:이|은|는|도)?\s)")
# the parenthesis right after a name: (본사 청두 / (본사: 청두 / (본사는 청두
_HQ_OPEN = re.compile(r"\s?[(（]\s*(?:본사|본부|소재지|본사 소재지)\s*(?:[:：]|는|은)?\s*")
# (청두 소재) / (청두에 본사) / (청두에 위치)
_HQ_CLOSE = re.compile(r"\s*(?:소재|에\s?본사|에\s?위치|에\s?본부)\s*[),，;]")


def _past_parens(text: str, pos: int, limit: int = 120) -> int:
    """Past the parentheses right after ``pos``, nested ones too (A(甲(乙)有限公司))."""
    while True:
        k = pos + 1 if text[pos:pos + 2] in (" (", " （") else pos
        if text[k:k + 1] not in ("(", "（"):
            return pos
        depth, j = 0, k
        while j < min(len(text), k + limit):
            depth += text[j] in "(（"
            depth -= text[j] in ")）"
            j += 1
            if depth == 0:
                break
        if depth:
            return pos
        pos = j


def _describes(text: str, start: int, name: Mention) -> bool:
    """Does a relative clause ending at ``start`` describe ``name``: at most two plain words
    between (로봇 기업 A), none a demonstrative or marked by a particle (이 업체는 A)."""
    between = text[start:name.start]
    return len(between.split()) <= 2 and not re.search(
        r"(?:^|\s)(?:이|그|해당|동|이번|저)\s|(?:은|는|이|가|을|를|에|의)\s", " " + between)


def _members_after(text: str, ms: list[Mention], first: Mention) -> list[Mention]:
    """``first`` and the names joined to it by 와/과/및/, (A와 B, A, B 및 C)."""
    group = [first]
    for m in ms:
        if m.start < _past_parens(text, group[-1].end):
            continue  # the other names in a member's parenthesis
        if m.label not in AGENTS:
            break
        gap = text[_past_parens(text, group[-1].end):m.start]
        if not _JOIN.fullmatch(gap):
            break
        group.append(m)
    return group


def coordinated_site(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``P에 소재한 A와 B는``: every member after the first is in P (and in the places listed
    before P with commas, as the clause rule reads them)."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in PLACES:
            continue
        clause = _CLAUSE.match(text, end_of(text, p))
        if not clause:
            continue
        words = _KIND_WORDS.match(text, clause.end())
        first = next((m for m in ms[k + 1:] if m.start >= clause.end()), None)
        if first is None or first.label not in AGENTS or first.start > words.end() \
                or not _describes(text, clause.end(), first):
            continue
        group = _members_after(text, ms, first)
        if len(group) < 2 or not _SUBJECT_END.match(text, _past_parens(text, group[-1].end)):
            continue
        for m in group:  # the first too: the clause rule misses some verbs (자리잡은)
            out.append(relation(m, "located_in", p, unit, "prose:location-clause-members", 0.7))
    return out


def headquarters_note(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A(본사 청두)``, ``A(청두 소재)``: A is in the place the parenthesis names."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        head = _HQ_OPEN.match(text, a.end)
        nxt = next((m for m in ms[k + 1:] if m.start >= a.end), None)
        if nxt is None or nxt.label not in PLACES:
            continue
        if head and nxt.start == head.end():
            out.append(relation(a, "located_in", nxt, unit, "paren:headquarters", 0.75))
            continue
        opening = re.match(r"\s?[(（]\s*", text[a.end:nxt.start])
        if opening and opening.end() == nxt.start - a.end and _HQ_CLOSE.match(text, nxt.end):
            out.append(relation(a, "located_in", nxt, unit, "paren:headquarters", 0.75))
        elif opening and opening.end() == nxt.start - a.end and re.match(r"\s*[)）]", text[nxt.end:]) \
                and nxt.alias_of is None and script_of(nxt.text) == "ko":
            out.append(relation(a, "located_in", nxt, unit, "paren:place-note", 0.7))  # A(중국), A(선전)
    return out


# 공장을 / 법인이 / 생산기지에서 / 연구센터를: a site of the owner, named by its place
_SITE = re.compile(r"\s(?:생산\s?)?(?:공장|본사|생산기지|생산라인|현지\s?법인|법인|지사|사무소|연구소|연구센터|R&D\s?센터|"
                   r"연구개발센터|개발센터|데이터센터)(?:을|를|이|가|은|는|의|에|에서|과|와|도|\s)")


def named_site(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A의 시안 공장``, ``A 상하이 연구센터``, ``A는 … 중국 공장을 가동``: A is in the place."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in PLACES or not _SITE.match(text, end_of(text, p)):
            continue
        before = ms[k - 1] if k > 0 else None
        if before is not None and before.label in AGENTS and text[end_of(text, before):p.start] in (" ", "의 "):
            owner = before
        elif before is not None and before.label in PLACES and text[end_of(text, before):p.start] in (" ", "의 "):
            continue  # 광둥성 선전 공장: the owner is further away; leave it to the clause rules
        else:
            owner = clause_topic(text, unit, ms, p.start)
            if owner is not None and any(m.label in AGENTS and owner.end <= m.start < p.start for m in ms):
                continue  # A는 B와 함께 항저우 공장을: whose site is unclear
        if owner is not None:
            out.append(relation(owner, "located_in", p, unit, "prose:named-site", 0.65))
    return out


# 를 거점으로 하는 / 을 기반으로 삼은 / 에 둥지를 튼 / 에 거점을 두고
_BASE = re.compile(r"(?:을|를)\s?(?:거점|근거지|본거지|본거지|주\s?무대)으로\s?(?:하는|삼은|한|하고|삼고|하며)\s|"
                   r"에\s?(?:둥지를|거점을|터전을|뿌리를)\s?(?:튼|틀고|틀었|둔|두고|두었|마련한|마련했|잡은|잡았)")
_HQ_SUBJECT = re.compile(r"(?:의\s?|\s)본사(?:는|가)\s(?:(?:있는|위치한|소재한|자리한)\s)?")
_HQ_PREDICATE = re.compile(r"(?:에\s?(?:있|위치|소재|자리)|\s소재)")


def base_phrase(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``항저우를 거점으로 하는 A``, ``A는 항저우에 둥지를 틀었다``: A is in the place."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in PLACES:
            continue
        base = _BASE.match(text, end_of(text, p))
        if not base:
            continue
        words = _KIND_WORDS.match(text, base.end())
        after = next((m for m in ms[k + 1:] if m.start >= base.end()), None)
        if base.group().endswith(" ") and after is not None and after.label in AGENTS and after.start <= words.end() \
                and _describes(text, base.end(), after):
            owner = after  # the relative clause describes the name after it
        else:
            owner = clause_topic(text, unit, ms, p.start)
            if owner is not None and any(m.label in AGENTS and owner.end <= m.start < p.start for m in ms):
                continue
        if owner is not None:
            out.append(relation(owner, "located_in", p, unit, "prose:base", 0.7))
    return out


def headquarters_subject(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A의 본사는 항저우에 있다``, ``A 본사가 위치한 항저우``: A is in the place."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        hq = _HQ_SUBJECT.match(text, end_of(text, a))
        p = next((m for m in ms[k + 1:] if m.start >= a.end), None)
        if not hq or p is None or p.label not in PLACES or p.start != hq.end():
            continue
        if hq.group(0).rstrip().endswith(("있는", "위치한", "소재한", "자리한")) or _HQ_PREDICATE.match(text, end_of(text, p)):
            out.append(relation(a, "located_in", p, unit, "prose:headquarters-subject", 0.75))
    return out


# 에 연구소를 열었다 / 에서 공장을 가동 / 에 R&D센터를 개설한
_SITE_OPENED = re.compile(r"(?:에|에서)\s(?:[^\s,.]+\s)?(?:신규\s|첫\s|새\s)?(?:생산\s?)?(?:공장|생산기지|생산라인|현지\s?법인|법인|"
                          r"지사|사무소|연구소|연구센터|R&D\s?센터|연구개발센터|개발센터|데이터센터|본사|지역본부)(?:을|를|이|가)\s"
                          r"(?:[^\s,.]+\s)?(?:설립|세우|세운|세웠|열었|연(?=\s)|열고|개설|건설|가동|운영|두고|둔(?=\s)|마련|짓|지었|지은|착공|준공|"
                          r"개소|오픈|이전)")
_DISTRICT = re.compile(r"(?:구|区)$")


def site_opened(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 청두시에 연구소를 열었다``, ``청두에 공장을 세운 A``: A is in the place."""
    out: list[RelationCandidate] = []
    for k, p in enumerate(ms):
        if p.label not in PLACES:
            continue
        site = _SITE_OPENED.match(text, end_of(text, p))
        if not site:
            continue
        verb_end = re.compile(r"\S*").match(text, site.end()).end()  # the whole verb: 세운, 열었다, 연
        verb = (site.group().split() or [""])[-1] + text[site.end():verb_end]
        after = next((m for m in ms[k + 1:] if m.start >= verb_end), None)
        if verb.endswith(("한", "운", "은", "연", "둔", "진")) and after is not None and after.label in AGENTS and \
                _describes(text, verb_end, after):
            owner = after
        else:
            owner = clause_topic(text, unit, ms, p.start)
            if owner is not None and any(m.label in AGENTS and owner.end <= m.start < p.start for m in ms):
                continue
        if owner is not None:
            out.append(relation(owner, "located_in", p, unit, "prose:site-opened", 0.7))
    return out


def district_of_city(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``베이징 하이뎬구``: the district is in the city written right before it."""
    out: list[RelationCandidate] = []
    for a, b in zip(ms, ms[1:]):
        if a.label == "City" and b.label == "City" and text[a.end:b.start] == " " \
                and _DISTRICT.search(b.text) and not _DISTRICT.search(a.text):
            out.append(relation(b, "located_in", a, unit, "prefix:city-district", 0.7))
    return out


def place_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The located_in relations of these phrasings in one sentence."""
    return (coordinated_site(text, unit, ms) + headquarters_note(text, unit, ms) + named_site(text, unit, ms)
            + base_phrase(text, unit, ms) + headquarters_subject(text, unit, ms) + site_opened(text, unit, ms)
            + district_of_city(text, unit, ms))


__all__ = ["base_phrase", "coordinated_site", "district_of_city", "headquarters_note", "headquarters_subject",
           "named_site", "place_phrase_relations", "site_opened"]
