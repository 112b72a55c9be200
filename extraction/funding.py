"""Funding amounts and round names in normal form (what a funding round's text says, read).

``parse_amount`` reads an amount as Korean, Chinese and English texts write it — 10억 위안,
3억5000만 위안, 1.5억 달러, 2조 원, 5000万元, 1.2亿美元, US$200 million, RMB 1.5 billion —
into a number and an ISO 4217 currency code; vague amounts (수억 위안, 数亿元) and amounts
without a currency give ``None``. ``normalise_stage`` gives a round's stage in kg's normal
form: seed, angel, pre-A, A, A+, B++, C, strategic, pre-IPO, IPO or other. Neither finds
rounds in text: they read the span that rule found.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# longest first: 홍콩달러 before 달러, 미국 달러 before 달러
CURRENCIES = (
    ("홍콩달러", "HKD"), ("홍콩 달러", "HKD"), ("港元", "HKD"), ("港币", "HKD"), ("HK$", "HKD"), ("HKD", "HKD"),
    ("미국 달러", "USD"), ("미국달러", "USD"), ("미화", "USD"), ("달러", "USD"), ("美元", "USD"), ("US$", "USD"),
    ("USD", "USD"), ("$", "USD"), ("dollars", "USD"),
    ("인민폐", "CNY"), ("위안", "CNY"), ("人民币", "CNY"), ("元", "CNY"), ("RMB", "CNY"), ("CNY", "CNY"),
    ("yuan", "CNY"), ("¥", "CNY"),
    ("엔", "JPY"), ("日元", "JPY"), ("円", "JPY"), ("JPY", "JPY"),
    ("유로", "EUR"), ("欧元", "EUR"), ("€", "EUR"), ("EUR", "EUR"),
    ("원", "KRW"), ("₩", "KRW"), ("KRW", "KRW"), ("韩元", "KRW"),
)
# Korean and Chinese myriad units and English scale words
UNITS = {"조": Decimal(10) ** 12, "억": Decimal(10) ** 8, "천만": Decimal(10) ** 7, "백만": Decimal(10) ** 6,
         "만": Decimal(10) ** 4, "천": Decimal(1000),
         "백": Decimal(100), "万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4,
         "千": Decimal(1000), "trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9,
         "million": Decimal(10) ** 6, "thousand": Decimal(1000), "bn": Decimal(10) ** 9,
         "mn": Decimal(10) ** 6, "m": Decimal(10) ** 6, "k": Decimal(1000)}
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|trillion|billion|million|thousand|bn|mn|조|억|천만|백만|만|천|백|亿|万|千|m|k)?",
                     re.I)
_VAGUE = re.compile(r"수(?:십|백|천)?(?:조|억|만)|数(?:十|百|千)?(?:亿|万)|several|몇")


@dataclass(frozen=True)
class Amount:
    value: Decimal  # units of the currency
    currency: str  # ISO 4217

    def __str__(self) -> str:
        return f"{self.value:,f} {self.currency}".replace(".000000", "")


_RUN = r"(?:\d+(?:\.\d+)?\s*(?:万亿|trillion|billion|million|thousand|bn|mn|조|억|천만|백만|만|천|백|亿|万|千|m|k)?\s*)+"


def _currency(text: str) -> tuple[str | None, int, int]:
    """The first currency word of ``text``: its code, start and end."""
    best = (None, len(text) + 1, 0)
    for word, code in CURRENCIES:
        if word.isascii() and word.isalpha():
            m = re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.I)
            at = m.start() if m else -1
        else:
            at = text.find(word)
        if word == "원":  # 위안 is CNY, not 원
            while at > 0 and text[at - 1] == "위":
                at = text.find(word, at + 1)
        if 0 <= at < best[1]:
            best = (code, at, at + len(word))
    return best if best[0] else (None, -1, -1)


def parse_amount(text: str) -> Amount | None:
    """The amount ``text`` states, or None when it states no exact amount with a currency.
    Only the first amount counts (7억 위안(약 1,400억 원) is 7억 위안): the number written
    right before the first currency word, or right after it (US$200 million)."""
    text = unicodedata.normalize("NFKC", text or "").replace(",", "")
    if not text.strip() or _VAGUE.search(text):
        return None
    code, start, end = _currency(text)
    if code is None:
        return None
    before = re.search(rf"({_RUN})$", text[:start].rstrip() + " ", re.I)
    after = re.match(rf"\s*({_RUN})", text[end:], re.I)
    run = before.group(1) if before and before.group(1).strip() else (after.group(1) if after else "")
    parts = list(_NUMBER.finditer(run))
    if not parts:
        return None
    total = Decimal(0)
    pending = Decimal(0)  # digits before a smaller unit (3억 5000만: 5000 waits for 만)
    for m in parts:
        try:
            number = Decimal(m.group(1))
        except InvalidOperation:
            return None
        unit = (m.group(2) or "").lower()
        if unit:
            total += (pending + number) * UNITS[unit]
            pending = Decimal(0)
        else:
            pending += number
    total += pending
    if total <= 0:
        return None
    return Amount(total.normalize() if total == total.to_integral() else total, code)


def normalise_stage(text: str) -> str:
    """A round's stage in kg's normal form (see the module doc)."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    low = t.lower()
    if not t:
        return "other"
    if re.search(r"pre-?\s*ipo|프리\s*ipo|上市前", low):
        return "pre-IPO"
    if re.search(r"\bipo\b|상장|上市|기업공개", low):
        return "IPO"
    if re.search(r"seed|시드|种子", low):
        return "seed"
    if re.search(r"angel|엔젤|天使", low):
        return "angel"
    if re.search(r"strategic|전략적?\s*투자|战略", low):
        return "strategic"
    m = re.search(r"(?:pre-?|프리|프레)\s*([A-Za-z])(?![A-Za-z])", t, re.I)
    if m:
        return f"pre-{m.group(1).upper()}"
    m = re.search(r"(?:시리즈|series)?\s*(?<![A-Za-z])([A-Za-z])(\d*)(\+*)\s*(?:라운드|round|轮|輪|$)", t, re.I)
    if m and (re.search(r"시리즈|series|라운드|round|轮|輪", t, re.I) or len(t.replace(" ", "")) <= 3):
        return m.group(1).upper() + m.group(3)
    return "other"


__all__ = ["Amount", "CURRENCIES", "normalise_stage", "parse_amount"]
