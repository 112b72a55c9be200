"""A pool of query workers (:mod:`kg.server.worker`) that the server hands requests to.

Each worker is a child process answering one request at a time; the pool keeps the idle
ones in a queue. A request takes an idle worker (waiting for one at most ``queue_wait``
seconds, else "busy"), sends its task and waits for the answer until the timeout. A worker
that runs past the timeout, or whose resident memory passes its cap, is killed on the spot
(SIGKILL: the query stops, whatever it was doing) and a new one is started in the
background. So a runaway query costs its own client a timeout and occupies one worker for
at most the timeout, while the other workers keep answering.
"""
from __future__ import annotations

import json
import logging
import os
import queue
import selectors
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..query_process import process_rss

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    headers: dict
    body: bytes


class Stopped(Exception):
    """A request was stopped or could not start; ``status`` and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message




class _Process:
    def __init__(self, config: dict):
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.server.worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=None, env=env, close_fds=True)
        self.proc.stdin.write(json.dumps(config).encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        self.fd = self.proc.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.buffer = b""
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.fd, selectors.EVENT_READ)

    def _fill(self, deadline: float | None, max_memory: int | None) -> None:
        """Read what is there, waiting until ``deadline``; Stopped at the deadline, when
        the process exceeds its memory, or when it died."""
        while True:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                raise Stopped(503, "timeout")
            if max_memory:
                rss = process_rss(self.proc.pid)
                if rss is not None and rss > max_memory:
                    raise Stopped(503, "memory")
            wait = POLL_SECONDS if deadline is None else max(0.0, min(POLL_SECONDS, deadline - now))
            if self.sel.select(wait):
                try:
                    chunk = os.read(self.fd, 1 << 20)
                except BlockingIOError:
                    continue
                if not chunk:
                    raise Stopped(500, "died")
                self.buffer += chunk
                return

    def read_line(self, deadline, max_memory) -> bytes:
        while b"\n" not in self.buffer:
            self._fill(deadline, max_memory)
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def read_bytes(self, n: int, deadline, max_memory) -> bytes:
        while len(self.buffer) < n:
            self._fill(deadline, max_memory)
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.sel.close()
        for fh in (self.proc.stdin, self.proc.stdout):
            try:
                fh.close()
            except OSError:
                pass


class WorkerPool:
    """``size`` workers over the store folder ``store``."""

    def __init__(self, store: str | Path, size: int = 4, timeout: float = 10.0, row_limit: int = 10000,
                 max_memory: int | None = None, queue_wait: float | None = None, start_timeout: float = 60.0):
        self.size = size
        self.timeout = timeout
        self.max_memory = max_memory
        self.queue_wait = timeout if queue_wait is None else queue_wait
        self.config = {"store": str(store), "row_limit": row_limit, "lock_wait": max(1.0, timeout),
                       "log_level": logging.getLogger("kg").getEffectiveLevel()}
        self.start_timeout = start_timeout
        self._idle: queue.Queue = queue.LifoQueue()  # the last used worker first: its caches are warm
        self._all: set = set()
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        # Workers die with the thread that started them (PR_SET_PDEATHSIG is per thread), so
        # one long-lived thread starts them all
        self._spawn_requests: queue.Queue = queue.Queue()
        threading.Thread(target=self._spawner, name="kg-worker-spawner", daemon=True).start()
        started = [self._start() for _ in range(size)]
        for proc in started:
            self._await_ready(proc)

    def _spawner(self) -> None:
        while True:
            reply = self._spawn_requests.get()
            if reply is None:
                return
            try:
                reply.put(_Process(self.config))
            except Exception as exc:  # handed to the caller
                reply.put(exc)

    def _start(self) -> _Process:
        reply: queue.Queue = queue.Queue()
        self._spawn_requests.put(reply)
        proc = reply.get(timeout=self.start_timeout)
        if isinstance(proc, Exception):
            raise proc
        with self._lock:
            self._all.add(proc)
        return proc

    def _await_ready(self, proc: _Process) -> None:
        try:
            line = proc.read_line(time.monotonic() + self.start_timeout, None)
            if json.loads(line).get("ready"):
                self._idle.put(proc)
                return
        except (Stopped, ValueError):
            pass
        self._discard(proc)
        raise RuntimeError("a query worker did not start")

    def _discard(self, proc: _Process) -> None:
        proc.kill()
        with self._lock:
            self._all.discard(proc)

    def _replace(self, proc: _Process) -> None:
        self._discard(proc)
        if self._closed:
            return
        self.restarts += 1

        def start():
            try:
                new = self._start()
                self._await_ready(new)
            except Exception:  # logged; the pool stays one worker short
                if not self._closed:
                    log.exception("could not start a replacement query worker")
                return
            if self._closed:
                self._discard(new)
        threading.Thread(target=start, name="kg-worker-start", daemon=True).start()

    def run(self, task: dict, timeout: float | None = None) -> Answer:
        """The worker's answer to ``task``; :class:`Stopped` when no worker was free in
        time (503), when the request ran past the timeout (503) or the memory cap (503)."""
        timeout = self.timeout if timeout is None else timeout
        try:
            proc = self._idle.get(timeout=self.queue_wait or None)
        except queue.Empty:
            raise Stopped(503, f"the server is busy (all {self.size} query workers stayed busy for "
                               f"{self.queue_wait:g} s); try again") from None
        deadline = time.monotonic() + timeout if timeout else None
        try:
            proc.proc.stdin.write(json.dumps(task, ensure_ascii=False).encode("utf-8") + b"\n")
            proc.proc.stdin.flush()
            head = json.loads(proc.read_line(deadline, self.max_memory))
            body = proc.read_bytes(int(head["length"]), deadline, self.max_memory)
        except Stopped as exc:
            self._replace(proc)
            if exc.message == "timeout":
                raise Stopped(503, f"query stopped after {timeout:g} s (the server's --timeout); narrow it "
                                   "down (a LIMIT, fewer unbound variables)") from None
            if exc.message == "memory":
                raise Stopped(503, f"query stopped: it used more than {self.max_memory / 2**20:.0f} MB "
                                   "(the server's --max-memory); narrow it down") from None
            raise Stopped(500, "the query worker ended unexpectedly") from None
        except (OSError, ValueError, KeyError):
            self._replace(proc)
            raise Stopped(500, "the query worker ended unexpectedly") from None
        self._idle.put(proc)
        return Answer(int(head["status"]), head["type"], dict(head.get("headers") or {}), body)

    def close(self) -> None:
        self._closed = True
        self._spawn_requests.put(None)
        with self._lock:
            procs = list(self._all)
            self._all.clear()
        for proc in procs:
            proc.kill()


__all__ = ["Answer", "Stopped", "WorkerPool"]
