"""A kg graph as a networkx network: entities are nodes, relations edges.

Node attributes (all strings but ``degree``): ``label`` (the Korean name, else any), ``type``
(the main class), ``types`` (all classes, ``|``-separated), ``name_ko``, ``name_zh``,
``name_en`` (``|``-separated), ``ref_id`` (the reference id, or empty), ``first_date`` and
``last_date`` (the first and last dated article that mentions the entity or states one of its
relations; empty when none is dated), ``degree``, and ``viz`` colour and size for Gephi. Edge
attributes: ``relation`` (invests_in, located_in, partners_with, develops), ``weight`` (the
number of evidences), ``first_date`` and ``last_date`` of the articles that state it (empty
when no article is dated), ``dates`` (every such date, ``|``-separated), and ``directed``: ``false`` for the symmetric partners_with, else
``true`` (GEXF readers such as networkx's refuse graphs that mix edge types, so the GEXF
and GraphML files keep every edge directed and say it in this attribute; the CSV edge
table's Type column gives Gephi Directed or Undirected per edge).
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ontology import KG

# main type first when an entity has several (a Company that invests stays a Company)
TYPE_ORDER = ("Company", "Investor", "Organization", "Park", "City", "Region", "Technology", "Product")
RELATIONS = {KG.investsIn: "invests_in", KG.locatedIn: "located_in",
             KG.partnersWith: "partners_with", KG.develops: "develops"}
COLORS = {  # one colour per type, shared with the views
    "Company": (31, 119, 180), "Investor": (214, 39, 40), "Organization": (148, 103, 189),
    "Park": (44, 160, 44), "City": (255, 127, 14), "Region": (188, 189, 34),
    "Technology": (23, 190, 207), "Product": (140, 86, 75),
}


def _union(dataset: Dataset):
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        yield s, p, o


def to_network(dataset: Dataset, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """The entities and relations of ``dataset`` (all named graphs together); with
    ``min_confidence``, only relations with an evidence of at least that confidence (their
    weight and dates counted from those evidences)."""
    types: dict[URIRef, set[str]] = defaultdict(set)
    names: dict[URIRef, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    pref: dict[URIRef, dict[str, str]] = defaultdict(dict)
    edges: set[tuple[URIRef, str, URIRef]] = set()
    evidence: dict[tuple[URIRef, URIRef, URIRef], list[URIRef]] = defaultdict(list)
    ev_parts: dict[URIRef, dict] = defaultdict(dict)
    article_dates: dict[URIRef, str] = {}
    ref_ids: dict[URIRef, str] = {}
    mention_of: dict[URIRef, URIRef] = {}
    in_document: dict[URIRef, URIRef] = {}
    # the vocabulary's terms looked up once: an attribute of a DefinedNamespace (KG, RDF,
    # SKOS …) costs a check each time, and this loop sees every quad of the graph
    rdf_type, pref_label, alt_label, kg_ns = RDF.type, SKOS.prefLabel, SKOS.altLabel, str(KG._NS)
    labels, evidence_parts = (pref_label, alt_label), {KG.subject, KG.predicate, KG.object,
                                                        PROV.wasDerivedFrom, KG.confidence}
    mention_p, in_document_p, date_p, reference_p = KG.mentionOf, KG.inDocument, DCTERMS.date, KG.referenceId
    for s, p, o in _union(dataset):
        if p == rdf_type and isinstance(o, URIRef) and str(o).startswith(kg_ns):
            t = str(o)[len(kg_ns):]
            if t in TYPE_ORDER:
                types[s].add(t)
        elif p in labels and isinstance(o, Literal):
            lang = (o.language or "").split("-")[0] or "und"
            if str(o) not in names[s][lang]:
                names[s][lang].append(str(o))
            if p == pref_label:
                pref[s][lang] = str(o)
        elif p in RELATIONS:
            edges.add((s, RELATIONS[p], o))
        elif p in evidence_parts:
            ev_parts[s][p] = o
        elif p == mention_p:
            mention_of[s] = o
        elif p == in_document_p:
            in_document[s] = o
        elif p == date_p:
            article_dates[s] = str(o)
        elif p == reference_p:
            ref_ids[s] = str(o)
    for ev, parts in ev_parts.items():
        if KG.subject in parts and KG.predicate in parts and KG.object in parts:
            if min_confidence and _confidence(parts.get(KG.confidence)) < min_confidence:
                evidence.setdefault((parts[KG.subject], parts[KG.predicate], parts[KG.object]), [])
                continue
            evidence[(parts[KG.subject], parts[KG.predicate], parts[KG.object])].append(
                parts.get(PROV.wasDerivedFrom))
    for art, doc in in_document.items():  # an undated article has its document's date
        if art not in article_dates and doc in article_dates:
            article_dates[art] = article_dates[doc]
    # the dates of the articles that mention each entity: when it enters the network
    seen_on: dict[URIRef, set[str]] = defaultdict(set)
    for m, e in mention_of.items():
        art = ev_parts.get(m, {}).get(PROV.wasDerivedFrom)
        if art in article_dates:
            seen_on[e].add(article_dates[art])

    g = nx.MultiDiGraph()
    for node, ts in sorted(types.items(), key=lambda kv: str(kv[0])):
        main = next(t for t in TYPE_ORDER if t in ts)
        ns = names[node]
        label = pref[node].get("ko") or (ns.get("ko") or [None])[0] or next(
            (v[0] for v in ns.values() if v), str(node).rsplit("/", 1)[-1])
        g.add_node(str(node), label=label, type=main,
                   types="|".join(t for t in TYPE_ORDER if t in ts),
                   name_ko="|".join(ns.get("ko", [])), name_zh="|".join(ns.get("zh", [])),
                   name_en="|".join(ns.get("en", [])), ref_id=ref_ids.get(node, ""),
                   first_date=min(seen_on[node], default=""), last_date=max(seen_on[node], default=""))
    inverse = {v: k for k, v in RELATIONS.items()}
    for s, rel, o in sorted(edges, key=lambda e: (str(e[0]), e[1], str(e[2]))):
        if str(s) not in g or str(o) not in g:
            continue
        arts = evidence.get((s, inverse[rel], o), [])
        if min_confidence and not arts:
            continue  # no evidence strong enough (or, for an old graph, none at all)
        dates = sorted(article_dates[a] for a in arts if a in article_dates)
        g.add_edge(str(s), str(o), key=rel, relation=rel, weight=max(1, len(arts)),
                   first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "",
                   dates="|".join(sorted(set(dates))),
                   directed="false" if rel == "partners_with" else "true")
    for a, b, d in g.edges(data=True):  # an entity is in the network from its first dated relation on
        for n in (a, b):
            if d["first_date"]:
                node = g.nodes[n]
                node["first_date"] = min(filter(None, (node["first_date"], d["first_date"])))
                node["last_date"] = max(node["last_date"], d["last_date"])
    return annotate(g)


def _confidence(term) -> float:
    try:
        return float(term) if term is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


def node_size(degree: float) -> float:
    """Size of a node of ``degree`` relations, in the GEXF file and in the view."""
    return float(8 + 4 * degree ** 0.5)


def annotate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set each node's ``degree`` and ``viz`` colour and size from ``g`` as it is (again
    after a focus filter has removed nodes or edges)."""
    for node in g.nodes:
        degree = g.degree(node)
        r, gr, b = COLORS[g.nodes[node]["type"]]
        g.nodes[node]["degree"] = int(degree)
        g.nodes[node]["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": node_size(degree)}
    return g
