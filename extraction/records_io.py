"""Extraction records to JSON and back, so that what a document yielded can be kept
(a store keeps it beside each document's graph, to resolve later documents against it).

The codec is generic over the frozen dataclasses of :mod:`extraction.records` and
:mod:`extraction.extract`: fields are read from the classes' type hints, tuples come back
as tuples, and a field added later with a default reads older records. ``FORMAT`` changes
when a change is not compatible; :func:`load_extraction` then refuses the record.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from .extract import DocumentExtraction

FORMAT = 1


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(hint: Any, data: Any) -> Any:
    """``data`` (parsed JSON) as a value of type ``hint``."""
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return from_jsonable(options[0], data)
        for option in options:  # the first that fits
            if isinstance(data, dict) and dataclasses.is_dataclass(option):
                return from_jsonable(option, data)
            if isinstance(data, list) and typing.get_origin(option) in (tuple, list):
                return from_jsonable(option, data)
            if option in (str, int, float, bool) and isinstance(data, option):
                return data
        return data
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in data)
        return tuple(from_jsonable(a, v) for a, v in zip(args, data))
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        return [from_jsonable(arg, v) for v in data]
    if origin is dict:
        _, arg = typing.get_args(hint) or (Any, Any)
        return {k: from_jsonable(arg, v) for k, v in data.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        kwargs = {}
        for f in dataclasses.fields(hint):
            if f.name in data:
                kwargs[f.name] = from_jsonable(hints[f.name], data[f.name])
        return hint(**kwargs)
    if hint is float and isinstance(data, int):
        return float(data)
    return data


def dump_extraction(ex: DocumentExtraction) -> dict:
    """A slim extraction (no document text) as a JSON-ready dict."""
    return {"format": FORMAT, "extraction": to_jsonable(ex.slim())}


def load_extraction(data: dict) -> DocumentExtraction:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"extraction record format {data.get('format') if isinstance(data, dict) else '?'} "
                         f"is not {FORMAT}")
    return from_jsonable(DocumentExtraction, data["extraction"])


def write_extraction(ex: DocumentExtraction, path: str | Path) -> None:
    """Write a record (gzip-compressed JSON) to ``path`` (the caller makes it atomic)."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as fh:
        json.dump(dump_extraction(ex), fh, ensure_ascii=False, separators=(",", ":"))


def read_extraction(path: str | Path) -> DocumentExtraction:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return load_extraction(json.load(fh))


__all__ = ["FORMAT", "dump_extraction", "from_jsonable", "load_extraction", "read_extraction", "to_jsonable",
           "write_extraction"]
