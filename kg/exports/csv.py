"""Node and edge tables in the column names Gephi's spreadsheet import expects.

``write_csv(network, "net.csv")`` writes ``net-nodes.csv`` (Id, Label, Type, Types, name_ko,
name_zh, name_en, Degree, FirstDate, LastDate) and ``net-edges.csv`` (Source, Target, Type = Directed or
Undirected, Weight, Relation, FirstDate, LastDate).
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    path = Path(path)
    stem = path.with_suffix("")
    return Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")


def write_csv(network: nx.MultiDiGraph, path: str | Path) -> Path:
    nodes_path, edges_path = csv_paths(path)
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Type", "Types", "name_ko", "name_zh", "name_en", "Degree", "FirstDate",
                    "LastDate"])
        for node, d in network.nodes(data=True):
            w.writerow([node, d["label"], d["type"], d["types"], d["name_ko"], d["name_zh"],
                        d["name_en"], d["degree"], d.get("first_date", ""), d.get("last_date", "")])
    with open(edges_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Source", "Target", "Type", "Weight", "Relation", "FirstDate", "LastDate"])
        for s, o, d in network.edges(data=True):
            w.writerow([s, o, "Undirected" if d["directed"] == "false" else "Directed", d["weight"],
                        d["relation"], d["first_date"], d["last_date"]])
    return nodes_path
