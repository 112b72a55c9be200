"""Graphs for the view and focus tests that need no model: a small hand-written graph in
kg's vocabulary (with markup in a name and in an evidence sentence) and a synthetic
network of any size with the attributes of ``to_network``."""
from __future__ import annotations

import random
from pathlib import Path

import networkx as nx

from kg.exports.network import TYPE_ORDER, annotate

HOSTILE_SENTENCE = ('텐센트는 위수커지에 투자했다 <script>window.kgPwned = 1</script>'
                    '<img src=x onerror="window.kgPwned = 2"> & 그 밖의 내용.')

SMALL_GRAPH = """\
@prefix kg: <https://w3id.org/kgct/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix x: <urn:x:> .

x:graph1 {
  x:doc a kg:Document ; kg:fileName "brief <b>1</b>.txt" .
  x:art a kg:Article ; kg:inDocument x:doc ; prov:wasDerivedFrom x:doc ;
      dcterms:title "로봇 투자 소식"@ko ; dcterms:date "2025-04-21" .
  x:unitree a kg:Company ; skos:prefLabel "위수커지"@ko , "宇树科技"@zh-Hans , "Unitree"@en ;
      skos:altLabel "유니트리"@ko .
  x:tencent a kg:Company , kg:Investor ; skos:prefLabel "텐센트"@ko , "腾讯"@zh-Hans , "Tencent"@en .
  x:fund a kg:Investor ; skos:prefLabel "중커촹싱"@ko , "中科创星"@zh-Hans .
  x:momenta a kg:Company ; skos:prefLabel "모멘타 <i>AI</i>"@ko , "Momenta"@en .
  x:hangzhou a kg:City ; skos:prefLabel "항저우"@ko , "杭州"@zh-Hans .
  x:robot a kg:Technology ; skos:prefLabel "휴머노이드 로봇"@ko .
  x:lonely a kg:Organization ; skos:prefLabel "외딴기관"@ko .

  x:tencent kg:investsIn x:unitree .
  x:fund kg:investsIn x:unitree .
  x:unitree kg:partnersWith x:momenta .
  x:unitree kg:locatedIn x:hangzhou .
  x:unitree kg:develops x:robot .
  x:momenta kg:develops x:robot .

  x:ev1 a kg:Evidence ; kg:subject x:tencent ; kg:predicate kg:investsIn ; kg:object x:unitree ;
      kg:evidenceText \"\"\"%s\"\"\" ; prov:wasDerivedFrom x:art .
  x:ev2 a kg:Evidence ; kg:subject x:unitree ; kg:predicate kg:partnersWith ; kg:object x:momenta ;
      kg:evidenceText "위수커지와 모멘타가 협력한다." ; prov:wasDerivedFrom x:art .
}
""" % HOSTILE_SENTENCE


def write_small_graph(path: Path) -> Path:
    path.write_text(SMALL_GRAPH, encoding="utf-8")
    return path


def synthetic_network(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free network of ``n`` entities of every type and relations of every kind,
    in several components (as a real graph has), with Korean, Chinese and English names."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    start = 0
    for size in (int(n * 0.7), int(n * 0.2)) + (10,) * ((n - int(n * 0.7) - int(n * 0.2)) // 10):
        part = nx.barabasi_albert_graph(size, 2, seed=rng.randrange(1 << 30))
        for i in part.nodes:
            t = rng.choice(TYPE_ORDER)
            k = start + i
            g.add_node(f"urn:x:{k}", label=f"기업{k:04d}", type=t, types=t, name_ko=f"기업{k:04d}",
                       name_zh=f"企业{k}", name_en=f"Firm {k}")
        for a, b in part.edges:
            rel = rng.choice(["invests_in", "partners_with", "develops", "located_in"])
            g.add_edge(f"urn:x:{start + a}", f"urn:x:{start + b}", key=rel, relation=rel,
                       weight=rng.randint(1, 3), first_date="2025-01-02", last_date="2025-03-04",
                       directed="false" if rel == "partners_with" else "true")
        start += size
    for k in range(start, n):  # isolated entities
        g.add_node(f"urn:x:{k}", label=f"기업{k:04d}", type="Technology", types="Technology",
                   name_ko=f"기업{k:04d}", name_zh="", name_en="")
    return annotate(g)
