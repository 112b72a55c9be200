"""Resolution of mentions into entities (extraction.resolve.resolve).

Most tests build MentionRecords directly; the last ones run the pipeline on small
documents built with extraction.ingest.build_document.
"""
from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.extract import DocumentExtraction, MentionRecord, extract_mentions
from extraction.records import Document, OffsetMap
from extraction.resolve import ResolvedEntity, clean_name, resolve

from .conftest import document


# -- building extractions by hand ---------------------------------------------------------

def make_doc(doc_id: str, text: str = "") -> Document:
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", name=f"{doc_id}.txt", sha256=doc_id * 4,
                    encoding="utf-8", media_type="text/plain", original=text, text=text,
                    offsets=OffsetMap.identity(len(text)))


class Builder:
    """Mentions of one document, placed one after another in a notional text."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.pos = 0
        self.mentions: list[MentionRecord] = []

    def add(self, text: str, label: str = "Company", ref_id: str | None = None,
            alias_of: MentionRecord | None = None, extractor: str = "head",
            confidence: float = 0.8) -> MentionRecord:
        start, end = self.pos, self.pos + len(text)
        self.pos = end + 3
        m = MentionRecord(self.doc_id, 0, start, end, start, end, text, label, extractor, confidence,
                          ref_id, f"test:{extractor}",
                          (alias_of.clean_start, alias_of.clean_end) if alias_of else None,
                          (0, 1000))
        self.mentions.append(m)
        return m

    def extraction(self) -> DocumentExtraction:
        return DocumentExtraction(make_doc(self.doc_id), tuple(self.mentions))


def entity_of(entities: list[ResolvedEntity], text: str) -> ResolvedEntity:
    hits = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert len(hits) == 1, (text, [(e.key, e.names) for e in hits])
    return hits[0]


def same_entity(entities, a: str, b: str) -> bool:
    return entity_of(entities, a) is entity_of(entities, b)


def signature(entities):
    return sorted((e.key, e.local_id, e.names) for e in entities)


# -- linking ---------------------------------------------------------------------------

def test_spacing_variants():
    b = Builder("d1")
    b.add("징둥 팡저우")
    b.add("징둥팡저우")
    b.add("징둥  팡저우")
    ents = resolve([b.extraction()])
    assert len(ents) == 1
    e = ents[0]
    assert len(e.mentions) == 3
    names = [n for n, _ in e.names]
    assert "징둥 팡저우" in names and "징둥팡저우" in names
    assert "징둥  팡저우" not in names  # names are cleaned: runs of spaces become one
    assert clean_name("징둥  팡저우\n") == "징둥 팡저우"


def test_traditional_and_simplified():
    b = Builder("d1")
    b.add("華為")
    b.add("华为")
    b.add("華爲")
    ents = resolve([b.extraction()])
    assert len(ents) == 1
    assert ents[0].key == "agent:zh:华为"
    assert {lang for _, lang in ents[0].names} == {"zh"}


def test_alias_links_korean_chinese_english():
    b = Builder("d1")
    head = b.add("훙퉁테크", extractor="apposition")
    b.add("宏通科技", alias_of=head, extractor="apposition")
    b.add("Hongtong Tech", alias_of=head, extractor="apposition")
    other = Builder("d2")
    other.add("Hongtong Tech")          # the English name alone, in another document
    other.add("宏通科技", label="Investor")  # same family: still the same thing
    ents = resolve([b.extraction(), other.extraction()])
    assert len(ents) == 1
    e = ents[0]
    assert {n for n, _ in e.names} == {"훙퉁테크", "宏通科技", "Hongtong Tech"}
    assert dict(e.names)["宏通科技"] == "zh" and dict(e.names)["Hongtong Tech"] == "en"
    assert e.type == "Company"
    assert e.key == "agent:zh:宏通科技"
    assert e.local_id.startswith("hongtong-tech-")  # readable part from the English name
    assert {m.doc_id for m in e.mentions} == {"d1", "d2"}
    assert e.names_in("d2") == tuple((n, lg) for n, lg in e.names if n in {"Hongtong Tech", "宏通科技"})


def test_alias_link_does_not_cross_families():
    b = Builder("d1")
    head = b.add("허난", label="Region")
    b.add("하난테크", label="Company", alias_of=head)
    ents = resolve([b.extraction()])
    assert len(ents) == 2


def test_unrelated_names_stay_apart():
    b = Builder("d1")
    for n in ("샤오미", "샤오펑", "톈청그룹", "화광캐피탈", "小米", "小鹏汽车"):
        b.add(n)
    ents = resolve([b.extraction()])
    assert len(ents) == 6


@pytest.mark.parametrize("a,b,label", [
    ("톈푸신구", "텐푸신구", "Park"),
    ("톈푸 신구", "텐푸신구", "Park"),
    ("중관춘", "중관촌", "Park"),
    ("포니닷컴이아이", "포니닷컴에이아이", "Company"),
    ("쯔양시", "즈양시", "City"),
])
def test_transliteration_variants(a, b, label):
    d = Builder("d1")
    d.add(a, label=label)
    d.add(b, label=label)
    ents = resolve([d.extraction()])
    assert len(ents) == 1, [e.names for e in ents]
    assert {n for n, _ in ents[0].names} == {a, b}


@pytest.mark.parametrize("a,b", [
    ("쑤저우", "우저우"),
    ("창사", "창저우"),
    ("베이징", "난징"),
    ("허페이", "허베이"),
])
def test_different_places_stay_apart(a, b):
    d = Builder("d1")
    d.add(a, label="City")
    d.add(b, label="City")
    assert len(resolve([d.extraction()])) == 2


@pytest.mark.parametrize("a,ra,b,rb,label", [
    ("청두", "chengdu", "청더", "chengde", "City"),
    ("하이난", "hainan", "화이난", "huainan", "Region"),
    ("타이완", "taiwan", "타이안", "taian", "Region"),
    ("상하이민항경제기술개발구", "minhang_etdz", "상하이진차오경제기술개발구", "jinqiao_etdz", "Park"),
])
def test_different_reference_ids_never_merge(a, ra, b, rb, label):
    d = Builder("d1")
    d.add(a, label=label, ref_id=ra, extractor="gazetteer")
    d.add(b, label=label, ref_id=rb, extractor="gazetteer")
    ents = resolve([d.extraction()])
    assert len(ents) == 2
    assert {e.ref_id for e in ents} == {ra, rb}


def test_company_head_stripping():
    d = Builder("d1")
    d.add("화웨이테크")
    d.add("화웨이", ref_id="huawei", extractor="gazetteer")
    d.add("小鹏汽车")
    d.add("小鹏")
    d.add("화광그룹")   # no 화광 mention: stays on its own
    ents = resolve([d.extraction()])
    assert same_entity(ents, "화웨이테크", "화웨이")
    assert same_entity(ents, "小鹏汽车", "小鹏")
    hw = entity_of(ents, "화웨이")
    assert hw.ref_id == "huawei" and hw.key == "agent:ref:huawei" and hw.local_id == "huawei"
    assert len(ents) == 3


def test_head_stripping_needs_a_two_character_stem():
    d = Builder("d1")
    d.add("A테크")
    d.add("A")
    assert len(resolve([d.extraction()])) == 2


def test_different_families_never_merge():
    d = Builder("d1")
    d.add("창안", label="City", ref_id="changan_xian", extractor="gazetteer")
    d.add("창안", label="Company")
    d.add("长安", label="Company")
    d.add("长安", label="City")
    d.add("휴머노이드", label="Technology")
    d.add("휴머노이드", label="Product")
    ents = resolve([d.extraction()])
    assert len(ents) == 6  # 창안 and 长安 are not linked either: nothing says they are one name
    for e in ents:
        assert len({m.label for m in e.mentions}) == 1, e.names
    fams = sorted(e.key.split(":")[0] for e in ents)
    assert fams == ["agent", "agent", "place", "place", "product", "tech"]
    city = [e for e in ents if e.type == "City" and e.ref_id][0]
    company = [e for e in ents if e.type == "Company" and e.names[0][0] == "창안"][0]
    assert {m.label for m in city.mentions} == {"City"}
    assert {m.label for m in company.mentions} == {"Company"}
    assert city.local_id != company.local_id


def test_company_and_investor_are_one_family():
    d = Builder("d1")
    d.add("화광캐피탈", label="Investor", confidence=0.85)
    d.add("화광캐피탈", label="Company", confidence=0.55)
    ents = resolve([d.extraction()])
    assert len(ents) == 1
    assert ents[0].type == "Investor"  # the label with the most confidence wins


def test_reference_id_links_names_in_different_scripts():
    d = Builder("d1")
    d.add("선전", label="City", ref_id="shenzhen", extractor="gazetteer")
    e = Builder("d2")
    e.add("Shenzhen", label="City", ref_id="shenzhen", extractor="gazetteer")
    e.add("심천시", label="City", ref_id="shenzhen", extractor="gazetteer")
    ents = resolve([d.extraction(), e.extraction()])
    assert len(ents) == 1
    assert ents[0].local_id == "shenzhen" and ents[0].key == "place:ref:shenzhen"


def test_local_id_without_reference():
    d = Builder("d1")
    d.add("톈청그룹")
    ents = resolve([d.extraction()])
    e = ents[0]
    assert e.ref_id is None
    assert e.key == "agent:ko:톈청그룹"
    assert e.local_id.startswith("톈청그룹-") and len(e.local_id.split("-")[-1]) == 6
    # a Chinese name decides the key and gives a pinyin id
    d.add("天成集团", alias_of=d.mentions[0])
    e2 = resolve([d.extraction()])[0]
    assert e2.key == "agent:zh:天成集团"
    assert e2.local_id.startswith("tian-cheng-ji-tuan-")


# -- determinism -------------------------------------------------------------------------

def _corpus() -> list[DocumentExtraction]:
    a = Builder("doc_a")
    hw = a.add("화웨이", ref_id="huawei", extractor="apposition")
    a.add("华为", ref_id="huawei", alias_of=hw, extractor="apposition")
    zt = a.add("훙퉁테크", extractor="apposition")
    a.add("宏通科技", alias_of=zt, extractor="apposition")
    a.add("톈푸신구", label="Park", ref_id="tianfu_new_area", extractor="gazetteer")
    a.add("텐푸신구", label="Park")
    a.add("화광캐피탈", label="Investor")
    a.add("청두", label="City", ref_id="chengdu", extractor="gazetteer")
    a.add("자율주행", label="Technology", ref_id="tech_autonomous_driving", extractor="gazetteer")
    b = Builder("doc_b")
    b.add("華為", ref_id="huawei", extractor="gazetteer")
    b.add("훙퉁 테크")
    b.add("포니닷컴이아이")
    b.add("포니닷컴에이아이", ref_id="pony_ai", extractor="gazetteer")
    b.add("창안", label="City")
    b.add("창안", label="Company")
    b.add("화광캐피탈", label="Company", confidence=0.6)
    c = Builder("doc_c")
    c.add("화웨이테크")
    c.add("天成集团")
    tc = c.add("톈청그룹")
    c.add("Tiancheng Group", alias_of=tc)
    c.add("징둥 팡저우")
    c.add("징둥팡저우")
    return [a.extraction(), b.extraction(), c.extraction()]


def test_corpus_resolution():
    ents = resolve(_corpus())
    assert same_entity(ents, "화웨이", "華為")
    assert same_entity(ents, "화웨이", "화웨이테크")
    assert same_entity(ents, "훙퉁테크", "훙퉁 테크")
    assert same_entity(ents, "포니닷컴이아이", "포니닷컴에이아이")
    assert same_entity(ents, "톈청그룹", "Tiancheng Group")
    assert not same_entity(ents, "天成集团", "톈청그룹")  # no evidence links them
    assert entity_of(ents, "포니닷컴이아이").local_id == "pony_ai"
    assert len({e.local_id for e in ents}) == len(ents)
    assert len({e.key for e in ents}) == len(ents)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_resolution_does_not_depend_on_order(rnd):
    original = _corpus()
    expected = signature(resolve(original))
    shuffled = []
    for ex in original:
        ms = list(ex.mentions)
        rnd.shuffle(ms)
        shuffled.append(DocumentExtraction(ex.document, tuple(ms)))
    rnd.shuffle(shuffled)
    got = resolve(shuffled)
    assert signature(got) == expected
    assert [sorted(m.clean_start for m in e.mentions) for e in got] == \
        [sorted(m.clean_start for m in e.mentions) for e in resolve(original)]


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(3)))
def test_resolution_of_document_permutations(order):
    original = _corpus()
    assert signature(resolve([original[i] for i in order])) == signature(resolve(original))


def test_resolve_accepts_a_generator_and_empty_input():
    assert resolve([]) == []
    assert signature(resolve(iter(_corpus()))) == signature(resolve(_corpus()))


# -- on the pipeline's output ------------------------------------------------------------

DOC_A = ("◼ 청두, 로봇 기업 유치\n"
         "청두시는 톈푸신구에 로봇 산업단지를 조성한다. 윈펑커지(云峰科技)와 톈청그룹이 입주한다.\n"
         "화웨이(华为)도 연구소를 세운다.\n")
DOC_B = ("◼ 톈청그룹, 신규 투자 유치\n"
         "톈청그룹은 텐푸신구에 두 번째 공장을 짓는다. 華為와의 협력도 확대한다. "
         "云峰科技는 올해 매출이 두 배로 늘었다.\n")


def test_same_company_same_local_id_across_documents(nlp):
    a, b = document("a.txt", DOC_A), document("b.txt", DOC_B)
    assert a.doc_id != b.doc_id
    ex_a, ex_b = extract_mentions(a, nlp), extract_mentions(b, nlp)
    for ex in (ex_a, ex_b):
        for m in ex.mentions:
            assert ex.document.text[m.clean_start:m.clean_end] == m.text
            assert ex.document.original[m.start:m.end] == m.text
    alone_a = {e.names[0][0]: e.local_id for e in resolve([ex_a])}
    alone_b = {e.names[0][0]: e.local_id for e in resolve([ex_b])}
    both = resolve([ex_a, ex_b])
    assert alone_a["톈청그룹"] == alone_b["톈청그룹"]
    tc = entity_of(both, "톈청그룹")
    assert tc.local_id == alone_a["톈청그룹"]
    assert {m.doc_id for m in tc.mentions} == {a.doc_id, b.doc_id}
    hw = entity_of(both, "華為")
    assert hw.local_id == "huawei"
    assert {m.doc_id for m in hw.mentions} == {a.doc_id, b.doc_id}
    assert same_entity(both, "톈푸신구", "텐푸신구")
    assert entity_of(both, "텐푸신구").ref_id == "tianfu_new_area"
    # 云峰科技 alone in b is the alias of 윈펑커지 in a
    assert same_entity(both, "윈펑커지", "云峰科技")
    assert entity_of(both, "윈펑커지").key == "agent:zh:云峰科技"
    # the City 청두 is not merged with anything of another family
    cd = entity_of(both, "청두시")
    assert {m.label for m in cd.mentions} == {"City"}
    # resolving again, in the other order, gives the same entities
    assert signature(resolve([ex_b, ex_a])) == signature(both)


def test_pipeline_keeps_similar_city_names_apart(nlp):
    text = "청두시와 청더시, 후저우시와 허저우시는 각각 로봇 산업 육성 계획을 발표했다.\n"
    ex = extract_mentions(document("cities.txt", text), nlp)
    refs = {m.text: m.ref_id for m in ex.mentions}
    assert refs["청두시"] == "chengdu" and refs["청더시"] == "chengde"
    ents = resolve([ex])
    assert not same_entity(ents, "청두시", "청더시")
    assert not same_entity(ents, "후저우시", "허저우시")
    assert entity_of(ents, "청두시").local_id == "chengdu"
