"""Kiwi analyses made ahead on a helper thread (extraction/analysis_ahead.py): the pipeline's
Docs and records are the ones a sequential run makes, whatever the budget, the dictionary
changes between texts, or the texts a reader skips."""
from __future__ import annotations

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import analyzer
from extraction.analysis_ahead import AnalysisAhead
from extraction.tokenizer import KiwiTokenizer

from .conftest import SAMPLE, document

TEXTS = [
    "화웨이는 올해 선전에서 새로운 반도체 공장을 착공했다.",
    "베이징의 스타트업 두 곳이 시리즈 B 투자를 유치했다.\n\n다음 달에는 상하이에서 설명회를 연다.",
    "BMW 는  선양 공장의 생산능력을   늘렸다.",
    "",
    "알리바바와 텐센트가 공동으로 투자했다고 밝혔다.",
]


def key(tokens) -> list[tuple]:
    return [(t.form, t.tag, t.start, t.len, t.sent_position) for t in tokens]


def doc_key(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.tag_, t.pos_, t.is_sent_start) for t in doc] + [
        tuple(sorted(doc.user_data["kg_bounds"][0])), tuple(doc.user_data["kg_sent_starts"])]


def spans(texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    source, out, pos = "", [], 0
    for t in texts:
        out.append((pos, pos + len(t)))
        source += t + "\n"
        pos += len(t) + 1
    return source, out


def test_taken_analyses_are_kiwis():
    ahead = AnalysisAhead()
    source, sp = spans(TEXTS)
    ahead.expect(source, sp, budget=10_000)
    try:
        for t in TEXTS:
            got = ahead.take(t)
            assert got is not None
            assert key(got) == key(analyzer.get_kiwi().tokenize(t))
        assert ahead.used == len(TEXTS) and ahead.redone == 0
        assert ahead.take(TEXTS[0]) is None  # taken once: no longer expected
    finally:
        ahead.close()


def test_a_dictionary_change_voids_analyses_made_before_it():
    word = "구름사과"  # an invented name Kiwi reads as two words (구름 + 사과) until it learns it
    first, second = "오늘 발표가 있었다.", f"{word}는 오늘 투자를 유치했다."
    before = key(analyzer.get_kiwi().tokenize(second))
    ahead = AnalysisAhead()
    source, sp = spans([first, second])
    ahead.expect(source, sp, budget=10_000)
    try:
        assert ahead.take(first) is not None
        generation = analyzer.generation()
        assert analyzer.learn_names([word]) == 1
        assert analyzer.generation() == generation + 1
        assert ahead.take(second) is None  # made with the old dictionary: analysed again
        assert ahead.redone == 1
        after = key(analyzer.get_kiwi().tokenize(second))
        assert after != before and after[0][:2] == (word, "NNP")
    finally:
        ahead.close()


def test_texts_beyond_the_budget_skipped_or_unexpected_are_analysed_by_the_caller():
    ahead = AnalysisAhead()
    source, sp = spans(TEXTS[:3])
    ahead.expect(source, sp, budget=1)  # one text at a time
    try:
        assert ahead.take(TEXTS[2]) is None  # the two before it are dropped; it was not submitted
        assert not ahead.expects(source)
        ahead.expect(source, sp, budget=1)
        assert ahead.take("다른 글이다.") is None
        assert ahead.expects(source)  # an unexpected text leaves the queue as it was
        assert ahead.take(TEXTS[0]) is not None
        assert ahead.take(TEXTS[1]) is not None  # submitted once the first was taken
        assert ahead.used == 2
    finally:
        ahead.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(TEXTS))), budget=st.sampled_from([0, 1, 40, 10_000]),
       skip=st.integers(0, len(TEXTS)))
def test_docs_are_the_same_with_and_without_analysis_ahead(order, budget, skip):
    plain = spacy.blank("xx")
    plain.tokenizer = KiwiTokenizer(plain.vocab, ahead_chars=0)
    ahead = spacy.blank("xx")
    ahead.tokenizer = KiwiTokenizer(ahead.vocab, ahead_chars=budget)
    texts = [TEXTS[i] for i in order]
    source, sp = spans(texts)
    ahead.tokenizer.expect(source, sp)
    for t in texts[skip:]:  # a reader that gives up on the first texts
        assert doc_key(ahead(t)) == doc_key(plain(t))


def test_extract_mentions_gives_the_same_records(nlp):
    from extraction.analysis_ahead import get_ahead
    from extraction.extract import extract_mentions

    doc = document("sample.txt", (SAMPLE / "weekly_brief_2025w17.txt").read_text("utf-8"))
    assert len(doc.articles) > 1
    budget = nlp.tokenizer.ahead_chars
    try:
        nlp.tokenizer.ahead_chars = 0
        plain = extract_mentions(doc, nlp)
        nlp.tokenizer.ahead_chars = budget
        used = get_ahead().used
        ahead = extract_mentions(doc, nlp)
        assert get_ahead().used - used == len(doc.articles)
    finally:
        nlp.tokenizer.ahead_chars = budget
    assert ahead.mentions == plain.mentions and ahead.relations == plain.relations
    assert ahead.rounds == plain.rounds


def test_build_in_one_process_reads_ahead_with_files_in_their_turn(tmp_path):
    from extraction.pipeline import get_pipeline
    from kg.parallel import extract_many, extract_path

    get_pipeline()
    samples = sorted(p for p in SAMPLE.iterdir() if p.suffix == ".txt")[:2]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8broken")  # not decodable
    files = [samples[0], bad, samples[1]]
    one_by_one = [extract_path(f) for f in files]
    in_turn = list(extract_many(files, 1))
    assert [x.path for x in in_turn] == files
    for a, b in zip(in_turn, one_by_one):
        assert a.skipped == b.skipped
        if a.extraction is None:
            assert b.extraction is None
            continue
        assert a.extraction.mentions == b.extraction.mentions
        assert a.extraction.relations == b.extraction.relations


def test_a_document_that_fails_leaves_nothing_expected():
    import pytest
    from spacy.language import Language

    from extraction.analysis_ahead import get_ahead
    from extraction.extract import extract_mentions

    if "kg_test_fail_second" not in Language.factories:
        seen = []

        @Language.component("kg_test_fail_second")
        def fail_second(doc):
            seen.append(doc.text)
            if len(seen) % 2 == 0:
                raise RuntimeError("a component failed")
            return doc

    nlp = spacy.blank("xx")
    nlp.tokenizer = KiwiTokenizer(nlp.vocab)
    nlp.add_pipe("kg_test_fail_second")
    doc = document("sample.txt", (SAMPLE / "weekly_brief_2025w17.txt").read_text("utf-8"))
    assert len(doc.articles) >= 3
    with pytest.raises(RuntimeError):
        extract_mentions(doc, nlp)
    assert not get_ahead().expects(doc.text)
