"""Long and large inputs: concatenated reports, tables of contents, over-long articles and
very long lines (issue 11, "Long and large inputs").

Texts are written for these tests or built from kg's own sample corpus; the shared corpus
is used when present (skipped with a reason otherwise).
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.candidates import Mention
from extraction.components.cells import CellIndex, MergedRows, row_cells
from extraction.components.relations import Relations
from extraction.ingest import build_document
from extraction.normalize import normalize_text
from extraction.pieces import pieces
from extraction.readers import read_source
from extraction.records import SourceText
from extraction.segment import segment
from tests.conftest import SAMPLE, SHARED, needs_shared

# a report written for these tests: a cover with its date, a table of contents, four articles
REPORT = """2031. 07
가상 기술 산업 월간 리포트

목 차
한빛전자의 신규 공장 착공  3
누리모빌리티 투자 유치  5
가람시 산업 정책 정리  8
시장 전망과 과제  11

◼ 한빛전자의 신규 공장 착공
2031 년 7 월 2 일, 한빛전자는 가람시에 새 반도체 공장을 착공했다고 밝혔다. 회사는 이 공장에서 차량용 전력 반도체를 생산할 계획이다.
공장은 2033 년 완공을 목표로 하며, 약 1,200 명을 고용할 예정이다.
(출처: 가상경제일보)

◼ 누리모빌리티 투자 유치
2031 년 7 월 5 일, 누리모빌리티는 시리즈 B 투자를 유치했다고 발표했다. 이번 투자는 새별캐피탈이 주도했다.
회사는 자율주행 셔틀의 양산 준비에 자금을 쓸 계획이다.
(출처: 가상테크뉴스)

◼ 가람시 산업 정책 정리
2031 년 7 월 9 일, 가람시는 첨단 제조업 육성 계획을 발표했다. 계획은 연구개발 보조금과 인재 유치 지원을 담고 있다.
(출처: 가람시 보도자료)

◼ 시장 전망과 과제
2031 년 7 월 12 일, 업계는 하반기 수요가 완만히 회복될 것으로 내다봤다. 다만 원자재 가격은 여전히 부담이다.
(출처: 가상산업연구원)
"""


def _source(text: str, name: str = "concatenated.txt") -> SourceText:
    return SourceText(name, text, "utf-8", "text/plain", hashlib.sha256(text.encode("utf-8")).hexdigest())


def _articles(text: str):
    return build_document(_source(text))[0].articles


# --------------------------------------------------------------------------- tables of contents


def test_concatenated_reports_keep_every_article_and_each_toc_is_bounded():
    one = _articles(REPORT)
    assert [a.title for a in one][1:] == ["목차", "한빛전자의 신규 공장 착공", "누리모빌리티 투자 유치",
                                          "가람시 산업 정책 정리", "시장 전망과 과제"]
    for k in (2, 5):
        arts = _articles("\n".join([REPORT] * k))
        assert len(arts) == k * len(one)
        tocs = [a for a in arts if a.section == "목차"]
        assert len(tocs) == k
        assert all(a.end - a.start < 200 for a in tocs)   # the ToC lines, not the reports after them
        assert [a.date for a in arts if a.date] == [a.date for a in one if a.date] * k


def test_a_later_report_starts_at_its_cover_and_dates_take_its_year():
    # leads without a year: each report's dates take the year of its own cover
    first = REPORT.replace("2031 년 7 월", "7 월")
    second = first.replace("2031. 07", "2032. 07")
    doc = build_document(_source(first + "\n" + second))[0]
    arts = doc.articles
    half = len(arts) // 2
    assert arts[half - 1].title == "시장 전망과 과제"
    assert doc.text[arts[half].start:arts[half].end].startswith("2032. 07")   # the cover opens report 2
    assert [a.date[:4] for a in arts[:half] if a.date] == ["2031"] * 4
    assert [a.date[:4] for a in arts[half:] if a.date] == ["2032"] * 4


def test_long_lines_ending_in_numbers_are_no_table_of_contents():
    # rows of a statistics table laid out with spaces: long lines that end in a number
    rows = [f"{2020 + k}년 가람시 첨단 제조업 매출과 수출, 연구개발 투자, 신규 고용 인원과 입주 기업 수의 합계를 "
            f"정리한 연간 지표로서 전년 대비 증감과 지역별 비중, 업종별 분포를 함께 적은 값  {10 + k}" for k in range(6)]
    text = "가람시 산업 통계\n" + "\n".join(rows) + "\n가람시는 이 지표를 매년 공개한다.\n"
    assert all(len(r) > 100 for r in rows)
    norm = normalize_text(text)
    assert norm.toc == ()
    assert not any(a.section == "목차" for a in segment(norm.text, norm.toc, norm.offsets))


def test_toc_detector_still_finds_a_real_table_of_contents():
    norm = normalize_text(REPORT)
    assert [(e.title, e.page) for e in norm.toc] == [
        ("한빛전자의 신규 공장 착공", 3), ("누리모빌리티 투자 유치", 5), ("가람시 산업 정책 정리", 8), ("시장 전망과 과제", 11)]


def _sample_texts() -> list[str]:
    return [read_source(p).text for p in sorted(SAMPLE.iterdir())
            if p.suffix in (".txt", ".md")]


def test_sample_corpus_concatenated_scales_in_articles():
    texts = _sample_texts()
    singles = sum(len(_articles(t)) for t in texts)
    once = "\n\n".join(texts)
    assert len(_articles(once)) == singles
    assert len(_articles("\n\n".join([once] * 3))) == 3 * singles


@needs_shared
def test_shared_reports_concatenated_keep_their_articles():
    texts = [read_source(p).text for p in sorted((SHARED / "corpus").glob("*.txt"))]
    singles = [len(_articles(t)) for t in texts]
    arts = _articles("\n".join(texts + texts[:2]))
    assert len(arts) == sum(singles) + sum(singles[:2])
    assert max(a.end - a.start for a in arts) < 30_000


def test_concatenated_sample_builds(tmp_path):
    from kg.build import build_dataset

    path = tmp_path / "many_reports.txt"
    path.write_text("\n\n".join(_sample_texts() * 2), encoding="utf-8")
    _, summaries = build_dataset([path])
    assert len(summaries) == 1 and summaries[0].articles >= 2 * 14 and summaries[0].relations > 0


# --------------------------------------------------------------------------- over-long articles


@given(st.text(alphabet="가나다 .\n", max_size=400), st.integers(1, 60))
@settings(max_examples=60, deadline=None)
def test_pieces_tile_the_span_within_the_limit(text, limit):
    spans = pieces(text, 0, len(text), limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b or len(text) == 0 for a, b in spans)
    assert all(b - a <= limit for a, b in spans)
    assert all(x[1] == y[0] for x, y in zip(spans, spans[1:]))


def test_pieces_cut_at_paragraphs_then_sentences():
    text = "가" * 30 + "\n" + "나" * 30 + ". " + "다" * 30
    assert pieces(text, 0, len(text), 50) == [(0, 31), (31, 63), (63, 93)]


def test_an_article_longer_than_max_length_is_read_in_pieces(nlp):
    from extraction.extract import extract_mentions

    para = ("한빛전자는 가람시에 새 반도체 공장을 지었다. 화웨이는 선전에서 인공지능 칩을 개발한다. "
            "바이두는 베이징에서 자율주행 기술을 시험하고 있다.\n")
    text = para * 120                       # one article without headings, ~11k characters
    doc = build_document(_source(text, "long.txt"))[0]
    saved = nlp.max_length
    nlp.max_length = 2_000
    try:
        ex = extract_mentions(doc, nlp)
    finally:
        nlp.max_length = saved
    assert ex.mentions and max(m.clean_end for m in ex.mentions) > len(doc.text) - 300
    for m in ex.mentions:
        assert doc.original[m.start:m.end] == m.text == doc.text[m.clean_start:m.clean_end]
        assert m.sentence[1] - m.sentence[0] <= 2_000
    for r in ex.relations:
        assert doc.original[r.evidence_start:r.evidence_end] == r.evidence
    assert {m.article for m in ex.mentions} == {a.index for a in doc.articles}


# --------------------------------------------------------------------------- long lines


@given(st.lists(st.integers(0, 5), min_size=1, max_size=30), st.data())
@settings(max_examples=80, deadline=None)
def test_cell_index_agrees_with_a_scan(widths, data):
    text = " | ".join("x" * w for w in widths)
    cells = row_cells(text, (0, len(text)))
    index = CellIndex(cells)
    for pos in range(len(text) + 1):
        assert index.cell_of(pos) == next((k for k, (a, b) in enumerate(cells) if a <= pos < b), -1)


@given(st.lists(st.integers(1, 6), max_size=40))
@settings(max_examples=80, deadline=None)
def test_merged_rows_give_the_nearest_row_above_with_more_cells(counts):
    rows = MergedRows()
    for k, n in enumerate(counts):
        expected = next((j for j in range(k - 1, -1, -1) if counts[j] > n), None)
        assert rows.push(k, n) == expected


def _mention(start: int, text: str, label: str) -> Mention:
    return Mention(start, start + len(text), text, label, "test", 0.9)


@pytest.fixture(scope="module")
def relations():
    return Relations(None, "kg_relations", 30, None)


def _row(n: int) -> tuple[str, list[Mention]]:
    """One table row of ``n`` cells: a company, then places and technologies."""
    parts, ms, pos = [], [], 0
    for k in range(n):
        word, label = [("가상전자", "Company"), ("가람시", "City"), ("인공지능", "Technology")][min(k, 1 + k % 2)]
        ms.append(_mention(pos, word, label))
        parts.append(word)
        pos += len(word) + 3
    return " | ".join(parts), ms


def test_table_row_rule_is_linear(relations):
    text, ms = _row(600)      # a scan over the row per mention pair made this about 15 s
    rels: list = []
    t = time.perf_counter()
    relations._table_row(text, (0, len(text)), ms, rels)
    assert time.perf_counter() - t < 1.0
    assert sum(r.rule == "table:place-cell" for r in rels) == 300
    assert sum(r.rule == "table:technology-cell" for r in rels) == 299


def test_many_rows_of_one_table_are_linear(relations):
    rows = MergedRows()
    text_rows = []
    pos = 0
    for k in range(1_500):
        line = "가상전자 | 가람시 | 공장"
        text_rows.append((pos, line))
        pos += len(line) + 1
    text = "\n".join(line for _, line in text_rows)
    rels: list = []
    t = time.perf_counter()
    for start, line in text_rows:
        relations._merged_cells(text, (start, start + len(line)), [_mention(start, "가상전자", "Company")], rels, rows)
    assert time.perf_counter() - t < 1.0     # a scan back over the table took about 7 s
    assert rels == []


def test_located_lists_on_a_long_line_are_linear(relations):
    parts, ms, pos = [], [], 0
    for k in range(4_000):
        for word, label in (("가람시", "City"), ("가상전자", "Company")):
            ms.append(_mention(pos, word, label))
            parts.append(word)
            pos += len(word) + 1
    text = " ".join(parts)
    rels: list = []
    t = time.perf_counter()
    relations._located_lists(text, (0, len(text)), ms, rels)
    assert time.perf_counter() - t < 1.5     # a scan of the line per place took about 6 s
