"""A kg store on a SPARQL server: ``--store http://host:port/…`` (any http(s) URL where a
store folder is accepted).

kg talks to the server through two standard endpoints, with nothing but the standard
library's HTTP client (urllib):

* the SPARQL 1.1 **query** endpoint (queries, as ``POST`` forms, answers in SPARQL results
  JSON, parsed by pyoxigraph);
* the SPARQL 1.1 **Graph Store Protocol** endpoint: ``PUT ?graph=IRI`` replaces one named
  graph (N-Triples), ``GET`` reads it, ``DELETE`` drops it.

The URL given is a base: by default the endpoints are ``BASE/query`` and ``BASE/store``, the
layout of ``oxigraph serve``. Other servers name them in the URL's fragment (never sent to
the server), relative to the base or absolute: Fuseki's dataset ``ds`` is
``http://host:3030/ds#query=sparql&store=data``.

What the server holds, beside the documents' named graphs (the same IRIs, the same triples
as in a local store):

* ``kg-internal/union``: the union of the document graphs as a set, rewritten (one PUT)
  after the document graphs by every build or removal. Queries run with it as their
  default graph and the document graphs as their named graphs (the protocol's
  ``default-graph-uri`` and ``named-graph-uri``), so they see what they see on a local store:
  a server's own union of the named graphs repeats a solution once per graph that holds a
  triple (Oxigraph's ``union-default-graph`` does), and the internal graphs stay out of
  ``GRAPH ?g``. The server's default graph is neither read nor written.
* ``kg-internal/record/<graph>``: one triple per document giving its extraction record (the
  gzip-compressed JSON of :mod:`extraction.records_io`, base64, as a literal), so that
  documents added later, from any machine, are resolved against every document the store
  holds, exactly as a local store does with ``DIR/records``.

Writes, in this order: the records of the new documents, then each document graph whose
content differs from the server's (read back first: unchanged graphs are not written), then
the graphs of moved documents are dropped, then the union. Every PUT replaces one graph
whole (the protocol makes it atomic), so no graph is ever half-written; a failure between
two PUTs leaves some graphs new and others old, and running the same build again completes
it (it rewrites exactly the graphs that still differ). kg does not lock a remote store: two
writers at once are not coordinated.
"""
from __future__ import annotations

import base64
import gzip
import http.client
import json
import logging
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from typing import Iterable, Iterator, Mapping

from rdflib import Dataset, Graph, Literal, URIRef

from ontology import BASE

from .errors import KgError
from .query import QueryResult, Solutions, make_result, sparql_error
from .rdf import PREFIXES

log = logging.getLogger(__name__)

SCHEMES = ("http://", "https://")
INTERNAL = BASE + "kg-internal/"
UNION = URIRef(INTERNAL + "union")
RECORD_GRAPH = INTERNAL + "record/"
RECORD = URIRef(INTERNAL + "extractionRecord")
TIMEOUT = float(os.environ.get("KG_REMOTE_TIMEOUT", "120"))  # seconds one request may take
_FRAGMENT_KEYS = ("query", "store")
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def is_remote(location) -> bool:
    """Is ``location`` (a ``--store`` value) the URL of a remote store?"""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def _ox():
    import pyoxigraph

    return pyoxigraph


def endpoints(url: str) -> tuple[str, str]:
    """The query and graph store endpoints of the store at ``url`` (see the module)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise KgError(f"{url}: not an http(s) URL of a SPARQL server (give http://host:port/…)")
    try:
        parts.port
    except ValueError:
        raise KgError(f"{url}: the port is not a number") from None
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", parts.query, ""))
    names = {"query": "query", "store": "store"}
    if parts.fragment:
        for key, values in urllib.parse.parse_qs(parts.fragment, keep_blank_values=True).items():
            if key not in _FRAGMENT_KEYS:
                raise KgError(f"{url}: unknown endpoint {key!r} after '#': give query=… and/or store=… "
                              "(e.g. #query=sparql&store=data for Fuseki)")
            names[key] = values[-1]
    def resolve(name: str) -> str:  # "." is the base itself (GraphDB's query endpoint)
        return base.rstrip("/") if name in ("", ".") else urllib.parse.urljoin(base, name)

    return resolve(names["query"]), resolve(names["store"])


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def encode_record(ex) -> str:
    """An extraction record as a compact literal: base64 of its gzip-compressed JSON."""
    from extraction.records_io import dump_extraction

    raw = json.dumps(dump_extraction(ex), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6)).decode("ascii")


def decode_record(text: str):
    from extraction.records_io import load_extraction

    return load_extraction(json.loads(gzip.decompress(base64.b64decode(text, validate=True)).decode("utf-8")))


def record_graph(graph: URIRef) -> URIRef:
    return URIRef(RECORD_GRAPH + str(graph).rsplit("/", 1)[-1])


def _nt(triples) -> bytes:
    """pyoxigraph triples as N-Triples (pyoxigraph's own escaping)."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")


class RemoteStore:
    """A kg store on a SPARQL server, with the methods of :class:`kg.store.KgStore` that kg's
    commands use (reading: ``select``, ``triples``, ``graph_names``, ``dataset``…; writing:
    ``apply`` and the extraction records)."""

    read_only = False

    def __init__(self, url: str, timeout: float | None = None):
        self.url = url
        self.query_url, self.store_url = endpoints(url)
        self.timeout = TIMEOUT if timeout is None else timeout
        # proxies from the environment are honoured (the loopback never goes through one)
        self._opener = urllib.request.build_opener()
        self._graphs: list[URIRef] | None = None
        self._records: dict[URIRef, tuple[URIRef, str]] | None = None
        self._labels: dict[URIRef, list] | None = None

    # ------------------------------------------------------------------ lifecycle

    @property
    def name(self) -> str:
        return self.url

    @property
    def path(self) -> str:  # named in messages, like a store folder
        return self.url

    def close(self) -> None:
        pass

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ HTTP

    def _request(self, method: str, url: str, *, params: Mapping | None = None, body: bytes | None = None,
                 content_type: str | None = None, accept: str | None = None, missing_ok: bool = False,
                 what: str = "SPARQL"):
        """The open response (the caller reads and closes it), or None for a 404 when
        ``missing_ok``. Every failure is one :class:`KgError` naming the endpoint."""
        full = url + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
        headers = {"User-Agent": "kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(full, data=body, method=method, headers=headers)
        opener = self._opener
        host = urllib.parse.urlsplit(url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1"):
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            return opener.open(req, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                exc.close()
                return None
            kind = (exc.headers.get("Content-Type") or "") if exc.headers else ""
            detail = ""
            try:
                if "html" not in kind.lower():  # a server's error page is no message
                    detail = _first_line(exc.read(4096).decode("utf-8", "replace"))
            except OSError:
                pass
            finally:
                exc.close()
            if exc.code == 400 and what == "query":
                raise sparql_error(ValueError(detail or "the server refused the query")) from None
            hint = ""
            if exc.code in (404, 405, 501):
                hint = (f"; is this a SPARQL {what} endpoint? (kg uses BASE/query and BASE/store, as "
                        "oxigraph serve; name others as URL#query=…&store=…)")
            raise KgError(f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "") + hint) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            text = getattr(reason, "strerror", None) or str(reason)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                text = f"no answer within {self.timeout:g} s"
            raise KgError(f"{url}: cannot reach the server ({text})") from None
        except (TimeoutError, socket.timeout):
            raise KgError(f"{url}: no answer within {self.timeout:g} s") from None
        except http.client.HTTPException as exc:
            raise KgError(f"{url}: not an HTTP server's answer ({type(exc).__name__}); "
                          "is this the address of a SPARQL server?") from None
        except (ConnectionError, OSError) as exc:
            raise KgError(f"{url}: cannot reach the server ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise KgError(f"{url}: not a usable URL ({exc})") from None

    def _read(self, response, url: str) -> bytes:
        try:
            with response:
                return response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise KgError(f"{url}: the connection broke while reading ({exc})") from None

    # ------------------------------------------------------------------ queries

    def _solutions(self, sparql: str, bindings: Mapping[str, object] | None = None,
                   dataset: bool = True) -> Solutions:
        """Run ``sparql`` on the query endpoint (kg's prefixes declared; ``bindings`` as a
        trailing VALUES clause of RDF terms written by pyoxigraph, never pasted values);
        ``dataset``: the union as default graph and the document graphs as named graphs."""
        ox = _ox()
        from .store import from_ox, to_ox

        text = _PROLOGUE + sparql
        if bindings:
            names = list(bindings)
            values = " ".join(str(to_ox(bindings[n])) for n in names)
            text += "\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + values + ") }"
        form: dict[str, object] = {"query": text}
        if dataset:
            form["default-graph-uri"] = [str(UNION)]
            form["named-graph-uri"] = [str(g) for g in self.graph_names()]
        body = urllib.parse.urlencode(form, doseq=True).encode("ascii")
        resp = self._request("POST", self.query_url, body=body, content_type="application/x-www-form-urlencoded",
                             accept=_RESULTS_JSON, what="query")
        kind = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind not in (_RESULTS_JSON, "application/json"):
            resp.close()
            raise KgError(f"{self.query_url}: the answer is not SPARQL results ({kind or 'no content type'}); "
                          "is this a SPARQL query endpoint?")
        try:
            res = ox.parse_query_results(resp, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError, OSError) as exc:
            resp.close()
            raise KgError(f"{self.query_url}: unreadable SPARQL results ({_first_line(str(exc))})") from None
        if isinstance(res, ox.QueryBoolean):
            resp.close()
            return Solutions(("ask",), iter([(bool(res),)]))
        variables = tuple(v.value for v in res.variables)
        url = self.query_url

        def rows():
            try:
                for solution in res:
                    yield tuple(from_ox(solution[v]) for v in variables)
            except (SyntaxError, ValueError) as exc:
                raise KgError(f"{url}: unreadable SPARQL results ({_first_line(str(exc))})") from None
            except (OSError, http.client.HTTPException) as exc:
                raise KgError(f"{url}: the connection broke while reading ({exc})") from None
            finally:
                resp.close()

        return Solutions(variables, rows())

    def stream(self, sparql: str, bindings: Mapping[str, object] | None = None, own_dataset: bool = False) -> Solutions:
        """The solutions of a SELECT or ASK query over the union of the document graphs (a
        query with its own FROM / FROM NAMED runs on the graphs it names)."""
        return self._solutions(sparql, bindings, dataset=not own_dataset)

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        solutions = self.stream(sparql, bindings)
        if solutions.variables == ("ask",):
            answer = next(solutions.rows)[0]
            return QueryResult(("ask",), ((str(answer).lower(),),), ((answer,),))
        return make_result(solutions.variables, list(solutions.rows))

    def graph_names(self) -> list[URIRef]:
        """The document graphs (graphs holding a kg:Document; kg's internal graphs are not)."""
        if self._graphs is None:
            rows = self._solutions(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a kg:Document }} "
                                   f"FILTER(?g != <{UNION}>) }}", dataset=False).rows
            self._graphs = sorted(URIRef(str(r[0])) for r in rows if isinstance(r[0], URIRef))
        return list(self._graphs)

    def is_empty(self) -> bool:
        return not self.graph_names()

    def __len__(self) -> int:
        rows = list(self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").terms)
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _get_triples(self, graph: URIRef) -> set | None:
        """The triples (pyoxigraph) of one graph of the server, None when it has no such graph."""
        ox = _ox()
        resp = self._request("GET", self.store_url, params={"graph": str(graph)}, accept=_NTRIPLES,
                             missing_ok=True, what="graph store")
        if resp is None:
            return None
        data = self._read(resp, self.store_url)
        try:
            return {(q.subject, q.predicate, q.object) for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)}
        except SyntaxError as exc:
            raise KgError(f"{self.store_url}: graph {graph} is not N-Triples ({_first_line(str(exc))}); "
                          "is this a SPARQL Graph Store Protocol endpoint?") from None

    def graph(self, name: URIRef) -> Graph:
        """One document graph as an rdflib graph."""
        from .store import from_ox

        triples = self._get_triples(name)
        if triples is None:
            raise KgError(f"{self.store_url}: the graph store has no graph {name}, which the query endpoint "
                          f"lists; are both endpoints of one dataset? (URL#query=…&store=…)")
        g = Graph(identifier=name)
        for s, p, o in triples:
            g.add((from_ox(s), from_ox(p), from_ox(o)))
        return g

    def dataset(self, ds: Dataset | None = None) -> Dataset:
        """The document graphs as an rdflib dataset in memory (into ``ds`` when given)."""
        from .store import copy_graphs

        return copy_graphs(self, ds)

    def triples(self, pattern) -> Iterator[tuple]:
        """Triples of the union of the document graphs matching ``(s, p, o)`` (``None`` = any)."""
        from .store import from_ox

        s, p, o = pattern
        if s is None and p is None and o is None:
            for t in self._get_triples(UNION) or ():
                yield tuple(from_ox(x) for x in t)
            return
        bound = {k: v for k, v in (("s", s), ("p", p), ("o", o)) if v is not None}
        for row in self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", bound).terms:
            yield tuple(row)

    def preferred_labels(self, entity: URIRef, exclude: Iterable[URIRef] = ()) -> dict[str, str]:
        """As :meth:`kg.store.KgStore.preferred_labels`: the label most document graphs (but
        ``exclude``) give ``entity`` per language."""
        from .store import language_case

        if self._labels is None:  # one query for all entities (a build asks for each of them)
            self._labels = {}
            for g, e, label in self.select("SELECT ?g ?e ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } }").terms:
                self._labels.setdefault(e, []).append((g, label))
        skipped = {URIRef(str(g)) for g in exclude}
        votes: dict[str, Counter] = {}
        for g, label in self._labels.get(URIRef(str(entity)), ()):
            if g in skipped or not isinstance(label, Literal) or not label.language:
                continue
            votes.setdefault(language_case(label.language), Counter())[str(label)] += 1
        return {tag: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for tag, c in votes.items()}

    def graphs_with_content(self, sha256: str) -> list[URIRef]:
        rows = self.select("SELECT DISTINCT ?g ?h WHERE { GRAPH ?g { ?d kg:contentHash ?h } }",
                           {"h": Literal(sha256)}).terms
        return sorted({URIRef(str(r[0])) for r in rows})

    # ------------------------------------------------------------------ extraction records

    def _record_index(self) -> dict[URIRef, tuple[URIRef, str]]:
        """Document graph → (its record graph, the record literal), for every record on the server."""
        if self._records is None:
            rows = self._solutions(f"SELECT ?rg ?g ?r WHERE {{ GRAPH ?rg {{ ?g <{RECORD}> ?r }} "
                                   f"FILTER(STRSTARTS(STR(?rg), \"{RECORD_GRAPH}\")) }}", dataset=False).rows
            self._records = {URIRef(str(g)): (URIRef(str(rg)), str(r)) for rg, g, r in rows}
        return self._records

    def has_record(self, graph: URIRef) -> bool:
        return URIRef(str(graph)) in self._record_index()

    def load_records(self, skip: Iterable[URIRef] = ()):
        """As :func:`kg.incremental.load_records`: the records of the store's documents (but
        ``skip``) in graph order and the graphs without one; records of graphs the store does
        not hold are dropped."""
        skip = {URIRef(str(g)) for g in skip}
        names = self.graph_names()
        index = self._record_index()
        records, legacy = [], []
        for name in names:
            if name in skip:
                continue
            if name not in index:
                legacy.append(name)
                continue
            try:
                records.append(decode_record(index[name][1]))
            except (ValueError, TypeError, KeyError, OSError, EOFError) as exc:
                raise KgError(f"{self.url}: the store's record of {name} is unreadable ({exc}); "
                              "rebuild the document into the store") from None
        for graph in sorted(set(index) - set(names)):
            log.info("removing the record of %s: its document's graph is not in the store", graph)
            self.remove_record(graph)
        if legacy:
            log.warning("%s: %d document graph(s) have no extraction record: kept as they are, not resolved "
                        "again; rebuild those documents to include them", self.url, len(legacy))
        return records, legacy

    def save_record(self, graph: URIRef, ex) -> None:
        ox = _ox()
        rg = record_graph(graph)
        literal = encode_record(ex)
        self._put(rg, [(ox.NamedNode(str(graph)), ox.NamedNode(str(RECORD)), ox.Literal(literal))])
        self._record_index()[URIRef(str(graph))] = (rg, literal)

    def remove_record(self, graph: URIRef) -> None:
        index = self._record_index()
        rg = index.pop(URIRef(str(graph)), (record_graph(graph), ""))[0]
        self._delete(rg)

    # ------------------------------------------------------------------ writing

    def _put(self, graph: URIRef, triples) -> None:
        resp = self._request("PUT", self.store_url, params={"graph": str(graph)}, body=_nt(triples),
                             content_type=_NTRIPLES, what="graph store")
        self._read(resp, self.store_url)

    def _delete(self, graph: URIRef) -> None:
        resp = self._request("DELETE", self.store_url, params={"graph": str(graph)}, missing_ok=True,
                             what="graph store")
        if resp is not None:
            self._read(resp, self.store_url)

    def _exists(self, graph: URIRef) -> bool:
        resp = self._request("HEAD", self.store_url, params={"graph": str(graph)}, missing_ok=True,
                             what="graph store")
        if resp is None:
            return False
        self._read(resp, self.store_url)
        return True

    def check_writable(self) -> None:
        """Fail early (before a build does its work) unless both endpoints answer (a graph
        store answers for its default graph, which kg does not otherwise touch)."""
        self.graph_names()
        self._read(self._request("HEAD", self.store_url, params={"default": ""}, what="graph store"),
                   self.store_url)

    def apply(self, graphs: Iterable[Graph], drop: Iterable[URIRef] = ()) -> dict[URIRef, tuple[int, int]]:
        """Make each named graph of ``graphs`` hold exactly its triples (a PUT where the
        server's graph differs), drop the graphs ``drop`` (and their records), and rewrite
        the union; returns, per graph, the numbers of triples added and removed. A failure
        part-way is one :class:`KgError` that says what is guaranteed."""
        try:
            return self._apply(graphs, drop)
        except KgError as exc:
            raise KgError(f"{exc}; each graph already written is whole, the others are unchanged: "
                          "run the same command again to complete it") from None

    def _apply(self, graphs: Iterable[Graph], drop: Iterable[URIRef]) -> dict[URIRef, tuple[int, int]]:
        from .store import to_ox

        counts: dict[URIRef, tuple[int, int]] = {}
        union: set = set()
        changed = False
        for graph in graphs:
            name = URIRef(str(graph.identifier))
            if not str(name).startswith(("http://", "https://", "urn:")):
                raise KgError(f"{self.url}: a document graph needs an IRI, not {graph.identifier!r}")
            new = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}
            old = self._get_triples(name)
            added, removed = new - (old or set()), (old or set()) - new
            counts[name] = (len(added), len(removed))
            if old is None or added or removed:
                self._put(name, new)
                changed = True
                log.info("%s: graph %s +%d -%d triples", self.url, name, len(added), len(removed))
            union |= new
        before = self.graph_names()
        dropped = sorted({URIRef(str(g)) for g in drop} - set(counts))
        for name in before:  # graphs this write does not rewrite (without a record) stay in the union
            if name not in counts and name not in dropped:
                union |= self._get_triples(name) or set()
        for name in dropped:
            if name in before:
                self._delete(name)
                changed = True
                log.info("%s: graph %s removed", self.url, name)
            self.remove_record(name)
        self._graphs = self._labels = None
        if changed or not self._exists(UNION):
            self._put(UNION, union)
        return counts


def connect(url: str) -> RemoteStore:
    """The remote store at ``url``, checked to answer SPARQL (one query)."""
    st = RemoteStore(url)
    st.graph_names()
    return st


def prepare(url: str) -> None:
    """Check, before a build does its work, that it can read and write the store at ``url``."""
    RemoteStore(url).check_writable()


def open_for_query(url: str) -> RemoteStore:
    """The remote store at ``url`` to read; an empty store is an error."""
    st = connect(url)
    if st.is_empty():
        raise KgError(f"{url}: the store is empty; add documents with `kg build SOURCE... --store {url}`")
    return st


def open_location(location, read_only: bool = False, create: bool = False):
    """A store folder (:func:`kg.store.open_store`) or a remote store (a URL)."""
    if is_remote(location):
        return connect(location)
    from .store import open_store

    return open_store(location, create=create, read_only=read_only)


def network_guard(url: str, refuse):
    """An audit hook for the query process: network access to the store's endpoints only;
    everything else goes to ``refuse`` (the offline guard)."""
    allowed = set()
    for endpoint in endpoints(url):
        parts = urllib.parse.urlsplit(endpoint)
        allowed.add((parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)))
    hosts = {h for h, _ in allowed}
    ports = {p for _, p in allowed}

    def hook(event: str, args) -> None:
        if event == "socket.getaddrinfo" and args and str(args[0]) in hosts:
            return
        if event == "socket.connect" and len(args) > 1 and isinstance(args[1], tuple) \
                and len(args[1]) > 1 and args[1][1] in ports:  # (an address of a host allowed above)
            return
        if event == "urllib.Request" and args and str(args[0]).startswith(tuple(endpoints(url))):
            return
        refuse(event, args)

    return hook


__all__ = ["INTERNAL", "RECORD", "RemoteStore", "UNION", "connect", "decode_record", "encode_record", "endpoints",
           "is_remote", "network_guard", "open_for_query", "open_location", "prepare", "record_graph"]
