"""Relations (the ``kg_relations`` component, extract_mentions, resolve_relations, kg.rdf).

The sentences are written for these tests in the style of Korean newsletters on China's
technology industry. Made-up names (루이신테크, 톈청그룹, 밍신반도체, 윈펑커지 …) are found
by their company heads; well-known names (화웨이, 텐센트, 선전 …) by the reference data.
Every relation is checked as (subject text, predicate, object text) together with its
evidence unit (the sentence or table row, as it reads in the original file).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.namespace import PROV, RDF, SKOS, XSD

from extraction.extract import DocumentExtraction, MentionRecord, RelationRecord, extract_mentions
from extraction.records import Document, OffsetMap
from extraction.resolve import SIGNATURES, resolve, resolve_relations
from ontology import KG

from .conftest import document


def check_record(doc: Document, ex: DocumentExtraction, r: RelationRecord) -> None:
    """What every relation record must satisfy."""
    assert r.predicate in SIGNATURES, r
    assert doc.original[r.evidence_start:r.evidence_end] == r.evidence, r
    assert r.evidence == r.evidence.strip() and r.evidence, r
    assert 0.0 < r.confidence <= 1.0, r
    spans = {(m.clean_start, m.clean_end): m for m in ex.mentions}
    for side in (r.subject, r.object):
        assert side in spans, (r, "no mention at this span")
        m = spans[side]
        os_, oe = doc.offsets.span_to_original(*side)
        assert doc.original[os_:oe] == m.text == doc.text[side[0]:side[1]], (r, m)


def extract(nlp, text: str, name: str = "t.txt") -> tuple[Document, DocumentExtraction]:
    doc = document(name, text)
    ex = extract_mentions(doc, nlp)
    for r in ex.relations:
        check_record(doc, ex, r)
    return doc, ex


def triples(doc: Document, ex: DocumentExtraction, predicate: str | None = None) -> set[tuple[str, str, str]]:
    """(subject text, predicate, object text) of the relations of ``ex``."""
    return {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if predicate is None or r.predicate == predicate}


def evidence_of(doc: Document, ex: DocumentExtraction, triple: tuple[str, str, str]) -> set[str]:
    return {r.evidence for r in ex.relations
            if (doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]]) == triple}


def rel(nlp, text: str, predicate: str | None = None):
    doc, ex = extract(nlp, text)
    return doc, ex, triples(doc, ex, predicate)


def partner_pairs(found: set[tuple[str, str, str]]) -> set[frozenset[str]]:
    return {frozenset((s, o)) for s, p, o in found if p == "partners_with"}


# -- located_in --------------------------------------------------------------------------

def test_located_relative_clause(nlp):
    text = "선전에 본사를 둔 루이신테크는 차량용 반도체를 설계한다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert found == {("루이신테크", "located_in", "선전")}
    assert evidence_of(doc, ex, ("루이신테크", "located_in", "선전")) == {text.strip()}
    r = next(r for r in ex.relations if r.predicate == "located_in")
    assert r.rule == "prose:location-clause"


def test_located_topic_and_location_verb(nlp):
    text = ("밍신반도체는 2020년 설립된 전력 반도체 기업이다. "
            "밍신반도체는 지난해 허페이에 두 번째 생산기지를 세웠다.\n")
    doc, ex, found = rel(nlp, text, "located_in")
    assert found == {("밍신반도체", "located_in", "허페이")}
    assert evidence_of(doc, ex, ("밍신반도체", "located_in", "허페이")) == {
        "밍신반도체는 지난해 허페이에 두 번째 생산기지를 세웠다."}


def test_located_place_soje(nlp):
    text = "항저우 소재 윈펑커지는 산업용 로봇을 만든다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert found == {("윈펑커지", "located_in", "항저우")}
    assert evidence_of(doc, ex, ("윈펑커지", "located_in", "항저우")) == {text.strip()}


def test_located_place_before_name(nlp):
    text = "안후이성 허페이 룽신테크는 전기차용 배터리 관리 시스템을 생산한다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert found == {("룽신테크", "located_in", "허페이"), ("허페이", "located_in", "안후이성")}
    for t in found:
        assert evidence_of(doc, ex, t) == {text.strip()}
    assert {r.rule for r in ex.relations if r.predicate == "located_in"} == {"prefix:place-before-name"}


def test_located_province_before_city(nlp):
    text = "산둥성 서우광은 중국 최대의 채소 재배 단지로 꼽힌다.\n"
    doc, ex, found = rel(nlp, text)
    assert found == {("서우광", "located_in", "산둥성")}


def test_zone_name_carries_its_city(nlp):
    text = "우한 둥후 국가자주혁신시범구에는 광전자 기업 300여 곳이 모여 있다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    zone = "우한 둥후 국가자주혁신시범구"
    assert found == {(zone, "located_in", "우한")}
    r = next(r for r in ex.relations if r.predicate == "located_in")
    assert r.rule == "prefix:zone-name-carries-city"
    assert r.evidence == text.strip()
    # the city is a mention of its own (inside the zone's name), marked as such
    city = [m for m in ex.mentions if (m.clean_start, m.clean_end) == r.object]
    assert len(city) == 1 and city[0].label == "City" and city[0].rule.startswith("name-prefix")
    assert city[0].ref_id == "wuhan"
    park = [m for m in ex.mentions if (m.clean_start, m.clean_end) == r.subject]
    assert len(park) == 1 and park[0].label == "Park"


def test_table_rows_company_and_city_cells(nlp):
    text = ("기업\t소재지\t주력 분야\n"
            "루이신테크\t선전\t자율주행 칩\n"
            "톈청그룹\t허페이\t전력 반도체\n")
    doc, ex, found = rel(nlp, text)
    assert " | " in doc.text  # tabs are flattened into " | " cell separators
    assert ("루이신테크", "located_in", "선전") in found
    assert ("톈청그룹", "located_in", "허페이") in found
    # each row is its own unit: no company is placed in another row's city
    assert ("루이신테크", "located_in", "허페이") not in found
    assert ("톈청그룹", "located_in", "선전") not in found
    assert evidence_of(doc, ex, ("루이신테크", "located_in", "선전")) == {"루이신테크\t선전\t자율주행 칩"}
    assert evidence_of(doc, ex, ("톈청그룹", "located_in", "허페이")) == {"톈청그룹\t허페이\t전력 반도체"}
    assert ("루이신테크", "develops", "자율주행 칩") in found
    rules = {r.rule for r in ex.relations if r.predicate == "located_in"}
    assert rules == {"table:place-cell"}


def test_table_row_with_a_sentence_in_a_cell_is_one_unit(nlp):
    text = ("기업\t주요 사업\t소재지\n"
            "밍신반도체\t전력 반도체를 생산한다.\t허페이\n"
            "루이신테크\t자율주행 칩 설계\t선전\n")
    doc, ex, found = rel(nlp, text)
    assert ("루이신테크", "located_in", "선전") in found  # a row without a sentence end: fine
    assert evidence_of(doc, ex, ("밍신반도체", "develops", "전력 반도체")) == {"밍신반도체\t전력 반도체를 생산한다.\t허페이"}
    assert ("밍신반도체", "located_in", "허페이") in found


def test_table_zone_row(nlp):
    text = ("지역\t입주 기업\t주요 기술\n"
            "중관춘\t바이두, 톈청그룹\t인공지능, 자율주행\n")
    doc, ex, found = rel(nlp, text)
    row = "중관춘\t바이두, 톈청그룹\t인공지능, 자율주행"
    assert found == {
        ("바이두", "located_in", "중관춘"),
        ("톈청그룹", "located_in", "중관춘"),
        ("중관춘", "develops", "인공지능"),
        ("중관춘", "develops", "자율주행"),
    }
    for t in found:
        assert evidence_of(doc, ex, t) == {row}
    assert {r.rule for r in ex.relations if r.predicate == "located_in"} == {"table:zone-row"}


# -- invests_in --------------------------------------------------------------------------

def test_funding_round_target_in_previous_sentence(nlp):
    text = ("밍신반도체는 최근 10억 위안 규모의 신규 자금을 확보했다. "
            "이번 투자는 닝더스다이가 주도하고 홍산중국, 가오링캐피털 등이 참여한 시리즈 B 투자다.\n")
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {
        ("닝더스다이", "invests_in", "밍신반도체"),
        ("홍산중국", "invests_in", "밍신반도체"),
        ("가오링캐피털", "invests_in", "밍신반도체"),
    }
    second = "이번 투자는 닝더스다이가 주도하고 홍산중국, 가오링캐피털 등이 참여한 시리즈 B 투자다."
    for t in found:
        assert evidence_of(doc, ex, t) == {second}
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} == {"prose:funding-round"}


def test_joins_a_round(nlp):
    text = "텐센트가 루이신테크의 시리즈 C 라운드에 참여했다.\n"
    doc, ex, found = rel(nlp, text)
    assert found == {("텐센트", "invests_in", "루이신테크")}
    assert evidence_of(doc, ex, ("텐센트", "invests_in", "루이신테크")) == {text.strip()}


def test_investor_list_after_company_sentence(nlp):
    text = ("윈펑커지는 2018년 설립된 산업용 로봇 기업이다. "
            "주요 투자자로는 텐센트, 힐하우스캐피털 등이 있으며 내년 상장을 준비하고 있다.\n")
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("텐센트", "invests_in", "윈펑커지"), ("힐하우스캐피털", "invests_in", "윈펑커지")}
    assert evidence_of(doc, ex, ("텐센트", "invests_in", "윈펑커지")) == {
        "주요 투자자로는 텐센트, 힐하우스캐피털 등이 있으며 내년 상장을 준비하고 있다."}
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} == {"prose:investor-list"}


def test_investor_list_in_the_company_sentence(nlp):
    text = "윈펑커지의 주요 투자자로는 텐센트, 힐하우스캐피털 등이 있다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("텐센트", "invests_in", "윈펑커지"), ("힐하우스캐피털", "invests_in", "윈펑커지")}


def test_subsidiary_of(nlp):
    text = "알리바바의 자회사 핑터우거는 RISC-V 기반 칩을 설계한다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("알리바바", "invests_in", "핑터우거")}
    assert evidence_of(doc, ex, ("알리바바", "invests_in", "핑터우거")) == {text.strip()}


def test_subsidiary_predicate(nlp):
    text = "핑터우거는 알리바바의 반도체 자회사다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("알리바바", "invests_in", "핑터우거")}
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} == {"prose:subsidiary"}
    assert evidence_of(doc, ex, ("알리바바", "invests_in", "핑터우거")) == {text.strip()}


def test_subsidiary_predicate_two_modifiers(nlp):
    text = "핑터우거는 알리바바의 반도체 설계 자회사다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("알리바바", "invests_in", "핑터우거")}


def test_acquisition(nlp):
    text = "레노버가 밍신반도체를 인수하며 전력 반도체 사업에 진출했다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("레노버", "invests_in", "밍신반도체")}
    assert {r.rule for r in ex.relations} >= {"prose:acquisition"}
    assert evidence_of(doc, ex, ("레노버", "invests_in", "밍신반도체")) == {text.strip()}


# -- partners_with -----------------------------------------------------------------------

def test_joint_development(nlp):
    text = "루이신테크와 톈청그룹이 차세대 배터리 관리 칩을 공동 개발한다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert partner_pairs(found) == {frozenset(("루이신테크", "톈청그룹"))}
    for t in found:
        assert evidence_of(doc, ex, t) == {text.strip()}


def test_strategic_cooperation(nlp):
    text = "밍신반도체는 화웨이와 전략적 협력 협약을 체결했다.\n"
    doc, ex, found = rel(nlp, text)
    assert found == {("밍신반도체", "partners_with", "화웨이")}


def test_adoption_of_a_partners_technology(nlp):
    text = "지리자동차는 신형 전기차에 바이두의 AI 기술을 탑재했다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert found == {("지리자동차", "partners_with", "바이두")}
    assert evidence_of(doc, ex, ("지리자동차", "partners_with", "바이두")) == {text.strip()}


def test_partners_is_symmetric_after_resolution(nlp):
    text = ("톈청그룹은 밍신반도체와 손잡고 선전에 배터리 공장을 세운다. "
            "밍신반도체는 톈청그룹과 협력해 배터리 관리 칩도 공동 개발한다.\n")
    doc, ex, found = rel(nlp, text, "partners_with")
    # stated both ways round in the text
    assert ("톈청그룹", "partners_with", "밍신반도체") in found
    assert ("밍신반도체", "partners_with", "톈청그룹") in found
    ents = resolve([ex])
    ents, rels = resolve_relations([ex], ents)
    partners = [r for r in rels if r.predicate == "partners_with"]
    assert len(partners) == 1  # one edge per pair
    edge = partners[0]
    assert edge.subject < edge.object  # stored once, ordered by key
    assert {edge.subject, edge.object} == {"agent:ko:톈청그룹", "agent:ko:밍신반도체"}
    assert sorted(ev.evidence_start for ev in edge.evidences) == [0, text.index("밍신반도체는")]


def test_one_sentence_is_one_evidence(nlp):
    text = "루이신테크와 톈청그룹이 차세대 배터리 관리 칩을 공동 개발한다.\n"
    doc, ex = extract(nlp, text)
    ents = resolve([ex])
    ents, rels = resolve_relations([ex], ents)
    partners = [r for r in rels if r.predicate == "partners_with"]
    assert len(partners) == 1
    assert len(partners[0].evidences) == 1
    assert partners[0].confidence == pytest.approx(0.6)


def test_co_developers_in_dated_rows(nlp):
    text = ("2024-05 톈수(天枢) 화웨이, 칭화대학교, 루이신테크 공동 개발\n"
            "2024-07 하이량(海亮) 윈펑커지 단독 개발\n"
            "2024-08 싱허(星河) 밍신반도체, 저장대학교 공동 개발\n")
    doc, ex, found = rel(nlp, text)
    assert partner_pairs(found) == {
        frozenset(("화웨이", "칭화대학교")),
        frozenset(("화웨이", "루이신테크")),
        frozenset(("칭화대학교", "루이신테크")),
        frozenset(("밍신반도체", "저장대학교")),
    }
    first = "2024-05 톈수(天枢) 화웨이, 칭화대학교, 루이신테크 공동 개발"
    for s, p, o in found:
        if {s, o} <= {"화웨이", "칭화대학교", "루이신테크"}:
            assert evidence_of(doc, ex, (s, p, o)) == {first}
    # the model names are products, never partners
    assert not any({"톈수", "하이량", "싱허"} & {s, o} for s, _, o in found)


def test_co_developers_row_starting_with_a_university(nlp):
    text = ("2024-05 톈수(天枢) 화웨이, 칭화대학교 공동 개발\n"
            "2024-06 싱허(星河) 저장대학교, 윈펑커지, 밍신반도체 공동 개발\n"
            "2024-07 하이량(海亮) 칭화대학교 단독 개발\n")
    doc, ex, found = rel(nlp, text)
    assert partner_pairs(found) == {
        frozenset(("화웨이", "칭화대학교")),
        frozenset(("저장대학교", "윈펑커지")),
        frozenset(("저장대학교", "밍신반도체")),
        frozenset(("윈펑커지", "밍신반도체")),
    }


# -- develops ----------------------------------------------------------------------------

def test_develops(nlp):
    text = "루이신테크는 올해 고성능 자율주행 칩을 개발했다.\n"
    doc, ex, found = rel(nlp, text)
    assert found == {("루이신테크", "develops", "자율주행 칩")}
    assert evidence_of(doc, ex, ("루이신테크", "develops", "자율주행 칩")) == {text.strip()}


def test_develops_needs_an_actor_and_a_cue(nlp):
    # a technology but no actor
    doc, ex, found = rel(nlp, "올해 자율주행 칩을 개발한 기업이 크게 늘었다.\n")
    assert any(m.label == "Technology" for m in ex.mentions)
    assert found == set()
    # an actor and a technology but no development cue
    doc, ex, found = rel(nlp, "루이신테크는 자율주행 칩 시장에서 점유율 1위다.\n")
    assert {m.label for m in ex.mentions} >= {"Company", "Technology"}
    assert found == set()


# -- negative cases ----------------------------------------------------------------------

def test_company_list_without_cue_gives_no_partners(nlp):
    doc, ex, found = rel(nlp, "화웨이, 알리바바, 텐센트는 모두 중국을 대표하는 빅테크 기업이다.\n")
    assert len([m for m in ex.mentions if m.label == "Company"]) == 3
    assert not [t for t in found if t[1] == "partners_with"]
    # they are all Chinese companies, and the sentence says so
    assert {(s, o) for s, p, o in found if p == "located_in"} == {("화웨이", "중국"), ("알리바바", "중국"), ("텐센트", "중국")}


def test_city_and_company_in_unrelated_sentence(nlp):
    doc, ex, found = rel(nlp, "선전은 올해 경제 성장률 목표를 5%로 제시했으며 텐센트의 실적도 개선됐다.\n")
    assert {m.label for m in ex.mentions} >= {"City", "Company"}
    assert not any(p == "located_in" for _, p, _ in found)


# -- type signatures and roles -----------------------------------------------------------

def _hand_extraction(doc_id: str, names: list[tuple[str, str]], rels: list[tuple[int, str, int]]):
    """A document made of ``names`` (text, label) separated by ' / ', with relations between
    them given by index."""
    text = " / ".join(n for n, _ in names) + "."
    doc = Document(doc_id=doc_id, path=f"{doc_id}.txt", name=f"{doc_id}.txt", sha256=doc_id * 4,
                   encoding="utf-8", media_type="text/plain", original=text, text=text,
                   offsets=OffsetMap.identity(len(text)))
    mentions, pos = [], 0
    for n, label in names:
        mentions.append(MentionRecord(doc_id, 0, pos, pos + len(n), pos, pos + len(n), n, label, "test", 0.8,
                                      None, "test", None, (0, len(text))))
        pos += len(n) + 3
    records = [RelationRecord(doc_id, 0, (mentions[a].clean_start, mentions[a].clean_end), p,
                              (mentions[b].clean_start, mentions[b].clean_end), text, 0, len(text), "test", 0.6)
               for a, p, b in rels]
    return DocumentExtraction(doc, tuple(mentions), tuple(records))


def test_signatures_drop_wrong_types():
    ex = _hand_extraction("sig", [("루이신테크", "Company"), ("선전", "City"), ("자율주행 칩", "Technology"),
                                  ("중관춘", "Park"), ("홍산중국", "Investor")],
                          [(0, "develops", 1),        # to a City: dropped
                           (0, "develops", 2),        # kept
                           (0, "partners_with", 2),   # with a Technology: dropped
                           (2, "located_in", 1),      # a Technology somewhere: dropped
                           (0, "located_in", 3),      # kept
                           (3, "located_in", 1),      # a Park in a City: kept
                           (4, "invests_in", 1),      # into a City: dropped
                           (4, "invests_in", 0),      # kept
                           (1, "invests_in", 0)])     # a City investing: dropped
    ents = resolve([ex])
    ents, rels = resolve_relations([ex], ents)
    key = {e.names[0][0]: e.key for e in ents}
    got = {(r.subject, r.predicate, r.object) for r in rels}
    assert got == {
        (key["루이신테크"], "develops", key["자율주행 칩"]),
        (key["루이신테크"], "located_in", key["중관춘"]),
        (key["중관춘"], "located_in", key["선전"]),
        (key["홍산중국"], "invests_in", key["루이신테크"]),
    }


def test_invests_in_subject_gets_investor_role(nlp):
    text = ("밍신반도체는 최근 10억 위안 규모의 신규 자금을 확보했다. "
            "이번 투자는 닝더스다이가 주도하고 홍산중국, 가오링캐피털 등이 참여한 시리즈 B 투자다.\n"
            "레노버가 밍신반도체를 인수하며 전력 반도체 사업에 진출했다.\n")
    doc, ex = extract(nlp, text)
    ents, rels = resolve_relations([ex], resolve([ex]))
    by_name = {n: e for e in ents for n, _ in e.names}
    for investor in ("닝더스다이", "레노버"):
        e = by_name[investor]
        assert e.type == "Company"  # its type stays; the role is added
        assert "Investor" in e.types and "Company" in e.types
    assert "Investor" not in by_name["밍신반도체"].types  # a target only
    assert by_name["홍산중국"].types.count("Investor") == 1  # no duplicate role
    assert {r.predicate for r in rels} == {"invests_in"}


# -- one edge, all its evidences -------------------------------------------------------------

def test_same_relation_in_two_sentences_is_one_edge(nlp):
    text = ("레노버가 밍신반도체를 인수하며 전력 반도체 사업에 진출했다. "
            "업계는 레노버가 밍신반도체를 인수한 배경에 주목하고 있다.\n")
    doc, ex = extract(nlp, text)
    assert len([r for r in ex.relations if r.predicate == "invests_in"]) == 2
    ents, rels = resolve_relations([ex], resolve([ex]))
    edges = [r for r in rels if r.predicate == "invests_in"]
    assert len(edges) == 1
    edge = edges[0]
    assert len(edge.evidences) == 2
    assert [ev.evidence for ev in edge.evidences] == [
        "레노버가 밍신반도체를 인수하며 전력 반도체 사업에 진출했다.",
        "업계는 레노버가 밍신반도체를 인수한 배경에 주목하고 있다."]
    assert edge.confidence == pytest.approx(1 - (1 - 0.75) ** 2)


def test_same_relation_in_two_documents_is_one_edge(nlp):
    _, a = extract(nlp, "선전에 본사를 둔 루이신테크는 차량용 반도체를 설계한다.\n", "a.txt")
    _, b = extract(nlp, "루이신테크는 2019년 선전에서 설립됐다.\n", "b.txt")
    ents, rels = resolve_relations([a, b], resolve([a, b]))
    edges = [r for r in rels if r.predicate == "located_in"]
    assert len(edges) == 1
    assert edges[0].object == "place:ref:shenzhen"
    assert {ev.doc_id for ev in edges[0].evidences} == {a.document.doc_id, b.document.doc_id}
    assert len(edges[0].evidences) == 2
    # the same, whatever the order of the documents
    _, rels2 = resolve_relations([b, a], resolve([b, a]))
    assert rels2 == rels


# -- offsets: evidence and sides map back to the original --------------------------------

POOL = [
    "선전에 본사를 둔 루이신테크는 차량용 반도체를 설계한다.",
    "밍신반도체는 지난해 허페이에 두 번째 생산기지를 세웠다.",
    "항저우 소재 윈펑커지는 산업용 로봇을 만든다.",
    "안후이성 허페이 룽신테크는 전기차용 배터리 관리 시스템을 생산한다.",
    "우한 둥후 국가자주혁신시범구에는 광전자 기업 300여 곳이 모여 있다.",
    "이번 투자는 닝더스다이가 주도하고 홍산중국, 가오링캐피털 등이 참여한 시리즈 B 투자다.",
    "주요 투자자로는 텐센트, 힐하우스캐피털 등이 있다.",
    "텐센트가 루이신테크의 시리즈 C 라운드에 참여했다.",
    "알리바바의 자회사 핑터우거는 RISC-V 기반 칩을 설계한다.",
    "루이신테크와 톈청그룹이 차세대 배터리 관리 칩을 공동 개발한다.",
    "지리자동차는 신형 전기차에 바이두의 AI 기술을 탑재했다.",
    "루이신테크는 올해 고성능 자율주행 칩을 개발했다.",
    "레노버가 밍신반도체를 인수하며 전력 반도체 사업에 진출했다.",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", " \n", "\n  ", "\n\n\n", "  \n \n", "\r\n", "\r\n\r\n"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(range(len(POOL))), min_size=1, max_size=6),
       st.lists(st.sampled_from(SEPARATORS), min_size=6, max_size=6),
       st.lists(st.integers(0, 3), min_size=6, max_size=6))
def test_offsets_map_back_to_the_original(nlp, order, seps, leading):
    parts = []
    for k, i in enumerate(order):
        sep = seps[k]
        parts.append(" " * leading[k] + POOL[i])  # leading spaces (of a line, or extra ones)
        parts.append(sep)
    text = "".join(parts).rstrip() + "\n"
    doc, ex = extract(nlp, text)  # check_record: evidence and both sides slice the original
    found = triples(doc, ex)
    for r in ex.relations:
        os_, oe = doc.offsets.span_to_original(*r.subject)
        ts, te = doc.offsets.span_to_original(*r.object)
        inside = [r.evidence_start <= a and b <= r.evidence_end for a, b in ((os_, oe), (ts, te))]
        assert any(inside), r  # at least one side is stated in the evidence itself
        assert r.evidence in text
    # sentence-local relations do not depend on what surrounds their sentence
    if 0 in order:
        assert ("루이신테크", "located_in", "선전") in found
    if 3 in order:
        assert ("룽신테크", "located_in", "허페이") in found
    if 12 in order:
        assert ("레노버", "invests_in", "밍신반도체") in found


# -- RDF -----------------------------------------------------------------------------------

def test_rdf_relation_and_evidence(tmp_path: Path):
    from kg.build import build_dataset

    a = tmp_path / "a.txt"
    a.write_text("◼ 배터리 칩 협력\n"
                 "루이신테크는 화웨이와 전략적 협력 협약을 체결했다. "
                 "우한 둥후 국가자주혁신시범구에는 광전자 기업 300여 곳이 모여 있다.\n",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("◼ 우한의 광전자 산업\n"
                 "우한 둥후 국가자주혁신시범구는 우한의 대표적인 첨단산업 단지다.\n",
                 encoding="utf-8")
    dataset, summaries = build_dataset([a, b])
    graphs = {str(g.identifier).rsplit("/", 1)[-1].rsplit("-", 1)[0]: g for g in dataset.graphs() if len(g)}
    ga, gb = graphs["a-txt"], graphs["b-txt"]
    assert summaries[0].relations >= 1

    # the plain triple
    edges = list(ga.subject_objects(KG.partnersWith))
    assert len(edges) == 1
    s, o = edges[0]
    labels = {str(x) for node in (s, o) for x in ga.objects(node, SKOS.prefLabel)}
    assert labels == {"루이신테크", "화웨이"}
    # its evidence
    evs = [n for n in ga.subjects(RDF.type, KG.Evidence) if (n, KG.predicate, KG.partnersWith) in ga]
    assert len(evs) == 1
    ev = evs[0]
    assert (ev, KG.subject, s) in ga and (ev, KG.object, o) in ga
    sentence = "루이신테크는 화웨이와 전략적 협력 협약을 체결했다."
    assert ga.value(ev, KG.evidenceText) == Literal(sentence)
    start, end = ga.value(ev, KG.startOffset), ga.value(ev, KG.endOffset)
    assert start.datatype == XSD.integer and end.datatype == XSD.integer
    assert a.read_text(encoding="utf-8")[start.toPython():end.toPython()] == sentence
    assert str(ga.value(ev, KG.extractor)) == "prose:cooperation"
    conf = ga.value(ev, KG.confidence)
    assert conf is not None and 0 < float(conf.toPython()) <= 1
    article = ga.value(ev, PROV.wasDerivedFrom)
    assert (article, RDF.type, KG.Article) in ga

    # a zone whose name carries its city is in that city (guidelines: 우한 둥후 … → 우한):
    # the city is an entity of document a although a names it only inside the zone's name;
    # document b also names it on its own
    from kg.rdf import ID

    wuhan = ID["wuhan"]
    assert (wuhan, RDF.type, KG.City) in ga
    assert (next(ga.subjects(RDF.type, KG.Park)), KG.locatedIn, wuhan) in ga
    assert (wuhan, RDF.type, KG.City) in gb
    zone = next(gb.subjects(RDF.type, KG.Park))
    assert (zone, KG.locatedIn, wuhan) in gb
    zev = [n for n in gb.subjects(RDF.type, KG.Evidence) if (n, KG.predicate, KG.locatedIn) in gb]
    assert len(zev) == 1
    assert str(gb.value(zev[0], KG.extractor)) == "prefix:zone-name-carries-city"


# -- funding tables and lists before a place ------------------------------------------------

def test_funding_table_under_a_round_investor_header(nlp):
    text = ("룽신테크는 설립 이후 세 차례 투자를 유치했다.\n"
            "도표 2. 룽신테크 자금 조달 현황\n"
            "라운드 일자 금액 투자자\n"
            "B 라운드 2024-05-10 5 억 위안\n"
            "홍산캐피탈, 선전캐피탈그룹\n"
            "A 라운드 2023-03-02 2 억 위안\n"
            "CICC 캐피탈, 톈청 벤처스 투자 협력 파트너\n"
            "회사는 이번 자금으로 연구개발 인력을 두 배로 늘릴 계획이라고 밝혔다.\n")
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "invests_in")
    assert ("홍산캐피탈", "invests_in", "룽신테크") in got
    assert ("선전캐피탈그룹", "invests_in", "룽신테크") in got
    assert ("CICC 캐피탈", "invests_in", "룽신테크") in got
    # found as table rows (the header line, or a row naming its round and date)
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} <= {
        "table:funding-table", "table:funding-row"}


def test_funding_table_header_on_its_own_line(nlp):
    text = ("룽신테크는 설립 이후 세 차례 투자를 유치했다.\n\n"
            "도표 2. 룽신테크 자금 조달 현황\n\n"
            "라운드 일자 금액 투자자\n\n"
            "홍산캐피탈, 선전캐피탈그룹\n\n"
            "회사는 이번 자금으로 연구개발 인력을 두 배로 늘릴 계획이라고 밝혔다. 화웨이는 새 칩을 공개했다.\n")
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "invests_in")
    assert ("홍산캐피탈", "invests_in", "룽신테크") in got
    assert ("선전캐피탈그룹", "invests_in", "룽신테크") in got
    assert not any(s == "화웨이" for s, _, _ in got)  # the table ended with the prose


def test_list_of_companies_before_a_location_clause(nlp):
    text = "루밍전자(路明电子), 하이싱소재(海星材料) 등 여러 소재 기업들이 쿤산시에 차례로 입주하고 있다.\n"
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "located_in")
    assert ("루밍전자", "located_in", "쿤산시") in got
    assert ("하이싱소재", "located_in", "쿤산시") in got


def test_a_list_without_a_location_verb_is_not_located(nlp):
    text = "루밍전자(路明电子), 하이싱소재(海星材料) 등 여러 기업들이 쿤산시를 방문했다.\n"
    doc, ex = extract(nlp, text)
    assert triples(doc, ex, "located_in") == set()


def test_funding_row_flattened_into_a_line(nlp):
    text = ("◼ 1분기 로봇 투자 정리\n"
            "밍신반도체(明信半导体) 시리즈 B 12억 위안 홍산캐피탈, 레노버캐피탈\n")
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "invests_in")
    assert ("홍산캐피탈", "invests_in", "밍신반도체") in got
    assert ("레노버캐피탈", "invests_in", "밍신반도체") in got


def test_passive_investment_from(nlp):
    text = "윈펑커지는 최근 텐센트와 홍산캐피탈로부터 10억 위안 규모의 투자를 받았다.\n"
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "invests_in")
    assert ("홍산캐피탈", "invests_in", "윈펑커지") in got
    assert ("텐센트", "invests_in", "윈펑커지") in got
    assert not any(s == "윈펑커지" for s, _, _ in got)


def test_topic_invests_in_names_marked_with_e(nlp):
    text = "선전캐피탈그룹도 밍신반도체와 윈펑커지에 잇달아 투자하며 포트폴리오를 넓히고 있다.\n"
    doc, ex = extract(nlp, text)
    got = triples(doc, ex, "invests_in")
    assert ("선전캐피탈그룹", "invests_in", "밍신반도체") in got
    assert ("선전캐피탈그룹", "invests_in", "윈펑커지") in got


def test_city_genitive_before_a_company(nlp):
    text = "주하이의 화파그룹도 5억 위안을 투자했다.\n"
    doc, ex = extract(nlp, text)
    assert ("화파그룹", "located_in", "주하이") in triples(doc, ex, "located_in")


def test_coordinated_actors_all_develop(nlp):
    text = "알리바바, 화웨이, 바이두 등 대형 기술 기업은 자율주행 소프트웨어를 개발했다.\n"
    doc, ex = extract(nlp, text)
    subjects = {s for s, _, o in triples(doc, ex, "develops")}
    assert {"알리바바", "화웨이", "바이두"} <= subjects


# -- captioned tables and lists of counterparts ----------------------------------------------

CAPTIONED = (
    "도표 3. 중국 AI 병리 영상 진단 기업 현황\n"
    "2024-3 윈펑 모델(云峰大模型) 윈펑커지 화물 운송 계획\n"
    "2024-5 톈청 파일럿 톈청그룹, 칭화대학교 경로 계획, 차량 제어\n"
    "2024-8 밍신 브레인 밍신반도체 센서 데이터 융합\n\n"
    "이들 기업은 대형 모델을 활용해 물류 효율을 높이고 있으며 앞으로도 투자를 확대할 계획이라고 밝혔다.\n"
)


def test_captioned_table_rows_develop_the_caption_technology(nlp):
    doc, ex, found = rel(nlp, CAPTIONED, "develops")
    caption_topic = {(s, o) for s, p, o in found if o == "AI 병리 영상 진단"}
    assert {s for s, _ in caption_topic} >= {"윈펑커지", "톈청그룹", "칭화대학교", "밍신반도체"}
    r = next(r for r in ex.relations if r.rule == "table:caption-topic"
             and doc.text[r.subject[0]:r.subject[1]] == "톈청그룹")
    assert r.evidence == "2024-5 톈청 파일럿 톈청그룹, 칭화대학교 경로 계획, 차량 제어"
    # the caption's technology: a reference name whose words the caption keeps in order
    # (AI … 영상 진단), one mention linked to that reference entry
    m = next(m for m in ex.mentions if (m.clean_start, m.clean_end) == r.object)
    assert m.ref_id == "tech_medical_imaging_ai" and m.rule == "caption:compound"
    # organisations listed together in a row developed the item together
    pairs = partner_pairs(triples(doc, ex, "partners_with"))
    assert frozenset(("톈청그룹", "칭화대학교")) in pairs
    assert frozenset(("윈펑커지", "톈청그룹")) not in pairs  # different rows


def test_caption_without_a_technology_gives_no_develops(nlp):
    text = CAPTIONED.replace("도표 3. 중국 AI 병리 영상 진단 기업 현황", "도표 3. 주요 기업 동향")
    doc, ex, found = rel(nlp, text, "develops")
    assert not [r for r in ex.relations if r.rule == "table:caption-topic"]


def test_industry_system_table_belongs_to_the_zone(nlp):
    text = ("쑤저우 공업원구는 ‘2+3’ 산업 체계 구축을 선언했다.\n"
            "도표 1. '2+3' 산업 체계\n"
            "구분 분야\n"
            "2 대 주력 산업 반도체, 바이오의약\n"
            "3 대 미래 산업 휴머노이드 로봇, 합성 생물학, 양자 컴퓨팅\n\n"
            "쑤저우 공업원구는 올해 해외 연구소 세 곳을 새로 유치했다.\n")
    doc, ex, found = rel(nlp, text, "develops")
    zone = {o for s, p, o in found if s.startswith("쑤저우 공업원구") or s == "공업원구"}
    assert {"휴머노이드 로봇", "합성 생물학", "양자 컴퓨팅"} <= zone
    assert {r.rule for r in ex.relations if r.predicate == "develops"} >= {"table:industry-system"}


def test_supplier_partners_each_customer_not_the_customers_each_other(nlp):
    text = "윈펑커지의 배터리 제품은 지리자동차, 비야디, 창안자동차 등 주요 완성차 업체에 공급되고 있다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    pairs = partner_pairs(found)
    assert pairs == {frozenset(("윈펑커지", b)) for b in ("지리자동차", "비야디", "창안자동차")}


def test_joint_subjects_partner_each_other(nlp):
    text = "지리자동차, 비야디, 톈청그룹이 차세대 배터리 표준을 공동 개발하기로 했다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert partner_pairs(found) == {frozenset(p) for p in (("지리자동차", "비야디"), ("지리자동차", "톈청그룹"),
                                                           ("비야디", "톈청그룹"))}


def test_latin_name_topic_with_pdf_space(nlp):
    text = "BMW 는 중국 알리바바와 공동 개발한 AI 음성 비서를 신차에 탑재한다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert partner_pairs(found) == {frozenset(("BMW", "알리바바"))}


def test_develops_needs_an_actor_when_the_sentence_has_its_own_topic(nlp):
    text = ("윈펑커지는 차량용 반도체를 설계한다.\n"
            "중국은 자율주행 기술 개발에 집중하고 있다.\n")
    doc, ex, found = rel(nlp, text, "develops")
    assert ("윈펑커지", "develops", "자율주행") not in found
    assert ("윈펑커지", "develops", "차량용 반도체") in found


def test_regulators_do_not_develop(nlp):
    text = "국무원은 인공지능 산업 발전 계획을 발표하고 자율주행 기술 연구를 지원한다.\n"
    doc, ex, found = rel(nlp, text, "develops")
    assert not found


def test_table_row_subject_leads_its_cell(nlp):
    text = ("선전\t2022년 <톈청그룹 자율주행 관리 조례> 발표\n"
            "윈펑커지\t자율주행 칩 설계\n")
    doc, ex, found = rel(nlp, text, "develops")
    assert ("윈펑커지", "develops", "자율주행 칩") in found or ("윈펑커지", "develops", "자율주행") in found
    assert not {t for t in found if t[0] == "톈청그룹"}


# -- located_in: lists, nationality, rows --------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("중국의 대표 반도체 기업인 윈펑커지, 톈청그룹, 밍신반도체 등이 신규 공장을 세웠다.\n",
     {("윈펑커지", "중국"), ("톈청그룹", "중국"), ("밍신반도체", "중국")}),
    ("윈펑커지, 톈청그룹 등이 중국의 주요 반도체 제조기업으로 꼽힌다.\n",
     {("윈펑커지", "중국"), ("톈청그룹", "중국")}),
    ("선전에 소재한 핵심 AI기업은 500개사로 윈펑커지, 톈청그룹, 밍신반도체 등이 대표적이다.\n",
     {("윈펑커지", "선전"), ("톈청그룹", "선전"), ("밍신반도체", "선전")}),
    ("항저우에는 윈펑커지, 톈청그룹 등 200여 개 기업이 밀집돼 있다.\n",
     {("윈펑커지", "항저우"), ("톈청그룹", "항저우")}),
    ("창저우, 우시, 난퉁 등 3개 도시가 장쑤성에 있다.\n",
     {("창저우", "장쑤성"), ("우시", "장쑤성"), ("난퉁", "장쑤성")}),
])
def test_located_lists(nlp, text, expected):
    doc, ex, found = rel(nlp, text, "located_in")
    assert {(s, o) for s, _, o in found} >= expected


def test_dash_row_names_the_place(nlp):
    text = "대표 사례\t. 2022 윈펑커지(云峰科技)-우시-산업장비 . 2023 톈청그룹(天成集团)-허페이-가전제품\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert {("윈펑커지", "located_in", "우시"), ("톈청그룹", "located_in", "허페이")} <= found
    assert {r.evidence for r in ex.relations if r.rule == "table:dash-item"} == {
        "2022 윈펑커지(云峰科技)-우시-산업장비", "2023 톈청그룹(天成集团)-허페이-가전제품"}


def test_profile_site_row(nlp):
    text = ("윈펑커지는 산업용 로봇을 만드는 기업이다.\n"
            "설립\t2016년\n"
            "본사\t산둥성 지닝시\n")
    doc, ex, found = rel(nlp, text, "located_in")
    assert ("윈펑커지", "located_in", "지닝시") in found


def test_zone_attracts_companies(nlp):
    text = "쑤저우 공업원구는 윈펑커지, 톈청그룹, 밍신반도체 등 30개 프로젝트를 유치했다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert {("윈펑커지", "쑤저우 공업원구"), ("톈청그룹", "쑤저우 공업원구")} <= {(s, o) for s, _, o in found}


def test_company_set_up_in_a_zone_named_for_its_city(nlp):
    text = "윈펑커지는 2015년 베이징 이좡에 설립됐다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert ("윈펑커지", "located_in", "베이징") in found


# -- develops: what a company is described as, what it owns ---------------------------------

@pytest.mark.parametrize("text, expected", [
    ("산업용 로봇 및 협동로봇 제조기업 윈펑커지는 쑤저우에 공장을 세웠다.\n",
     {("윈펑커지", "산업용 로봇"), ("윈펑커지", "협동로봇")}),
    ("라이다 전문기업 톈청그룹은 올해 흑자를 냈다.\n", {("톈청그룹", "라이다")}),
    ("윈펑커지, 밍신반도체 등 AI영상의학 기업이 빠르게 성장하고 있다.\n",
     {("윈펑커지", "AI영상의학"), ("밍신반도체", "AI영상의학")}),
    ("휴머노이드 로봇을 제조하는 기업으로는 윈펑커지, 톈청그룹이 있다.\n",
     {("윈펑커지", "휴머노이드 로봇"), ("톈청그룹", "휴머노이드 로봇")}),
    ("바이두의 자율주행 플랫폼은 여러 도시에서 운영된다.\n", {("바이두", "자율주행")}),
])
def test_develops_descriptions(nlp, text, expected):
    doc, ex, found = rel(nlp, text, "develops")
    assert {(s, o) for s, _, o in found} >= expected


def test_possession_of_a_product_without_technology_gives_nothing(nlp):
    doc, ex, found = rel(nlp, "바이두의 매출은 지난해 5% 늘었다.\n", "develops")
    assert not found


# -- negation and plans ------------------------------------------------------------------------

def test_denied_cooperation_gives_no_relation(nlp):
    text = "밍신반도체는 화웨이와 협력하지 않기로 했다고 밝혔다.\n"
    doc, ex, found = rel(nlp, text)
    assert not [t for t in found if t[1] == "partners_with"]


def test_withdrawn_investment_gives_no_relation(nlp):
    text = "톈청그룹이 윈펑커지를 인수하려던 계획은 결국 무산됐다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert not found


def test_planned_relation_is_kept_and_marked(nlp):
    text = "지리자동차는 신형 전기차에 바이두의 AI 기술을 탑재할 예정이다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert found == {("지리자동차", "partners_with", "바이두")}
    r = next(r for r in ex.relations if r.predicate == "partners_with")
    assert r.rule.endswith("+planned") and r.confidence < 0.6


def test_location_clause_after_a_parenthesised_name_and_a_description(nlp):
    text = "광저우 난사신구(南沙新区)에 본사를 둔 자율주행 기업 윈펑커지(云峰科技)는 로보택시를 운영한다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert ("윈펑커지", "located_in", "광저우 난사신구") in found or ("윈펑커지", "located_in", "난사신구") in found
    assert ("윈펑커지", "located_in", "광저우") in found


def test_topic_headquartered_in_a_zone_with_chinese_name(nlp):
    text = "윈펑커지는 베이징 중관춘(中关村)에 본사를 두고 있다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert {o for s, p, o in found if s == "윈펑커지"} >= {"베이징"}


def test_funding_table_laid_out_with_spaces(nlp):
    text = ("기업                라운드      금액          투자자\n"
            "윈펑커지(云峰科技)     시리즈 B      7억 위안      텐센트, 징둥\n"
            "톈청그룹(天成集团)     엔젤          5천만 위안    밍신캐피탈\n")
    doc, ex, found = rel(nlp, text, "invests_in")
    assert {("텐센트", "윈펑커지"), ("징둥", "윈펑커지")} <= {(s, o) for s, _, o in found}
    assert ("텐센트", "invests_in", "톈청그룹") not in found
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} == {"table:funding-row"}


def test_parent_named_in_a_description_cell(nlp):
    text = "윈펑커지(云峰科技)\t· 톈청그룹의 팹리스 자회사\t· 차량용 반도체 설계\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("톈청그룹", "invests_in", "윈펑커지")}
    assert {r.rule for r in ex.relations if r.predicate == "invests_in"} == {"table:parent-cell"}


def test_founded_by(nlp):
    text = "밍신연구원은 2019년 톈청그룹이 차세대 반도체 개발을 위해 설립한 연구소다.\n"
    doc, ex, found = rel(nlp, text, "invests_in")
    assert found == {("톈청그룹", "invests_in", "밍신연구원")}


def test_referring_nouns_take_the_actor_the_text_is_about(nlp):
    text = ("윈펑커지는 2019년 베이징에서 설립됐다. 회사는 대형언어모델과 AI 에이전트를 개발했다.\n"
            "쑤저우 공업원구는 외국 기업 유치에 힘쓰고 있다. 개발구는 양자 컴퓨팅과 합성 생물학을 주력 산업으로 육성하고 있다.\n")
    doc, ex, found = rel(nlp, text, "develops")
    assert {("윈펑커지", "대형언어모델"), ("윈펑커지", "AI 에이전트")} <= {(s, o) for s, _, o in found}
    assert {("쑤저우 공업원구", "양자 컴퓨팅"), ("쑤저우 공업원구", "합성 생물학")} <= {(s, o) for s, _, o in found}


def test_both_companies_are_the_last_partners(nlp):
    text = ("톈청그룹과 밍신반도체는 전략적 협력 협약을 맺었다. 양사는 차량용 반도체를 공동 개발한다.\n")
    doc, ex, found = rel(nlp, text, "develops")
    assert {("톈청그룹", "차량용 반도체"), ("밍신반도체", "차량용 반도체")} <= {(s, o) for s, _, o in found}


def test_owner_of_a_quoted_product(nlp):
    text = "이 솔루션은 윈펑커지의 자율주행 칩 '윈펑 6'을 기반으로 한다.\n"
    doc, ex, found = rel(nlp, text, "develops")
    assert ("윈펑커지", "develops", "자율주행 칩") in found


def test_technologies_named_once_in_passing_are_dropped(nlp):
    from extraction.resolve import drop_passing_technologies

    text = ("중국은 메타버스 산업 육성 계획을 발표했다.\n"
            "윈펑커지는 라이다를 개발한다.\n"
            "올해 들어 양자 컴퓨팅 연구가 활발해졌다. 대학들도 양자 컴퓨팅 연구에 나섰다.\n")
    doc, ex = extract(nlp, text)
    entities, relations = resolve_relations([ex], resolve([ex]))
    kept = {e.names[0][0] for e in drop_passing_technologies(entities, relations) if e.type == "Technology"}
    assert "라이다" in kept  # in a relation
    assert "양자 컴퓨팅" in kept  # named in two sentences
    assert "메타버스" not in kept  # once, in passing
    assert {e.names[0][0] for e in entities if e.type == "Technology"} >= {"메타버스", "라이다", "양자 컴퓨팅"}


def test_each_topic_develops_its_own_technology(nlp):
    text = "윈펑커지는 라이다를, 톈청그룹은 전력반도체를 주력으로 개발한다.\n"
    doc, ex, found = rel(nlp, text, "develops")
    assert {(s, o) for s, _, o in found} == {("윈펑커지", "라이다"), ("톈청그룹", "전력반도체")}


def test_subject_of_a_relative_clause_is_not_the_developer(nlp):
    text = "톈청그룹이 투자한 윈펑커지는 라이다 개발에 집중하고 있다.\n"
    doc, ex, found = rel(nlp, text, "develops")
    assert ("윈펑커지", "develops", "라이다") in found
    assert ("톈청그룹", "develops", "라이다") not in found


def test_headings_do_not_inherit_the_previous_actor(nlp):
    text = "윈펑커지는 라이다를 개발한다.\n\n1. 중국기업의 휴머노이드 로봇 분야별 협력 수요\n"
    doc, ex, found = rel(nlp, text, "develops")
    assert ("윈펑커지", "develops", "휴머노이드 로봇") not in found


def test_participants_of_an_event_are_not_partners(nlp):
    text = "이번 행사에는 윈펑커지, 톈청그룹, 밍신반도체 등 16 개사가 참여했으며 기술 협력 방안을 논의했다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert not found


def test_a_list_that_cooperates_jointly_partners(nlp):
    text = "윈펑커지, 톈청그룹, 밍신반도체 3 개사가 공동으로 차세대 배터리를 개발한다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert len(partner_pairs(found)) == 3


def test_a_list_the_subject_cooperates_with_are_its_counterparts(nlp):
    text = "윈펑커지는 지리자동차, 비야디 등 주요 완성차 기업들과 협력해 로봇을 조립 라인에 도입했다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert partner_pairs(found) == {frozenset(("윈펑커지", "지리자동차")), frozenset(("윈펑커지", "비야디"))}


def test_weak_cue_and_two_names_make_no_partners(nlp):
    text = "미국 엔비디아의 GPU가 시장을 주도하고 있으나, 화웨이는 자체 칩을 탑재한 서버로 경쟁에 나섰다.\n"
    doc, ex, found = rel(nlp, text, "partners_with")
    assert not found


def test_coordinated_places_give_no_nationality(nlp):
    text = "윈펑커지, 톈청그룹 등 중국 및 해외의 유명 기업들이 참가했다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert not found


def test_rows_under_a_merged_category_cell(nlp):
    text = ("분야\t기업명\t본사\n"
            "라이다\t윈펑커지\t선전\n"
            "톈청그룹\t상하이\n"
            "밍신반도체\t우시\n")
    doc, ex, found = rel(nlp, text, "develops")
    assert {("윈펑커지", "라이다"), ("톈청그룹", "라이다"), ("밍신반도체", "라이다")} <= {(s, o) for s, _, o in found}
    r = next(r for r in ex.relations if r.rule == "table:merged-category"
             and doc.text[r.subject[0]:r.subject[1]] == "밍신반도체")
    assert r.evidence.startswith("라이다") and r.evidence.endswith("우시")


def test_company_described_as_a_company_of_a_place(nlp):
    text = ("윈펑커지는 중국에서 손꼽히는 산업용 센서 기업으로 성장했다.\n"
            "톈청그룹은 창저우시(常州市) 첫 상장 기업으로 자리잡았다.\n")
    doc, ex, found = rel(nlp, text, "located_in")
    assert {("윈펑커지", "중국"), ("톈청그룹", "창저우시")} <= {(s, o) for s, _, o in found}


def test_branch_named_after_its_city(nlp):
    text = "윈펑커지 우한 지역본부가 새 연구팀을 꾸렸다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert ("윈펑커지", "located_in", "우한") in found


def test_economic_region_made_of_cities(nlp):
    text = "주강삼각주는 선전(深圳)과 광저우(廣州)를 중심으로 가전 수출 기지가 모여 있다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert {("선전", "주강삼각주"), ("광저우", "주강삼각주")} <= {(s, o) for s, _, o in found}


def test_location_clause_with_a_list_of_places(nlp):
    text = "윈펑커지는 허페이(合肥), 주하이(珠海), 시안(西安)에 소재한 생산 거점을 운영한다.\n"
    doc, ex, found = rel(nlp, text, "located_in")
    assert {("윈펑커지", "허페이"), ("윈펑커지", "주하이"), ("윈펑커지", "시안")} <= {(s, o) for s, _, o in found}
