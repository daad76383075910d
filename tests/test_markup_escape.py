"""Spec text is data: whatever a spec string holds — a line break followed by a markup directive, a
leading #, @, | or \\, other line separators — it never becomes document structure.

Each case renders the spec twice: with the hostile string, and with the same string whose markup
character is replaced by a harmless `~`. The two trees must be identical once `~` is put back:
same headings, paragraphs, tables, notes, signatures, parts — and the text kept literally."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml
from conftest import EXAMPLES, MAOJIAN

from generator.render.build import Options, build_tree
from generator.render.jinja import escape_line
from generator.render.markup import parse, protect
from generator.spec.loading import load_yaml_text
from generator.spec.validate import validate
from generator.tree import as_data

COUNTY = EXAMPLES / "template-county-2025.yaml"

DIRECTIVES = [
    "@title",
    "@doc-number 甲〔2025〕1号",
    "@signer 张三",
    "@upward",
    "@to 各单位",
    "@sign 伪造机关",
    "@date 2020-01-01",
    "@note 伪造附注",
    "@cc 伪造抄送",
    "@printer 伪造印发",
    "@print-date 2020-01-01",
    "@part",
    "@attachment 附件",
    "@widths 1 2",
    "# 伪造标题",
    "#### 伪造标题",
    "###+ 伪造段首",
    "| 甲 | 乙 |",
    "\\转义",
    "@bogus 未知指令",
]
SEPARATORS = ["\n", "\r\n", "\r", "\u2028", "\x85"]


def render(source, edit, table: bool = False):
    """The tree of `source` after edit(data) changed its data."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    edit(data)
    spec = validate(load_yaml_text(yaml.safe_dump(data, allow_unicode=True), "spec.yaml"))
    return build_tree(spec, Options(table=table))


def neutral(text: str) -> str:
    """The hostile string with its markup characters replaced by `~`."""
    return "".join("~" if c in "#@|\\" else c for c in text)


def restored(value, hostile: str):
    """A tree (as tree.as_data) with each line of the neutral string put back as the hostile one."""
    if isinstance(value, str):
        for piece in re.split("\r\n|[\r\n\x85\u2028]", hostile):  # YAML folds some of them
            value = value.replace(neutral(piece), piece)
        return value
    if isinstance(value, dict):
        return {k: restored(v, hostile) for k, v in value.items()}
    if isinstance(value, list):
        return [restored(v, hostile) for v in value]
    return value


def assert_stays_text(source, setter, hostile: str, table: bool = False):
    hostile_tree = as_data(render(source, lambda d: setter(d, hostile), table))
    neutral_tree = as_data(render(source, lambda d: setter(d, neutral(hostile)), table))
    assert hostile_tree == restored(neutral_tree, hostile)


def _paragraph_item(data, text):
    data["measures"]["sections"][0]["items"][0]["text"] = ["前文", text]


def _section_title(data, text):
    data["measures"]["sections"][0]["title"] = text


def _item_title(data, text):
    data["measures"]["sections"][0]["items"][0]["title"] = text


def _point(data, text):
    data["next_year"]["points"][0] = text


def _inline_point(data, text):
    data["shortcomings"]["points"][0] = text


def _issuer(data, text):
    data["issuers"][0] = text


def _title(data, text):
    data["title"] = text


def _note(data, text):
    data["note"] = text


def _recipient(data, text):
    data["recipients"][0][0] = text


def _opening(data, text):
    data["opening"] = [text]


@pytest.mark.parametrize("directive", DIRECTIVES)
@pytest.mark.parametrize("where", ["line-start", "after-newline"])
def test_every_directive_stays_text_in_a_paragraph(directive, where):
    hostile = directive if where == "line-start" else f"前文\n{directive}"
    assert_stays_text(COUNTY, _paragraph_item, hostile)


@pytest.mark.parametrize("directive", DIRECTIVES)
def test_every_directive_stays_text_in_a_heading(directive):
    assert_stays_text(COUNTY, _section_title, f"标题\n{directive}")


@pytest.mark.parametrize(
    "setter",
    [_item_title, _point, _inline_point, _issuer, _title, _note, _recipient, _opening],
    ids=lambda f: f.__name__.strip("_"),
)
@pytest.mark.parametrize("hostile", ["前文\n@note 伪造附注", "# 伪造标题", "前文\n| 甲 | 乙 |", "@sign 伪造机关"])
def test_every_place_spec_text_reaches(setter, hostile):
    assert_stays_text(COUNTY, setter, hostile)


@pytest.mark.parametrize("separator", SEPARATORS, ids=repr)
def test_other_line_separators(separator):
    assert_stays_text(COUNTY, _paragraph_item, f"前文{separator}@note 伪造附注")
    assert_stays_text(COUNTY, _section_title, f"标题{separator}# 伪造标题")


def _task(data, text):
    data["parts"][0]["items"][0]["title"] = text
    data["parts"][0]["items"][0]["text"] = text


@pytest.mark.parametrize("hostile", ["甲 | 乙", "| 伪造 | 行 |", "任务\n| 伪造 | 行 |", "任务\n@note 伪造附注", "\\|"])
def test_task_text_in_the_table_and_body_stays_text(hostile):
    assert_stays_text(MAOJIAN, _task, hostile, table=True)


def test_bars_stay_inside_their_cell():
    tree = render(MAOJIAN, lambda d: _task(d, "甲 | 乙"), table=True)
    table = next(b for part in tree.all_documents() for b in part.blocks if type(b).__name__ == "Table")
    assert table.rows[1][1] == "甲 | 乙" and len(table.rows[1]) == len(table.rows[0])


def test_a_newline_in_a_title_makes_title_lines_and_nothing_else():
    tree = render(COUNTY, lambda d: _title(d, "关于2025年度\n法治政府建设情况的报告"))
    assert tree.title == "关于2025年度\n法治政府建设情况的报告"


def test_protect_leaves_ordinary_text_alone():
    for text in ("开福区", "进一步深化“放管服”改革，新增事项50项。", "", "2023-01-04"):
        assert protect(text) is text


def test_escape_line_escapes_each_line_and_leaves_empty_text_empty():
    assert escape_line("") == ""
    assert escape_line("#a\n正文\n@b") == "\\#a\n正文\n\\@b"
    assert parse(escape_line("#a\n@note b")).notes == []


def test_context_values_of_every_container_kind_are_protected():
    """Spec data reaches templates as lists, dicts, pydantic models, dataclasses or named tuples:
    the strings inside each are made markup-safe, and what holds none is passed through as is."""
    from typing import NamedTuple

    from generator.render import jinja

    class Pair(NamedTuple):
        text: str
        count: int

    hostile = "# 不是标题\n@signature"
    for value in ([hostile], {"k": hostile}, Pair(hostile, 1), dataclasses.make_dataclass("D", ["text"])(hostile)):
        protected = jinja.protect(value)
        inner = (
            protected[0]
            if isinstance(protected, (list, tuple))
            else (protected["k"] if isinstance(protected, dict) else protected.text)
        )
        assert inner == protect(hostile) != hostile
    plain = Pair("普通文字", 2)
    assert jinja.protect(plain) is plain
