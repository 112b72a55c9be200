"""A small hand-written graph in kg's vocabulary with everything a fact carries: evidences
with offsets, confidence, a planned rule, mentions inside the sentences, dated articles of
one document, a reference id; and the same graph loaded into a kg store."""
from __future__ import annotations

from pathlib import Path

from kg.graph_io import read_graph

# the evidence text has a comma, a quote and a line break: the fact table must quote them
SENTENCE = '텐센트는 위수커지에 "전략적" 투자를 했다,\n2차로.'
FACTS_GRAPH = """\
@prefix kg: <https://w3id.org/kgct/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix x: <urn:x:> .

x:graph1 {
  x:doc a kg:Document ; kg:fileName "brief.txt" .
  x:a1 a kg:Article ; kg:inDocument x:doc ; prov:wasDerivedFrom x:doc ;
      dcterms:title "로봇 투자 소식"@ko ; dcterms:date "2025-03-02"^^xsd:date .
  x:a2 a kg:Article ; kg:inDocument x:doc ; prov:wasDerivedFrom x:doc ;
      dcterms:title "후속 투자"@ko ; dcterms:date "2025-05-10"^^xsd:date .
  x:unitree a kg:Company ; skos:prefLabel "위수커지"@ko , "宇树科技"@zh-Hans , "Unitree"@en ;
      skos:altLabel "유니트리"@ko ; kg:referenceId "unitree" ;
      kg:nameKey "위수커지" , "宇树科技" , "unitree" , "유니트리" .
  x:tencent a kg:Company , kg:Investor ; skos:prefLabel "텐센트"@ko , "腾讯"@zh-Hans , "Tencent"@en ;
      kg:nameKey "텐센트" , "腾讯" , "tencent" .
  x:hangzhou a kg:City ; skos:prefLabel "항저우"@ko , "杭州"@zh-Hans ; kg:nameKey "항저우" , "杭州" .
  x:lonely a kg:Organization ; skos:prefLabel "외딴기관"@ko ; kg:nameKey "외딴기관" .

  x:tencent kg:investsIn x:unitree .
  x:unitree kg:locatedIn x:hangzhou .

  x:m1 a kg:Mention ; kg:mentionOf x:tencent ; kg:startOffset 100 ; kg:endOffset 103 ; prov:wasDerivedFrom x:a1 .
  x:m2 a kg:Mention ; kg:mentionOf x:unitree ; kg:startOffset 105 ; kg:endOffset 109 ; prov:wasDerivedFrom x:a1 .
  x:m3 a kg:Mention ; kg:mentionOf x:unitree ; kg:startOffset 500 ; kg:endOffset 504 ; prov:wasDerivedFrom x:a2 .

  x:ev1 a kg:Evidence ; kg:subject x:tencent ; kg:predicate kg:investsIn ; kg:object x:unitree ;
      kg:evidenceText \"\"\"%s\"\"\" ; kg:startOffset 100 ; kg:endOffset 127 ;
      kg:confidence 0.7 ; kg:extractor "prose:invested" ; prov:wasDerivedFrom x:a1 .
  x:ev2 a kg:Evidence ; kg:subject x:tencent ; kg:predicate kg:investsIn ; kg:object x:unitree ;
      kg:evidenceText "텐센트가 위수커지에 다시 투자한다." ; kg:startOffset 480 ; kg:endOffset 498 ;
      kg:confidence 0.5 ; kg:extractor "prose:invested+planned" ; prov:wasDerivedFrom x:a2 .
  x:ev3 a kg:Evidence ; kg:subject x:unitree ; kg:predicate kg:locatedIn ; kg:object x:hangzhou ;
      kg:evidenceText "항저우의 로봇 기업 위수커지" ; kg:startOffset 600 ; kg:endOffset 614 ;
      kg:confidence 0.4 ; kg:extractor "prose:place" ; prov:wasDerivedFrom x:a2 .
}
""" % SENTENCE


def write_facts_graph(path: Path) -> Path:
    path.write_text(FACTS_GRAPH, encoding="utf-8")
    return path


def write_facts_store(graph_file: Path, folder: Path) -> Path:
    from kg.store import open_store

    with open_store(folder, create=True) as st:
        for g in read_graph(graph_file).graphs():
            if len(g):
                st.replace_graph(g)
    return folder
