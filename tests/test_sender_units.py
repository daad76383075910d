"""The reader's place units (read/sender.py) are found within runs of ideographs and brackets, with a
pattern that needs no CJK class: the same units the class pattern found."""

from __future__ import annotations

import re

import pytest

from generator.lexicon.chars import HAN
from generator.read import sender
from generator.resources import DATA, load_data


def _reference() -> re.Pattern:
    suffixes = "|".join(re.escape(s) for s, _ in load_data(DATA / "units.yaml")["places"])
    return re.compile(rf"[{HAN}（）()XＸ×]{{1,14}}?(?:{suffixes})(?![市县区旗州盟])(?:[（(][{HAN}]{{1,12}}[）)])?")


@pytest.mark.parametrize(
    "text",
    [
        "长沙市开福区人民政府",
        "2023年长沙市开福区人民政府",
        "广东省司法厅",
        "抚州市高新区（新市区）管委会",
        "黄湾镇委员会黄湾镇人民政府",
        "A县B区",
        "XX市1区2县",
        "（长沙市）开福区",
        "开福区。天心区，岳麓区",
        "长沙市\n开福区",
    ],
)
def test_units_and_place_as_the_class_pattern_finds_them(text):
    unit = _reference()
    assert sender._units(text) == unit.findall(text)
    clean = sender._clean(text)
    whole = re.match(rf"(?:{unit.pattern})+", clean)
    assert sender.place_of(text) == (whole.group() if whole else "")
