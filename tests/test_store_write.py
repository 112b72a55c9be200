"""How graphs are written into a kg store (kg/store_write.py, kg/store_journal.py): both
write paths (one transaction; the bulk loader under an undo journal) leave exactly the
graphs they were given and their union, report what changed, and an add killed half way
through the bulk loader is undone by the next process that opens the store."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg import store_journal
from kg.errors import KgError
from kg.store import open_store

from .conftest import REPO

G = "https://w3id.org/kgct/graph/"
ID = "https://w3id.org/kgct/id/"
TAGS = ("ko", "zh-Hans", "zh-Hant", "en", "en-US")


def graph(name: str, triples) -> Graph:
    g = Graph(identifier=URIRef(G + name))
    for t in triples:
        g.add(t)
    return g


def state(st) -> tuple[dict, set]:
    """The store's named graphs (name → set of rdflib triples) and its union, read back."""
    graphs = {name: set(st.graph(name)) for name in st.graph_names()}
    return {n: ts for n, ts in graphs.items() if ts}, set(st.triples((None, None, None)))


def raw_quads(folder) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    try:
        return set(store.dump(format=ox.RdfFormat.N_QUADS).decode().split("\n")) - {""}
    finally:
        del store


# literals as kg writes them and worse: tags in their usual case, canonical numbers, a
# datatype of its own, and text with quotes, backslashes, newlines and control characters
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
literals = st.one_of(
    st.builds(lambda v, tag: Literal(v, lang=tag), texts, st.sampled_from(TAGS)),
    st.builds(Literal, texts),
    st.builds(lambda n: Literal(n, datatype=XSD.integer), st.integers(-10, 10**12)),
    st.builds(lambda v: Literal(v, datatype=URIRef("https://example.org/dt#x")), texts),
)
subjects = st.sampled_from([URIRef(f"{ID}e{i}") for i in range(4)])
predicates = st.sampled_from([SKOS.prefLabel, SKOS.altLabel, URIRef("https://w3id.org/kgct/partnersWith")])
objects = st.one_of(literals, subjects)
triples = st.sets(st.tuples(subjects, predicates, objects), max_size=6)
# one step: the new content of some of three documents (None: not in this write), and which to drop
steps = st.lists(st.tuples(st.fixed_dictionaries({n: st.none() | triples for n in "abc"}),
                           st.sets(st.sampled_from("abc"))), min_size=1, max_size=4)


@pytest.mark.parametrize("bulk_min", [0, 10**9], ids=["bulk-and-journal", "one-transaction"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_a_store_holds_exactly_the_graphs_written(tmp_path_factory, monkeypatch, bulk_min, steps):
    """Whatever the write path, after each write every named graph holds exactly its
    triples (dropped ones are gone), the union is their set, and the counts say what
    changed; writing the same again changes nothing."""
    monkeypatch.setattr(store_journal, "BULK_MIN", bulk_min)
    model: dict[URIRef, set] = {}
    with open_store(tmp_path_factory.mktemp("w") / "s", create=True) as kg_store:
        for contents, drop in steps:
            written = {n: ts for n, ts in contents.items() if ts is not None}
            dropped = {URIRef(G + n) for n in drop if n not in written}
            counts = kg_store.apply([graph(n, ts) for n, ts in written.items()], drop=dropped)
            expected_counts = {}
            for n, ts in written.items():
                old = model.get(URIRef(G + n), set())
                expected_counts[URIRef(G + n)] = (len(ts - old), len(old - ts))
                model[URIRef(G + n)] = set(ts)
            for name in dropped:
                model.pop(name, None)
            assert counts == expected_counts
            graphs, union = state(kg_store)
            assert graphs == {n: ts for n, ts in model.items() if ts}
            assert union == set().union(*model.values())
            assert not store_journal.pending(kg_store.path)
        again = kg_store.apply([graph(n.removeprefix(G), ts) for n, ts in model.items()])
        assert set(again.values()) <= {(0, 0)}


def test_blank_nodes_keep_their_labels(tmp_path):
    """pyoxigraph's load and bulk loader give blank nodes new labels: a write with blank
    nodes goes through extend, which keeps them, so writing it again changes nothing."""
    b = BNode("round1")
    g = graph("b", [(b, SKOS.prefLabel, Literal("가", lang="ko")), (URIRef(ID + "x"), SKOS.related, b)])
    with open_store(tmp_path / "s", create=True) as kg_store:
        assert kg_store.apply([g]) == {g.identifier: (2, 0)}
        assert set(kg_store.graph(g.identifier)) == set(g)
        assert kg_store.apply([g]) == {g.identifier: (0, 0)}


def big(name: str, n: int, tag: str = "") -> Graph:
    return graph(name, [(URIRef(f"{ID}{name}{i}"), SKOS.prefLabel, Literal(f"이름 {i}{tag}", lang="ko"))
                        for i in range(n)])


@pytest.mark.parametrize("step", ["update", "bulk_load", "flush"])
def test_a_failed_bulk_write_is_undone_at_once(tmp_path, monkeypatch, step):
    """A step of the write fails (a full disk): taking the old triples out, the bulk load
    (after half of it landed), or the flush after it. The journal puts the store back as
    it was before the error is reported."""
    monkeypatch.setattr(store_journal, "BULK_MIN", 0)
    with open_store(tmp_path / "s", create=True) as kg_store:
        kg_store.apply([big("a", 50), big("b", 30)])
        before = state(kg_store)
        real = kg_store._store
        failed = []

        class DiskFull:
            def __getattr__(self, attr):
                if attr != step or failed:
                    return getattr(real, attr)

                def fail(*args, **kwargs):
                    failed.append(attr)
                    if attr == "bulk_load":  # half of it lands
                        lines = args[0].split(b"\n")
                        real.bulk_load(b"\n".join(lines[: len(lines) // 2]) + b"\n", **kwargs)
                    raise OSError("No space left on device")
                return fail

        kg_store._store = DiskFull()
        try:
            with pytest.raises(KgError, match="keeps its previous version"):
                kg_store.apply([big("a", 40, " new"), big("c", 20)], drop={URIRef(G + "b")})
        finally:
            kg_store._store = real
        assert failed == [step]
        assert state(kg_store) == before
        assert not store_journal.pending(kg_store.path)


KILLED = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from rdflib import Dataset, URIRef
    from kg import store_journal
    from kg.store import open_store

    store_journal.BULK_MIN = 0
    ds = Dataset()
    ds.parse({nq!r}, format="nquads")
    graphs = [g for g in ds.graphs() if len(g)]
    st = open_store({folder!r})
    real = st._store

    class KilledHalfWay:
        def __getattr__(self, attr):
            return getattr(real, attr)

        def bulk_load(self, data, **kwargs):
            lines = data.split(b"\\n")
            real.bulk_load(b"\\n".join(lines[: len(lines) // 2]) + b"\\n", **kwargs)
            real.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    st._store = KilledHalfWay()
    st.apply(graphs, drop={{URIRef({drop!r})}})
""")


@pytest.mark.parametrize("reader_first", [True, False], ids=["reader-opens-first", "writer-opens-first"])
def test_an_add_killed_half_way_is_undone_by_the_next_open(tmp_path, reader_first):
    """SIGKILL in the middle of the bulk loader (half of the new triples written, an older
    graph's triples already taken out): the store on disk is half written, and the next
    process to open it — a reader or a writer — finds the journal and puts the store back
    as it was before the add, before anything is read."""
    folder = tmp_path / "s"
    with open_store(folder, create=True) as kg_store:
        kg_store.apply([big("a", 400), big("b", 300)])
        before = state(kg_store)
    before_quads = raw_quads(folder)
    ds = Dataset()
    for g in (big("a", 350, " 2"), big("c", 500)):  # a replaced, c new, b dropped
        target = ds.graph(g.identifier)
        for t in g:
            target.add(t)
    nq = tmp_path / "add.nq"
    ds.serialize(nq, format="nquads")
    script = KILLED.format(repo=str(REPO), nq=str(nq), folder=str(folder), drop=G + "b")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert store_journal.pending(folder)
    half = raw_quads(folder)  # what was left on disk: neither the old store nor the new one
    assert half != before_quads and 0 < len(half & {q for q in half if "/c" in q.split(" ")[0]})
    if reader_first:
        with open_store(folder, read_only=True) as reader:
            assert state(reader) == before
    with open_store(folder) as writer:
        assert state(writer) == before
    assert not store_journal.pending(folder)
    assert raw_quads(folder) == before_quads


def test_a_reader_that_cannot_repair_says_so(tmp_path, monkeypatch):
    """A journal left behind in a folder the reader cannot write to: one clear error, not
    a half-written store."""
    folder = tmp_path / "s"
    with open_store(folder, create=True) as kg_store:
        kg_store.apply([big("a", 5)])
    (folder / store_journal.JOURNAL).write_text('{"format": "kg-store-journal"}\n', encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    with pytest.raises(KgError, match="interrupted"):
        open_store(folder, read_only=True)
