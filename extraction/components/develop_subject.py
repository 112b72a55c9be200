"""When an actor of a sentence with a develop word is not the one who develops its
technology, though the cue rule of ``kg_relations`` would take it: the technology is the topic
of the sentence, and the actor is not.

- a named actor after the technology topic: ``코어리스 모터는 … 시장의 85%를 A와 B가
  차지한다``, ``… 3D 센서는 A 연구진 등 고객에게 공급하고 있다`` — the sentence tells what
  the technology is; the actor holds a share of its market or buys it;
- the actor the text is about, carried into a sentence that names none: ``현재 휴머노이드
  로봇은 비약적인 발전을 이어가고 있다``, ``AI는 초기 판단을 제공할 뿐이다`` — a remark on
  the technology at large, not on what the company develops.

Reads only the particles after the mentions (no names), so it holds for any document.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..candidates import Mention

# a technology topic: "모터는 ", "AI 는", "센서는\n"
_TECH_TOPIC = re.compile(r"\s?(?:은|는)(?=\s|$|[,.])")


def technology_topic_before(text: str, techs: Sequence[Mention], before: int) -> bool:
    """Is one of the sentence's technologies, ending before offset ``before``, marked as
    the topic (코어리스 모터는 …, AI 는 …)?"""
    return any(t.end <= before and _TECH_TOPIC.match(text, t.end) for t in techs)
