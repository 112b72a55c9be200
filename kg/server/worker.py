"""A query worker: a child process that answers the server's requests one at a time.

The server (:mod:`kg.server.pool`) keeps a few of these and kills one whose request runs
past the timeout or past its memory cap, then starts another: pyoxigraph cannot stop a
query from inside, a process can always be stopped from outside.

The worker opens the store read-only (a shared lock, :mod:`kg.store`) when a request
comes, and keeps it open for the requests that follow closely: it closes it when no
request has come for :data:`LINGER` seconds, and reopens it for a request that comes more
than :data:`HOLD` seconds after it was opened. So an idle server holds no lock (a build
never waits for it), a build waits at most about that long for a busy one, and a request
sees what a build committed at most :data:`HOLD` seconds after it was committed. (Opening
costs about 15 ms on the sample store, which every request would pay otherwise.) The
explorer's name index is kept while the store's files are unchanged.

Protocol (on the worker's stdin and a pipe that was its stdout): the server writes one JSON
object per line; the worker answers each with a JSON header line ``{"status", "type",
"headers", "length"}`` followed by ``length`` bytes of body. The worker makes no network
connection (an audit hook refuses sockets; SERVICE is refused before a query runs).
"""
from __future__ import annotations

import json
import logging
import os
import select
import sys
import time
from functools import lru_cache

from ..errors import KgError

log = logging.getLogger(__name__)

JSON_TYPE = "application/json; charset=utf-8"
LINGER = 0.2  # seconds without a request after which the store is closed
HOLD = 1.0  # seconds after which a request reopens the store (to see new builds)


class Reply(Exception):
    """An answer other than 200, with its one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _refuse_network(event: str, args) -> None:
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "urllib.Request"):
        raise PermissionError(f"kg serve makes no network access from a query ({event} refused)")


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Worker:
    def __init__(self, store_path: str, row_limit: int, lock_wait: float):
        self.store_path = store_path
        self.row_limit = row_limit
        self.lock_wait = lock_wait
        self._index = None
        self._signature = None
        self._store = None
        self._opened = 0.0

    def is_open(self) -> bool:
        return self._store is not None

    def release(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None

    def _open(self):
        from ..store import open_store

        if self._store is not None and time.monotonic() - self._opened > HOLD:
            self.release()
        if self._store is None:
            self._store = open_store(self.store_path, read_only=True, wait=self.lock_wait)
            self._opened = time.monotonic()
        return self._store

    # ------------------------------------------------------------------ dispatch

    def handle(self, task: dict) -> tuple[int, str, dict, bytes]:
        op = task.get("op")
        try:
            st = self._open()
        except KgError as exc:
            return _error(503, str(exc))
        try:
            if op == "sparql":
                return self.sparql(st, task)
            if op == "preset":
                return self.preset(st, task)
            if op in ("search", "entity", "neighbours"):
                return self.explore(st, op, task)
            return _error(400, f"unknown operation {op!r}")
        except Reply as r:
            return _error(r.status, r.message)
        except KgError as exc:
            return _error(400, str(exc))
        except (SyntaxError, ValueError) as exc:
            return _error(400, f"malformed SPARQL: {_first_line(exc)}")
        except MemoryError:
            return _error(503, "query stopped: out of memory; narrow it down (a LIMIT, fewer unbound variables)")
        except Exception as exc:  # a bug: one line to the client, the traceback to the log
            log.exception("request failed: %s", op)
            self.release()
            return _error(500, f"internal error: {type(exc).__name__}: {_first_line(exc)}")

    # ------------------------------------------------------------------ SPARQL

    def sparql(self, st, task: dict):
        import pyoxigraph as ox

        from ..rdf import PREFIXES

        query = task["query"]
        kind, endpoints, clauses = query_outline(query)
        if endpoints:
            raise Reply(400, f"SERVICE {endpoints[0]} refused: this endpoint makes no network access "
                             "and answers only from its own store")
        known = {getattr(g, "value", str(g)) for g in st.store.named_graphs()}
        for keyword, iri in clauses:
            if iri not in known:
                raise Reply(400, f"{keyword} <{iri}> is not a graph of this store (graphs are never loaded "
                                 "from an address)")
        for param in ("default_graph_uri", "named_graph_uri"):
            for iri in task.get(param) or ():
                if iri not in known:
                    raise Reply(400, f"{param.replace('_', '-')} <{iri}> is not a graph of this store")
        kwargs = {}
        if task.get("default_graph_uri"):
            kwargs["default_graph"] = [ox.NamedNode(i) for i in task["default_graph_uri"]]
        if task.get("named_graph_uri"):
            kwargs["named_graphs"] = [ox.NamedNode(i) for i in task["named_graph_uri"]]
        if kwargs.get("named_graphs") and "default_graph" not in kwargs:
            kwargs["default_graph"] = ox.DefaultGraph()
        limit = self.row_limit
        res = st.store.query(query, prefixes={k: str(v) for k, v in PREFIXES.items()}, **kwargs)
        from .results import write_graph, write_solutions

        if kind in ("SelectQuery", "AskQuery"):
            fmt = task.get("solutions_format")
            if fmt is None:
                raise Reply(406, f"no acceptable format for {kind[:-5].upper()} results: "
                                 "ask for json, xml, csv or tsv")
            if isinstance(res, ox.QueryBoolean):
                return _ok(fmt, write_solutions(fmt, (), (), ask=bool(res)))
            variables = [v.value for v in res.variables]
            rows, truncated = [], False
            for sol in res:
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append([wire(t) for t in sol])
            return _ok(fmt, write_solutions(fmt, variables, rows), truncated, len(rows))
        fmt = task.get("graph_format")
        if fmt is None:
            raise Reply(406, f"no acceptable format for {kind[:-5].upper()} results: "
                             "ask for turtle, nt, jsonld or rdfxml")
        triples, truncated = [], False
        for t in res:
            if len(triples) >= limit:
                truncated = True
                break
            triples.append(t)
        return _ok(fmt, write_graph(fmt, triples), truncated, len(triples))

    def preset(self, st, task: dict):
        from ..presets import preset_names, preset_parameters, run_preset
        from ..query_process import encode_term
        from .results import write_solutions

        name, params = task["name"], task.get("params") or {}
        if name not in preset_names():
            raise Reply(404, f"unknown preset {name!r}; presets: {', '.join(preset_names())}")
        needed = preset_parameters(name)
        missing = [p for p in needed if not params.get(p)]
        unknown = sorted(set(params) - set(needed))
        if missing or unknown:
            example = "&".join(f"{p}=NAME" for p in needed)
            problem = f"needs {', '.join(missing)}" if missing else f"does not take {', '.join(unknown)}"
            raise Reply(400, f"preset {name} {problem}: /preset/{name}?{example}")
        fmt = task.get("solutions_format")
        if fmt is None:
            raise Reply(406, "no acceptable format for preset results: ask for json, xml, csv or tsv")
        try:
            result = run_preset(st, name, params)
        except KgError as exc:
            status = 404 if "no entity named" in str(exc) else 400
            raise Reply(status, str(exc).replace(str(st.path) + ": ", "")) from None
        rows = [[encode_term(t) for t in row] for row in result.terms[: self.row_limit]]
        return _ok(fmt, write_solutions(fmt, result.variables, rows), len(result.terms) > self.row_limit, len(rows))

    # ------------------------------------------------------------------ explorer

    def explore(self, st, op: str, task: dict):
        from .explore import Explorer, Lookups, NameIndex, entity_iri, store_signature

        if op == "search":
            signature = store_signature(st.path)
            if self._index is None or signature != self._signature:
                self._index, self._signature = NameIndex(st.store), signature
            data = self._index.search(task.get("q", ""), Lookups(st.store), int(task.get("limit") or 20))
        else:
            explorer = Explorer(st.store)
            iri = entity_iri(task.get("id", ""))
            if op == "entity":
                data = explorer.entity(iri)
                if data is None:
                    raise Reply(404, f"no entity {task.get('id', '')!r} in this store")
            else:
                data = explorer.neighbours(iri)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return 200, JSON_TYPE, {}, body


@lru_cache(maxsize=256)
def query_outline(query: str) -> tuple[str, tuple, tuple]:
    """The kind of a query (``SelectQuery``, ``AskQuery``, ``ConstructQuery``,
    ``DescribeQuery``), its SERVICE endpoints and its dataset clauses, from rdflib's parse
    (:mod:`kg.sparql_check`; kg's prefixes predefined); :class:`Reply` 403 for an update,
    :class:`KgError` for a malformed query. Cached by text: a dashboard repeats its queries,
    and parsing costs about 10 ms."""
    from ..sparql_check import dataset_iris, is_update, parse_query, services

    try:
        algebra = parse_query(query).algebra
    except KgError:
        if is_update(query):
            raise Reply(403, "this endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, "
                             "ADD, MOVE, COPY) are refused; rebuild the store with kg build to change it") from None
        raise
    return algebra.name, tuple(services(algebra)), tuple(dataset_iris(algebra))


def wire(term):
    """A pyoxigraph term in the wire form of :func:`kg.query_process.encode_term`."""
    import pyoxigraph as ox

    from ..store import language_case

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, language_case(term.language), None)
        dt = term.datatype.value
        return ("literal", term.value, None, None if dt == "http://www.w3.org/2001/XMLSchema#string" else dt)
    return ("literal", str(term), None, None)  # an RDF-star triple


def _ok(fmt: str, body: bytes, truncated: bool = False, rows: int | None = None):
    from .formats import GRAPH, SOLUTIONS

    media = (SOLUTIONS.get(fmt) or GRAPH[fmt]).media_type
    headers = {}
    if rows is not None:
        headers["X-Kg-Rows"] = str(rows)
    if truncated:
        headers["X-Kg-Truncated"] = "true"
    return 200, media + "; charset=utf-8", headers, body


def _error(status: int, message: str):
    from ..safe_text import one_line

    return status, "text/plain; charset=utf-8", {}, (one_line(message) + "\n").encode("utf-8")


def main() -> int:
    import signal

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the protocol
    first = b""
    while not first.endswith(b"\n"):
        chunk = os.read(0, 1)  # the config line, read unbuffered: requests follow on fd 0
        if not chunk:
            return 0
        first += chunk
    config = json.loads(first)
    logging.basicConfig(level=config.get("log_level", logging.WARNING),
                        format="%(levelname)s kg.server.worker: %(message)s")
    sys.addaudithook(_refuse_network)
    worker = Worker(config["store"], int(config["row_limit"]), float(config["lock_wait"]))
    # warm the imports so that the first request is as fast as the others
    from . import explore, results  # noqa: F401
    from .. import presets  # noqa: F401
    from ..sparql_check import parse_query

    parse_query("ASK { ?s ?p ?o }")  # rdflib builds its parser on first use (about 0.5 s)

    out.write(b'{"ready": true}\n')
    out.flush()
    buffer = b""
    while True:
        while b"\n" not in buffer:
            if worker.is_open() and not select.select([0], [], [], LINGER)[0]:
                worker.release()  # idle: hold no lock
                continue
            chunk = os.read(0, 1 << 16)
            if not chunk:
                worker.release()
                return 0
            buffer += chunk
        line, buffer = buffer.split(b"\n", 1)
        if not line.strip():
            continue
        started = time.monotonic()
        status, media, headers, body = worker.handle(json.loads(line))
        log.debug("%s in %.1f ms", status, 1000 * (time.monotonic() - started))
        head = {"status": status, "type": media, "headers": headers, "length": len(body)}
        out.write(json.dumps(head).encode("utf-8") + b"\n" + body)
        out.flush()


if __name__ == "__main__":
    sys.exit(main())
