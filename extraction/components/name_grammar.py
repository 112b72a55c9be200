"""``kg_name_grammar``: the boundaries of long names kg's reference data does not know.

Official names are built by a grammar that the shorter-name components cut apart:

* a zone named by a place or name with its Chinese name in brackets, then the zone's kind:
  다러우(大楼) 신경제산업기능구, 하이뎬(海淀)단지 inside 중관춘 하이뎬(海淀)단지, 우시(无锡)
  하이테크구 — one Park, not a City (the bracketed Chinese name is an alias);
* a company whose official name carries its place in brackets before the legal suffix:
  완싱바이오(항저우)유한회사, 万兴生物(杭州)有限公司, with its Chinese name in brackets
  after it (which itself may hold brackets);
* a company name, a country or city, then the legal suffix: 싱허로보틱스 말레이시아
  유한공사 is one company (the place alone with the suffix is no name);
* ``(주)``/``㈜`` before or after a name: a Korean company (the marker is not part of it).

Each proposes a candidate longer than the pieces inside it, so the arbiter's longest-span
rule lets the whole name win over a shorter reference name inside it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import get_kiwi
from ..candidates import Candidate, candidates
from ..heads import load_heads
from ..reference import load_reference
from .util import boundaries, doc_text

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_ZONE = re.compile(
    r"(?P<stem>[가-힣A-Za-z]{2,10})\((?P<zh>[%s]{2,12})\)\s?(?P<tail>[가-힣]{1,24}(?:\s[가-힣]{1,24}){0,2})" % _HAN)
_LEGAL_KO = ("주식유한공사", "고빈유한공사", "유한책임공사", "유한공사", "유한회사", "주식회사")
_LEGAL_ZH = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司")
_PLACED_COMPANY = re.compile(
    r"(?P<stem>[가-힣A-Za-z0-9]{2,24}|[%s]{2,24})[(（](?P<place>[가-힣%s]{2,8})[)）]\s?(?P<suffix>%s)"
    % (_HAN, _HAN, "|".join(_LEGAL_KO + _LEGAL_ZH)))
_ZH_ALIAS = re.compile(r"\s?[(（](?P<zh>[^()（）\n]{2,40}(?:[(（][^()（）\n]{1,10}[)）][^()（）\n]{0,20})?)[)）]")
_NAME_PLACE_SUFFIX = re.compile(r"(?P<name>[가-힣A-Za-z0-9]{2,24})\s(?P<place>[가-힣]{2,8})\s?(?P<suffix>%s)"
                                % "|".join(_LEGAL_KO))
_JU_BEFORE = re.compile(r"(?:\(주\)|㈜|(?<![가-힣])주식회사\s)\s?(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{0,20}(?:[.\-][A-Za-z0-9]+)*)")
_PARTICLE_WORD = re.compile(r"(?:은|는|이|가|을|를|의|와|과|도|에|에서|로|으로|와의|과의|이다|다)")
_JU_AFTER = re.compile(r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,20})\s?(?:\(주\)|㈜)")
_PLACES = ("City", "Region")
_QUOTED_NAME = re.compile(r"[‘'“\"](?P<name>[^‘’'“”\"()（）\n]{2,40}?)(?:[(（](?P<alias>[^()（）\n]{2,40})[)）])?[’'”\"]")
_GENERIC_STEMS = {"국가", "중앙", "지방", "성", "시", "현", "구", "신형", "첨단", "종합", "국제", "신규"}
_BOUND_TAGS = ("J", "E", "VCP", "XSA", "XSV")
# a district, county or county-level city written with its Chinese name: 진뉴구(金牛区), 이우시(义乌市)
_DISTRICT = re.compile(r"(?<![가-힣A-Za-z0-9])(?P<ko>[가-힣]{1,5}(?P<k>구|현|시))\s?[(（](?P<zh>[%s]{1,4}(?P<z>区|县|市))[)）]" % _HAN)
_DISTRICT_PAIRS = {("구", "区"), ("현", "县"), ("시", "市")}
_ZONE_BEFORE_QU = set("新发园范税验贸业济作港景务能")  # 新区, 开发区, 园区, 示范区 … are zones, not districts
_NAME_TAGS = ("NN", "NR", "SL", "SH", "SN", "XPN", "XSN", "XR", "SP")


class NameGrammar:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        heads = load_heads()
        self.zone_heads = sorted(heads.heads("ko", "Park"), key=len, reverse=True)

    def _is(self, word: str, types: tuple[str, ...]) -> bool:
        return any(e.type in types for e in self.reference.lookup(word))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        self._zones(doc, text, ends, out)
        self._placed_companies(text, ends, out)
        self._place_before_suffix(text, ends, out)
        self._ju_companies(text, starts, ends, out)
        self._quoted_names(text, out)
        self._districts(text, out)
        return doc

    def _districts(self, text: str, out: list) -> None:
        """A district, county or county-level city kg's reference data does not know, written
        with its Chinese name: 청두시(成都市) 진뉴구(金牛区) — a City (guidelines: a district
        named on its own is a City), its Chinese name an alias. Zones (푸둥신구(浦东新区),
        …개발구(…开发区)) are left to the zone rules."""
        for m in _DISTRICT.finditer(text):
            zh = m.group("zh")
            if (m.group("k"), m.group("z")) not in _DISTRICT_PAIRS or len(zh) < 2:
                continue
            if m.group("z") == "区" and zh[-2] in _ZONE_BEFORE_QU:
                continue
            if self.reference.lookup(m.group("ko")) or self.reference.lookup(zh):
                continue  # known names are the gazetteer's
            out.append(Candidate(m.start("ko"), m.end("ko"), "City", "head", 0.85,
                                 aliases=((m.start("zh"), m.end("zh")),), rule="grammar:bracketed-district"))

    def _quoted_names(self, text: str, out: list) -> None:
        """A name found inside quotation marks that leave one word before it out is the
        quoted text: ‘9 호라이즌 캐피탈(9 Horizons Capital)’ is one investor."""
        spans = {}
        for c in out:
            if c.label in ("Company", "Investor", "Organization"):
                spans.setdefault((c.start, c.end), c)
        for m in _QUOTED_NAME.finditer(text):
            s, e = m.start("name"), m.end("name")
            for (cs, ce), c in spans.items():
                if ce == e and s < cs and " " not in text[s:cs].strip() and text[cs - 1] == " ":
                    aliases = ((m.start("alias"), m.end("alias")),) if m.group("alias") else ()
                    out.append(Candidate(s, e, c.label, c.extractor, max(c.confidence, 0.85), c.ref_id, c.roles,
                                         aliases, rule=c.rule + ":quoted"))
                    break

    def _zones(self, doc: Doc, text: str, ends, out: list) -> None:
        bound = doc.user_data.get("kg_tag_at")  # from the Kiwi tokenizer
        if bound is None:
            bound = {t.idx: t.tag_ for t in doc}
        m = _ZONE.search(text)
        while m is not None:
            nxt = m.end("zh")  # the tail may hold the next zone's stem: search on from the bracket
            found, m = m, _ZONE.search(text, nxt)
            self._zone(found, text, ends, bound, out)

    def _zone(self, m: re.Match, text: str, ends, bound: dict, out: list) -> None:
        if m.start() > 0 and re.match(r"[가-힣A-Za-z]", text[m.start() - 1]):
            return  # the stem must start a word
        if m.group("stem").endswith("급") or m.group("stem") in _GENERIC_STEMS:
            return  # 시급(市级) 산업단지: a rank, not a name
        if any(e.type in _PLACES and e.kind != "district" for g in ("zh", "stem")
               for e in self.reference.lookup(m.group(g))):
            return  # a zone named after its city: the city is an entity of its own (see relations)
        end = None
        # the first token end in the tail that closes a zone head and ends its word
        # (or is followed by a particle): 다러우(大楼) 신경제산업기능구|에
        for p in range(m.start("tail") + 1, m.end("tail") + 1):
            if p in ends and any(text.endswith(h, m.start("tail"), p) for h in self.zone_heads) and (
                    p == len(text) or not re.match(r"[가-힣]", text[p]) or bound.get(p, "").startswith(_BOUND_TAGS)):
                end = p
                break
            if p in bound and not bound[p].startswith(_NAME_TAGS):
                break  # a particle or a verb inside the tail: no longer a name (…에 위치한 하이테크구)
        if end is None:
            return
        start = m.start()
        # a zone inside a named zone: 중관춘 하이뎬(海淀)단지
        before = re.search(r"([가-힣]{2,8})\s$", text[max(0, start - 10):start])
        if before and self._is(before.group(1), ("Park",)):
            start -= len(before.group(0))
        # the bracket names the zone, unless it is the Chinese name of a city the zone is named
        # after (우시(无锡) 하이테크구): then it stays the city's name, not the zone's
        named_by_place = any(self._is(m.group(g), _PLACES) for g in ("zh", "stem"))
        out.append(Candidate(start, end, "Park", "head", 0.9,
                             aliases=() if named_by_place else ((m.start("zh"), m.end("zh")),),
                             rule="grammar:bracketed-zone"))

    def _placed_companies(self, text: str, ends, out: list) -> None:
        for m in _PLACED_COMPANY.finditer(text):
            if m.start() > 0 and re.match(r"[가-힣A-Za-z0-9%s]" % _HAN, text[m.start() - 1]):
                continue
            if not self._is(m.group("place"), _PLACES):
                continue
            aliases = ()
            a = _ZH_ALIAS.match(text, m.end())
            if a and re.search("[%s]" % _HAN, a.group("zh")) and re.search("[%s]" % _HAN, m.group("stem")) is None:
                aliases = ((a.start("zh"), a.end("zh")),)
            out.append(Candidate(m.start(), m.end(), "Company", "head", 0.9, aliases=aliases,
                                 rule="grammar:placed-company"))

    def _place_before_suffix(self, text: str, ends, out: list) -> None:
        for m in _NAME_PLACE_SUFFIX.finditer(text):
            if m.start() > 0 and re.match(r"[가-힣A-Za-z0-9]", text[m.start() - 1]):
                continue
            name, place = m.group("name"), m.group("place")
            if not self._is(place, _PLACES) or self._is(name, _PLACES) or m.end() not in ends:
                continue
            out.append(Candidate(m.start(), m.end(), "Company", "head", 0.85, rule="grammar:name-place-suffix"))

    def _ju_companies(self, text: str, starts, ends, out: list) -> None:
        markers = set()
        for rx in (_JU_BEFORE, _JU_AFTER):
            for m in rx.finditer(text):
                s, e = m.start("name"), m.end("name")
                if rx is _JU_AFTER:
                    after = re.match(r"\s?([가-힣A-Za-z][가-힣A-Za-z0-9&\-]*)", text[m.end():m.end() + 24])
                    if text[e:e + 1].isspace() and after and not _PARTICLE_WORD.fullmatch(after.group(1)):
                        continue  # 기술과 (주)KLMN: the marker opens the next name
                    markers.add(text.find("주", e) )
                else:
                    e = _without_particle(text, s, e)
                    if m.group(0).startswith("주식회사") and not _name_word(text[s:e]):
                        continue  # 주식회사 대부분은: a common word after the word for company
                if e - s < 2 or s not in starts or self._is(text[s:e], _PLACES):
                    continue
                out.append(Candidate(s, e, "Company", "head", 0.9, rule="grammar:ju"))
        if markers:
            # the 주 of (주) is a legal marker, never another name of the company before it
            out[:] = [replace(c, aliases=tuple(a for a in c.aliases if a[0] not in markers or a[1] - a[0] != 1))
                      for c in out]


def _name_word(word: str) -> bool:
    """A word the analyser reads with a proper, unknown or Latin part, or ending in a strong
    company head (누리로봇)."""
    if not re.search(r"[가-힣]", word):
        return True
    toks = [t for t in get_kiwi().tokenize(word) if t.len > 0]
    if any(t.tag in ("NNP", "SL") or (t.tag == "NNG" and t.id == 2) for t in toks):
        return True
    h = load_heads().match(word, "ko", strong_only=True)
    return h is not None and h.type in ("Company", "Investor")


def _without_particle(text: str, s: int, e: int) -> int:
    """The end of the name in ``text[s:e]`` without a particle the analyser glued to it."""
    toks = [t for t in get_kiwi().tokenize(text[s:e]) if t.len > 0]
    if len(toks) >= 2 and toks[-1].tag.startswith(("J", "VCP", "E")):
        return s + toks[-1].start
    return e


@Language.factory("kg_name_grammar", default_config={"reference_dir": None})
def make_name_grammar(nlp: Language, name: str, reference_dir: str | None) -> NameGrammar:
    return NameGrammar(nlp, name, reference_dir)
