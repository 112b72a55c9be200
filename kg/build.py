"""``kg build``: documents in, one RDF dataset out (one named graph per document), into a
graph file, a kg store (:mod:`kg.store`), or both.

Three passes: every document is read, normalised and its mentions extracted (streamed,
one document at a time, its text dropped afterwards); the mentions of all documents are
resolved into entities and relations together, so identifiers do not depend on document
order; then each document's named graph is made and written to the output file and/or
the store one at a time (to a file in parts of :data:`WRITE_PART` triples, so a long
document's graph is never held whole), so memory holds the mention records, never the
whole graph.

A document is its file (its resolved path names its graph, :func:`kg.rdf.graph_iri`): a
file built again replaces its own graph and nothing else; a file of the same content
elsewhere (moved, renamed) replaces its old graph; two files of one name are two documents.
Into a store, the new documents are resolved together with every document the store
already holds (their extraction records, :mod:`kg.incremental`), and all graphs that
change are written in one transaction.
"""
from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from rdflib import Dataset, URIRef
from rdflib.namespace import SKOS

from ontology import KG

from extraction.extract import DocumentExtraction
from extraction.errors import KgInputError
from extraction.readers import MEDIA_TYPES, iter_sources, media_type_for
from extraction.resolve import ResolvedEntity, ResolvedRelation
from extraction.resolve_rounds import RoundResolver

from . import incremental, rdf, rounds
from .doc_graph import DocumentGraph
from .errors import KgError
from .graph_io import GraphWriter, format_for
from .parallel import default_workers, extract_many

log = logging.getLogger(__name__)


RELATION_PREDICATES = (KG.investsIn, KG.locatedIn, KG.partnersWith, KG.develops)


@dataclass(frozen=True)
class DocumentSummary:
    """What one source document contributed to the graph."""

    name: str
    characters: int
    articles: int
    entities: int
    relations: int
    triples: int
    seconds: float
    path: str = ""  # the source file as it was given


@dataclass(frozen=True)
class SkippedSource:
    """A source a build did not build: unreadable (``error``), or the same content as a
    file it did build."""

    path: Path
    reason: str
    error: bool = True


@dataclass(frozen=True)
class BuildSummary:
    output: Path | None
    documents: tuple[DocumentSummary, ...]
    triples: int
    store: Path | None = None
    store_documents: int = 0  # named graphs in the store after the build
    store_triples: int = 0  # quads in the store after the build
    skipped: tuple[SkippedSource, ...] = ()
    store_change: "incremental.StoreChange | None" = None  # what the build changed in the store
    graph_entities: int | None = None  # distinct entities of the documents built (each counted once)
    graph_relations: int | None = None  # distinct relations (subject, predicate, object) they state

    @property
    def errors(self) -> tuple[SkippedSource, ...]:
        return tuple(s for s in self.skipped if s.error)


class BuildInterrupted(KgError):
    """The build was stopped (Ctrl-C, SIGTERM); the message says what was kept."""


def collect_sources(sources: Sequence[str | Path],
                    on_skip: Callable[[SkippedSource], None] | None = None) -> list[Path]:
    """The files a build reads: named files and supported files inside named folders.

    A named file kg cannot read is an error; unsupported files inside a folder are skipped
    with a warning; a folder that cannot be listed is skipped through ``on_skip`` (an error
    without it); finding no document at all is an error.
    """
    paths = [Path(s) for s in sources]
    for p in paths:
        if p.is_file() and media_type_for(p) is None:
            known = " ".join(sorted(MEDIA_TYPES))
            raise KgError(f"{p}: kg cannot read {p.suffix or 'files without a suffix'} files; "
                          f"give it one of {known}")

    def folder_error(error: KgInputError) -> None:
        on_skip(SkippedSource(Path(error.path), str(error)))

    files = list(iter_sources(paths, folder_error if on_skip is not None else None))
    if not files:
        raise KgError(f"{', '.join(map(str, paths))}: no documents found (kg reads "
                      f"{' '.join(sorted(MEDIA_TYPES))})")
    return files


def extract_files(
    files: Iterable[Path],
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
    on_skip: Callable[[SkippedSource], None] | None = None,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
) -> list[DocumentExtraction]:
    """Pass 1: read, normalise and find the mentions of every file (in ``workers`` worker
    processes when more than one: :mod:`kg.parallel`; the records come back in the order
    of the files, so the result does not depend on ``workers``); with ``engine="dask"`` on
    a Dask cluster (:mod:`kg.distributed`; ``address`` of its scheduler, or a local one).

    Without ``on_skip`` the first file that cannot be read is an error. With it, such a file
    is handed to ``on_skip`` and the others are built; so is a file kg fails on
    while extracting (a bug: the rest of the build goes on) and a file whose content equals
    one already read (built once: one document, one graph)."""
    out = []
    seen: dict[str, Path] = {}
    files = list(files)
    if engine == "dask":
        from .distributed import extract_on_dask

        items = extract_on_dask(files, address, workers)
    elif engine == "local":
        items = extract_many(files, workers)
    else:
        raise KgError(f"unknown engine {engine!r}: give local or dask")
    for item in items:
        path, ex = item.path, item.extraction
        if ex is None:
            if on_skip is None:
                raise item.exception
            on_skip(SkippedSource(path, item.skipped))
            continue
        if ex.document.sha256 in seen:
            skipped = SkippedSource(path, f"{path}: same content as {seen[ex.document.sha256]}, built once", False)
            if on_skip is not None:
                on_skip(skipped)
            else:
                log.warning("skipping %s", skipped.reason)
            continue
        seen[ex.document.sha256] = path
        out.append(ex)  # slim: mentions and evidences, not the document's text
        if on_document is not None:
            on_document(path, ex, item.seconds)
    return out


def document_graphs(
    extractions: Sequence[DocumentExtraction],
    entities: Sequence[ResolvedEntity],
    relations: Sequence[ResolvedRelation] = (),
    seconds: dict[str, float] | None = None,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    part: int | None = None,
) -> Iterator[tuple[DocumentGraph, DocumentSummary | None]]:
    """Pass 3: the named graph of each document, one at a time (``labels``: preferred names
    by entity key, overriding :func:`kg.rdf.preferred_labels`), as a
    :class:`~kg.doc_graph.DocumentGraph`, with the document's summary.

    With ``part``, a document's graph comes in parts of about ``part`` triples each (an
    article, an entity with its mentions, a relation with its evidences are never cut), all
    named as the document's graph, whose union is the graph: memory holds one part, not the
    graph of a long document. The summary comes with the last part (the others: None)."""
    by_doc: dict[str, list[ResolvedEntity]] = {}
    for ent in entities:
        for doc_id in {m.doc_id for m in ent.mentions}:
            by_doc.setdefault(doc_id, []).append(ent)
    round_resolver: RoundResolver | None = None
    rels_by_doc: dict[str, list[ResolvedRelation]] = {}
    for rel in relations:
        for doc_id in {ev.doc_id for ev in rel.evidences}:
            rels_by_doc.setdefault(doc_id, []).append(rel)
    for ex in extractions:
        doc = ex.document
        parts = _Parts(rdf.graph_iri(doc), part)
        rdf.add_document(parts.graph, replace(doc, articles=()), ex.characters)
        for art in doc.articles:
            rdf.add_articles(parts.graph, doc, (art,))
            if (done := parts.full()) is not None:
                yield done, None
        iris: dict[str, URIRef] = {}
        for ent in by_doc.get(doc.doc_id, []):
            iris.update(rdf.add_entities(parts.graph, doc, (ent,), labels))
            if (done := parts.full()) is not None:
                yield done, None
        n_rel = 0
        for rel in rels_by_doc.get(doc.doc_id, []):
            n_rel += rdf.add_relations(parts.graph, doc, (rel,), iris)
            if (done := parts.full()) is not None:
                yield done, None
        g = parts.graph
        if ex.rounds:  # funding rounds, their parties resolved to this graph's entities
            round_resolver = round_resolver or RoundResolver(entities)
            rounds.add_document_rounds(g, doc, round_resolver.resolve(ex.rounds), iris)
        yield g, DocumentSummary(doc.name, ex.characters, len(doc.articles), len(iris), n_rel,
                                 parts.triples + len(g), (seconds or {}).get(doc.doc_id, 0.0), doc.path)


# triples in one part of a document's graph written to a file (kg build -o): a part is made,
# written and dropped before the next, so a long document's graph is never held whole
WRITE_PART = 20_000


class _Parts:
    """A document's graph made in parts of about ``size`` triples (``None``: one part)."""

    def __init__(self, name: URIRef, size: int | None):
        self.name, self.size = name, size
        self.graph = DocumentGraph(name)  # not an rdflib Graph: no indexes to keep (kg.doc_graph)
        self.triples = 0  # in the parts handed on

    def full(self) -> DocumentGraph | None:
        """The part made so far once it holds ``size`` triples (a new part begins), else None."""
        if self.size is None or len(self.graph) < self.size:
            return None
        done, self.graph = self.graph, DocumentGraph(self.name)
        self.triples += len(done)
        return done


def replaced_graphs(store, extractions: Sequence[DocumentExtraction]) -> dict[URIRef, list[URIRef]]:
    """For each document of a build into ``store``: the store's graphs it replaces. Its own
    graph (the same file, changed or not), and any other graph of a document with the same
    content (the file was moved or renamed): one document is one graph. A different file of
    the same name is a different document and replaces nothing."""
    out: dict[URIRef, list[URIRef]] = {}
    for ex in extractions:
        name = rdf.graph_iri(ex.document)
        out[name] = [name] + [g for g in store.graphs_with_content(ex.document.sha256) if g != name]
    return out


def store_labels(store, extractions: Sequence[DocumentExtraction],
                 entities: Sequence[ResolvedEntity],
                 replaced: Mapping[URIRef, Sequence[URIRef]] | None = None) -> dict[str, dict[str, str]]:
    """Preferred names for a build into ``store``: :func:`kg.rdf.preferred_labels`, except
    that in each language where the store's other graphs (all but those this build
    replaces) already name an entity, that name stays. The first build's choice thus holds
    for the store's lifetime; rebuilding a document keeps its entities' names, and the
    union of the graphs keeps one skos:prefLabel per language."""
    if replaced is None:
        replaced = replaced_graphs(store, extractions)
    replaced = [g for names in replaced.values() for g in names]
    out: dict[str, dict[str, str]] = {}
    for ent in entities:
        preferred = rdf.preferred_labels(ent)
        known = store.preferred_labels(rdf.entity_iri(ent), exclude=replaced)
        out[ent.key] = {tag: known.get(tag, name) for tag, name in preferred.items()}
    return out


def extract_and_resolve(
    files: Iterable[Path],
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
    on_skip: Callable[[SkippedSource], None] | None = None,
):
    """Passes 1 and 2: mentions of every file (documents streamed, their texts dropped),
    then entities and relations resolved across all of them."""
    seconds: dict[str, float] = {}

    def note(path: Path, ex: DocumentExtraction, secs: float) -> None:
        seconds[ex.document.doc_id] = secs
        if on_document is not None:
            on_document(path, ex, secs)

    extractions = extract_files(files, note, on_skip)
    entities, relations = incremental.resolve_all(extractions)
    return extractions, entities, relations, seconds


def build_dataset(
    files: Iterable[Path],
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
) -> tuple[Dataset, tuple[DocumentSummary, ...]]:
    """Extract, resolve and graph ``files`` into one in-memory dataset (for eval and tests;
    ``build`` streams the graphs to the output file instead)."""
    dataset = rdf.new_dataset()
    summaries = []
    for g, summary in document_graphs(*extract_and_resolve(files, on_document)):
        target = dataset.graph(g.identifier)
        dataset.addN((s, p, o, target) for s, p, o in g)
        summaries.append(summary)
    return dataset, tuple(summaries)


def build(
    sources: Sequence[str | Path],
    output: str | Path | None = None,
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
    store: str | Path | None = None,
    on_skip: Callable[[SkippedSource], None] | None = None,
    on_files: Callable[[int], None] | None = None,
    workers: int | None = 1,
    engine: str = "local",
    address: str | None = None,
) -> BuildSummary:
    """Build the graph of ``sources`` and write it to the file ``output`` (format from its
    suffix), into the kg store folder ``store`` (created if new), or both.

    Where the output goes is checked before any work (the folder writable, the store
    openable). A source that cannot be read is skipped with a warning and reported in the
    summary (``skipped``), the others are built; with no readable source nothing is written
    and :class:`KgError` says why. The output file is replaced only when the build is
    complete: an error or an interrupt leaves the old file as it was. Into the store, each
    document's named graph is replaced in one transaction, after every source was read and
    resolved. The documents' mentions are resolved together with those of every document the
    store holds (:mod:`kg.incremental`), so adding documents one at a time gives what
    building them together gives; the graphs of the new documents, and of older ones whose
    graph changed, are written in one transaction, during which the store is held
    (readers wait). An interrupt (:class:`BuildInterrupted`) before it leaves the store as
    it was.
    """
    if output is None and store is None:
        raise KgError("kg build needs somewhere to write: -o GRAPH (a .trig .ttl .nq .nt or .jsonld "
                      "file), --store DIR (a kg store folder), or both")
    if output is not None:
        format_for(output)  # fail on an unknown suffix before doing any work
    skipped: list[SkippedSource] = []

    def skip(item: SkippedSource) -> None:  # reported by the caller, else logged
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)
        else:
            log.warning("skipping %s", item.reason)

    files = collect_sources(sources, skip)
    if on_files is not None:
        on_files(len(files))
    from .remote_store import is_remote, open_location, prepare as prepare_remote
    from .store import prepare_store

    if store is not None:  # fails early; the store is not held while documents are read
        prepare_remote(store) if is_remote(store) else prepare_store(store)
    writer = GraphWriter(output, rdf.PREFIXES) if output is not None else None  # fails early
    kg_store = None
    summaries: list[DocumentSummary] = []
    store_documents = store_triples = 0
    store_change = None
    committed = False
    seconds: dict[str, float] = {}
    frozen = False

    def note(path: Path, ex: DocumentExtraction, secs: float) -> None:
        seconds[ex.document.doc_id] = secs
        if on_document is not None:
            on_document(path, ex, secs)

    try:
        n_workers = (default_workers(files) if workers is None else max(1, workers)) \
            if engine == "local" or workers is not None else None
        extractions = extract_files(files, note, skip, n_workers, engine, address)
        if not extractions:
            raise KgError("nothing was built: " + "; ".join(s.reason for s in skipped))
        if gc.get_freeze_count() == 0:
            # what pass 1 left (models, extractions) stays alive to the end: the collector
            # leaves it alone while passes 2-3 make their many small objects (a third of
            # their CPU time went to scanning it); unfrozen in ``finally``
            gc.freeze()
            frozen = True
        everything, labels, replaced = list(extractions), None, {}
        if store is not None:
            # from here on the build commits: it has the store alone (readers wait)
            kg_store = open_location(store)  # a folder, or a SPARQL server (kg.remote_store)
            replaced = replaced_graphs(kg_store, extractions)
            older, _legacy = incremental.load_records(kg_store, skip={g for v in replaced.values() for g in v})
            before = incremental.snapshot(kg_store)
            everything = older + everything  # resolved against what the store holds
        entities, relations = incremental.resolve_all(everything)
        if kg_store is not None:
            rewritten = {rdf.graph_iri(ex.document): [rdf.graph_iri(ex.document)] for ex in everything}
            labels = store_labels(kg_store, everything, entities, {**replaced, **rewritten})
        new_names = {rdf.graph_iri(ex.document) for ex in extractions}
        seen_entities: set = set()
        seen_relations: set = set()
        counted = {SKOS.prefLabel: False, **{p: True for p in RELATION_PREDICATES}}

        def graphs():
            # a store takes each document's graph whole; a file, part by part (WRITE_PART)
            part = None if kg_store is not None else WRITE_PART
            for g, summary in document_graphs(everything, entities, relations, seconds, labels, part):
                if g.identifier in new_names:
                    if writer is not None:
                        writer.write(g)
                    if summary is not None:
                        summaries.append(summary)
                    for t in g:  # one pass, predicates found by hash (an rdflib == is a Python call)
                        kind = counted.get(t[1])
                        if kind is None:
                            continue
                        if kind:
                            seen_relations.add(t)
                        else:
                            seen_entities.add(t[0])
                yield g

        if kg_store is not None:
            for ex in extractions:  # before the commit: a record without its graph is ignored
                incremental.keep_record(kg_store, rdf.graph_iri(ex.document), ex)
            counts = kg_store.apply(graphs(), drop={g for v in replaced.values() for g in v[1:]})
            committed = True
            rewritten_n = sum(1 for n, (a, r) in counts.items() if n not in new_names and (a or r))
            store_change = incremental.change(before, incremental.snapshot(kg_store), rewritten_n)
            store_documents, store_triples = len(kg_store.graph_names()), len(kg_store)
        else:
            for _ in graphs():
                pass
        if writer is not None:
            writer.close()  # atomic: renamed into place only now
    except KeyboardInterrupt:
        if writer is not None:
            writer.abort()
        kept = []
        if output is not None:
            kept.append(f"{output} not written (a previous version, if any, is unchanged)")
        if store is not None:
            kept.append(f"store {store}: " + ("the documents were added before the interrupt" if committed
                                               else "each graph written is whole, the rest unchanged; build "
                                               "again to complete it" if is_remote(store)
                                               else "unchanged (nothing was added)"))
        raise BuildInterrupted("interrupted: " + "; ".join(kept)) from None
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    finally:
        if frozen:
            gc.unfreeze()
        if kg_store is not None:
            kg_store.close()
    return BuildSummary(Path(output) if output is not None else None, tuple(summaries),
                        sum(s.triples for s in summaries),
                        None if store is None else store if is_remote(store) else Path(store),
                        store_documents, store_triples, tuple(skipped), store_change, len(seen_entities),
                        len(seen_relations))

__all__ = ["BuildInterrupted", "BuildSummary", "DocumentSummary", "SkippedSource", "build", "build_dataset", "collect_sources",
           "document_graphs", "extract_and_resolve", "extract_files", "replaced_graphs", "store_labels"]
