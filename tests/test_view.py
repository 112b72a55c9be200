"""kg view: one self-contained HTML page (no resource from the network), types and
relations drawn and explained, document text escaped, focus options, a fixed layout for
large networks; and the page checked in headless Chromium, which must draw it without
errors. Screenshots and the large page's timings are kept in ``test-artifacts/`` (or
``$KG_TEST_ARTIFACTS``)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.exports.network import to_network
from kg.focus import find_nodes
from kg.graph_io import read_graph
from kg.views import FIXED_LAYOUT_ABOVE, render_view, write_view

from .browser import Chromium, find_chromium
from .conftest import REPO, SAMPLE
from .test_cli import assert_user_error
from .viewdata import HOSTILE_SENTENCE, synthetic_network, write_small_graph

runner = CliRunner()
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", REPO / "test-artifacts"))
EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                      r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|@import|<link\b|<script[^>]*\bsrc\s*=""", re.I)


def page_data(html: str) -> dict:
    """The JSON the page's script starts from."""
    found = {}
    for name in ("kgNodes", "kgEdges", "kgOptions", "kgPage", "kgEvidence"):
        m = re.search(rf"^var {name} = (.*);$", html, re.M)
        assert m, name
        found[name] = json.loads(m.group(1))
    return found


def evidence_of(data: dict, edge: dict) -> list[list[str]]:
    """An edge's evidence as [sentence, document, article, date], from the page's tables."""
    texts, sources = data["kgEvidence"]["texts"], data["kgEvidence"]["sources"]
    return [[texts[t], *sources[s]] for t, s in edge["kgEvidence"]]


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    from kg.build import build

    out = tmp_path_factory.mktemp("view") / "graph.trig"
    build([SAMPLE], out)
    return out


@pytest.fixture(scope="module")
def sample_view(sample_graph):
    out = sample_graph.parent / "network.html"
    result = runner.invoke(app, ["view", str(sample_graph), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in " ".join(result.output.split())
    return out


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    return write_small_graph(tmp_path_factory.mktemp("small") / "small.trig")


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    network = synthetic_network(2000)
    start = time.perf_counter()
    page = render_view(network, title="synthetic 2,000")
    seconds = time.perf_counter() - start
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(page.html, encoding="utf-8")
    return path, page, seconds


def test_sample_view_is_self_contained(sample_view):
    html = sample_view.read_text(encoding="utf-8")
    assert not EXTERNAL.findall(html), EXTERNAL.findall(html)[:5]
    assert "vis.Network" in html and "vis-network" in html  # vis-network inlined
    assert "bootstrap" not in html.lower() and "cdnjs" not in html and "jsdelivr" not in html


def test_sample_view_draws_types_relations_and_names(sample_graph, sample_view):
    data = page_data(sample_view.read_text(encoding="utf-8"))
    network = to_network(read_graph(sample_graph))
    nodes = {n["id"]: n for n in data["kgNodes"]}
    assert set(nodes) == set(network.nodes)
    unitree = nodes[find_nodes(network, "宇树科技")[0]]
    assert unitree["label"] == "위수커지"
    assert "宇树科技" in unitree["kgNames"]["zh"] and "Unitree" in unitree["kgNames"]["en"]
    assert "宇樹科技" in unitree["kgSearch"]  # the page's search finds it in either script
    assert unitree["group"] == "Company" and unitree["kgType"] == "Company"
    assert all(n["group"] == n["kgType"] and "shape" not in n and "color" not in n for n in data["kgNodes"])
    shapes = {t: g["shape"] for t, g in data["kgOptions"]["groups"].items()}  # shape and colour by type
    assert shapes["Company"] == "dot" and shapes["Investor"] == "diamond" and shapes["City"] == "hexagon"
    assert shapes["Technology"] == "star"
    assert max(n["size"] for n in data["kgNodes"]) > 2 * min(n["size"] for n in data["kgNodes"])
    # arrows and colours follow the relation (view.js; checked on the drawn edges in the browser test)
    arrows = {r["name"]: r["directed"] for r in data["kgPage"]["relations"]}
    assert arrows == {"invests_in": True, "located_in": True, "develops": True, "partners_with": False}
    assert len({r["color"] for r in data["kgPage"]["relations"]}) == 4
    assert {e["kgRelation"] for e in data["kgEdges"]} == set(arrows)
    with_evidence = [e for e in data["kgEdges"] if e["kgEvidence"]]
    assert len(with_evidence) > 0.8 * len(data["kgEdges"])
    text, document, _article, _date = evidence_of(data, with_evidence[0])[0]
    assert text and Path(document).suffix in (".txt", ".md", ".html")
    legend = data["kgPage"]
    assert {t["name"] for t in legend["types"]} >= {"Company", "Investor", "City", "Technology"}
    assert sum(t["count"] for t in legend["types"]) == len(nodes)
    assert legend["layout"] == "physics" and data["kgOptions"]["physics"]["enabled"] is True


def test_document_text_is_escaped(small_graph, tmp_path):
    out = write_view(small_graph, tmp_path / "small.html").path
    html = out.read_text(encoding="utf-8")
    for raw in ("<script>window.kgPwned", "<img src=x", "<b>1</b>", "<i>AI</i>"):
        assert raw not in html, raw
    data = page_data(html)
    edge = next(e for e in data["kgEdges"] if e["from"] == "urn:x:tencent")
    assert evidence_of(data, edge) == [[HOSTILE_SENTENCE, "brief <b>1</b>.txt", "로봇 투자 소식", "2025-04-21"]]
    assert any(n["label"] == "모멘타 <i>AI</i>" for n in data["kgNodes"])


def test_view_focus_options(small_graph, tmp_path):
    out = tmp_path / "ego.html"
    result = runner.invoke(app, ["view", str(small_graph), "-o", str(out), "--focus", "宇树科技", "--depth", "1",
                                 "--types", "Company,Investor", "--size-by", "pagerank", "--communities"])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["label"] for n in data["kgNodes"]} == {"위수커지", "텐센트", "중커촹싱", "모멘타 <i>AI</i>"}
    assert "focus 宇树科技, depth 1" in data["kgPage"]["subtitle"]
    assert data["kgPage"]["communities"] >= 1 and all(n["kgCommunity"] >= 0 for n in data["kgNodes"])
    sizes = {n["label"]: n["size"] for n in data["kgNodes"]}
    assert sizes["위수커지"] == max(sizes.values())  # most invested in: the highest PageRank


@pytest.mark.parametrize("args, needles", [
    (["--relations", "acquires"], ["'acquires'", "partners_with"]),
    (["--focus", "없는회사"], ["no entity named '없는회사'"]),
    (["--size-by", "fame"], ["--size-by fame", "pagerank"]),
    (["--layout", "circle"], ["--layout circle", "fixed"]),
])
def test_view_errors_are_one_line(small_graph, tmp_path, args, needles):
    out = tmp_path / "bad.html"
    assert_user_error(runner.invoke(app, ["view", str(small_graph), "-o", str(out), *args]), *needles)
    assert not out.exists()


def test_view_output_must_be_html(small_graph, tmp_path):
    assert_user_error(runner.invoke(app, ["view", str(small_graph), "-o", str(tmp_path / "v.png")]), "v.png", ".html")
    assert_user_error(runner.invoke(app, ["view", str(tmp_path / "g.trig"), "-o", str(tmp_path / "v.html")]),
                      "g.trig", "does not exist")


def test_view_failure_keeps_existing_output(small_graph, tmp_path):
    out = tmp_path / "v.html"
    out.write_text("old", encoding="utf-8")
    assert runner.invoke(app, ["view", str(small_graph), "-o", str(out), "--types", "Nope"]).exit_code != 0
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]


def test_measures_and_communities_are_deterministic(small_graph):
    network = to_network(read_graph(small_graph))
    pages = [render_view(network, size_by=m, colour_communities=True) for m in ("evidence", "betweenness")]
    again = render_view(network, size_by="betweenness", colour_communities=True)
    assert pages[1].html == again.html
    sizes = [{n["label"]: n["size"] for n in page_data(p.html)["kgNodes"]} for p in pages]
    assert sizes[1]["위수커지"] == max(sizes[1].values())  # every path passes through it
    assert sizes[1]["외딴기관"] == min(sizes[1].values())


def test_large_network_gets_a_fixed_layout(large_page):
    path, page, seconds = large_page
    assert page.nodes == 2000 > FIXED_LAYOUT_ABOVE and page.layout == "fixed"
    data = page_data(page.html)
    assert data["kgOptions"]["physics"] == {"enabled": False}
    xs = [n["x"] for n in data["kgNodes"]]
    ys = [n["y"] for n in data["kgNodes"]]
    assert len(set(zip(xs, ys))) == 2000  # every node has its own place
    assert max(xs) - min(xs) > 1000 and max(ys) - min(ys) > 1000
    assert not EXTERNAL.findall(page.html)


# --- in a real browser -------------------------------------------------------------------


def _korean_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    missing = None
    if executable is None:
        missing = "chromium not found"
    elif not _korean_font():
        missing = "no font for Korean (fc-list :lang=ko is empty)"
    if missing:
        fix = "install the Debian packages chromium and fonts-noto-cjk (.ci/run does)"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{missing} but CI is set: the browser tests must run in CI; {fix}")
        pytest.skip(f"{missing}: {fix} to run the browser tests")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chrome = Chromium(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chrome
    chrome.close()


def _assert_drawn(load, nodes: int):
    assert load.attributes.get("data-kg-status") == "drawn", load.attributes
    assert int(load.attributes["data-kg-nodes"]) == nodes
    assert load.errors == [], load.errors
    assert "data-kg-errors" not in load.attributes, load.attributes["data-kg-errors"]


def connected(network) -> int:
    """Entities with a relation: those the page shows while it hides the unconnected ones."""
    return sum(1 for n in network if network.degree(n))


def test_browser_draws_the_sample_view(browser, sample_graph, sample_view):
    network = to_network(read_graph(sample_graph))
    load = browser.load(sample_view.as_uri())
    _assert_drawn(load, connected(network))
    shot = browser.screenshot(ARTIFACTS / "view-sample.png")
    assert shot.stat().st_size > 20_000
    # search by the Chinese name, and show invests-in only
    invests = sum(1 for *_, d in network.edges(data=True) if d["relation"] == "invests_in")
    load = browser.load(sample_view.as_uri() + "#search=宇树科技&relations=invests_in")
    invested = {n for s, o, d in network.edges(data=True) if d["relation"] == "invests_in" for n in (s, o)}
    _assert_drawn(load, len(invested))  # the relation filter hides the entities it leaves unconnected
    assert load.attributes["data-kg-selected"] == find_nodes(network, "위수커지")[0]
    assert int(load.attributes["data-kg-edges"]) == invests
    browser.screenshot(ARTIFACTS / "view-sample-search.png")
    # the traditional script finds the same entity
    load = browser.load(sample_view.as_uri() + "#search=宇樹科技")
    assert load.attributes["data-kg-selected"] == find_nodes(network, "위수커지")[0]


def test_browser_tooltips_show_markup_as_text(browser, small_graph, tmp_path):
    out = write_view(small_graph, tmp_path / "small.html").path
    _assert_drawn(browser.load(out.as_uri()), 6)  # 외딴기관 has no relation: hidden
    point = browser.evaluate("""(() => {
        const v = window.kgView, e = v.edges.get().find(x => x.from === 'urn:x:tencent');
        const p = v.network.getPositions([e.from, e.to]);
        const d = v.network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: d.x + r.left, y: d.y + r.top};
    })()""")
    tip = None
    for dx in (0, 1, 2):  # vis shows a tooltip after the pointer rests on the edge
        browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=point["x"] + dx, y=point["y"])
        time.sleep(0.5)
        tip = browser.evaluate("(() => { const t = document.querySelector('div.vis-tooltip');"
                               " return t && t.style.visibility !== 'hidden' ? "
                               "{text: t.textContent, markup: t.querySelectorAll('script, img, i').length,"
                               " bold: t.querySelectorAll('b').length} : null; })()")
        if tip and "kgPwned" in tip["text"]:
            break
    browser.screenshot(ARTIFACTS / "view-tooltip.png")
    assert tip and "<script>window.kgPwned = 1</script>" in tip["text"], tip
    assert "brief <b>1</b>.txt" in tip["text"]
    assert tip["markup"] == 0 and tip["bold"] == 1  # only the tooltip's own headline
    assert browser.evaluate("typeof window.kgPwned") == "undefined"


def test_browser_draws_2000_nodes_at_once(browser, large_page):
    path, page, render_seconds = large_page
    load = browser.load(path.as_uri() + "#isolated=1")
    _assert_drawn(load, 2000)
    browser.screenshot(ARTIFACTS / "view-2000.png")
    timings = {"nodes": page.nodes, "edges": page.edges, "html_bytes": len(page.html.encode("utf-8")),
               "python_render_seconds": round(render_seconds, 2),
               "first_paint_ms": int(load.attributes["data-kg-first-paint-ms"]),
               "seconds_until_drawn_seen": round(load.seconds_to_drawn, 2)}
    (ARTIFACTS / "view-timings.json").write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    print("2,000-node view:", timings)


def test_browser_search_forgives_and_suggests(browser, sample_graph, sample_view):
    network = to_network(read_graph(sample_graph))
    unitree = find_nodes(network, "위수커지")[0]
    load = browser.load(sample_view.as_uri() + "#search=" + "유니트리는")  # a particle after the name
    assert load.attributes["data-kg-selected"] == unitree
    assert browser.evaluate("window.kgView.search('宇树')[0]") == unitree  # a reference alias
    close = browser.evaluate("window.kgView.suggest('위수카지', 5)")  # one vowel wrong
    assert close and close[0]["id"] == unitree
    browser.evaluate("(() => { const i = document.getElementById('kg-search'); i.value = '위수카지';"
                     " i.dispatchEvent(new Event('input')); })()")
    status = browser.evaluate("document.getElementById('kg-search-status').textContent")
    assert "did you mean" in status
    assert "위수커지" in browser.evaluate("document.getElementById('kg-search-results').textContent")


def test_browser_hides_unconnected_entities_and_filters_by_time(browser, tmp_path):
    """A whole-corpus-like network: unconnected entities hidden by default (a box shows them),
    and the time filter shows the network as of a date."""
    from .viewdata import synthetic_network

    network = synthetic_network(309, seed=5)  # the last 9 entities have no relation
    dates = ["2024-01-05", "2024-06-10", "2025-02-01", "2025-05-20"]
    for i, (_s, _o, d) in enumerate(network.edges(data=True)):
        d["first_date"] = d["last_date"] = d["dates"] = dates[i % 4]
    out = tmp_path / "timeline.html"
    out.write_text(render_view(network, title="timeline").html, encoding="utf-8")
    load = browser.load(out.as_uri())
    _assert_drawn(load, connected(network))
    assert connected(network) < network.number_of_nodes()
    browser.screenshot(ARTIFACTS / "view-unconnected-hidden.png")
    load = browser.load(out.as_uri() + "#isolated=1")
    _assert_drawn(load, network.number_of_nodes())
    # as of 2024-06-30: relations stated up to then, and only the entities they connect
    load = browser.load(out.as_uri() + "#to=2024-06-30")
    assert load.attributes["data-kg-time-to"] == "2024-06-10"
    early = [(s, o) for s, o, d in network.edges(data=True) if d["first_date"] <= "2024-06-30"]
    assert int(load.attributes["data-kg-edges"]) == len(early)
    assert int(load.attributes["data-kg-nodes"]) == len({n for e in early for n in e})
    browser.screenshot(ARTIFACTS / "view-time-2024-06.png")
    shown = browser.evaluate("(() => { window.kgView.setTime(2, 3); return [window.kgView.edgeView.length,"
                             " document.documentElement.getAttribute('data-kg-time-from')]; })()")
    late = sum(1 for *_, d in network.edges(data=True) if d["first_date"] >= "2025-02-01")
    assert shown[1] == "2025-02-01" and 0 < shown[0] <= late
    assert browser.evaluate("document.documentElement.getAttribute('data-kg-errors')") is None


def test_browser_clicked_node_lists_its_relations(browser, small_graph, tmp_path):
    out = write_view(small_graph, tmp_path / "small.html").path
    _assert_drawn(browser.load(out.as_uri()), 6)
    details = browser.evaluate("(() => { window.kgView.select('urn:x:unitree');"
                               " const d = document.getElementById('kg-details');"
                               " return {text: d.textContent, heads: [...d.querySelectorAll('.kg-rel-head')]"
                               ".map(h => h.textContent), markup: d.querySelectorAll('script, img').length}; })()")
    assert "← invests in (투자) (2)" in details["heads"] and "partners with (협력) (1)" in details["heads"]
    assert "위수커지와 모멘타가 협력한다." in details["text"]
    assert "<script>window.kgPwned = 1</script>" in details["text"] and details["markup"] == 0
    browser.screenshot(ARTIFACTS / "view-node-details.png")
    # a relation filtered out is not listed; the other end's button selects it
    browser.evaluate("document.querySelector('input[data-name=\"invests_in\"]').click()")
    heads = browser.evaluate("(() => { window.kgView.select('urn:x:unitree'); return [...document.querySelectorAll("
                             "'#kg-details .kg-rel-head')].map(h => h.textContent); })()")
    assert not any("invests" in h for h in heads)
    browser.evaluate("[...document.querySelectorAll('#kg-details .kg-rel-other')].find(b => b.textContent"
                     " === '모멘타 <i>AI</i>').click()")
    assert browser.evaluate("document.documentElement.getAttribute('data-kg-selected')") == "urn:x:momenta"


def test_labels_scale_with_nodes_and_small_ones_drop_out_zoomed_out(small_graph, tmp_path):
    from kg.views import LABEL_THRESHOLD

    data = page_data(write_view(small_graph, tmp_path / "small.html").path.read_text(encoding="utf-8"))
    scaling = data["kgOptions"]["nodes"]["scaling"]
    sizes = [n["size"] for n in data["kgNodes"]]
    assert all(n["value"] == n["size"] for n in data["kgNodes"])  # vis maps value back onto size
    assert (scaling["min"], scaling["max"]) == (min(sizes), max(sizes))
    assert scaling["label"]["enabled"] and scaling["label"]["drawThreshold"] == LABEL_THRESHOLD
    assert scaling["label"]["min"] < scaling["label"]["max"]
