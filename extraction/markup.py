"""Fragments of markup in text are not names.

Text pulled from web pages and PDFs can keep pieces of HTML and script that the normaliser
does not drop (it drops well-formed tags it knows): ``<onload>``, ``</div`` cut at a line end,
``onerror=alert(1)``, ``style=color:red``, ``javascript:…``. The entity rules read a word
before a parenthesis as a name (``<onload>(온로드)`` would make "onload" a company), so the
arbiter drops every candidate name that :func:`is_markup_fragment` says lies in such a piece.

A piece of markup is, in the text:

* a tag: ``<`` or ``</`` directly followed by an ASCII name and then ``>`` (or the end of the
  line, for a tag cut off), or ASCII attributes with a value (``<img src=x onerror=…>``) — a
  title in angle brackets (<중국제조 2025>, <AI 관련 지침>, <AI Act>) is not one, nor is a
  comparison (``a < b``);
* an attribute: an ASCII name directly followed by ``=`` and a value (``onload=steal()``);
* a script address: ``javascript:…`` or ``vbscript:…`` up to a space, or a data URL
  (``data:text/html,…``);

and any name holding ``<``, ``>`` or ``=`` is one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*([^<>\n]*)(?:>|$)", re.M)
_ATTRIBUTES = re.compile(r"[\s/][\x20-\x7e]*")
_ATTRIBUTE = re.compile(r"(?<![\w-])[A-Za-z][\w:-]*\s*=\s*(?:\"[^\"\n]*\"?|'[^'\n]*'?|[^\s<>]+)")
_SCRIPT_URL = re.compile(r"(?i)(?<![\w-])(?:(?:javascript|vbscript):\S+|data:[a-z]+/[\w.+-]+[;,]\S*)")
_MARKUP_CHARS = re.compile(r"[<>=]")


def _is_tag(rest: str) -> bool:
    """After ``<name``: nothing, a slash, or ASCII attributes with a value (``<AI 관련 지침>``
    and ``<AI Act>`` are titles, ``<img src=x>`` and ``<svg/onload=…>`` are tags)."""
    if rest.strip() in ("", "/"):
        return True
    return bool(_ATTRIBUTES.fullmatch(rest)) and "=" in rest


class MarkupSpans:
    """The pieces of markup in one text, for overlap tests."""

    def __init__(self, text: str):
        spans = sorted([m.span() for m in _TAG.finditer(text) if _is_tag(m.group(1))]
                       + [m.span() for rx in (_ATTRIBUTE, _SCRIPT_URL) for m in rx.finditer(text)])
        merged: list[list[int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.text = text

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start

    def is_fragment(self, start: int, end: int) -> bool:
        return bool(_MARKUP_CHARS.search(self.text[start:end])) or self.overlaps(start, end)


def is_markup_fragment(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` lie in a piece of markup (or hold ``<``, ``>`` or ``=``)?"""
    return MarkupSpans(text).is_fragment(start, end)


def drop_markup(text: str, cands: Iterable) -> list:
    """``cands`` (objects with ``start``, ``end`` and ``aliases``) without those whose name is
    a markup fragment, and with aliases that are fragments removed."""
    cands = list(cands)
    if "<" not in text and "=" not in text and ":" not in text:
        return cands
    spans = MarkupSpans(text)
    if not spans.starts:
        return cands
    out = []
    for c in cands:
        if spans.is_fragment(c.start, c.end):
            continue
        aliases = tuple(a for a in c.aliases if not spans.is_fragment(*a))
        if aliases != tuple(c.aliases):
            from dataclasses import replace

            c = replace(c, aliases=aliases)
        out.append(c)
    return out


__all__ = ["MarkupSpans", "drop_markup", "is_markup_fragment"]
