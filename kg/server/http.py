"""The HTTP side of ``kg serve``: the SPARQL 1.1 Protocol at ``/sparql``, the presets at
``/preset/<name>``, the explorer's page, assets and JSON at ``/``, ``/entity/<id>``,
``/static/…`` and ``/api/…``.

Requests are parsed, checked and negotiated here (in the server's threads, one per
connection); everything that reads the store runs in a query worker
(:class:`~kg.server.pool.WorkerPool`). Every refusal is a status with one line of plain
text saying why: 400 (malformed query or parameters, unknown ``?format=``), 403 (an
update), 404, 405, 406 (no acceptable format), 411, 413 (body over the limit), 414 (URL
over the limit), 415 (wrong media type), 503 (timeout, memory cap, all workers busy).
"""
from __future__ import annotations

import json
import logging
import mimetypes
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..safe_text import one_line
from .formats import UnknownFormat, negotiate
from .pool import Stopped

log = logging.getLogger(__name__)

STATIC = Path(str(files("kg.server") / "static"))
PAGES = ("/", "/console", "/search")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def vis_assets() -> dict[str, Path]:
    """vis-network's script and style, from the copy pyvis ships (as kg view uses it)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return {"vis-network.min.js": lib / "vis-network.min.js", "vis-network.css": lib / "vis-network.css"}


class KgHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool, settings):
        self.pool = pool
        self.settings = settings
        self.assets = {p.name: p for p in STATIC.iterdir() if p.is_file()} | vis_assets()
        super().__init__(address, Handler)

    def handle_error(self, request, client_address):  # a dropped connection: no traceback on the console
        log.debug("connection from %s failed", client_address, exc_info=True)


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle keep-alive connection is closed after this
    server: KgHTTPServer

    # ------------------------------------------------------------------ plumbing

    def setup(self):
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), one_line(fmt % args))

    def send_error(self, code, message=None, explain=None):  # replaces http.server's HTML page
        reason = message or self.responses.get(code, ("error",))[0]
        self._text(code, reason, close=code >= 400 and code not in (404, 406))

    def _cors(self) -> None:
        origin = self.server.settings.cors
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _send(self, status: int, media: str, body: bytes, headers: dict | None = None, close: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self._cors()
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        # headers and body in one write: two small writes meet Nagle's algorithm and the
        # client's delayed ACK (40 ms per request)
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)
        self.flush_headers()

    def _text(self, status: int, message: str, close: bool = False) -> None:
        self._send(status, "text/plain; charset=utf-8", (one_line(message) + "\n").encode("utf-8"), close=close)

    def _json(self, data) -> None:
        self._send(200, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _run(self, task: dict) -> None:
        try:
            answer = self.server.pool.run(task)
        except Stopped as exc:
            self._text(exc.status, exc.message)
            return
        self._send(answer.status, answer.media_type, answer.body, answer.headers)

    def _params(self, text: str) -> dict[str, list[str]]:
        try:
            return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            raise _Refuse(400, "the parameters are not valid UTF-8") from None

    # ------------------------------------------------------------------ methods

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self._dispatch(body=None)

    def do_POST(self):
        self._dispatch(body=True)

    def do_OPTIONS(self):
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.server.settings.cors:
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_allowed(self):
        self.send_response(405)
        body = f"method {self.command} not allowed: this server is read-only (GET, POST, OPTIONS)\n".encode()
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _dispatch(self, body) -> None:
        try:
            if len(self.path) > self.server.settings.max_url:
                raise _Refuse(414, f"the URL is longer than {self.server.settings.max_url} bytes; "
                                   "POST the query instead (application/sparql-query)", close=True)
            url = urlsplit(self.path)
            path = url.path
            if self.command == "POST" and path != "/sparql":
                raise _Refuse(405, f"POST is for /sparql only, not {path}")
            if path == "/sparql":
                self._sparql(url.query)
            elif path.startswith("/preset/"):
                self._preset(unquote(path[len("/preset/"):]), url.query)
            elif path in PAGES or path.startswith("/entity/"):
                self._asset("index.html")
            elif path.startswith("/static/"):
                self._asset(path[len("/static/"):])
            elif path == "/api/presets":
                self._presets()
            elif path == "/api/search":
                q = self._params(url.query).get("q", [""])[0]
                self._run({"op": "search", "q": q, "limit": 30})
            elif path.startswith(("/api/entity/", "/api/neighbours/")):
                op, _, ident = path[len("/api/"):].partition("/")
                self._run({"op": op, "id": unquote(ident, errors="strict")})
            else:
                raise _Refuse(404, f"nothing at {path}: try /sparql, /preset/NAME, /api/presets or /")
        except _Refuse as r:
            self._text(r.status, r.message, close=r.close)
        except UnicodeDecodeError:
            self._text(400, "the address is not valid UTF-8")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # ------------------------------------------------------------------ pages

    def _asset(self, name: str) -> None:
        path = self.server.assets.get(name)
        if path is None:
            raise _Refuse(404, f"no asset {name!r}")
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "application/json"):
            media += "; charset=utf-8"
        headers = {"Cache-Control": "no-cache"}
        if name.endswith(".html"):
            headers["Content-Security-Policy"] = CSP
        self._send(200, media, path.read_bytes(), headers)

    def _presets(self) -> None:
        from ..presets import preset_names, preset_parameters

        self._json([{"name": n, "parameters": preset_parameters(n)} for n in preset_names()])

    # ------------------------------------------------------------------ SPARQL

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise _Refuse(411, "send the request with a Content-Length (chunked bodies are not read)", close=True)
        length = self.headers.get("Content-Length")
        if length is None:
            raise _Refuse(411, "a POST needs a Content-Length", close=True)
        try:
            n = int(length)
        except ValueError:
            raise _Refuse(400, "Content-Length is not a number", close=True) from None
        limit = self.server.settings.max_body
        if n > limit:
            raise _Refuse(413, f"the request body is {n} bytes, over the limit of {limit} "
                               "(kg serve --max-request-bytes)", close=True)
        return self.rfile.read(n)

    def _sparql(self, query_string: str) -> None:
        params = self._params(query_string)
        if self.command == "POST":
            media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            raw = self._read_body()
            if media == "application/x-www-form-urlencoded":
                try:
                    form = self._params(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    raise _Refuse(400, "the form body is not valid UTF-8") from None
                if "update" in form:
                    raise _Refuse(403, "this endpoint is read-only: SPARQL updates are refused")
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif media == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    raise _Refuse(400, "the query is not valid UTF-8") from None
            elif media == "application/sparql-update":
                raise _Refuse(403, "this endpoint is read-only: SPARQL updates are refused")
            else:
                raise _Refuse(415, f"POST a query as application/sparql-query or "
                                   f"application/x-www-form-urlencoded, not {media or 'no Content-Type'!r}")
        elif "update" in params:
            raise _Refuse(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query", [])
        if not queries:
            if self.command == "GET" and not params and "text/html" in self.headers.get("Accept", ""):
                self._asset("index.html")  # a browser opening /sparql gets the console
                return
            raise _Refuse(400, "no query: give one as ?query=, a form field query= or an "
                               "application/sparql-query body")
        if len(queries) > 1:
            raise _Refuse(400, "more than one query given: send exactly one")
        if not queries[0].strip():
            raise _Refuse(400, "the query is empty")
        solutions_fmt, graph_fmt = self._negotiate(params)
        self._run({"op": "sparql", "query": queries[0],
                   "default_graph_uri": params.get("default-graph-uri", []),
                   "named_graph_uri": params.get("named-graph-uri", []),
                   "solutions_format": solutions_fmt, "graph_format": graph_fmt})

    def _negotiate(self, params) -> tuple:
        try:
            solutions_fmt, graph_fmt = negotiate(self.headers.get("Accept"), params.get("format", []))
        except UnknownFormat as exc:
            raise _Refuse(400, str(exc)) from None
        if solutions_fmt is None and graph_fmt is None:
            raise _Refuse(406, f"none of the formats in Accept ({self.headers.get('Accept')}) is one kg "
                               "writes: application/sparql-results+json, application/sparql-results+xml, "
                               "text/csv, text/tab-separated-values, text/turtle, application/n-triples, "
                               "application/ld+json, application/rdf+xml")
        return solutions_fmt, graph_fmt

    def _preset(self, name: str, query_string: str) -> None:
        params = self._params(query_string)
        solutions_fmt, _ = self._negotiate(params)
        if solutions_fmt is None:
            raise _Refuse(406, "presets give solutions: accept json, xml, csv or tsv")
        args = {}
        for key, values in params.items():
            if key == "format":
                continue
            if len(values) > 1:
                raise _Refuse(400, f"parameter {key} given {len(values)} times: give it once")
            args[key] = values[0]
        self._run({"op": "preset", "name": name, "params": args, "solutions_format": solutions_fmt})


class _Refuse(Exception):
    def __init__(self, status: int, message: str, close: bool = False):
        super().__init__(message)
        self.status, self.message, self.close = status, message, close


__all__ = ["Handler", "KgHTTPServer", "vis_assets"]
