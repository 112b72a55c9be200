"""Recognisers of the typed cells of a table flattened into lines.

Each recogniser reads ``text`` at a position (after any white space, line breaks included:
a cell may wrap, ``199.9 억`` / ``위안``) and returns the end of the cell it finds there, or
None. They know the shape of a value (a round, an amount with its unit, a date, a place of
the reference data, the head that ends a description), never a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..heads import load_heads
from ..names import is_han, is_hangul
from ..reference import Reference

_WS = re.compile(r"\s*")
UNDISCLOSED = re.compile(r"(?:미공개|비공개|미정|未披露|未公开|N/?A|[-–—])(?=\s|$|[,，])")
ROUND = re.compile(
    r"(?:(?:프리\s?|Pre-?\s?)?(?:시리즈\s?|Series\s?)?[A-H]\+{0,2}(?:\s?(?:라운드|轮|Round))"
    r"|(?:프리\s?|Pre-?\s?)?(?:시리즈|Series)\s?[A-H]\+{0,2}(?:\s?(?:라운드|轮|Round))?"
    r"|(?:프리\s?|Pre-?\s?)[A-H]\+{0,2}"
    r"|(?:엔젤|시드|Angel|Seed|天使|种子)\+?(?:\s?(?:라운드|轮|Round))?"
    r"|(?:전략적?\s?(?:투자|융자)|전략\s?라운드|战略投资|战略融资|IPO|상장|M&A|인수|합병|지분\s?투자|증자|구주\s?인수)"
    r")(?=\s|$|[,，/])"
)
# an amount: a number with a unit and a currency, each possibly on its own line
AMOUNT = re.compile(
    r"(?:약\s?|近\s?|超\s?)?(?:US\$|\$|RMB\s?|￥|¥)?\s?(?:\d[\d,]*(?:\.\d+)?|수|십|수십|수백|수천)\s*"
    r"(?:(?:천만|백만|십억|천억|억|만|亿|万|千万|M|B|bn|mn)\s*)*"
    r"(?:위안|달러|원|유로|엔|元|美元|人民币|USD|RMB|CNY)(?:\s?(?:이상|이하|규모|상당|以上))?(?=\s|$|[,，/)])"
)
DATE = re.compile(
    r"(?:(?:19|20)\d{2}\s?(?:년|[-./])\s?\d{1,2}\s?(?:월|[-./])?(?:\s?\d{1,2}\s?일?)?"
    r"|(?:19|20)\d{2}\s?년|\d{1,2}\s?월\s?\d{1,2}\s?일|\d{1,2}\s?월|[’']\d{2}\.\s?\d{1,2}(?:\.\s?\d{1,2})?)(?=\s|$|[,，])"
)
RANK = re.compile(r"\d{1,3}(?:위)?(?=\s)")
# the head word that ends a description cell (… 개발 업체, … 제조기업)
DESCRIPTION_END = re.compile(
    r"(?:업체|기업|회사|업체임|기업임|제조사|개발사|공급사|공급업체|제공업체|운영사|스타트업|브랜드|플랫폼|"
    r"유니콘|전문기업|선도기업|企业|公司|厂商)(?=\s|$|[,，.])"
)
LIST_SEP = re.compile(r"\s*[,，、;；/]\s*")
# words that say an investor list has nobody named in it
NO_INVESTOR = re.compile(r"^(?:미공개|비공개|미정|기타|개인|개인 투자자|엔젤 투자자|다수|未披露|N/?A|[-–—]|등)$")
# markers after an investor's name: lead investor, 등
INVESTOR_MARKER = re.compile(r"\s*(?:[(（]\s*(?:리드|주도|공동 리드|领投|lead|Lead)\s*[)）]|\s주도|\s리드|\s등)$")


def skip_ws(text: str, pos: int, end: int) -> int:
    m = _WS.match(text, pos, end)
    return m.end() if m else pos


def _anchored(rx: re.Pattern, text: str, pos: int, end: int) -> int | None:
    at = skip_ws(text, pos, end)
    m = rx.match(text, at, end)
    return m.end() if m and m.end() > at else None


def round_end(text: str, pos: int, end: int) -> int | None:
    return _anchored(ROUND, text, pos, end) or _anchored(UNDISCLOSED, text, pos, end)


def amount_end(text: str, pos: int, end: int) -> int | None:
    return _anchored(AMOUNT, text, pos, end) or _anchored(UNDISCLOSED, text, pos, end)


def date_end(text: str, pos: int, end: int) -> int | None:
    return _anchored(DATE, text, pos, end) or _anchored(UNDISCLOSED, text, pos, end)


def rank_end(text: str, pos: int, end: int) -> int | None:
    return _anchored(RANK, text, pos, end)


_PLACE_TOKEN = re.compile(r"[가-힣]{2,8}|[\u4e00-\u9fff]{2,8}|[A-Z][a-z]+")
_PLACE_SUFFIX = re.compile(r"(?:특별시|직할시|자치구|자치주|시|성|구|현|주)$")


def is_place_word(reference: Reference, word: str) -> bool:
    """A word naming a city or region of the reference data (선전, 광둥성, 上海市)."""
    for w in (word, _PLACE_SUFFIX.sub("", word)):
        if len(w) >= 2 and any(e.type in ("City", "Region") for e in reference.lookup(w)):
            return True
    return False


def place_end(reference: Reference, text: str, pos: int, end: int) -> int | None:
    """One to three words, each a place of the reference data (광둥성 선전, 베이징)."""
    at = skip_ws(text, pos, end)
    out = None
    for _ in range(3):
        m = _PLACE_TOKEN.match(text, at, end)
        if not m or (m.end() < end and not text[m.end()].isspace() and text[m.end()] not in ",，/·"):
            break
        if not is_place_word(reference, m.group()):
            break
        out = m.end()
        nxt = re.match(r"[ ·/]", text[out:out + 1])
        if not nxt:
            break
        at = out + 1
    return out if out is not None else _anchored(UNDISCLOSED, text, pos, end)


def description_end(text: str, pos: int, end: int) -> int | None:
    """The end of the first description head after the cell's first word."""
    at = skip_ws(text, pos, end)
    first = re.match(r"\S+", text[at:end])
    if not first:
        return None
    m = DESCRIPTION_END.search(text, at + first.end(), end)
    if m is None and DESCRIPTION_END.fullmatch(text, at, at + first.end()) and first.end() > 2:
        return at + first.end()  # a one-word description (제조기업)
    return m.end() if m else None


def is_han_only(word: str) -> bool:
    return len(word) >= 2 and all(is_han(c) or c in "()（）·" for c in word) and sum(map(is_han, word)) >= 2


def is_hangul_word(word: str) -> bool:
    return any(is_hangul(c) for c in word) and all(is_hangul(c) or c.isascii() and c.isalnum() for c in word)


def is_latin_word(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9&.'’+\-]*", word))


def is_latin_name(text: str) -> bool:
    """One to five Latin words (an English name: Deepfin, Morrow Labs Inc.)."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(is_latin_word(w) for w in words)


@lru_cache(maxsize=1)
def _investor_heads() -> tuple[str, ...]:
    heads = load_heads()
    out = [h for h in heads.heads("ko", "Investor", strong_only=True) if len(h) >= 2]
    out += [h for h in heads.heads("ko", "Company", strong_only=True) if len(h) >= 2]
    out += heads.heads("zh", "Investor", strong_only=True) + heads.heads("zh", "Company", strong_only=True)
    return tuple(sorted(set(out), key=len, reverse=True))


def ends_with_head(word: str) -> bool:
    return any(word.endswith(h) and len(word) > len(h) for h in _investor_heads())


def is_head_word(word: str) -> bool:
    return word in _investor_heads()


_I_FINALS = ("i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong")
_U_FINALS = ("u", "ua", "uo", "uai", "ui", "uan", "un", "uang")
_V_FINALS = ("ü", "üe", "üan", "ün")


def _pinyin_ok(ini: str, fin: str) -> bool:
    """Does Mandarin have the syllable initial + final (by the rules of pinyin)?"""
    if fin == "er" or (fin == "o" and ini not in ("b", "p", "m", "f")):
        return False
    if ini in ("j", "q", "x"):
        return fin in _I_FINALS + _V_FINALS
    if fin in _V_FINALS:
        return ini in ("n", "l")
    if ini in ("g", "k", "h", "zh", "ch", "sh", "r", "z", "c", "s"):
        return fin not in _I_FINALS or (fin == "i" and ini not in ("g", "k", "h"))
    if ini in ("b", "p", "m", "f"):
        return fin != "ong" and (fin == "u" or fin not in _U_FINALS) and fin not in ("ia", "iang", "iong", "iu") \
            and not (ini == "f" and fin in _I_FINALS)
    return True


@lru_cache(maxsize=1)
def _mandarin_syllables() -> frozenset[str]:
    """Hangul syllables that write a Mandarin syllable by the Korean standard (퉁, 즈, 쿵 …)."""
    from ..translit import _FINAL, _INITIAL, _ZERO, syllable_to_hangul
    out = set()
    for ini in _INITIAL:
        for fin in _FINAL:
            if ini and _pinyin_ok(ini, fin):
                out.update(syllable_to_hangul(ini + fin))
    for z in _ZERO:
        out.update(syllable_to_hangul(z))
    return frozenset(out)


@lru_cache(maxsize=1)
def _korean_heads() -> tuple[str, ...]:
    heads = load_heads()
    out = [h for t in ("Company", "Investor", "Organization") for h in heads.heads("ko", t) if len(h) >= 2]
    return tuple(sorted(set(out), key=len, reverse=True))


def name_like(word: str) -> bool:
    """Could this word of a list be a company's name? Latin and Chinese words can; a Hangul
    word when, its name head (…전자, …캐피탈) or a last word of two syllables or more aside,
    every syllable writes a Mandarin syllable (하오퉁, 커린타이): common words (시스템,
    이륙, 기타) have syllables Mandarin readings lack."""
    word = word.strip()
    if not word:
        return False
    if any(c.isascii() and c.isalpha() for c in word) or any(is_han(c) for c in word):
        return True
    core = word.split()[0]
    for h in _korean_heads():
        if core.endswith(h) and len(core) > len(h):
            core = core[:-len(h)]
            break
    syllables = _mandarin_syllables()
    if not all(is_hangul(c) for c in core):
        return False
    # a Mandarin reading, optionally followed by a word of two or more syllables (…드론, …주식)
    return any(all(c in syllables for c in core[:n]) for n in range(len(core), 0, -1)
               if n == len(core) or (n >= 2 and len(core) - n >= 2))


def split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of an investor (or member) list ``text[start:end]``: split at ``,`` ``，``
    ``、`` ``;`` ``/``; at a line end where a new name starts (the next line does not go on
    with a head: 진사벤처 / 투자 is one name); and at a space after a word that ends with a
    name head when no head word follows it (훙타오캐피탈 진사투자: two names, 중국 투자 그룹: one).
    Markers (리드, 주도, 등) are left out; a name with its other name in brackets stays whole."""
    pieces: list[tuple[int, int]] = []
    pos = start
    depth = 0
    for i in range(start, end):  # commas inside brackets do not split
        ch = text[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",，、;；/":
            pieces.append((pos, i))
            pos = i + 1
    pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        for a, b in _split_lines(text, s, e):
            for c, d in _split_heads(text, a, b):
                item = _trim(text, c, d)
                if item is not None:
                    out.append(item)
    return out


def _words(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]


def _split_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in re.finditer(r"\n", text[s:e]):
        nl = s + m.start()
        before = text[pos:nl].strip()
        after = re.match(r"\s*(\S+)", text[nl:e])
        chinese_name = is_han_only(after.group(1)) and not is_han_only(before.split()[-1]) if after and before else False
        latin_run = bool(before and after and is_latin_word(before.split()[-1]) and is_latin_word(after.group(1)))
        if before and after and not (is_head_word(after.group(1)) or len(after.group(1)) == 1 or chinese_name or latin_run
                                     or re.match(r"[(（]", after.group(1))):
            out.append((pos, nl))
            pos = nl + 1
    out.append((pos, e))
    return out


def _split_heads(text: str, s: int, e: int) -> list[tuple[int, int]]:
    words = _words(text, s, e)
    out, first = [], 0
    for k in range(len(words) - 1):
        left = text[words[k][0]:words[k][1]]
        right = text[words[k + 1][0]:words[k + 1][1]]
        if ends_with_head(left) and not is_head_word(right) and len(right) >= 2 and not right.startswith(("(", "（")) \
                and (is_han_only(left) or not is_han_only(right)):  # not before its Chinese name
            out.append((words[first][0], words[k][1]))
            first = k + 1
    if words:
        out.append((words[first][0], words[-1][1]))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s] in " \t\n▲•·-*":
        s += 1
    while e > s and text[e - 1] in " \t\n.":
        e -= 1
    m = INVESTOR_MARKER.search(text[s:e])
    if m:
        e = s + m.start()
    item = text[s:e].strip()
    if len(item) < 2 or len(item) > 40 or NO_INVESTOR.match(item) or re.match(r"^[\d.,]+", item):
        return None
    if re.search(r"(?:다|음|함)\.?$", item) and len(item) > 12:
        return None  # a sentence, not a name
    return s, e


__all__ = ["AMOUNT", "DATE", "DESCRIPTION_END", "ROUND", "UNDISCLOSED", "amount_end", "date_end",
           "description_end", "ends_with_head", "is_han_only", "is_hangul_word", "is_latin_name", "is_latin_word",
           "is_place_word", "name_like", "place_end", "rank_end", "round_end", "skip_ws", "split_names"]
