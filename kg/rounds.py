"""Funding rounds as RDF: one ``kg:FundingRound`` node per round a sentence states.

A round found by extraction, with its company and investors resolved to entity IRIs, is a
:class:`RoundFact`; :func:`add_round` writes it into a document's graph: the company
(``kg:fundedCompany``), the stage in normal form (``kg:roundStage``,
:func:`extraction.funding.normalise_stage`), the amount as written (``kg:amountText``) and
normalised (``kg:amount`` and the ISO 4217 ``kg:currency``,
:func:`extraction.funding.parse_amount`), the date (``dcterms:date``), lead investors and
participants, and its evidence as a ``kg:Evidence`` has it (text, offsets, confidence,
extractor, article). The ``kg:investsIn`` edges between each investor and the company stay
as they are: the round is the detail behind them. The presets ``rounds-of`` and
``largest-rounds`` read these nodes.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from extraction.funding import normalise_stage, parse_amount
from ontology import KG

from . import rdf


@dataclass(frozen=True)
class RoundFact:
    """One funding round as a sentence states it, its parties resolved to entity IRIs."""

    company: URIRef
    stage_text: str  # as written: 시리즈 B+, A轮, 전략적 투자 ('' when the sentence names none)
    amount_text: str  # as written: 11억 위안 ('' when none)
    date: str  # ISO date, year-month or year ('' when unknown)
    leads: tuple[URIRef, ...]
    participants: tuple[URIRef, ...]
    evidence: str  # exactly the source file's characters start..end
    start: int
    end: int
    confidence: float
    rule: str
    article: URIRef


def round_iri(r: RoundFact) -> URIRef:
    """The round's IRI: its article, offsets and company (the same round, the same IRI)."""
    digest = hashlib.sha256(str(r.company).encode("utf-8")).hexdigest()[:10]
    return URIRef(f"{r.article}/round/{r.start}-{r.end}/{digest}")


def _date(value: str) -> Literal | None:
    """An ISO date, year-month or year as a typed literal; None for anything else."""
    lit = rdf.date_literal(value)
    return lit if lit.datatype is not None else None


def _decimal(value) -> Literal:
    d = Decimal(str(value)).normalize()
    text = format(d, "f")
    return Literal(text, datatype=XSD.decimal)


def add_round(graph: Graph, r: RoundFact) -> URIRef:
    """Write ``r`` into ``graph``; returns the round's IRI."""
    node = round_iri(r)
    graph.add((node, RDF.type, KG.FundingRound))
    graph.add((node, KG.fundedCompany, r.company))
    if r.stage_text:
        graph.add((node, KG.roundStage, Literal(normalise_stage(r.stage_text))))
    if r.amount_text:
        graph.add((node, KG.amountText, Literal(r.amount_text)))
        amount = parse_amount(r.amount_text)
        if amount is not None:
            graph.add((node, KG.amount, _decimal(amount.value)))
            graph.add((node, KG.currency, Literal(amount.currency)))
    date = _date(r.date)
    if date is not None:
        graph.add((node, DCTERMS.date, date))
    for investor in r.leads:
        graph.add((node, KG.leadInvestor, investor))
    for investor in r.participants:
        if investor not in r.leads:
            graph.add((node, KG.participant, investor))
    rdf.add_provenance(graph, node, r.evidence, r.start, r.end, r.confidence, r.rule, r.article)
    return node


def add_document_rounds(graph: Graph, doc, rounds, iris: dict[str, URIRef]) -> int:
    """Write the resolved rounds (:class:`extraction.resolve_rounds.ResolvedRound`) that
    ``doc`` states into its graph; ``iris``: the IRIs of the entities the graph holds, by
    entity key. Returns how many were written."""
    n = 0
    for r in rounds:
        rec = r.record
        if rec.doc_id != doc.doc_id or r.company not in iris:
            continue
        fact = RoundFact(iris[r.company], rec.stage_text, rec.amount_text, rec.date,
                         tuple(iris[k] for k in r.leads if k in iris),
                         tuple(iris[k] for k in r.participants if k in iris),
                         rec.evidence, rec.evidence_start, rec.evidence_end, rec.confidence, rec.rule,
                         rdf.article_iri(doc, rec.article))
        add_round(graph, fact)
        n += 1
    return n


def collect_rounds(dataset) -> dict[tuple[str, str], list[str]]:
    """For the view's edge tooltips: (investor IRI, company IRI) → one line per round the
    investor took part in (stage · amount as written (normalised) · date · lead)."""
    def values(predicate):
        found: dict = {}
        for s, _, o, _ in dataset.quads((None, predicate, None, None)):
            found.setdefault(s, o)
        return found

    rounds = {s for s, _, _, _ in dataset.quads((None, RDF.type, KG.FundingRound, None))}
    if not rounds:
        return {}
    company, stage, written = values(KG.fundedCompany), values(KG.roundStage), values(KG.amountText)
    amount, currency, date = values(KG.amount), values(KG.currency), values(DCTERMS.date)
    out: dict[tuple[str, str], list[str]] = {}
    for role, predicate in (("lead", KG.leadInvestor), ("", KG.participant)):
        for r, _, investor, _ in sorted(set(dataset.quads((None, predicate, None, None))), key=lambda q: str(q[0])):
            if r not in rounds or r not in company:
                continue
            money = str(written.get(r, ""))
            if r in amount and r in currency:
                value = Decimal(str(amount[r]))
                money += f" ({format(value.to_integral() if value == value.to_integral() else value.normalize(), ',f')} "
                money += f"{currency[r]})"
            parts = [str(stage.get(r, "")) and f"round {stage[r]}", money.strip(), str(date.get(r, "")), role]
            line = " · ".join(p for p in parts if p)
            key = (str(investor), str(company[r]))
            if line not in out.setdefault(key, []):
                out[key].append(line)
    return out


__all__ = ["RoundFact", "add_document_rounds", "add_round", "collect_rounds", "round_iri"]
