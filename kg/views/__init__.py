"""``kg view``: an interactive network view in one self-contained HTML file.

The network is :func:`kg.exports.network.to_network` (the same as the exports), narrowed
by a :class:`kg.focus.Focus`, and handed to pyvis for its nodes, edges and options. The page
is rendered from kg's own template (``template.html``, ``view.js``, ``view.css`` beside this
file) with vis-network's script and style from pyvis's package inlined: it loads nothing
from the network and works offline (pyvis's own template links Bootstrap and, for inline
resources, vis from CDNs).

Everything that comes from documents (names, evidence sentences, titles) reaches the page
only as JSON inside a script (``tojson`` escapes ``<``, ``>``, ``&`` and ``'``) and is put
into the page with ``textContent``; tooltips are DOM elements, never HTML strings.

Small networks start from positions computed in Python and let vis-network's physics settle
them; above :data:`FIXED_LAYOUT_ABOVE` nodes the physics is off and the Python layout is
final, so the page is interactive at once.

The page carries each fact once: a node's shape and colours come from its group (its type),
an edge's arrows and colours from its relation (``view.js``); evidence is two tables, the
sentences and the (document, article, date) sources, that edges point into; empty fields
are left out; tooltips and the search index are made in the browser when first needed.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV

from ontology import KG

from ..atomic import AtomicFile, check_output
from ..errors import KgError
from ..exports.network import COLORS, RELATIONS, TYPE_ORDER, node_size, to_network
from ..focus import Focus, apply_focus
from .layout import MEASURES, communities as find_communities, layout_positions, measure

log = logging.getLogger(__name__)

FIXED_LAYOUT_ABOVE = 1000  # nodes; above this the Python layout is final and physics is off
LABEL_THRESHOLD = 7  # pixels: a node's label is drawn when its font would be at least this big
LAYOUTS = ("auto", "physics", "fixed")
MAX_EVIDENCE_SHOWN = 8  # evidences listed in an edge's tooltip (the count says how many more)
FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
SHAPES = {"Company": "dot", "Investor": "diamond", "Organization": "square", "Park": "triangle",
          "City": "hexagon", "Region": "triangleDown", "Technology": "star", "Product": "square"}
RELATION_COLORS = {"invests_in": "#d62728", "partners_with": "#1f77b4", "develops": "#17a2b8",
                   "located_in": "#8c8c8c"}
RELATION_LABELS = {"invests_in": "invests in (투자)", "partners_with": "partners with (협력)",
                   "develops": "develops (개발)", "located_in": "located in (소재)"}
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                    "#ff9da7", "#9c755f", "#79706e", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d",
                    "#8cd17d", "#b6992d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6")
SMALL_COMMUNITY = "#c8c8c8"
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Evidence:
    """One sentence supporting a relation, with where it comes from."""

    text: str
    document: str
    article: str
    date: str


@dataclass(frozen=True)
class Page:
    """A rendered view."""

    html: str
    nodes: int
    edges: int  # drawn: a symmetric relation stated both ways is one edge
    layout: str  # "physics" (settled in the browser) or "fixed" (computed in Python)
    communities: int  # 0 unless coloured by community


@dataclass(frozen=True)
class ViewResult:
    path: Path
    nodes: int
    edges: int
    layout: str  # "physics" (settled in the browser) or "fixed" (computed in Python)
    communities: int  # 0 unless coloured by community
    bytes: int


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % rgb


def collect_evidence(dataset: Dataset, min_confidence: float = 0.0) -> dict[tuple[str, str, str], list[Evidence]]:
    """Evidences of every relation, keyed by (subject IRI, relation name, object IRI); with
    ``min_confidence``, those of at least that confidence."""
    def values(predicate):
        return {s: o for s, _, o, _ in dataset.quads((None, predicate, None, None))}

    text = values(KG.evidenceText)
    subj, pred, obj = values(KG.subject), values(KG.predicate), values(KG.object)
    derived, in_document = values(PROV.wasDerivedFrom), values(KG.inDocument)
    titles, dates, file_names = values(DCTERMS.title), values(DCTERMS.date), values(KG.fileName)
    confidence = values(KG.confidence) if min_confidence else {}
    found: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for node, sentence in text.items():
        rel = RELATIONS.get(pred.get(node))
        if rel is None or node not in subj or node not in obj:
            continue
        if min_confidence and _number(confidence.get(node), 1.0) < min_confidence:
            continue
        article = derived.get(node)
        document = in_document.get(article) if article is not None else None
        date = dates.get(article) or (dates.get(document) if document is not None else None)
        doc_name = file_names.get(document) or titles.get(document) or (
            str(document).rstrip("/").rsplit("/", 1)[-1] if isinstance(document, URIRef) else "")
        found[(str(subj[node]), rel, str(obj[node]))].append(
            Evidence(str(sentence), str(doc_name or ""), str(titles.get(article, "")), str(date or "")))
    for items in found.values():
        items.sort(key=lambda e: (e.date, e.document, e.text))
    return dict(found)


def _number(term, default: float) -> float:
    try:
        return float(term) if term is not None else default
    except (TypeError, ValueError):
        return default


def _names(data: dict) -> dict[str, list[str]]:
    return {lang: [n for n in str(data.get(f"name_{lang}", "")).split("|") if n] for lang in ("ko", "zh", "en")}


def _search_variants(names: dict[str, list[str]], ref_id: str = "") -> list[str]:
    """The other Chinese script of each Chinese name (宇树科技 / 宇樹科技) and the reference
    data's names and aliases of the entity (:func:`kg.lookup.reference_names`), so that the
    page's search finds an entity whichever script and name the user types."""
    from extraction.names import to_simplified, to_traditional

    from ..lookup import reference_names

    zh = names.get("zh", [])
    own = {n for ns in names.values() for n in ns}
    extra = {v for n in zh for v in (to_simplified(n), to_traditional(n))}
    extra.update(reference_names(ref_id or None, own))
    return sorted(extra - own)


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline element early
        raise KgError(f"{lib}: vis-network cannot be inlined (it contains a closing tag); reinstall pyvis 0.3.2")
    return js, css


def render_view(network: nx.MultiDiGraph, evidence: dict | None = None, *, title: str = "kg network",
                subtitle: str = "", size_by: str = "degree", colour_communities: bool = False,
                layout: str = "auto", show_isolated: bool = False, rounds: dict | None = None) -> Page:
    """The HTML page of ``network`` (nodes and edges as made by ``to_network``, evidences
    as made by :func:`collect_evidence`). Entities without relations are in the page but
    hidden until its "entities without relations" box is ticked (``show_isolated`` ticks
    it from the start). ``rounds`` (:func:`kg.rounds.collect_rounds`) puts funding rounds in
    the tooltips of invests-in edges."""
    from jinja2 import Environment, FileSystemLoader
    from pyvis.network import Network

    if size_by not in MEASURES:
        raise KgError(f"--size-by {size_by}: unknown measure; measures are {', '.join(MEASURES)}")
    if layout not in LAYOUTS:
        raise KgError(f"--layout {layout}: unknown layout; layouts are {', '.join(LAYOUTS)}")
    evidence = evidence or {}
    n_nodes = network.number_of_nodes()
    fixed = layout == "fixed" or (layout == "auto" and n_nodes > FIXED_LAYOUT_ABOVE)
    positions = layout_positions(network)
    values = measure(network, size_by)
    degrees = dict(network.degree())
    top = max(values.values(), default=0.0)
    max_degree = max(degrees.values(), default=0)
    community = find_communities(network) if colour_communities and n_nodes else {}
    n_communities = len(set(community.values()))

    net = Network(height="100%", width="100%", directed=True, heading=title)
    # nodes and edges as vis-network objects, without what the page can derive: shape, colours
    # and border come from the node's group (its type) unless coloured by community; an edge's
    # arrows and colours from its relation (view.js); empty and default fields are left out.
    # (pyvis's add_node and add_edge look nodes up in a list: quadratic in the network's size.)
    type_counts: dict[str, int] = defaultdict(int)
    nodes: list[dict] = []
    for node, data in network.nodes(data=True):
        kind = data["type"]
        type_counts[kind] += 1
        type_colour = _hex(COLORS[kind])
        if size_by == "degree":
            size = node_size(degrees[node])
        else:
            size = node_size(max_degree * (values[node] / top if top else 0.0))
        x, y = positions[node]
        names = {lang: ns for lang, ns in _names(data).items() if ns}
        item = {"id": node, "label": data.get("label") or node, "group": kind, "size": round(size, 1),
                "value": round(size, 1), "x": x, "y": y, "kgType": kind, "kgNames": names,
                "kgDegree": degrees[node]}
        types = [t for t in str(data.get("types") or kind).split("|") if t]
        if types != [kind]:
            item["kgTypes"] = types
        search = _search_variants(names, str(data.get("ref_id", "")))
        if search:
            item["kgSearch"] = search
        if size_by != "degree":
            item["kgMeasure"] = round(values[node], 6)
        if community:
            c = community[node]
            colour = COMMUNITY_COLORS[c] if c < len(COMMUNITY_COLORS) else SMALL_COMMUNITY
            item["kgCommunity"] = c
            item["color"] = {"background": colour, "border": type_colour,
                             "highlight": {"background": colour, "border": "#000000"},
                             "hover": {"background": colour, "border": "#000000"}}
            item["borderWidth"] = 2
        if data.get("first_date"):
            item["kgFirstDate"] = str(data["first_date"])
        nodes.append(item)
    rel_counts: dict[str, int] = defaultdict(int)
    merged: dict[tuple, dict] = {}
    for s, o, data in network.edges(data=True):
        rel = data["relation"]
        symmetric = data.get("directed") == "false"
        key = (min(s, o), rel, max(s, o)) if symmetric else (s, rel, o)
        evs = evidence.get((s, rel, o), [])
        if key in merged:  # a symmetric relation stated both ways: one edge
            m = merged[key]
            m["evidence"].extend(e for e in evs if e not in m["evidence"])
            m["weight"] += int(data.get("weight", 1))
            m["dates"] += [data.get("first_date", ""), data.get("last_date", "")]
            continue
        merged[key] = {"from": s, "to": o, "rel": rel, "symmetric": symmetric, "evidence": list(evs),
                       "weight": int(data.get("weight", 1)),
                       "dates": [data.get("first_date", ""), data.get("last_date", "")]}
    # evidence as indices into two tables: each sentence once, each (document, article, date) once
    texts: dict[str, int] = {}
    sources: dict[tuple[str, str, str], int] = {}
    edges: list[dict] = []
    for (a, _, b), m in merged.items():
        rel = m["rel"]
        rel_counts[rel] += 1
        dates = sorted(d for d in m["dates"] if d)
        evs = m["evidence"]
        item = {"from": m["from"], "to": m["to"], "kgRelation": rel, "kgWeight": m["weight"]}
        width = round(1 + min(4.0, (m["weight"] - 1) * 0.7), 2)
        if width != 1:
            item["width"] = width
        if dates:
            item["kgFirstDate"] = dates[0]
            if dates[-1] != dates[0]:
                item["kgLastDate"] = dates[-1]
        item["kgEvidence"] = [[texts.setdefault(e.text, len(texts)),
                               sources.setdefault((e.document, e.article, e.date), len(sources))]
                              for e in evs[:MAX_EVIDENCE_SHOWN]]
        if len(evs) > MAX_EVIDENCE_SHOWN:
            item["kgMoreEvidence"] = len(evs) - MAX_EVIDENCE_SHOWN
        found_rounds = (rounds or {}).get((m["from"], m["to"]), []) if rel == "invests_in" else []
        if found_rounds:
            item["kgRounds"] = found_rounds
        edges.append(item)
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}

    sizes = [float(n["size"]) for n in net.nodes]
    physics = {"enabled": False} if fixed else {
        "enabled": True, "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.01, "springLength": 80,
                             "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.3},
        # the Python layout is a good start: fewer iterations for more nodes keep the first
        # paint within a few seconds (each costs about 35 ms at 850 nodes in headless Chromium)
        "stabilization": {"enabled": True, "iterations": max(50, min(300, 60_000 // max(n_nodes, 1))),
                          "updateInterval": 50, "fit": True},
        "minVelocity": 1.0,
    }
    net.options = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"font": {"size": 14, "face": FONT, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # value = size, scaled onto the same range, so that labels grow with the node and
                  # a label drawn smaller than drawThreshold pixels is left out: zoomed out, only
                  # the big entities are named instead of a pile of unreadable labels
                  "scaling": {"min": min(sizes, default=8.0), "max": max(sizes, default=8.0),
                              "label": {"enabled": True, "min": 12, "max": 30, "maxVisible": 30,
                                        "drawThreshold": LABEL_THRESHOLD}}},
        "groups": {t: {"shape": SHAPES[t],  # no borderWidth: a group's would beat the node's own
                       "color": {"background": _hex(COLORS[t]), "border": "#444444",
                                 "highlight": {"background": _hex(COLORS[t]), "border": "#000000"},
                                 "hover": {"background": _hex(COLORS[t]), "border": "#000000"}}}
                   for t in TYPE_ORDER if type_counts.get(t)},
        "edges": {"smooth": False if fixed else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": fixed,
                        "hideEdgesOnZoom": fixed, "multiselect": False, "navigationButtons": False},
        "physics": physics,
    }
    page = {
        "title": title, "subtitle": subtitle, "layout": "fixed" if fixed else "physics",
        "sizeBy": size_by, "communities": n_communities, "isolated": show_isolated,
        "isolatedCount": sum(1 for n in network if degrees[n] == 0),
        "dates": _timeline_dates(network),
        "types": [{"name": t, "color": _hex(COLORS[t]), "shape": SHAPES[t], "count": type_counts[t]}
                  for t in TYPE_ORDER if type_counts.get(t)],
        "relations": [{"name": r, "label": RELATION_LABELS[r], "color": RELATION_COLORS[r],
                       "directed": r != "partners_with", "count": rel_counts[r]}
                      for r in RELATIONS.values() if rel_counts.get(r)],
    }
    vis_js, vis_css = _vis_assets()
    net.templateEnv = Environment(loader=FileSystemLoader(str(_HERE)), autoescape=False)
    # JSON in the page keeps Korean and Chinese as they are; tojson still escapes < > & '
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    net.path = "template.html"
    net.templateEnv.globals.update(
        kg_page=page, vis_js=vis_js, vis_css=vis_css, font=FONT,
        kg_evidence={"texts": list(texts), "sources": [list(k) for k in sources]},
        kg_js=(_HERE / "view.js").read_text(encoding="utf-8"),
        kg_css=(_HERE / "view.css").read_text(encoding="utf-8"),
    )
    return Page(net.generate_html(), len(net.nodes), len(net.edges), page["layout"], n_communities)


def _timeline_dates(network: nx.MultiDiGraph) -> list[str]:
    """The distinct dates of the network's relations, sorted: the steps of the page's time
    filter."""
    dates = set()
    for *_, d in network.edges(data=True):
        dates.update(x for x in str(d.get("dates", "")).split("|") if x)
        dates.update(x for x in (d.get("first_date"), d.get("last_date")) if x)
    return sorted(dates)


def write_view(graph_file: str | Path, output: str | Path, focus: Focus | None = None, *,
               size_by: str = "degree", colour_communities: bool = False, layout: str = "auto",
               min_confidence: float = 0.0, show_isolated: bool = False) -> ViewResult:
    """Read a graph file and write its interactive view to ``output`` (an ``.html`` file;
    replaced only when the page is complete); only relations with an evidence of at least
    ``min_confidence`` (and only those evidences in the tooltips)."""
    from ..graph_io import as_quads

    output = Path(output)
    if output.suffix.lower() not in (".html", ".htm"):
        raise KgError(f"{output}: a view is an HTML page; choose an output name ending in .html")
    check_output(output, "view")  # before the work
    dataset = as_quads(graph_file)  # a graph file's quads, or a dataset (a store's: kg.graph_io.load_dataset)
    network = to_network(dataset, min_confidence=min_confidence)
    if network.number_of_nodes() == 0:
        raise KgError(f"{graph_file}: the graph has no entities to show; build it from documents with kg build")
    focus = focus or Focus()
    network = apply_focus(network, focus, source=str(graph_file))
    evidence = collect_evidence(dataset, min_confidence)
    from ..rounds import collect_rounds

    subtitle = focus.describe() + (f" · confidence ≥ {min_confidence:g}" if min_confidence else "")
    page = render_view(
        network, evidence, title=Path(str(graph_file)).name, subtitle=subtitle.strip(" ·"), size_by=size_by,
        colour_communities=colour_communities, layout=layout, show_isolated=show_isolated,
        rounds=collect_rounds(dataset))
    with AtomicFile(output, "view") as fh:
        fh.write(page.html.encode("utf-8"))
    size = output.stat().st_size
    log.info("view %s: %d nodes, %d edges, layout %s, %d bytes", output, page.nodes, page.edges, page.layout, size)
    return ViewResult(output, page.nodes, page.edges, page.layout, page.communities, size)


__all__ = ["Evidence", "FIXED_LAYOUT_ABOVE", "LAYOUTS", "MEASURES", "Page", "ViewResult", "collect_evidence",
           "render_view", "write_view"]
