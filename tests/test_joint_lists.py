"""Lists that act together: co-hosts of an event partner with each other; a list of makers
ended by a count and a technology (``A, B 등 10개 이상의 T 대표 기업``) each develop it.
Every sentence is invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def relations(nlp, text: str, predicate: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == predicate}


def test_co_hosts_partner_with_each_other(nlp):
    got = {frozenset(p) for p in relations(
        nlp, "이와 함께 란신테크, 보룬과기, 하이란과기유한회사가 공동 주최한 포럼도 열렸다.\n", "partners_with")}
    assert {frozenset(("란신테크", "보룬과기")), frozenset(("란신테크", "하이란과기유한회사")),
            frozenset(("보룬과기", "하이란과기유한회사"))} <= got


def test_participants_are_no_partners(nlp):
    assert not relations(nlp, "행사에는 란신테크, 보룬과기, 하이란과기유한회사가 참가했다.\n", "partners_with")


def test_a_counted_list_of_makers_develops_the_technology(nlp):
    got = relations(nlp, "행사에는 보룬로보틱스(博伦机器人), 하이란과기(海兰科技), 란신테크(蓝芯科技) 등 10개 이상의 "
                         "휴머노이드 로봇 대표 기업이 참여했다.\n", "develops")
    assert {("보룬로보틱스", "휴머노이드 로봇"), ("하이란과기", "휴머노이드 로봇"), ("란신테크", "휴머노이드 로봇")} <= got


def test_a_counted_list_before_a_technology_and_no_maker_noun_is_no_maker_list(nlp):
    got = relations(nlp, "란신테크는 보룬로보틱스, 하이란과기 등 10개 이상의 휴머노이드 로봇 고객사를 두고 있다.\n", "develops")
    assert ("보룬로보틱스", "휴머노이드 로봇") not in got


def test_quoted_members_after_a_place_and_kind(nlp):
    got = relations(nlp, "이번 행사에 베이징의 하이테크 기업 '보룬과기(博伦科技)'와 '하이란과기(海兰科技)' 두 기업과 "
                         "참가하였다.\n", "located_in")
    assert {("보룬과기", "베이징"), ("하이란과기", "베이징")} <= got
