"""Subsidiaries and acquisitions a profile lists without naming the owner in the phrase
(``profile_ownership``). Every sentence is invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def invests(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "invests_in"}


def test_quoted_subsidiary_under_a_profile_heading(nlp):
    got = invests(nlp, "◼ 보룬로보틱스(博伦机器人)\n산업용 소프트웨어를 제공하는 기업이다. "
                       "자회사 ‘란신테크(蓝芯科技)’가 개발한 로봇 모델은 주목받고 있다.\n")
    assert ("보룬로보틱스", "란신테크") in got


def test_acquired_list_under_a_profile_heading(nlp):
    got = invests(nlp, "◼ 보룬로보틱스(博伦机器人)\n2024 년 란신테크(蓝芯科技), 하이란과기(海兰科技) 등 유관 기업들을 "
                       "잇달아 인수합병하며 영역을 넓혔다.\n")
    assert {("보룬로보틱스", "란신테크"), ("보룬로보틱스", "하이란과기")} <= got


def test_subsidiaries_after_their_owner_as_topic(nlp):
    got = invests(nlp, "보룬로보틱스는 설립 1년도 되지 않은 자회사 신생 브랜드 란신테크와 하이란과기를 본사로 "
                       "통합한다고 밝혔다.\n")
    assert {("보룬로보틱스", "란신테크"), ("보룬로보틱스", "하이란과기")} <= got


def test_a_subsidiary_sentence_with_its_own_later_subject_takes_no_carried_owner(nlp):
    got = invests(nlp, "◼ 보룬로보틱스(博伦机器人)\n자회사 설립 이후 란신테크는 하이란과기와 협력했다.\n")
    assert ("보룬로보틱스", "란신테크") not in got and ("보룬로보틱스", "하이란과기") not in got
