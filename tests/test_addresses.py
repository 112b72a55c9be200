"""Nested addresses (``addresses``): each level of an address is in the levels before it,
and what is seated at its last level is in its cities and districts too. Every sentence is
invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


ADDRESS = "보룬과기는 중국 우한시(武汉市) 장자구(江夏区) 광구(光谷) 바이오산업단지에 본사를 두고 있다.\n"


def test_each_level_is_in_the_levels_before(nlp):
    got = located(nlp, ADDRESS)
    assert ("장자구", "우한시") in got
    assert ("광구(光谷) 바이오산업단지", "장자구") in got
    assert ("광구(光谷) 바이오산업단지", "우한시") in got


def test_the_seat_is_in_every_city_and_district_of_the_address(nlp):
    got = located(nlp, ADDRESS)
    assert ("보룬과기", "광구(光谷) 바이오산업단지") in got
    assert ("보룬과기", "우한시") in got
    assert ("보룬과기", "장자구") in got


def test_cities_listed_with_spaces_are_no_address(nlp):
    got = located(nlp, "베이징 상하이 광저우 선전에서 행사가 열렸다.\n")
    assert ("상하이", "베이징") not in got and ("광저우", "상하이") not in got


def test_a_district_after_its_city_with_chinese_names(nlp):
    got = located(nlp, "란신테크는 우한시(武汉市) 장자구(江夏区)에 연구소를 열었다.\n")
    assert ("장자구", "우한시") in got
    assert ("란신테크", "우한시") in got
