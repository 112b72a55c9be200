"""``kg_place_context``: place names that are also ordinary words, read as places from context.

Some Korean readings of Chinese places are ordinary Korean words too — 상해 (上海; also
"injury"), 무한 (武汉; "infinite"), 천진, 청도, 성도 — so the gazetteer leaves them out
unless the text gives more evidence (the 시 form, a bracketed Chinese name). The words right
after such a name can be that evidence: where something stands or happens —
상해 소재 투자사, 무한에 위치한 공장, 청도에 본사를 둔, 성도 지역, 천진 현지 법인.
The candidate carries the reference entry of the place (a City or Region).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import PRIORITY, Candidate, candidates
from ..reference import load_reference
from .gazetteer import ambiguous_words, _preferred, _unique_entries
from .util import doc_text

_PLACES = ("City", "Region")
_PROVINCE_KINDS = ("province", "autonomous_region", "foreign_province")
_AFTER = re.compile(r"(?:\s?소재|에\s?(?:위치|본사|본부|있는|설립|자리)|\s(?:지역|일대|현지|시내|교외|공장|법인|사무소))")


class PlaceContext:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        ref = self.reference = load_reference(reference_dir)
        names = [(n, e) for n, e in ref.names()]
        standard = {e.ko[0] for _, e in names if e.ko}
        ambiguous = ambiguous_words({n for n, _ in names}, standard)
        self.words: dict[str, list] = {}
        for n, e in names:
            if n in ambiguous and e.type in _PLACES:
                self.words.setdefault(n, []).append((n, e))
        self._rx = re.compile(r"(?<![가-힣A-Za-z0-9])(?P<w>%s)(?=%s)" % (
            "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) or "(?!)", _AFTER.pattern))

        self._bare = re.compile(r"(?<![가-힣A-Za-z0-9])(?P<w>%s)(?=[\s,·∙、)）]|[와과]\s|(?:에서|에|의|은|는|이|가|을|를|도)(?![가-힣])|$)" % (
            "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) or "(?!)"))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out = candidates(doc)
        found = set()
        for m in self._rx.finditer(text):
            entry = _preferred(_unique_entries(self.words[m.group("w")]))
            out.append(Candidate(m.start("w"), m.end("w"), entry.type, "gazetteer", PRIORITY["gazetteer"],
                                 ref_id=entry.id, rule="place-context:" + entry.id))
            found.add(m.start("w"))
        for m in self._bare.finditer(text):
            if m.start("w") in found:
                continue
            entry, rule = self._by_neighbours(text, m.start("w"), m.end("w"))
            if entry is not None:
                out.append(Candidate(m.start("w"), m.end("w"), entry.type, "gazetteer", PRIORITY["gazetteer"],
                                     ref_id=entry.id, rule=f"place-context:{rule}:{entry.id}"))
        return doc

    def _by_neighbours(self, text: str, s: int, e: int):
        """The place an ambiguous word names when its neighbours are places of the same
        order: a city of it right after (저장 항저우, 장시 난창), a province listed with it
        (저장, 장쑤, 안후이 / 장쑤·저장), or its country right before (중국 저장)."""
        entries = _unique_entries(self.words[text[s:e]])
        after = re.match(r"\s([가-힣]{2,8}?)(?:시)?(?=[\s,.·은는이가을를의에와과도]|$)", text[e:e + 12])
        if after:
            for x in self.reference.lookup(after.group(1)):
                hit = next((en for en in entries if x.type == "City" and x.within == en.id), None)
                if hit is not None:
                    return hit, "city-after"
        before = re.search(r"([가-힣]{2,8}?)(?:성|시)?\s$", text[max(0, s - 10):s])
        if before:  # 산둥 지난, 우시 장인: the province or city it lies in right before it
            ids = {x.id for x in self.reference.lookup(before.group(1)) if x.type in _PLACES}
            hit = next((en for en in entries if en.within in ids), None)
            if hit is not None:
                return hit, "place-before"
        city = self._city_list(text, s, e, entries)
        if city is not None:
            return city, "city-list"
        regions = [en for en in entries if en.type == "Region" and en.kind in _PROVINCE_KINDS]
        if not regions:
            return None, ""
        for near in (re.search(r"([가-힣]{2,10})(?:\s?[,·∙、]\s?|[와과]\s)$", text[max(0, s - 14):s]),
                     re.match(r"(?:\s?[,·∙、]\s?|[와과]\s)([가-힣]{2,10}?)(?:성|자치구)?(?=[\s,.·∙、은는이가을를의에와과도등]|$)",
                              text[e:e + 16])):
            if near and near.group(1) not in self.words and any(
                    x.type == "Region" and x.kind in _PROVINCE_KINDS for x in self.reference.lookup(near.group(1))):
                return regions[0], "province-list"
        if re.search(r"중국\s$", text[max(0, s - 4):s]):
            return regions[0], "country-before"
        return None, ""

    def _city_list(self, text: str, s: int, e: int, entries):
        """A city listed with other cities (베이징, 칭다오, 지난 / 지난·칭다오 등): the word ends its
        list item (a separator, a closing bracket, 등, 와/과 or a particle follows; never 지난 5 년),
        and a neighbouring item is a city whose name is no ordinary word."""
        cities = [en for en in entries if en.type == "City"]
        if not cities or not _ITEM_END.match(text, e):
            return None
        for near in (re.search(r"([가-힣]{2,10})(?:\s?[,·∙、]\s?|[와과]\s)$", text[max(0, s - 14):s]),
                     re.match(r"(?:\s?[,·∙、]\s?|[와과]\s)([가-힣]{2,10}?)(?=[\s,.·∙、)）은는이가을를의에와과도등]|$)",
                              text[e:e + 16])):
            if near is None:
                continue
            word = near.group(1)
            if word in self.words:
                continue
            found = self.reference.lookup(word) or (self.reference.lookup(word[:-1]) if word.endswith("시") else [])
            if any(x.type == "City" and x.kind != "district" for x in found):
                return _preferred(cities)
        return None


_ITEM_END = re.compile(r"\s?[,·∙、)）]|\s등|[와과]\s|(?:에서|에|의|은|는|이|가|을|를|도)(?![가-힣])|$")


@Language.factory("kg_place_context", default_config={"reference_dir": None})
def make_place_context(nlp: Language, name: str, reference_dir: str | None) -> PlaceContext:
    return PlaceContext(nlp, name, reference_dir)
