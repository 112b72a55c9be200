"""Bulleted lists of described items closed by a count and a kind (``bullet_lists``): the
closing phrase's country reaches every item's name, across line breaks. Every sentence is
invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document

LIST = ("발표 세션에서는 ▲(주)보룬테크 의 배터리 팩 기술▲하이란과기 의 방음 소재\n"
        "▲(주)란신테크 의 냉각 시스템 등 총 3\n"
        "개의 한국 소재·부품 분야 기업이 발표했다.\n")


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


def test_every_item_has_the_country_of_the_closing_phrase(nlp):
    got = located(nlp, LIST)
    assert {("보룬테크", "한국"), ("하이란과기", "한국"), ("란신테크", "한국")} <= got


def test_a_closing_phrase_without_a_company_noun_gives_nothing(nlp):
    got = located(nlp, LIST.replace("소재·부품 분야 기업이 발표했다", "도시에서 열렸다"))
    assert ("보룬테크", "한국") not in got


def test_bullets_of_an_earlier_sentence_are_not_reached(nlp):
    text = ("지난해에는 ▲보룬테크 의 배터리 ▲하이란과기 의 소재를 소개했다. 올해는 란신테크 등 총 3\n"
            "개의 한국 혁신 기업이 참가했다.\n")
    got = located(nlp, text)
    assert ("보룬테크", "한국") not in got and ("하이란과기", "한국") not in got
