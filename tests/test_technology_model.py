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
