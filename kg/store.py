"""kg's persistent store: an Oxigraph (pyoxigraph, RocksDB) dataset in a folder.

``kg build SOURCE... --store DIR`` adds documents to it, one named graph per source
document: a document built again replaces its named graph (in one transaction: readers
never see half of it, a failure leaves the old graph), and a document whose graph is
unchanged writes nothing. ``kg query --store DIR`` queries the union of the graphs.

The union is kept, as a set of triples, in the store's default graph, updated in the same
transaction as each named graph; queries run on it. (pyoxigraph 0.5's own union of the
named graphs, ``use_default_graph_as_union``, repeats a solution once for every graph that
holds a triple — oxigraph issue #1919 — so counts would differ from those on a graph file,
whose union rdflib takes as a set.) ``GRAPH ?g { … }`` still reaches the document graphs.
Reading and querying are :class:`kg.ox_source.OxigraphSource`'s, shared with a graph file
loaded into memory (:mod:`kg.memory_graph`).

A folder is a kg store when it holds ``kg-store.json`` (written when kg creates it), so
kg never writes a database into a folder of other files, nor reads one as a graph.

Oxigraph keeps literals of numeric and date types in canonical form (``1.0`` reads back
as ``1``) and language tags in lower case; kg writes canonical decimals, and language
tags are given their usual case again when read (``zh-hans`` → ``zh-Hans``), so a graph
reads back exactly as it was written.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SKOS

from . import store_journal
from .errors import KgError
from .ox_source import OxigraphSource
from .ox_terms import from_ox, language_case, to_ox
from .rdf import PREFIXES

log = logging.getLogger(__name__)

MARKER = "kg-store.json"
LOCK = "kg-store.lock"
LOCK_WAIT = float(os.environ.get("KG_STORE_WAIT", "120"))  # seconds a reader or writer waits for the other
FORMAT = "kg-store"
VERSION = 1
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


def _ox():
    import pyoxigraph

    return pyoxigraph


def is_store(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


class StoreLock:
    """A readers-writer lock on a store folder (``flock`` on its ``kg-store.lock``), so that
    any number of readers share the store, and a writer (a build committing its graphs)
    has it alone: readers wait while it commits, and it waits for the readers to finish.
    Waiting ends after ``wait`` seconds with a one-line :class:`KgError`.

    A reader that can create no lock file (a read-only folder, where no one can write
    anyway) reads without one."""

    def __init__(self, path: Path, exclusive: bool, wait: float | None = None):
        self.path, self.exclusive = path, exclusive
        wait = LOCK_WAIT if wait is None else wait
        lock_file = path / LOCK
        self._fd: int | None = None
        try:
            self._fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            if exclusive:
                raise KgError(f"{path}: cannot write to the store ({_first_line(exc)})") from None
            try:
                self._fd = os.open(lock_file, os.O_RDONLY)
            except OSError:
                log.info("%s: no lock file and none can be made (read-only folder): reading without", path)
                return
        deadline = time.monotonic() + wait
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        while True:
            try:
                fcntl.flock(self._fd, mode)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.release()
                    holder = "queries are reading it" if exclusive else "a build is writing it"
                    raise KgError(f"{path}: the store is busy ({holder}) after waiting {wait:g} s; "
                                  "try again when it has finished") from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)  # releases the flock
            finally:
                self._fd = None


class KgStore(OxigraphSource):
    """An open kg store. Use :func:`open_store`; close it (or use ``with``) to release the
    folder. Readers (``read_only``) share it; a writer has it alone while it is open."""

    def __init__(self, path: Path, store, lock: StoreLock | None = None, read_only: bool = False):
        self.path = path
        self._store = store
        self._lock = lock
        self.read_only = read_only

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        if self._store is not None:
            try:
                if not self.read_only:
                    self._store.flush()
            finally:
                self._store = None  # the last reference: RocksDB is closed and unlocked
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def store(self):
        if self._store is None:
            raise KgError(f"{self.path}: the store is closed")
        return self._store

    @property
    def name(self) -> str:
        return str(self.path)

    # ------------------------------------------------------------------ reading

    def is_empty(self) -> bool:
        return next(iter(self.store.named_graphs()), None) is None

    def preferred_labels(self, entity: URIRef, exclude: Iterable[URIRef] = ()) -> dict[str, str]:
        """The skos:prefLabel the store gives ``entity`` in each language, outside the graphs
        ``exclude`` (those about to be replaced). Where graphs disagree (a store written by an
        older kg), the label most graphs use wins, then the first in code point order."""
        ox = _ox()
        skipped = {to_ox(g) for g in exclude}
        votes: dict[str, Counter] = {}
        for q in self.store.quads_for_pattern(to_ox(entity), ox.NamedNode(str(SKOS.prefLabel)), None, None):
            if (q.graph_name in skipped or isinstance(q.graph_name, ox.DefaultGraph)
                    or not isinstance(q.object, ox.Literal) or not q.object.language):
                continue
            votes.setdefault(language_case(q.object.language), Counter())[q.object.value] += 1
        return {tag: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for tag, c in votes.items()}

    # ------------------------------------------------------------------ writing

    def graphs_with_content(self, sha256: str) -> list[URIRef]:
        """The named graphs of documents whose source had this content hash."""
        ox = _ox()
        quads = self.store.quads_for_pattern(None, ox.NamedNode(_PREFIXES["kg"] + "contentHash"),
                                             ox.Literal(sha256), None)
        return sorted({from_ox(q.graph_name) for q in quads if isinstance(q.graph_name, ox.NamedNode)})

    def replace_graph(self, graph: Graph, also_remove: Iterable[URIRef] = ()) -> tuple[int, int]:
        """Make the named graph ``graph.identifier`` hold exactly the triples of ``graph``,
        remove the graphs ``also_remove`` (an older graph of the same document under another
        name), and make the union (the default graph) follow, in one transaction (see
        :meth:`apply`). Returns the numbers of triples added to and removed from the graph."""
        return self.apply([graph], also_remove)[URIRef(str(graph.identifier))]

    def apply(self, graphs: Iterable[Graph], drop: Iterable[URIRef] = ()) -> dict[URIRef, tuple[int, int]]:
        """Make each named graph of ``graphs`` hold exactly its triples, remove the graphs
        ``drop``, and make the union (the default graph) follow, all in one transaction.

        Each graph is compared with the store's as N-Triples text (:mod:`kg.store_write`:
        its terms converted once, the store's graph read with one dump) and only the
        differences are written: an add that removes nothing is one ``load`` of N-Quads, a
        change that also removes is one SPARQL update that deletes the triples the graphs no
        longer have and the dropped graphs and inserts the new triples, in the graphs and in
        the union (a triple leaves the union when no graph holds it afterwards). Either is
        one transaction: a failure or an interrupt leaves the old state whole, and graphs
        that did not change write nothing. Returns, per graph, the numbers of triples added
        and removed.
        """
        from . import store_write

        plan, counts = store_write.plan(self, graphs, drop, to_ox)
        try:
            store_write.write(self, plan)
        except OSError as exc:
            what = ", ".join(sorted(str(n) for n in counts)) or "graphs"
            raise KgError(f"{self.path}: could not write graph {what} "
                          f"({_first_line(exc)}); the store keeps its previous version") from None
        for g in plan.dropped:
            log.info("%s: graph %s removed", self.path, g[1:-1])
        for name, (a, r) in counts.items():
            log.info("%s: graph %s +%d -%d triples", self.path, name, a, r)
        return counts

    def flush(self) -> None:
        self.store.flush()


def copy_graphs(source, ds: Dataset | None = None) -> Dataset:
    """Every document graph of a store (a folder or a remote one: anything with
    ``graph_names()`` and ``graph(name)``) copied into an rdflib dataset, ``ds`` when given."""
    ds = Dataset() if ds is None else ds
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for name in source.graph_names():
        target = ds.graph(name)
        for t in source.graph(name):
            target.add(t)
    return ds


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _write_marker(path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{MARKER}.", dir=path)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"format": FORMAT, "version": VERSION,
                   "about": "a kg store (pyoxigraph/RocksDB): one named graph per source document, "
                            "their union (a set) in the default graph; kg build SOURCE --store DIR, "
                            "kg query --store DIR"}, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path / MARKER)


def _check_marker(path: Path) -> None:
    try:
        meta = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KgError(f"{path}: {MARKER} is unreadable ({_first_line(exc)}); "
                      "is this a kg store?") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise KgError(f"{path}: {MARKER} does not describe a kg store")
    if meta.get("version") != VERSION:
        raise KgError(f"{path}: kg store version {meta.get('version')} is not supported by this kg "
                      f"(it reads version {VERSION}); rebuild the store into a new folder")


def _check_folder(path: Path, create: bool) -> bool:
    """Check that ``path`` is (or, with ``create``, may become) a kg store; True when it
    has to be created."""
    if path.exists() and not path.is_dir():
        raise KgError(f"{path}: is a file, not a folder: --store takes a kg store folder "
                      "(give a graph file without --store)")
    if is_store(path):
        _check_marker(path)
        return False
    if not create:
        if not path.exists():
            raise KgError(f"{path}: no kg store here; create one with `kg build SOURCE... --store {path}`")
        raise KgError(f"{path}: not a kg store (no {MARKER}); give a folder made by "
                      f"`kg build SOURCE... --store DIR`")
    if path.exists() and any(path.iterdir()):
        raise KgError(f"{path}: not a kg store and not empty (no {MARKER}); "
                      "give a new or empty folder for a new store")
    return True


def open_store(path: str | Path, create: bool = False, read_only: bool = False,
               wait: float | None = None) -> KgStore:
    """Open the kg store in folder ``path``; with ``create``, make it first when ``path`` does
    not exist or is an empty folder. ``read_only`` opens it to read: readers share the
    store (and a folder the user may not write to can be read); otherwise the opener
    writes and has the store alone until it closes it. Either waits up to ``wait`` seconds
    (:data:`LOCK_WAIT`) for the other side. Every problem is one :class:`KgError`: no store
    here, a folder of other files, a store busy for too long, a damaged database."""
    path = Path(path)
    fresh = _check_folder(path, create and not read_only)
    if fresh:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KgError(f"{path}: cannot create the store ({_first_line(exc)})") from None
    lock = StoreLock(path, exclusive=not read_only, wait=wait)
    if read_only and store_journal.pending(path):  # a write was interrupted: undone before reading
        lock.release()
        _undo_interrupted_write(path, wait)
        lock = StoreLock(path, exclusive=False, wait=wait)
    try:
        store = _ox().Store.read_only(str(path)) if read_only else _ox().Store(str(path))
    except OSError as exc:
        lock.release()
        msg = _first_line(exc)
        if "lock" in msg.lower():
            raise KgError(f"{path}: the store is open in another process (a build or query); "
                          "try again when it has finished") from None
        raise KgError(f"{path}: cannot open the store ({msg})") from None
    if fresh:
        _write_marker(path)
        log.info("created kg store %s", path)
    elif not read_only:
        try:
            store_journal.recover(path, store)
        except (OSError, ValueError, SyntaxError) as exc:
            del store
            lock.release()
            raise KgError(f"{path}: could not undo a write that was interrupted ({_first_line(exc)}); "
                          f"the store cannot be used until it is (see {store_journal.JOURNAL})") from None
    return KgStore(path, store, lock, read_only)


def _undo_interrupted_write(path: Path, wait: float | None) -> None:
    """Undo an interrupted write before a reader reads (it takes the store alone, as a
    writer, for that moment; a folder the reader cannot write to cannot be repaired)."""
    if not os.access(path, os.W_OK):
        raise KgError(f"{path}: a write into the store was interrupted and has to be undone before it "
                      "is read, which needs write access to the folder")
    open_store(path, wait=wait).close()


def prepare_store(path: str | Path) -> None:
    """Check, before a build does its work, that it will be able to write into ``path``:
    an existing kg store, or a new or empty folder (where the store is created now)."""
    path = Path(path)
    if _check_folder(path, create=True):
        open_store(path, create=True).close()
    elif not os.access(path, os.W_OK):
        raise KgError(f"{path}: cannot write to the store (permission denied)")


def open_for_query(path: str | Path) -> KgStore:
    """Open an existing store to read it (shared with other readers; a build committing
    makes it wait); an empty store is an error."""
    st = open_store(path, read_only=True)
    if st.is_empty():
        st.close()
        raise KgError(f"{path}: the store is empty; add documents with `kg build SOURCE... --store {path}`")
    return st


__all__ = ["KgStore", "LOCK", "LOCK_WAIT", "MARKER", "StoreLock", "from_ox", "is_store", "language_case", "open_for_query", "open_store", "prepare_store",
           "to_ox"]
