"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""
from __future__ import annotations

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
