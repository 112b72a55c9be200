"""Where a company is, from news phrasings read by ``place_phrases``: a location clause
before a coordinated list (every member is there), a headquarters note in a parenthesis,
and a site named by its place (A의 시안 공장, A는 … 중국 공장을 가동).

Every sentence is invented for these tests (names found by their heads: …과기, …유한회사).
"""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


def test_every_member_after_a_location_clause(nlp):
    got = located(nlp, "우한에 소재한 보룬생물과기유한회사와 하이란의약유한회사는 신약을 개발한다.\n")
    assert ("보룬생물과기유한회사", "우한") in got
    assert ("하이란의약유한회사", "우한") in got


def test_clause_then_partner_reaches_only_the_first(nlp):
    got = located(nlp, "우한에 본사를 둔 보룬생물과기는 하이란과기와 협력한다.\n")
    assert ("보룬생물과기", "우한") in got
    assert ("하이란과기", "우한") not in got


def test_headquarters_in_a_parenthesis(nlp):
    assert ("보룬생물과기", "청두") in located(nlp, "보룬생물과기(본사 청두)는 신약을 개발한다.\n")
    assert ("란신과기", "청두") in located(nlp, "란신과기(청두 소재)는 로봇을 만든다.\n")


def test_other_parenthesis_gives_no_place(nlp):
    assert ("보룬생물과기", "청두") not in located(nlp, "보룬생물과기(청두 대표단 방문)는 신약을 개발한다.\n")


def test_factory_named_by_its_place(nlp):
    assert ("란신과기", "중국") in located(nlp, "란신과기는 이르면 내년부터 중국 공장을 가동한다.\n")
    assert ("하이란과기", "시안") in located(nlp, "하이란과기의 시안 공장은 메모리를 생산한다.\n")
    assert ("란신과기", "항저우") in located(nlp, "란신과기 항저우 본사에서 행사가 열렸다.\n")


def test_site_of_unclear_owner_gives_no_place(nlp):
    got = located(nlp, "란신과기는 하이란과기와 함께 항저우 공장을 방문했다.\n")
    assert ("란신과기", "항저우") not in got and ("하이란과기", "항저우") not in got


def test_place_without_a_site_word_gives_no_place(nlp):
    assert ("란신과기", "항저우") not in located(nlp, "란신과기는 항저우 시장을 공략한다.\n")


def test_members_with_nested_chinese_names_after_a_park_clause(nlp):
    text = ("신성바이오파크(新星生物园)에 소재한 란신과기(藍信科技)와 하이란의약(쑤저우)유한회사"
            "(海蘭醫藥(蘇州)有限公司) 등이 승인을 받았다.\n")
    got = located(nlp, text)
    assert ("란신과기", "신성바이오파크") in got
    assert ("하이란의약(쑤저우)유한회사", "신성바이오파크") in got


def test_park_head_needs_evidence(nlp):
    doc = document("t.txt", "신성바이오파크(新星生物园)에 입주했다. 가족들은 주말에 워터파크에 갔다.\n")
    parks = {m.text for m in extract_mentions(doc, nlp).mentions if m.label == "Park"}
    assert "신성바이오파크" in parks and "워터파크" not in parks


def test_base_phrases(nlp):
    assert ("란신과기", "항저우") in located(nlp, "란신과기는 항저우에 둥지를 틀었다.\n")
    assert ("란신과기", "항저우") in located(nlp, "항저우를 거점으로 하는 란신과기는 로봇을 만든다.\n")
    assert ("란신과기", "항저우") not in located(nlp, "란신과기는 항저우를 주요 시장으로 하는 제품을 만든다.\n")


def test_headquarters_as_subject(nlp):
    assert ("란신과기", "항저우") in located(nlp, "란신과기의 본사는 항저우에 있다.\n")
    assert ("란신과기", "항저우") not in located(nlp, "란신과기의 본사는 항저우 고객을 만났다.\n")


def test_site_opened_in_a_place(nlp):
    assert ("란신과기", "청두시") in located(nlp, "란신과기는 중국 쓰촨성 청두시에 연구소를 열었다.\n")
    assert ("란신과기", "청두") in located(nlp, "청두에 연구소를 연 란신과기는 칩을 만든다.\n")
    got = located(nlp, "란신과기는 하이란과기와 청두에 연구소를 열었다.\n")
    assert ("하이란과기", "청두") not in got


def test_site_without_an_opening_verb_gives_no_place(nlp):
    assert ("란신과기", "청두시") not in located(nlp, "란신과기는 청두시에 연구소를 팔았다.\n")


def test_district_after_its_city(nlp):
    got = located(nlp, "베이징 하이뎬구에 위치한 란신과기는 칩을 만든다.\n")
    assert ("하이뎬구", "베이징") in got and ("란신과기", "하이뎬구") in got
    assert ("베이징", "하이뎬구") not in got
