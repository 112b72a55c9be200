"""Places listed as the members of a larger place (``member_lists``): a parenthesis of
places after a region, a list of cities after a province that ends in a city noun, and
"the cities of P are …". Every sentence is invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document, mentions


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


def test_parenthesis_of_cities_after_a_region(nlp):
    got = located(nlp, "조사 대상은 징진지(베이징, 톈진, 스자좡)에서 세 곳이 포함되었다.\n")
    assert {("베이징", "징진지"), ("톈진", "징진지"), ("스자좡", "징진지")} <= got


def test_unknown_name_before_a_list_of_places_is_a_region(nlp):
    text = "이번 순위에서 중위안권(정저우, 뤄양, 카이펑)에서 3곳이 올랐다.\n"
    assert ("중위안권", "Region") in mentions(nlp, text)
    assert ("정저우", "중위안권") not in mentions(nlp, text)  # the members are no names of it
    got = located(nlp, text)
    assert {("정저우", "중위안권"), ("뤄양", "중위안권"), ("카이펑", "중위안권")} <= got


def test_districts_in_parenthesis_after_a_city(nlp):
    got = located(nlp, "베이징(하이뎬구, 차오양구)에는 연구소가 많다.\n")
    assert {("하이뎬구", "베이징"), ("차오양구", "베이징")} <= got


def test_parenthesis_with_other_words_is_no_member_list(nlp):
    got = located(nlp, "징진지(베이징, 톈진 외 다수 지역 포함)에서 회의가 열렸다.\n")
    assert ("베이징", "징진지") not in got


def test_cities_after_a_province_with_a_count_of_cities(nlp):
    got = located(nlp, "허난성은 정저우·뤄양·카이펑 3 개 도시의 연계를 추진한다.\n")
    assert {("정저우", "허난성"), ("뤄양", "허난성"), ("카이펑", "허난성")} <= got


def test_province_then_a_city_without_a_city_noun(nlp):
    got = located(nlp, "허난성은 정저우, 뤄양과 협력을 추진한다.\n")
    assert ("정저우", "허난성") not in got


def test_ranking_of_the_cities_of_a_country(nlp):
    got = located(nlp, "중국의 상위 4 개 도시는 항저우(80 개), 난징(71 개), 허페이(60 개), 시안(52 개) 순이다.\n")
    assert {("항저우", "중국"), ("난징", "중국"), ("허페이", "중국"), ("시안", "중국")} <= got


def test_a_list_with_a_company_is_no_list_of_cities(nlp):
    got = located(nlp, "중국의 주요 도시는 항저우, 보룬생물과기유한회사 등이다.\n")
    assert ("항저우", "중국") not in got


def test_parenthesis_after_a_region_noun_with_an_unnamed_member(nlp):
    # 청위 지역(…): the parenthesis follows the region's noun; 다른곳 is a word no rule names
    got = located(nlp, "보고서에서 징진지 지역(베이징, 톈진, 다른곳)에서 세 곳이 포함되었다.\n")
    assert {("베이징", "징진지 지역"), ("톈진", "징진지 지역")} <= got or \
        {("베이징", "징진지"), ("톈진", "징진지")} <= got


def test_parenthesis_naming_a_company_is_no_member_list(nlp):
    got = located(nlp, "징진지(베이징, 보룬생물과기유한회사)에서 회의가 열렸다.\n")
    assert ("베이징", "징진지") not in got
