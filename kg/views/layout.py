"""Node positions computed in Python, and node measures for sizing.

Large views are drawn with these positions and the browser's physics turned off, so the
page paints at once instead of simulating for minutes; small views start from them and
let the physics settle. Each connected component is laid out on its own and the components
are packed in rows, largest first. A component of up to :data:`LEAF` nodes is laid out by
Fruchterman–Reingold (the algorithm of networkx's ``spring_layout``) vectorised with numpy
in float32. A larger one is split into its Louvain communities, each laid out the same way
(recursively), and the communities are placed as the nodes of their own graph and pushed
off each other: no step compares all pairs of more than LEAF nodes, so the cost grows about
as n·log n instead of n² per iteration (a 20,000-entity view took over a minute in the
all-pairs layout), and the picture shows the communities as clusters. Why this and not a
library: networkx's ``forceatlas2_layout`` and ``spring_layout`` build n×n arrays (6 GB at
20,000 nodes) or need scipy; igraph's DrL would add a compiled dependency for one view.
Everything is seeded and independent of the order the graph was read in.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

MEASURES = ("degree", "evidence", "pagerank", "betweenness")


def _fruchterman_reingold(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
                          iterations: int, rng: np.random.Generator) -> np.ndarray:
    """Positions of ``n`` nodes in about the unit square, linked by edges ``src``–``dst``."""
    pos = rng.random((n, 2), dtype=np.float32)
    if n == 1:
        return pos
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    chunk = max(1, 4_000_000 // n)  # rows of the n×n repulsion computed at once (bounded memory)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        for a in range(0, n, chunk):
            dx = pos[a:a + chunk, None, 0] - pos[None, :, 0]
            dy = pos[a:a + chunk, None, 1] - pos[None, :, 1]
            d2 = dx * dx + dy * dy
            np.maximum(d2, 1e-6, out=d2)
            rep = (k * k) / d2  # repulsion k²/d along the unit vector: k²·delta/d²
            disp[a:a + chunk, 0] = (dx * rep).sum(1)
            disp[a:a + chunk, 1] = (dy * rep).sum(1)
        if len(src):
            e = pos[src] - pos[dst]
            d = np.sqrt((e * e).sum(1))[:, None]
            pull = e * (d / k) * weight[:, None]  # attraction d²/k along the edge
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        length = np.sqrt((disp * disp).sum(1))[:, None]
        np.maximum(length, 1e-6, out=length)
        pos += disp / length * np.minimum(length, temperature)
        temperature -= cooling
    return pos


LEAF = 300  # nodes: a part this small is laid out as it is (all pairs repel each other)


def _component(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, spacing: float,
               iterations: int, rng: np.random.Generator, seed: int, depth: int = 0) -> np.ndarray:
    """Pixel positions of one connected part of ``n`` nodes, neighbours about ``spacing``
    apart, centred on the origin.

    Up to :data:`LEAF` nodes, Fruchterman–Reingold on all pairs. Above, the part is split
    into its Louvain communities (or, when Louvain finds none, into pieces of breadth-first
    order); each community is laid out the same way, recursively, and the communities are
    then placed as one node each (joined by the edges between them), scaled apart by their
    sizes and pushed off each other. Each level costs about ``n`` (Louvain) plus LEAF² per
    leaf, so the whole is about n·log n instead of n² per iteration."""
    if n <= 2:
        return np.array([[0.0, 0.0], [spacing * 0.7, 0.0]][:n], dtype=np.float32)
    if n <= LEAF or depth >= 8:
        pos = _fruchterman_reingold(n, src, dst, weight, iterations, rng)
        pos = pos - pos.min(0)
        pos = pos / float(max(pos.max(), 1e-6)) * (spacing * math.sqrt(n))
        return pos - (pos.min(0) + pos.max(0)) / 2
    parts = _split(n, src, dst, weight, seed)
    member = np.empty(n, dtype=np.int64)
    for c, nodes in enumerate(parts):
        member[nodes] = c
    boxes, radii = [], []
    for c, nodes in enumerate(parts):
        local = np.full(n, -1, dtype=np.int64)
        local[nodes] = np.arange(len(nodes))
        inside = (member[src] == c) & (member[dst] == c)
        pos = _component(len(nodes), local[src[inside]], local[dst[inside]], weight[inside], spacing,
                         iterations, rng, seed, depth + 1)
        boxes.append(pos)
        radii.append(float(np.sqrt((pos * pos).sum(1)).max()) + spacing / 2)
    # the communities as nodes, joined by the edges between them
    between = member[src] != member[dst]
    a, b = member[src[between]], member[dst[between]]
    pairs: dict[tuple[int, int], float] = {}
    for x, y, w in zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), weight[between].tolist()):
        pairs[(x, y)] = pairs.get((x, y), 0.0) + w
    m = len(parts)
    msrc = np.array([p[0] for p in pairs], dtype=np.int64)
    mdst = np.array([p[1] for p in pairs], dtype=np.int64)
    mweight = np.minimum(3.0, 0.5 + 0.5 * np.array(list(pairs.values()), dtype=np.float32)).astype(np.float32)
    centres = _component(m, msrc, mdst, mweight, 1.0, iterations, rng, seed, depth + 1).astype(np.float64)
    r = np.array(radii)
    # scale so that the circles would fill about half of the square around the centres (a
    # square: two communities, or several in a line, have no height), then remove overlaps
    extent = max(float((centres.max(0) - centres.min(0)).max()), 1e-6)
    centres *= math.sqrt(2.0 * math.pi * float((r * r).sum())) / extent
    centres = _separate(centres, r + spacing / 2)
    out = np.empty((n, 2), dtype=np.float32)
    for c, nodes in enumerate(parts):
        out[nodes] = boxes[c] + centres[c]
    return out - (out.min(0) + out.max(0)) / 2


def _split(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, seed: int) -> list[np.ndarray]:
    """Between 2 and :data:`LEAF` parts of a graph of ``n`` nodes: its Louvain communities
    (networkx, seeded), grouped the same way while there are more than LEAF of them; pieces
    in breadth-first order where that finds no structure (a star). Label propagation (FLPA)
    was 6× faster but cut the corpus network into hundreds of small parts, and the picture
    into a ring of stragglers around a hairball."""
    graph = _graph(n, src, dst, weight)
    parts = _communities(graph, seed)
    while len(parts) > LEAF:  # group the communities: the same on the graph of communities
        member = np.empty(n, dtype=np.int64)
        for c, nodes in enumerate(parts):
            member[nodes] = c
        keep = member[src] != member[dst]
        groups = _communities(_graph(len(parts), member[src[keep]], member[dst[keep]], weight[keep]), seed)
        if len(groups) < 2 or len(groups) > 0.9 * len(parts):
            groups = _chunks(_graph(len(parts), member[src[keep]], member[dst[keep]], weight[keep]), LEAF)
        parts = [sorted(v for g in group for v in parts[g]) for group in groups]
    if len(parts) == 1 or len(parts[0]) > 0.9 * n:
        parts = _chunks(graph, LEAF)
    return [np.array(p, dtype=np.int64) for p in parts]


def _graph(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for x, y, w in zip(src.tolist(), dst.tolist(), weight.tolist()):
        if x != y:
            graph.add_edge(x, y, weight=graph.get_edge_data(x, y, {}).get("weight", 0.0) + w)
    return graph


def _communities(graph: nx.Graph, seed: int) -> list[list[int]]:
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _chunks(graph: nx.Graph, size: int) -> list[list[int]]:
    """The nodes in breadth-first order from the best connected, cut into pieces of
    ``size``: neighbours mostly end up in the same piece."""
    order = []
    for part in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        start = max(part, key=lambda v: (graph.degree(v), -v))
        order += [start] + [v for _, v in nx.bfs_edges(graph, start)]
    return [sorted(order[i:i + size]) for i in range(0, len(order), size)]


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Move circles (``centres``, ``radii``) apart until none overlaps another (or
    ``rounds`` have passed); all pairs are compared, so this is for the few hundred
    communities of a level, not for nodes."""
    m = len(centres)
    if m < 2:
        return centres
    pos = centres.copy()
    chunk = max(1, 2_000_000 // m)
    for _ in range(rounds):
        push = np.zeros_like(pos)
        overlapping = False
        for s in range(0, m, chunk):
            delta = pos[s:s + chunk, None, :] - pos[None, :, :]
            dist = np.sqrt((delta * delta).sum(2))
            need = radii[s:s + chunk, None] + radii[None, :]
            over = need - dist
            idx = np.arange(s, min(s + chunk, m))
            over[idx - s, idx] = 0.0
            over = np.maximum(over, 0.0)
            if not over.any():
                continue
            overlapping = True
            np.maximum(dist, 1e-6, out=dist)
            push[s:s + chunk] += ((over / dist / 2)[:, :, None] * delta).sum(1)
        if not overlapping:
            break
        pos += push
    return pos


def layout_positions(network: nx.Graph, spacing: float = 70.0, iterations: int = 60,
                     seed: int = 7) -> dict[str, tuple[float, float]]:
    """Screen positions (pixels, about ``spacing`` apart) for every node of ``network``:
    each connected component laid out on its own (:func:`_component`), the components
    packed in rows, largest first."""
    rng = np.random.default_rng(seed)
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    for s, o, d in network.edges(data=True):
        if s != o:
            w = simple.get_edge_data(s, o, {}).get("weight", 0.0)
            simple.add_edge(s, o, weight=w + 1.0)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), str(c[0])))
    boxes = []  # (nodes, positions in pixels from 0, width, height)
    for nodes in components:
        index = {node: i for i, node in enumerate(nodes)}
        # sorted, so that the picture does not depend on the order the graph was read in
        edges = sorted((min(index[s], index[o]), max(index[s], index[o]), min(3.0, 0.5 + 0.5 * d["weight"]))
                       for s, o, d in simple.subgraph(nodes).edges(data=True))
        src = np.array([e[0] for e in edges], dtype=np.int64)
        dst = np.array([e[1] for e in edges], dtype=np.int64)
        weight = np.array([e[2] for e in edges], dtype=np.float32)
        pos = _component(len(nodes), src, dst, weight, spacing, iterations, rng, seed)
        pos = pos - pos.min(0)
        w, h = float(pos[:, 0].max()), float(pos[:, 1].max())
        boxes.append((nodes, pos, w, h))
    # shelf packing: rows of components, largest first, in a roughly square area
    total = sum((w + spacing) * (h + spacing) for _, _, w, h in boxes)
    row_width = max(math.sqrt(total) * 1.2, boxes[0][2] + spacing if boxes else 0.0)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, pos, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (px, py) in zip(nodes, pos):
            positions[node] = (round(float(px) + x, 1), round(float(py) + y, 1))
        x += w + spacing
        row_height = max(row_height, h)
    if positions:  # centre on the origin, where vis-network's view starts
        cx = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
        cy = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
        positions = {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in positions.items()}
    return positions


def pagerank(network: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1e-10,
             max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration (networkx's needs scipy), each edge weighted by its number
    of evidences; symmetric relations (``directed`` = ``false``) count both ways."""
    nodes = list(network.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    src, dst, w = [], [], []
    for s, o, d in network.edges(data=True):
        weight = float(d.get("weight", 1) or 1)
        src.append(index[s]); dst.append(index[o]); w.append(weight)
        if d.get("directed") == "false":
            src.append(index[o]); dst.append(index[s]); w.append(weight)
    src_a, dst_a, w_a = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), np.array(w)
    out = np.zeros(n)
    np.add.at(out, src_a, w_a)
    rank = np.full(n, 1.0 / n)
    dangling = out == 0
    share = np.where(out[src_a] > 0, w_a / np.where(out[src_a] > 0, out[src_a], 1.0), 0.0)
    for _ in range(max_iter):
        new = np.zeros(n)
        np.add.at(new, dst_a, rank[src_a] * share)
        new = alpha * (new + rank[dangling].sum() / n) + (1 - alpha) / n
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return {node: float(rank[i]) for i, node in enumerate(nodes)}


def measure(network: nx.MultiDiGraph, name: str, seed: int = 7) -> dict[str, float]:
    """One value per node: ``degree`` (relations), ``evidence`` (evidences of its
    relations), ``pagerank`` or ``betweenness`` (sampled from 300 sources above 1,000 nodes)."""
    if name == "degree":
        return {n: float(d) for n, d in network.degree()}
    if name == "evidence":
        return {n: float(d) for n, d in network.degree(weight="weight")}
    if name == "pagerank":
        return pagerank(network)
    if name == "betweenness":
        simple = nx.Graph(network.to_undirected(as_view=True))
        k = 300 if simple.number_of_nodes() > 1000 else None
        return nx.betweenness_centrality(simple, k=k, seed=seed)
    raise ValueError(name)


def communities(network: nx.MultiDiGraph, seed: int = 7) -> dict[str, int]:
    """Louvain communities (networkx, seeded) numbered by size, largest 0."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    for s, o, d in network.edges(data=True):
        if s != o:
            w = simple.get_edge_data(s, o, {}).get("weight", 0.0)
            simple.add_edge(s, o, weight=w + float(d.get("weight", 1) or 1))
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ordered = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    return {node: i for i, c in enumerate(ordered) for node in c}
