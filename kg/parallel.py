"""Extraction of many documents in worker processes (``kg build --workers N``).

Extraction is a pure function of one file (:func:`extract_path`: the file in, its
mention and relation records out, or the reason it was skipped), so it maps over worker
processes; each worker loads the analysers once (``spawn``: a clean process, no state
inherited from the caller's threads) and keeps them for every file it is given.
Resolution and writing stay in the calling process and see the records in the order of
the files, so the graph is the one a single process builds.

The same function is what a distributed engine maps over a cluster
(:mod:`kg.distributed`).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from extraction.errors import KgInputError
from extraction.extract import DocumentExtraction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    """What extracting one file gave: its slim records, or why it was skipped."""

    path: Path
    extraction: DocumentExtraction | None
    skipped: str | None  # why it was skipped: one line naming the file
    seconds: float
    exception: BaseException | None = None  # what was raised (KgInputError, OSError, or a bug)


def extract_path(path: str | Path) -> Extracted:
    """Read, normalise and extract one file with this process's pipeline."""
    return _extract(Path(path), None, 0.0)


def _read(path: Path) -> tuple[object, float]:
    """``(document or the exception reading it raised, seconds)``: a file read ahead."""
    from extraction.ingest import load_document

    t0 = time.perf_counter()
    try:
        return load_document(path), time.perf_counter() - t0
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - raised again by _extract, in the file's turn
        return exc, time.perf_counter() - t0


def _extract(path: Path, read: object | None, read_seconds: float) -> Extracted:
    """:func:`extract_path`, with the document (or the exception reading it raised) already
    read when ``read`` is given."""
    from extraction.extract import extract_mentions
    from extraction.ingest import load_document
    from extraction.pipeline import get_pipeline

    t0 = time.perf_counter() - read_seconds
    try:
        if isinstance(read, BaseException):
            raise read
        doc = load_document(path) if read is None else read
        ex = extract_mentions(doc, get_pipeline())
    except KgInputError as exc:
        return Extracted(path, None, str(exc), time.perf_counter() - t0, exc)
    except OSError as exc:
        return Extracted(path, None, f"{path}: cannot read ({exc})", time.perf_counter() - t0, exc)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the build
        log.debug("extraction failed on %s", path, exc_info=True)
        reason = f"{path}: kg failed on this document ({type(exc).__name__}: {exc}); please report it"
        return Extracted(path, None, reason, time.perf_counter() - t0, RuntimeError(reason))
    return Extracted(path, ex.slim(), None, time.perf_counter() - t0)


def _warm_up() -> None:
    from extraction.pipeline import get_pipeline

    get_pipeline()


# below this much input, loading the analysers in each worker (about 8 s of CPU and 1.2 GB
# each) costs more than extracting in parallel saves
PARALLEL_FROM_BYTES = 4_000_000


def default_workers(files: Sequence[Path]) -> int:
    """One worker per two cores, never more than files, for a corpus of at least
    :data:`PARALLEL_FROM_BYTES`; else 1 (extraction in this process). Each process keeps two
    cores busy: its components on one, and Kiwi analysing the next texts on a helper thread
    (:mod:`extraction.analysis_ahead`); on 2 cores one process builds the 16x dev corpus as
    fast as two workers do, with half the memory (README, "Growing corpora")."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    size = 0
    for path in files:
        try:
            size += Path(path).stat().st_size
        except OSError:
            pass
    return max(1, min(cores // 2, len(files))) if size >= PARALLEL_FROM_BYTES else 1


def extract_many(files: Sequence[Path], workers: int) -> Iterator[Extracted]:
    """:func:`extract_path` of every file, in the order of ``files``: in this process when
    ``workers`` is 1, else in that many worker processes (each file is sent as it is
    needed, so workers stay busy however different the files' sizes are)."""
    if workers <= 1 or len(files) <= 1:
        yield from _extract_in_turn(files)
        return
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up)
    try:
        yield from pool.map(extract_path, files, chunksize=1)
    except BaseException:  # an interrupt: stop the workers now, not after their documents
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# a file up to this size is read before the one in front of it is extracted, so that the
# analyser's helper thread analyses its articles meanwhile (extraction.analysis_ahead)
READ_AHEAD_BYTES = 2_000_000


def _extract_in_turn(files: Sequence[Path]) -> Iterator[Extracted]:
    """:func:`extract_path` of every file, in this process and in order, each file (up to
    :data:`READ_AHEAD_BYTES`) read and its articles announced to the analyser before the one
    in front of it is extracted: Kiwi analyses them on its helper thread while the pipeline
    reads the previous document. The records are the same as file by file; two documents'
    texts are held at once, the next one no larger than READ_AHEAD_BYTES."""
    from extraction.extract import expect_document
    from extraction.pipeline import get_pipeline

    def read(path: Path) -> tuple[object, float]:
        doc, secs = _read(path)
        if not isinstance(doc, BaseException):
            expect_document(doc, get_pipeline())
        return doc, secs

    ahead: tuple[object, float] | None = None
    for i, path in enumerate(files):
        doc, secs = ahead if ahead is not None else read(Path(path))
        nxt = Path(files[i + 1]) if i + 1 < len(files) else None
        ahead = read(nxt) if nxt is not None and _small(nxt) else None
        yield _extract(Path(path), doc, secs)


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size <= READ_AHEAD_BYTES
    except OSError:
        return True  # reading it fails at once


__all__ = ["Extracted", "default_workers", "extract_many", "extract_path"]
