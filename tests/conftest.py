"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "kg" / "data" / "sample"
SAMPLE_GOLD = REPO / "tests" / "data" / "sample_gold"

needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(),
    reason="../shared/corpus not found: the shared evaluation documents sit beside the repo in CI",
)


@pytest.fixture(scope="module")
def nlp():
    """kg's entity pipeline (one per test module)."""
    from extraction.pipeline import create_pipeline

    return create_pipeline()


def mentions(nlp, text: str) -> set[tuple[str, str]]:
    """The (text, label) of every mention the pipeline finds in ``text``."""
    return {(m.text, m.label) for m in nlp(text)._.kg_mentions}


def document(name: str, text: str):
    """A normalised :class:`~extraction.records.Document` made from UTF-8 ``text``."""
    from extraction.ingest import build_document
    from extraction.records import SourceText

    data = text.encode("utf-8")
    src = SourceText(name, text, "utf-8", "text/plain", hashlib.sha256(data).hexdigest())
    return build_document(src)[0]
