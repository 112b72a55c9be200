"""Kiwi analyses of the texts the pipeline will read next, made on a helper thread.

The pipeline reads a document article by article: Kiwi's analysis of an article (about half
of the pipeline's time) does not depend on what the components find in the articles before
it, except through names added to Kiwi's user dictionary. So while the components read one
article, a helper thread analyses the next ones (Kiwi runs without Python's lock, so on two
cores the two overlap), and :class:`~extraction.tokenizer.KiwiTokenizer` takes the finished
analysis instead of making it again.

The output is the one a sequential run gives: an analysis is used only when the text is the
one expected and Kiwi's dictionary has not changed since it was made (each change raises
:func:`extraction.analyzer.generation`; the helper analyses under the lock a change takes,
so the two never run at once); otherwise the tokenizer analyses the text itself. At most
``budget`` characters are analysed ahead, so memory stays bounded by a few articles.
"""
from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable

from . import analyzer

log = logging.getLogger(__name__)


@dataclass
class _Entry:
    """A text expected by the pipeline (``source[start:end]``) and, once submitted, its
    analysis: ``(dictionary generation, Kiwi tokens)`` when done."""

    source: str
    start: int
    end: int
    submitted: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    result: tuple[int, list] | None = None
    error: BaseException | None = None

    def matches(self, text: str) -> bool:
        return len(text) == self.end - self.start and self.source.startswith(text, self.start)


class AnalysisAhead:
    """A queue of expected texts, analysed in order by one helper thread."""

    def __init__(self) -> None:
        self._queue: deque[_Entry] = deque()  # expected, in the order the pipeline reads them
        self._todo: deque[_Entry] = deque()  # submitted to the helper, not yet analysed
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.budget = 0
        self.used = 0  # analyses taken
        self.redone = 0  # analyses dropped because the dictionary changed after them
        self.waited = 0.0  # seconds the pipeline waited for an analysis under way

    # ------------------------------------------------------------------ the pipeline's side

    def expect(self, source: str, spans: Iterable[tuple[int, int]], budget: int) -> None:
        """Queue ``source[s:e]`` for each span, in reading order; at most ``budget``
        characters are analysed ahead of the text being read."""
        if budget <= 0:
            return
        with self._cond:
            if self._closed:
                return
            self.budget = budget
            self._queue.extend(_Entry(source, s, e) for s, e in spans)
            self._submit()

    def expects(self, source: str) -> bool:
        """Whether texts of ``source`` are queued already."""
        with self._cond:
            return any(e.source is source for e in self._queue)

    def take(self, text: str) -> list | None:
        """The analysis of ``text`` if it was expected and is still valid, else None (the
        caller analyses it). Expected texts queued before it are dropped (their reader gave
        up on them)."""
        with self._cond:
            for i, entry in enumerate(self._queue):
                if entry.matches(text):
                    break
            else:
                return None
            for _ in range(i + 1):
                dropped = self._queue.popleft()
                if dropped is not entry and dropped.submitted and not dropped.done.is_set():
                    self._cancel(dropped)
            self._submit()  # the budget this text held goes to the texts after it
            if not entry.submitted:  # it was beyond the budget: the caller analyses it
                return None
        if not entry.done.is_set():
            t0 = time.perf_counter()
            entry.done.wait()
            self.waited += time.perf_counter() - t0
        if entry.error is not None or entry.result is None:
            return None
        gen, tokens = entry.result
        if gen != analyzer.generation():
            self.redone += 1
            return None
        self.used += 1
        return tokens

    def forget(self, source: str | None = None) -> None:
        """Forget the expected texts of ``source`` (all of them when None): their reader is
        done with it (analyses under way finish and are dropped)."""
        with self._cond:
            keep = deque()
            for entry in self._queue:
                if source is not None and entry.source is not source:
                    keep.append(entry)
                elif entry.submitted and not entry.done.is_set():
                    self._cancel(entry)
            self._queue = keep
            self._submit()

    def close(self) -> None:
        """Stop the helper thread (after the analysis it is making)."""
        with self._cond:
            self._closed = True
            self._queue.clear()
            self._todo.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # ------------------------------------------------------------------ internals (under _cond)

    def _pending_chars(self) -> int:
        return sum(e.end - e.start for e in self._queue if e.submitted)

    def _submit(self) -> None:
        ahead = self._pending_chars()
        for entry in self._queue:
            if entry.submitted:
                continue
            if ahead and ahead + entry.end - entry.start > self.budget:
                break
            entry.submitted = True
            ahead += entry.end - entry.start
            self._todo.append(entry)
        if self._todo:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="kg-analysis-ahead", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _cancel(self, entry: _Entry) -> None:
        try:
            self._todo.remove(entry)
            entry.done.set()
        except ValueError:
            pass  # being analysed: it finishes and nobody takes it

    # ------------------------------------------------------------------ the helper thread

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._todo and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                entry = self._todo.popleft()
            try:
                entry.result = analyzer.analyse_now(entry.source[entry.start:entry.end])
            except BaseException as exc:  # noqa: BLE001 - the tokenizer analyses it again and sees it
                entry.error = exc
                log.debug("analysis ahead failed", exc_info=True)
            entry.done.set()


_ahead: AnalysisAhead | None = None
_ahead_lock = threading.Lock()


def get_ahead() -> AnalysisAhead:
    """The process's helper (one, like the analyser it feeds)."""
    global _ahead
    if _ahead is None:
        with _ahead_lock:
            if _ahead is None:
                _ahead = AnalysisAhead()
                atexit.register(_ahead.close)
    return _ahead


__all__ = ["AnalysisAhead", "get_ahead"]
