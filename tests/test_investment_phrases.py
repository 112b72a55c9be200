"""Investments in news phrasings read by ``investment_phrases``: a relative clause (X가
투자한 A), the target as topic (A에는 X가 투자했다), a major shareholder (X는 A의
최대주주), money raised from a list (A는 X, Y 등으로부터 … 조달했다).

Every sentence is invented for these tests (names found by their heads: …과기, …캐피털).
"""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def invests(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "invests_in"}


def test_relative_clause_investor(nlp):
    assert ("화성캐피털", "란신과기") in invests(nlp, "화성캐피털이 투자한 란신과기는 로봇을 만든다.\n")
    assert ("화성캐피털", "란신과기") in invests(nlp, "화성캐피털이 지분 30%를 보유한 란신과기는 로봇을 만든다.\n")


def test_relative_clause_of_another_verb_is_no_investment(nlp):
    assert ("화성캐피털", "란신과기") not in invests(nlp, "화성캐피털이 방문한 란신과기는 로봇을 만든다.\n")


def test_target_as_topic(nlp):
    got = invests(nlp, "란신과기에는 화성캐피털과 하이란벤처스가 투자했다.\n")
    assert got >= {("화성캐피털", "란신과기"), ("하이란벤처스", "란신과기")}


def test_major_shareholder(nlp):
    assert ("화성캐피털", "란신과기") in invests(nlp, "화성캐피털은 란신과기의 최대주주다.\n")
    assert ("화성캐피털", "하이란그룹") in invests(nlp, "하이란그룹의 최대주주인 화성캐피털은 올해 새 펀드를 만들었다.\n")


def test_customer_is_no_shareholder(nlp):
    assert ("화성캐피털", "란신과기") not in invests(nlp, "화성캐피털은 란신과기의 최대 고객이다.\n")


def test_money_raised_from_a_list(nlp):
    got = invests(nlp, "란신과기는 화성캐피털, 하이란벤처스 등으로부터 3억 위안을 조달했다.\n")
    assert got >= {("화성캐피털", "란신과기"), ("하이란벤처스", "란신과기")}


def test_parts_bought_from_a_supplier_are_no_investment(nlp):
    got = invests(nlp, "란신과기는 하이란과기로부터 부품을 공급받았다.\n")
    assert ("하이란과기", "란신과기") not in got


def test_relative_clause_does_not_reach_past_a_marked_word(nlp):
    got = invests(nlp, "화성캐피털이 투자한 이 업체는 하이란과기와 협력한다.\n")
    assert ("화성캐피털", "하이란과기") not in got
