"""kg query ends, stays read-only and stays offline: --timeout and --limit are enforced on
graph files and stores (the query runs in a child process that is killed), Ctrl-C stops it
at once, updates are refused as such, and SERVICE, FROM of outside graphs and remote
JSON-LD contexts make no request (checked with a local server that records its visitors)."""
from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.query import open_graph, run_query
from kg.store import open_store
from ontology import KG

from .conftest import REPO

runner = CliRunner()
GRAPH = "https://w3id.org/kgct/graph/"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
COUNT_CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def assert_user_error(result, *needles):
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.output
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def synthetic_dataset(companies: int = 400) -> Dataset:
    """Three document graphs of companies with Korean labels: big enough that a three-way
    cartesian product never ends, small enough to load in a moment."""
    ds = Dataset()
    for d in range(3):
        g = ds.graph(URIRef(f"{GRAPH}doc{d}"))
        for i in range(d, companies, 3):
            e = URIRef(f"https://w3id.org/kgct/id/company{i}")
            g.add((e, RDF.type, KG.Company))
            g.add((e, SKOS.prefLabel, Literal(f"회사{i}", lang="ko")))
    return ds


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """The same synthetic graphs as a TriG file and as a kg store."""
    tmp = tmp_path_factory.mktemp("query-safety")
    ds = synthetic_dataset()
    trig = tmp / "g.trig"
    ds.serialize(trig, format="trig")
    with open_store(tmp / "store", create=True) as st:
        for g in ds.graphs():
            if len(g):
                st.replace_graph(g)
    return trig, tmp / "store"


def both(sources):
    trig, store = sources
    return [(trig,), ("--store", store)]


class Recorder:
    """An HTTP server on 127.0.0.1 that records every request it gets (served by a thread
    in a loop bounded by time; answers with a small Turtle document)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                hits.append((self.command, self.path))
                body = b"<http://example.org/s> <http://example.org/p> \"outside\" ."
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 0.2
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        end = time.monotonic() + 120
        while not self._stop.is_set() and time.monotonic() < end:
            self.server.handle_request()

    def close(self):
        self._stop.set()
        self.thread.join(5)
        self.server.server_close()


@pytest.fixture
def recorder():
    r = Recorder()
    yield r
    r.close()


# --------------------------------------------------------------------------- --timeout


@pytest.mark.parametrize("kind", ["file", "store"])
@pytest.mark.parametrize("query", [CARTESIAN, COUNT_CARTESIAN])
def test_a_cartesian_query_stops_at_the_timeout(sources, kind, query):
    target = [sources[0]] if kind == "file" else ["--store", sources[1]]
    start = time.monotonic()
    result = run("query", *target, query, "--timeout", "2")
    elapsed = time.monotonic() - start
    assert_user_error(result, "query stopped after 2 s (--timeout)")
    assert elapsed < 12, elapsed  # 2 s of query, the rest loading on a busy machine


def test_a_normal_query_is_not_stopped(sources):
    result = run("query", sources[0], "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Company }", "--format", "csv",
                 "--timeout", "30")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "400"]


def test_timeout_must_not_be_negative(sources):
    assert_user_error(run("query", sources[0], "SELECT * {}", "--timeout", "-1"), "--timeout")


def test_memory_cap_stops_a_growing_query(sources):
    result = run("query", sources[0], CARTESIAN, "--timeout", "60", env={"KG_QUERY_MAX_MEMORY_MB": "200"})
    assert_user_error(result, "query stopped: it used more than 0.2 GB of memory")


def test_ctrl_c_stops_the_query_and_its_process(sources):
    """SIGINT to the terminal's process group (what Ctrl-C sends) ends kg query within a
    second or two, and its query process with it."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(sources[0]), COUNT_CARTESIAN],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    children: list[int] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            children = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        except OSError:
            pass
    assert children, "no query process started"
    time.sleep(2)  # the query is running now
    os.killpg(proc.pid, signal.SIGINT)
    start = time.monotonic()
    _, stderr = proc.communicate(timeout=10)
    assert time.monotonic() - start < 3
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


# --------------------------------------------------------------------------- --limit


def test_limit_on_csv_is_reported(sources):
    for target in both(sources):
        result = run("query", *target, "SELECT ?c WHERE { ?c a kg:Company }", "--format", "csv", "--limit", "5")
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[:1] == ["c"] and len([x for x in lines if x.startswith("https://")]) == 5
        assert "stopped after 5 rows (--limit)" in result.output


def test_limit_on_a_cartesian_query_streams(sources):
    """A query with billions of solutions gives its first rows at once: nothing waits for
    the whole result."""
    start = time.monotonic()
    result = run("query", sources[0], "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--format", "tsv",
                 "--limit", "50")
    assert result.exit_code == 0, result.output
    assert len([x for x in result.output.splitlines() if x.count("\t") == 8]) == 51  # header and 50 rows
    assert time.monotonic() - start < 15


def test_table_limit_is_reported_and_zero_means_all(sources):
    result = run("query", sources[0], "SELECT ?c WHERE { ?c a kg:Company }", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "3 rows shown: stopped at --limit 3" in result.output
    result = run("query", sources[0], "SELECT ?c WHERE { ?c a kg:Company }", "--limit", "0", "--format", "csv")
    assert len(result.output.splitlines()) == 401 and "--limit" not in result.output


def test_table_has_a_default_limit(sources, monkeypatch):
    import kg.cli

    monkeypatch.setattr(kg.cli, "TABLE_LIMIT", 7)
    result = runner.invoke(kg.cli.app, ["query", str(sources[0]), "SELECT ?c WHERE { ?c a kg:Company }"])
    assert "7 rows shown" in result.output


def test_run_query_api_limit(sources):
    with open_graph(sources[0]) as g:
        result = run_query(g, "SELECT ?c WHERE { ?c a kg:Company }", limit=10)
    assert len(result.rows) == 10 and result.truncated
    with open_graph(store=sources[1]) as st:
        result = run_query(st, "SELECT ?c WHERE { ?c a kg:Company }", limit=1000)
    assert len(result.rows) == 400 and not result.truncated


# --------------------------------------------------------------------------- read-only


UPDATES = [
    'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/> DELETE { ?s ?p ?o } INSERT { ?s ex:q ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://example.org/g>",
    "CREATE GRAPH <http://example.org/g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_as_read_only(sources, update):
    for target in both(sources):
        assert_user_error(run("query", *target, update), "kg query is read-only")
    assert run("query", sources[0], "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv").output \
        .splitlines()[1] == "800"


def test_malformed_sparql_is_still_malformed(sources):
    for target in both(sources):
        assert_user_error(run("query", *target, "SELEKT nonsense"), "malformed SPARQL")
        assert_user_error(run("query", *target, "INSERT DATA { oops"), "malformed SPARQL")


def test_construct_is_refused(sources):
    assert_user_error(run("query", sources[0], "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
                      "only SELECT and ASK")


# --------------------------------------------------------------------------- offline


@pytest.mark.parametrize("kind", ["file", "store"])
def test_service_is_refused_and_makes_no_request(sources, recorder, kind):
    target = [sources[0]] if kind == "file" else ["--store", sources[1]]
    q = f"SELECT * WHERE {{ ?c a kg:Company . SERVICE <{recorder.url}/sparql> {{ ?s ?p ?o }} }} LIMIT 1"
    assert_user_error(run("query", *target, q), "SERVICE", "--allow-remote")
    q = "SELECT * WHERE { ?c a kg:Company . OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } } LIMIT 1"
    assert_user_error(run("query", *target, q), "SERVICE ?endpoint")
    time.sleep(0.5)
    assert recorder.hits == []


def test_allow_remote_lets_service_through(sources, recorder):
    """The refusal is what keeps kg offline: with --allow-remote the same query reaches the
    server (so the test server really records requests)."""
    q = f"SELECT * WHERE {{ SERVICE SILENT <{recorder.url}/sparql> {{ ?s ?p ?o }} }} LIMIT 1"
    run("query", "--store", sources[1], q, "--allow-remote", "--timeout", "20")
    time.sleep(0.5)
    assert recorder.hits and recorder.hits[0][1] == "/sparql"


@pytest.mark.parametrize("keyword", ["FROM", "FROM NAMED"])
def test_from_an_address_is_refused(sources, recorder, keyword):
    for target in both(sources):
        q = f"SELECT * {keyword} <{recorder.url}/data.ttl> WHERE {{ ?s ?p ?o }}"
        assert_user_error(run("query", *target, q), keyword, "not a graph of this source", "--allow-remote")
    time.sleep(0.5)
    assert recorder.hits == []


def test_from_a_local_file_is_refused(sources, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://example.org/s> <http://example.org/p> "the secret" .\n', encoding="utf-8")
    q = f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    assert_user_error(run("query", sources[0], q), "FROM", "not a graph of this source")
    allowed = run("query", sources[0], q, "--allow-remote", "--format", "csv")
    assert "the secret" in allowed.output  # what the refusal prevents


def test_from_one_of_the_sources_own_graphs_selects_it(sources):
    q = f"SELECT (COUNT(?c) AS ?n) FROM <{GRAPH}doc1> WHERE {{ ?c a kg:Company }}"
    for target in both(sources):
        result = run("query", *target, q, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == ["n", "133"]


def test_api_refuses_service_too(sources):
    with open_graph(sources[0]) as g, pytest.raises(KgError, match="SERVICE"):
        run_query(g, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")


def _jsonld(path: Path, context) -> None:
    path.write_text(json.dumps({
        "@context": context,
        "@graph": [{"@id": "https://w3id.org/kgct/id/a", "@type": "Company", "name": "회사"}],
    }, ensure_ascii=False), encoding="utf-8")


def test_jsonld_with_a_remote_context_is_refused(tmp_path, recorder):
    g = tmp_path / "remote.jsonld"
    _jsonld(g, f"{recorder.url}/context.jsonld")
    assert_user_error(run("query", g, "SELECT * WHERE { ?s ?p ?o }"), "remote.jsonld", "@context",
                      "--allow-remote")
    nested = tmp_path / "nested.jsonld"
    _jsonld(nested, [{"@import": f"{recorder.url}/base.jsonld"}, {"name": "http://schema.org/name"}])
    assert_user_error(run("query", nested, "SELECT * WHERE { ?s ?p ?o }"), "@context")
    assert_user_error(run("view", g, "-o", tmp_path / "v.html"), "@context")
    time.sleep(0.5)
    assert recorder.hits == []


def test_jsonld_with_a_context_file_beside_it_is_refused(tmp_path):
    (tmp_path / "context.jsonld").write_text(json.dumps({"@context": {"name": "http://schema.org/name"}}),
                                             encoding="utf-8")
    g = tmp_path / "local.jsonld"
    _jsonld(g, "context.jsonld")
    assert_user_error(run("query", g, "SELECT * WHERE { ?s ?p ?o }"), "context.jsonld")


def test_jsonld_with_an_inline_context_reads(tmp_path, sources):
    g = tmp_path / "inline.jsonld"
    _jsonld(g, {"@vocab": "https://w3id.org/kgct/ontology#", "name": "http://schema.org/name"})
    result = run("query", g, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines() == ["n", "2"], result.output
    ds = Dataset()
    ds.parse(sources[0], format="trig")
    written = tmp_path / "kg.jsonld"
    ds.serialize(written, format="json-ld")
    result = run("query", written, "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Company }", "--format", "csv")
    assert result.output.splitlines() == ["n", "400"], result.output
