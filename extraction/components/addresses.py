"""Nested addresses: places written one after another from the largest to the smallest
(``중국 우한시(武汉市) 훙산구(洪山区) 광구 바이오산업단지에 본사를 두고 있다``).

Reports give a company's seat as an address. Each level is in the levels before it: the
district in its city, the zone in its district and in its city, a city glued to its province
(``허난성정저우``); and whatever is placed at the address's last level (by any rule of the
sentence) is also in its other cities, districts and zones. The levels may carry their own
Chinese names in parentheses. Countries and provinces of the address are left to the rules
that read a place before a name (they give a city its province, a company its country only
when the text puts them together).
"""
from __future__ import annotations

import re

from ..candidates import Mention
from .relation_candidate import AGENTS, PLACES, RelationCandidate, end_of, relation

_GAP = re.compile(r"[ \t]?")
_DISTRICT = re.compile(r"(?:구|区|현|县|진|镇)$")


def _rank(m: Mention) -> int:
    """0 a country or province, 1 a city, 2 a district or county, 3 a zone."""
    if m.label == "Region":
        return 0
    if m.label == "Park":
        return 3
    return 2 if _DISTRICT.search(m.text) else 1


def address_runs(text: str, ms: list[Mention]) -> list[list[Mention]]:
    """Runs of two or more places, each right after the one before (a space or nothing
    between, past its parenthesis) and of a strictly lower rank, so that cities listed with
    spaces (베이징 상하이) are no address."""
    places = [m for m in ms if m.label in PLACES]
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    for m in places:
        if run and m.start < end_of(text, run[-1]):
            continue  # a name inside the parenthesis of the level before
        if run and _GAP.fullmatch(text, end_of(text, run[-1]), m.start) and _rank(m) > _rank(run[-1]):
            run.append(m)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [m]
    if len(run) >= 2:
        runs.append(run)
    return runs


def address_relations(text: str, unit: tuple[int, int], ms: list[Mention],
                      found: list[RelationCandidate]) -> list[RelationCandidate]:
    """Each level of an address in the levels before it, and what ``found`` places at an
    address's last level in its other levels below the province."""
    out: list[RelationCandidate] = []
    for run in address_runs(text, ms):
        for k, m in enumerate(run[1:], 1):
            before = run[:k]
            if m.label == "Park":  # a zone: in every city and district before it
                targets = [p for p in before if p.label == "City"] or before[-1:]
            elif _rank(m) == 2:  # a district: in its city, else its province
                targets = [p for p in before if p.label == "City"][-1:] or before[-1:]
            else:  # a city glued to its province (허난성정저우) or after it
                targets = before[-1:]
            # a level written right after the one before with a plain space is read by the
            # rules of a place before a name (안후이성 허페이, 베이징 하이뎬구)
            out.extend(relation(m, "located_in", p, unit, "address:level-in-level", 0.7) for p in targets
                       if not (p is run[k - 1] and text[p.end:m.start] == " "))
        last = (run[-1].start, run[-1].end)
        levels = [p for p in run[:-1] if p.label in ("City", "Park")]
        agents = {r.subject for r in found if r.predicate == "located_in" and r.object == last}
        by_span = {(m.start, m.end): m for m in ms}
        for span in sorted(agents):
            a = by_span.get(span)
            if a is None or a.label not in AGENTS:
                continue
            out.extend(relation(a, "located_in", p, unit, "address:seat-levels", 0.7) for p in levels)
    return out


__all__ = ["address_relations", "address_runs"]
