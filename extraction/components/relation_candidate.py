"""The record every relation rule family emits, and the few text helpers they share.

``RelationCandidate`` lives here (not in ``relations``) so that rule families in modules of
their own (``ownership``, ``coordination``, ``clauses``, ``topics``) can emit candidates
without importing the component that calls them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..candidates import Mention

AGENTS = ("Company", "Investor", "Organization")
PLACES = ("City", "Region", "Park")
TOPIC_PARTICLE = re.compile(r"(?:은|는|이|가|도)(?![가-힣])")
_LATIN_TOPIC = re.compile(r" (?:은|는|이|가)(?![가-힣])")  # PDF text: "BMW 는"
_PAREN_AFTER = re.compile(r"\s?[(（][^()（）\n]{0,60}[)）]")


@dataclass(frozen=True)
class RelationCandidate:
    """A relation between two mentions (character spans of ``doc.text``)."""

    subject: tuple[int, int]
    predicate: str
    object: tuple[int, int]
    evidence: tuple[int, int]
    rule: str
    confidence: float


def end_of(text: str, m: Mention) -> int:
    """Where the sentence goes on after a mention: past the parenthesis of other names that
    follows it (인허퉁융(银河通用, Galbot)이 → the 이)."""
    p = _PAREN_AFTER.match(text, m.end)
    return p.end() if p else m.end


def agents_after(text: str, ms: list[Mention], first: Mention, join: re.Pattern) -> list[Mention]:
    """``first`` and the agents listed after it, each separated from the one before by exactly
    ``join`` (a comma, 와/과, 및, a middle dot …): ``A, B와 C``."""
    group = [first]
    for m in ms:
        if m.start < end_of(text, group[-1]):
            continue
        if m.label not in AGENTS or not join.fullmatch(text[end_of(text, group[-1]):m.start]):
            break
        group.append(m)
    return group


def agents_before(text: str, ms: list[Mention], last: Mention, join: re.Pattern) -> list[Mention]:
    """The agents listed before ``last`` and ``last`` itself, each separated by exactly ``join``."""
    group = [last]
    for m in reversed([m for m in ms if m.end <= last.start]):
        if m.label not in AGENTS or not join.fullmatch(text[end_of(text, m):group[0].start]):
            break
        group.insert(0, m)
    return group


def topic_marked(text: str, m: Mention) -> bool:
    """Is the mention followed by a topic or subject particle (화웨이는, also "BMW 는")?"""
    end = end_of(text, m)
    return bool(TOPIC_PARTICLE.match(text, end) or
                (m.text[-1:].isascii() and m.text[-1:].isalnum() and _LATIN_TOPIC.match(text, end)))


def relation(a: Mention, predicate: str, b: Mention, unit: tuple[int, int], rule: str,
             confidence: float) -> RelationCandidate:
    return RelationCandidate((a.start, a.end), predicate, (b.start, b.end), unit, rule, confidence)


__all__ = ["AGENTS", "PLACES", "RelationCandidate", "TOPIC_PARTICLE", "end_of", "relation", "topic_marked"]
