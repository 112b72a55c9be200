"""What a company develops, from five phrasings of Korean news that the cue rule of
``kg_relations`` (a develop word anywhere in the sentence) does not read:

- a business description in front of the name, with product words between the technology
  and the company noun: ``이차전지 장비 업체 A``, ``중국 반도체 소재 기업인 A``,
  ``A, B 등 자율주행 솔루션 업체`` — every member of the list;
- a focus in front of the name: ``산업용 로봇 중심의 A``, ``휴머노이드를 주력으로 하는 A``,
  ``AI 기반의 물류 기업 A``, ``전기차 배터리를 생산하는 업체 A``, ``자율주행 솔루션을 제공하는
  A``, ``사족보행 로봇으로 유명한 A``;
- making it, said of the clause's topic: ``A는 자체 공장에서 음극재를 직접 제조·판매한다``,
  ``A는 … 전구체 생산법인을 설립하는`` (a plant named by what it makes);
- the topic's predicate noun: ``A는 2018년 설립된 반도체 소재 기업이다``;
- launching one: ``A는 신형 휴머노이드 로봇 '샤오X'를 공개했다`` — a product of the
  technology the company unveils, releases or shows.

The developer is a named actor: a company noun between (업체, 기업 …) with no particle,
or the topic of the clause (``clauses.clause_topic``). Distributors, investors and traders
are not developers (``배터리 유통 업체``).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of, clause_topic
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation

_COMPANY_NOUN = r"(?:기업|업체|회사|스타트업|제조사|제조업체|제조기업|메이커|유니콘|공급사|공급업체|전문기업|기술기업)"
# a bare word between (장비, 소재, 부품, 솔루션 …): no particle at its end, not a trade
_BARE = (r"(?:(?!(?:유통|판매|투자|무역|수입|수출|컨설팅|금융|거래|중개)(?:\s|$))"
         r"[^\s,.()'‘’\"“”]*[^\s,.()'‘’\"“”을를이가은는의에와과도로]\s)")
_DESCRIBED = re.compile(r"\s" + _BARE + r"{0,2}?" + r"[^\s,.()]*?" + _COMPANY_NOUN +
                        r"(?:인|이자|으로는|로는)?\s*[,]?\s*['‘\"“]?$")
_FOCUS = re.compile(r"(?:\s?(?:중심|위주|주력|특화|전문|기반)(?:의|인)?|(?:을|를)\s?주력(?:으로)?\s?(?:하는|삼는|한|삼은)|"
                    r"에\s?(?:특화된|특화한|집중하는|주력하는)|(?:으로|로)\s(?:잘\s)?(?:유명한|알려진|이름난)|"
                    r"(?:\s(?:솔루션|서비스|플랫폼|기술|제품|장비|시스템|부품|소재))?(?:을|를)\s(?:(?:직접|자체)\s)?"
                    r"(?:개발|제조|생산|설계|연구|양산|제공|공급|보유)(?:·\S+?)?(?:하는|한|해\s?온|해온|하고\s?있는)|"
                    r"(?:을|를)\s(?:만드는|가진))\s" +
                    _BARE + r"{0,2}?(?:[^\s,.()]*?" + _COMPANY_NOUN + r"(?:인)?\s)?['‘\"“]?$")
_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·)\s*")
_LIST_END = re.compile(r"\s*등(?:의)?\s")
_COMPANY_AFTER = re.compile(_BARE + r"{0,2}?[^\s,.()]*?" + _COMPANY_NOUN + r"(?:들)?(?:[은는이가도의]|으로|로)?(?![가-힣])")
# 을 직접 제조·판매 / 를 생산 / 생산법인을 / 공장을
_MADE = re.compile(r"(?:을|를)\s(?:[^\s,.]+\s){0,2}?(?:직접\s)?(?:제조|생산|양산|만들|만드)|"
                   r"\s(?:생산\s?)?(?:법인|공장|생산기지|생산라인)(?:을|를)\s(?:\S+\s){0,2}?(?:설립|세우|건설|짓|가동|착공)")
_LAUNCH_NAME = re.compile(r"\s?(?:['‘\"“「『][^'’\"”」』\n]{1,30}['’\"”」』]|[(（][^()（）\n]{1,30}[)）])")
_LAUNCHED = re.compile(r"(?:을|를)\s(?:\S+\s)?(?:공개|출시|선보|발표|내놓|내놨|공개하|시연|양산)")
_NEGATED = re.compile(r"(?:하지|되지)\s?(?:않|못)")


def _techs_before(ms: list[Mention], k: int, text: str) -> list[Mention]:
    """The technology at ``k`` and those coordinated before it (산업용 로봇 및 협동로봇)."""
    techs = [ms[k]]
    for prev in reversed(ms[:k]):
        if prev.label == "Technology" and re.fullmatch(r"\s*(?:및|,|와|과|·|/)\s*", text[prev.end:techs[0].start]):
            techs.insert(0, prev)
        else:
            break
    return techs


def _list_after(text: str, ms: list[Mention], first: Mention) -> list[Mention]:
    group = [first]
    for m in ms:
        if m.start < end_of(text, group[-1]):
            continue
        if m.label not in AGENTS or not _JOIN.fullmatch(text[end_of(text, group[-1]):m.start]):
            break
        group.append(m)
    return group


def _list_before(text: str, ms: list[Mention], last: Mention) -> list[Mention]:
    group = [last]
    for m in reversed([m for m in ms if m.end <= last.start]):
        if m.label not in AGENTS or not _JOIN.fullmatch(text[end_of(text, m):group[0].start]):
            break
        group.insert(0, m)
    return group


def described_maker(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``이차전지 장비 업체 A``, ``산업용 로봇 중심의 A``, ``A, B 등 자율주행 솔루션 업체``."""
    out: list[RelationCandidate] = []
    for k, t in enumerate(ms):
        if t.label != "Technology":
            continue
        techs = _techs_before(ms, k, text)
        nxt = next((m for m in ms[k + 1:] if m.start >= t.end), None)
        if nxt is not None and nxt.label in AGENTS and nxt.start - t.end <= 30:
            between = text[t.end:nxt.start]
            rule = "prose:described-maker" if _DESCRIBED.fullmatch(between) else \
                "prose:focus-of" if _FOCUS.fullmatch(between) else None
            if rule:
                for a in _list_after(text, ms, nxt):
                    out.extend(relation(a, "develops", tt, unit, rule, 0.65) for tt in techs)
        before = [m for m in ms[:ms.index(techs[0])] if m.label in AGENTS or m.label in PLACES]
        if before and before[-1].label in AGENTS:
            gap = _LIST_END.fullmatch(text[end_of(text, before[-1]):techs[0].start])
            if gap and _COMPANY_AFTER.match(text, t.end + 1 if text[t.end:t.end + 1] == " " else t.end):
                for a in _list_before(text, ms, before[-1]):
                    out.extend(relation(a, "develops", tt, unit, "prose:described-maker-list", 0.6) for tt in techs)
    return out


def _topic_group(text: str, unit: tuple[int, int], ms: list[Mention], t: Mention) -> list[Mention]:
    """The clause's topic before ``t`` and the names coordinated with it (A와 B는), or
    nothing when another actor stands between (A는 B와 함께 …: whose it is, is unclear)."""
    owner = clause_topic(text, unit, ms, t.start)
    if owner is None or any(m.label in AGENTS and owner.end <= m.start < t.start for m in ms):
        return []
    return _list_before(text, ms, owner)


def made_by_topic(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 양극재를 직접 제조·판매한다``, ``A는 전구체 생산법인을 설립``: the clause's topic
    makes the technology."""
    out: list[RelationCandidate] = []
    for k, t in enumerate(ms):
        if t.label != "Technology":
            continue
        made = _MADE.match(text, t.end)
        if not made:
            continue
        clause = clause_of(text, unit, t.start)
        if _NEGATED.search(text, made.end(), min(clause[1], made.end() + 12)):
            continue
        for owner in _topic_group(text, unit, ms, t):
            out.extend(relation(owner, "develops", tt, unit, "prose:made-by-topic", 0.6)
                       for tt in _techs_before(ms, k, text))
    return out


def launched(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 신형 휴머노이드 로봇 '샤오X'를 공개했다``: the topic develops the technology."""
    out: list[RelationCandidate] = []
    for k, t in enumerate(ms):
        if t.label != "Technology":
            continue
        pos = t.end
        name = _LAUNCH_NAME.match(text, pos)
        pos = name.end() if name else pos
        verb = _LAUNCHED.match(text, pos)
        if not verb or _NEGATED.search(text, verb.end(), verb.end() + 12):
            continue
        for owner in _topic_group(text, unit, ms, t):
            out.extend(relation(owner, "develops", tt, unit, "prose:launched", 0.6)
                       for tt in _techs_before(ms, k, text))
    return out


# T 기업이다 / T 전문 업체로 / T 소재 기업이며: the predicate noun of the topic
_PREDICATE = re.compile(r"(?:(?:으로|로)\s(?:잘\s)?(?:유명한|알려진|이름난))?\s" + _BARE + r"{0,2}?[^\s,.()]*?" + _COMPANY_NOUN +
                        r"(?:이다|이며|이자|으로(?!부터)|로서|으로서|다[.]|이었다|였다|입니다)")


def described_topic(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 … 반도체 소재 기업이다``: the clause's topic is a company of the technology."""
    out: list[RelationCandidate] = []
    for k, t in enumerate(ms):
        if t.label != "Technology" or not _PREDICATE.match(text, t.end):
            continue
        for owner in _topic_group(text, unit, ms, t):  # not A는 B와 같은 T 기업
            out.extend(relation(owner, "develops", tt, unit, "prose:described-topic", 0.6)
                       for tt in _techs_before(ms, k, text))
    return out


def develop_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The develops relations of these phrasings in one sentence."""
    return (described_maker(text, unit, ms) + made_by_topic(text, unit, ms) + launched(text, unit, ms)
            + described_topic(text, unit, ms))


__all__ = ["described_maker", "described_topic", "develop_phrase_relations", "launched", "made_by_topic"]
