"""Writing output files atomically: the whole new file or the old one, never a part.

Every file kg writes (graphs, views, exports) goes into a temporary file or folder next to
the output, named ``.<output name>.kgtmp-<pid>-<random>``, which replaces the output only
when it is complete (``os.replace``). A failed write (disk full, an exception, Ctrl-C)
removes it and leaves the old output as it was. A process killed outright cannot clean up:
the next kg run that writes the same output removes the temporaries whose process is gone,
so they never pile up.

Where an output can go is checked before the work that produces it
(:func:`check_output`): a folder named as the output, a parent that is a file, a folder
kg may not write to are one-line :class:`KgError` at once, not after a long build.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from .errors import KgError

log = logging.getLogger(__name__)

_TAG = ".kgtmp-"


def _prefix(output: Path) -> str:
    return f".{output.name}{_TAG}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale(output: str | Path) -> list[Path]:
    """Remove the temporaries of earlier writes of ``output`` whose process has ended
    (killed before it could clean up); returns what was removed."""
    output = Path(output)
    removed = []
    try:
        entries = list(output.parent.iterdir())
    except OSError:
        return removed
    prefix = _prefix(output)
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid_text = entry.name[len(prefix):].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            log.warning("could not remove the leftover temporary %s (%s)", entry, exc)
            continue
        log.info("removed %s, left by an interrupted kg run", entry)
        removed.append(entry)
    return removed


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return exc.strerror or str(exc)


def check_output(output: str | Path, what: str = "output") -> Path:
    """Fail now, in one line, when ``output`` cannot be written: it is a folder, its parent
    is a file, or kg may not create files in its folder. Creates missing parent folders."""
    output = Path(output)
    if output.is_dir():
        raise KgError(f"{output}: is a folder; give a file name for the {what}")
    parent = output.parent
    for p in (parent, *parent.parents):
        if p.exists():
            if not p.is_dir():
                raise KgError(f"{output}: cannot write the {what}: {p} is a file, not a folder")
            break
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{output}: cannot create its folder ({describe_os_error(exc)})") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise KgError(f"{output}: cannot write in {parent} (permission denied); choose another folder")
    if output.exists() and not os.access(output, os.W_OK) and not os.access(parent, os.W_OK):
        raise KgError(f"{output}: cannot replace it (permission denied)")
    remove_stale(output)
    return output


def _finish(tmp: Path, output: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # readable like any new file (mkstemp makes it private)
    os.replace(tmp, output)


class AtomicFile:
    """A binary file that replaces ``output`` when :meth:`commit` is called (or the ``with``
    block ends without an error), and vanishes otherwise. OS errors become one-line
    :class:`KgError` naming the output and saying that its previous version is kept."""

    def __init__(self, output: str | Path, what: str = "output"):
        self.output = check_output(output, what)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f"{_prefix(self.output)}{os.getpid()}-", dir=self.output.parent)
        except OSError as exc:
            raise self._error(exc) from None
        self.tmp = Path(tmp)
        self.fh: BinaryIO = os.fdopen(fd, "wb")
        self._done = False

    def _error(self, exc: OSError) -> KgError:
        kept = "its previous version is kept" if self.output.exists() else "nothing was written"
        return KgError(f"{self.output}: cannot write ({describe_os_error(exc)}); {kept}")

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from None

    def commit(self) -> Path:
        try:
            self.fh.close()
            _finish(self.tmp, self.output)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from None
        self._done = True
        return self.output

    def abort(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self.fh.close()
        except OSError:
            pass
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


class AtomicFolder:
    """A temporary folder next to ``output`` for writers that make several files (CSV node
    and edge tables): :meth:`commit` moves each finished file to its final name; the folder
    is removed in every case."""

    def __init__(self, output: str | Path, what: str = "output"):
        self.output = check_output(output, what)
        try:
            self.path = Path(tempfile.mkdtemp(prefix=f"{_prefix(self.output)}{os.getpid()}-",
                                              dir=self.output.parent))
        except OSError as exc:
            raise KgError(f"{self.output}: cannot write ({describe_os_error(exc)})") from None

    def commit(self, pairs: list[tuple[Path, Path]]) -> None:
        try:
            for done, final in pairs:
                _finish(done, final)
        except OSError as exc:
            raise KgError(f"{self.output}: cannot write ({describe_os_error(exc)})") from None

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> "AtomicFolder":
        return self

    def __exit__(self, *exc) -> None:
        self.cleanup()


__all__ = ["AtomicFile", "AtomicFolder", "check_output", "describe_os_error", "remove_stale"]
