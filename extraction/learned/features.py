"""Candidate pairs for the learned relation scorer, and the features that describe them.

A candidate is two entity mentions of one unit (a sentence, or a table row flattened into a
line) whose types fit a relation (``SIGNATURES``): Company/Investor/Organization → Company/Park
for invests-in, an actor or zone → City/Region/Park for located-in, two organisations for
partners-with, an actor or zone → Technology for develops. Its features are binary strings:
the type pair and order, the distance in tokens and mentions, the particles after each side,
the words, particles and mentions between them and the words after the pair, clause
boundaries (connective and final endings) between, relation cue words (the rules' own cue
lists) between and in the unit, whether a rule already stated the pair (and which rule
family), whether a side is the sentence's topic, a list member, inside a table row.

No feature carries a name: a word inside any entity mention is its type (``@Company``; the
mentions between the pair count as ``m=<type>``), proper nouns, unknown words, Han, Latin,
numbers and symbols are a shape class (``SHAPE_CLASSES``: ``NNP``, ``HAN``, ``LATIN``,
``NUM`` …); only closed-class words (particles, endings, affixes, bound nouns), common nouns
and verbs stay as words (``LEXICAL_TAGS``). Training keeps a feature only when two training
documents have it (:func:`kg.relation_learning.train`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from ..candidates import Mention
from ..cues import load_cues
from ..components.relation_candidate import RelationCandidate, end_of, topic_marked
from ..components.util import doc_text

SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "invests_in": (("Investor", "Company", "Organization"), ("Company", "Park")),
    "located_in": (("Company", "Organization", "Park", "City", "Investor"), ("Park", "City", "Region")),
    "partners_with": (("Company", "Organization"), ("Company", "Organization")),
    "develops": (("Company", "Organization", "Park"), ("Technology",)),
}
PREDICATES = tuple(SIGNATURES)
AGENTS = ("Company", "Investor", "Organization")
# words that state each relation (as the rule families read them)
CUES: dict[str, tuple[str, ...]] = {
    "located_in": ("본사", "본부", "설립", "입주", "위치", "소재", "공장", "기지", "두고", "이전", "착공", "거점",
                   "자리", "등록", "지사", "법인", "생산라인", "캠퍼스", "유치", "기반", "출신"),
    "invests_in": ("투자", "라운드", "시리즈", "유치", "조달", "지분", "인수", "출자", "주도", "참여", "펀딩",
                   "자금", "자회사", "계열사", "산하", "설립한", "세운", "합병", "주주"),
    "partners_with": ("협력", "공동", "합작", "제휴", "MOU", "양해각서", "파트너", "손잡", "손을 잡", "협약",
                      "계약", "공급", "탑재", "채택", "도입", "연합", "협업", "합의"),
}
MAX_MENTIONS_BETWEEN = 8
MAX_TOKENS_BETWEEN = 60
_TABLE = re.compile(r" \| |\t")
_LIST_SEP = re.compile(r"\s*[,，、·∙]\s*|\s*(?:와|과|및)\s*")


def cue_words() -> dict[str, tuple[str, ...]]:
    cues = dict(CUES)
    cues["develops"] = tuple(sorted(load_cues().get("develop", ())))
    return cues


@dataclass(frozen=True)
class PairCandidate:
    """Two mentions (character spans of ``doc.text``) that a relation could join, with the
    unit that holds them and the features the scorer reads."""

    subject: tuple[int, int]
    predicate: str
    object: tuple[int, int]
    unit: tuple[int, int]
    features: tuple[str, ...]
    rule: str | None  # the rule that already states this relation, if one does


def _bucket(n: int, edges=(0, 1, 2, 4, 8, 16, 32)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


# Kiwi tags whose words stay as lexical features: closed classes (particles, endings, affixes,
# bound nouns, pronouns, numerals, determiners, adverbs, conjunctions) and the open classes that
# name no one (common nouns, verbs, adjectives). Proper nouns, unknown words, Han and Latin
# tokens, numbers and symbols become a shape class: a feature never carries a name.
LEXICAL_TAGS = frozenset({"NNG", "NNB", "NP", "NR", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC",
                          "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC",
                          "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XSM"})
PUNCT_TAGS = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SE"})
SHAPES = {"NNP": "NNP", "SL": "LATIN", "SH": "HAN", "SN": "NUM", "XR": "XR"}
SHAPE_CLASSES = frozenset(SHAPES.values()) | {"SYM", "UNK"}
_FOREIGN = re.compile(r"[A-Za-z\u00c0-\u024f\u2e80-\u9fff\uf900-\ufaff\uff21-\uff5a]")


def _tok(t) -> str:
    """A token as a feature: closed-class words, common nouns and verbs by their form; proper
    nouns, unknown words, Han, Latin, numbers and symbols by a shape class (``SHAPE_CLASSES``)."""
    tag = t.tag_.split("+", 1)[0].split("-", 1)[0]
    if tag in LEXICAL_TAGS:
        return "UNK" if _FOREIGN.search(t.text) else t.text
    if tag in PUNCT_TAGS:
        return t.text if len(t.text) == 1 and not _FOREIGN.search(t.text) else "SYM"
    if tag in SHAPES:
        return SHAPES[tag]
    if tag in ("SO", "SW") or tag.startswith("W_"):
        return "SYM"
    return "UNK"


class _Tokens:
    """Token offsets of a Doc, for slicing by characters, and the entity spans that mask them."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int, str]] = ()):
        self.doc = doc
        self.tokens = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in self.tokens]
        # every entity mention span (character offsets, label), sorted: their words are never features
        self.spans = sorted(spans)
        self.span_starts = [sp[0] for sp in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def between(self, a: int, b: int) -> list:
        """Tokens that start in ``[a, b)``."""
        return self.tokens[bisect_left(self.starts, a):bisect_left(self.starts, b)]

    def after(self, pos: int, n: int) -> list:
        k = bisect_left(self.starts, pos)
        return self.tokens[k:k + n]

    def before(self, pos: int, n: int) -> list:
        k = bisect_left(self.starts, pos)
        return self.tokens[max(0, k - n):k]

    def entity(self, t) -> str | None:
        """The label of an entity mention that overlaps token ``t``, if one does."""
        a, b = t.idx, t.idx + len(t.text)
        k = bisect_left(self.span_starts, b)
        lo = bisect_left(self.span_starts, a - self.longest)
        for s, e, label in self.spans[lo:k]:
            if s < b and a < e:
                return label
        return None

    def word(self, t) -> str:
        """Token ``t`` as a feature value: ``@Label`` inside an entity mention, else :func:`_tok`."""
        label = self.entity(t)
        return "@" + label if label is not None else _tok(t)


def units(doc: Doc) -> list[tuple[int, int]]:
    """The units the rules read (sentences; a table row is one unit)."""
    from ..components.relations import Relations

    return Relations._units(doc, doc_text(doc))


def _rule_family(rule: str) -> str:
    return rule.split("+", 1)[0].rsplit("-", 1)[0] if rule else ""


def unit_candidates(doc: Doc, unit: tuple[int, int], ms: list[Mention], rules: dict, tokens: _Tokens,
                    cues: dict[str, tuple[str, ...]], related: dict,
                    predicates: frozenset[str] | None = None) -> list[PairCandidate]:
    """The candidate pairs of one unit (``ms``: its mentions in text order), of ``predicates``
    (default: every relation)."""
    text = doc_text(doc)
    s, e = unit
    unit_text = text[s:e]
    table = bool(_TABLE.search(unit_text))
    unit_len = _bucket(len(unit_text) // 20)
    article_len = _bucket(len(text) // 1000, (0, 1, 2, 4, 8))  # a short news item or a long report section
    crowd = [f"techs_in_unit={_bucket(sum(m.label == 'Technology' for m in ms), (0, 1, 2, 4))}",
             f"agents_in_unit={_bucket(sum(m.label in AGENTS for m in ms), (0, 1, 2, 4))}",
             f"places_in_unit={_bucket(sum(m.label in ('City', 'Region', 'Park') for m in ms), (0, 1, 2, 4))}"]
    out: list[PairCandidate] = []
    first_agent = next((m for m in ms if m.label in AGENTS), None)
    topic = next((m for m in ms if m.label in AGENTS + ("Park",) and topic_marked(text, m)), None)
    listed = set()
    for x, y in zip(ms, ms[1:]):
        if x.label == y.label and _LIST_SEP.fullmatch(text[x.end:y.start]):
            listed.add((x.start, x.end))
            listed.add((y.start, y.end))
    cue_in_unit = {p: [c for c in cs if c in unit_text] for p, cs in cues.items()}
    for i, a in enumerate(ms):
        for j, b in enumerate(ms):
            if i == j or abs(i - j) - 1 > MAX_MENTIONS_BETWEEN:
                continue
            first, second = (a, b) if i < j else (b, a)
            if second.start < first.end:
                continue
            for pred, (subj_types, obj_types) in SIGNATURES.items():
                if predicates is not None and pred not in predicates:
                    continue
                if a.label not in subj_types or b.label not in obj_types:
                    continue
                if pred == "partners_with" and i > j:
                    continue  # symmetric: each pair once
                gap = tokens.between(first.end, second.start)
                if len(gap) > MAX_TOKENS_BETWEEN:
                    continue
                key = ((a.start, a.end), pred, (b.start, b.end))
                rule = rules.get(key)
                if rule is None and pred == "partners_with":
                    rule = rules.get(((b.start, b.end), pred, (a.start, a.end)))
                f = [f"types={a.label}>{b.label}", "order=" + ("so" if i < j else "os"),
                     f"tokens={_bucket(len(gap))}", f"mentions={_bucket(abs(i - j) - 1)}",
                     f"unit={unit_len}", f"article={article_len}", *crowd]
                inner = ms[min(i, j) + 1:max(i, j)]
                f.append(f"agents_between={_bucket(sum(m.label in AGENTS for m in inner))}")
                f.append(f"same_type_between={_bucket(sum(m.label == b.label for m in inner))}")
                for side, m in (("s", a), ("o", b)):
                    nxt = tokens.after(end_of(text, m), 2)  # past the name's parenthesis
                    f.append(f"{side}_next={tokens.word(nxt[0]) if nxt else '$'}")
                    if len(nxt) > 1:
                        f.append(f"{side}_next2={tokens.word(nxt[0])}_{tokens.word(nxt[1])}")
                    prv = tokens.before(m.start, 1)
                    f.append(f"{side}_prev={tokens.word(prv[0]) if prv else '^'}")
                    if (m.start, m.end) in listed:
                        f.append(f"{side}_listed")
                    f.append(f"{side}_ref={m.ref_id is not None}")
                if topic is not None and (topic.start, topic.end) == (a.start, a.end):
                    f.append("s_topic")
                if topic is not None and (topic.start, topic.end) == (b.start, b.end):
                    f.append("o_topic")
                if first_agent is not None and (first_agent.start, first_agent.end) == (a.start, a.end):
                    f.append("s_first_agent")
                ec = ef = 0
                commas = 0
                for t in gap:
                    if tokens.entity(t) is not None:
                        continue  # a mention's words: inner mentions count by their type (m=…)
                    tag = t.tag_
                    if "EC" in tag:
                        ec += 1
                    if "EF" in tag:
                        ef += 1
                    if t.text in (",", "，"):
                        commas += 1
                    f.append("w=" + _tok(t))
                for m in inner:
                    f.append("m=" + m.label)
                f.append(f"ec={_bucket(ec, (0, 1, 2))}")
                f.append(f"ef={_bucket(ef, (0, 1))}")
                f.append(f"commas={_bucket(commas, (0, 1, 2, 4))}")
                for t in tokens.after(second.end, 8):
                    if t.idx >= e:
                        break
                    f.append("after=" + tokens.word(t))
                for t in tokens.before(first.start, 3):
                    if t.idx < s:
                        continue
                    f.append("before=" + tokens.word(t))
                between_text = text[first.end:second.start]
                for p, cs in cue_in_unit.items():
                    if any(c in between_text for c in cs):
                        f.append(f"cue_between={p}")
                    elif cs:
                        tail = text[second.end:e]
                        f.append(f"cue_after={p}" if any(c in tail for c in cs) else f"cue_unit={p}")
                if table:
                    f.append("table")
                if rule is not None:
                    f.append("rule")
                    f.append("rule=" + _rule_family(rule))
                for other in PREDICATES:
                    if other != pred and (((a.start, a.end), other, (b.start, b.end)) in rules or
                                          ((b.start, b.end), other, (a.start, a.end)) in rules):
                        f.append("rule_other=" + other)
                if related.get(((a.start, a.end), pred, "s"), 0) - (rule is not None) > 0:
                    f.append("s_has_other")
                if related.get(((b.start, b.end), pred, "o"), 0) - (rule is not None) > 0:
                    f.append("o_has_other")
                out.append(PairCandidate(key[0], pred, key[2], (s, e), tuple(dict.fromkeys(f)), rule))
    return out


def pair_candidates(doc: Doc, relations: list[RelationCandidate] | None = None,
                    predicates: frozenset[str] | None = None) -> list[PairCandidate]:
    """Every candidate pair of ``doc`` (after ``kg_entities`` and the relation rules), of
    ``predicates`` (default: every relation)."""
    rels = list(doc._.kg_relations or ()) if relations is None else relations
    rules: dict = {}
    related: dict = {}
    for r in rels:
        rules.setdefault((r.subject, r.predicate, r.object), r.rule)
        related[(r.subject, r.predicate, "s")] = related.get((r.subject, r.predicate, "s"), 0) + 1
        related[(r.object, r.predicate, "o")] = related.get((r.object, r.predicate, "o"), 0) + 1
        if r.predicate == "partners_with":
            related[(r.object, r.predicate, "s")] = related.get((r.object, r.predicate, "s"), 0) + 1
            related[(r.subject, r.predicate, "o")] = related.get((r.subject, r.predicate, "o"), 0) + 1
    mentions = sorted((m for m in (doc._.kg_mentions or ()) if m.alias_of is None or m.extractor == "propagated"),
                      key=lambda m: (m.start, m.end))
    starts = [m.start for m in mentions]
    spans = {(m.start, m.end, m.label) for m in (doc._.kg_mentions or ())}
    spans |= {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    tokens = _Tokens(doc, list(spans))
    cues = cue_words()
    out: list[PairCandidate] = []
    for s, e in units(doc):
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        ms = [m for m in mentions[lo:hi] if m.end <= e]
        if len(ms) >= 2:
            out.extend(unit_candidates(doc, (s, e), ms, rules, tokens, cues, related, predicates))
    return out


__all__ = ["PREDICATES", "SIGNATURES", "PairCandidate", "pair_candidates", "unit_candidates", "units"]
