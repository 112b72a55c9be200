"""``kg_entities``: choose among overlapping candidates and set the entities.

The longest candidate wins where candidates overlap (광저우자동차그룹 over 광저우), counting
the names in its parentheses too (밍두로보틱스(Mingdu Robotics) over the word Robotics),
unless it is a low-confidence guess against a reference-data match. A chosen candidate also claims
its alias spans (the names in its parentheses). Names the document itself introduced
(by apposition, head, table or 'hereafter') are then looked for in the rest of the text,
so a later bare 훙퉁테크 or 캉줘야 is found too; they are also taught to the analyser.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..analyzer import queue_names
from ..candidates import Candidate, Mention, candidates
from ..cues import load_cues
from ..markup import drop_markup
from ..names import name_key
from ..technology import ROLE_TAG, technology_role
from .gazetteer import NameTrie, folded
from .util import boundaries, doc_text, script_run_ok

_DATED_ROW = re.compile(r"(?:19|20)\d{2}[-.]\d{1,2}\s")
_LEARNED_FROM = {"apposition", "head", "table", "hereafter"}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Spans:
    """Claimed character spans, sorted, for overlap queries in logarithmic time (the
    arbiter asks once per candidate; a linear scan made it quadratic in a document's names)."""

    def __init__(self, spans=()):
        self.items = sorted(spans)
        self.longest = max((e - s for s, e in self.items), default=0)

    def add(self, span: tuple[int, int]) -> None:
        insort(self.items, span)
        self.longest = max(self.longest, span[1] - span[0])

    def overlapping(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        s, e = span
        j = bisect_left(self.items, (e, -1)) - 1  # the last span starting before e
        out = []
        while j >= 0 and self.items[j][0] >= s - self.longest:
            if self.items[j][1] > s:
                out.append(self.items[j])
            j -= 1
        return out


class Arbiter:
    def __init__(self, nlp: Language, name: str, min_confidence: float, propagate: bool, learn: bool,
                 technology_context: bool):
        self.name = name
        self.min_confidence = min_confidence
        self.propagate = propagate
        self.learn = learn
        self.technology_context = technology_context
        self.develop_cues = tuple(sorted(load_cues().get("develop", ()), key=len, reverse=True))

    @staticmethod
    def _dated_rows(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Rows of a dated table ("2023-4 퉁이 쳰원(通义千问) 알리바바 의료 Q&A …"): a name
        guessed to be a company that is followed on its row by a known organisation is the
        row's item (a model, a product) and that organisation its maker."""
        by_line: dict[int, list[Candidate]] = {}
        for c in chosen:
            by_line.setdefault(text.rfind("\n", 0, c.start) + 1, []).append(c)
        relabel = set()
        for line_start, cs in by_line.items():
            if not _DATED_ROW.match(text, line_start):
                continue
            cs = sorted(cs, key=lambda c: c.start)
            first = cs[0]
            if first.label == "Company" and first.ref_id is None and first.extractor == "apposition" \
                    and first.confidence <= 0.8 and not first.rule.endswith(":reference") \
                    and any(c.label in ("Company", "Organization") and c.start > first.end for c in cs[1:]):
                relabel.add(id(first))
        return [Candidate(c.start, c.end, "Product", c.extractor, c.confidence, c.ref_id, c.roles,
                          c.aliases, c.alias_of, c.rule + ":dated-row") if id(c) in relabel else c
                for c in chosen]

    @staticmethod
    def _in_source_line(text: str, c: Candidate) -> Candidate:
        """A company-looking name inside "(출처: …)" is the outlet: an Organization."""
        if c.label not in ("Company", "Investor"):
            return c
        line_start = text.rfind("\n", 0, c.start) + 1
        before = text[max(line_start, c.start - 30):c.start]
        if re.search(r"[(（]\s*(출처|자료|来源|Source)\s*[:：][^()（）]*$", before):
            return Candidate(c.start, c.end, "Organization", c.extractor, c.confidence, c.ref_id,
                             c.roles, c.aliases, c.alias_of, c.rule + ":source-line")
        return c

    def _salient_technologies(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """Keep a technology only where the text treats it as a subject of work: its sentence
        names an organisation or zone, or says it is developed, applied, specialised in…
        (an energy mix or a word inside an event title is no technology of anyone's)."""
        actors = sorted(c.start for c in chosen if c.label in ("Company", "Investor", "Organization", "Park"))
        text = doc_text(doc)
        techs_by_line: dict[int, list[Candidate]] = {}
        for c in chosen:
            if c.label == "Technology":
                techs_by_line.setdefault(text.rfind("\n", 0, c.start) + 1, []).append(c)
        listed = set()
        for line_start, cs in techs_by_line.items():
            line_end = text.find("\n", line_start)
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            covered = sum(c.end - c.start for c in cs)
            # an enumeration of technologies (an industry list), not statistics (풍력 9%, …)
            if len(cs) >= 3 and covered >= 0.4 * len(line.replace(" ", "")) and not re.search(r"\d\s*%", line):
                listed.update(id(c) for c in cs)
        sent_starts = doc.user_data.get("kg_sent_starts") or [t.idx for t in doc if t.is_sent_start]
        out = []
        for c in chosen:
            role = technology_role(text, c.start, c.end) if c.label == "Technology" else None
            if role:  # the text defines the term or lists it among technologies: a subject
                out.append(replace(c, rule=c.rule + ROLE_TAG + role))
                continue
            if c.label != "Technology" or id(c) in listed:
                out.append(c)
                continue
            k = bisect_right(sent_starts, c.start) - 1
            s = sent_starts[k] if k >= 0 else 0
            e = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(text)
            a = bisect_left(actors, s)
            sentence = text[s:e]
            if (a < len(actors) and actors[a] < e) or any(cue in sentence for cue in self.develop_cues):
                out.append(c)
        return out

    def _select(self, cands: list[Candidate]) -> list[Candidate]:
        ranked = sorted(
            (c for c in cands if c.confidence >= self.min_confidence and c.end > c.start),
            key=lambda c: (c.confidence >= 0.75, c.length + sum(e - s for s, e in c.aliases),
                           c.confidence, -c.start),
            reverse=True,
        )
        claimed = _Spans()
        chosen = []
        for c in ranked:
            if claimed.overlapping((c.start, c.end)):
                continue
            # an alias that is exactly another chosen name stays (the two are linked later);
            # one that cuts into another name is dropped
            aliases = tuple(a for a in c.aliases if all(t == a for t in claimed.overlapping(a)))
            chosen.append(Candidate(c.start, c.end, c.label, c.extractor, c.confidence, c.ref_id,
                                    c.roles, aliases, c.alias_of, c.rule))
            claimed.add((c.start, c.end))
            for a in aliases:
                claimed.add(a)
        return chosen

    def _propagate(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        text = doc_text(doc)
        trie = NameTrie()
        names = []
        for c in chosen:
            if c.extractor not in _LEARNED_FROM:
                continue
            for s, e in [(c.start, c.end)] + list(c.aliases):
                key = name_key(text[s:e])
                if len(key) >= 2:
                    trie.add(key, c)
                    names.append(text[s:e])
        if not names:
            return []
        if self.learn:
            queue_names(n for n in names if " " not in n)
        claimed = _Spans([(c.start, c.end) for c in chosen] + [a for c in chosen for a in c.aliases])
        starts, ends = boundaries(doc)
        fold = folded(doc)
        extra = []
        for start in sorted(starts):
            best = None
            for end, values in trie.matches(text, fold, start):
                if end in ends and script_run_ok(text, start, end):
                    best = (end, values)
            if best is None:
                continue
            end, values = best
            if claimed.overlapping((start, end)):
                continue
            src = values[0]
            extra.append(Candidate(start, end, src.label, "propagated", 0.75, src.ref_id, src.roles,
                                   (), (src.start, src.end), f"propagated:{src.rule}"))
            claimed.add((start, end))
        return extra

    def __call__(self, doc: Doc) -> Doc:
        chosen = self._select(drop_markup(doc_text(doc), candidates(doc)))  # no <tag>, attr= names
        if self.propagate:
            chosen += self._propagate(doc, chosen)
        if self.technology_context:
            chosen = self._salient_technologies(doc, chosen)
        text = doc_text(doc)
        chosen = [self._in_source_line(text, c) for c in chosen]
        chosen = self._dated_rows(text, chosen)
        chosen.sort(key=lambda c: c.start)
        mentions: list[Mention] = []
        spans: list[Span] = []
        for c in chosen:
            mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.label, c.extractor,
                                    c.confidence, c.ref_id, c.roles, c.aliases, c.alias_of, c.rule))
            for a in c.aliases:
                mentions.append(Mention(a[0], a[1], text[a[0]:a[1]], c.label, c.extractor, c.confidence,
                                        c.ref_id, c.roles, (), (c.start, c.end), c.rule))
            span = doc.char_span(c.start, c.end, label=c.label, alignment_mode="strict")
            if span is not None:
                span._.kg_ref_id = c.ref_id
                span._.kg_extractor = c.extractor
                span._.kg_confidence = c.confidence
                span._.kg_roles = c.roles
                span._.kg_aliases = [text[s:e] for s, e in c.aliases]
                span._.kg_rule = c.rule
                spans.append(span)
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.kg_mentions = mentions
        doc.ents = _non_overlapping(spans)
        return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out, last_end = [], -1
    for s in sorted(spans, key=lambda s: (s.start, -len(s))):
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out


@Language.factory("kg_entities", default_config={"min_confidence": 0.5, "propagate": True, "learn": True,
                                                 "technology_context": True})
def make_arbiter(nlp: Language, name: str, min_confidence: float, propagate: bool, learn: bool,
                 technology_context: bool) -> Arbiter:
    return Arbiter(nlp, name, min_confidence, propagate, learn, technology_context)
