"""What a company develops, from news phrasings read by ``develop_phrases``: a business
description with product words before the name (T 장비 업체 A), a focus (T 중심의 A, T를
주력으로 하는 A), making (A는 T를 제조·판매), the topic's predicate noun (A는 … T 기업이다)
and a launch (A는 신형 T '…'를 공개).

Every sentence is invented for these tests (names found by their heads: …과기, …테크).
"""
from __future__ import annotations

from extraction.components.develop_phrases import described_maker, described_topic, launched, made_by_topic
from extraction.candidates import Mention
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


def _pairs(text: str, rels) -> set[tuple[str, str]]:
    return {(text[r.subject[0]:r.subject[1]], text[r.object[0]:r.object[1]]) for r in rels}


def test_product_words_between_technology_and_company_noun(nlp):
    assert ("하이란과기", "반도체") in develops(nlp, "중국 반도체 소재 업체 하이란과기는 올해 매출이 늘었다.\n")


def test_focus_before_the_name(nlp):
    assert ("란신과기", "산업용 로봇") in develops(nlp, "산업용 로봇 중심의 란신과기는 7억 위안을 조달했다.\n")


def test_making_said_of_the_topic(nlp):
    assert ("란신과기", "음극재") in develops(nlp, "란신과기는 자체 공장에서 음극재를 직접 제조·판매한다.\n")


def test_launch_of_a_named_product(nlp):
    assert ("란신과기", "휴머노이드 로봇") in develops(
        nlp, "란신과기는 최근 신형 휴머노이드 로봇 '샤오란 X1'을 공개했다.\n")


def test_predicate_noun_of_the_topic(nlp):
    got = develops(nlp, "란신과기는 량장신구에 입주해 있는 반도체 기업이다.\n")
    assert ("란신과기", "반도체") in got


def test_list_before_a_description():
    text = "란신과기, 하이란과기 등 드론 장비 업체가 참가했다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company"),
          _mention(text, "드론", "Technology")]
    got = _pairs(text, described_maker(text, (0, len(text)), ms))
    assert got == {("란신과기", "드론"), ("하이란과기", "드론")}


def test_a_trade_is_no_development():
    text = "드론 유통 업체 란신과기는 매장을 늘렸다."
    ms = [_mention(text, "드론", "Technology"), _mention(text, "란신과기", "Company")]
    assert described_maker(text, (0, len(text)), ms) == []


def test_a_particle_between_breaks_the_description():
    text = "드론을 구매한 업체 란신과기는 매장을 늘렸다."
    ms = [_mention(text, "드론", "Technology"), _mention(text, "란신과기", "Company")]
    assert described_maker(text, (0, len(text)), ms) == []


def test_making_denied_or_of_another_actor_is_no_development():
    text = "란신과기는 양극재를 생산하지 않는다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "양극재", "Technology")]
    assert made_by_topic(text, (0, len(text)), ms) == []
    text = "란신과기는 하이란과기와 함께 양극재를 생산한다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company"),
          _mention(text, "양극재", "Technology")]
    assert made_by_topic(text, (0, len(text)), ms) == []


def test_launch_needs_a_topic_and_a_launch_verb():
    text = "신형 드론 '스카이원'을 공개했다."
    ms = [_mention(text, "드론", "Technology")]
    assert launched(text, (0, len(text)), ms) == []
    text = "란신과기는 신형 드론 '스카이원'을 구매했다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "드론", "Technology")]
    assert launched(text, (0, len(text)), ms) == []


def test_predicate_noun_of_another_company_is_not_the_topics():
    text = "란신과기는 하이란과기와 같은 드론 기업이다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company"),
          _mention(text, "드론", "Technology")]
    assert described_topic(text, (0, len(text)), ms) == []


def test_what_a_company_offers_holds_or_is_known_for(nlp):
    assert ("란신과기", "자율주행") in develops(nlp, "자율주행 솔루션을 제공하는 란신과기는 투자를 유치했다.\n")
    assert ("란신과기", "사족보행 로봇") in develops(nlp, "란신과기는 사족보행 로봇으로 유명한 기업이다.\n")


def test_every_coordinated_topic_launches(nlp):
    got = develops(nlp, "란신과기와 하이란과기는 휴머노이드 로봇을 선보였다.\n")
    assert {("란신과기", "휴머노이드 로봇"), ("하이란과기", "휴머노이드 로봇")} <= got
