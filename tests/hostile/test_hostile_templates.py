"""`--templates`: a template is code. Every resource bound, every refused include and every class of
template failure is exit 2 with the template's file and line, in bounded time and memory."""

from __future__ import annotations

import os

import pytest
from harness import assert_refused, example, fazhi, listing

SPEC = "template-county-2025.yaml"


def render_with(tmp_path, body: str | bytes, *, files: dict | None = None, template_seconds=None):
    """Render the starter example with a user template folder holding annual-report.j2 = body."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    target = folder / "annual-report.j2"
    target.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    for name, content in (files or {}).items():
        path = folder / name
        if callable(content):
            content(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    spec = example(SPEC, tmp_path)
    before = listing(tmp_path)
    run = fazhi(
        "render",
        spec,
        "-o",
        tmp_path / "out.docx",
        "--templates",
        folder,
        cwd=tmp_path,
        template_seconds=template_seconds,
    )
    assert listing(tmp_path) == before, "a file was left behind"
    return run


# (id, template body, fragment of the message, line named)
RESOURCES = [
    ("range-huge", "第一行\n{{ range(10**9)|list }}", "range() 的范围过大", 2),
    ("string-times", "第一行\n{{ 'x' * 10**9 }}", "乘法「*」的结果过长", 2),
    ("string-times-literal", "{{ 'x' * 1000000000 }}", "乘法「*」的结果过长", 1),
    ("list-times", "{{ [0] * 10**9 }}", "乘法「*」的结果过长", 1),
    ("power", "{{ 2 ** (10**9) }}", "乘方「**」的结果数值过大", 1),
    ("printf-width-filter", "{{ '%999999999d'|format(1) }}", "宽度或精度过大", 1),
    ("printf-width-operator", "{{ '%999999999d' % 1 }}", "宽度或精度过大", 1),
    ("format-method-width", "{{ '{:>999999999}'.format(1) }}", "宽度或精度过大", 1),
    ("ljust", "{{ 'x'.ljust(10**9) }}", "宽度", 1),
    ("center-filter", "{{ 'x'|center(1000000000) }}", "居中（center）", 1),
    ("replace-filter", "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}", "替换（replace）", 1),
    ("join-filter", "{{ range(100000)|join('y' * 100000) }}", "连接（join）", 1),
    ("indent-filter", "{{ ('a\\n' * 100000)|indent('y' * 100000) }}", "缩进（indent）", 1),
    (
        "doubling-concat",
        "{% set ns = namespace(s='x') %}\n{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "内容过长",
        2,
    ),
    (
        "doubling-plus",
        "{% set ns = namespace(s='x') %}\n{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "加法「+」的结果过长",
        2,
    ),
    (
        "slices-volume",
        "{% set s = 'x' * 9000000 %}{% set ns = namespace(l=[]) %}\n"
        "{% for i in range(1000) %}{% set ns.l = ns.l + [s[i:]] %}{% endfor %}",
        "总量过大",
        2,
    ),
    ("lipsum-loop", "{% for i in range(100000) %}{{ lipsum(1000) }}{% endfor %}", "lipsum()", 1),
]


@pytest.mark.parametrize("body, fragment, line", [r[1:] for r in RESOURCES], ids=[r[0] for r in RESOURCES])
def test_resource_bound(tmp_path, body, fragment, line):
    run = render_with(tmp_path, body)
    assert_refused(run, "模板超出限制", fragment, where=rf"tpl/annual-report\.j2:{line}: ")


def test_output_size_bound(tmp_path):
    run = render_with(
        tmp_path,
        "{% for i in range(100000) %}{% for j in range(1000) %}"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    )
    assert_refused(run, "模板输出过长", where=r"tpl/annual-report\.j2")


def test_wall_clock_bound_in_loops_that_tick(tmp_path):
    run = render_with(
        tmp_path,
        "第一行\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        template_seconds=1,
    )
    assert_refused(run, "模板运行超过 1 秒", where=r"tpl/annual-report\.j2:2: ")


def test_wall_clock_bound_in_loops_that_call_nothing(tmp_path):
    """Loops over a string call no hook at all: the alarm stops them."""
    run = render_with(
        tmp_path,
        "{% set s = 'x' * 5000 %}\n{% for a in s %}{% for b in s %}{% for c in s %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        template_seconds=1,
    )
    assert_refused(run, "模板运行超过 1 秒", where=r"tpl/annual-report\.j2:2: ")


def _symlink(target):
    return lambda path: os.symlink(target, path)


def _fifo(path):
    os.mkfifo(path)


def test_include_of_a_missing_file(tmp_path):
    run = render_with(tmp_path, "第一行\n{% include 'nope.j2' %}")
    assert_refused(run, "找不到模板「nope.j2」", where=r"tpl/annual-report\.j2:2: ")


@pytest.mark.parametrize(
    "statement", ["{% import 'nope.j2' as n %}", "{% from 'nope.j2' import m %}", "{% extends 'nope.j2' %}"]
)
def test_import_and_extends_of_a_missing_file(tmp_path, statement):
    run = render_with(tmp_path, f"第一行\n{statement}")
    assert_refused(run, "找不到模板「nope.j2」", where=r"tpl/annual-report\.j2:2: ")


def test_include_outside_the_folder(tmp_path):
    (tmp_path / "outside.j2").write_text("秘密", encoding="utf-8")
    run = render_with(tmp_path, "第一行\n{% include '../outside.j2' %}")
    assert_refused(run, "指向模板目录之外", where=r"tpl/annual-report\.j2:2: ")


def test_symlink_leading_outside_the_folder(tmp_path):
    (tmp_path / "outside.j2").write_text("秘密", encoding="utf-8")
    run = render_with(tmp_path, "第一行\n{% include 'link.j2' %}", files={"link.j2": _symlink(tmp_path / "outside.j2")})
    assert_refused(run, "指向模板目录之外", where=r"tpl/annual-report\.j2:2: ")


def test_include_of_an_absolute_path(tmp_path):
    run = render_with(tmp_path, "第一行\n{% include '/etc/hostname' %}")
    assert_refused(run, "是绝对路径", where=r"tpl/annual-report\.j2:2: ")


@pytest.mark.parametrize(
    "statement",
    ["{% include 'annual-report.j2' %}", "{% extends 'annual-report.j2' %}", "{% import 'annual-report.j2' as me %}"],
)
def test_template_including_itself(tmp_path, statement):
    run = render_with(tmp_path, f"{statement}\n第二行")
    assert_refused(run, "模板递归过深", where=r"tpl/annual-report\.j2:1: ")


def test_template_not_utf8(tmp_path):
    run = render_with(tmp_path, "第一行\n第二行".encode("gbk"))
    assert_refused(run, "不是 UTF-8", where=r"tpl/annual-report\.j2:1: ")


def test_included_template_not_utf8(tmp_path):
    run = render_with(tmp_path, "第一行\n{% include 'part.j2' %}", files={"part.j2": "甲\n乙\n丙".encode() + b"\xff"})
    assert_refused(run, "不是 UTF-8", where=r"tpl/part\.j2:3: ")


@pytest.mark.parametrize(
    "name, make, fragment",
    [
        ("folder.j2", lambda path: path.mkdir(), "这是一个文件夹"),
        ("pipe.j2", _fifo, "命名管道"),
        ("zero.j2", _symlink("/dev/zero"), "指向模板目录之外（/dev/zero）"),
        ("big.j2", lambda path: path.write_bytes(b"x" * 2_000_001), "模板文件过大"),
    ],
    ids=["folder", "fifo", "dev-zero", "too-large"],
)
def test_include_of_what_is_not_a_template_file(tmp_path, name, make, fragment):
    run = render_with(tmp_path, f"第一行\n{{% include '{name}' %}}", files={name: make})
    assert_refused(run, fragment, where=r"tpl/annual-report\.j2:2: ")


# Every class of template failure: (id, body, fragment, line)
FAILURES = [
    ("syntax", "第一行\n{% if %}", "模板语法错误", 2),
    ("unclosed-block", "第一行\n{% for x in [1] %}\n第三行", "模板意外结束", 3),
    ("unknown-filter", "第一行\n{{ 1|nosuch }}", "没有名为「nosuch」的过滤器", 2),
    ("undefined", "第一行\n{{ nosuch.x }}", "未定义的变量", 2),
    ("sandbox", "第一行\n{{ ''.__class__ }}", "不允许的操作", 2),
    ("type-error", "第一行\n{{ 1 + 'a' }}", "TypeError", 2),
    ("zero-division", "第一行\n{{ 1 / 0 }}", "ZeroDivisionError", 2),
    ("runtime-error", "第一行\n{% set x = 1 %}{% set x.a = 1 %}", "模板运行出错", 2),
    ("filter-argument", "第一行\n{{ {}|dictsort(by='x') }}", "模板运行出错", 2),
    ("unicode", "第一行\n{{ '法'.encode('ascii') }}", "编码有误", 2),
    ("float-overflow", "第一行\n{{ 10.0 ** 1000 }}", "数值过大", 2),
    ("macro-recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(1) }}", "模板递归过深", 1),
    ("unknown-directive", "@bogus 指令", "未知指令「@bogus」", 1),
]


@pytest.mark.parametrize("body, fragment, line", [r[1:] for r in FAILURES], ids=[r[0] for r in FAILURES])
def test_every_class_of_template_failure_is_located(tmp_path, body, fragment, line):
    run = render_with(tmp_path, body)
    assert_refused(run, fragment, where=rf"annual-report\.j2:{line}: ")


def test_nesting_too_deep_to_compile(tmp_path):
    run = render_with(tmp_path, "{% if true %}" * 300 + "x" + "{% endif %}" * 300)
    assert_refused(run, "嵌套层数过多", where=r"tpl/annual-report\.j2")


def test_templates_folder_missing_or_a_file(tmp_path):
    spec = example(SPEC, tmp_path)
    assert_refused(
        fazhi("render", spec, "--templates", tmp_path / "nope", cwd=tmp_path), "模板目录不存在", where=r"nope: "
    )
    assert_refused(fazhi("render", spec, "--templates", spec, cwd=tmp_path), "应为文件夹", where=r"\.yaml: ")
    assert not (tmp_path / "template-county-2025.docx").exists()
