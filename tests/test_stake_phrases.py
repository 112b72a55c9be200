"""Stakes, control, portfolios and round participation in news phrasings: ``stake_phrases``
(X는 A 지분 7%를 보유, X는 A 인수를 완료, X는 A, B 등 5개 게임사에 투자) and the round
rule of ``kg_relations`` (A는 B 등이 참여한 시리즈B를 유치: B invests in A, not A in anyone).

Every sentence is invented for these tests (names found by their heads: …과기, …그룹,
…캐피탈, …벤처스).
"""
from __future__ import annotations

from extraction.candidates import Mention
from extraction.components.stake_phrases import portfolio, stake_or_control
from extraction.extract import extract_mentions

from .conftest import document


def invests(nlp, text: str) -> set[tuple[str, str]]:
    doc = document("t.txt", text)
    ex = extract_mentions(doc, nlp)
    return {(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]])
            for r in ex.relations if r.predicate == "invests_in"}


def _mention(text: str, name: str, label: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, label, "test", 1.0, None, rule="test", alias_of=None)


def _pairs(text: str, rels) -> set[tuple[str, str]]:
    return {(text[r.subject[0]:r.subject[1]], text[r.object[0]:r.object[1]]) for r in rels}


def test_stake_without_genitive_and_in_a_list(nlp):
    assert ("청산캐피탈", "란신과기") in invests(nlp, "청산캐피탈은 란신과기 지분 7%를 보유하게 된다.\n")
    got = invests(nlp, "보룬그룹은 란신과기와 하이란과기의 지분을 각각 10%씩 사들였다.\n")
    assert {("보룬그룹", "란신과기"), ("보룬그룹", "하이란과기")} <= got


def test_control(nlp):
    assert ("보룬그룹", "란신과기") in invests(nlp, "보룬그룹은 란신과기를 완전 자회사로 편입했다.\n")
    assert ("보룬그룹", "란신과기") in invests(nlp, "보룬그룹은 란신과기의 경영권을 확보했다.\n")
    assert ("보룬그룹", "란신과기") in invests(nlp, "보룬그룹은 란신과기 인수를 완료했다.\n")


def test_acquisition_with_an_amount_between(nlp):
    assert ("하이란그룹", "란신과기") in invests(nlp, "하이란그룹은 란신과기를 10억 위안에 인수했다.\n")


def test_portfolio(nlp):
    got = invests(nlp, "보룬그룹은 올해 들어 란신과기, 하이란과기 등 5개 게임사에 투자했다.\n")
    assert {("보룬그룹", "란신과기"), ("보룬그룹", "하이란과기")} <= got
    got = invests(nlp, "보룬그룹이 투자한 게임사는 란신과기와 하이란과기다.\n")
    assert {("보룬그룹", "란신과기"), ("보룬그룹", "하이란과기")} <= got


def test_participants_of_a_round_the_topic_raised(nlp):
    got = invests(nlp, "란신과기는 보룬캐피탈과 하이란벤처스 등이 참여한 5억 위안 규모의 시리즈B 투자를 유치했다.\n")
    assert {("보룬캐피탈", "란신과기"), ("하이란벤처스", "란신과기")} <= got
    got = invests(nlp, "란신과기가 유치한 이번 투자에는 보룬캐피탈과 하이란벤처스가 공동으로 참여했다.\n")
    assert {("보룬캐피탈", "란신과기"), ("하이란벤처스", "란신과기")} <= got


def test_existing_investors_also_joining(nlp):
    text = ("란신과기는 3억 달러 규모의 시리즈B 투자를 받았다. 이번 투자는 보룬캐피탈이 주도했으며 "
            "하이란벤처스 등 기존 투자자도 참여했다.\n")
    assert {("보룬캐피탈", "란신과기"), ("하이란벤처스", "란신과기")} <= invests(nlp, text)


def test_talks_are_no_stake():
    text = "보룬그룹은 란신과기 지분 인수를 검토하고 있다."
    ms = [_mention(text, "보룬그룹", "Company"), _mention(text, "란신과기", "Company")]
    assert stake_or_control(text, (0, len(text)), ms) == []


def test_stake_of_another_actor_is_not_the_topics():
    text = "보룬그룹은 하이란그룹이 란신과기 지분 7%를 보유했다고 밝혔다."
    ms = [_mention(text, "보룬그룹", "Company"), _mention(text, "하이란그룹", "Company"),
          _mention(text, "란신과기", "Company")]
    got = _pairs(text, stake_or_control(text, (0, len(text)), ms))
    assert ("보룬그룹", "란신과기") not in got


def test_a_list_visited_is_no_portfolio():
    text = "보룬그룹은 란신과기, 하이란과기 등 5개 게임사를 방문했다."
    ms = [_mention(text, "보룬그룹", "Company"), _mention(text, "란신과기", "Company"),
          _mention(text, "하이란과기", "Company")]
    assert portfolio(text, (0, len(text)), ms) == []


def test_investment_in_a_zone(nlp):
    got = invests(nlp, "란신과기와 하이란과기는 빈하이신구에 총 50억 위안을 투자했다.\n")
    assert {("란신과기", "빈하이신구"), ("하이란과기", "빈하이신구")} <= got


def test_zone_investment_under_consideration_is_none():
    from extraction.components.stake_phrases import zone_investment
    text = "란신과기는 빈하이신구에 투자하는 방안을 검토하고 있다."
    ms = [_mention(text, "란신과기", "Company"), _mention(text, "빈하이신구", "Park")]
    assert zone_investment(text, (0, len(text)), ms) == []


def test_holders_named_by_a_noun(nlp):
    assert ("보룬캐피탈", "란신과기") in invests(nlp, "보룬캐피탈은 란신과기의 주요 투자자다.\n")
    assert ("보룬캐피탈", "란신과기") in invests(nlp, "란신과기에 투자한 보룬캐피탈은 높은 수익을 올렸다.\n")
    got = invests(nlp, "란신과기의 주주로는 보룬캐피탈과 하이란그룹이 있다.\n")
    assert {("보룬캐피탈", "란신과기"), ("하이란그룹", "란신과기")} <= got


def test_lead_of_another_companys_round(nlp):
    assert ("보룬캐피탈", "란신과기") in invests(nlp, "보룬캐피탈은 란신과기의 시리즈B 투자를 주도했다.\n")
    assert ("보룬캐피탈", "란신과기") in invests(nlp, "보룬캐피탈은 2020년 란신과기의 엔젤 라운드를 이끌었다.\n")
    assert ("보룬캐피탈", "란신과기") in invests(nlp, "란신과기의 이번 투자는 보룬캐피탈이 주도했다.\n")


def test_a_holder_noun_of_a_third_company_is_not_the_topics():
    from extraction.components.stake_phrases import holders
    text = "보룬캐피탈은 하이란그룹과 함께 란신과기의 투자자다."
    ms = [_mention(text, "보룬캐피탈", "Investor"), _mention(text, "하이란그룹", "Company"),
          _mention(text, "란신과기", "Company")]
    assert holders(text, (0, len(text)), ms) == []


def test_a_joiner_of_a_described_companys_round(nlp):
    """X가 (a long description of Y) Y의 시리즈 C 라운드에 참여: X invests in Y however long the
    description between them."""
    got = invests(nlp, "한빛캐피탈(韩光资本)이 청두의 산업용 협동 로봇 전문 기업 하이란과기(海岚科技)의 "
                       "시리즈 C 라운드에 참여했다.\n")
    assert ("한빛캐피탈", "하이란과기") in got
