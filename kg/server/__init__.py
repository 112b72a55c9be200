"""``kg serve``: a SPARQL 1.1 endpoint and a web explorer over a kg store or graph file.

* :mod:`kg.server.http` — the protocol, routes, limits and refusals (threads);
* :mod:`kg.server.pool` — query workers that a timeout kills (processes);
* :mod:`kg.server.worker` — what a worker does: SPARQL, presets, explorer reads;
* :mod:`kg.server.formats`, :mod:`kg.server.results` — content negotiation and writers;
* :mod:`kg.server.explore` — name search, entity pages, neighbourhoods;
* :mod:`kg.server.load` — a graph file loaded once into a temporary store;
* ``static/`` — the explorer page (vis-network comes from pyvis's package).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import KgError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds a request may run in a worker
    row_limit: int = 10000  # solutions (or triples) per answer
    max_body: int = 1 << 20  # bytes of a POST body
    max_url: int = 16384  # bytes of a request target (path and query string)
    workers: int = 4
    max_memory_mb: int | None = None  # resident memory of one worker; None: machine's half / workers
    cors: str | None = None  # Access-Control-Allow-Origin, off unless given


class KgServer:
    """A running server (its threads not started until :meth:`serve_forever`)."""

    def __init__(self, httpd, pool, loaded: Path | None):
        self.httpd, self.pool, self._loaded = httpd, pool, loaded

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serving (from another thread), then :meth:`close`."""
        self.httpd.shutdown()
        self.close()

    def close(self) -> None:
        self.httpd.server_close()
        self.pool.close()
        if self._loaded is not None:
            from .load import remove_loaded

            remove_loaded(self._loaded)
            self._loaded = None


def create_server(settings: ServeSettings, store: str | Path | None = None,
                  graph: str | Path | None = None) -> KgServer:
    """A server over the kg store folder ``store`` or the graph file ``graph`` (exactly one),
    its workers started and its socket bound; call :meth:`KgServer.serve_forever`."""
    from ..query_process import memory_cap
    from ..store import open_for_query
    from .http import KgHTTPServer
    from .pool import WorkerPool

    if (store is None) == (graph is None):
        raise KgError("give a graph file or --store DIR (exactly one of them)")
    for name, value in (("--timeout", settings.timeout), ("--row-limit", settings.row_limit),
                        ("--workers", settings.workers), ("--max-request-bytes", settings.max_body)):
        if value <= 0:
            raise KgError(f"{name} must be more than 0")
    loaded = None
    if graph is not None:
        from .load import load_graph_file

        loaded = store = load_graph_file(graph)
    try:
        open_for_query(store).close()  # a clear error now rather than on every request
        cap = settings.max_memory_mb * 2**20 if settings.max_memory_mb else None
        if cap is None and memory_cap():
            cap = max(256 * 2**20, memory_cap() // settings.workers)
        pool = WorkerPool(store, size=settings.workers, timeout=settings.timeout, row_limit=settings.row_limit,
                          max_memory=cap)
        try:
            httpd = KgHTTPServer((settings.host, settings.port), pool, settings)
        except OSError as exc:
            pool.close()
            raise KgError(f"cannot listen on {settings.host}:{settings.port} ({exc.strerror or exc}); "
                          "choose another --port") from None
    except BaseException:
        if loaded is not None:
            from .load import remove_loaded

            remove_loaded(loaded)
        raise
    return KgServer(httpd, pool, loaded)


__all__ = ["KgServer", "ServeSettings", "create_server"]
