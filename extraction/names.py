"""Name keys: the forms under which names are compared.

``name_key`` folds a name to what identifies it regardless of spacing, punctuation, case,
full/half width and Chinese script (traditional → simplified): 징둥 팡저우 = 징둥팡저우,
華爲 = 华为, Pony.ai = PONY AI. ``fold_char`` is the same folding one character at a time,
so a text can be scanned in folded form with its offsets unchanged.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[\s()\[\]·ㆍ・.,'\"\-_‐‑–—~/（）「」『』《》〈〉<>‘’“”]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")

_t2s = None
_s2t = None


def _converter():
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character folded: NFKC, lower case, traditional → simplified. Always 1 char."""
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1:
        n = ch
    n = n.lower()
    if _HAN.match(n):
        s = _converter().convert(n)
        if len(s) == 1:
            n = s
    return n


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def to_traditional(text: str) -> str:
    global _s2t
    if _s2t is None:
        import opencc

        _s2t = opencc.OpenCC("s2t")
    return _s2t.convert(text)


def name_key(name: str) -> str:
    """The comparison key of a name (see module doc)."""
    folded = "".join(fold_char(c) for c in unicodedata.normalize("NFC", name))
    return _DROP.sub("", folded)


def script_of(name: str) -> str:
    """``ko``, ``zh`` or ``en``: the script a name is written in (by majority)."""
    han = len(_HAN.findall(name))
    hangul = len(_HANGUL.findall(name))
    latin = len(_LATIN.findall(name))
    if hangul >= max(han, latin) and hangul:
        return "ko"
    if han >= latin and han:
        return "zh"
    return "en"


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"
