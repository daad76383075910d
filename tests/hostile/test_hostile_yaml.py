"""Hostile and broken YAML: bombs and deep nesting refused before they cost anything, parser errors in
Chinese with line, column and what to do, odd numbers refused, long values cut in messages."""

from __future__ import annotations

import pytest
from harness import assert_refused, example, fazhi, listing


def render_text(tmp_path, text: str | bytes):
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = listing(tmp_path)
    run = fazhi("render", spec, cwd=tmp_path)
    assert listing(tmp_path) == before, "a file was left behind"
    return run


def billion_laughs() -> str:
    lines = ["kind: annual-report", 'a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_the_alias(tmp_path):
    run = render_text(tmp_path, billion_laughs())
    assert_refused(run, "层层展开后内容过多", where=r"spec\.yaml:6:\d+: ", seconds=4)


def test_alias_bomb_behind_line_start_byte_order_marks_is_refused(tmp_path):
    """libyaml skips a U+FEFF at the start of any line: anchors written after one still count."""
    text = billion_laughs().replace(": &a", ":\n\ufeff&a")
    assert text.count("\ufeff") == 10
    run = render_text(tmp_path, text)
    assert_refused(run, "层层展开后内容过多", seconds=4)


def test_recursive_alias(tmp_path):
    run = render_text(tmp_path, "kind: annual-report\nloop: &x [a, *x]\n")
    assert_refused(run, "循环引用", where=r"spec\.yaml:2:14: ")


@pytest.mark.parametrize("depth", [150, 100_000])
def test_deep_flow_nesting(tmp_path, depth):
    run = render_text(tmp_path, "kind: annual-report\nyear: " + "[" * depth + "]" * depth + "\n")
    assert_refused(run, "嵌套层数过多", where=r"spec\.yaml:2:\d+: ")


def test_deep_flow_mapping_nesting(tmp_path):
    run = render_text(tmp_path, "kind: annual-report\nyear: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")
    assert_refused(run, "嵌套层数过多", where=r"spec\.yaml:2:\d+: ")


def test_deep_block_nesting(tmp_path):
    run = render_text(tmp_path, "- " * 3000 + "x\n")
    assert_refused(run, "嵌套层数过多", where=r"spec\.yaml:1:\d+: ")


def test_deep_indentation_nesting(tmp_path):
    run = render_text(tmp_path, "kind: annual-report\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)))
    assert_refused(run, "嵌套层数过多", where=r"spec\.yaml:\d+:\d+: ")


# (id, YAML text, fragment of the message, location)
SYNTAX = [
    ("unclosed-double-quote", 'kind: annual-report\ntitle: "关于报告\nyear: 2022\n', "引号没有闭合", "2:8"),
    ("unclosed-single-quote", "kind: annual-report\ntitle: '关于报告\nyear: 2022\n", "引号没有闭合", "2:8"),
    ("control-character", "kind: annual-report\ntitle: 关于\x01报告\n", "控制字符 U+0001", "2:10"),
    ("nul", "kind: annual-report\ntitle: 关于\x00报告\n", "空字符（NUL", "2:10"),
    ("tab-indentation", "kind: annual-report\njurisdiction:\n\tname: 开福区\n", "Tab 键", "3:1"),
    ("tab-after-spaces", "kind: annual-report\njurisdiction:\n  name: 开福区\n\t level: district\n", "Tab 键", "4:1"),
    ("colon-in-text", "kind: annual-report\ntitle: 关于: 报告\n", "含有“: ”的文字请加引号", "2:10"),
    ("missing-colon", "kind: annual-report\ntitle\nyear: 2022\n", "缺少冒号", "2:1"),
    ("leading-at", "kind: annual-report\nnote: @此件公开发布\n", "以「@」开头的文字请加引号", "2:7"),
    ("unknown-escape", 'kind: annual-report\ntitle: "C:\\报告"\n', "反斜杠", "2:11"),
    ("unclosed-bracket", "kind: annual-report\nissuers: [开福区\nyear: 2022\n", "方括号", "3:5"),
    ("two-documents", "kind: annual-report\n---\nkind: work-plan\n", "只能有一个文档", "2:1"),
    ("undefined-alias", "kind: annual-report\ntitle: *report\n", "引用了未定义的锚点", "2:8"),
    ("alias-name", "kind: annual-report\ntitle: *报告\n", "以「&」「*」开头的文字请加引号", "2:9"),
]


@pytest.mark.parametrize("text, fragment, where", [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_parser_errors_in_chinese_with_line_and_column(tmp_path, text, fragment, where):
    run = render_text(tmp_path, text)
    assert_refused(run, fragment, where=rf"spec\.yaml:{where}: ")
    assert "position" not in run.err and "while scanning" not in run.err


def test_spec_in_gbk(tmp_path):
    run = render_text(tmp_path, "kind: annual-report\ntitle: 关于报告\n".encode("gbk"))
    assert_refused(run, "GBK", "UTF-8", where=r"spec\.yaml:2:\d+: ")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "1.0e+999"])
def test_non_finite_figures_are_refused(tmp_path, value):
    spec = example("template-county-2025.yaml", tmp_path, ("{value: 126,", f"{{value: {value},"))
    run = fazhi("render", spec, cwd=tmp_path)
    assert_refused(run, "无穷大或非数", "figures.review_cases.value", where=r"template-county-2025\.yaml:8:\d+: ")
    assert not (tmp_path / "template-county-2025.docx").exists()


def test_a_5000_digit_figure_is_refused_in_a_short_message(tmp_path):
    spec = example("template-county-2025.yaml", tmp_path, ("{value: 126,", "{value: " + "7" * 5000 + ","))
    run = fazhi("render", spec, cwd=tmp_path)
    assert_refused(run, "位数过多", "…", where=r"template-county-2025\.yaml:8:\d+: ")
    assert len(run.err) < 400, run.err


def test_long_values_are_cut_in_every_message(tmp_path):
    spec = example("template-county-2025.yaml", tmp_path, ("kind: annual-report", "kind: " + "报告" * 3000))
    run = fazhi("render", spec, cwd=tmp_path)
    assert_refused(run, "未知的文档类型", "（共 6000 字）", where=r"template-county-2025\.yaml:3:\d+: ")
    assert len(run.err) < 500, run.err


def test_forbidden_characters_are_the_parsers_report_located_in_characters():
    """libyaml's ReaderError counts UTF-8 bytes: the message's column counts characters; a lone
    surrogate in a str (libyaml cannot even encode it) is one located problem, not a traceback."""
    from generator.errors import FazhiError
    from generator.spec.loading import load_yaml_text

    for text, where, fragment in (
        ("kind: annual-report\ntitle: 关于关于关于\x7f\n", "2:14", "U+007F"),
        ("title: 关于\ud800报告\n", "1:10", "U+D800"),
        ("title: 关于\n\n关于: 中\ufffe\n", "3:6", "U+FFFE"),
    ):
        with pytest.raises(FazhiError) as caught:
            load_yaml_text(text, "spec.yaml")
        (problem,) = caught.value.problems
        assert f"{problem.line}:{problem.column}" == where and fragment in problem.message
