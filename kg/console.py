"""The consoles the CLI prints through: rich consoles that escape control characters.

Whatever reaches the screen through them (tables of query results, messages naming files,
the build summary) has its text passed through :func:`kg.safe_text.terminal_text` segment
by segment, after rich has laid it out and before rich adds its own styles: text from a
document can never carry a terminal escape sequence, while kg's colours still work.
"""
from __future__ import annotations

import logging

from rich.console import Console
from rich.segment import Segment

from .safe_text import terminal_text


class SafeConsole(Console):
    def _render_buffer(self, buffer) -> str:  # rich's hook between layout and styling
        return super()._render_buffer(
            segment if segment.control else Segment(terminal_text(segment.text), segment.style, segment.control)
            for segment in buffer)


class SafeLogFilter(logging.Filter):
    """Makes a log record's message safe to print (file names and quoted text in it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's to report
            return True
        record.msg, record.args = terminal_text(message), None
        return True


def make_logging_safe() -> None:
    """Add :class:`SafeLogFilter` to every handler of the root logger (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, SafeLogFilter) for f in handler.filters):
            handler.addFilter(SafeLogFilter())


__all__ = ["SafeConsole", "SafeLogFilter", "make_logging_safe"]
