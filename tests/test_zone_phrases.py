"""Which companies a zone holds, from news phrasings read by ``zone_phrases``: the zone
hosts a list (P에는 A, B 등 … 입주), a list settles in it (A와 B 등 …가 P에 입주), members
after a located noun (P에 입주한 기업으로는 A, B), the zone before a name (P 내 기업 A,
P 입주기업인 A, A가 입주한 P) and a company's project settling there.

Every sentence is invented for these tests (names found by their heads: …과기, …개발구).
"""
from __future__ import annotations

from extraction.candidates import Mention
from extraction.components.zone_phrases import hosted_list, project_settles, settled_list, zone_prefix
from extraction.extract import extract_mentions

from .conftest import document


def located(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "located_in"}


def _mention(text: str, name: str, label: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, label, "test", 1.0, None, rule="test", alias_of=None)


def _pairs(text: str, rels) -> set[tuple[str, str]]:
    return {(text[r.subject[0]:r.subject[1]], text[r.object[0]:r.object[1]]) for r in rels}


def test_zone_hosts_a_list(nlp):
    got = located(nlp, "우한 둥후개발구에는 란신과기, 하이란과기 등 50여 개 기업이 입주해 있다.\n")
    assert {("란신과기", "우한 둥후개발구"), ("하이란과기", "우한 둥후개발구")} <= got


def test_list_settles_in_a_zone(nlp):
    got = located(nlp, "란신과기와 하이란과기 등 20개 프로젝트가 충칭 량장신구에 입주했다.\n")
    assert {("란신과기", "충칭 량장신구"), ("하이란과기", "충칭 량장신구")} <= got


def test_members_after_a_located_noun(nlp):
    got = located(nlp, "톈진 빈하이신구에 입주한 기업으로는 란신과기, 하이란과기, 보룬과기 등이 있다.\n")
    assert {("란신과기", "톈진 빈하이신구"), ("보룬과기", "톈진 빈하이신구")} <= got


def test_zone_before_a_name(nlp):
    assert ("란신과기", "둥후개발구") in located(nlp, "둥후개발구 내 기업 란신과기는 신제품을 출시했다.\n")
    assert ("란신과기", "량장신구") in located(nlp, "량장신구 입주기업인 란신과기는 상장을 준비한다.\n")
    assert ("란신과기", "량장신구") in located(nlp, "란신과기가 입주한 량장신구는 반도체 산업의 중심지다.\n")


def test_first_member_after_a_location_clause(nlp):
    got = located(nlp, "톈진 빈하이신구에 자리잡은 란신과기와 하이란과기는 협력했다.\n")
    assert {("란신과기", "톈진 빈하이신구"), ("하이란과기", "톈진 빈하이신구")} <= got


def test_project_of_a_company_settles():
    text = "란신과기의 배터리 공장이 빈하이신구에 들어선다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "빈하이신구", "Park")]
    assert _pairs(text, project_settles(text, (0, len(text)), ms)) == {("란신과기", "빈하이신구")}


def test_project_visiting_a_zone_is_no_presence():
    text = "란신과기의 대표단이 빈하이신구를 방문했다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "빈하이신구", "Park")]
    assert project_settles(text, (0, len(text)), ms) == []


def test_host_without_a_settling_verb_gives_nothing():
    text = "빈하이신구에는 란신과기와 하이란과기가 방문했다."
    ms = [_mention(text, "빈하이신구", "Park"), _mention(text, "란신과기", "Company"),
          _mention(text, "하이란과기", "Company")]
    assert hosted_list(text, (0, len(text)), ms) == []


def test_list_that_is_not_the_subject_settles_nowhere():
    text = "란신과기와 하이란과기를 유치한 결과 빈하이신구에 입주했다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company"),
          _mention(text, "빈하이신구", "Park")]
    assert settled_list(text, (0, len(text)), ms) == []


def test_a_zone_after_a_list_without_a_member_noun_gives_nothing():
    text = "란신과기, 하이란과기 등 빈하이신구 방문단이 왔다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company"),
          _mention(text, "빈하이신구", "Park")]
    assert zone_prefix(text, (0, len(text)), ms) == []


def test_zone_the_text_is_about_named_by_a_noun(nlp):
    text = ("빈하이 첨단기술개발구는 톈진시 동부에 있는 국가급 개발구다. 현재 개발구 내에는 란신과기, 하이란과기 등 "
            "3000여 개 기업이 입주해 있다. 이곳에는 보룬테크와 룽신테크가 연구개발센터를 두고 있다. "
            "개발구는 올해 룽신과기의 배터리 프로젝트를 유치했다.\n")
    got = located(nlp, text)
    zone = "빈하이 첨단기술개발구"
    assert (zone, "톈진시") in got
    assert {("란신과기", zone), ("하이란과기", zone), ("보룬테크", zone), ("룽신테크", zone), ("룽신과기", zone)} <= got


def test_zone_reference_needs_a_zone_before():
    from extraction.components.zone_phrases import zone_reference
    text = "개발구 내에는 란신과기와 하이란과기가 입주해 있다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company")]
    assert zone_reference(text, (0, len(text)), ms, None) == []
    city = Mention(0, 2, "톈진", "City", "test", 1.0)
    assert zone_reference(text, (0, len(text)), ms, city) == []
    zone = Mention(0, 5, "빈하이신구", "Park", "test", 1.0)
    assert _pairs(text, zone_reference(text, (0, len(text)), ms, zone)) == {
        ("란신과기", text[0:5]), ("하이란과기", text[0:5])}


def test_a_partner_in_a_place_is_not_the_topics_place():
    from extraction.components.zone_phrases import zone_is_in
    text = "란신과기는 톈진시에 있는 하이란과기와 협력한다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "톈진시", "City"),
          _mention(text, "하이란과기", "Company")]
    assert zone_is_in(text, (0, len(text)), ms) == []


def test_zone_named_by_its_short_name(nlp):
    text = ("톈진 빈하이 고신구는 올해 신산업 육성에 속도를 내고 있다. 화성테크, 룽신테크 등 10여 개 기업이 고신구에 "
            "입주 계약을 체결했다. 고신구 내에는 보룬테크와 하이란과기가 자리잡고 있다.\n")
    got = {(a, b.split()[-1]) for a, b in located(nlp, text)}
    assert {("화성테크", "고신구"), ("룽신테크", "고신구"), ("보룬테크", "고신구"), ("하이란과기", "고신구")} <= got


def test_short_names_of_a_zone():
    from extraction.components.zone_phrases import _short_names
    assert _short_names(Mention(0, 11, "톈진 빈하이 고신구", "Park", "test", 1.0)) == ["빈하이 고신구", "고신구"]
    assert _short_names(Mention(0, 5, "둥후개발구", "Park", "test", 1.0)) == []


def test_site_built_after_the_place():
    from extraction.components.zone_phrases import site_after_place
    text = "양장신구에서 란신과기는 스마트카 공장을 착공했다."
    ms = [_mention(text, "양장신구", "Park"), _mention(text, "란신과기", "Company")]
    assert _pairs(text, site_after_place(text, (0, len(text)), ms)) == {("란신과기", "양장신구")}
    text = "상하이에서 란신과기는 신제품을 발표했다."
    ms = [_mention(text, "상하이", "City"), _mention(text, "란신과기", "Company")]
    assert site_after_place(text, (0, len(text)), ms) == []
    text = "상하이에서 란신과기는 하이란과기와 공장을 가동한다."
    ms = [_mention(text, "상하이", "City"), _mention(text, "란신과기", "Company"), _mention(text, "하이란과기", "Company")]
    assert site_after_place(text, (0, len(text)), ms) == []
