"""Who a block of text is about, across headings and profile blocks.

News and briefs give a company's profile as a block: a heading that is only the name
(``◼ 루이신테크``) or a line that opens with the name and a colon (``루이신테크(Ruixin):
시리즈 B …``), then sentences with no subject of their own (``… A, B 등이 참여했다``,
``베이징에 본사를 둔 이 업체는 …``). Those sentences are about the block's name. A new
heading ends the block: the subject of the block before is not carried into the next.

``block_subject`` tells the relation component where blocks start; ``anaphor_relations``
resolves the referring nouns (이 업체, 이 회사, 이곳) that point back to a block's or a
zone's subject.
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation
from .util import PROSE_END

# line-leading bullet glyphs and numbering, private-use glyphs of PDF fonts included
BULLET = "◼■▪▶►▷□○●◆◇◈◎⚫•‣∙◦※★☆✓✔➢➤▸▹◉▲△▼▽❖➊➋➌➍➎❶❷❸❹❺\ue000-\uf8ff"
_LEAD = re.compile(r"[ \t]*(?:[" + BULLET + r"]|\d{1,2}[.)]|[①-⑳]|[-–])?[ \t]*")
_COLON = re.compile(r"[ \t]*[:：][ \t]*\S")
_HEADING_TAIL = re.compile(r"[ \t]*[)\]]?[ \t]*$")
# 요 only as a verb's polite ending (해요, 있어요, 이에요), not the noun of a heading (개요, 주요)
_SENTENCE_END = re.compile(r"(?:다|[어아해에죠세]요|음|함|됨|임)\s*[.。!?]?\s*['\"’”]?\s*$|[.。!?]\s*$")
# 이 업체는, 이 회사는, 동사는, 해당 기업은: the block's subject
_REFERRING = r"(?:이|그|해당|동)\s?(?:업체|회사|기업|스타트업|유니콘)|동사"
_PLACE_CLAUSE_ANAPHOR = re.compile(r"(?:에|에서)\s*(?:본사를\s*(?:둔|두고\s*있는)|본부를\s*둔|위치한|소재한|자리한|"
                                   r"기반을\s*둔|설립된|입주한)\s+(?:" + _REFERRING + r")(?:은|는|이|가|도|의)?(?![가-힣])")
# "A, B, C 등(을 비롯한) … 기업들이 이곳에(서) …": the zone the text is about
_HERE = re.compile(r"\s*(?:등)?\s*(?:을\s*비롯한|을\s*포함한|과\s*같은)?\s*(?:[^\s,.]+\s){0,3}?[^\s,.]*(?:들이|들은|이|가)\s+"
                   r"(?:이곳|이\s?곳|이\s?지역|이\s?단지|여기)(?:에|에서)(?![가-힣])")
# "X는 A, B, C를 비롯한 … 기관을 보유": what a zone holds is in it
_HOLDS = re.compile(r"\s*(?:등)?\s*(?:을|를)?\s*(?:비롯한|포함한|포함해|비롯해)?\s*(?:[^\s,.]+\s){0,5}?"
                    r"[^\s,.]*(?:을|를)\s*(?:보유|유치|거느리|품고)")


def block_subject(text: str, unit: tuple[int, int], ms: list[Mention]) -> tuple[bool, Mention | None]:
    """(does a block start here, its subject). A heading line that is only a name (``◼
    X``, ``X(Y)``) or a line opening with a name and a colon (``X(Y): …``) starts a block
    about that name; any other heading (a short line with no sentence end) starts a block
    with no subject yet."""
    s, e = unit
    line_start = text.rfind("\n", 0, s) + 1
    if text[line_start:s].strip():
        return False, None  # a unit in the middle of a line: no block starts here
    lead = _LEAD.match(text, s, e)
    first = next((m for m in ms if m.label in AGENTS + ("Park",)), None)
    line_end = text.find("\n", s)
    line_end = len(text) if line_end < 0 else line_end
    if first is not None and first.start == lead.end():
        after = end_of(text, first)
        if _COLON.match(text, after, line_end):
            return True, first
        if _HEADING_TAIL.fullmatch(text, after, line_end) and line_end <= e + 1:
            return True, first
    line = text[s:line_end].strip()
    if line and len(line) <= 40 and not _SENTENCE_END.search(line) and not PROSE_END.search(line) \
            and "|" not in line and "\t" not in line and not any(m.label in AGENTS for m in ms):
        return True, None
    return False, None


# a sentence that opens on a topic of its own: 장장 자주혁신구는 …, 톈푸신구(天府新区)는 …
# (its last word ends in a head of places, zones or bodies — not a verb's 하는, 있는)
_OPENING_TOPIC = re.compile(r"[ \t]*(?:[^\s,.()]+[ \t]){0,2}?[^\s,.()]*"
                            r"(?:구|시|성|군|현|단지|지구|센터|원|청|국|처|섬|지역|\))\s?(?:은|는)\s")
_CARRIES = re.compile(r"(?:" + _REFERRING + r"|회사|업체|기업|양사|자사|당사|그룹)\s?(?:은|는)\s")


def new_topic(text: str, unit: tuple[int, int], ms: list[Mention]) -> bool:
    """Does the sentence open on a topic of its own that is no name of an actor and no word
    referring back (이 회사는, 양사는)? Then what the text was about before ends here: a zone
    or a name no rule found (장장 자주혁신구는) takes over."""
    s, e = unit
    opening = _OPENING_TOPIC.match(text, s, e)
    if not opening:
        return False
    if any(m.label in AGENTS and m.start < opening.end() for m in ms):
        return False
    return not _CARRIES.search(text, s, opening.end())


def anaphor_relations(text: str, unit: tuple[int, int], ms: list[Mention], subject: Mention | None,
                      zone: Mention | None) -> list[RelationCandidate]:
    """Relations whose one end is a referring noun: ``베이징에 본사를 둔 이 업체는`` (the
    block's subject is in Beijing), ``A, B 등 기업들이 이곳에 R&D 센터를 설립`` and ``X는 A,
    B를 비롯한 대학을 보유`` (each is in the zone the text is about)."""
    out: list[RelationCandidate] = []
    if subject is not None and subject.label in AGENTS:
        for p in ms:
            if p.label in PLACES and _PLACE_CLAUSE_ANAPHOR.match(text, end_of(text, p)):
                out.append(relation(subject, "located_in", p, unit, "prose:place-of-referent", 0.65))
    if zone is not None and zone.label == "Park":
        actors = [m for m in ms if m.label in AGENTS]
        for k, last in enumerate(actors):
            if not _HERE.match(text, end_of(text, last)):
                continue
            group = [last]
            for a in reversed(actors[:k]):
                if re.fullmatch(r"\s*(?:,|및|와|과|·|∙)\s*", text[end_of(text, a):group[0].start]):
                    group.insert(0, a)
                else:
                    break
            for m in group:
                out.append(relation(m, "located_in", zone, unit, "prose:located-here", 0.6))
    # X는 A, B를 비롯한 … 기관을 보유: the zone this sentence is about
    here = next((m for m in ms if m.label == "Park" and
                 re.match(r"\s?(?:은|는)\s", text[end_of(text, m):end_of(text, m) + 3])), None)
    after = [m for m in ms if m.label in AGENTS and here is not None and m.start > here.end]
    if after:
        group = [after[0]]
        for a in after[1:]:
            if re.fullmatch(r"\s*(?:,|및|와|과|·|∙)\s*", text[end_of(text, group[-1]):a.start]):
                group.append(a)
            else:
                break
        if _HOLDS.match(text, end_of(text, group[-1])):
            for m in group:
                out.append(relation(m, "located_in", here, unit, "prose:zone-holds", 0.6))
    return out


__all__ = ["BULLET", "anaphor_relations", "block_subject", "new_topic"]
