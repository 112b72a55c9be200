"""``kg normalize``: a document's cleaned text and its articles as records."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from extraction.ingest import load_document

from .errors import KgError


def _load(path: Path):
    if not path.exists():
        raise KgError(f"{path}: file does not exist; check the path")
    if path.is_dir():
        raise KgError(f"{path}: is a folder; `kg normalize` takes one file")
    return load_document(path)


def cleaned_text(path: Path) -> str:
    return _load(path).text


def article_records(path: Path) -> Iterator[dict]:
    """One JSON-ready dict per article: title, date, source, text and original offsets."""
    doc = _load(path)
    for art in doc.articles:
        yield {
            "document": doc.name,
            "index": art.index,
            "title": art.title,
            "date": art.date,
            "source": art.source,
            "section": art.section,
            "text": doc.article_text(art),
            "start": art.orig_start,
            "end": art.orig_end,
        }
