"""What the explorer shows, read from an open store (in a worker, :mod:`kg.server.worker`):
name search, an entity's page and its neighbourhood. Everything is looked up through the
store's indexes (pattern lookups, or SPARQL with the entity bound as a term), never by
pasting text into a query.

Search matches a name as the presets do (:mod:`kg.lookup`: any label in any script after
:func:`extraction.names.name_key` folding, a trailing Korean particle taken off, reference
names and aliases), then as part of longer names; when nothing matches exactly it offers
the closest names ("did you mean", Hangul compared letter by letter).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extraction.names import name_key
from ontology import KG

from ..presets import RELATIONS
from ..rdf import ID
from ..store import language_case

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KG = str(KG._NS)
_ID = str(ID)
MAX_PARTNERS = 300
MAX_EVIDENCE = 20
MAX_NEIGHBOURS = 200


def entity_id(iri: str) -> str:
    """The id of an entity in explorer URLs: the local part of a kg entity IRI, else the IRI."""
    if iri.startswith(_ID) and "/" not in iri[len(_ID):]:
        return iri[len(_ID):]
    return iri


def entity_iri(ident: str) -> str:
    """The IRI an explorer id names (:func:`entity_id` reversed)."""
    return ident if ":" in ident else _ID + ident


def _ox():
    import pyoxigraph

    return pyoxigraph


def store_signature(path: Path) -> tuple:
    """Changes whenever the store's database files change (a build committed)."""
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(path)
                            if e.is_file() and not e.name.endswith(".lock")))
    except OSError:
        return ()


@dataclass
class Entry:
    iri: str
    labels: list = field(default_factory=list)  # (value, language, preferred)
    types: list = field(default_factory=list)

    def label(self) -> str:
        return best_label(self.labels, self.iri)


def best_label(labels, iri: str) -> str:
    """The Korean preferred label, else another preferred one, else any label, else the IRI's end."""
    for want in (lambda l: l[2] and (l[1] or "").lower() == "ko", lambda l: l[2], lambda l: True):
        found = sorted(l[0] for l in labels if want(l))
        if found:
            return found[0]
    return iri.rstrip("/").rsplit("/", 1)[-1]


class Lookups:
    """Nodes of one open store read through its indexes, each node's properties in one
    lookup and kept for the request."""

    def __init__(self, store):
        self.store = store
        self._default = _ox().DefaultGraph()
        self._props: dict[str, dict[str, list]] = {}
        self._entries: dict[str, Entry] = {}

    def props(self, iri: str) -> dict[str, list]:
        """``{predicate IRI: [objects]}`` of the node ``iri`` in the union."""
        if iri not in self._props:
            ox = _ox()
            out: dict[str, list] = {}
            for q in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, self._default):
                out.setdefault(q.predicate.value, []).append(q.object)
            self._props[iri] = out
        return self._props[iri]

    def subjects(self, predicate: str, obj: str) -> list[str]:
        ox = _ox()
        return [q.subject.value for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj),
                                                                      self._default)
                if isinstance(q.subject, ox.NamedNode)]

    def entry(self, iri: str) -> Entry:
        if iri not in self._entries:
            ox = _ox()
            props = self.props(iri)
            entry = Entry(iri)
            for prop, preferred in (("prefLabel", True), ("altLabel", False)):
                for o in props.get(_SKOS + prop, ()):
                    if isinstance(o, ox.Literal):
                        entry.labels.append((o.value, language_case(o.language) if o.language else "", preferred))
            entry.types = sorted(o.value[len(_KG):] for o in props.get(_RDF_TYPE, ())
                                 if isinstance(o, ox.NamedNode) and o.value.startswith(_KG))
            self._entries[iri] = entry
        return self._entries[iri]

    def value(self, iri: str, predicate: str):
        found = self.props(iri).get(predicate)
        return found[0].value if found else None


class NameIndex:
    """Every entity's labels and their name keys, for search (built once per store version:
    the keys are the graph's own ``kg:nameKey`` values, or computed from the labels of a
    graph that has none)."""

    def __init__(self, store):
        ox = _ox()
        default = ox.DefaultGraph()
        self.labels: dict[str, list] = {}
        for prop, preferred in (("prefLabel", True), ("altLabel", False)):
            for q in store.quads_for_pattern(None, ox.NamedNode(_SKOS + prop), None, default):
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                    self.labels.setdefault(q.subject.value, []).append((q.object.value, q.object.language or "",
                                                                        preferred))
        self.pairs = [(iri, v) for iri, labels in self.labels.items() for v in dict.fromkeys(l[0] for l in labels)]
        self.by_key_map: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, ox.NamedNode(_KG + "nameKey"), None, default):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                self.by_key_map.setdefault(q.object.value, set()).add(q.subject.value)
        if not self.by_key_map:  # a graph written before kg stored name keys
            for iri, value in self.pairs:
                key = name_key(value)
                if key:
                    self.by_key_map.setdefault(key, set()).add(iri)
        self.keys = sorted(self.by_key_map)
        self.by_ref: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, ox.NamedNode(_KG + "referenceId"), None, default):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                self.by_ref.setdefault(q.object.value, set()).add(q.subject.value)

    # the name table of kg.lookup (by_key, by_reference, all_names): the same matching as
    # the presets and --focus
    def by_key(self, key: str) -> set[str]:
        return set(self.by_key_map.get(key, ()))

    def by_reference(self, ref_id: str) -> set[str]:
        return set(self.by_ref.get(ref_id, ()))

    def all_names(self) -> list[tuple[str, str]]:
        return self.pairs

    def search(self, text: str, lookups: Lookups, limit: int = 20) -> dict:
        """Entities ``text`` names (:func:`kg.lookup.lookup`: any label in any script, a
        trailing particle, reference names and aliases), then those whose names contain it,
        and when nothing matches exactly, the closest names (:func:`kg.lookup.suggest`)."""
        from ..lookup import key_variants, lookup, suggest

        text = text.strip()
        exact = [iri for iri in (lookup(self, text) if text else []) if iri in self.labels]
        seen = set(exact)
        partial: list[tuple] = []
        for k in key_variants(text)[:1]:
            if len(k) < 2 and not any(ord(c) > 0x2e80 for c in k):
                continue
            for other in self.keys:
                if k in other and other != k:
                    for iri in self.by_key_map[other]:
                        if iri not in seen and iri in self.labels:
                            seen.add(iri)
                            partial.append((0 if other.startswith(k) else 1, len(other),
                                            best_label(self.labels[iri], iri), iri))
        partial.sort()
        results = [self._hit(lookups, iri, "exact") for iri in exact[:limit]]
        results += [self._hit(lookups, iri, "prefix" if rank == 0 else "contains")
                    for rank, _, _, iri in partial[: max(0, limit - len(results))]]
        suggestions = []
        if not exact and not partial and text:
            seen_s: set[str] = set()
            for label in suggest(self, text):
                for iri in sorted(self.by_key_map.get(name_key(label), ())):
                    if iri not in seen_s and iri in self.labels:
                        seen_s.add(iri)
                        suggestions.append(dict(self._hit(lookups, iri, "similar"), matched=label))
        return {"query": text, "results": results, "total": len(exact) + len(partial),
                "did_you_mean": suggestions}

    @staticmethod
    def _hit(lookups: Lookups, iri: str, match: str) -> dict:
        entry = lookups.entry(iri)
        return {"id": entity_id(iri), "iri": iri, "label": entry.label(), "types": entry.types,
                "names": names_by_language(entry.labels), "match": match}


def names_by_language(labels) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value, lang, preferred in sorted(labels, key=lambda l: (not l[2], l[0])):
        names = out.setdefault(lang or "-", [])
        if value not in names:
            names.append(value)
    return dict(sorted(out.items()))


_PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_DCT = "http://purl.org/dc/terms/"


class Explorer:
    """The explorer's reads over one open store (``store``: a pyoxigraph Store whose
    default graph is the union of the document graphs), all of them pattern lookups in its
    indexes: an entity's properties, the relations it is in, the evidence nodes naming it
    as subject or object with their articles and documents, the mentions of the entities."""

    def __init__(self, store):
        self.store = store
        self.look = Lookups(store)
        self._mentions: dict[str, list] = {}
        self._articles: dict[str, set] = {}

    def _node(self, iri: str) -> dict:
        entry = self.look.entry(iri)
        return {"id": entity_id(iri), "iri": iri, "label": entry.label(), "types": entry.types}

    def _relations(self, iri: str):
        """(relation name, subject, object) of every relation of ``iri``, either direction."""
        ox = _ox()
        node, default = ox.NamedNode(iri), ox.DefaultGraph()
        out = []
        for pred, rel in RELATIONS.items():
            p = ox.NamedNode(str(pred))
            for q in self.store.quads_for_pattern(node, p, None, default):
                if isinstance(q.object, ox.NamedNode):
                    out.append((rel, iri, q.object.value))
            for q in self.store.quads_for_pattern(None, p, node, default):
                if isinstance(q.subject, ox.NamedNode):
                    out.append((rel, q.subject.value, iri))
        return sorted(set(out))

    def entity(self, iri: str) -> dict | None:
        entry = self.look.entry(iri)
        relations_of = self._relations(iri)
        if not entry.labels and not entry.types and not relations_of:
            return None
        evidence = self._evidence(iri)
        groups: dict[tuple[str, str], list] = {}
        for rel, s, o in relations_of:
            direction = "out" if s == iri else "in"
            if rel == "partners_with":
                direction = "both"
            other = o if s == iri else s
            groups.setdefault((rel, direction), []).append((other, s, o))
        relations = []
        for (rel, direction), items in sorted(groups.items()):
            facts = []
            for other, s, o in sorted(items, key=lambda t: self.look.entry(t[0]).label())[:MAX_PARTNERS]:
                evs = sorted(evidence.get((s, rel, o), []),
                             key=lambda e: (-(e["confidence"] or 0), e["document"] or "", e["start"] or 0))
                shown = evs[:MAX_EVIDENCE]
                for ev in shown:
                    ev["highlights"] = self._highlights(ev, s, o)
                facts.append({"entity": self._node(other), "subject": entity_id(s), "object": entity_id(o),
                              "evidence": shown, "evidence_count": len(evs)})
            relations.append({"relation": rel, "direction": direction, "count": len(items), "facts": facts})
        return {"id": entity_id(iri), "iri": iri, "label": entry.label(), "types": entry.types,
                "names": names_by_language(entry.labels), "relations": relations,
                "mentions": len(self._mention_nodes(iri))}

    def _evidence(self, iri: str) -> dict:
        """``{(subject, relation, object): [evidence]}`` of the evidence nodes naming ``iri``."""
        ox = _ox()
        rel_by_pred = {str(p): r for p, r in RELATIONS.items()}
        found: dict[tuple, list] = {}
        seen: set[tuple] = set()
        for role in ("subject", "object"):
            for ev_iri in self.look.subjects(_KG + role, iri):
                props = self.look.props(ev_iri)
                s, p, o = (props.get(_KG + k, [None])[0] for k in ("subject", "predicate", "object"))
                texts = props.get(_KG + "evidenceText")
                if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode) and p is not None
                        and p.value in rel_by_pred and texts):
                    continue
                art = props.get(_PROV_FROM, [None])[0]
                art = art.value if isinstance(art, ox.NamedNode) else None
                doc = self.look.value(art, _KG + "inDocument") if art else None
                ev = {
                    "text": texts[0].value,
                    "start": _int(props.get(_KG + "startOffset", [None])[0]),
                    "end": _int(props.get(_KG + "endOffset", [None])[0]),
                    "confidence": _float(props.get(_KG + "confidence", [None])[0]),
                    "article": art,
                    "title": self.look.value(art, _DCT + "title") if art else None,
                    "date": (self.look.value(art, _DCT + "date") if art else None)
                    or (self.look.value(doc, _DCT + "date") if doc else None),
                    "document": (self.look.value(doc, _KG + "fileName") if doc else None) or doc or "",
                }
                key = (s.value, rel_by_pred[p.value], o.value)
                mark = (key, ev["text"], ev["start"], art)
                if mark not in seen:
                    seen.add(mark)
                    found.setdefault(key, []).append(ev)
        return found

    def _mention_nodes(self, iri: str) -> list[str]:
        if iri not in self._mentions:
            self._mentions[iri] = self.look.subjects(_KG + "mentionOf", iri)
        return self._mentions[iri]

    def _mentions_of(self, iri: str, article: str | None = None) -> list:
        """(start, end, surface, article) of the mentions of ``iri`` (in ``article``: the
        nodes derived from the article, looked up once, narrow down those read)."""
        nodes = self._mention_nodes(iri)
        if article:
            if article not in self._articles:
                self._articles[article] = set(self.look.subjects(_PROV_FROM, article))
            nodes = [m for m in nodes if m in self._articles[article]]
        out = []
        for m in nodes:
            props = self.look.props(m)
            surface, art = props.get(_KG + "surface"), props.get(_PROV_FROM)
            if surface and art and (article is None or art[0].value == article):
                out.append((_int(props.get(_KG + "startOffset", [None])[0]),
                            _int(props.get(_KG + "endOffset", [None])[0]), surface[0].value, art[0].value))
        return out

    def _highlights(self, ev: dict, s: str, o: str) -> list:
        """``[start, end, role]`` spans of the subject's and object's words in the evidence
        text: their mentions inside the evidence (by offset, checked against the text), or
        else their names found in the text."""
        text, spans = ev["text"], []
        for role, iri in (("subject", s), ("object", o)):
            mentions = self._mentions_of(iri, ev["article"]) if ev["article"] else []
            found = []
            if ev["start"] is not None:
                for ms, me, surface, art in mentions:
                    if ms is None or me is None:
                        continue
                    a, b = ms - ev["start"], me - ev["start"]
                    if 0 <= a < b <= len(text) and text[a:b] == surface:
                        found.append((a, b, role))
            if not found:
                names = {l[0] for l in self.look.entry(iri).labels} | {m[2] for m in mentions}
                for name in sorted(names, key=len, reverse=True):
                    start = text.find(name) if name else -1
                    while start >= 0:
                        found.append((start, start + len(name), role))
                        start = text.find(name, start + len(name))
            spans.extend(found)
        chosen: list[tuple] = []
        for a, b, role in sorted(spans, key=lambda t: (t[0], -(t[1] - t[0]))):
            if not chosen or a >= chosen[-1][1]:
                chosen.append((a, b, role))
        return [list(c) for c in chosen]

    def neighbours(self, iri: str) -> dict:
        nodes = {iri: self._node(iri)}
        edges = []
        for rel, s, o in self._relations(iri):
            other = o if s == iri else s
            if other not in nodes:
                if len(nodes) > MAX_NEIGHBOURS:
                    continue
                nodes[other] = self._node(other)
            edges.append({"from": entity_id(s), "to": entity_id(o), "relation": rel})
        return {"center": entity_id(iri), "nodes": list(nodes.values()), "edges": edges,
                "complete": len(nodes) <= MAX_NEIGHBOURS}


def _value(term):
    return None if term is None else term.value


def _int(term):
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _float(term):
    try:
        return float(term.value) if term is not None else None
    except ValueError:
        return None


__all__ = ["Explorer", "Lookups", "NameIndex", "entity_id", "entity_iri", "store_signature"]
