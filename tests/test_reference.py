"""The shipped reference data (extraction/data/reference/*.tsv) and its reader."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from extraction.errors import KgInputError
from extraction.reference import (COLUMNS, TYPES, Reference, load_reference, read_reference_file,
                                  reference_dir)

SHIPPED = sorted(reference_dir().glob("*.tsv"))


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def entries():
    return [e for f in SHIPPED for e in read_reference_file(f)]


def by_kind(ref, type_, kind):
    return [e for e in ref.by_id.values() if e.type == type_ and e.kind == kind]


# -- the shipped files ------------------------------------------------------------------

def test_shipped_files_present():
    names = {f.name for f in SHIPPED}
    assert {"cities.tsv", "regions.tsv", "parks.tsv", "organizations.tsv",
            "technologies.tsv", "products.tsv"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_file_loads(path):
    rows = read_reference_file(path)
    assert len(rows) >= 50, path.name
    for e in rows:
        assert e.type in TYPES
        assert e.source == path.name
        assert e.names, f"{e.id} has no name"


def test_load_reference_has_every_row(ref, entries):
    assert len(ref) == len(entries)
    assert len(ref) > 2000


def test_ids_unique_and_well_formed(entries):
    counts = Counter(e.id for e in entries)
    assert [i for i, n in counts.items() if n > 1] == []
    bad = [e.id for e in entries if not re.fullmatch(r"[a-z0-9_]+", e.id)]
    assert bad == []


def test_names_carry_no_particles_or_padding(entries):
    bad = [(e.id, n) for e in entries for n in e.names
           if n != n.strip() or "  " in n or "\t" in n]
    assert bad == []


def test_every_within_exists(ref):
    missing = sorted({(e.id, e.within) for e in ref.by_id.values()
                      if e.within and e.within not in ref.by_id})
    assert missing == []


def test_within_of_cities_and_regions_exists(ref):
    """Cities point at provinces and countries that exist (the part of `within` that holds)."""
    missing = sorted((e.id, e.within) for e in ref.by_id.values()
                     if e.type in ("City", "Region") and e.within and e.within not in ref.by_id)
    assert missing == []


def test_prefecture_cities_lie_in_provinces(ref):
    provincial = {e.id for e in ref.by_id.values()
                  if e.kind in ("province", "autonomous_region")}
    wrong = [(e.id, e.within) for e in by_kind(ref, "City", "prefecture_city")
             if e.within not in provincial]
    assert wrong == []


def test_every_broader_exists(ref):
    missing = [(e.id, b) for e in ref.by_id.values() for b in e.broader if b not in ref.by_id]
    assert missing == []


def test_broader_only_on_technologies_and_points_to_technologies(ref):
    for e in ref.by_id.values():
        if e.broader:
            assert e.type == "Technology", e.id
            for b in e.broader:
                assert ref.get(b).type == "Technology", (e.id, b)


def test_technology_broader_graph_has_no_cycles(ref):
    techs = {e.id: e.broader for e in ref.by_id.values() if e.type == "Technology"}
    state: dict[str, int] = {}  # 1 = on the path, 2 = done

    def visit(node, path):
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, "cycle: " + " -> ".join(path + [node])
        state[node] = 1
        for b in techs.get(node, ()):
            visit(b, path + [node])
        state[node] = 2

    for t in techs:
        visit(t, [])
    # and the taxonomy has roots (concepts without broader) and a real hierarchy
    roots = [t for t, b in techs.items() if not b]
    assert 5 <= len(roots) < len(techs) / 2


def test_technology_broader_is_not_itself(ref):
    assert [e.id for e in ref.by_id.values() if e.id in e.broader] == []


# -- coverage ------------------------------------------------------------------------

def test_prefecture_level_cities(ref):
    assert len(by_kind(ref, "City", "prefecture_city")) >= 290


def test_all_34_provincial_level_divisions(ref):
    provinces = by_kind(ref, "Region", "province") + by_kind(ref, "Region", "autonomous_region")
    municipalities = by_kind(ref, "City", "municipality")
    sars = by_kind(ref, "City", "sar")
    assert len(provinces) == 28  # 22 provinces + Taiwan + 5 autonomous regions
    assert {e.id for e in municipalities} == {"beijing", "shanghai", "tianjin", "chongqing"}
    assert {e.id for e in sars} == {"hong_kong", "macau"}
    assert len(provinces) + len(municipalities) + len(sars) == 34
    for zh in ("广东省", "四川", "新疆", "内蒙古", "西藏", "宁夏", "广西", "台湾", "海南"):
        hits = [e for e in ref.lookup(zh) if e in provinces]
        assert hits, zh


def test_zone_counts(ref):
    assert len(by_kind(ref, "Park", "new_area")) >= 19
    assert len(by_kind(ref, "Park", "nidz")) >= 23
    assert len(by_kind(ref, "Park", "hitech_zone")) >= 150
    assert len(by_kind(ref, "Park", "etdz")) >= 200


def test_type_counts(ref):
    counts = Counter(e.type for e in ref.by_id.values())
    assert counts["Company"] >= 300
    assert counts["Investor"] >= 50
    assert counts["Organization"] >= 100
    assert counts["Technology"] >= 200
    assert counts["Product"] >= 50
    assert counts["City"] >= 400


# -- lookups -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["선전", "선전시", "深圳", "深圳市", "Shenzhen", "SHENZHEN", "심천", "심천시"])
def test_shenzhen_in_every_script(ref, name):
    assert [e.id for e in ref.lookup(name)] == ["shenzhen"]


@pytest.mark.parametrize("name", ["화웨이", "華為", "华为", "Huawei", "HUAWEI"])
def test_huawei_in_every_script(ref, name):
    assert [e.id for e in ref.lookup(name)] == ["huawei"]


@pytest.mark.parametrize("name,ref_id", [
    ("중관춘", "zhongguancun"), ("중관촌", "zhongguancun"), ("中关村", "zhongguancun"),
    ("中關村", "zhongguancun"),
    ("톈푸신구", "tianfu_new_area"), ("톈푸 신구", "tianfu_new_area"), ("天府新区", "tianfu_new_area"),
    ("광저우", "guangzhou"), ("广州", "guangzhou"), ("廣州", "guangzhou"),
    ("베이징", "beijing"), ("北京", "beijing"), ("Beijing", "beijing"),
    ("닝더스다이", "catl"), ("宁德时代", "catl"), ("CATL", "catl"),
])
def test_lookup_across_scripts(ref, name, ref_id):
    assert ref_id in [e.id for e in ref.lookup(name)]


def test_gwangju_is_korea_not_guangzhou(ref):
    assert [e.id for e in ref.lookup("광주")] == ["gwangju_kr"]
    assert "guangzhou" not in [e.id for e in ref.lookup("광주시")]


def test_city_gets_si_form_but_province_does_not_get_it(ref):
    shenzhen = ref.get("shenzhen")
    assert "선전시" in shenzhen.ko
    # 시 is added once: only a name that itself ends in 시 (우시 无锡) gets a 시시 form
    doubled = [(e.id, n) for e in ref.by_id.values() for n in e.ko
               if n.endswith("시시") and n[:-1] != e.ko[0]]
    assert doubled == []
    assert "선전시시" not in shenzhen.ko
    guangdong = ref.lookup("广东")[0]
    assert guangdong.type == "Region"
    assert "광둥시" not in guangdong.ko


@pytest.mark.parametrize("name,ref_id", [("우시시", "wuxi"), ("번시시", "benxi"), ("딩시시", "dingxi")])
def test_city_whose_name_ends_in_si_has_its_si_form(ref, name, ref_id):
    assert [e.id for e in ref.lookup(name)] == [ref_id]


def test_unknown_name(ref):
    assert ref.lookup("존재하지않는회사명") == []
    assert ref.get("no_such_id") is None


# -- malformed files -----------------------------------------------------------------

HEADER = "\t".join(COLUMNS)


def _row(*cells):
    cells = list(cells) + [""] * (len(COLUMNS) - len(cells))
    return "\t".join(cells)


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_valid_temporary_file(tmp_path):
    p = write(tmp_path, "mini.tsv", [
        "# a comment",
        HEADER,
        "",
        _row("mingxin", "Company", "밍신", "밍신반도체", "明芯半导体|明芯", "明芯半導體", "Mingxin", "MX",
             "suzhou_jiangsu", "", "Investor", "company"),
        _row("taicang", "City", "타이창", "", "太仓市|太仓", "太倉", "Taicang", "", "suzhou_jiangsu", "", "",
             "county_city"),
    ])
    rows = read_reference_file(p)
    assert [e.id for e in rows] == ["mingxin", "taicang"]
    mx = rows[0]
    assert mx.ko == ("밍신", "밍신반도체")
    assert mx.zh == ("明芯半导体", "明芯", "明芯半導體")
    assert mx.en == ("Mingxin", "MX")
    assert mx.roles == ("Investor",) and mx.kind == "company" and mx.within == "suzhou_jiangsu"
    assert mx.source == "mini.tsv"
    assert rows[1].ko == ("타이창", "타이창시")  # the 시 form is added to cities
    assert rows[1].broader == ()


def test_loading_a_folder(tmp_path):
    write(tmp_path, "a.tsv", [HEADER, _row("alpha_co", "Company", "알파테크", "", "阿尔法科技")])
    write(tmp_path, "b.tsv", [HEADER, _row("beta_city", "City", "베타", "", "贝塔市")])
    ref = load_reference(str(tmp_path))
    assert len(ref) == 2
    assert [e.id for e in ref.lookup("阿爾法科技")] == ["alpha_co"]
    assert [e.id for e in ref.lookup("베타시")] == ["beta_city"]


def test_empty_file_gives_no_rows(tmp_path):
    assert read_reference_file(write(tmp_path, "empty.tsv", ["# only a comment"])) == []


def test_wrong_header(tmp_path):
    p = write(tmp_path, "badheader.tsv", ["id\ttype\tko\tzh", _row("x", "City", "엑스")])
    with pytest.raises(KgInputError) as exc:
        read_reference_file(p)
    assert "badheader.tsv" in str(exc.value)
    assert exc.value.path == str(p)
    assert "header" in exc.value.problem


def test_header_with_spaces_instead_of_tabs(tmp_path):
    p = write(tmp_path, "spaces.tsv", [" ".join(COLUMNS)])
    with pytest.raises(KgInputError, match="spaces.tsv"):
        read_reference_file(p)


def test_wrong_cell_count(tmp_path):
    p = write(tmp_path, "short.tsv", [
        HEADER,
        _row("ok_row", "City", "오케이"),
        "short_row\tCompany\t짧은행",
    ])
    with pytest.raises(KgInputError) as exc:
        read_reference_file(p)
    msg = str(exc.value)
    assert "short.tsv" in msg
    assert "3 cells" in msg and str(len(COLUMNS)) in msg


def test_too_many_cells(tmp_path):
    p = write(tmp_path, "long.tsv", [HEADER, _row("x", "City", "엑스") + "\textra"])
    with pytest.raises(KgInputError, match="long.tsv"):
        read_reference_file(p)


def test_unknown_type(tmp_path):
    p = write(tmp_path, "badtype.tsv", [HEADER, _row("x_univ", "University", "엑스대학")])
    with pytest.raises(KgInputError) as exc:
        read_reference_file(p)
    assert "badtype.tsv" in str(exc.value)
    assert "University" in exc.value.problem


def test_duplicate_id_across_files(tmp_path):
    write(tmp_path, "one.tsv", [HEADER, _row("same_id", "Company", "가나테크")])
    write(tmp_path, "two.tsv", [HEADER, _row("same_id", "City", "가나")])
    with pytest.raises(KgInputError) as exc:
        load_reference(str(tmp_path))
    assert "same_id" in str(exc.value)
    assert "one.tsv" in str(exc.value) or "two.tsv" in str(exc.value)
