"""Resolution: one entity per real thing, within and across documents.

Mentions are linked when they are the same name up to spacing, particles, case and Chinese
script (:func:`~extraction.names.name_key`); when one is the other's alias (한글(中文, English),
'hereafter' short names); when they share a reference-data id; when they are spelling
variants of the same transliteration (톈푸 / 텐푸, 중관춘 / 중관촌, 포니닷컴이아이 /
포니닷컴에이아이); and when a company name is another with a company head added
(화웨이테크 → 화웨이). Links stay within a type family (organisations, places, technologies,
products). Identifiers depend only on the linked names, never on document order.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from .extract import DocumentExtraction, MentionRecord, RelationRecord
from .heads import load_heads
from .names import name_key, script_of
from .technology import has_role, short_document
from .translit import similarity, variant_key

log = logging.getLogger(__name__)

# a name's key and script, each worked out once per distinct text (an entity's mentions
# repeat its names; both are pure functions of the text)
_key = lru_cache(maxsize=1 << 16)(name_key)
_script = lru_cache(maxsize=1 << 16)(script_of)

FAMILY = {"Company": "agent", "Investor": "agent", "Organization": "agent",
          "City": "place", "Region": "place", "Park": "place",
          "Technology": "tech", "Product": "product"}
_LANG = {"ko": "ko", "zh": "zh", "en": "en"}


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world thing and every mention of it."""

    key: str
    local_id: str
    type: str
    types: tuple[str, ...]
    ref_id: str | None
    names: tuple[tuple[str, str], ...]  # (name, lang), most used first
    mentions: tuple[MentionRecord, ...]

    def names_in(self, doc_id: str) -> tuple[tuple[str, str], ...]:
        used = {m.text for m in self.mentions if m.doc_id == doc_id}
        return tuple((n, lang) for n, lang in self.names if n in used)


class _UnionFind:
    """Union-find over mentions that also tracks the reference ids each group carries, so
    that loose links (spelling variants, similarity, company heads) never join two groups
    known to be different things (청두 / 청더, 후저우 / 허저우)."""

    def __init__(self, n: int, refs: Sequence[str | None] = ()):
        self.parent = list(range(n))
        self.refs: dict[int, set[str]] = {i: {r} for i, r in enumerate(refs) if r}

    def compatible(self, a: int, b: int) -> bool:
        ra, rb = self.refs.get(self.find(a), set()), self.refs.get(self.find(b), set())
        return not ra or not rb or ra == rb

    def union_loose(self, a: int, b: int) -> None:
        if self.compatible(a, b):
            self.union(a, b)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = (ra, rb) if ra < rb else (rb, ra)
            self.parent[gone] = keep
            merged = self.refs.pop(gone, set())
            if merged:
                self.refs.setdefault(keep, set()).update(merged)


@lru_cache(maxsize=4)
def _company_heads(script: str) -> tuple[str, ...]:
    return tuple(load_heads().heads(script, "Company"))


def _stems(name: str) -> list[str]:
    """A company name without its company head (화웨이테크 → 화웨이, 小鹏汽车 → 小鹏)."""
    out = []
    script = "zh" if _script(name) == "zh" else "ko"
    for h in _company_heads(script):
        if name.endswith(h) and len(name) - len(h) >= 2:
            out.append(name[: -len(h)].strip())
    return out


_PRODUCT_RULES = ("dated-item", "model-number", "product-word-after", "product-word-before", "dated-row")
_GUESSED_COMPANY = ("apposition:transliteration", "apposition:english+chinese", "apposition:korean+english")


def _harmonise_products(mentions: list[MentionRecord]) -> list[MentionRecord]:
    """A name a document shows to be a product (a dated list item, a model number, '… 서비스')
    stays a product where elsewhere in that document it was only guessed to be a company."""
    products = {(m.doc_id, _key(m.text)) for m in mentions
                if m.label == "Product" and any(r in m.rule for r in _PRODUCT_RULES)}
    if not products:
        return mentions

    def anchor(m: MentionRecord) -> tuple[str, int, int]:
        return (m.doc_id, *(m.alias_of or (m.clean_start, m.clean_end)))

    # a name and the other names in its parentheses go together (후이이원다(慧医问答))
    groups = {anchor(m) for m in mentions if (m.doc_id, _key(m.text)) in products}
    return [replace(m, label="Product") if m.label == "Company" and anchor(m) in groups
            and any(g in m.rule for g in _GUESSED_COMPANY) else m for m in mentions]


def clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def resolve(extractions: Iterable[DocumentExtraction]) -> list[ResolvedEntity]:
    """Resolve the mentions of all ``extractions`` into entities (order-independent)."""
    mentions: list[MentionRecord] = []
    for ex in extractions:
        mentions.extend(ex.mentions)
    mentions = _harmonise_products(mentions)
    # deterministic order regardless of input order
    mentions.sort(key=lambda m: (m.doc_id, m.clean_start, m.clean_end, m.label, m.text))
    uf = _UnionFind(len(mentions), [m.ref_id for m in mentions])
    by_span: dict[tuple[str, int, int], int] = {}
    for i, m in enumerate(mentions):
        by_span.setdefault((m.doc_id, m.clean_start, m.clean_end), i)
    by_key: dict[tuple[str, str], int] = {}
    by_ref: dict[str, int] = {}
    by_variant: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        fam = FAMILY.get(m.label, m.label)
        if m.alias_of is not None:
            j = by_span.get((m.doc_id, *m.alias_of))
            if j is not None and FAMILY.get(mentions[j].label) == fam:
                uf.union(i, j)
        key = _key(m.text)
        if not key:
            continue
        k = (fam, key)
        if k in by_key:
            uf.union(i, by_key[k])
        else:
            by_key[k] = i
        if m.ref_id:
            if m.ref_id in by_ref:
                uf.union(i, by_ref[m.ref_id])
            else:
                by_ref[m.ref_id] = i
        if _script(m.text) == "ko" and len(key) >= 2 and fam != "tech":
            vk = (fam, variant_key(key))
            if vk in by_variant:
                uf.union_loose(i, by_variant[vk])
            else:
                by_variant[vk] = i
    # company heads: 화웨이테크 = 화웨이 when both are named
    for (fam, key), i in list(by_key.items()):
        if fam != "agent":
            continue
        for stem in _stems(mentions[i].text):
            j = by_key.get((fam, _key(stem)))
            if j is not None:
                uf.union_loose(i, j)
    # close spelling variants of long Korean names (포니닷컴이아이 / 포니닷컴에이아이)
    blocks: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for (fam, key), i in by_key.items():
        if _script(key) == "ko" and len(key) >= 4 and fam in ("agent", "place"):
            blocks[(fam, key[0])].append((key, i))
    for items in blocks.values():
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                ka, kb = items[a][0], items[b][0]
                if abs(len(ka) - len(kb)) <= 1 and similarity(ka, kb) >= 0.88:
                    uf.union_loose(items[a][1], items[b][1])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    entities = [_entity([mentions[i] for i in idx]) for idx in groups.values()]
    entities.sort(key=lambda e: e.key)
    return entities


def _entity(ms: Sequence[MentionRecord]) -> ResolvedEntity:
    votes: Counter = Counter()
    for m in ms:
        votes[m.label] += m.confidence
    label = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    refs = Counter(m.ref_id for m in ms if m.ref_id)
    ref_id = sorted(refs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if refs else None
    counts = Counter(clean_name(m.text) for m in ms)
    names = tuple((n, _LANG[_script(n)]) for n, _ in
                  sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])))
    family = FAMILY.get(label, label)
    if ref_id:
        key = f"{family}:ref:{ref_id}"
        local = ref_id
    else:
        by_lang: dict[str, list[str]] = defaultdict(list)
        for n, lang in names:
            by_lang[lang].append(_key(n))
        lang = next(lg for lg in ("zh", "en", "ko") if by_lang.get(lg))
        canon = min(by_lang[lang])
        key = f"{family}:{lang}:{canon}"
        local = _readable(lang, canon, names) + "-" + hashlib.sha1(key.encode()).hexdigest()[:6]
    return ResolvedEntity(key, local, label, (label,), ref_id, names, tuple(ms))


def _readable(lang: str, canon: str, names) -> str:
    en = [n for n, lg in names if lg == "en"]
    if en:
        s = re.sub(r"[^a-z0-9]+", "-", en[0].lower()).strip("-")
        if s:
            return s[:40]
    if lang == "zh":
        from pypinyin import lazy_pinyin

        s = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(canon))).strip("-")
        if s:
            return s[:40]
    s = re.sub(r"[^\w]+", "-", canon).strip("-")
    return s[:24] or "entity"


@dataclass(frozen=True)
class ResolvedRelation:
    """One edge (subject, predicate, object) between entities, with all its evidences."""

    subject: str  # entity keys
    predicate: str
    object: str
    evidences: tuple["RelationRecord", ...]

    @property
    def confidence(self) -> float:
        """Noisy-or of the evidences' confidences: more independent evidence, more trust."""
        p = 1.0
        for ev in self.evidences:
            p *= 1.0 - ev.confidence
        return 1.0 - p


# which entity types may stand on each side of a relation (the annotation guidelines)
SIGNATURES = {
    "invests_in": (("Investor", "Company", "Organization"), ("Company", "Park")),
    "located_in": (("Company", "Organization", "Park", "City", "Investor"), ("Park", "City", "Region")),
    "partners_with": (("Company", "Organization"), ("Company", "Organization")),
    "develops": (("Company", "Organization", "Park"), ("Technology",)),
}


def resolve_relations(extractions: Iterable[DocumentExtraction],
                      entities: Sequence[ResolvedEntity]) -> tuple[list[ResolvedEntity], list[ResolvedRelation]]:
    """Map relation mentions to entities: one edge per (subject, predicate, object) with all its
    evidences; ``partners_with`` is symmetric (stored once, ordered by key). Relations whose
    sides have the wrong types are dropped. A subject of ``invests_in`` gets the Investor role.
    Returns the entities (with roles) and the relations, both in a deterministic order."""
    by_span: dict[tuple[str, int, int], ResolvedEntity] = {}
    for ent in entities:
        for m in ent.mentions:
            by_span[(m.doc_id, m.clean_start, m.clean_end)] = ent
    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for ex in extractions:
        for r in ex.relations:
            s = by_span.get((r.doc_id, *r.subject))
            o = by_span.get((r.doc_id, *r.object))
            if s is None or o is None or s.key == o.key:
                continue
            subj_types, obj_types = SIGNATURES[r.predicate]
            if s.type not in subj_types or o.type not in obj_types:
                continue
            a, b = s.key, o.key
            if r.predicate == "partners_with" and b < a:
                a, b = b, a
            edges[(a, r.predicate, b)].append(r)
    relations = [ResolvedRelation(a, p, b, tuple(sorted(evs, key=lambda r: (r.doc_id, r.evidence_start, r.rule))))
                 for (a, p, b), evs in sorted(edges.items())]
    investors = {r.subject for r in relations if r.predicate == "invests_in"}
    out = []
    for ent in entities:
        if ent.key in investors and "Investor" not in ent.types:
            ent = replace(ent, types=ent.types + ("Investor",))
        out.append(ent)
    return out, relations


def drop_passing_technologies(entities: Sequence[ResolvedEntity],
                              relations: Sequence[ResolvedRelation],
                              lengths: Mapping[str, int] | None = None) -> list[ResolvedEntity]:
    """Technologies a text treats as a subject, not ones it names once in passing: a
    Technology entity named in a single sentence of the build and in no relation is dropped
    (the gold guidelines: technology fields "the text treats as a subject"; "when in doubt,
    leave it out"). On the two dev documents, 4 such entities were gold technologies and 17
    were not. A term the text defines (인간-로봇 협업(HRC)) or lists among technologies
    ("A, B 등 기술") is a subject even when named once (:mod:`extraction.technology`).
    Salience is relative to the length of the document: in a short one (a news excerpt, of
    ``lengths[doc_id]`` characters) one sentence is a fair share of the text, and a term named
    there is kept (:func:`extraction.technology.short_document`)."""
    related = {r.subject for r in relations} | {r.object for r in relations}
    lengths = lengths or {}
    out = []
    for ent in entities:
        if ent.type == "Technology" and ent.key not in related and not any(has_role(m.rule) for m in ent.mentions) \
                and not any(short_document(lengths.get(m.doc_id)) for m in ent.mentions):
            if len({(m.doc_id, m.sentence) for m in ent.mentions}) <= 1:
                log.debug("dropped %s: a technology named in one sentence, in no relation", ent.key)
                continue
        out.append(ent)
    return out
