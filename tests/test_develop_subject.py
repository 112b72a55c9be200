"""An actor who is not the developer of a sentence's technology (``develop_subject``): the
technology is the topic of the sentence and the actor is not (a named actor after it, or the
actor the text is about carried into a sentence that names none).

Every sentence is invented for these tests (names found by their heads: …과기, …테크).
"""
from __future__ import annotations

from extraction.candidates import Mention
from extraction.components.develop_subject import technology_topic_before
from extraction.extract import extract_mentions

from .conftest import document


def develops(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "develops"}


def _mention(text: str, name: str, label: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, label, "test", 1.0, None, rule="test", alias_of=None)


def test_technology_topic_ahead_of_the_actor():
    text = "감속기는 로봇 원가의 30%를 차지하며, 시장의 절반을 란신과기 제품이 점유한다."
    techs = [_mention(text, "감속기", "Technology"), _mention(text, "로봇", "Technology")]
    assert technology_topic_before(text, techs, text.index("란신과기"))
    text = "장기적으로 AI 는 의료 분야에서 성장 가능성이 크다."
    assert technology_topic_before(text, [_mention(text, "AI", "Technology")], len(text))


def test_technology_after_the_actor_or_not_a_topic():
    text = "란신과기는 감속기를 개발했다."
    assert not technology_topic_before(text, [_mention(text, "감속기", "Technology")], text.index("란신과기"))
    text = "감속기 분야에서 란신과기가 기술력을 갖췄다."
    assert not technology_topic_before(text, [_mention(text, "감속기", "Technology")], text.index("란신과기"))
    text = "감속기를 개발하는 란신과기는 투자를 받았다."
    assert not technology_topic_before(text, [_mention(text, "감속기", "Technology")], len(text))


def test_the_market_of_a_topic_technology_is_not_developed_by_its_holder(nlp):
    got = develops(nlp, "감속기는 휴머노이드 로봇 원가의 30%를 차지하는 핵심 부품으로, 양산 기술 장벽이 높고 "
                        "세계 시장의 절반을 란신과기 제품이 점유하고 있다.\n")
    assert not any(s == "란신과기" for s, _ in got)


def test_a_remark_on_the_technology_is_not_the_carried_actors(nlp):
    text = ("란신과기는 물류 로봇을 개발하는 기업이다. 란신과기는 올해 공장을 세웠다. "
            "현재 휴머노이드 로봇은 양산 단계에 접어들어 활용 분야가 넓어지고 있다.\n")
    got = develops(nlp, text)
    assert ("란신과기", "휴머노이드 로봇") not in got


def test_a_named_developer_still_develops(nlp):
    got = develops(nlp, "올해 란신과기가 물류 로봇을 개발해 시장에 내놓았다.\n")
    assert ("란신과기", "물류 로봇") in got or ("란신과기", "로봇") in got
