"""Graph files written and read through pyoxigraph (kg.oxio, kg.quad_index): the same RDF as
rdflib writes and reads, language tags in their original case, rdflib where pyoxigraph
cannot do the same."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import KgError
from kg.graph_io import FORMATS, GraphWriter, as_quads, read_graph
from kg.oxio import parse_quads, read_dataset, serialize_triples
from kg.doc_graph import DocumentGraph
from kg.quad_index import QuadIndex
from kg.rdf import PREFIXES

EX = Namespace("https://example.org/kgtest/")
RDFLIB_FORMAT = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}


def sample_graphs(tricky_text: bool = True) -> list[Graph]:
    """Two document graphs with every kind of term kg writes, and some it does not
    (``tricky_text``: literals whose text looks like a language tag)."""
    a = Graph(identifier=EX["graph/a-1"])
    e = EX["id/%EC%A4%91%EA%B5%AD"]  # percent-encoded, as kg encodes Hangul in IRIs
    a.add((e, RDF.type, EX.Company))
    a.add((e, SKOS.prefLabel, Literal("위수커지", lang="ko")))
    a.add((e, SKOS.prefLabel, Literal("宇树科技", lang="zh-Hans")))
    a.add((e, SKOS.altLabel, Literal("宇樹科技", lang="zh-Hant")))
    a.add((e, SKOS.prefLabel, Literal("Unitree", lang="en")))
    a.add((e, SKOS.altLabel, Literal("Unitree Robotics", lang="en-US")))
    a.add((e, EX.note, Literal('he said "hi" \\"x\\" and\nthen\ttabs \\ end')))
    if tricky_text:
        a.add((e, EX.note, Literal('he said "@zh-hans" \\"x\\"')))
        a.add((e, EX.note, Literal('"@zh-hans"', lang="zh-Hans")))
    a.add((e, EX.amount, Literal(12, datatype=XSD.integer)))
    a.add((e, EX.confidence, Literal("0.9", datatype=XSD.decimal)))
    a.add((e, EX.confidence, Literal("1", datatype=XSD.decimal)))
    a.add((e, EX.date, Literal("2025-04-21", datatype=XSD.date)))
    a.add((e, EX.year, Literal("2025", datatype=XSD.gYear)))
    a.add((e, EX.odd, Literal("x y", datatype=EX.customType)))
    b = Graph(identifier=EX["graph/b-2"])
    b.add((e, SKOS.prefLabel, Literal("宇树科技", lang="zh-Hans")))
    b.add((EX["id/other"], EX.partnersWith, e))
    b.add((EX["id/other"], SKOS.prefLabel, Literal("北京", lang="zh-Hans")))
    return [a, b]


def language_pairs(triples) -> set[tuple[str, str]]:
    return {(str(o), o.language) for *_, o in triples if isinstance(o, Literal) and o.language}


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt"])
def test_writer_round_trip_keeps_graphs_terms_and_tag_case(tmp_path, suffix):
    graphs = sample_graphs()
    assert all(serialize_triples(g, g.identifier, FORMATS[suffix], PREFIXES) is not None for g in graphs)
    out = tmp_path / f"g{suffix}"
    with GraphWriter(out, PREFIXES) as writer:
        for g in graphs:
            writer.write(g)
    text = out.read_text(encoding="utf-8")
    assert "@zh-Hans" in text and "@zh-Hant" in text and "@en-US" in text and "@zh-hans ." not in text
    back = Dataset()
    back.parse(out, format=RDFLIB_FORMAT[suffix])
    if suffix in (".trig", ".nq"):
        for g in graphs:
            got = back.graph(g.identifier)
            assert isomorphic(g, got)
            assert language_pairs(got) == language_pairs(g)  # the case of every tag, exactly
    else:
        union = Graph()
        for g in graphs:
            for t in g:
                union.add(t)
        got = Graph()
        for s, p, o, _ in back.quads((None, None, None, None)):
            got.add((s, p, o))
        assert isomorphic(union, got) and language_pairs(got) == language_pairs(union)


def test_text_that_looks_like_a_tag_is_left_alone():
    g = Graph(identifier=EX["graph/t"])
    g.add((EX.s, EX.p, Literal("a")))
    g.add((EX.s, EX.q, Literal("@zh-hans", lang="zh-Hans")))
    g.add((EX.s, EX.r, Literal('" , "@zh-hans')))
    data = serialize_triples(g, g.identifier, "trig", PREFIXES)
    back = Dataset()
    back.parse(data=data.decode("utf-8"), format="trig")
    got = back.graph(g.identifier)
    assert set(got) == set(g)
    assert language_pairs(got) == {("@zh-hans", "zh-Hans")}


def test_one_tag_spelt_two_ways_is_left_to_rdflib(tmp_path):
    g = Graph(identifier=EX["graph/t"])
    g.add((EX.s, EX.p, Literal("a", lang="zh-Hans")))
    g.add((EX.s, EX.p, Literal("b", lang="zh-hans")))
    assert serialize_triples(g, g.identifier, "trig", PREFIXES) is None
    out = tmp_path / "g.trig"
    with GraphWriter(out, PREFIXES) as writer:
        writer.write(g)
    back = read_graph(out)
    assert language_pairs(back.graph(g.identifier)) == {("a", "zh-Hans"), ("b", "zh-hans")}


def test_explicit_xsd_string_is_left_to_rdflib(tmp_path):
    g = Graph(identifier=EX["graph/t"])
    g.add((EX.s, EX.p, Literal("typed", datatype=XSD.string)))
    assert serialize_triples(g, g.identifier, "nquads") is None
    out = tmp_path / "g.nq"
    with GraphWriter(out, PREFIXES) as writer:
        writer.write(g)
    assert parse_quads(out, "nquads") is None  # rdflib reads it: it keeps the datatype
    (o,) = read_graph(out).graph(g.identifier).objects(EX.s, EX.p)
    assert o.datatype == XSD.string


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.sampled_from('ab"\\@\n\t가漢 -zZhHans.,'), max_size=12),
                      min_size=1, max_size=6),
       tags=st.lists(st.sampled_from(["ko", "zh-Hans", "zh-Hant", "en", "en-US", None]), min_size=6, max_size=6))
def test_any_text_and_tag_round_trip(texts, tags):
    g = Graph(identifier=EX["graph/h"])
    for i, text in enumerate(texts):
        g.add((EX[f"s{i}"], EX.p, Literal(text, lang=tags[i])))
    data = serialize_triples(g, g.identifier, "trig", PREFIXES)
    assert data is not None
    back = Dataset()
    back.parse(data=data.decode("utf-8"), format="trig")
    got = back.graph(g.identifier)
    assert {(s, str(o), o.language) for s, _, o in got} == {(s, str(o), o.language) for s, _, o in g}


def write_with_rdflib(path: Path, graphs: list[Graph], default: list[tuple] = ()) -> None:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for g in graphs:
        target = ds.graph(g.identifier)
        for t in g:
            target.add(t)
    for t in default:
        ds.add(t)
    fmt = RDFLIB_FORMAT[path.suffix]
    if fmt in ("turtle", "nt"):
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(path, format=fmt)
    else:
        ds.serialize(path, format=fmt)


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt"])
def test_fast_reading_gives_what_rdflib_reads(tmp_path, suffix):
    """Files written by rdflib (not by kg's writer), read by pyoxigraph into a dataset and
    into a quad index: the same graphs and quads, terms equal and tags in the same case."""
    path = tmp_path / f"g{suffix}"
    write_with_rdflib(path, sample_graphs(tricky_text=False),
                      [(EX.d, EX.p, Literal("in the default graph", lang="en-GB"))])
    slow = Dataset()
    slow.parse(path, format=RDFLIB_FORMAT[suffix])
    fast = read_dataset(path, RDFLIB_FORMAT[suffix])
    assert fast is not None
    slow_quads = set(slow.quads((None, None, None, None)))
    assert set(fast.quads((None, None, None, None))) == slow_quads
    assert {str(g.identifier) for g in fast.graphs()} == {str(g.identifier) for g in slow.graphs()}
    assert language_pairs(q[:3] for q in fast.quads((None, None, None, None))) == \
        language_pairs(q[:3] for q in slow_quads)
    index = as_quads(path)
    assert isinstance(index, QuadIndex)
    assert set(index.quads()) == slow_quads
    assert set(index.quads((None, SKOS.prefLabel, None, None))) == set(slow.quads((None, SKOS.prefLabel, None, None)))
    e = EX["id/%EC%A4%91%EA%B5%AD"]
    assert set(index.quads((e, None, None, None))) == set(slow.quads((e, None, None, None)))
    if suffix in (".trig", ".nq"):
        g = EX["graph/a-1"]
        assert {q[:3] for q in index.quads((None, None, None, g))} == set(slow.graph(g))


def test_a_tag_the_text_spells_in_another_case_is_read_by_rdflib(tmp_path):
    """Text holding "@zh-hans" where the tags are zh-Hans: which case a tag had cannot be
    told from the file's text alone, so rdflib reads it (and keeps every case)."""
    path = tmp_path / "g.trig"
    write_with_rdflib(path, sample_graphs(tricky_text=True))
    assert parse_quads(path, "trig") is None
    slow = Dataset()
    slow.parse(path, format="trig")
    assert set(read_graph(path).quads((None, None, None, None))) == set(slow.quads((None, None, None, None)))
    assert language_pairs(q[:3] for q in as_quads(path).quads((None, None, None, None))) == \
        language_pairs(q[:3] for q in slow.quads((None, None, None, None)))


def test_blank_nodes_read_as_rdflib_reads_them(tmp_path):
    g = Graph(identifier=EX["graph/b"])
    node = BNode()
    g.add((EX.s, EX.p, node))
    g.add((node, EX.q, Literal("x")))
    path = tmp_path / "g.trig"
    write_with_rdflib(path, [g])
    fast, slow = read_graph(path), Dataset()
    slow.parse(path, format="trig")
    assert isomorphic(fast.graph(g.identifier), slow.graph(g.identifier))


def test_kg_build_graph_reads_the_same_both_ways(tmp_path):
    """A graph kg built (the sample corpus), read by pyoxigraph and by rdflib: the same network."""
    from kg.build import build
    from kg.exports.network import to_network
    from kg.views import collect_evidence

    out = tmp_path / "sample.trig"
    build([Path(__file__).resolve().parents[1] / "kg" / "data" / "sample"], out)
    text = out.read_text(encoding="utf-8")
    assert "@zh-Hans" in text and "@zh-hans" not in text  # written by pyoxigraph, tags as kg gave them
    slow = Dataset()
    slow.parse(out, format="trig")
    fast = as_quads(out)
    assert isinstance(fast, QuadIndex) and set(fast.quads()) == set(slow.quads((None, None, None, None)))
    assert {tag for *_, o, _ in fast.quads((None, SKOS.prefLabel, None, None)) for tag in [o.language]} >= {"ko", "zh-Hans"}

    def canonical(net):
        nodes = {n: {k: tuple(sorted(v.split("|"))) if isinstance(v, str) else v for k, v in d.items()}
                 for n, d in net.nodes(data=True)}
        return nodes, sorted((a, b, k, sorted(d.items())) for a, b, k, d in net.edges(keys=True, data=True))

    assert canonical(to_network(fast)) == canonical(to_network(slow))
    assert collect_evidence(fast, 0.0) == collect_evidence(slow, 0.0)


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_a_damaged_file_is_one_line_naming_it(tmp_path, suffix):
    path = tmp_path / f"g{suffix}"
    write_with_rdflib(path, sample_graphs())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b' "unterminated\n<x')
    for read in (read_graph, as_quads):
        with pytest.raises(KgError) as info:
            read(path)
        message = str(info.value)
        assert "\n" not in message and str(path) in message and "not valid" in message
        assert re.search(r"\(line \d+, column \d+: ", message)  # where, as pyoxigraph found it


def test_document_graph_is_a_set_of_triples_in_order():
    g = DocumentGraph(EX["graph/d"])
    triples = [(EX.a, RDF.type, EX.Company), (EX.a, SKOS.prefLabel, Literal("가", lang="ko")),
               (EX.b, RDF.type, EX.Company), (EX.a, RDF.type, EX.Company)]
    for t in triples:
        g.add(t)
    assert list(g) == triples[:3] and len(g) == 3 and triples[1] in g
    assert list(g.triples((None, RDF.type, None))) == [triples[0], triples[2]]
    assert list(g.subjects(RDF.type, EX.Company)) == [EX.a, EX.b]
    assert g.identifier == EX["graph/d"]
