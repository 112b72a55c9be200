"""A spaCy tokenizer on the Kiwi morphological analyser.

spaCy's default tokenizer keeps Korean particles on names (화웨이는) and spaCy's own Korean
tokenizer needs mecab and alters whitespace. This tokenizer splits text into Kiwi's
morphemes, taking every token's text from its character offsets (Kiwi's forms may hold
characters the text does not, 했 → 하 + 었), so ``doc.text`` is the input exactly and every
token's ``idx`` is its true offset. Morphemes that overlap in the text (contracted forms)
become one token; whitespace that is not a single space becomes a whitespace token.
``token.tag_`` holds Kiwi's tags (``NNP``, ``JKS``, ``XSV+EP`` …) and sentence starts come
from Kiwi's sentence splitter, passed when the Doc is built.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .analysis_ahead import get_ahead
from .analyzer import flush_names, get_kiwi

_UPOS = {
    "NNG": "NOUN", "NNB": "NOUN", "NR": "NUM", "NP": "PRON", "NNP": "PROPN",
    "VV": "VERB", "VA": "ADJ", "VX": "AUX", "VCP": "AUX", "VCN": "AUX",
    "MM": "DET", "MAG": "ADV", "MAJ": "CCONJ", "IC": "INTJ",
    "SN": "NUM", "SL": "PROPN", "SH": "PROPN", "W_URL": "X", "W_EMAIL": "X",
}
_GAP = re.compile(r"\s+|\S+")


@lru_cache(maxsize=4096)
def _upos(tag: str) -> str:
    first = tag.split("+", 1)[0]
    if first in _UPOS:
        return _UPOS[first]
    if first.startswith("J"):
        return "ADP"
    if first.startswith(("E", "XS")):
        return "PART"
    if first.startswith("S"):
        return "PUNCT" if first in {"SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW"} else "SYM"
    return "X"


class KiwiTokenizer:
    """Callable that turns text into a :class:`spacy.tokens.Doc` of Kiwi morphemes."""

    def __init__(self, vocab: Vocab, learn_batch: int = 500, ahead_chars: int = 300_000):
        self.vocab = vocab
        self.learn_batch = learn_batch
        # how many characters extraction.analysis_ahead may analyse ahead of the text being
        # read (texts announced with expect()); 0: none, every text is analysed when read
        self.ahead_chars = ahead_chars

    def expect(self, source: str, spans) -> None:
        """Announce the texts ``source[s:e]`` this tokenizer will be given next, in order, so
        that Kiwi analyses them on a helper thread meanwhile (the Docs are the same)."""
        if self.ahead_chars > 0:
            get_ahead().expect(source, spans, self.ahead_chars)

    def expects(self, source: str) -> bool:
        return self.ahead_chars > 0 and get_ahead().expects(source)

    def forget(self, source: str) -> None:
        """Drop what is still expected of ``source`` (its reader stopped early)."""
        if self.ahead_chars > 0:
            get_ahead().forget(source)

    def _analysis(self, text: str) -> list:
        tokens = get_ahead().take(text) if self.ahead_chars > 0 else None
        return get_kiwi().tokenize(text) if tokens is None else tokens

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        sent_starts: list[bool | None] = []
        new_sentence = True
        last_sent = -1

        def add_gap(gap: str) -> None:
            nonlocal new_sentence
            for piece in _GAP.findall(gap):
                if piece.isspace():
                    if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                        spaces[-1] = True
                        piece = piece[1:]
                    if not piece:
                        continue
                    words.append(piece)
                    spaces.append(False)
                    tags.append("_SP")
                    sent_starts.append(False if len(words) > 1 else None)
                    if "\n" in piece:
                        new_sentence = True
                else:
                    words.append(piece)
                    spaces.append(False)
                    tags.append("SW")
                    sent_starts.append(new_sentence)
                    new_sentence = False

        flush_names(self.learn_batch)  # names learned from earlier documents, in batches
        pos = 0
        cur_start = cur_end = -1
        cur_tags: list[str] = []
        cur_sent = 0

        def flush() -> None:
            nonlocal new_sentence, last_sent
            if cur_start < 0:
                return
            words.append(text[cur_start:cur_end])
            spaces.append(False)
            tag = "+".join(cur_tags)
            tags.append(tag)
            starts = new_sentence or cur_sent != last_sent
            sent_starts.append(bool(starts) if len(words) > 1 else True)
            new_sentence = False
            last_sent = cur_sent

        for tok in self._analysis(text):
            if tok.len <= 0:
                continue
            start, end = tok.start, tok.start + tok.len
            if cur_start >= 0 and start < cur_end:
                cur_end = max(cur_end, end)
                cur_tags.append(tok.tag)
                continue
            flush()
            gap_from = max(pos, cur_end)
            if start > gap_from:
                if start == gap_from + 1 and text[gap_from] == " " and words and not spaces[-1]:
                    spaces[-1] = True  # the common case: one space between words
                else:
                    add_gap(text[gap_from:start])
            pos = max(pos, cur_end)
            cur_start, cur_end, cur_tags, cur_sent = start, end, [tok.tag], tok.sent_position
        flush()
        tail_from = max(pos, cur_end)
        if tail_from < len(text):
            add_gap(text[tail_from:])
        if sent_starts:
            sent_starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts, tags=tags,
                  pos=["SPACE" if t == "_SP" else _upos(t) for t in tags])
        # character facts later components need, computed here once instead of by
        # iterating tokens again (each spaCy Token access costs a Python object)
        starts, ends, sents, idxs = [], [], [], []
        pos = 0
        for word, space, tag, sent in zip(words, spaces, tags, sent_starts):
            idxs.append(pos)
            if tag != "_SP":
                starts.append(pos)
                ends.append(pos + len(word))
                if sent:
                    sents.append(pos)
            pos += len(word) + (1 if space else 0)
        doc.user_data["kg_text"] = text
        doc.user_data["kg_bounds"] = (frozenset(starts), frozenset(ends))
        doc.user_data["kg_sent_starts"] = sents or [0]
        # token index and tag by character offset: {t.idx: t.i} and {t.idx: t.tag_}
        doc.user_data["kg_tok_at"] = dict(zip(idxs, range(len(idxs))))
        doc.user_data["kg_tag_at"] = dict(zip(idxs, tags))
        return doc

    # spaCy serialisation hooks: nothing to save, the analyser ships with kiwipiepy
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "KiwiTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "KiwiTokenizer":
        return self


@registry.tokenizers("kg.KiwiTokenizer.v1")
def create_kiwi_tokenizer(learn_batch: int = 500, ahead_chars: int = 300_000):
    def make(nlp):
        return KiwiTokenizer(nlp.vocab, learn_batch, ahead_chars)

    return make
