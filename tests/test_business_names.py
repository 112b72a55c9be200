"""Companies and investors named bare in news (``kg_business_names``): a category noun before
the name, a title and person after it, a business predicate after it as subject, the source of
money raised, a Latin name with a company word.

Every firm name here is invented; only places, category nouns and predicates are real words.
"""
from __future__ import annotations

import pytest

from extraction.components.business_names import load_business_context

from .conftest import mentions as ents




@pytest.mark.parametrize("text,name,label", [
    ("중국 전기차 업체 루멘타는 새 모델을 공개했다.", "루멘타", "Company"),
    ("배터리 소재 업체 코라벨신소재는 공장을 가동한다.", "코라벨신소재", "Company"),
    ("로봇 스타트업 Quibble Robo가 시제품을 내놨다.", "Quibble Robo", "Company"),
    ("두 회사는 합작사 자오린뉴텍바이오를 세웠다.", "자오린뉴텍바이오", "Company"),
    ("상하이 소재 투자사 ‘9 큐브 캐피탈’과 손잡았다.", "9 큐브 캐피탈", "Investor"),
    ("벤처캐피털 피노베스트가 참여했다.", "피노베스트", "Investor"),
])
def test_a_category_noun_before_the_name(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "업체 관계자는 수요가 늘었다고 말했다.",
    "국내 기업 대부분은 신중하다.",
    "그는 '한국 혁신 기업 K페어데이' 행사를 열었다.",  # an event title: 페어데이 is one word
])
def test_no_name_from_a_common_word_or_a_cut_word_after_a_category(nlp, text):
    assert not any(label in ("Company", "Investor") for _, label in ents(nlp, text))


@pytest.mark.parametrize("text,name", [
    ("바르토메디 대표 김서준은 상장을 준비한다고 밝혔다.", "바르토메디"),
    ("노바시크(대표 박지훈)는 시제품을 만들었다.", "노바시크"),
    ("크레스토닉 측은 사실이 아니라고 밝혔다.", "크레스토닉"),
])
def test_a_title_and_person_or_a_spokes_word_after_the_name(nlp, text, name):
    assert (name, "Company") in ents(nlp, text)


def test_a_title_that_is_no_title_names_nothing(nlp):
    # 대표 기업: "representative company", 기업 is no person
    found = ents(nlp, "바르토메디 대표 기업들이 모였다.")
    assert ("바르토메디", "Company") not in found


@pytest.mark.parametrize("text,name,label", [
    ("최근 휴메디악은 시리즈B 투자를 유치했다.", "휴메디악", "Company"),
    ("업계에 따르면 GK바이오텍은 신약을 출시했다.", "GK바이오텍", "Company"),
    ("올해 세레노바는 상하이에 공장을 세운다.", "세레노바", "Company"),
    ("지난해 오르비탈캡은 로봇 스타트업 두 곳에 투자했다.", "오르비탈캡", "Investor"),
    ("올해 카르미온은 신규 라인을 착공했다.", "카르미온", "Company"),
])
def test_a_subject_with_a_business_predicate(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "샤오미 회장 레이밍은 밝혔다. 레이밍은 신제품을 출시했다.",  # a person the document titled
    "이번 협력으로 양사는 제품을 출시했다.",  # a common word
    "그는 휴메디악과 함께 신제품을 출시했다.",  # not the subject of the clause
    "휴메디악은 좋은 평가를 받았다.",  # no business predicate
])
def test_no_subject_name_without_the_grammar(nlp, text):
    found = ents(nlp, text)
    assert not any(label in ("Company", "Investor") and name in ("레이밍", "양사", "휴메디악")
                   for name, label in found)


def test_the_source_of_money_raised_is_an_investor(nlp):
    found = ents(nlp, "그 회사는 중국 아이브릭스로부터 300억 원의 자금을 유치했다.")
    assert ("아이브릭스", "Investor") in found


@pytest.mark.parametrize("text,name,label", [
    ("Lunaris AI는 새 모델을 발표했다.", "Lunaris AI", "Company"),
    ("Brightwater Robotics의 로봇이 팔렸다.", "Brightwater Robotics", "Company"),
    ("Sunpeak Ventures가 참여했다.", "Sunpeak Ventures", "Investor"),
])
def test_latin_name_with_a_company_word(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


def test_a_generic_latin_phrase_is_no_company(nlp):
    found = ents(nlp, "Physical AI와 Embodied AI 시대가 온다.")
    assert not any(label == "Company" for _, label in found)


def test_context_words_are_data():
    ctx = load_business_context()
    assert {"category_company", "category_investor", "title", "side", "predicate_company",
            "predicate_investor", "funding_noun"} <= set(ctx)
    assert "투자사" in ctx["category_investor"] and "출시" in ctx["predicate_company"]


def test_who_leads_or_joins_a_round_is_an_investor(nlp):
    found = ents(nlp, "이번 시리즈B 투자는 세븐파인이 주도했고 루미엘, Arcsight 등이 참여했다.")
    assert {("세븐파인", "Investor"), ("루미엘", "Investor"), ("Arcsight", "Investor")} <= found


def test_joining_an_event_is_no_investment(nlp):
    found = ents(nlp, "루미엘, 세븐파인 등이 전시회에 참여했다.")
    assert not any(label == "Investor" for _, label in found)


@pytest.mark.parametrize("text,name,label", [
    ("그는 ‘세레노바’라는 스타트업을 세웠다.", "세레노바", "Company"),
    ("플로릭스라는 중국 투자사가 참여했다.", "플로릭스", "Investor"),
])
def test_a_name_called_by_its_category(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


def test_a_word_called_by_a_common_noun_is_no_name(nlp):
    assert not any(label in ("Company", "Investor") for _, label in ents(nlp, "그는 사랑이라는 단어를 썼다."))


def test_a_latin_name_in_lower_camel_case_as_subject(nlp):
    assert ("iRobix", "Company") in ents(nlp, "iRobix는 신제품을 출시했다.")
    assert not any(label == "Company" for _, label in ents(nlp, "ebay는 좋다고 말했다."))


def test_hanhwa_before_an_amount_in_won_is_the_currency(nlp):
    found = ents(nlp, "그 회사는 5억 위안(한화 약 950억 원)을 유치했다.")
    assert not any(name == "한화" for name, _ in found)
    assert ("한화", "Company") in ents(nlp, "한화는 태양광 사업을 키운다.")


@pytest.mark.parametrize("text,name,label", [
    ("중국 루펑증권은 시장을 낙관했다.", "루펑증권", "Company"),
    ("하오린벤처투자가 참여했다.", "하오린벤처투자", "Investor"),
])
def test_a_name_glued_to_a_financial_firm_word(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("text", ["시중은행은 금리를 올렸다.", "인터넷은행이 늘었다.", "증권사 보고서가 나왔다."])
def test_a_common_word_with_a_financial_word_is_no_firm(nlp, text):
    assert not any(label in ("Company", "Investor") for _, label in ents(nlp, text))


def test_group_initials_before_a_financial_firm_belong_to_its_name(nlp):
    assert ("QRS 한빛은행", "Company") in ents(nlp, "QRS 한빛은행은 대출을 늘렸다.")


@pytest.mark.parametrize("text,name", [
    ("그 펀드는 세레노바에 500억 원을 투자했다.", "세레노바"),
    ("그 그룹은 루멘타를 인수했다.", "루멘타"),
    ("회사는 코벤시아와 합작사를 설립했다.", "코벤시아"),
])
def test_the_object_of_a_business_verb(nlp, text, name):
    assert (name, "Company") in ents(nlp, text)


@pytest.mark.parametrize("text", ["회사는 정부와 업무협약을 체결했다.", "그는 사과를 인수했다고 농담했다."])
def test_a_common_word_as_object_is_no_firm(nlp, text):
    assert not any(label == "Company" for _, label in ents(nlp, text))


def test_a_quoted_name_then_its_category(nlp):
    assert ("마르벨리아", "Company") in ents(nlp, "‘마르벨리아’ 업체는 공장을 늘린다.")
    # a quoted event title then other words before 기업 names no company
    assert not any(label == "Company" for _, label in ents(nlp, "‘K페어데이’ 행사 참가 기업이 늘었다."))


def test_a_quoted_category_word_is_no_name(nlp):
    assert not any(label == "Company" for _, label in ents(nlp, "그 회사는 ‘유니콘’ 기업 반열에 올랐다."))


def test_listed_sources_of_money_raised_are_investors(nlp):
    found = ents(nlp, "회사는 세븐파인, 루미엘, 오르카벤처 등으로부터 500억 원의 투자를 유치했다.")
    assert {("세븐파인", "Investor"), ("루미엘", "Investor"), ("오르카벤처", "Investor")} <= found
    # what was received is no money raised
    assert not any(label == "Investor" for _, label in ents(nlp, "그 부품은 세븐파인, 루미엘 등으로부터 받았다."))


def test_co_investors_joined_by_wa_are_investors(nlp):
    found = ents(nlp, "이번 라운드에는 모르가와 비엔타가 공동으로 투자했다.")
    assert {("모르가", "Investor"), ("비엔타", "Investor")} <= found


@pytest.mark.parametrize("text,name", [
    ("노바시크의 기업가치는 10억 달러다.", "노바시크"),
    ("업계는 루멘타의 창업자 김도윤을 주목했다.", "루멘타"),
])
def test_the_owner_of_what_a_firm_has(nlp, text, name):
    assert (name, "Company") in ents(nlp, text)


def test_a_common_word_owning_a_firm_noun_is_no_firm(nlp):
    assert not any(label == "Company" for _, label in ents(nlp, "시장의 매출은 늘었다. 정부의 지분은 줄었다."))
