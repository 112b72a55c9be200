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
    ("시는 원격 진단, 컴퓨터 비전, 빅데이터 등 기술을 공장에 보급한다.", "빅데이터", "listed"),
    ("이 과정에는 제어공학, 머신러닝, 재료과학 등 여러 학문이 결합된다.", "머신러닝", "listed"),
    ("최근 인간-로봇 협업(HRC)의 개념이 물류 현장에 퍼지고 있다.", "인간-로봇 협업", "defined"),
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
            "시는 원격 진단, 빅데이터 등 기술을 공장에 보급한다.\n"
            "최근 인간-로봇 협업(HRC)의 개념이 물류 현장에 퍼지고 있다.\n"
            "행사장에는 태양광 전시가 열렸다.\n")
    found = build_techs(tmp_path, text)
    assert {"빅데이터", "인간-로봇 협업"} <= found
    assert "태양광" not in found  # named once in passing


# -- salience relative to the length of the document ------------------------------------------

def test_short_document_threshold():
    from extraction.technology import SHORT_DOCUMENT, short_document

    assert short_document(1800) and short_document(SHORT_DOCUMENT)
    assert not short_document(SHORT_DOCUMENT + 1) and not short_document(60_000)
    assert not short_document(None) and not short_document(0)


def test_a_term_named_once_is_salient_in_a_short_document_only(tmp_path):
    sentence = "밍루이테크 대표는 라이다 시장이 커질 것이라고 말했다.\n"  # an actor, but no relation
    short = "업계 전망\n" + sentence + "회사는 내년 해외 시장 진출을 검토하고 있다.\n"
    filler = "업계에서는 올해 시장 규모가 지난해보다 커질 것으로 내다봤다.\n" * 200
    assert "라이다" in build_techs(tmp_path, short)
    assert "라이다" not in build_techs(tmp_path, short + filler)  # once in a long text: in passing


def test_passing_filter_reads_each_documents_length():
    from extraction.extract import MentionRecord
    from extraction.resolve import ResolvedEntity, drop_passing_technologies

    def ent(key, doc_id):
        m = MentionRecord(doc_id, 0, 0, 3, 0, 3, "라이다", "Technology", "gazetteer", 0.9, None, "ref", None, (0, 10))
        return ResolvedEntity(key, key, "Technology", ("Technology",), None, (("라이다", "ko"),), (m,))

    ents = [ent("a", "news"), ent("b", "report")]
    kept = drop_passing_technologies(ents, [], {"news": 2000, "report": 80_000})
    assert [e.key for e in kept] == ["a"]
    assert drop_passing_technologies(ents, []) == []  # lengths unknown: the sentence rule alone


def test_science_and_technology_closes_an_enumeration_of_technologies():
    from extraction.technology import technology_role

    text = "이 도시는 로봇, 양자 컴퓨팅, 바이오 등 과학기술 역량이 뛰어나다."
    i = text.index("양자 컴퓨팅")
    assert technology_role(text, i, i + len("양자 컴퓨팅")) == "listed"


def test_smart_cars_are_a_product_category_under_connected_vehicles(nlp):
    ref = load_reference()
    car = next(e for e in ref.lookup("스마트카") if e.type == "Technology")
    icv = next(e for e in ref.lookup("지능형 커넥티드카") if e.type == "Technology")
    assert car.kind == "category" and icv.id in car.broader and icv.kind != "category"
    found = techs(nlp, "밍루이테크는 스마트카 사업을 분리해 지능형 커넥티드카 기술을 개발한다.")
    assert "스마트카" not in found and "지능형 커넥티드카" in found


@pytest.mark.parametrize("materials,inner", [("이차전지 소재", "이차전지"), ("반도체 소재", "반도체"), ("바이오소재", None),
                                               ("신소재", None), ("복합소재", None)])
def test_materials_are_a_product_category(nlp, materials, inner):
    """Materials for a field are goods, not a technology; the field inside the term still is one."""
    entry = next(e for e in load_reference().lookup(materials) if e.type == "Technology")
    assert entry.kind == "category"
    found = techs(nlp, f"밍루이테크는 {materials} 생산 기업으로 양산 체제를 갖췄다.")
    assert materials not in found
    if inner:
        assert inner in found
