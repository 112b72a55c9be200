"""Running a query where it can be stopped: in a child process.

rdflib evaluates SPARQL in Python and Oxigraph in Rust; neither can be interrupted reliably
from inside (a query in Oxigraph does not return to Python until it is done, and a cartesian
product in either grows memory without bound). ``kg query`` therefore runs the query in a
child Python process (``python -m kg.query_process``) that the command supervises and kills:

* at the timeout (counted from when the graph is loaded and the query starts),
* when the child's resident memory passes a cap (half of the machine's memory by default),
* on Ctrl-C or when the command itself is killed (the child dies with its parent).

The child streams solutions back as JSON lines on a pipe of its own, a batch at a time, and
reads no more than the row limit (plus one, to know that there were more): memory stays
bounded by the limit, and csv, tsv and json output is written while the query runs.

The child makes no network connection unless ``allow_remote`` (an audit hook refuses
sockets, behind the checks of :mod:`kg.sparql_check` and :mod:`kg.offline`).

Overhead (best of 8 on a loaded 2-core machine): about 0.15 s on a graph file (the command
itself no longer imports rdflib, the child does) and 0.45 s on a store (the child imports
rdflib's SPARQL parser for :mod:`kg.sparql_check`, which a store query did not need before).
"""
from __future__ import annotations

import json
import logging
import os
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .errors import KgError

log = logging.getLogger(__name__)

BATCH_ROWS = 256
BATCH_SECONDS = 0.2
POLL_SECONDS = 0.1

# A term on the wire: None (unbound) or (kind, value, language, datatype), kind one of
# "uri", "bnode", "literal"
Term = tuple


@dataclass(frozen=True)
class QueryRequest:
    """What the child runs: an ad-hoc query (``sparql``) or a preset with its parameters,
    over a graph file or a store."""
    graph: str | None = None
    store: str | None = None
    sparql: str | None = None
    preset: str | None = None
    params: dict = field(default_factory=dict)
    limit: int | None = None  # rows; None = all
    allow_remote: bool = False
    log_level: int = logging.WARNING
    min_confidence: float = 0.0  # presets: only relations and evidences of at least this confidence


@dataclass(frozen=True)
class QueryOutcome:
    variables: tuple[str, ...]
    rows: int
    truncated: bool
    ask: bool | None = None  # the answer of an ASK query
    seconds: float = 0.0  # from the start of the query (after loading) to its end


class QueryStopped(KgError):
    """The query was stopped by a limit (time or memory)."""


# --------------------------------------------------------------------------- terms


def encode_term(term) -> Term | None:
    """An rdflib term (or a plain value) in the wire form."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    if isinstance(term, BNode):
        return ("bnode", str(term), None, None)
    if isinstance(term, Literal):
        if term.language:
            return ("literal", str(term), term.language, None)
        return ("literal", str(term), None, str(term.datatype) if term.datatype else None)
    if isinstance(term, bool):
        return ("literal", str(term).lower(), None, "http://www.w3.org/2001/XMLSchema#boolean")
    return ("literal", str(term), None, None)


# --------------------------------------------------------------------------- parent side


def memory_cap() -> int | None:
    """Bytes of resident memory the query child may use: half of the machine's memory
    (``KG_QUERY_MAX_MEMORY_MB`` overrides it); None where it cannot be measured."""
    env = os.environ.get("KG_QUERY_MAX_MEMORY_MB")
    if env:
        try:
            return int(float(env) * 1024 * 1024)
        except ValueError:
            pass
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 // 2
    except OSError:
        return None
    return None


def process_rss(pid: int) -> int | None:
    """Resident memory of process ``pid`` in bytes (Linux ``/proc``), None when unknown."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _child_env() -> dict:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONSTARTUP", None)
    return env


def run_in_child(request: QueryRequest, on_head: Callable[[Sequence[str]], None],
                 on_rows: Callable[[list], None], timeout: float | None = None,
                 max_memory: int | None = None) -> QueryOutcome:
    """Run ``request`` in a child process: ``on_head(variables)`` once, then
    ``on_rows(rows)`` for each batch of wire-form rows as they arrive. Raises
    :class:`QueryStopped` at the ``timeout`` (seconds after the query starts; None or 0 for
    none) or when the child uses more than ``max_memory`` bytes, :class:`KgError` for what
    the child reports; on KeyboardInterrupt the child is killed first."""
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg.query_process", str(write_fd)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=None,
            pass_fds=(write_fd,), env=_child_env(), close_fds=True)
    except OSError as exc:
        os.close(read_fd)
        os.close(write_fd)
        raise KgError(f"cannot start the query process ({exc.strerror or exc})") from None
    os.close(write_fd)
    try:
        return _supervise(proc, read_fd, request, on_head, on_rows, timeout or None, max_memory)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(read_fd)
        if proc.stdin is not None and not proc.stdin.closed:
            try:
                proc.stdin.close()
            except OSError:
                pass


def _supervise(proc, read_fd, request, on_head, on_rows, timeout, max_memory) -> QueryOutcome:
    payload = json.dumps(request.__dict__, ensure_ascii=False).encode("utf-8")
    try:
        proc.stdin.write(payload)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    sel = selectors.DefaultSelector()
    sel.register(read_fd, selectors.EVENT_READ)
    buffer = b""
    deadline = None
    started = None
    variables: tuple[str, ...] = ()
    count = 0
    try:
        while True:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                proc.kill()
                raise QueryStopped(f"query stopped after {timeout:g} s (--timeout); give it more time "
                                   "with --timeout SECONDS (0 for no limit)")
            if max_memory:
                rss = process_rss(proc.pid)
                if rss is not None and rss > max_memory:
                    proc.kill()
                    raise QueryStopped(f"query stopped: it used more than {max_memory / 2**30:.1f} GB of "
                                       "memory; narrow it down (a LIMIT, fewer unbound variables)")
            wait = POLL_SECONDS if deadline is None else max(0.0, min(POLL_SECONDS, deadline - now))
            if not sel.select(wait):
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if not line:
                    continue
                msg = json.loads(line)
                kind = msg.get("type")
                if kind == "ready":
                    started = time.monotonic()
                    deadline = started + timeout if timeout else None
                elif kind == "head":
                    variables = tuple(msg["vars"])
                    on_head(variables)
                elif kind == "rows":
                    count += len(msg["rows"])
                    on_rows([tuple(tuple(t) if t is not None else None for t in row) for row in msg["rows"]])
                elif kind == "ask":
                    return QueryOutcome(("ask",), 1, False, bool(msg["answer"]), _since(started))
                elif kind == "end":
                    return QueryOutcome(variables, count, bool(msg["truncated"]), None, _since(started))
                elif kind == "error":
                    raise KgError(msg["message"])
    finally:
        sel.close()
    code = proc.wait()
    raise KgError(f"the query process ended unexpectedly (exit status {code})")


def _since(started: float | None) -> float:
    return time.monotonic() - started if started is not None else 0.0


# --------------------------------------------------------------------------- child side


def _refuse_network(event: str, args) -> None:
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "urllib.Request"):
        raise PermissionError(f"kg query makes no network access ({event} refused; --allow-remote allows it)")


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Sender:
    def __init__(self, fd: int):
        self.fh = os.fdopen(fd, "wb", buffering=1 << 16)

    def send(self, kind: str, **data) -> None:
        data["type"] = kind
        self.fh.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
        self.fh.flush()


def _child(fd: int) -> int:
    import signal

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; no traceback on Ctrl-C
    os.dup2(2, 1)  # stray prints go to stderr, never into the pipe
    sender = _Sender(fd)
    try:
        raw = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        request = QueryRequest(**raw)
        from .safe_text import SafeFormatter

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
        logging.basicConfig(level=request.log_level, handlers=[handler])
        if not request.allow_remote:
            hook = _refuse_network
            if (request.store or "").lower().startswith(("http://", "https://")):
                from .remote_store import network_guard

                hook = network_guard(request.store, _refuse_network)  # the remote store, nothing else
            sys.addaudithook(hook)
        _answer(request, sender)
    except KgError as exc:
        sender.send("error", message=str(exc))
    except BrokenPipeError:
        return 0
    except MemoryError:
        sender.send("error", message="query stopped: out of memory; narrow it down (a LIMIT, fewer unbound variables)")
    except Exception as exc:  # never a traceback on the user's screen; the reason in one line
        log.debug("query process failed", exc_info=True)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        sender.send("error", message=f"the query failed: {type(exc).__name__}: {first}")
    try:
        sender.fh.close()
    except BrokenPipeError:
        pass
    return 0


def _answer(request: QueryRequest, sender: _Sender) -> None:
    from .query import open_graph, stream_query

    if request.preset is not None:
        from .presets import check_preset, run_preset

        check_preset(request.preset, request.params)  # before reading the graph
    with open_graph(graph=request.graph, store=request.store, allow_remote=request.allow_remote) as source:
        sender.send("ready")
        if request.preset is not None:
            result = run_preset(source, request.preset, request.params, request.min_confidence)
            variables, rows = result.variables, iter(result.terms)
        else:
            solutions = stream_query(source, request.sparql, allow_remote=request.allow_remote)
            variables, rows = solutions.variables, solutions.rows
            if variables == ("ask",):
                sender.send("ask", answer=bool(next(rows)[0]))
                return
        sender.send("head", vars=list(variables))
        batch: list = []
        sent = 0
        last = time.monotonic()
        truncated = False
        for row in rows:
            if request.limit is not None and sent + len(batch) >= request.limit:
                truncated = True
                break
            batch.append([encode_term(t) for t in row])
            if len(batch) >= BATCH_ROWS or time.monotonic() - last >= BATCH_SECONDS:
                sender.send("rows", rows=batch)
                sent += len(batch)
                batch = []
                last = time.monotonic()
        if batch:
            sender.send("rows", rows=batch)
        sender.send("end", truncated=truncated)


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1])))
