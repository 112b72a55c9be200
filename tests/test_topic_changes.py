"""Where the subject carried from sentence to sentence ends (``topics``): at a heading
line, also one ending in 요 (개요, 주요 내용), and at a sentence that opens on a topic of its
own that is no actor's name (a zone, an unknown name); a word referring back (이 회사는) keeps
it. Every sentence is invented for these tests."""
from __future__ import annotations

from extraction.extract import extract_mentions

from .conftest import document


def develops(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "develops"}


def test_a_heading_ending_in_yo_ends_the_carried_subject(nlp):
    text = ("보룬로보틱스는 산업용 로봇을 만드는 기업이다.\n개요\n"
            "예를 들어, 드론은 순찰에 활용되고 있으며 관련 기술 개발이 이어지고 있다.\n")
    assert ("보룬로보틱스", "드론") not in develops(nlp, text)


def test_a_sentence_on_a_topic_of_its_own_ends_the_carried_subject(nlp):
    text = ("보룬로보틱스는 산업용 로봇을 만든다. 란창 신도시는 과학기술 혁신에 주력하고 있다. "
            "집적회로 분야에서는 칩렛 기술을 집중적으로 개발하고 있다.\n")
    got = develops(nlp, text)
    assert not any(s == "보룬로보틱스" and "칩렛" in o for s, o in got)


def test_a_word_referring_back_keeps_the_carried_subject(nlp):
    text = ("보룬로보틱스는 산업용 로봇을 만든다. 이 회사는 작년에 상장했다. "
            "또한 칩렛 기술을 집중적으로 개발하고 있다.\n")
    got = develops(nlp, text)
    assert any(s == "보룬로보틱스" and "칩렛" in o for s, o in got)
