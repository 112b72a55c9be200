"""Entity candidates proposed by kg's pipeline components, and the Doc extensions that hold them.

Each component proposes :class:`Candidate` s on ``doc._.kg_candidates``; the final
``kg_entities`` component chooses among overlapping candidates, sets ``doc.ents`` and the
``Span._.kg_*`` attributes, and leaves the chosen ones on ``doc._.kg_mentions``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

# priorities: a more specific extractor outranks a generic one for the same characters
PRIORITY = {
    "table": 0.95,
    "hereafter": 0.95,
    "apposition": 0.9,
    "gazetteer": 0.85,
    "head": 0.8,
    "cue": 0.7,
}


@dataclass(frozen=True)
class Candidate:
    """A proposed entity mention: characters ``[start, end)`` of ``doc.text``."""

    start: int
    end: int
    label: str
    extractor: str
    confidence: float
    ref_id: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[tuple[int, int], ...] = ()  # other names of the same entity (char spans)
    alias_of: tuple[int, int] | None = None  # this is a short name defined for that span
    rule: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Mention:
    """A chosen entity mention, with everything later stages need."""

    start: int
    end: int
    text: str
    label: str
    extractor: str
    confidence: float
    ref_id: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[tuple[int, int], ...] = field(default=())
    alias_of: tuple[int, int] | None = None
    rule: str = ""


def register_extensions() -> None:
    """Register kg's Doc and Span extensions (once; safe to call again)."""
    for name, default in (("kg_candidates", None), ("kg_mentions", None), ("kg_doc_id", None),
                          ("kg_article", None), ("kg_offset", 0), ("kg_relations", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("kg_ref_id", "kg_extractor", "kg_confidence", "kg_roles", "kg_aliases", "kg_rule"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def candidates(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc`` (created on first use)."""
    if doc._.kg_candidates is None:
        doc._.kg_candidates = []
    return doc._.kg_candidates


register_extensions()
