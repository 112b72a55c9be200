"""``kg_name_context``: the type of an unknown name from the words around it.

A name given with its Chinese name in brackets defaults to Company
(:mod:`extraction.components.apposition`). Quotation marks and what follows them can say
it names a product instead:

* a quoted name whose quoted text goes on after the bracket with a Latin or numbered
  product tail — ‘쥔러(君乐)OS’, ‘밍후(明湖) 2.0’: the whole quoted text is one Product;
* a quoted name followed by a word for a kind of product or technology —
  ‘샤오허자오(小河造)’ 자율주행차, ‘톈펑(天风)’ 플랫폼: the name is a Product (unless a word
  for a company follows: ‘…’ 로봇 기업 names the company).

The product words are the taxonomy's technology names (any kind) and the product nouns of
``data/technology_context.tsv`` (kind ``product_noun``).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, candidates
from ..names import name_key
from ..reference import load_reference
from ..technology import product_nouns
from .util import doc_text

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_QUOTED = re.compile(
    r"[‘'“\"「『](?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 ·\-]{0,20}?)\s?[(（](?P<zh>[%s·]{1,16})[)）]"
    r"(?P<tail>\s?[A-Za-z0-9][A-Za-z0-9.\- ]{0,12}?)?[’'”\"」』]" % _HAN)
_AFTER = re.compile(r"\s?(?P<word>[가-힣A-Za-z0-9]{1,12})(?P<rest>\s?[가-힣]{0,4})")
_COMPANY_WORDS = ("기업", "업체", "회사", "사는", "사가", "스타트업", "그룹")


class NameContext:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        ref = load_reference(reference_dir)
        self.product_words = {name_key(n) for n, e in ref.names() if e.type == "Technology"} | {
            name_key(w) for w in product_nouns()}

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out = candidates(doc)
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
