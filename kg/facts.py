"""Facts: one record per evidence of a relation, read from a graph source, with what an
analyst needs beside it (labels of both ends in Korean, Chinese and English, confidence,
planned/negated markers, the sentence, its document, article, date and offsets).

``kg show`` (:mod:`kg.show`) and the fact table (``kg export --facts``,
:mod:`kg.exports.facts`) read them with :func:`read_facts`, from a graph file or a store
(any graph source of :mod:`kg.query`). ``min_confidence`` keeps the evidences whose
confidence is at least that (an evidence without one counts as 1).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef

from ontology import KG

RELATION_NAMES = {KG.investsIn: "invests_in", KG.locatedIn: "located_in",
                  KG.partnersWith: "partners_with", KG.develops: "develops"}
LANGUAGES = ("ko", "zh", "en")
PLANNED = "+planned"  # the rule marker of a planned relation (kept, confidence × 0.8)
NEGATED = "+negated"  # the rule marker of a denied one (kg's rules drop those today)

_EVIDENCE = """
SELECT ?s ?o ?ev ?p ?text ?start ?end ?conf ?rule ?art ?title ?adate ?ddate ?file WHERE {
  ?ev kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:evidenceText ?text .
  OPTIONAL { ?ev kg:startOffset ?start }
  OPTIONAL { ?ev kg:endOffset ?end }
  OPTIONAL { ?ev kg:confidence ?conf }
  OPTIONAL { ?ev kg:extractor ?rule }
  OPTIONAL { ?ev prov:wasDerivedFrom ?art .
             OPTIONAL { ?art dcterms:title ?title }
             OPTIONAL { ?art dcterms:date ?adate }
             OPTIONAL { ?art kg:inDocument ?doc .
                        OPTIONAL { ?doc kg:fileName ?file }
                        OPTIONAL { ?doc dcterms:date ?ddate } } }
}"""
_ROUNDS = """
SELECT ?company ?art ?start ?end ?stage ?amount ?currency ?written WHERE {
  ?round kg:fundedCompany ?company ; prov:wasDerivedFrom ?art ; kg:startOffset ?start ; kg:endOffset ?end .
  OPTIONAL { ?round kg:roundStage ?stage }
  OPTIONAL { ?round kg:amount ?amount }
  OPTIONAL { ?round kg:currency ?currency }
  OPTIONAL { ?round kg:amountText ?written }
}"""
_LABELS = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"
_LABELS_OF = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"


@dataclass(frozen=True)
class Labels:
    """An entity's preferred names (empty where it has none in that language)."""

    iri: str
    ko: str = ""
    zh: str = ""
    en: str = ""

    @property
    def label(self) -> str:
        return self.ko or self.zh or self.en or self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Fact:
    """One evidence of one relation (subject, relation, object)."""

    evidence: str  # IRI of the kg:Evidence node
    subject: Labels
    relation: str  # invests_in, located_in, partners_with, develops
    object: Labels
    confidence: float
    rule: str
    text: str  # exactly the source file's characters start..end
    start: int | None
    end: int | None
    document: str  # file name
    article: str  # article IRI
    article_title: str
    date: str  # the article's date, else the document's; '' when neither is dated
    # the funding round an invests_in evidence belongs to (a kg:FundingRound of the object
    # stated by an overlapping span of the same article), else ''
    round_stage: str = ""
    amount: str = ""  # a number of units of currency
    currency: str = ""  # ISO 4217
    amount_text: str = ""  # as written

    @property
    def planned(self) -> bool:
        return PLANNED in self.rule

    @property
    def negated(self) -> bool:
        return NEGATED in self.rule


def _int(term) -> int | None:
    try:
        return int(term) if term is not None else None
    except (TypeError, ValueError):
        return None


def _preference(r: dict) -> tuple:
    """Which of two rows of one evidence a fact table keeps (the smaller)."""
    return (-_float(r["conf"]),) + tuple("" if r[k] is None else str(r[k]) for k in (
        "rule", "text", "start", "end", "art", "title", "adate", "ddate", "file", "s", "o"))


def _float(term) -> float:
    try:
        return float(term) if term is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


def read_labels(source, entities=None) -> dict[str, Labels]:
    """Preferred labels of every entity (or of ``entities``), one per language."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    if entities is None:
        rows = source.select(_LABELS).terms
    else:
        rows = [row for e in entities for row in source.select(_LABELS_OF, {"e": URIRef(str(e))}).terms]
    for e, label in rows:
        if not isinstance(label, Literal):
            continue
        lang = (label.language or "").split("-")[0].lower()
        if lang in LANGUAGES:
            current = found[str(e)].get(lang)
            if current is None or str(label) < current:  # deterministic when a union has two
                found[str(e)][lang] = str(label)
    return {e: Labels(e, **names) for e, names in found.items()}


def read_facts(source, *, min_confidence: float = 0.0, entity: str | None = None) -> list[Fact]:
    """Every evidence of a relation in ``source`` (a graph source of :mod:`kg.query`), or
    only those with ``entity`` as subject or object; with at least ``min_confidence``.
    Sorted by date, document and offset."""
    if entity is None:
        rows = list(source.select(_EVIDENCE).terms)
    else:
        node = URIRef(entity)
        rows = list(source.select(_EVIDENCE, {"s": node}).terms)
        rows += [r for r in source.select(_EVIDENCE, {"o": node}).terms if r[0] != node]
    variables = ("s", "o", "ev", "p", "text", "start", "end", "conf", "rule", "art", "title", "adate",
                 "ddate", "file")
    by_ev: dict[str, dict] = {}
    for row in rows:
        r = dict(zip(variables, row))
        rel = RELATION_NAMES.get(r["p"])
        if rel is None:
            continue
        key = str(r["ev"])
        # OPTIONALs that matched twice (a union of graphs): the same row whatever order the
        # engine gives them in (the highest confidence, then the first by value)
        if key in by_ev and _preference(by_ev[key]) <= _preference(r):
            continue
        by_ev[key] = dict(r, rel=rel)
    ends = {str(r[k]) for r in by_ev.values() for k in ("s", "o")}
    labels = read_labels(source, ends if entity is not None else None)
    facts = []
    for key, r in by_ev.items():
        conf = _float(r["conf"])
        if conf < min_confidence:
            continue
        s, o = str(r["s"]), str(r["o"])
        facts.append(Fact(
            evidence=key, subject=labels.get(s, Labels(s)), relation=r["rel"], object=labels.get(o, Labels(o)),
            confidence=conf, rule=str(r["rule"] or ""), text=str(r["text"]), start=_int(r["start"]),
            end=_int(r["end"]), document=str(r["file"] or ""), article=str(r["art"] or ""),
            article_title=str(r["title"] or ""), date=str(r["adate"] or r["ddate"] or "")))
    if any(f.relation == "invests_in" for f in facts):
        facts = _with_rounds(source, facts)
    facts.sort(key=lambda f: (f.date, f.document, f.start if f.start is not None else -1, f.relation,
                              f.subject.iri, f.object.iri, f.evidence))
    return facts


def _number_text(term) -> str:
    """A decimal as plain digits (1000000000, 1.5), whatever its lexical form."""
    from decimal import Decimal, InvalidOperation

    if term is None:
        return ""
    try:
        d = Decimal(str(term))
    except InvalidOperation:
        return str(term)
    return format(d.normalize(), "f") if d != d.to_integral() else format(d.to_integral(), "f")


def _with_rounds(source, facts: list[Fact]) -> list[Fact]:
    """Each invests_in fact with the round its sentence states, when the graph has one."""
    from dataclasses import replace

    rounds: dict[tuple[str, str], list[tuple[int, int, dict]]] = defaultdict(list)
    for company, art, start, end, stage, amount, currency, written in source.select(_ROUNDS).terms:
        s, e = _int(start), _int(end)
        if s is None or e is None:
            continue
        rounds[(str(company), str(art))].append((s, e, {
            "round_stage": str(stage or ""), "amount": _number_text(amount), "currency": str(currency or ""),
            "amount_text": str(written or "")}))
    if not rounds:
        return facts
    out = []
    for f in facts:
        found = rounds.get((f.object.iri, f.article), []) if f.relation == "invests_in" else []
        match = next((info for s, e, info in sorted(found, key=lambda r: (r[0], r[1]))
                      if f.start is not None and f.end is not None and s < f.end and f.start < e), None)
        out.append(replace(f, **match) if match else f)
    return out


def check_confidence(value: float) -> float:
    """``--min-confidence`` checked: a number from 0 to 1."""
    from .errors import KgError

    if not 0.0 <= value <= 1.0:
        raise KgError(f"--min-confidence {value:g}: give a confidence from 0 to 1 (e.g. 0.5)")
    return value


__all__ = ["Fact", "LANGUAGES", "Labels", "NEGATED", "PLANNED", "RELATION_NAMES", "check_confidence",
           "read_facts", "read_labels"]
