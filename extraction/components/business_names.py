"""``kg_business_names``: companies and investors named with no company word and no bracket.

News names many firms bare: a transliterated or Latin brand that kg's reference data does
not know, with no …그룹/…테크 head and no Chinese name in brackets. What the sentence says
around the name tells it is a firm:

* a category noun right before it — 중국 전기차 업체 X는, 스타트업 X가, 합작사 X를 설립,
  투자사 ‘X’와 (an investor for 투자사/벤처캐피털/VC/사모펀드 …);
* a title and a person right after it — X 대표 홍길동은, X(대표 홍길동), X CEO 존 스미스 —
  or a word that speaks for an organisation — X 측은, X 관계자는;
* its place as the subject of a clause whose predicate is business — X는 … 신제품을
  출시했다, X가 … 투자를 유치했다, X는 … 업체다; an investor when it invests or leads
  (X는 … 에 투자했다) without raising money itself;
* the source of money raised — Y는 X로부터 … 자금을 유치했다: X is an investor;
* a Latin name of capitalised words ending in a company or investor word — Moonshot AI,
  Horizon Robotics, Sunrise Ventures (not Generative AI: a generic first word);
* who leads or joins a funding round — X가 주도한 시리즈 B, A, B, C 등이 참여했다: investors;
* X라는 스타트업, ‘X’라는 투자사: the category names what X is.

One word is taken back: 한화 before an amount in won is the currency (한화 약 950억 원).

The name itself must look like a name: Latin and capitalised, or a Korean word the analyser
starts with a proper or unknown noun (or Latin letters or digits: GC녹십자, 3S바이오); never a
reference name of another type (places stay places), never a word the document uses for a
person (next to a person's title). The words live in ``data/business_context.tsv``.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import get_kiwi
from ..candidates import Candidate, candidates
from ..cues import load_cues
from ..heads import load_heads
from ..reference import load_reference
from ..translit import mandarin_spelling
from .util import doc_text

_OOV = 2  # Kiwi's morpheme id for a noun it does not know
_PARTICLE = r"(?:으로부터|로부터|에서는|에서|에게|으로|와의|과의|와|과|은|는|이|가|을|를|의|에|도|로|측|\s?[,，])"
_HANGUL_NAME = r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9&\-]{0,20}"
_LATIN_NAME = r"(?:[A-Z0-9]|[a-z](?=[a-z]{0,3}[A-Z]))[A-Za-z0-9&.\-]*(?: [A-Z0-9][A-Za-z0-9&.\-]*){0,3}"
_QUOTED = r"['‘\"“](?P<q>[^'‘’\"“”()\n]{2,30}?)(?:\((?P<qalias>[^()\n]{2,40})\))?['’\"”]"
_NAME = r"(?:%s|(?P<n>%s|%s)(?:\((?P<alias>[^()\n]{2,40})\))?)" % (_QUOTED, _LATIN_NAME, _HANGUL_NAME)
_COUNTED = re.compile(r"\d[\d,]*\s?(?:곳|개|개사|개소|社|家|명|건|여\s?곳|여\s?개|여\s?개사)")  # 16곳, 30여개사: a count
_SENT_END = re.compile(r"[.!?。\n]")
# words that may stand before a subject at the start of its clause
_OPENERS = frozenset("""최근 한편 또한 또 특히 아울러 이어 앞서 현재 올해 지난해 작년 이날 이번에 당시 이후 그러나 하지만
다만 중국 미국 한국 일본 국내 해외 글로벌 현지 중국의 미국의 한국의 일본의 국내외 이에 이와 함께 반면""".split())
_DATE_WORD = re.compile(r"(?:\d{1,4}(?:년|월|일)|지난달|이달|지난주|오는)(?:에는|에|엔)?,?")
# Latin words that are no name alone (acronyms of things, not of firms)
_LATIN_STOP = frozenset("""AI IT ICT EV IPO CEO CTO CFO COO R&D M&A ESG GDP OS API LLM GPU CPU NPU SoC DX IoT VR AR XR
MOU OEM ODM B2B B2C SaaS PC TV OTT SNS ETF PE VC KPI AGI ADAS FSD HBM DRAM NAND LCD OLED LED BMS EUV PCB
USB UAM MaaS AIoT RPA PoC IR PR CES MWC Q1 Q2 Q3 Q4 The A B C""".split())
_LATIN_HEADS_COMPANY = ("AI", "Robotics", "Technologies", "Technology", "Tech", "Labs", "Lab", "Motors", "Group",
                        "Holdings", "Inc", "Inc.", "Ltd", "Ltd.", "Intelligence", "Dynamics", "Semiconductor",
                        "Therapeutics", "Pharma", "Biotech", "Systems", "Networks", "Electronics", "Energy",
                        "Mobility", "Automotive", "Corp", "Corp.", "Co.")
_LATIN_HEADS_INVESTOR = ("Capital", "Ventures", "Venture", "Partners", "Investment", "Investments", "Fund")
_GENERIC_LATIN_FIRST = frozenset("""Generative Physical Embodied Edge Open Conversational Agentic Responsible General
Artificial Industrial Medical Applied Explainable Sovereign Enterprise Vertical Multimodal Autonomous Smart Green
Clean New Digital Global Private Public Venture Deep Machine Mobile Cloud Quantum Spatial Humanoid Advanced Next""".split())
_LATIN_HEADED = re.compile(
    r"(?<![A-Za-z0-9&.\-])(?P<n>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z0-9][A-Za-z0-9&.\-]*){0,3}) (?P<head>%s)(?![A-Za-z0-9])"
    % "|".join(re.escape(h) for h in sorted(_LATIN_HEADS_COMPANY + _LATIN_HEADS_INVESTOR, key=len, reverse=True)))


# 한화 before an amount in won is the currency ("in Korean won"), not the Hanwha group:
# 5억 위안(한화 약 950억 원), 한화로 약 1조 원
_WON_AMOUNT = re.compile(r"한화\s?(?:로|으로)?\s?(?:약|대략)?\s?\d[\d,.\s조억만천]*원")
_FINANCIAL = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<n>[가-힣A-Za-z0-9]{2,12}?(?P<head>증권|은행|보험|자산운용|창업투자|벤처투자|투자관리))")
_OBJECT = re.compile(
    r"(?:(?<=[\s'‘\"“(,])|^)(?P<n>%s|%s)(?:"
    r"에\s(?:\S+\s){0,3}?(?:투자했|투자한다|투자하기로|투자를\s단행)"
    r"|(?:을|를)\s(?:\S+\s){0,2}?(?:인수했|인수한다|인수하기로|인수하며|인수해)"
    r"|(?:와|과)\s(?:\S+\s){0,3}?(?:합작사|합작법인|합자회사|업무협약|전략적\s협력|파트너십)(?:을|를)?\s(?:\S+\s)?"
    r"(?:설립|체결|맺|세웠|구축))" % (_LATIN_NAME, _HANGUL_NAME))
# X의 기업가치, X의 창업자, X의 시리즈B: what a firm has
_POSSESSOR = re.compile(
    r"(?:(?<=[\s'‘\"“(,])|^)(?P<n>%s|%s)의\s(?:\S+\s){0,1}?"
    r"(?:기업가치|시가총액|매출|영업이익|주가|상장|창업자|공동창업자|최고경영자|CEO|CTO|시리즈\s?[A-Z]|투자\s?유치|본사|공장|생산라인|지분)"
    % (_LATIN_NAME, _HANGUL_NAME))
_PARTICLE_AFTER = re.compile(r"(?:은|는|이|가|을|를|의|와|과|도|에서|에|로|으로)(?![가-힣])")
_ITEM = r"(?:%s|%s)" % (_LATIN_NAME, _HANGUL_NAME)
_ROUND_ACTORS = re.compile(
    r"(?:(?<=[\s'‘\"“(,])|^)(?P<items>%s(?:(?:\s?[,，、·]\s?|(?:와|과)\s)%s){0,9})(?:\s등)?(?:이|가|도)\s(?:\S+\s){0,2}?"
    r"(?:주도|리드|참여|공동\s?투자|투자|출자)(?:한|했|하고|하며|해|하는|하였)" % (_ITEM, _ITEM))
# A, B, C 등으로부터 … 투자를 유치했다: every listed source is an investor
_SOURCE_LIST = re.compile(
    r"(?:(?<=[\s'‘\"“(,])|^)(?P<items>%s(?:\s?[,，、·]\s?%s){1,9})(?:\s등)?(?:으로부터|로부터|에게서)\s[^.\n]{0,40}?"
    r"(?:투자|자금|자본)[^.\n]{0,6}?(?:유치|조달|받)" % (_ITEM, _ITEM))
_LIST_ITEM = re.compile(r"(?P<n>%s)(?=\s?[,，、·]|(?:와|과)\s|$)" % _ITEM)
_FUNDING_TALK = re.compile(r"시리즈|라운드|투자|펀딩|자금\s?조달|유치")


@lru_cache(maxsize=2)
def load_business_context(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """The cue words of ``data/business_context.tsv`` by kind (longest first)."""
    p = Path(path) if path else Path(str(files("extraction") / "data" / "business_context.tsv"))
    with open(p, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    if header != ["cue", "kind"]:
        raise ValueError(f"{p}: bad header {header}")
    out: dict[str, list[str]] = defaultdict(list)
    for cue, kind in reader:
        out[kind].append(cue)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=4096)
def _morphs(word: str) -> tuple[tuple[str, str, int], ...]:
    return tuple((t.form, t.tag, t.id) for t in get_kiwi().tokenize(word) if t.len > 0)


class BusinessNames:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()
        ctx = load_business_context()
        self.person_titles = tuple(sorted(load_cues().get("person_title", ()), key=len, reverse=True))
        cats = ctx["category_company"] + ctx["category_investor"]
        self.investor_categories = frozenset(ctx["category_investor"])
        self.category_words = frozenset(cats)
        self.company_predicates = ctx["predicate_company"]
        self.investor_predicates = ctx["predicate_investor"]
        self._category = re.compile(
            r"(?:(?<=[\s'‘\"“(])|^)(?P<cat>[가-힣]{0,6}?(?:%s))\s%s(?=%s)" % (_alt(cats), _NAME, _PARTICLE))
        self._quoted_then_category = re.compile(
            r"%s\s(?P<cat>[가-힣]{0,6}?(?:%s))(?=[\s이가은는을를의에도로,]|$)"
            % (_QUOTED, _alt(cats)))
        self._called = re.compile(
            r"(?:(?<=[\s'‘\"“(])|^)%s(?:이)?라는\s(?:[가-힣A-Za-z]{1,8}\s){0,2}?(?P<cat>[가-힣]{0,6}?(?:%s))(?=[\s이가은는을를의에도로]|$)"
            % (_NAME, _alt(cats)))
        self._titled = re.compile(
            r"(?:(?<=[\s'‘\"“(])|^)%s(?:\s(?:%s)\s(?P<person>[가-힣]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=%s)"
            r"|\s?[(（](?:%s)\s?(?P<person2>[가-힣]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)[)）]"
            r"|\s(?:%s)(?:은|는|이|가|도|의|에\s?따르면))"
            % (_NAME, _alt(ctx["title"]), _PARTICLE, _alt(ctx["title"]), _alt(ctx["side"])))
        self._subject = re.compile(
            r"(?:(?<=[\s'‘\"“(,])|^)(?P<n>%s|%s)(?:\((?P<alias>[^()\n]{2,40})\))?(?:은|는|이|가|도)(?=\s)"
            % (_LATIN_NAME, _HANGUL_NAME))
        self._source = re.compile(
            r"(?:(?<=[\s'‘\"“(])|^)%s(?:으로부터|로부터)\s[^.\n]{0,40}?(?:%s)(?:을|를)?\s?(?:유치|조달|받)"
            % (_NAME, _alt(ctx["funding_noun"])))
        self._person_after_title = re.compile(
            r"(?:%s)\s(?P<p>[가-힣]{2,4}?)(?=(?:은|는|이|가|도|의|와|과)?[,\s.])" % _alt(self.person_titles))
        self._person_before_title = re.compile(
            r"(?<![가-힣])(?P<p>[가-힣]{2,4})\s(?:%s)(?:은|는|이|가|도|의|와|과|,|\))" % _alt(self.person_titles))

    # -- the name ------------------------------------------------------------------
    def _known(self, word: str) -> bool:
        if self.reference.lookup(word):
            return True
        return len(word) > 2 and word[-1] in "시성구현" and bool(self.reference.lookup(word[:-1]))

    def _looks_like_name(self, word: str, persons: frozenset[str], strong: bool = False) -> bool:
        """A name, not a common word, a person, a place or a technology: Latin and
        capitalised, or a word the analyser starts with a proper or unknown noun."""
        word = word.strip()
        if len(word) < 2 or word in persons or self._known(word) or _COUNTED.fullmatch(word):
            return False
        if word.isascii():
            if word in _LATIN_STOP or not (word[0].isupper() or word[0].isdigit() or re.match(r"[a-z]{1,4}[A-Z]", word)):
                return False
            if word.isdigit() or re.fullmatch(r"[\d.,%]+", word):
                return False
            # a short capital acronym is a name only where the context is strong (투자사 ABC)
            return strong or not (word.isupper() and len(word) <= 3)
        if " " in word:
            words = word.split(" ")
            if any(t.startswith(("V", "E", "MAG")) for w in words for _, t, _ in _morphs(w)):
                return False  # a phrase with a verb or an adverb is a slogan, not a name
            return self._looks_like_name(words[0], persons, strong=True) or not re.search("[가-힣]", words[0])
        morphs = _morphs(word)
        if morphs and morphs[0][1] == "SN" and len(morphs) > 1 and morphs[1][1] in ("NNB", "NR"):
            return False
        if strong and 2 <= len(word) <= 4 and mandarin_spelling(word) and not any(
                len(f) >= 2 and not (t == "NNP" or (t == "NNG" and i == _OOV)) for f, t, i in morphs):
            return True  # after a category noun, a transliteration the analyser splits (쥐+시+ㄴ, 쥔+성)
        if not morphs or any(t.startswith(("V", "E", "J", "XSV", "XSA", "NP", "NR")) for _, t, _ in morphs):
            return False
        head = self.heads.match(word)
        if head is not None and len(head.head) >= 2 and head.type in ("Park", "Organization"):
            return False  # its own head names a zone or an organisation: …혁신구, …연구원
        if strong:
            # after a category noun any word the analyser cannot read as common nouns is a
            # name (오이메이커 = 오+이+메이커): one at least is proper, unknown, Latin or odd
            return any(t in ("NNP", "SL", "SN", "IC", "MM") or (t == "NNG" and i == _OOV)
                       for _, t, i in morphs)
        if any(t.startswith(("M", "IC")) for _, t, _ in morphs):
            return False
        form, tag, mid = morphs[0]
        if tag == "SN" and not any(t in ("SL", "NNP") or (t == "NNG" and i == _OOV) for _, t, i in morphs[1:]):
            return False  # 2025년, 65개: a number and a counter
        if tag in ("SL", "SN"):
            return len(morphs) > 1 or strong
        if tag == "NNP":
            return True
        return tag == "NNG" and mid == _OOV and len(morphs) <= 2

    def _persons(self, text: str) -> frozenset[str]:
        """Words the document uses next to a person's title (레이쥔 회장은, 회장 레이쥔)."""
        out = {m.group("p") for m in self._person_after_title.finditer(text)}
        out |= {m.group("p") for m in self._person_before_title.finditer(text)}
        return frozenset(out)

    # -- the rules -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        self._doc, self._tags = doc, None  # token starts, read on first need
        try:
            self._find(doc, out)
        finally:
            self._doc = self._tags = None  # the component keeps no Doc alive (memory of long documents)
        return doc

    def _find(self, doc: Doc, out: list) -> None:
        text = doc_text(doc)
        # names other components found already: their bare mentions are found again by the
        # arbiter (propagated, linked to where the name was introduced)
        known = {text[s:e] for c in out for s, e in ((c.start, c.end),) + tuple(c.aliases)}
        persons = self._persons(text) | known  # no name to guess
        self._after_category(text, persons, out)
        self._with_title(text, persons, out)
        self._called_by_category(text, persons, out)
        self._as_subject(text, persons, out)
        self._as_source(text, persons, out)
        self._as_object(text, persons, out)
        self._latin_headed(text, out)
        self._round_investors(text, persons, out)
        self._financial_heads(text, persons, out)
        out[:] = [c for c in out if not _WON_AMOUNT.match(text, c.start) or c.end != c.start + 2]

    def _bounded(self, text: str, e: int) -> bool:
        """Does a name end at ``e`` where the analyser ends a word or starts a particle
        (K데모데|이 is no name: 데모데이 is one word)?"""
        if e >= len(text) or not re.match(r"[가-힣]", text[e]):
            return True
        if self._tags is None:
            self._tags = self._doc.to_array([IDX]).tolist()  # token starts, in C
        i = bisect_left(self._tags, e)
        if i < len(self._tags) and self._tags[i] == e:
            return self._doc[i].tag_.startswith(("J", "VCP"))
        # the analyser read the name and its particle as one proper noun (쥔성이): the word
        # alone, read again, ends in that particle
        tok = self._doc[i - 1] if i > 0 else None
        if tok is None or tok.tag_ != "NNP" or not (tok.idx < e < tok.idx + len(tok.text)):
            return False
        morphs = _morphs(tok.text)
        rest = text[e:tok.idx + len(tok.text)]
        if len(morphs) < 2 or not morphs[-1][1].startswith("J") or morphs[-1][0] != rest:
            return False
        # the particle's form must suit the name's last syllable: 쥔성이 (a final consonant
        # takes 이), not 샤오웨|이 (a vowel would take 가)
        coda = (ord(text[e - 1]) - 0xAC00) % 28 if "가" <= text[e - 1] <= "힣" else -1
        return (rest in ("이", "은", "을", "과") and coda > 0) or (rest in ("가", "는", "를", "와") and coda == 0)

    @staticmethod
    def _span(m: re.Match) -> tuple[int, int, tuple[tuple[int, int], ...]]:
        if m.group("q"):
            s, e, a = m.start("q"), m.end("q"), "qalias"
        else:
            s, e, a = m.start("n"), m.end("n"), "alias"
        aliases = ((m.start(a), m.end(a)),) if m.group(a) and re.search(r"[A-Za-z\u4e00-\u9fff]", m.group(a)) else ()
        return s, e, aliases

    def _after_category(self, text: str, persons, out: list) -> None:
        for m in self._category.finditer(text):
            s, e, aliases = self._span(m)
            quoted = bool(m.group("q"))
            if not quoted and not self._bounded(text, e):
                continue
            if not quoted and not self._looks_like_name(text[s:e], persons, strong=True):
                continue
            if quoted and (self._known(text[s:e]) or text[s:e] in persons):
                continue
            cat = m.group("cat")
            label = "Investor" if any(cat.endswith(c) for c in self.investor_categories) else "Company"
            out.append(Candidate(s, e, label, "cue", 0.7, aliases=aliases, rule="business:category-before"))

    def _called_by_category(self, text: str, persons, out: list) -> None:
        """X라는 스타트업, ‘X’라는 중국 투자사, ‘X’ 로봇 기업은: the category names what X is."""
        for m in list(self._called.finditer(text)) + list(self._quoted_then_category.finditer(text)):
            s, e, aliases = self._span(m)
            if text[s:e] in self.category_words:
                continue  # ‘유니콘’ 기업: the quoted word is a category itself
            if not self._looks_like_name(text[s:e], persons, strong=True):
                continue
            cat = m.group("cat")
            label = "Investor" if any(cat.endswith(c) for c in self.investor_categories) else "Company"
            out.append(Candidate(s, e, label, "cue", 0.7, aliases=aliases, rule="business:called"))

    def _with_title(self, text: str, persons, out: list) -> None:
        for m in self._titled.finditer(text):
            s, e, aliases = self._span(m)
            person = m.group("person") or m.group("person2")
            if person and re.search("[가-힣]", person):
                mm = _morphs(person)
                if not mm or mm[0][1] not in ("NNP", "NNG") or (mm[0][1] == "NNG" and mm[0][2] != _OOV):
                    continue  # 대표 기업, 대표 제품: 대표 is no title here
            if not self._looks_like_name(text[s:e], persons, strong=True):
                continue
            out.append(Candidate(s, e, "Company", "cue", 0.7, aliases=aliases, rule="business:titled"))

    def _clause_start(self, text: str, s: int) -> bool:
        """Does the name at ``s`` open its clause (only adverbs, dates or a country before it)?"""
        i = s
        while True:
            j = i
            while j > 0 and text[j - 1] == " ":
                j -= 1
            if j == 0 or text[j - 1] in ".!?。\n\"”'’":
                return True
            if text[j - 1] == "," and j < i:
                # a comma after a connective ending (…했고, …하며,) opens a clause; one
                # after a name continues a list (A, B는 …)
                return j >= 2 and text[j - 2] in "고며서데만면나"
            if text.endswith(("따르면", "의하면"), 0, j):
                return True  # 업계에 따르면 X는 …
            k = j
            while k > 0 and not text[k - 1].isspace():
                k -= 1
            word = text[k:j]
            if word.rstrip(",") in _OPENERS or _DATE_WORD.fullmatch(word):
                i = k
                continue
            return False

    def _as_subject(self, text: str, persons, out: list) -> None:
        for m in self._subject.finditer(text):
            s, e = m.start("n"), m.end("n")
            if not self._clause_start(text, s) or not self._bounded(text, m.end("alias") + 1 if m.group("alias") else e):
                continue
            stop = _SENT_END.search(text, m.end())
            clause = text[m.end():stop.start() if stop else len(text)][:160]
            company = any(p in clause for p in self.company_predicates)
            investor = any(p in clause for p in self.investor_predicates)
            if not (company or investor):
                continue
            if not self._looks_like_name(text[s:e], persons):
                continue
            raises = re.search(r"유치|조달", clause)
            label = "Investor" if investor and not raises else "Company"
            aliases = ((m.start("alias"), m.end("alias")),) if m.group("alias") and re.search(
                r"[A-Za-z\u4e00-\u9fff]", m.group("alias")) else ()
            out.append(Candidate(s, e, label, "cue", 0.7, aliases=aliases, rule="business:subject"))

    def _as_object(self, text: str, persons, out: list) -> None:
        """The object of a business verb: X에 투자했다 (the investee), X를 인수했다 (the
        acquired), X와 합작사를 세웠다 / 업무협약을 맺었다 (the partner); the owner of what a
        firm has: X의 기업가치, X의 창업자, X의 시리즈B."""
        for m in list(_OBJECT.finditer(text)) + list(_POSSESSOR.finditer(text)):
            s, e = m.start("n"), m.end("n")
            if not self._bounded(text, e) or not self._looks_like_name(text[s:e], persons):
                continue
            out.append(Candidate(s, e, "Company", "cue", 0.7, rule="business:object"))

    def _as_source(self, text: str, persons, out: list) -> None:
        for m in self._source.finditer(text):
            s, e, aliases = self._span(m)
            if not m.group("q") and not self._bounded(text, e):
                continue
            if not self._looks_like_name(text[s:e], persons, strong=True):
                continue
            out.append(Candidate(s, e, "Investor", "cue", 0.7, aliases=aliases, rule="business:funding-source"))

    def _round_investors(self, text: str, persons, out: list) -> None:
        """Who leads or joins a funding round: X가 주도한 시리즈 B, A, B, C 등이 참여했다
        (the sentence must speak of a round or an investment)."""
        for m in list(_ROUND_ACTORS.finditer(text)) + list(_SOURCE_LIST.finditer(text)):
            start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
            stop = _SENT_END.search(text, m.end())
            sentence = text[start:stop.start() if stop else len(text)]
            if not _FUNDING_TALK.search(sentence):
                continue
            items = m.group("items")
            base = m.start("items")
            for im in _LIST_ITEM.finditer(items):
                s, e = base + im.start("n"), base + im.end("n")
                if self._known(text[s:e]) or not self._bounded(text, e):
                    continue
                if not self._looks_like_name(text[s:e], persons, strong=True):
                    continue
                out.append(Candidate(s, e, "Investor", "cue", 0.7, rule="business:round-investor"))

    def _financial_heads(self, text: str, persons, out: list) -> None:
        """A name glued to the word for a financial firm: 허싱증권, 루펑은행 (a company),
        하이란창업투자 (an investor). The stem must be a name (known or proper), never a
        common word (시중은행, 인터넷은행 name no firm)."""
        for m in _FINANCIAL.finditer(text):
            s, e = m.start("n"), m.end("n")
            stem = text[s:m.start("head")]
            if not self._bounded(text, e) or self._known(text[s:e]) or text[s:e] in persons:
                continue
            if not (self.reference.lookup(stem) or self._looks_like_name(stem, persons)):
                continue
            label = "Company" if m.group("head") in ("증권", "은행", "보험") else "Investor"
            group = re.search(r"(?<![A-Za-z0-9&])([A-Z]{2,5}) $", text[max(0, s - 7):s])
            if group and group.group(1) not in _LATIN_STOP:
                s -= len(group.group(0))  # the group's initials belong to the name: BNK 경남은행
            out.append(Candidate(s, e, label, "head", 0.8, rule="business:financial-head"))

    def _latin_headed(self, text: str, out: list) -> None:
        for m in _LATIN_HEADED.finditer(text):
            first = m.group("n").split(" ")[0]
            whole = text[m.start("n"):m.end("head")]
            if first in _GENERIC_LATIN_FIRST or first in _LATIN_STOP or self._known(whole):
                continue
            if m.start() > 0 and text[m.start() - 1] in "(（":
                continue  # a bracketed name is the apposition's (GSAT(Gyeongnam … Tech) is an event)
            if not _PARTICLE_AFTER.match(text, m.end("head")):
                continue  # only a name a Korean sentence uses (a particle after it), not a table cell
            if any(e.type == "Technology" for e in self.reference.lookup(m.group("n"))):
                continue
            label = "Investor" if m.group("head") in _LATIN_HEADS_INVESTOR else "Company"
            end = m.end("head")
            if text[end - 1] == "." and (end == len(text) or text[end:end + 1] in " \n"):
                end -= 0 if m.group("head").endswith(".") else 1
            out.append(Candidate(m.start("n"), end, label, "head", 0.8, rule="business:latin-headed"))


@Language.factory("kg_business_names", default_config={"reference_dir": None})
def make_business_names(nlp: Language, name: str, reference_dir: str | None) -> BusinessNames:
    return BusinessNames(nlp, name, reference_dir)
