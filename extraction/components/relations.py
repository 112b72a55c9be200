"""``kg_relations``: invests-in, located-in, partners-with and develops, with evidence.

Works on the mentions ``kg_entities`` chose, one unit at a time (a sentence, or a table row
flattened into a line), and reads Korean sentence structure from particles: the topic or
subject of a sentence is the actor followed by 은/는/이/가, coordination is 와/과/및/·,
a relative clause puts the place first (선전에 본사를 둔 X). Each rule family is a method;
every relation keeps the span of its evidence unit, the rule that produced it and a
confidence. Only what the text states: reference data never adds a relation.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Mention
from ..cues import load_cues
from ..reference import load_reference
from .clauses import clause_topic, distributive as distributive_group, each_with_counterparts
from .coordination import carried_counterparts, list_relations, list_subject_partners
from .nationality import prefix_nationality
from .ownership import drop_owner_partners, founded_names, ownership_relations
from .develop_phrases import develop_phrase_relations
from .develop_subject import technology_topic_before
from .addresses import address_relations
from .bullet_lists import bullet_list_relations
from .counterpart_lists import counterpart_list_relations
from .investment_phrases import investment_phrase_relations
from .profile_ownership import profile_ownership_relations
from .zone_blocks import zone_block_relations
from .member_lists import member_list_relations
from .place_phrases import place_phrase_relations
from .relation_candidate import RelationCandidate
from .stake_phrases import stake_phrase_relations
from .topics import anaphor_relations, block_subject, new_topic
from .zone_phrases import zone_phrase_relations, zone_reference
from .cells import CellIndex, MergedRows, row_cells
from .util import _CAPTION, FUNDING_HEADER, PROSE_END, caption_tables, doc_text

AGENTS = ("Company", "Investor", "Organization")
PLACES = ("City", "Region", "Park")
_TOPIC = re.compile(r"(?:은|는|이|가|도)(?![가-힣])")
_OWN_TOPIC = re.compile(r"[가-힣A-Za-z0-9)\]’”]\s?(?:은|는)(?:\s|$)")
# organisations that regulate, report on or trade technology rather than develop it
_NON_DEVELOPERS = frozenset({"government", "media", "party", "exchange", "market_research", "international",
                             "consultancy", "association", "securities", "bank", "asset_manager"})
_NON_DEVELOPER_HEAD = re.compile(r"(?:위원회|정부|국무원|무역관|대사관|영사관|人民政府|委员会)$")
# "중국의 대표 빅테크 기업인 A, B", "미국의 자율주행기업 X": a place, words, a company noun
_NATIONALITY = re.compile(r"(?:의|\s*내에서는|\s*내)?\s*(?:[^\s,.()]+\s*){0,4}?"
                          r"(?:기업|업체|회사|스타트업|빅테크|제조사|제조기업|유니콘|그룹|대기업|공기업)"
                          r"(?:인|으로는|로는|이자|으로|들인)?\s*['‘\"“]?$")  # … 기업 ‘A’
_KIND_NOUN_AFTER = re.compile(r"\s*등(?:이|은|는|의)?\s*(?:[^\s,.()]+\s*){0,1}$")
_HOSTS = re.compile(r"(?:에는|에|에서는)\s")
_HOSTED = re.compile(r"(?:밀집|입주|위치|소재|자리|포진|집결|모여|둥지|유치|있음|있다|있으며|있는)")
_LOCATED_NOUN = re.compile(r"^에\s*(?:소재한|위치한|있는|본사를 둔|자리한|입주한)\s*(?!(?:이|그|해당|동)\s)(?:[^\s,.]+\s*){0,4}?"
                           r"(?:기업|업체|회사|대학|기관|연구소)\S*")
_DASH_ITEM = re.compile(r"(?:^|(?<=\n)|(?<=[.·•|] ))(?:19|20)\d{2}\s+([^\n|.·•\-]+?)\s*-\s*([^\n|.·•\-]+?)"
                        r"\s*-\s*[^\n|.·•\-]*[^\n|.·•\-\s]")
_SITE_CELL = re.compile(r"^\s*(?:본사|본부|소재지|본사 소재지|본사 위치|위치|주소|Headquarters|HQ|headquarters)\s*$")
# "AI 비전 기술기업 X", "물류 로봇 및 서비스 로봇 제조기업 X", "T를 제조하는 기업으로는 A, B"
_MAKER_NOUN = (r"(?:기술|솔루션|제조|전문|설계|개발|생산|팹리스|선도)?\s*"
               r"(?:기업|업체|회사|스타트업|제조사|메이커|유니콘)")
_MAKER_AFTER_TECH = re.compile(r"\s*(?:을|를)?\s*(?:(?:제조|개발|생산|설계|만드|연구)\S*\s*)?" + _MAKER_NOUN +
                               r"(?:인|으로는|로는|으로|이자|들인|들로는)?\s*(?:,\s*)?$")
# A, B 등 / A, B 등 10개 이상의 (… 대표 기업)
_MAKER_BEFORE_LIST = re.compile(r"^\s*등(?:의)?\s*(?:총\s*)?(?:\d+\s?(?:개|곳|개사)\s?(?:이상|가량|여)?(?:의)?\s*)?$")
_MAKER_AFTER_LIST = re.compile(r"^\s*(?:대표|주요|관련|핵심|혁신)?\s*" + _MAKER_NOUN)
_OWN_PRODUCT = re.compile(r"^[^,.;:()\n]{0,14}?(?:솔루션|플랫폼|서비스|시스템|제품|칩|엔진|장비|모델|시리즈|기술)"
                          r"|^\s*['‘\"“「『]")  # or the product's quoted name: X의 자율주행 칩 '정청 6'
# what a sentence denies or calls off, and what it only plans
_NEGATED = re.compile(r"(?:협력|투자|개발|인수|합병|합작|제휴|공급|탑재|설립|입주|계약|협약|참여)\S*\s*"
                      r"(?:(?:하|되|받|맺|체결하)지(?:는|도)?\s*(?:않|못)|(?:을|를)\s*(?:부인|철회|취소|포기|중단))"
                      r"|(?:철회|무산|결렬|백지화|중단|취소|부인)(?:했|됐|되었|하였|한|된|되며|하며|돼)")
_PLANNED = re.compile(r"(?:할|될|받을|맺을|설립할|투자할|개발할|탑재할|진출할)\s*(?:예정|계획|방침|전망)|"
                      r"(?:하기로|되기로)\s*(?:했|하였|합의|결정)|추진\s*중|검토\s*중")
_RELATIVE_DESCRIBED = re.compile(r"(?:둔|있는|위치한|소재한|소재|기반의|입주한|설립된|자리한|세운|이전한)\s+"
                                 r"(?:[^\s,.]+\s+){0,4}?(?:[^\s,.]*(?:기업|업체|회사|스타트업|유니콘|제조사|투자사|제약사|"
                                 r"투자기관|운용사))\s?['‘\"“]?$")
_ROUND_CELL = re.compile(r"(?:시드|엔젤|프리\s*[A-Z]\+?|시리즈\s*[A-Z]\+{0,2}|Pre-?[A-Z]\+?|Series\s*[A-Z]\+?|"
                         r"[A-Z]\+{0,2}|전략적|전략|IPO|상장|Pre-IPO|프리IPO)\s*(?:라운드|투자|펀딩)?")
_PARENT_OF_ROW = re.compile(r"(?:의\s*(?:[^\s,.]+\s*){0,2}?(?:자회사|계열사|자본)|\s*산하)")
_FOUNDED_BY = re.compile(r"(?:이|가)\s*(?:[^.。]{0,60}?)\s*(?:설립한|세운|만든|출자한)\s*"
                         r"(?:[^\s,.]+\s*){0,2}?(?:연구소|연구원|회사|기업|자회사|법인|합작사|플랫폼|펀드)")
_ANAPHOR = re.compile(r"^\s*(?:[-–•·]\s*)?(?:(?:이|그|해당|동|본)\s?)?(?P<noun>양사|양측|두 회사|두 기업|회사|기업|업체|동사|"
                      r"그룹|스타트업|개발구|산업단지|단지|시범구|신구|특구|원구)(?:는|은|가|이|도)\s")
_RELATIVE_SUBJECT = re.compile(r"\s?(?:이|가)\s+\S*(?:한|된|하는|되는|했던|하던)\s")
_CLAUSE_END = re.compile(r"(?:다|음|함|됨|임|\s중|[할될일]\s(?:예정|계획|전망))[.。!?]?$")
_JOINT_SUBJECT = re.compile(r"\s*+(?!(?:등)?(?:에게|에|을|를|으로|로)(?![가-힣]))(?:등)?\s*(?:[^\s,.]*[^\s,.며고다서해]\s){0,4}?"  # no clause ends between
                            r"(?:공동|협력|합작|제휴|손잡|손을 잡|MOU|양해각서|협약|컨소시엄|연합)")
_COUNTERPARTS = re.compile(r"\s*(?:등)?\s*(?:[^\s,.]+\s){0,3}?\S*(?:와|과|들과)\s+(?:\S+\s)?"
                           r"(?:협력|손잡|손을 잡|제휴|합작|파트너십)")
_BRANCH = re.compile(r"\s*(?:지역\s?본부|본부|지사|법인|분公司|공장|연구소|연구원|R&D\s?센터|연구개발\s?센터|사무소|생산기지|캠퍼스)"
                     r"(?:[은는이가의에을를와과도]|로|으로|에서)?(?![가-힣])")
_AROUND = re.compile(r"(?:을|를)?\s*(?:중심으로|포함|포괄|아우르|구성|이루어)")
_LATIN_TOPIC = re.compile(r" (?:은|는|이|가)(?![가-힣])")  # PDF text: "BMW 는"
_WITH = re.compile(r"(?:와|과)(?:의|는|도|가|이|\s*함께)?(?![가-힣])|\s*(?:및|·|,)\s*")
_TABLE_SEP = re.compile(r" \| ")

_RELATIVE_END = re.compile(r"(둔|있는|위치한|소재한|소재|기반의|기반|입주한|설립된|자리한|세운|이전한)$")
_LEADS = re.compile(r"\s*(?:이|가|는|은)?\s(?:\S+\s){0,4}?(?:주도|리드|이끌)|\s?(?:주도|리드)")
_JOINS = re.compile(r"[^.:：]*?(?:등이|등의|가|이|등\s(?:[^\s,.]+\s){0,2}?[^\s,.]*도)\s(?:\S+\s){0,5}?(?:참여|투자|공동 투자|출자)")
# X가 … Y의 시리즈 C 라운드에 참여했다 / 투자를 주도했다: X joins or leads Y's round
_JOINS_ROUND_OF = re.compile(r"(?:가|이|는|은|도)\s[^.!?:：]*?의\s(?:\S+\s)?(?:시리즈|프리|엔젤|시드|Pre-?[A-Z]|[A-Z]\+?\s*라운드|"
                             r"라운드|전략적 투자)[^.!?:：]{0,24}?(?:에|를|을)\s(?:함께\s|공동으로\s)?(?:참여|주도|리드|이끌)")
_LIST_JOIN = re.compile(r"\s*(?:,|，|、|와|과|및|·)\s*")
# a subject of its own after a list: B는 / B가 / B 등이 / B 등 기존 투자자도
_OWN_SUBJECT = re.compile(r"(?:\s?[,，]\s?[^\s,.]+){0,3}\s?(?:등\s?(?:[^\s,.]+\s){0,2}?[^\s,.]*?)?(?:은|는|이|가|도)(?![가-힣])")


def _coordinated(text: str, actors: list[Mention], m: Mention) -> list[Mention]:
    group = [m]
    for x in actors:
        if x.start < _end(text, group[-1]):
            continue
        if not _LIST_JOIN.fullmatch(text[_end(text, group[-1]):x.start]):
            break
        group.append(x)
    return group


def _takes_part(text: str, actors: list[Mention], m: Mention, e: int) -> bool:
    """Does ``m`` (or the list it heads: A, B 등이) lead or join a round? Read up to the next
    actor with a subject particle of its own, so that "A는 B 등이 참여한 …을 유치" makes B the
    investor, not A, while "A가 B의 시리즈 C에 참여" still makes A one."""
    own = _coordinated(text, actors, m)
    limit = e
    for x in actors:
        if x.start < _end(text, own[-1]):
            continue
        if _OWN_SUBJECT.match(text, _end(text, _coordinated(text, actors, x)[-1])):
            limit = x.start
            break
    tail = text[_end(text, m):min(limit, _end(text, m) + 60)]
    if re.match(r"(?:이|가)\s(?:\S+\s)?(?:유치|조달|확보|받은|받아)", tail):
        return False  # A가 유치한 이번 투자에는 …: A raised it
    # A가 (a description of B) B의 시리즈 C 라운드에 참여: however long B's description
    if _JOINS_ROUND_OF.match(text[_end(text, m):min(limit, _end(text, m) + 120)]):
        return True
    return bool(_LEADS.match(tail) or _JOINS.match(tail))
_ROUND_ROW = re.compile(r"(?:시드|엔젤|시리즈\s*[A-Z]\+?|Pre-?[A-Z]\+?|[A-Z]\+?|전략적)\s*(?:라운드|투자)\s+(?:19|20)\d{2}[-.]\d{1,2}")
_ROUND_AFTER_NAME = re.compile(r"\s*(?:시리즈\s*[A-Z]\+?|프리\s*[A-Z]|Pre-?[A-Z]\+?|엔젤|시드|[A-Z]\+?\s*라운드|전략적 투자)(?:\s|$)")
_DESCRIBES_NAME = re.compile(r"\s?(?:에\s?)?(?:소재|소재한|기반의|위치한|본사를 둔|있는)\s+(?:[^\s,.]+\s+){0,4}?[^\s,.]*"
                             r"(?:기업|업체|회사|스타트업|유니콘|제조사|투자사|제약사|투자기관|운용사)\s?['‘\"“「『]")
_PART_OF_PLACE = re.compile(r" ?(?:동|서|남|북|동북|동남|서북|서남|북동|북서|남동|남서|중)(?:부|쪽)(?=에(?![가-힣])|에서)|"
                            r" ?(?:중심|도심|외곽|교외|시내)(?=에(?![가-힣])|에서)")
_LOCATION_VERBS = ("본사", "본부", "설립", "입주", "위치", "소재", "공장", "기지", "둔 ", "두고", "이전", "착공",
                   "연구개발센터", "R&D 센터", "거점", "자리", "등록", "지사", "법인", "생산라인", "캠퍼스")
_INVEST_CUES = ("설립한", "세운", "투자", "라운드", "시리즈", "유치", "조달", "지분", "인수", "출자", "주도", "참여", "펀딩", "자금", "자회사",
                "계열사", "산하")
_TRAILING_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_CAPTION_TAIL = re.compile(r"\s*(?:의\s*)?(?:주요\s*)?(?:기업|업체|기관|현황|목록|사례|동향|리스트|개요|분포|순위|명단|비교)(?:별)?\s*$")
_INDUSTRY_CAPTION = re.compile(r"산업\s*(?:체계|구조|구도|배치|구성|분야|방향|클러스터|생태계)|(?:중점|주력|핵심|전략|신흥|미래|특색)\s*(?:\S+\s)?산업")
_STRONG_PARTNER_CUES = ("계약", "협약", "MOU", "양해각서", "공동 개발", "공동개발", "합작", "제휴", "파트너십",
                        "손잡", "손을 잡", "공동 연구", "공동연구", "공급", "전략적 협력", "협력 관계")
_PARTNER_CUES = ("협력", "공동 개발", "공동개발", "공동 연구", "공동연구", "합작", "제휴", "MOU", "양해각서", "파트너십",
                 "손잡", "협약", "계약", "공급", "탑재", "채택", "도입", "함께 개발", "공동으로", "연합", "협업",
                 "공동 주최", "공동주최", "공동 주관", "공동 개최")  # co-hosts of an event


_PAREN_AFTER = re.compile(r"\s?[(（][^()（）\n]{0,60}[)）]")


def _topic_marked(text: str, m: Mention) -> bool:
    """Is the mention followed by a topic or subject particle (화웨이는, also "BMW 는")?"""
    end = _end(text, m)
    return bool(_TOPIC.match(text, end) or
                (m.text[-1:].isascii() and m.text[-1:].isalnum() and _LATIN_TOPIC.match(text, end)))


def _next_of(ms: list[Mention], labels):
    """``f(k)``: the first mention of ``ms[k:]`` with one of ``labels``, or None."""
    nxt: list[Mention | None] = [None] * (len(ms) + 1)
    for k in range(len(ms) - 1, -1, -1):
        nxt[k] = ms[k] if ms[k].label in labels else nxt[k + 1]
    return nxt.__getitem__


def _comma_run_before(text: str, items: list[Mention]) -> list[Mention]:
    """The last of ``items`` and those before it joined to it by commas (A, B, C)."""
    group = [items[-1]]
    for a in reversed(items[:-1]):
        if not re.fullmatch(r"\s*,\s*", text[_end(text, a):group[0].start]):
            break
        group.insert(0, a)
    return group


def _end(text: str, m: Mention) -> int:
    """Where the sentence goes on after a mention: past the parenthesis of other names that
    follows it (인허퉁융(银河通用, Galbot)이 → the 이)."""
    p = _PAREN_AFTER.match(text, m.end)
    return p.end() if p else m.end


class Relations:
    def __init__(self, nlp: Language, name: str, window: int, reference_dir: str | None):
        self.name = name
        self.window = window
        self.develop_cues = tuple(sorted(load_cues().get("develop", ()), key=len, reverse=True))
        self.reference = load_reference(reference_dir)
        self.extra_mentions: list[Mention] = []
        # multi-word Korean technology names, for telegraphic captions whose modifiers stack
        # between a name's words (중국 AI 의료 범용 대형 모델 → 의료 대형 모델)
        self.compounds: list[tuple[tuple[str, ...], str]] = []
        for name, entry in self.reference.names():
            words = tuple(name.split())
            if entry.type == "Technology" and entry.kind != "category" and len(words) >= 2 and \
                    all(re.fullmatch(r"[가-힣A-Za-z0-9\-]+", w) for w in words):
                self.compounds.append((words, entry.id))

    # -- units -------------------------------------------------------------------------------
    @staticmethod
    def _units(doc: Doc, text: str) -> list[tuple[int, int]]:
        """Sentences, except that a table row (a line with cell separators) is one unit."""
        starts = list(doc.user_data.get("kg_sent_starts") or [0])
        units = []
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else len(text)
            units.append((s, e))
        # units never cross a line break, and a table row (a line with cell separators) is
        # one unit whatever sentence ends its cells hold
        out = []
        line_start = 0
        for line in text.split("\n"):
            line_end = line_start + len(line)
            if _TABLE_SEP.search(line) or "\t" in line:
                out.append((line_start, line_end))
            else:
                for s, e in units:
                    a, b = max(s, line_start), min(e, line_end)
                    if a < b:
                        out.append((a, b))
            line_start = line_end + 1
        return [(s, e) for s, e in out if text[s:e].strip()]

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _topic(text: str, ms: list[Mention], labels=AGENTS) -> Mention | None:
        return next((m for m in ms if m.label in labels and _topic_marked(text, m)), None)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        self.extra_mentions = []
        mentions = [m for m in (doc._.kg_mentions or ()) if m.alias_of is None or m.extractor == "propagated"]
        rels: list[RelationCandidate] = []
        units = self._units(doc, text)
        mentions.sort(key=lambda m: m.start)
        starts = [m.start for m in mentions]
        by_unit: list[list[Mention]] = []
        for s, e in units:  # the mentions inside each unit, found by bisection
            lo, hi = bisect_left(starts, s), bisect_left(starts, e)
            by_unit.append([m for m in mentions[lo:hi] if m.end <= e])
        previous_topic: Mention | None = None
        funding_target: Mention | None = None  # inside a funding table: whose rounds it lists
        previous_ms: list[Mention] = []
        tables = caption_tables(text)
        previous_owner: Mention | None = None  # the actor or zone the text is about
        last_zone: Mention | None = None  # the zone the text is about, for 개발구는 / 이곳에는
        last_pair: list[Mention] = []  # the last two partners, for 양사 (both companies)
        table_rows = MergedRows()  # the rows of the table being read: (unit, mentions, cells)
        for (s, e), ms in zip(units, by_unit):
            unit = text[s:e]
            while tables and tables[0][0] < e:  # a captioned table starts in this unit
                cs, ce, te = tables.pop(0)
                lo, hi = bisect_left(starts, cs), bisect_left(starts, te)
                self._captioned_table(text, (cs, ce), te, [m for m in mentions[lo:hi] if m.end <= te],
                                      previous_owner, rels)
            opens_block, block_head = block_subject(text, (s, e), ms)
            if opens_block:  # a heading: the block after it is about its name, or not yet known
                previous_topic = block_head
                previous_owner = block_head or previous_owner
            previous_owner_before = previous_owner
            previous_owner = self._topic(text, ms, AGENTS + ("Park",)) or previous_owner
            header = FUNDING_HEADER.search(unit)
            if header:
                # "라운드 일자 금액 투자자": the company is in the caption (도표 1. X 자금 조달
                # 현황, on this line or the one above) or the one the text is about
                caption = [m for m in ms if m.label in AGENTS and m.start < s + header.start()] or \
                    [m for m in previous_ms if m.label in AGENTS]
                funding_target = caption[0] if caption else previous_topic
                previous_ms = ms
                continue
            if funding_target is not None:
                if PROSE_END.search(unit.strip()) and len(unit) > 60:
                    funding_target = None  # prose again: the table is over
                else:
                    for m in ms:
                        if m.label in AGENTS and (m.start, m.end) != (funding_target.start, funding_target.end) \
                                and _whole_item(text, m):
                            rels.append(RelationCandidate((m.start, m.end), "invests_in",
                                                          (funding_target.start, funding_target.end),
                                                          (s, e), "table:funding-table", 0.65))
                    previous_ms = ms
                    continue
            previous_ms = ms
            if _TABLE_SEP.search(unit) or "\t" in unit:
                self._table_row(text, (s, e), ms, rels)
                self._merged_cells(text, (s, e), ms, rels, table_rows)  # adds the row
            else:
                table_rows = MergedRows()
                topic = self._topic(text, ms) or previous_topic
                n_unit = len(rels)
                self._located(text, (s, e), ms, rels)
                rels.extend(place_phrase_relations(text, (s, e), ms))  # P에 소재한 A와 B, A(본사 P)
                rels.extend(zone_phrase_relations(text, (s, e), ms))  # P에는 A, B 등이 입주
                rels.extend(zone_reference(text, (s, e), ms, last_zone))  # 개발구 내에는 A, B 등이 입주
                last_zone = next((m for m in ms if m.label == "Park" and _topic_marked(text, m)), None) or \
                    next((m for m in reversed(ms) if m.label == "Park"), None) or last_zone
                rels.extend(investment_phrase_relations(text, (s, e), ms))  # X가 투자한 A, A에는 X가 투자
                rels.extend(stake_phrase_relations(text, (s, e), ms))  # X는 A 지분 7%를 보유, A 인수를 완료
                rels.extend(anaphor_relations(text, (s, e), ms, topic, previous_owner_before))
                rels.extend(zone_block_relations(text, (s, e), ms, previous_owner_before))  # Z는 A, B 등 플랫폼 구축
                rels.extend(list_relations(text, (s, e), ms))
                rels.extend(member_list_relations(text, (s, e), ms))  # 장강삼각주(상하이, 난징)
                rels.extend(carried_counterparts(text, (s, e), ms, previous_topic))
                rels.extend(profile_ownership_relations(text, (s, e), ms, previous_topic))  # 자회사 ‘A’
                rels.extend(counterpart_list_relations(text, (s, e), ms, previous_topic))  # 주요 고객사로는 A, B
                countries, by_prefix = prefix_nationality(text, (s, e), ms, self.reference)  # 中창안자동차
                self.extra_mentions.extend(countries)
                rels.extend(by_prefix)
                referents = self._anaphor(text, (s, e), ms, previous_topic, previous_owner_before, last_pair)
                self._develops(text, (s, e), ms, topic, rels, referents)
                self._develops_descriptions(text, (s, e), ms, rels)
                rels.extend(develop_phrase_relations(text, (s, e), ms))  # T 장비 업체 A, A는 T를 제조
                self._invests(text, (s, e), ms, topic, previous_topic, rels)
                named = founded_names(text, (s, e), ms)  # '밍신 오토'를 설립: a company
                if named:
                    self.extra_mentions.extend(named)
                    ms = sorted([m for m in ms if not any(n.start <= m.start and m.end <= n.end for n in named)]
                                + named, key=lambda m: m.start)
                rels.extend(ownership_relations(text, (s, e), ms, topic))
                n_before = len(rels)
                self._partners(text, (s, e), ms, rels)
                rels[n_before:] = list_subject_partners(text, (s, e), ms, rels[n_before:])  # A, B 등이 C와 협약
                pairs = [r for r in rels[n_before:] if r.predicate == "partners_with"]
                if pairs:
                    by_span_here = {(m.start, m.end): m for m in ms}
                    a, b = by_span_here.get(pairs[0].subject), by_span_here.get(pairs[0].object)
                    if a is not None and b is not None:
                        last_pair = [a, b]
                rels.extend(address_relations(text, (s, e), ms, rels[n_unit:]))  # 우한시 훙산구 … 에 본사
                previous_topic = self._topic(text, ms) or (None if new_topic(text, (s, e), ms) else previous_topic)
            self._name_prefixes(text, (s, e), ms, rels)
            self._located_lists(text, (s, e), ms, rels,
                                self._topic(text, ms, AGENTS + ("Park",)) or previous_owner_before)
            site = self._site_row(text, (s, e), ms, previous_owner_before)
            if site is not None:
                rels.append(site)
        rels.extend(bullet_list_relations(text, mentions))  # ▲A 의 … ▲B 의 … 등 총 2개의 한국 기업
        by_span = {(m.start, m.end): m for m in mentions}
        rels = [r for r in rels if r.predicate != "develops" or r.subject not in by_span
                or self._develops_at_all(by_span[r.subject])]
        rels = drop_owner_partners(self._modality(text, rels))
        doc._.kg_relations = _dedupe(rels)
        if self.extra_mentions:  # cities named inside zone names, objects of located_in
            known = {(m.start, m.end) for m in doc._.kg_mentions}
            extra = [m for m in self.extra_mentions if (m.start, m.end) not in known]
            doc._.kg_mentions = sorted(list(doc._.kg_mentions) + extra, key=lambda m: (m.start, m.end))
        return doc

    @staticmethod
    def _modality(text: str, rels: list[RelationCandidate]) -> list[RelationCandidate]:
        """Drop what a sentence denies or calls off (… 협력하지 않기로 했다, 투자를 철회했다);
        keep what it plans (… 탑재할 예정이다) with a lower confidence and the rule marked
        ``+planned``. Only sentences, not table rows."""
        out = []
        seen: dict[tuple[int, int], tuple[bool, bool]] = {}  # each unit read once
        for r in rels:
            if r.rule.startswith("prose:"):
                if r.evidence not in seen:
                    unit = text[r.evidence[0]:r.evidence[1]]
                    seen[r.evidence] = (bool(_NEGATED.search(unit)), bool(_PLANNED.search(unit)))
                negated, planned = seen[r.evidence]
                if negated:
                    continue
                if planned:
                    r = RelationCandidate(r.subject, r.predicate, r.object, r.evidence, r.rule + "+planned",
                                          round(r.confidence * 0.8, 3))
            out.append(r)
        return out

    # -- tables ---------------------------------------------------------------------------------
    def _caption_topic(self, text: str, caption: tuple[int, int], ms: list[Mention]) -> Mention | None:
        """The technology a caption is about: a reference name whose words the caption keeps
        in order and ends with (중국 AI 의료 범용 대형 모델 → 의료 대형 모델), else a technology
        mention that ends the caption (its head)."""
        s, e = caption
        body = _CAPTION.sub("", text[s:e], count=1)
        body = _TRAILING_PAREN.sub("", body.rstrip())
        while True:  # …의 기업 현황 → the technology before them
            shorter = _CAPTION_TAIL.sub("", body)
            if shorter == body or not shorter.strip():
                break
            body = shorter
        b0 = s + text[s:e].find(body) if body else e
        words = [(b0 + w.start(), b0 + w.end(), w.group()) for w in re.finditer(r"\S+", body)]
        if not words:
            return None
        best = None  # most words, then fewest words stacked between them, then id
        for name, ref_id in self.compounds:
            if name[-1] != words[-1][2]:
                continue
            k, first, used = len(name) - 1, None, 0
            for ws, we, w in reversed(words):
                if k < 0:
                    break
                used += 1
                if w == name[k]:
                    k -= 1
                    first = ws
            if k < 0:
                rank = (-len(name), used - len(name), ref_id)
                if best is None or rank < best[0]:
                    best = (rank, ref_id, first)
        if best is not None:
            _, ref_id, first = best
            m = Mention(first, words[-1][1], text[first:words[-1][1]], "Technology", "relations", 0.6,
                        ref_id, rule="caption:compound")
            self.extra_mentions.append(m)
            return m
        end = words[-1][1]
        heads = [m for m in ms if m.label == "Technology" and s <= m.start and m.end == end]
        return heads[-1] if heads else None

    def _captioned_table(self, text, caption, table_end, ms, previous_topic, rels) -> None:
        """A captioned table of items and the organisations behind them: each organisation
        develops the caption's technology (도표 3. 중국 자율주행 트럭 솔루션 / rows of
        model, developers, uses), and organisations listed together in a row developed the
        item together. A table of an industrial system (도표 1. X 산업 체계) lists what the
        caption's actor, or the one the text is about, develops."""
        cs, ce = caption
        in_caption = [m for m in ms if m.start < ce]
        rows = [m for m in ms if m.start >= ce]
        actors = [m for m in rows if m.label in AGENTS]
        topic = self._caption_topic(text, caption, in_caption) if actors else None
        line_of = {}
        for m in rows:
            a = text.rfind("\n", 0, m.start) + 1
            b = text.find("\n", m.end)
            line_of[(m.start, m.end)] = (a, b if b >= 0 else len(text))
        if topic is not None:
            for m in actors:
                rels.append(RelationCandidate((m.start, m.end), "develops", (topic.start, topic.end),
                                              line_of[(m.start, m.end)], "table:caption-topic", 0.6))
            for a, b in zip(actors, actors[1:]):
                if line_of[(a.start, a.end)] == line_of[(b.start, b.end)] and \
                        re.fullmatch(r"\s*,\s*", text[_end(text, a):b.start]):
                    group = [x for x in actors if line_of[(x.start, x.end)] == line_of[(a.start, a.end)]]
                    k = group.index(a)
                    members = [group[k]]
                    for x, y in zip(group[k:], group[k + 1:]):
                        if not re.fullmatch(r"\s*,\s*", text[_end(text, x):y.start]):
                            break
                        members.append(y)
                    for i, x in enumerate(members):
                        for y in members[i + 1:]:
                            rels.append(RelationCandidate((x.start, x.end), "partners_with", (y.start, y.end),
                                                          line_of[(x.start, x.end)], "table:co-developers", 0.6))
            return
        if not _INDUSTRY_CAPTION.search(text[cs:ce]):
            return
        owner = next((m for m in in_caption if m.label in AGENTS + ("Park",)), None) or previous_topic
        if owner is None or owner.label not in AGENTS + ("Park",):
            return
        for t in rows:
            if t.label == "Technology":
                rels.append(RelationCandidate((owner.start, owner.end), "develops", (t.start, t.end),
                                              line_of[(t.start, t.end)], "table:industry-system", 0.5))

    @staticmethod
    def _cells(text: str, unit) -> list[tuple[int, int]]:
        return row_cells(text, unit)

    def _merged_cells(self, text, unit, ms, rels, rows: MergedRows) -> None:
        """A row with fewer cells than the rows above it sits under their merged leading
        cells (a category: "AI보조진단 (CDSS) | 明康医疗 | … " then "润泽医疗 | … "): the
        technology of the category cell is what the row's company develops. Adds the row to
        ``rows`` (the nearest row above with more cells comes from its stack)."""
        index = CellIndex(self._cells(text, unit))
        n = len(index)
        above = rows.push((unit, ms, index), n)
        if above is None:
            return
        subject = next((m for m in ms if m.label in AGENTS), None)
        if subject is None or any(m.label == "Technology" for m in ms):
            return
        (ps, pe), pms, pindex = above
        n_lead = len(pindex) - n  # the leading cells this row leaves to the merged ones
        techs = [m for m in pms if m.label == "Technology" and 0 <= pindex.cell_of(m.start) < n_lead]
        for t in techs:
            rels.append(RelationCandidate((subject.start, subject.end), "develops", (t.start, t.end),
                                          (ps, unit[1]), "table:merged-category", 0.55))

    def _table_row(self, text, unit, ms, rels) -> None:
        """A row: its first actor or zone is the row's subject; a place cell says where it is;
        other actors in a zone's row are in that zone; technologies are what it develops."""
        s, e = unit
        index = CellIndex(self._cells(text, unit))
        cells = index.cells
        cell_at = {id(m): index.cell_of(m.start) for m in ms}  # each mention's cell, bisected once

        def cell_of(m: Mention) -> int:
            return cell_at[id(m)]

        # the cells that hold places only (a cell of other names is no place cell)
        not_only_place = {cell_at[id(x)] for x in ms if x.label not in ("City", "Region")}

        subject = next((m for m in ms if m.label in AGENTS + ("Park",)), None)
        if subject is None:
            return
        sc = cell_of(subject)
        # a funding table's row: company | round | amount | investors
        round_cell = next((k for k, (a, b) in enumerate(cells)
                           if k > sc and _ROUND_CELL.fullmatch(text[a:b].strip())), None)
        if round_cell is not None and subject.label in AGENTS:
            for m in ms:
                if m.label in AGENTS and cell_of(m) > round_cell and _whole_item(text, m):
                    rels.append(RelationCandidate((m.start, m.end), "invests_in", (subject.start, subject.end),
                                                  unit, "table:funding-row", 0.7))
            return
        # the row's subject leads one of its first two cells (a name inside a policy title
        # or a list further along the row is not what the row is about)
        lead = text[cells[sc][0]:subject.start] if sc >= 0 else "x"
        leads_cell = sc in (0, 1) and not re.sub(r"<[^<>]*>|[\s·\-•*]", "", lead)
        for m in ms:
            if m is not subject and m.label in AGENTS and cell_of(m) != sc and \
                    _PARENT_OF_ROW.match(text, _end(text, m)):
                # a description cell: "화웨이의 팹리스 자회사", "CEC 산하의 …"
                rels.append(RelationCandidate((m.start, m.end), "invests_in", (subject.start, subject.end),
                                              unit, "table:parent-cell", 0.7))
        for m in ms:
            if m is subject or cell_of(m) == sc:
                continue
            if m.label in ("City", "Region") and cell_of(m) != sc:
                only_place = cell_of(m) not in not_only_place
                if only_place:
                    rels.append(RelationCandidate((subject.start, subject.end), "located_in", (m.start, m.end),
                                                  unit, "table:place-cell", 0.85))
            elif m.label in AGENTS and subject.label == "Park":
                rels.append(RelationCandidate((m.start, m.end), "located_in", (subject.start, subject.end),
                                              unit, "table:zone-row", 0.75))
            elif m.label == "Technology" and leads_cell:
                rels.append(RelationCandidate((subject.start, subject.end), "develops", (m.start, m.end),
                                              unit, "table:technology-cell", 0.7))

    # -- located_in --------------------------------------------------------------------------------
    def _located(self, text, unit, ms, rels) -> None:
        s, e = unit
        for k, p in enumerate(ms):
            if p.label not in PLACES:
                continue
            pe = _end(text, p)  # past a parenthesis of other names: 난사신구(南沙新区)에
            part = _PART_OF_PLACE.match(text, pe)  # 베이징 서북부에 위치한 X: in Beijing
            pe = part.end() if part else pe
            after = text[pe:pe + 3]
            rel_clause = re.match(r"(?:에|에서|으로|로)(?![가-힣])", after)
            soje = text.startswith(" 소재", pe) or text.startswith(" 기반", pe)
            if not rel_clause and not soje:
                continue
            tail = text[pe:min(e, pe + 24)]
            if not soje and not any(v in tail for v in _LOCATION_VERBS):
                continue
            # the located thing: the actor right after the clause (선전에 본사를 둔 X, also
            # 선전에 본사를 둔 자율주행 기업 X), else the sentence's topic before the place
            # (X는 … 선전에 본사를 두고)
            target = next((m for m in ms[k + 1:] if m.label in AGENTS + ("Park",)
                           and m.start - pe <= self.window + 16
                           and (_RELATIVE_END.search(text[pe:m.start].rstrip()) or
                                _RELATIVE_DESCRIBED.search(text[pe:m.start].rstrip()))), None)
            if target is None and _DESCRIBES_NAME.match(text, pe):
                continue  # 선전 소재 투자사 '…': a name kg did not find, not the topic
            if target is None:
                target = next((m for m in reversed(ms[:k]) if m.label in AGENTS + ("Park",)
                               and _TOPIC.match(text, _end(text, m))), None)
            if target is None:
                # a list before the place: "A, B, C 등 여러 소재 기업들이 이싱시에 … 입주"
                listed = self._list_before(text, ms[:k], p.start)
                for m in listed:
                    rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                  "prose:location-clause-list", 0.7))
                continue
            # 허페이(合肥), 주하이(珠海), 시안(西安)에 소재한: the places listed before this one too
            listed_places = []
            for q in reversed(ms[:k]):
                first = listed_places[0] if listed_places else p
                if q.label in PLACES and re.fullmatch(r"\s*,\s*", text[_end(text, q):first.start]):
                    listed_places.insert(0, q)
                else:
                    break
            for q in listed_places:
                if not (target.label == "Park" and q.label == "Park") and (q.start >= target.end or q.end <= target.start):
                    rels.append(RelationCandidate((target.start, target.end), "located_in", (q.start, q.end), unit,
                                                  "prose:location-clause", 0.7))
            if target.label == "Park" and p.label == "Park":
                continue
            rels.append(RelationCandidate((target.start, target.end), "located_in", (p.start, p.end), unit,
                                          "prose:location-clause", 0.75))
            if p.label == "Park" and target.label in AGENTS:
                # 베이징 이좡에 설립, 광저우 난사신구에 본사: in the city too, as written
                city = self._city_prefix(text, p) or self._city_before(text, p, ms)
                if city is not None:
                    self.extra_mentions.append(city)
                    rels.append(RelationCandidate((target.start, target.end), "located_in", (city.start, city.end),
                                                  unit, "prose:location-clause-zone-city", 0.7))

    @staticmethod
    def _comma_list(text: str, ms: list[Mention], first: Mention, labels=AGENTS) -> list[Mention]:
        """``first`` and the names that follow it in a comma list (A, B, C 등)."""
        group = [first]
        for m in ms:
            if m.start <= group[-1].start or m.label not in labels:
                continue
            if re.fullmatch(r"['’\"”]?\s*(?:,|및|와|과)\s*['‘\"“]?", text[_end(text, group[-1]):m.start]):  # ‘A’와 ‘B’
                group.append(m)
            elif m.start > _end(text, group[-1]):
                break
        return group

    def _located_lists(self, text, unit, ms, rels, owner=None) -> None:
        """Where lists of names are said to be: "중국의 대표 빅테크 기업인 A, B, C",
        "A, B 등 중국의 주요 반도체 기업", "베이징에 소재한 AI기업은 … A, B",
        "베이징에는 A, B, C 등 … 밀집", "A, B, C 등 4개 지역이 광둥성에 있음",
        and dated rows "2021 하이얼(海尔)-톈진-가전제품" (year-name-place-field)."""
        s, e = unit
        places = [m for m in ms if m.label in ("City", "Region")]
        # found by bisection over the unit's mentions (sorted by start), so that a long
        # line's places do not each scan all its mentions
        starts = [m.start for m in ms]
        next_actor = _next_of(ms, AGENTS)
        actors = [m for m in ms if m.label in AGENTS]
        actor_ends = [m.end for m in actors]
        ends_sorted = all(a <= b for a, b in zip(actor_ends, actor_ends[1:]))
        for p in places:
            if re.match(r"\s*(?:및|과|와|,|·|/)\s*", text[_end(text, p):_end(text, p) + 3]):
                continue  # 중국 및 해외의 유명 기업들: not all of them Chinese
            first = next_actor(bisect_left(starts, p.end))  # the first actor after the place
            if first is not None and first.start - p.end <= 40 and \
                    _NATIONALITY.fullmatch(text[p.end:first.start]) and \
                    not any(m.label in PLACES for m in
                            ms[bisect_left(starts, p.end):bisect_left(starts, first.start)]):
                for m in self._comma_list(text, ms, first):
                    rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                  "prose:nationality", 0.65))
            elif first is not None and text[p.end:first.start] == "의 " and p.label == "Region":
                rels.append(RelationCandidate((first.start, first.end), "located_in", (p.start, p.end), unit,
                                              "prefix:country-genitive", 0.6))  # 미국의 Uber
            # A, B 등 중국의 주요 반도체 기업
            before = actors[:bisect_right(actor_ends, p.start)] if ends_sorted else \
                [m for m in actors if m.end <= p.start]
            if before and _KIND_NOUN_AFTER.fullmatch(text[_end(text, before[-1]):p.start]) and \
                    re.match(r"(?:의)?\s*(?:[^\s,.()]+\s*){0,4}?(?:기업|업체|회사|스타트업|빅테크|제조사|제조기업|유니콘)",
                             text[p.end:p.end + 40]):
                for m in _comma_run_before(text, before):
                    rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                  "prose:nationality-list", 0.6))
            # 선전에 소재한 주요 로봇기업은 310개사로 A, B, C …
            noun = _LOCATED_NOUN.match(text[p.end:e])
            if noun:
                first = next_actor(bisect_left(starts, p.end + noun.end()))
                if first is not None and first.start - (p.end + noun.end()) <= 30:
                    for m in self._comma_list(text, ms, first):
                        rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                      "prose:located-list", 0.65))
            # 베이징에는 A, B, C 등 115개 대학교가 밀집
            host = _HOSTS.match(text, p.end)
            if host and p.start - s <= 12:
                first = next_actor(bisect_left(starts, p.end))
                if first is not None and first.start - host.end() <= 12:
                    group = self._comma_list(text, ms, first)
                    if len(group) >= 2 and re.match(r"\s*등", text[_end(text, group[-1]):]) and \
                            _HOSTED.search(text[_end(text, group[-1]):e]):
                        for m in group:
                            rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                          "prose:hosts-list", 0.65))
            # 광저우, 선전, 동관 등 4개 지역이 광둥성에 있음
            if p.label == "Region" and re.match(r"에\s*(?:있|위치|속)", text[p.end:p.end + 6]):
                cities = [m for m in ms if m.end <= p.start and m.label == "City"]
                if cities and re.fullmatch(r"\s*등\s*(?:\S+\s*){0,3}?(?:이|가)\s*", text[_end(text, cities[-1]):p.start]):
                    for m in _comma_run_before(text, cities):
                        rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                      "prose:cities-in-region", 0.7))
        if owner is not None:
            sentence = text[s:e]
            owner_in_ms = owner in ms
            for p in places:
                # X는 업계에서 드문 … 기업으로 / 이싱시 최초의 상장 기업으로
                if owner.label in AGENTS and (not owner_in_ms or owner.start < p.start) and \
                        re.match(r"(?:에서|의)?\s*(?:[^\s,.()]+\s*){0,8}?(?:기업|업체|회사|유니콘|스타트업)"
                                 r"(?:으로(?!부터)|이다|이며|이자|로서|이 됐|이 되었|으로서)",
                                 text[_end(text, p):min(e, _end(text, p) + 60)]) \
                        and (owner_in_ms or self._topic(text, ms, AGENTS + ("Park",)) is None) \
                        and not any(m.label in AGENTS for m in
                                    ms[bisect_left(starts, p.end):bisect_left(starts, p.end + 50)]):
                    # 화웨이, 알리바바, 텐센트는 모두 중국을 대표하는 기업이다
                    listed = [m for m in ms if m.label in AGENTS and m.end <= owner.start] + [owner]
                    for m in _comma_run_before(text, listed):
                        rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                      "prose:company-of-place", 0.6))
            # 청두 첨단기술개발구는 … A, B, C 등 111 개 프로젝트를 유치해
            if owner.label == "Park" and re.search(r"유치(?:해|했|하|한)", sentence):
                actors = [m for m in ms if m.label in ("Company",) and m.start > (owner.end if owner in ms else s)]
                if actors:
                    group = self._comma_list(text, ms, actors[0], ("Company",))
                    if len(group) >= 2 and re.match(r"\s*등", text[_end(text, group[-1]):]):
                        for m in group:
                            rels.append(RelationCandidate((m.start, m.end), "located_in", (owner.start, owner.end),
                                                          unit, "prose:zone-attracts", 0.6))
        # a company's site named after its city: 샤오미 우한 지역본부, 지멘스 쑤저우 공장
        for a, b in zip(ms, ms[1:]):
            if a.label in AGENTS and b.label in ("City", "Region") and text[_end(text, a):b.start] == " " and \
                    _BRANCH.match(text, _end(text, b)):
                rels.append(RelationCandidate((a.start, a.end), "located_in", (b.start, b.end), unit,
                                              "prose:branch-in-city", 0.7))
        # an economic region made of cities: 주강삼각주는 선전과 광저우를 중심으로
        for p in places:
            if p.label != "Region" or not self._economic_region(p) or not _TOPIC.match(text, _end(text, p)):
                continue
            members = [m for m in ms if m.label in ("City", "Region") and m.start > p.end and m is not p]
            end_at = _AROUND.search(text, p.end, e)
            if end_at is None:
                continue
            for m in members:
                if m.end <= end_at.start():
                    rels.append(RelationCandidate((m.start, m.end), "located_in", (p.start, p.end), unit,
                                                  "prose:region-members", 0.65))
        # dated items, as rows or within a cell: ". 2021 하이얼(海尔)-톈진-가전제품 . 2021 …"
        for row in _DASH_ITEM.finditer(text, s, e):
            a0, a1, p0, p1 = row.start(1), row.end(1), row.start(2), row.end(2)
            actor = next((m for m in ms if m.label in AGENTS and a0 <= m.start and m.end <= a1), None)
            place = next((m for m in ms if m.label in ("City", "Region") and p0 <= m.start and m.end <= p1), None)
            if actor is not None and place is not None:
                rels.append(RelationCandidate((actor.start, actor.end), "located_in", (place.start, place.end),
                                              (row.start(), row.end()), "table:dash-item", 0.7))

    def _economic_region(self, m: Mention) -> bool:
        entry = self.reference.get(m.ref_id) if m.ref_id else None
        return entry is not None and entry.kind == "economic_region"

    @staticmethod
    def _site_row(text, unit, ms, owner) -> RelationCandidate | None:
        """A profile table's "본사 | 선전" row: the company the section is about is there."""
        s, e = unit
        cells = re.split(r" \| |\t", text[s:e])
        if len(cells) < 2 or not _SITE_CELL.match(cells[0]) or owner is None or owner.label not in AGENTS:
            return None
        places = [m for m in ms if m.label in ("City", "Region")]
        if not places:
            return None
        p = places[-1]  # 산둥성 지닝시: the most specific, last
        return RelationCandidate((owner.start, owner.end), "located_in", (p.start, p.end), unit,
                                 "table:site-row", 0.7)

    @staticmethod
    def _list_before(text: str, ms: list[Mention], limit: int) -> list[Mention]:
        """The actors of a comma list that ends in 등 … (이/가/은/는) before ``limit``."""
        actors = [m for m in ms if m.label in AGENTS]
        if not actors:
            return []
        last = actors[-1]
        if not re.match(r"\s*등\s*(?:\S+\s){0,3}?\S*(?:이|가|은|는|들이|들은)\s", text[_end(text, last):limit]):
            return []
        return _comma_run_before(text, actors)

    def _name_prefixes(self, text, unit, ms, rels) -> None:
        """A place written right before a name says where it is: 안후이성 허페이 허이항공,
        산둥성 서우광, 중국 알리바바; a zone whose name starts with its city is in it."""
        for a, b in zip(ms, ms[1:]):
            gap = text[_end(text, a):b.start]
            if a.label == "City" and gap == "의 " and b.label in AGENTS:
                rels.append(RelationCandidate((b.start, b.end), "located_in", (a.start, a.end), unit,
                                              "prefix:city-genitive", 0.6))  # 주하이의 화파그룹
            if a.label in ("City", "Region") and gap == " " and (
                    b.label in AGENTS + ("Park",) or (b.label == "City" and a.label == "Region")):
                rels.append(RelationCandidate((b.start, b.end), "located_in", (a.start, a.end), unit,
                                              "prefix:place-before-name", 0.7))
        for m in ms:
            if m.label != "Park":
                continue
            city = self._city_prefix(text, m) or self._city_before(text, m, ms)
            if city is not None and city.extractor == "relations":
                rels.append(RelationCandidate((m.start, m.end), "located_in", (city.start, city.end), unit,
                                              "prefix:zone-name-carries-city", 0.8))
                self.extra_mentions.append(city)

    def _city_prefix(self, text: str, park: Mention) -> Mention | None:
        """The city a zone's name starts with (우한 둥후 국가자주혁신시범구 → 우한)."""
        name = text[park.start:park.end]
        for n in range(min(len(name) - 1, 6), 1, -1):
            word = name[:n]
            if word.endswith(" "):
                continue
            if n < len(name) and name[n] not in " 시" and not ("가" <= name[n] <= "힣"):
                continue
            hits = [h for h in self.reference.lookup(word) if h.type == "City" and h.kind != "district"]
            if hits and (name[n] == " " or n >= 2):
                h = sorted(hits, key=lambda x: (-len(x.names), x.id))[0]
                return Mention(park.start, park.start + n, word, "City", "relations", 0.8, h.id,
                               rule="name-prefix:zone-city", alias_of=None)
        return None

    def _city_before(self, text: str, park: Mention, ms: list[Mention]) -> Mention | None:
        """The city written right before a zone's name (광저우 난사신구 → 광저우), when no
        mention holds it (the zone's name was found without it)."""
        m = re.search(r"([가-힣]{2,6}) $", text[max(0, park.start - 8):park.start])
        if not m:
            return None
        start = park.start - len(m.group(0))
        known = next((x for x in ms if x.start == start and x.end == start + len(m.group(1))), None)
        if known is not None:
            return known if known.label in ("City", "Region") else None
        word = m.group(1)
        hits = [h for h in self.reference.lookup(word) if h.type == "City" and h.kind != "district"]
        if not hits:
            return None
        h = sorted(hits, key=lambda x: (-len(x.names), x.id))[0]
        return Mention(start, start + len(word), word, "City", "relations", 0.8, h.id,
                       rule="name-prefix:zone-city", alias_of=None)

    # -- develops --------------------------------------------------------------------------------
    def _develops_at_all(self, m: Mention) -> bool:
        """Can this actor be said to develop a technology? Not a regulator, a media outlet,
        an exchange or an analyst firm."""
        if m.label not in AGENTS + ("Park",):
            return False
        entry = self.reference.get(m.ref_id) if m.ref_id else None
        if entry is not None:
            return entry.kind not in _NON_DEVELOPERS
        return not _NON_DEVELOPER_HEAD.search(m.text)

    @staticmethod
    def _anaphor(text, unit, ms, topic, owner, pair) -> list[Mention]:
        """Who a sentence opening with a referring noun is about: 회사는/이 기업은 → the company
        the text is about, 개발구는/단지는 → the zone, 양사는/두 회사는 → the last two partners."""
        s, e = unit
        m = _ANAPHOR.match(text[s:e])
        if not m or any(x.label in AGENTS + ("Park",) and x.start < s + m.end() for x in ms):
            return []
        noun = m.group("noun")
        if noun in ("양사", "양측", "두 회사", "두 기업"):
            return list(pair)
        if noun in ("개발구", "산업단지", "단지", "시범구", "신구", "특구", "원구", "개발區"):
            return [owner] if owner is not None and owner.label == "Park" else []
        return [topic] if topic is not None else []

    def _develops(self, text, unit, ms, topic, rels, referents=()) -> None:
        techs = [m for m in ms if m.label == "Technology"]
        if not techs:
            return
        s, e = unit
        sentence = text[s:e]
        if not any(c in sentence for c in self.develop_cues):
            return
        actors = [m for m in ms if m.label in AGENTS + ("Park",)]
        # topics of the main clause: not the subject of a relative clause (X이 인터뷰한 A, B …)
        topics = [m for m in actors if _topic_marked(text, m) and not _RELATIVE_SUBJECT.match(text, _end(text, m))]
        if len(topics) >= 2 and all(re.match(r"\s?(?:은|는)", text[_end(text, m):]) for m in topics):
            # "A는 X를, B는 Y를": each technology to the topic before it
            for t in techs:
                before = [m for m in topics if m.start < t.start]
                if before:
                    rels.append(RelationCandidate((before[-1].start, before[-1].end), "develops", (t.start, t.end),
                                                  unit, "prose:develop-cue", 0.6))
            return
        subject = (topics[0] if topics else None) or next(
            (m for m in actors if not _RELATIVE_SUBJECT.match(text, _end(text, m))), None)
        if subject is None and referents:
            for ref in referents:  # 회사는 …을 개발했다, 양사는 … 공동 실험실을 운영
                for t in techs:
                    rels.append(RelationCandidate((ref.start, ref.end), "develops", (t.start, t.end), unit,
                                                  "prose:develop-cue-anaphor", 0.55))
            return
        if subject is None:
            # no actor named: the one the text is about, unless the sentence has a topic of
            # its own (중국은 …, 이 기술은 …, "- AI가 …")
            first_tech = min(t.start for t in techs)
            if topic is None or _OWN_TOPIC.search(text[s:first_tech]) or re.match(r"\s*[-–•·]\s", sentence) \
                    or not _CLAUSE_END.search(sentence.strip()):
                return  # nor into a heading (1. 중국기업의 AI 분야별 협력 수요)
            subject = topic
        # the subject and the actors coordinated with it (알리바바, 화웨이, 바이두 등 …)
        subjects = [subject]
        if subject in ms:
            k = actors.index(subject)
            for a in actors[k + 1:]:
                if re.fullmatch(r"\s*(?:,|와|과|및|·)\s*", text[_end(text, subjects[-1]):a.start]):
                    subjects.append(a)
                else:
                    break
        if subject not in topics and technology_topic_before(text, techs, subject.start if subject in ms else e):
            return  # the sentence is about the technology, not what the actor develops (develop_subject)
        for sub in subjects:
            for t in techs:
                rels.append(RelationCandidate((sub.start, sub.end), "develops", (t.start, t.end), unit,
                                              ("prose:develop-cue" if subject in topics else "prose:develop-cue-named")
                                              if subject in ms else "prose:develop-cue-carried",
                                              # precision measured on the dev documents: about
                                              # 0.8 with a topic, 0.45 named only, 0.35 carried
                                              (0.7 if subject in topics else 0.5) if subject in ms else 0.4))

    def _develops_descriptions(self, text, unit, ms, rels) -> None:
        """What a company is described as: "AI 비전 기술기업 X", "A, B 등 AI영상의학 기업",
        "T를 제조하는 기업으로는 A, B", and what it owns: "바이두의 AI의료 솔루션"."""
        s, e = unit
        for k, t in enumerate(ms):
            if t.label != "Technology":
                continue
            techs = [t]  # 산업용 로봇 및 협동로봇 제조기업: both
            for prev in reversed(ms[:k]):
                if prev.label == "Technology" and re.fullmatch(r"\s*(?:및|,|와|과|·|/)\s*", text[prev.end:techs[0].start]):
                    techs.insert(0, prev)
                else:
                    break
            nxt = next((m for m in ms[k + 1:] if m.label in AGENTS), None)
            if nxt is not None and nxt.start - t.end <= 24 and _MAKER_AFTER_TECH.fullmatch(text[t.end:nxt.start]) \
                    and not any(m.label == "Technology" and t.end <= m.start < nxt.start for m in ms):
                for a in self._comma_list(text, ms, nxt):
                    for tt in techs:
                        rels.append(RelationCandidate((a.start, a.end), "develops", (tt.start, tt.end), unit,
                                                      "prose:maker-of", 0.65))
            before = [m for m in ms[:k] if m.label in AGENTS]
            if before and _MAKER_BEFORE_LIST.match(text[_end(text, before[-1]):techs[0].start]) and \
                    _MAKER_AFTER_LIST.match(text[t.end:t.end + 12]):
                for a in _comma_run_before(text, before):
                    for tt in techs:
                        rels.append(RelationCandidate((a.start, a.end), "develops", (tt.start, tt.end), unit,
                                                      "prose:maker-list", 0.65))
        for k, a in enumerate(ms):
            if a.label not in AGENTS or not text.startswith("의 ", _end(text, a)):
                continue
            start = _end(text, a) + 2
            for t in ms[k + 1:]:
                if t.start - start > 14 or t.label in AGENTS + PLACES:
                    break
                if t.label == "Technology" and _OWN_PRODUCT.match(text[t.end:]) and \
                        not re.search(r"[,.;:]", text[start:t.start]):
                    rels.append(RelationCandidate((a.start, a.end), "develops", (t.start, t.end), unit,
                                                  "prose:owns-technology", 0.6))

    # -- invests_in --------------------------------------------------------------------------------
    def _invests(self, text, unit, ms, topic, previous_topic, rels) -> None:
        s, e = unit
        sentence = text[s:e]
        if not any(c in sentence for c in _INVEST_CUES):
            return
        actors = [m for m in ms if m.label in AGENTS]
        # acquisitions and subsidiaries: A가 B를 인수 / A의 자회사 B / A 산하 B
        for a, b in zip(actors, actors[1:]):
            between = text[_end(text, a):b.start]
            after_b = text[_end(text, b):_end(text, b) + 24]
            if re.match(r"(?:이|가|는|은)\s", between) and re.match(r"(?:을|를)\s*(?:[^\s,.]*[^\s,.을를]\s){0,3}?(?:인수|흡수합병|합병)", after_b):
                rels.append(RelationCandidate((a.start, a.end), "invests_in", (b.start, b.end), unit,
                                              "prose:acquisition", 0.75))
            if re.fullmatch(r"의\s*(?:\S+\s*)?(?:자회사|계열사|산하 기업|산하)\s*(?:인\s*)?", between) or \
                    re.fullmatch(r"\s*산하(?:의)?\s*", between):
                rels.append(RelationCandidate((a.start, a.end), "invests_in", (b.start, b.end), unit,
                                              "prose:subsidiary", 0.75))
            if re.match(r"(?:은|는|이|가)\s", between) and re.match(r"(?:의|인)\s*(?:\S+\s){0,3}(?:자회사|계열사)", after_b):
                rels.append(RelationCandidate((b.start, b.end), "invests_in", (a.start, a.end), unit,
                                              "prose:subsidiary", 0.7))
        # founded by: "다모 아카데미는 2017년 알리바바가 … 설립한 연구소"
        topic_here = self._topic(text, actors)
        if topic_here is not None:
            for m in actors:
                if m.start > topic_here.start and _FOUNDED_BY.match(text, _end(text, m)) and \
                        not any(x.label in AGENTS and m.end <= x.start for x in actors if x is not m):
                    rels.append(RelationCandidate((m.start, m.end), "invests_in", (topic_here.start, topic_here.end),
                                                  unit, "prose:founded-by", 0.65))
        # a funding-table row flattened into a line: "러쥐로봇(乐聚机器人) 시리즈 C 15억 위안 A, B"
        if actors and actors[0].start - s <= 2 and _ROUND_AFTER_NAME.match(text, _end(text, actors[0])):
            for m in actors[1:]:
                rels.append(RelationCandidate((m.start, m.end), "invests_in", (actors[0].start, actors[0].end),
                                              unit, "table:funding-row-line", 0.7))
            return
        # passive rounds: "X는 A와 B로부터 10억 위안 규모의 투자를 받았다"
        givers = [m for m in actors if re.match(r"(?:으로부터|로부터|에게서)", text[_end(text, m):])]
        if givers:
            coordinated = [m for m in actors if m not in givers and
                           re.match(r"(?:과|와|,)\s", text[_end(text, m):_end(text, m) + 3]) and
                           any(g.start > m.start for g in givers)]
            target = next((m for m in actors if m not in givers and m not in coordinated
                           and _TOPIC.match(text, _end(text, m))), None) or previous_topic
            if target is not None and target.label in AGENTS:
                for m in givers + coordinated:
                    if (m.start, m.end) != (target.start, target.end):
                        rels.append(RelationCandidate((m.start, m.end), "invests_in", (target.start, target.end),
                                                      unit, "prose:invested-by", 0.65))
        # "X도 A와 B에 잇달아 투자하며": the topic invests in the names marked with 에
        topic_here = self._topic(text, actors)
        if topic_here is not None and re.search(r"투자(?:했|하|를 단행|에 나서)", sentence):
            targets = [m for m in actors if m is not topic_here and m.start > topic_here.start and
                       re.match(r"(?:에|과|와|,)", text[_end(text, m):])]
            targets = [m for m in targets if re.search(r"에\s*(?:\S+\s){0,2}투자", text[_end(text, m):_end(text, m) + 30])
                       or re.match(r"(?:과|와|,)", text[_end(text, m):])]
            if targets and re.match(r"에", text[_end(text, targets[-1]):]):
                for m in targets:
                    rels.append(RelationCandidate((topic_here.start, topic_here.end), "invests_in",
                                                  (m.start, m.end), unit, "prose:invests-in-targets", 0.65))
        # investor lists and funding-table rows: "주요 투자자로는 A, B, C 등이 있으며",
        # "시리즈 B 2024-07-11 10억 위안 A, B" — investors in the company the text is about
        listed = re.search(r"투자자(?:로는|는|로|에는)|투자사(?:로는|는)|투자기관(?:으로는|은)", sentence)
        round_row = _ROUND_ROW.search(sentence)
        list_target = previous_topic
        if listed:
            # the company named before the list in the same sentence (X의 주요 투자자로는 …,
            # X는 … 주요 투자자로는 …), else the one the text was about
            own = [m for m in actors if m.end <= s + listed.start()]
            if own:
                list_target = own[-1] if re.match(r"의", text[_end(text, own[-1]):]) else \
                    (self._topic(text, own) or own[0])
        if (listed or round_row) and list_target is not None and list_target.label in AGENTS:
            start = s + (listed.end() if listed else 0)
            for m in actors:
                if m.start >= start and (m.start, m.end) != (list_target.start, list_target.end):
                    rels.append(RelationCandidate((m.start, m.end), "invests_in",
                                                  (list_target.start, list_target.end), unit,
                                                  "prose:investor-list" if listed else "table:funding-row", 0.65))
            if listed:
                return
        # funding rounds: investors lead or join; the target raises
        target = None
        for m in actors:
            tail = text[_end(text, m):min(e, _end(text, m) + 40)]
            if _takes_part(text, actors, m, e):
                continue  # an investor: 닝더스다이가 주도하고, 홍산중국 등이 참여한
            if _TOPIC.match(text, _end(text, m)) and re.search(r"(유치|조달|확보|받았|받아|마무리|완료)",
                                                            sentence[m.end - s:]):
                target = m
                break
            if re.match(r"의\s*(?:\S+\s)?(?:시리즈|프리|엔젤|시드|[A-Z]\+?\s*라운드|라운드|투자|지분|IPO)", tail):
                target = m
                break
        if target is None and re.search(r"(등이|가|이)\s*(?:\S+\s)?(?:참여|주도|투자|공동 투자)", sentence):
            # the round of the company the text is about: this sentence's topic unless that
            # topic is itself an investor (닝더스다이가 주도하고 …), else the previous one's
            for cand in (topic, previous_topic):
                if cand is not None and cand.label in AGENTS and \
                        not (cand in ms and _takes_part(text, actors, cand, e)):
                    target = cand
                    break
        if target is None:
            return
        investors = []
        for m in actors:
            if m is target or (m.start, m.end) == (target.start, target.end):
                continue
            tail = text[_end(text, m):min(e, _end(text, m) + 60)]
            if _takes_part(text, actors, m, e) or re.match(r"(?:의)\s*(?:\S+\s)?(?:투자를|출자를)", tail):
                investors.append(m)
        for inv in investors:
            rels.append(RelationCandidate((inv.start, inv.end), "invests_in", (target.start, target.end), unit,
                                          "prose:funding-round", 0.7))

    # -- partners_with -----------------------------------------------------------------------------
    @staticmethod
    def _co_developers(text, unit, actors, pairs) -> None:
        """A dated table row naming an item and the organisations behind it, comma-separated
        ("2023-7 밍후(明湖) 난청대학교, 루이캉헬스 …"): they developed it together."""
        s, e = unit
        if not re.match(r"(?:19|20)\d{2}[-.]\d{1,2}\s", text[s:e]):
            return
        group = [actors[0]] if actors else []
        for a, b in zip(actors, actors[1:]):
            if re.fullmatch(r"\s*,\s*", text[a.end:b.start]):
                group.append(b)
            else:
                break
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pairs.add((a, b))

    def _partners(self, text, unit, ms, rels) -> None:
        """Coordinated actors of a cooperation (A와 B가 공동 개발, A, B, C가 협약) partner with
        each other; when the sentence is about another actor (X는 A, B, C에 공급 / X의 제품은
        A, B에 탑재), X partners with each of them and they are not each other's partners."""
        s, e = unit
        sentence = text[s:e]
        if not any(c in sentence for c in _PARTNER_CUES) and not re.match(r"(?:19|20)\d{2}[-.]\d{1,2}\s", sentence):
            return
        actors = [m for m in ms if m.label in ("Company", "Organization")]
        if len(actors) < 2:
            return
        pairs = set()
        # chains of coordinated actors: A와 B / A, B 및 C
        groups: list[list[Mention]] = [[actors[0]]]
        for a, b in zip(actors, actors[1:]):
            between = text[_end(text, a):b.start]
            if _WITH.fullmatch(between) or re.fullmatch(r"(?:와|과)\s*", between):
                groups[-1].append(b)
            else:
                groups.append([b])
        topic = self._topic(text, actors, ("Company", "Organization")) or self._possessor_topic(text, actors)
        for group in groups:
            if len(group) < 2:
                continue
            each = each_with_counterparts(text, unit, group, actors)
            if each:  # A와 B는 각각 C와 협력: each with C, not with each other
                pairs.update(each)
                continue
            if topic is not None and topic not in group and topic.start < group[0].start and \
                    not _TOPIC.match(text, _end(text, group[-1])):
                continue  # X는 A, B에 …: A and B are X's counterparts, not each other's
            in_list = len(group) >= 3 or (
                re.fullmatch(r"\s*,\s*", text[_end(text, group[0]):group[1].start]) is not None and
                (text[_end(text, group[-1]):].lstrip().startswith(",") or
                 text[max(s, group[0].start - 3):group[0].start].rstrip().endswith(",")))
            if in_list and not _JOINT_SUBJECT.match(text, _end(text, group[-1])):
                continue  # a list of participants (… 등 16개사가 참여), not a joint undertaking
            if _COUNTERPARTS.match(text, _end(text, group[-1])):
                if topic is not None and topic not in group:
                    pairs.update((topic, b) for b in group)
                continue  # A, B 등 완성차 기업들과 협력: the subject's counterparts
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    pairs.add((a, b))
        if topic is not None:
            first_topic = topic
            for b in actors:
                # the topic of b's own clause (A는 …하며, B는 C의 AI를 탑재: B, not A)
                topic = clause_topic(text, unit, actors, b.start) or first_topic
                if b is topic or any(b in g and topic in g for g in groups if distributive_group(text, g)):
                    continue
                after = text[_end(text, b):_end(text, b) + 8]
                in_list = any(b in g and len(g) > 1 and topic not in g for g in groups)
                if re.match(r"(?:와|과)(?:의|\s*함께|\s*공동|\s*협력|\s*손잡|\s)", after) or \
                        re.match(r"의\s*(?:\S+\s)?(?:AI|기술|솔루션|칩|플랫폼|모델|시스템)", after) or \
                        (in_list and b.start > topic.start):
                    pairs.add((topic, b))
        if not pairs and len(actors) == 2 and any(c in sentence for c in _STRONG_PARTNER_CUES):
            # two actors and a deal named outright (계약, MOU, 공동 개발 …); weak cues such as
            # 탑재 or a passing 협력 are not enough without a grammatical link
            pairs.add((actors[0], actors[1]))
        self._co_developers(text, unit, actors, pairs)
        for a, b in sorted({tuple(sorted(p, key=lambda m: m.start)) for p in pairs},
                           key=lambda ab: (ab[0].start, ab[1].start)):  # one per pair, in text order
            rels.append(RelationCandidate((a.start, a.end), "partners_with", (b.start, b.end), unit,
                                          "prose:cooperation", 0.6))

    @staticmethod
    def _possessor_topic(text: str, ms: list[Mention]) -> Mention | None:
        """The owner of a sentence's topic: 루신에너지의 배터리 제품은 … → 루신에너지."""
        for m in ms:
            if re.match(r"의\s*(?:[가-힣A-Za-z]+\s*){1,2}(?:은|는)\s", text[_end(text, m):_end(text, m) + 16]):
                return m
        return None


def _whole_item(text: str, m: Mention) -> bool:
    """Is the mention a whole item of its list (not HTSC of "HTSC 룽화, …")?"""
    after = text[_end(text, m):_end(text, m) + 2]
    return after == "" or after[0] in ",\n;" or after.startswith((" (", "(")) or not after.strip()


def _dedupe(rels: list[RelationCandidate]) -> list[RelationCandidate]:
    seen, out = set(), []
    for r in rels:
        key = (r.subject, r.predicate, r.object)
        if r.subject == r.object or key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


@Language.factory("kg_relations", default_config={"window": 30, "reference_dir": None})
def make_relations(nlp: Language, name: str, window: int, reference_dir: str | None) -> Relations:
    return Relations(nlp, name, window, reference_dir)
