"""Extraction on a Dask cluster (``kg build --engine dask [--address tcp://HOST:8786]``).

Extraction of one document is a pure function (:func:`kg.parallel.extract_path`: a file
in, its mention and relation records out), so a build maps it over a cluster and keeps
resolution and graph writing where it was started: records come back in the order of the
files and the graph is the one a plain build makes. Files are read by the client and sent
to the workers as bytes, so the workers need no shared file system, only kg installed
(``pip install "kg[distributed]"``); each worker process loads the analysers once and
keeps them for every document it is given.

Without ``--address`` a local cluster of worker processes is started on 127.0.0.1 for the
build and stopped after it (a way to try the engine, and what the tests run).

Dask rather than Ray: kg needs a map over files and nothing else — no actors, no object
store, no GPU scheduling — and dask.distributed is pure Python, small to install, starts a
local cluster in seconds and runs the same code against a remote scheduler.
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Sequence

from .errors import KgError
from .parallel import Extracted, extract_path

log = logging.getLogger(__name__)


def extract_bytes(name: str, data: bytes) -> Extracted:
    """:func:`extract_path` of a file sent as ``data`` (its original path ``name``): written
    to a private temporary folder under its own file name, extracted, removed; the records
    name the original path."""
    original = Path(name)
    with tempfile.TemporaryDirectory(prefix="kg-extract-") as tmp:
        local = Path(tmp) / original.name
        local.write_bytes(data)
        item = extract_path(local)
    if item.extraction is not None:
        doc = replace(item.extraction.document, path=name)
        item = replace(item, extraction=replace(item.extraction, document=doc))
    skipped = item.skipped.replace(str(local), name) if item.skipped else None
    return replace(item, path=original, skipped=skipped)


def _client(address: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError('--engine dask needs dask.distributed: pip install "kg[distributed]"') from None
    if address:
        try:
            return Client(address, timeout=30), None
        except (OSError, TimeoutError) as exc:
            raise KgError(f"{address}: cannot reach the Dask scheduler ({exc})") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           scheduler_port=0, dashboard_address=None, memory_limit=0)
    return Client(cluster), cluster


def extract_on_dask(files: Sequence[Path], address: str | None = None,
                    workers: int | None = None) -> Iterator[Extracted]:
    """Extract ``files`` on a Dask cluster (``address``) or a local one of ``workers``
    processes; results in the order of ``files``."""
    client, cluster = _client(address, workers or max(1, min(len(files), os.cpu_count() or 1)))
    try:
        futures = []
        for path in files:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                futures.append(Extracted(Path(path), None, f"{path}: cannot read ({exc})", 0.0, exc))
                continue
            futures.append(client.submit(extract_bytes, str(path), data, pure=False))
        for fut in futures:
            yield fut if isinstance(fut, Extracted) else fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["extract_bytes", "extract_on_dask"]
