"""News prose relations: funding rounds and ownership (``ownership``), lists and
coordination (``coordination``, member lists in ``apposition``, middle dots in
``normalize``), clause boundaries (``clauses``) and topics across headings (``topics``).

Every sentence is written for these tests with invented names (루이신테크, 톈청그룹,
밍신반도체, 화강벤처스 …), found by their heads; one test per pattern, and negative cases:
interest, talks and plans under consideration are no investments, a service relation is no
partnership, and a relation stays in the clause and the block that state it.
"""
from __future__ import annotations

import pytest

from extraction.extract import extract_mentions

from .conftest import document


def found(nlp, text: str, predicate: str | None = None) -> set[tuple[str, str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if predicate is None or r.predicate == predicate}


def mentions(nlp, text: str):
    doc = document("t.txt", text)
    return extract_mentions(doc, nlp).mentions


def pairs(triples) -> set[frozenset[str]]:
    return {frozenset((s, o)) for s, p, o in triples if p == "partners_with"}


# -- funding rounds and ownership -----------------------------------------------------------

def test_coordinated_investors_each_invest(nlp):
    got = found(nlp, "루이신테크는 톈청그룹과 밍신반도체의 투자를 받았다.\n", "invests_in")
    assert got == {("톈청그룹", "invests_in", "루이신테크"), ("밍신반도체", "invests_in", "루이신테크")}


def test_round_led_and_joined(nlp):
    text = "루이신테크는 밍신캐피탈이 주도한 시리즈 B에 톈청캐피탈, 화강벤처스, 윈펑투자가 참여했다고 밝혔다.\n"
    got = found(nlp, text, "invests_in")
    assert got == {(x, "invests_in", "루이신테크") for x in ("밍신캐피탈", "톈청캐피탈", "화강벤처스", "윈펑투자")}


def test_investor_roster(nlp):
    got = found(nlp, "루이신테크의 투자자 명단에는 톈청캐피탈, 화강벤처스가 이름을 올렸다.\n", "invests_in")
    assert got == {("톈청캐피탈", "invests_in", "루이신테크"), ("화강벤처스", "invests_in", "루이신테크")}


def test_joint_venture_founders_invest_and_partner(nlp):
    got = found(nlp, "루이신테크는 지난해 톈청그룹과 공동으로 합작사 밍신반도체를 설립했다.\n")
    assert ("루이신테크", "invests_in", "밍신반도체") in got
    assert ("톈청그룹", "invests_in", "밍신반도체") in got
    assert pairs(got) == {frozenset(("루이신테크", "톈청그룹"))}  # co-owners, not owner and JV


def test_joint_venture_with_unnamed_partner(nlp):
    got = found(nlp, "톈청그룹은 2019년 중국 기업과 함께 합작사 밍신반도체를 설립하고 생산을 시작했다.\n")
    assert ("톈청그룹", "invests_in", "밍신반도체") in got
    assert not pairs(got)


def test_subsidiary_named_after_its_noun(nlp):
    got = found(nlp, "톈청그룹은 지난해 중국 내 자회사 밍신반도체 증설 계획을 발표했다.\n", "invests_in")
    assert got == {("톈청그룹", "invests_in", "밍신반도체")}


def test_founder_of_named_institute(nlp):
    got = found(nlp, "화강연구원은 2017년 톈청그룹이 설립한 밍신반도체의 모회사다.\n", "invests_in")
    assert ("톈청그룹", "invests_in", "밍신반도체") in got


@pytest.mark.parametrize("text", [
    "루이신테크는 톈청그룹 인수를 검토하고 있다.\n",
    "루이신테크는 톈청그룹에 대한 투자에 관심을 보였다.\n",
    "루이신테크는 톈청그룹과의 투자 협상을 진행 중이다.\n",
    "루이신테크는 톈청캐피탈과 합작사 설립을 논의하고 있다.\n",
])
def test_interest_talks_and_plans_are_no_investment(nlp, text):
    assert not found(nlp, text, "invests_in")


def test_service_relation_is_no_partnership(nlp):
    got = found(nlp, "루이신테크는 IPO 주관사로 톈청증권을 선정했다.\n")
    assert not pairs(got)


# -- lists and coordination ---------------------------------------------------------------------

def test_count_member_list_gives_companies_not_aliases(nlp):
    text = "주최측이 선정한 한국 혁신 기업 5개사(Nuvolink, 케이바이오텍, Orbisense, 한빛로보틱스, Tessaract)가 참여했다.\n"
    ms = mentions(nlp, text)
    names = {m.text: m for m in ms}
    for name in ("Nuvolink", "케이바이오텍", "Orbisense", "한빛로보틱스", "Tessaract"):
        assert names[name].label == "Company" and names[name].alias_of is None
    assert "5개사" not in names
    got = found(nlp, text, "located_in")
    assert got == {(n, "located_in", "한국") for n in ("Nuvolink", "케이바이오텍", "Orbisense", "한빛로보틱스", "Tessaract")}


def test_member_list_after_a_count_is_located_together(nlp):
    got = found(nlp, "중국 기업 3곳(루이신테크, 톈청그룹, 밍신반도체)이 베이징에 입주했다.\n", "located_in")
    for n in ("루이신테크", "톈청그룹", "밍신반도체"):
        assert (n, "located_in", "베이징") in got
        assert (n, "located_in", "중국") in got


@pytest.mark.parametrize("dot", ["·", "∙", "ㆍ", "・"])
def test_middle_dot_list_reaches_every_member(nlp, dot):
    text = f"중국 배터리 기업 루이신테크{dot}톈청그룹{dot}밍신반도체가 전시회에 참가했다.\n"
    got = found(nlp, text, "located_in")
    assert got == {(n, "located_in", "중국") for n in ("루이신테크", "톈청그룹", "밍신반도체")}


def test_counterpart_list_members_are_not_each_others_partners(nlp):
    text = "루이신테크는 기술을 개발해 톈청모터스, 화강모터스, 밍신테크 등에 제공하는 제휴를 맺었다.\n"
    got = pairs(found(nlp, text))
    assert not any("루이신테크" not in p for p in got)


# -- clauses -------------------------------------------------------------------------------------

def test_partner_stays_in_its_clause(nlp):
    text = "루이신테크는 로봇을 공개하며 양산을 시작했고, 톈청그룹은 밍신반도체의 AI를 탑재할 계획이다.\n"
    got = pairs(found(nlp, text))
    assert frozenset(("톈청그룹", "밍신반도체")) in got
    assert frozenset(("루이신테크", "밍신반도체")) not in got


def test_co_subjects_each_with_a_third_are_not_paired(nlp):
    got = pairs(found(nlp, "루이신테크와 톈청그룹은 각각 밍신반도체와 협력 계약을 맺었다.\n"))
    assert got == {frozenset(("루이신테크", "밍신반도체")), frozenset(("톈청그룹", "밍신반도체"))}


# -- topics across headings ----------------------------------------------------------------------

def test_profile_block_keeps_its_subject(nlp):
    text = ("올해 로봇 기업의 자금 조달이 늘었다고 밍신데일리가 보도했다.\n\n대표 기업별 투자 사례\n\n"
            "루이신테크(Ruixin): 프리IPO 단계에서 7억 위안 규모의 투자를 완료했으며, 톈청캐피탈, 화강벤처스 등 "
            "주요 투자사가 참여했다.\n\n"
            "톈청로보틱스(Tiancheng): 선전에 본사를 둔 이 업체는 윈펑캐피탈로부터 11억 위안 투자를 받았다.\n")
    got = found(nlp, text)
    assert ("톈청캐피탈", "invests_in", "루이신테크") in got
    assert ("화강벤처스", "invests_in", "루이신테크") in got
    assert ("윈펑캐피탈", "invests_in", "톈청로보틱스") in got
    assert ("톈청로보틱스", "located_in", "선전") in got
    assert not any(o == "밍신데일리" for s, p, o in got)
    assert ("윈펑캐피탈", "located_in", "선전") not in got


def test_subject_not_carried_past_a_heading(nlp):
    text = "톈청그룹은 배터리를 만든다.\n\n투자 동향\n\n화강벤처스, 윈펑캐피탈 등이 참여했다.\n"
    assert not found(nlp, text, "invests_in")


def test_zone_heading_and_here(nlp):
    text = ("밍신 과학시티\n\n화강전자, 윈펑소프트 등 기업들이 이곳에 연구센터를 설립했다. "
            "밍신 과학시티는 톈청대학교, 화강연구원을 비롯한 대학과 연구기관을 보유하고 있다.\n")
    got = found(nlp, text, "located_in")
    for n in ("화강전자", "윈펑소프트", "톈청대학교", "화강연구원"):
        assert (n, "located_in", "밍신 과학시티") in got


def test_parenthesis_after_a_place_or_a_count_lists_members():
    from extraction.components.apposition import _member_list

    three = [(0, 2, "ko"), (4, 6, "ko"), (8, 10, "ko")]
    assert _member_list("광둥성", three, place=True) == [(0, 2), (4, 6), (8, 10)]
    assert _member_list("7개사", [(0, 2, "en"), (4, 6, "abbrev")], place=False) == [(0, 2), (4, 6)]
    # other names of one company, or a Chinese name among the parts: aliases as before
    assert _member_list("루이신테크", [(0, 2, "en"), (4, 6, "abbrev")], place=False) is None
    assert _member_list("광둥성", [(0, 2, "zh"), (4, 6, "en")], place=True) is None


def test_quoted_joint_venture_named_after_a_parent(nlp):
    text = ("루이신테크는 이날 “로봇을 개발하는 합작사를 톈청그룹과 공동으로 ‘루이신 오토’를 "
            "설립키로 했다”고 밝혔다.\n")
    names = {m.text: m for m in mentions(nlp, text)}
    assert names["루이신 오토"].label == "Company"
    got = found(nlp, text)
    assert ("루이신테크", "invests_in", "루이신 오토") in got
    assert ("톈청그룹", "invests_in", "루이신 오토") in got
    assert pairs(got) == {frozenset(("루이신테크", "톈청그룹"))}


def test_quoted_plan_is_no_company(nlp):
    names = {m.text for m in mentions(nlp, "루이신테크는 2017년 ‘밍신 계획’을 발표하고 ‘화강 센터’를 설립했다.\n")}
    assert "밍신 계획" not in names and "화강 센터" not in names


def test_place_part_before_a_location_clause(nlp):
    got = found(nlp, "베이징 서북부에 위치한 밍신 과학시티는 혁신 구역이다.\n", "located_in")
    assert ("밍신 과학시티", "located_in", "베이징") in got


def test_deal_with_a_list_of_counterparts_reaches_the_carried_subject(nlp):
    text = ("루이신테크는 2019년 로봇 사업을 시작했다. 또, 센서를 생산, 톈청모터스, 화강모터스, "
            "밍신테크 등에 제공키로 하는 등 제휴관계를 맺었다.\n")
    assert pairs(found(nlp, text)) == {frozenset(("루이신테크", n)) for n in ("톈청모터스", "화강모터스", "밍신테크")}


@pytest.mark.parametrize("text, country", [
    ("中루이신테크가 최대 40% 지분 투자를 받았다.\n", "中"),
    ("美 톈청모터스는 공장을 세웠다.\n", "美"),
])
def test_country_character_before_a_company(nlp, text, country):
    got = found(nlp, text, "located_in")
    company = "루이신테크" if "루이신테크" in text else "톈청모터스"
    assert (company, "located_in", country) in got


def test_city_characters_before_a_company_are_no_nationality(nlp):
    assert not found(nlp, "上海루이신테크는 공장을 세웠다.\n", "located_in")


def test_place_of_a_described_investor(nlp):
    got = found(nlp, "루이신테크는 베이징 소재 투자사 톈청캐피탈과 손잡았다.\n", "located_in")
    assert got == {("톈청캐피탈", "located_in", "베이징")}


def test_place_of_an_unfound_quoted_name_is_not_the_topics(nlp):
    # the quoted investor is found now (투자사 ‘…’: kg_business_names) and is the one in 선전
    got = found(nlp, "루이신테크는 선전 소재 글로벌 투자사 ‘톈청 캐피탈’과 손잡았다.\n", "located_in")
    assert ("루이신테크", "located_in", "선전") not in got
    assert found(nlp, "루이신테크는 선전에 본사를 둔 기업이다.\n", "located_in") == {("루이신테크", "located_in", "선전")}


@pytest.mark.parametrize("text", [
    "루이신테크는 신약 판권을 톈청바이오에 기술 수출해 1억 달러 규모의 지분을 획득했다.\n",
    "루이신테크가 톈청바이오의 지분 30%를 인수했다.\n",
])
def test_stake(nlp, text):
    assert ("루이신테크", "invests_in", "톈청바이오") in found(nlp, text, "invests_in")


def test_stake_in_another_clause_or_under_review_is_none(nlp):
    # the partner of the first clause is no stake (밍신, whose stake it is, is found as a company now)
    got = found(nlp, "루이신테크는 톈청바이오와 협력하며 밍신의 지분을 확보했다.\n", "invests_in")
    assert ("루이신테크", "invests_in", "톈청바이오") not in got
    assert not found(nlp, "루이신테크는 톈청바이오 지분 인수를 검토하고 있다.\n", "invests_in")


def test_listed_subject_with_a_counterpart(nlp):
    got = pairs(found(nlp, "루이신테크, 톈청그룹 등 5개 기업이 밍신반도체와 협약을 맺었다.\n"))
    assert got == {frozenset(("루이신테크", "밍신반도체")), frozenset(("톈청그룹", "밍신반도체"))}


def test_listed_investors_each_invest(nlp):
    got = found(nlp, "루이신테크, 톈청그룹 등 3개 기업이 밍신반도체에 투자했다.\n", "invests_in")
    assert got == {("루이신테크", "invests_in", "밍신반도체"), ("톈청그룹", "invests_in", "밍신반도체")}
