"""``kg_patterns``: names found by their heads in running text.

Zones, companies, investors and organisations are named by a head (…하이테크구,
…경제기술개발구, …신구, …그룹, …캐피탈, …투자, …대학교) after a proper-name stem in the
same word (샤오펑자동차, 홍산캐피탈) or after one to four name words (우한 둥후
국가자주혁신시범구, 룽칭 벤처 캐피탈, 간쑤 하이테크 투자 그룹). A word counts as a name word
when it is Latin (CICC, H3C), a known place or name, or not a common word (the analyser
tags it as a proper noun or cannot analyse it); generic words such as 벤처, 투자, 국가 may
stand between name words but never make a name on their own.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import get_kiwi
from ..candidates import PRIORITY, Candidate, candidates
from ..cues import load_cues
from ..heads import load_heads
from ..reference import load_reference
from ..translit import mandarin_spelling
from .util import FUNDING_HEADER, PROSE_END, boundaries, caption_tables, doc_text

_MAKER_COLUMN = re.compile(r"(?:기업|기관|업체|회사|개발사|제조사|개발 주체|개발주체)")
_ITEM_ROW = re.compile(r"\s*(?:19|20)\d{2}[-.]\d{1,2}\s+")
_MAKER_NAME = re.compile(r"\s*([가-힣]{2,12})(?:\s(기술|정보|과학|테크|테크놀로지|그룹|홀딩스|과기))?(?=[\s,]|$)")
_TABLE_WORDS = frozenset({"라운드", "미공개", "비공개", "시리즈", "엔젤", "시드", "투자자", "금액", "일자", "억", "만"})
_FUNDING_ROUND_LINE = re.compile(r"\s*\S+(?:\s\S+)?\s*(?:라운드|투자)\s+(?:19|20)\d{2}[-.]\d{1,2}(?:[-.]\d{1,2})?\s+"
                                 r"(?:[\d,.]+\s*(?:억|만|천만)?\s*(?:위안|달러|원|엔|유로)|미공개|비공개)?\s*")
_LIST_ITEM = re.compile(r"\s*([^,()\n]+?)\s*(?:\([^()\n]*\))?\s*(?:,|$)")
_NUMBERED_HOSPITAL = re.compile(r"(?<![가-힣])([가-힣]{2,10}?)(?:\s?부속)?\s?(?:제\s?)?\d{1,2}\s?(?:부속\s?)?(?:인민병원|중의원|병원)")
_PARTICLE_TAGS = ("J", "E", "XSV", "XSA", "VCP")
_CONNECTORS = set("""국가 국가급 성급 시급 첨단 경제 기술 산업 과학 과학기술 혁신 자주 종합 신 시범 국제 공업 개발 투자 벤처 지주
자본 관리 자산 에너지 신에너지 스마트 디지털 바이오 하이테크 첨단기술 고신 정보 네트워크 소프트웨어 인공지능 AI 로봇 반도체
의료 헬스 제약 전자 전기 자동차 모빌리티 클라우드 데이터 글로벌 차이나 중국 홀딩스 그룹 기업 창업 산업투자 엔젤 성장 미래 기금
신흥 산업발전 발전 문화 콘텐츠 신탁
""".split())
_NOT_NAMES = set("""이 그 저 이번 해당 현지 각 동 주요 대표 관련 전국 중점 특별 신규 기존 새 새로운 여러 다수 모든 전체 지역 지방 국내 해외
세계 대형 중소 대 소 첫 최초 최대 일부 현재 또한 특히 한편 이후 이에 올해 작년 내년 당시 향후 인근 주변 전문 핵심 및 등 또는 기타 같은
위한 통한 대한 따른 있는 없는 하는 되는 된 한 할 총 약 기존의 민간 공공 정부 시 성 구 현 개 곳 개사 사 업체 기관 부문 분야 협력 합작
번째 첫번째 두번째 R&D 이하
""".split())
# abbreviations that are cited ("IPO에 따르면") but name no organisation
_NOT_SOURCES = {"IPO", "GDP", "CEO", "CPI", "PMI", "ESG", "M&A", "R&D", "AI", "EV", "KPI", "ROE", "YoY"}
_SUFFIX_ONLY = {"단지", "기지", "지구", "클러스터", "밸리", "센터"}
_STANDALONE_COMPANY = {"그룹", "홀딩스", "테크", "테크놀로지", "테크놀로지스", "유한공사", "유한회사", "주식회사",
                       "모터스", "로보틱스", "일렉트릭", "랩스", "유한책임공사"}
_PRODUCT_WORDS = {"대형", "모델", "플랫폼", "시스템", "앱", "챗봇", "서비스", "시리즈", "브랜드"}
_ROUND_LABEL = re.compile(r"(?:시리즈|프리|[Pp]re-?|엔젤|시드)\s?[A-Za-z]?\d?\+{0,2}(?:라운드)?")
_WORD = re.compile(r"[가-힣A-Za-z0-9&]+(?:[.\-][A-Za-z0-9]+)*")


def _generic_words(word: str) -> bool:
    """Can ``word`` be cut into generic and non-name words only (중소기업, 지역산업)?"""
    words = _CONNECTORS | _NOT_NAMES
    ok = [True] + [False] * len(word)
    for i in range(len(word)):
        if ok[i]:
            for j in range(i + 1, min(len(word), i + 6) + 1):
                ok[j] = ok[j] or word[i:j] in words
    return ok[len(word)]


class Patterns:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None, max_words: int):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()
        self.max_words = max_words
        self.by_type = {
            "Park": self.heads.heads("ko", "Park"),
            "Investor": self.heads.heads("ko", "Investor"),
            "Company": self.heads.heads("ko", "Company", strong_only=True),
            "Organization": [h for h in self.heads.heads("ko", "Organization") if len(h) >= 2],
        }
        # heads that may stand as a word of their own after the name (CICC 캐피탈, H3C 그룹)
        self.standalone = {h for typ, hs in self.by_type.items() for h in hs
                           if (typ != "Company" or h in _STANDALONE_COMPANY) and h not in _SUFFIX_ONLY}
        self.technology_names = {n.replace(" ", "") for n, e in self.reference.names() if e.type == "Technology"}
        cues = load_cues()
        self.divisions = sorted(cues.get("division", ()), key=len, reverse=True)
        self.attributions = tuple(cues.get("attribution", ()))
        self.cues_investor = set(cues.get("investor_after", ())) | set(cues.get("investor_before", ()))
        self.cues_before = set(cues.get("company_before", ())) | set(cues.get("investor_before", ()))
        after = set(cues.get("company_after", ())) | set(cues.get("investor_after", ()))
        item = r"[가-힣A-Za-z][가-힣A-Za-z0-9&.\-]{1,15}(?:\([^()\n]{1,40}\))?"
        self._list_cue = re.compile(
            r"(?P<items>%s(?:\s*,\s*%s){0,8})\s*등(?:의)?\s+(?:[가-힣A-Za-z]{1,6}\s+)?"
            r"(?P<cue>%s)(?=들|[이가은는을를의과와에도으]|[^가-힣]|$)" % (item, item, "|".join(map(re.escape, sorted(after, key=len, reverse=True)))))
        self._proper_cache: dict[str, bool] = {}
        self._mandarin_stems: set[str] = set()  # stems _weak_head accepted
        self._head_map: dict[str, tuple[str, str]] = {}
        for typ, heads in self.by_type.items():
            for h in heads:
                self._head_map.setdefault(h, (typ, h))
        self._max_head = max(map(len, self._head_map))

    # -- words ---------------------------------------------------------------------------
    def _known(self, word: str) -> str | None:
        hits = self.reference.lookup(word)
        return hits[0].type if hits else None

    def _proper(self, stem: str) -> bool:
        """Is ``stem`` a proper-name stem (not a common Korean word)?"""
        cached = self._proper_cache.get(stem)
        if cached is not None:
            return cached
        ok = False
        if stem in _NOT_NAMES or stem in _CONNECTORS or len(stem) < 2 and not stem.isascii():
            ok = False
        elif _ROUND_LABEL.fullmatch(stem):
            ok = False  # 시리즈A 투자, 프리B 투자: a round, not an investor named 시리즈A
        elif self._generic_compound(stem):
            ok = False  # 국가자주혁신 = 국가 + 자주 + 혁신: no name in it
        elif re.fullmatch(r"[A-Za-z0-9&.\-]+", stem):
            ok = (len(stem) >= 2 and bool(re.search(r"[A-Za-z]", stem))
                  and (stem[0].isupper() or stem[0].isdigit()))  # not the B of 시리즈 B
        elif stem.replace(" ", "") in self.technology_names:
            ok = False  # 휴머노이드로봇 is a technology, not a company called 휴머노이드
        elif self._known(stem) not in (None, "Technology"):
            ok = True
        else:
            toks = [t for t in get_kiwi().tokenize(stem) if t.len > 0]
            tags = [t.tag for t in toks]
            if any(t in ("NNP", "SL", "SH") for t in tags):
                ok = True
            elif any(t.tag == "NNG" and t.id == 2 for t in toks):
                ok = True  # a word the analyser does not know: a transliteration
            elif len(toks) >= 2 and all(t.len == 1 for t in toks) and not any(
                    t.tag.startswith(("J", "E", "V", "M")) for t in toks):
                ok = True
        self._proper_cache[stem] = ok
        return ok

    def _company_word(self, word: str) -> bool:
        """Is ``word`` a company's name on its own: a reference company or one ending in a
        strong company head (즈링로보틱스, 화웨이)?"""
        known = self._known(word)
        if known is not None:
            return known == "Company"
        hit = self._head_of(word)
        return hit is not None and hit[0] == "Company" and len(word) > len(hit[1])

    def _weak_head(self, core: str) -> tuple[str, str] | None:
        """A weak company head (…에너지, …소재, …전기) after a transliterated Chinese name in the
        same word (웨이란신에너지, 칭타오에너지): the Mandarin spelling of the stem makes it a name."""
        h = self.heads.match(core, "ko")
        if h is None or h.strong or h.type != "Company":
            return None
        stem = core[:-len(h.head)]
        if len(stem) >= 2 and mandarin_spelling(stem) and not self._generic_compound(stem) \
                and stem not in self.technology_names and self._known(stem) is None:
            self._mandarin_stems.add(stem)
            return ("Company", h.head)
        return None

    def _glued_name(self, core: str, stem: str, head: str, typ: str) -> bool:
        """A stem glued to a long, specific head (다온창업투자, 한결인베스트먼트, 루다로보틱스)
        names something even when the stem alone reads as ordinary words: the analyser reads
        the whole word as a proper noun or an unknown word, or reads the stem as nouns only
        that are no generic compound or technology."""
        if stem in self._mandarin_stems:
            return True
        if typ not in ("Company", "Investor") or len(head) < 3 or not re.fullmatch(r"[가-힣]{2,8}", stem):
            return False
        if stem in _NOT_NAMES or self._generic_compound(stem) or stem in self.technology_names \
                or self._known(stem) is not None or _generic_words(stem):
            return False
        toks = [t for t in get_kiwi().tokenize(core) if t.len > 0 and t.start < len(stem)]
        if any(t.tag == "NNP" or (t.tag == "NNG" and t.id == 2) for t in toks):
            return True
        # common nouns glued into one stem (등대카페); one common noun alone (청년) is generic
        return len(toks) >= 2 and toks[-1].start + toks[-1].len == len(stem) and all(t.tag == "NNG" for t in toks)

    @staticmethod
    def _generic_compound(word: str) -> bool:
        """Can ``word`` be cut into generic words only (국가자주혁신, 첨단기술산업)?"""
        n = len(word)
        ok = [False] * (n + 1)
        ok[0] = True
        for i in range(n):
            if ok[i]:
                for j in range(i + 1, min(n, i + 6) + 1):
                    if word[i:j] in _CONNECTORS:
                        ok[j] = True
        return n > 0 and ok[n]

    def _placed_institution(self, text: str, words, i: int, stem: str) -> bool:
        """An institution named by common words after its place (베이징 아동병원, 상하이
        해양지능연구소) or as a national body (국립해양생물자원연구소)."""
        if re.match(r"(?:국립|국가|성립|시립)", stem) and len(stem) >= 6:
            return True
        if i == 0 or len(stem) < 2:
            return False
        ps, pe, pcore, had_particle = words[i - 1]
        return not had_particle and text[pe:words[i][0]] == " " and self._is_place(pcore)

    def _numbered_hospitals(self, doc: Doc, out: list) -> None:
        """Numbered hospitals: 난하이대학교 제 3 병원, 광둥성 제2인민병원, 난펑 4 병원."""
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        for m in _NUMBERED_HOSPITAL.finditer(text):
            owner = m.group(1)
            if not (self._is_place(owner) or self._proper(owner) or owner.endswith(("대학교", "대학", "의과대학"))
                    or self._starts_with_place(owner)):
                continue
            s, e = m.start(1), m.end()
            if s in starts and e in ends:
                out.append(Candidate(s, e, "Organization", "head", PRIORITY["head"],
                                     rule="head:organization:numbered-hospital"))

    def _item_makers(self, doc: Doc, out: list) -> None:
        """Makers in a captioned table of dated items whose header names a company column
        (일자 | 명칭 | 기업/기관 | 용도, flattened into "2023-7 밍후(明湖) 난청대학교, 루이캉헬스 …"):
        the names right after the item — a word that is a name, optionally with a company
        word (쥔밍 정보, 하이린 기술) — and those comma-listed after it."""
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        for cs, ce, te in caption_tables(text):
            head_lines = text[ce:te].strip("\n").split("\n")[:2]
            if not any(_MAKER_COLUMN.search(h) and not _ITEM_ROW.match(h) for h in head_lines):
                continue
            offset = ce
            for line in text[ce:te].split("\n"):
                line_start, offset = offset, offset + len(line) + 1
                row = _ITEM_ROW.match(line)
                if not row:
                    continue
                rest = line[row.end():]
                paren = rest.find(")")
                comma = rest.find(",")
                if 0 < paren < 40 and (comma < 0 or paren < comma) and "(" in rest[:paren]:
                    at = paren + 1
                else:
                    latin = re.match(r"[A-Za-z0-9][A-Za-z0-9\-.+]*(?:\s[A-Za-z0-9][A-Za-z0-9\-.+]*)*", rest)
                    if not latin:
                        continue
                    at = latin.end()
                at += row.end()
                while True:
                    # a maker followed by a comma is a whole name when it is one word or ends in
                    # an institution's head (난펑 중의학대학교, 난청대학교 부속 훙산병원)
                    seg = re.match(r"\s*([^,\n]{2,40}?)\s*,\s*", line[at:])
                    if seg:
                        words = seg.group(1).split()
                        head = self._head_of(words[-1]) if words else None
                        if len(words) > 1 and len(words) <= 5 and head is not None and head[0] == "Organization" \
                                and not re.search(r"\d", seg.group(1)):
                            at += seg.end()
                            continue  # the head rules find the name itself
                    m = _MAKER_NAME.match(line, at)
                    if not m or not self._proper(m.group(1)) or self._is_place(m.group(1)):
                        break
                    s, e = line_start + m.start(1), line_start + m.end()
                    if m.group(2) is None and self._head_of(m.group(1)) is not None:
                        pass  # its own head (…헬스, …대학교): the head rules find it
                    elif s in starts and e in ends:
                        out.append(Candidate(s, e, "Company", "head", PRIORITY["head"], rule="table:item-maker"))
                    nxt = re.match(r",\s*", line[m.end():])
                    if not nxt:
                        break
                    at = m.end() + nxt.end()

    def _funding_investors(self, doc: Doc, out: list) -> None:
        """Investors listed in a funding table (header 라운드 … 투자자, rows "B 라운드 2024-07-24
        10 억 위안" followed by, or ending in, the investors separated by commas): each item
        is a name as a whole (HTSC 룽화, 톈진 훙다 즈싱 기업 관리 합자회사), an Investor unless
        its head says otherwise. Tables with cells are left to the table rules."""
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        lines = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        k = 0
        while k < len(lines):
            if not FUNDING_HEADER.search(lines[k][1]):
                k += 1
                continue
            k += 1
            while k < len(lines):
                line_start, line = lines[k]
                stripped = line.strip()
                if not stripped or FUNDING_HEADER.search(line) or (PROSE_END.search(stripped) and len(stripped) > 60):
                    break
                if " | " in line or "\t" in line:
                    k += 1
                    continue  # a table with cells: the table rules read it
                row = _FUNDING_ROUND_LINE.match(line)
                if row:
                    at = row.end()
                elif re.match(r"\s*(?:(?:사진|도표|그림|표)\s*\d|(?:자료|출처|주|Source|Note)\s*[:：])", line):
                    break  # the next caption, or the table's source and notes
                else:
                    at = 0
                for m in _LIST_ITEM.finditer(line, at):
                    item = m.group(1)
                    if len(item) < 2 or item in ("미공개", "비공개", "공개", "N/A") or re.search(r"\d", item) \
                            or any(w in _TABLE_WORDS for w in item.split()):
                        continue  # an amount, a date or a round (rows run together) is no name
                    s, e = line_start + m.start(1), line_start + m.end(1)
                    if s not in starts or e not in ends:
                        continue
                    head = self._head_of(item.replace(" ", ""))
                    typ = head[0] if head is not None and head[0] in ("Company", "Organization") else "Investor"
                    if any(h in item for h in self.by_type["Investor"] if len(h) >= 2):
                        typ = "Investor"  # 이싱 신룽위안 벤처캐피탈 주식회사
                    out.append(Candidate(s, e, typ, "head", PRIORITY["head"], rule="table:funding-investor"))
                k += 1

    def _is_place(self, word: str) -> bool:
        return any(e.type in ("City", "Region") for e in self.reference.lookup(word))

    def _broad_place(self, word: str) -> bool:
        """A country, continent or multi-city economic region (중국, 창장삼각주): zones named
        only by one are a class of zones (중국 하이테크구), not one zone."""
        return any(e.type == "Region" and e.kind in ("country", "economic_region", "continent")
                   for e in self.reference.lookup(word))

    def _starts_with_place(self, word: str) -> bool:
        for n in range(min(len(word), 6), 1, -1):
            if any(e.type in ("City", "Region") for e in self.reference.lookup(word[:n])):
                return True
        return False

    def _head_of(self, core: str) -> tuple[str, str] | None:
        """(type, head) of the longest head ``core`` ends with."""
        for n in range(min(len(core), self._max_head), 0, -1):
            hit = self._head_map.get(core[-n:])
            if hit is not None:
                return hit
        return None

    # -- matching --------------------------------------------------------------------------
    def _words(self, doc: Doc):
        """Words of each line: (start, end_without_particles, core, had_particle)."""
        text = doc_text(doc)
        line_words: list[list[tuple[int, int, str, bool]]] = []
        # token starts and "is a particle" once per doc, not a Span and Tokens per word: the
        # tokens tile the text, so the last token of a word is the last one starting before its end
        idx = [t.idx for t in doc]
        bound = [t.tag_.startswith(_PARTICLE_TAGS) or t.text == "들" for t in doc]
        for line in re.finditer(r"[^\n]+", text):
            words = []
            for m in _WORD.finditer(line.group()):
                s = line.start() + m.start()
                e = line.start() + m.end()
                end = e
                j = bisect_right(idx, e - 1) - 1
                while j >= 0 and idx[j] > s and bound[j]:
                    end = idx[j]
                    j -= 1
                words.append((s, end, text[s:end], end != e))
            line_words.append(words)
        return line_words

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        for words in self._words(doc):
            for i, (s, e, core, _p) in enumerate(words):  # _p: a particle followed the word
                head = self._head_of(core) or self._weak_head(core)
                if head is None:
                    continue
                typ, h = head
                stem = core[: -len(h)]
                name_words = []
                start = s
                if stem:
                    if not (self._proper(stem) or stem in _CONNECTORS or
                            (typ == "Organization" and self._placed_institution(text, words, i, stem)) or
                            self._glued_name(core, stem, h, typ)):
                        continue
                    name_words.append(stem)
                elif h not in self.standalone:
                    continue
                # a company name followed by a product word names a product: 루밍의료 대형 모델
                if typ in ("Company", "Investor") and i + 1 < len(words) and not _p \
                        and words[i + 1][2] in _PRODUCT_WORDS and text[e:words[i + 1][0]] == " ":
                    continue
                # extend left over name words joined by single spaces; a company or investor
                # whose own word already holds a proper stem does not (MediLM 루캉헬스)
                j = i - 1
                if typ in ("Company", "Investor") and stem and stem not in _CONNECTORS:
                    j = -1
                while j >= 0 and len(name_words) < self.max_words:
                    ps, pe, pcore, had_particle = words[j]
                    if had_particle or text[pe:start] != " ":
                        break
                    if pcore in _NOT_NAMES or pcore in _TABLE_WORDS or re.fullmatch(r"[\d,.\-/]+", pcore):
                        break  # a date, an amount or a round is no part of a name
                    if name_words and self._starts_with_place(name_words[0]):
                        break  # a zone's name starts at its place: 테스트도로 개방 | 상하이자유무역시험구
                    if not (self._proper(pcore) or pcore in _CONNECTORS or
                            (typ in ("Organization", "Park") and re.fullmatch(r"[가-힣]{2,8}", pcore))):
                        break
                    name_words.insert(0, pcore)
                    start = ps
                    j -= 1
                # trim leading connectors (국가 … stays only inside)
                while name_words and name_words[0] in _CONNECTORS and len(name_words) > 1 and \
                        not self._proper(name_words[0]):
                    start = text.index(name_words[1], start + len(name_words[0]))
                    name_words.pop(0)
                proper = [w for w in name_words if w not in _CONNECTORS and self._proper(w)]
                if not proper and not (stem and name_words == [stem] and self._glued_name(core, stem, h, typ)):
                    continue
                if typ == "Investor" and not stem and all(self._is_place(w) for w in proper):
                    continue  # 경상북도 투자: a place's investment, not an investor
                if typ == "Investor" and not stem and h in ("투자", "펀드") and self._company_word(name_words[-1]):
                    continue  # 즈링로보틱스 투자에는: the investment in (or of) a company, not an investor
                if not stem and i + 1 < len(words) and words[i + 1][2] in ("및", "과", "와") and not _p:
                    continue  # 강원도 투자 및 인프라 본부: the head word is a common noun here
                if typ == "Park" and proper and all(self._broad_place(w) for w in proper):
                    continue  # 창장삼각주 국가급 고신구, 중국하이테크산업개발구: a class of zones
                if start not in starts or e not in ends:
                    continue
                if typ == "Company":
                    name = text[start:e]
                    if any(ih in name[: -len(h)] for ih in self.by_type["Investor"] if len(ih) >= 2):
                        typ = "Investor"
                conf = PRIORITY["head"] - (0.05 if typ == "Organization" else 0.0)
                out.append(Candidate(start, e, typ, "head", conf, rule=f"head:{typ.lower()}:{h}"))
        self._divisions(doc, out)
        self._numbered_hospitals(doc, out)
        self._item_makers(doc, out)
        self._funding_investors(doc, out)
        self._attributions(doc, out)
        self._context_cues(doc, out)
        return doc

    def _context_cues(self, doc: Doc, out: list) -> None:
        """Names a cue calls companies or investors: "허린디지털, 캉줘야 등 기업",
        "스타트업 샤오린스마트", "투자사 훙산" (each list item must look like a proper name)."""
        text = doc_text(doc)
        starts, _ends = boundaries(doc)
        name = r"[가-힣A-Za-z][가-힣A-Za-z0-9&.\-]{1,15}"
        for m in self._list_cue.finditer(text):
            typ = "Investor" if m.group("cue") in self.cues_investor else "Company"
            for item in re.finditer(name, m.group("items")):
                s = m.start("items") + item.start()
                e = m.start("items") + item.end()
                self._cue_candidate(doc, text, s, e, typ, f"cue:list:{m.group('cue')}", starts, out)
        for m in re.finditer(r"(?<![가-힣])(?P<cue>%s)\s+(?P<name>%s)" % ("|".join(
                map(re.escape, sorted(self.cues_before, key=len, reverse=True))), name), text):
            typ = "Investor" if m.group("cue") in self.cues_investor else "Company"
            s, e = m.start("name"), m.end("name")
            self._cue_candidate(doc, text, s, e, typ, f"cue:before:{m.group('cue')}", starts, out)

    def _cue_candidate(self, doc, text, s, e, typ, rule, starts, out) -> None:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return
        for tok in reversed(span):  # drop particles: 샤오린스마트는 → 샤오린스마트
            if tok.idx > s and tok.tag_.startswith(_PARTICLE_TAGS):
                e = tok.idx
            else:
                break
        word = text[s:e]
        if s not in starts or len(word) < 2 or word in _NOT_NAMES or word in _CONNECTORS or word in _NOT_SOURCES:
            return
        if not self._proper(word) or self._known(word) in ("City", "Region", "Park", "Technology", "Product"):
            return
        out.append(Candidate(s, e, typ, "cue", PRIORITY["cue"], rule=rule))

    def _divisions(self, doc: Doc, out: list) -> None:
        """A company's division or brand acting on its own: 알리바바 클라우드, 텐센트 AI Lab."""
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        for c in list(out):
            if c.extractor != "gazetteer" or c.label != "Company":
                continue
            if text[c.end:c.end + 1] != " ":
                continue
            for d in self.divisions:
                e = c.end + 1 + len(d)
                if text.startswith(d, c.end + 1) and e in ends:
                    nxt = text[e:e + 1]
                    if nxt and re.match(r"[A-Za-z0-9]", nxt):
                        continue
                    out.append(Candidate(c.start, e, "Company", "head", PRIORITY["head"],
                                         rule=f"head:division:{d}"))
                    break

    def _attributions(self, doc: Doc, out: list) -> None:
        """An English name cited as a source: Statista에 따르면 → a (research) company."""
        text = doc_text(doc)
        starts, _ = boundaries(doc)
        for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})"
                             r"(?=(%s))" % "|".join(map(re.escape, self.attributions)), text):
            if m.start(1) in starts and len(m.group(1)) >= 3 and m.group(1) not in _NOT_SOURCES:
                out.append(Candidate(m.start(1), m.end(1), "Company", "cue", 0.7,
                                     rule=f"cue:attribution:{m.group(2)}"))


@Language.factory("kg_patterns", default_config={"reference_dir": None, "max_words": 4})
def make_patterns(nlp: Language, name: str, reference_dir: str | None, max_words: int) -> Patterns:
    return Patterns(nlp, name, reference_dir, max_words)
