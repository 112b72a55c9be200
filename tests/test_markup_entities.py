"""Fragments of markup in a document's text (tags the normaliser does not know, attributes,
script addresses, escaped markup in a web page) never become entities, through the whole
pipeline; the names around them still do."""
from __future__ import annotations

import re

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import SKOS

from extraction.markup import is_markup_fragment
from kg.build import build

MARKUP_WORDS = re.compile(r"(?i)script|onload|onerror|onclick|onmouse|div|span|img|iframe|style|href|src|svg|alert")

TEXT = """◼ 샤오미, 베이징에 AI 연구소 설립…<script>alert(1)</script> 화웨이와 협력
2025년 4월 21일 (출처: 36Kr)
샤오미(小米)는 베이징에 인공지능 연구소를 세웠다고 밝혔다. <img src=x onerror=alert(1)> 회사는 화웨이(华为)와 협력한다.
</div><div class="x" onload=steal()> 텐센트(腾讯)가 이 회사에 5억 위안을 투자했다 <b>onmouseover=alert(1)</b>
회사 이름은 <onload>(온로드, 昂洛德科技)이며 </span>(스판테크, 斯潘科技)와 경쟁한다.
onerror=steal() 벤처 캐피탈이 투자를 주도했고 javascript:alert(document.cookie) 그룹도 참여했다.
a < b 이고 c > d 인 경우에도 <script src="http://127.0.0.1/x.js"></script> 바이두(百度)는 자율주행을 개발한다.
<중국제조 2025> 전략에 따라 알리바바(阿里巴巴)는 항저우에 본사를 둔 기업으로 <svg/onload=alert(1)> 성장했다.
"""

HTML = """<html><head><title>t</title></head><body>
<p>샤오미(小米)는 베이징에 인공지능 연구소를 세웠다. &lt;script&gt;alert(1)&lt;/script&gt; 회사는 화웨이(华为)와 협력한다.</p>
<p>텐센트(腾讯)가 &lt;onload&gt;(온로드, 昂洛德科技)에 투자했다 &lt;img src=x onerror=alert(1)&gt; &lt;/div&gt;</p>
</body></html>
"""


@pytest.fixture(scope="module")
def labels(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("markup")
    (tmp / "markup.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "markup.md").write_text(TEXT, encoding="utf-8")
    (tmp / "escaped.html").write_text(HTML, encoding="utf-8")
    out = tmp / "g.trig"
    build([tmp / "markup.txt", tmp / "markup.md", tmp / "escaped.html"], out)
    ds = Dataset()
    ds.parse(out, format="trig")
    return {str(o) for _, p, o, _ in ds.quads((None, None, None, None))
            if p in (SKOS.prefLabel, SKOS.altLabel) and isinstance(o, Literal)}


def test_no_markup_fragment_is_an_entity(labels):
    bad = sorted(lab for lab in labels if re.search(r"[<>=/]", lab) or MARKUP_WORDS.search(lab))
    assert not bad, bad


def test_the_names_around_the_markup_are_still_found(labels):
    assert {"샤오미", "화웨이", "텐센트", "바이두", "알리바바"} <= labels


@pytest.mark.parametrize("text, name, fragment", [
    ("회사 이름은 <onload>(온로드)", "onload", True),
    ("</div>(스판테크)", "div", True),
    ("onerror=steal() 벤처", "steal", True),
    ("javascript:alert(1) 그룹", "alert", True),
    ("<중국제조 2025> 전략에 따라 화웨이는", "화웨이", False),
    ("<중국제조 2025> 전략에 따라 화웨이는", "중국제조", False),
    ("a < b 이고 화웨이 > 샤오미", "화웨이", False),
    ("Big data: 화웨이의 전략", "화웨이", False),
    ("<AI 데이터 표준 지침(人工智能数据标准指引)>을", "AI", False),
    ("<AI인재 육성 행동계획(2024-2026)>", "AI", False),
    ("<AI Act> 시행으로 화웨이는", "AI", False),
    ("<img src=x onerror=alert(1)> 회사", "img", True),
    ("<svg/onload=alert(1)> 성장", "svg", True),
])
def test_markup_fragments(text, name, fragment):
    start = text.index(name)
    assert is_markup_fragment(text, start, start + len(name)) is fragment
