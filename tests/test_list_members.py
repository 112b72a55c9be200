"""An unknown name listed among companies is a company (``kg_list_members``); the (주)
marker before a name belongs to that name, not to the word before it (``kg_name_grammar``);
a count after a category noun (대기업 16곳) is no name (``kg_business_names``).

Every company name here is invented except the well-known firms the lists are built around.
"""
from __future__ import annotations

import pytest

from .conftest import mentions


@pytest.mark.parametrize("text,name", [
    ("주요 고객사는 BYD, 애플, 소니, Moonbeam, 레노버 등이다.", "Moonbeam"),
    ("이번 박람회에는 포스코, 한빛남동발전, LG전자, 기아 등 국내 기업 9곳이 참가했다.", "한빛남동발전"),
])
def test_an_unknown_member_of_a_company_list_is_a_company(nlp, text, name):
    found = mentions(nlp, text)
    assert (name, "Company") in found
    assert not any(label == "Company" and n[0].isdigit() for n, label in found)  # 9곳 is a count


def test_the_bracketed_names_of_a_member_are_its_aliases(nlp):
    found = mentions(nlp, "참가 기업은 BYD, 애플, 소니, 한빛항공산업(HBAI), 레노버다.")
    assert ("한빛항공산업", "Company") in found and ("HBAI", "Company") in found


@pytest.mark.parametrize("text", [
    "방문 도시는 베이징, 상하이, 선전, Moonbeam이다.",        # a list of places
    "BYD, 소니, 시리즈A, 미공개 순으로 적었다.",            # too few companies; a round is no name
    "테슬라, 홍산캐피탈, 구글, Moonbeam 등이 참여했다.",        # companies and investors mixed
])
def test_no_member_typed_without_a_list_of_companies(nlp, text):
    found = mentions(nlp, text)
    assert not any(n in ("Moonbeam", "시리즈A", "미공개") and label in ("Company", "Investor") for n, label in found)


def test_the_ju_marker_opens_the_next_name(nlp):
    found = mentions(nlp, "(주) Q-RIVET 의 용접 기술과 (주)PLNX 의 배터리 기술이 전시됐다.")
    assert ("Q-RIVET", "Company") in found and ("PLNX", "Company") in found
    assert not any(n.startswith("기술") and label == "Company" for n, label in found)
    assert ("한빛소재", "Company") in mentions(nlp, "한빛소재 (주)는 배터리 소재를 만든다.")


def test_a_bullet_is_no_part_of_a_name(nlp):
    found = mentions(nlp, "▲누리테크(云瑞科技) 등이 참가했다.")
    assert ("누리테크", "Company") in found
    assert not any(n.startswith("▲") for n, _ in found)


def test_jusikhoesa_before_a_name(nlp):
    assert ("누리로봇", "Company") in mentions(nlp, "주식회사 누리로봇은 투자를 유치했다.")
    assert ("대부분", "Company") not in mentions(nlp, "한국 주식회사 대부분은 적자다.")


@pytest.mark.parametrize("text,names", [
    ("즈링로보틱스의 투자자는 훙타이, 쥔롄이다.", ("훙타이", "쥔롄")),
    ("즈링로보틱스의 투자자로는 텐센트와 훙타이가 있다.", ("훙타이",)),
    ("주요 투자자로 훙타이와 쥔롄 등이 있다.", ("훙타이", "쥔롄")),
])
def test_the_named_investors_of_a_company(nlp, text, names):
    found = mentions(nlp, text)
    for name in names:
        assert (name, "Investor") in found


def test_a_phrase_after_the_word_investor_names_nobody(nlp):
    found = mentions(nlp, "이번 투자자로는 국내 대형 기관이 참여했다.")
    assert not any(label == "Investor" for _, label in found)
