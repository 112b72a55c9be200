"""Memory bounded by the piece, not the document (issue 14, "Long documents").

A long article is read in pieces (extraction/pieces.py): one piece's spaCy Doc at a time,
released once its records are taken, with every offset pointing into the original file;
a long document's graph is made and written in parts (kg.build.document_graphs ``part``),
never held whole. These tests check the mechanism, not time or memory: what the pipeline
is given, which Docs are alive, the size of the parts and that their union is the graph.
Texts are invented for them.
"""
from __future__ import annotations

import gc
import hashlib
import weakref
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.extract import extract_mentions
from extraction.ingest import build_document
from extraction.records import SourceText

# invented news sentences: companies with their Chinese names, cities, investors, technologies
SENTENCES = (
    "선전에 본사를 둔 자율주행 기업 루이즈커지(睿智科技)가 12억 위안 규모의 시리즈 B 투자를 유치했다.",
    "이번 라운드는 톈타이캐피탈(天泰资本)이 주도하고 싱루이벤처캐피탈이 참여했다.",
    "루이즈커지는 웨이성로봇(微盛机器人)과 휴머노이드 로봇 분야에서 전략적 협력 협약을 체결했다.",
    "웨이성로봇은 항저우에 위치한 기업으로, 두 회사는 공동 연구소를 세우기로 했다.",
    "화웨이는 쑤저우에서 반도체 기술을 개발하고 있다.",
    "업계에서는 루이즈커지의 기술력이 해외 경쟁사와 비교해도 손색이 없다는 평가가 나온다.",
)


def _document(text: str, name: str = "long.txt"):
    data = text.encode("utf-8")
    return build_document(SourceText(name, text, "utf-8", "text/plain", hashlib.sha256(data).hexdigest()))[0]


class _Watched:
    """The pipeline, watched: the length of every text it is given, and whether a Doc it
    made earlier is still alive when it is given the next text (no garbage collection
    forced: a Doc must be freed as soon as nothing refers to it)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.max_length = nlp.max_length
        self.lengths: list[int] = []
        self.alive_at_call: list[int] = []
        self.docs: list[weakref.ref] = []

    def alive(self) -> int:
        return sum(1 for r in self.docs if r() is not None)

    def __call__(self, text: str):
        self.alive_at_call.append(self.alive())
        self.lengths.append(len(text))
        doc = self.nlp(text)
        self.docs.append(weakref.ref(doc))
        return doc

    def pipe(self, texts):
        for text in texts:
            yield self(text)


def test_one_piece_doc_at_a_time_and_pieces_within_the_limit(nlp):
    text = " ".join(SENTENCES * 12)           # one line, one article, ~4,000 characters
    doc = _document(text)
    watched = _Watched(nlp)
    gc.disable()                              # Docs must go by reference counting alone
    try:
        ex = extract_mentions(doc, watched, max_piece=600)
        alive_after = watched.alive()
    finally:
        gc.enable()
    assert len(watched.lengths) >= len(text) // 600
    assert max(watched.lengths) <= 600
    assert watched.alive_at_call == [0] * len(watched.lengths)   # the last piece's Doc went first
    assert alive_after == 0                   # the records keep no Doc
    assert ex.mentions and ex.relations


@given(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=5, max_size=40),
       st.lists(st.sampled_from([" ", "\n", "\r\n", "  ", "\n\n", " \r\n"]), min_size=1, max_size=8),
       st.integers(120, 1_500))
@settings(max_examples=12, deadline=None)
def test_offsets_of_a_document_read_in_pieces_point_into_the_original(nlp, picks, seps, limit):
    text = "".join(SENTENCES[k] + seps[i % len(seps)] for i, k in enumerate(picks))
    doc = _document(text)
    ex = extract_mentions(doc, nlp, max_piece=limit)
    for m in ex.mentions:
        assert doc.original[m.start:m.end] == m.text == doc.text[m.clean_start:m.clean_end]
        assert doc.text[m.sentence[0]:m.sentence[1]].find(m.text) >= 0
    for r in ex.relations:
        assert doc.original[r.evidence_start:r.evidence_end] == r.evidence
    assert ex.mentions


def test_relations_of_one_unit_share_one_evidence_string(nlp):
    doc = _document(" ".join(SENTENCES) + "\n")
    ex = extract_mentions(doc, nlp)
    by_span: dict[tuple[int, int], list] = {}
    for r in ex.relations:
        by_span.setdefault((r.evidence_start, r.evidence_end), []).append(r.evidence)
    shared = [texts for texts in by_span.values() if len(texts) > 1]
    assert shared
    assert all(all(t is texts[0] for t in texts) for texts in shared)


# --------------------------------------------------------------------------- the graph in parts


def _news(n: int) -> str:
    """``n`` invented articles, each a headline, a dated line and the sentences."""
    return "\n\n".join(f"◼ 루이즈커지 소식 {k}\n[기업동향] 2031 년 {1 + k % 12} 월 {1 + k % 28} 일\n"
                       + " ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(4)) + "\n(출처: 가상경제일보)"
                       for k in range(n))


def test_a_documents_graph_comes_in_bounded_parts_whose_union_is_the_graph(tmp_path):
    from kg.build import document_graphs, extract_and_resolve

    path = tmp_path / "news.txt"
    path.write_text(_news(12), encoding="utf-8")
    extractions, entities, relations, _ = extract_and_resolve([path])
    [(whole, summary)] = list(document_graphs(extractions, entities, relations))
    parts = list(document_graphs(extractions, entities, relations, part=40))
    assert len(parts) > 3
    assert [s is None for _, s in parts] == [True] * (len(parts) - 1) + [False]
    assert parts[-1][1] == summary
    # a part ends with the article, entity or relation that fills it: with part=1 each part
    # is one of them, so a part holds less than 40 triples and the largest of them
    step = max(len(g) for g, _ in document_graphs(extractions, entities, relations, part=1))
    assert step < len(whole) // 4
    assert all(40 <= len(g) < 40 + step for g, _ in parts[:-1])
    assert all(g.identifier == whole.identifier for g, _ in parts)
    union = [t for g, _ in parts for t in g]
    assert len(union) == len(set(union)) == summary.triples == len(whole)   # no triple in two parts
    assert set(union) == set(whole)


def test_a_graph_file_written_in_parts_reads_back_as_the_whole_graph(tmp_path, monkeypatch):
    import kg.build
    from kg.build import build
    from kg.graph_io import read_graph

    path = tmp_path / "news.txt"
    path.write_text(_news(8), encoding="utf-8")
    outs = {}
    for part in (10**9, 50):
        monkeypatch.setattr(kg.build, "WRITE_PART", part)
        for suffix in (".trig", ".nq"):
            out = tmp_path / f"out-{part}{suffix}"
            summary = build([path], out)
            outs[part, suffix] = (summary, read_graph(out))
    for suffix in (".trig", ".nq"):
        (whole_summary, whole), (parts_summary, parted) = outs[10**9, suffix], outs[50, suffix]
        assert [replace(d, seconds=0) for d in parts_summary.documents] == \
            [replace(d, seconds=0) for d in whole_summary.documents]
        assert {c.identifier for c in parted.graphs()} == {c.identifier for c in whole.graphs()}
        assert set(parted.quads()) == set(whole.quads())
        assert len(set(parted.quads())) >= whole_summary.triples
    text = (tmp_path / "out-50.trig").read_text(encoding="utf-8")
    name = next(iter(c.identifier for c in outs[50, ".trig"][1].graphs() if len(c)))
    assert text.count(f"<{name}>") + text.count(name.split("/")[-1] + " {") > 1   # written in several blocks


# --------------------------------------------------------------------------- normalisation


def test_a_long_line_of_words_is_one_piece_of_the_normaliser():
    from extraction import normalize as N

    text = " ".join(SENTENCES * 50)
    [line] = N._split_lines(text)
    N._clean_line(line, text)
    assert len(line.pieces) == 1 and line.text == text      # not two pieces per word


_TRICKY = st.sampled_from(["가", "나", "A", "b", " ", "  ", "\t", "\u3000", "<b>", "</b>", "**", "<sup>1)</sup>",
                           "\u200b", "\u0301", "\u1161", "·", "\ue000", "\x07", "\n", "\r\n", "(", ")", ".", "<", "*"])


@given(st.lists(_TRICKY, max_size=60))
@settings(max_examples=300, deadline=None)
def test_spaces_kept_inside_runs_normalise_as_pieces_of_their_own(parts):
    import re

    from extraction import normalize as N
    from extraction.normalize import normalize_text

    text = "".join(parts)
    kept = normalize_text(text)
    saved = N._TOKEN_START
    N._TOKEN_START = re.compile(r"[\s\S]")   # every space its own piece, as before
    try:
        apart = normalize_text(text)
    finally:
        N._TOKEN_START = saved
    assert (kept.text, kept.offsets, kept.toc, kept.stats, kept.breaks, kept.removed) == \
        (apart.text, apart.offsets, apart.toc, apart.stats, apart.breaks, apart.removed)
