"""Funding rounds and ownership as news prose states them (invests_in, and partners_with
between the co-owners of a named joint venture).

- investors coordinated before one investment noun: ``A와 B의 투자를 받았다``, ``A, B 등의
  투자를 유치`` — every member invests, not only the one next to 의;
- founding a named company: ``X는 A와 (함께|공동으로) 합작사 Y를 설립``, ``X는 A와 Y를
  설립했다``, ``합작사를 A와 공동으로 'Y'를 설립키로`` — each founder invests in Y, and the
  founders partner (co-owners of a named joint venture);
- a subsidiary or joint venture named after its noun: ``X는 … 중국 내 자회사 Y``, ``X가
  설립한 (연구소) Y``, ``X 산하 Y``;
- an investor list: ``투자자 명단에는 A, B``.

Interest, talks and plans under consideration are not investments (``투자를 검토``,
``인수 협상``, ``관심``): such sentences give nothing here. Every rule stays inside the
clause that states it (see ``clauses``).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of, clause_topic
from .relation_candidate import AGENTS, RelationCandidate, end_of, relation

_COORD = re.compile(r"\s*(?:,|와|과|및|·|∙|、)\s*")
# what an investor gives: A와 B의 투자를 받았다 / A, B 등의 투자를 유치
_GIVES = re.compile(r"\s*(?:등)?\s*(?:의|으로부터|로부터)\s*(?:\S+\s){0,2}?(?:투자|출자|자금|자본)\S*\s*(?:\S+\s){0,3}?"
                    r"(?:받|유치|확보|조달)")
_NOT_DONE = re.compile(r"검토|관심|협상|논의|타진|저울질|물색|가능성|의향|희망|추진\s*중|고려")
_FOUND_VERB = re.compile(r"['’\"”」』]?\s*(?:을|를)\s*(?:\S+\s){0,2}?(?:공동\s?)?(?:설립|세우|세웠|세운|출범|발족|만들|만든|설립키로)")
_JV_NOUN = r"(?:합작사|합작회사|합작법인|합작기업|조인트벤처|JV|자회사|손자회사|계열사|현지법인|신설법인|법인)"
_NOUN_BEFORE = re.compile(_JV_NOUN + r"\s*['‘\"“「『]?$")
_FOUNDER = re.compile(r"['’\"”」』]?(?:와|과)\s*(?:함께|공동으로|손잡고|합작해|합작으로|공동\s?출자해|공동\s?투자해)?\s")
# "X가 (…) 설립한 (연구소) Y": the founder of a named thing
_FOUNDED_BY = re.compile(r"(?:이|가)\s+(?:[^\s,.]+\s){0,3}?(?:설립한|세운|출자한|만든)\s+(?:[^\s,.]+\s)?$")
_ROUND_WORD = re.compile(r"시리즈|라운드|펀딩|투자|자금\s?조달|엔젤|시드|IPO")
_LEADER = re.compile(r"\s?(?:이|가)\s+(?:공동\s?)?(?:주도|리드)(?:한|하고|했|해|하는)")
_JOINER = re.compile(r"\s?(?:등)?\s?(?:이|가|도)\s+(?:[^\s,.]+\s){0,1}?(?:참여|참가|가세|동참|공동\s?투자)(?:한|했|하|해)")
_STAKE = re.compile(r"(?:(?:에|의)\s?|\s)(?:[^\s.]+\s){0,8}?(?:지분|주식)\s?(?:\d+(?:\.\d+)?\s?%\s?)?(?:을|를)\s?"
                    r"(?:\S+\s)?(?:획득|인수|확보|취득|매입|사들|넘겨받)")
_LIST_SUBJECT = re.compile(r"\s*(?:등\s*(?:[^\s,.]+\s){0,2}?[^\s,.]*)?(?:이|가|은|는)\s")
_INVESTED_IN = re.compile(r"에\s*(?:[^\s,.]+\s){0,2}?(?:공동\s?)?(?:투자|출자)(?:했|하였|한다|해|하며|하고|를 단행)")
_OWNING_RULES = frozenset({"prose:stake", "prose:founded-named", "prose:subsidiary-named", "prose:founder-of-named",
                           "prose:subsidiary", "prose:founded-by"})
_QUOTED_FOUNDED = re.compile(r"['‘\"“]([^'‘’\"“”\n]{2,30})['’\"”]\s?(?:을|를)\s*(?:\S+\s){0,1}?(?:공동\s?)?"
                             r"(?:설립|세우|세웠|출범시|발족)")
_NOT_A_COMPANY = re.compile(r"(?:센터|연구소|연구원|재단|협회|연맹|위원회|펀드|기금|계획|프로젝트|플랫폼|시스템|사업|공장|"
                            r"기지|단지|캠퍼스|실험실|랩|학교|대학|병원)$")
_LISTED = re.compile(r"(?:투자자|투자사|투자기관|주주)\s*(?:명단|목록|리스트)(?:에는|으로는|엔|에)\s")


def _group_before(text: str, actors: list[Mention], last: Mention) -> list[Mention]:
    """``last`` and the actors coordinated before it (A, B와 C)."""
    k = actors.index(last)
    group = [last]
    for a in reversed(actors[:k]):
        if _COORD.fullmatch(text[end_of(text, a):group[0].start]):
            group.insert(0, a)
        else:
            break
    return group


def _group_after(text: str, actors: list[Mention], first: Mention) -> list[Mention]:
    k = actors.index(first)
    group = [first]
    for a in actors[k + 1:]:
        if _COORD.fullmatch(text[end_of(text, group[-1]):a.start]):
            group.append(a)
        else:
            break
    return group


def round_roles(text: str, actors: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The leaders (``A가 주도하고``, ``A와 B가 공동 주도한``) and the joiners (``C, D 등이
    참여한``) of a round among ``actors``, each with the actors coordinated before it."""
    leaders: list[Mention] = []
    joiners: list[Mention] = []
    for a in actors:
        after = end_of(text, a)
        if _LEADER.match(text, after):
            leaders.extend(g for g in _group_before(text, actors, a) if g not in leaders)
        elif _JOINER.match(text, after):
            joiners.extend(g for g in _group_before(text, actors, a) if g not in joiners)
    return leaders, joiners


def _round(text: str, unit: tuple[int, int], actors: list[Mention],
           topic: Mention | None) -> list[RelationCandidate]:
    """``X는 A가 주도한 시리즈 B에 C, D, E가 참여했다고 밝혔다``, ``X가 유치한 투자에는 A, B가
    참여``: the leaders and the participants of a round invest in the company that raises
    it — the topic (은/는) of the sentence, else the company the text is about."""
    s, e = unit
    if not _ROUND_WORD.search(text, s, e):
        return []
    leaders, joiners = round_roles(text, actors)
    if not joiners and not leaders:
        return []
    investors = leaders + [j for j in joiners if j not in leaders]
    first = min(m.start for m in investors)
    target = next((a for a in actors if a not in investors and a.start < first and
                   re.match(r"\s?(?:은|는)\s", text[end_of(text, a):end_of(text, a) + 3])), None)
    if target is None and topic is not None and topic.label in AGENTS and topic not in investors and \
            not any(a.start < first and a not in investors for a in actors):
        target = topic
    if target is None:
        return []
    return [relation(m, "invests_in", target, unit, "prose:round-participants", 0.65)
            for m in investors if (m.start, m.end) != (target.start, target.end)]


def drop_owner_partners(rels: list[RelationCandidate]) -> list[RelationCandidate]:
    """An owner and the company it founded or owns, stated in one sentence, are owner and
    owned, not partners (the co-owners of a joint venture are)."""
    owned = {(r.evidence, frozenset((r.subject, r.object))) for r in rels
             if r.predicate == "invests_in" and r.rule in _OWNING_RULES}
    return [r for r in rels if r.predicate != "partners_with" or
            (r.evidence, frozenset((r.subject, r.object))) not in owned]


def founded_names(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[Mention]:
    """Companies named only in quotes as what is founded: ``합작사를 A와 공동으로 '밍신
    오토'를 설립키로 했다`` (no head word says it is a company; the founding does)."""
    out = []
    for q in _QUOTED_FOUNDED.finditer(text, unit[0], unit[1]):
        a, b = q.span(1)
        paren = re.search(r"\s?[(（][^()（）]*[)）]$", q.group(1))  # '밍신 오토(Mingxin Auto)'
        if paren:
            b = a + paren.start()
        name = text[a:b].strip()
        # a name that leads the quoted one (the parent's name in the new company's) gives
        # way to the longer name; any other mention inside or across the quotes is kept
        if not name or name != text[a:b] or _NOT_A_COMPANY.search(name) or \
                any(m.start < b and a < m.end and not (m.start == a and m.end < b) for m in ms) or \
                any((m.start, m.end) == (a, b) for m in ms):
            continue
        out.append(Mention(a, b, name, "Company", "relations", 0.6, rule="quoted-founded"))
    return out


def ownership_relations(text: str, unit: tuple[int, int], ms: list[Mention],
                        topic: Mention | None) -> list[RelationCandidate]:
    s, e = unit
    sentence = text[s:e]
    out: list[RelationCandidate] = []
    actors = [m for m in ms if m.label in AGENTS]
    if not actors or _NOT_DONE.search(sentence):
        return out
    seen_givers: set[tuple[int, int]] = set()
    for m in actors:
        # A와 B의 투자를 받았다: the receiver is the clause's topic, or the text's subject
        if (m.start, m.end) in seen_givers or not _GIVES.match(text, end_of(text, m)):
            continue
        group = _group_before(text, actors, m)
        seen_givers.update((g.start, g.end) for g in group)
        target = clause_topic(text, unit, ms, group[0].start, exclude=group)
        if target is None and topic is not None and topic.label in AGENTS and topic not in group \
                and not any(a.start < group[0].start and re.match(r"\s?(?:이|가)\s", text[end_of(text, a):])
                            for a in actors):
            target = topic
        if target is None:
            continue
        for g in group:
            if (g.start, g.end) != (target.start, target.end):
                out.append(relation(g, "invests_in", target, unit, "prose:coordinated-investors", 0.65))
    # founding a named company: its founders invest in it and partner with each other
    for y in actors:
        if y.label != "Company" or not _FOUND_VERB.match(text, end_of(text, y)):
            continue
        clause = clause_of(text, unit, y.start)
        founders = []
        owner = clause_topic(text, unit, ms, y.start, exclude=[y])
        if owner is not None:
            founders.append(owner)
        for a in actors:
            if a is not y and a is not owner and clause[0] <= a.start < y.start and \
                    _FOUNDER.match(text, end_of(text, a)):
                founders.append(a)
        if owner is None and topic is not None and topic.label in AGENTS and founders and \
                not _NOUN_BEFORE.search(text[s:y.start].rstrip()):
            founders.insert(0, topic)
        if not founders and topic is not None and topic.label in AGENTS and \
                _NOUN_BEFORE.search(text[clause[0]:y.start].rstrip()):
            founders.append(topic)  # 합작사 Y를 설립하고 …: the text's subject founded it
        for f in founders:
            out.append(relation(f, "invests_in", y, unit, "prose:founded-named", 0.65))
        for i, a in enumerate(founders):
            for b in founders[i + 1:]:
                if a.label != "Investor" and b.label != "Investor":
                    out.append(relation(a, "partners_with", b, unit, "prose:joint-venture-owners", 0.6))
    # a subsidiary named after its noun: X는 … 자회사 Y / X가 설립한 연구소 Y
    for y in actors:
        before = text[max(s, y.start - 12):y.start]
        if re.search(r"(?:자회사|손자회사|계열사|합작사|합작법인|현지법인)\s+['‘\"“]?$", before) and \
                not re.search(r"의\s*(?:\S+\s)?(?:자회사|손자회사|계열사|합작사)\s+['‘\"“]?$", before):
            owner = clause_topic(text, unit, ms, y.start, exclude=[y])
            if owner is not None:
                out.append(relation(owner, "invests_in", y, unit, "prose:subsidiary-named", 0.65))
        for x in actors:
            if x.start < y.start and _FOUNDED_BY.search(text[end_of(text, x):y.start]) and \
                    not any(a.start > x.end and a.end <= y.start for a in actors) and y.start - x.end <= 40:
                out.append(relation(x, "invests_in", y, unit, "prose:founder-of-named", 0.65))
    out.extend(_round(text, unit, actors, topic))
    # A, B 등 3개 기업이 C에 투자했다: every listed investor
    for k, last in enumerate(actors):
        if not _LIST_SUBJECT.match(text, end_of(text, last)):
            continue
        group = _group_before(text, actors, last)
        clause = clause_of(text, unit, last.start)
        for c in actors[k + 1:]:
            if c.start < clause[1] and _INVESTED_IN.match(text, end_of(text, c)):
                out.extend(relation(g, "invests_in", c, unit, "prose:list-invests", 0.65) for g in group)
    # stakes: X는 Y에 … 지분을 획득 / X가 Y의 지분 30%를 인수 / X는 Y 지분 51%를 확보
    for y in actors:
        stake = _STAKE.match(text, end_of(text, y))
        if not stake or clause_of(text, unit, y.start) != clause_of(text, unit, stake.end() - 1):
            continue
        owner = clause_topic(text, unit, ms, y.start, exclude=[y])
        if owner is None and topic is not None and topic.label in AGENTS and topic not in ms:
            owner = topic
        if owner is not None and owner.start < y.start:
            out.append(relation(owner, "invests_in", y, unit, "prose:stake", 0.65))
    # 투자자 명단에는 A, B, C: the investors of the company before it (X의 투자자 명단),
    # the clause's topic, or the text's subject
    listed = _LISTED.search(sentence)
    if listed:
        own = [a for a in actors if a.end <= s + listed.start()]
        target = (own[-1] if own and text.startswith("의", end_of(text, own[-1])) else None) or \
            clause_topic(text, unit, ms, s + listed.start())
        if target is None and topic is not None and not (topic in ms and topic.start > s + listed.start()):
            target = topic
        first = next((m for m in actors if m.start >= s + listed.end()), None)
        if target is not None and target.label in AGENTS and first is not None:
            for m in _group_after(text, actors, first):
                if (m.start, m.end) != (target.start, target.end):
                    out.append(relation(m, "invests_in", target, unit, "prose:investor-roster", 0.65))
    return out


__all__ = ["drop_owner_partners", "founded_names", "ownership_relations", "round_roles"]
