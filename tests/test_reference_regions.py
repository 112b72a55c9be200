"""Reference data of regions beyond China's provinces: Korea's provinces (with their short
names: 충북, 경남) and more countries, all written from general knowledge."""
from __future__ import annotations

import pytest

from extraction.reference import load_reference

from .conftest import mentions
from .test_place_phrases import located


@pytest.mark.parametrize("name,rid", [
    ("경기도", "gyeonggi_kr"), ("충북", "chungbuk_kr"), ("충청남도", "chungnam_kr"), ("전북특별자치도", "jeonbuk_kr"),
    ("경남", "gyeongnam_kr"), ("강원도", "gangwon_kr"), ("그리스", "greece"), ("콜롬비아", "colombia"),
])
def test_region_names(name, rid):
    hits = load_reference().lookup(name)
    assert [h.id for h in hits] == [rid] and hits[0].type == "Region"


def test_a_korean_city_after_its_province(nlp):
    text = "경기도 성남시에 본사를 둔 스타트업이 중국에 진출했다.\n"
    assert ("경기도", "Region") in mentions(nlp, text)
    assert ("성남시", "경기도") in located(nlp, text)


@pytest.mark.parametrize("text", ["오만한 태도가 문제다.", "가나다 순으로 적었다."])
def test_country_names_that_are_korean_words(nlp, text):
    assert not any(label == "Region" for _, label in mentions(nlp, text))


def test_more_korean_cities_and_their_ordinary_words(nlp):
    found = mentions(nlp, "경기도 김포와 충북 충주에 공장이 있다.\n")
    assert ("김포", "City") in found and ("충주", "City") in found
    # 양산 (mass production), 경주 (race), 진주 (pearl) are words first
    for text in ("회사는 내년부터 양산에 들어간다.", "진주 목걸이를 샀다.", "경주와 원주에서 행사가 열렸다."):
        assert not any(label == "City" for _, label in mentions(nlp, text))
    # a Korean city keeps no Chinese name that names a Chinese place (光明 is Shenzhen's district)
    assert all(h.id != "gwangmyeong_kr" for h in load_reference().lookup("光明"))
