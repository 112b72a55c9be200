"""The command line: every command has help with an example, appears in the README, and
user errors give one clear line and a non-zero exit without a traceback."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from ontology import KG

from .conftest import REPO, SAMPLE

runner = CliRunner()
COMMANDS = ["build", "normalize", "query", "view", "export", "validate", "eval", "demo", "serve"]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_user_error(result, *needles):
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("kg: error:"), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for cmd in COMMANDS:
        assert re.search(rf"\b{cmd}\b", result.output), cmd


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help_with_example(cmd):
    result = run(cmd, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"kg {cmd}" in result.output


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_is_in_the_readme(cmd):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"kg {cmd}" in readme


def test_build_missing_source(tmp_path):
    assert_user_error(run("build", tmp_path / "nope.txt", "-o", tmp_path / "g.trig"), "nope.txt", "does not exist")


def test_build_unknown_output_format(tmp_path):
    result = run("build", SAMPLE / "robotaxi_update.html", "-o", tmp_path / "g.xyz")
    assert_user_error(result, "g.xyz", ".trig")


def test_build_unsupported_named_file(tmp_path):
    bad = tmp_path / "table.xlsx"
    bad.write_bytes(b"PK\x03\x04")
    assert_user_error(run("build", bad, "-o", tmp_path / "g.trig"), "table.xlsx")


def test_build_failure_keeps_existing_output(tmp_path):
    out = tmp_path / "g.nt"
    out.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8\x00\xdc" * 3 + b"\x00")  # not decodable as text
    result = run("build", bad, "-o", out)
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "<urn:a> <urn:b> <urn:c> .\n"


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".nt", ".nq", ".jsonld"])
def test_build_writes_every_format(tmp_path, suffix):
    out = tmp_path / f"g{suffix}"
    result = run("build", SAMPLE / "robotaxi_update.html", "-o", out)
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out, format={".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".nq": "nquads",
                          ".jsonld": "json-ld"}[suffix])
    ds.default_union = True
    assert len(list(ds.subjects(predicate=None, object=KG.Document))) == 1
    assert len(list(ds.subjects(predicate=None, object=KG.Article))) >= 1
    assert len(list(ds.subjects(predicate=None, object=KG.Company))) >= 3


def test_normalize_missing_file(tmp_path):
    assert_user_error(run("normalize", tmp_path / "x.txt"), "x.txt", "does not exist")


def test_normalize_folder(tmp_path):
    assert_user_error(run("normalize", tmp_path), "folder")


def test_normalize_articles_are_json_with_offsets():
    src = SAMPLE / "weekly_brief_2025w17.txt"
    result = run("normalize", src, "--articles")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(records) >= 3
    original = src.read_text(encoding="utf-8")
    titled = [r for r in records if r["title"] and "인허퉁융" in r["title"]]
    assert titled, [r["title"] for r in records]
    art = titled[0]
    assert art["date"] == "2025-04-21"
    assert art["source"] == "36Kr"
    assert 0 <= art["start"] < art["end"] <= len(original)
    assert "인허퉁융" in original[art["start"]:art["end"]]


def test_normalize_prints_clean_text():
    result = run("normalize", SAMPLE / "park_report_hefei.txt")
    assert result.exit_code == 0
    assert "\n\n" not in result.output.strip()


def test_query_missing_graph(tmp_path):
    assert_user_error(run("query", tmp_path / "g.trig", "SELECT * WHERE {?s ?p ?o}"), "g.trig", "does not exist")


def test_query_malformed_sparql(tmp_path):
    out = tmp_path / "g.trig"
    assert run("build", SAMPLE / "robotaxi_update.html", "-o", out).exit_code == 0
    assert_user_error(run("query", out, "SELEKT nonsense"), "malformed SPARQL")


def test_query_counts_companies(tmp_path):
    out = tmp_path / "g.trig"
    assert run("build", SAMPLE / "robotaxi_update.html", "-o", out).exit_code == 0
    result = run("query", out, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Company }", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert int(result.output.splitlines()[1]) >= 3


def test_view_missing_graph(tmp_path):
    assert_user_error(run("view", tmp_path / "g.trig", "-o", tmp_path / "out.html"), "g.trig", "does not exist")


def test_export_missing_graph(tmp_path):
    assert_user_error(run("export", tmp_path / "g.trig", "-o", tmp_path / "n.gexf"), "g.trig", "does not exist")


def test_export_unknown_format(tmp_path):
    out = tmp_path / "g.trig"
    assert run("build", SAMPLE / "robotaxi_update.html", "-o", out).exit_code == 0
    assert_user_error(run("export", out, "-o", tmp_path / "n.xlsx"), "n.xlsx", ".gexf")


def test_export_formats_parse_back(tmp_path):
    import csv as csvmod

    import networkx as nx

    out = tmp_path / "g.trig"
    assert run("build", SAMPLE, "-o", out).exit_code == 0
    for name in ("n.gexf", "n.graphml", "n.csv"):
        result = run("export", out, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    g = nx.read_gexf(tmp_path / "n.gexf")
    h = nx.read_graphml(tmp_path / "n.graphml")
    assert g.number_of_nodes() == h.number_of_nodes() > 50
    assert g.number_of_edges() == h.number_of_edges() > 20
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert relations == {"invests_in", "located_in", "partners_with", "develops"}
    for _, d in g.nodes(data=True):
        assert d["type"] in ("Company", "Investor", "Organization", "Park", "City", "Region",
                             "Technology", "Product")
        assert isinstance(d["degree"], int) and "viz" in d
    with open(tmp_path / "n-edges.csv", encoding="utf-8") as fh:
        rows = list(csvmod.DictReader(fh))
    assert rows and set(rows[0]) >= {"Source", "Target", "Type", "Weight"}
    assert {r["Type"] for r in rows} == {"Directed", "Undirected"}
    with open(tmp_path / "n-nodes.csv", encoding="utf-8") as fh:
        assert set(next(csvmod.DictReader(fh))) >= {"Id", "Label"}


def test_validate_missing_graph(tmp_path):
    assert_user_error(run("validate", tmp_path / "g.trig"), "g.trig", "does not exist")


def test_validate_built_graph_is_valid(tmp_path):
    out = tmp_path / "g.trig"
    assert run("build", SAMPLE, "-o", out).exit_code == 0
    result = run("validate", out)
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_reports_violations(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kgct/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:a> a kg:Company ; skos:prefLabel \"가\"@ko ; kg:develops <urn:x:b> .\n"
        "<urn:x:b> a kg:City ; skos:prefLabel \"나\"@ko , \"다\"@ko .\n"
        "<urn:x:c> a kg:Park .\n", encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "3 violations" in " ".join(result.output.split())
    from kg.validate import validate

    report = validate(bad)
    # develops a City; two Korean prefLabels; a park without a name
    assert not report.conforms
    assert {v.focus for v in report.violations} == {"urn:x:a", "urn:x:b", "urn:x:c"}


def test_eval_missing_gold_folder(tmp_path):
    assert_user_error(run("eval", "--gold", tmp_path / "nogold", SAMPLE / "robotaxi_update.html"), "nogold")


def test_eval_missing_gold_file(tmp_path):
    assert_user_error(run("eval", "--gold", tmp_path, SAMPLE / "robotaxi_update.html"), "robotaxi_update.json")


def test_demo_into_a_file_is_an_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    assert_user_error(run("demo", "-o", f), "not a folder")


def test_demo_end_to_end(tmp_path):
    out = tmp_path / "demo"
    result = run("demo", "-o", out)
    assert result.exit_code == 0, result.output
    graph = out / "graph.trig"
    assert graph.exists()
    ds = Dataset()
    ds.parse(graph, format="trig")
    names = {str(c.identifier) for c in ds.graphs()}
    assert len([n for n in names if "/graph/" in n]) == 7  # one named graph per sample file
    ds.default_union = True
    docs = set(ds.subjects(predicate=None, object=KG.Document))
    assert len(docs) == 7
    printed = " ".join(result.output.split())
    for name in ("graph.trig", "network.html", "network.gexf"):
        assert (out / name).exists()
        assert str(out / name) in printed
    assert "vis.Network" in (out / "network.html").read_text(encoding="utf-8")
