"""kg view on large networks: the layout never compares all pairs of more than a few hundred
nodes and keeps clusters together, the page stays compact per entity (styles by type and
relation, each evidence sentence and source once), and a 2,500-entity page draws in headless
Chromium with its nodes where Python put them, its search and its node details working."""
from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from kg.exports.network import TYPE_ORDER, annotate
from kg.views import Evidence, render_view
from kg.views import layout as layout_module
from kg.views.layout import LEAF, layout_positions

from .test_view import ARTIFACTS, _assert_drawn, browser, connected, evidence_of, page_data  # noqa: F401

RELS = ("invests_in", "partners_with", "develops", "located_in")
SOURCES = [(f"brief {d}.txt", f"기사 {d}", f"2025-0{d % 9 + 1}-1{d % 10}") for d in range(12)]


def clustered_network(clusters: int, size: int, bridges: int, seed: int = 3, isolated: int = 0):
    """``clusters`` groups of ``size`` entities (each a scale-free graph), joined by
    ``bridges`` relations between random groups, plus ``isolated`` entities; returns the
    network (attributes as ``to_network`` makes them), each entity's group, and evidences
    (one sentence per relation, most of them shared by two relations, from 12 sources)."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    group: dict[str, int] = {}
    evidence: dict[tuple[str, str, str], list[Evidence]] = {}

    def add_edge(a: int, b: int) -> None:
        rel = rng.choice(RELS)
        s, o = f"urn:x:{a}", f"urn:x:{b}"
        if g.has_edge(s, o, key=rel) or s == o:
            return
        g.add_edge(s, o, key=rel, relation=rel, weight=1, first_date="2025-01-02", last_date="2025-01-02",
                   directed="false" if rel == "partners_with" else "true")
        doc, art, date = SOURCES[rng.randrange(len(SOURCES))]
        sentence = f"기업{min(a, b) // 2 * 2:05d} 관련 문장: 투자와 협력이 이어졌다."
        evidence[(s, rel, o)] = [Evidence(sentence, doc, art, date)]

    for c in range(clusters):
        part = nx.barabasi_albert_graph(size, 2, seed=rng.randrange(1 << 30))
        for i in part.nodes:
            k = c * size + i
            t = rng.choice(TYPE_ORDER)
            g.add_node(f"urn:x:{k}", label=f"기업{k:05d}", type=t, types=t, name_ko=f"기업{k:05d}",
                       name_zh=f"企业{k}号", name_en=f"Firm {k}")
            group[f"urn:x:{k}"] = c
        for a, b in part.edges:
            add_edge(c * size + a, c * size + b)
    for _ in range(bridges):
        a, b = rng.sample(range(clusters), 2)
        add_edge(a * size + rng.randrange(size), b * size + rng.randrange(size))
    for k in range(clusters * size, clusters * size + isolated):
        g.add_node(f"urn:x:{k}", label=f"외딴{k:05d}", type="Technology", types="Technology",
                   name_ko=f"외딴{k:05d}", name_zh="", name_en="")
    return annotate(g), group, evidence


def test_layout_compares_all_pairs_only_within_small_parts(monkeypatch):
    network, group, _ = clustered_network(12, 250, 40)
    sizes, circles = [], []
    fr, separate = layout_module._fruchterman_reingold, layout_module._separate
    monkeypatch.setattr(layout_module, "_fruchterman_reingold",
                        lambda n, *a, **k: sizes.append(n) or fr(n, *a, **k))
    monkeypatch.setattr(layout_module, "_separate", lambda c, *a, **k: circles.append(len(c)) or separate(c, *a, **k))
    positions = layout_positions(network)
    assert set(positions) == set(network.nodes)
    assert len(set(positions.values())) == network.number_of_nodes()  # every node its own place
    # the 3,000-node component is never laid out as one: no all-pairs step above LEAF nodes
    assert max(sizes) <= LEAF < 3000 and sum(sizes) >= 3000
    assert circles and max(circles) <= LEAF


def test_layout_keeps_clusters_together():
    network, group, _ = clustered_network(12, 250, 40)
    positions = layout_positions(network)
    ids = list(network.nodes)
    xy = np.array([positions[n] for n in ids])
    g = np.array([group[n] for n in ids])
    centroids = np.array([xy[g == c].mean(0) for c in range(12)])
    nearest = np.argmin(((xy[:, None, :] - centroids[None, :, :]) ** 2).sum(2), axis=1)
    assert (nearest == g).mean() > 0.9  # nearly every entity is nearest the middle of its own cluster
    spread = np.mean([np.sqrt(((xy[g == c] - centroids[c]) ** 2).sum(1)).mean() for c in range(12)])
    gaps = np.sqrt(((centroids[:, None] - centroids[None]) ** 2).sum(2))
    assert spread < 0.6 * gaps[~np.eye(12, dtype=bool)].min() * 2  # clusters are apart, not a hairball


def test_layout_of_a_star_splits_it_without_all_pairs(monkeypatch):
    star = nx.MultiDiGraph()
    for i in range(1, 1500):
        star.add_edge("urn:x:0", f"urn:x:{i}", relation="located_in", weight=1)
    sizes = []
    fr = layout_module._fruchterman_reingold
    monkeypatch.setattr(layout_module, "_fruchterman_reingold",
                        lambda n, *a, **k: sizes.append(n) or fr(n, *a, **k))
    positions = layout_positions(star)
    assert len(positions) == 1500 and len(set(positions.values())) == 1500
    assert max(sizes) <= LEAF


@pytest.mark.parametrize("leaves", [450, 1500])
def test_layout_extent_stays_in_proportion(leaves):
    """Two parts side by side have no height: scaling their places by area once threw a
    20,000-entity view across millions of pixels."""
    star = nx.MultiDiGraph()
    for i in range(1, leaves + 1):
        star.add_edge("urn:x:0", f"urn:x:{i}", relation="located_in", weight=1)
    xy = np.array(list(layout_positions(star).values()))
    extent = (xy.max(0) - xy.min(0)).max()
    assert 70 * np.sqrt(leaves) < extent < 6 * 70 * np.sqrt(leaves), extent


def test_layout_does_not_depend_on_the_order_of_reading():
    network, _, _ = clustered_network(4, 200, 10, seed=9)
    shuffled = nx.MultiDiGraph()
    nodes, edges = list(network.nodes(data=True)), list(network.edges(keys=True, data=True))
    random.Random(1).shuffle(nodes)
    random.Random(2).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    assert layout_positions(network) == layout_positions(shuffled)


def _page_bytes(n_clusters: int) -> tuple[int, str]:
    network, _, evidence = clustered_network(n_clusters, 250, 10 * n_clusters, isolated=25 * n_clusters)
    page = render_view(network, evidence, title="large")
    return network.number_of_nodes(), page.html


def test_page_size_per_entity_is_bounded():
    n_small, small = _page_bytes(2)
    n_large, large = _page_bytes(10)
    data = page_data(large)
    per_entity = (len(large.encode("utf-8")) - len(small.encode("utf-8"))) / (n_large - n_small)
    assert per_entity < 650, per_entity  # bytes per further entity with its relations and evidence (was 1,398)
    # what the page derives is not repeated per node or edge
    assert all("shape" not in n and "color" not in n and "title" not in n for n in data["kgNodes"])
    assert all("arrows" not in e and "color" not in e and "title" not in e for e in data["kgEdges"])
    # each sentence and each source once, however many relations they support
    texts, sources = data["kgEvidence"]["texts"], data["kgEvidence"]["sources"]
    assert len(texts) == len(set(texts)) < len(data["kgEdges"])
    assert len(sources) == len(set(map(tuple, sources))) <= len(SOURCES)
    for sentence in texts[:20]:
        assert large.count(sentence) == 1
    edge = next(e for e in data["kgEdges"] if e["kgEvidence"])
    assert evidence_of(data, edge)[0][0].endswith("투자와 협력이 이어졌다.")


@pytest.fixture(scope="module")
def large_view(tmp_path_factory):
    network, group, evidence = clustered_network(10, 250, 60, isolated=40)
    page = render_view(network, evidence, title="clustered 2,540")
    path = tmp_path_factory.mktemp("large-view") / "clustered.html"
    path.write_text(page.html, encoding="utf-8")
    return network, page, path


def test_browser_draws_a_large_view_where_python_put_it(browser, large_view):  # noqa: F811
    network, page, path = large_view
    assert page.layout == "fixed" and page.nodes == 2540
    load = browser.load(path.as_uri())
    _assert_drawn(load, connected(network))  # the 40 unconnected entities are hidden
    browser.screenshot(ARTIFACTS / "view-clustered-2540.png")
    data = page_data(page.html)
    expected = {n["id"]: (n["x"], n["y"]) for n in data["kgNodes"][::97] if n["kgDegree"]}
    drawn = browser.evaluate("(ids => { const p = window.kgView.network.getPositions(ids);"
                             " return ids.map(i => [i, p[i].x, p[i].y]); })(%s)" % list(expected).__repr__())
    assert len(drawn) == len(expected) > 20
    for i, x, y in drawn:  # physics off: where Python's layout put them
        assert (x, y) == pytest.approx(expected[i], abs=1)  # getPositions rounds to whole pixels
    assert browser.evaluate("window.kgView.network.physics.options.enabled") is False
    # arrows and colours per relation, from the relation
    styles = browser.evaluate("[...new Set(window.kgView.edgeView.getIds().map(id => {"
                              " const o = window.kgView.network.body.edges[id].options;"
                              " return kgEdges[+id.slice(1)].kgRelation + ' ' + o.arrows.to.enabled + ' '"
                              " + o.color.color; }))]")
    assert sorted(styles) == ["develops true #17a2b8", "invests_in true #d62728",
                              "located_in true #8c8c8c", "partners_with false #1f77b4"]


def test_browser_large_view_search_and_details(browser, large_view):  # noqa: F811
    network, page, path = large_view
    target = "urn:x:1234"
    load = browser.load(path.as_uri() + "#search=企业1234号")
    assert load.attributes.get("data-kg-selected") == target, load.attributes
    assert load.errors == []
    details = browser.evaluate("document.getElementById('kg-details').textContent")
    assert "기업01234" in details and "투자와 협력이 이어졌다." in details  # relations with evidence
    # an unconnected entity: found, and the hidden entities shown for it
    load = browser.load(path.as_uri() + "#search=외딴02539")
    assert load.attributes.get("data-kg-selected") == "urn:x:2539"
    assert int(load.attributes["data-kg-nodes"]) == 2540


def test_browser_styles_come_from_type_unless_coloured_by_community(browser, tmp_path):  # noqa: F811
    from kg.exports.network import COLORS

    network, _, evidence = clustered_network(3, 150, 10, seed=4)
    node = "urn:x:5"
    kind = network.nodes[node]["type"]
    type_colour = "#%02x%02x%02x" % COLORS[kind]
    drawn = "(() => { const o = window.kgView.network.body.nodes['%s'].options;" \
            " return [o.shape, o.color.background, o.color.border, o.borderWidth]; })()" % node
    plain = tmp_path / "plain.html"
    plain.write_text(render_view(network, evidence).html, encoding="utf-8")
    _assert_drawn(browser.load(plain.as_uri()), 450)
    shape = page_data(plain.read_text(encoding="utf-8"))["kgOptions"]["groups"][kind]["shape"]
    assert browser.evaluate(drawn) == [shape, type_colour, "#444444", 1]
    coloured = tmp_path / "communities.html"
    coloured.write_text(render_view(network, evidence, colour_communities=True).html, encoding="utf-8")
    _assert_drawn(browser.load(coloured.as_uri()), 450)
    fill = next(n["color"]["background"] for n in page_data(coloured.read_text(encoding="utf-8"))["kgNodes"]
                if n["id"] == node)
    assert browser.evaluate(drawn) == [shape, fill, type_colour, 2]  # community fill, type outline
