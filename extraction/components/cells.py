"""Cells of table rows flattened into lines, found in time linear in the row's length.

A row is a line whose cells are separated by " | " (what normalisation writes for a tab or
a wide gap) or by a tab. :func:`row_cells` splits a row into cell spans; :class:`CellIndex`
says which cell a position falls in by bisection over the sorted cell starts, so reading
the cells of every mention of a row costs O(m log c) instead of O(m × c) per lookup;
:class:`MergedRows` finds, for each row of a table, the nearest row above it with more
cells (the row whose leading cells are merged over it) with a monotonic stack, in
amortised constant time per row instead of a scan back over the whole table.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Sequence

CELL_SEP = re.compile(r" \| |\t")


def row_cells(text: str, unit: tuple[int, int]) -> list[tuple[int, int]]:
    """The cell spans of the row ``text[unit[0]:unit[1]]`` (separators excluded)."""
    s, e = unit
    cells, pos = [], s
    for m in CELL_SEP.finditer(text, s, e):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, e))
    return cells


class CellIndex:
    """Which cell of a row a character position falls in."""

    __slots__ = ("cells", "_starts")

    def __init__(self, cells: Sequence[tuple[int, int]]):
        self.cells = list(cells)
        self._starts = [a for a, _ in self.cells]   # strictly increasing

    def __len__(self) -> int:
        return len(self.cells)

    def cell_of(self, pos: int) -> int:
        """Index of the cell ``(a, b)`` with ``a <= pos < b``, or -1 (a separator, outside)."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.cells[k][1]:
            return k
        return -1


class MergedRows:
    """The rows of the table being read, kept as a stack of strictly decreasing cell counts.

    ``push(row, n)`` returns the nearest earlier row with more than ``n`` cells (or None)
    and adds the row. A row with no more cells than a later one can never again be the
    answer (the later row is nearer and has at least as many cells), so it is dropped.
    """

    __slots__ = ("_stack",)

    def __init__(self) -> None:
        self._stack: list[tuple[int, Any]] = []

    def push(self, row: Any, n: int) -> Any | None:
        stack = self._stack
        while stack and stack[-1][0] <= n:
            stack.pop()
        above = stack[-1][1] if stack else None
        stack.append((n, row))
        return above

    def __bool__(self) -> bool:
        return bool(self._stack)


__all__ = ["CELL_SEP", "CellIndex", "MergedRows", "row_cells"]
