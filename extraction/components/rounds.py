"""Funding rounds: which company raised which round, how much, led by whom.

:func:`find_rounds` reads a Doc after the relation components (its chosen mentions,
``doc._.kg_mentions``, and relations, ``doc._.kg_relations``) and returns one
:class:`RoundCandidate` per round a unit states — a sentence, or a table row:

- **rows of funding tables**: a row the table reader (:mod:`extraction.tables`) cut into a
  company, a round cell, an amount cell, a date cell and an investor cell
  (``table-reader:round``); a row of cells kept apart by ``|`` or tabs with a round or an
  amount cell (``table:round-row``); a row under a ``라운드 … 투자자`` header that lists one
  company's rounds (``table:round-table``); a row flattened into one line, ``X(中文) 시리즈 C
  15억 위안 A, B`` (``table:round-line``). An investor cell's ``(리드)``, ``주도`` or ``领投``
  marks a lead.
- **prose** (``prose:round``): a sentence that names a stage (시리즈 B, A라운드, 프리A,
  엔젤 라운드, 시드, 전략적 투자, IPO, A轮) or an amount (10억 위안, 1억 달러, 5,000만 위안,
  수억 위안 — an amount without an exact number stays text; 금액 미공개), and says the round
  was raised or done (유치, 조달, 확보, 받았다, 완료, 마무리, 참여, 주도). The company is the one
  the relation rules made the investors' target in that sentence, else the sentence's topic
  or a name before ``의 시리즈 B``, else, for ``회사는 …``, the company of the sentence before.
  Leads and participants are what :func:`.ownership.round_roles` reads (``Y가 주도하고 Z가
  참여한``), the names the investment comes from (``A와 B로부터``), and the investors the
  relation rules found in the sentence. ``X는 7억 위안, Y는 5억 위안의 자금을 각각 확보``
  gives each company its own round (``prose:round-each``).

What a sentence plans, considers or denies (IPO를 추진 중, 유치할 계획, 투자를 철회) is no
round. Amounts that value a company or count revenue (기업가치 100억 위안), and amounts in
brackets (the same amount in won), are not the round's.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..candidates import Mention
from ..tables import cells as C
from .cells import CELL_SEP, row_cells
from .ownership import round_roles
from .relation_candidate import AGENTS, end_of, topic_marked
from .util import FUNDING_HEADER, PROSE_END, doc_text


@dataclass(frozen=True)
class RoundCandidate:
    """A round a unit states (character spans of ``doc.text``)."""

    company: tuple[int, int]
    stage_text: str  # as written ('' when the unit names none)
    amount_text: str  # as written ('' when none): 10억 위안, 수억 위안, 미공개
    date_text: str  # a date the row itself states ('' when none: the article's date counts)
    leads: tuple[tuple[int, int], ...]
    participants: tuple[tuple[int, int], ...]
    evidence: tuple[int, int]
    rule: str
    confidence: float


# a stage as prose writes it
STAGE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"(?:프리|Pre-?)\s?IPO"
    r"|(?:프리|Pre-?)\s?(?:시리즈\s?)?[A-H]\+{0,2}(?:\s?라운드)?"
    r"|(?:시리즈|Series)\s?[A-H]\d?\+{0,2}(?:\s?라운드)?"
    r"|[A-H]\d?\+{0,2}\s?(?:라운드|轮|Round)"
    r"|(?:엔젤|시드)(?!\s?투자(?:자|센터|기관|사|펀드))(?:\s?(?:라운드|투자|펀딩))?"
    r"|(?:Angel|Seed)(?:\s?Round)?|天使轮|种子轮"
    r"|전략적\s?투자(?!자|사|기관)|전략\s?라운드|战略(?:投资|融资)"
    r"|IPO|기업공개"
    r")(?![A-Za-z])"
)
_NUM = r"\d[\d,]*(?:\.\d+)?"
_UNIT = r"(?:조|억|천만|백만|만|천|亿|万)"
_CURRENCY = r"(?:홍콩\s?달러|미국\s?달러|달러|위안|유로|엔(?![가-힣])|원(?![가-힣])|元|美元|人民币)"
AMOUNT = re.compile(
    rf"(?:US\$|\$|RMB|USD|CNY)\s?{_NUM}\s?(?:million|billion|bn|mn)?(?![A-Za-z])"
    rf"|(?:{_NUM}\s?{_UNIT}\s?)+(?:{_NUM}\s?)?{_CURRENCY}"
    rf"|(?:수|수십|수백|수천|몇|십|數|数)\s?{_UNIT}\s?{_CURRENCY}"
)
_UNDISCLOSED = re.compile(r"(?:금액|규모|액수|투자액)(?:은|는|이|가)?\s?(?:미공개|비공개|공개되지\s?않|밝히지\s?않)")
# what values a company or counts its business, not what it raised
_NOT_RAISED_BEFORE = re.compile(r"(?:가치|밸류에이션|매출|시가총액|시총|GDP|생산액|영업이익|순이익|자산|총투자액|총투자|투자액|"
                                r"평가|손실|적자|누적|계약금|선급금|마일스톤|로열티|수주|판매액|거래액)\S{0,3}\s?(?:은|는|이|가|를|을|에|로|약|이상|기준)?\s?(?:약\s?)?$")
_NOT_RAISED_AFTER = re.compile(r"^\s?(?:이상의?\s?|수준의?\s?|에\s?달하는\s?|으로\s?|로\s?)?(?:기업\s?)?(?:가치|밸류|매출|시가총액|규모의\s?시장)"
                               r"|^\s?(?:\([^()]*\)\s?)?(?:규모의?\s?)?(?:지분|주식)")  # a stake bought, not a round
# a round raised or done
_FUNDING_NOUN = re.compile(r"투자|자금|펀딩|융자|라운드|시리즈|자본|IPO|상장|增资|融资|轮")
_DONE = re.compile(r"유치|조달|확보|받았|받으며|받아|받고|받은|받는|완료|마무리|성사|클로징|마감|성공|참여|주도|리드|이끌|단행|"
                   r"끝냈|끝마|진행했|진행하|발표했")
_PLANNED = re.compile(r"^\S{0,3}\s?(?:할|하기로|하려|하려는|할지|하는\s?방안|을\s?|를\s?)?\s?"
                      r"(?:예정|계획|방침|전망|추진|준비|검토|타진|협상|논의|고려|신청|앞두|목표)")
_NEGATED = re.compile(r"(?:하지|받지|(?<!공개)되지)\s?(?:않|못)|철회|무산|결렬|백지화|취소|부인|중단")
_GIVER = re.compile(r"\s?(?:등)?\s?(?:으로부터|로부터|에게서|에서)(?=\s|$)")
_LEAD_MARK = re.compile(r"\s?(?:[(（]\s?(?:리드|주도|공동\s?리드|领投|[Ll]ead)\s?[)）]|\s(?:주도|리드)(?=\s|$|,|，))")
_OF_ROUND = re.compile(r"\s?의\s?(?:[^\s,.]+\s){0,2}?(?:" + STAGE.pattern + r"|[^\s,.]*(?:투자|라운드|펀딩|자금\s?조달))")
_REFERRING = re.compile(r"^\s*(?:[-–•·◼■]\s*)?(?:(?:이|그|해당|동|본)\s?)?(?:회사|기업|업체|동사|스타트업)(?:는|은|가|이|도)\s")
_HEADING_COMPANY = re.compile(r"\s?,\s")  # a headline: "◼ X, 11억 위안 시리즈 B 유치"
_HEADING_START = re.compile(r"\s*(?:[\[【<][^\]】>\n]{0,12}[\]】>])?\s*(?:[◼■□▶●◆•\-–·]\s*)?")
_EACH = re.compile(r"각각|각자")
_THIS_ROUND = re.compile(r"\s*(?:이번|해당|이)\s?(?:라운드|투자|펀딩)(?:에는|에|에서는|에도)\s")
_JOINED = re.compile(r"(?:에|에도)\s?(?:[^\s,.]+\s){0,2}?(?:참여|참가|동참|투자)")
_FUNDING_RULES = ("prose:round", "prose:funding", "prose:invested-by", "prose:coordinated-investors",
                  "prose:investor-list", "prose:investor-roster", "table:funding", "table-reader:investor")


def iso_date(text: str) -> str:
    """A date cell in ISO form: 2024-07-11, 2024.7 → 2024-07, 2024년 → 2024, ’23.5 → 2023-05; ''."""
    m = re.search(r"((?:19|20)\d{2}|[’']\d{2})\s?(?:년|[-./])?\s?(?:(\d{1,2})\s?(?:월|[-./])?\s?(?:(\d{1,2})\s?일?)?)?", text)
    if not m:
        return ""
    year = m.group(1)
    year = "20" + year[1:] if not year[0].isdigit() else year
    month, day = m.group(2), m.group(3)
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{int(month):02d}"
    return year


def _inside_brackets(text: str, s: int, pos: int) -> bool:
    before = text[s:pos]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def round_amount(text: str, s: int, e: int, after: int | None = None) -> tuple[str, int]:
    """The amount a unit ``text[s:e]`` raises, as written, and where it starts (-1 none): the
    first amount (from ``after`` on when it has one there) that values nothing and stands
    outside brackets; else 미공개 when the unit says the amount was not disclosed."""
    found = []
    for m in AMOUNT.finditer(text, s, e):
        if _inside_brackets(text, s, m.start()) or _NOT_RAISED_BEFORE.search(text[max(s, m.start() - 14):m.start()]) \
                or _NOT_RAISED_AFTER.match(text[m.end():m.end() + 30]):
            continue
        found.append(m)
    if found:
        later = [m for m in found if after is not None and m.start() >= after]
        m = (later or found)[0]
        return re.sub(r"\s+", " ", m.group()).strip(), m.start()
    u = _UNDISCLOSED.search(text, s, e)
    if u:
        return "미공개", u.start()
    return "", -1


def round_stage(text: str, s: int, e: int, after: int | None = None) -> tuple[str, int]:
    """The stage a unit names, as written, and where it starts (-1 none); a stage the unit
    only plans (IPO를 추진 중) does not count."""
    found = []
    for m in STAGE.finditer(text, s, e):
        if _PLANNED.match(text[m.end():m.end() + 14]) and not re.match(r"\s?(?:단계|라운드)", text[m.end():]):
            continue
        found.append(m)
    if not found:
        return "", -1
    later = [m for m in found if after is not None and m.start() >= after]
    m = (later or found)[0]
    return re.sub(r"\s+", " ", m.group()).strip(), m.start()


def _done(text: str, s: int, e: int, amount: bool = False) -> bool:
    """Does the unit say a round was raised or done (not only planned or denied)? With an
    amount, a verb alone says so (10억 위안 유치)."""
    if _NEGATED.search(text, s, e) or not (amount or _FUNDING_NOUN.search(text, s, e)):
        return False
    return any(not _PLANNED.match(text[m.end():m.end() + 14]) for m in _DONE.finditer(text, s, e))


def _at(ms: list[Mention], span: tuple[int, int], labels=AGENTS) -> Mention | None:
    return next((m for m in ms if m.label in labels and m.start < span[1] and span[0] < m.end), None)


def _leads_marked(text: str, spans, ms) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    leads, rest = [], []
    for span in spans:
        m = _at(ms, span)
        if m is None:
            continue
        key = (m.start, m.end)
        marked = _LEAD_MARK.match(text, m.end) or _LEAD_MARK.match(text, max(span[1], end_of(text, m)))
        (leads if marked else rest).append(key)
    return leads, [r for r in rest if r not in leads]


class _Rounds:
    def __init__(self, doc: Doc):
        from .relations import Relations  # the units the relation rules read

        self.text = doc_text(doc)
        self.units = Relations._units(doc, self.text)
        self.mentions = sorted((m for m in (doc._.kg_mentions or ())
                                if m.alias_of is None or m.extractor == "propagated"), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.relations = [r for r in (doc._.kg_relations or ()) if r.predicate == "invests_in"]
        self.rows = [row for kind, row in (doc.user_data.get("kg_table_rows") or []) if kind == "rows"]
        self.regions = doc.user_data.get("kg_table_regions") or []
        self.out: list[RoundCandidate] = []
        self.last_company: Mention | None = None  # the company of the last round prose stated

    def agents(self, s: int, e: int) -> list[Mention]:
        out = []
        ms = self.mentions
        for k in range(bisect_left(self.starts, s), len(ms)):  # the mentions from s on, in order
            m = ms[k]
            if m.start > e:
                break
            if m.end <= e and m.label in AGENTS:
                out.append(m)
        return out

    def add(self, company: Mention, stage: str, amount: str, date: str, leads, participants,
            evidence: tuple[int, int], rule: str, confidence: float) -> None:
        key = (company.start, company.end)
        leads = tuple(dict.fromkeys(x for x in leads if x != key))
        participants = tuple(dict.fromkeys(x for x in participants if x != key and x not in leads))
        if not (stage or amount or leads or participants):
            return
        self.out.append(RoundCandidate(key, stage, amount, date, leads, participants, evidence, rule, confidence))

    # -- tables -------------------------------------------------------------------------------
    def reader_rows(self) -> None:
        for row in self.rows:
            round_cell, amount_cell, date_cell = row.cell("round"), row.cell("amount"), row.cell("date")
            if round_cell is None and amount_cell is None:
                continue
            company = _at(self.mentions, row.names[0]) if row.names else None
            if company is None:
                continue
            leads, rest = _leads_marked(self.text, row.listed, self.mentions)
            stage = self.text[round_cell.start:round_cell.end] if round_cell else ""
            if stage and C.UNDISCLOSED.fullmatch(stage.strip()):
                stage = ""
            amount = self.text[amount_cell.start:amount_cell.end] if amount_cell else ""
            if amount and C.UNDISCLOSED.fullmatch(amount.strip()):
                amount = "미공개"
            date = iso_date(self.text[date_cell.start:date_cell.end]) if date_cell else ""
            self.add(company, " ".join(stage.split()), " ".join(amount.split()), date, leads, rest,
                     (row.start, row.end), "table-reader:round", 0.8)

    def cell_row(self, s: int, e: int, target: Mention | None) -> bool:
        """A row of cells kept apart by | or tabs, with a round or an amount cell. Rows that
        line repair glued into one line (``… 화강벤처스 밍신반도체 | 엔젤 | …``) are cut
        where a round cell follows a cell that ends in a name: that name starts the next row."""
        text = self.text
        cells = row_cells(text, (s, e))
        kinds = []
        for a, b in cells:
            value = text[a:b].strip()
            if C.ROUND.fullmatch(value) or STAGE.fullmatch(value):
                kinds.append("round")
            elif C.AMOUNT.fullmatch(value) or AMOUNT.fullmatch(value):
                kinds.append("amount")
            elif C.DATE.fullmatch(value):
                kinds.append("date")
            elif C.UNDISCLOSED.fullmatch(value):
                kinds.append("undisclosed")
            else:
                kinds.append("")
        key = "round" if "round" in kinds else "amount"
        anchors = [k for k, kind in enumerate(kinds) if kind == key]
        if not anchors:
            return False
        # each row's company: the first name before its first anchor, then the last name of
        # the cell before each later anchor
        companies: list[Mention | None] = []
        for i, k in enumerate(anchors):
            if i == 0:
                names = self.agents(s, cells[k][0])
                companies.append(names[0] if names else target)
            else:
                names = self.agents(*cells[k - 1]) if k > 0 else []
                companies.append(names[-1] if names and names[-1].start > cells[anchors[i - 1]][1] else None)
        found = False
        for i, k in enumerate(anchors):
            company = companies[i]
            if company is None:
                continue
            nxt = next((c for c in companies[i + 1:] if c is not None), None)
            row_end = nxt.start if nxt is not None else e
            row_start = s if i == 0 else company.start
            stop = anchors[i + 1] if i + 1 < len(anchors) else len(cells)

            def value(kind):
                j = next((j for j in range(k, stop) if kinds[j] == kind), None)
                return " ".join(text[cells[j][0]:cells[j][1]].split()) if j is not None else ""

            amount = value("amount") or ("미공개" if "undisclosed" in kinds[k:stop] else "")
            investors = [m for m in self.agents(cells[k][1], row_end) if m is not company]
            leads, rest = _leads_marked(text, [(m.start, m.end) for m in investors], self.mentions)
            own = self.agents(s, cells[anchors[0]][0]) if i == 0 else [company]
            rule = "table:round-row" if own else "table:round-table"
            self.add(company, value("round"), amount, iso_date(value("date")), leads, rest,
                     (row_start, len(text[:row_end].rstrip())), rule, 0.75)
            found = True
        return found

    def header_rows(self, s: int, e: int, target: Mention) -> None:
        """Rows under a ``라운드 … 투자자`` header, also glued into one line: each starts at
        its round (시리즈 B 2024-07-11 10억 위안 A, B 시리즈 C …)."""
        starts = [m.start() for m in C.ROUND.finditer(self.text, s, e)
                  if m.start() == s or self.text[m.start() - 1].isspace()]
        if not starts or starts[0] > C.skip_ws(self.text, s, e):
            starts = [s] + starts
        for a, b in zip(starts, starts[1:] + [e]):
            self.header_row(a, len(self.text[:b].rstrip()), target)

    def header_row(self, s: int, e: int, target: Mention) -> None:
        """A row under a ``라운드 … 투자자`` header: 시리즈 B 2024-07-11 10억 위안 A, B."""
        at = C.skip_ws(self.text, s, e)
        end = C.round_end(self.text, at, e)
        stage = ""
        if end is not None:
            stage = " ".join(self.text[at:end].split())
            if C.UNDISCLOSED.fullmatch(stage):
                stage = ""
        date = C.DATE.search(self.text, s, e)
        amount, _ = round_amount(self.text, s, e)
        if not amount and C.UNDISCLOSED.search(self.text, end or s, e):
            amount = "미공개"
        if not stage and not amount:
            return
        investors = [m for m in self.agents(s, e) if (m.start, m.end) != (target.start, target.end)]
        leads, rest = _leads_marked(self.text, [(m.start, m.end) for m in investors], self.mentions)
        self.add(target, stage, amount, iso_date(date.group()) if date else "", leads, rest, (s, e),
                 "table:round-table", 0.75)

    def line_row(self, s: int, e: int, actors: list[Mention]) -> bool:
        """A funding-table row flattened into one line: X(中文) 시리즈 C 15억 위안 A, B."""
        if not actors or actors[0].start - s > 2 or PROSE_END.search(self.text[s:e].strip()):
            return False
        after = end_of(self.text, actors[0])
        end = C.round_end(self.text, after, e)
        if end is None:
            return False
        stage = " ".join(self.text[C.skip_ws(self.text, after, e):end].split())
        amount, _ = round_amount(self.text, end, e)
        investors = [(m.start, m.end) for m in actors[1:]]
        leads, rest = _leads_marked(self.text, investors, self.mentions)
        self.add(actors[0], stage, amount, "", leads, rest, (s, e), "table:round-line", 0.75)
        return True

    # -- prose --------------------------------------------------------------------------------
    def prose(self, s: int, e: int, actors: list[Mention], previous: Mention | None) -> None:
        text = self.text
        stage, stage_at = round_stage(text, s, e)
        amount, amount_at = round_amount(text, s, e)
        if not stage and not amount:
            if self.last_company is not None and _THIS_ROUND.match(text[s:e]):
                self.more(s, e, actors)
            return
        if not _done(text, s, e, bool(amount and amount != "미공개")):
            return
        if _EACH.search(text, s, e) and self.each(s, e, actors):
            return
        leaders, joiners = round_roles(text, actors)
        givers = [m for m in actors if _GIVER.match(text, end_of(text, m))]
        in_unit = [r for r in self.relations if s <= r.evidence[0] and r.evidence[1] <= e + 1 and
                   r.rule.startswith(_FUNDING_RULES)]
        investors = {(m.start, m.end) for m in leaders + joiners + givers} | {r.subject for r in in_unit}
        by_span = {(m.start, m.end): m for m in actors}
        company = None
        targets = Counter(r.object for r in in_unit if r.object not in investors and r.object in by_span)
        if targets:
            company = by_span[targets.most_common(1)[0][0]]
        anchor = min(x for x in (stage_at, amount_at) if x >= 0)
        if company is None:  # X의 시리즈 C 라운드에 (텐센트가) 참여: X raised it, the others joined
            company = next((m for m in actors if (m.start, m.end) not in investors and
                            _OF_ROUND.match(text, end_of(text, m))), None)
            if company is not None and _JOINED.search(text, company.end, e):
                investors |= {(m.start, m.end) for m in actors if m is not company and m.start < company.start
                              and topic_marked(text, m)}
        if company is None:
            for m in actors:
                if (m.start, m.end) in investors:
                    continue
                if m.start < anchor and (topic_marked(text, m) or
                                         (_HEADING_START.fullmatch(text[s:m.start]) and
                                          _HEADING_COMPANY.match(text, end_of(text, m)))):
                    company = m
                    break
        confidence = 0.7
        if company is None and previous is not None and (_REFERRING.match(text[s:e]) or (not actors and
                                                                                        re.match(r"\s*이번", text[s:e]))):
            company, confidence = previous, 0.6
        if company is None:
            return
        key = (company.start, company.end)
        leads = [(m.start, m.end) for m in leaders]
        rest = [x for x in sorted(investors) if x not in leads]
        stage, _ = round_stage(text, s, e, company.start)
        amount, _ = round_amount(text, s, e, company.start)
        self.add(company, stage, amount, "", leads, [x for x in rest if x != key], (s, e), "prose:round", confidence)
        self.last_company = company

    def more(self, s: int, e: int, actors: list[Mention]) -> None:
        """이번 라운드에는 A가 주도하고 B, C가 참여했다: the investors of the round the sentence
        before stated (one round: resolution merges the two)."""
        company = self.last_company
        leaders, joiners = round_roles(self.text, actors)
        investors = [(m.start, m.end) for m in leaders + joiners]
        investors += [r.subject for r in self.relations if s <= r.evidence[0] and r.evidence[1] <= e + 1
                      and r.rule.startswith(_FUNDING_RULES)]
        leads = [(m.start, m.end) for m in leaders]
        self.add(company, "", "", "", leads, [x for x in investors if x not in leads], (s, e), "prose:round-more", 0.65)

    def each(self, s: int, e: int, actors: list[Mention]) -> bool:
        """X는 7억 위안, Y는 5억 위안의 자금을 각각 확보: a round per company."""
        pairs = []
        for m in actors:
            if not topic_marked(self.text, m):
                continue
            after = end_of(self.text, m) + 1
            a = AMOUNT.match(self.text, C.skip_ws(self.text, after, e), e)
            if a:
                pairs.append((m, re.sub(r"\s+", " ", a.group())))
        if len(pairs) < 2:
            return False
        for m, amount in pairs:
            self.add(m, "", amount, "", (), (), (s, e), "prose:round-each", 0.65)
        return True

    # -- the document -------------------------------------------------------------------------
    def run(self) -> list[RoundCandidate]:
        self.reader_rows()
        text = self.text
        previous: Mention | None = None  # the company the text is about
        previous_agents: list[Mention] = []
        funding_target: Mention | None = None
        for s, e in self.units:
            actors = self.agents(s, e)
            unit = text[s:e]
            if any(a <= s and e <= b for a, b in self.regions):
                previous_agents = actors
                continue  # the table reader's rows
            header = FUNDING_HEADER.search(unit)
            if header:
                caption = [m for m in actors if m.start < s + header.start()] or previous_agents
                funding_target = caption[0] if caption else previous
                previous_agents = actors
                continue
            if funding_target is not None:
                if PROSE_END.search(unit.strip()) and len(unit) > 60:
                    funding_target = None
                else:
                    if not (CELL_SEP.search(unit) and self.cell_row(s, e, funding_target)):
                        self.header_rows(s, e, funding_target)
                    previous_agents = actors
                    continue
            previous_agents = actors
            if CELL_SEP.search(unit):
                self.cell_row(s, e, None)
                continue
            if self.line_row(s, e, actors):
                continue
            self.prose(s, e, actors, previous)
            topic = next((m for m in actors if topic_marked(text, m) and m.label != "Investor"), None)
            if topic is not None:
                previous = topic
        return self.out


def find_rounds(doc: Doc) -> list[RoundCandidate]:
    """The funding rounds ``doc`` states (see the module doc)."""
    if not doc._.kg_mentions:
        return []
    return _Rounds(doc).run()


__all__ = ["AMOUNT", "STAGE", "RoundCandidate", "find_rounds", "iso_date", "round_amount", "round_stage"]
