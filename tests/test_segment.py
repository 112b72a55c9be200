"""Articles: headline markers, bracket tags, Markdown chapters, dated leads, source lines,
dates; and the ingestion chain (read -> normalise -> segment -> Document)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extraction.errors import KgInputError
from extraction.ingest import iter_documents, load_document, load_document_with_stats, repair_stats
from extraction.normalize import normalize_text
from extraction.records import TocEntry
from extraction.segment import document_date, lead_date, segment

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"

NEWS = """◼ 항저우, 전기차 배터리 소재 투자 확대
항저우시는 전기차 배터리 소재 기업에 대한 투자를 확대하고 있다. 시 정부는 신규 펀드를 조성했다.
3 월 15 일, 항저우시는 배터리 소재 산업 발전 계획을 발표했다. 계획에 따르면 2027 년까지 관련 기업 100 곳을 유치한다.(출처: 항저우일보)
◼ 쑤저우, 바이오의약 산업단지 조성
2025 년 4 월 2 일, 쑤저우시는 바이오의약 산업단지 조성 계획을 발표했다. 총 투자액은 50 억 위안이다.(출처: 신화망)
◼ 선전시, 드론 배송 노선 확대
2025.06.12 선전시는 드론 배송 노선을 200 개로 늘린다고 밝혔다. 메이퇀(美团)이 운영을 맡는다.
(출처: 선전상보)"""


def titles(arts):
    return [a.title for a in arts]


def test_headline_markers_sources_and_dates():
    arts = segment(NEWS)
    assert titles(arts) == ["항저우, 전기차 배터리 소재 투자 확대", "쑤저우, 바이오의약 산업단지 조성",
                            "선전시, 드론 배송 노선 확대"]
    assert [a.source for a in arts] == ["항저우일보", "신화망", "선전상보"]
    assert arts[0].date is None                  # the lead is not the first paragraph
    assert arts[1].date == "2025-04-02"
    assert arts[2].date == "2025-06-12"
    for a in arts:                               # articles end after their source line
        assert NEWS[a.start:a.end].startswith("◼")
        assert NEWS[a.start:a.end].rstrip().endswith(")")
    assert [a.index for a in arts] == [0, 1, 2]


def test_date_without_year_takes_document_or_earlier_year():
    text = "◼ 우한, 광전자 펀드 출범\n4 월 23 일, 우한시는 광전자 펀드를 출범했다. 규모는 20 억 위안이다.(출처: 창장일보)"
    assert segment(text, default_year=2024)[0].date == "2024-04-23"
    earlier = "2023 년 시장 동향을 정리했다.\n" + text
    assert segment(earlier)[-1].date == "2023-04-23"
    assert segment(text)[0].date is None         # no year anywhere


def test_month_only_date():
    assert lead_date("2025 년 3 월, 국무원은 새 정책을 발표했다.", None) == "2025-03"
    assert lead_date("4월 23일, 상하이 모터쇼가 개막했다.", 2025) == "2025-04-23"
    assert lead_date("지난 6월 11일, 베이징에서 행사가 열렸다.", 2025) == "2025-06-11"
    assert lead_date("2025.06.12 발표", None) == "2025-06-12"
    assert lead_date("13 월 1 일", 2025) is None
    assert lead_date("중국 정부는 발표했다.", 2025) is None


def test_headline_without_marker_followed_by_dated_lead():
    text = ("세계 최초 로봇 전문 매장 베이징에서 출범\n"
            "지난 6월 11일, 베이징 이좡에서 세계 최초의 로봇 전문 매장 출범 행사가 열렸다. 매장은 판매와 수리를 맡는다.\n"
            "매장은 올해 하반기 정식 운영에 들어간다.")
    arts = segment(text, default_year=2025)
    assert len(arts) == 1
    assert arts[0].title == "세계 최초 로봇 전문 매장 베이징에서 출범"
    assert arts[0].date == "2025-06-11"


def test_table_rows_with_dates_do_not_start_articles():
    text = ("행사 정보\n명칭 기간 장소\n중국 국제 로봇 박람회\n2025.05.22-2025.05.24 베이징 로봇\n"
            "선전 드론 전시회\n2025.06.01-2025.06.03 선전 드론")
    assert len(segment(text)) == 1


def test_bracket_tags_and_subheadings():
    text = """1. [산업분석] 중국 양자 컴퓨팅 산업의 현황
개요
양자 컴퓨팅은 차세대 핵심 기술로 주목받고 있다.
◼ 시장 규모
2024 년 시장 규모는 약 50 억 달러로 집계되었다.
◼ 주요 기업
번위안양자(本源量子)가 대표 기업이다.
신화망(新华网). 중국 양자 컴퓨팅 산업 보고서. (25.04.20)
https://example.com/quantum
2. [기업소개] 센서 기업 하이룽커지 개요
하이룽커지는 저장성 닝보에 본사를 둔 센서 기업이다."""
    arts = segment(text)
    assert titles(arts) == ["중국 양자 컴퓨팅 산업의 현황", "센서 기업 하이룽커지 개요"]
    assert [a.section for a in arts] == ["산업분석", "기업소개"]
    assert arts[0].source == "신화망(新华网)"      # a reference entry with its URL ends it
    assert arts[0].date == "2025-04-20"
    assert text[arts[0].start:arts[0].end].endswith("https://example.com/quantum")


def test_reference_block_after_sourced_articles():
    text = ("◼ 시안, 반도체 공장 착공\n시안시는 반도체 공장을 착공했다.(출처: 커지르바오)\n"
            "커지르바오(科技日报). 시안에 반도체 공장 착공. (25.03.11)\nhttps://example.com/a\n"
            "디이차이징(第一财经). 로봇 표준 초안 공개. (25.03.09)\nhttps://example.com/b")
    arts = segment(text)
    assert len(arts) == 2
    assert arts[1].section == "참고자료" and arts[1].title is None


def test_markdown_chapters():
    text = """# 중국 로봇 산업 보고서
## 목 차
I. 로봇 산업 현황 | 3
II. 주요 기업 | 9
III. 시사점 | 15
## 요약
- 중국 로봇 산업은 빠르게 성장함
# I. 로봇 산업 현황
## 1. 시장 규모
- 2024년 시장 규모는 1,000억 위안
자료: 중국로봇산업연맹
## II. 주요 기업
- 유비테크, 유니트리 등이 대표적
### III. 시사점
- 협력 기회를 모색해야 함"""
    toc_start = text.index("I. 로봇")
    toc = (TocEntry("I. 로봇 산업 현황", 3, toc_start, toc_start + 17),
           TocEntry("III. 시사점", 15, text.index("III. 시사점 |"), text.index("III. 시사점 |") + 13))
    arts = segment(text, toc)
    assert titles(arts) == [None, "목차", "요약", "I. 로봇 산업 현황", "II. 주요 기업", "III. 시사점"]
    assert arts[1].section == "목차"
    assert text[arts[1].start:arts[1].end].startswith("## 목 차")
    # "자료:" lines under a chart do not end a chapter
    assert "자료: 중국로봇산업연맹" in text[arts[3].start:arts[3].end]


def test_document_without_markers_is_one_article():
    text = "중국의 저고도 경제가 빠르게 성장하고 있다.\n드론 물류 기업이 늘고 있다."
    arts = segment(text)
    assert len(arts) == 1 and arts[0].start == 0 and arts[0].end == len(text)
    assert segment("") == () and segment("\n \n") == ()


def test_articles_map_back_to_the_original():
    original = (" ◼ 선전시, 반도체 장비 국산화 \n\n선전시는 반도체 장비 국산화를 위해 연구개발 보조금을 확대하고 \n\n"
                "있다. 지원 대상은 장비 기업 30 곳이다.(출처: 선전상보) \n\n ◼ 광저우, 자율주행 시범구 확대 \n\n"
                "2025 년 5 월 8 일, 광저우시는 자율주행 시범구를 확대한다고 밝혔다.(출처: 광저우일보) \n")
    r = normalize_text(original)
    arts = segment(r.text, r.toc, r.offsets)
    assert titles(arts) == ["선전시, 반도체 장비 국산화", "광저우, 자율주행 시범구 확대"]
    for a in arts:
        span = original[a.orig_start:a.orig_end]
        assert a.title in span
        assert span.startswith("◼") and span.endswith(")")
    assert arts[1].date == "2025-05-08"


def test_document_date():
    assert document_date("2025. 06\nJune\n2025 년 06 월\n본문") == "2025-06"
    assert document_date("2025.06.12\n본문") == "2025-06-12"
    assert document_date("본문에는 2025 년 6 월이 나오지만 날짜 줄은 없다.") is None


# --------------------------------------------------------------------------- ingestion


def test_load_document(tmp_path):
    raw = ("# 중국 드론 산업 동향\n\n2025. 05\n\n◼ 선전, 드론 배송 확대\n\n"
           "5 월 8 일, 선전시는 드론 배송 노선을 늘린다고 발표했다.(출처: 선전상보)\n").encode("utf-8")
    path = tmp_path / "drone.md"
    path.write_bytes(raw)
    doc = load_document(path)
    assert doc.doc_id == hashlib.sha256(raw).hexdigest()[:16]
    assert doc.name == "drone.md" and doc.media_type == "text/markdown" and doc.encoding == "utf-8"
    assert doc.title == "중국 드론 산업 동향"
    assert doc.date == "2025-05"
    news = [a for a in doc.articles if a.source]
    assert news and news[0].title == "선전, 드론 배송 확대" and news[0].date == "2025-05-08"
    assert doc.article_text(news[0]).endswith("(출처: 선전상보)")
    assert doc.original == raw.decode("utf-8")
    o_start, o_end = doc.original_span(news[0].start, news[0].end)
    assert doc.original[o_start:o_end].startswith("◼ 선전")


def test_same_bytes_same_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("같은 내용", encoding="utf-8")
    b.write_text("같은 내용", encoding="utf-8")
    assert load_document(a).doc_id == load_document(b).doc_id


def test_iter_documents_streams(tmp_path):
    (tmp_path / "1.txt").write_text("첫 문서입니다.", encoding="utf-8")
    (tmp_path / "2.txt").write_text("둘째 문서입니다.", encoding="utf-8")
    (tmp_path / "skip.docx").write_bytes(b"PK")
    it = iter_documents([tmp_path])
    assert iter(it) is it                        # a generator, one document at a time
    assert [d.name for d in it] == ["1.txt", "2.txt"]
    with pytest.raises(KgInputError):
        list(iter_documents([tmp_path / "missing"]))


def test_repair_stats_and_load_with_stats(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("배터리 기술을 보\n\n유한 기업이 늘고 \n\n있다. \n\n", encoding="utf-8")
    stats = repair_stats(p)
    assert stats.mid_word_joins == 1 and stats.word_boundaries_kept == 1
    doc, stats2 = load_document_with_stats(p)
    assert stats2 == stats and doc.text == "배터리 기술을 보유한 기업이 늘고 있다."


@pytest.mark.skipif(not CORPUS.exists(), reason=f"../shared/corpus not found: {CORPUS} (shared data absent)")
def test_corpus_documents():
    docs = list(iter_documents([CORPUS]))
    assert docs
    for doc in docs:
        assert doc.articles
        prev_end = -1
        for a in doc.articles:
            assert prev_end <= a.start < a.end <= len(doc.text)
            assert 0 <= a.orig_start < a.orig_end <= len(doc.original)
            prev_end = a.end
            assert a.date is None or len(a.date) in (7, 10)
