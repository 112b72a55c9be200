"""Place names that are also ordinary Korean words, read as places from the words after them
(``kg_place_context``). The sentences are invented."""
from __future__ import annotations

import pytest

from .conftest import mentions as ents




@pytest.mark.parametrize("text,name", [
    ("그는 상해 소재 투자사와 만났다.", "상해"),
    ("무한에 위치한 공장을 세웠다.", "무한"),
    ("청도에 본사를 둔 회사다.", "청도"),
    ("천진 현지 법인이 문을 열었다.", "천진"),
])
def test_an_ambiguous_place_word_with_a_place_context_is_a_city(nlp, text, name):
    assert (name, "City") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "그는 사고로 상해를 입었다.",
    "무한한 가능성이 있다.",
    "청도 좋다고 말했다.",
])
def test_the_ordinary_word_stays_a_word(nlp, text):
    assert not any(label == "City" for _, label in ents(nlp, text))


@pytest.mark.parametrize("text,name", [
    ("물류 거점은 베이징, 칭다오, 지난에 있다.", "지난"),
    ("연구소 세 곳(선양, 다롄, 지난)을 세웠다.", "지난"),
    ("지난·칭다오 등 산둥의 도시가 성장했다.", "지난"),
])
def test_an_ambiguous_city_word_listed_with_cities_is_a_city(nlp, text, name):
    assert (name, "City") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "베이징, 지난 5 년간 판매가 늘었다.",
    "사장의 지시에 따라 전장 부품 사업을 넓혔다.",
    "화성 탐사선과 대북 정책이 화제가 됐다.",
])
def test_a_common_word_next_to_a_city_stays_a_word(nlp, text):
    assert not any(label == "City" and t != "베이징" for t, label in ents(nlp, text))
