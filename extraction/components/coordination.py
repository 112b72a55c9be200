"""Lists and coordination: a relation stated once for a list reaches every member.

- members listed in a parenthesis after a count of companies: ``한국 혁신 기업 7개사(A, B,
  C)가 참여`` — each is a company of the country named before the count (nationality), and
  ``중국 기업 3곳(A, B, C)이 베이징에 입주`` — each is where the list is said to be;
- a place of origin that qualifies a coordinated list: ``중국 기업 A·B·C``, ``한국의 A, B
  및 C`` (the first member is found by the nationality rule of ``kg_relations``; this
  reaches the members joined by · / 및 / 와 as well as by commas);
- bullet items on one line: ``▲A ▲B ▲C`` are a list like ``A, B, C``.

The members of a parenthesised list are never other names of the word before it (see
``apposition``: ``Region(A, B, C)`` does not make A a name of the region).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .clauses import clause_of
from .relation_candidate import AGENTS, RelationCandidate, end_of, relation, topic_marked

SEPARATOR = re.compile(r"\s*(?:,|，|、|및|와|과|·|/|그리고|[▲△●○■□◆◇•▶])\s*")
_COMPANY_NOUN = r"(?:기업|업체|회사|스타트업|유니콘|제약사|바이오텍|제조사|빅테크|투자사)"
# 중국 혁신 기업 7개사( / 한국 스타트업 3곳(
_NATIONAL_COUNT = re.compile(r"(?:의)?\s*(?:[^\s,.()]+\s){0,3}?[^\s,.()]*" + _COMPANY_NOUN +
                             r"(?:들)?\s?(?:\d+\s?(?:개사|개|곳|社|家))?\s?[(（]$")
_COUNT_OPEN = re.compile(r"(?:\d+\s?(?:개사|개\s?기업|개\s?업체|개\s?회사|곳|社|家)|" + _COMPANY_NOUN + r"들?)\s?[(（]$")
# ")이 베이징에 입주": where the listed members are
_PLACE_AFTER = re.compile(r"\s*[)）]\s*(?:이|가|은|는|도)\s+(?:[^\s,.]+\s){0,2}?$")
_SITE_VERB = re.compile(r"(?:에|에서)\s*(?:[^\s,.]+\s){0,2}?(?:입주|위치|소재|본사|자리|설립|둥지|진출)")


_DEAL = re.compile(r"제휴|협약|계약|MOU|양해각서|파트너십|협력\s?관계")
_COUNTERPART_TAIL = re.compile(r"\s*(?:등)?(?:에|에게|와|과)\s+(?:[^\s,.]+\s){0,2}?\S*(?:제공|공급|납품|협력|제휴)")


_LIST_SUBJECT = re.compile(r"\s*등\s*(?:[^\s,.]+\s){0,2}?[^\s,.]*(?:이|가|은|는)\s")
_WITH_DEAL = re.compile(r"(?:와|과)\s*(?:함께\s)?(?:[^\s,.]+\s)?(?:협약|협력|MOU|양해각서|계약|제휴|손잡|손을 잡|파트너십|합작|공동\s?개발)")


def run_after(text: str, ms: list[Mention], first: Mention, labels=AGENTS) -> list[Mention]:
    """``first`` and the names joined to it by commas, 및, 와/과, middle dots or inline
    bullets (A, B 및 C / A·B·C / ▲A ▲B)."""
    group = [first]
    for m in ms:
        if m.start <= group[-1].start or m.label not in labels:
            continue
        if SEPARATOR.fullmatch(text[end_of(text, group[-1]):m.start]):
            group.append(m)
        elif m.start > end_of(text, group[-1]):
            break
    return group


def _paren_lists(text: str, unit: tuple[int, int], ms: list[Mention]):
    """(open, close, members) of each parenthesis of the unit that holds only a list of
    two or more actors."""
    s, e = unit
    for p in re.finditer(r"[(（]([^()（）\n]{3,120})[)）]", text[s:e]):
        a, b = s + p.start(1), s + p.end(1)
        inside = [m for m in ms if a <= m.start and m.end <= b]
        if len(inside) < 2 or not all(m.label in AGENTS for m in inside):
            continue
        rest = text[a:b]
        for m in reversed(inside):
            rest = rest[:m.start - a] + rest[m.end - a:]
        if re.fullmatch(r"[\s,，、·및]*", rest):
            yield s + p.start(), s + p.end(), inside


def carried_counterparts(text: str, unit: tuple[int, int], ms: list[Mention],
                         carried: Mention | None) -> list[RelationCandidate]:
    """``(바이두는 …) 또, 기술을 개발, A, B, C 등에 제공키로 하는 등 제휴관계를 체결했다``: a
    sentence with no subject of its own that names a deal and a list of counterparts — the
    company the text is about partners with each of them (not they with each other)."""
    s, e = unit
    if carried is None or carried.label not in ("Company", "Organization") or \
            not _DEAL.search(text, s, e) or any(m.label in AGENTS and topic_marked(text, m) for m in ms):
        return []
    actors = [m for m in ms if m.label in ("Company", "Organization")]
    if any((a.start, a.end) == (carried.start, carried.end) for a in actors):
        return []
    out = []
    for a in actors:
        if _COUNTERPART_TAIL.match(text, end_of(text, a)):
            group = [a]
            for b in reversed([x for x in actors if x.start < a.start]):
                if SEPARATOR.fullmatch(text[end_of(text, b):group[0].start]):
                    group.insert(0, b)
                else:
                    break
            out.extend(relation(carried, "partners_with", m, unit, "prose:carried-counterparts", 0.55)
                       for m in group)
    return out


def list_subject_partners(text: str, unit: tuple[int, int], ms: list[Mention],
                          rels: list[RelationCandidate]) -> list[RelationCandidate]:
    """``A, B 등 5개 기업이 C와 협약을 맺었다``: a listed subject that cooperates with a named
    counterpart — each member partners with C, and the members are not each other's
    partners. Returns ``rels`` with the unit's pairs so corrected."""
    actors = [m for m in ms if m.label in ("Company", "Organization")]
    add, drop = [], set()
    for k, last in enumerate(actors):
        subject = _LIST_SUBJECT.match(text, end_of(text, last))
        if not subject:
            continue
        group = [last]
        for a in reversed(actors[:k]):
            if SEPARATOR.fullmatch(text[end_of(text, a):group[0].start]):
                group.insert(0, a)
            else:
                break
        if len(group) < 2:
            continue
        clause = clause_of(text, unit, subject.end())
        others = [c for c in actors[k + 1:] if c.start < clause[1] and _WITH_DEAL.match(text, end_of(text, c))]
        if not others:
            continue
        drop.update(frozenset(((a.start, a.end), (b.start, b.end))) for a in group for b in group if a is not b)
        add.extend(relation(m, "partners_with", c, unit, "prose:list-subject-counterpart", 0.6)
                   for m in group for c in others)
    if not add:
        return rels
    kept = [r for r in rels if not (r.predicate == "partners_with" and r.evidence == unit and
                                    frozenset((r.subject, r.object)) in drop)]
    return kept + add


def list_relations(text: str, unit: tuple[int, int], ms: list[Mention]) -> list[RelationCandidate]:
    out: list[RelationCandidate] = []
    places = [m for m in ms if m.label in ("City", "Region", "Park")]
    for open_, close, members in _paren_lists(text, unit, ms):
        before = text[unit[0]:open_ + 1]
        if not _COUNT_OPEN.search(before):
            continue
        # nationality: the last place before the count, with only words of a company noun between
        origin = next((p for p in reversed(places) if p.end <= open_ and p.label != "Park"), None)
        if origin is not None and _NATIONAL_COUNT.fullmatch(text, origin.end, open_ + 1):
            for m in members:
                out.append(relation(m, "located_in", origin, unit, "prose:nationality-members", 0.65))
        # where they are: …)이 베이징에 입주했다
        for p in places:
            if p.start > close and _PLACE_AFTER.fullmatch(text, close - 1, p.start) and \
                    _SITE_VERB.match(text, end_of(text, p)):
                for m in members:
                    out.append(relation(m, "located_in", p, unit, "prose:location-members", 0.65))
                break
    # 중국 기업 A·B·C, ▲A ▲B: the members after the first that kg_relations' nationality
    # rule reaches by commas only
    for p in places:
        if p.label != "Region":
            continue
        first = next((m for m in ms if m.start > p.end and m.label in AGENTS), None)
        if first is None or first.start - p.end > 30 or \
                not re.fullmatch(r"(?:의)?\s*(?:[^\s,.()]+\s){0,3}?[^\s,.()]*" + _COMPANY_NOUN + r"(?:인|들인)?\s*",
                                 text[p.end:first.start]):
            continue
        group = run_after(text, ms, first)
        if len(group) >= 2 and not re.fullmatch(r"\s*,\s*", text[end_of(text, group[0]):group[1].start]):
            for m in group:
                out.append(relation(m, "located_in", p, unit, "prose:nationality-members", 0.6))
    return out


__all__ = ["SEPARATOR", "carried_counterparts", "list_relations", "list_subject_partners", "run_after"]
