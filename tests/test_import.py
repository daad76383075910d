"""fazhi import: published texts and the examples' renderings into specs, and the round trips."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import ALL_EXAMPLES, EXAMPLES, KAIFU, MAOJIAN, MUDANJIANG, SEEDS
from test_golden_text import normalise, seed_paragraphs

from generator.api import render_bytes
from generator.importer import import_document
from generator.read import read_docx_bytes, read_draft, read_text
from generator.render.build import Options, build_tree
from generator.spec.loading import load_yaml_text
from generator.spec.validate import load_spec, validate
from generator.write.text import to_text

PUBLISHED = {
    "kaifu-2022": "kaifu-2022-report.txt",
    "mudanjiang-2022": "mudanjiang-2022-report.txt",
    "maojian-2024-plan": "maojian-2024-workplan.txt",
}
# Paragraphs of each published text that `render(import(X))` reproduces: all but the two owner lists
# whose 「,」 the importer reads as 「、」 (reported; the golden test treats it as a typo too).
FIGURES = {
    "kaifu-2022": (36, 36),
    "mudanjiang-2022": (21, 21),
    "maojian-2024-plan": (37, 39),
}  # the notice title's three published lines count as one title
EVERY_EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))


def imported(name: str, figures: bool = False):
    return import_document(read_draft(SEEDS / PUBLISHED[name]), name=PUBLISHED[name], figures=figures)


def spec_of(result):
    """The spec the written YAML holds, loaded back as a file would be."""
    return validate(load_yaml_text(result.yaml(), "imported.yaml"))


def text_of(spec, table: bool = False) -> str:
    return to_text(build_tree(spec, Options(table=table)))


# ---------------------------------------------------------------- published texts


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_round_trip_figures(name):
    result = imported(name)
    assert not result.problems
    assert (result.agreement.reproduced, result.agreement.total) == FIGURES[name]
    for ours, theirs in result.agreement.differences:
        assert ours.replace("东城经济开发区，区政府", "东城经济开发区、区政府") == theirs


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_renders_the_seed_text(name):
    """Independent of the importer's own measure: the seed's paragraphs, as the golden test reads them."""
    rendered = normalise(text_of(spec_of(imported(name))))
    assert rendered == seed_paragraphs(name)


def test_kaifu_head_parts_and_points():
    result = imported("kaifu-2022")
    data = result.data
    assert data["jurisdiction"] == {"name": "开福区", "full_name": "长沙市开福区", "level": "district"}
    assert data["year"] == 2022 and data["date"] == dt.date(2023, 1, 4)
    assert data["title"] == "关于2022年度法治政府建设工作情况的报告"
    assert data["recipients"] == [["中共长沙市委", "长沙市人民政府"]]
    assert data["issuers"] == ["中共长沙市开福区委", "长沙市开福区人民政府"]
    assert "leadership" not in data and "other" not in data  # part 3 is missing: not invented
    assert any("第三部分" in g and "没有补写" in g for g in result.guesses)
    assert data["shortcomings"]["points_inline"] is True
    assert data["shortcomings"]["points"][0] == "全民法治思维和法治意识还树得不够牢"
    assert len(data["next_year"]["points"]) == 3 and "points_inline" not in data["next_year"]
    sections = data["measures"]["sections"]
    assert [len(s["items"]) for s in sections] == [2, 4, 4, 3, 4]
    assert sections[0]["items"][0]["title"] == "打造一流法治化营商环境"
    assert "style" not in data  # level 3 runs in, as by default


def test_mudanjiang_runin_style_and_upward_number():
    data = imported("mudanjiang-2022").data
    assert data["doc_number"] == "牡政呈〔2023〕4号"
    assert data["style"]["runin_levels"][0] == 2
    sections = data["measures"]["sections"]
    assert sections[1]["runin"] is False and sections[1]["title"].endswith("。")
    assert all("runin" not in s for i, s in enumerate(sections) if i != 1)
    assert len(data["shortcomings"]["points"]) == 4


def test_maojian_notice_owners_and_groups():
    result = imported("maojian-2024-plan")
    data = result.data
    notice = data["notice"]
    assert notice["approval"] == "区政府十届第39次常务会议" and notice["book_marks"] is False
    assert notice["recipients"] == [["各乡镇", "街道"], ["赛武当自然保护区管理局", "东城经济开发区"], ["区直相关单位"]]
    assert "title" not in notice  # its three published lines joined are the default title (breaks are typesetting)
    assert "title" not in data  # the work points' title is the default one
    first = data["parts"][0]["items"][0]
    assert first["lead"] == ["区政府办", "区委编办", "区行政审批局"]
    group = first["responsible"][0]
    assert group.startswith("$") and data["units"][group[1:]] == [
        "各乡镇街道",
        "赛武当自然保护区管理局",
        "东城经济开发区",
        "区政府相关部门",
    ]
    special = data["parts"][2]["items"][1]
    assert "lead" not in special and special["responsible"][-1] == "各街道和区政府相关部门"
    assert sum("按「、」分开" in g for g in result.guesses) == 2


def test_web_copy_punctuation_restored_and_reported():
    result = imported("kaifu-2022")
    text = result.yaml()
    assert "原文是网页复制的文本" in text and "已改为全角" in text
    strings = list(_strings(result.data))
    assert not any(mark in s for s in strings for mark in ",;()")
    assert any("（2021-2025年）" in s for s in strings)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# ---------------------------------------------------------------- the YAML written


@pytest.mark.parametrize("name", PUBLISHED)
def test_yaml_is_written_for_a_person(name):
    text = imported(name).yaml()
    assert "\\u" not in text and "{" not in text.replace("{{", "")
    assert "  # 推断自" in text  # inferred values say so
    assert ": >-\n" in text  # long paragraphs as folded blocks
    assert yaml.safe_load(text)["kind"] in ("annual-report", "work-plan")


def test_yaml_loads_back_to_the_same_data():
    result = imported("maojian-2024-plan")
    loaded = yaml.safe_load(result.yaml())
    assert loaded["parts"][0]["items"][0]["text"] == result.data["parts"][0]["items"][0]["text"]
    assert loaded["notice"]["recipients"] == result.data["notice"]["recipients"]


# ---------------------------------------------------------------- examples: import(render(spec))


def _examples():
    return [pytest.param(path, id=path.stem) for path in EVERY_EXAMPLE]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("example", _examples())
def test_example_rendering_imports_to_the_identical_text(example, fmt):
    spec = load_spec(example)
    table = spec.kind == "work-plan"
    data = render_bytes(spec, fmt, Options(table=table))
    doc = read_docx_bytes(data, example.name) if fmt == "docx" else read_text(data.decode("utf-8"), example.name)
    result = import_document(doc, name=example.name)
    assert not result.problems
    assert result.agreement.complete, result.agreement.differences[:3]
    assert text_of(spec_of(result), table) == text_of(spec, table)


def test_example_defaults_stay_defaults():
    """The starter template uses the default title, opening and headings: the import writes none."""
    spec = load_spec(EXAMPLES / "template-county-2025.yaml")
    result = import_document(read_docx_bytes(render_bytes(spec), "t.docx"))
    data = result.data
    assert "title" not in data and "opening" not in data
    assert all("heading" not in data[p] for p in ("measures", "shortcomings", "leadership", "next_year", "other"))
    assert data["shortcomings"]["causes"] == ["究其原因，主要是基层法治工作力量不足，学法用法制度落实还不够到位。"]


def test_examples_are_the_published_ones():
    assert {p.stem for p in ALL_EXAMPLES} == {KAIFU.stem, MUDANJIANG.stem, MAOJIAN.stem}
