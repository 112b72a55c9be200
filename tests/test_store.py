"""Graph files and the persistent store (kg/store.py): the built graph reads back exactly
from every output format and from the store, rebuilds are idempotent, a changed document
replaces only its named graph, presets give the same rows on the store as on a graph file,
and every user error is one clear message."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import KgError
from kg.presets import run_preset
from kg.query import run_query
from kg.store import MARKER, from_ox, language_case, open_for_query, open_store, to_ox
from ontology import KG

from .conftest import SAMPLE

runner = CliRunner()
CORE = {KG[c] for c in ("Company", "Investor", "City", "Park", "Technology", "Organization", "Region", "Product")}


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_user_error(result, *needles):
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.output
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample corpus built once, into a graph file and a store at the same time."""
    tmp = tmp_path_factory.mktemp("store")
    summary = build([SAMPLE], tmp / "sample.trig", store=tmp / "store")
    return tmp / "sample.trig", tmp / "store", summary


def quads(store_dir) -> set[tuple]:
    """Every quad of a store, its union (the default graph) included."""
    with open_store(store_dir) as st:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in st.store}


def file_graphs(path) -> dict[URIRef, Graph]:
    ds = Dataset()
    ds.parse(path, format="trig")
    return {g.identifier: g for g in ds.graphs() if len(g)}


# --------------------------------------------------------------------------- graph files


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld", ".ttl", ".nt"])
def test_every_output_format_reads_back_isomorphic(sample, tmp_path, suffix):
    """Written graph by graph as kg build writes them (GraphWriter) and read back: quad
    formats keep every named graph, triple formats their union."""
    from kg.graph_io import GraphWriter, read_graph
    from kg.rdf import PREFIXES

    graphs = file_graphs(sample[0])
    out = tmp_path / f"g{suffix}"
    with GraphWriter(out, PREFIXES) as writer:
        for g in graphs.values():
            writer.write(g)
    back = read_graph(out)
    if suffix in (".ttl", ".nt"):
        union, got = Graph(), Graph()
        for g in graphs.values():
            for t in g:
                union.add(t)
        for s, p, o, _ in back.quads((None, None, None, None)):
            got.add((s, p, o))
        assert isomorphic(got, union)
    else:
        got = {g.identifier: g for g in back.graphs() if len(g)}
        assert set(got) == set(graphs)
        for name, g in graphs.items():
            assert isomorphic(got[name], g), name


# --------------------------------------------------------------------------- the store


def test_build_into_store_and_file_at_once(sample):
    graph_file, store_dir, summary = sample
    assert (store_dir / MARKER).is_file()
    assert summary.store == store_dir and summary.store_documents == 7
    union = {(s, p, o) for g in file_graphs(graph_file).values() for s, p, o in g}
    assert summary.store_triples == len(union) < summary.triples  # entities recur across documents


def test_the_union_is_a_set_of_triples(sample):
    """The store's union counts a triple once however many documents state it, as rdflib does
    for a graph file (pyoxigraph's own union would count it once per graph)."""
    graph_file, store_dir, _ = sample
    union = {t for g in file_graphs(graph_file).values() for t in g}
    with open_store(store_dir) as st:
        assert set(st.triples((None, None, None))) == union
        assert len(st) == len(union)


def test_store_reads_back_every_named_graph_exactly(sample):
    graph_file, store_dir, _ = sample
    expected = file_graphs(graph_file)
    with open_store(store_dir) as st:
        assert set(st.graph_names()) == set(expected)
        for name, g in expected.items():
            back = st.graph(name)
            assert isomorphic(back, g), name
            assert set(back) == set(g), name  # no blank nodes: the very same triples


def test_term_conversion_keeps_language_case_and_datatypes():
    from rdflib.namespace import XSD

    for term in (URIRef("https://w3id.org/kgct/id/x"), Literal("화웨이", lang="ko"), Literal("華為", lang="zh-Hant"),
                 Literal("7", datatype=XSD.integer), Literal("0.85", datatype=XSD.decimal), Literal("plain")):
        back = from_ox(to_ox(term))
        assert back == term and type(back) is type(term)
        assert getattr(back, "language", None) == getattr(term, "language", None)
    assert language_case("zh-hans") == "zh-Hans" and language_case("en-us") == "en-US"


def test_rebuilding_the_same_document_changes_nothing(tmp_path):
    doc = SAMPLE / "robotaxi_update.html"
    build([doc], store=tmp_path / "s")
    first = quads(tmp_path / "s")
    build([doc], store=tmp_path / "s")
    assert quads(tmp_path / "s") == first
    with open_store(tmp_path / "s") as st:  # and nothing was written the second time
        (name,) = st.graph_names()
        assert st.replace_graph(st.graph(name)) == (0, 0)


def test_changed_document_replaces_only_its_graph(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("◼ 배터리 협력\n루이신테크는 화웨이와 전략적 협력 협약을 체결했다.\n", encoding="utf-8")
    b.write_text("◼ 우한의 광전자 산업\n우한 둥후 국가자주혁신시범구는 우한의 대표적인 첨단산업 단지다.\n",
                 encoding="utf-8")
    store = tmp_path / "s"
    build([a, b], store=store)
    before = quads(store)
    graph_a = next(g for s, p, o, g in before if "/a-txt-" in g)
    b_quads = {q for q in before if q[3] != graph_a}

    a.write_text("◼ 자율주행 협력\n포니닷에이아이는 바이두와 공동 개발 협약을 맺었다.\n", encoding="utf-8")
    build([a], store=store)
    after = quads(store)
    named = {q for q in after if q[3] != "DEFAULT"}
    assert {q for q in named if q[3] != graph_a} == {q for q in b_quads if q[3] != "DEFAULT"}  # b untouched
    assert not any("루이신" in q[2] for q in after)  # what the old a said is gone, from the union too
    build([a], store=tmp_path / "fresh")  # a's graph is what building the new a gives
    assert {q for q in named if q[3] == graph_a} == {q for q in quads(tmp_path / "fresh") if q[3] != "DEFAULT"}
    union = {q[:3] for q in after if q[3] == "DEFAULT"}
    assert union == {q[:3] for q in named}  # the union follows


def test_a_failed_replace_keeps_the_old_graph(tmp_path):
    """Writes that fail (the disk is full) leave the old graph whole: nothing is removed
    outside the transaction that writes the new one."""
    name = URIRef("https://w3id.org/kgct/graph/t")
    g = Graph(identifier=name)
    g.add((URIRef("urn:x:a"), SKOS.prefLabel, Literal("가", lang="ko")))
    g.add((URIRef("urn:x:a"), SKOS.altLabel, Literal("나", lang="ko")))
    new = Graph(identifier=name)
    new.add((URIRef("urn:x:a"), SKOS.prefLabel, Literal("가", lang="ko")))
    new.add((URIRef("urn:x:b"), SKOS.prefLabel, Literal("다", lang="ko")))

    class DiskFull:
        def __init__(self, store):
            self._store = store

        def __getattr__(self, attr):
            if attr in ("update", "extend", "bulk_extend", "add", "load", "bulk_load"):
                def fail(*args, **kwargs):
                    raise OSError("No space left on device")
                return fail
            return getattr(self._store, attr)

    with open_store(tmp_path / "s", create=True) as st:
        st.replace_graph(g)
        real = st._store
        st._store = DiskFull(real)
        try:
            with pytest.raises(KgError, match="keeps its previous version"):
                st.replace_graph(new)
        finally:
            st._store = real
        assert set(st.graph(name)) == set(g)
        assert st.replace_graph(new) == (1, 1)
        assert set(st.graph(name)) == set(new)


def test_names_a_store_already_has_win(tmp_path):
    """Documents built separately: the entity keeps the Korean name the store gave it first,
    so the union has exactly one Korean prefLabel; the IRI is the same."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("◼ 로봇\n유니트리(宇树科技)는 로봇을 만든다. 유니트리는 항저우에 있다. 유니트리는 성장했다.\n",
                 encoding="utf-8")
    b.write_text("◼ 로봇\n위수커지(宇树科技)는 휴머노이드 로봇을 공개했다. 위수커지는 상장을 준비한다.\n",
                 encoding="utf-8")
    store = tmp_path / "s"
    build([a], store=store)
    build([b], store=store)
    with open_store(store) as st:
        unitree = URIRef("https://w3id.org/kgct/id/unitree")
        ko = {str(o) for _, _, o in st.triples((unitree, SKOS.prefLabel, None)) if o.language == "ko"}
        alt = {str(o) for _, _, o in st.triples((unitree, SKOS.altLabel, None))}
        assert ko == {"유니트리"} and "위수커지" in alt
        assert {from_ox(g) for g in st.store.named_graphs()} == set(st.graph_names())
        # both documents' graphs speak of the same entity
        graphs = {str(q.graph_name) for q in st.store.quads_for_pattern(to_ox(unitree), to_ox(RDF.type), None, None)}
        assert len(graphs - {"DEFAULT"}) == 2
    from kg.validate import validate

    report = validate(store=store)
    assert report.conforms, report.violations[:5]


def test_every_entity_has_one_korean_preflabel(sample):
    with open_store(sample[1]) as st:
        entities = {s for s, _, o in st.triples((None, RDF.type, None)) if o in CORE}
        for e in entities:
            ko = [o for _, _, o in st.triples((e, SKOS.prefLabel, None)) if o.language == "ko"]
            assert len(ko) == 1, (e, ko)


# --------------------------------------------------------------------------- queries


PRESET_CALLS = [
    ("investors-of", {"entity": "宇树科技"}),
    ("investments-by", {"entity": "텐센트"}),
    ("partners-of", {"entity": "위수커지"}),
    ("companies-in", {"entity": "허페이"}),
    ("parks-in", {"entity": "허페이"}),
    ("technology-leaders", {"entity": "휴머노이드 로봇"}),
    ("evidence-for", {"from": "텐센트", "to": "Unitree"}),
    ("path-between", {"from": "닝더스다이", "to": "허페이"}),
]


@pytest.mark.parametrize("name,params", PRESET_CALLS, ids=[c[0] for c in PRESET_CALLS])
def test_presets_on_the_store_give_the_rows_of_the_file(sample, name, params):
    graph_file, store_dir, _ = sample
    expected = run_preset(graph_file, name, params)
    with open_for_query(store_dir) as st:
        got = run_preset(st, name, params)
    assert got.variables == expected.variables
    assert got.rows == expected.rows
    assert got.rows, name  # each call above has answers in the sample corpus


def test_presets_on_the_store_expected_rows(sample):
    with open_for_query(sample[1]) as st:
        def col(result, column):
            i = result.variables.index(column)
            return {row[i] for row in result.rows}

        assert "텐센트" in col(run_preset(st, "investors-of", {"entity": "Unitree"}), "name")
        assert "위수커지" in col(run_preset(st, "partners-of", {"entity": "텐센트"}), "name")
        assert "텐센트" in col(run_preset(st, "partners-of", {"entity": "위수커지"}), "name")
        companies = run_preset(st, "companies-in", {"entity": "허페이"})
        assert "푸리예" in col(companies, "name")
        assert any(row[companies.variables.index("via")] != "direct" for row in companies.rows)
        path = run_preset(st, "path-between", {"from": "닝더스다이", "to": "허페이"})
        assert path.rows[0][1] == "닝더스다이" and path.rows[-1][3] == "허페이"
        steps = [int(r[0]) for r in path.rows]
        assert steps == list(range(1, len(steps) + 1))
        with pytest.raises(KgError, match="no entity named"):
            run_preset(st, "investors-of", {"entity": '" } } SELECT * WHERE { ?s ?p ?o'})


def test_sparql_over_the_store_equals_the_file(sample):
    graph_file, store_dir, _ = sample
    q = ("SELECT ?name (COUNT(?m) AS ?mentions) WHERE { ?e a kg:Company ; skos:prefLabel ?name . "
         "?m kg:mentionOf ?e . FILTER(lang(?name)='ko') } GROUP BY ?name ORDER BY DESC(?mentions) ?name LIMIT 5")
    with open_for_query(store_dir) as st:
        assert run_query(st, q).rows == run_query(graph_file, q).rows
        assert run_query(st, "ASK { ?s a kg:Park }").rows == (("true",),)


def test_cli_query_store_formats(sample):
    store_dir = sample[1]
    result = run("query", "--store", store_dir, "--preset", "investors-of", "--param", "entity=Unitree",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"] == ["investor", "name", "evidences"]
    b = data["results"]["bindings"][0]
    assert b["investor"]["type"] == "uri" and b["name"]["xml:lang"] == "ko"
    assert b["evidences"]["datatype"].endswith("#integer")
    result = run("query", "--store", store_dir, "SELECT ?p WHERE { ?p a kg:Park } LIMIT 2", "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines()[0] == "p" and len(result.output.splitlines()) == 3
    result = run("query", "--store", store_dir, "--preset", "parks-in", "--param", "entity=허페이")
    assert result.exit_code == 0 and "rows" in result.output


def test_cli_store_errors(sample, tmp_path):
    graph_file, store_dir, _ = sample
    assert_user_error(run("query", "--store", store_dir, "SELEC nothing"), "malformed SPARQL")
    assert_user_error(run("query", "--store", store_dir, "--preset", "who-knows"), "unknown preset")
    assert_user_error(run("query", "--store", store_dir, "--preset", "partners-of"), "needs entity")
    assert_user_error(run("query", "--store", store_dir, "--preset", "partners-of", "--param", "entity=없는회사"),
                      "no entity named")
    assert_user_error(run("query", "--store", tmp_path / "nowhere", "SELECT * {}"), "no kg store here")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("x")
    assert_user_error(run("query", "--store", other, "SELECT * {}"), "not a kg store")
    assert_user_error(run("build", SAMPLE / "robotaxi_update.html", "--store", other), "not a kg store")
    assert_user_error(run("query", "--store", graph_file, "SELECT * {}"), "not a folder")
    assert_user_error(run("query", graph_file, "SELECT * {}", "--store", store_dir), "not both")
    assert_user_error(run("query", store_dir, "SELECT * {}"), "is a kg store folder", "--store")
    assert_user_error(run("validate", store_dir), "is a kg store folder", "--store")
    assert_user_error(run("query"), "--store DIR")
    assert_user_error(run("build", SAMPLE / "robotaxi_update.html"), "-o GRAPH", "--store DIR")
    with open_store(store_dir, wait=0):  # held by a writer: a reader waits, then is told why
        import kg.store

        wait, kg.store.LOCK_WAIT = kg.store.LOCK_WAIT, 0.2
        try:
            assert_user_error(run("query", "--store", store_dir, "SELECT * {}"), "store is busy", "a build")
        finally:
            kg.store.LOCK_WAIT = wait


def test_empty_store_is_an_error(tmp_path):
    open_store(tmp_path / "empty", create=True).close()
    assert_user_error(run("query", "--store", tmp_path / "empty", "SELECT * {}"), "the store is empty")
    assert_user_error(run("validate", "--store", tmp_path / "empty"), "the store is empty")


def test_cli_validate_store(sample):
    result = run("validate", "--store", sample[1])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output
    assert_user_error(run("validate"), "--store DIR")
