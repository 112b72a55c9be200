"""Province names that are also ordinary words (저장 "storage", 장시 "long time") are read as
provinces from their neighbours (``kg_place_context``): a city of the province right after
(저장 항저우), another province listed with it (저장, 장쑤, 안후이 / 장쑤·저장), or 중국 before.

The sentences are invented; only the places are real.
"""
from __future__ import annotations

import pytest

from .conftest import mentions


@pytest.mark.parametrize("text,word", [
    ("저장 항저우에 본사를 둔 기업이다.", "저장"),
    ("장시 난창에 공장을 세운다.", "장시"),
    ("이번 행사에는 저장, 장쑤, 안후이 등 지역 기업이 참가했다.", "저장"),
    ("장쑤·저장 지역의 제조업체가 늘었다.", "저장"),
    ("중국 저장 지역에 공장을 세운다.", "저장"),
])
def test_a_province_read_from_its_neighbours(nlp, text, word):
    assert (word, "Region") in mentions(nlp, text)


@pytest.mark.parametrize("text", [
    "데이터 저장 장치 시장이 커졌다.",
    "장시간 회의가 열렸다.",
    "파일을 저장, 전송하는 기능이다.",
    "사진을 저장 서울에서 보냈다.",
])
def test_the_ordinary_word_is_no_place(nlp, text):
    assert not any(label == "Region" for _, label in mentions(nlp, text))


def test_a_city_after_its_province(nlp):
    # 지난 (济南; also "past") right after its province, with a particle after it
    assert ("지난", "City") in mentions(nlp, "산둥 지난에 공장이 있다.")
    assert not any(label == "City" for _, label in mentions(nlp, "지난 5년간 성장했다."))
    assert not any(label == "City" for _, label in mentions(nlp, "도시의 장인 정신이 살아있다."))
