"""Boundaries of long names kg's reference data does not know (``kg_name_grammar``).

Every name here is invented; only the places (쑤저우, 항저우, 말레이시아 …) and the zone kinds
are real words.
"""
from __future__ import annotations

import pytest

from .conftest import mentions as ents




@pytest.mark.parametrize("text,name", [
    ("선전시는 쥔허(君河) 과학기술혁신협력구를 조성했다.", "쥔허(君河) 과학기술혁신협력구"),
    ("회사는 다러우(大楼) 신경제산업기능구에 본사를 둔다.", "다러우(大楼) 신경제산업기능구"),
    ("바이창(白场) 국제과학교육도시는 넓다.", "바이창(白场) 국제과학교육도시"),
])
def test_bracketed_chinese_name_inside_a_zone_name(nlp, text, name):
    found = ents(nlp, text)
    assert (name, "Park") in found
    zh = name[name.index("(") + 1:name.index(")")]
    assert (zh, "Park") in found  # the bracketed Chinese name is the zone's alias, not a city or company
    assert not any(label in ("City", "Company") for _, label in found if _ != "선전시")


def test_a_zone_named_after_a_city_is_left_to_the_city_rules(nlp):
    # the city stays an entity of its own (the guidelines annotate it, and the zone's
    # located_in it); the bracketed-zone grammar does not swallow it
    found = ents(nlp, "우시(无锡) 하이테크구의 기업이다.")
    assert ("우시", "City") in found
    assert not any(label == "Park" and "(" in name for name, label in found)


def test_zone_inside_a_named_zone_keeps_the_outer_name(nlp):
    found = ents(nlp, "중관춘 쑹린(松林)단지이며 면적은 넓다.")
    assert ("중관춘 쑹린(松林)단지", "Park") in found
    assert ("중관춘", "Park") not in found


def test_no_zone_across_a_verb_or_from_a_rank(nlp):
    found = ents(nlp, "선전(深圳)에 위치한 하이테크구는 크다. 시급(市级) 산업단지도 있다.")
    assert not any(label == "Park" for _, label in found)


def test_company_with_its_place_in_brackets_before_the_legal_suffix(nlp):
    text = "쑤저우에는 밍타이바이오(쑤저우)유한회사(明泰生物(苏州)有限公司) 등이 있다."
    found = ents(nlp, text)
    assert ("밍타이바이오(쑤저우)유한회사", "Company") in found
    assert ("明泰生物(苏州)有限公司", "Company") in found
    assert ("밍타이바이오", "City") not in found


def test_chinese_company_with_its_place_in_brackets(nlp):
    found = ents(nlp, "투자 대상은 星河智联(杭州)有限公司이다.")
    assert ("星河智联(杭州)有限公司", "Company") in found


def test_place_between_a_name_and_the_legal_suffix_is_part_of_the_name(nlp):
    found = ents(nlp, "회사는 싱허로보틱스 말레이시아 유한공사를 세웠다.")
    assert ("싱허로보틱스 말레이시아 유한공사", "Company") in found
    assert ("말레이시아 유한공사", "Company") not in found


@pytest.mark.parametrize("text,name", [
    ("㈜한빛소재와 계약했다.", "한빛소재"),
    ("(주)대온정밀은 상장했다.", "대온정밀"),
    ("한결바이오(주)가 참여했다.", "한결바이오"),
])
def test_korean_company_marker(nlp, text, name):
    found = ents(nlp, text)
    assert (name, "Company") in found
    assert ("주", "Company") not in found


# -- type from context (kg_name_context) -----------------------------------------------------

def test_quoted_name_with_a_product_tail_is_one_product(nlp):
    found = ents(nlp, "회사는 자체 개발한 차량용 ‘쥔러(君乐)OS’를 기반으로 협력을 넓혔다.")
    assert ("쥔러(君乐)OS", "Product") in found
    assert not any(label == "Company" for _, label in found)


def test_quoted_name_before_a_product_word_is_a_product(nlp):
    found = ents(nlp, "‘샤오허자오(小河造)’ 자율주행차는 하루 200 명을 태운다.")
    assert ("샤오허자오", "Product") in found
    assert ("小河造", "Product") in found
    assert ("샤오허자오", "Company") not in found


def test_quoted_name_before_a_company_word_stays_no_product(nlp):
    found = ents(nlp, "‘밍후(明湖)’ 로봇 기업이 투자를 받았다.")
    assert not any(label == "Product" for _, label in found)


@pytest.mark.parametrize("text,name", [
    ("중국 이차전지 소재 업체 진룽과 업무협약을 맺었다.", "진룽"),
    ("이차전지 장비 업체 씨에이티도 합작했다.", "씨에이티"),
])
def test_unknown_name_after_a_company_word_is_a_company(nlp, text, name):
    assert (name, "Company") in ents(nlp, text)


@pytest.mark.parametrize("text", ["한 업체 관계자는 말했다.", "이 업체는 크다.", "그 기업 가치는 크다."])
def test_common_words_after_a_company_word_are_no_company(nlp, text):
    assert not any(label == "Company" for _, label in ents(nlp, text))


def test_quoted_name_keeps_its_leading_word(nlp):
    found = ents(nlp, "회사는 글로벌 투자사 ‘7 하이츠 캐피탈(7 Heights Capital)’과 손잡았다.")
    assert ("7 하이츠 캐피탈", "Investor") in found
    assert ("하이츠 캐피탈", "Investor") not in found



@pytest.mark.parametrize("text,name,zh", [
    ("회사는 충칭시 밍란구(明兰区)에 공장을 세웠다.", "밍란구", "明兰区"),
    ("본사는 허베이성 타오샹현(桃香县)에 있다.", "타오샹현", "桃香县"),
    ("쑤저우 인근 란허시(兰河市)에 연구소가 있다.", "란허시", "兰河市"),
    ("본사는 청두시(成都市) 진뉴구(金牛区)에 있다.", "진뉴구", "金牛区"),
])
def test_district_or_county_with_its_chinese_name_is_a_city(nlp, text, name, zh):
    found = ents(nlp, text)
    assert (name, "City") in found
    assert (zh, "City") in found


@pytest.mark.parametrize("text", [
    "회사는 밍란신구(明兰新区)에 공장을 세웠다.",
    "회사는 밍란개발구(明兰开发区)에 공장을 세웠다.",
])
def test_zone_or_mismatched_kind_is_no_district(nlp, text):
    assert not any(label == "City" for _, label in ents(nlp, text))


@pytest.mark.parametrize("text", [
    "창장삼각주 국가급 고신구는 혁신을 이끈다.",
    "주장삼각주 국가급 경제기술개발구 20곳이 참여했다.",
])
def test_zones_named_only_by_a_country_or_economic_region_are_a_class_not_a_park(nlp, text):
    found = ents(nlp, text)
    assert not any(label in ("Park", "City") for _, label in found)
    assert any(label == "Region" for _, label in found)


def test_a_zone_named_by_its_province_or_own_name_stays_a_park(nlp):
    assert ("밍란 하이테크구", "Park") in ents(nlp, "밍란 하이테크구는 넓다.")
    assert ("광둥 자유무역시험구", "Park") in ents(nlp, "광둥 자유무역시험구는 넓다.")


@pytest.mark.parametrize("text,short", [
    ("부처가 주최한 밍란하이테크산업개발구(이하 밍란 고신구) 회의가 열렸다.", "밍란 고신구"),
])
def test_the_hereafter_word_is_no_name(nlp, text, short):
    found = ents(nlp, text)
    assert not any(t.startswith("이하") for t, _ in found)
    assert any(t == short for t, _ in found)
