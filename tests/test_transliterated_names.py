"""Transliterated Chinese names the analyser splits into Korean words (쥐신 = 쥐+시+ㄴ) are
still names after a category noun (``kg_business_names`` with ``translit.mandarin_spelling``).

Every company name here is invented.
"""
from __future__ import annotations

import pytest

from extraction.translit import mandarin_spelling

from .conftest import mentions


@pytest.mark.parametrize("word", ["쥐신", "쥔성", "샤오린", "톈웨", "쯔광"])
def test_mandarin_spelling(word):
    assert mandarin_spelling(word)


@pytest.mark.parametrize("word", ["하나", "모두", "성장", "대부분", "Robo", "", "한국"])
def test_no_mandarin_spelling(word):
    assert not mandarin_spelling(word)


def test_a_split_transliteration_after_a_category_noun_is_a_company(nlp):
    assert ("쥐신", "Company") in mentions(nlp, "중국의 자율주행 기업 쥐신은 상하이에 본사를 두고 있다.")


@pytest.mark.parametrize("text", [
    "중국 로봇 기업 하나가 상장했다.",
    "이들 배터리 업체 모두가 참가했다.",
    "중국 클라우드 기업 서비스는 늘었다.",
])
def test_korean_words_after_a_category_noun_are_no_company(nlp, text):
    assert not any(label in ("Company", "Investor") for _, label in mentions(nlp, text))


def test_a_name_the_analyser_read_with_its_particle(nlp):
    # Kiwi reads 쥔성이 as one proper noun; the name is 쥔성 (a final consonant takes 이)
    found = mentions(nlp, "중국 배터리 제조사 쥔성이 유럽에 공장을 짓는다.")
    assert ("쥔성", "Company") in found
    assert ("쥔성이", "Company") not in found
