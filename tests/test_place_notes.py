"""A place in the parenthesis after a name (``A(중국)``, ``A(선전)``) says where A is: it is no
other name of A (``kg_apposition``), A keeps its own type, and A is located in the place
(``place_phrases.headquarters_note``).

Every company name here is invented; only the places are real.
"""
from __future__ import annotations

import pytest

from .conftest import mentions
from .test_place_phrases import located


@pytest.mark.parametrize("text,name,place", [
    ("배터리 기업 루이칭(중국)과 소재 기업 한빛케미칼(한국)이 합작사를 설립했다.\n", "루이칭", "중국"),
    ("배터리 기업 루이칭(중국)과 소재 기업 한빛케미칼(한국)이 합작사를 설립했다.\n", "한빛케미칼", "한국"),
    ("제약사 모르벤(프랑스)이 중국 업체와 손을 잡았다.\n", "모르벤", "프랑스"),
    ("센서 업체 쥔허테크(선전)는 시리즈 B 투자를 유치했다.\n", "쥔허테크", "선전"),
])
def test_a_place_in_the_parenthesis_is_where_the_name_is(nlp, text, name, place):
    found = mentions(nlp, text)
    assert (name, "Company") in found
    assert (name, "Region") not in found and (name, "City") not in found
    assert (name, place) in located(nlp, text)


def test_an_investor_keeps_its_head_type(nlp):
    text = "이번 라운드에는 다온벤처스(싱가포르)가 참여했다.\n"
    assert ("다온벤처스", "Investor") in mentions(nlp, text)
    assert ("다온벤처스", "싱가포르") in located(nlp, text)


def test_a_place_with_its_other_place_name_is_unchanged(nlp):
    # 상해(상하이): both are the city; a region with its cities lists members, not a place note
    found = mentions(nlp, "상해(상하이)에는 연구소가 많다.\n")
    assert not any(label == "Company" for _, label in found)
    got = located(nlp, "쥔허테크(중국 선전 대표단 방문)는 로봇을 만든다.\n")
    assert not any(name == "쥔허테크" for name, _ in got)


def test_a_parenthesis_with_a_chinese_name_is_still_an_alias(nlp):
    found = mentions(nlp, "쥔허테크(君合科技)는 로봇을 만든다.\n")
    assert ("쥔허테크", "Company") in found and ("君合科技", "Company") in found
