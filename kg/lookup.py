"""Forgiving name lookup: the one place where a name a user types becomes entities.

Presets (:mod:`kg.presets`), ``--focus`` (:mod:`kg.focus`), ``kg show`` (:mod:`kg.show`)
and the view's search (the keys handed to the page by :func:`search_keys`) all use it, so a
name that works in one place works everywhere. A name matches an entity when, after
:func:`~extraction.names.name_key` folding (case, width, spacing, punctuation, traditional →
simplified Chinese), it equals

1. any label of the entity, in any script (위수커지 = 宇树科技 = 宇樹科技 = Unitree);
2. the same with a Korean particle or copula taken off the end (샤오미는, 화웨이와, 바이두의);
3. a name or alias of the entity's reference entry (``kg:referenceId``; the reference data
   of :mod:`extraction.reference`): the graph keeps the names the text uses, the lookup
   also knows the others (Toyota finds the entity the text calls 도요타). An entity without a
   reference id is found through a reference entry one of its labels belongs to.

When nothing matches, :class:`NoSuchEntity` carries the closest names ("did you mean: …";
labels, and reference names of entities with a reference id),
ranked by similarity of the folded names, Hangul compared letter by letter (jamo), so one
wrong vowel or a dropped syllable still finds the name.

The API is small: a *name table* is anything with the three methods of :class:`Names`
(:class:`GraphNames` reads a graph source of :mod:`kg.query` — a graph file or a store —
through its indexes; :class:`NetworkNames` an in-memory network of
:func:`kg.exports.network.to_network`); :func:`lookup` returns the entities a name finds,
:func:`resolve` the same or raises :class:`NoSuchEntity`, :func:`suggest` the closest names.
"""
from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Protocol

from extraction.names import name_key

from .errors import KgError

log = logging.getLogger(__name__)

# particles and copulas that follow a name in Korean text, longest first
PARTICLES = ("으로부터", "로부터", "에서는", "에게서", "이라는", "라는", "에서", "에게", "으로", "까지",
             "부터", "처럼", "보다", "과의", "와의", "에는", "에도", "이다", "은", "는", "이", "가",
             "을", "를", "의", "와", "과", "에", "로", "도", "만", "랑")
SUGGESTIONS = 5
_MIN_SCORE = 0.65
_BEFORE_PARTICLE = re.compile(r"[가-힣a-z0-9\u3400-\u4dbf\u4e00-\u9fff]")


class Names(Protocol):
    """What :func:`lookup` needs from a graph: entities by name key, by reference id, and
    every (entity, name) pair for suggestions."""

    def by_key(self, key: str) -> set[str]: ...

    def by_reference(self, ref_id: str) -> set[str]: ...

    def all_names(self) -> Iterable[tuple[str, str]]: ...


class NoSuchEntity(KgError):
    """No entity has the name; ``suggestions`` are the closest names the graph has."""

    def __init__(self, name: str, suggestions: list[str], where: str = "graph"):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{where}: no entity named {name!r} (labels in any script, reference names "
                         f"and aliases are matched){hint}")


def key_variants(name: str) -> list[str]:
    """The name keys under which ``name`` is looked up: its key, then its key without a
    trailing Korean particle (BYD와, 샤오미는: only when a syllable, letter, digit or
    Chinese character is left before it)."""
    key = name_key(name)
    if not key:
        return []
    out = [key]
    for p in PARTICLES:
        if key.endswith(p) and len(key) > len(p) and _BEFORE_PARTICLE.match(key[-len(p) - 1]):
            out.append(key[: -len(p)])
    return list(dict.fromkeys(out))


def reference_ids(name: str) -> list[str]:
    """Ids of the reference entries that have ``name`` (or it without a particle) as a name
    or alias."""
    from extraction.reference import load_reference

    ref = load_reference()
    return list(dict.fromkeys(e.id for k in key_variants(name) for e in ref.by_key.get(k, [])))


def lookup(names: Names, name: str) -> list[str]:
    """The entities ``name`` finds (see the module doc), sorted; [] when none."""
    from extraction.reference import load_reference

    for key in key_variants(name):
        found = names.by_key(key)
        if found:
            return sorted(found)
    ref = load_reference()
    found: set[str] = set()
    for ref_id in reference_ids(name):
        found |= names.by_reference(ref_id)
        entry = ref.get(ref_id)
        for other in entry.names if entry else ():  # an entity without the id, named by an alias
            found |= names.by_key(name_key(other))
    return sorted(found)


def resolve(names: Names, name: str, where: str = "graph") -> list[str]:
    """:func:`lookup`, or :class:`NoSuchEntity` with the closest names when none matches."""
    found = lookup(names, name)
    if not found:
        raise NoSuchEntity(name, suggest(names, name), where)
    return found


@lru_cache(maxsize=65536)
def _letters(key: str) -> str:
    """A key with Hangul syllables split into their letters (샤오미 → ㅅㅑㅇㅗㅁㅣ)."""
    return unicodedata.normalize("NFD", key)


def similarity(query: str, name: str) -> float:
    """How close two names are, 0 to 1, on their folded letters; a name that contains the
    other (or is contained in it) scores at least 0.8."""
    a, b = name_key(query), name_key(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    score = difflib.SequenceMatcher(None, _letters(a), _letters(b), autojunk=False).ratio()
    if len(a) >= 2 and len(b) >= 2 and (a in b or b in a):
        score = max(score, 0.8 + 0.2 * min(len(a), len(b)) / max(len(a), len(b)) - 0.01)
    return score


def suggest(names: Names, name: str, n: int = SUGGESTIONS) -> list[str]:
    """The ``n`` names of the graph closest to ``name`` (at most one per entity), best first."""
    keys = key_variants(name)
    if not keys:
        return []
    target = _letters(keys[-1])
    best: dict[str, tuple[float, str]] = {}
    for entity, label in names.all_names():
        lk = name_key(label)
        if not lk:
            continue
        other = _letters(lk)
        matcher = difflib.SequenceMatcher(None, target, other, autojunk=False)
        if matcher.real_quick_ratio() < _MIN_SCORE - 0.2 and not (keys[-1] in lk or lk in keys[-1]):
            continue
        score = max(similarity(k, label) for k in keys)
        if score >= _MIN_SCORE and (entity not in best or score > best[entity][0]):
            best[entity] = (score, label)
    ranked = sorted(best.values(), key=lambda sl: (-sl[0], len(sl[1]), sl[1]))
    return list(dict.fromkeys(label for _, label in ranked))[:n]


# ---------------------------------------------------------------- name tables


# Oxigraph substitutes only variables the SELECT clause projects: the bound ones are projected
_BY_KEY = "SELECT DISTINCT ?key ?entity WHERE { ?entity kg:nameKey ?key }"
_HAS_KEYS = "ASK { ?entity kg:nameKey ?key }"
_BY_REF = "SELECT DISTINCT ?ref ?entity WHERE { ?entity kg:referenceId ?ref }"
_ALL_REFS = "SELECT DISTINCT ?entity ?ref WHERE { ?entity kg:referenceId ?ref }"
_ALL_NAMES = "SELECT DISTINCT ?entity ?label WHERE { ?entity skos:prefLabel|skos:altLabel ?label }"


class GraphNames:
    """The names of a graph source of :mod:`kg.query` (a graph file or a store): name keys
    and reference ids are looked up in the graph's indexes, labels read only for suggestions
    (or for a graph written before kg stored name keys)."""

    def __init__(self, source):
        self.source = source
        self._labels: list[tuple[str, str]] | None = None
        self._has_keys: bool | None = None

    def _select(self, sparql: str, bindings: dict) -> set[str]:
        result = self.source.select(sparql, bindings)
        col = result.variables.index("entity")
        return {str(row[col]) for row in result.terms}

    def by_key(self, key: str) -> set[str]:
        from rdflib import Literal

        if self._has_keys is None:
            self._has_keys = bool(self.source.select(_HAS_KEYS).terms[0][0])
        if not self._has_keys:
            return {e for e, label in self.all_names() if name_key(label) == key}
        return self._select(_BY_KEY, {"key": Literal(key)})

    def by_reference(self, ref_id: str) -> set[str]:
        from rdflib import Literal

        return self._select(_BY_REF, {"ref": Literal(ref_id)})

    def all_names(self) -> list[tuple[str, str]]:
        """Every label, and the reference names of entities with a reference id."""
        if self._labels is None:
            pairs = {(str(e), str(label)) for e, label in self.source.select(_ALL_NAMES).terms}
            for e, ref_id in self.source.select(_ALL_REFS).terms:
                pairs.update((str(e), n) for n in reference_names(str(ref_id)))
            self._labels = sorted(pairs)
        return self._labels


class NetworkNames:
    """The names of the nodes of a network made by :func:`kg.exports.network.to_network`
    (``label``, ``name_ko``, ``name_zh``, ``name_en`` and ``ref_id`` node attributes)."""

    def __init__(self, network):
        self._pairs: list[tuple[str, str]] = []
        self._keys: dict[str, set[str]] = {}
        self._refs: dict[str, set[str]] = {}
        for node, data in network.nodes(data=True):
            names = [data.get("label", "")]
            for field in ("name_ko", "name_zh", "name_en"):
                names.extend(str(data.get(field, "")).split("|"))
            for n in dict.fromkeys(x for x in names if x):
                self._pairs.append((node, n))
                self._keys.setdefault(name_key(n), set()).add(node)
            if data.get("ref_id"):
                self._refs.setdefault(str(data["ref_id"]), set()).add(node)
                self._pairs.extend((node, n) for n in reference_names(str(data["ref_id"])) if n not in names)
            self._keys.setdefault(name_key(str(node)), set()).add(node)

    def by_key(self, key: str) -> set[str]:
        return set(self._keys.get(key, ()))

    def by_reference(self, ref_id: str) -> set[str]:
        return set(self._refs.get(ref_id, ()))

    def all_names(self) -> list[tuple[str, str]]:
        return self._pairs


def reference_names(ref_id: str | None, labels: Iterable[str] = ()) -> list[str]:
    """The names and aliases the reference data gives the entity with ``ref_id`` (or, with
    no id, the entry one of ``labels`` belongs to when exactly one does)."""
    from extraction.reference import load_reference

    ref = load_reference()
    entry = ref.get(ref_id) if ref_id else None
    if entry is None and not ref_id:
        ids = {e.id for label in labels for e in ref.lookup(label)}
        entry = ref.get(ids.pop()) if len(ids) == 1 else None
    return list(entry.names) if entry else []


__all__ = ["GraphNames", "Names", "NetworkNames", "NoSuchEntity", "PARTICLES", "key_variants", "lookup",
           "reference_ids", "reference_names", "resolve", "similarity", "suggest"]
