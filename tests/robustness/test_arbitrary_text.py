"""Properties over arbitrary text: Hangul, Chinese, Latin, punctuation, control and format
characters, odd spaces and line separators, combining marks, very long lines.

Normalisation keeps every offset exact (each copied character of the cleaned text is the
original character at its mapped position, positions never go backwards, tables of
contents and articles stay inside the text), and the whole pipeline — read, normalise,
segment, entities, relations, resolution, RDF — never raises on short texts, with every
mention and evidence offset slicing the original. Examples are bounded so the module runs
in well under a minute on two cores.
"""
from __future__ import annotations

import hashlib
import string
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.ingest import build_document
from extraction.normalize import normalize_text
from extraction.records import SourceText

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
JAMO = st.characters(min_codepoint=0x1100, max_codepoint=0x11FF)          # conjoining: NFC composes them
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
LATIN = st.sampled_from(string.ascii_letters + string.digits)
PUNCT = st.sampled_from(list(".,;:!?()[]{}<>\"'‘’“”·…-–—/|#*%&@~^_=+「」『』（）《》◼■▶□○•①②※"))
SPACE = st.sampled_from([" ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", "\r", "\u3000", "\u00a0", "\u2009"])
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f",
                           "\x85", "\x9b", "\u2028", "\u2029", "\u200b", "\u200d", "\u2060", "\ufeff",
                           "\u00ad", "\ue000", "\uf0d7", "\u0301", "\u3099", "\u212b"])
ANY = st.characters(exclude_categories=("Cs",))
CHAR = st.one_of(HANGUL, HANGUL, HANGUL, HAN, LATIN, PUNCT, SPACE, SPACE, CONTROL, JAMO, ANY)
# words and markup that steer the rules (headlines, sources, tables of contents, dates, tags)
PIECES = st.sampled_from([
    "화웨이", "선전", "베이징", "인공지능", "투자", "유치했다. ", "(华为)", "◼ ", "[산업분석] ", "# ", "목차\n",
    "  12\n", " | ", "(출처: 신화망)\n", "2031 년 4 월 2 일, ", "<b>", "</b>", "<sup>1)</sup>", "**",
    unicodedata.normalize("NFD", "한글"), "https://example.com/a b", "P3\n", "1. ", "- ",
])
TEXT = st.lists(st.one_of(CHAR, PIECES), max_size=120).map("".join)
# one very long line: a random chunk (without line breaks) repeated up to 20k characters
LONG_LINE = st.builds(lambda chunk, n: (chunk * n)[:20_000],
                      st.text(st.one_of(HANGUL, HAN, LATIN, PUNCT, st.sampled_from([" ", "\t", "\x07"])),
                              min_size=1, max_size=30),
                      st.integers(50, 2_000))
MEDIA = st.sampled_from(["text/plain", "text/markdown", "text/html"])


def check_normalized(text: str, media_type: str) -> None:
    r = normalize_text(text, media_type=media_type)
    clean, off = r.text, r.offsets
    assert off.length == len(clean)
    bounds = list(off.starts) + [off.length]
    for k, start in enumerate(off.starts):
        o = off.origins[k]
        if off.copied[k]:       # a copied run is the original slice at its mapped position
            assert text[o:o + bounds[k + 1] - start] == clean[start:bounds[k + 1]]
        else:
            assert 0 <= o <= len(text)
    prev = 0
    for i in range(0, len(clean) + 1, max(1, len(clean) // 500)):
        o = off.to_original(i)
        assert prev <= o <= len(text)
        prev = o
    # what is printed or written later carries no control character but line breaks
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in clean)
    assert unicodedata.is_normalized("NFC", clean)
    for e in r.toc:
        assert 0 <= e.start <= e.end <= len(clean)
    doc = build_document(SourceText("arbitrary.txt", text, "utf-8", media_type,
                                     hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()))[0]
    last = 0
    for a in doc.articles:      # articles are in order, inside the text, mapped inside the original
        assert last <= a.start <= a.end <= len(doc.text)
        assert 0 <= a.orig_start <= a.orig_end <= len(text)
        last = a.end


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, MEDIA)
def test_normalization_offsets_on_arbitrary_text(text, media_type):
    check_normalized(text, media_type)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_LINE, MEDIA)
def test_normalization_offsets_on_very_long_lines(text, media_type):
    check_normalized(text, media_type)


def _copied(doc, start: int, end: int) -> bool:
    """Is the cleaned span one verbatim copy of the original?"""
    off = doc.offsets
    if end <= start:
        return True
    from bisect import bisect_right

    k = bisect_right(off.starts, start) - 1
    run_end = off.starts[k + 1] if k + 1 < len(off.starts) else off.length
    return off.copied[k] and end <= run_end


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_pipeline_never_raises_and_offsets_slice_the_original(nlp, text):
    from extraction.extract import extract_mentions

    doc = build_document(SourceText("arbitrary.txt", text, "utf-8", "text/plain",
                                    hashlib.sha256(text.encode("utf-8")).hexdigest()))[0]
    ex = extract_mentions(doc, nlp)
    for m in ex.mentions:
        assert 0 <= m.start <= m.end <= len(text)
        assert 0 <= m.clean_start < m.clean_end <= len(doc.text)
        assert doc.text[m.clean_start:m.clean_end] == m.text
        if _copied(doc, m.clean_start, m.clean_end):
            assert text[m.start:m.end] == m.text
        assert m.sentence[0] <= m.clean_start and m.clean_end <= m.sentence[1]
    spans = {(m.clean_start, m.clean_end) for m in ex.mentions}
    for r in ex.relations:
        assert 0 <= r.evidence_start <= r.evidence_end <= len(text)
        assert text[r.evidence_start:r.evidence_end] == r.evidence
        assert r.subject in spans and r.object in spans


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_build_never_raises_on_arbitrary_files(texts):
    from extraction.errors import KgInputError
    from extraction.readers import read_source
    from kg.build import build_dataset

    with tempfile.TemporaryDirectory() as tmp:
        readable = []
        for k, t in enumerate(texts):
            p = Path(tmp) / f"doc{k}.txt"
            p.write_text(t, encoding="utf-8", newline="")
            try:           # mostly control characters is no text: refused with one clear error
                read_source(p)
            except KgInputError as exc:
                assert str(p) in str(exc) and "\n" not in str(exc)
                continue
            readable.append(p)
        _, summaries = build_dataset(readable)
        assert len(summaries) <= len(readable)   # identical files are built once
