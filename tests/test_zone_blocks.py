"""What a zone's profile lists as built or grown in it (``zone_blocks``). Every sentence is
invented for these tests (zone and company names made up, found by their heads)."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


def test_zone_topic_builds_listed_platforms(nlp):
    text = ("란창 하이테크구는 연구 역량을 키우며, 보룬과기, 하이란과기유한회사, 란신테크 등 주요 플랫폼 "
            "구축을 추진하고 있다.\n")
    got = located(nlp, text)
    assert {("보룬과기", "란창 하이테크구"), ("하이란과기유한회사", "란창 하이테크구"), ("란신테크", "란창 하이테크구")} <= got


def test_block_zone_reaches_a_list_of_grown_companies(nlp):
    text = ("란창 하이테크구는 2015 년에 설립되었다.\n"
            "이러한 생태계 속에서 보룬과기, 하이란과기유한회사 등 선도기업들이 잇달아 성장하였다.\n")
    got = located(nlp, text)
    assert {("보룬과기", "란창 하이테크구"), ("하이란과기유한회사", "란창 하이테크구")} <= got


def test_a_sentence_with_its_own_place_is_not_read_with_the_block_zone(nlp):
    text = ("란창 하이테크구는 2015 년에 설립되었다.\n"
            "한편 베이징에서는 보룬과기, 하이란과기유한회사 등 선도기업들이 잇달아 성장하였다.\n")
    got = located(nlp, text)
    assert ("보룬과기", "란창 하이테크구") not in got


def test_a_list_without_a_verb_of_building_or_growing(nlp):
    text = "란창 하이테크구는 보룬과기, 하이란과기유한회사 등 기업과 협력 방안을 논의했다.\n"
    got = located(nlp, text)
    assert ("보룬과기", "란창 하이테크구") not in got
