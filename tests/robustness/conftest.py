"""One pipeline for the robustness suite: the process-wide one ``kg build`` uses, so that the
tests that build and those that extract load Kiwi once."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="package")
def nlp():
    from extraction.pipeline import get_pipeline

    return get_pipeline()
