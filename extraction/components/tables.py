"""``kg_tables``: names in tables flattened into lines.

Reference lists and funding tables arrive as lines whose cells are separated by tabs
(or, after normalisation, by `` | ``) or by runs of spaces. A cell holding only a Chinese
name, optionally followed by a cell with its English name, is an organisation's name;
its type comes from reference data or name heads (…科技 → Company, …资本 → Investor),
else, when an English-name cell follows, Company. A bare Chinese cell with neither is
left alone (it may be a person, a district or a slogan).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import PRIORITY, Candidate, candidates
from ..heads import load_heads
from ..names import is_han, script_of
from ..reference import load_reference
from .util import boundaries, doc_text

_CELL_SEP = re.compile(r"\t+| \| |\s{3,}")
_LATIN_CELL = re.compile(r"^[A-Za-z][A-Za-z0-9&.'’\- ]{0,50}$")


class Tables:
    def __init__(self, nlp: Language, name: str, reference_dir: str | None):
        self.name = name
        self.reference = load_reference(reference_dir)
        self.heads = load_heads()

    def _cells(self, line: str, offset: int):
        pos = 0
        for piece in _CELL_SEP.split(line):
            idx = line.find(piece, pos)
            pos = idx + len(piece)
            stripped = piece.strip()
            if stripped:
                s = offset + idx + (len(piece) - len(piece.lstrip()))
                yield s, s + len(stripped), stripped

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = boundaries(doc)
        out = candidates(doc)
        offset = 0
        for line in text.split("\n"):
            line_start = offset
            offset += len(line) + 1
            if not _CELL_SEP.search(line):
                continue
            cells = list(self._cells(line, line_start))
            if len(cells) < 2:
                continue
            for i, (s, e, cell) in enumerate(cells):
                if script_of(cell) != "zh" or not all(is_han(c) or c in "()（）·" for c in cell):
                    continue
                if len(cell) < 2 or len(cell) > 30 or s not in starts or e not in ends:
                    continue
                aliases = ()
                if i + 1 < len(cells) and _LATIN_CELL.match(cells[i + 1][2]):
                    aliases = ((cells[i + 1][0], cells[i + 1][1]),)
                hits = self.reference.lookup(cell)
                if hits:
                    entry = sorted(hits, key=lambda x: x.id)[0]
                    out.append(Candidate(s, e, entry.type, "table", PRIORITY["table"], ref_id=entry.id,
                                         aliases=aliases, rule="table:reference"))
                    continue
                head = self.heads.match(cell, "zh")
                if head is not None and head.type == "none":
                    continue
                if head is None and not aliases:
                    continue  # a bare Chinese cell may be a person, a place or a slogan
                typ = head.type if head is not None else "Company"
                if typ in ("City", "Region"):
                    continue
                conf = PRIORITY["table"]
                out.append(Candidate(s, e, typ, "table", conf, aliases=aliases,
                                     rule=f"table:{'head:' + head.head if head else 'cell'}"))
        return doc


@Language.factory("kg_tables", default_config={"reference_dir": None})
def make_tables(nlp: Language, name: str, reference_dir: str | None) -> Tables:
    return Tables(nlp, name, reference_dir)
