"""Nothing kg prints carries a terminal control sequence: query results in every format,
messages and log lines escape control characters and bidi overrides (a document's text may
hold an escape sequence that rewrites the clipboard); TSV and CSV stay one row per record
and JSON keeps the exact values; GraphML exports of such text read back."""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.console import make_logging_safe
from kg.safe_text import json_safe, terminal_text, tsv_field
from ontology import KG

runner = CliRunner()

CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: sets the clipboard
HOSTILE = [
    f"샤오미{CLIPBOARD}",
    "화웨이\x1b[2J\x1b[H",  # clear the screen
    "텐센트\r알리바바",  # carriage return: overwrites the line
    "바이두\u202egnp.exe",  # right-to-left override
    "징둥\x9b31m",  # C1 CSI
    "비야디[link=http://127.0.0.1/x]클릭[/link] [/bold]",  # rich markup
    "탭\t줄\n바꿈 \\ 역슬래시, \"따옴표\"",
    "폼\x0c피드\x00널",
]
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("output-safety")
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/kgct/graph/doc0"))
    for i, label in enumerate(HOSTILE):
        e = URIRef(f"https://w3id.org/kgct/id/c{i}")
        g.add((e, RDF.type, KG.Company))
        g.add((e, SKOS.prefLabel, Literal(label, lang="ko")))
    g.add((URIRef("https://w3id.org/kgct/id/c0"), KG.partnersWith, URIRef("https://w3id.org/kgct/id/c1")))
    path = tmp / "hostile.trig"
    ds.serialize(path, format="trig")
    return path


QUERY = "SELECT ?e ?label WHERE { ?e a kg:Company ; skos:prefLabel ?label } ORDER BY ?e"


def labels_out(hostile_graph, fmt):
    result = run("query", hostile_graph, QUERY, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_no_control_character_reaches_the_terminal(hostile_graph, fmt):
    output = labels_out(hostile_graph, fmt)
    allowed = "" if fmt == "tsv" else "\n"
    found = {c for c in RAW_CONTROLS.findall(output) if c not in allowed}
    assert not found, found
    assert "\\u001b]52;c;" in output


def test_table_shows_markup_as_text(hostile_graph):
    output = labels_out(hostile_graph, "table")
    assert "[link=http://127.0.0.1/x]" in output and "[/bold]" in output  # text, not markup
    assert "\\u202e" in output and "\\u009b" in output and "\\u000d" in output


def test_csv_quotes_and_reads_back(hostile_graph):
    rows = list(csv.reader(io.StringIO(labels_out(hostile_graph, "csv"))))
    assert rows[0] == ["e", "label"] and len(rows) == len(HOSTILE) + 1
    got = {r[1] for r in rows[1:]}
    assert terminal_text(HOSTILE[6]) in got  # tab, newline, comma and quotes survive quoting
    assert terminal_text(HOSTILE[0]) in got and "\x1b" not in terminal_text(HOSTILE[0])


def _tsv_unescape(field: str) -> str:
    return re.sub(r"\\(u[0-9a-f]{4}|[tnr\\])", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(
        m.group(1)) or chr(int(m.group(1)[1:], 16)), field)


def test_tsv_is_one_line_per_row_and_escapes_like_sparql_tsv(hostile_graph):
    lines = labels_out(hostile_graph, "tsv").rstrip("\n").split("\n")
    assert lines[0] == "e\tlabel" and len(lines) == len(HOSTILE) + 1
    values = []
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == 2, line
        values.append(_tsv_unescape(fields[1]))
    assert sorted(values) == sorted(HOSTILE)
    assert "탭\\t줄\\n바꿈 \\\\ 역슬래시" in "\n".join(lines)


def test_json_keeps_exact_values(hostile_graph):
    output = labels_out(hostile_graph, "json")
    data = json.loads(output)
    assert sorted(b["label"]["value"] for b in data["results"]["bindings"]) == sorted(HOSTILE)
    assert all(b["label"]["xml:lang"] == "ko" for b in data["results"]["bindings"])


def test_error_messages_are_escaped(tmp_path):
    result = run("query", tmp_path / "g\x1b[31m\u202e.trig", "SELECT * {}")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\u001b[31m" in result.output and len(result.output.strip().splitlines()) == 1


def test_normalize_output_is_escaped(tmp_path):
    doc = tmp_path / "doc.txt"
    body = "샤오미는 오늘 베이징에서 새 스마트폰을 공개했다. " * 8
    doc.write_text(f"◼ 샤오미, 신제품 발표\n{body}\x1b]52;c;ZXZpbA==\x07\n", encoding="utf-8")
    for extra in ([], ["--articles"]):
        result = run("normalize", doc, *extra)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output


def test_log_lines_are_escaped():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        make_logging_safe()
        logging.getLogger("kg.test").warning("skipping %s: unsupported", "evil\x1b[2J.xyz")
    finally:
        root.removeHandler(handler)
    assert stream.getvalue() == "skipping evil\\u001b[2J.xyz: unsupported\n"


def test_graphml_with_control_characters_reads_back(hostile_graph, tmp_path):
    from kg.exports import export_graph

    out = tmp_path / "net.graphml"
    export_graph(hostile_graph, out)
    ET.parse(out)  # well-formed XML 1.0
    g = nx.read_graphml(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert len(labels) == len(HOSTILE)
    assert not any(RAW_CONTROLS.sub("", lab.replace("\r", "")) != lab.replace("\r", "") and
                   re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", lab) for lab in labels)
    assert "폼 피드널" in labels  # a form feed becomes a space, NUL is dropped, as in GEXF


# --------------------------------------------------------------------------- invariants


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_terminal_text_leaves_no_control_but_tab_and_newline(text):
    out = terminal_text(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    if not RAW_CONTROLS.search(text):
        assert out == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tsv_field_is_one_field_and_reversible(text):
    out = tsv_field(text)
    assert "\t" not in out and "\n" not in out and "\r" not in out
    assert _tsv_unescape(out) == text


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda c: st.lists(c) | st.dictionaries(st.text(), c), max_leaves=10))
def test_json_safe_is_the_same_value(value):
    out = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(out) == value
    assert not RAW_CONTROLS.search(out)
