"""``kg_record_reader`` and ``kg_record_relations``: records and bullet lists read as structure.

:func:`extraction.tables.records.read_records` cuts ``⚫ 발표기관: A, B ⚫ 주요내용: …`` and
``▪ 기업명: X / ▪ 소재지: Y`` blocks into labelled fields. ``kg_record_reader`` (before
``kg_entities``) makes each item of an institution or company list an entity: a name the
other components found is kept as they found it; an item they missed that has a name's head
(…연구원, …대학교, …부, …그룹) or a reference entry is proposed with the type its head or its
label gives; a company-like candidate that runs over a label or across a list separator is
withdrawn. ``kg_record_relations`` (after ``kg_relations``) reads the record as a clause whose
subjects are the listed names:

* a content field that says they develop, research, build or launch something: each subject
  develops each technology of it (regulators and outlets develop nothing);
* one that states a cooperation (협력, 협약, MOU, 공동, 합작 …): each subject partners with the
  companies and organisations the content names, and co-listed subjects with each other;
* one that states an investment (투자, 인수, 지분 …): each subject invests in the companies
  the content names;
* a place field: the record's named subject is located there; a sector field: it develops
  the technologies named there.

A listed subject that cannot develop (a ministry, a bureau, an association) develops nothing
in its record, whichever rule read it there.
"""
from __future__ import annotations

import re
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, Mention, candidates
from ..cues import load_cues
from ..heads import load_heads
from ..names import script_of
from ..reference import load_reference
from ..tables.records import Record, read_records
from .relation_candidate import AGENTS, PLACES, RelationCandidate
from .util import boundaries, doc_text

CONFIDENCE = 0.9
_NON_DEVELOPERS = frozenset({"government", "media", "party", "exchange", "market_research", "international",
                             "consultancy", "association", "securities", "bank", "asset_manager"})
_NON_DEVELOPER_HEAD = re.compile(r"(?:부|청|국|처|위원회|정부|국무원|판공청|대사관|영사관|협회|학회|연합회|人民政府|委员会|部|协会)$")
_PARTNER = re.compile(r"협력|협약|업무협약|MOU|양해각서|공동|합작|제휴|파트너십|손잡|협업|연합")
_INVEST = re.compile(r"투자|인수|지분|출자|증자|펀딩")
_SEPARATOR = re.compile(r"[,，、;；·∙]|\s및\s")


def _in_records(doc: Doc) -> list[Record]:
    return doc.user_data.get("kg_records") or []


class RecordNames:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()

    def _type(self, item: str, default: str | None) -> tuple[str, str | None] | None:
        """(type, reference id) of a listed item, or None when it does not look like a name."""
        hits = [e for e in self.reference.lookup(item) if e.type in AGENTS]
        if hits:
            entry = sorted(hits, key=lambda e: e.id)[0]
            return entry.type, entry.id
        head = self.heads.match(item.replace(" ", ""), "zh" if script_of(item) == "zh" else "ko")
        if head is not None and head.type in AGENTS:
            return head.type, None
        if head is None and default and len(item) >= 2 and re.fullmatch(r"[A-Za-z][A-Za-z0-9&.\- ]+", item):
            return default, None  # a Latin name in an institution or company list
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        records = read_records(text)
        doc.user_data["kg_records"] = records
        if not records:
            return doc
        starts, ends = boundaries(doc)
        cands = candidates(doc)
        labels = [(f.start, f.value_start) for r in records for f in r.fields]
        items = [(a, b, f) for r in records for f in r.of_kind("actors", "name") for a, b in f.items]
        kept = []
        for c in cands:
            if c.label in AGENTS + ("Product",):
                if any(c.start < e and s < c.end for s, e in labels):
                    continue  # runs over a field's label
                if any(a <= c.start < b < c.end or c.start < a < c.end <= b for a, b, _ in items) and \
                        _SEPARATOR.search(text, c.start, c.end):
                    continue  # runs across a list separator into the next item
            kept.append(c)
        proposed = []
        for a, b, f in items:
            if any(c.start <= a and b <= c.end or a <= c.start and c.end <= b and (c.end - c.start) * 2 > b - a
                   for c in kept if c.label in AGENTS + ("Product", "City", "Region", "Park", "Technology")):
                continue  # the other components found it
            if a not in starts or b not in ends:
                continue
            typed = self._type(text[a:b], f.type)
            if typed is None:
                continue
            typ, ref_id = typed
            proposed.append(Candidate(a, b, typ, "table", CONFIDENCE, ref_id=ref_id, rule=f"record-reader:{f.kind}"))
        doc._.kg_candidates = kept + proposed
        return doc


class RecordRelations:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.develop_cues = tuple(load_cues().get("develop", ()))

    def _develops_at_all(self, m: Mention) -> bool:
        if m.label not in ("Company", "Organization"):
            return False
        entry = self.reference.get(m.ref_id) if m.ref_id else None
        if entry is not None:
            return entry.kind not in _NON_DEVELOPERS
        return not _NON_DEVELOPER_HEAD.search(m.text)

    def _consistent(self, records: list[Record], mentions: list[Mention], rels: list) -> list:
        """A record names its subjects by label: one listed as a publisher or organiser that
        cannot develop (a ministry, a bureau, an association) develops nothing the record's
        content names, whatever a sentence rule read there."""
        listed = {(m.start, m.end): m for rec in records for f in rec.of_kind("actors", "name")
                  for m in mentions if f.value_start <= m.start and m.end <= f.value_end}
        return [r for r in rels if not (r.predicate == "develops" and r.subject in listed
                                        and not self._develops_at_all(listed[r.subject]))]

    def __call__(self, doc: Doc) -> Doc:
        records = _in_records(doc)
        if not records:
            return doc
        text = doc_text(doc)
        mentions = [m for m in (doc._.kg_mentions or ()) if m.alias_of is None or m.extractor == "propagated"]

        def inside(a: int, b: int, labels) -> list[Mention]:
            return [m for m in mentions if a <= m.start and m.end <= b and m.label in labels]

        rels = self._consistent(records, mentions, list(doc._.kg_relations or ()))
        seen = {(r.subject, r.predicate, r.object) for r in rels} | {(r.object, r.predicate, r.subject)
                                                                      for r in rels if r.predicate == "partners_with"}

        def add(s: Mention, pred: str, o: Mention, evidence, rule: str, conf: float):
            key = ((s.start, s.end), pred, (o.start, o.end))
            if key[0] == key[2] or key in seen or (pred == "partners_with" and (key[2], pred, key[0]) in seen):
                return
            seen.add(key)
            rels.append(RelationCandidate(key[0], pred, key[2], evidence, f"record-reader:{rule}", conf))

        for rec in records:
            subject_fields = rec.of_kind("actors", "name")
            subjects = [m for f in subject_fields for m in inside(f.value_start, f.value_end, AGENTS)]
            if not subjects:
                continue
            evidence = (rec.start, rec.end)
            for f in rec.of_kind("content"):
                content = text[f.value_start:f.value_end]
                others = [m for m in inside(f.value_start, f.value_end, AGENTS) if m not in subjects]
                if any(cue in content for cue in self.develop_cues):
                    for t in inside(f.value_start, f.value_end, ("Technology",)):
                        for s in subjects:
                            if self._develops_at_all(s):
                                add(s, "develops", t, evidence, "develops", 0.7)
                if _PARTNER.search(content):
                    for s in subjects:
                        for o in others:
                            if s.label != "Investor" and o.label != "Investor":
                                add(s, "partners_with", o, evidence, "partners", 0.7)
                    for f2 in rec.of_kind("actors"):  # co-listed subjects of a joint action
                        listed = [m for m in subjects if f2.value_start <= m.start and m.end <= f2.value_end]
                        for a, b in combinations(listed, 2):
                            add(a, "partners_with", b, evidence, "co-subjects", 0.65)
                if _INVEST.search(content):
                    for s in subjects:
                        for o in others:
                            if o.label == "Company":
                                add(s, "invests_in", o, evidence, "invests", 0.7)
            named = [m for f in rec.of_kind("name") for m in inside(f.value_start, f.value_end, AGENTS)]
            for f in rec.of_kind("place"):
                for p in inside(f.value_start, f.value_end, PLACES):
                    for s in named:
                        add(s, "located_in", p, evidence, "place", 0.75)
            for f in rec.of_kind("sector"):
                for t in inside(f.value_start, f.value_end, ("Technology",)):
                    for s in named:
                        if self._develops_at_all(s):
                            add(s, "develops", t, evidence, "sector", 0.7)
        doc._.kg_relations = rels
        return doc


@Language.factory("kg_record_reader", default_config={"reference_dir": None})
def make_record_reader(nlp: Language, name: str, reference_dir: str | None) -> RecordNames:
    return RecordNames(nlp, name, reference_dir)


@Language.factory("kg_record_relations", default_config={"reference_dir": None})
def make_record_relations(nlp: Language, name: str, reference_dir: str | None) -> RecordRelations:
    return RecordRelations(nlp, name, reference_dir)
