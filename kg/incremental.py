"""The store as the workspace: documents added one at a time resolve against what the
store already holds, exactly as if they had been built together.

Beside each document's named graph, the store keeps what extraction found in it (its
mention and relation records, no text: :mod:`extraction.records_io`) in
``DIR/records/<graph>.json.gz``. Adding documents resolves their mentions together with
the records of every document already in the store, with the same linking rules as one
build, and writes, in one transaction, the graphs of the new documents and of every
older document whose graph changed (an entity it names is now linked to a new spelling,
say). Removing a document drops its graph and record and resolves the rest again, so
entities and relations that nothing else states go with it.

A record is written before the transaction that commits its graph; a record whose graph
is not in the store (the commit was interrupted) is ignored and removed. A graph without
a record (a store written by an older kg) is kept as it is and not resolved again.
"""
from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from rdflib import URIRef

from extraction.extract import DocumentExtraction
from extraction.records_io import read_extraction, write_extraction

from . import rdf
from .errors import KgError

log = logging.getLogger(__name__)

RECORDS = "records"
_RELATIONS = "kg:investsIn kg:locatedIn kg:partnersWith kg:develops"


@dataclass(frozen=True)
class StoreChange:
    """What an add or a remove changed in a store: entities and relations (distinct
    subject-predicate-object) that appeared and that disappeared."""

    entities_added: int = 0
    entities_removed: int = 0
    relations_added: int = 0
    relations_removed: int = 0
    graphs_rewritten: int = 0  # older documents whose graph changed

    def describe(self) -> str:
        return (f"+{self.entities_added} -{self.entities_removed} entities, "
                f"+{self.relations_added} -{self.relations_removed} relations")


def _local(graph: URIRef) -> str:
    return str(graph).rsplit("/", 1)[-1]


def record_path(store_path: Path, graph: URIRef) -> Path:
    return Path(store_path) / RECORDS / f"{_local(graph)}.json.gz"


def save_record(store_path: Path, graph: URIRef, ex: DocumentExtraction) -> None:
    folder = Path(store_path) / RECORDS
    folder.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{_local(graph)}.", dir=folder)
    os.close(fd)
    try:
        write_extraction(ex, tmp)
        os.replace(tmp, record_path(store_path, graph))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_record(store_path: Path, graph: URIRef) -> None:
    record_path(store_path, graph).unlink(missing_ok=True)


def keep_record(st, graph: URIRef, ex: DocumentExtraction) -> None:
    """Keep the record of ``graph`` in the open store ``st``: a file beside a store folder,
    a kg-internal graph on a remote store (:mod:`kg.remote_store`). The document's path is
    kept absolute, so that the record names the same graph (:func:`kg.rdf.graph_iri`) when
    documents are added or removed later from another folder (or, remotely, machine)."""
    key = rdf.source_key(ex.document.path)
    if ex.document.path != key:
        ex = replace(ex, document=replace(ex.document, path=key))
    st.save_record(graph, ex) if hasattr(st, "save_record") else save_record(st.path, graph, ex)


def drop_record(st, graph: URIRef) -> None:
    st.remove_record(graph) if hasattr(st, "remove_record") else remove_record(st.path, graph)


def has_record(st, graph: URIRef) -> bool:
    return st.has_record(graph) if hasattr(st, "has_record") else record_path(st.path, graph).exists()


def load_records(st, skip: Iterable[URIRef] = ()) -> tuple[list[DocumentExtraction], list[URIRef]]:
    """The records of the store's documents (but ``skip``), in graph order, and the graphs
    that have none. Records of graphs the store does not hold are removed."""
    if hasattr(st, "load_records"):  # a remote store keeps them itself
        return st.load_records(skip)
    skip = set(skip)
    names = st.graph_names()
    records, legacy = [], []
    for name in names:
        if name in skip:
            continue
        path = record_path(st.path, name)
        if not path.exists():
            legacy.append(name)
            continue
        try:
            records.append(read_extraction(path))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise KgError(f"{path}: the store's record of this document is unreadable ({exc}); "
                          f"rebuild the document into the store") from None
    known = {_local(n) for n in names}
    folder = Path(st.path) / RECORDS
    if folder.is_dir():
        for path in folder.glob("*.json.gz"):
            if path.name[:-len(".json.gz")] not in known:
                log.info("removing %s: its document's graph is not in the store", path)
                path.unlink(missing_ok=True)
    if legacy:
        log.warning("%s: %d document graph(s) have no extraction record (written by an older kg): "
                    "kept as they are, not resolved again; rebuild those documents to include them",
                    st.path, len(legacy))
    return records, legacy


def snapshot(st) -> tuple[set, set]:
    """The store's entities and relations, to report what a change did."""
    entities = {r[0] for r in st.select("SELECT DISTINCT ?e WHERE { ?e a ?t ; skos:prefLabel ?l }").rows}
    relations = set(st.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {_RELATIONS} }} }}").rows)
    return entities, relations


def change(before: tuple[set, set], after: tuple[set, set], rewritten: int = 0) -> StoreChange:
    (e0, r0), (e1, r1) = before, after
    return StoreChange(len(e1 - e0), len(e0 - e1), len(r1 - r0), len(r0 - r1), rewritten)


# --------------------------------------------------------------------------- status and remove


@dataclass(frozen=True)
class StoredDocument:
    graph: URIRef
    name: str
    date: str | None
    characters: int
    articles: int
    entities: int
    relations: int
    recorded: bool  # has an extraction record (resolved again when documents are added)


@dataclass(frozen=True)
class StoreStatus:
    path: Path
    documents: tuple[StoredDocument, ...]
    entities: int
    relations: int
    triples: int


def status(path: str | Path) -> StoreStatus:
    """Documents of a store with their dates and sizes, and its entity and relation counts."""
    from .remote_store import is_remote, open_location

    with open_location(path, read_only=True) as st:
        rows = st.select("""
            SELECT ?g ?name ?date ?chars (COUNT(DISTINCT ?a) AS ?articles) WHERE {
              GRAPH ?g { ?d a kg:Document ; kg:fileName ?name ; kg:characterCount ?chars .
                         OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?a kg:inDocument ?d } }
            } GROUP BY ?g ?name ?date ?chars ORDER BY ?name ?g""").rows
        per_graph = {}
        for g, n_ent in st.select("SELECT ?g (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a ?t ; "
                                  "skos:prefLabel ?l } } GROUP BY ?g").rows:
            per_graph[g] = [int(n_ent), 0]
        for g, n_rel in st.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?s ?p ?o WHERE {{ "
                                  f"GRAPH ?g {{ ?s ?p ?o VALUES ?p {{ {_RELATIONS} }} }} }} }} GROUP BY ?g").rows:
            per_graph.setdefault(g, [0, 0])[1] = int(n_rel)
        docs = []
        seen = set()
        for g, name, date, chars, articles in rows:
            if g in seen:  # one row per graph (a document with two dates keeps the first)
                continue
            seen.add(g)
            ent, rel = per_graph.get(g, (0, 0))
            docs.append(StoredDocument(URIRef(g), name, date or None, int(chars), int(articles), ent, rel,
                                       has_record(st, URIRef(g))))
        entities, relations = snapshot(st)
        return StoreStatus(path if is_remote(path) else Path(path), tuple(docs),
                           len(entities), len(relations), len(st))


def match_documents(st, which: str) -> list[URIRef]:
    """The store's graphs ``which`` names: a graph IRI, a path to the file (the document
    built from it, or from a file of the same content), or a file name."""
    from rdflib import Literal

    names = set(st.graph_names())
    if URIRef(which) in names:
        return [URIRef(which)]
    path = Path(which)
    if path.is_file():
        own = rdf.graph_iri_for(path)
        if own in names:
            return [own]
        from extraction.readers import read_source

        return st.graphs_with_content(read_source(path).sha256)
    rows = st.select("SELECT DISTINCT ?g ?n WHERE { GRAPH ?g { ?d kg:fileName ?n } }", {"n": Literal(which)}).terms
    found = sorted({URIRef(str(r[0])) for r in rows} & names)
    if len(found) > 1:
        raise KgError(f"{st.path}: {len(found)} documents are named {which!r} (" + ", ".join(map(str, found))
                      + "); give the file's path or the graph IRI")
    return found


def resolve_all(extractions: Sequence[DocumentExtraction]):
    """Entities and relations of ``extractions`` resolved together (the steps of a build)."""
    from extraction.resolve import drop_passing_technologies, resolve, resolve_relations

    t0 = time.perf_counter()
    entities = resolve(extractions)
    entities, relations = resolve_relations(extractions, entities)
    entities = drop_passing_technologies(entities, relations,
                                         {ex.document.doc_id: ex.characters for ex in extractions})
    log.info("resolved %d entities and %d relations in %.2fs", len(entities), len(relations),
             time.perf_counter() - t0)
    return entities, relations


def remove(path: str | Path, which: str) -> tuple[list[URIRef], StoreChange]:
    """Remove the document(s) ``which`` names from the store at ``path``: their graphs and
    records go, the other documents are resolved again without them, and graphs that
    change are rewritten, all in one transaction."""
    from .build import document_graphs, store_labels
    from .remote_store import open_location

    with open_location(path) as st:
        targets = match_documents(st, which)
        if not targets:
            known = ", ".join(sorted({r[0] for r in st.select(
                "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?d kg:fileName ?n } }").rows})[:8])
            raise KgError(f"{path}: no document {which!r} in the store (it has: {known}); give a file name, "
                          "the file's path or a graph IRI (kg status --store DIR lists them)")
        before = snapshot(st)
        records, legacy = load_records(st, skip=targets)
        graphs = []
        if records:
            entities, relations = resolve_all(records)
            rewritten = {rdf.graph_iri(ex.document): [rdf.graph_iri(ex.document)] for ex in records}
            labels = store_labels(st, records, entities, {**rewritten, **{t: [t] for t in targets}})
            graphs = [g for g, _ in document_graphs(records, entities, relations, None, labels)]
        counts = st.apply(graphs, drop=targets)
        for t in targets:
            drop_record(st, t)
        rewritten_n = sum(1 for n, (a, r) in counts.items() if a or r)
        return targets, change(before, snapshot(st), rewritten_n)


__all__ = ["RECORDS", "StoreChange", "StoreStatus", "StoredDocument", "change", "drop_record", "has_record",
           "keep_record", "load_records", "match_documents", "record_path", "remove", "remove_record", "resolve_all", "save_record", "snapshot", "status"]
