"""Records passed between kg's stages.

Data flows one way: file -> :class:`SourceText` -> :class:`Document` (cleaned text,
:class:`OffsetMap`, :class:`Article` s) -> mentions and relations -> resolved entities.
Every record is a small frozen dataclass so stages cannot mutate each other's output.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceText:
    """A file decoded to text: the "original" that every offset in kg points into.

    For text files ``text`` is the decoded file content (newlines kept as in the file,
    ``\\r\\n`` included); for PDF it is the text layer; for HTML the visible text.
    """

    path: str
    text: str
    encoding: str
    media_type: str
    sha256: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in a cleaned text back to positions in the original text.

    Stored as runs: ``starts[k]`` is the cleaned-text position where run ``k`` begins and
    ``origins[k]`` the original position it maps to. ``copied[k]`` says whether the run is a
    verbatim copy (positions advance together) or an inserted character (every position in
    the run maps to ``origins[k]``, e.g. the single space that replaces a line break).
    ``length`` is the length of the cleaned text; position ``length`` maps to
    ``end_origin`` so that ``[start, end)`` spans map to original ``[start, end)`` spans.
    """

    starts: tuple[int, ...]
    origins: tuple[int, ...]
    copied: tuple[bool, ...]
    length: int
    end_origin: int

    def to_original(self, pos: int) -> int:
        """Original position of cleaned position ``pos`` (0 <= pos <= length)."""
        if pos < 0 or pos > self.length:
            raise IndexError(f"position {pos} outside cleaned text of length {self.length}")
        if pos == self.length:
            return self.end_origin
        k = bisect_right(self.starts, pos) - 1
        if self.copied[k]:
            return self.origins[k] + (pos - self.starts[k])
        return self.origins[k]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned span ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls((0,), (0,), (True,), length, length) if length else cls((), (), (), 0, 0)


class OffsetMapBuilder:
    """Builds a cleaned text and its :class:`OffsetMap` piece by piece."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._copied: list[bool] = []
        self._length = 0
        self._end_origin = 0

    def copy(self, text: str, origin: int) -> None:
        """Append ``text``, which is ``original[origin:origin+len(text)]``."""
        if not text:
            return
        if (
            self._copied
            and self._copied[-1]
            and self._origins[-1] + (self._length - self._starts[-1]) == origin
        ):
            pass  # extends the previous copied run
        else:
            self._starts.append(self._length)
            self._origins.append(origin)
            self._copied.append(True)
        self._parts.append(text)
        self._length += len(text)
        self._end_origin = origin + len(text)

    def insert(self, text: str, origin: int) -> None:
        """Append ``text`` that stands for the original position ``origin``."""
        if not text:
            return
        self._starts.append(self._length)
        self._origins.append(origin)
        self._copied.append(False)
        self._parts.append(text)
        self._length += len(text)
        self._end_origin = origin + 1

    @property
    def length(self) -> int:
        return self._length

    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> tuple[str, OffsetMap]:
        return self.text(), OffsetMap(
            tuple(self._starts), tuple(self._origins), tuple(self._copied),
            self._length, self._end_origin,
        )


@dataclass(frozen=True)
class Article:
    """One article (news item, report section) of a document.

    ``start``/``end`` index the document's cleaned text; ``orig_start``/``orig_end`` the
    original text. ``date`` is ISO 8601 (``2025-04-23``, or ``2025-04`` when only a month is
    stated) or None; ``source`` is the outlet of a "(출처: …)" line; ``section`` a bracketed
    section tag such as ``산업분석`` or a running section name.
    """

    index: int
    title: str | None
    date: str | None
    source: str | None
    section: str | None
    start: int
    end: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True)
class TocEntry:
    """A table-of-contents line: its title and the page number it names, if any."""

    title: str
    page: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A normalised document: cleaned text with its map back to the original."""

    doc_id: str
    path: str
    name: str
    sha256: str
    encoding: str
    media_type: str
    original: str = field(repr=False)
    text: str = field(repr=False)
    offsets: OffsetMap = field(repr=False)
    articles: tuple[Article, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    title: str | None = None
    date: str | None = None

    def article_text(self, article: Article) -> str:
        return self.text[article.start:article.end]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_original(start, end)



@dataclass(frozen=True)
class RoundRecord:
    """A funding round a sentence or a table row states: the company that raises it, the
    stage and the amount as written and normalised, the date, the lead investors and the
    other participants (cleaned-text spans of their mentions), and its evidence:
    ``evidence`` is ``original[evidence_start:evidence_end]`` of the source file."""

    doc_id: str
    article: int
    company: tuple[int, int]  # cleaned-text offsets of the company's mention
    stage_text: str  # as written: 시리즈 B+, A라운드, 엔젤 라운드, IPO ('' when none is named)
    stage: str  # normal form (extraction.funding.normalise_stage; '' when none is named)
    amount_text: str  # as written: 10억 위안, 수억 위안, 미공개 ('' when none is named)
    amount: str  # the exact amount in units of the currency, as a decimal ('' when not exact)
    currency: str  # ISO 4217 ('' when not exact)
    date: str  # ISO date (or year-month) of the row's date cell or the article ('' unknown)
    leads: tuple[tuple[int, int], ...]
    participants: tuple[tuple[int, int], ...]
    evidence: str
    evidence_start: int  # original-file offsets of the evidence
    evidence_end: int
    rule: str
    confidence: float
