"""Text that is safe to print: no terminal control sequences, no bidirectional overrides.

Document text keeps what the source held, control characters included (a form feed from a
PDF, an escape sequence pasted into a web page). Printed as it is, ``ESC ] 52 ;`` rewrites
the user's clipboard, ``ESC [ 2 J`` clears the screen, a carriage return or a right-to-left
override (U+202E) makes a line read differently from its bytes. Everything kg prints goes
through one of these functions, each for one kind of output:

* :func:`terminal_text` — tables, messages, log lines: every control character except tab
  and newline, and every bidirectional override or isolate, is shown as a visible escape
  (``\\u001b``), so an escape sequence loses its leading ESC and prints as plain text.
* :func:`tsv_field` — SPARQL 1.1 TSV escapes for tab, newline, carriage return and
  backslash (``\\t`` ``\\n`` ``\\r`` ``\\\\``), the other controls as ``\\uXXXX``.
* :func:`csv_field` — as :func:`terminal_text`; tabs and newlines stay (the csv module
  quotes fields that hold them).
* :func:`json_safe` — for text already encoded as JSON with ``ensure_ascii=False``: the
  characters JSON does not escape itself (DEL, C1 controls, bidi overrides) become ``\\uXXXX``
  escapes, so a JSON reader gets exactly the original string back.
"""
from __future__ import annotations

import logging
import re

# C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069); tab and newline are handled per format
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_TSV_RE = re.compile(f"[{_UNSAFE}\t\n\\\\]")
_JSON_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # JSON escapes C0 itself
_TSV_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}


def _uchar(ch: str) -> str:
    return f"\\u{ord(ch):04x}"


def _uchar_match(m: re.Match) -> str:
    return _uchar(m.group())


def has_unsafe(text: str) -> bool:
    """Does ``text`` hold a character that :func:`terminal_text` would escape?"""
    return _UNSAFE_RE.search(text) is not None


def terminal_text(text: str) -> str:
    """``text`` with control characters (but tab and newline) and bidi overrides escaped."""
    return _UNSAFE_RE.sub(_uchar_match, text)


def one_line(text: str) -> str:
    """:func:`terminal_text` for a one-line message: newlines and tabs escaped too."""
    return terminal_text(text).replace("\n", "\\n").replace("\t", "\\t")


def csv_field(text: str) -> str:
    """A CSV field's text: as :func:`terminal_text` (the csv module quotes the rest)."""
    return terminal_text(text)


def tsv_field(text: str) -> str:
    """A TSV field's text with the escapes of SPARQL 1.1 TSV (``\\t`` ``\\n`` ``\\r``
    ``\\\\``; other control characters as ``\\uXXXX``)."""
    return _TSV_RE.sub(lambda m: _TSV_NAMED.get(m.group()) or _uchar(m.group()), text)


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 controls and
    bidi overrides escaped as ``\\uXXXX``: the same JSON value, nothing raw for a terminal.
    (Those characters can only occur inside JSON strings, where the escape is valid.)"""
    return _JSON_RE.sub(_uchar_match, encoded)


class SafeFormatter(logging.Formatter):
    """Log lines through :func:`terminal_text` (messages name files and quote text)."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_text(super().format(record))


__all__ = ["SafeFormatter", "csv_field", "has_unsafe", "json_safe", "one_line", "terminal_text", "tsv_field"]
