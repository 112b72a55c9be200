"""Entity mentions of a normalised document, with provenance.

Runs the spaCy pipeline over each article of a :class:`~extraction.records.Document` and
returns :class:`MentionRecord` s whose offsets point into the original file's text.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language

from .candidates import Mention
from .components.rounds import RoundCandidate, find_rounds, iso_date
from .pieces import pieces
from .funding import normalise_stage, parse_amount
from .records import Article, Document, OffsetMap, RoundRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MentionRecord:
    """An entity mention in a document: what, where, and who found it."""

    doc_id: str
    article: int
    start: int  # original-file offsets
    end: int
    clean_start: int  # cleaned-text offsets
    clean_end: int
    text: str
    label: str
    extractor: str
    confidence: float
    ref_id: str | None
    rule: str
    alias_of: tuple[int, int] | None  # clean offsets of the name this one is an alias of
    sentence: tuple[int, int]  # clean offsets of the sentence


@dataclass(frozen=True)
class RelationRecord:
    """A relation the text states between two mentions, with its evidence: ``evidence`` is
    ``original[evidence_start:evidence_end]`` of the source file."""

    doc_id: str
    article: int
    subject: tuple[int, int]  # cleaned-text offsets of the subject mention
    predicate: str  # invests_in | located_in | partners_with | develops
    object: tuple[int, int]
    evidence: str
    evidence_start: int  # original-file offsets of the evidence
    evidence_end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class DocumentExtraction:
    """What one document yielded. ``slim()`` drops the document's texts once the mentions
    and evidences hold what later stages need, so a build keeps no document text."""

    document: Document
    mentions: tuple[MentionRecord, ...]
    relations: tuple[RelationRecord, ...] = ()
    characters: int = 0  # length of the original text
    rounds: tuple[RoundRecord, ...] = ()  # funding rounds (records written before them read as none)

    def slim(self) -> "DocumentExtraction":
        doc = replace(self.document, original="", text="", offsets=OffsetMap.identity(0))
        return replace(self, document=doc, characters=len(self.document.original) or self.characters)


# the longest text given to the pipeline at once: an article beyond it (a report without
# headings, a file of one huge line) is read in pieces cut at paragraph or sentence ends
MAX_PIECE = 100_000


def _segments(doc: Document, limit: int | None = None,
              quiet: bool = False) -> list[tuple[int, Article | None, int, int]]:
    if doc.articles:
        segs = [(a.index, a, a.start, a.end) for a in doc.articles]
    else:
        segs = [(0, None, 0, len(doc.text))]
    if limit is None or all(e - s <= limit for _, _, s, e in segs):
        return segs
    out = []
    for index, art, s, e in segs:
        out += [(index, art, ps, pe) for ps, pe in pieces(doc.text, s, e, limit)]
    if not quiet:
        log.info("%s: articles longer than %d characters read in pieces (%d pieces for %d articles)",
                 doc.path, limit, len(out), len(segs))
    return out


def extract_mentions(doc: Document, nlp: Language, max_piece: int = MAX_PIECE) -> DocumentExtraction:
    """Find every entity mention of ``doc`` (article by article; an article longer than
    ``max_piece`` characters, or than ``nlp.max_length``, in pieces).

    One piece's spaCy Doc at a time: each is made, its records taken and released before
    the next piece is read, so memory grows with the longest piece, not with the document
    (the records keep no reference to a Doc). Relations stated in one evidence unit share
    one evidence string. The pieces are announced to a Kiwi tokenizer first, which analyses
    the next ones on a helper thread while the components read the current one
    (:mod:`extraction.analysis_ahead`; the records are the same)."""
    out: list[MentionRecord] = []
    rels: list[RelationRecord] = []
    rounds: list[RoundRecord] = []
    evidences: dict[tuple[int, int], str] = {}
    segments = _segments(doc, min(max_piece, nlp.max_length))
    tokenizer = getattr(nlp, "tokenizer", None)  # a pipeline-like callable may have none
    expect = getattr(tokenizer, "expect", None)
    if expect is not None and not tokenizer.expects(doc.text):
        expect(doc.text, [(s, e) for _, _, s, e in segments])  # analysed ahead (analysis_ahead)
    try:
        for index, art, s, e in segments:
            sdoc = nlp(doc.text[s:e])
            _take_records(doc, index, art, s, e, sdoc, out, rels, rounds, evidences)
            del sdoc  # before the next piece's Doc is made
    except BaseException:
        if expect is not None:
            tokenizer.forget(doc.text)  # its remaining pieces will not be read
        raise
    return DocumentExtraction(doc, tuple(out), tuple(rels), len(doc.original), tuple(rounds))


def expect_document(doc: Document, nlp: Language, max_piece: int = MAX_PIECE) -> None:
    """Announce ``doc`` as the next document :func:`extract_mentions` will read with ``nlp``,
    so that Kiwi analyses its articles meanwhile (:mod:`extraction.analysis_ahead`)."""
    expect = getattr(nlp.tokenizer, "expect", None)
    if expect is not None:
        expect(doc.text, [(s, e) for _, _, s, e in _segments(doc, min(max_piece, nlp.max_length), True)])


def _evidence(doc: Document, es: int, ee: int, evidences: dict[tuple[int, int], str]) -> tuple[str, int, int]:
    """The original text of the cleaned span ``[es, ee)`` without its outer spaces, and its
    original offsets (one string per span, shared by the records it is the evidence of)."""
    while es < ee and doc.text[es].isspace():
        es += 1
    while ee > es and doc.text[ee - 1].isspace():
        ee -= 1
    o_es, o_ee = doc.offsets.span_to_original(es, ee)
    # the evidence is the original text of the unit, so its offsets slice to it exactly
    evidence = evidences.get((o_es, o_ee))
    if evidence is None:
        evidence = evidences[(o_es, o_ee)] = doc.original[o_es:o_ee]
    return evidence, o_es, o_ee


def _round_record(doc: Document, index: int, s: int, r: RoundCandidate, date: str,
                  evidences: dict[tuple[int, int], str]) -> RoundRecord:
    """A round found in the piece starting at ``s``, its evidence the source file's characters:
    the stage and amount normalised, the row's own date or else the article's."""
    evidence, o_es, o_ee = _evidence(doc, s + r.evidence[0], s + r.evidence[1], evidences)
    amount = parse_amount(r.amount_text) if r.amount_text else None
    return RoundRecord(doc.doc_id, index, (s + r.company[0], s + r.company[1]), r.stage_text,
                       normalise_stage(r.stage_text) if r.stage_text else "", r.amount_text,
                       format(amount.value.normalize(), "f") if amount else "", amount.currency if amount else "",
                       (iso_date(r.date_text) if r.date_text else "") or date,
                       tuple((s + a, s + b) for a, b in r.leads), tuple((s + a, s + b) for a, b in r.participants),
                       evidence, o_es, o_ee, r.rule, r.confidence)


def _take_records(doc: Document, index: int, art: Article | None, s: int, e: int, sdoc,
                  out: list[MentionRecord], rels: list[RelationRecord], rounds: list[RoundRecord],
                  evidences: dict[tuple[int, int], str]) -> None:
    """The mention, relation and round records of the piece ``[s, e)`` of ``doc.text`` read
    as ``sdoc``."""
    sent_starts = sdoc.user_data.get("kg_sent_starts") or [t.idx for t in sdoc if t.is_sent_start] or [0]
    seg_len = e - s
    for m in sdoc._.kg_mentions or ():
        cs, ce = s + m.start, s + m.end
        os_, oe = doc.offsets.span_to_original(cs, ce)
        k = max(0, bisect_right(sent_starts, m.start) - 1)
        sent = (sent_starts[k], sent_starts[k + 1] if k + 1 < len(sent_starts) else seg_len)
        alias_of = (s + m.alias_of[0], s + m.alias_of[1]) if m.alias_of else None
        out.append(MentionRecord(doc.doc_id, index, os_, oe, cs, ce, m.text, m.label,
                                 m.extractor, m.confidence, m.ref_id, m.rule, alias_of,
                                 (s + sent[0], s + sent[1])))
    for r in sdoc._.kg_relations or ():
        evidence, o_es, o_ee = _evidence(doc, s + r.evidence[0], s + r.evidence[1], evidences)
        rels.append(RelationRecord(doc.doc_id, index, (s + r.subject[0], s + r.subject[1]), r.predicate,
                                   (s + r.object[0], s + r.object[1]), evidence, o_es, o_ee,
                                   r.rule, r.confidence))
    date = (art.date if art is not None else None) or doc.date or ""
    rounds.extend(_round_record(doc, index, s, r, date, evidences) for r in find_rounds(sdoc))


__all__ = ["Mention", "MentionRecord", "RelationRecord", "DocumentExtraction", "expect_document",
           "extract_mentions"]
