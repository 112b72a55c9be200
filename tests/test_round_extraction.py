"""Funding rounds read from text (extraction/components/rounds.py): each prose pattern, amounts
and currencies, an unknown or undisclosed amount, leads and participants, rows of funding
tables; the records carried through the record files, resolution and ``kg build``.

Every sentence and table is written for these tests with invented names (루이신테크,
톈청캐피탈, 밍신반도체 …), found by their heads."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extraction.components.rounds import iso_date, round_amount, round_stage
from extraction.extract import extract_mentions
from extraction.records_io import dump_extraction, load_extraction

from .conftest import document


def rounds(nlp, text: str):
    """(company, stage as written, stage, amount as written, amount, currency, leads, participants, rule)."""
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    name = lambda span: doc.text[span[0]:span[1]]  # noqa: E731
    return [(name(r.company), r.stage_text, r.stage, r.amount_text, r.amount, r.currency,
             {name(x) for x in r.leads}, {name(x) for x in r.participants}, r.rule) for r in ex.rounds]


def one(nlp, text: str):
    found = rounds(nlp, text)
    assert len(found) == 1, found
    return found[0]


# -- prose ------------------------------------------------------------------------------------

def test_series_raised_by_the_topic(nlp):
    r = one(nlp, "루이신테크는 지난달 시리즈 B 투자를 유치했다.\n")
    assert r[:3] == ("루이신테크", "시리즈 B", "B") and r[3] == ""


def test_amount_and_a_round_of_the_subject(nlp):
    r = one(nlp, "밍신반도체가 10억 위안 규모의 A라운드 투자를 마무리했다.\n")
    assert r[:6] == ("밍신반도체", "A라운드", "A", "10억 위안", "1000000000", "CNY")


def test_lead_and_participants(nlp):
    r = one(nlp, "루이신테크는 톈청캐피탈이 주도하고 화강벤처스, 윈펑투자가 참여한 시리즈 C 투자를 유치했다.\n")
    assert r[0] == "루이신테크" and r[2] == "C"
    assert r[6] == {"톈청캐피탈"} and r[7] == {"화강벤처스", "윈펑투자"}


def test_investors_the_money_comes_from(nlp):
    r = one(nlp, "루이신테크는 톈청캐피탈과 화강벤처스로부터 1억 달러 규모의 투자를 받았다.\n")
    assert r[0] == "루이신테크" and r[3:6] == ("1억 달러", "100000000", "USD")
    assert r[6] == set() and r[7] == {"톈청캐피탈", "화강벤처스"}


def test_angel_round(nlp):
    r = one(nlp, "밍신반도체는 엔젤 라운드에서 5,000만 위안을 조달했다.\n")
    assert r[:6] == ("밍신반도체", "엔젤 라운드", "angel", "5,000만 위안", "50000000", "CNY")


def test_ipo_done_is_a_round_planned_is_not(nlp):
    r = one(nlp, "루이신테크는 IPO를 통해 30억 홍콩달러를 조달했다.\n")
    assert r[:6] == ("루이신테크", "IPO", "IPO", "30억 홍콩달러", "3000000000", "HKD")
    assert rounds(nlp, "루이신테크는 내년 IPO를 추진 중이다.\n") == []


def test_unknown_amount_stays_text(nlp):
    r = one(nlp, "밍신반도체는 수억 위안 규모의 시리즈 A 투자를 유치했다.\n")
    assert r[1:6] == ("시리즈 A", "A", "수억 위안", "", "")


def test_undisclosed_amount(nlp):
    r = one(nlp, "루이신테크는 톈청캐피탈이 주도한 시리즈 B 투자를 유치했으며 금액은 미공개다.\n")
    assert r[3:6] == ("미공개", "", "") and r[6] == {"톈청캐피탈"}


def test_round_of_a_company_others_joined(nlp):
    r = one(nlp, "톈청캐피탈이 밍신반도체의 시리즈 D 라운드에 참여했다.\n")
    assert r[0] == "밍신반도체" and r[2] == "D" and r[7] == {"톈청캐피탈"}


def test_each_company_its_own_amount(nlp):
    found = rounds(nlp, "루이신테크는 7억 위안, 밍신반도체는 5억 위안의 자금을 각각 확보했다.\n")
    assert {(r[0], r[4]) for r in found} == {("루이신테크", "700000000"), ("밍신반도체", "500000000")}


@pytest.mark.parametrize("text", [
    "루이신테크는 시리즈 B 투자 유치를 검토하고 있다.\n",
    "루이신테크의 기업가치는 100억 위안으로 평가된다.\n",
    "루이신테크는 시리즈 B 투자를 받지 못했다.\n",
    "밍신반도체는 허페이에 20억 위안 규모의 공장을 지었다.\n",
])
def test_no_round(nlp, text):
    assert rounds(nlp, text) == []


def test_valuation_and_won_in_brackets_are_not_the_amount():
    text = "루이신테크는 기업가치 100억 위안을 인정받으며 7억 위안(약 1,400억 원)을 유치했다"
    assert round_amount(text, 0, len(text))[0] == "7억 위안"


@pytest.mark.parametrize("text, stage", [
    ("시리즈 B+ 투자", "시리즈 B+"), ("프리A 라운드", "프리A 라운드"), ("Pre-IPO 투자", "Pre-IPO"),
    ("B轮融资", "B轮"), ("시드 투자", "시드 투자"), ("전략적 투자를", "전략적 투자"),
])
def test_stages_as_written(text, stage):
    assert round_stage(text, 0, len(text))[0] == stage


def test_angel_investors_are_no_stage():
    text = "엔젤투자자 네트워크"
    assert round_stage(text, 0, len(text))[0] == ""


@pytest.mark.parametrize("text, iso", [("2024-07-11", "2024-07-11"), ("2024.7", "2024-07"), ("2023년", "2023"),
                                       ("2025년 3월", "2025-03"), ("’23.5", "2023-05"), ("미공개", "")])
def test_date_cells(text, iso):
    assert iso_date(text) == iso


# -- tables -----------------------------------------------------------------------------------

def test_a_funding_table_row_is_a_round(nlp):
    text = ("<표 1> 주요 투자 라운드\n"
            "기업명 | 라운드 | 금액 | 투자사\n"
            "루이신테크(瑞新科技) | 시리즈 B | 8억 위안 | 톈청캐피탈(리드), 화강벤처스\n"
            "밍신반도체(明信半导体) | 엔젤 | 미공개 | 윈펑투자\n")
    found = {r[0]: r for r in rounds(nlp, text)}
    assert found["루이신테크"][2:6] == ("B", "8억 위안", "800000000", "CNY")
    assert found["루이신테크"][6] == {"톈청캐피탈"} and found["루이신테크"][7] == {"화강벤처스"}
    assert found["밍신반도체"][2:4] == ("angel", "미공개") and found["밍신반도체"][7] == {"윈펑투자"}


def test_rows_of_one_companys_rounds(nlp):
    text = ("루이신테크는 2019년 설립된 로봇 기업이다.\n"
            "라운드 일자 금액 투자자\n"
            "시리즈 A 2022-03-02 2억 위안 톈청캐피탈\n"
            "시리즈 B 2024-07-11 10억 위안 화강벤처스, 윈펑투자\n")
    found = sorted(rounds(nlp, text), key=lambda r: r[2])
    assert [(r[0], r[2], r[4]) for r in found] == [("루이신테크", "A", "200000000"), ("루이신테크", "B", "1000000000")]
    assert found[1][7] == {"화강벤처스", "윈펑투자"}


def test_row_flattened_into_a_line(nlp):
    r = one(nlp, "밍신반도체(明信半导体) 시리즈 C 15억 위안 톈청캐피탈, 화강벤처스\n")
    assert r[0] == "밍신반도체" and r[2] == "C" and r[4] == "1500000000" and r[7] == {"톈청캐피탈", "화강벤처스"}


# -- records ----------------------------------------------------------------------------------

def test_rounds_survive_the_record_files_and_old_records_read(nlp):
    doc = document("t.txt", "루이신테크는 톈청캐피탈이 주도한 시리즈 B 투자를 유치했다.\n")
    ex = extract_mentions(doc, nlp).slim()
    assert len(ex.rounds) == 1
    data = json.loads(json.dumps(dump_extraction(ex), ensure_ascii=False))
    assert load_extraction(data).rounds == ex.rounds
    del data["extraction"]["rounds"]  # a record written before rounds were read
    assert load_extraction(data).rounds == ()
    r = ex.rounds[0]
    assert doc.original[r.evidence_start:r.evidence_end] == r.evidence


def test_investors_named_in_the_next_sentence_join_the_round(nlp):
    from extraction.resolve import resolve
    from extraction.resolve_rounds import RoundResolver

    doc = document("t.txt", "루이신테크는 지난주 시리즈 B 투자를 유치했다. 이번 라운드에는 톈청캐피탈이 주도하고 화강벤처스가 참여했다.\n")
    ex = extract_mentions(doc, nlp)
    assert {r.rule for r in ex.rounds} == {"prose:round", "prose:round-more"}
    (merged,) = RoundResolver(resolve([ex])).resolve(ex.rounds)
    assert merged.record.stage == "B"
    assert [k.rsplit(":", 1)[-1] for k in merged.leads] == ["톈청캐피탈"]
    assert [k.rsplit(":", 1)[-1] for k in merged.participants] == ["화강벤처스"]


def test_kg_build_graph_holds_rounds_linked_to_their_evidence(tmp_path):
    from kg.build import build
    from kg.graph_io import read_graph
    from kg.presets import run_preset
    from kg.query import DatasetGraph
    from kg.validate import validate
    from rdflib.namespace import RDF

    from ontology import KG

    src = tmp_path / "news.txt"
    src.write_text("[투자동향] 밍신반도체, 시리즈 C 유치\n\n"
                   "밍신반도체는 톈청캐피탈이 주도하고 화강벤처스가 참여한 12억 위안 규모의 시리즈 C 투자를 유치했다.\n",
                   encoding="utf-8")
    out = tmp_path / "g.trig"
    build([src], out)
    ds = read_graph(out)
    rounds = {q[0] for q in ds.quads((None, RDF.type, KG.FundingRound, None))}
    assert len(rounds) == 1
    (node,) = rounds

    def value(p):
        return next(q[2] for q in ds.quads((node, p, None, None)))

    text = src.read_text(encoding="utf-8")
    assert str(value(KG.evidenceText)) == text[int(value(KG.startOffset)):int(value(KG.endOffset))]
    assert str(value(KG.extractor)) == "prose:round"
    rows = run_preset(DatasetGraph(ds, "g"), "rounds-of", {"entity": "밍신반도체"})
    assert [(r[1], Decimal(r[2])) + r[3:5] + r[6:] for r in rows.rows] == [
        ("C", Decimal(1200000000), "CNY", "12억 위안", "톈청캐피탈", "화강벤처스")]
    largest = run_preset(DatasetGraph(ds, "g"), "largest-rounds", {})
    assert [(r[1], Decimal(r[3])) for r in largest.rows] == [("밍신반도체", Decimal(1200000000))]
    assert [v for v in validate(out).violations if "round" in v.focus] == []


def test_undisclosed_amount_is_no_denial(nlp):
    r = one(nlp, "밍신반도체는 톈청그룹과 화강벤처스의 투자를 받았으며, 투자액은 공개되지 않았다.\n")
    assert r[0] == "밍신반도체" and r[3] == "미공개" and r[7] == {"톈청그룹", "화강벤처스"}


def test_a_stake_bought_is_no_round(nlp):
    assert rounds(nlp, "루이신테크는 기술을 수출해 3억 달러 규모의 지분을 획득했다.\n") == []


def test_licence_payments_are_no_round(nlp):
    text = "루이신테크는 판권을 넘기고 선계약금 2000만 달러와 마일스톤 1500만 달러를 확보했다.\n"
    assert rounds(nlp, text) == []


def test_rows_the_table_reader_cut_are_rounds(nlp):
    text = ("기업명 투자 정보 소재지\n라운드 금액 투자자\n"
            "모란즈넝\n墨兰智能\nC 라운드 5 억 위안 둥팡캐피탈(리드), 화성투자 청두\n"
            "바이윈뎬쯔\n白云电子\n시드 라운드 800 만 위안 난산벤처스 우한\n")
    found = {r[0]: r for r in rounds(nlp, text)}
    assert set(found) == {"모란즈넝", "바이윈뎬쯔"}
    assert found["모란즈넝"][2:6] == ("C", "5 억 위안", "500000000", "CNY") and found["모란즈넝"][8] == "table-reader:round"
    assert found["모란즈넝"][6] == {"둥팡캐피탈"} and found["모란즈넝"][7] == {"화성투자"}
    assert found["바이윈뎬쯔"][2:5] == ("seed", "800 만 위안", "8000000") and found["바이윈뎬쯔"][7] == {"난산벤처스"}
