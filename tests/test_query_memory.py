"""A graph file queried in Oxigraph (kg.memory_graph) answers as rdflib's dataset did.

Every preset and a set of SPARQL queries run over the sample corpus graph as TriG, N-Quads
(also with language tags in lower case) and Turtle, once through rdflib (``FileGraph``: the
file read into an rdflib dataset, rdflib's SPARQL) and once through ``open_graph`` (the file
loaded into an in-memory pyoxigraph store); the rows must be the same terms. Hypothesis
checks the same on generated files full of literals Oxigraph would store differently."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import KgError
from kg.graph_io import GraphWriter, read_graph
from kg.memory_graph import MemoryGraph, canonical, open_file
from kg.ox_source import lang_as_function
from kg.presets import preset_names, preset_parameters, run_preset
from kg.query import DatasetGraph, FileGraph, open_graph, run_query
from kg.query_process import encode_term

from .conftest import SAMPLE
from .test_cli import assert_user_error

runner = CliRunner()


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The sample corpus graph in each format a graph file can have."""
    import pyoxigraph as ox

    tmp = tmp_path_factory.mktemp("query-memory")
    trig = tmp / "sample.trig"
    build([SAMPLE], trig)
    ds = read_graph(trig)
    nq = tmp / "sample.nq"
    nq.write_bytes(ds.serialize(format="nquads", encoding="utf-8"))
    lower = tmp / "sample-lower.nq"  # pyoxigraph writes language tags in lower case: zh-hans
    ox.serialize(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG), output=str(lower),
                 format=ox.RdfFormat.N_QUADS)
    ttl = tmp / "sample.ttl"  # the union, as kg writes a triple format
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    with GraphWriter(ttl, dict(ds.namespaces())) as writer:
        writer.write(union)
    return {"trig": trig, "nq": nq, "nq-lower-tags": lower, "ttl": ttl}


FORMATS = ["trig", "nq", "nq-lower-tags", "ttl"]


def rows(result, ordered: bool = False, as_text: tuple[str, ...] = ()) -> tuple:
    """The rows as wire terms (in order when ``ordered``); columns ``as_text`` (GROUP_CONCATs
    of preset rounds-of) as the set of the names they join: SPARQL leaves the order of a
    GROUP_CONCAT open, and rdflib keeps a language tag the parts share where Oxigraph does not."""
    text = {i for i, v in enumerate(result.variables) if v in as_text}
    out = [tuple(tuple(sorted(str(t).split(" · "))) if i in text and t is not None else encode_term(t)
                 for i, t in enumerate(row))
           for row in result.terms]
    return tuple(result.variables), out if ordered else sorted(out, key=repr)


def both(path: Path):
    rdflib_source = FileGraph(path)
    ox_source = open_file(path)
    assert isinstance(ox_source, MemoryGraph), path
    return rdflib_source, ox_source


# ------------------------------------------------------------------ presets

ENTITIES = ["텐센트", "위수커지", "허페이", "휴머노이드 로봇"]


def preset_calls():
    """(preset, parameters, minimum confidence) for every preset."""
    for name in preset_names():
        needed = preset_parameters(name)
        if name == "path-between":
            for a, b in (("텐센트", "허페이"), ("위수커지", "휴머노이드 로봇")):
                yield name, {"from": a, "to": b}, 0.0
                yield name, {"from": a, "to": b, "avoid": "hubs"}, 0.0
            yield name, {"from": "텐센트", "to": "허페이"}, 0.6
        elif needed == ["entity"]:
            for e in ENTITIES:
                yield name, {"entity": e}, 0.0
            yield name, {"entity": ENTITIES[0]}, 0.6
        else:
            yield name, {}, 0.0
            yield name, {}, 0.6


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_preset_gives_the_same_rows(graphs, fmt):
    a, b = both(graphs[fmt])
    compared = 0
    for name, params, conf in preset_calls():
        try:
            expected = run_preset(a, name, params, conf)
        except KgError as exc:  # a name the file's graph does not have: the same error
            with pytest.raises(KgError, match=re.escape(str(exc))):
                run_preset(b, name, params, conf)
            continue
        got = run_preset(b, name, params, conf)
        concatenated = ("leads", "participants") if name == "rounds-of" else ()
        assert (rows(got, ordered=True, as_text=concatenated)
                == rows(expected, ordered=True, as_text=concatenated)), (name, params, conf)
        compared += bool(expected.rows)
    assert compared >= 12  # the presets found something to compare


# ------------------------------------------------------------------ ad-hoc queries

QUERIES = {
    "filter": "SELECT ?e ?l WHERE { ?e a kg:Company ; skos:prefLabel ?l FILTER(lang(?l) = 'ko' && STRLEN(?l) > 3) }",
    "optional": "SELECT ?e ?ref WHERE { ?e a kg:Company OPTIONAL { ?e kg:referenceId ?ref } }",
    "langmatches": "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(langMatches(lang(?l), 'zh')) }",
    "lang in its case": "SELECT ?e ?l (lang(?l) AS ?t) WHERE { ?e skos:prefLabel ?l FILTER(lang(?l) = 'zh-Hans') }",
    "lang grouped": "SELECT ?t (COUNT(*) AS ?n) WHERE { ?e skos:prefLabel ?l BIND(LANG(?l) AS ?t) } GROUP BY ?t",
    "graph ?g": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "graph names": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }",
    "graph join": "SELECT ?g ?e WHERE { GRAPH ?g { ?e a kg:Investor } ?e kg:investsIn ?x }",
    "ask yes": "ASK { ?e a kg:Company }",
    "ask no": "ASK { ?e a kg:NoSuchClass }",
    "count": "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE { ?s ?p ?o }",
    "min max count": "SELECT ?p (COUNT(?o) AS ?n) (MIN(?c) AS ?lo) (MAX(?c) AS ?hi) "
                     "WHERE { ?ev kg:predicate ?p ; kg:confidence ?c ; kg:object ?o } GROUP BY ?p",
    "having": "SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e skos:prefLabel ?l } GROUP BY ?e HAVING (COUNT(?l) > 2)",
    "order by": "SELECT ?e ?l WHERE { ?e a kg:Company ; skos:prefLabel ?l FILTER(lang(?l)='ko') } "
                "ORDER BY DESC(?l) ?e LIMIT 15",
    "order by number": "SELECT ?ev ?c WHERE { ?ev kg:confidence ?c } ORDER BY DESC(?c) ?ev LIMIT 25",
    "values": "SELECT ?e ?t WHERE { VALUES ?t { kg:Company kg:City kg:Park } ?e a ?t }",
    "bind": "SELECT ?e (CONCAT(STR(?l), '/', LCASE(STR(?l))) AS ?x) (STRLEN(?l) AS ?n) "
            "WHERE { ?e skos:prefLabel ?l BIND(lang(?l) AS ?lang) FILTER(?lang = 'en') }",
    "integer arithmetic": "SELECT ?m (?e - ?s AS ?len) WHERE { ?m a kg:Mention ; kg:startOffset ?s ; "
                          "kg:endOffset ?e FILTER(?e - ?s > 4) }",
    "not exists": "SELECT ?e WHERE { ?e a kg:Company FILTER NOT EXISTS { ?e kg:locatedIn ?x } }",
    "minus": "SELECT ?e WHERE { ?e a kg:Company MINUS { ?e a kg:Investor } }",
    "union": "SELECT ?x WHERE { { ?x a kg:City } UNION { ?x a kg:Region } }",
    "property path": "SELECT ?a ?b WHERE { ?a kg:locatedIn+ ?b }",
    "regex": "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(REGEX(?l, '^[A-Z]', 'i')) }",
    "subquery": "SELECT ?e ?n WHERE { { SELECT ?e (COUNT(?o) AS ?n) WHERE { ?e kg:partnersWith ?o } "
                "GROUP BY ?e } FILTER(?n >= 1) }",
    "datatypes": "SELECT DISTINCT (datatype(?o) AS ?dt) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }",
    "dates": "SELECT ?a ?d WHERE { ?a dcterms:date ?d FILTER(?d >= '2025-01-01'^^xsd:date) }",
    "string of a number": "SELECT (STR(?c) AS ?s) (COUNT(*) AS ?n) WHERE { ?ev kg:confidence ?c } GROUP BY ?c",
    "numeric filter": "SELECT ?ev ?c WHERE { ?ev kg:confidence ?c FILTER(?c >= 0.7 && ?c < 0.9) }",
    "sample distinct": "SELECT DISTINCT ?type WHERE { ?e a ?type }",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_queries_give_the_same_rows(graphs, fmt):
    a, b = both(graphs[fmt])
    nonempty = 0
    for name, sparql in QUERIES.items():
        ordered = "ORDER BY" in sparql
        expected = run_query(a, sparql)
        assert rows(run_query(b, sparql), ordered) == rows(expected, ordered), name
        nonempty += bool(expected.rows) and expected.rows != (("false",),)
    assert nonempty >= len(QUERIES) - 3 if fmt != "ttl" else nonempty >= len(QUERIES) - 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_bindings_give_the_same_rows(graphs, fmt):
    from rdflib import Literal, URIRef

    a, b = both(graphs[fmt])
    company = URIRef(run_query(a, "SELECT ?e WHERE { ?e kg:investsIn ?x } ORDER BY ?e LIMIT 1").terms[0][0])
    sparql = "SELECT ?e ?p ?o WHERE { ?e ?p ?o }"
    assert rows(b.select(sparql, {"e": company})) == rows(a.select(sparql, {"e": company}))
    sparql = "SELECT ?k ?e WHERE { ?e kg:nameKey ?k }"
    assert rows(b.select(sparql, {"k": Literal("텐센트")})) == rows(a.select(sparql, {"k": Literal("텐센트")}))
    assert rows(b.select(sparql, {"k": Literal("텐센트")}))[1]


def test_computed_numbers_are_the_same_values(graphs):
    """Arithmetic and SUM/AVG give the same numbers; Oxigraph writes them in canonical form
    (1.5, not rdflib's 1.50), as on a store."""
    a, b = both(graphs["trig"])
    sparql = ("SELECT ?p (SUM(?c) AS ?sum) (AVG(?c) AS ?avg) (SUM(?c * 2) AS ?twice) WHERE { "
              "?ev kg:predicate ?p ; kg:confidence ?c } GROUP BY ?p")
    def values(source):
        return sorted((str(p), *(round(Decimal(str(v)), 12) for v in rest)) for p, *rest in run_query(source, sparql).terms)
    assert values(b) == values(a) and values(a)


def test_a_kg_file_is_read_without_rdflib(graphs, monkeypatch):
    """The file goes straight into Oxigraph: no rdflib dataset is built beside it."""
    import kg.memory_graph as memory_graph

    def no_rdflib(*args, **kwargs):
        raise AssertionError("read_graph called")

    monkeypatch.setattr(memory_graph, "read_graph", no_rdflib)
    for fmt in FORMATS:
        with open_graph(graphs[fmt]) as source:
            assert isinstance(source, MemoryGraph)
            assert len(source) == len(FileGraph(graphs[fmt]).dataset)


# ------------------------------------------------------------------ files Oxigraph reads differently

PREFIXES = "@prefix x: <urn:x:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
ALL = "SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"


def _same(path: Path, *queries: str):
    rdflib_rows = [rows(run_query(FileGraph(path), q)) for q in queries]
    with open_graph(path) as source:
        assert [rows(run_query(source, q)) for q in queries] == rdflib_rows
        return type(source)


@pytest.mark.parametrize("literal, answered_by", [
    ('"1.0"^^xsd:decimal', DatasetGraph), ("1.50", DatasetGraph),
    ('"2025-01-01T00:00:00+00:00"^^xsd:dateTime', DatasetGraph),
    ('"01"^^xsd:integer', MemoryGraph),  # rdflib reads it as 1 too: copied into Oxigraph
    ("true", MemoryGraph), ("0.5", MemoryGraph)])  # canonical: Oxigraph reads them itself
def test_a_number_not_in_canonical_form_is_answered_by_rdflib(tmp_path, literal, answered_by):
    g = tmp_path / "g.trig"
    g.write_text(PREFIXES + f"x:g {{ x:a x:p {literal} . }}\n", encoding="utf-8")
    assert _same(g, ALL, "SELECT (STR(?o) AS ?text) WHERE { ?s ?p ?o }") is answered_by
    assert canonical([]) is True


def test_an_explicit_xsd_string_and_a_tag_spelt_two_ways_are_answered_by_rdflib(tmp_path):
    g = tmp_path / "g.trig"
    g.write_text(PREFIXES + 'x:g { x:a x:p "s"^^xsd:string , "t" . }\n', encoding="utf-8")
    assert _same(g, ALL) is DatasetGraph
    g.write_text(PREFIXES + 'x:g { x:a x:p "s"@zh-Hans . x:b x:p "t"@zh-hans . }\n', encoding="utf-8")
    assert _same(g, ALL, "SELECT ?o (lang(?o) AS ?t) WHERE { ?s ?p ?o }") is DatasetGraph


def test_files_pyoxigraph_cannot_read_are_read_by_rdflib_then_copied(tmp_path):
    g = tmp_path / "rel.ttl"  # a relative IRI: rdflib resolves it against the file
    g.write_text('<a> <urn:x:p> "v"@en-GB .\n', encoding="utf-8")
    assert _same(g, ALL, "SELECT (lang(?o) AS ?t) WHERE { ?s ?p ?o FILTER(lang(?o) = 'en-GB') }") is MemoryGraph
    g = tmp_path / "empty.trig"  # an empty graph block: rdflib keeps the graph
    g.write_text(PREFIXES + "x:g1 { x:a x:p x:b . }\nx:g2 { }\n", encoding="utf-8")
    assert _same(g, ALL, "SELECT ?g WHERE { GRAPH ?g { } }") is MemoryGraph
    g = tmp_path / "g.jsonld"
    g.write_text('{"@id": "urn:x:a", "urn:x:p": [{"@value": "v", "@language": "ko"}, 1.5]}', encoding="utf-8")
    _same(g, ALL)


def test_default_graph_triples_are_in_the_union_and_in_no_named_graph(tmp_path):
    g = tmp_path / "g.trig"
    g.write_text(PREFIXES + "x:a x:p x:b . x:g { x:a x:p x:b . x:c x:p x:d . }\n", encoding="utf-8")
    assert _same(g, ALL, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                 "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g") is MemoryGraph


def test_lang_calls_are_found_in_code_only():
    q = ('SELECT (LANG(?l) AS ?t) WHERE { ?s ex:lang ?l ; <urn:lang(> "lang(" , \'\'\'lang(\'\'\' '
         '# lang(\n FILTER(?a < ?b && lang (?l) = "ko" && langMatches(?t, "zh") && ?lang) }')
    out = lang_as_function(q)
    assert out.count("<urn:kg:function:lang>") == 2
    assert 'ex:lang ?l ; <urn:lang(> "lang(" , \'\'\'lang(\'\'\' # lang(' in out
    assert lang_as_function("SELECT ?lang WHERE { ?s ex:lang(?lang) }") is None


# ------------------------------------------------------------------ generated files


TAGS = ["ko", "en", "zh-Hans", "zh-hans", "EN-us", "de-CH"]
LITERALS = st.one_of(
    st.sampled_from(['"1"', '"가나"', '"a\\"b"', '"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                     '"1"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                     '"0.50"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                     '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                     '"007"^^<http://www.w3.org/2001/XMLSchema#integer>',
                     '"7"^^<http://www.w3.org/2001/XMLSchema#integer>',
                     '"2025-03-01"^^<http://www.w3.org/2001/XMLSchema#date>',
                     '"x"^^<http://www.w3.org/2001/XMLSchema#string>',
                     '"x"^^<urn:x:type>']),
    st.tuples(st.sampled_from(["이름", "name", "名"]), st.sampled_from(TAGS)).map(lambda t: f'"{t[0]}"@{t[1]}'),
)
NODES = st.sampled_from(["<urn:x:a>", "<urn:x:b>", "<urn:x:c>"])
QUAD = st.tuples(NODES, st.sampled_from(["<urn:x:p>", "<urn:x:q>"]), st.one_of(NODES, LITERALS),
                 st.sampled_from(["", "<urn:x:g1>", "<urn:x:g2>"]))
GENERATED_QUERIES = (ALL, "SELECT ?o (lang(?o) AS ?t) (datatype(?o) AS ?d) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }",
                     "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                     "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = 1 || lang(?o) = 'zh-Hans') }")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quads=st.lists(QUAD, min_size=1, max_size=12))
def test_generated_files_give_the_same_rows(tmp_path, quads):
    g = tmp_path / "g.nq"
    g.write_text("".join(f"{s} {p} {o} {gr} .\n" for s, p, o, gr in quads), encoding="utf-8")
    _same(g, *GENERATED_QUERIES)


# ------------------------------------------------------------------ errors in one line


def test_malformed_sparql_and_a_damaged_file_are_one_line(graphs, tmp_path):
    result = runner.invoke(app, ["query", str(graphs["trig"]), "SELECT ?x WHERE { ?x ?y }"])
    assert_user_error(result, "malformed SPARQL")
    damaged = tmp_path / "damaged.trig"
    damaged.write_text(graphs["trig"].read_text(encoding="utf-8")[:5000] + "\n<urn:x:a> <urn:x:b .\n",
                       encoding="utf-8")
    assert_user_error(runner.invoke(app, ["query", str(damaged), "SELECT * WHERE { ?s ?p ?o }"]),
                      "damaged.trig", "not valid trig")


# ------------------------------------------------------------------ fact tables


def test_fact_tables_are_the_same(graphs):
    from kg.facts import read_facts

    for fmt in ("trig", "ttl"):
        a, b = both(graphs[fmt])
        assert read_facts(b) == read_facts(a) and read_facts(a)
        assert read_facts(b, min_confidence=0.7) == read_facts(a, min_confidence=0.7)


def test_a_fact_table_of_a_file_is_read_without_rdflib(graphs, tmp_path, monkeypatch):
    import kg.graph_io
    import kg.memory_graph
    from kg.exports import export_graph

    expected = export_graph(graphs["trig"], tmp_path / "before.facts.csv", facts=True)[0].read_bytes()

    def no_rdflib(*args, **kwargs):
        raise AssertionError("read_graph called")

    monkeypatch.setattr(kg.graph_io, "read_graph", no_rdflib)
    monkeypatch.setattr(kg.memory_graph, "read_graph", no_rdflib)
    out = export_graph(graphs["trig"], tmp_path / "after.facts.csv", facts=True)[0]
    assert out.read_bytes() == expected and expected.count(b"\n") > 10
