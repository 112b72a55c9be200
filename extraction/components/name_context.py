"""``kg_name_context``: the type of an unknown name from the words around it.

A name given with its Chinese name in brackets defaults to Company
(:mod:`extraction.components.apposition`). Quotation marks and what follows them can say
it names a product instead:

* a quoted name whose quoted text goes on after the bracket with a Latin or numbered
  product tail — ‘쥔러(君乐)OS’, ‘밍후(明湖) 2.0’: the whole quoted text is one Product;
* a quoted name followed by a word for a kind of product or technology —
  ‘샤오허자오(小河造)’ 자율주행차, ‘톈펑(天风)’ 플랫폼: the name is a Product (unless a word
  for a company follows: ‘…’ 로봇 기업 names the company).

A word for a company right before an unknown name says it is a company: "양극재 업체
진룽은", "이차전지 장비 업체 씨에이티도" (the name must be one word the analyser does not know
as a common word, and end at a particle).

The product words are the taxonomy's technology names (any kind) and the product nouns of
``data/technology_context.tsv`` (kind ``product_noun``).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import get_kiwi
from ..candidates import Candidate, candidates
from ..names import name_key
from ..reference import load_reference
from ..technology import product_nouns
from .util import doc_text

_OOV = 2  # Kiwi's morpheme id for a noun it does not know
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_QUOTED = re.compile(
    r"[‘'“\"「『](?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 ·\-]{0,20}?)\s?[(（](?P<zh>[%s·]{1,16})[)）]"
    r"(?P<tail>\s?[A-Za-z0-9][A-Za-z0-9.\- ]{0,12}?)?[’'”\"」』]" % _HAN)
_AFTER = re.compile(r"\s?(?P<word>[가-힣A-Za-z0-9]{1,12})(?P<rest>\s?[가-힣]{0,4})")
_COMPANY_WORDS = ("기업", "업체", "회사", "사는", "사가", "스타트업", "그룹")
_AFTER_COMPANY_WORD = re.compile(
    r"(?<=[가-힣A-Za-z0-9)] )(?:업체|기업|제조사|제조업체|생산업체|공급업체|기업인|업체인)\s"
    r"(?P<name>[가-힣]{2,8}|[A-Za-z][A-Za-z0-9&.\-]{1,20})(?:은|는|이|가|와|과|도|을|를|의|에)(?=[\s,.])")


class NameContext:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        ref = self.reference = load_reference(reference_dir)
        self.product_words = {name_key(n) for n, e in ref.names() if e.type == "Technology"} | {
            name_key(w) for w in product_nouns()}

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out = candidates(doc)
        for m in _AFTER_COMPANY_WORD.finditer(text):
            name = m.group("name")
            if self._unknown_word(name):
                out.append(Candidate(m.start("name"), m.end("name"), "Company", "cue", 0.7,
                                     rule="context:company-word-before"))
        for m in _QUOTED.finditer(text):
            zh = (m.start("zh"), m.end("zh"))
            if m.group("tail") and m.group("tail").strip():
                out.append(Candidate(m.start("name"), m.end("tail"), "Product", "apposition", 0.95,
                                     rule="context:quoted-product-tail"))
                continue
            if self._product_word_after(text, m.end()):
                out.append(Candidate(m.start("name"), m.end("name"), "Product", "apposition", 0.95,
                                     aliases=(zh,), rule="context:quoted-product-word"))
        return doc

    def _unknown_word(self, word: str) -> bool:
        """A name, not a common word: Latin, or one proper or unknown noun for the analyser."""
        if self.reference.lookup(word):
            return False
        if word.isascii():
            return word[0].isupper()
        toks = [t for t in get_kiwi().tokenize(word) if t.len > 0]
        return len(toks) == 1 and (toks[0].tag == "NNP" or (toks[0].tag == "NNG" and toks[0].id == _OOV))

    def _product_word_after(self, text: str, pos: int) -> bool:
        a = _AFTER.match(text, pos)
        if a is None:
            return False
        words = text[pos:pos + 20].split()
        if len(words) >= 2 and words[1].startswith(_COMPANY_WORDS):
            return False  # ‘…’ 로봇 기업: the quoted name is the company
        word = a.group("word")
        # the longest prefix of the word that is a product word (자율주행차는 → 자율주행차)
        for k in range(len(word), 1, -1):
            if name_key(word[:k]) in self.product_words:
                return not word[k:].startswith(_COMPANY_WORDS)
        return False


@Language.factory("kg_name_context", default_config={"reference_dir": None})
def make_name_context(nlp: Language, name: str, reference_dir: str | None) -> NameContext:
    return NameContext(nlp, name, reference_dir)
