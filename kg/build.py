"""``kg build``: documents in, one RDF dataset out (one named graph per document).

Three passes: every document is read, normalised and its mentions extracted (streamed,
one document at a time, its text dropped afterwards); the mentions of all documents are
resolved into entities and relations together, so identifiers do not depend on document
order; then each document's named graph is made and written to the output file one at a
time, so memory holds the mention records, never the whole graph.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from rdflib import Dataset, Graph

from extraction.extract import DocumentExtraction, extract_mentions
from extraction.ingest import load_document
from extraction.pipeline import get_pipeline
from extraction.readers import MEDIA_TYPES, iter_sources, media_type_for
from extraction.resolve import ResolvedEntity, ResolvedRelation, resolve, resolve_relations

from . import rdf
from .errors import KgError
from .graph_io import GraphWriter, format_for

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class BuildSummary:
    output: Path | None
    documents: tuple[DocumentSummary, ...]
    triples: int


def collect_sources(sources: Sequence[str | Path]) -> list[Path]:
    """The files a build reads: named files and supported files inside named folders.

    A named file kg cannot read is an error; unsupported files inside a folder are skipped
    with a warning; finding no document at all is an error.
    """
    paths = [Path(s) for s in sources]
    for p in paths:
        if p.is_file() and media_type_for(p) is None:
            known = " ".join(sorted(MEDIA_TYPES))
            raise KgError(f"{p}: kg cannot read {p.suffix or 'files without a suffix'} files; "
                          f"give it one of {known}")
    files = list(iter_sources(paths))
    if not files:
        raise KgError(f"{', '.join(map(str, paths))}: no documents found (kg reads "
                      f"{' '.join(sorted(MEDIA_TYPES))})")
    return files


def extract_files(
    files: Iterable[Path],
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
) -> list[DocumentExtraction]:
    """Pass 1: read, normalise and find the mentions of every file."""
    nlp = get_pipeline()
    out = []
    for path in files:
        t0 = time.perf_counter()
        doc = load_document(path)
        ex = extract_mentions(doc, nlp)
        out.append(ex.slim())  # keep mentions and evidences, not the document's text
        if on_document is not None:
            on_document(path, ex, time.perf_counter() - t0)
    return out


def document_graphs(
    extractions: Sequence[DocumentExtraction],
    entities: Sequence[ResolvedEntity],
    relations: Sequence[ResolvedRelation] = (),
    seconds: dict[str, float] | None = None,
) -> Iterator[tuple[Graph, DocumentSummary]]:
    """Pass 3: the named graph of each document, one at a time."""
    by_doc: dict[str, list[ResolvedEntity]] = {}
    for ent in entities:
        for doc_id in {m.doc_id for m in ent.mentions}:
            by_doc.setdefault(doc_id, []).append(ent)
    rels_by_doc: dict[str, list[ResolvedRelation]] = {}
    for rel in relations:
        for doc_id in {ev.doc_id for ev in rel.evidences}:
            rels_by_doc.setdefault(doc_id, []).append(rel)
    for ex in extractions:
        doc = ex.document
        g = Graph(identifier=rdf.graph_iri(doc))
        rdf.add_document(g, doc, ex.characters)
        iris = rdf.add_entities(g, doc, by_doc.get(doc.doc_id, []))
        n_rel = rdf.add_relations(g, doc, rels_by_doc.get(doc.doc_id, []), iris)
        yield g, DocumentSummary(doc.name, ex.characters, len(doc.articles), len(iris), n_rel,
                                 len(g), (seconds or {}).get(doc.doc_id, 0.0))


def extract_and_resolve(
    files: Iterable[Path],
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
):
    """Passes 1 and 2: mentions of every file (documents streamed, their texts dropped),
    then entities and relations resolved across all of them."""
    seconds: dict[str, float] = {}

    def note(path: Path, ex: DocumentExtraction, secs: float) -> None:
        seconds[ex.document.doc_id] = secs
        if on_document is not None:
            on_document(path, ex, secs)

    extractions = extract_files(files, note)
    t0 = time.perf_counter()
    entities = resolve(extractions)
    entities, relations = resolve_relations(extractions, entities)
    log.info("resolved %d entities and %d relations in %.2fs", len(entities), len(relations),
             time.perf_counter() - t0)
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
        for t in g:
            target.add(t)
        summaries.append(summary)
    return dataset, tuple(summaries)


def build(
    sources: Sequence[str | Path],
    output: str | Path,
    on_document: Callable[[Path, DocumentExtraction, float], None] | None = None,
) -> BuildSummary:
    """Build the graph of ``sources`` and write it to ``output`` (format from its suffix).

    The output is written only when every source was read: a bad input never leaves a
    half-written or truncated graph behind.
    """
    format_for(output)  # fail on an unknown suffix before doing any work
    files = collect_sources(sources)
    summaries = []
    with GraphWriter(output, rdf.PREFIXES) as writer:  # atomic: renamed into place at the end
        for g, summary in document_graphs(*extract_and_resolve(files, on_document)):
            writer.write(g)
            summaries.append(summary)
    return BuildSummary(Path(output), tuple(summaries), sum(s.triples for s in summaries))


__all__ = ["BuildSummary", "DocumentSummary", "build", "build_dataset", "collect_sources",
           "document_graphs", "extract_and_resolve", "extract_files"]
