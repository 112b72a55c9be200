"""Issue 14: ``kg.build.build`` keeps what pass 1 left out of the collector's scans during
passes 2-3 (``gc.freeze``) and leaves the collector as it found it, also after a failure."""
from __future__ import annotations

import gc

import pytest

from kg import build as build_module
from kg.build import build

from .conftest import SAMPLE

DOC = sorted(p for p in SAMPLE.iterdir() if p.suffix == ".txt")[0]


def _watch(monkeypatch, fail: bool = False) -> list[int]:
    seen: list[int] = []
    real = build_module.incremental.resolve_all

    def resolve_all(extractions):
        seen.append(gc.get_freeze_count())
        if fail:
            raise RuntimeError("resolution failed")
        return real(extractions)

    monkeypatch.setattr(build_module.incremental, "resolve_all", resolve_all)
    return seen


def test_frozen_during_resolution_and_unfrozen_after(tmp_path, monkeypatch):
    assert gc.get_freeze_count() == 0
    seen = _watch(monkeypatch)
    build([DOC], tmp_path / "g.nq")
    assert seen and seen[0] > 0
    assert gc.get_freeze_count() == 0
    assert (tmp_path / "g.nq").stat().st_size > 0


def test_unfrozen_after_a_failed_build(tmp_path, monkeypatch):
    _watch(monkeypatch, fail=True)
    with pytest.raises(RuntimeError):
        build([DOC], tmp_path / "g.nq")
    assert gc.get_freeze_count() == 0
    assert not (tmp_path / "g.nq").exists()


def test_a_freeze_made_by_someone_else_is_kept(tmp_path):
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        build([DOC], tmp_path / "g.nq")
        assert gc.get_freeze_count() > 0  # not undone by the build (it froze nothing itself)
    finally:
        gc.unfreeze()
