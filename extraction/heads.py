"""Name heads: the endings that tell what kind of thing a name is (…그룹, …科技, …개발구).

Loaded from ``extraction/data/heads.tsv``. A head of type ``none`` marks names of events,
documents and policies (…포럼, …指南), which are no entity.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .names import script_of


@dataclass(frozen=True)
class Head:
    head: str
    type: str
    strong: bool


class Heads:
    def __init__(self, rows: list[tuple[str, str, str, str]]):
        self._by_script: dict[str, list[Head]] = {"ko": [], "zh": []}
        for script, head, typ, strength in rows:
            self._by_script.setdefault(script, []).append(Head(head, typ, strength == "strong"))
        for heads in self._by_script.values():
            heads.sort(key=lambda h: -len(h.head))
        # heads by their text, in the order above: match looks up the name's suffixes, longest
        # first, instead of testing every head (the same head as the scan finds first)
        self._by_suffix: dict[str, dict[str, list[Head]]] = {}
        self._longest: dict[str, int] = {}
        for script, heads in self._by_script.items():
            index: dict[str, list[Head]] = {}
            for h in heads:
                index.setdefault(h.head, []).append(h)
            self._by_suffix[script] = index
            self._longest[script] = max((len(h.head) for h in heads), default=0)

    def match(self, name: str, script: str | None = None, strong_only: bool = False) -> Head | None:
        """The longest head ``name`` ends with (the name must be longer than the head)."""
        name = name.strip()
        script = script or ("zh" if script_of(name) == "zh" else "ko")
        index = self._by_suffix.get(script)
        if not index:
            return None
        for n in range(min(self._longest[script], len(name) - 1), -1, -1):
            for h in index.get(name[len(name) - n:], ()):
                if strong_only and not h.strong:
                    continue
                return h
        return None

    def heads(self, script: str, type_: str, strong_only: bool = False) -> list[str]:
        return [h.head for h in self._by_script.get(script, ())
                if h.type == type_ and (h.strong or not strong_only)]


@lru_cache(maxsize=2)
def load_heads(path: str | None = None) -> Heads:
    p = Path(path) if path else Path(str(files("extraction") / "data" / "heads.tsv"))
    with open(p, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    assert header == ["script", "head", "type", "strength"], f"{p}: bad header {header}"
    return Heads([tuple(r) for r in reader])  # type: ignore[misc]
