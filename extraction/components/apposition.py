"""``kg_apposition``: names given with their other names in parentheses.

Korean reports introduce Chinese and foreign names as 한글(中文), 한글(English, 中文),
English(中文, 한글) or 한글(中文, 이하 '약칭'). This component finds such appositions,
decides whether they name an entity and of which type (reference data for any of the
names, then name heads such as …科技 / …그룹 / …개발구, then context cues, then a default
for transliterated names), and proposes the head with the other names as aliases. A
'hereafter' short name (이하 '훙퉁테크') becomes an alias too.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import PRIORITY, Candidate, candidates
from ..cues import load_cues
from ..heads import load_heads
from ..names import is_han, name_key, script_of
from ..reference import load_reference
from ..translit import is_sino_korean_word, looks_transliterated
from .util import boundaries, doc_text

_PAREN = re.compile(r"[(（]([^()（）\n]{1,90})[)）]")
_SPLIT = re.compile(r"\s*[,，、;；/]\s*")
_HEREAFTER = re.compile(r"^(?:이하|以下简称|以下称|약칭|줄여서)\s*[:：]?\s*['‘’\"“”「]?([^'‘’\"“”」]{1,30}?)['‘’\"“”」]?\s*(?:라\s*함|로\s*약칭)?$")
_LEAD_PUNCT = "‘'\"“<《「『[〈·-—▲△●○■□◆◇◼•▶►"
_TRAIL_PUNCT = "’'\"”>》」』]〉"
_NUMERIC = re.compile(r"^[\d\s.,%~\-+억만천원위안달러년월일$€¥]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9&.'\- ]{0,48}[A-Za-z0-9.)]?$")
_MODEL_AFTER = re.compile(r" ?(?:[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3}|[A-Z]\d?|Pro|Max|Plus|Ultra|mini)(?=[\s'’\"”,.)은는이가을를의]|$)")
_PRODUCT_AFTER = re.compile(r"['’\"”]?\s?(서비스|플랫폼|앱|애플리케이션|시스템|브랜드|모델|챗봇|솔루션)(?=[을를이가은는의에과와도로]|[^가-힣]|$)")
_DATE_BEFORE = re.compile(r"(?:^|\s)(?:19|20)\d{2}[-.]\d{1,2}\s$")
_ROUND_AFTER = re.compile(r"\s?(?:시리즈|프리|엔젤|시드|[A-Z]\+?\s*라운드|라운드|IPO|투자|유치)")
_PRODUCT_BEFORE = re.compile(r"(?:모델|플랫폼|브랜드|서비스|앱|시스템|시리즈|제품|챗봇)\s?['‘\"“]$")
_GENERIC_PREFIX = {"국가", "국가급", "성급", "시급", "첨단", "신", "종합", "국제", "중국", "현지", "산업", "경제",
                   "기술", "과학", "전략", "정책", "발전", "투자", "벤처"}
_GENERIC_LEAD = {"대형", "초대형", "의료", "범용", "스마트", "AI", "신형", "차세대"}
_MODEL_NUMBER = re.compile(r"[A-Z]{0,3}\d{1,4}[A-Za-z]{0,2}")
_ABBREV = re.compile(r"^[A-Z0-9][A-Z0-9\-&]{0,6}$")


def _eojeol_start(text: str, end: int) -> int:
    i = end
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


class Apposition:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None, default_company: bool):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()
        self.cues = load_cues()
        self.default_company = default_company
        self.surnames, self.given = load_names_data()

    # -- finding the parts -------------------------------------------------------------
    def _head_span(self, text: str, paren: int) -> tuple[int, int] | None:
        end = paren
        if end > 0 and text[end - 1] == " ":
            end -= 1
        if end <= 0 or text[end - 1].isspace():
            return None
        start = _eojeol_start(text, end)
        seg = text[start:end]
        for sep in (",", "，", "、", "·", "/"):
            if sep in seg:
                start = start + seg.rfind(sep) + 1
                seg = text[start:end]
        while start < end and text[start] in _LEAD_PUNCT:
            start += 1
        while end > start and text[end - 1] in _TRAIL_PUNCT:
            end -= 1
        if end <= start:
            return None
        # a bare head word names nothing alone: 밍위안 캐피탈(明源资本), 루밍의료 대형 모델(…),
        # and neither does a model number: 윈하이 대형 모델 X1(…)
        words_added = 0
        while words_added < 3 and self._generic_first_word(text[start:end]):
            if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
                break
            ps = _eojeol_start(text, start - 1)
            while ps < start - 1 and text[ps] in _LEAD_PUNCT:
                ps += 1
            word = text[ps:start - 1]
            if not re.fullmatch(r"[가-힣A-Za-z0-9]+", word) or re.search(r"(은|는|이|가|을|를|의|에|와|과|인|로|에서|도)$", word):
                break
            start = ps
            words_added += 1
        # an English name of several words: Horizon Robotics(地平线)
        if re.fullmatch(r"[A-Za-z0-9&.\-']+", text[start:end]):
            while True:
                prev_end = start - 1
                if prev_end <= 0 or text[prev_end] != " ":
                    break
                prev_start = _eojeol_start(text, prev_end)
                word = text[prev_start:prev_end]
                if re.fullmatch(r"[A-Z][A-Za-z0-9&.\-']*", word) and (start - prev_start) < 40:
                    start = prev_start
                else:
                    break
        return start, end

    def _generic_first_word(self, name: str) -> bool:
        """Does ``name`` start with a word that cannot begin a name (a head word such as
        캐피탈 or 모델, a size word such as 대형, or a model number such as X1)?"""
        first = name.split(" ", 1)[0]
        if first in _GENERIC_LEAD or _MODEL_NUMBER.fullmatch(first):
            return True
        h = self.heads.match("x" + first, "ko")
        # a head alone (캐피탈) or behind generic words only (국가자주혁신시범구)
        return h is not None and (h.head == first or first[:-len(h.head)] in _GENERIC_PREFIX)

    def _parts(self, inner: str, offset: int):
        """Split the parenthesis into (start, end, kind) parts."""
        out = []
        pos = 0
        for piece in _SPLIT.split(inner):
            idx = inner.find(piece, pos)
            pos = idx + len(piece)
            s, e = offset + idx, offset + idx + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            s += lead
            e = s + len(stripped)
            m = _HEREAFTER.match(stripped)
            if m:
                hs = s + stripped.find(m.group(1))
                out.append((hs, hs + len(m.group(1)), "hereafter"))
                continue
            out.append((s, e, self._kind(stripped)))
        return out

    @staticmethod
    def _kind(part: str) -> str:
        if _NUMERIC.match(part) or len(part) > 40:
            return "junk"
        script = script_of(part)
        if script == "zh":
            han = sum(1 for c in part if is_han(c))
            return "zh" if han >= 2 and han >= len(part.replace(" ", "")) * 0.6 else "junk"
        if script == "en":
            if _ABBREV.match(part):
                return "abbrev"
            return "en" if _LATIN_NAME.match(part) else "junk"
        if " " in part.strip() or len(part) > 14:
            return "junk"  # a Korean gloss (완성차 제조), not another name
        return "ko"

    # -- deciding --------------------------------------------------------------------
    def _person(self, text: str, start: int, end: int) -> bool:
        """Is the name at ``[start, …)`` a person's (a title right before it or right after
        ``end``, the end of its parenthesis)?"""
        titles = self.cues.get("person_title", frozenset())
        before = text[max(0, start - 12):start].split()
        after = text[end:end + 14].split()
        if before:
            last = before[-1].rstrip(",")
            if last in titles or (last.endswith("인") and last[:-1] in titles):  # 책임자인 리밍하오
                return True
        for word in after[:3]:  # 판젠웨이(潘建伟) 중국과학기술대학 교수는
            if word in ("등", "및", "또는") or word.startswith(("등", "(")):
                break
            first = re.sub(r"[은는이가을를의과와도,.]+$", "", word)
            if first in titles or any(first.startswith(t) for t in titles if len(t) >= 2):
                return True  # 교수팀, 회장은
            if word.endswith((",", "，")) or re.search(r"[은는이가을를과와]$", word):
                break
        return False

    def _place_sequence(self, zh: str):
        """The last place of a Chinese name made only of place names (四川省成都 → 成都)."""
        i, last = 0, None
        while i < len(zh):
            for j in range(len(zh), i + 1, -1):
                hits = [h for h in self.reference.lookup(zh[i:j]) if h.type in ("City", "Region")]
                if hits:
                    last = sorted(hits, key=lambda h: (-len(h.names), h.id))[0]
                    i = j
                    break
            else:
                return None
        return last if i == len(zh) and last is not None and zh not in {n for n in last.zh} else None

    def _personal_name(self, zh: str) -> bool:
        """A Chinese personal name: a family name and one or two given-name characters
        (曹林, 窦志远)."""
        return 2 <= len(zh) <= 3 and zh[0] in self.surnames and all(c in self.given for c in zh[1:])

    def _reference_entry(self, text: str, start: int, end: int) -> bool:
        """A reference-list entry "매체(媒体). 제목. URL": the name is a media outlet."""
        line_start = text.rfind("\n", 0, start) + 1
        return start == line_start and text.startswith(". ", end)

    def _following_head(self, text: str, end: int):
        """A head word right after the parenthesis that the name belongs to."""
        m = re.match(r" ([가-힣]{2,8})(?=[\s은는이가을를의과와도에,.]|$)", text[end:end + 12])
        if not m:
            return None
        word = m.group(1)
        word = re.sub(r"(은|는|이|가|을|를|의|과|와|도|에서|에)$", "", word)
        h = self.heads.match("x" + word, "ko")
        if h is not None and h.type in ("Organization", "Investor", "Park") and len(word) >= 3 \
                and (h.head == word or word[:-len(h.head)] in _GENERIC_PREFIX):
            return h  # 연구원, 캐피탈, 산업연구원 — not 저장대학교, which is a name of its own
        return None

    def _source_line(self, text: str, start: int) -> bool:
        """Inside a source line: (출처: 커지르바오(科技日报)) names a media outlet."""
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 40):start]
        return bool(re.search(r"(출처|자료|来源|Source|source)\s*[:：]", before))

    def _extend_by_place(self, text: str, hs: int, chinese: list[str]) -> int:
        """Move the head's start back to a place name that the Chinese name starts with:
        난후 혁신과학 AI단지 (南湖创新科技城AI园) is one name, not just AI단지."""
        if not chinese:
            return hs
        zh = chinese[0]
        start = hs
        for _ in range(4):
            if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
                break
            ps = _eojeol_start(text, start - 1)
            word = text[ps:start - 1]
            if not re.fullmatch(r"[가-힣A-Za-z0-9]+", word):
                break
            lookup = self.reference.lookup(word)
            if not lookup and re.search(r"(은|는|이|가|을|를|의|에|와|과|인|로|에서|도)$", word):
                break  # 항저우시 산업 유도기금인 X: a description ends at its particle or copula
            for e in lookup:
                if e.type in ("City", "Region") and any(zh.startswith(z) for z in e.zh if len(z) >= 2):
                    return ps
            start = ps
        return hs

    def _place_note(self, head: str, part: str) -> bool:
        """Is ``part`` (in the parenthesis after ``head``) a place that says where ``head`` is
        rather than another name of it: 루이칭(중국), 한빛소재(한국), 쥔허테크(선전)? Not when
        ``head`` is a place itself (상해(상하이), 장쑤성(난징))."""
        if not any(h.type in ("City", "Region") for h in self.reference.lookup(part)):
            return False
        return not any(h.type in ("City", "Region") for h in self.reference.lookup(head))

    def _noted_name(self, text: str, hs: int, he: int, end: int) -> Candidate | None:
        """The name before a place note (루이칭(중국)): its reference entry, else the type its
        head gives, else a company when it is a name the analyser does not know."""
        head = text[hs:he]
        hits = self.reference.lookup(head)
        if hits:
            entry = sorted(hits, key=lambda x: x.id)[0]
            return Candidate(hs, he, entry.type, "apposition", PRIORITY["apposition"], ref_id=entry.id,
                             rule="apposition:reference+place-note")
        if self._person(text, hs, end) or self._generic_first_word(head):
            return None
        h = self.heads.match(head, script_of(head) if script_of(head) == "zh" else "ko")
        if h is not None and h.type not in ("none", "City", "Region") and not _common_stem(head[:-len(h.head)]):
            return Candidate(hs, he, h.type, "apposition", 0.7, rule=f"apposition:head:{h.head}+place-note")
        if h is None and (_unknown_word(head) or _LATIN_NAME.match(head)) and " " not in head:
            return Candidate(hs, he, "Company", "apposition", 0.6, rule="apposition:place-note")
        return None

    def _classify(self, names: list[tuple[str, str]]) -> tuple[str | None, str]:
        """Type from name heads; ``none`` for events/documents; None if undecided."""
        found = []
        zh = [n for n, k in names if k == "zh"]
        hangul_only = all(k == "ko" for _, k in names)
        for name, kind in names:
            if kind in ("zh", "ko"):
                h = self.heads.match(name, "zh" if kind == "zh" else "ko")
                if h and kind == "ko" and len(h.head) == 1 and zh and looks_transliterated(name, zh[0]):
                    continue  # 쿠루이청(酷睿程): 청 is a syllable of the name, not 청 (agency)
                if h and hangul_only and _common_stem(name[:-len(h.head)]):
                    continue  # 업스트림 (핵심기술): a common word before the head names nothing
                if h:
                    found.append((h, kind))
        if not found:
            return None, ""
        # Chinese heads are the most reliable, then the longest head
        found.sort(key=lambda hk: (hk[1] != "zh", -len(hk[0].head)))
        h = found[0][0]
        if h.type == "Company":
            # an investment company: 宜兴恒远投资有限公司, 시난투자홀딩스
            for name, kind in names:
                script = "zh" if kind == "zh" else "ko"
                inv = [x for x in self.heads.heads(script, "Investor") if len(x) >= 2]
                if any(x in name[:-len(h.head) or None] for x in inv):
                    return "Investor", f"head:{h.head}+investor"
        return h.type, f"head:{h.head}"

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        for m in _PAREN.finditer(text):
            span = self._head_span(text, m.start())
            if span is None:
                continue
            hs, he = span
            head = text[hs:he]
            if len(name_key(head)) < 2 and not (len(head) == 1 and is_han(head)):
                continue
            if _NUMERIC.match(head):
                continue
            model_named = bool(_MODEL_NUMBER.search(head.split(" ")[-1])) and " " in head
            parts = self._parts(m.group(1), m.start(1))
            alias_parts = [(s, e, k) for s, e, k in parts if k in ("zh", "en", "ko", "abbrev")]
            hereafter = [(s, e) for s, e, k in parts if k == "hereafter"]
            if not alias_parts and not hereafter:
                continue
            # a place before them, or two or more parts that are all places (장강삼각주(상하이, 난징))
            # (a part no reference entry knows may be a place too: 장강삼각주(상하이, 난징, 우후))
            part_hits = [self.reference.lookup(text[s:e]) for s, e, _ in alias_parts]
            places_listed = len(alias_parts) >= 2 and \
                sum(any(h.type in ("City", "Region") for h in hits) for hits in part_hits) >= 2 and \
                all(not hits or any(h.type in ("City", "Region") for h in hits) for hits in part_hits)
            members = _member_list(head, alias_parts, places_listed or
                                   any(h.type in ("City", "Region") for h in self.reference.lookup(head)))
            if members is not None:
                # 한국 혁신 기업 7개사(A, B, C), 장쑤성(난징, 쑤저우, 우시): the members of a
                # group, not other names of the word before them; members of a count of
                # companies are companies
                if _COUNT_HEAD.search(head):
                    out.extend(Candidate(ps, pe, "Company", "apposition", 0.6, rule="apposition:member-list")
                               for ps, pe in members)
                elif places_listed and " " not in head and not self.reference.lookup(head) and _unknown_word(head):
                    # an unknown name whose parenthesis lists places only is the region they form
                    out.append(Candidate(hs, he, "Region", "apposition", 0.6, rule="apposition:region-of-members"))
                continue
            head_kind = script_of(head)
            if alias_parts and not hereafter and all(k == "ko" and self._place_note(head, text[s:e])
                                                     for s, e, k in alias_parts):
                note = self._noted_name(text, hs, he, m.end())
                if note is not None:
                    out.append(note)
                continue
            names = [(head, head_kind)] + [(text[s:e], k) for s, e, k in alias_parts]
            # 1. reference data knows one of the names
            entry = None
            for n, _k in names:
                hits = self.reference.lookup(n)
                if hits:
                    entry = sorted(hits, key=lambda x: x.id)[0]
                    break
            # a part that reference data knows as something else is no other name of the
            # head: 중국(광저우) is China with a city, not a name of China
            alias_parts = [(s, e, k) for s, e, k in alias_parts
                           if not _names_other(self.reference.lookup(text[s:e]), entry)]
            aliases = tuple((s, e) for s, e, _ in alias_parts) + tuple(hereafter)
            if entry is not None:
                out.append(Candidate(hs, he, entry.type, "apposition", PRIORITY["apposition"],
                                     ref_id=entry.id, aliases=aliases, rule="apposition:reference"))
                continue
            # 2. an abbreviation of a term: 첨단운전자보조시스템(ADAS) — not decided here; but a
            # word the analyser does not know, written with its Latin name, is a brand:
            # 카리아드(CARIAD)
            if all(k == "abbrev" for _, _, k in alias_parts) and not hereafter:
                latin = [text[s:e] for s, e, _ in alias_parts]
                if head_kind == "ko" and any(len(x) >= 4 and x.isalpha() for x in latin) \
                        and _unknown_word(head) and not self._person(text, hs, m.end()):
                    out.append(Candidate(hs, he, "Company", "apposition", 0.6, aliases=aliases,
                                         rule="apposition:korean+latin-name"))
                continue
            zh_names = [text[s:e] for s, e, k in alias_parts if k == "zh"]
            if self._generic_first_word(head) and " " not in head and entry is None:
                continue  # 산업단지(一区十园): a head word alone names nothing
            place = next((p for p in (self._place_sequence(z) for z in zh_names) if p), None)
            if place is not None and entry is None:
                out.append(Candidate(hs, he, place.type, "apposition", 0.8, ref_id=place.id, aliases=aliases,
                                     rule="apposition:place-sequence"))
                continue
            if self._person(text, hs, m.end()) or any(self._personal_name(z) for z in zh_names):
                continue
            if self._source_line(text, hs):
                out.append(Candidate(hs, he, "Organization", "apposition", PRIORITY["apposition"],
                                     aliases=aliases, rule="apposition:source-line"))
                continue
            if any(_directional_region(z) for z in zh_names):
                out.append(Candidate(hs, he, "Region", "apposition", 0.8, aliases=aliases,
                                     rule="apposition:directional-region"))
                continue
            if self._reference_entry(text, hs, m.end()):
                out.append(Candidate(hs, he, "Organization", "apposition", PRIORITY["apposition"],
                                     aliases=aliases, rule="apposition:reference-entry"))
                continue
            typ, rule = self._classify(names)
            sino = bool(zh_names) and head_kind == "ko" and is_sino_korean_word(head, zh_names[0])
            if sino and typ is None:
                continue  # a Korean word for a Chinese term: 시급(市级), 일대일로(一带一路)
            following = self._following_head(text, m.end())
            if following is not None:  # 중허리화(中合利华) 산업연구원
                typ, rule = following.type, f"head:{following.head}:after"
            elif _PRODUCT_AFTER.match(text, m.end()):  # '러러(乐乐)' 서비스
                typ, rule = "Product", "product-word-after"
            elif typ in (None, "Company") and _PRODUCT_BEFORE.search(text, max(0, hs - 8), hs):
                typ, rule = "Product", "product-word-before"  # 의료 대형 모델 ‘후이이원다(慧医问答)’
            elif _MODEL_AFTER.match(text, m.end()) or model_named:  # 루즈(路智) 3X, 윈하이 대형 모델 X1
                typ, rule = "Product", "model-number"
            elif typ in (None, "Company") and _DATE_BEFORE.search(text, max(0, hs - 12), hs) \
                    and not _ROUND_AFTER.match(text, m.end()):
                # the item of a dated list ("2023-7 밍이원다오(明医问道) 루징중의학 …"): a model
                # or product released then, not a company (a funding row names its round)
                typ, rule = "Product", "dated-item"
            if typ == "none":
                continue
            if typ in ("Park", "Organization", "Company", "Investor"):
                hs = self._extend_by_place(text, hs, zh_names)
            conf = PRIORITY["apposition"]
            if typ is None:
                zh = [text[s:e] for s, e, k in alias_parts if k == "zh"]
                en = [text[s:e] for s, e, k in alias_parts if k == "en"]
                if zh and head_kind == "ko" and is_sino_korean_word(head, zh[0]):
                    continue  # a Korean word for a Chinese term: 일대일로(一带一路), 쌍탄(双碳)
                if zh and head_kind == "ko" and looks_transliterated(head, zh[0]):
                    typ, rule, conf = "Company", "apposition:transliteration", 0.8
                elif zh and head_kind == "en":
                    typ, rule, conf = "Company", "apposition:english+chinese", 0.8
                elif hereafter:
                    typ, rule, conf = "Company", "apposition:hereafter", 0.7
                elif self.default_company and en and head_kind == "ko" and not _ABBREV.match(en[0]) \
                        and _unknown_word(head):  # 발레오(Valeo), not 예지보전(Predictive Maintenance)
                    typ, rule, conf = "Company", "apposition:korean+english", 0.55
                else:
                    continue
            if typ in ("City", "Region") and rule.startswith("head:"):
                # a Korean …시/…성 alone is weak (킬로와트시(kWh), 후이시(慧犀)): the Chinese
                # name must say it too
                if not any(z.endswith(("市", "省", "自治区", "县")) for z in zh_names):
                    continue
                conf = 0.6
            out.append(Candidate(hs, he, typ, "apposition", conf, aliases=aliases,
                                 rule=f"apposition:{rule}" if not rule.startswith("apposition") else rule))
        return doc


_COUNT_HEAD = re.compile(r"\d+\s?(?:개사|개\s?기업|개\s?업체|개\s?회사|개\s?스타트업|곳|社|家)$")


def _member_list(head: str, parts: list[tuple[int, int, str]], place: bool) -> list[tuple[int, int]] | None:
    """The spans of a parenthesis that lists the members of a group rather than other
    names of the word before it: two or more parts, none of them Chinese, after a count
    (7개사, 3곳) or after a place (a region and its cities)."""
    kinds = [k for _, _, k in parts]
    if len(parts) < 2 or "zh" in kinds:
        return None
    if _COUNT_HEAD.search(head) or place:
        return [(s, e) for s, e, _ in parts]
    return None


def _common_stem(stem: str) -> bool:
    """Is ``stem`` made of ordinary nouns only (핵심, 주요 부품), as Kiwi reads it?"""
    from ..analyzer import get_kiwi

    stem = stem.strip()
    if not stem:
        return True
    toks = [t for t in get_kiwi().tokenize(stem) if t.len > 0]
    return bool(toks) and all(t.tag in ("NNG", "XPN", "XSN", "MM") for t in toks)


def _unknown_word(korean: str) -> bool:
    """Is ``korean`` a word the analyser does not know (a transliterated foreign name) rather
    than ordinary Korean (예지보전, 매장, 레이더)? Kiwi marks unknown nouns with id 2."""
    from ..analyzer import get_kiwi

    toks = [t for t in get_kiwi().tokenize(korean.replace(" ", "")) if t.len > 0]
    return any(t.id == 2 or t.tag == "NNP" for t in toks)


def _names_other(hits, entry) -> bool:
    """Do reference hits for a part name something other than ``entry``?"""
    if not hits:
        return False
    if entry is None:
        return any(h.type in ("City", "Region") for h in hits)
    return all(h.id != entry.id for h in hits)


def load_names_data() -> tuple[frozenset[str], frozenset[str]]:
    """Family names and given-name characters from ``extraction/data/surnames.txt``."""
    from importlib.resources import files

    surnames, given = [], []
    for line in (files("extraction") / "data" / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("GIVEN:"):
            given.extend(line[len("GIVEN:"):].split())
        else:
            surnames.extend(line.split())
    return frozenset(surnames), frozenset(given)


# one-character abbreviations of provinces and municipalities (鲁 = 山东, 陇 = 甘肃 …)
_PROVINCE_ABBREV = set("京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新港澳台")


def _directional_region(zh: str) -> bool:
    """鲁北, 陇东, 苏南, 粤西: a province abbreviation and a direction name a region."""
    return len(zh) == 2 and zh[0] in _PROVINCE_ABBREV and zh[1] in "东西南北中"


@Language.factory("kg_apposition", default_config={"reference_dir": None, "default_company": True})
def make_apposition(nlp: Language, name: str, reference_dir: str | None, default_company: bool) -> Apposition:
    return Apposition(nlp, name, reference_dir, default_company)
