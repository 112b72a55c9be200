"""Turning a document and what was extracted from it into RDF.

Each source document gets one named graph holding its :class:`~ontology.KG.Document`,
its articles, and (as extraction lands) the entities and relations it states.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from extraction.records import Document
from ontology import BASE, KG

ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")
GRAPH = Namespace(BASE + "graph/")

PREFIXES = {
    "kg": KG._NS, "kgid": ID, "kgdoc": DOC, "kggraph": GRAPH,
    "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "rdfs": RDFS, "xsd": XSD,
}


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def slug(text: str, limit: int = 48) -> str:
    """A readable IRI-safe slug: ASCII words kept, other scripts percent-free via NFKC."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[\s/\\#?%\"'<>`{}|^\[\]()（）·.,:;!&+=*]+", "-", text)
    text = text.strip("-")[:limit].strip("-")
    return text or "x"


def source_key(path: str | Path) -> str:
    """What makes a source document the same document across builds: its file's absolute
    path (symlinks resolved). Two files of one name in different folders are different
    documents; a file built again from the same place, changed or not, is the same one."""
    return Path(path).resolve().as_posix()


def graph_iri_for(path: str | Path) -> URIRef:
    """Named graph of the document built from the file ``path``: its file name (readable)
    and a digest of :func:`source_key` (unique)."""
    digest = hashlib.sha256(source_key(path).encode("utf-8")).hexdigest()[:12]
    return GRAPH[quote(f"{slug(Path(path).name, 64)}-{digest}", safe="-_~")]


def graph_iri(doc: Document) -> URIRef:
    """Named graph of a source document (:func:`graph_iri_for` its path), so a rebuilt
    (changed) file replaces what the old version said and nothing else."""
    return graph_iri_for(doc.path)


def document_iri(doc: Document) -> URIRef:
    return DOC[doc.doc_id]


def article_iri(doc: Document, index: int) -> URIRef:
    return DOC[f"{doc.doc_id}/article/{index}"]


def date_literal(value: str) -> Literal:
    """An ISO date (``xsd:date``), year-month (``xsd:gYearMonth``) or year (``xsd:gYear``) as
    a typed literal; anything else as a plain one."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def add_document(graph: Graph, doc: Document, characters: int | None = None) -> URIRef:
    """Add the document and its articles, with their metadata, to ``graph``
    (``characters``: the original text's length, when ``doc`` no longer holds it)."""
    d = document_iri(doc)
    graph.add((d, RDF.type, KG.Document))
    graph.add((d, KG.fileName, Literal(doc.name)))
    graph.add((d, KG.contentHash, Literal(doc.sha256)))
    graph.add((d, KG.encoding, Literal(doc.encoding)))
    graph.add((d, KG.mediaType, Literal(doc.media_type)))
    graph.add((d, KG.characterCount, Literal(characters if characters is not None else len(doc.original),
                                             datatype=XSD.integer)))
    if doc.title:
        graph.add((d, DCTERMS.title, Literal(doc.title, lang="ko")))
    if doc.date:
        graph.add((d, DCTERMS.date, date_literal(doc.date)))
    add_articles(graph, doc, doc.articles)
    return d


def add_articles(graph: Graph, doc: Document, articles) -> None:
    """Add ``articles`` of ``doc`` (all of them: :func:`add_document`), with their metadata."""
    d = document_iri(doc)
    for art in articles:
        a = article_iri(doc, art.index)
        graph.add((a, RDF.type, KG.Article))
        graph.add((a, KG.inDocument, d))
        graph.add((a, PROV.wasDerivedFrom, d))
        graph.add((a, KG.articleIndex, Literal(art.index, datatype=XSD.integer)))
        graph.add((a, KG.startOffset, Literal(art.orig_start, datatype=XSD.integer)))
        graph.add((a, KG.endOffset, Literal(art.orig_end, datatype=XSD.integer)))
        if art.title:
            graph.add((a, DCTERMS.title, Literal(art.title, lang="ko")))
        if art.date:
            graph.add((a, DCTERMS.date, date_literal(art.date)))
        if art.source:
            graph.add((a, KG.sourceOutlet, Literal(art.source)))
        if art.section:
            graph.add((a, KG.section, Literal(art.section, lang="ko")))


def entity_iri(entity) -> URIRef:
    return ID[quote(entity.local_id, safe="-_~")]


_LANG_TAG = {"ko": "ko", "zh": "zh", "en": "en"}


@lru_cache(maxsize=1 << 16)
def language_tag(name: str, lang: str) -> str:
    """The language tag of a name: ``zh-Hans``/``zh-Hant`` by script, and ``ko`` for a name
    written with Hangul even when Latin letters outnumber it (AI 칩, 챗 GPT): such a name is how
    Korean text writes it, not English."""
    if lang == "zh":
        from extraction.names import to_simplified

        return "zh-Hans" if to_simplified(name) == name else "zh-Hant"
    if lang == "en" and any("가" <= c <= "힣" for c in name):
        return "ko"
    return _LANG_TAG[lang]



def korean_reading(chinese: str, term: bool = False) -> str:
    """Hangul for a Chinese name, each run of Han characters read and every other character
    (Latin letters, digits, spaces) kept: the Mandarin reading by the Korean standard for
    Chinese (国家电网 → 궈자뎬왕, 宇树科技 → 위수커지), which Korean writing uses for modern
    Chinese proper names; with ``term`` the Sino-Korean reading (人工智能 → 인공지능), which
    it uses for translated common terms such as technologies."""
    from extraction.names import is_han
    from extraction.translit import sino_korean, transliterate

    read = sino_korean if term else transliterate
    out, run = [], []
    for ch in chinese + "\0":
        if is_han(ch):
            run.append(ch)
            continue
        if run:
            out.append(read("".join(run)) or "".join(run))
            run = []
        if ch != "\0":
            out.append(ch)
    return "".join(out).strip()


def korean_name(entity) -> str:
    """The Korean name of an entity no document names in Hangul: the first Korean name of
    its reference entry (the name Korean writing uses: ZTE, 중앙처리장치 … are listed first
    as Korean usage has them), else the Latin-script name the documents use, as written
    (Korean text writes brand names and acronyms in Latin letters: NVIDIA, Roboway
    Technology), else the Hangul reading of its Chinese name (:func:`korean_reading`;
    Sino-Korean for a technology, the Mandarin reading for a proper name)."""
    if entity.ref_id:
        from extraction.reference import load_reference

        entry = load_reference().get(entity.ref_id)
        if entry is not None and entry.ko:
            return entry.ko[0]
    for name, lang in entity.names:
        if language_tag(name, lang) == "en":
            return name
    for name, lang in entity.names:
        if lang == "zh":
            reading = korean_reading(name, term=entity.type == "Technology")
            if reading:
                return reading
    return entity.names[0][0]


def preferred_labels(entity) -> dict[str, str]:
    """The entity's skos:prefLabel in each language tag: its most used name in that
    language across the documents of the build, and always one in Korean
    (:func:`korean_name` when no document names it in Hangul)."""
    preferred: dict[str, str] = {}
    for name, lang in entity.names:
        preferred.setdefault(language_tag(name, lang), name)
    if "ko" not in preferred:
        preferred["ko"] = korean_name(entity)
    return preferred


_XSD_INTEGER, _XSD_DECIMAL = XSD.integer, XSD.decimal


@lru_cache(maxsize=4096)
def _decimal(value: float) -> Literal:
    """An xsd:decimal in canonical form (0.9, 1 — never 1.0), so a graph reads back from a
    store, which keeps values canonical, exactly as it was written."""
    text = format(Decimal(str(round(value, 3))).normalize(), "f")
    return Literal(text, datatype=_XSD_DECIMAL)


# made once per value: a build writes tens of thousands of offsets and name keys, and an
# rdflib Literal costs more to make than the rest of its triple
@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=_XSD_INTEGER)


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    from extraction.names import name_key

    return name_key(name)


_MENTIONS, _MENTION, _MENTION_OF, _SURFACE = KG.mentions, KG.Mention, KG.mentionOf, KG.surface
_START, _END, _EXTRACTOR, _CONFIDENCE = KG.startOffset, KG.endOffset, KG.extractor, KG.confidence
# rdflib's namespaces (RDF, PROV, SKOS …) look attributes up as slowly as KG does (a few µs
# each, tens of thousands a build): the terms of every mention and evidence, once
_TYPE, _DERIVED_FROM, _PREF, _ALT = RDF.type, PROV.wasDerivedFrom, SKOS.prefLabel, SKOS.altLabel
_NAME_KEY, _EVIDENCE, _EVIDENCE_TEXT, _REFERENCE_ID = KG.nameKey, KG.Evidence, KG.evidenceText, KG.referenceId
_SUBJECT, _PREDICATE, _OBJECT = KG.subject, KG.predicate, KG.object


def add_entities(graph: Graph, doc: Document, entities,
                 labels: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, URIRef]:
    """Add the entities ``doc`` mentions: types, names, name keys and every mention.

    Each entity gets its preferred name in every language as skos:prefLabel
    (:func:`preferred_labels`, or ``labels[entity.key]`` where given: the names a store
    already uses for it), in every document graph it appears in, so that any union of
    graphs has exactly one per language and any single graph stands on its own; the other
    names this document uses are skos:altLabels. Every label's :func:`name_key` is a
    kg:nameKey, the index by which queries find entities by name.

    Returns the IRIs of the entities added, by entity key.
    """
    written: dict[str, URIRef] = {}
    articles: dict[int, URIRef] = {}  # the article IRIs, made once (a URIRef is slow to make)
    for ent in entities:
        mentions = [m for m in ent.mentions if m.doc_id == doc.doc_id]
        if not mentions:
            continue
        e = entity_iri(ent)
        written[ent.key] = e
        for t in ent.types:
            graph.add((e, _TYPE, KG[t]))
        preferred = (labels or {}).get(ent.key) or preferred_labels(ent)
        names = set()
        for tag, name in preferred.items():
            graph.add((e, _PREF, Literal(name, lang=tag)))
            names.add(name)
        for name, lang in ent.names_in(doc.doc_id):
            tag = language_tag(name, lang)
            if preferred.get(tag) != name:
                graph.add((e, _ALT, Literal(name, lang=tag)))
                names.add(name)
        for name in names:
            key = _name_key(name)
            if key:
                graph.add((e, _NAME_KEY, Literal(key)))
        if ent.ref_id:
            graph.add((e, _REFERENCE_ID, Literal(ent.ref_id)))
        add = graph.add
        for m in mentions:  # the ontology's terms looked up once (KG's attribute look-up is slow)
            art = articles.get(m.article)
            if art is None:
                art = articles[m.article] = article_iri(doc, m.article)
            add((art, _MENTIONS, e))
            node = DOC[f"{doc.doc_id}/mention/{m.start}-{m.end}"]
            add((node, _TYPE, _MENTION))
            add((node, _MENTION_OF, e))
            add((node, _SURFACE, Literal(m.text)))
            add((node, _START, _integer(m.start)))
            add((node, _END, _integer(m.end)))
            add((node, _EXTRACTOR, Literal(m.rule or m.extractor)))
            add((node, _CONFIDENCE, _decimal(m.confidence)))
            add((node, _DERIVED_FROM, art))
    return written


_PREDICATES = {"invests_in": KG.investsIn, "located_in": KG.locatedIn,
               "partners_with": KG.partnersWith, "develops": KG.develops}


def add_relations(graph: Graph, doc: Document, relations, entity_iris: dict[str, URIRef]) -> int:
    """Add the relations ``doc`` states: the plain triple (so ``?a kg:partnersWith ?b`` just
    works) and, for every evidence in this document, a qualified kg:Evidence node with the
    evidence text, its offsets in the original file, confidence, rule and article."""
    count = 0
    for rel in relations:
        evidences = [ev for ev in rel.evidences if ev.doc_id == doc.doc_id]
        if not evidences:
            continue
        if rel.subject not in entity_iris or rel.object not in entity_iris:
            continue  # a side that is no entity of this document (a city inside a zone's name)
        s, o = entity_iris[rel.subject], entity_iris[rel.object]
        p = _PREDICATES[rel.predicate]
        graph.add((s, p, o))
        count += 1
        for ev in evidences:
            node = DOC[f"{doc.doc_id}/evidence/{rel.predicate}/{ev.evidence_start}-{ev.evidence_end}/"
                       f"{s.split('/')[-1]}/{o.split('/')[-1]}"]  # entity IRIs are already encoded
            graph.add((node, _TYPE, _EVIDENCE))
            graph.add((node, _SUBJECT, s))
            graph.add((node, _PREDICATE, p))
            graph.add((node, _OBJECT, o))
            add_provenance(graph, node, ev.evidence, ev.evidence_start, ev.evidence_end, ev.confidence,
                           ev.rule, article_iri(doc, ev.article))
    return count


def add_provenance(graph: Graph, node: URIRef, text: str, start: int, end: int, confidence: float,
                   rule: str, article: URIRef) -> None:
    """Where a fact (an evidence, a funding round) comes from: its text, offsets in the
    original file, confidence, the rule that found it and its article."""
    graph.add((node, _EVIDENCE_TEXT, Literal(text)))
    graph.add((node, _START, _integer(start)))
    graph.add((node, _END, _integer(end)))
    graph.add((node, _CONFIDENCE, _decimal(confidence)))
    graph.add((node, _EXTRACTOR, Literal(rule)))
    graph.add((node, _DERIVED_FROM, article))
