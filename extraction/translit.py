"""Chinese → Korean transliteration (the Korean standard for Mandarin, 중국어 표기법).

Used to tell a transliterated proper name (캉줘야 for 康卓亚, 샤오펑 for 小鹏) from a
translated common term (국산 반도체 for 国产芯片), and to compare Korean spellings of the
same Chinese name (톈푸 / 텐푸, 중관춘 / 중관촌) through their letters (jamo).
"""
from __future__ import annotations

from functools import lru_cache

from .names import is_han

_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
         "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]

_INITIAL = {"b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ", "d": "ㄷ", "t": "ㅌ", "n": "ㄴ", "l": "ㄹ",
            "g": "ㄱ", "k": "ㅋ", "h": "ㅎ", "j": "ㅈ", "q": "ㅊ", "x": "ㅅ", "zh": "ㅈ", "ch": "ㅊ",
            "sh": "ㅅ", "r": "ㄹ", "z": "ㅉ", "c": "ㅊ", "s": "ㅆ", "": "ㅇ"}

# final -> (vowel, coda, extra syllables); for zero initial y-/w- spellings see _ZERO
_FINAL = {
    "a": ("ㅏ", "", ""), "o": ("ㅗ", "", ""), "e": ("ㅓ", "", ""), "ai": ("ㅏ", "", "이"),
    "ei": ("ㅔ", "", "이"), "ao": ("ㅏ", "", "오"), "ou": ("ㅓ", "", "우"), "an": ("ㅏ", "ㄴ", ""),
    "en": ("ㅓ", "ㄴ", ""), "ang": ("ㅏ", "ㅇ", ""), "eng": ("ㅓ", "ㅇ", ""), "ong": ("ㅜ", "ㅇ", ""),
    "er": ("ㅓ", "ㄹ", ""), "i": ("ㅣ", "", ""), "ia": ("ㅑ", "", ""), "ie": ("ㅖ", "", ""),
    "iao": ("ㅑ", "", "오"), "iu": ("ㅠ", "", ""), "ian": ("ㅖ", "ㄴ", ""), "in": ("ㅣ", "ㄴ", ""),
    "iang": ("ㅑ", "ㅇ", ""), "ing": ("ㅣ", "ㅇ", ""), "iong": ("ㅠ", "ㅇ", ""), "u": ("ㅜ", "", ""),
    "ua": ("ㅘ", "", ""), "uo": ("ㅝ", "", ""), "uai": ("ㅘ", "", "이"), "ui": ("ㅜ", "", "이"),
    "uan": ("ㅘ", "ㄴ", ""), "un": ("ㅜ", "ㄴ", ""), "uang": ("ㅘ", "ㅇ", ""), "ü": ("ㅟ", "", ""),
    "üe": ("ㅞ", "", ""), "üan": ("ㅟ", "", "안"), "ün": ("ㅟ", "ㄴ", ""),
}
_ZERO = {
    "yi": "이", "ya": "야", "yao": "야오", "ye": "예", "you": "유", "yan": "옌", "yin": "인",
    "yang": "양", "ying": "잉", "yong": "융", "wu": "우", "wa": "와", "wo": "워", "wai": "와이",
    "wei": "웨이", "wan": "완", "wen": "원", "wang": "왕", "weng": "웡", "yu": "위", "yue": "웨",
    "yuan": "위안", "yun": "윈", "a": "아", "ai": "아이", "an": "안", "ang": "앙", "ao": "아오",
    "e": "어", "ei": "에이", "en": "언", "eng": "엉", "er": "얼", "o": "오", "ou": "어우",
}
_PALATAL = {"ia": "ㅏ", "ie": "ㅔ", "iao": "ㅏ", "iu": "ㅜ", "ian": "ㅔ", "iang": "ㅏ", "iong": "ㅜ"}


def _compose(cho: str, jung: str, jong: str = "") -> str:
    return chr(0xAC00 + (_CHO.index(cho) * 21 + _JUNG.index(jung)) * 28 + _JONG.index(jong))


@lru_cache(maxsize=4096)
def syllable_to_hangul(py: str) -> str:
    """One pinyin syllable (no tone, ü as ü) in Korean letters; '' if unknown."""
    py = py.lower().replace("v", "ü")
    if py in _ZERO:
        return _ZERO[py]
    for ini in ("zh", "ch", "sh") + tuple("bpmfdtnlgkhjqxrzcs"):
        if py.startswith(ini):
            fin = py[len(ini):]
            break
    else:
        return ""
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "ü" + fin[1:]
    if ini in ("zh", "ch", "sh", "r", "z", "c", "s") and fin == "i":
        return _compose(_INITIAL[ini], "ㅡ")
    if fin not in _FINAL:
        return ""
    vowel, coda, extra = _FINAL[fin]
    if ini in ("j", "q", "zh", "ch") and fin in _PALATAL:
        vowel = _PALATAL[fin]
    if ini in ("b", "p", "m", "f") and fin == "o":
        vowel = "ㅗ"
    return _compose(_INITIAL[ini], vowel, coda) + extra


@lru_cache(maxsize=8192)
def transliterate(chinese: str) -> str:
    """Korean transliteration of the Han characters of ``chinese`` (others dropped)."""
    from pypinyin import lazy_pinyin

    han = "".join(c for c in chinese if is_han(c))
    return "".join(syllable_to_hangul(p) for p in lazy_pinyin(han, v_to_u=True))


def jamo(text: str) -> str:
    """Hangul syllables split into their letters (other characters kept)."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_CHO[code // 588])
            out.append(_JUNG[(code % 588) // 28])
            if code % 28:
                out.append(_JONG[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """1 − normalised edit distance between the letters of two Korean strings."""
    ja, jb = jamo(a), jamo(b)
    if not ja or not jb:
        return 0.0
    return 1.0 - _edit_distance(ja, jb) / max(len(ja), len(jb))


def looks_transliterated(korean: str, chinese: str, threshold: float = 0.62) -> bool:
    """Is ``korean`` (or its beginning) a transliteration of ``chinese``'s beginning?

    샤오펑자동차 / 小鹏汽车 → True (샤오펑 ~ 小鹏; 자동차 translates 汽车);
    국산 반도체 / 国产芯片 → False.
    """
    ko = "".join(c for c in korean if "가" <= c <= "힣")
    if len(ko) < 2:
        return False
    han = [c for c in chinese if is_han(c)]
    if len(han) < 2:
        return False
    best = 0.0
    for n in range(2, min(len(han), 4) + 1):
        t = transliterate("".join(han[:n]))
        if not t:
            continue
        best = max(best, similarity(ko[:len(t)], t))
    return best >= threshold


@lru_cache(maxsize=1)
def _mandarin_syllables() -> tuple[frozenset[str], frozenset[str]]:
    """Every Hangul syllable the transliteration of Mandarin writes, and those of them that
    are no Sino-Korean reading of any Han character (쥐, 쥔, 샤, 웨, 쯔, 톈 …)."""
    from .hanja_reading import readings

    out: set[str] = set()
    for ini in _INITIAL:
        for fin in tuple(_FINAL) + ("ue", "uan", "un"):
            out.update(syllable_to_hangul(ini + fin) if ini else "")
    for z in _ZERO.values():
        out.update(z)
    return frozenset(out), frozenset(out - set(readings().values()))


def mandarin_spelling(korean: str) -> bool:
    """Is ``korean`` spelled only with syllables of transliterated Mandarin, one at least of
    which no Sino-Korean reading has (쥐신, 쥔성, 샤오린 — not 하나, 모두, 성장)?"""
    if not korean or not all("가" <= c <= "힣" for c in korean):
        return False
    every, own = _mandarin_syllables()
    return all(c in every for c in korean) and any(c in own for c in korean)


def variant_key(korean: str) -> str:
    """A key under which common spelling variants of a transliterated name coincide.

    Folds vowels that Korean spellings of Mandarin alternate between (ㅓ/ㅗ/ㅜ, ㅔ/ㅐ/ㅖ/ㅒ,
    ㅕ/ㅔ, ㅘ/ㅏ …) and tense/plain consonants (ㅉ/ㅈ, ㅆ/ㅅ): 톈푸 = 텐푸, 중관춘 = 중관촌,
    포니닷컴이아이 and 포니닷컴에이아이 stay different (a syllable differs) and are compared
    by :func:`similarity` instead.
    """
    table = str.maketrans({"ㅓ": "ㅗ", "ㅜ": "ㅗ", "ㅔ": "ㅐ", "ㅖ": "ㅐ", "ㅒ": "ㅐ", "ㅕ": "ㅐ",
                           "ㅘ": "ㅏ", "ㅝ": "ㅗ", "ㅞ": "ㅐ", "ㅙ": "ㅐ", "ㅚ": "ㅐ", "ㅟ": "ㅣ",
                           "ㅢ": "ㅣ", "ㅉ": "ㅈ", "ㅆ": "ㅅ", "ㅃ": "ㅂ", "ㄸ": "ㄷ", "ㄲ": "ㄱ",
                           "ㅛ": "ㅗ", "ㅠ": "ㅗ", "ㅑ": "ㅏ"})
    return jamo(korean).translate(table)


@lru_cache(maxsize=8192)
def sino_korean(chinese: str) -> str:
    """The Sino-Korean (한자음) reading of the Han characters of ``chinese``: 一带一路 → 일대일로."""
    from .hanja_reading import read_hanja
    from .names import to_traditional

    han = "".join(c for c in chinese if is_han(c))
    if not han:
        return ""
    reading = read_hanja(to_traditional(han))
    return "".join(c for c in reading if "가" <= c <= "힣")


def is_sino_korean_word(korean: str, chinese: str) -> bool:
    """Is ``korean`` the Sino-Korean reading of ``chinese`` rather than a Mandarin
    transliteration? 일대일로(一带一路), 전정특신(专精特新) are Korean words for Chinese terms;
    캉줘야(康卓亚) is a transliterated name."""
    ko = "".join(c for c in korean if "가" <= c <= "힣")
    han = [c for c in chinese if is_han(c)]
    if not ko or len(han) < 2:
        return False
    # compare the beginnings: the name part (룽신 of 룽신의료 / 融信医疗) decides, not a
    # translated head (의료)
    first = "".join(han[:2])
    sk, tr = sino_korean(first), transliterate(first)
    if not sk:
        return False
    return ko[:len(sk)] == sk and similarity(ko[:len(sk)], sk) > similarity(ko[:len(tr)], tr)
