"""Chinese → Korean transliteration (중국어 표기법) and comparison of Korean spellings."""
from __future__ import annotations

import pytest

from extraction.translit import (jamo, looks_transliterated, similarity, syllable_to_hangul,
                                 transliterate, variant_key)


@pytest.mark.parametrize("chinese,korean", [
    ("小鹏", "샤오펑"),
    ("华为", "화웨이"),
    ("中关村", "중관춘"),
    ("天府", "톈푸"),
    ("西安", "시안"),
    ("江苏", "장쑤"),
    ("清华", "칭화"),
    ("康卓亚", "캉줘야"),
    ("北京", "베이징"),
    ("上海", "상하이"),
    ("深圳", "선전"),
    ("重庆", "충칭"),      # heteronym: chóng here, not zhòng
    ("比亚迪", "비야디"),
    ("宁德时代", "닝더스다이"),
    ("厦门", "샤먼"),
    ("哈尔滨", "하얼빈"),
    ("乌鲁木齐", "우루무치"),
    ("呼和浩特", "후허하오터"),
    ("合肥", "허페이"),
    ("长沙", "창사"),
    ("日照", "르자오"),
    ("资阳", "쯔양"),
    ("徐州", "쉬저우"),
    ("吕梁", "뤼량"),
    ("元宝", "위안바오"),
    ("军工", "쥔궁"),
])
def test_transliterate(chinese, korean):
    assert transliterate(chinese) == korean


def test_transliterate_traditional_and_mixed_input():
    assert transliterate("華為") == "화웨이"
    # non-Han characters are dropped
    assert transliterate("小鹏 Xpeng 汽车!") == transliterate("小鹏汽车") == "샤오펑치처"
    assert transliterate("ABC 123") == ""
    assert transliterate("") == ""


@pytest.mark.parametrize("pinyin,korean", [
    ("zhi", "즈"), ("chi", "츠"), ("shi", "스"), ("ri", "르"), ("zi", "쯔"), ("ci", "츠"), ("si", "쓰"),
    ("jiang", "장"), ("qiao", "차오"), ("xian", "셴"), ("jian", "젠"), ("tian", "톈"),
    ("xue", "쉐"), ("quan", "취안"), ("jun", "쥔"), ("lü", "뤼"), ("lv", "뤼"),
    ("yan", "옌"), ("yue", "웨"), ("er", "얼"), ("wei", "웨이"),
    ("guo", "궈"), ("gui", "구이"), ("zhou", "저우"), ("bo", "보"), ("feng", "펑"),
])
def test_syllables(pinyin, korean):
    assert syllable_to_hangul(pinyin) == korean


def test_unknown_syllable():
    assert syllable_to_hangul("xyz") == ""
    assert syllable_to_hangul("q") == ""


@pytest.mark.parametrize("korean,chinese", [
    ("캉줘야", "康卓亚"),
    ("샤오펑", "小鹏"),
    ("샤오펑자동차", "小鹏汽车"),   # the transliterated beginning is enough
    ("훙퉁테크", "宏通科技"),
    ("텐푸", "天府"),               # a common variant spelling still counts
    ("위수커지", "宇树科技"),
    ("화웨이", "華為"),
])
def test_looks_transliterated_true(korean, chinese):
    assert looks_transliterated(korean, chinese)


@pytest.mark.parametrize("korean,chinese", [
    ("국산 반도체", "国产芯片"),
    ("인공지능", "人工智能"),
    ("자율주행", "自动驾驶"),
    ("전기차", "电动汽车"),
    ("상하이모터쇼", "北京车展"),   # a transliteration, but of another name
])
def test_looks_transliterated_false(korean, chinese):
    assert not looks_transliterated(korean, chinese)


def test_looks_transliterated_needs_two_syllables_and_two_han():
    assert not looks_transliterated("화", "华为")
    assert not looks_transliterated("화웨이", "华")
    assert not looks_transliterated("Huawei", "华为")


@pytest.mark.parametrize("a,b", [
    ("톈푸", "텐푸"),
    ("중관춘", "중관촌"),
    ("톈푸신구", "텐푸신구"),
    ("쯔양", "즈양"),
    ("쓰촨", "스촨"),
    ("샤오펑", "샤오펑"),
])
def test_variant_key_equal(a, b):
    assert variant_key(a) == variant_key(b)


@pytest.mark.parametrize("a,b", [
    ("베이징", "상하이"),
    ("쑤저우", "우저우"),
    ("포니닷컴이아이", "포니닷컴에이아이"),  # a syllable differs: left to similarity()
    ("허페이", "허베이"),
    ("창사", "창저우"),
])
def test_variant_key_different(a, b):
    assert variant_key(a) != variant_key(b)


def test_jamo_and_similarity():
    assert jamo("한A") == "ㅎㅏㄴA"
    assert jamo("가") == "ㄱㅏ"
    assert similarity("화웨이", "화웨이") == 1.0
    assert similarity("포니닷컴이아이", "포니닷컴에이아이") >= 0.88
    assert similarity("베이징", "상하이") < 0.5
    assert similarity("", "화웨이") == 0.0
