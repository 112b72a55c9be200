"""Heads.match looks heads up by the name's suffixes: the same head as testing every head
in order (longest first, file order among equal lengths), on the shipped heads and on
generated ones."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.heads import Head, Heads, load_heads


def scan(heads: Heads, name: str, script: str | None = None, strong_only: bool = False) -> Head | None:
    name = name.strip()
    if script is None:
        from extraction.names import script_of
        script = "zh" if script_of(name) == "zh" else "ko"
    for h in heads._by_script.get(script, ()):
        if strong_only and not h.strong:
            continue
        if name.endswith(h.head) and len(name) > len(h.head):
            return h
    return None


def test_shipped_heads_same_as_scan():
    heads = load_heads()
    names = ["화웨이테크놀로지", "중국과학원", "华为技术有限公司", "그룹", "x그룹", "", "x", "하이테크개발구",
             "深圳市人工智能产业协会", "OpenAI"]
    for h in heads._by_script["ko"] + heads._by_script["zh"]:
        names += ["가" + h.head, h.head, h.head[1:], "가나" + h.head + "다"]
    for name in names:
        for strong in (False, True):
            assert heads.match(name, strong_only=strong) == scan(heads, name, strong_only=strong), name


def test_longest_then_file_order():
    heads = Heads([("ko", "기술", "Company", "weak"), ("ko", "과학기술", "Company", "strong"),
                   ("ko", "기술", "Organization", "strong")])
    assert heads.match("중국과학기술").head == "과학기술"
    assert heads.match("중국기술").type == "Company"
    assert heads.match("중국기술", strong_only=True).type == "Organization"
    assert heads.match("과학기술").head == "기술"  # a name must be longer than its head
    assert heads.match("기술") is None


_CH = st.sampled_from("가나다라기술그룹과학")
_ROW = st.tuples(st.sampled_from(["ko", "zh"]), st.text(_CH, min_size=0, max_size=4),
                 st.sampled_from(["Company", "Organization"]), st.sampled_from(["strong", "weak"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW, max_size=12), st.text(_CH, max_size=8), st.sampled_from(["ko", "zh"]), st.booleans())
def test_same_as_scan(rows, name, script, strong):
    heads = Heads(rows)
    assert heads.match(name, script, strong) == scan(heads, name, script, strong)
