"""Large adds to a kg store through pyoxigraph's bulk loader, made all-or-nothing by an undo
journal.

pyoxigraph's transactional writes (``load``, ``extend``, ``update``) cost about three times
what its bulk loader costs per quad, but the bulk loader is not atomic: killed half way,
it leaves part of the data. So a large write (:data:`BULK_MIN` quads or more, without
blank nodes) goes like this:

1. ``DIR/kg-store.journal`` is written (to a temporary file, synced, renamed into place):
   the graphs that did not exist before, the triples to take out of graphs that did, and
   the triples to put back (those the write removes). A new document's graph is a name,
   not its triples, so the journal of an add is a few lines.
2. What the write removes goes in one transaction (SPARQL update), what it adds through
   ``bulk_load``, then the store is flushed.
3. The journal is removed: that is the commit.

If anything fails or is interrupted before the commit, the journal is replayed backwards
(:func:`recover`) — at once when the process can, else by the next process that opens the
store, reader or writer, before it reads anything (:func:`kg.store.open_store`): the new
graphs are dropped, the triples taken out put back, those added to older graphs removed,
and the union (the default graph) made the set of the named graphs' triples again. Every
step of the recovery can be repeated, so an interrupted recovery is finished by the next
open. Readers never see a half write: a writer holds the store alone until the journal is
gone or replayed.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL = "kg-store.journal"
FORMAT = "kg-store-journal"
# quads (the union's included) from which a write goes through the bulk loader; below,
# one transaction costs little and leaves no small files behind
BULK_MIN = int(os.environ.get("KG_STORE_BULK_MIN", "20000"))
# the union rebuilt from the named graphs: triples of no named graph leave it, every named
# graph's triple is in it (one update; blank nodes are matched as the stored terms)
_REBUILD_UNION = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
                  "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")


def _ox():
    import pyoxigraph

    return pyoxigraph


def use_bulk(plan) -> bool:
    """Whether ``plan`` (a :class:`kg.store_write.Plan`) is written through the journal."""
    if plan.blank or not plan.inserts:
        return False  # blank nodes: DELETE DATA cannot name them, the bulk loader relabels them
    return sum(len(lines) for lines in plan.inserts.values()) + len(plan.union_add) >= BULK_MIN


def _sync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_journal(folder: Path, header: dict, lines: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{JOURNAL}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(header, ensure_ascii=False) + "\n")
            for line in lines:
                fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, folder / JOURNAL)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_dir(folder)


def _quad_lines(by_graph: dict[str, set[str]]) -> list[str]:
    return [f"{line[:-1]}{g} ." for g, lines in by_graph.items() for line in lines]


def write(kg_store, plan) -> None:
    """Write ``plan`` (a :class:`kg.store_write.Plan`) through the bulk loader under the
    journal (see the module's notes). A failure or an interrupt is undone before it
    propagates, when it can be (else by the next open)."""
    ox = _ox()
    folder, store = Path(kg_store.path), kg_store.store
    dropped_lines = plan.dropped_lines
    restore = _quad_lines(plan.deletes) + _quad_lines(dropped_lines)
    old = {g: lines for g, lines in plan.inserts.items() if g not in plan.fresh}
    remove = _quad_lines(old)
    header = {"format": FORMAT, "version": 1,
              "new_graphs": sorted(plan.fresh | {str(n) for n in plan.created}),
              "emptied_graphs": sorted(g for g in plan.dropped if not dropped_lines.get(g)),
              "restore": len(restore), "remove": len(remove)}
    _write_journal(folder, header, restore + remove)
    try:
        removal = plan.removal()
        if removal:
            store.update(removal)
        store.bulk_load(plan.nquads(), format=ox.RdfFormat.N_QUADS, lenient=True)
        for name in plan.created:
            store.add_graph(name)
        store.flush()
        os.unlink(folder / JOURNAL)  # the commit
    except BaseException:
        try:
            recover(folder, store)
        except BaseException as exc:  # the next open recovers
            log.warning("%s: the interrupted write is undone when the store is next opened (%s)", folder, exc)
        raise
    _sync_dir(folder)


def pending(folder: Path) -> bool:
    """Whether a write into the store at ``folder`` was interrupted and is not yet undone."""
    return (Path(folder) / JOURNAL).is_file()


def recover(folder: Path, store) -> bool:
    """Undo the write the journal of ``folder`` describes, on ``store`` opened to write
    (idempotent); True when there was one."""
    folder = Path(folder)
    for stale in folder.glob(f".{JOURNAL}.*"):  # a journal killed while it was written: nothing was
        stale.unlink(missing_ok=True)            # written to the store yet
    try:
        text = (folder / JOURNAL).read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    first, _, body = text.partition("\n")
    header = json.loads(first)
    if header.get("format") != FORMAT:
        raise ValueError(f"{JOURNAL} is not a kg store journal")
    lines = body.split("\n")
    restore = lines[:header["restore"]]
    remove = lines[header["restore"]:header["restore"] + header["remove"]]
    ops = [f"DROP SILENT GRAPH {g}" for g in header["new_graphs"]]
    if remove:
        ops.append("DELETE DATA {\n" + "\n".join(_as_data(remove)) + "\n}")
    if restore:
        ops.append("INSERT DATA {\n" + "\n".join(_as_data(restore)) + "\n}")
    ops.extend(f"CREATE SILENT GRAPH {g}" for g in header["emptied_graphs"])
    ops.append(_REBUILD_UNION)
    store.update(" ;\n".join(ops))
    store.flush()
    os.unlink(folder / JOURNAL)
    _sync_dir(folder)
    log.warning("%s: an interrupted write was undone (the store is as it was before it)", folder)
    return True


def _as_data(quad_lines: list[str]) -> list[str]:
    """N-Quads lines (``s p o <g> .``, as :func:`write` wrote them) as SPARQL quad data
    (``GRAPH <g> { s p o }``): the graph is the last term, an IRI in angle brackets."""
    out = []
    for line in quad_lines:
        body = line[:-2]  # without " ."
        cut = body.rindex(" <")
        out.append(f"GRAPH {body[cut + 1:]} {{ {body[:cut]} }}")
    return out


__all__ = ["BULK_MIN", "JOURNAL", "pending", "recover", "use_bulk", "write"]
