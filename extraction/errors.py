"""Errors caused by the input files: each names the file, what is wrong and how to fix it."""
from __future__ import annotations

from pathlib import Path


class KgInputError(Exception):
    """A problem with an input file or folder that the user can fix.

    ``path`` is the offending path; ``problem`` says what is wrong and ``fix`` how to
    fix it. ``str(error)`` is one line: ``"<path>: <problem>; <fix>"``.
    """

    def __init__(self, path: str | Path, problem: str, fix: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        message = f"{self.path}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)

    def __reduce__(self):  # keep pickling (multiprocessing) working with the 3-arg init
        return (type(self), (self.path, self.problem, self.fix))


class ReadError(KgInputError):
    """The file exists but its text cannot be read (encoding, encrypted or scanned PDF…)."""


class UnsupportedFormat(KgInputError):
    """The file's type is not one kg reads (.txt, .md, .markdown, .pdf, .html, .htm)."""


__all__ = ["KgInputError", "ReadError", "UnsupportedFormat"]
