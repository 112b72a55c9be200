"""A kg store on a SPARQL server (kg/remote_store.py), tested against ``oxigraph serve``
started on the loopback for each test: what a remote build writes reads back as a local
store's graphs, documents added one by one resolve as when built together, every command
reads the remote store, and every failure is one line."""
from __future__ import annotations

import http.server
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.build import build, extract_files
from kg.cli import app
from kg.errors import KgError
from kg.graph_io import load_dataset
from kg.incremental import remove, snapshot, status
from kg.rdf import GRAPH
from kg.remote_store import RECORD, UNION, RemoteStore, endpoints, network_guard, record_graph
from kg.store import open_store

from .conftest import SAMPLE
from .test_cli import assert_user_error

runner = CliRunner()
DOCS = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf"))
SOME = DOCS[:4]  # for the tests that build many times


def _oxigraph() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


pytestmark = pytest.mark.skipif(_oxigraph() is None, reason="the oxigraph server binary is not installed "
                                "(pip install oxigraph, in the test extra)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _direct():
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def server(tmp_path):
    """``oxigraph serve`` on a free loopback port with a fresh folder; its base URL."""
    port = free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "oxigraph"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                _direct().open(urllib.request.Request(f"{url}/store?default", method="HEAD"), timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The sample corpus, and four of its documents, built at once into local stores
    (after a warm-up pass, so Kiwi has learnt the corpus's names the same way for every
    build of this module)."""
    tmp = tmp_path_factory.mktemp("local")
    extract_files(DOCS)  # the warm-up
    build(DOCS, store=tmp / "s")
    build(SOME, store=tmp / "some")
    return tmp / "s", tmp / "some"


@pytest.fixture(scope="module")
def local(stores):
    return stores[0]


@pytest.fixture(scope="module")
def local_some(stores):
    return stores[1]


def graphs(store) -> dict[URIRef, object]:
    ds = load_dataset(store=str(store))
    return {URIRef(str(g.identifier)): g for g in ds.graphs() if len(g)}


def assert_same_graphs(a, b) -> None:
    ga, gb = graphs(a), graphs(b)
    assert sorted(ga) == sorted(gb)
    for name in ga:
        assert isomorphic(ga[name], gb[name]), name


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_a_remote_build_reads_back_as_the_local_store(server, local):
    summary = build(DOCS, store=server)
    assert summary.store == server and summary.store_documents == len(DOCS)
    assert_same_graphs(server, local)
    remote, here = status(server), status(local)
    assert (remote.entities, remote.relations, remote.triples) == (here.entities, here.relations, here.triples)
    assert [(d.name, d.entities, d.relations, d.recorded) for d in remote.documents] == \
        [(d.name, d.entities, d.relations, d.recorded) for d in here.documents]
    # the records and the union are kg-internal graphs, outside what queries see
    st = RemoteStore(server)
    assert UNION not in st.graph_names() and record_graph(st.graph_names()[0]) not in st.graph_names()
    assert len(st.load_records()[0]) == len(DOCS)
    again = build(DOCS[-1:], store=server)  # added again: nothing changes, nothing is written
    assert again.store_change.describe() == "+0 -0 entities, +0 -0 relations"
    assert again.store_change.graphs_rewritten == 0


def test_one_by_one_gives_what_building_together_gives(server, local_some):
    local = local_some
    for doc in reversed(SOME):
        build([doc], store=server)
    st = RemoteStore(server)
    one_by_one = snapshot(st)
    with open_store(local, read_only=True) as here:
        together = snapshot(here)
        triples = len(here)
    assert (len(one_by_one[0]), len(one_by_one[1])) == (len(together[0]), len(together[1]))
    assert one_by_one == together and len(st) == triples
    assert_same_graphs(server, local)


def test_commands_read_and_change_the_remote_store(server, local_some, tmp_path):
    local = local_some
    result = run("build", *SOME, "--store", server)
    assert result.exit_code == 0, result.output
    assert f"store {server}: {len(SOME)} documents" in " ".join(result.output.split())

    sparql = ("SELECT ?name (COUNT(?m) AS ?n) WHERE { ?e a kg:Company ; skos:prefLabel ?name . "
              "?m kg:mentionOf ?e . FILTER(lang(?name) = \"ko\") } GROUP BY ?name ORDER BY DESC(?n) ?name")
    preset = ["--preset", "investors-of", "--param", f"entity={_busiest(local)}"]
    remote, here = run("query", "--store", server, *preset), run("query", "--store", local, *preset)
    assert remote.exit_code == 0 and here.exit_code == 0, remote.output + here.output
    assert remote.output == here.output and len(remote.output.splitlines()) > 4
    assert_user_error(run("query", "--store", server, "SELEC ?x"), "malformed SPARQL")
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    for text in (sparql, per_graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"):  # the union as a set
        remote, here = run_query(server, text), run_query(local, text)
        assert remote.rows == here.rows and remote.rows, text

    views = {}
    for where, store in (("remote", server), ("local", local)):
        result = run("view", "--store", store, "-o", tmp_path / f"{where}.html")
        assert result.exit_code == 0, result.output
        views[where] = re.search(r"\(\d+ entities, \d+ relations", result.output)[0]
        result = run("export", "--store", store, "-o", tmp_path / f"{where}.gexf")
        assert result.exit_code == 0, result.output
    assert views["remote"] == views["local"]
    undated = re.compile(rb"<meta lastmodifieddate=[^>]*>")
    assert undated.sub(b"", (tmp_path / "remote.gexf").read_bytes()) == \
        undated.sub(b"", (tmp_path / "local.gexf").read_bytes())

    name = _busiest(local)
    assert run("show", name, "--store", server).output == run("show", name, "--store", local).output
    result = run("validate", "--store", server)
    assert result.exit_code == 0 and "valid" in result.output, result.output
    result = run("status", "--store", server)
    assert result.exit_code == 0 and all(d.name[:18] in result.output for d in SOME), result.output

    before = graphs(server)
    result = run("remove", DOCS[0].name, "--store", server)
    assert result.exit_code == 0 and "removed" in result.output, result.output
    assert len(status(server).documents) == len(SOME) - 1
    assert not RemoteStore(server).has_record(next(iter(set(before) - set(graphs(server)))))
    assert_user_error(run("remove", DOCS[0].name, "--store", server), "no document")
    build([DOCS[0]], store=server)  # added back: the store is what it was
    assert_same_graphs(server, local)


def run_query(store, text):
    from kg.query import open_graph

    with open_graph(store=str(store)) as src:
        return src.select(text)


def _busiest(store) -> str:
    from kg.query import open_graph

    with open_graph(store=str(store)) as src:
        rows = src.select("SELECT ?n (COUNT(?ev) AS ?c) WHERE { ?ev kg:predicate kg:investsIn ; kg:object ?e . "
                          "?e skos:prefLabel ?n FILTER(lang(?n) = \"ko\") } GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1").rows
    return rows[0][0]


def test_a_moved_file_replaces_its_graph_and_a_readd_writes_nothing(server, tmp_path):
    first = tmp_path / "a" / DOCS[1].name
    first.parent.mkdir()
    shutil.copy(DOCS[1], first)
    build([DOCS[2], first], store=server)
    old = set(graphs(server))
    moved = tmp_path / "b" / "renamed.txt"
    moved.parent.mkdir()
    first.rename(moved)
    summary = build([moved], store=server)
    now = set(graphs(server))
    assert len(now) == 2 and len(old - now) == 1 and len(now - old) == 1
    assert summary.store_change.describe() == "+0 -0 entities, +0 -0 relations"
    assert len(RemoteStore(server).load_records()[0]) == 2  # the old graph's record went with it


def test_a_failure_part_way_leaves_whole_graphs_and_a_rerun_completes(server, local_some, monkeypatch):
    local = local_some
    put = RemoteStore._put
    calls = {"n": 0}

    def failing(self, graph, triples):  # the third document graph fails (records come first)
        if str(graph).startswith(str(GRAPH)):
            calls["n"] += 1
            if calls["n"] == 3:
                raise KgError(f"{self.store_url}: HTTP 500 Internal Server Error")
        return put(self, graph, triples)

    monkeypatch.setattr(RemoteStore, "_put", failing)
    with pytest.raises(KgError, match="each graph already written is whole"):
        build(SOME, store=server)
    monkeypatch.setattr(RemoteStore, "_put", put)
    written = graphs(server)
    assert len(written) == 2
    for name, g in written.items():  # what was written is whole: the graph a full build writes
        assert isomorphic(g, graphs(local)[name])
    build(SOME, store=server)
    assert_same_graphs(server, local)


def test_endpoints_from_the_url():
    assert endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/store")
    assert endpoints("http://h:7878/") == ("http://h:7878/query", "http://h:7878/store")
    assert endpoints("http://h:3030/ds#query=sparql&store=data") == ("http://h:3030/ds/sparql", "http://h:3030/ds/data")
    assert endpoints("https://h/repositories/kg#query=.&store=rdf-graphs/service") == \
        ("https://h/repositories/kg", "https://h/repositories/kg/rdf-graphs/service")
    assert endpoints("http://h/a#query=http://q/sparql") == ("http://q/sparql", "http://h/a/store")
    with pytest.raises(KgError, match="unknown endpoint 'update'"):
        endpoints("http://h/a#update=u")
    with pytest.raises(KgError, match="port is not a number"):
        endpoints("http://h:x/")


def test_endpoints_named_in_the_fragment_are_used(server, local):
    build(DOCS[:2], store=f"{server}/#query=query&store=store")
    assert len(graphs(server)) == 2
    result = run("query", "--store", f"{server}/#query=query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Document }")
    assert result.exit_code == 0 and "2" in result.output, result.output


def test_errors_are_one_line_naming_the_url(server, tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    for args in (["query", "--store", dead, "ASK {}"], ["status", "--store", dead], ["view", "--store", dead, "-o",
                 tmp_path / "x.html"], ["build", DOCS[0], "--store", dead], ["remove", "x.txt", "--store", dead]):
        assert_user_error(run(*args), f"{dead}/query: cannot reach the server")
    for args in (["query", "--store", f"{server}/nothere", "ASK {}"], ["export", "--store", f"{server}/nothere", "-o",
                 tmp_path / "x.gexf"], ["build", DOCS[0], "--store", f"{server}/nothere"]):
        assert_user_error(run(*args), f"{server}/nothere/query: HTTP 404", "is this a SPARQL query endpoint?")
    assert_user_error(run("build", DOCS[0], "--store", f"{server}#store=nothere"), f"{server}/nothere: HTTP 404")
    assert_user_error(run("view", "--store", server, "-o", tmp_path / "x.html"), "the store is empty")
    assert_user_error(run("query", "--store", server, "ASK {}"), "the store is empty")
    assert_user_error(run("serve", "--store", server), f"{server}: kg serve serves a store folder or a graph file")


class _HtmlEverywhere(http.server.BaseHTTPRequestHandler):
    def _page(self):
        body = b"<!DOCTYPE html><html><body>a web page</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = do_PUT = _page

    def log_message(self, *args):
        pass


def test_a_web_site_is_not_taken_for_a_sparql_server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _HtmlEverywhere)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        assert_user_error(run("status", "--store", url), f"{url}/query: the answer is not SPARQL results (text/html)")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_query_process_reaches_the_store_and_nothing_else():
    refused = []

    def refuse(event, args):
        refused.append(event)
        raise PermissionError(event)

    hook = network_guard("http://127.0.0.1:7878/", refuse)
    hook("socket.getaddrinfo", ("127.0.0.1", 7878, 0, 0, 0, 0))
    hook("socket.connect", (None, ("127.0.0.1", 7878)))
    hook("urllib.Request", ("http://127.0.0.1:7878/query", None, {}, "POST"))
    for event, args in (("socket.getaddrinfo", ("example.org", 80, 0, 0, 0, 0)),
                        ("socket.connect", (None, ("93.184.216.34", 80))),
                        ("urllib.Request", ("http://example.org/sparql", None, {}, "GET"))):
        with pytest.raises(PermissionError):
            hook(event, args)
    assert len(refused) == 3


def test_records_are_kept_in_the_store(server):
    build(DOCS[:1], store=server)
    st = RemoteStore(server)
    (name,) = st.graph_names()
    rows = st.select(f"SELECT ?r WHERE {{ GRAPH <{record_graph(name)}> {{ ?g <{RECORD}> ?r }} }}").rows
    assert rows == ()  # queries do not see kg's internal graphs, kg reads them itself
    assert st.has_record(name) and st.load_records()[0][0].document.path == DOCS[0].resolve().as_posix()


@pytest.mark.parametrize("where", ["folder", "server"])
def test_a_store_changed_from_another_folder_keeps_its_graphs(where, server, tmp_path, monkeypatch):
    """Records keep absolute paths: documents added with relative paths and removed (the
    others resolved again) from another working folder keep their graph names."""
    store = server if where == "server" else str(tmp_path / "s")
    monkeypatch.chdir(SAMPLE.parent)
    build([Path(SAMPLE.name) / d.name for d in DOCS[:2]], store=store)
    names = set(graphs(store))
    monkeypatch.chdir(tmp_path)
    remove(store, DOCS[0].name)
    assert len(status(store).documents) == 1 and set(graphs(store)) < names
