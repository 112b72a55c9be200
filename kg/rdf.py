"""Turning a document and what was extracted from it into RDF.

Each source document gets one named graph holding its :class:`~ontology.KG.Document`,
its articles, and (as extraction lands) the entities and relations it states.
"""
from __future__ import annotations

import re
import unicodedata
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


def graph_iri(doc: Document) -> URIRef:
    """Named graph of a source document: keyed by its file name, so a rebuilt (changed)
    file replaces what the old version said."""
    return GRAPH[quote(slug(doc.name, 96), safe="-_~")]


def document_iri(doc: Document) -> URIRef:
    return DOC[doc.doc_id]


def article_iri(doc: Document, index: int) -> URIRef:
    return DOC[f"{doc.doc_id}/article/{index}"]


def _date_literal(value: str) -> Literal:
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
        graph.add((d, DCTERMS.date, _date_literal(doc.date)))
    for art in doc.articles:
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
            graph.add((a, DCTERMS.date, _date_literal(art.date)))
        if art.source:
            graph.add((a, KG.sourceOutlet, Literal(art.source)))
        if art.section:
            graph.add((a, KG.section, Literal(art.section, lang="ko")))
    return d


def entity_iri(entity) -> URIRef:
    return ID[quote(entity.local_id, safe="-_~")]


_LANG_TAG = {"ko": "ko", "zh": "zh", "en": "en"}


def _language_tag(name: str, lang: str) -> str:
    if lang == "zh":
        from extraction.names import to_simplified

        return "zh-Hans" if to_simplified(name) == name else "zh-Hant"
    return _LANG_TAG[lang]


def add_entities(graph: Graph, doc: Document, entities) -> dict[str, URIRef]:
    """Add the entities ``doc`` mentions: types, the names it uses, and every mention.

    Returns the IRIs of the entities added, by entity key.
    """
    written: dict[str, URIRef] = {}
    for ent in entities:
        mentions = [m for m in ent.mentions if m.doc_id == doc.doc_id]
        if not mentions or all(m.rule.startswith("name-prefix") for m in mentions):
            continue  # a city named only inside a zone's name is no entity of this document
        e = entity_iri(ent)
        written[ent.key] = e
        for t in ent.types:
            graph.add((e, RDF.type, KG[t]))
        # one prefLabel per language for the entity as a whole (its most used name across
        # all documents), so that the union of the documents' graphs has exactly one; the
        # other names this document uses are altLabels
        preferred: dict[str, str] = {}
        for name, lang in ent.names:
            preferred.setdefault(_language_tag(name, lang), name)
        for name, lang in ent.names_in(doc.doc_id):
            tag = _language_tag(name, lang)
            prop = SKOS.prefLabel if preferred[tag] == name else SKOS.altLabel
            graph.add((e, prop, Literal(name, lang=tag)))
        if ent.ref_id:
            graph.add((e, KG.referenceId, Literal(ent.ref_id)))
        for m in mentions:
            art = article_iri(doc, m.article)
            graph.add((art, KG.mentions, e))
            node = DOC[f"{doc.doc_id}/mention/{m.start}-{m.end}"]
            graph.add((node, RDF.type, KG.Mention))
            graph.add((node, KG.mentionOf, e))
            graph.add((node, KG.surface, Literal(m.text)))
            graph.add((node, KG.startOffset, Literal(m.start, datatype=XSD.integer)))
            graph.add((node, KG.endOffset, Literal(m.end, datatype=XSD.integer)))
            graph.add((node, KG.extractor, Literal(m.rule or m.extractor)))
            graph.add((node, KG.confidence, Literal(round(m.confidence, 3), datatype=XSD.decimal)))
            graph.add((node, PROV.wasDerivedFrom, art))
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
            graph.add((node, RDF.type, KG.Evidence))
            graph.add((node, KG.subject, s))
            graph.add((node, KG.predicate, p))
            graph.add((node, KG.object, o))
            graph.add((node, KG.evidenceText, Literal(ev.evidence)))
            graph.add((node, KG.startOffset, Literal(ev.evidence_start, datatype=XSD.integer)))
            graph.add((node, KG.endOffset, Literal(ev.evidence_end, datatype=XSD.integer)))
            graph.add((node, KG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)))
            graph.add((node, KG.extractor, Literal(ev.rule)))
            graph.add((node, PROV.wasDerivedFrom, article_iri(doc, ev.article)))
    return count
