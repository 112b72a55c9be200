"""Place names that are also ordinary Korean words, read as places from the words after them
(``kg_place_context``). The sentences are invented."""
from __future__ import annotations

import pytest

from .conftest import mentions as ents




@pytest.mark.parametrize("text,name", [
    ("그는 상해 소재 투자사와 만났다.", "상해"),
    ("무한에 위치한 공장을 세웠다.", "무한"),
    ("청도에 본사를 둔 회사다.", "청도"),
    ("천진 현지 법인이 문을 열었다.", "천진"),
])
def test_an_ambiguous_place_word_with_a_place_context_is_a_city(nlp, text, name):
    assert (name, "City") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "그는 사고로 상해를 입었다.",
    "무한한 가능성이 있다.",
    "청도 좋다고 말했다.",
])
def test_the_ordinary_word_stays_a_word(nlp, text):
    assert not any(label == "City" for _, label in ents(nlp, text))
