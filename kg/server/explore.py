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
from urllib.parse import quote

from extraction.names import name_key
from ontology import KG

from ..presets import RELATIONS
from ..rdf import ID, PREFIXES
from ..store import language_case

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KG = str(KG._NS)
_ID = str(ID)
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}
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


def entity_path(iri: str) -> str:
    return "/entity/" + quote(entity_id(iri), safe="")


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


class NameIndex:
    """Every entity's labels and types, and their name keys (built once per store version)."""

    def __init__(self, store):
        ox = _ox()
        default = ox.DefaultGraph()
        self.entries: dict[str, Entry] = {}
        for prop, preferred in (("prefLabel", True), ("altLabel", False)):
            for q in store.quads_for_pattern(None, ox.NamedNode(_SKOS + prop), None, default):
                if not isinstance(q.subject, ox.NamedNode) or not isinstance(q.object, ox.Literal):
                    continue
                entry = self.entries.setdefault(q.subject.value, Entry(q.subject.value))
                lang = language_case(q.object.language) if q.object.language else ""
                entry.labels.append((q.object.value, lang, preferred))
        for iri, entry in self.entries.items():
            entry.types = sorted(q.object.value[len(_KG):] for q in store.quads_for_pattern(
                ox.NamedNode(iri), ox.NamedNode(_RDF_TYPE), None, default)
                if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(_KG))
        self.by_key_map: dict[str, set[str]] = {}
        self.pairs: list[tuple[str, str]] = []
        for iri, entry in self.entries.items():
            for value in dict.fromkeys(v for v, _, _ in entry.labels):
                self.pairs.append((iri, value))
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

    def search(self, text: str, limit: int = 20) -> dict:
        """Entities ``text`` names (:func:`kg.lookup.lookup`: any label in any script, a
        trailing particle, reference names and aliases), then those whose names contain it,
        and when nothing matches exactly, the closest names (:func:`kg.lookup.suggest`)."""
        from ..lookup import key_variants, lookup, suggest

        text = text.strip()
        exact = lookup(self, text) if text else []
        seen = set(exact)
        partial: list[tuple] = []
        for k in key_variants(text)[:1]:
            if len(k) < 2 and not any(ord(c) > 0x2e80 for c in k):
                continue
            for other in self.keys:
                if k in other and other != k:
                    for iri in self.by_key_map[other]:
                        if iri not in seen:
                            seen.add(iri)
                            partial.append((0 if other.startswith(k) else 1, len(other), iri))
        partial.sort(key=lambda t: (t[0], t[1], self.entries[t[2]].label()))
        results = [self._hit(iri, "exact") for iri in exact if iri in self.entries]
        results += [self._hit(iri, "prefix" if rank == 0 else "contains") for rank, _, iri in partial]
        suggestions = []
        if not exact and text:
            seen_s: set[str] = set()
            for label in suggest(self, text):
                for iri in sorted(self.by_key_map.get(name_key(label), ())):
                    if iri not in seen_s:
                        seen_s.add(iri)
                        suggestions.append(dict(self._hit(iri, "similar"), matched=label))
        return {"query": text, "results": results[:limit], "total": len(results), "did_you_mean": suggestions}

    def _hit(self, iri: str, match: str) -> dict:
        entry = self.entries[iri]
        return {"id": entity_id(iri), "iri": iri, "label": entry.label(), "types": entry.types,
                "names": names_by_language(entry.labels), "match": match}


def names_by_language(labels) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value, lang, preferred in sorted(labels, key=lambda l: (not l[2], l[0])):
        names = out.setdefault(lang or "-", [])
        if value not in names:
            names.append(value)
    return dict(sorted(out.items()))


_EVIDENCE = """SELECT ?s ?o ?p ?ev ?text ?start ?end ?conf ?art ?title ?date ?doc ?file ?ddate WHERE {
  ?ev kg:subject ?s ; kg:object ?o ; kg:predicate ?p ; kg:evidenceText ?text .
  OPTIONAL { ?ev kg:startOffset ?start } OPTIONAL { ?ev kg:endOffset ?end } OPTIONAL { ?ev kg:confidence ?conf }
  OPTIONAL { ?ev prov:wasDerivedFrom ?art .
    OPTIONAL { ?art dcterms:title ?title } OPTIONAL { ?art dcterms:date ?date }
    OPTIONAL { ?art kg:inDocument ?doc . OPTIONAL { ?doc kg:fileName ?file } OPTIONAL { ?doc dcterms:date ?ddate } } }
}"""
_MENTIONS = """SELECT ?x ?m ?ms ?me ?surface ?art WHERE {
  ?m kg:mentionOf ?x ; kg:surface ?surface ; kg:startOffset ?ms ; kg:endOffset ?me ; prov:wasDerivedFrom ?art }"""


class Explorer:
    """The explorer's reads over one open store (``store``: a pyoxigraph Store whose
    default graph is the union of the document graphs)."""

    def __init__(self, store, index: NameIndex):
        self.store = store
        self.index = index
        self._mentions: dict[str, list] = {}

    def _entry(self, iri: str) -> Entry:
        return self.index.entries.get(iri) or Entry(iri)

    def _node(self, iri: str) -> dict:
        entry = self._entry(iri)
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
        entry = self.index.entries.get(iri)
        if entry is None and not self._relations(iri):
            return None
        entry = entry or Entry(iri)
        evidence = self._evidence(iri)
        groups: dict[tuple[str, str], list] = {}
        for rel, s, o in self._relations(iri):
            direction = "out" if s == iri else "in"
            if rel == "partners_with":
                direction = "both"
            other = o if s == iri else s
            groups.setdefault((rel, direction), []).append((other, s, o))
        relations = []
        for (rel, direction), items in sorted(groups.items()):
            facts = []
            for other, s, o in sorted(items, key=lambda t: self._entry(t[0]).label())[:MAX_PARTNERS]:
                evs = sorted(evidence.get((s, rel, o), []), key=lambda e: (-(e["confidence"] or 0), e["document"] or "",
                                                                           e["start"] or 0))
                facts.append({"entity": self._node(other), "subject": entity_id(s), "object": entity_id(o),
                              "evidence": evs[:MAX_EVIDENCE], "evidence_count": len(evs)})
            relations.append({"relation": rel, "direction": direction, "count": len(items), "facts": facts})
        return {"id": entity_id(iri), "iri": iri, "label": entry.label(), "types": entry.types,
                "names": names_by_language(entry.labels), "relations": relations,
                "mentions": self._mention_count(iri)}

    def _mention_count(self, iri: str) -> int:
        ox = _ox()
        return sum(1 for _ in self.store.quads_for_pattern(None, ox.NamedNode(_KG + "mentionOf"), ox.NamedNode(iri),
                                                           ox.DefaultGraph()))

    def _evidence(self, iri: str) -> dict:
        ox = _ox()
        rel_by_pred = {str(p): r for p, r in RELATIONS.items()}
        found: dict[tuple, list] = {}
        for var in ("s", "o"):
            res = self.store.query(_EVIDENCE, prefixes=_PREFIXES, substitutions={ox.Variable(var): ox.NamedNode(iri)})
            names = [v.value for v in res.variables]
            for sol in res:
                row = dict(zip(names, sol))
                p = row["p"].value if row.get("p") is not None else ""
                if p not in rel_by_pred or row.get("s") is None or row.get("o") is None:
                    continue
                s, o = row["s"].value, row["o"].value
                key = (s, rel_by_pred[p], o)
                ev = {
                    "text": row["text"].value,
                    "start": _int(row.get("start")), "end": _int(row.get("end")),
                    "confidence": _float(row.get("conf")),
                    "article": row["art"].value if row.get("art") is not None else None,
                    "title": _value(row.get("title")), "date": _value(row.get("date")) or _value(row.get("ddate")),
                    "document": _value(row.get("file")) or (_value(row.get("doc")) or ""),
                }
                if any(e["text"] == ev["text"] and e["start"] == ev["start"] and e["article"] == ev["article"]
                       for e in found.get(key, ())):
                    continue
                ev["highlights"] = self._highlights(ev, s, o)
                found.setdefault(key, []).append(ev)
        return found

    def _mentions_of(self, iri: str) -> list:
        if iri not in self._mentions:
            ox = _ox()
            res = self.store.query(_MENTIONS, prefixes=_PREFIXES, substitutions={ox.Variable("x"): ox.NamedNode(iri)})
            names = [v.value for v in res.variables]
            rows = []
            for sol in res:
                r = dict(zip(names, sol))
                rows.append((_int(r.get("ms")), _int(r.get("me")), r["surface"].value, r["art"].value))
            self._mentions[iri] = rows
        return self._mentions[iri]

    def _highlights(self, ev: dict, s: str, o: str) -> list:
        """``[start, end, role]`` spans of the subject's and object's words in the evidence
        text: their mentions inside the evidence (by offset, checked against the text), or
        else their names found in the text."""
        text, spans = ev["text"], []
        for role, iri in (("subject", s), ("object", o)):
            found = []
            if ev["start"] is not None and ev["article"]:
                for ms, me, surface, art in self._mentions_of(iri):
                    if art != ev["article"] or ms is None or me is None:
                        continue
                    a, b = ms - ev["start"], me - ev["start"]
                    if 0 <= a < b <= len(text) and text[a:b] == surface:
                        found.append((a, b, role))
            if not found:
                names = {l[0] for l in self._entry(iri).labels}
                names |= {m[2] for m in self._mentions_of(iri)}
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
        rels = self._relations(iri)
        nodes = {iri: self._node(iri)}
        edges = []
        for rel, s, o in rels:
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


__all__ = ["Explorer", "NameIndex", "entity_id", "entity_iri", "entity_path", "store_signature"]
