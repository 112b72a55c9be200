"""Query results as csv, tsv or SPARQL 1.1 results JSON, written while they arrive.

Rows are sequences of wire-form terms (:func:`kg.query_process.encode_term`: ``None`` or
``(kind, value, language, datatype)``). Every value passes through :mod:`kg.safe_text`:

* csv: RFC 4180 quoting (fields with commas, quotes or line breaks are quoted), control
  characters other than tab and newline shown as ``\\uXXXX``;
* tsv: the header and the values as text, with the escapes of SPARQL 1.1 TSV for tab,
  newline, carriage return and backslash (so one line is one row), other controls as
  ``\\uXXXX``;
* json: the SPARQL 1.1 results JSON format (``{"head": {"vars": …}, "results":
  {"bindings": […]}}``, ``{"head": {}, "boolean": …}`` for ASK), one binding per line; all
  control characters escaped, so a JSON reader gets the exact values back.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Sequence

from .safe_text import csv_field, json_safe, tsv_field

FORMATS = ("table", "csv", "tsv", "json")


def json_term(term) -> dict | None:
    if term is None:
        return None
    kind, value, lang, datatype = term
    d = {"type": kind, "value": value}
    if lang:
        d["xml:lang"] = lang
    elif datatype:
        d["datatype"] = datatype
    return d


class ResultWriter:
    """Writes one result in ``fmt`` (csv, tsv or json) through ``emit(text)``:
    :meth:`head`, then :meth:`rows` any number of times, then :meth:`end`; or :meth:`ask`."""

    def __init__(self, fmt: str, emit: Callable[[str], None]):
        if fmt not in ("csv", "tsv", "json"):
            raise ValueError(f"not a streaming format: {fmt}")
        self.fmt = fmt
        self.emit = emit
        self.variables: tuple[str, ...] = ()
        self._first = True

    def head(self, variables: Sequence[str]) -> None:
        self.variables = tuple(variables)
        if self.fmt == "json":
            self.emit(json_safe(json.dumps({"vars": list(self.variables)}, ensure_ascii=False)).join(
                ['{"head": ', ',\n "results": {"bindings": [']))
        else:
            self._lines([list(self.variables)])

    def rows(self, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        if self.fmt == "json":
            parts = []
            for row in rows:
                b = {v: json_term(t) for v, t in zip(self.variables, row) if t is not None}
                parts.append(("\n  " if self._first else ",\n  ") + json.dumps(b, ensure_ascii=False))
                self._first = False
            self.emit(json_safe("".join(parts)))
        else:
            self._lines([["" if t is None else t[1] for t in row] for row in rows])

    def end(self) -> None:
        if self.fmt == "json":
            self.emit("\n ]}}\n")

    def ask(self, answer: bool) -> None:
        if self.fmt == "json":
            self.emit(json.dumps({"head": {}, "boolean": bool(answer)}) + "\n")
        else:
            self._lines([["ask"], [str(bool(answer)).lower()]])

    def _lines(self, rows: list[list[str]]) -> None:
        buf = io.StringIO()
        if self.fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerows([[csv_field(v) for v in row] for row in rows])
        else:
            for row in rows:
                buf.write("\t".join(tsv_field(v) for v in row) + "\n")
        self.emit(buf.getvalue())


def render(fmt: str, variables: Sequence[str], rows: Sequence[Sequence], ask: bool | None = None) -> str:
    """A whole result as one string (see :class:`ResultWriter`)."""
    parts: list[str] = []
    w = ResultWriter(fmt, parts.append)
    if ask is not None:
        w.ask(ask)
    else:
        w.head(variables)
        w.rows(rows)
        w.end()
    return "".join(parts)


__all__ = ["FORMATS", "ResultWriter", "json_term", "render"]
