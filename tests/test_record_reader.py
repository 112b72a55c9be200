"""Records and bullet lists (extraction/tables/records.py, kg_record_reader, kg_record_relations).

The records are written for these tests in the style of Korean reports pulled out of PDFs;
the organisations and companies are invented (한빛연구원, 밍루이테크 …) or well known (공업정보화부).
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.extract import extract_mentions
from extraction.tables.records import read_fields, read_records

from .conftest import document


def fields(text):
    return [(f.label, f.kind, text[f.value_start:f.value_end], [text[a:b] for a, b in f.items])
            for r in read_records(text) for f in r.fields]


def test_fields_sharing_a_line():
    text = "⚫ 발표기관: 공업정보화부, 과학기술부 ⚫ 주요내용: 휴머노이드 로봇 표준 체계 구축\n"
    assert fields(text) == [
        ("발표기관", "actors", "공업정보화부, 과학기술부", ["공업정보화부", "과학기술부"]),
        ("주요내용", "content", "휴머노이드 로봇 표준 체계 구축", [])]
    (rec,) = read_records(text)
    assert text[rec.start:rec.end] == text.strip()


def test_a_list_wrapped_over_lines_and_a_trailing_count():
    text = ("\ue05a 발표기관: 국무원 판공청, 한빛연구원·서해로봇협회 및\n"
            "동해대학교 등 4개 기관 \ue05a 주요내용: 로봇 산업 발전 방안 발표\n")
    (actors, content) = fields(text)
    assert actors[3] == ["국무원 판공청", "한빛연구원", "서해로봇협회", "동해대학교"]
    assert content[2] == "로봇 산업 발전 방안 발표"


def test_a_label_then_a_bullet_list():
    text = ("◼ 기업 소개\n"
            "▪ 기업명: 밍루이테크\n"
            "▪ 소재지: 선전\n"
            "▪ 참여 기관:\n"
            "  - 한빛연구원\n"
            "  • 동해대학교\n"
            "\n"
            "회사는 올해 매출이 늘었다.\n")
    assert fields(text) == [
        ("기업명", "name", "밍루이테크", ["밍루이테크"]),
        ("소재지", "place", "선전", ["선전"]),
        ("참여 기관", "actors", "- 한빛연구원\n  • 동해대학교", ["한빛연구원", "동해대학교"])]


@pytest.mark.parametrize("text", [
    "자료: https://example.com/report 참고\n",  # an address, not a field
    "회사 관계자는 이렇게 말했다: 올해는 다르다.\n",  # a colon inside prose
    "⚫ 적용 사례: 자동차 좌석 부품\n⚫ 적용 기종: RX-14\n",  # fields of no kind kg reads
])
def test_no_record(text):
    assert read_records(text) == []


def test_unknown_labels_after_a_glyph_end_the_value_before_them():
    text = "⚫ 주최: 한빛연구원 ⚫ 행사명: 로봇 데모데이 ⚫ 주요내용: 기업 설명회\n"
    got = read_fields(text)
    assert [(f.label, f.kind) for f in got] == [("주최", "actors"), ("행사명", "other"), ("주요내용", "content")]
    assert [text[a:b] for a, b in got[0].items] == ["한빛연구원"]


_NAMES = ["한빛연구원", "동해대학교", "서해로봇협회", "공업정보화부", "밍루이테크", "톈청그룹", "Orion Labs"]
_SEPS = [", ", ",", "，", "·", " 및 ", "、"]
_GLYPHS = ["⚫", "▪", "•", "◦", "-", "\ue05a", "\uf0a7"]


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5, unique=True),
       seps=st.lists(st.sampled_from(_SEPS), min_size=4, max_size=4),
       glyph=st.sampled_from(_GLYPHS), shared_line=st.booleans(), tail=st.sampled_from(["", " 등", " 등 5개 기관"]),
       as_bullets=st.booleans(), after=st.sampled_from(["", "\n", "\n◼ 다음 소식\n", "\n\n본문이 이어진다."]))
def test_listed_names_come_back_whatever_the_layout(names, seps, glyph, shared_line, tail, as_bullets, after):
    """However a record lists its institutions (separators, glyphs, fields on one line or
    several, a list under its label, what follows it), the items are exactly the names."""
    if as_bullets:
        text = f"{glyph} 참여 기관:\n" + "\n".join(f"  {glyph} {n}" for n in names) + after
    else:
        listed = names[0] + "".join(seps[i % 4] + n for i, n in enumerate(names[1:]))
        joint = " " if shared_line else "\n"
        text = f"{glyph} 참여 기관: {listed}{tail}{joint}{glyph} 주요내용: 공동 연구 협약 체결" + after
    recs = read_records(text)
    assert len(recs) == 1
    actors = recs[0].of_kind("actors")[0]
    assert [text[a:b] for a, b in actors.items] == names
    if not as_bullets:
        assert [text[f.value_start:f.value_end] for f in recs[0].of_kind("content")] == ["공동 연구 협약 체결"]


# -- through the pipeline ---------------------------------------------------------------------------



def run(nlp, text):
    doc = document("records.txt", text)
    ex = extract_mentions(doc, nlp)
    mentions = {(m.text, m.label) for m in ex.mentions}
    rels = {(doc.text[r.subject[0]:r.subject[1]], r.predicate, doc.text[r.object[0]:r.object[1]])
            for r in ex.relations}
    for r in ex.relations:
        assert doc.original[r.evidence_start:r.evidence_end] == r.evidence
    return mentions, rels, ex


def test_every_listed_institution_is_an_entity(nlp):
    text = ("◼ 정책 동향\n"
            "⚫ 발표기관: 공업정보화부, 한빛표준연구원, 서해로봇협회\n"
            "⚫ 참여기업: Orion Labs, Delta Motion\n"
            "⚫ 주요내용: 휴머노이드 로봇 표준 체계 구축 지침 발표\n")
    mentions, rels, _ = run(nlp, text)
    assert {("공업정보화부", "Organization"), ("한빛표준연구원", "Organization"),
            ("서해로봇협회", "Organization"), ("Orion Labs", "Company"), ("Delta Motion", "Company")} <= mentions
    # regulators and associations publishing a standard develop nothing
    assert not {r for r in rels if r[1] == "develops" and r[0] in ("공업정보화부", "서해로봇협회")}


def test_a_company_record_gives_place_and_field(nlp):
    text = ("◼ 기업 소개\n"
            "▪ 기업명: 밍루이테크\n"
            "▪ 소재지: 선전\n"
            "▪ 주력 분야: 라이다, 자율주행\n"
            "\n"
            "시장 규모는 해마다 커지고 있다.\n")
    _, rels, ex = run(nlp, text)
    assert {("밍루이테크", "located_in", "선전"), ("밍루이테크", "develops", "라이다"),
            ("밍루이테크", "develops", "자율주행")} <= rels
    assert all(r.rule.startswith("record-reader:") for r in ex.relations
               if r.predicate == "located_in")


def test_co_listed_subjects_of_a_joint_action_partner(nlp):
    text = ("⚫ 참여 기관:\n"
            "  - 한빛연구원\n"
            "  - 동해대학교\n"
            "⚫ 주요내용: 휴머노이드 로봇 공동 연구 협약\n")
    mentions, rels, _ = run(nlp, text)
    assert {("한빛연구원", "Organization"), ("동해대학교", "Organization")} <= mentions
    assert ("한빛연구원", "partners_with", "동해대학교") in rels or ("동해대학교", "partners_with", "한빛연구원") in rels
    assert ("한빛연구원", "develops", "휴머노이드 로봇") in rels


def test_an_investor_record(nlp):
    text = "⚫ 투자기관: 톈청캐피탈, 난산벤처스\n⚫ 주요내용: 밍루이테크 지분 20% 인수\n"
    _, rels, _ = run(nlp, text)
    assert {("톈청캐피탈", "invests_in", "밍루이테크"), ("난산벤처스", "invests_in", "밍루이테크")} <= rels
    assert not {r for r in rels if r[1] == "partners_with"}  # investing together is no partnership


def test_prose_glued_to_the_last_item_is_no_item():
    text = "▪ 참여기업: Orion Inc., 밍루이테크이처럼 표준 정비가 빠르게 이뤄지고 있다.\n"
    (rec,) = read_records(text)
    assert [text[a:b] for a, b in rec.fields[0].items] == ["Orion Inc."]


# -- read back from a PDF ---------------------------------------------------------------------------

@pytest.mark.parametrize("width", [150, 220, 400])
def test_records_in_a_pdf(nlp, tmp_path, width):
    """A page of records rendered to PDF in a narrow to a wide column (lines wrap inside the
    lists) and read back through kg's PDF reader: the same fields and items come back."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from extraction.ingest import build_document
    from extraction.readers import read_source

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    body = ParagraphStyle("body", fontName="HYSMyeongJo-Medium", fontSize=10, leading=13)
    path = tmp_path / "records.pdf"
    margin = (A4[0] - width) / 2
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin).build([
        Paragraph("◼ 로봇 표준 정책 발표", body),
        Paragraph("정부는 로봇 표준 체계를 강화하고 있다. 주요 정책은 다음과 같다.", body),
        Paragraph("⚫ 발표기관: 공업정보화부, 한빛표준연구원, 서해로봇협회 ⚫ 주요내용: 휴머노이드 로봇 표준 체계 구축 지침 발표",
                  body),
        Paragraph("▪ 참여기업: Orion Labs, Delta Motion", body),
        Paragraph("◼ 시장 동향", body)])
    doc = build_document(read_source(path))[0]
    got = [(f.label, [doc.text[a:b] for a, b in f.items]) for r in read_records(doc.text) for f in r.fields]
    assert got == [("발표기관", ["공업정보화부", "한빛표준연구원", "서해로봇협회"]), ("주요내용", []),
                   ("참여기업", ["Orion Labs", "Delta Motion"])]
    mentions = {(m.text, m.label) for m in extract_mentions(doc, nlp).mentions}
    assert {("한빛표준연구원", "Organization"), ("Orion Labs", "Company"), ("Delta Motion", "Company")} <= mentions
