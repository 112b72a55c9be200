"""Ingestion: file -> :class:`SourceText` -> normalised text -> articles -> :class:`Document`.

``load_document(path)`` does the whole chain for one file; ``iter_documents(paths)``
streams documents one at a time from files and folders. ``repair_stats(...)`` reports what
normalisation repaired (line-break joins, headers removed…) for one document.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import NormalizedText, RepairStats, normalize
from .readers import iter_sources, read_source
from .records import Document, SourceText
from .segment import document_date, segment

log = logging.getLogger(__name__)

DOC_ID_LENGTH = 16


def doc_id_for(sha256: str) -> str:
    """Deterministic short document id: the first 16 hex digits of the raw bytes' sha256."""
    return sha256[:DOC_ID_LENGTH]


def build_document(source: SourceText) -> tuple[Document, NormalizedText]:
    """Normalise and segment an already read source; returns the document and the
    normalisation result (with its :class:`RepairStats` and per-break decisions)."""
    norm = normalize(source)
    date = document_date(norm.text)
    year = int(date[:4]) if date else None
    articles = segment(
        norm.text, norm.toc, norm.offsets, default_year=year,
        running_titles=[(r.clean, r.text) for r in norm.running_titles],
    )
    doc = Document(
        doc_id=doc_id_for(source.sha256),
        path=source.path,
        name=Path(source.path).name,
        sha256=source.sha256,
        encoding=source.encoding,
        media_type=source.media_type,
        original=source.text,
        text=norm.text,
        offsets=norm.offsets,
        articles=articles,
        toc=norm.toc,
        title=document_title(source, norm),
        date=date,
    )
    log.debug("%s: %d characters -> %d, %d articles, %d ToC entries, %s",
              source.path, len(source.text), len(norm.text), len(articles), len(norm.toc), norm.stats)
    return doc, norm


def load_document(path: str | Path) -> Document:
    """Read, normalise and segment one file."""
    return build_document(read_source(path))[0]


def load_document_with_stats(path: str | Path) -> tuple[Document, RepairStats]:
    doc, norm = build_document(read_source(path))
    return doc, norm.stats


def iter_documents(paths: Iterable[str | Path] | str | Path) -> Iterator[Document]:
    """Documents of the supported files named by ``paths`` (folders walked), one at a time."""
    for path in iter_sources(paths):
        yield load_document(path)


def repair_stats(source: SourceText | str | Path) -> RepairStats:
    """What normalisation repaired in one document (a path or a read :class:`SourceText`)."""
    if not isinstance(source, SourceText):
        source = read_source(source)
    return normalize(source).stats


_MD_H1 = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*$")
_ROMAN = re.compile(r"^(?:[IVX]{1,5}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\.\s")


def document_title(source: SourceText, norm: NormalizedText) -> str | None:
    """The document's title where it states one.

    A first-level Markdown heading that is not a numbered chapter; else the left part of
    a running page header printed with a wide gap ("월간 산업동향 6 월호      시장 리포트");
    else None.
    """
    for line in norm.text.split("\n"):
        m = _MD_H1.match(line.strip())
        if m and not _ROMAN.match(m.group("title")):
            return m.group("title").replace("**", "").strip()
    lefts: Counter[str] = Counter()
    for r in norm.removed:
        if r.kind != "header":
            continue
        end = source.text.find("\n", r.original)
        raw = source.text[r.original:end if end >= 0 else len(source.text)]
        parts = re.split(r" {8,}|\t", raw.strip())
        if len(parts) >= 2 and parts[0].strip():
            lefts[re.sub(r"\s+", " ", parts[0]).strip()] += 1
    if lefts:
        return lefts.most_common(1)[0][0]
    return None


__all__ = [
    "RepairStats", "build_document", "doc_id_for", "document_title", "iter_documents",
    "load_document", "load_document_with_stats", "repair_stats",
]
