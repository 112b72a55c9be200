"""kg reads no address and no file the user did not name.

A JSON-LD document can name its ``@context`` by reference (``"@context":
"https://schema.org/"``, a relative ``"ctx.jsonld"``, ``"@import"`` inside a context): rdflib
fetches it over the network or reads it from disk while parsing. :func:`check_jsonld` reads
the document's JSON first and refuses any context given by reference, unless the user allowed
it (``--allow-remote``). kg writes its JSON-LD with the context inline, so its own files pass.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .errors import KgError


def context_references(data) -> Iterator[str]:
    """Every context the JSON-LD value ``data`` names by reference instead of inline: string
    values of ``@context`` (alone or in a list), anywhere in the document (scoped contexts
    included), and ``@import`` entries of contexts."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str):
                            yield item
                elif key == "@import" and isinstance(value, str):
                    yield value
                if isinstance(value, (dict, list)):
                    stack.append(value)


def check_jsonld(path: str | Path, allow_remote: bool = False) -> None:
    """:class:`KgError` when the JSON-LD file ``path`` names a context by reference (which
    rdflib would fetch or read), unless ``allow_remote``; also for a file that is not JSON."""
    path = Path(path)
    if allow_remote:
        return
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KgError(f"{path}: not valid json-ld ({first}); rebuild it with `kg build`") from None
    for ref in context_references(data):
        raise KgError(f"{path}: its @context refers to {ref!r}, which kg would have to fetch or read; "
                      "kg reads only the files you name (put the context inline, or pass --allow-remote "
                      "to kg query)")


__all__ = ["check_jsonld", "context_references"]
