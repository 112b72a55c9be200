"""Normalisation: line-break repair, headers/footers, ToC, spaces, and the offset map.

All snippets are written for these tests in the style of PDF-extracted Korean reports
(lines separated by blank lines, a trailing space where a line ends at a word boundary).
"""
from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.normalize import RepairStats, normalize, normalize_text
from extraction.records import SourceText

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"

# A news item as a PDF extractor emits it: every line followed by a blank line, a trailing
# space when the line ends between two words, none when it ends inside a word.
NEWS = (
    " ◼ 우한시, 광전자 산업 클러스터 확대 \n\n"
    "우한시는 광섬유와 레이저 장비를 중심으로 광전자 산업 클러스터를 확대하고 있다. 창장광전(长江光电)\n\n"
    "은 신규 생산라인을 가동하며 연간 생산능력을 두 배로 늘렸으며, 이를 통해 중부 지역의 기술 \n\n"
    "허브로 자리잡을 계획이다. 현지 언론에 따르면 이 회사는 레이저 가공 기술을 보\n\n"
    "유한 기업들과 공동 연구를 진행하고 있으며, 올해 안에 신제품을 출시할 예정이다. \n\n"
    "3 월 12 일, 우한시 정부는 광전자 기업을 위한 전용 펀드를 조성한다고 발표했다. 펀드 규모는 약 \n\n"
    "20 억 위안이며, 주요 투자 대상은 반도체 레이저와 광통신 부품을 개발하는 스타트업이다. 특히 \n\n"
    "정부는 핵심 부품의 국산화율을 높이기 위해 연구개발 보조금을 확대하고, 관련 인재를 적극 유치할 \n\n"
    "방침이다. 업계에서는 이번 조치가 지역 산업 생태계를 한층 강화할 것으로 기대하고 있으며, 향후 \n\n"
    "추가 지원책도 잇따를 것으로 보인다.(출처: 창장일보) \n\n"
)


def clean_of(text: str, **kw) -> str:
    return normalize_text(text, **kw).text


def check_offsets(source_text: str, result) -> None:
    """Every copied character is the original character at its mapped position."""
    off = result.offsets
    clean = result.text
    assert off.length == len(clean)
    bounds = list(off.starts) + [off.length]
    for k, start in enumerate(off.starts):
        for i in range(start, bounds[k + 1]):
            o = off.to_original(i)
            assert 0 <= o <= len(source_text)
            if off.copied[k]:
                assert source_text[o] == clean[i], (i, o, clean[i], source_text[o])
    prev = -1
    for i in range(len(clean) + 1):
        o = off.to_original(i)
        assert o >= prev
        prev = o


# --------------------------------------------------------------------------- line-break repair


def test_news_item_repaired():
    r = normalize_text(NEWS)
    lines = r.text.split("\n")
    assert lines[0] == "◼ 우한시, 광전자 산업 클러스터 확대"
    body = lines[1]
    assert "창장광전(长江光电)은 신규 생산라인을" in body          # particle joined
    assert "중부 지역의 기술 허브로" in body                       # boundary kept as a space
    assert "레이저 가공 기술을 보유한 기업들과" in body            # mid-word join
    assert body.endswith("출시할 예정이다.")                      # paragraph ends at sentence end
    assert lines[2].startswith("3 월 12 일, 우한시 정부는")
    assert "펀드 규모는 약 20 억 위안이며" in lines[2]
    assert "특히 정부는" in lines[2] and "유치할 방침이다." in lines[2]
    assert lines[-1].endswith("보인다.(출처: 창장일보)")
    assert len(lines) == 3
    assert "  " not in r.text and "\n\n" not in r.text
    check_offsets(NEWS, r)


def test_news_item_stats():
    s = normalize_text(NEWS).stats
    assert isinstance(s, RepairStats)
    assert s.mid_word_joins == 2                 # 长江光电)|은, 보|유한
    assert s.word_boundaries_kept >= 5
    assert s.paragraph_breaks == 2
    assert s.lines == 10


def test_result_unpacks_as_triple():
    text, offsets, toc = normalize_text(NEWS)
    assert text.startswith("◼ 우한시") and offsets.length == len(text) and toc == ()


# Lines without any trailing-space signal: Kiwi decides.
NO_SIGNAL = (
    "중국 정부는 인공지능 기술을 보\n"
    "유한 기업들에게 세제 혜택을 확대하고 있으며\n"
    "스타트업의 성장을 지원하기 위해 전용 펀드를 운영\n"
    "하고 있다. 특히 자율주행 분야에서는 딥시크 AI\n"
    "를 탑재한 차량이 늘어나면서 관련 반도체 수요도 빠르게\n"
    "증가하는 추세이며 업계는 올해 시장 규모가 두 배로\n"
    "커질 것으로 예상하고 있다.\n"
)


def test_analyser_decides_without_signal():
    r = normalize_text(NO_SIGNAL)
    t = r.text
    assert "기술을 보유한 기업들에게" in t                # 보|유한: a morpheme spans the break
    assert "확대하고 있으며 스타트업의" in t              # ending (EC) + noun: a space
    assert "펀드를 운영하고 있다." in t                   # 하(XSV) cannot start a word
    assert "딥시크 AI를 탑재한" in t                      # particle after a Latin word
    assert "빠르게 증가하는" in t and "두 배로 커질" in t
    assert "\n" not in t.strip()
    assert r.stats.analyser_decided >= 3
    assert r.stats.analyser_consulted >= r.stats.analyser_decided
    check_offsets(NO_SIGNAL, r)


def test_analyser_never_glues_separate_words():
    text = (
        "베이징시는 로봇 산업단지를 조성하고 있으며\n"
        "기업들은 새로운 공장을 짓고 있다 이에 따라\n"
        "지역 경제도 빠르게 성장할 것으로 보인다\n"
    )
    t = clean_of(text)
    assert "있으며 기업들은" in t and "따라 지역" in t


@pytest.mark.parametrize("marker", [
    "◼ 새 제목", "■ 새 제목", "▶ 새 제목", "□ 새 제목", "○ 항목", "- 항목", "• 항목", "⚫ 항목",
    "1. 항목", "1) 항목", "(1) 항목", "① 항목", "[산업분석] 새 제목", "# 새 제목", "도표 1. 시장 규모",
    "자료: 중국 통계국", "https://example.com/a",
])
def test_markers_start_lines(marker):
    text = f"선전시의 로봇 기업 수는 빠르게 늘고 \n\n{marker}\n\n관련 내용"
    t = clean_of(text)
    assert f"\n{marker}" in t


def test_hangul_list_marker_only_after_boundary():
    # "다." at a line start after a mid-word break is the end of a verb, not a list item
    text = ("연구진은 새로운 배터리 소재를 개발해 상용화에 성공했\n\n다. 이 소재는 기존 대비 "
            "에너지 밀도가 30% 높은 것으로 알려졌다. 업계는 이번 성과에 주목하고 \n\n있다.")
    t = clean_of(text)
    assert "성공했다. 이 소재는" in t
    t2 = clean_of("세부 과제는 다음과 같다: \n\n가. 핵심 부품 국산화 \n\n나. 인재 육성")
    assert t2.split("\n") == ["세부 과제는 다음과 같다:", "가. 핵심 부품 국산화", "나. 인재 육성"]


def test_table_rows_and_tabs():
    text = "구분\t2023 년\t2024 년\n매출\t10 억 위안\t15 억 위안\n자료: 회사 공시\n"
    r = normalize_text(text)
    assert r.text.split("\n") == [
        "구분 | 2023 년 | 2024 년", "매출 | 10 억 위안 | 15 억 위안", "자료: 회사 공시"]
    check_offsets(text, r)
    # the inserted " | " maps to its tab
    i = r.text.index("|")
    assert text[r.offsets.to_original(i)] == "\t"


def test_rows_with_runs_of_spaces_not_glued():
    text = "설계·개발  룽신퉁항  밍뎬팡우 \n\n칩 제조  중신궈지  화훙반도체 \n\n"
    assert clean_of(text).split("\n") == ["설계·개발 룽신퉁항 밍뎬팡우", "칩 제조 중신궈지 화훙반도체"]


def test_short_heading_line_is_kept_apart():
    text = NEWS + "시장 전망 \n\n" + NEWS.split("\n\n", 1)[1]
    t = clean_of(text)
    assert "\n시장 전망\n" in t


def test_markdown_artefacts_dropped():
    text = "- 국내 로봇 부품 수출은 2023년 148억 달러<sup>7)</sup>에 달함\n<b>I. 로봇 부품 시장</b>\n**ROBOVA** 소개\n"
    r = normalize_text(text)
    assert r.text.split("\n") == ["- 국내 로봇 부품 수출은 2023년 148억 달러에 달함", "I. 로봇 부품 시장", "ROBOVA 소개"]
    assert r.stats.markup_removed == 5
    check_offsets(text, r)


def test_blank_lines_are_paragraphs_when_lines_are_not_double_spaced():
    text = ("출하량은 2027년 5천만 대를 넘을 것으로 전망\n\n"
            "로봇 부품 출하량 추이\n단위: 만 대\n\n"
            "- 지방 정부는 부품 산업을 폭넓게 지원\n  - 인력 확보가 쉬움\n")
    t = clean_of(text)
    assert t.split("\n")[0] == "출하량은 2027년 5천만 대를 넘을 것으로 전망"
    assert t.split("\n")[1] == "로봇 부품 출하량 추이"


def test_spaces_nfc_and_private_use():
    decomposed = unicodedata.normalize("NFD", "한국")
    text = f"{decomposed}   기업과   중국\u00a0기업의   협력\n유니트리(Unitree\uf0d7宇树科技)는 로봇 기업이다.\n"
    r = normalize_text(text)
    first, second = r.text.split("\n")
    assert first == "한국 기업과 중국 기업의 협력"
    assert unicodedata.is_normalized("NFC", r.text)
    assert second == "유니트리(Unitree·宇树科技)는 로봇 기업이다."
    check_offsets(text, r)


def test_crlf_input():
    text = NEWS.replace("\n", "\r\n")
    r = normalize_text(text)
    assert r.text == normalize_text(NEWS).text
    check_offsets(text, r)


def test_html_lines_are_never_joined():
    text = "화웨이, 새 칩 공개\n화웨이는 칩을 공개했\n다"
    r = normalize_text(text, media_type="text/html")
    assert r.text == text


# --------------------------------------------------------------------------- headers, footers, pages


def page(header: str, body: str, number: int) -> str:
    return f"{header}\n{body}\n{number}\n"


def test_form_feed_pages_headers_and_numbers():
    header = "월간 테크리포트 3 월호    산업 동향"
    pages = [
        page(header, "◼ 항저우, 전기차 배터리 투자 확대\n항저우시는 배터리 소재 기업에 대한 투자를 확", 1),
        page(header, "대하고 있다. 시 정부는 올해 30 억 위안 규모의 펀드를 조성했다.\n추가 정책도 발표될 예정이다.", 2),
        page(header, "◼ 쑤저우, 바이오 산업단지 조성\n쑤저우시는 바이오 산업단지를 새로 조성한다고 밝혔다.", 3),
    ]
    text = "\f".join(pages)
    r = normalize_text(text)
    assert "월간 테크리포트" not in r.text
    assert "투자를 확대하고 있다." in r.text                # mid-word join across the page break
    for n in ("1", "2", "3"):
        assert f"\n{n}\n" not in "\n" + r.text + "\n"
    assert r.stats.header_footer_lines_removed == 3
    assert r.stats.page_numbers_removed == 3
    assert r.stats.pages == 3
    assert "\f" not in r.text
    check_offsets(text, r)
    removed = [x.text for x in r.removed]
    assert removed.count("월간 테크리포트 3 월호 산업 동향") == 3


def test_inferred_page_starts_remove_section_labels():
    # no form feeds: a page starts where a line follows without a blank line and begins
    # with a space; the section label printed just before it is a page header
    para = ("중국의 저고도 경제는 드론 물류와 도심항공교통을 중심으로 빠르게 성장하고 있으며, 지방 \n\n"
            "정부들도 관련 산업단지를 잇따라 조성하고 있다. \n\n")
    text = (para * 3 + "산업 동향 \n 선전시는 드론 배송 노선을 확대했다. \n\n"
            + para * 3 + "산업 동향 \n 광저우시도 전용 공역을 지정했다. \n\n" + para)
    r = normalize_text(text)
    assert "산업 동향" not in r.text
    assert "\n선전시는 드론 배송 노선을 확대했다.\n" in r.text
    assert r.stats.header_footer_lines_removed == 2
    check_offsets(text, r)


def test_bare_page_number_between_blank_lines():
    text = "첫 문단은 여기서 끝난다. \n\n \n\n12 \n\n \n\n둘째 문단이 시작된다. \n\n"
    r = normalize_text(text)
    assert r.text == "첫 문단은 여기서 끝난다.\n둘째 문단이 시작된다."
    assert r.stats.page_numbers_removed == 1


def test_numbers_inside_text_are_not_page_numbers():
    text = "도표 1. 연도별 기업 수\n\n연도 기업 수\n\n2023\n\n1,200 개\n\n"
    assert "2023" in clean_of(text)


# --------------------------------------------------------------------------- table of contents


def test_toc_with_tabs():
    text = ("## 목 차\n\n<b>I. 중국 로봇 산업 현황</b>\t<b>3</b>\n1. 시장 규모\t3\n2. 주요 기업\t7\n"
            "<b>II. 정책 동향</b>\t<b>12</b>\n\n## 요약\n\n- 중국 로봇 산업은 빠르게 성장함\n")
    r = normalize_text(text)
    assert [(e.title, e.page) for e in r.toc] == [
        ("I. 중국 로봇 산업 현황", 3), ("1. 시장 규모", 3), ("2. 주요 기업", 7), ("II. 정책 동향", 12)]
    for e in r.toc:
        assert r.text[e.start:e.end].startswith(e.title)
    assert "1. 시장 규모 | 3\n2. 주요 기업 | 7" in r.text
    assert r.stats.toc_entries == 4
    check_offsets(text, r)


def test_toc_with_p_numbers_and_wrapped_entry():
    text = (
        "산업  \n\n트렌드 \n\n휴머노이드 로봇 시장 전망  P1 \n\n배터리 산업 재편 가속화   P8 \n\n"
        "정책  \n\n브리핑 \n\n저고도 경제 육성을 위한 지방 정부의 새로운 지원"
        "\n\n정책\n  P15 \n\n반도체 장비 국산화 추진   P21 \n\n \n\nCONTENTS \n\n"
        "최근 중국의 휴머노이드 로봇 산업이 빠르게 성장하고 있다. \n\n"
    )
    r = normalize_text(text)
    assert [(e.title, e.page) for e in r.toc] == [
        ("휴머노이드 로봇 시장 전망", 1), ("배터리 산업 재편 가속화", 8),
        ("저고도 경제 육성을 위한 지방 정부의 새로운 지원 정책", 15), ("반도체 장비 국산화 추진", 21)]
    lines = r.text.split("\n")
    assert "휴머노이드 로봇 시장 전망 P1" in lines and "배터리 산업 재편 가속화 P8" in lines
    assert "CONTENTS" in lines                              # ToC lines are never glued
    assert lines[-1] == "최근 중국의 휴머노이드 로봇 산업이 빠르게 성장하고 있다."


def test_numbered_rows_are_not_a_toc():
    text = "순위 기업 점수\n\n1 화웨이  95\n\n2 비야디  93\n\n3 샤오미  90\n\n"
    assert normalize_text(text).toc == ()


# --------------------------------------------------------------------------- property test

FRAGMENTS = st.sampled_from([
    "화웨이", "는 ", "기술을 보", "유한 ", "기업", "이다. ", "AI", "를", "(华为)", "연구개", "발", " ",
    "  ", "\t", "\n", "\n\n", "\r\n", "\f", " \n", "◼ ", "- ", "1. ", "[산업분석] ", "# ", "12",
    "<b>", "</b>", "<sup>1)</sup>", "**", "\uf0d7", "\u200b", "\u00a0", unicodedata.normalize("NFD", "한글"),
    "월간 리포트", "P3", "목차", "(출처: 신화망)", "https://example.com/x", "다.", "\x07",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=60), st.sampled_from(["text/plain", "text/markdown", "text/html"]))
def test_every_copied_character_maps_back(parts, media_type):
    text = "".join(parts)
    r = normalize_text(text, media_type=media_type)
    check_offsets(text, r)
    clean = r.text
    assert "\f" not in clean and "\r" not in clean and "  " not in clean
    for line in clean.split("\n"):
        assert line == line.strip()
    # spans map back to ordered original spans that contain the copied text
    for start in range(0, len(clean), 7):
        end = min(len(clean), start + 5)
        o_start, o_end = r.offsets.span_to_original(start, end)
        assert 0 <= o_start <= o_end <= len(text)
    for e in r.toc:
        assert 0 <= e.start <= e.end <= len(clean)


# --------------------------------------------------------------------------- the real corpus


@pytest.mark.skipif(not CORPUS.exists(), reason=f"../shared/corpus not found: {CORPUS} (shared data absent)")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else [], ids=lambda p: p.name)
def test_corpus_offsets_and_speed(path):
    from extraction.normalize import get_kiwi
    from extraction.readers import read_source

    get_kiwi()
    src = read_source(path)
    t0 = time.perf_counter()
    r = normalize(src)
    elapsed = time.perf_counter() - t0
    check_offsets(src.text, r)
    assert elapsed < 2.0 * max(1, len(src.text) / 150_000) + 2.0
    assert r.stats.paragraph_breaks > 0
    assert "\f" not in r.text and "  " not in r.text


def test_source_text_records_are_used_as_is():
    src = SourceText(path="x.txt", text="가\n\n나", encoding="utf-8", media_type="text/plain", sha256="0")
    r = normalize(src)
    assert r.text in ("가나", "가 나", "가\n나")
    check_offsets(src.text, r)


def test_table_row_laid_out_with_spaces_keeps_its_cells():
    text = ("기업              도시      분야\n"
            "윈펑커지          허페이    양자 컴퓨팅\n"
            "한국   기업과   중국 기업의   협력이 늘었다.\n")
    r = normalize_text(text)
    lines = r.text.split("\n")
    assert lines[1] == "윈펑커지 | 허페이 | 양자 컴퓨팅"
    assert lines[2] == "한국 기업과 중국 기업의 협력이 늘었다."  # prose with wide gaps stays prose
    check_offsets(text, r)


def test_marks_of_a_dropped_character_do_not_compose_with_the_text_before():
    # found by hypothesis: 'a' + NUL + COMBINING ACUTE became 'a\u0301' (not NFC) once the
    # control was dropped; the mark belonged to the dropped character and goes with it
    import unicodedata
    for raw in ("a\x00\u0301b", "가\x07\u11a8다", "e<b>\u0301</b>x"):
        r = normalize_text(raw, media_type="text/html")
        assert unicodedata.is_normalized("NFC", r.text), repr(r.text)
        assert "\u0301" not in r.text and "\u11a8" not in r.text
