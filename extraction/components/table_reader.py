"""``kg_table_reader`` and ``kg_table_relations``: rows of tables flattened into lines.

:class:`~extraction.tables.TableReader` finds tables by their header and cuts them into
rows of typed cells. ``kg_table_reader`` (before ``kg_entities``) proposes the names those
rows hold — a row's company with all its names as one entity, the investors of its
investor cell, the companies of a value-chain row — and withdraws every company-like
candidate another component found inside a cell of another column (a round, an amount, a
date, a place, a sector or description: never a name), or across a cell's edge.
``kg_table_relations`` (after ``kg_relations``) adds what each row states about the chosen
mentions: its investors invest in it, its place cell is where it is, the technologies of its
sector and description cells are what it develops.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, candidates
from ..heads import load_heads
from ..names import script_of
from ..reference import load_reference
from ..tables import TableReader, TableRow
from ..tables.cells import is_han_only
from .relations import RelationCandidate
from .util import boundaries, doc_text

_NO_NAME_COLUMNS = ("round", "amount", "date", "rank", "place")
_NAME_LABELS = ("Company", "Investor", "Organization", "Product")
_ACTORS = ("Company", "Investor", "Organization")
_KO_ZH = re.compile(r"^(.+?)\s?[(（]([^()（）]{2,40})[)）]$")
CONFIDENCE = 0.96  # above the other table extractors: the row structure says these are names


class TableNames:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.reader = TableReader(self.reference)
        self.heads = load_heads()

    def _type(self, text: str, default: str) -> tuple[str, str | None]:
        hits = [e for e in self.reference.lookup(text) if e.type in _ACTORS]
        if hits:
            entry = sorted(hits, key=lambda e: e.id)[0]
            return entry.type, entry.id
        head = self.heads.match(text.replace(" ", ""), "zh" if script_of(text) == "zh" else "ko")
        if head is not None and head.type in ("Investor", "Organization") and default != "Investor":
            return head.type, None
        return default, None

    def _candidate(self, text, spans, default, rule, starts, ends, roles=()) -> Candidate | None:
        spans = [(s, e) for s, e in spans if s in starts and e in ends]
        if not spans:
            return None
        (s, e), aliases = spans[0], tuple(spans[1:])
        word = text[s:e]
        tail = re.search(r"\n\s*(\S+)$", word)  # 화성전자 / 华星电子: a name, then its Chinese name
        if tail and is_han_only(tail.group(1)) and not is_han_only(word[:tail.start()].strip()):
            zs = s + tail.start(1)
            e = s + len(word[:tail.start()].rstrip())
            if zs in starts and e in ends:
                aliases = aliases + ((zs, s + tail.end(1)),)
                word = text[s:e]
            else:
                e = s + len(word)
        m = _KO_ZH.match(word)  # 훙타오캐피탈(红涛资本): the name and its other name
        if m and m.end(1) + s in ends and s + m.start(2) in starts:
            aliases = aliases + ((s + m.start(2), s + m.end(2)),)
            e = s + m.end(1)
            word = m.group(1)
        typ, ref_id = self._type(word, default)
        if ref_id is None:
            for a, b in aliases:
                t2, r2 = self._type(text[a:b], default)
                if r2 is not None:
                    typ, ref_id = t2, r2
                    break
        return Candidate(s, e, typ, "table", CONFIDENCE, ref_id=ref_id, roles=roles, aliases=aliases, rule=rule)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        tables = self.reader.read(text)
        rows: list[tuple[str, TableRow]] = [(t.kind, r) for t in tables for r in t.rows]
        doc.user_data["kg_table_rows"] = rows
        doc.user_data["kg_table_regions"] = [(t.start, t.end) for t in tables if t.kind == "rows"]
        if not rows:
            return doc
        starts, ends = boundaries(doc)
        proposed: list[Candidate] = []
        for kind, row in rows:
            if kind == "rows":
                c = self._candidate(text, row.names, "Company", "table-reader:row-name", starts, ends)
                if c is not None:
                    proposed.append(c)
                for span in row.listed:
                    c = self._candidate(text, [span], "Investor", "table-reader:investor", starts, ends,
                                        roles=("Investor",))
                    if c is not None:
                        proposed.append(c)
            else:
                for span in row.listed:
                    c = self._candidate(text, [span], "Company", "table-reader:chain-member", starts, ends)
                    if c is not None:
                        proposed.append(c)
        blocked = [(c.start, c.end, c.column) for _, r in rows for c in r.cells
                   if c.column in _NO_NAME_COLUMNS or c.column == "profile"]
        names = [(c.start, c.end) for c in proposed] + [a for c in proposed for a in c.aliases]
        kept = []
        for c in candidates(doc):
            if c.label in _NAME_LABELS:
                cell = next((col for a, b, col in blocked if a <= c.start and c.end <= b), None)
                if cell is not None and (cell != "profile" or c.ref_id is None):
                    continue  # a round, an amount, a place or a description is no name
                if any(c.start < b and a < c.end for a, b in names):
                    continue  # the rows say what the names of their name and investor cells are
                if any(c.start < a < c.end or c.start < b < c.end for a, b, _ in blocked):
                    continue  # runs into a cell of another column
            kept.append(c)
        doc._.kg_candidates = kept + proposed
        return doc


class TableRelations:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    @staticmethod
    def _consistent(doc: Doc, rows, rels: list) -> list:
        """Inside a table the reader has read, an investment, a location or a technology another
        rule found stands only where the rows say so (a row's investor in its company, its
        place cell, a technology of its profile): rules made for sentences or for rows of one
        line pair names across rows and cells (an investor "develops" the sector next to it)."""
        regions = doc.user_data.get("kg_table_regions") or []
        if not regions:
            return rels

        allowed = set()
        for kind, row in rows:
            if kind != "rows" or not row.names:
                continue
            company = row.names[0]
            for inv in row.listed:
                allowed.add(("invests_in", inv, company))
            place = row.cell("place")
            if place is not None:
                allowed.add(("located_in", company, (place.start, place.end)))
            profile = row.cell("profile")
            if profile is not None:
                allowed.add(("develops", company, (profile.start, profile.end)))

        def inside_table(span):
            return any(a <= span[0] and span[1] <= b for a, b in regions)

        def within(span, outer):
            return outer[0] <= span[0] and span[1] <= outer[1] or (span[0] < outer[1] and outer[0] < span[1])

        out = []
        for r in rels:
            if r.predicate in ("invests_in", "located_in", "develops") and not r.rule.startswith("table-reader:") \
                    and (inside_table(r.subject) or inside_table(r.object)):
                if not any(p == r.predicate and within(r.subject, s) and within(r.object, o) for p, s, o in allowed):
                    continue
            out.append(r)
        return out

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.user_data.get("kg_table_rows") or []
        if not rows:
            return doc
        mentions = [m for m in (doc._.kg_mentions or ()) if m.alias_of is None or m.extractor == "propagated"]

        def inside(a: int, b: int, labels) -> list:
            return [m for m in mentions if a <= m.start and m.end <= b and m.label in labels]

        def at(span, labels):
            return next((m for m in mentions if m.label in labels and m.start < span[1] and span[0] < m.end), None)

        rels = self._consistent(doc, rows, list(doc._.kg_relations or ()))
        seen = {(r.subject, r.predicate, r.object) for r in rels}

        def add(subj, pred, obj, evidence, rule, conf):
            key = ((subj.start, subj.end), pred, (obj.start, obj.end))
            if key[0] != key[2] and key not in seen:
                seen.add(key)
                rels.append(RelationCandidate(key[0], pred, key[2], evidence, rule, conf))

        for kind, row in rows:
            evidence = (row.start, row.end)
            if kind == "rows":
                company = at(row.names[0], _ACTORS)
                if company is None:
                    continue
                for span in row.listed:
                    investor = at(span, _ACTORS)
                    if investor is not None:
                        add(investor, "invests_in", company, evidence, "table-reader:investor", 0.8)
                place = row.cell("place")
                if place is not None:
                    for p in inside(place.start, place.end, ("City", "Region", "Park")):
                        add(company, "located_in", p, evidence, "table-reader:place", 0.8)
                profile = row.cell("profile")
                if profile is not None:
                    for t in inside(profile.start, profile.end, ("Technology",)):
                        add(company, "develops", t, evidence, "table-reader:profile", 0.65)
        doc._.kg_relations = rels
        return doc


@Language.factory("kg_table_reader", default_config={"reference_dir": None})
def make_table_reader(nlp: Language, name: str, reference_dir: str | None) -> TableNames:
    return TableNames(nlp, name, reference_dir)


@Language.factory("kg_table_relations", default_config={})
def make_table_relations(nlp: Language, name: str) -> TableRelations:
    return TableRelations(nlp, name)
