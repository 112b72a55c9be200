"""A profile's listed customers and partners (``counterpart_lists``), in sentences with no
subject of their own. Every sentence is invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def partners(nlp, text: str) -> set[frozenset[str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {frozenset((doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]]))
            for r in ex.relations if r.predicate == "partners_with"}


def test_listed_customers_of_the_carried_subject(nlp):
    got = partners(nlp, "보룬로보틱스는 산업용 로봇을 만든다. 주요 고객사로는 란신테크, 하이란과기유한회사 등 "
                        "글로벌 기업들이 있으며, 제품은 30 개국에 수출된다.\n")
    assert {frozenset(("보룬로보틱스", "란신테크")), frozenset(("보룬로보틱스", "하이란과기유한회사"))} <= got
    assert frozenset(("란신테크", "하이란과기유한회사")) not in got


def test_customers_of_a_named_owner(nlp):
    got = partners(nlp, "보룬로보틱스의 주요 고객사로는 란신테크, 하이란과기유한회사가 있다.\n")
    assert {frozenset(("보룬로보틱스", "란신테크")), frozenset(("보룬로보틱스", "하이란과기유한회사"))} <= got


def test_carried_subject_cooperates_with_a_listed_kind(nlp):
    got = partners(nlp, "보룬로보틱스는 데이터를 수집한다. 지금은 란신테크, 하이란과기유한회사 등 여러 제조 "
                        "기업들과 협력하여 로봇 시범 사업을 진행한다.\n")
    assert {frozenset(("보룬로보틱스", "란신테크")), frozenset(("보룬로보틱스", "하이란과기유한회사"))} <= got


def test_a_sentence_with_its_own_subject_is_not_given_the_carried_one(nlp):
    got = partners(nlp, "보룬로보틱스는 데이터를 수집한다. 란신테크는 하이란과기유한회사 등 주요 기업들과 협력하고 있다.\n")
    assert frozenset(("보룬로보틱스", "하이란과기유한회사")) not in got
