"""``kg_gazetteer``: names from kg's reference data, matched in the text.

Matching works on folded characters (:func:`extraction.names.fold_char`), so case,
full/half width and traditional/simplified Chinese do not matter, and single spaces,
middle dots and hyphens inside a name are optional (톈푸신구 = 톈푸 신구). A match must
start where a token starts and end where a token ends, so a particle is never part of a
name (화웨이는 → 화웨이), and Han or Latin names must be whole runs of their script.
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import get_kiwi, learn_names
from ..candidates import PRIORITY, Candidate, candidates
from ..names import fold_char, is_hangul, name_key
from ..reference import RefEntry, load_reference, reference_dir
from .util import boundaries, doc_text, script_run_ok

log = logging.getLogger(__name__)

_SKIPPABLE = {" ", "·", "ㆍ", "-", ".", "_", "‧", "・"}
_END = "\0"


class NameTrie:
    """A character trie over name keys; values are the entries a name belongs to."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, key: str, value) -> None:
        node = self.root
        for ch in key:
            node = node.setdefault(ch, {})
        node.setdefault(_END, []).append(value)

    def matches(self, text: str, folded: str, start: int, max_len: int = 60):
        """Yield ``(end, values)`` for every name that starts at ``start``."""
        node = self.root
        i, n = start, len(text)
        limit = min(n, start + max_len)
        while i < limit:
            ch = folded[i]
            nxt = node.get(ch)
            if nxt is None:
                if text[i] in _SKIPPABLE and i > start and text[i - 1] not in _SKIPPABLE:
                    i += 1
                    continue
                return
            node = nxt
            i += 1
            if _END in node:
                yield i, node[_END]


def fold_text(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def folded(doc: Doc) -> str:
    f = doc.user_data.get("kg_folded")
    if f is None:
        f = doc.user_data["kg_folded"] = fold_text(doc_text(doc))
    return f


class Gazetteer:
    """Proposes a candidate for every reference name found in the text."""

    def __init__(self, nlp: Language, name: str, reference_dir: str | None, min_length: int,
                 min_latin_length: int, learn: bool, skip_types: list[str], skip_kinds: list[str]):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.min_length = min_length
        self.min_latin_length = min_latin_length
        self.trie = NameTrie()
        self.case_sensitive: set[str] = set()
        skip = set(skip_types)
        kinds = set(skip_kinds)
        names = [(n, e) for n, e in self.reference.names() if e.type not in skip and e.kind not in kinds]
        # names that are also ordinary Korean words (지난, 진화) need context to count
        standard = {e.ko[0] for _, e in names if e.ko}
        self.ambiguous = ambiguous_words({n for n, _ in names}, standard)
        for entry_name, entry in names:
            key = name_key(entry_name)
            if len(key) < min_length:
                continue
            if key.isascii() and len(key) < min_latin_length:
                continue
            if key.isascii() and len(key) <= 3:
                self.case_sensitive.add(entry_name.replace(" ", ""))
            self.trie.add(key, (entry_name, entry))
        if learn:
            learn_names(n for n, _ in names if n not in self.ambiguous)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        fold = folded(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        for start in sorted(starts):
            if is_hangul(text[start]) and start > 0 and is_hangul(text[start - 1]):
                continue  # Korean names start a word: no 우시 inside 쑤저우시
            best = None
            inside = None  # a name that ends inside a longer learned word (홍산|중국 as 홍산중국)
            for end, values in self.trie.matches(text, fold, start):
                if not script_run_ok(text, start, end):
                    continue
                surface = text[start:end]
                vals = [(n, e) for n, e in values if self._case_ok(n, surface) and n not in self.ambiguous]
                if not vals:
                    continue
                if end in ends:
                    best = (end, vals)
                elif is_hangul(text[end - 1]):
                    inside = (end, vals)
            if best is None and inside is not None:
                # the analyser read the name and what follows as one word (a name kg learned
                # earlier): the whole word is a compound name of the same kind
                word_end = self._word_end(doc, start)
                entry = _preferred(_unique_entries(inside[1]))
                if word_end and word_end > inside[0] and entry.type in ("Company", "Investor", "Organization"):
                    out.append(Candidate(start, word_end, entry.type, "gazetteer", 0.8, rule=f"compound:{entry.id}"))
                continue
            if best is None:
                continue
            end, vals = best
            entries = _unique_entries(vals)
            entry = _preferred(entries)
            if is_hangul(text[end - 1]) and end < len(text) and is_hangul(text[end]):
                cont = self._continuation(doc, end)
                if cont is not None:
                    if entry.type in ("City", "Region", "Park"):
                        continue  # a place inside another name: 선전시드론산업협회
                    if entry.type in ("Company", "Investor", "Organization"):
                        out.append(Candidate(start, cont, "Company" if entry.type == "Company" else entry.type,
                                             "gazetteer", 0.8, rule=f"compound:{entry.id}"))
                        continue
            out.append(Candidate(
                start, end, entry.type, "gazetteer", PRIORITY["gazetteer"], ref_id=entry.id,
                rule=f"reference:{entry.source}" + ("" if len(entries) == 1 else ":ambiguous"),
            ))
        return doc

    @staticmethod
    def _word_end(doc: Doc, start: int) -> int | None:
        """End of the proper-noun token that starts at ``start``, if there is one."""
        index = doc.user_data.get("kg_tok_at")
        if index is None:
            index = doc.user_data["kg_tok_at"] = {t.idx: t.i for t in doc}
        i = index.get(start)
        if i is None or doc[i].tag_ != "NNP":  # a learned name, not a common word (애플|리케이션)
            return None
        return doc[i].idx + len(doc[i].text)

    def _continuation(self, doc: Doc, end: int) -> int | None:
        """Where a word goes on past a name with more nouns (핑안|헬스, 항저우시|정부),
        the end of those nouns; None when a particle or suffix follows (화웨이|는)."""
        index = doc.user_data.get("kg_tok_at")
        if index is None:
            index = doc.user_data["kg_tok_at"] = {t.idx: t.i for t in doc}
        i = index.get(end)
        if i is None:
            return None
        tok = doc[i]
        if tok.tag_.startswith(_BOUND_TAGS) or tok.text in _PLACE_SUFFIXES or not is_hangul(tok.text[0]):
            return None
        last = tok
        for t in doc[i + 1:]:
            if t.idx != last.idx + len(last.text) or t.tag_.startswith(_BOUND_TAGS) or t.is_space \
                    or not (is_hangul(t.text[0]) or t.text[0].isalnum()):
                break
            last = t
        return last.idx + len(last.text)

    def _case_ok(self, name: str, surface: str) -> bool:
        compact = name.replace(" ", "")
        if compact in self.case_sensitive:
            return surface.replace(" ", "") == compact
        return True


def ambiguous_words(names, standard: set[str] | None = None) -> frozenset[str]:
    """Hangul names that are also ordinary words: listed in ``common_words.txt``, read by the
    analyser as a verb form, determiner or adverb (지난 = 지나 + ㄴ), or short variant
    spellings the analyser knows as a common noun (the standard spellings are kept)."""
    kiwi = get_kiwi()
    out = set(common_words())
    for name in names:
        if " " in name or len(name) > 3 or not all(is_hangul(c) for c in name) or name in out:
            continue
        toks = [t for t in kiwi.tokenize(name) if t.len > 0]
        if not toks:
            continue
        if all(t.tag.startswith(("VV", "VA", "VX", "E", "XSV", "XSA")) for t in toks):
            out.add(name)  # 지난 = 지나 + ㄴ
        elif len(toks) == 1 and toks[0].tag in ("MM", "MAG", "MAJ", "IC"):
            out.add(name)  # 장장
        elif (len(toks) == 1 and toks[0].tag in ("NNG", "NNB", "NP", "NR", "XR") and toks[0].id != _OOV
              and toks[0].score > -13.0 and len(name) <= 2 and standard is not None and name not in standard):
            out.add(name)
    return frozenset(out)


_OOV = 2
# tags of what may follow a name inside its word: particles, endings, suffixes, copula
_BOUND_TAGS = ("J", "E", "XS", "VCP", "VCN", "SF", "SP", "SS", "SE", "SO", "SW")
# words that may follow a place name inside the same word without making a new name
_PLACE_SUFFIXES = {"시", "성", "구", "현", "지역", "일대", "지방", "권", "인", "산", "발", "행", "내", "외", "간", "측", "쪽", "형"}  # Kiwi's morpheme id for an unknown common noun


def common_words() -> frozenset[str]:
    path = reference_dir() / "common_words.txt"
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def _unique_entries(vals) -> list[RefEntry]:
    seen, out = set(), []
    for _, e in vals:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


_TYPE_ORDER = {"City": 0, "Region": 1, "Park": 2, "Company": 3, "Investor": 4,
               "Organization": 5, "Technology": 6, "Product": 7}


def _preferred(entries: list[RefEntry]) -> RefEntry:
    """Among entries sharing a name, the most likely reading: cities before companies, then
    the better-known entry (the one with more names: 苏州 before 宿州 for 쑤저우)."""
    return sorted(entries, key=lambda e: (_TYPE_ORDER.get(e.type, 9), -len(e.names), e.id))[0]


@Language.factory(
    "kg_gazetteer",
    default_config={"reference_dir": None, "min_length": 2, "min_latin_length": 2,
                    "learn": True, "skip_types": [], "skip_kinds": ["category"]},
)
def make_gazetteer(nlp: Language, name: str, reference_dir: str | None, min_length: int,
                   min_latin_length: int, learn: bool, skip_types: list[str],
                   skip_kinds: list[str]) -> Gazetteer:
    return Gazetteer(nlp, name, reference_dir, min_length, min_latin_length, learn, skip_types, skip_kinds)
