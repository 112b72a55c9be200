"""kg's technology model: which noun phrases name a technology, and which a text treats as
a subject. Sentences and company names are invented."""
from __future__ import annotations

import pytest

from extraction.pipeline import create_pipeline
from extraction.reference import load_reference


@pytest.fixture(scope="module")
def nlp():
    return create_pipeline()


def techs(nlp, text):
    return {m.text for m in nlp(text)._.kg_mentions if m.label == "Technology"}


@pytest.mark.parametrize("term", ["AI 스마트폰", "스마트워치", "공작기계", "건설기계", "항공우주", "핀테크", "웨어러블 기기"])
def test_product_categories_and_industries_are_no_technology(nlp, term):
    found = techs(nlp, f"밍루이테크는 {term} 사업을 개발하고 있다.")
    assert term not in found


def test_product_categories_stay_in_the_taxonomy():
    ref = load_reference()
    entry = next(e for e in ref.lookup("AI 스마트폰") if e.type == "Technology")
    assert entry.kind == "category" and entry.broader


def test_integrated_circuit_is_narrower_than_semiconductor():
    ref = load_reference()
    ic = next(e for e in ref.lookup("집적회로") if e.type == "Technology")
    semi = next(e for e in ref.lookup("반도체") if e.type == "Technology")
    assert ic.id != semi.id and semi.id in ic.broader


@pytest.mark.parametrize("term", ["피지컬 AI", "시각-언어 모델", "인간-기계 상호작용", "인간-로봇 협업", "3D 비전",
                                  "자율비행", "첨단 컴퓨팅"])
def test_general_technology_terms(nlp, term):
    assert term in techs(nlp, f"밍루이테크는 {term} 기술을 개발하고 있다.")


# -- salience: single mentions the text marks as technologies ----------------------------------

def build_techs(tmp_path, text):
    """Technology names in the graph built from ``text`` (after the build's salience filter)."""
    from kg.build import extract_and_resolve

    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    _, entities, _, _ = extract_and_resolve([path])
    return {n for e in entities if e.type == "Technology" for n, _ in e.names}


@pytest.mark.parametrize("text,term,role", [
    ("정부는 스마트 제어, 인간-기계 상호작용, 빅데이터 등 기술을 단말기에 적용한다.", "빅데이터", "listed"),
    ("이 분야에는 기구학, 머신러닝, 로보틱스 등 다양한 학문 분야가 융합되었다.", "머신러닝", "listed"),
    ("특히 모듈화 설계와 인간-로봇 협업(HRC)의 개념은 제조 방식을 바꾸고 있다.", "인간-로봇 협업", "defined"),
])
def test_role_of_a_term_the_text_marks_as_technology(text, term, role):
    from extraction.technology import technology_role

    i = text.index(term)
    assert technology_role(text, i, i + len(term)) == role


@pytest.mark.parametrize("text,term", [
    ("스마트창고, 무인배송 등 자동화 설비 보급을 확대한다.", "무인배송"),
    ("리튬 배터리, 태양광 등 주요 제품의 탄소 배출을 관리한다.", "태양광"),
    ("그는 서울에서 태어났다. 빅데이터 시대가 왔다.", "빅데이터"),
])
def test_no_role_for_products_or_passing_terms(text, term):
    from extraction.technology import technology_role

    i = text.index(term)
    assert technology_role(text, i, i + len(term)) is None


def test_a_defined_or_listed_term_survives_the_passing_filter(tmp_path):
    text = ("◼ 제조 혁신\n"
            "정부는 스마트 제어, 빅데이터 등 기술을 단말기에 적용한다.\n"
            "특히 모듈화 설계와 인간-로봇 협업(HRC)의 개념은 제조 방식을 바꾸고 있다.\n"
            "행사장에는 태양광 전시가 열렸다.\n")
    found = build_techs(tmp_path, text)
    assert {"빅데이터", "인간-로봇 협업"} <= found
    assert "태양광" not in found  # named once in passing
