"""Sino-Korean readings (한자음) from kg's own table, without the hanja package at run time."""
from __future__ import annotations

import subprocess
import sys

import pytest

from extraction.hanja_reading import read_hanja, readings
from extraction.translit import is_sino_korean_word, sino_korean

from .conftest import REPO

EXPECTED = REPO / "tests" / "data" / "sino_korean_readings.tsv"


def _expected() -> list[tuple[str, str]]:
    rows = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, reading = line.split("\t")
            rows.append((name, reading))
    return rows


def test_readings_match_those_stored_before_the_package_was_dropped():
    rows = _expected()
    assert len(rows) >= 400
    wrong = [(name, reading, sino_korean(name)) for name, reading in rows if sino_korean(name) != reading]
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("text,reading", [
    ("李", "이"), ("林", "임"), ("龍", "용"), ("柳", "유"),      # 리 림 룡 류 at a word's start
    ("女", "여"), ("年", "연"),                                  # 녀 년
    ("羅", "나"), ("勞", "노"), ("雷", "뇌"),                     # 라 로 뢰
    ("李李", "이리"), ("林林", "임림"),                            # only the first is at the start
    ("比律", "비율"),                                            # 률 after a vowel
    ("法律", "법률"),                                            # after a final: kept
    ("先烈", "선렬"),                                            # after ㄴ: kept as the package had it
    ("A李", "A리"), (" 李", " 이"), ("李 李", "이 이"),            # a word starts after a space
])
def test_initial_sound_rule(text, reading):
    assert read_hanja(text) == reading


def test_table_is_one_hangul_syllable_per_character():
    table = readings()
    assert len(table) > 20000
    assert all(len(ch) == 1 and len(r) == 1 and "가" <= r <= "힣" for ch, r in table.items())
    # compatibility ideographs stay their own keys (not folded into the unified ones)
    assert "\uf981" in table and "\u5973" in table


def test_unknown_characters_are_kept():
    assert read_hanja("x!") == "x!"
    assert sino_korean("abc") == ""


def test_sino_korean_word_still_told_from_a_transliteration():
    assert is_sino_korean_word("일대일로", "一带一路")
    assert not is_sino_korean_word("캉줘야", "康卓亚")


def test_no_hanja_package_at_run_time():
    code = ("import sys; sys.modules['hanja'] = None\n"
            "from extraction.translit import sino_korean\n"
            "assert sino_korean('一带一路') == '일대일로', sino_korean('一带一路')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
