"""Pieces of an over-long article, each short enough for the spaCy pipeline.

spaCy refuses a text longer than ``nlp.max_length``, and the pipeline's memory grows with
the length of one Doc. :func:`pieces` cuts a span ``[start, end)`` of the cleaned text into
consecutive spans of at most ``limit`` characters that tile it exactly (so offsets into the
cleaned text, and through the offset map into the original, stay exact): at the last
paragraph break (a line break) within the limit, else after the last sentence end, else at
the last space, else (a single run of ``limit`` characters without any) at the limit.
"""
from __future__ import annotations

import re

# a piece ends after a sentence end and the spaces that follow it
_SENTENCE_BREAK = re.compile(r"[.?!。…](?:['\"”’」』)\]]*)\s+")
_SPACE = re.compile(r"\s+")


def _last_end(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of ``pattern`` in ``text[lo:hi]`` that ends after ``lo``."""
    last = None
    for m in pattern.finditer(text, lo, hi):
        if m.end() > lo:
            last = m.end()
    return last


def pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Spans tiling ``text[start:end]``, each at most ``limit`` characters long."""
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        hi = pos + limit
        cut = text.rfind("\n", pos, hi)
        cut = cut + 1 if cut > pos else None          # after the line break
        if cut is None:
            # only the second half of the window: a cut near its start would make many
            # tiny pieces; there is always a break there when there is one at all
            cut = _last_end(_SENTENCE_BREAK, text, pos + limit // 2, hi) \
                or _last_end(_SENTENCE_BREAK, text, pos, hi) \
                or _last_end(_SPACE, text, pos + limit // 2, hi) \
                or _last_end(_SPACE, text, pos, hi) or hi
        out.append((pos, cut))
        pos = cut
    out.append((pos, end))
    return out


__all__ = ["pieces"]
