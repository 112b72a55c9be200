"""Errors a user can cause. The CLI prints them as one line and exits non-zero."""
from extraction.errors import KgInputError


class KgError(Exception):
    """A problem with the user's input or request, with the fix in its message."""


__all__ = ["KgError", "KgInputError"]
