"""``kg show NAME``: everything a graph says about one entity, as a card.

A card holds the entity's names per language, its types and reference id, then every
relation grouped by kind (invests in, investors, partners, located in, …), each with its
other end, confidence, dates and the evidences that state it: the sentence with the
fact's words marked (the mentions of both ends inside it), document, article title and
date. The name is found by :mod:`kg.lookup` (any label in any script, reference names,
"did you mean" on a miss). :func:`card_json` is the ``--format json`` form; :func:`card_text`
the terminal form (a :class:`rich.text.Text`; the CLI prints it).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ontology import KG

from .facts import LANGUAGES, Fact, Labels, read_facts
from .lookup import GraphNames, resolve

# (relation, the entity is its subject) → the heading of the group
GROUPS = {
    ("invests_in", True): "invests in", ("invests_in", False): "investors",
    ("partners_with", True): "partners", ("partners_with", False): "partners",
    ("develops", True): "develops", ("develops", False): "developed by",
    ("located_in", True): "located in", ("located_in", False): "located here",
}
GROUP_ORDER = ("investors", "invests in", "partners", "develops", "developed by", "located in", "located here")
TYPES = ("Company", "Investor", "Organization", "Park", "City", "Region", "Technology", "Product")
MARK_OPEN, MARK_CLOSE = "«", "»"

_MENTIONS = """SELECT ?e ?art ?start ?end WHERE {
  ?m kg:mentionOf ?e ; kg:startOffset ?start ; kg:endOffset ?end ; prov:wasDerivedFrom ?art }"""


@dataclass(frozen=True)
class Mark:
    """Where a name of one end of the fact is in the evidence text (offsets in the text)."""

    start: int
    end: int
    role: str  # "entity" (the card's) or "other"


@dataclass(frozen=True)
class CardEvidence:
    text: str
    marks: tuple[Mark, ...]
    confidence: float
    planned: bool
    rule: str
    document: str
    article_title: str
    date: str
    start: int | None
    end: int | None

    @property
    def marked(self) -> str:
        """The text with each mark between « and »."""
        out, at = [], 0
        for m in self.marks:
            out += [self.text[at:m.start], MARK_OPEN, self.text[m.start:m.end], MARK_CLOSE]
            at = m.end
        out.append(self.text[at:])
        return "".join(out)


@dataclass(frozen=True)
class CardRelation:
    relation: str
    subject_side: bool  # the card's entity is the subject
    other: Labels
    confidence: float  # the highest of its evidences
    first_date: str
    last_date: str
    evidence: tuple[CardEvidence, ...]


@dataclass(frozen=True)
class Card:
    iri: str
    label: str
    names: dict[str, tuple[str, ...]]  # language → names, the preferred one first
    types: tuple[str, ...]
    reference_id: str
    groups: dict[str, tuple[CardRelation, ...]]  # heading → relations, in GROUP_ORDER


def _names(source, entity: URIRef) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for pred in (SKOS.prefLabel, SKOS.altLabel):
        for _, _, o in sorted(source.triples((entity, pred, None)), key=lambda t: str(t[2])):
            if isinstance(o, Literal):
                lang = (o.language or "").split("-")[0].lower()
                if lang in names and str(o) not in names[lang]:
                    names[lang].append(str(o))
    return names


def _mentions(source, entities) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(entity, article) → offsets of the entity's mentions in that article's document."""
    found: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for e in entities:
        for _, art, start, end in source.select(_MENTIONS, {"e": URIRef(e)}).terms:
            try:
                found[(e, str(art))].append((int(start), int(end)))
            except (TypeError, ValueError):
                continue
    return found


def _marks(fact: Fact, entity: str, other: str, mentions, names: dict[str, list[str]]) -> tuple[Mark, ...]:
    """The mentions of both ends inside the evidence (else their names found in its text),
    without overlaps, in text order."""
    spans: list[Mark] = []
    for who, role in ((entity, "entity"), (other, "other")):
        found = []
        if fact.start is not None:
            for s, e in mentions.get((who, fact.article), []):
                if fact.start <= s and e <= (fact.end if fact.end is not None else s) and s < e:
                    found.append(Mark(s - fact.start, e - fact.start, role))
        if not found:
            for name in sorted(names.get(who, []), key=len, reverse=True):
                at = fact.text.find(name) if name else -1
                if at >= 0:
                    found.append(Mark(at, at + len(name), role))
                    break
        spans.extend(found)
    spans.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mark] = []
    for m in spans:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return tuple(kept)


def entity_card(source, entity: str, *, min_confidence: float = 0.0) -> Card:
    """The card of the entity with IRI ``entity`` in ``source`` (a graph source)."""
    node = URIRef(entity)
    names = _names(source, node)
    types = {str(o)[len(str(KG._NS)):] for _, _, o in source.triples((node, RDF.type, None))
             if str(o).startswith(str(KG._NS))}
    ref = next((str(o) for _, _, o in source.triples((node, KG.referenceId, None))), "")
    facts = read_facts(source, min_confidence=min_confidence, entity=entity)
    others = sorted({f.object.iri if f.subject.iri == entity else f.subject.iri for f in facts})
    mentions = _mentions(source, [entity] + others)
    all_names = {entity: [n for ns in names.values() for n in ns]}
    for f in facts:
        for end in (f.subject, f.object):
            all_names.setdefault(end.iri, [n for n in (end.ko, end.zh, end.en) if n])
    grouped: dict[tuple[str, bool, str], list[Fact]] = defaultdict(list)
    for f in facts:
        subject_side = f.subject.iri == entity
        other = f.object.iri if subject_side else f.subject.iri
        if f.relation == "partners_with":
            subject_side = True  # symmetric: one group, whichever way the text put it
        grouped[(f.relation, subject_side, other)].append(f)
    groups: dict[str, list[CardRelation]] = defaultdict(list)
    for (rel, subject_side, other), fs in grouped.items():
        evs = tuple(CardEvidence(f.text, _marks(f, entity, other, mentions, all_names), f.confidence, f.planned,
                                 f.rule, f.document, f.article_title, f.date, f.start, f.end) for f in fs)
        dates = sorted(f.date for f in fs if f.date)
        end = fs[0].object if fs[0].subject.iri == entity else fs[0].subject
        groups[GROUPS[(rel, subject_side)]].append(CardRelation(
            rel, subject_side, end, max(f.confidence for f in fs), dates[0] if dates else "",
            dates[-1] if dates else "", evs))
    ordered = {g: tuple(sorted(groups[g], key=lambda r: (-r.confidence, r.other.label)))
               for g in GROUP_ORDER if g in groups}
    label = (names["ko"] or names["zh"] or names["en"] or [entity.rsplit("/", 1)[-1]])[0]
    pref = {lang: next((str(o) for _, _, o in source.triples((node, SKOS.prefLabel, None))
                        if isinstance(o, Literal) and (o.language or "").split("-")[0].lower() == lang), None)
            for lang in LANGUAGES}
    ordered_names = {lang: tuple(([pref[lang]] if pref[lang] else []) + [n for n in ns if n != pref[lang]])
                     for lang, ns in names.items()}
    label = (ordered_names["ko"] or ordered_names["zh"] or ordered_names["en"] or (label,))[0]
    return Card(entity, label, ordered_names, tuple(t for t in TYPES if t in types), ref, ordered)


def show(source, name: str, *, min_confidence: float = 0.0) -> list[Card]:
    """The cards of the entities ``name`` finds (:func:`kg.lookup.resolve`: an error naming
    the closest names when none)."""
    if name.startswith(("http://", "https://")):
        entities = [name]
    else:
        entities = resolve(GraphNames(source), name, source.name)
    return [entity_card(source, e, min_confidence=min_confidence) for e in entities]


def card_json(card: Card) -> dict:
    """The card as plain JSON-ready data (``kg show --format json``)."""
    data = asdict(card)
    data["names"] = {lang: list(ns) for lang, ns in card.names.items()}
    for heading, rels in card.groups.items():
        for rel_data, rel in zip(data["groups"][heading], rels):
            rel_data["other"]["label"] = rel.other.label
            for ev_data, ev in zip(rel_data["evidence"], rel.evidence):
                ev_data["marked"] = ev.marked
    return data


def card_text(card: Card):
    """The card for a terminal: a :class:`rich.text.Text` (document text is never markup)."""
    from rich.text import Text

    t = Text()
    t.append(card.label, style="bold")
    if card.types:
        t.append("  " + " · ".join(card.types), style="cyan")
    t.append("\n")
    for lang, title in (("ko", "한국어"), ("zh", "中文"), ("en", "English")):
        if card.names.get(lang):
            t.append(f"  {title:<8}", style="dim")
            t.append(" · ".join(card.names[lang]) + "\n")
    t.append("  reference ", style="dim")
    t.append((card.reference_id or "none") + "\n")
    t.append("  IRI       ", style="dim")
    t.append(card.iri + "\n")
    if not card.groups:
        t.append("\n  no relations" + "\n", style="dim")
    for heading, rels in card.groups.items():
        t.append(f"\n{heading} ({len(rels)})\n", style="bold underline")
        for rel in rels:
            t.append("  " + rel.other.label, style="bold")
            others = [n for n in (rel.other.zh, rel.other.en) if n and n != rel.other.label]
            if others:
                t.append(" (" + ", ".join(others) + ")")
            dates = rel.first_date + (f" – {rel.last_date}" if rel.last_date != rel.first_date else "")
            t.append(f"  confidence {rel.confidence:.2f}" + (f" · {dates}" if dates else "") + "\n", style="dim")
            for ev in rel.evidence:
                t.append("    “")
                at = 0
                flat = re.sub(r"\s", " ", ev.text)  # one line per sentence; offsets unchanged
                for m in ev.marks:
                    t.append(flat[at:m.start])
                    t.append(MARK_OPEN + flat[m.start:m.end] + MARK_CLOSE,
                             style="bold" if m.role == "entity" else "bold yellow")
                    at = m.end
                t.append(flat[at:] + "”\n")
                where = [ev.document, ev.article_title, ev.date, f"confidence {ev.confidence:.2f}"]
                if ev.planned:
                    where.append("planned")
                t.append("      " + " · ".join(w for w in where if w) + "\n", style="dim")
    return t


__all__ = ["Card", "CardEvidence", "CardRelation", "GROUPS", "Mark", "card_json", "card_text", "entity_card", "show"]
