"""The entity pipeline (create_pipeline()) on short sentences in the style of Korean
newsletters on China's technology industry.

Names that kg's reference data knows (화웨이, 선전 …) test the gazetteer; made-up names
(루이신, 톈청그룹, 밍신 …) test the components that must work without reference data:
appositions, name heads, 'hereafter' short names, tables and propagation.
"""
from __future__ import annotations

import pytest

from extraction.pipeline import create_pipeline

from .conftest import document


@pytest.fixture(scope="module")
def nlp():
    return create_pipeline()


def run(nlp, text):
    """The mentions of ``text``; checks the invariants every mention must satisfy."""
    doc = nlp(text)
    assert doc.text == text
    mentions = doc._.kg_mentions
    assert mentions is not None
    for m in mentions:
        assert m.text == text[m.start:m.end], m
        assert m.text == m.text.strip() and m.text, m
        assert m.label in {"Company", "Investor", "City", "Park", "Technology", "Organization",
                           "Region", "Product"}, m
        for a in m.aliases:
            assert any(o.start == a[0] and o.end == a[1] for o in mentions), (m, a)
        if m.alias_of is not None:
            assert any(o.start == m.alias_of[0] and o.end == m.alias_of[1] for o in mentions), m
    for ent in doc.ents:
        assert any(m.start == ent.start_char and m.end == ent.end_char and m.label == ent.label_
                   for m in mentions), ent
    return mentions


def heads(mentions):
    """Mentions that are not aliases of another one: (text, label)."""
    return [(m.text, m.label) for m in mentions if m.alias_of is None]


def find(mentions, text):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"{text!r} not found in {[(m.text, m.label) for m in mentions]}"
    return hits[0]


def texts(mentions):
    return {m.text for m in mentions}


def covering(mentions, start, end):
    """Mentions that overlap ``[start, end)``."""
    return [m for m in mentions if m.start < end and start < m.end]


# -- appositions -------------------------------------------------------------------------

def test_korean_chinese_apposition(nlp):
    text = "캉줘야(康卓亚)는 항체 신약을 개발하는 바이오 기업이다."
    ms = run(nlp, text)
    head = find(ms, "캉줘야")
    assert head.label == "Company"
    assert head.alias_of is None
    assert [text[s:e] for s, e in head.aliases] == ["康卓亚"]
    alias = find(ms, "康卓亚")
    assert alias.alias_of == (head.start, head.end)
    assert alias.label == "Company"
    # one entity: the two names and nothing else for these characters
    assert len(covering(ms, 0, text.index(")") + 1)) == 2


def test_korean_chinese_apposition_known_company(nlp):
    text = "샤오펑자동차(小鹏汽车)는 광저우에 본사를 두고 있다."
    ms = run(nlp, text)
    head = find(ms, "샤오펑자동차")
    assert (head.label, head.ref_id) == ("Company", "xpeng")
    assert find(ms, "小鹏汽车").alias_of == (head.start, head.end)
    assert ("광저우", "City") in heads(ms)


def test_korean_english_chinese_apposition(nlp):
    text = "하이즈싱(Haizhixing, 海知星)은 해양 드론을 만든다."
    ms = run(nlp, text)
    head = find(ms, "하이즈싱")
    assert head.label == "Company"
    assert sorted(text[s:e] for s, e in head.aliases) == sorted(["Haizhixing", "海知星"])
    for alias in ("Haizhixing", "海知星"):
        assert find(ms, alias).alias_of == (head.start, head.end)
    assert len(covering(ms, 0, text.index(")") + 1)) == 3


def test_korean_english_chinese_apposition_with_common_word_in_english_name(nlp):
    text = "밍두로보틱스(Mingdu Robotics, 明度机器人)는 휴머노이드 로봇을 만든다."
    ms = run(nlp, text)
    head = find(ms, "밍두로보틱스")
    assert head.label == "Company"
    assert sorted(text[s:e] for s, e in head.aliases) == sorted(["Mingdu Robotics", "明度机器人"])
    assert "Robotics" not in texts(ms)


def test_english_chinese_korean_apposition(nlp):
    text = "Zhiyuan Dynamics(智元动力, 즈위안둥리)는 상하이에 본사를 두고 있다."
    ms = run(nlp, text)
    head = find(ms, "Zhiyuan Dynamics")
    assert head.label == "Company" and head.start == 0
    assert sorted(text[s:e] for s, e in head.aliases) == sorted(["智元动力", "즈위안둥리"])
    assert find(ms, "즈위안둥리").alias_of == (0, len("Zhiyuan Dynamics"))
    assert ("상하이", "City") in heads(ms)


def test_apposition_with_fullwidth_parentheses(nlp):
    text = "위수커지（宇树科技）는 사족보행 로봇을 출시했다."
    ms = run(nlp, text)
    head = find(ms, "위수커지")
    assert head.label == "Company"
    assert [text[s:e] for s, e in head.aliases] == ["宇树科技"]


# -- 'hereafter' short names ---------------------------------------------------------

def test_hereafter_short_name_is_alias_and_propagates(nlp):
    text = ("쑤저우루이신반도체유한공사(苏州瑞芯半导体有限公司, 이하 '루이신')는 차량용 칩을 설계한다. "
            "루이신은 올해 커촹반 상장을 추진한다.")
    ms = run(nlp, text)
    head = find(ms, "쑤저우루이신반도체유한공사")
    assert head.label == "Company" and head.start == 0
    alias_texts = sorted(text[s:e] for s, e in head.aliases)
    assert alias_texts == sorted(["苏州瑞芯半导体有限公司", "루이신"])
    later = text.index("루이신은")
    bare = [m for m in ms if m.start == later]
    assert len(bare) == 1
    assert bare[0].text == "루이신"                      # no particle
    assert bare[0].extractor == "propagated"
    assert bare[0].label == "Company"
    assert bare[0].alias_of == (head.start, head.end)
    # no City 쑤저우 inside the company's name
    assert not [m for m in ms if m.label == "City"]


def test_hereafter_in_chinese(nlp):
    text = ("베이징즈위안반도체유한공사(北京智元半导体有限公司, 以下简称“智元半导体”)는 2021 년 설립됐다. "
            "智元半导体는 최근 투자를 받았다.")
    ms = run(nlp, text)
    head = find(ms, "베이징즈위안반도체유한공사")
    assert "智元半导体" in [text[s:e] for s, e in head.aliases]
    later = [m for m in ms if m.start == text.rindex("智元半导体")]
    assert len(later) == 1
    assert later[0].extractor == "propagated"
    assert later[0].alias_of == (head.start, head.end)


@pytest.mark.parametrize("text,name", [
    ("칭란(青岚)은 산업용 드론을 만든다. 칭란은 올해 상장을 준비한다.", "칭란"),
    ("캉줘야(康卓亚)는 항체 신약을 개발하는 바이오 기업이다. 캉줘야는 홍콩 증시에 상장했다.", "캉줘야"),
])
def test_name_introduced_by_apposition_is_found_again(nlp, text, name):
    ms = run(nlp, text)
    first = find(ms, name)
    assert first.start == 0 and first.label == "Company"
    second = [m for m in ms if m.start == text.rindex(name)]
    assert len(second) == 1
    assert second[0].text == name and second[0].label == "Company"
    assert second[0].extractor == "propagated"
    assert second[0].alias_of == (0, len(name))


def test_company_whose_short_name_starts_with_a_surname(nlp):
    text = "캉줘야(康卓亚)는 항체 신약을 개발한다. 캉줘야는 홍콩 증시에 상장했다."
    ms = run(nlp, text)
    assert find(ms, "캉줘야").label == "Company"
    assert len([m for m in ms if m.text == "캉줘야"]) == 2


# -- heads ---------------------------------------------------------------------------

def test_company_and_investor_heads(nlp):
    text = "톈청그룹은 신규 공장을 세웠고 화광캐피탈과 진펑 벤처 캐피탈이 투자에 참여했다."
    ms = run(nlp, text)
    assert set(heads(ms)) == {("톈청그룹", "Company"), ("화광캐피탈", "Investor"),
                              ("진펑 벤처 캐피탈", "Investor")}


def test_known_investor_is_found_by_reference(nlp):
    ms = run(nlp, "홍산캐피탈은 이번 라운드를 주도했다.")
    m = find(ms, "홍산캐피탈")
    assert (m.label, m.ref_id, m.extractor) == ("Investor", "hongshan", "gazetteer")


def test_park_heads_multiword(nlp):
    text = "우한 둥후 국가자주혁신시범구와 장닝 경제개발구에 신규 기업이 입주했다."
    all_ms = run(nlp, text)
    # the relations component marks the city a zone's name carries (우한) as the object of
    # its located_in (the guidelines make a zone whose name carries its city located in it)
    prefixes = [m for m in all_ms if m.rule.startswith("name-prefix")]
    assert [(m.text, m.label) for m in prefixes] == [("우한", "City")]  # 장닝 is a district, no city
    ms = [m for m in all_ms if not m.rule.startswith("name-prefix")]
    assert set(heads(ms)) == {("우한 둥후 국가자주혁신시범구", "Park"), ("장닝 경제개발구", "Park")}
    assert find(ms, "우한 둥후 국가자주혁신시범구").ref_id == "wuhan_donghu_nidz"
    assert "우한" not in texts(ms)


def test_unknown_parks_by_head(nlp):
    text = "다러우 경제개발구와 칭허 하이테크구는 입주 기업에 임대료를 지원한다."
    ms = run(nlp, text)
    assert set(heads(ms)) == {("다러우 경제개발구", "Park"), ("칭허 하이테크구", "Park")}
    for m in ms:
        assert m.extractor == "head"


def test_funding_round_is_no_investor(nlp):
    ms = run(nlp, "루이펑테크는 시리즈 B 투자를 유치했다.")
    assert heads(ms) == [("루이펑테크", "Company")]


def test_place_prefixed_company_is_one_company(nlp):
    ms = run(nlp, "항저우루이펑그룹은 신규 공장을 세웠다.")
    assert heads(ms) == [("항저우루이펑그룹", "Company")]


# -- particles and word boundaries -----------------------------------------------------

@pytest.mark.parametrize("text,name,label", [
    ("화웨이는 올해 선전에서 새로운 반도체 공장을 착공했다.", "화웨이", "Company"),
    ("샤오미가 텐센트와 손잡았다.", "샤오미", "Company"),
    ("샤오미가 텐센트와 손잡았다.", "텐센트", "Company"),
    ("BMW 는 선양에 공장이 있다.", "BMW", "Company"),
    ("선전에서 열린 행사에는 바이두도 참가했다.", "선전", "City"),
    ("선전에서 열린 행사에는 바이두도 참가했다.", "바이두", "Company"),
    ("닝더스다이의 나트륨이온 배터리가 주목받았다.", "닝더스다이", "Company"),
])
def test_particles_never_inside_a_mention(nlp, text, name, label):
    ms = run(nlp, text)
    m = find(ms, name)
    assert m.label == label
    assert m.start == text.index(name)
    # no mention ends inside the particle that follows
    after = m.end
    assert not [o for o in ms if o.start < after + 1 <= o.end and o is not m and o.start < after]


def test_city_inside_company_name(nlp):
    text = "광저우자동차그룹은 신형 전기차를 공개했다."
    ms = run(nlp, text)
    m = find(ms, "광저우자동차그룹")
    assert m.label == "Company"
    assert "광저우" not in texts(ms)
    assert not [o for o in ms if o.label == "City"]


def test_korean_name_not_inside_another_word(nlp):
    text = "쑤저우시는 바이오의약 산업을 육성한다."
    ms = run(nlp, text)
    m = find(ms, "쑤저우시")
    assert (m.label, m.ref_id) == ("City", "suzhou_jiangsu")
    assert not [o for o in ms if 0 < o.start < len("쑤저우시")]  # no 우시 (无锡) inside


def test_wuxi_on_its_own(nlp):
    ms = run(nlp, "우시는 반도체 산업 도시다.")
    assert find(ms, "우시").ref_id == "wuxi"


def test_city_whose_name_ends_in_si_with_si(nlp):
    ms = run(nlp, "쑤저우시와 우시시는 협력 협약을 체결했다.")
    assert find(ms, "우시시").ref_id == "wuxi"


def test_known_name_not_matched_at_start_of_longer_word(nlp):
    ms = run(nlp, "징둥팡저우는 물류 로봇을 개발한다.")
    assert "boe" not in {m.ref_id for m in ms}


def test_common_word_is_not_a_city(nlp):
    ms = run(nlp, "지난 5 년간 중국의 전기차 판매량은 크게 늘었다.")
    assert not [m for m in ms if m.label == "City"]
    assert ("중국", "Region") in heads(ms)


def test_common_word_is_not_a_city_in_running_text(nlp):
    ms = run(nlp, "기술의 진화 속도가 빨라지면서 주장이 엇갈렸다.")
    assert ms == []


@pytest.mark.parametrize("text,name,ref_id", [
    ("진화시는 소상품 무역의 중심지다.", "진화시", "jinhua"),
    ("지난해 진화시의 전자상거래 매출은 20% 늘었다.", "진화시", "jinhua"),
    ("지난시는 산둥성의 성도다.", "지난시", "jinan"),
])
def test_ambiguous_city_with_si(nlp, text, name, ref_id):
    ms = run(nlp, text)
    m = find(ms, name)
    assert (m.label, m.ref_id) == ("City", ref_id)
    assert m.start == text.index(name)
    assert "지난" not in texts(ms)  # 지난해 is a year, not 济南


# -- persons, events, documents --------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("레이쥔 CEO는 신제품을 발표했다.", "레이쥔"),
    ("왕웨이(王伟) 교수는 연구 결과를 공개했다.", "왕웨이"),
    ("왕웨이(王伟) 교수 연구팀은 새 소재를 개발했다.", "왕웨이"),
    ("창업자 리진펑(李金峰)은 회사를 떠났다.", "리진펑"),
])
def test_person_with_title_is_no_entity(nlp, text, name):
    ms = run(nlp, text)
    i = text.index(name)
    assert covering(ms, i, i + len(name)) == []
    if "(" in text:
        p = text.index("(")
        assert covering(ms, p, text.index(")")) == []


@pytest.mark.parametrize("text", [
    "판젠웨이(潘建伟)는 양자 통신 연구를 이끌어 왔다.",
    "장자오린(张昭林)은 이번 행사에서 기조연설을 했다.",
])
def test_person_name_without_title_is_no_entity(nlp, text):
    ms = run(nlp, text)
    assert covering(ms, 0, text.index(")") + 1) == []


def test_person_with_affiliation_before_title_is_no_entity(nlp):
    text = "판젠웨이(潘建伟) 중국과학기술대학 교수는 양자 통신 연구를 이끈다."
    ms = run(nlp, text)
    assert covering(ms, 0, text.index(")") + 1) == []
    assert find(ms, "중국과학기술대학").label == "Organization"


@pytest.mark.parametrize("text,korean,chinese", [
    ("상하이모터쇼(上海车展)에서 신차가 대거 공개됐다.", "상하이모터쇼", "上海车展"),
    ("공업정보화부는 인공지능 표준화 지침(人工智能标准化指引)을 발표했다.", "지침", "人工智能标准化指引"),
    ("2025 세계인공지능대회(WAIC, 世界人工智能大会)가 상하이에서 열렸다.", "세계인공지능대회", "世界人工智能大会"),
])
def test_event_and_document_are_no_entity(nlp, text, korean, chinese):
    ms = run(nlp, text)
    c = text.index(chinese)
    assert covering(ms, c, c + len(chinese)) == []
    k = text.index(korean)
    assert not [m for m in covering(ms, k, k + len(korean))
                if m.label in ("Company", "Investor", "Organization", "Park")]
    assert not [m for m in ms if m.start <= k and m.end >= k + len(korean)]


# -- tables --------------------------------------------------------------------------

def test_table_row_chinese_cell_with_english_cell(nlp):
    text = "蘇州明芯微電子有限公司\tMingxin Microelectronics\t반도체"
    ms = run(nlp, text)
    m = find(ms, "蘇州明芯微電子有限公司")
    assert m.label == "Company" and m.extractor == "table"
    assert [text[s:e] for s, e in m.aliases] == ["Mingxin Microelectronics"]
    en = find(ms, "Mingxin Microelectronics")
    assert en.alias_of == (m.start, m.end) and en.label == "Company"


def test_table_rows(nlp):
    text = ("杭州云智科技有限公司\tYunzhi Technology\t항저우\n"
            "上海启明资本管理有限公司\tQiming Capital\t상하이\n"
            "北京星河动力科技有限公司\tGalactic Energy\t베이징")
    ms = run(nlp, text)
    yunzhi = find(ms, "杭州云智科技有限公司")
    assert yunzhi.label == "Company"
    assert [text[s:e] for s, e in yunzhi.aliases] == ["Yunzhi Technology"]
    assert find(ms, "北京星河动力科技有限公司").label == "Company"
    # every Chinese cell is one mention: no City 杭州 / 北京 inside the company names
    for cell in ("杭州云智科技有限公司", "上海启明资本管理有限公司", "北京星河动力科技有限公司"):
        i = text.index(cell)
        inside = covering(ms, i, i + len(cell))
        assert len(inside) == 1 and inside[0].text == cell


def test_chinese_cell_needs_a_table(nlp):
    """The same name in running text is no table cell."""
    ms = run(nlp, "그는 杭州云智科技有限公司 출신이다.")
    assert not [m for m in ms if m.extractor == "table"]


# -- technologies --------------------------------------------------------------------

@pytest.mark.parametrize("text,tech,ref_id", [
    ("바이두는 자율주행 기술을 개발하고 있다.", "자율주행 기술", "tech_autonomous_driving"),
    ("닝더스다이는 나트륨이온 배터리를 양산한다.", "나트륨이온 배터리", "tech_sodium_ion"),
    ("상하이의 한 스타트업은 휴머노이드 로봇을 개발하고 있다.", "휴머노이드 로봇", "tech_humanoid"),
    ("톈청그룹은 고체 배터리 연구개발에 집중하고 있다.", "고체 배터리", None),
])
def test_technology_of_an_actor(nlp, text, tech, ref_id):
    ms = run(nlp, text)
    m = find(ms, tech)
    assert m.label == "Technology"
    assert m.extractor == "gazetteer" and m.ref_id is not None
    if ref_id:
        assert m.ref_id == ref_id


@pytest.mark.parametrize("text", [
    "작년 전력 소비 가운데 태양광 비중은 12%였다.",
    "인공지능 박람회가 다음 달 열린다.",
])
def test_technology_word_without_actor_or_work_is_dropped(nlp, text):
    ms = run(nlp, text)
    assert not [m for m in ms if m.label == "Technology"]


# -- invariants over a longer text -------------------------------------------------------

def test_mentions_of_a_paragraph(nlp):
    text = ("◼ 선전, 로봇 산업 클러스터 조성\n"
            "선전시는 난산구에 로봇 산업단지를 조성한다고 밝혔다. 유비테크(UBTech, 优必选)와 "
            "톈청그룹이 입주하며, 화광캐피탈은 10 억 위안 규모의 펀드를 조성한다.\n"
            "(출처: 선전상보)")
    ms = run(nlp, text)
    hs = heads(ms)
    assert ("선전시", "City") in hs
    assert ("톈청그룹", "Company") in hs
    assert ("화광캐피탈", "Investor") in hs
    ubt = find(ms, "유비테크")
    assert ubt.label == "Company" and ubt.ref_id == "ubtech"
    assert sorted(text[s:e] for s, e in ubt.aliases) == ["UBTech", "优必选"]
    # mentions never overlap each other (an alias may repeat a chosen name's exact span)
    spans = sorted({(m.start, m.end) for m in ms})
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, (text[s1:e1], text[s2:e2])


def test_unknown_korean_word_with_its_latin_name_is_a_brand(nlp):
    text = "카리아드(CARIAD)와 밍두로보틱스가 합작사를 세웠다. 첨단운전자보조시스템(ADAS)도 탑재했다."
    ms = run(nlp, text)
    assert find(ms, "카리아드").label == "Company"
    assert find(ms, "첨단운전자보조시스템").label == "Technology"  # a term, not a brand


def test_single_syllable_head_inside_a_transliteration_is_no_head(nlp):
    text = "합작사 쿠루이청(酷睿程, CARIZON)이 첫 솔루션을 공개했다."
    ms = run(nlp, text)
    assert find(ms, "쿠루이청").label == "Company"  # 청 is a syllable of 酷睿程, not 청 (agency)


def test_two_character_chinese_personal_name(nlp):
    text = "창업자 차오린(曹林)과 천즈위안(陈志远)은 모두 가전 업계 출신이다."
    ms = run(nlp, text)
    assert not [m for m in ms if m.label in ("Company", "Investor")]


@pytest.mark.parametrize("text, name", [
    ("선전 아동병원은 AI 진단 시스템을 도입했다.\n", "선전 아동병원"),
    ("항저우 과학지능연구소가 새 모델을 공개했다.\n", "항저우 과학지능연구소"),
    ("쓰촨대학교 제 2 병원과 협력한다.\n", "쓰촨대학교 제 2 병원"),
    ("저장성 제1인민병원은 원격 진료를 시작했다.\n", "저장성 제1인민병원"),
])
def test_institutions_named_by_place_and_common_words(nlp, text, name):
    ms = run(nlp, text)
    assert any(m.text == name and m.label == "Organization" for m in ms), [(m.text, m.label) for m in ms]


def test_common_words_without_a_place_are_no_institution(nlp):
    ms = run(nlp, "대형 아동병원과 지역 연구소가 늘고 있다.\n")
    assert not [m for m in ms if m.label == "Organization"]


def test_description_before_an_apposition_is_not_part_of_the_name(nlp):
    ms = run(nlp, "즈푸AI가 항저우시 산업 유도기금인 항저우청터우산업기금(杭州城投产业基金)과 협력했다.\n")
    names = {m.text for m in ms}
    assert "항저우청터우산업기금" in names
    assert not [n for n in names if n.startswith("항저우시 산업")]


ITEM_TABLE = ("도표 2. 중국 물류 로봇 현황\n"
              "일자 명칭 기업/기관 용도\n"
              "2024-3 펑윈 1호(峰云1号) 루이촨의성 창고 운반\n"
              "2024-5 CargoMind 랑옌 정보 분류 작업, 재고 관리\n"
              "2024-8 싱위(星宇) 칭화대학교, 멍타오커자 야간 배송\n"
              "2024-9 루이(瑞) 난징 항공항천대학교, 쑹위롄 경로 계획, 충전 관리\n")


def test_makers_in_a_dated_item_table(nlp):
    doc = document("t.txt", ITEM_TABLE)
    ms = run(nlp, doc.text)
    makers = {m.text for m in ms if m.label == "Company"}
    assert {"루이촨의성", "랑옌 정보", "멍타오커자", "쑹위롄"} <= makers, makers
    assert not {n for n in makers if n.startswith(("창고", "분류", "야간"))}


def test_no_makers_without_a_company_column(nlp):
    doc = document("t.txt", ITEM_TABLE.replace("일자 명칭 기업/기관 용도", "일자 명칭 비고 용도"))
    ms = run(nlp, doc.text)
    assert not [m for m in ms if m.rule == "table:item-maker"]


FUNDING_TABLE = ("도표 1. 윈펑커지 자금 조달 현황\n"
                 "라운드 일자 금액 투자자\n"
                 "B 라운드 2024-07-24 10 억 위안\n"
                 "루이펑 신성장 펀드, CITIC 루이신, 베이징 밍위 기업 관리 합자회사(유한 합자회사)\n"
                 "엔젤 라운드 2020-06-04 미공개 싱허촹터우\n"
                 "자료: 36Kr, 윈펑커지 종합\n")


def test_investors_listed_in_a_funding_table(nlp):
    ms = run(nlp, FUNDING_TABLE)
    investors = {m.text for m in ms if m.label in ("Investor", "Company")}
    assert {"CITIC 루이신", "베이징 밍위 기업 관리 합자회사", "싱허촹터우", "루이펑 신성장 펀드"} <= investors, investors
    assert not {n for n in investors if "라운드" in n}
    assert not {n for n in investors if "36Kr" in n or "종합" in n}  # the source line is no list


def test_a_name_with_digits_before_its_head_stays_whole(nlp):
    ms = run(nlp, "룽화병원, 난카이대학교, R2D 그룹이 공동으로 개발했다.\n")
    assert "R2D 그룹" in {m.text for m in ms}


def test_technology_compound_with_a_company_head_is_no_company(nlp):
    ms = run(nlp, "AI수술로봇 분야에서는 원격 수술 솔루션 개발이 활발하다.\n")
    assert any(m.text == "AI수술로봇" and m.label == "Technology" for m in ms)
    assert not [m for m in ms if m.label == "Company"]


def test_claimed_spans_find_exactly_the_overlapping_ones():
    """The arbiter's span index answers like a linear scan (disjoint spans, as it keeps them)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extraction.components.arbiter import _Spans, _overlaps

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 15)), max_size=30),
           st.tuples(st.integers(0, 220), st.integers(1, 20)))
    def check(raw, query):
        spans, index = [], _Spans()
        for s, n in raw:  # keep them disjoint (duplicates allowed), as the arbiter does
            span = (s, s + n)
            if all(not _overlaps(span, t) or span == t for t in spans):
                spans.append(span)
                index.add(span)
        q = (query[0], query[0] + query[1])
        assert sorted(index.overlapping(q)) == sorted(t for t in spans if _overlaps(q, t))

    check()


def test_korean_gloss_in_parentheses_is_no_company(nlp):
    ms = run(nlp, "업스트림 (핵심기술)\t라이다\t윈펑커지\t상하이\n")
    assert not [m for m in ms if m.text in ("업스트림", "핵심기술")]
    ms = run(nlp, "톈청그룹(밍신테크)은 라이다를 만든다.\n")
    assert {"톈청그룹", "밍신테크"} <= {m.text for m in ms if m.label == "Company"}
