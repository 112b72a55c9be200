"""kg's reference data: names of places, zones, organisations and technologies.

The data lives in TSV files under ``extraction/data/reference`` (format in the README
there), with Korean, Chinese (simplified and traditional) and English names and a stable
identifier per entry. This module loads them into :class:`Reference`, an index from name
keys (:func:`extraction.names.name_key`) to entries.
"""
from __future__ import annotations

import csv
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .errors import KgInputError
from .names import name_key

log = logging.getLogger(__name__)

TYPES = ("Company", "Investor", "City", "Park", "Technology", "Organization", "Region", "Product")
COLUMNS = ("id", "type", "ko", "ko_alt", "zh_hans", "zh_hant", "en", "en_alt",
           "within", "broader", "roles", "kind")


@dataclass(frozen=True)
class RefEntry:
    """One entry of the reference data."""

    id: str
    type: str
    ko: tuple[str, ...]
    zh: tuple[str, ...]
    en: tuple[str, ...]
    within: str | None
    broader: tuple[str, ...]
    roles: tuple[str, ...]
    kind: str | None
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return self.ko + self.zh + self.en

    @property
    def label(self) -> str:
        return (self.ko or self.zh or self.en or (self.id,))[0]


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _dedupe(values) -> tuple[str, ...]:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return tuple(out)


def read_reference_file(path: Path) -> list[RefEntry]:
    """Parse one reference TSV; a malformed row raises :class:`KgInputError`."""
    entries = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return []
        if tuple(header) != COLUMNS:
            raise KgInputError(
                path, f"header must be {' '.join(COLUMNS)} (tab-separated), found {' '.join(header)}",
                "fix the header row (see the README in the reference folder)")
        for n, row in enumerate(reader, start=2):
            if len(row) != len(COLUMNS):
                raise KgInputError(path, f"row {n} has {len(row)} cells, expected {len(COLUMNS)}",
                                  "separate cells with exactly one tab")
            r = dict(zip(COLUMNS, row))
            if r["type"] not in TYPES:
                raise KgInputError(path, f"row {n}: unknown type {r['type']!r}",
                                  f"use one of {', '.join(TYPES)}")
            ko = _split(r["ko"]) + _split(r["ko_alt"])
            if r["type"] == "City":
                # the 시 form: 선전 → 선전시; 우시 → 우시시 (a name that itself ends in 시)
                ko = ko + tuple(k + "시" for i, k in enumerate(ko) if " " not in k and not k.endswith("구")
                                and (not k.endswith("시") or i == 0))
            entries.append(RefEntry(
                id=r["id"], type=r["type"], ko=_dedupe(ko),
                zh=_dedupe(_split(r["zh_hans"]) + _split(r["zh_hant"])),
                en=_dedupe(_split(r["en"]) + _split(r["en_alt"])),
                within=r["within"] or None, broader=_split(r["broader"]),
                roles=_split(r["roles"]), kind=r["kind"] or None, source=path.name,
            ))
    return entries


class Reference:
    """All reference entries, indexed by id and by name key."""

    def __init__(self, entries: list[RefEntry]):
        self.by_id: dict[str, RefEntry] = {}
        for e in entries:
            if e.id in self.by_id:
                raise KgInputError(e.source, f"id {e.id!r} is also used in {self.by_id[e.id].source}",
                                  "give every entry its own id")
            self.by_id[e.id] = e
        self.by_key: dict[str, list[RefEntry]] = defaultdict(list)
        for e in entries:
            for name in e.names:
                k = name_key(name)
                if k and e not in self.by_key[k]:
                    self.by_key[k].append(e)

    def __len__(self) -> int:
        return len(self.by_id)

    def lookup(self, name: str) -> list[RefEntry]:
        return self.by_key.get(name_key(name), [])

    def get(self, ref_id: str) -> RefEntry | None:
        return self.by_id.get(ref_id)

    def names(self):
        """Every (name, entry) pair, for building matchers."""
        for e in self.by_id.values():
            for n in e.names:
                yield n, e


def reference_dir() -> Path:
    return Path(str(files("extraction") / "data" / "reference"))


@lru_cache(maxsize=4)
def load_reference(folder: str | None = None) -> Reference:
    """Load every ``*.tsv`` of ``folder`` (default: the shipped reference data)."""
    path = Path(folder) if folder else reference_dir()
    entries: list[RefEntry] = []
    for f in sorted(path.glob("*.tsv")):
        entries.extend(read_reference_file(f))
    ref = Reference(entries)
    log.info("loaded %d reference entries from %s", len(ref), path)
    return ref
