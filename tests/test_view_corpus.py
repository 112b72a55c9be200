"""The whole-corpus view in Chromium: ../shared/corpus (three reports and eighteen news) built
into one graph and drawn as a first-time user opens it — unconnected entities hidden, every
connected one drawn where the layout put it (clusters, not a grid), and the time filter
showing the network as of a date. Screenshots go to ``test-artifacts/``."""
from __future__ import annotations

from collections import Counter

import pytest

from kg.exports.network import to_network
from kg.graph_io import read_graph
from kg.views import write_view

from .conftest import SHARED
from .test_view import ARTIFACTS, _assert_drawn, browser, connected  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus not found: the shared evaluation documents sit beside the repo in CI")
    from kg.build import build

    folder = tmp_path_factory.mktemp("corpus-view")
    graph = folder / "corpus.trig"
    build([SHARED / "corpus"], graph)
    network = to_network(read_graph(graph))
    page = write_view(graph, folder / "corpus.html").path
    return network, page


def test_whole_corpus_view_hides_unconnected_and_draws_the_rest(browser, corpus):  # noqa: F811
    network, page = corpus
    load = browser.load(page.as_uri())
    _assert_drawn(load, connected(network))
    # the corpus has unconnected entities; they are not on the page until asked for
    assert connected(network) < network.number_of_nodes()
    browser.screenshot(ARTIFACTS / "view-corpus.png")
    positions = browser.evaluate(
        "(() => { const p = window.kgView.network.getPositions(); return Object.values(p)"
        ".map(v => [Math.round(v.x), Math.round(v.y)]); })()")
    assert len(positions) == connected(network)
    # not a grid: a grid puts most nodes on a few shared x (and y) values
    xs = Counter(x for x, _ in positions)
    assert xs.most_common(1)[0][1] < 0.05 * len(positions), xs.most_common(3)
    # clusters: an entity sits nearer its related entities than entities in general
    where = {n: p for n, p in zip(browser.evaluate(
        "Object.keys(window.kgView.network.getPositions())"), positions)}

    def dist(a, b):
        (ax, ay), (bx, by) = where[a], where[b]
        return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5

    linked = [dist(s, o) for s, o in network.edges() if s in where and o in where and s != o]
    ids = sorted(where)
    spread = [dist(ids[i], ids[(i * 7919 + 13) % len(ids)]) for i in range(len(ids))]
    assert sorted(linked)[len(linked) // 2] < 0.5 * sorted(spread)[len(spread) // 2]


def test_whole_corpus_view_as_of_a_date(browser, corpus):  # noqa: F811
    network, page = corpus
    firsts = sorted(d["first_date"] for *_, d in network.edges(data=True) if d.get("first_date"))
    assert len(firsts) > 50, "the corpus's relations carry their articles' dates"
    day = firsts[len(firsts) // 2]
    load = browser.load(page.as_uri() + f"#to={day}&undated=0")
    assert load.attributes["data-kg-time-to"] <= day
    shown = int(load.attributes["data-kg-edges"])
    expected = sum(1 for *_, d in network.edges(data=True) if d.get("first_date") and d["first_date"] <= day)
    assert shown == expected and 0 < shown < network.number_of_edges()
    browser.screenshot(ARTIFACTS / "view-corpus-as-of.png")
    assert browser.evaluate("document.documentElement.getAttribute('data-kg-errors')") is None
