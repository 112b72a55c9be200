"""Stakes, control and portfolios in Korean news, phrasings the investment rules of
``kg_relations``, ``ownership`` and ``investment_phrases`` do not read:

- a stake in a list or without 의: ``X는 A 지분 7%를 보유하게 된다``, ``X는 A와 B의 지분을
  각각 10%씩 사들였다`` — X invests in each;
- control: ``X는 A를 완전 자회사로 편입했다``, ``X는 A의 경영권을 확보했다``,
  ``X는 A 인수를 완료했다`` — X invests in A (guidelines: an acquisition, a parent owning a
  named subsidiary);
- a portfolio: ``X는 올해 A, B 등 5개 게임사에 투자했다``, ``X가 투자한 기업은 A와 B다``;
- holders named by a noun: ``X는 A의 주요 투자자다``, ``A의 투자자인 X``, ``A에 투자한 X``,
  ``A의 주주로는 X와 Y가 있다``;
- an investment in a zone: ``X는 개발구에 100억 위안을 투자해 공장을 짓는다``.

The investor is the clause's topic (``clauses.clause_topic``); talks, interest and plans
under consideration (인수를 검토, 인수에 나섰다) are no investment.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of, clause_topic
from .relation_candidate import AGENTS, agents_after, agents_before, RelationCandidate, end_of, relation

_JOIN = re.compile(r"\s*(?:,|，|、|및|와|과|·)\s*")
_STAKE = re.compile(r"(?:의)?\s?(?:[^\s,.]+\s)?지분(?:\s?[\d.]+\s?%)?(?:을|를)?\s(?:(?:각각|총|약|추가로|추가)\s)?"
                    r"(?:[\d.]+\s?%(?:씩)?(?:을|를)?\s)?(?:보유|확보|취득|매입|사들|인수|사들였|매수)")
_CONTROL = re.compile(r"(?:을|를)\s(?:완전\s|100%\s)?(?:자회사|계열사|손자회사)로\s(?:편입|만들|두|인수)|"
                      r"의\s경영권(?:을|를)\s(?:\S+\s)?(?:확보|인수|장악|취득|넘겨받)|"
                      r"\s?인수(?:를|가)\s(?:\S+\s)?(?:완료|마무리|마쳤|마치|성사|끝냈|확정)|\s?인수에\s성공")
_NOT_DONE = re.compile(r"검토|관심|협상|논의|타진|저울질|의향|가능성|추진\s?중|고려|무산|철회")
_PORTFOLIO_TAIL = re.compile(r"\s?등(?:\s(?:[^\s,.()]+\s){0,2}?[^\s,.()]*?)?에\s(?:[^\s,.]+\s){0,2}?(?:투자|출자)(?:했|하였|를\s?단행|해)")
_PORTFOLIO_HEAD = re.compile(r"(?:이|가)\s(?:[^\s,.]+\s){0,2}?(?:투자한|출자한|인수한)\s(?:[^\s,.()]+\s){0,1}?"
                             r"[^\s,.()]*?(?:기업|회사|업체|스타트업|게임사|개발사|제약사|곳)(?:들)?(?:은|는|으로는|로는)\s$")
_PORTFOLIO_END = re.compile(r"\s?(?:등\s?(?:[^\s,.()]+\s?){0,2}?)?(?:이다|다|이며|등이다|등이\s있다|등이\s꼽힌다)")


def _investor(text: str, unit: tuple[int, int], ms: list[Mention], group: list[Mention]) -> Mention | None:
    """The clause's topic before the group, when no other actor stands between."""
    x = clause_topic(text, unit, ms, group[0].start, exclude=group)
    if x is None or any(m.label in AGENTS and x.end <= m.start < group[0].start for m in ms):
        return None
    return x


def stake_or_control(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X는 A 지분 7%를 보유``, ``X는 A와 B의 지분을 사들였다``, ``X는 A를 자회사로 편입``."""
    out: list[RelationCandidate] = []
    seen: set[tuple[int, int]] = set()
    for a in ms:
        if a.label not in AGENTS or (a.start, a.end) in seen:
            continue
        group = agents_after(text, ms, a, _JOIN)
        seen.update((m.start, m.end) for m in group)
        after = end_of(text, group[-1])
        stake, control = _STAKE.match(text, after), _CONTROL.match(text, after)
        found = stake or control
        if not found:
            continue
        clause = clause_of(text, unit, a.start)
        if _NOT_DONE.search(text, found.end(), min(clause[1], found.end() + 16)):
            continue
        x = _investor(text, unit, ms, group)
        if x is None or x in group:
            continue
        rule = "prose:stake-of" if stake else "prose:control"
        out.extend(relation(x, "invests_in", m, unit, rule, 0.65) for m in group)
    return out


def portfolio(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X는 A, B 등 5개 게임사에 투자했다``, ``X가 투자한 기업은 A와 B다``."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        # X가 투자한 기업은 A와 B다
        before = [m for m in ms[:k] if m.label in AGENTS]
        if before and _PORTFOLIO_HEAD.fullmatch(text[end_of(text, before[-1]):a.start]):
            group = agents_after(text, ms, a, _JOIN)
            if _PORTFOLIO_END.match(text, end_of(text, group[-1])):
                out.extend(relation(before[-1], "invests_in", m, unit, "prose:portfolio", 0.65) for m in group)
        # X는 A, B 등 5개 게임사에 투자했다
        tail = _PORTFOLIO_TAIL.match(text, end_of(text, a))
        if tail:
            group = agents_before(text, ms, a, _JOIN)
            x = _investor(text, unit, ms, group)
            if x is not None and x not in group:
                out.extend(relation(x, "invests_in", m, unit, "prose:portfolio", 0.65) for m in group)
    return out


# 에 100억 위안을 투자해 / 에 총 50억 위안을 들여 / 에 투자한
_INTO_ZONE = re.compile(r"(?:에|에다)\s(?:(?:총|약|모두)\s)?(?:[\d.,]+\s?(?:조|억|천만|만)?\s?(?:[\d.,]+\s?(?:억|천만|만))?\s?"
                        r"(?:위안|달러|원|유로)(?:을|를|가량을|이상을|규모를)?\s)?(?:추가\s?)?(?:투자|투입|들여)")


def zone_investment(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``A는 개발구에 100억 위안을 투자해 공장을 짓는다``: A invests in the zone (guidelines:
    a company's stated investment in a zone)."""
    out: list[RelationCandidate] = []
    for p in ms:
        if p.label != "Park":
            continue
        into = _INTO_ZONE.match(text, end_of(text, p))
        if not into:
            continue
        clause = clause_of(text, unit, p.start)
        if _NOT_DONE.search(text, into.end(), min(clause[1], into.end() + 16)):
            continue
        group = _investor_group(text, unit, ms, p)
        out.extend(relation(x, "invests_in", p, unit, "prose:zone-investment", 0.6) for x in group)
    return out


def _investor_group(text: str, unit: tuple[int, int], ms: list[Mention], p: Mention) -> list[Mention]:
    x = clause_topic(text, unit, ms, p.start)
    if x is None or any(m.label in AGENTS and x.end <= m.start < p.start for m in ms):
        return []
    return agents_before(text, ms, x, _JOIN)


# X는 A의 주요 투자자다 / A의 투자자인 X / A에 투자한 X / A의 주주로는 X와 Y가 있다
_HOLDER_NOUN = re.compile(r"의\s(?:(?:주요|핵심|기존|초기|전략적|최대)\s?)?(?:투자자|투자사|주주|재무적\s투자자)"
                          r"(?:이다|다|로|로서|이며|이자|인|였다|이었다)(?=\s|[.,])")
_INVESTED_IN_REL = re.compile(r"에\s(?:(?:초기|일찍이|일찍부터|가장\s먼저)\s)?(?:투자|출자)(?:한|했던|해\s온)\s(?:[^\s,.()]+\s)?$")
_HOLDERS_LIST = re.compile(r"의\s(?:(?:주요|기존)\s)?(?:주주|투자자|투자사)(?:로는|으로는|는|에는)\s$")


def holders(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """``X는 A의 주요 투자자다``, ``A의 투자자인 X``, ``A에 투자한 X``, ``A의 주주로는 X와 Y``."""
    out: list[RelationCandidate] = []
    for k, a in enumerate(ms):
        if a.label not in AGENTS:
            continue
        after = [m for m in ms[k + 1:] if m.start >= end_of(text, a)]
        nxt = after[0] if after else None
        noun = _HOLDER_NOUN.match(text, end_of(text, a))
        if noun:
            if noun.group().endswith("인") and nxt is not None and nxt.label in AGENTS and \
                    text[noun.end():nxt.start] == " ":
                out.append(relation(nxt, "invests_in", a, unit, "prose:holder", 0.65))  # A의 투자자인 X
            elif not noun.group().endswith("인"):
                x = _investor(text, unit, ms, [a])
                if x is not None:
                    out.append(relation(x, "invests_in", a, unit, "prose:holder", 0.65))  # X는 A의 투자자다
        if nxt is not None and nxt.label in AGENTS:
            gap = text[end_of(text, a):nxt.start]
            if _INVESTED_IN_REL.fullmatch(gap):  # A에 투자한 X
                out.append(relation(nxt, "invests_in", a, unit, "prose:holder", 0.65))
            elif _HOLDERS_LIST.fullmatch(gap):  # A의 주주로는 X와 Y가 있다
                out.extend(relation(x, "invests_in", a, unit, "prose:holder", 0.65) for x in agents_after(text, ms, nxt, _JOIN))
    return out


def stake_phrase_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    """The invests_in relations of these phrasings in one sentence."""
    return (stake_or_control(text, unit, ms) + portfolio(text, unit, ms) + zone_investment(text, unit, ms)
            + holders(text, unit, ms))


__all__ = ["holders", "portfolio", "stake_or_control", "stake_phrase_relations", "zone_investment"]
