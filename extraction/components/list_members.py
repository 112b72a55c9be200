"""``kg_list_members``: an unknown name listed among companies is a company.

News and reports list firms with commas: ``BYD, 애플, 소니, Moonbeam, 레노버 등``,
``협력사로는 화웨이, 루이신테크, 바이두, 쥔허캐피탈이 있다``. When at least three members and two
thirds of a list are already companies (or all investors) and none is a place, a technology or a
product, a member no other rule named is one of them too, if it looks like a name: Latin and
capitalised, a Korean word the analyser does not know, or one ending in a company head.
Its bracketed other names (``한빛항공산업(HBAI)``, ``루이신(RXTECH·瑞芯)``) are its aliases.
The names listed after the word investor (``투자자는 A, B다``, ``투자자로는 A와 B가 있다``) are
investors when they look like names.
(A word that is only spelled like transliterated Mandarin is not enough here: measured on the
reports of half B, it named places and people in such lists too.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, candidates
from ..heads import load_heads
from ..reference import load_reference
from .business_names import _LATIN_STOP, _OOV, _morphs
from .util import boundaries, doc_text

_ITEM = r"(?:[A-Za-z0-9][A-Za-z0-9&.\-]*(?: [A-Z0-9][A-Za-z0-9&.\-]*){0,3}|[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.\-]*)(?:\([^()\n]{1,40}\))?"
_SEP = r"[ \t]?[,，、][ \t]?"
_LIST = re.compile(r"(?<![가-힣A-Za-z0-9&.\-])(?P<items>%s(?:%s%s){2,19})" % (_ITEM, _SEP, _ITEM))
_ONE = re.compile(r"(?P<core>[A-Za-z0-9][A-Za-z0-9&.\-]*(?: [A-Z0-9][A-Za-z0-9&.\-]*){0,3}|[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.\-]*)"
                  r"(?:\((?P<alias>[^()\n]{1,40})\))?")
_PARTICLE_END = re.compile(r"(?:으로부터|로부터|에서는|에서|에게|으로|와의|과의|와|과|은|는|이|가|을|를|의|에|도|로|등)$")
_ROUND = re.compile(r"(?:[Pp]re-?|프리|시리즈|Series\s?)?[A-Z]\d?\+{0,2}(?:\s?라운드)?|IPO|엔젤|시드|미공개|비공개|N/A")
_OTHER_NAMES = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z0-9][A-Za-z0-9&.\-]*)*|[\u4e00-\u9fff]{2,20}")
# 투자자는 A, B다 / 투자자로는 A와 B가 있다 / 주요 투자자로 A, B 등이 있다
_INVESTORS_NAMED = re.compile(
    r"(?<![가-힣])(?:투자자|투자사|투자기관)(?:로는|는|로|에는)\s(?P<items>[가-힣A-Za-z0-9&.\- ,，、·와과]{2,120}?)"
    r"(?=\s?등|이다|다\.|이며|이고|(?:이|가)\s(?:있|참여|포함|이름))")
_AGENT_TYPES = ("Company", "Investor")
_BLOCKING = ("City", "Region", "Park", "Technology", "Product")


class ListMembers:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()

    def _name_like(self, word: str) -> bool:
        """Latin and capitalised, or Korean the analyser does not know, or ending in a
        company or investor head."""
        if len(word) < 2 or self.reference.lookup(word):
            return False
        if _ROUND.fullmatch(word):
            return False
        if word.isascii():
            return (word[0].isupper() or word[0].isdigit()) and word not in _LATIN_STOP \
                and bool(re.search(r"[A-Za-z]", word)) and not (word.isupper() and len(word) <= 2)
        if not re.fullmatch(r"[가-힣A-Za-z0-9&.\-]+", word):
            return False
        morphs = _morphs(word)
        if not morphs or any(t.startswith(("V", "E", "J", "M", "NP", "NR", "NNB", "XSV", "XSA")) for _, t, _ in morphs):
            return False
        if any(t == "SL" or (t == "NNG" and i == _OOV) for _, t, i in morphs):
            return True
        h = self.heads.match(word, "ko")
        return h is not None and h.type in _AGENT_TYPES and h.strong

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        by_start: dict[int, list[Candidate]] = {}
        for c in out:
            by_start.setdefault(c.start, []).append(c)
        added = []
        for m in _LIST.finditer(text):
            items = []
            pos = m.start("items")
            for piece in re.split(_SEP, m.group("items")):
                at = text.index(piece, pos)
                pos = at + len(piece)
                one = _ONE.fullmatch(piece)
                if one is None:
                    items = []
                    break
                core = one.group("core")
                particle = _PARTICLE_END.search(core) if not core.isascii() else None
                if particle and particle.start() >= 2 and at + particle.start() in ends:
                    core = core[:particle.start()]  # the last member: 바이두가, 샤오미 등
                items.append((at, at + len(core), one))
            if len(items) < 3:
                continue
            labels = []
            for s, e, _one in items:
                found = [c.label for c in by_start.get(s, ()) if c.end <= e + 1]
                labels.append(found[0] if found else None)
            if any(lb in _BLOCKING for lb in labels):
                continue
            agents = [lb for lb in labels if lb in _AGENT_TYPES]
            if len(agents) < 3 or len(agents) * 3 < len(items) * 2:
                continue
            if len(set(agents)) > 1:
                continue  # companies and investors mixed: a member's kind is not told
            label = agents[0]
            for (s, e, one), lb in zip(items, labels):
                if lb is not None or s not in starts or e not in ends:
                    continue
                if any(c.start < e and s < c.end for c in out):
                    continue  # part of a name found otherwise, or holding one
                if not self._name_like(text[s:e]):
                    continue
                aliases = ()
                if one.group("alias"):  # 루이신(RXTECH·瑞芯): its Latin and Chinese names
                    a = s + one.start("alias")
                    aliases = tuple((a + x.start(), a + x.end()) for x in _OTHER_NAMES.finditer(one.group("alias"))
                                    if len(x.group()) >= 2)
                added.append(Candidate(s, e, label, "cue", 0.65, aliases=aliases, rule="list:member-of-companies"))
        for m in _INVESTORS_NAMED.finditer(text):
            added.extend(self._named_investors(text, m, out, starts, ends))
        out.extend(added)
        return doc

    def _named_investors(self, text: str, m: re.Match, out: list, starts, ends) -> list[Candidate]:
        """The members of ``투자자는 A, B다``: investors, when they look like names."""
        found = []
        pos = m.start("items")
        for piece in re.split(r"\s?[,，、·]\s?|(?<=[가-힣A-Za-z0-9])(?:와|과)\s", m.group("items")):
            piece = piece.strip()
            if not piece:
                continue
            s = text.index(piece, pos)
            pos = e = s + len(piece)
            if " " in piece and not piece.isascii():
                return []  # a phrase, not a list of names
            if s not in starts or e not in ends or any(c.start < e and s < c.end for c in out):
                continue
            if self._name_like(piece):
                found.append(Candidate(s, e, "Investor", "cue", 0.65, rule="list:named-investors"))
        return found


@Language.factory("kg_list_members", default_config={"reference_dir": None})
def make_list_members(nlp: Language, name: str, reference_dir: str | None) -> ListMembers:
    return ListMembers(nlp, name, reference_dir)
