"""The table reader: tables flattened into lines (text pulled out of PDFs) read into rows of
typed cells, and the names and relations the pipeline takes from them. Every table here is
written for these tests (invented companies and investors)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.extract import extract_mentions
from extraction.reference import load_reference
from extraction.tables import TableReader, find_headers
from extraction.tables.cells import amount_end, name_like, round_end, split_names

from .conftest import document


@pytest.fixture(scope="module")
def reader():
    return TableReader(load_reference(None))


def rows_of(reader, text):
    out = []
    for table in reader.read(text):
        for row in table.rows:
            out.append({
                "kind": table.kind,
                "names": [text[s:e] for s, e in row.names],
                "cells": {c.column: text[c.start:c.end] for c in row.cells},
                "listed": [text[s:e] for s, e in row.listed],
            })
    return out


# A funding table as line repair leaves it: the header glued to the caption and to the first
# row's name, a Korean name line then a Chinese name line, an amount wrapped over two lines,
# sector and description cells wrapped, a wrapped investor name, a row whose cells share one
# line, a full-width comma, and a row glued onto the end of the previous one.
FUNDING = """\
도표 3. 2025 년 상반기 로봇 기업 투자 유치 현황 기업명 라운드 투자 금액 소재지 분야 기업 소개 투자기관 루이펑로보틱스
瑞峰机器人
시리즈 B 12.5 억
위안
선전 휴머노이드
로봇
휴머노이드 로봇 개발업체
훙타오캐피탈, 진사벤처 투자, 란하이자본
징원즈넝
景云智能 엔젤 라운드 3,000 만 위안 항저우 자율주행 자율주행 솔루션 제공 기업 미공개
Deepfin 시리즈 A 1.2 억 위안 베이징 인공지능 AI 모델 개발 기업 웨이란캐피탈，쑹린투자 하이보커지
海博科技
프리 A 미공개 쑤저우 반도체 반도체 장비 제조 업체 치밍벤처
자료: 각 사 발표 종합
"""


def test_funding_rows(reader):
    rows = rows_of(reader, FUNDING)
    assert [r["names"] for r in rows] == [["루이펑로보틱스", "瑞峰机器人"], ["징원즈넝", "景云智能"], ["Deepfin"],
                                          ["하이보커지", "海博科技"]]
    first = rows[0]["cells"]
    assert first["round"] == "시리즈 B"
    assert first["amount"] == "12.5 억\n위안"
    assert first["place"] == "선전"
    assert first["profile"].endswith("개발업체")
    assert rows[0]["listed"] == ["훙타오캐피탈", "진사벤처 투자", "란하이자본"]
    assert rows[1]["cells"]["amount"] == "3,000 만 위안" and rows[1]["listed"] == []  # 미공개
    assert rows[2]["listed"] == ["웨이란캐피탈", "쑹린투자"]  # full-width comma; the next row is glued on
    assert rows[3]["cells"]["round"] == "프리 A" and rows[3]["cells"]["amount"] == "미공개"
    assert rows[3]["listed"] == ["치밍벤처"]  # the source line ends the table


def test_two_level_header(reader):
    text = ("기업명 투자 정보 소재지\n라운드 금액 투자자\n"
            "모란즈넝\n墨兰智能\nC 라운드 5 억 위안 둥팡캐피탈, 화성투자 청두\n"
            "바이윈뎬쯔\n白云电子\n시드 라운드 800 만 위안 난산벤처스 우한\n")
    rows = rows_of(reader, text)
    assert [r["names"][0] for r in rows] == ["모란즈넝", "바이윈뎬쯔"]
    assert rows[0]["cells"]["round"] == "C 라운드"
    assert rows[0]["cells"]["place"] == "청두"
    assert rows[0]["listed"] == ["둥팡캐피탈", "화성투자"]
    assert rows[1]["listed"] == ["난산벤처스"]


def test_ranking_table_cells_are_not_names(reader):
    text = ("순위 기업명 시가총액 분야\n"
            "1 카이린커지 1,200 억 위안 배터리 소재 업체\n"
            "2 Morrow Labs 950 억 위안 클라우드 서비스 기업\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["카이린커지"], ["Morrow Labs"]]
    assert rows[0]["cells"]["rank"] == "1" and rows[0]["cells"]["amount"] == "1,200 억 위안"
    assert rows[1]["cells"]["profile"] == "클라우드 서비스 기업"


def test_acquisition_table(reader):
    """The acquirer's cell comes before the target's: its names, Chinese name included, are
    the row's listed investors."""
    text = ("인수 기업 피인수 기업 인수 금액 일자\n화성전자\n华星电子\n루이펑커지\n瑞峰科技\n"
            "5 억 위안 2024 년 3 월\n둥팡그룹 모란즈넝 1.2 억 달러 2023 년 11 월\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["모란즈넝"]]
    assert rows[0]["listed"] == ["화성전자\n华星电子"] and rows[1]["listed"] == ["둥팡그룹"]
    assert rows[0]["cells"]["amount"] == "5 억 위안" and rows[1]["cells"]["date"] == "2023 년 11 월"


def test_dated_activity_table(reader):
    text = ("일자 기업명 주요 내용\n2025.03 루이펑커지\n瑞峰科技\n휴머노이드 로봇 신제품 발표\n"
            "2025.04 Deepfin 대형 모델 공개\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["Deepfin"]]
    assert [r["cells"]["date"] for r in rows] == ["2025.03", "2025.04"]
    assert rows[0]["cells"]["profile"] == "휴머노이드 로봇 신제품 발표"


def test_dated_table_from_report_text(reader):
    """A report's text file (lines end in a space at word boundaries, blank lines between):
    after line repair the caption, which ends in a column name, is glued to the header, and a
    date to the end of the row before."""
    lines = ["◼ 로봇 기업 주요 동향 ", "올해 들어 로봇 기업들의 신제품 발표가 이어지고 있다. 주요 기업의 활동은 다음과 같다. ",
             " 도표 4. 2025 년 로봇 기업 주요 활동 ", "일자 기업명 주요 내용 ", "2025.03 ", "루이펑커지 ", "瑞峰科技 ",
             "휴머노이드 로봇 신제품 발표, 양산 계획 ", "공개 ", "2025.04 ", "모란즈넝 ", "墨兰智能 ", "선전 공장 착공 ",
             "2025.05 ", "Deepfin ", "대형 모델 공개 ", "자료: 각 사 발표 종합 ", "이처럼 로봇 기업의 활동이 활발하다. "]
    doc = document("r.txt", "\n\n".join(lines))
    tables = reader.read(doc.text)
    assert [t.header.columns for t in tables] == [("date", "name", "profile")]
    rows = rows_of(reader, doc.text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["모란즈넝", "墨兰智能"], ["Deepfin"]]
    assert [r["cells"]["date"] for r in rows] == ["2025.03", "2025.04", "2025.05"]
    assert rows[1]["cells"]["profile"] == "선전 공장 착공"


def test_date_after_the_name(reader):
    text = ("기업명 일자 주요 내용\n루이펑커지\n瑞峰科技\n3 월 12 일 휴머노이드 로봇 신제품 발표\n"
            "바이윈뎬쯔\n白云电子\n2025 년 5 월 대형 모델 공개\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["바이윈뎬쯔", "白云电子"]]
    assert [r["cells"]["date"] for r in rows] == ["3 월 12 일", "2025 년 5 월"]


REPORT_LINES = [
    "[투자동향] ", "◼ 1 분기 스마트 제조 기업 투자 유치 ",
    "1 분기 스마트 제조 분야에서 다수의 기업이 투자를 유치했다. 주요 사례는 아래와 같다. ",
    "<표 2> 2025 년 1 분기 스마트 제조 기업 투자 유치 ", "기업명 라운드 금액 지역 업종 기업 개요 주요 투자자 ",
    "징하이즈자오 ", "精海智造 ", "B+ 라운드 6.5 억 ", "위안 ", "상하이 산업용 ", "로봇 ", "협동 로봇 및 산업용 ",
    "로봇 제조 기업 ", "훙타오캐피탈, 진사벤", "처투자, 윈치파트너스 ",
    "Deepfin ", "深鳍科技 ", "시리즈 A 3 억 위안 ", "항저우 머신비전 머신비전 검사 장비 ", "개발 업체 ",
    "Orion Capital, 화성투자 ",
    "린옌항쿵 ", "林岩航空 ", "엔젤 라운드 ", "수천만 위안 선전 드론 물류 드론 ", "개발 업체 미공개 ",
    "바오선커지 ", "宝森科技 ", "C 라운드 12 억 ", "위안 ", "우한 반도체 파워 반도체 설계 ", "기업 ",
    "궈진펀드, 난산벤처스 ", "(리드), 바이허자본 ",
    "자료: 36 커 등 언론 보도 종합 ", "1 분기 투자는 전년 동기 대비 크게 늘었다. "]


def test_funding_table_from_report_text(reader):
    """A report's text file as PDF extraction leaves it (a space ends a line at a word
    boundary, none inside a word; blank lines between lines): line repair glues the header
    to the caption and rows to each other; the reader gets every row back."""
    doc = document("r.txt", "\n\n".join(REPORT_LINES))
    rows = rows_of(reader, doc.text)
    assert [r["names"] for r in rows] == [["징하이즈자오", "精海智造"], ["Deepfin", "深鳍科技"],
                                          ["린옌항쿵", "林岩航空"], ["바오선커지", "宝森科技"]]
    assert [r["listed"] for r in rows] == [["훙타오캐피탈", "진사벤처투자", "윈치파트너스"], ["Orion Capital", "화성투자"],
                                           [], ["궈진펀드", "난산벤처스", "바이허자본"]]
    assert [r["cells"]["amount"] for r in rows] == ["6.5 억 위안", "3 억 위안", "수천만 위안", "12 억 위안"]
    assert [r["cells"]["place"] for r in rows] == ["상하이", "항저우", "선전", "우한"]


def test_activity_table_is_one_article(reader):
    """Rows of a company (Korean, then Chinese name) and a dated activity: the article
    splitter does not take a Chinese name over a dated cell for a headline, and the two-column
    header glued to its caption is read."""
    lines = ["◼ 로봇 기업 주요 동향 ", "올해 들어 로봇 기업들의 신제품 발표가 이어지고 있다. 주요 기업의 활동은 다음과 같다. ",
             " 도표 4. 2025 년 로봇 기업 주요 활동 ", "기업명 주요 활동 ", "루이펑커지 ", "瑞峰科技 ",
             "2025 년 3 월 12 일, 휴머노이드 로봇 신제품을 발표하고 양산 계획을 공개함 ", "모란즈넝 ", "墨兰智能 ",
             "2025 년 4 월 2 일, 선전에 공장을 착공함 ", "자료: 각 사 발표 종합 ", "이처럼 로봇 기업의 활동이 활발하다. "]
    doc = document("r.txt", "\n\n".join(lines))
    assert len(doc.articles) == 1
    rows = rows_of(reader, doc.text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["모란즈넝", "墨兰智能"]]
    assert rows[1]["cells"]["profile"] == "2025 년 4 월 2 일, 선전에 공장을 착공함"


def test_name_cell_in_another_script_and_unknown_column(reader):
    """영문명 holds the row's English name; a column name kg does not know (설립자) between
    known ones does not break the header."""
    text = ("기업명 영문명 설립자 라운드 금액 투자자\n"
            "루이펑커지 Ruifeng Tech 왕밍 시리즈 A 2 억 위안 둥팡캐피탈\n"
            "모란즈넝 Molan AI 리훙 B 라운드 1 억 위안 화성투자\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["루이펑커지", "Ruifeng Tech"], ["모란즈넝", "Molan AI"]]
    assert [r["listed"] for r in rows] == [["둥팡캐피탈"], ["화성투자"]]
    assert rows[1]["cells"]["round"] == "B 라운드"


def test_value_chain_rows_glued(reader):
    text = ("도표 2. 드론 산업 체인\n산업 체인 분야 대표 기업\n업 스트림\n"
            "배터리 둥촨뎬츠, 린옌항쿵, 바오선\n"
            "비행 제어 시스템 자오펑커지, 21 소, 38 소, 허웨이즈넝 전력 시스템 Vantor, 랑팡전자\n"
            "농업 방제\n시스템\n샹먀오커지, 펑위드론\n")
    rows = rows_of(reader, text)
    assert all(r["kind"] == "chain" for r in rows)
    assert rows[0]["cells"]["label"] == "배터리" and rows[0]["listed"] == ["둥촨뎬츠", "린옌항쿵", "바오선"]
    assert rows[1]["cells"]["label"] == "비행 제어 시스템"
    assert rows[1]["listed"] == ["자오펑커지", "허웨이즈넝"]  # numbered units are no company names
    assert rows[2]["cells"]["label"] == "전력 시스템" and rows[2]["listed"] == ["Vantor", "랑팡전자"]
    assert rows[3]["listed"] == ["샹먀오커지", "펑위드론"]


def test_funding_table_found_by_its_caption(reader):
    """A header kg does not know, glued with the first name to the caption: the caption says
    it is a funding table; only names with an organisation's head are investors then."""
    text = ("도표 2. 2025 년 로봇 기업 투자 유치 현황 피투자사 투자 회차 투자 규모(위안) 주요 참여 기관 루이펑커지\n"
            "瑞峰科技\n시리즈 A 2 억 위안 둥팡캐피탈, 화성투자 모란즈넝\n墨兰智能\n"
            "B 라운드 1 억 위안 난산벤처스, 왕밍\n자료: 각 사 발표 종합\n")
    rows = rows_of(reader, text)
    assert [r["names"] for r in rows] == [["루이펑커지", "瑞峰科技"], ["모란즈넝", "墨兰智能"]]
    assert [r["listed"] for r in rows] == [["둥팡캐피탈", "화성투자"], ["난산벤처스"]]
    # a caption about something else, over rows that are no funding rounds, gives no table
    other = "도표 2. 로봇 기업 현황\n루이펑커지\n瑞峰科技\n휴머노이드 로봇 개발\n모란즈넝\n墨兰智能\n공장 착공\n"
    assert reader.read(other) == []


def test_value_chain_found_by_its_caption(reader):
    text = ("도표 2. 드론 산업 체인\n업 스트림\n배터리 둥촨뎬츠, 린옌항쿵, 바오선\n비행 제어 자오펑커지, 허웨이즈넝\n"
            "다운 스트림\n물류 펑위드론, 샹먀오커지\n"
            "이처럼 드론 산업 체인은 빠르게 성장하고 있으며 각 분야의 기업들이 경쟁하고 있다.\n"
            "도표 3. 주요 공급망 이슈\n원자재 가격, 물류 비용, 인력 수급\n환율 변동, 수요 둔화\n")
    rows = rows_of(reader, text)
    assert [r["listed"] for r in rows] == [["둥촨뎬츠", "린옌항쿵", "바오선"], ["자오펑커지", "허웨이즈넝"],
                                           ["펑위드론", "샹먀오커지"]]  # lists of common words are no companies
    assert [r["cells"]["label"] for r in rows] == ["배터리", "비행 제어", "물류"]


def test_prose_is_no_header():
    text = "이 기업 소개 자료에서는 분야 투자 금액 등을 다루지 않았다. 기업명 변경도 없었다.\n"
    assert find_headers(text) == []


@pytest.mark.parametrize("text,expected", [
    ("훙타오캐피탈, 진사벤처\n투자, 란하이자본", ["훙타오캐피탈", "진사벤처\n투자", "란하이자본"]),
    ("훙타오캐피탈 진사투자", ["훙타오캐피탈", "진사투자"]),  # a missing comma
    ("중국 투자 그룹, 밍둥캐피탈(리드)", ["중국 투자 그룹", "밍둥캐피탈"]),
    ("둥팡캐피탈\n화성펀드", ["둥팡캐피탈", "화성펀드"]),  # a new name on a new line
    ("둥팡캐피탈(东方资本)、미공개", ["둥팡캐피탈(东方资本)"]),
])
def test_split_investor_lists(text, expected):
    assert [text[s:e] for s, e in split_names(text, 0, len(text))] == expected


@pytest.mark.parametrize("value", ["시리즈 B", "Pre-A", "프리 A+", "엔젤 라운드", "C+ 라운드", "전략 투자", "미공개"])
def test_round_values(value):
    assert round_end(value + " x", 0, len(value) + 2) == len(value)


@pytest.mark.parametrize("value", ["199.9 억\n위안", "3,000 만 위안", "US$ 50 M USD", "수억 위안", "1.5 억 달러"])
def test_amount_values(value):
    assert amount_end(value + " x", 0, len(value) + 2) == len(value)


def test_name_like():
    assert name_like("하오퉁") and name_like("린옌항쿵드론") and name_like("Vantor")
    assert not name_like("시스템") and not name_like("기타") and not name_like("이륙")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["훙타오캐피탈", "진사투자", "란하이자본", "Orion Capital", "밍둥펀드"]),
                min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from([", ", "，", "、", ",\n"]), min_size=4, max_size=4))
def test_split_names_recovers_every_name(names, seps):
    """However the names are separated, the list gives back each name once, in order."""
    text = names[0]
    for k, n in enumerate(names[1:]):
        text += seps[k] + n
    assert [text[s:e] for s, e in split_names(text, 0, len(text))] == names


# -- in the pipeline ---------------------------------------------------------------------------
PAGE = ("◼ 휴머노이드 로봇 기업 투자 유치 확대\n"
        "올해 들어 휴머노이드 로봇 분야의 투자 유치가 크게 늘었다. 주요 기업의 투자 유치 현황은 다음과 같다.\n"
        + FUNDING +
        "이처럼 로봇 분야의 투자가 빠르게 늘고 있다.\n")


def test_pipeline_rows(nlp):
    doc = document("t.txt", PAGE)
    ex = extract_mentions(doc, nlp)
    names = {m.text: m for m in ex.mentions}
    for name in ("루이펑로보틱스", "瑞峰机器人", "징원즈넝", "Deepfin", "하이보커지", "海博科技"):
        assert name in names and names[name].label == "Company", name
    for name in ("훙타오캐피탈", "진사벤처 투자", "란하이자본", "웨이란캐피탈", "쑹린투자", "치밍벤처"):
        assert name in names and names[name].label in ("Investor", "Company"), name
    # the Chinese name is the same entity as the Korean one
    assert names["瑞峰机器人"].alias_of == (names["루이펑로보틱스"].clean_start, names["루이펑로보틱스"].clean_end)
    # no cell of another column is a name
    for m in ex.mentions:
        if m.label in ("Company", "Investor", "Organization"):
            assert not any(w in m.text for w in ("시리즈", "라운드", "위안", "미공개", "업체", "기업")), m
    found = {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
             for r in ex.relations}
    assert ("훙타오캐피탈", "invests_in", "루이펑로보틱스") in found
    assert ("진사벤처 투자", "invests_in", "루이펑로보틱스") in found
    assert ("쑹린투자", "invests_in", "Deepfin") in found
    assert ("치밍벤처", "invests_in", "하이보커지") in found
    assert not any(p == "invests_in" and o == "하이보커지" and s != "치밍벤처" for s, p, o in found)
    assert ("루이펑로보틱스", "located_in", "선전") in found
    assert ("하이보커지", "located_in", "쑤저우") in found
    assert ("Deepfin", "located_in", "베이징") in found
    for r in ex.relations:  # evidence is the row, sliced out of the original
        assert doc.original[r.evidence_start:r.evidence_end] == r.evidence


def test_pipeline_rows_of_one_line_each(nlp):
    """Rows "X(中文) 시리즈 A …" with no sentence end between them: no row's company invests
    in another row's, whatever rule reads the lines."""
    text = ("◼ 로봇 기업 투자 동향\n둥팡그룹은 올해 로봇 분야 투자를 크게 늘렸다. 주요 피투자 기업은 다음과 같다.\n"
            "도표 2. 로봇 기업 투자 유치 현황\n기업명 라운드 금액 투자자\n"
            "루이펑커지(瑞峰科技) 시리즈 A 2 억 위안 둥팡캐피탈, 화성투자\n"
            "모란즈넝(墨兰智能) B 라운드 1 억 위안 난산벤처스\n자료: 각 사 발표 종합\n")
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    found = {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
             for r in ex.relations if r.predicate == "invests_in"}
    assert found == {("둥팡캐피탈", "invests_in", "루이펑커지"), ("화성투자", "invests_in", "루이펑커지"),
                     ("난산벤처스", "invests_in", "모란즈넝")}


def test_pipeline_ranking_table_cells_are_no_names(nlp):
    text = ("◼ 중국 배터리 기업 순위\n중국 배터리 기업의 시가총액 순위는 다음과 같다.\n"
            "도표 1. 시가총액 상위 기업\n순위 기업명 시가총액 분야\n"
            "1 카이린커지 1,200 억 위안 배터리 소재 업체\n"
            "2 Morrow Labs 950 억 위안 클라우드 서비스 기업\n"
            "3 바오선캐피탈 800 억 위안 벤처 투자 플랫폼\n")
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    names = {m.text: m.label for m in ex.mentions if m.label in ("Company", "Investor", "Organization")}
    assert {"카이린커지", "Morrow Labs", "바오선캐피탈"} <= set(names)
    for name in names:
        assert not any(w in name for w in ("억", "위안", "업체", "기업", "플랫폼", "서비스", "투자 플랫폼")), name
    assert not [r for r in ex.relations if r.predicate == "invests_in"]


def test_pipeline_ranked_funding_rows(nlp):
    """A rank before a name of two words, a bracketed Chinese name after a space, a lead
    investor's marker and 등: the rows' relations and no other relation inside the table
    (no investor "develops" the sector next to it)."""
    text = ("◼ 2024 년 AI 기업 투자\nAI 분야 투자가 늘었다. 주요 사례는 다음과 같다.\n"
            "도표 1. AI 기업 투자 유치 현황\nNo. 기업명 투자 단계 투자 규모 본사 소재지 주요 사업 투자사\n"
            "1 루이펑 로보틱스\n瑞峰机器人\nC+ 라운드 약 10 억 위안 광둥성 선전시 휴머노이드 로봇, 자율주행 솔루션 개발 "
            "기업 훙타오캐피탈(领投), 진사벤처투자 등\n"
            "2 모란즈넝 (墨兰智能) 전략 투자 비공개 장쑤성 쑤저우 반도체 설계 업체 Orion Capital, 화성투자\n"
            "3 Deepfin Labs 시리즈 A+ 5,000 만 달러 베이징 AI 모델 개발사 난산벤처스\n자료: 기업 공시\n")
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    names = {m.text: m for m in ex.mentions}
    assert names["瑞峰机器人"].alias_of == (names["루이펑 로보틱스"].clean_start, names["루이펑 로보틱스"].clean_end)
    assert "墨兰智能" in names and "领投" not in names and "(墨兰智能)" not in names
    found = {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
             for r in ex.relations}
    assert {("훙타오캐피탈", "invests_in", "루이펑 로보틱스"), ("진사벤처투자", "invests_in", "루이펑 로보틱스"),
            ("Orion Capital", "invests_in", "모란즈넝"), ("난산벤처스", "invests_in", "Deepfin Labs"),
            ("루이펑 로보틱스", "located_in", "선전시"), ("모란즈넝", "located_in", "쑤저우"),
            ("루이펑 로보틱스", "develops", "휴머노이드 로봇"), ("모란즈넝", "develops", "반도체 설계")} <= found
    subjects = {s for s, p, _ in found if p in ("develops", "located_in")}
    assert subjects <= {"루이펑 로보틱스", "모란즈넝", "Deepfin Labs"}


# -- tables rendered to PDF with narrow CJK columns, read back through kg's own reader ----------
FUNDING_ROWS = [
    ["루이펑로보틱스 瑞峰机器人", "시리즈 B", "199.9 억 위안", "선전", "휴머노이드 로봇", "휴머노이드 로봇 개발 업체",
     "훙타오캐피탈, 진사벤처투자, 란하이자본"],
    ["징원즈넝 景云智能", "엔젤 라운드", "3,000 만 위안", "항저우", "자율주행", "자율주행 솔루션 제공 기업", "미공개"],
    ["Deepfin", "시리즈 A", "1.2 억 위안", "베이징", "인공지능", "AI 모델 개발 기업", "웨이란캐피탈，쑹린투자"],
    ["하이보커지 海博科技", "프리 A", "미공개", "쑤저우", "반도체", "반도체 장비 제조 업체", "치밍벤처"],
]


def _pdf(path, rows, widths, spans=(), caption="도표 3. 2025 년 상반기 로봇 기업 투자 유치 현황"):
    """A page with a caption and a table of narrow columns. The font is one of the Asian CID
    fonts every PDF reader knows (not embedded): the text layer is what kg reads."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    cell = ParagraphStyle("cell", fontName="HYSMyeongJo-Medium", fontSize=8, leading=10)
    body = ParagraphStyle("body", fontName="HYSMyeongJo-Medium", fontSize=10, leading=13)
    table = Table([[Paragraph(c, cell) for c in r] for r in rows], colWidths=widths)
    table.setStyle(TableStyle([("SPAN", a, b) for a, b in spans]))
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("◼ 휴머노이드 로봇 기업 투자 유치 확대", body),
        Paragraph("올해 들어 휴머노이드 로봇 분야의 투자 유치가 크게 늘었다. 주요 기업의 투자 현황은 다음과 같다.", body),
        Paragraph(caption, body), table, Paragraph("자료: 각 사 발표 종합", cell),
        Paragraph("이처럼 로봇 분야의 투자가 빠르게 늘고 있다.", body)])


def _read_pdf(path):
    from extraction.ingest import build_document
    from extraction.readers import read_source

    return build_document(read_source(path))[0]


def _keys(text, spans):
    from extraction.names import name_key

    return [name_key(text[s:e]) for s, e in spans]


@pytest.mark.parametrize("scale", [1.0, 1.3, 1.8])
def test_pdf_funding_table(reader, tmp_path, scale):
    """Column widths from very narrow (names and column names break mid-word, 소재\\n지) to
    roomy: every row, its round, place and investors come back."""
    header = ["기업명", "라운드", "투자 금액", "소재지", "분야", "기업 소개", "투자기관"]
    path = tmp_path / "funding.pdf"
    _pdf(path, [header] + FUNDING_ROWS, [w * scale for w in (52, 40, 38, 32, 44, 62, 70)])
    doc = _read_pdf(path)
    rows = [r for t in reader.read(doc.text) for r in t.rows]
    assert [_keys(doc.text, r.names) for r in rows] == [
        ["루이펑로보틱스", "瑞峰机器人"], ["징원즈넝", "景云智能"], ["deepfin"], ["하이보커지", "海博科技"]]
    assert [_keys(doc.text, r.listed) for r in rows] == [
        ["훙타오캐피탈", "진사벤처투자", "란하이자본"], [], ["웨이란캐피탈", "쑹린투자"], ["치밍벤처"]]
    assert [doc.text[r.cell("place").start:r.cell("place").end] for r in rows] == ["선전", "항저우", "베이징", "쑤저우"]
    assert [r.cell("round") is not None for r in rows] == [True] * 4


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_pdf_two_level_header(reader, tmp_path, scale):
    rows = [["기업명", "투자 정보", "", "", "소재지"], ["", "라운드", "금액", "투자기관", ""],
            ["모란즈넝 墨兰智能", "C 라운드", "5 억 위안", "둥팡캐피탈, 화성투자", "청두"],
            ["바이윈뎬쯔 白云电子", "시드 라운드", "800 만 위안", "난산벤처스", "우한"]]
    path = tmp_path / "two_level.pdf"
    _pdf(path, rows, [w * scale for w in (50, 40, 40, 60, 30)],
         spans=(((1, 0), (3, 0)), ((0, 0), (0, 1)), ((4, 0), (4, 1))), caption="도표 1. 투자 현황")
    doc = _read_pdf(path)
    got = [r for t in reader.read(doc.text) for r in t.rows]
    assert [_keys(doc.text, r.names) for r in got] == [["모란즈넝", "墨兰智能"], ["바이윈뎬쯔", "白云电子"]]
    assert [_keys(doc.text, r.listed) for r in got] == [["둥팡캐피탈", "화성투자"], ["난산벤처스"]]
    assert [doc.text[r.cell("place").start:r.cell("place").end] for r in got] == ["청두", "우한"]


def test_pdf_pipeline(nlp, tmp_path):
    """Through the whole pipeline: the relations of the rows, with evidence in the PDF's text."""
    header = ["기업명", "라운드", "투자 금액", "소재지", "분야", "기업 소개", "투자기관"]
    path = tmp_path / "funding.pdf"
    _pdf(path, [header] + FUNDING_ROWS, [w * 1.3 for w in (52, 40, 38, 32, 44, 62, 70)])
    doc = _read_pdf(path)
    ex = extract_mentions(doc, nlp)
    from extraction.names import name_key

    found = {(name_key(doc.text[r.subject[0]:r.subject[1]]), r.predicate, name_key(doc.text[r.object[0]:r.object[1]]))
             for r in ex.relations}
    assert ("치밍벤처", "invests_in", "하이보커지") in found
    assert ("훙타오캐피탈", "invests_in", "루이펑로보틱스") in found
    assert ("deepfin", "located_in", "베이징") in found
    for r in ex.relations:
        assert doc.original[r.evidence_start:r.evidence_end] == r.evidence


# -- invariant: however a funding table is flattened, its rows come back ---------------------------
_KO_ZH_NAMES = [("루이펑로보틱스", "瑞峰机器人"), ("징원즈넝", "景云智能"), ("하이보커지", "海博科技"),
                ("모란즈넝", "墨兰智能"), ("바이윈뎬쯔", "白云电子"), ("린옌항쿵", "林岩航空")]
_ROUNDS = ["시리즈 A", "B 라운드", "프리 A", "엔젤 라운드", "C+ 라운드", "전략 투자"]
_AMOUNTS = ["12.5 억 위안", "3,000 만 위안", "미공개", "1.2 억 달러", "수억 위안"]
_PLACES = ["선전", "항저우", "베이징", "쑤저우", "우한", "청두"]
_PROFILES = ["휴머노이드 로봇 개발 업체", "자율주행 솔루션 제공 기업", "반도체 장비 제조 업체", "AI 모델 개발 기업"]
_INVESTORS = ["훙타오캐피탈", "진사벤처투자", "란하이자본", "웨이란캐피탈", "쑹린투자", "치밍벤처스", "Orion Capital"]


@st.composite
def flattened_tables(draw):
    n = draw(st.integers(2, 4))
    names = draw(st.lists(st.sampled_from(_KO_ZH_NAMES), min_size=n, max_size=n, unique=True))
    rows = []
    for ko, zh in names:
        investors = draw(st.lists(st.sampled_from(_INVESTORS), min_size=0, max_size=3, unique=True))
        rows.append((ko, zh, draw(st.sampled_from(_ROUNDS)), draw(st.sampled_from(_AMOUNTS)),
                     draw(st.sampled_from(_PLACES)), draw(st.sampled_from(_PROFILES)), investors))
    pieces = []  # (text, break after: "\n" a new line, " " the same line)
    for ko, zh, rnd, amount, place, profile, investors in rows:
        cells = [ko, zh, rnd, amount, place, profile,
                 draw(st.sampled_from([", ", "，"])).join(investors) if investors else "미공개"]
        for k, cell in enumerate(cells):
            words = cell.split(" ")
            for j, w in enumerate(words):
                last = j == len(words) - 1
                # a cell wraps at a word boundary, ends its line, or shares it with the next cell
                # (the Korean name always ends its line: its Chinese name is the next line)
                sep = "\n" if (k == 0 and last) else draw(st.sampled_from(["\n", " "]))
                pieces.append(w + sep)
    header = draw(st.sampled_from(["기업명 라운드 투자 금액 소재지 분야 기업 소개 투자기관",
                                   "도표 1. 투자 유치 현황 기업명 라운드 금액 지역 업종 주요 투자자"]))
    return header + "\n" + "".join(pieces) + "\n자료: 각 사\n", rows


@settings(max_examples=80, deadline=None)
@given(flattened_tables())
def test_flattened_funding_tables_read_back(reader, table):
    text, rows = table
    got = [r for t in reader.read(text) for r in t.rows]
    assert [[text[s:e] for s, e in r.names] for r in got] == [[ko, zh] for ko, zh, *_ in rows], text
    # a name wrapped over two lines comes back whole, its line break kept
    assert [[" ".join(text[s:e].split()) for s, e in r.listed] for r in got] == [inv for *_, inv in rows], text
    for r, (*_, place, _profile, _inv) in zip(got, rows):
        assert text[r.cell("place").start:r.cell("place").end] == place, text
