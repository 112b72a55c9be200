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

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out = candidates(doc)
        for m in self._rx.finditer(text):
            entry = _preferred(_unique_entries(self.words[m.group("w")]))
            out.append(Candidate(m.start("w"), m.end("w"), entry.type, "gazetteer", PRIORITY["gazetteer"],
                                 ref_id=entry.id, rule="place-context:" + entry.id))
        return doc


@Language.factory("kg_place_context", default_config={"reference_dir": None})
def make_place_context(nlp: Language, name: str, reference_dir: str | None) -> PlaceContext:
    return PlaceContext(nlp, name, reference_dir)
