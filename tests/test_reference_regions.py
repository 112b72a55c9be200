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
