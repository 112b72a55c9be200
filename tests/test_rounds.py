"""Funding rounds: amounts and stages in normal form (extraction/funding.py), kg:FundingRound
nodes written from resolved rounds (kg/rounds.py) that pass kg's SHACL shapes, and the
presets rounds-of and largest-rounds."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from rdflib import Dataset, URIRef

from extraction.funding import Amount, normalise_stage, parse_amount
from kg.graph_io import read_graph
from kg.presets import run_preset
from kg.query import DatasetGraph
from kg.rounds import RoundFact, add_round, round_iri
from ontology import KG

from .factsdata import write_facts_graph


@pytest.mark.parametrize("text, value, currency", [
    ("10억 위안", 10**9, "CNY"), ("3억5000만 위안", 350_000_000, "CNY"), ("3억 5,000만 위안", 350_000_000, "CNY"),
    ("1.5억 달러", 150_000_000, "USD"), ("2조 원", 2 * 10**12, "KRW"), ("100억원", 10**10, "KRW"),
    ("5000万元", 50_000_000, "CNY"), ("1.2亿美元", 120_000_000, "USD"), ("US$200 million", 200_000_000, "USD"),
    ("RMB 1.5 billion", 1_500_000_000, "CNY"), ("30억 엔", 3 * 10**9, "JPY"), ("5억 홍콩달러", 5 * 10**8, "HKD"),
    ("1억 유로", 10**8, "EUR"), ("7억 위안(약 1,400억 원)", 7 * 10**8, "CNY"), ("시리즈 C 15억 위안", 15 * 10**8, "CNY"),
    ("24억 5천만 달러", 2_450_000_000, "USD"), ("5천만 위안", 50_000_000, "CNY"), ("2백만 달러", 2_000_000, "USD"),
])
def test_amounts_are_normalised(text, value, currency):
    assert parse_amount(text) == Amount(Decimal(value), currency)


@pytest.mark.parametrize("text", ["수억 위안", "数亿元", "위안", "10억", "", "전략적 투자"])
def test_vague_or_incomplete_amounts_give_none(text):
    assert parse_amount(text) is None


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_eok_and_man_add_up(eok, man):
    text = f"{eok}억" + (f" {man}만" if man else "") + " 위안"
    assert parse_amount(text) == Amount(Decimal(eok * 10**8 + man * 10**4), "CNY")


@pytest.mark.parametrize("text, stage", [
    ("시리즈 A", "A"), ("A 라운드", "A"), ("B+ 라운드", "B+"), ("Series C", "C"), ("시리즈 B+", "B+"),
    ("프리A", "pre-A"), ("Pre-A", "pre-A"), ("엔젤", "angel"), ("시드", "seed"), ("天使轮", "angel"),
    ("전략적 투자", "strategic"), ("战略融资", "strategic"), ("IPO", "IPO"), ("Pre-IPO", "pre-IPO"),
    ("B轮", "B"), ("C1轮", "C"), ("라운드", "other"), ("", "other"),
])
def test_stages_are_normalised(text, stage):
    assert normalise_stage(text) == stage


def _rounds_graph(tmp_path):
    """The facts graph with two rounds of 위수커지 and one of 텐센트, written by add_round."""
    ds = read_graph(write_facts_graph(tmp_path / "facts.trig"))
    g = ds.graph(URIRef("urn:x:graph1"))
    x = "urn:x:"
    common = dict(evidence="텐센트가 주도한 10억 위안 규모 시리즈 B+", start=100, end=127, confidence=0.7,
                  rule="prose:round")
    add_round(g, RoundFact(URIRef(x + "unitree"), "시리즈 B+", "10억 위안", "2025-03-02", (URIRef(x + "tencent"),),
                           (URIRef(x + "hangzhou"), URIRef(x + "tencent")), article=URIRef(x + "a1"), **common))
    add_round(g, RoundFact(URIRef(x + "unitree"), "프리A", "5000만 달러", "2024-05", (), (URIRef(x + "tencent"),),
                           article=URIRef(x + "a2"), **dict(common, start=480, end=498)))
    add_round(g, RoundFact(URIRef(x + "tencent"), "전략적 투자", "수억 위안", "", (), (), article=URIRef(x + "a2"),
                           **dict(common, start=600, end=614)))
    return ds


def test_rounds_are_written_and_valid(tmp_path):
    from kg.validate import validate

    ds = _rounds_graph(tmp_path)
    rounds = set(ds.subjects(None, KG.FundingRound))
    assert len(set(ds.quads((None, None, KG.FundingRound, None)))) == 3
    path = tmp_path / "rounds.trig"
    ds.serialize(path, format="trig")
    report = validate(path)
    problems = [v for v in report.violations if "round" in v.focus]
    assert problems == [], problems


def test_round_iri_is_stable():
    r = RoundFact(URIRef("urn:x:c"), "A", "1억 위안", "", (), (), "t", 1, 5, 0.5, "r", URIRef("urn:x:a"))
    assert round_iri(r) == round_iri(RoundFact(**{**r.__dict__}))
    assert round_iri(r) != round_iri(RoundFact(**{**r.__dict__, "company": URIRef("urn:x:d")}))


def test_rounds_of_and_largest_rounds(tmp_path):
    source = DatasetGraph(_rounds_graph(tmp_path), "rounds")
    rows = run_preset(source, "rounds-of", {"entity": "Unitree"})
    assert rows.variables == ("round", "stage", "amount", "currency", "written", "date", "leads", "participants")
    assert [r[1:] for r in rows.rows] == [
        ("B+", "1000000000", "CNY", "10억 위안", "2025-03-02", "텐센트", "항저우"),
        ("pre-A", "50000000", "USD", "5000만 달러", "2024-05", "", "텐센트")]
    largest = run_preset(source, "largest-rounds", {})
    assert [(r[1], r[3], r[4]) for r in largest.rows] == [("위수커지", "1000000000", "CNY"),
                                                         ("위수커지", "50000000", "USD")]
    vague = run_preset(source, "rounds-of", {"entity": "텐센트"})
    assert [(r[1], r[2], r[4]) for r in vague.rows] == [("strategic", "", "수억 위안")]


def test_round_presets_on_a_store(tmp_path):
    from kg.query import open_graph
    from kg.store import open_store

    ds = _rounds_graph(tmp_path)
    with open_store(tmp_path / "store", create=True) as st:
        for g in ds.graphs():
            if len(g):
                st.replace_graph(g)
    file_source = DatasetGraph(ds, "rounds")
    with open_graph(store=tmp_path / "store") as store:
        for name, params in (("rounds-of", {"entity": "위수커지"}), ("largest-rounds", {})):
            assert run_preset(store, name, params).rows == run_preset(file_source, name, params).rows


def test_fact_table_carries_the_round_of_an_investment(tmp_path):
    import csv

    from kg.exports import export_graph

    ds = _rounds_graph(tmp_path)
    path = tmp_path / "rounds.trig"
    ds.serialize(path, format="trig")
    out = export_graph(path, tmp_path / "facts.csv", facts=True)[0]
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    first, second = [r for r in rows if r["relation"] == "invests_in"]
    # the first round's span (100-127) is the first evidence's; the second's (480-498) the second's
    assert (first["round_stage"], first["amount"], first["currency"], first["amount_text"]) == (
        "B+", "1000000000", "CNY", "10억 위안")
    assert (second["round_stage"], second["amount"], second["currency"]) == ("pre-A", "50000000", "USD")
    located = next(r for r in rows if r["relation"] == "located_in")
    assert located["round_stage"] == located["amount"] == ""


def test_view_shows_rounds_on_investment_edges(tmp_path):
    from kg.views import write_view

    from .test_view import page_data

    ds = _rounds_graph(tmp_path)
    path = tmp_path / "rounds.trig"
    ds.serialize(path, format="trig")
    data = page_data(write_view(path, tmp_path / "v.html").path.read_text(encoding="utf-8"))
    edge = next(e for e in data["kgEdges"] if e["kgRelation"] == "invests_in")
    assert edge["kgRounds"] == ["round B+ · 10억 위안 (1,000,000,000 CNY) · 2025-03-02 · lead",
                                "round pre-A · 5000만 달러 (50,000,000 USD) · 2024-05"]
    assert all("kgRounds" not in e for e in data["kgEdges"] if e["kgRelation"] != "invests_in")
