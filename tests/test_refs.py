"""References in spec text: the allowed forms expand, everything else is refused with its location."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import KAIFU, ROOT

from generator.errors import SpecError
from generator.kinds.common import Figure
from generator.spec import refs
from generator.spec.loading import load_yaml_text
from generator.spec.validate import validate

SPEC = """\
kind: annual-report
jurisdiction: {name: 开福区, full_name: 长沙市开福区, level: district}
year: 2022
recipients: [[中共长沙市委]]
figures:
  new_services: {value: 50, unit: 项, label: 新增政务服务事项}
  rate: {value: 99.5, unit: "%"}
measures:
  sections:
    - title: 依法全面履行政府职能
      text: TEXT
shortcomings: {text: 还有不足。}
next_year: {text: 继续努力。}
issuers: [长沙市开福区人民政府]
date: 2023-01-04
"""
TEXT_LINE = 11
TEXT_COLUMN = SPEC.splitlines()[TEXT_LINE - 1].index("TEXT") + 1


def spec_with(text: str, source: str = SPEC):
    """The spec with `text` as the measures text, double-quoted (JSON escapes are YAML escapes)."""
    return validate(load_yaml_text(source.replace("TEXT", json.dumps(text, ensure_ascii=False)), "spec.yaml"))


def measures_text(text: str) -> str:
    return spec_with(text).measures.sections[0].text[0]


def refused(text: str, source: str = SPEC):
    """The problems for a spec whose measures text is `text`."""
    with pytest.raises(SpecError) as info:
        spec_with(text, source)
    return info.value.problems


# ---------------------------------------------------------------- allowed forms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("新增{{ figures.new_services }}项", "新增50项"),
        ("新增{{figures.new_services}}项", "新增50项"),
        ("新增{{ figures . new_services }}项", "新增50项"),
        ("新增{{ figures.new_services.full }}", "新增50项"),
        ("新增{{ figures.new_services.value }}项", "新增50项"),
        ("单位{{ figures.new_services.unit }}", "单位项"),
        ("{{ figures.new_services.label }}", "新增政务服务事项"),
        ("满意度{{ figures.rate.full }}", "满意度99.5%"),
        ("{{ year }}年", "2022年"),
        ("{{ jurisdiction.name }}、{{ jurisdiction.full_name }}", "开福区、长沙市开福区"),
        ("没有引用的文字，含单个括号 { 和 } 与 }}", "没有引用的文字，含单个括号 { 和 } 与 }}"),
        ("{{ figures.new_services }}{{ figures.new_services }}", "5050"),
    ],
)
def test_allowed_forms_expand(text, expected):
    assert measures_text(text) == expected


def test_full_name_defaults_to_name():
    spec = spec_with("{{ jurisdiction.full_name }}", SPEC.replace("full_name: 长沙市开福区, ", ""))
    assert spec.measures.sections[0].text[0] == "开福区"


def test_unicode_figure_name():
    spec = spec_with("{{ figures.满意率.full }}", SPEC.replace("rate:", "满意率:"))
    assert spec.measures.sections[0].text[0] == "99.5%"


def test_year_over_year_names_are_accepted_by_the_parser():
    for attr in ("change", "percent", "previous"):
        (ref,) = refs.parse(f"{{{{ figures.x.{attr} }}}}")
        assert ref == refs.Ref("figures", "x", attr, 0, f"{{{{ figures.x.{attr} }}}}")


def test_year_over_year_attribute_the_model_lacks_is_located():
    figure = Figure(value=5)
    context = refs.Context({"x": figure}, 2022, None)
    if hasattr(figure, "previous"):  # the Figure model has the helpers: a missing previous value is refused
        with pytest.raises(refs.RefError):
            refs.expand("{{ figures.x.previous }}", context)
        return
    problems = refused("增长{{ figures.new_services.change }}")
    assert "「change」" in problems[0].message
    assert (problems[0].line, problems[0].column) == (TEXT_LINE, TEXT_COLUMN + 3)


def test_figures_are_not_expanded_and_strings_elsewhere_are():
    spec = validate(
        load_yaml_text(
            SPEC.replace("TEXT", "x")
            .replace("还有不足。", "'{{ year }}年还有不足。'")
            .replace("label: 新增政务服务事项", "label: '{{ year }}'"),
            "s.yaml",
        )
    )
    assert spec.shortcomings.text == ["2022年还有不足。"]
    assert spec.figures["new_services"].label == "{{ year }}"


# ---------------------------------------------------------------- refused forms, located

REFUSED = [
    ("{{ range(10**9)|list }}", "过滤器"),
    ("{{ 'a'*10**9 }}", "字符串"),
    ("{{ lipsum() }}", "调用函数"),
    ("{{ figures.new_services|int }}", "过滤器"),
    ("{{ figures.new_services.__class__ }}", "没有「__class__」"),
    ("{{ figures['new_services'] }}", "下标"),
    ("{{ figures.new_services + 1 }}", "运算"),
    ("{{ cycler.__init__.__globals__ }}", "「cycler」不是可引用的名称"),
    ("{{ 10**9 }}", "运算或数字"),
    ("{{ }}", "空的"),
    ("{{ figures }}", "数字的名称"),
    ("{{ jurisdiction }}", "jurisdiction.name"),
    ("{{ jurisdiction.level }}", "不能引用「level」"),
    ("{{ year.real }}", "写法不对"),
    ("{{ figure.new_services }}", "是否想写「figures」"),
    ("{% for i in range(10**9) %}x{% endfor %}", "{% %} 语句"),
    ("{% set x = 1 %}", "{% %} 语句"),
    ("{# 注释 #}", "注释"),
    ("{{ figures.new_services 项", "没有对应的「}}」"),
    ("{{ figures.new_services.fulll }}", "是否想写「full」"),
]


@pytest.mark.parametrize("text, fragment", REFUSED, ids=[t for t, _ in REFUSED])
def test_refused_forms_are_located(text, fragment):
    prefix = "前文"
    (problem,) = refused(prefix + text)
    assert fragment in problem.message, problem.message
    assert re.search(r"[\u4e00-\u9fff]", problem.message)
    assert (problem.file, problem.line) == ("spec.yaml", TEXT_LINE)
    # the column of the tag itself: after the opening quote and the prefix
    assert problem.column == TEXT_COLUMN + 1 + len(prefix), problem
    assert problem.field == "measures.sections[0].text[0]"


def test_unknown_figure_did_you_mean():
    (problem,) = refused("新增{{ figures.new_service }}项")
    assert "未定义的数字「new_service」" in problem.message
    assert "是否想写「new_services」" in problem.message
    assert (problem.line, problem.column) == (TEXT_LINE, TEXT_COLUMN + 3)


def test_unknown_figure_lists_known_ones_when_nothing_is_close():
    (problem,) = refused("{{ figures.zzz }}")
    assert "已定义的数字：new_services、rate" in problem.message


def test_every_bad_reference_is_reported_at_once():
    spec = SPEC.replace("TEXT", "'{{ figures.a }}'").replace("还有不足。", "'{{ lipsum() }}'")
    with pytest.raises(SpecError) as info:
        validate(load_yaml_text(spec, "spec.yaml"))
    problems = info.value.problems
    assert [p.line for p in problems] == [TEXT_LINE, SPEC.splitlines().index("shortcomings: {text: 还有不足。}") + 1]


def test_reference_on_a_later_line_of_a_block_scalar():
    text = SPEC.replace("      text: TEXT", "      text: |\n        第一段。\n        第二段{{ figures.nope }}。")
    with pytest.raises(SpecError) as info:
        validate(load_yaml_text(text, "spec.yaml"))
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (TEXT_LINE + 2, len("        第二段") + 1)


def test_escaped_string_falls_back_to_the_field():
    # a double-quoted escape (\x7b is "{") means the tag as written is not in the source
    with pytest.raises(SpecError) as info:
        validate(load_yaml_text(SPEC.replace("TEXT", '"\\x7b{ lipsum() }}"'), "spec.yaml"))
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (TEXT_LINE, TEXT_COLUMN - len("text: "))


def test_parse_splits_literals_and_references():
    pieces = refs.parse("a{{ year }}b{{ figures.x.full }}")
    assert pieces[0] == "a" and pieces[2] == "b"
    assert pieces[1].root == "year" and pieces[3][:3] == ("figures", "x", "full")
    assert pieces[3].start == len("a{{ year }}b")


def test_spec_text_never_imports_jinja():
    code = (
        "import sys; from generator.spec.validate import load_spec; load_spec(sys.argv[1]); "
        "assert 'jinja2' not in sys.modules, 'jinja2 imported'"
    )
    result = subprocess.run([sys.executable, "-c", code, str(KAIFU)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
