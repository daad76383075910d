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


def _names() -> list[str]:
    """Organ names as drafts write them: fixtures' titles and signatures, and made-up hard cases."""
    from conftest import ROOT

    names = [
        "长沙市开福区人民政府",
        "开福区人民政府办公室",
        "黄湾镇委员会黄湾镇人民政府",
        "某某区政府办公室政府",
        "某县人民政府办公厅",
        "X区党工委管委会",
        "Y市委员会",
        "市政府",
        "区人民政府\n",
        "镇人民政府\n办公室",
        "法治政府建设领导小组",
        "长沙县领导小组办公室",
        "中共抚州市委抚州市人民政府",
        "中国共产党某县委员会",
        " 中共 长沙市 委员会 ",
    ]
    for path in sorted((ROOT / "tests/fixtures").rglob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        names += [line.strip() for line in lines[:8] + lines[-12:] if 0 < len(line.strip()) <= 40]
    return names


def test_organ_words_removed_as_the_patterns_did():
    organs = tuple(load_data(DATA / "units.yaml")["organs"])
    alternatives = "|".join(re.escape(o) for o in organs)
    end, inside = re.compile(f"(?:{alternatives})$"), re.compile(f"(?<=[区县市旗镇乡])(?:{alternatives})(?=.)")
    for name in _names():
        for text in (name, name.strip(), sender._clean(name)):
            if "\n" not in text:  # the reader's names never hold one: `$` would also match before it
                assert sender._without_end_organ(text, organs) == end.sub("", text), text
            assert sender._without_inner_organs(text, organs) == inside.sub("", text), text


def test_clean_as_the_patterns_did():
    for name in _names():
        text = re.sub(r"\s+", "", name.replace("\n", ""))
        text = re.sub(r"^(?:中共|中国共产党)", "", text)
        text = re.sub(r"(?<=[区县市旗镇乡])(?:党?委员会|党委|委)(?=\S)", "", text)
        assert sender._clean(name) == text, name
