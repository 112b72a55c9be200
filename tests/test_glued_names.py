"""Names glued to a long, specific head (``kg_patterns``): 다온창업투자, 한결인베스트먼트,
루다로보틱스 are names even when the stem alone reads as ordinary words; generic stems
(청년창업투자, 중소기업창업투자) and round labels (시리즈A 투자) name nobody.

Every name here is invented.
"""
from __future__ import annotations

import pytest

from .conftest import mentions


@pytest.mark.parametrize("text,name,label", [
    ("한빛기술협회는 누리진흥원, 다온창업투자와 함께 대전에서 설명회를 열었다.", "다온창업투자", "Investor"),
    ("등대카페창업투자는 한 가전 기업이 세운 곳이다.", "등대카페창업투자", "Investor"),
    ("이번 투자에는 한결인베스트먼트와 누리벤처스가 참여했다.", "한결인베스트먼트", "Investor"),
    ("로봇 업체 루다로보틱스는 투자를 유치했다.", "루다로보틱스", "Company"),
])
def test_a_stem_glued_to_a_specific_head_is_a_name(nlp, text, name, label):
    assert (name, label) in mentions(nlp, text)


@pytest.mark.parametrize("text", [
    "청년창업투자 지원 사업이 시작됐다.",
    "중소기업창업투자 회사들이 참여했다.",
    "지역투자회사 설립이 늘고 있다.",
])
def test_a_generic_stem_names_nobody(nlp, text):
    assert not any(label in ("Investor", "Company") for _, label in mentions(nlp, text))


@pytest.mark.parametrize("text", ["즈링로보틱스는 시리즈A 투자를 유치했다.", "즈링로보틱스는 프리B 투자를 받았다."])
def test_a_round_label_is_no_investor(nlp, text):
    found = mentions(nlp, text)
    assert ("즈링로보틱스", "Company") in found
    assert not any(label == "Investor" for _, label in found)


@pytest.mark.parametrize("text,name", [
    ("웨이란신에너지와 한국 업체가 합작했다.", "웨이란신에너지"),
    ("한빛케미칼과 누리머티리얼즈가 공급 계약을 맺었다.", "한빛케미칼"),
    ("한빛케미칼과 누리머티리얼즈가 공급 계약을 맺었다.", "누리머티리얼즈"),
])
def test_a_transliterated_stem_with_a_weak_head_or_a_loanword_head(nlp, text, name):
    assert (name, "Company") in mentions(nlp, text)


@pytest.mark.parametrize("text", [
    "바이오소재 시장이 커졌다.",
    "인공지능 기술과 우주항공 산업이 성장한다.",
    "신에너지 차량과 청정에너지 보급이 늘었다.",
])
def test_generic_words_with_a_weak_head_name_nobody(nlp, text):
    assert not any(label == "Company" for _, label in mentions(nlp, text))


def test_a_company_then_the_word_investment_is_no_investor(nlp):
    found = mentions(nlp, "즈링로보틱스 투자에는 국부펀드 싼샤기금도 참여했다.")
    assert ("즈링로보틱스", "Company") in found
    assert not any(n.startswith("즈링로보틱스 ") for n, _ in found)
    assert ("궈성 투자", "Investor") in mentions(nlp, "CICC 캐피탈과 궈성 투자가 참여했다.")
