"""KiwiTokenizer: a spaCy tokenizer on Kiwi morphemes that keeps the text exactly.

Every test builds Docs with a blank spaCy pipeline whose tokenizer is KiwiTokenizer, so
the tokenizer is tested on its own (kg's components are tested in test_entities.py).
"""
from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.tokenizer import KiwiTokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("xx")
    nlp.tokenizer = KiwiTokenizer(nlp.vocab)
    return nlp


def tokens(doc):
    return [t.text for t in doc]


def check_offsets(doc, text):
    """Every token's text is the text at its offset; tokens and their trailing spaces
    tile the text without gaps or overlaps."""
    pos = 0
    for tok in doc:
        assert tok.idx == pos, (tok.text, tok.idx, pos)
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text
        pos = tok.idx + len(tok.text) + len(tok.whitespace_)
    assert pos == len(text)


TEXTS = [
    "화웨이는 올해 선전에서 새로운 반도체 공장을 착공했다.",
    "BMW 는  선양 공장의 생산능력을   늘렸다.",
    "샤오펑자동차(小鹏汽车)는 광저우에 본사를 두고 있다.\n\n2025 년 3 월 기준 직원 수는 1 만 명이다.",
    "항저우시는 AI 기업 지원책을 발표했다.\t(출처: 항저우일보)",
    "  앞뒤 공백이 있는 문장이다.  ",
    "\n\n빈 줄로 시작한다.\n",
    "中芯国际（SMIC）는 상하이에 있다. 華為와 华为는 같은 회사다.",
    "삼성전자·SK하이닉스의 HBM3E 출하량은 2024년 1,200만 개였다...",
    "Pony.ai(小马智行)는 광저우·베이징·선전에서 로보택시를 운영한다 — 总部位于广州。",
    "지난 5 년간 중국 전기차 판매는 연평균 35% 늘었다!\r\n출처: 신화망",
    "杭州云智科技有限公司\tYunzhi Technology\t로봇\n北京星河动力科技有限公司\tGalactic Energy\t우주",
    "했다 됐다 왔다 갔다 봤다",
    "",
    " ",
    "\t\n \n",
    "A",
    "화",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_round_trips_exactly(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    check_offsets(doc, text)


def test_particles_are_separate_tokens(nlp):
    doc = nlp("화웨이는 선전에서 샤오미와 함께 칩을 발표했다.")
    toks = tokens(doc)
    assert toks[:2] == ["화웨이", "는"]
    assert "선전" in toks and "에서" in toks
    assert toks[toks.index("에서") - 1] == "선전"
    assert "샤오미" in toks and "와" in toks
    particle = doc[1]
    assert particle.tag_.startswith("J")
    assert particle.pos_ == "ADP"
    assert doc[0].whitespace_ == ""  # 화웨이 is glued to 는
    assert doc[1].whitespace_ == " "


def test_particle_after_latin_and_han_names(nlp):
    doc = nlp("Huawei는 华为와 다르다.")
    toks = tokens(doc)
    assert toks[:4] == ["Huawei", "는", "华为", "와"]
    assert doc[0].tag_ == "SL" and doc[2].tag_ == "SH"


def test_contracted_verb_is_one_token_with_its_true_text(nlp):
    # Kiwi analyses 했 as 하 + 었: the token keeps the text's 했, not Kiwi's forms
    text = "이 회사는 작년에 상장했다."
    doc = nlp(text)
    toks = tokens(doc)
    assert "했" in toks
    assert "하" not in toks and "었" not in toks
    hat = doc[toks.index("했")]
    assert "+" in hat.tag_  # both morphemes' tags kept: XSV+EP
    assert text[hat.idx] == "했"
    check_offsets(doc, text)


def test_whitespace_tokens(nlp):
    text = "A사는  B사와\n\n제휴했다.\t끝"
    doc = nlp(text)
    assert doc.text == text
    space_tokens = [t for t in doc if t.pos_ == "SPACE"]
    # a single space is a token's trailing space; runs and line breaks are tokens
    assert {t.text for t in space_tokens} == {" ", "\n\n", "\t"}
    for t in space_tokens:
        assert t.is_space and t.tag_ == "_SP"
    check_offsets(doc, text)


def test_token_offsets_match_text(nlp):
    text = "징둥(京东)과 알리바바(Alibaba)는  항저우·베이징에서 경쟁한다."
    doc = nlp(text)
    check_offsets(doc, text)
    for name in ("징둥", "京东", "알리바바", "Alibaba", "항저우", "베이징"):
        # the name's edges are token edges (the analyser may still split an unknown
        # name inside, 징 + 둥, but never across its particle)
        i = text.index(name)
        assert any(t.idx == i for t in doc), name
        assert any(t.idx + len(t.text) == i + len(name) for t in doc), name
    assert [t.text for t in doc if t.idx == text.index("Alibaba")] == ["Alibaba"]
    assert [t.text for t in doc if t.idx == text.index("京东")] == ["京东"]


def test_sentence_starts(nlp):
    text = "샤오미는 전기차를 출시했다. 판매량은 예상을 웃돌았다.\n리오토는 새 모델을 공개했다"
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert len(sents) == 3
    assert sents[0].startswith("샤오미는")
    assert sents[1].startswith("판매량은")
    assert sents[2].startswith("리오토는")
    assert doc[0].is_sent_start
    # every sentence starts at a token whose text opens it
    for s in doc.sents:
        assert text[s.start_char:s.end_char] == s.text


def test_line_break_starts_a_sentence(nlp):
    text = "◼ 항저우, 로봇 산업 육성\n항저우시는 로봇 기업 100 곳을 유치한다"
    doc = nlp(text)
    starts = [t.idx for t in doc if t.is_sent_start and not t.is_space]
    assert text.index("항저우시는") in starts


def test_kiwi_tags_and_upos(nlp):
    doc = nlp("베이징의 스타트업 3 곳이 투자를 받았다.")
    by_text = {t.text: t for t in doc}
    assert by_text["3"].tag_ == "SN" and by_text["3"].pos_ == "NUM"
    assert by_text["의"].pos_ == "ADP"
    assert by_text["."].pos_ == "PUNCT"


_HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ALPHABET = st.one_of(
    _HANGUL, _HANGUL, _HANGUL,  # weight Hangul like a Korean text
    _HAN,
    st.sampled_from("abcxyzABCXYZ"),
    st.sampled_from("0123456789"),
    st.sampled_from(".,!?;:()（）[]「」『』·%-—'\"“”…・、。"),
    st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\r\n", "\u3000", "\xa0"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_round_trips(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    check_offsets(doc, text)
    if len(doc):
        assert doc[0].is_sent_start


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TEXTS + ["\n\n", "  ", "…", "A/B"]), min_size=1, max_size=4))
def test_offset_maps_are_the_docs(nlp, parts):
    """kg_tok_at and kg_tag_at, made by the tokenizer, are the Doc's {t.idx: t.i} and
    {t.idx: t.tag_} (components read them instead of making a Token per word)."""
    doc = nlp("".join(parts))
    assert doc.user_data["kg_tok_at"] == {t.idx: t.i for t in doc}
    assert doc.user_data["kg_tag_at"] == {t.idx: t.tag_ for t in doc}
