"""Issue 14: the store as the workspace. Documents added one at a time resolve against
what the store holds and give what building them together gives; removing a document
takes what only it stated; records round-trip exactly."""
from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from typer.testing import CliRunner

from extraction.records_io import dump_extraction, load_extraction
from kg.build import build, extract_files
from kg.cli import app
from kg.incremental import remove, status
from kg.store import open_store

from .conftest import SAMPLE

runner = CliRunner()
DOCS = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf"))


def named_quads(store_dir) -> set[tuple]:
    with open_store(store_dir, read_only=True) as s:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in s.store}


@pytest.fixture(scope="module")
def together(tmp_path_factory):
    """The sample corpus built at once into a store (after one warm-up pass, so Kiwi has
    learnt the corpus's names the same way for every build of this module)."""
    tmp = tmp_path_factory.mktemp("together")
    build(DOCS, store=tmp / "warm-up")
    build(DOCS, store=tmp / "s")
    return tmp / "s"


def test_records_round_trip_exactly():
    for ex in extract_files(DOCS[:3]):
        data = json.loads(json.dumps(dump_extraction(ex), ensure_ascii=False))
        assert load_extraction(data) == ex.slim()


@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(DOCS))), cuts=st.sets(st.integers(1, len(DOCS) - 1), max_size=3))
def test_one_at_a_time_equals_all_at_once(together, tmp_path_factory, order, cuts):
    store = tmp_path_factory.mktemp("groups") / "s"
    bounds = [0, *sorted(cuts), len(DOCS)]
    for a, b in zip(bounds, bounds[1:]):
        build([DOCS[i] for i in order[a:b]], store=store)
    assert named_quads(store) == named_quads(together)


def test_add_reports_what_changed_and_a_readd_changes_nothing(tmp_path):
    first = build(DOCS[:2], store=tmp_path / "s")
    assert first.store_change.entities_added > 0 and first.store_change.entities_removed == 0
    again = build(DOCS[:2], store=tmp_path / "s")
    assert again.store_change.describe() == "+0 -0 entities, +0 -0 relations"
    assert again.store_change.graphs_rewritten == 0


def test_remove_takes_what_only_that_document_stated(together, tmp_path):
    store = tmp_path / "s"
    shutil.copytree(together, store)
    (store / "kg-store.lock").unlink(missing_ok=True)
    alone = tmp_path / "without"
    build([d for d in DOCS if d != DOCS[0]], store=alone)
    removed, change = remove(store, DOCS[0].name)
    assert len(removed) == 1 and change.entities_removed > 0
    assert named_quads(store) == named_quads(alone)
    assert len(status(store).documents) == len(DOCS) - 1


def test_status_lists_documents_and_counts(together):
    st_ = status(together)
    assert sorted(d.name for d in st_.documents) == sorted(d.name for d in DOCS)
    assert all(d.recorded and d.characters > 0 and d.articles > 0 for d in st_.documents)
    assert st_.entities > 0 and st_.relations > 0


def test_cli_status_and_remove(together, tmp_path):
    store = tmp_path / "s"
    shutil.copytree(together, store)
    result = runner.invoke(app, ["status", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert DOCS[1].name in result.output and "entities" in result.output
    result = runner.invoke(app, ["remove", DOCS[1].name, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "removed" in result.output and "entities" in result.output
    result = runner.invoke(app, ["remove", "no-such-document.txt", "--store", str(store)])
    assert result.exit_code == 1 and "no document" in result.output


def test_workers_give_the_same_graph(tmp_path):
    """Extraction in two worker processes (spawned, analysers loaded once each) gives the
    graph one process gives: compared as isomorphic datasets and quad by quad."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    import subprocess
    import sys

    from .conftest import REPO

    for n, name in ((1, "one.nq"), (2, "two.nq")):  # fresh processes: what Kiwi learnt before is the same
        run = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", *map(str, DOCS),
                              "-o", str(tmp_path / name), "--workers", str(n)], cwd=REPO, capture_output=True,
                             text=True, timeout=900)
        assert run.returncode == 0, run.stderr
    a, b = Dataset(), Dataset()
    a.parse(tmp_path / "one.nq", format="nquads")
    b.parse(tmp_path / "two.nq", format="nquads")
    names = {g.identifier for g in a.graphs() if len(g)}
    assert names == {g.identifier for g in b.graphs() if len(g)} and len(names) == len(DOCS)
    assert all(isomorphic(a.graph(n), b.graph(n)) for n in names)
    assert sorted((tmp_path / "one.nq").read_text(encoding="utf-8").splitlines()) == \
        sorted((tmp_path / "two.nq").read_text(encoding="utf-8").splitlines())


def test_dask_engine_gives_the_same_graph(tmp_path):
    """A local Dask cluster (one worker process, files sent as bytes) extracts what a plain
    build extracts: the same quads, document paths and names included (both builds in
    fresh processes, so that what Kiwi learnt before is the same)."""
    pytest.importorskip("dask.distributed")
    import subprocess
    import sys

    from .conftest import REPO

    docs = DOCS[:3]
    for extra, name in ((["--workers", "1"], "plain.nq"), (["--engine", "dask", "--workers", "1"], "dask.nq")):
        run = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", *map(str, docs),
                              "-o", str(tmp_path / name), *extra], cwd=REPO, capture_output=True, text=True,
                             timeout=900)
        assert run.returncode == 0, run.stderr
    assert sorted((tmp_path / "plain.nq").read_text(encoding="utf-8").splitlines()) == \
        sorted((tmp_path / "dask.nq").read_text(encoding="utf-8").splitlines())


def test_dask_engine_skips_unreadable_files(tmp_path):
    pytest.importorskip("dask.distributed")
    bad = tmp_path / "bad.txt"
    good = "화웨이는 선전에 본사를 둔 통신장비 기업이다.\n".encode("utf-8")
    bad.write_bytes(good[:9] + b"\xff" + good[9:])
    summary = build([DOCS[0], bad], tmp_path / "g.nq", engine="dask", workers=1)
    assert [d.name for d in summary.documents] == [DOCS[0].name]
    (skipped,) = summary.errors
    assert str(bad) in skipped.reason and "line 1" in skipped.reason and "kg-extract-" not in skipped.reason


def test_view_and_export_read_a_store(together, tmp_path):
    """kg view and kg export take --store like kg query: the same network as from a file."""
    import networkx as nx

    file_graph = tmp_path / "all.trig"
    build(DOCS, file_graph, workers=1)
    for args in (["--store", str(together)], [str(file_graph)]):
        name = "s" if args[0] == "--store" else "f"
        result = runner.invoke(app, ["export", *args, "-o", str(tmp_path / f"{name}.graphml")])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["view", *args, "-o", str(tmp_path / f"{name}.html")])
        assert result.exit_code == 0, result.output
    a, b = nx.read_graphml(tmp_path / "s.graphml"), nx.read_graphml(tmp_path / "f.graphml")
    assert sorted(a.nodes) == sorted(b.nodes) and a.number_of_edges() == b.number_of_edges()
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "x.gexf")])
    assert result.exit_code == 1 and "--store DIR" in result.output


def test_build_summary_counts_the_graph_once_and_fits_80_columns(tmp_path):
    result = runner.invoke(app, ["build", *map(str, DOCS), "-o", str(tmp_path / "g.trig"), "--workers", "1"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "…" not in next(line for line in lines if "document" in line)  # no header cut
    caption = next(line for line in lines if line.startswith("the graph:"))
    total = next(line for line in lines if line.startswith("│ total"))
    summed = int(total.split("│")[4])
    distinct = int(caption.split()[2].replace(",", ""))
    assert 0 < distinct < summed  # an entity named in two documents is one entity of the graph


def test_default_workers_is_one_per_two_cores_for_large_corpora(tmp_path, monkeypatch):
    """Each process keeps two cores busy (Kiwi reads ahead on a helper thread), so the default
    is one worker per two cores, never more than files, and 1 below PARALLEL_FROM_BYTES."""
    import os

    from kg import parallel

    files = []
    for i in range(6):
        f = tmp_path / f"d{i}.txt"
        f.write_text("가" * 10, encoding="utf-8")
        files.append(f)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 1)
    for cores, expected in ((1, 1), (2, 1), (3, 1), (4, 2), (8, 4), (16, 6)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)), raising=False)
        assert parallel.default_workers(files) == expected, cores
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 10**9)
    assert parallel.default_workers(files) == 1
